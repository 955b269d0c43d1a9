"""Text limits vl-convert need not test: the spec as it is drawn, with a label or title limit
set to 0 wherever every text the limit applies to is narrower than it.

Vega cuts a text to its limit (``labelLimit``, an axis's ``titleLimit``, a title's ``limit``)
by measuring it first, and vl-convert measures text by laying it out with the font, opening the
font file for each glyph (bench/RESULTS.md): on a ranked chart of 101 named bars, these tests
were ~40% of the drawing's time. A text narrower than its limit is drawn as it is, so the
drawing is the same without the test (tests/chart/test_measure.py checks the SVGs byte for
byte). A text's width is bounded from Benchboard Sans' own advance widths (fonts/advances.json,
advances-bold.json for the bold titles, made from the fonts as fonts/README.md says), plus the
pairs the font kerns apart and two pixels; a text holding a character the font lacks (drawn with
another font) keeps its limit, as does any text within the bound's margin. The published spec
(chart.vl.json, the interactive chart) keeps its limits: browsers draw it with their own fonts.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from functools import cache
from pathlib import Path

from benchboard.views.chartspec import LINE_BREAK, LOOKUP_END, LOOKUP_START

SAFE_LINE = re.compile(r'slice\(("(?:[^"\\]|\\.)*"), 1\)')  # one line of views/chartspec.safe_text
VEGA_AXIS_TITLE_PX = 11  # Vega's default titleFontSize of an axis (bold)
VEGA_TITLE_PX = 13  # and of a view's title (bold)
VEGA_LABEL_PX = 10  # Vega's default labelFontSize of axes and legends
VEGA_LABEL_LIMIT = {"axis": 180, "legend": 160}  # Vega's default labelLimit
NUMBER_EM = 0.6  # no digit, comma, point or minus sign of the font is wider (digits 0.556 em)
SLACK_PX = 2.0
# Settings that change how a label or title is drawn, which the bound does not know: with any
# of them on a guide, title or the spec's config, the limits stay.
UNKNOWN_STYLE = {"labelFont", "labelFontWeight", "labelFontStyle", "titleFont", "titleFontStyle", "font", "fontStyle",
                 "style", "format", "formatType"}
CONFIG_KEYS = UNKNOWN_STYLE | {"labelFontSize", "titleFontSize", "titleFontWeight", "fontSize", "fontWeight",
                               "labelLimit", "titleLimit", "limit"}


@cache
def _advances(bold: bool) -> tuple[dict[str, int], int, dict[tuple[str, str], int]]:
    name = "advances-bold.json" if bold else "advances.json"
    table = json.loads((Path(__file__).resolve().parents[1] / "fonts" / name).read_text())
    widths = {chr(start + i): w for start, run in table["runs"] for i, w in enumerate(run)}
    kerning = {(chr(a), chr(b)): v for a, b, v in table["positive_kerning"]}
    return widths, table["units_per_em"], kerning


def width_at_most(text: str, size: float, bold: bool = False) -> float | None:
    """An upper bound of ``text``'s width in px at ``size`` px as vl-convert measures it (the
    advances, and the kerning of the few pairs the font moves apart), or None when the font
    lacks one of its characters or has one it lays out with no advance (a mark, a joiner)."""
    widths, em, kerning = _advances(bold)
    if any(not widths.get(c) or unicodedata.category(c) in ("Mn", "Me", "Cf", "Cc") for c in text):
        return None  # a character the font lacks or draws with no advance (marks, joiners): laid out otherwise
    units = sum(widths[c] for c in text) + sum(kerning.get(pair, 0) for pair in zip(text, text[1:]))
    return units * size / em + SLACK_PX


def _fits(texts, size: float, limit: float, bold: bool = False) -> bool:
    for text in texts:
        bound = width_at_most(text, size, bold)
        if bound is None or bound >= limit:
            return False
    return True


def _label_texts(expr: str, params: dict[str, dict]) -> list[str] | None:
    """Every text a label expression can show, split into its lines; None when unknown. The
    object literal inline_labels wrote is read by a JSON decoder (a name may hold any text,
    ")[datum.value]" included), and must be followed by the lookup's end."""
    start = expr.find(LOOKUP_START)
    if start >= 0:
        try:
            literal, end = json.JSONDecoder().raw_decode(expr, start + len(LOOKUP_START))
        except ValueError:
            return None
        if not isinstance(literal, dict) or not expr.startswith(LOOKUP_END, end) or expr.find(LOOKUP_START, end) >= 0:
            return None
        if not all(isinstance(v, str) and v.startswith("_") for v in literal.values()):
            return None
        texts = [v[1:] for v in literal.values()]  # each behind a "_"
    else:
        literal = next((v for name, v in params.items() if f"{name}[datum.value]" in expr), None)
        if not isinstance(literal, dict) or not all(isinstance(v, str) for v in literal.values()):
            return None
        texts = list(literal.values())
    return [line for text in texts for line in (text.split(LINE_BREAK) if "split(" in expr else [text])]


