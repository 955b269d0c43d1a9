"""Untrusted Markdown -> HTML that cannot run script, in bounded time.

Result files and pages come from pull requests. Escaping raw HTML before rendering is not
enough (attr_list attributes, entity-encoded ``javascript&#58;`` links and reference links all
got through), so the rendered HTML goes through an allowlist sanitiser, nh3 (the Rust crate
ammonia): it parses the HTML as a browser does, entities decoded, and keeps only the tags,
attributes and URL schemes listed here. Python-Markdown itself is quadratic on nested brackets
and recursive on nested elements, so its input is bounded before it runs.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from contextlib import contextmanager

import nh3

MAX_MARKDOWN_CHARS = 256 * 1024  # a long documentation page is ~30 k characters
MAX_NESTING = 32  # unclosed '[' or '(' at once; Markdown's link parser is quadratic in this
MAX_SECONDS = 10  # the last bound: a conversion still running after this is refused
# All the Markdown one build process renders (pages, interpretations): a page just under its
# deadline times hundreds of pages ran for hours (eight 32 KB pages took 63 s, each under 10 s).
MAX_TOTAL_SECONDS = 120
_spent = [0.0]

_TAGS = (set(nh3.ALLOWED_TAGS) - {"area", "map"}) | {"tfoot"}
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"style", "align", "colspan", "rowspan", "scope"},
    "td": {"style", "align", "colspan", "rowspan"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto"}  # plus relative URLs and #fragments, which nh3 keeps

# Untrusted ids live in their own namespace, as on GitHub ("user-content-"): a heading or
# `{#chart-spec}` in a description must not clobber an id the theme's scripts look up, nor
# duplicate one of the page's own (`## Methods` beside the report's Methods section).
ID_PREFIX = "md-"
# Classes the Markdown extensions write keep their names; any other (`{.visually-hidden}`,
# `{.bb-data}`) would borrow the theme's styles or script hooks, so it gets the prefix too
# (a site's own CSS styles `.md-note`).
_CLASSES = {"headerlink", "toclink", "footnote", "footnote-ref", "footnote-backref", "footnote-backref-text"}
_LANGUAGE = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")


# An image's address that leaves the site: a scheme ("https:"), or "//" or "/\\" (browsers read
# both as another host). The site loads nothing from third parties (a contributor's image would
# tell its server who reads the page), so such an image keeps its alt text and loses its src;
# an image copied into static/ and linked relatively is shown.
_OFF_SITE = re.compile(r"[\x00-\x20]*(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\][\x00-\x20]*[/\\])")


_URL_IGNORED = {9: None, 10: None, 13: None}


def _attribute(tag: str, attr: str, value: str) -> str | None:
    if attr == "src" and _OFF_SITE.match(value.translate(_URL_IGNORED)):  # a browser drops tabs and line breaks from a URL: "ht\ntps:"
        return None
    if attr == "id":
        return ID_PREFIX + value
    if attr == "href" and value.startswith("#") and len(value) > 1:
        return "#" + ID_PREFIX + value[1:]
    if attr == "class":
        return " ".join(c if c in _CLASSES or _LANGUAGE.fullmatch(c) else ID_PREFIX + c for c in value.split()) or None
    return value


def clean(html: str) -> str:
    """Keep only inert HTML: no script, style, frames, forms, event handlers or foreign
    URL schemes (javascript:, data:, vbscript: however they are spelled)."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
        attribute_filter=_attribute,
    )


def prefix_toc(tokens: list[dict]) -> list[dict]:
    """Markdown's table of contents, with the ids ``clean`` gave the headings."""
    return [{**t, "id": ID_PREFIX + t["id"], "children": prefix_toc(t.get("children", []))} for t in tokens]


class MarkdownTooComplex(Exception):
    """The text cannot be rendered within the bounds; the message says what to change."""


def check_bounds(text: str) -> None:
    """Refuse, before rendering, text whose rendering would take minutes."""
    if len(text) > MAX_MARKDOWN_CHARS:
        raise MarkdownTooComplex(
            f"Markdown is {len(text):,} characters, over the limit of {MAX_MARKDOWN_CHARS:,} (split it into several pages)"
        )
    depth = {"[": 0, "(": 0}
    closing = {"]": "[", ")": "("}
    for char in text:
        if char in depth:
            depth[char] += 1
            if depth[char] > MAX_NESTING:
                raise MarkdownTooComplex(
                    f"more than {MAX_NESTING} unclosed '{char}' in a row (brackets nested this deep take "
                    "minutes to render; close them or escape them as \\" + char + ")"
                )
        elif char in closing and depth[closing[char]]:
            depth[closing[char]] -= 1


@contextmanager
def deadline(seconds: float = MAX_SECONDS, error: Exception | None = None):
    """Raise ``error`` (by default MarkdownTooComplex) if the block uses more than ``seconds``
    of this process's CPU time (ITIMER_PROF: a busy machine slows a page's wall time, not the
    work it does, so a big site's page is not stopped for the machine's load; a template or
    Markdown that loops still is). Main thread only, and not nested; elsewhere the bounds
    checked before the work are the only guard."""
    if (threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer")
            or signal.getitimer(signal.ITIMER_PROF)[0] > 0):
        yield
        return

    def expire(signum, frame):
        raise error or MarkdownTooComplex(f"Markdown took over {seconds:g} s to render (simplify its nesting)")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def reset_budget() -> None:
    """A build starts with the whole Markdown budget (commands/build.py)."""
    _spent[0] = 0.0


@contextmanager
def budgeted():
    """``deadline`` for one conversion, within what is left of the build process's Markdown
    budget (MAX_TOTAL_SECONDS of CPU time); the conversion that spends the rest is refused."""
    left = MAX_TOTAL_SECONDS - _spent[0]
    spent = MarkdownTooComplex(f"the site's Markdown took over {MAX_TOTAL_SECONDS} s of CPU time in all "
                               "(make its pages simpler or shorter)")
    if left <= 0:
        raise spent
    started = time.process_time()
    try:
        with deadline(min(MAX_SECONDS, left), spent if left < MAX_SECONDS else None):
            yield
    finally:
        _spent[0] += time.process_time() - started
