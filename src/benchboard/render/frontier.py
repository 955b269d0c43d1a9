"""Frontier views -> figures for _frontier.html: the static SVG (chart/scatter.py), its spec
for the interactive chart (JSON safe inside <script>, views/jsonembed.py), and the
sentences (templates/text/frontier.txt, frontier_missing.txt), one plain-text form of which is
the SVG's description."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict

from markupsafe import Markup

from benchboard.model import SiteConfig
from benchboard.render.theme import bounded
from benchboard.render.written import render_text
from benchboard.views.jsonembed import embed

MAX_TEXT_CHARS = 200_000  # one view's sentences; a site override printing more is stopped


def _render(env, template: str, **context) -> Markup:
    """One template as one paragraph (its line breaks and indents are layout), as prose.py does:
    streamed, stopped inside the template past MAX_TEXT_CHARS (render/written.py)."""
    return Markup(" ".join(render_text(env, template, MAX_TEXT_CHARS, **context).split()))


DRAW_THREADS = 4
SHOWN_STEPS = 8  # steps along the frontier worded; the rest are in the view's table


def template_facts(view) -> dict[str, dict]:
    """Template -> the plain data it receives (docs/wording.md), never a Python object."""
    data = asdict(view)
    steps = data["steps"]
    return {
        "text/frontier.txt": {"view": data, "shown_steps": steps[:SHOWN_STEPS], "more_steps": max(len(steps) - SHOWN_STEPS, 0)},
        "text/frontier_missing.txt": {"view": data, "x_name": view.x_title.split(" (")[0].lower()},
    }


def _words(view, env) -> tuple[Markup, Markup]:
    facts = template_facts(view)
    return (_render(env, "text/frontier.txt", **facts["text/frontier.txt"]),
            _render(env, "text/frontier_missing.txt", **facts["text/frontier_missing.txt"]))


def _lists(context: dict) -> list:
    views = context.get("frontiers")
    if not views:
        return []
    return list(views.values()) if isinstance(views, dict) else [views]


def with_figures(contexts: list[dict], env, config: SiteConfig, draw) -> list[dict]:
    """The pages' contexts with their frontier views (``frontiers``: a list, or board id ->
    list) drawn. The words are rendered here, in order (templates run under the page deadline);
    the SVGs are drawn by ``draw`` (chart.scatter.render, passed in by commands.build, which
    draws the figures of the pages it renders) on a few threads: vl-convert releases the GIL, and a 1,000-report
    site has about 70 views."""
    words: dict[int, tuple[Markup, Markup]] = {}
    for context in contexts:
        with bounded(env, "the frontier views' text templates"):  # they may be site overrides
            for views in _lists(context):
                for view in views:
                    words[id(view)] = _words(view, env)
    todo = [view for context in contexts for views in _lists(context) for view in views]

    def one(view):
        sentence, missing = words[id(view)]
        return draw(view, config, f"{sentence.unescape()} {missing.unescape()}".strip())

    with ThreadPoolExecutor(max_workers=DRAW_THREADS) as pool:
        drawn = dict(zip(map(id, todo), pool.map(one, todo)))

    def figures(views) -> list[dict]:
        return [{"view": v, "svg": Markup(drawn[id(v)].svg), "narrow_svg": Markup(drawn[id(v)].narrow_svg),
                 "spec": Markup(embed(drawn[id(v)].spec)),
                 "sentence": words[id(v)][0], "missing": words[id(v)][1]} for v in views]

    found = []
    for context in contexts:
        views = context.get("frontiers")
        if not views:
            found.append(context)
        elif isinstance(views, dict):
            found.append({**context, "frontiers": {key: figures(value) for key, value in views.items()}})
        else:
            found.append({**context, "frontiers": figures(views)})
    return found
