"""What a template may write: text bounded in length and free of the characters no page, SVG
or feed can hold, checked as it streams so that the error names the site's template and line;
and names set apart from the sentence around them when they are written right to left.

Templates may be site overrides from a pull request (docs/security.md): a text template that
wrote NUL aborted vl-convert (exit 134), a lone surrogate failed the page's encoding (exit 4),
and 100,000 characters in a chart's subtitle cost vl-convert minutes that no deadline stops.
"""

from __future__ import annotations

import unicodedata

import jinja2
from markupsafe import escape

from benchboard.model import UNWRITABLE



class TemplateTooCostly(Exception):
    """A template asked for more time or memory than any page needs."""


class UnwritableText(jinja2.TemplateError):
    """A template wrote a character no page or chart can hold."""


def refused(template: str, text: str) -> UnwritableText | None:
    """The error for ``text`` written by ``template``, or None when every character may be written."""
    found = UNWRITABLE.search(text)
    if found is None:
        return None
    return UnwritableText(f"{template} wrote U+{ord(found.group()):04X}, a character no page or chart can hold "
                          "(a control character or a lone surrogate)")


def render_text(env: jinja2.Environment, template: str, limit: int, **context) -> str:
    """A text template (a sentence, a chart's words) as it streams, stopped inside the template
    once it writes more than ``limit`` characters or a character no page can hold."""
    parts, size = [], 0
    stream = env.get_template(template).generate(**context)
    for part in stream:
        size += len(part)
        problem = (TemplateTooCostly(f"{template} wrote over {limit:,} characters, more than it is ever drawn or read with")
                   if size > limit else refused(template, part))
        if problem is not None:
            stream.throw(problem)
            raise problem  # not reached: the template re-raises it with its own file and line
        parts.append(part)
    return "".join(parts)


def isolated(name: str) -> str:
    """A name, escaped; in <bdi> when it has right-to-left letters, so that an Arabic or Hebrew
    name does not carry the sentence's next words and numbers across it ("A leads ب by 3.0")."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in name):
        return f"<bdi>{escape(name)}</bdi>"
    return str(escape(name))
