"""Charts of one model's scores or one benchmark's scores (the model and benchmark pages): sorted
horizontal bars with their 95% interval as a whisker and the shown value as a label, written
here as static SVG.

Each bar's label sits above it, so the chart stays readable at 360 px without a column of long
names beside the bars. The page data (which bars, in which groups) is views/site.py's; the words
around a chart (its caption, which names it) are the template's: the SVG carries no sentence.

Why not Altair and vl-convert, as chart/draw.py does for the report charts: this chart is four
marks (bars, rules, two texts) on one linear axis, placed without measuring any text, and
vl-convert took 46 to 90 ms to draw each one, on a site of thousands of model pages most of its
build. The geometry below is the one Vega-Lite laid out (a band of ROW px per bar, the bar
centred 7 px under the band's middle, its label above it; an axis on top with Vega's ticks);
the tick values are d3's, so the axis reads as the report charts' do.
"""

from __future__ import annotations

import math
import re
import unicodedata
from html import escape
from typing import TYPE_CHECKING

from benchboard.chart.measure import distinct_cuts
from benchboard.views.chartstyle import pattern_svg

if TYPE_CHECKING:  # annotations only
    from benchboard.views.site import EntityChart

WIDTH = 400  # px; scaled down to the column's width on a phone (about 0.85 at 360 px)
ROW = 38  # px per bar: its label line and the bar under it
ROW_DENSE = 30  # for more than DENSE_FROM bars
DENSE_FROM = 30
PAD = 8  # px left and right of the plot (4 under it)
PLOT = WIDTH - 2 * PAD  # the axis's length
LEFT = PAD + 1  # the plot's left edge: the axis line's stroke reaches 1 px before it
TOP = 24  # the plot's top: the axis labels and ticks above it
BOTTOM = 4
HEADROOM = 0.18  # of the values' span, right of the largest: room for its value label
TICK_COUNT = 4  # Vega's tickCount: about this many ticks, at 1, 2 or 5 times a power of ten
BAR = 10  # px, the bar's thickness
BAR_DROP = 7  # px from the band's middle down to the bar's middle
AXIS_SIZE, VALUE_SIZE, LABEL_SIZE = 13, 13, 14  # px, the font sizes: at least 10 px where a 360 px phone shows the 400 px chart at ~0.8
# chart/draw.FONT, the report charts' (not imported: chart/draw.py imports vl-convert)
FONT = "Benchboard Sans, Helvetica, Arial, sans-serif"


def colours() -> dict[str, str]:
    """The entity charts' fixed colours; each bar's own is its model's site colour and hatch
    (views/chartstyle.site_styles, carried by views/site.Bar), the same as in its report's chart
    and the compare charts: a model's bars on a benchmark page each in their model's colour, a
    model page's bars in that model's."""
    return {"whisker": "#1b1f24", "text": "#1b1f24", "grid": "#d0d7de", "outline": "#333",
            "axis": "#888", "axis_text": "#000", "background": "white"}


def _pattern_id(prefix: str, colour: str) -> str:
    """A hatch pattern's id, unique on its page (``prefix`` is the chart's caption id)."""
    return f"{prefix}-hatch-{colour.lstrip('#').lower()}"


def domain(chart: EntityChart) -> tuple[float, float]:
    """The axis's extent: from zero, or the lowest value or interval end below it, to the
    highest above zero plus HEADROOM of the span (room for the value label right of each bar or
    whisker). Proportions span their whole scale (0–100%, 0–1), as in the report chart: 42%
    is not drawn as a full bar."""
    values = [v for b in chart.bars for v in (b.value, b.low, b.high) if v is not None]
    low = min(0.0, min(values, default=0.0))
    high = max(0.0, max(values, default=1.0))
    if chart.scale and all(0 <= v <= chart.scale for v in values):
        high = chart.scale
    span = (high - low) or abs(high) or 1.0
    return low, high + span * HEADROOM


# d3-array's ticks (3.2), which Vega's linear scales use: e10, e5, e2 choose 10, 5, 2 or 1.
_E10, _E5, _E2 = math.sqrt(50), math.sqrt(10), math.sqrt(2)