def _number_px(definition: dict, size: float) -> float | None:
    """An upper bound of a value axis's widest tick label (Vega's default number format: digits
    with thousands commas, as many decimals as its tick step needs), from the axis's values or
    its scale's domain; None when neither is given."""
    axis, scale = definition.get("axis") or {}, definition.get("scale") or {}
    values, domain = axis.get("values"), scale.get("domain")
    numbers = [*(values if isinstance(values, list) else []), *(domain if isinstance(domain, list) else [])]
    if not numbers or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in numbers):
        return None
    digits = len(f"{int(max(abs(v) for v in numbers)):d}")
    # the decimals of a value as written, or of the finest step Vega may format the ticks at
    # (its format follows the step of ``tickCount`` ticks over the span; 20 ticks at the least)
    written = max(len(repr(float(v)).partition(".")[2].rstrip("0")) if "e" not in repr(float(v)) else 20 for v in numbers)
    span = max(numbers) - min(numbers)
    count = max(20, 2 * int(axis.get("tickCount", 0) or 0))
    stepped = max(0, 1 - math.floor(math.log10(span / count))) if span else 0
    decimals = min(max(written, stepped), 20)
    chars = 1 + digits + (digits - 1) // 3 + (1 + decimals if decimals else 0)  # sign, digits, commas, point
    return chars * NUMBER_EM * size + SLACK_PX


def _title_lines(title) -> list[str] | None:
    """A title's lines: a string, a list of strings, or safe_text's expression of them."""
    if isinstance(title, str):
        return [title]
    if isinstance(title, list) and all(isinstance(t, str) for t in title):
        return title
    if isinstance(title, dict) and isinstance(title.get("expr"), str):
        expr = title["expr"].strip()
        lines = SAFE_LINE.findall(expr)
        if lines and expr == "[" + ", ".join(f"slice({line}, 1)" for line in lines) + "]":
            return [json.loads(line)[1:] for line in lines]  # each behind a "_"
    return None


def _styled(config) -> bool:
    """Whether the spec's config draws text otherwise than the bound assumes: a font other than
    Benchboard Sans first, or a font, size, weight, format or limit set for guides or titles."""
    if not isinstance(config, dict) or not str(config.get("font", "")).startswith("Benchboard Sans"):
        return True

    def sets(node) -> bool:
        return isinstance(node, dict) and any(k in CONFIG_KEYS or sets(v) for k, v in node.items())

    return any(sets(v) for k, v in config.items() if k != "font")


