"""Frontier views -> figures for _frontier.html: the static SVG (chart/scatter.py) and the
sentences (templates/text/frontier.txt, frontier_missing.txt), one plain-text form of which is
the SVG's description."""

from __future__ import annotations

from dataclasses import asdict

from markupsafe import Markup

from benchboard.model import SiteConfig
from benchboard.render import sanitize
from benchboard.render.theme import MAX_PAGE_SECONDS, TemplateTooCostly

MAX_TEXT_CHARS = 200_000  # one view's sentences; a site override printing more is stopped


def _render(env, template: str, **context) -> Markup:
    """One template as one paragraph (its line breaks and indents are layout), as prose.py does."""
    text = env.get_template(template).render(**context)
    if len(text) > MAX_TEXT_CHARS:
        raise TemplateTooCostly(f"{template} wrote over {MAX_TEXT_CHARS:,} characters")
    return Markup(" ".join(text.split()))

SHOWN_STEPS = 8  # steps along the frontier worded; the rest are in the view's table


def template_facts(view) -> dict[str, dict]:
    """Template -> the plain data it receives (docs/wording.md), never a Python object."""
    data = asdict(view)
    steps = data["steps"]
    return {
        "text/frontier.txt": {"view": data, "shown_steps": steps[:SHOWN_STEPS], "more_steps": max(len(steps) - SHOWN_STEPS, 0)},
        "text/frontier_missing.txt": {"view": data, "x_name": view.x_title.split(" (")[0].lower()},
    }


def figures(views, env, config: SiteConfig, draw) -> list[dict]:
    """``draw`` is chart.scatter.render (passed in by render.site, which keeps import chains short)."""
    found = []
    for view in views:
        facts = template_facts(view)
        sentence = _render(env, "text/frontier.txt", **facts["text/frontier.txt"])
        missing = _render(env, "text/frontier_missing.txt", **facts["text/frontier_missing.txt"])
        drawn = draw(view, config, f"{sentence.unescape()} {missing.unescape()}".strip())
        found.append({"view": view, "svg": Markup(drawn.svg), "sentence": sentence, "missing": missing})
    return found


def with_figures(context: dict, env, config: SiteConfig, draw) -> dict:
    """A page's context with its frontier views (``frontiers``: a list, or board id -> list) drawn."""
    views = context.get("frontiers")
    if not views:
        return context
    too_slow = TemplateTooCostly(f"the frontier views' text templates took over {MAX_PAGE_SECONDS} s")
    with sanitize.deadline(MAX_PAGE_SECONDS, too_slow):
        return _with_figures(context, views, env, config, draw)


def _with_figures(context: dict, views, env, config: SiteConfig, draw) -> dict:
    if isinstance(views, dict):
        return {**context, "frontiers": {key: figures(value, env, config, draw) for key, value in views.items()}}
    return {**context, "frontiers": figures(views, env, config, draw)}