def _tick_spec(start: float, stop: float, count: float) -> tuple[int, int, float]:
    step = (stop - start) / max(0, count)
    power = math.floor(math.log10(step))
    error = step / 10 ** power
    factor = 10 if error >= _E10 else 5 if error >= _E5 else 2 if error >= _E2 else 1
    if power < 0:
        inc = 10 ** -power / factor
        i1, i2 = _js_round(start * inc), _js_round(stop * inc)
        i1 += i1 / inc < start
        i2 -= i2 / inc > stop
        inc = -inc
    else:
        inc = 10 ** power * factor
        i1, i2 = _js_round(start / inc), _js_round(stop / inc)
        i1 += i1 * inc < start
        i2 -= i2 * inc > stop
    if i2 < i1 and 0.5 <= count < 2:
        return _tick_spec(start, stop, count * 2)
    return i1, i2, inc


def _js_round(x: float) -> int:
    """JavaScript's Math.round."""
    return math.floor(x + 0.5)


def ticks(start: float, stop: float, count: int = TICK_COUNT) -> list[float]:
    """d3's ticks(start, stop, count) for start < stop: round values, about ``count`` of them."""
    if not start < stop:
        return [start]
    i1, i2, inc = _tick_spec(start, stop, count)
    if inc < 0:
        return [(i1 + i) / -inc for i in range(i2 - i1 + 1)]
    return [(i1 + i) * inc for i in range(i2 - i1 + 1)]


def tick_label(value: float, start: float, stop: float, count: int = TICK_COUNT) -> str:
    """d3's tick format ("f" at the step's precision), as Vega writes an axis label in the
    report charts' number locale (views/chartspec.NUMBER_LOCALE): no thousands separator, a
    hyphen-minus, as every score is written."""
    _, _, inc = _tick_spec(start, stop, count)
    step = 1 / -inc if inc < 0 else inc
    text = format(abs(value), f".{max(0, -math.floor(math.log10(step) + 1e-9))}f")
    return ("-" + text) if value < 0 and text.strip("0.") else text


# Arial's (and Benchboard Sans') advance widths, in ems, of what axis labels hold.
_DIGIT_EMS = {**dict.fromkeys("0123456789", 0.556), ",": 0.278, ".": 0.278, "\u2212": 0.584, "-": 0.333}


def _axis_labels(xs: list[float], texts: list[str]) -> list[tuple[float, str, str]]:
    """(x, anchor, text) of each label Vega's axis shows: the first and last flush with the
    axis's ends when within 1 px of them; every other one dropped while any two overlap and
    three or more are left (Vega-Lite's labelOverlap, "parity")."""
    def anchor(x: float) -> str:
        left, right = abs(x), abs(PLOT - x)
        return "start" if left < right and left <= 1 else "end" if right <= 1 else "middle"

    labels = [(x, anchor(x), t) for x, t in zip(xs, texts)]

    def overlap(found: list) -> bool:
        spans = [_extent(p, where, _width(t, AXIS_SIZE)) for p, where, t in found]
        return any(a[1] > b[0] for a, b in zip(spans, spans[1:]))

    while len(labels) >= 3 and overlap(labels):
        labels = labels[::2]
    return labels


def _extent(x: float, anchor: str, width: float) -> tuple[float, float]:
    """Where a text of ``width`` px anchored at ``x`` starts and ends."""
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return left, left + width


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def text(value: str) -> str:
    """Content as SVG text or an attribute value: escaped (& < > " '), and characters XML
    forbids (controls, lone surrogates) replaced."""
    return escape(_NOT_XML.sub("\ufffd", value), quote=True)


def _em(c: str) -> float:
    """About a character's width in ems, never much under it (Arial's): enough to cut a name
    that would run past the chart's edge, not to lay text out."""
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1.0
    if unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0.0
    if c in "iljtf.,:;'|!()[]{} /\\":
        return 0.34
    return 0.95 if c in "MWmw@%" else 0.75 if c.isupper() else 0.6


def fit(label: str, room: float, size: float) -> str:
    """The label, cut with an ellipsis where it would pass ``room`` px at ``size`` px."""
    if len(label) * size <= room:  # no character is estimated wider than 1 em
        return label
    used, cut = 0.0, None
    for i, c in enumerate(label):
        used += _em(c) * size
        if used > room:
            return label[:cut if cut is not None else i].rstrip() + "\u2026"
        if used <= room - size:  # where the ellipsis still fits
            cut = i + 1
    return label


def _n(x: float) -> str:
    """A coordinate: 2 decimals at most."""
    found = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if found in ("-0", "") else found


def _width(label: str, size: float) -> float:
    """A number's width at ``size`` px (Arial's digits; 0.6 em for anything else)."""
    return sum(_DIGIT_EMS.get(c, 0.6) for c in label) * size


