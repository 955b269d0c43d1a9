"""Frontier scatter: one views.frontier.FrontierView -> a Vega-Lite spec and static SVGs.

Score (y, with its 95% interval where known) against size, release date or a declared field
(x); the frontier as a step line through its models, which are also ringed; families by shape
and colour together (never colour alone); a model's name beside its point where it fits
without overlapping another label or point (the text alternative lists every model). The SVGs
(the page's and the phone layout's) are drawn by vl-convert at build time, readable with
JavaScript off, like the bar charts; assets/chart.js draws the same spec interactively.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING


from benchboard.chart.measure import drawing_spec
from benchboard.chart.draw import FONT, VL_VERSION, drawn_svg, register_font
from benchboard.model import SiteConfig
from benchboard.views import chartspec as cs

if TYPE_CHECKING:
    from benchboard.views.frontier import FrontierView

WIDTH, HEIGHT = 420, 280
NARROW_WIDTH, NARROW_HEIGHT = 236, 236  # the phone layout (static and interactive): a 320 px column less its axis
SHAPES = ("circle", "square", "triangle-up", "diamond", "triangle-down", "cross", "triangle-right", "wye", "triangle-left")
CHAR_PX, LABEL_PX, POINT_PX = 6.0, 12, 6
LABEL_DX = 11  # a label's gap from its point's centre: clear of the frontier's ring (260 px², radius ~9)
MAX_LABEL = 28
NO_FAMILY = "no family given"


@dataclass(frozen=True)
class Scatter:
    spec: dict
    svg: str
    labelled: int  # points named on the chart
    narrow_svg: str = ""  # the phone layout, hidden from assistive technology (the page's SVG describes it)


def _label(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"


def _x_domain(view: FrontierView) -> tuple[float, float]:
    xs = [p.x for p in view.points]
    low, high = min(xs), max(xs)
    if view.scale == "log":
        return low / 1.6, high * 1.6
    if view.scale == "date":  # days
        pad = max((high - low) * 0.08, 45.0)
    else:
        pad = (high - low) * 0.08 or (abs(high) * 0.1 or 1.0)
    return low - pad, high + pad


def _y_domain(view: FrontierView) -> tuple[float, float]:
    ys = [v for p in view.points for v in (p.y, p.low, p.high) if v is not None]
    low, high = min(ys), max(ys)
    pad = (high - low) * 0.08 or (abs(high) * 0.05 or 1.0)
    return low - pad, high + pad


def _pixels(view: FrontierView, xd, yd, width: float = WIDTH, height: float = HEIGHT) -> list[tuple[float, float]]:
    def px(x: float) -> float:
        if view.scale == "log":
            return width * (math.log(x) - math.log(xd[0])) / (math.log(xd[1]) - math.log(xd[0]))
        return width * (x - xd[0]) / (xd[1] - xd[0])

    return [(px(p.x), height * (1 - (p.y - yd[0]) / (yd[1] - yd[0]))) for p in view.points]


def place_labels(view: FrontierView, xd, yd, width: float = WIDTH, height: float = HEIGHT) -> dict[int, str]:
    """Point index -> "right" or "left" (a frontier point's left first: the step line leaves it
    on the right): greedy, frontier models first, then the best scores;
    a label is drawn only where its box overlaps no other label and no other point (in a plot
    of ``width`` x ``height`` px: the page's, or the phone layout's)."""
    at = _pixels(view, xd, yd, width, height)
    order = sorted(range(len(view.points)),
                   key=lambda i: (not view.points[i].on_front, -view.points[i].y if view.y_higher_better else view.points[i].y))
    boxes: list[tuple[float, float, float, float]] = []
    placed: dict[int, str] = {}
    line = _front_segments(view, at)
    for i in order:
        x, y = at[i]
        size = CHAR_PX * len(_label(view.points[i].key))
        # the frontier's step line leaves each frontier point sideways on its right: label those on the left first;
        # a side clear of the line is preferred, then one that only crosses it
        sides = ("left", "right") if view.points[i].on_front else ("right", "left")
        for clear_of_line, side in [(True, s) for s in sides] + [(False, s) for s in sides]:
            left = x + LABEL_DX if side == "right" else x - LABEL_DX - size
            box = (left, y - LABEL_PX / 2, left + size, y + LABEL_PX / 2)
            if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
                continue
            if any(_overlap(box, other) for other in boxes):
                continue
            if any(j != i and _overlap(box, (px - POINT_PX, py - POINT_PX, px + POINT_PX, py + POINT_PX))
                   for j, (px, py) in enumerate(at)):
                continue
            if clear_of_line and any(_overlap(box, segment) for segment in line):
                continue
            boxes.append(box)
            placed[i] = side
            break
    return placed


def _front_segments(view: FrontierView, at) -> list[tuple[float, float, float, float]]:
    """The frontier's step line as thin boxes, in pixels: as the chart draws it (step-after
    through its points by x, or step-before when a higher x is better)."""
    front = sorted((i for i, p in enumerate(view.points) if p.on_front), key=lambda i: at[i][0], reverse=not view.x_lower_better)
    found = []
    for a, b in zip(front, front[1:]):
        (ax, ay), (bx, by) = at[a], at[b]
        corner = (bx, ay) if view.x_lower_better else (ax, by)
        for (x1, y1), (x2, y2) in (((ax, ay), corner), (corner, (bx, by))):
            found.append((min(x1, x2) - 1.5, min(y1, y2) - 1.5, max(x1, x2) + 1.5, max(y1, y2) + 1.5))
    return found


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _iso(ordinal: float) -> str:
    """A day of the date axis; the padded domain of a release in year 1 or 9999 stays in the calendar."""
    return datetime.date.fromordinal(min(max(int(round(ordinal)), 1), datetime.date.max.toordinal())).isoformat()


def _title(view: FrontierView, width: float) -> dict:
    """The chart's title as a Vega expression through the one safe helper: a content string
    (a board's title, a benchmark's name) is never Vega expression text of its own."""
    return {"text": {"expr": cs.safe_text(cs.wrap_lines(view.title, width + 40, 14))},
            "subtitle": cs.wrap_lines("Dashed line and rings: the frontier. Bars: 95% intervals where known.", width + 40, 11),
            "anchor": "start", "fontSize": 14, "subtitleFontSize": 11, "subtitleColor": "#1b1f24"}


def _layers(view: FrontierView, x: dict, y: dict, shape: dict, colour: dict, side: str) -> list[dict]:
    """The frontier's step line, the intervals, the rings, the points and their labels
    (``side``: the data field that says where each label fits, "side" or "nside")."""
    y_scale = y["scale"]
    label = {"fontSize": 10.5, "color": "#1b1f24", "aria": False}
    return [
        {"data": {"name": "front"}, "mark": {"type": "line", "interpolate": "step-after" if view.x_lower_better else "step-before",
                                             "color": "#1b1f24", "strokeWidth": 1.5, "strokeDash": [5, 3], "aria": False},
         "encoding": {"x": x, "y": y}},
        {"mark": {"type": "rule", "color": "#555", "strokeWidth": 1.2, "aria": False},
         "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "scale": y_scale, "axis": y["axis"]}, "y2": {"field": "high"}}},
        {"transform": [{"filter": "datum.front"}],
         "mark": {"type": "point", "shape": "circle", "size": 260, "filled": False, "color": "#1b1f24", "strokeWidth": 1.5, "aria": False},
         "encoding": {"x": x, "y": y}},
        {"mark": {"type": "point", "filled": True, "size": 80, "stroke": "#1b1f24", "strokeWidth": 0.8, "opacity": 1},
         "encoding": {"x": x, "y": y, "shape": shape, "color": colour, "tooltip": {"field": "tooltip", "type": "nominal"},
                      "description": {"field": "tooltip", "type": "nominal"}}},
        {"transform": [{"filter": f"datum.{side} == 'right'"}], "mark": {"type": "text", "align": "left", "dx": LABEL_DX, **label},
         "encoding": {"x": x, "y": y, "text": {"field": "label", "type": "nominal"}}},
        {"transform": [{"filter": f"datum.{side} == 'left'"}], "mark": {"type": "text", "align": "right", "dx": -LABEL_DX, **label},
         "encoding": {"x": x, "y": y, "text": {"field": "label", "type": "nominal"}}},
    ]


def spec(view: FrontierView, config: SiteConfig) -> tuple[dict, int]:
    """The Vega-Lite spec, written as a dict (one dataset all layers share). Vega sees keys
    only where it indexes or sorts (models "m0", families "f0"); the names travel as data text
    (tooltips, point labels) and in the legend's label expression as an object literal
    (views/chartspec.inline_labels), and titles go through chartspec.safe_text, as the bar
    charts' do (tests/test_vega_names.py). ``usermeta.narrow`` is the phone layout the
    interactive chart draws below its width (assets/chart.js): the same data, a narrower
    plot whose labels were placed for it (``nside``)."""
    xd, yd = _x_domain(view), _y_domain(view)
    sides = place_labels(view, xd, yd)
    narrow_sides = place_labels(view, xd, yd, NARROW_WIDTH, NARROW_HEIGHT)
    families = list(dict.fromkeys(p.family or NO_FAMILY for p in view.points))
    family_key = {name: f"f{i}" for i, name in enumerate(families)}
    rows = []
    for i, p in enumerate(view.points):
        rows.append({
            "model": f"m{i}", "family": family_key[p.family or NO_FAMILY], "x": p.x_iso or p.x, "y": p.y, "low": p.low,
            "high": p.high, "front": p.on_front, "label": _label(p.key) if i in sides or i in narrow_sides else None,
            "side": sides.get(i), "nside": narrow_sides.get(i),
            "tooltip": f"{p.key}: {p.y_text}" + (f" (95% interval {p.interval_text})" if p.interval_text else "")
                       + f"; {view.x_title.split(' (')[0].lower()} {p.x_text}" + ("; on the frontier" if p.on_front else ""),
        })
    front_rows = sorted((r for r in rows if r["front"]), key=lambda r: r["x"], reverse=not view.x_lower_better)
    axis = {"labelFontSize": 11, "titleFontSize": 12}
    # axis titles as the axis's own (an encoding's expression title is not drawn)
    x_axis = {**axis, "title": {"expr": cs.safe_text([view.x_title])}}
    if view.scale == "date":
        x = {"field": "x", "type": "temporal",
             "scale": {"domain": [_iso(xd[0]), _iso(xd[1])], "nice": False}, "axis": {**x_axis, "format": "%Y-%m", "tickCount": 5}}
    else:
        x = {"field": "x", "type": "quantitative",
             "scale": {"type": view.scale, "domain": list(xd), "nice": False, "zero": False}, "axis": {**x_axis, "tickCount": 6}}
    y = {"field": "y", "type": "quantitative", "scale": {"domain": list(yd), "nice": False, "zero": False},
         "axis": {**axis, "grid": True, "title": {"expr": cs.safe_text([view.y_title])}}}
    keys = list(family_key.values())
    legend = {"title": "Family", "orient": "bottom", "direction": "horizontal", "columns": 2, "labelFontSize": 11,
              "labelLimit": 220, "symbolStrokeColor": "#1b1f24", "aria": False, "labelExpr": f"{cs.LABELS}[datum.value]"}
    shape = {"field": "family", "type": "nominal", "sort": keys, "legend": legend,
             "scale": {"domain": keys, "range": [SHAPES[i % len(SHAPES)] for i in range(len(keys))]}}
    colour = {"field": "family", "type": "nominal", "sort": keys, "legend": legend,
              "scale": {"domain": keys, "range": [config.palette[i % len(config.palette)] for i in range(len(keys))]}}
    narrow_legend = {**legend, "columns": 1, "labelLimit": NARROW_WIDTH}
    found = {
        "$schema": f"https://vega.github.io/schema/vega-lite/v{VL_VERSION.split('.')[0]}.json",
        "datasets": {"front": front_rows}, "data": {"values": rows},
        "layer": _layers(view, x, y, shape, colour, "side"), "width": WIDTH, "height": HEIGHT, "title": _title(view, WIDTH),
        "padding": {"top": 8, "left": 5, "right": 12, "bottom": 5},
        "config": {"font": FONT, "locale": cs.NUMBER_LOCALE, "view": {"stroke": "#999"},
                   "axis": {"labelColor": "#1b1f24", "titleColor": "#1b1f24", "gridColor": "#d9d9d9", "domainColor": "#666"},
                   "legend": {"labelColor": "#1b1f24", "titleColor": "#1b1f24"}},
        "usermeta": {"narrow": {
            "width": NARROW_WIDTH, "height": NARROW_HEIGHT, "title": _title(view, NARROW_WIDTH),
            "layer": _layers(view, {**x, "axis": {**x["axis"], "tickCount": 4}}, y,
                             {**shape, "legend": narrow_legend}, {**colour, "legend": narrow_legend}, "nside")}},
    }
    return cs.inline_labels(found, {key: name for name, key in family_key.items()}), len(sides)


_ARIA_LABEL = re.compile(r'(<path\b[^>]*?\baria-label="([^"]*)"[^>]*?)(/>)')
_ROOT = re.compile(r"<svg\b([^>]*)>")


def _draw(spec_: dict) -> str:
    """vl-convert's SVG, cached by the spec, with a native tooltip (<title>) on each point."""
    svg = drawn_svg(drawing_spec(spec_))  # kept by what vl-convert draws (chart/drawings.py)
    svg = _ARIA_LABEL.sub(lambda m: f"{m.group(1)}><title>{m.group(2)}</title></path>", svg)
    return svg.replace(' role="graphics-document"', "").replace(' aria-roledescription="visualization"', "")


