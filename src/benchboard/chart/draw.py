"""Chart: a report -> one Vega-Lite spec (built with Altair) and its static SVG and PNG.

One spec serves both renderings: vl-convert draws it to SVG at build time (inlined in the page,
readable with JavaScript off), and vega-embed draws the same spec in the browser on request.
Vega has no pattern fill, so hatched families use ``url(#id)`` colours whose ``<pattern>``
definitions are added to the SVG here; the browser resolves them from the inline SVG too.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import vl_convert as vlc

from benchboard.load import cache as stored_cache
from benchboard.chart.measure import distinct_cuts, drawing_spec, vega_cut
from benchboard.chart import drawings
from benchboard.chart.drawings import FONT_DIR, VL_VERSION
from benchboard.chart.layout import GROUPED, RANKED, Layout, clamp_side, panel_of
from benchboard.chart.shapes import shaped_spec
from benchboard.chart.stack import phone_svg, squeezed_svg
from benchboard.views.chartspec import CONTENT_PX, LEGEND_FONT_PX, LEGEND_LIMIT_PX, LINE_BREAK, label_lines, NARROW_LEGEND_LIMIT_PX, NARROW_PX, NUMBER_LOCALE, direction_line, safe_titles, with_ends, wrap_lines
from benchboard.views.chartstyle import label_text
from benchboard.model import Report, SiteConfig

if TYPE_CHECKING:
    import altair as alt

PNG_SCALE = 2
PNG_MAX_WIDTH = 1200  # px; what og:image shows (1200 x 630); wider charts are scaled down to it
PNG_MAX_PIXELS = 1_500_000  # tall charts likewise (the example's PNG: 1200 x 545, 0.65 Mpx)
# Benchboard Sans (shipped in fonts/, Arial's metrics) comes first so that vl-convert lays text
# out and rasterises it the same on every machine; browsers fall back to Helvetica or Arial.
FONT = "Benchboard Sans, Helvetica, Arial, sans-serif"


@cache
def register_font() -> None:
    vlc.register_font_directory(str(FONT_DIR))


def warm_up() -> None:
    """vl-convert's first drawing in a process starts its JavaScript engine and loads Vega
    (~0.4 s, a quarter of the example's build); commands/build.py calls this on a thread of
    its own while the site's pages are made (vl-convert releases the GIL), so that the first
    report's chart does not wait for it."""
    vlc.vegalite_to_svg(WARM_UP_SPEC, vl_version=VL_VERSION)


WARM_UP_SPEC = {"data": {"values": [{"v": 1}]}, "mark": "bar", "encoding": {"x": {"field": "v", "type": "quantitative"}}}


@dataclass(frozen=True)
class ChartWords:
    """What the chart draws that other stages decide: the words (the same templates as the
    page, so they agree) and the 95% intervals of the analysis."""

    subtitle: str  # which bars carry a whisker (text/whiskers.txt)
    note: str | None  # which models are drawn, when not all (text/chart_selection.txt)
    tooltips: dict[tuple[str, str], str]  # (model, benchmark) -> the bar's tooltip (text/tooltip.txt)
    intervals: dict  # (model, benchmark) -> analyse.stats Interval, where known
    panel_titles: tuple[str, ...] = ()  # the axis title of each panel of several (text/panel_title.txt)
    drawn: str = ""  # the subtitle drawn on the chart: the note, then the whiskers (text/chart_subtitle.txt)

    @property
    def on_chart(self) -> str:
        return self.drawn or self.subtitle


@dataclass(frozen=True)
class ChartFiles:
    spec_json: str  # Vega-Lite spec, for chart.vl.json and the interactive chart
    svg: str  # post-processed static SVG, inlined in the page and written as chart.svg
    png: bytes | None  # 2x PNG (og:image); None when PNG output is off
    note: str | None  # which models are drawn, when not all (text/chart_selection.txt)
    narrow_svg: str | None = None  # the phone layout, served below ``breakpoint`` CSS px
    narrow_spec_json: str | None = None
    breakpoint: int = 0  # viewport width (px) below which the wide chart would shrink its text under 90%
    narrow_size: tuple[int, int] = (0, 0)  # the narrow SVG's width and height


def id_prefix(report: Report) -> str:
    return f"bb-{report.slug}"


def pattern_id(report: Report, index: int) -> str:
    return f"{id_prefix(report)}-hatch-{index}"


def _bar_px(models: int) -> int:
    return 34 if models <= 4 else 26 if models <= 6 else 20 if models <= 9 else 16


@dataclass(frozen=True)
class _Values:
    """Everything of one report that goes into its spec; the rest is fixed structure."""

    rows: list
    x_order: list
    shown: list
    colours: list
    domain: list
    ticks: list
    y_title: str
    title: str
    width: int
    rotate: bool
    subtitle: str  # which bars carry a 95% whisker and which have none
    labels: dict  # key ("b0", "m0") -> the benchmark's x label or the model's name
    side_labels: dict = None  # "b0" -> the x label with the name on one line (benchmarks down the side)


LABELS = "bb_labels"  # the spec's parameter holding each key's text


def _keys(report: Report, shown: list) -> tuple[dict, dict]:
    """Opaque keys for benchmarks and models: a name never becomes a value Vega indexes or an
    expression reads. Vega keeps ordinal domains and sort orders in plain objects, so a model
    named "constructor" or "toString" broke the chart (exit 4), and a U+2028 in a name broke its
    expression parser; the names reach the reader through the LABELS parameter instead. (Vega
    would describe the axis and legend by their keys: they are hidden from assistive technology,
    and each bar's description names its model and benchmark.)"""
    return ({b.name: f"b{j}" for j, b in enumerate(report.benchmarks)}, {name: f"m{i}" for i, name in enumerate(shown)})


def _values(report: Report, layout: Layout, words: ChartWords) -> _Values:
    """``words`` are the subtitle and tooltips, worded by the templates, and the analysis's
    intervals (the same the table and the text state: the chart never recomputes them)."""
    intervals = words.intervals
    shown = list(layout.shown)
    bkey, mkey = _keys(report, shown)
    low, high = layout.y_domain
    rows = []
    precision = {}
    for panel in layout.panels:
        precision.update(zip(panel.benchmarks, panel.precisions))
    for model in report.models:
        if model.name not in layout.fills:
            continue
        for benchmark in report.benchmarks:
            score = model.scores.get(benchmark.name)
            if score is None:
                continue  # a missing score draws no bar, never a zero
            low, high = panel_of(layout.panels, benchmark.name).y_domain if layout.panels else layout.y_domain
            span = high - low
            value, marker = score.value, ""
            side = clamp_side(value, (low, high))
            if side == "below":
                value, marker = low + span * 0.012, "▼"
            elif side == "above":
                value, marker = high, "▲"
            interval = intervals.get((model.name, benchmark.name))
            # A bar starts at zero (or at the axis end nearest it); its label goes past the end
            # away from that start, above the whisker. A bar that hangs below its start (a negative
            # MCC) is labelled at its start, on the empty side: beside its own end the label ran
            # across the bar (a layout review).
            start = min(max(0.0, low), high)
            anchor = start if value < start else value
            rows.append({
                "benchmark": bkey[benchmark.name],
                "model": mkey[model.name],
                "value": value,
                "low": None if interval is None else min(max(interval.low, low), high),
                "high": None if interval is None else min(max(interval.high, low), high),
                "label": label_text(report, benchmark, score, precision.get(benchmark.name, report.precision)) + marker,
                "label_y": anchor if interval is None else max(anchor, min(interval.high, high)),  # above the whisker
                "tooltip": words.tooltips[(model.name, benchmark.name)],
            })
    colours = []
    for i, name in enumerate(shown):
        fill = layout.fills[name]
        colours.append(f"url(#{pattern_id(report, i)})" if fill.hatched else fill.colour)
    models = len(shown)
    bar = _bar_px(models)
    rotate = models > 6 or max((len(r["label"]) for r in rows), default=0) * 7 > bar + 4
    # Wide enough for the bars and for the longer line of each x label (about 6.6 px a character).
    longest = max(len(line) for b in report.benchmarks for line in _x_label(report, b, layout).split(LINE_BREAK))
    group_px = max(models * bar + 28, int(longest * 6.6) + 14)
    low, high = layout.y_domain
    # a legend entry is never cut to read like another (the wide legend's limit and the phone's, chart/shapes.py)
    legend = distinct_cuts(list(shown), [LEGEND_LIMIT_PX, NARROW_LEGEND_LIMIT_PX], vega_cut(LEGEND_FONT_PX))
    labels = {**{bkey[b.name]: _x_label(report, b, layout) for b in report.benchmarks}, **{mkey[name]: legend[name] for name in shown}}
    return _Values(rows, [bkey[b.name] for b in report.benchmarks], [mkey[name] for name in shown], colours, [low, high],
                   _ticks(low, high, layout.y_step), report.y_title or "Score", report.title,
                   len(report.benchmarks) * group_px, rotate, words.on_chart, labels,
                   {bkey[b.name]: _x_label(report, b, layout, wrap=False) for b in report.benchmarks})


def _subtitle_lines(subtitle: str, width: int) -> str | list[str]:
    """The grouped chart's subtitle on one line, as the seed draws it, unless it is wider than
    the content column: then in lines (Vega does not wrap), so a longer note (a whisker a
    declared axis cuts) never makes the chart wider than the column."""
    lines = wrap_lines(subtitle, width, 11)
    return subtitle if len(lines) <= 1 else lines


def _x_label(report: Report, benchmark, layout: Layout, wrap: bool = True) -> str:
    """Name (wrapped when long, chartspec.name_lines), (metric), and "lower is better" where
    the axis title cannot say it, a line each."""
    return LINE_BREAK.join(label_lines(benchmark, wrap) + direction_line(report, layout.panels, benchmark))


def altair_chart(v: _Values) -> alt.LayerChart:
    """The chart, built with Altair."""
    import altair as alt  # ~0.2 s to import: only when a chart structure is not cached yet

    x = alt.X(
        "benchmark:N",
        sort=v.x_order,
        title=None,
        axis=alt.Axis(aria=False, labelAngle=0, labelExpr=f"split({LABELS}[datum.value], '{LINE_BREAK}')", labelFontSize=12, labelPadding=6, labelLimit=0),
    )
    offset = alt.XOffset("model:N", sort=v.shown, scale=alt.Scale(paddingInner=0.08))
    y = alt.Y(
        "value:Q",
        title=v.y_title,
        scale=alt.Scale(domain=v.domain, clamp=True, nice=False, zero=False),
        axis=alt.Axis(values=v.ticks, grid=True, tickCount=len(v.ticks), titleFontSize=12, labelFontSize=11),
    )
    colour = alt.Color(
        "model:N",
        sort=v.shown,
        scale=alt.Scale(domain=v.shown, range=v.colours),
        legend=alt.Legend(aria=False, title="Model", labelExpr=f"{LABELS}[datum.value]", orient="right", symbolType="square", symbolSize=180, labelFontSize=LEGEND_FONT_PX, labelLimit=LEGEND_LIMIT_PX, symbolStrokeColor="#333", symbolStrokeWidth=0.5),
    )
    base = alt.Chart(alt.Data(values=v.rows))
    bars = base.mark_bar(stroke="#333", strokeWidth=0.5).encode(
        x=x, xOffset=offset, y=y, color=colour, tooltip=alt.Tooltip("tooltip:N"), description=alt.Description("tooltip:N")
    )
    # 95% whiskers; bars without a known uncertainty have null ends and draw none.
    whisker_y = alt.Y("low:Q", title=v.y_title, scale=alt.Scale(domain=v.domain, clamp=True, nice=False, zero=False),
                      axis=alt.Axis(values=v.ticks, grid=True, tickCount=len(v.ticks), titleFontSize=12, labelFontSize=11))
    whiskers = base.mark_rule(color="#1b1f24", strokeWidth=1.5, aria=False).encode(x=x, xOffset=offset, y=whisker_y, y2="high:Q")
    text = base.mark_text(
        baseline="middle" if v.rotate else "bottom",
        align="left" if v.rotate else "center",
        angle=270 if v.rotate else 0,
        dx=3 if v.rotate else 0,
        dy=0 if v.rotate else -3,
        fontSize=10 if v.rotate else 11,
        color="#1b1f24",
        aria=False,  # the bar under it is described (its tooltip); Vega's own description of a label would repeat it
    ).encode(x=x, xOffset=offset, y=alt.Y("label_y:Q", title=v.y_title, scale=alt.Scale(domain=v.domain, clamp=True, nice=False, zero=False),
                                          axis=alt.Axis(values=v.ticks, grid=True, tickCount=len(v.ticks), titleFontSize=12, labelFontSize=11)),
             text="label:N")
    return alt.layer(bars, whiskers, text).add_params(alt.param(name=LABELS, value=v.labels)).properties(
        width=v.width,
        height=320,
        title=alt.Title(v.title, subtitle=v.subtitle, anchor="start", fontSize=15, subtitleFontSize=11, subtitleColor="#1b1f24", offset=30 if v.rotate else 12),
        padding={"top": 24 if v.rotate else 8, "left": 5, "right": 5, "bottom": 5},
    ).configure(font=FONT, locale=NUMBER_LOCALE).configure_view(stroke="#999").configure_axis(
        labelColor="#1b1f24", titleColor="#1b1f24", gridColor="#d9d9d9", domainColor="#666"
    ).configure_legend(labelColor="#1b1f24", titleColor="#1b1f24")


_skeletons: dict[bool, str] = {}


def chart_spec(report: Report, config: SiteConfig, layout: Layout, words: ChartWords) -> dict:
    """The Vega-Lite spec: deterministic, data inline, every string already formatted.

    Building the Altair objects costs ~50 ms a chart, as much as drawing it, so Altair builds
    one spec per structure (labels upright or rotated) and each report swaps its own values
    into a copy. A test checks the result equals a direct Altair build for many reports. The
    two skeletons are kept in the user's cache, keyed by this module's code and Altair's
    version, so a rebuild of one report does not import Altair at all (0.2 s).
    """
    v = _values(report, layout, words)
    if layout.kind != GROUPED:
        return safe_titles(shaped_spec(report, layout, v, list(words.panel_titles), narrow=False))
    if v.rotate not in _skeletons:
        _skeletons[v.rotate] = stored_cache.stored(
            _skeleton_name(v.rotate), lambda: json.dumps(altair_chart(v).to_dict(validate=False)).encode(), _is_skeleton
        ).decode()
    spec = json.loads(_skeletons[v.rotate])
    spec["data"] = {"values": v.rows}
    spec["width"] = v.width
    spec["title"]["text"] = v.title
    spec["title"]["subtitle"] = _subtitle_lines(v.subtitle, CONTENT_PX - 10)
    for param in spec["params"]:
        if param["name"] == LABELS:
            param["value"] = v.labels
    for layer in spec["layer"]:
        encoding = layer["encoding"]
        encoding["x"]["sort"] = v.x_order
        encoding["xOffset"]["sort"] = v.shown
        encoding["y"]["title"] = v.y_title
        encoding["y"]["scale"]["domain"] = v.domain
        encoding["y"]["axis"]["values"] = v.ticks
        encoding["y"]["axis"]["tickCount"] = len(v.ticks)
        if "color" in encoding:
            encoding["color"]["sort"] = v.shown
            encoding["color"]["scale"]["domain"] = v.shown
            encoding["color"]["scale"]["range"] = v.colours
    return safe_titles(spec)


def _skeleton_name(rotate: bool) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes() + version("altair").encode()).hexdigest()[:24]
    return f"chart-skeleton-{digest}-{'rotated' if rotate else 'upright'}.json"