def draw(chart: EntityChart, labelledby: str) -> str:
    """The static SVG: an image named by the page's caption (``labelledby``, its id); the bars'
    own texts are left to the table beside it, which has every number."""
    colour = colours()
    step = ROW_DENSE if len(chart.bars) > DENSE_FROM else ROW
    plot_height = step * len(chart.bars)
    start, stop = domain(chart)

    def x(value: float) -> float:
        return (value - start) / (stop - start) * PLOT

    values = ticks(start, stop)
    xs = [x(v) for v in values]
    labels = _axis_labels(xs, [tick_label(v, start, stop) for v in values])
    zero = x(0.0)
    rows = []  # (bar, its y, its low and high, where its value label starts)
    for i, bar in enumerate(chart.bars):
        low = bar.low if bar.low is not None else bar.value
        high = bar.high if bar.high is not None else bar.value
        end = max(bar.value, high, 0.0 if bar.value < 0 else bar.value)  # right of the bar, its whisker and zero
        rows.append((bar, step * (i + 0.5), low, high, x(end) + 4))
    # As Vega's autosize "pad": an axis label past the plot's left end, or a label past its right
    # end, widens the image rather than being cut (the bars' own labels are cut instead: fit).
    extents = [_extent(p + 0.5, where, _width(t, AXIS_SIZE)) for p, where, t in labels]
    extents += [(p, p + _width(bar.display, VALUE_SIZE)) for bar, _, _, _, p in rows]
    left = PAD + max(1, math.ceil(-min((a for a, _ in extents), default=0.0)))
    width = left + max(PLOT, math.ceil(max((b for _, b in extents), default=0.0))) + PAD
    height = TOP + plot_height + BOTTOM

    prefix = text(labelledby)
    hatches = sorted({b.colour for b in chart.bars if b.hatched})
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="{prefix}" focusable="false">']
    if hatches:
        out.append("<defs>" + "".join(pattern_svg(_pattern_id(prefix, text(c)), text(c)) for c in hatches) + "</defs>")
    out.append(f'<rect width="{width}" height="{height}" fill="{colour["background"]}"/>')
    out.append(f'<g transform="translate({left},{TOP})" font-family="{FONT}">')
    # The axis, half a pixel off so that its 1 px lines are sharp: grid lines, ticks, labels, its line.
    out.append('<g transform="translate(0.5,0.5)" stroke-width="1">')
    out.extend(f'<line x1="{round(p)}" x2="{round(p)}" y2="{plot_height}" stroke="{colour["grid"]}"/>' for p in xs)
    out.extend(f'<line x1="{round(p)}" x2="{round(p)}" y2="-5" stroke="{colour["axis"]}"/>' for p in xs)
    out.extend(f'<text x="{_n(p)}" y="-10" text-anchor="{where}" font-size="{AXIS_SIZE}px" fill="{colour["axis_text"]}">{text(t)}</text>'
               for p, where, t in labels)
    out.append(f'<line x2="{PLOT}" stroke="{colour["axis"]}"/></g>')
    # Each bar centred BAR_DROP px under its band's middle, its whisker on it, its value label
    # right of both, its name above it; the y offsets are Vega's text baselines (bottom, middle).
    # a name is never cut to read like another's (chart/measure.py): those are cut where they differ
    names = distinct_cuts([bar.label for bar, *_ in rows], [PLOT], lambda label, room: fit(label, room, LABEL_SIZE))
    for bar, middle, low, high, label_x in rows:
        y = middle + BAR_DROP
        fill = f"url(#{_pattern_id(prefix, text(bar.colour))})" if bar.hatched else text(bar.colour)
        a, b = sorted((zero, x(bar.value)))
        out.append(f'<rect x="{_n(a)}" y="{_n(y - BAR / 2)}" width="{_n(b - a)}" height="{BAR}" fill="{fill}" '
                   f'stroke="{colour["outline"]}" stroke-width="0.5"/>')
        if low != high:
            out.append(f'<line x1="{_n(x(low))}" x2="{_n(x(high))}" y1="{_n(y)}" y2="{_n(y)}" '
                       f'stroke="{colour["whisker"]}" stroke-width="1.5"/>')
        out.append(f'<text x="{_n(label_x)}" y="{_n(y + round(0.3 * VALUE_SIZE))}" font-size="{VALUE_SIZE}px" '
                   f'fill="{colour["text"]}">{text(bar.display)}</text>')
        out.append(f'<text y="{_n(middle + 1 - round(0.21 * LABEL_SIZE))}" font-size="{LABEL_SIZE}px" '
                   f'fill="{colour["text"]}">{text(fit(names[bar.label], PLOT, LABEL_SIZE))}</text>')
    out.append("</g></svg>")
    return "".join(out)
