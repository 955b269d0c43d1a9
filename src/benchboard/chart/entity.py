"""Charts of one model's scores or one benchmark's scores (the model and benchmark pages): sorted
horizontal bars with their 95% interval as a whisker and the shown value as a label, drawn with
Altair and rendered to a static SVG by vl-convert, as chart/draw.py does for reports.

Each bar's label sits above it, so the chart stays readable at 360 px without a column of long
names beside the bars. The page data (which bars, in which groups) is views/site.py's; the words
around a chart (its caption, which names it) are the template's: the SVG carries no sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import hashlib
import json
import re
from functools import lru_cache

import vl_convert as vlc

from benchboard.load import cache as stored_cache
from benchboard.chart.draw import FONT, VL_VERSION, _register_font
from benchboard.views.chartstyle import pattern_svg

if TYPE_CHECKING:  # annotations only
    from benchboard.views.site import EntityChart

WIDTH = 400  # px; scaled down to the column's width on a phone (about 0.85 at 360 px)
ROW = 38  # px per bar: its label line and the bar under it
ROW_DENSE = 30  # for more than DENSE_FROM bars
DENSE_FROM = 30


def colours() -> dict[str, str]:
    """The entity charts' fixed colours; each bar's own is its model's site colour and hatch
    (views/chartstyle.site_styles, carried by views/site.Bar), the same as in its report's chart
    and the compare charts: a model's bars on a benchmark page each in their model's colour, a
    model page's bars in that model's."""
    return {"whisker": "#1b1f24", "text": "#1b1f24", "grid": "#d0d7de", "outline": "#333"}


def _pattern_id(prefix: str, colour: str) -> str:
    """A hatch pattern's id, unique on its page (``prefix`` is the chart's caption id)."""
    return f"{prefix}-hatch-{colour.lstrip('#').lower()}"


@lru_cache(maxsize=None)
def _skeleton() -> str:
    """The chart's Vega-Lite spec without its data, made with Altair once a process (importing
    Altair and validating the spec took 0.1 to 1 s a chart; filling in data takes none)."""
    import altair as alt

    colour = colours()
    y = alt.Y("i:O", axis=None, sort=None)
    x = alt.X("value:Q", scale=alt.Scale(domain=[0, 1], nice=False, zero=True),
              axis=alt.Axis(title=None, grid=True, gridColor=colour["grid"], labelFontSize=12, tickCount=4, orient="top"))
    base = alt.Chart(alt.Data(values=[])).encode(y=y)
    bars = base.mark_bar(size=10, yOffset=7, stroke=colour["outline"], strokeWidth=0.5).encode(
        x=x, color=alt.Color("fill:N", scale=None, legend=None))
    whiskers = base.transform_filter("datum.low != datum.high").mark_rule(color=colour["whisker"], strokeWidth=1.5, yOffset=7).encode(
        x=alt.X("low:Q"), x2="high:Q")
    values_text = base.mark_text(align="left", dx=4, yOffset=7, fontSize=12, color=colour["text"]).encode(
        x=alt.X("end:Q"), text="display:N")
    labels = base.mark_text(align="left", baseline="bottom", yOffset=1, fontSize=13, color=colour["text"]).encode(
        x=alt.X("start:Q"), text="label:N")
    layered = alt.layer(bars, whiskers, values_text, labels).properties(width=WIDTH - 16, height=alt.Step(ROW))
    return json.dumps(layered.configure(font=FONT, padding={"left": 8, "right": 8, "top": 4, "bottom": 4}).configure_view(stroke=None).to_dict())


def spec(chart: EntityChart, prefix: str = "chart") -> dict:
    """The Vega-Lite spec of one chart: the skeleton with this chart's bars, fills, scale and
    height; a hatched bar's fill is url(#id) of a pattern ``draw`` adds (ids under ``prefix``)."""
    rows = [{"label": b.label, "value": b.value, "display": b.display, "i": i,
             "fill": f"url(#{_pattern_id(prefix, b.colour)})" if b.hatched else b.colour,
             "low": b.low if b.low is not None else b.value, "high": b.high if b.high is not None else b.value,
             "end": max(b.value, b.high if b.high is not None else b.value)} for i, b in enumerate(chart.bars)]
    values = [r["value"] for r in rows] + [r["low"] for r in rows] + [r["high"] for r in rows]
    low = min(0.0, min(values)) if values else 0.0
    high = max(values) if values else 1.0
    span = (high - low) or abs(high) or 1.0
    domain = [low, high + span * 0.18]  # room for the value label right of each bar or whisker
    for row in rows:
        row["start"] = domain[0]  # each bar's label starts at the left edge
    found = json.loads(_skeleton())
    found["data"] = {"values": rows}
    for layer in found["layer"]:
        layer.pop("data", None)
        scale = layer["encoding"].get("x", {}).get("scale")
        if scale is not None:
            scale["domain"], scale["zero"] = domain, low == 0.0
    found["height"] = {"step": ROW_DENSE if len(rows) > DENSE_FROM else ROW}
    return found


_ROOT = re.compile(r"<svg\b([^>]*)>")


def _svg(spec_json: str) -> str:
    """vl-convert's SVG, kept in the user's cache (0.1 to 0.3 s a chart to draw), keyed by
    everything it depends on: the spec and the vl-convert and Vega-Lite versions."""
    digest = hashlib.sha256(f"{vlc.__version__}\0{VL_VERSION}\0{spec_json}".encode()).hexdigest()

    def make() -> bytes:
        _register_font()
        return vlc.vegalite_to_svg(json.loads(spec_json), vl_version=VL_VERSION).encode()

    return stored_cache.stored(f"entity-chart-{digest}.svg", make).decode()


def draw(chart: EntityChart, labelledby: str) -> str:
    """The static SVG: an image named by the page's caption (``labelledby``, its id); the bars'
    own texts are left to the table beside it, which has every number."""
    raw = _svg(json.dumps(spec(chart, labelledby), sort_keys=True))
    hatches = sorted({b.colour for b in chart.bars if b.hatched})
    defs = "".join(pattern_svg(_pattern_id(labelledby, c), c) for c in hatches)
    raw = raw.replace(' role="graphics-document"', "").replace(' aria-roledescription="visualization"', "")
    raw = re.sub(r'\saria-label="[^"]*"', "", raw)
    raw = re.sub(r'\srole="graphics-[a-z]+"', "", raw)

    def root(match: re.Match) -> str:
        attributes = re.sub(r'\s(?:role|aria-label|aria-labelledby|aria-describedby)="[^"]*"', "", match.group(1))
        found = f'<svg{attributes} role="img" aria-labelledby="{labelledby}" focusable="false">'
        return found + (f"<defs>{defs}</defs>" if defs else "")

    return _ROOT.sub(root, raw, count=1)