def _is_skeleton(data: bytes) -> bool:
    try:
        spec = json.loads(data)
        return (isinstance(spec, dict) and all("encoding" in layer for layer in spec["layer"]) and "text" in spec["title"]
                and "subtitle" in spec["title"] and len(spec["layer"]) == 3)
    except (ValueError, KeyError, TypeError):
        return False


def _ticks(low: float, high: float, step: float) -> list[float]:
    first = -(-low // step) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return with_ends(ticks, low, high, step)


def spec_to_json(spec: dict) -> str:
    """Compact (the spec is embedded in the page as well as written as chart.vl.json; the Vega
    editor and any JSON viewer indent it): a third smaller than indented."""
    return json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def narrow_spec(report: Report, layout: Layout, words: ChartWords) -> dict:
    """The same chart laid out for a 360 px phone's column (NARROW_PX)."""
    return safe_titles(shaped_spec(report, layout, _values(report, layout, words), list(words.panel_titles), narrow=True))


def render_chart(report: Report, config: SiteConfig, layout: Layout, title: str, description: str, words: ChartWords) -> ChartFiles:
    """``words`` (from prose.report_text, or prose.default_chart_words outside a build) carry
    the site's wording and the analysis's intervals. A chart wider than a phone's column also
    gets its narrow layout, which the page serves below the width where the wide one would
    shrink its text under 90%."""
    spec = chart_spec(report, config, layout, words)
    register_font()
    raw = drawn_svg(drawing_spec(spec))
    svg = post_process_svg(raw, report, layout, title, description)
    png = drawn_png(for_raster(svg), png_scale(svg)) if config.png else None
    width = svg_size(svg)[0]
    if width <= NARROW_PX / 0.9:
        return ChartFiles(spec_to_json(spec), svg, png, words.note)
    small = narrow_spec(report, layout, words)
    # ranked small multiples: the wide chart's panels restacked (no second drawing); else drawn
    stacked = None
    if layout.kind == RANKED:  # from the wide SVG: panels restacked, or one panel's value axis shortened
        stacked = phone_svg(raw, layout.order[0], report.title, words.on_chart) if layout.order else squeezed_svg(raw, report.title, words.on_chart)
    narrow_raw = stacked if stacked is not None else drawn_svg(drawing_spec(_as_image(small)))
    narrow = post_process_svg(narrow_raw, report, layout, title, description)
    # embedded in the page, compact and without the data rows: chart.js takes the wide spec's
    compact = json.dumps({**small, "data": {"name": "wide"}}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return ChartFiles(spec_to_json(spec), svg, png, words.note, narrow, compact,
                      int(width * 0.9) + 40, svg_size(narrow))


def drawn_svg(spec: dict) -> str:
    """vl-convert's SVG of a spec as drawn, from the drawings kept between builds (drawings.py)
    when the same spec was drawn before."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return drawings.svg(text, lambda: vlc.vegalite_to_svg(spec, vl_version=VL_VERSION))


def drawn_png(svg: str, scale: float) -> bytes:
    """The PNG of an SVG, likewise kept."""
    return drawings.png(svg, scale, lambda: vlc.svg_to_png(svg, scale=scale))


def _as_image(spec: dict) -> dict:
    """The narrow spec as its static SVG is drawn: served as an <img>, which shows no tooltips
    and exposes nothing inside it, so the bars carry neither tooltips nor descriptions (a fifth
    of its drawing time; without ``aria: false`` Vega would describe each bar itself, with the
    axis title in an expression); the interactive chart keeps them."""
    spec = json.loads(json.dumps(spec))
    for row in spec["vconcat"]:
        for block in row.get("hconcat", [row]):
            for layer in block["layer"]:
                layer["encoding"].pop("tooltip", None)
                layer["encoding"].pop("description", None)
                layer["mark"]["aria"] = False
    return spec


def svg_size(svg: str) -> tuple[int, int]:
    match = re.search(r'<svg\b[^>]*\bwidth="([\d.]+)" height="([\d.]+)"', svg)
    return (round(float(match.group(1))), round(float(match.group(2)))) if match else (0, 0)


def for_raster(svg: str) -> str:
    """The SVG as the PNG is drawn from: shapes without anti-aliasing, except the hatch stripes.

    Every shape of a bar chart is an axis-aligned rectangle or line, which crispEdges draws
    exactly as anti-aliasing would, only sharper; it halves resvg's time, which was most of a
    build's. The diagonal stripes of the hatch patterns keep anti-aliasing, and text is not
    affected (shape-rendering does not apply to it).
    """
    svg = svg.replace("<svg ", '<svg shape-rendering="crispEdges" ', 1)
    svg = _RTL_LINES.sub(_lines_apart, svg) if _RTL.search(svg) else svg
    return svg.replace("<pattern ", '<pattern shape-rendering="geometricPrecision" ')


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")  # Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their presentation forms
_RTL_LINES = re.compile(r'<text ([^>]*?)transform="([^"]*)"([^>]*)>((?:<tspan[^>]*>[^<]*</tspan>){2,})</text>')
_TSPAN = re.compile(r'<tspan(?: x="[^"]*")?(?: dy="([^"]*)")?>([^<]*)</tspan>')


def _lines_apart(match: re.Match) -> str:
    """A label of several lines (<tspan x="0" dy="14">) with right-to-left text, as one <text>
    a line: resvg reorders the lines of one <text> as one bidirectional run, so an Arabic name
    wrapped on two lines was drawn over itself in the PNG (the browser draws the SVG right)."""
    before, transform, after, body = match.groups()
    if not _RTL.search(body):
        return match.group(0)
    found = _TSPAN.findall(body)
    if len(found) != body.count("<tspan"):  # a line of another shape: left as drawn
        return match.group(0)
    lines, offset = [], 0.0
    for dy, text in found:
        offset += float(dy or 0)
        moved = f"{transform} translate(0,{offset:g})" if offset else transform
        lines.append(f'<text {before}transform="{moved}"{after}>{text}</text>')
    return "".join(lines)


def png_scale(svg: str) -> float:
    """2x, except that charts stop at PNG_MAX_WIDTH pixels wide and tall ones (rows of groups,
    ranked panels) at PNG_MAX_PIXELS in all: the PNG is the page's og:image (shown at most
    1200 px wide) and a download beside the chart's SVG, which is the one to scale; rasterising
    grows with the pixel count (the example's chart: 1.5 Mpx and 694 KB at 2x, 0.65 Mpx at 1200 px)."""
    width, height = svg_size(svg)
    if not width:
        return PNG_SCALE
    return min(PNG_SCALE, PNG_MAX_WIDTH / width, (PNG_MAX_PIXELS / (width * max(height, 1))) ** 0.5)


def pattern_defs(report: Report, layout: Layout) -> str:
    """<pattern> definitions for the hatched models: the model's colour with white stripes.

    The stripes are drawn diagonally in an upright tile rather than by rotating the pattern:
    the result looks the same and rasterises 2.5x faster (the PNG was most of a build's time).
    """
    defs = []
    for i, name in enumerate(layout.shown):
        fill = layout.fills[name]
        if fill.hatched:
            defs.append(
                f'<pattern id="{pattern_id(report, i)}" patternUnits="userSpaceOnUse" width="8" height="8">'
                f'<rect width="8" height="8" fill="{fill.colour}"/>'
                '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" stroke-opacity="0.85" stroke-width="2.6"/>'
                "</pattern>"
            )
    return "".join(defs)


_ARIA_LABEL = re.compile(r'(<path\b[^>]*?\baria-label="([^"]*)"[^>]*?)(/>)')
_ROOT = re.compile(r"<svg\b([^>]*)>")


def post_process_svg(svg: str, report: Report, layout: Layout, title: str, description: str) -> str:
    """Accessible name and description, pattern definitions, a native tooltip on each bar."""
    prefix = id_prefix(report)

    def add_title(match: re.Match) -> str:
        # vl-convert writes the bar's description channel as aria-label (already escaped).
        return f"{match.group(1)}><title>{match.group(2)}</title></path>"

    svg = _ARIA_LABEL.sub(add_title, svg)
    svg = svg.replace(' role="graphics-document"', "").replace(' aria-roledescription="visualization"', "")

    def root(match: re.Match) -> str:
        attributes = re.sub(r'\s(?:role|aria-label|aria-labelledby|aria-describedby)="[^"]*"', "", match.group(1))
        return (
            f'<svg{attributes} role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" '
            f'focusable="false" data-chart="{escape(report.slug)}">'
            f'<title id="{prefix}-title">{escape(title, quote=False)}</title>'
            f'<desc id="{prefix}-desc">{escape(description, quote=False)}</desc>'
            f"<defs>{pattern_defs(report, layout)}</defs>"
        )

    return _ROOT.sub(root, svg, count=1)


@cache
def vendored_assets() -> dict[str, bytes]:
    """Vega, Vega-Lite and vega-embed as one classic script (no CDN), written once under assets/.

    vl-convert takes about a second to bundle it, so the bundle is kept in the user's cache
    directory, keyed by the vl-convert and Vega-Lite versions that made it.
    """
    name = f"vega-bundle-{vlc.__version__}-vl{VL_VERSION}.js"
    return {"assets/vega/vega-bundle.js": stored_cache.stored(name, lambda: vlc.javascript_bundle(vl_version=VL_VERSION).encode())}