def _root_attributes(match: re.Match) -> str:
    return re.sub(r'\s(?:role|aria-label|aria-labelledby|aria-describedby)="[^"]*"', "", match.group(1))


def render(view: FrontierView, config: SiteConfig, description: str) -> Scatter:
    """The spec and its static SVGs: the page's, with an accessible name and description, and
    the phone layout's (the spec's usermeta.narrow, as the interactive chart draws it), which
    the page shows instead below its breakpoint; assistive technology reads the page's."""
    found, labelled = spec(view, config)
    register_font()
    narrow = found["usermeta"]["narrow"]
    phone = {k: v for k, v in found.items() if k != "usermeta"} | {k: narrow[k] for k in ("width", "height", "title", "layer")}

    def root(match: re.Match) -> str:
        return (f'<svg{_root_attributes(match)} role="img" aria-labelledby="{view.id}-title" aria-describedby="{view.id}-desc" focusable="false">'
                f'<title id="{view.id}-title">{escape(view.title, quote=False)}</title>'
                f'<desc id="{view.id}-desc">{escape(description, quote=False)}</desc>')

    wide = _ROOT.sub(root, _draw(found), count=1)
    small = _ROOT.sub(lambda m: f'<svg{_root_attributes(m)} aria-hidden="true" focusable="false">', _draw(phone), count=1)
    return Scatter(found, wide, labelled, small)


def spec_json(found: dict) -> str:
    return json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