def drawing_spec(spec: dict) -> dict:
    """A copy of ``spec`` with each axis's and legend's ``labelLimit`` 0 where no label reaches
    it (a quantitative axis's numbers, or the names a label expression looks up), and each
    axis's ``titleLimit`` and view title's ``limit`` 0 where the title fits (bold)."""
    if _styled(spec.get("config")):
        return spec  # text drawn otherwise than the bound assumes: every limit stays
    params = {p["name"]: p.get("value") for p in spec.get("params", []) if isinstance(p, dict) and "name" in p}

    def guide(definition: dict, kind: str) -> dict:
        g = definition.get(kind)
        if not isinstance(g, dict) or not g or UNKNOWN_STYLE & g.keys():  # {}: a later layer's copy of the first layer's
            return definition
        limit = g.get("labelLimit", VEGA_LABEL_LIMIT[kind])
        if not limit:
            return definition
        size = g.get("labelFontSize", VEGA_LABEL_PX)
        expr = g.get("labelExpr")
        if expr is None:
            widest = _number_px(definition, size) if kind == "axis" and definition.get("type") == "quantitative" else None
            fits = widest is not None and widest < limit
        else:
            texts = _label_texts(expr, params)
            fits = texts is not None and _fits(texts, size, limit)
        return {**definition, kind: {**g, "labelLimit": 0}} if fits else definition

    def axis_title(definition: dict) -> dict:
        """An axis's ``titleLimit`` where its title (safe_text lines) fits, bold as Vega draws it."""
        axis = definition.get("axis")
        if not isinstance(axis, dict) or not axis.get("titleLimit") or UNKNOWN_STYLE & axis.keys():
            return definition
        lines = _title_lines(axis.get("title", definition.get("title")))
        bold = axis.get("titleFontWeight", "bold") == "bold"
        if lines is None or not _fits(lines, axis.get("titleFontSize", VEGA_AXIS_TITLE_PX), axis["titleLimit"], bold):
            return definition
        return {**definition, "axis": {**axis, "titleLimit": 0}}

    def view_title(node: dict) -> dict:
        """A view's title ``limit`` (a ranked panel's benchmark) where its lines fit; not with a
        subtitle, which the limit cuts too."""
        title = node.get("title")
        if not isinstance(title, dict) or not title.get("limit") or "subtitle" in title or UNKNOWN_STYLE & title.keys():
            return node
        lines = _title_lines(title.get("text"))
        bold = title.get("fontWeight", "bold") == "bold"
        if lines is None or not _fits(lines, title.get("fontSize", VEGA_TITLE_PX), title["limit"], bold):
            return node
        return {**node, "title": {**title, "limit": 0}}

    def walk(node):
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        node = {k: walk(v) for k, v in node.items()}
        for kind in ("axis", "legend"):
            node = guide(node, kind)
        return view_title(axis_title(node))

    return walk(spec)


def distinct_cuts(texts: list[str], limits: list[float], cut) -> dict[str, str]:
    """Each text as it should be given to its renderer: as written, unless the renderer's cut
    at one of ``limits`` (``cut(text, limit)``: what it shows, e.g. its prefix and "…") would
    make it read like another text; those are cut around where they differ instead
    ("organisation-…-v2-preview-draft"), to fit the smallest limit. Vega's cut keeps the shared
    start of two long names and drops what tells them apart; a legend of two identical entries
    cannot be read. A text shown whole is never changed; equal texts are one text."""
    unique = list(dict.fromkeys(texts))
    found = {t: t for t in unique}
    smallest = min(limits)

    def fits(candidate: str) -> bool:
        return cut(candidate, smallest) == candidate

    for limit in sorted(set(limits)):
        groups: dict[str, list[str]] = {}
        for text in unique:
            groups.setdefault(cut(found[text], limit), []).append(text)
        for shown, group in groups.items():
            cut_ones = [t for t in group if found[t] != shown]  # a text shown whole stays as written
            if len(group) > 1 and cut_ones:
                common = len(os.path.commonprefix(group))
                for text in cut_ones:
                    found[text] = _around(text, common, fits) or found[text]
    if len(set(found.values())) < len(unique):  # the cut could not tell them apart: as written
        return {t: t for t in unique}
    return found


def vega_cut(size: float):
    """``cut(text, limit)`` as Vega cuts a label of ``size`` px at ``limit`` px (an estimate from
    the font's advances: Vega measures the glyphs, at most this bound, so it keeps as much or
    more); a text the font cannot measure is shown whole."""
    def cut(text: str, limit: float) -> str:
        bound = width_at_most(text, size)
        if bound is None or bound <= limit:
            return text
        return text[:_longest(len(text) - 1, lambda end: (width_at_most(text[:end] + "\u2026", size) or limit + 1) <= limit)] + "\u2026"
    return cut


def _longest(most: int, ok) -> int:
    """The largest n in 0..most with ok(n) (ok holds up to some n and fails after), else 0."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if ok(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _around(text: str, start: int, fits) -> str | None:
    """``text`` cut so that ``fits`` it, keeping what follows ``start`` (where it differs from its
    lookalikes): as much of its head as fits, "…", its tail; or "…", the part from ``start``,
    "…" when even that tail is too long. None when nothing fits."""
    tail = text[max(start - 1, 0):]
    if fits("\u2026" + tail):
        head = _longest(max(start - 1, 0), lambda k: fits(text[:k] + "\u2026" + tail))
        return text[:head] + "\u2026" + tail
    end = _longest(len(tail) - 1, lambda n: fits("\u2026" + tail[:n] + "\u2026"))
    return "\u2026" + tail[:end] + "\u2026" if end else None
