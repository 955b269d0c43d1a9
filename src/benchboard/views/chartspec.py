"""The report chart's encoding as plain Vega-Lite, for every chart that is not the seed's single
grouped chart: rows of groups, one panel per unit, ranked bars, the narrow (phone) layouts and
the compare charts of boards and the model list. The seed's grouped chart is built with Altair
(chart/draw.py); tests/chart/test_chart_shapes.py checks that ``bar_layers`` writes the same layers.

Sizes are in CSS px at 1:1 scale; no text is smaller than chartstyle.MIN_TEXT_PX.
"""

from __future__ import annotations

import copy
import itertools
import json
import math

FONT = "Benchboard Sans, Helvetica, Arial, sans-serif"  # as chart/draw.py's (the seed chart's)
TEXT = "#1b1f24"

LINE_BREAK = "\u241f"  # joins the two lines of an x label; split by labelExpr
CONTENT_PX = 1112  # the content column at its widest (72rem less 2 x 1.25rem padding)
NARROW_PX = 320  # the content column on a 360 px phone
LEGEND_FONT_PX = 12  # a legend's names
LEGEND_LIMIT_PX = 320  # and how wide one may be beside a wide chart
NARROW_LEGEND_LIMIT_PX = NARROW_PX - 56  # or above a phone's
CHAR_PX = 6.6  # mean advance of a 12 px character of Benchboard Sans (Arial's metrics)
AXIS_PX = 64  # a y axis: labels, title and padding
ROW_STEP = 18  # ranked bars: px a model


def bar_px(models: int, narrow: bool = False) -> int:
    if narrow:
        return 18 if models <= 4 else 14 if models <= 6 else 11
    return 34 if models <= 4 else 26 if models <= 6 else 20 if models <= 9 else 16


def text_px(text: str, size: float = 12) -> float:
    return len(text) * CHAR_PX * size / 12


NAME_LINE_PX = 170  # a benchmark's name under its group wraps past this (at spaces, else anywhere)


def name_lines(name: str) -> list[str]:
    """A benchmark's name as the lines of its x label: whole when it fits NAME_LINE_PX, else
    wrapped (wrap_lines): a 70-character name made each group 480 px wide and a three-benchmark
    chart three rows (the charts review)."""
    return [name] if text_px(name) <= NAME_LINE_PX else wrap_lines(name, NAME_LINE_PX, 12)


def label_lines(benchmark, wrap: bool = True) -> list[str]:
    """Its name's lines (one line unless ``wrap``) and "(metric)": what a group's width must
    hold (group_px), or a label column's (benchmarks down the side)."""
    return (name_lines(benchmark.name) if wrap else [benchmark.name]) + ([f"({benchmark.metric})"] if benchmark.metric else [])


def group_px(models: int, lines: list[str], narrow: bool = False) -> int:
    """One benchmark's group: its bars, or the longer line of its label, whichever is wider."""
    return max(models * bar_px(models, narrow) + 28, int(max((text_px(t) for t in lines), default=0)) + 14)


def rotate_labels(models: int, labels: list[str], narrow: bool = False) -> bool:
    return models > 6 or max((len(t) for t in labels), default=0) * 7 > bar_px(models, narrow) + 4


def legend_px(names: list[str]) -> int:
    return 44 + int(min(max((text_px(n) for n in names), default=0), 320))


def wrap_lines(text: str, width: float, size: float) -> list[str]:
    """A title or subtitle broken into lines no wider than ``width`` (Vega does not wrap)."""
    per_line = max(12, int(width / (CHAR_PX * size / 12)))
    lines, line = [], ""
    words = [w[i:i + per_line] for w in text.split() for i in range(0, len(w), per_line)]  # no word wider than a line
    for word in words:
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines


def chunks(widths: list[int], budget: int) -> list[list[int]]:
    """Indices of items packed in order into rows no wider than ``budget`` (at least one a row);
    items of one width are spread evenly (5 in rows of 3 and 2, 14 in 4, 4, 3, 3)."""
    if widths and len(set(widths)) == 1:
        per = max(1, budget // widths[0])
        count = -(-len(widths) // per)
        sizes = [len(widths) // count + (1 if i < len(widths) % count else 0) for i in range(count)]
        starts = [sum(sizes[:i]) for i in range(count)]
        return [list(range(start, start + size)) for start, size in zip(starts, sizes)]
    rows, row, used = [], [], 0
    for i, w in enumerate(widths):
        if row and used + w > budget:
            rows.append(row)
            row, used = [], 0
        row.append(i)
        used += w
    return rows + [row] if row else rows


def _y(field: str, title: str | None, domain: list, ticks: list) -> dict:
    return {"axis": {"grid": True, "labelFontSize": 11, "tickCount": len(ticks), "titleFontSize": 12, "values": ticks},
            "field": field, "scale": {"clamp": True, "domain": domain, "nice": False, "zero": False},
            "title": title, "type": "quantitative"}


LABELS = "bb_labels"  # the spec's parameter: key ("b0", "m0") -> its text (chart/draw.py's keys)
LOOKUP_START, LOOKUP_END = "slice((", ")[datum.value], 1)"  # around inline_labels' object literal (chart/measure.py reads it)


def inline_labels(spec, labels: dict[str, str]):
    """The spec with each ``LABELS[datum.value]`` in its label expressions reading an object
    literal of key -> text (a top-level parameter does not reach the views of a concatenated
    chart in Vega). The names are JSON string values, every non-ASCII character escaped
    (U+2028 ends a line in Vega's expression parser), each behind a "_" that the expression
    slices off: Vega stops on a string constant "constructor" or "toString" in an expression."""
    def lookup(keys) -> str:
        literal = json.dumps({k: "_" + labels[k] for k in keys}, ensure_ascii=True, sort_keys=True)
        return f"{LOOKUP_START}{literal}{LOOKUP_END}"

    def walk(node, keys):
        if isinstance(node, dict):
            if isinstance(node.get("sort"), list):  # a channel: its literal holds the keys it shows
                keys = [k for k in node["sort"] if k in labels]
            return {k: (v.replace(f"{LABELS}[datum.value]", lookup(keys)) if k == "labelExpr" and isinstance(v, str) else walk(v, keys))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, keys) for v in node]
        return node

    return walk(spec, list(labels))


def shared_guides(spec):
    """The spec with each layer stack's axes and legends written once: a channel's ``axis`` or
    ``legend`` on a later layer is dropped when the first layer has the same channel with the
    same one (Vega-Lite merges a layer stack's guides; an axis stays as ``{}``, which
    ``safe_titles`` gives the channel's title, or Vega-Lite would join the layers' titles with
    the first one's). Each panel's axis is then written once, not once a layer, with its label
    expression; the drawing is the same."""
    def rewrite(node: dict) -> dict:
        layers = node.get("layer")
        if isinstance(layers, list) and layers and all(isinstance(layer, dict) and "encoding" in layer for layer in layers):
            first = layers[0]["encoding"]
            for layer in layers[1:]:
                for channel, definition in layer["encoding"].items():
                    for guide in ("axis", "legend"):
                        if isinstance(definition, dict) and guide in definition and first.get(channel, {}).get(guide) == definition[guide]:
                            if guide == "axis":  # kept, empty: safe_titles gives it the title (else Vega-Lite joins titles)
                                definition[guide] = {}
                            else:
                                del definition[guide]
        return node

    return _bottom_up(spec, rewrite)


LOWER_IS_BETTER = "lower is better"  # as text/panel_title.txt words a panel's direction


def direction_line(report, panels, benchmark) -> list[str]:
    """The label line a lower-is-better benchmark needs when it shares its axis (chart.layout's
    ``panels``) with higher-is-better ones (a file's y_range puts every column on one axis,
    whose title then cannot say the direction): ["lower is better"], else []."""
    if benchmark.higher_is_better:
        return []
    shared = next((p.benchmarks for p in panels if benchmark.name in p.benchmarks), ())
    return [LOWER_IS_BETTER] if any(report.benchmark(name).higher_is_better for name in shared) else []


def safe_text(lines: list[str]) -> str:
    """Title lines as a Vega expression that never holds a name as such: Vega compiles a title
    into an expression and stops on a string constant "constructor" or "toString" (exit 4), so
    each line is a JSON string behind a "_" that slice() takes off, non-ASCII escaped."""
    return "[" + ", ".join(f"slice({json.dumps('_' + line, ensure_ascii=True)}, 1)" for line in lines) + "]"


def safe_titles(spec):
    """The spec with every title a content string can reach (the chart's title and subtitle, each
    value axis's title: the report's ``y_title``, a unit's name) read through ``safe_text``: Vega
    stops on a title "constructor" or "toString" as on a name. An axis takes its title from
    ``axis.title`` (which takes an expression, a channel's ``title`` does not); the channel keeps
    its title, which Vega reads only inside the marks' descriptions (a longer string, harmless)."""
    def lines(value):
        return [value] if isinstance(value, str) else value

    def rewrite(node: dict) -> dict:
        title = node.get("title")
        if isinstance(title, dict) and isinstance(title.get("text"), (str, list)):
            title = {**title, "text": {"expr": safe_text(lines(title["text"]))}}
            if isinstance(title.get("subtitle"), (str, list)):
                title["subtitle"] = {"expr": safe_text(lines(title["subtitle"]))}
            node["title"] = title
        elif isinstance(title, (str, list)) and isinstance(node.get("axis"), dict):
            node["axis"] = {**node["axis"], "title": {"expr": safe_text(lines(title))}}
        return node

    return _bottom_up(spec, rewrite)


def _bottom_up(node, rewrite):
    """A copy of a JSON tree with ``rewrite`` applied to every object, innermost first."""
    if isinstance(node, list):
        return [_bottom_up(v, rewrite) for v in node]
    if not isinstance(node, dict):
        return node
    return rewrite({k: _bottom_up(v, rewrite) for k, v in node.items()})


def _keyed_legend(legend: dict) -> dict:
    """A legend naming each key's model (Vega would describe it by its keys: hidden from
    assistive technology, as each bar's description names its model)."""
    return {**legend, "aria": False, "labelExpr": f"{LABELS}[datum.value]"}


def bar_layers(x_sort: list[str], models: list[str], colours: list[str], domain: list, ticks: list,
               y_title: str | None, rotate: bool, legend: dict | None = None) -> list[dict]:
    """Bars (one per model and benchmark, x = benchmark, xOffset = model), 95% whiskers and
    value labels: the seed chart's three layers."""
    x = {"axis": {"aria": False, "labelAngle": 0, "labelExpr": f"split({LABELS}[datum.value], '{LINE_BREAK}')", "labelFontSize": 12,
                  "labelLimit": 0, "labelPadding": 6},
         "field": "benchmark", "sort": x_sort, "title": None, "type": "nominal"}
    offset = {"field": "model", "scale": {"paddingInner": 0.08}, "sort": models, "type": "nominal"}
    colour = {"field": "model", "scale": {"domain": models, "range": colours}, "sort": models, "type": "nominal",
              "legend": _keyed_legend(legend if legend is not None else {
                  "labelFontSize": LEGEND_FONT_PX, "labelLimit": LEGEND_LIMIT_PX, "orient": "right", "symbolSize": 180, "symbolStrokeColor": "#333",
                  "symbolStrokeWidth": 0.5, "symbolType": "square", "title": "Model"})}
    bars = {"encoding": {"color": colour, "description": {"field": "tooltip", "type": "nominal"},
                         "tooltip": {"field": "tooltip", "type": "nominal"}, "x": x, "xOffset": offset,
                         "y": _y("value", y_title, domain, ticks)},
            "mark": {"stroke": "#333", "strokeWidth": 0.5, "type": "bar"}}
    whiskers = {"encoding": {"x": x, "xOffset": offset, "y": _y("low", y_title, domain, ticks), "y2": {"field": "high"}},
                "mark": {"aria": False, "color": TEXT, "strokeWidth": 1.5, "type": "rule"}}
    text = {"encoding": {"text": {"field": "label", "type": "nominal"}, "x": x, "xOffset": offset,
                         "y": _y("label_y", y_title, domain, ticks)},
            "mark": {"align": "left" if rotate else "center", "aria": False, "angle": 270 if rotate else 0,
                     "baseline": "middle" if rotate else "bottom", "color": TEXT, "dx": 3 if rotate else 0,
                     "dy": 0 if rotate else -3, "fontSize": 10 if rotate else 11, "type": "text"}}
    return copy.deepcopy([bars, whiskers, text])


def hbar_layers(y_sort: list[str], models: list[str], colours: list[str], domain: list, ticks: list,
                x_title: str | None, label_px: int, legend: dict) -> list[dict]:
    """The grouped bars turned sideways for a phone: benchmarks down the side (two-line labels),
    one bar per model in each group, whiskers, value labels right of the whisker."""
    y = {"axis": {"aria": False, "labelExpr": f"split({LABELS}[datum.value], '{LINE_BREAK}')", "labelFontSize": 12, "labelLimit": label_px,
                  "labelPadding": 6, "ticks": False},
         "field": "benchmark", "sort": y_sort, "title": None, "type": "nominal", "scale": {"paddingInner": 0.2}}
    offset = {"field": "model", "scale": {"paddingInner": 0.08}, "sort": models, "type": "nominal"}
    x = {"axis": {"grid": True, "labelFontSize": 11, "titleFontSize": 12, "values": ticks, "tickCount": len(ticks)},
         "field": "value", "scale": {"clamp": True, "domain": domain, "nice": False, "zero": False},
         "title": x_title, "type": "quantitative"}
    colour = {"field": "model", "scale": {"domain": models, "range": colours}, "sort": models, "type": "nominal",
              "legend": _keyed_legend(legend)}
    bars = {"encoding": {"color": colour, "description": {"field": "tooltip", "type": "nominal"},
                         "tooltip": {"field": "tooltip", "type": "nominal"}, "x": x, "y": y, "yOffset": offset},
            "mark": {"stroke": "#333", "strokeWidth": 0.5, "type": "bar"}}
    whiskers = {"encoding": {"x": {**x, "field": "low"}, "x2": {"field": "high"}, "y": y, "yOffset": offset},
                "mark": {"aria": False, "color": TEXT, "strokeWidth": 1.5, "type": "rule"}}
    text = {"encoding": {"text": {"field": "label", "type": "nominal"}, "x": {**x, "field": "label_y"}, "y": y,
                         "yOffset": offset},
            "mark": {"align": "left", "aria": False, "baseline": "middle", "color": TEXT, "dx": 3, "fontSize": 10, "type": "text"}}
    return copy.deepcopy([bars, whiskers, text])


def ranked_layers(order: list[str], colours: dict[str, str], domain: list, ticks: list, x_title: str | None,
                  name_px: int) -> list[dict]:
    """Horizontal bars, best first (``order``), names on the y axis, 95% whiskers and value labels
    to the right of the whisker."""
    y = {"axis": {"aria": False, "labelExpr": f"{LABELS}[datum.value]", "labelFontSize": 11, "labelLimit": name_px,
                  "labelPadding": 4, "ticks": False, "domain": False},
         "field": "model", "sort": order, "title": None, "type": "nominal",
         "scale": {"paddingInner": 0.22, "paddingOuter": 0.1}}
    x_axis = {"grid": True, "labelFontSize": 11, "titleFontSize": 12, "values": ticks, "tickCount": len(ticks)}
    x = {"axis": x_axis, "field": "value", "scale": {"clamp": True, "domain": domain, "nice": False, "zero": False},
         "title": x_title, "type": "quantitative"}
    colour = {"field": "model", "legend": None, "scale": {"domain": order, "range": [colours[m] for m in order]},
              "type": "nominal"}
    bars = {"encoding": {"color": colour, "description": {"field": "tooltip", "type": "nominal"},
                         "tooltip": {"field": "tooltip", "type": "nominal"}, "x": x, "y": y},
            "mark": {"stroke": "#333", "strokeWidth": 0.5, "type": "bar"}}
    whiskers = {"encoding": {"x": {**x, "field": "low"}, "x2": {"field": "high"}, "y": y},
                "mark": {"aria": False, "color": TEXT, "strokeWidth": 1.5, "type": "rule"}}
    text = {"encoding": {"text": {"field": "label", "type": "nominal"}, "x": {**x, "field": "label_y"}, "y": y},
            "mark": {"align": "left", "aria": False, "baseline": "middle", "color": TEXT, "dx": 4, "fontSize": 11, "type": "text"}}
    return copy.deepcopy([bars, whiskers, text])


# Axis numbers written as the bars' labels, the table and the text write scores (model.half_up):
# "-3" with a hyphen-minus, "1000" without a thousands separator. d3-format's default locale wrote
# "−3" and "1,000" beside labels "-3.2" and "1005" (the charts review).
NUMBER_LOCALE = {"number": {"decimal": ".", "thousands": "", "grouping": [3], "currency": ["", ""], "minus": "-"}}


def config() -> dict:
    """The report chart's configuration (Altair writes the same for the seed chart)."""
    return {"axis": {"domainColor": "#666", "gridColor": "#d9d9d9", "labelColor": TEXT, "titleColor": TEXT},
            "font": FONT, "locale": NUMBER_LOCALE, "legend": {"labelColor": TEXT, "titleColor": TEXT},
            "view": {"continuousHeight": 300, "continuousWidth": 300, "stroke": "#999"},
            "header": {"labelColor": TEXT, "titleColor": TEXT}, "concat": {"spacing": 24}}


def title(text: str, subtitle: str | None, width: float, rotate: bool = False) -> dict:
    found = {"anchor": "start", "fontSize": 15, "offset": 30 if rotate else 12, "subtitleColor": TEXT,
             "subtitleFontSize": 11, "text": wrap_lines(text, width, 15 * 1.1)}
    if subtitle:
        found["subtitle"] = wrap_lines(subtitle, width, 11)
    return found


def nice_ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step - 1e-9) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return with_ends(ticks, low, high, step)


def with_ends(ticks: list[float], low: float, high: float, step: float) -> list[float]:
    """The ticks with the axis's two ends among them: an axis ends on a labelled value. A domain
    of round values (every domain but a file's own ``y_range``) already ends on its step; else
    the end is added, and a tick closer to it than 40% of a step is dropped (their labels would
    touch)."""
    ticks = list(ticks)
    if not ticks or ticks[-1] < high - step * 1e-6:
        ticks = [t for t in ticks if t < high - step * 0.4] + [round(high, 10)]
    if ticks[0] > low + step * 1e-6:
        ticks = [round(low, 10)] + [t for t in ticks if t > low + step * 0.4]
    return ticks


ROUND_FACTORS = (1, 2, 2.5, 5, 10, 20, 25, 50, 100)  # a label step as a multiple of the gridline step


def label_ticks(low: float, high: float, step: float, px_per_unit: float, min_gap_px: float, on_grid: bool = True,
                end_px: float = 0) -> list[float]:
    """The values a narrow axis labels: both ends of the axis, and between them the multiples of
    a round step (the gridline step times 1, 2, 2.5, 5, ...; whole multiples only when
    ``on_grid``, so every label sits on a gridline), the smallest step that leaves ``min_gap_px``
    from one label to the next, a multiple too close to an end dropped: 0, 50, 100 or 30, 60,
    80, 100, never 0, 40, 80 on a 0-100 axis. An axis's end labels are flush with its ends
    (Vega-Lite's labelFlush): the first and last intervals then need ``end_px`` more."""
    eps = step * 1e-6
    sizes = [step * f for f in ROUND_FACTORS
             if f == int(f) or not (on_grid or _decimals(step * f) > _decimals(step))]  # not 0.25 on a 0.1 grid
    for evenly in (True, False):  # first a step landing on both ends (0, 50, 100), then any
        for size in sizes:
            values = [round(i * size, 10) for i in range(math.ceil(low / size - 1e-9), math.floor(high / size + 1e-9) + 1)]
            if evenly and not (values and abs(values[0] - low) <= eps and abs(values[-1] - high) <= eps):
                continue
            room = min_gap_px + end_px - eps
            inner = [v for v in values if (v - low) * px_per_unit >= room and (high - v) * px_per_unit >= room]
            if evenly and len(inner) != len(values) - 2:
                continue  # a round value too close to an end: not even
            values = [round(low, 10)] + inner + [round(high, 10)]
            if all((b - a) * px_per_unit >= min_gap_px - eps for a, b in itertools.pairwise(values)):
                return values
    return [round(low, 10), round(high, 10)]


def _decimals(value: float) -> int:
    text = f"{value:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0
