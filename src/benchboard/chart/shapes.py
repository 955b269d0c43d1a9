"""Chart layouts other than the seed's single grouped chart, as Vega-Lite specs: rows of groups
(many benchmarks), one panel per unit and direction (mixed units), sorted horizontal bars (many
models), and the narrow layout of every chart for phones. Same data rows, encoding and colours
as the seed chart (draw._values); sizes from views.chartspec so that nothing is scaled below
the theme's text size: a chart is laid out for its column instead of shrunk into it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from benchboard.model import Report
from benchboard.chart.measure import distinct_cuts, vega_cut
from benchboard.views import chartspec as cs

if TYPE_CHECKING:
    from benchboard.chart.layout import Layout

RANKED = "ranked"  # layout.RANKED (not imported: keeps the import chain short)

WIDE_HEIGHT = 300  # px: one row of groups
NARROW_HEIGHT = 220
RANKED_BAR_PX = 260  # the bars of one ranked panel (wide); narrow: what the column leaves
SOLE_RANKED_BAR_PX = 560  # the bars of a report's only ranked panel (one benchmark): gaps read at this length
LABEL_ROOM = 44  # px right of a ranked bar for its value label
PANEL_GAP = 12  # px between the panels of a row of ranked small multiples
MIN_PANEL_BAR_PX = {False: 120, True: 64}  # (narrow?) the shortest bars a small multiple is drawn with


def shaped_spec(report: Report, layout: Layout, v, panel_titles: list[str], narrow: bool) -> dict:
    """The whole spec for ``layout.kind`` (or the narrow form of any kind); ``v`` is draw._Values."""
    budget = cs.NARROW_PX if narrow else cs.CONTENT_PX
    labels = v.labels
    if layout.kind == RANKED and layout.order:
        blocks = []
        legend_w = 0
    elif layout.kind == RANKED:
        blocks = _ranked_blocks(report, layout, v, panel_titles, narrow)
        legend_w = 0
    elif narrow:
        blocks = _sideways_blocks(report, layout, v, panel_titles)
        legend_w = 0
        labels = _names_apart(report, v, _side_label_px(report))
    else:
        legend_w = 0 if narrow else cs.legend_px([v.labels[k] for k in v.shown])
        blocks = _group_blocks(report, layout, v, panel_titles, narrow, budget - legend_w)
    rows = [[blocks[i][1] for i in row] for row in cs.chunks([w for w, _ in blocks], budget - legend_w)]
    resolve = {"scale": {"x": "independent", "y": "independent", "color": "shared"}}
    if layout.kind != RANKED:
        resolve["scale"]["yOffset" if narrow else "xOffset"] = "independent"
    spacing = 16
    if layout.kind == RANKED and layout.order:
        rows, spacing = _ranked_rows(report, layout, v, panel_titles, narrow), PANEL_GAP
    body = [{"hconcat": row, "resolve": resolve, "spacing": spacing} if len(row) > 1 else row[0] for row in rows]
    if layout.kind == RANKED and layout.order:
        for row in body:  # panels PANEL_GAP apart whatever their tick labels overhang: they line up in columns
            if "hconcat" in row:
                row["bounds"] = "flush"
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
        "config": cs.config(),
        "data": {"values": v.rows},
        "padding": {"top": 8, "left": 5, "right": 5, "bottom": 5},
        "title": cs.title(v.title, v.subtitle, budget - 10, rotate=False),
        "vconcat": body,
        "resolve": resolve,
        "spacing": 28,
    }
    return cs.inline_labels(cs.shared_guides(spec), labels)


def _legend(narrow: bool, axis_px: int = 0, models: int = 0) -> dict:
    """Right of the chart; on a phone above the plot, from the chart's left edge (not the
    plot's, after ``axis_px`` of axis labels), so long names keep the column's whole width."""
    legend = {"labelFontSize": cs.LEGEND_FONT_PX, "labelLimit": cs.NARROW_LEGEND_LIMIT_PX if narrow else cs.LEGEND_LIMIT_PX, "orient": "right",
              "symbolSize": 180, "symbolStrokeColor": "#333", "symbolStrokeWidth": 0.5, "symbolType": "square",
              "title": "Model", "titleFontSize": 12}
    if narrow:
        legend.update({"orient": "none", "direction": "vertical", "legendX": -axis_px, "legendY": -legend_px(models) - 8})
    return legend


def legend_px(models: int) -> int:
    """The height of a vertical legend of ``models`` entries (title, then 18 px a name)."""
    return 20 + models * 18


def _group_blocks(report: Report, layout: Layout, v, panel_titles: list[str], narrow: bool, budget: int) -> list:
    """Per panel, its benchmarks in rows of groups that fit ``budget``: (width, spec) each."""
    models = len(v.shown)
    rotate = cs.rotate_labels(models, [r["label"] for r in v.rows], narrow)
    blocks = []
    for p, panel in enumerate(layout.panels):
        benches = [report.benchmark(name) for name in panel.benchmarks]
        labels = [_x_key(report, v, b) for b in benches]
        widths = [cs.group_px(models, cs.label_lines(b), narrow) for b in benches]
        limit = budget - cs.AXIS_PX
        widths = [min(w, limit) for w in widths]
        ticks = cs.nice_ticks(*panel.y_domain, panel.y_step)
        y_title = panel_titles[p] if len(layout.panels) > 1 else v.y_title
        widths = [max(widths)] * len(widths)  # one band scale: every group as wide as the widest
        for row in cs.chunks(widths, limit):
            keys = [labels[i] for i in row]
            layers = cs.bar_layers(keys, v.shown, v.colours, list(panel.y_domain), ticks, y_title, rotate, _legend(narrow))
            for layer in layers:
                layer["encoding"]["x"]["axis"]["labelLimit"] = max(widths[i] for i in row)
            spec = {"width": sum(widths[i] for i in row), "height": NARROW_HEIGHT if narrow else WIDE_HEIGHT,
                    "transform": [{"filter": {"field": "benchmark", "oneOf": keys}}], "layer": layers}
            _limit_titles(layers, "y", spec["height"])
            blocks.append((cs.AXIS_PX + sum(widths[i] for i in row) + 16, spec))
    return blocks


LABEL_LINE_PX = 13  # a benchmark label's line (12 px text) where benchmarks run down the side


def _side_label_px(report: Report) -> int:
    """The width of the label column where benchmarks run down the side (names cut past it)."""
    return int(min(max(cs.text_px(t) for b in report.benchmarks for t in cs.label_lines(b, wrap=False)) + 4, 120))


def _names_apart(report: Report, v, label_px: int) -> dict[str, str]:
    """The labels with each benchmark's name on one line (``v.side_labels``: a label column cuts
    it, it does not wrap), cut where it differs from a lookalike's when Vega's cut at
    ``label_px`` would make them read alike (measure.distinct_cuts)."""
    keys = [_x_key(report, v, b) for b in report.benchmarks]
    firsts = [v.side_labels[k].split(cs.LINE_BREAK)[0] for k in keys]
    cut = distinct_cuts(firsts, [label_px], vega_cut(12))
    found = dict(v.labels)
    for key, first in zip(keys, firsts):
        found[key] = cs.LINE_BREAK.join([cut[first], *v.side_labels[key].split(cs.LINE_BREAK)[1:]])
    return found


def _sideways_blocks(report: Report, layout: Layout, v, panel_titles: list[str]) -> list:
    """The phone layout of grouped bars: one block per panel, benchmarks down the side, so
    labels stay upright and a chart of 40 benchmarks is one long block, not 20 rows of axes."""
    models = len(v.shown)
    step = 13  # px a bar: a 10 px value label beside each, never touching the next
    blocks = []
    # one label column for every panel: the blocks are stacked with their plots aligned
    label_px = _side_label_px(report)
    room = max(LABEL_ROOM - 10, int(max((len(r["label"]) for r in v.rows), default=4) * 6.4) + 14)  # value labels, 10 px
    width = cs.NARROW_PX - label_px - 16 - room
    for p, panel in enumerate(layout.panels):
        benches = [report.benchmark(name) for name in panel.benchmarks]
        ticks = _thin(panel, width)
        title = panel_titles[p] if len(layout.panels) > 1 else v.y_title
        layers = cs.hbar_layers([_x_key(report, v, b) for b in benches], v.shown, v.colours, list(panel.y_domain), ticks, title, label_px,
                                _legend(True, label_px + 10, models))
        # a benchmark's band holds its bars and its label's lines (name, then "(metric)"): one
        # model's 13 px bar under a two-line label ran into the next benchmark's label
        lines = max(len(v.side_labels[_x_key(report, v, b)].split(cs.LINE_BREAK)) for b in benches)
        band = max(models * step + 12, lines * LABEL_LINE_PX + 8)
        spec = {"width": width, "height": len(benches) * band,
                "transform": [{"filter": {"field": "benchmark", "oneOf": [_x_key(report, v, b) for b in benches]}}], "layer": layers}
        _limit_titles(layers, "x", width)
        blocks.append((cs.NARROW_PX, spec))
    return blocks


def _ranked_blocks(report: Report, layout: Layout, v, panel_titles: list[str], narrow: bool) -> list:
    """One panel per benchmark: the drawn models sorted best first, names on the axis."""
    names = list(v.shown)
    name_px = int(min(max(cs.text_px(v.labels[n], 11) for n in names) + 6, 150 if narrow else 220))
    sole = sum(len(panel.benchmarks) for panel in layout.panels) == 1
    bar_w = cs.NARROW_PX - name_px - LABEL_ROOM - 28 if narrow else SOLE_RANKED_BAR_PX if sole else RANKED_BAR_PX
    colours = dict(zip(v.shown, v.colours))
    by_bench: dict[str, dict[str, float]] = {}
    for row in v.rows:
        by_bench.setdefault(row["benchmark"], {})[row["model"]] = row["value"]
    blocks = []
    for p, panel in enumerate(layout.panels):
        x_title = panel_titles[p] if len(layout.panels) > 1 else v.y_title
        for name in panel.benchmarks:
            bench = report.benchmark(name)
            key = _x_key(report, v, bench)
            values = by_bench.get(key, {})
            order = sorted(values, key=lambda m: (-values[m] if bench.higher_is_better else values[m], names.index(m)))
            if not order:
                continue
            layers = cs.ranked_layers(order, colours, list(panel.y_domain), _thin(panel, bar_w), x_title, name_px)
            heading = [bench.name] + ([f"({bench.metric})"] if bench.metric else []) + cs.direction_line(report, layout.panels, bench)
            spec = {"width": bar_w, "height": len(order) * cs.ROW_STEP,
                    "title": {"text": {"expr": cs.safe_text(heading)}, "anchor": "start", "fontSize": 12, "fontWeight": "bold",
                              "offset": 6},
                    "transform": [{"filter": {"field": "benchmark", "equal": key}}], "layer": layers}
            _limit_titles(layers, "x", bar_w)
            blocks.append((name_px + bar_w + LABEL_ROOM + 16, spec))
    return blocks


def _ranked_rows(report: Report, layout: Layout, v, panel_titles: list[str], narrow: bool) -> list[list[dict]]:
    """Small multiples of a ranked chart of several benchmarks: the drawn models in one order
    (layout.order, best first), named once at the left of each row of panels; one narrow panel
    per benchmark, each with its own value axis, title, whiskers and value labels. Every panel
    is as wide as every other (a panel's bars compare along its row and down its column), as
    many a row as keep MIN_PANEL_BAR_PX, rows balanced."""
    key_of = dict(zip(layout.shown, v.shown))  # model name -> its key in the data ("m0")
    order = [key_of[name] for name in layout.order]
    name_px = int(min(max(cs.text_px(v.labels[n], 11) for n in order) + 6, 130 if narrow else 220))
    colours = dict(zip(v.shown, v.colours))
    present = {row["benchmark"] for row in v.rows}
    panels = [(p, report.benchmark(name)) for p, panel in enumerate(layout.panels) for name in panel.benchmarks]
    panels = [(p, b) for p, b in panels if _x_key(report, v, b) in present]
    # padding, the names and their gap, or half the first tick label (centred on the axis's
    # start) where it reaches further left than the names
    first_tick = max((cs.text_px(f"{layout.panels[p].y_domain[0]:,g}", 11) for p, _ in panels), default=0) / 2
    left = max(name_px + 4, int(first_tick) + 2)
    room = (cs.NARROW_PX if narrow else cs.CONTENT_PX) - 10 - left
    # right of the bars' range: the longest value label (at the axis's end when clamped), 4 px off
    label_room = max(LABEL_ROOM, int(max((cs.text_px(r["label"], 11) for r in v.rows), default=0)) + 10)
    per = len(panels) or 1
    while per > 1 and (room - per * label_room - (per - 1) * PANEL_GAP) // per < MIN_PANEL_BAR_PX[narrow]:
        per -= 1
    count = -(-len(panels) // per)
    per = -(-len(panels) // count)  # balanced rows: 8 in 4 and 4, not 5 and 3
    bar_w = int((room - per * label_room - (per - 1) * PANEL_GAP) // per)
    # a wide panel no wider than a phone's column leaves beside the names: the phone image is
    # then the wide chart's panels restacked (chart/stack.py), not a second drawing
    phone_bar = cs.NARROW_PX - 2 * 5 - left - label_room
    if not narrow and MIN_PANEL_BAR_PX[False] <= phone_bar < bar_w:
        bar_w = phone_bar
    rows: list[list[dict]] = []
    for start in range(0, len(panels), per):
        row: list[dict] = []
        for p, bench in panels[start:start + per]:
            panel = layout.panels[p]
            key = _x_key(report, v, bench)
            x_title = panel_titles[p] if len(layout.panels) > 1 else v.y_title
            if row and not narrow and len(layout.panels) == 1:
                x_title = None  # every panel on one unit's axis: its title once a row (the phone image copies it back)
            ticks, labelled = cs.nice_ticks(*panel.y_domain, panel.y_step), _sparse_ticks(panel, bar_w)
            layers = cs.ranked_layers(order, colours, list(panel.y_domain), ticks, x_title, name_px)
            for layer in layers:
                if labelled != ticks:  # numbers only: no content string reaches the expression
                    layer["encoding"]["x"]["axis"]["labelExpr"] = f"indexof({json.dumps(labelled)}, datum.value) < 0 ? '' : datum.label"
                # the value labels' room is inside the panel, right of the bars' range: every
                # panel is exactly its width, so the panels of every row line up in columns
                layer["encoding"]["x"]["scale"]["range"] = [0, bar_w]
                # end labels centred on their ticks, as the others (flush, "100" would run into
                # "80"): the last one has the value labels' room to the right
                layer["encoding"]["x"]["axis"]["labelFlush"] = False
                if row:  # the row's first panel names the models; the others share its rows
                    layer["encoding"]["y"]["axis"] = None
            heading = [bench.name] + ([f"({bench.metric})"] if bench.metric else []) + cs.direction_line(report, layout.panels, bench)
            spec = {"width": bar_w + label_room, "height": len(order) * cs.ROW_STEP, "view": {"stroke": None},
                    "title": {"text": {"expr": cs.safe_text(heading)}, "anchor": "start", "fontSize": 12, "fontWeight": "bold",
                              "offset": 6, "limit": bar_w + label_room},
                    "transform": [{"filter": {"field": "benchmark", "equal": key}}], "layer": layers}
            _limit_titles(layers, "x", bar_w + label_room)
            for layer in layers:  # the title from the bars' start, into the labels' room: never out of the panel
                layer["encoding"]["x"]["axis"]["titleAnchor"] = "start"
            row.append(spec)
        rows.append(row)
    return rows


def _limit_titles(layers: list[dict], channel: str, px: int) -> None:
    """A value axis's title is cut (with an ellipsis) to its plot's extent: a long title (a
    column's own unit names its benchmark) never widens the chart past its column."""
    for layer in layers:
        axis = layer["encoding"].get(channel, {}).get("axis")
        if axis is not None:
            axis["titleLimit"] = px


def _sparse_ticks(panel, width: int) -> list[float]:
    """The ticks a small multiple labels: its gridlines (the panel's step, the text's), or a
    round subset of them ending on the axis's top, with room for the widest label and a gap."""
    low, high = panel.y_domain
    widest = max((cs.text_px(f"{t:,g}", 11) for t in cs.nice_ticks(low, high, panel.y_step)), default=0)
    return cs.label_ticks(low, high, panel.y_step, width / ((high - low) or 1), widest + 6)


def _thin(panel, width: int) -> list[float]:
    """The ticks (gridlines and labels) of a narrow axis: both ends, and round values between
    with room for the widest label and 12 px (0, 50, 100; never 0, 40, 80)."""
    low, high = panel.y_domain
    widest = max((cs.text_px(f"{t:,g}", 11) for t in cs.nice_ticks(low, high, panel.y_step)), default=0)
    return cs.label_ticks(low, high, panel.y_step, width / ((high - low) or 1), widest + 12, on_grid=False, end_px=widest / 2)


def _x_key(report: Report, v, benchmark) -> str:
    """The benchmark's key in the data ("b0"; its text is in v.labels)."""
    return v.x_order[report.benchmarks.index(benchmark)]

