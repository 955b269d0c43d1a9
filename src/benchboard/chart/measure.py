"""Text limits vl-convert need not test: the spec as it is drawn, with a label or title limit
set to 0 wherever every text the limit applies to is narrower than it.

Vega cuts a text to its limit (``labelLimit``, an axis's ``titleLimit``, a title's ``limit``)
by measuring it first, and vl-convert measures text by laying it out with the font, opening the
font file for each glyph (bench/RESULTS.md): on a ranked chart of 101 named bars, these tests
were ~40% of the drawing's time. A text narrower than its limit is drawn as it is, so the
drawing is the same without the test (tests/chart/test_measure.py checks the SVGs byte for
byte). A text's width is bounded from Benchboard Sans' own advance widths (fonts/advances.json,
advances-bold.json for the bold titles, made from the fonts as fonts/README.md says), plus the
pairs the font kerns apart and a pixel; a text holding a character the font lacks (drawn with
another font) keeps its limit, as does any text within the bound's margin. The published spec
(chart.vl.json, the interactive chart) keeps its limits: browsers draw it with their own fonts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

LABELS_LITERAL = re.compile(r"slice\(\((\{.*?\})\)\[datum\.value\], 1\)")  # views/chartspec.inline_labels
SAFE_LINE = re.compile(r'slice\(("(?:[^"\\]|\\.)*"), 1\)')  # one line of views/chartspec.safe_text
VEGA_AXIS_TITLE_PX = 11  # Vega's default titleFontSize of an axis (bold)
VEGA_TITLE_PX = 13  # and of a view's title (bold)
VEGA_LABEL_PX = 10  # Vega's default labelFontSize of axes and legends
VEGA_LABEL_LIMIT = {"axis": 180, "legend": 160}  # Vega's default labelLimit
NUMBER_PX_AT_MOST = 120  # a tick label (a number of 15 characters at most) at 11 px is ~100 px
SLACK_PX = 1.0


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
    lacks one of its characters or a combining mark may compose with its base."""
    widths, em, kerning = _advances(bold)
    if any(c not in widths or unicodedata.combining(c) for c in text):
        return None
    units = sum(widths[c] for c in text) + sum(kerning.get(pair, 0) for pair in zip(text, text[1:]))
    return units * size / em + SLACK_PX


def _fits(texts, size: float, limit: float, bold: bool = False) -> bool:
    for text in texts:
        bound = width_at_most(text, size, bold)
        if bound is None or bound >= limit:
            return False
    return True


def _label_texts(expr: str, params: dict[str, dict], line_break: str) -> list[str] | None:
    """Every text a label expression can show, split into its lines; None when unknown."""
    found = LABELS_LITERAL.search(expr)
    if found:
        texts = [v[1:] for v in json.loads(found.group(1)).values()]  # each behind a "_"
    else:
        literal = next((v for name, v in params.items() if f"{name}[datum.value]" in expr), None)
        if not isinstance(literal, dict):
            return None
        texts = list(literal.values())
    return [line for text in texts for line in (text.split(line_break) if "split(" in expr else [text])]


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


def drawing_spec(spec: dict, line_break: str) -> dict:
    """A copy of ``spec`` with each axis's and legend's ``labelLimit`` 0 where no label reaches
    it (a quantitative axis's numbers, or the names a label expression looks up), and each
    axis's ``titleLimit`` and view title's ``limit`` 0 where the title fits (bold)."""
    params = {p["name"]: p.get("value") for p in spec.get("params", []) if isinstance(p, dict) and "name" in p}

    def guide(definition: dict, kind: str) -> dict:
        g = definition.get(kind)
        if not isinstance(g, dict) or not g:  # {}: a later layer's copy of the first layer's guide
            return definition
        limit = g.get("labelLimit", VEGA_LABEL_LIMIT[kind])
        if not limit:
            return definition
        size = g.get("labelFontSize", VEGA_LABEL_PX)
        expr = g.get("labelExpr")
        if expr is None:
            fits = kind == "axis" and definition.get("type") == "quantitative" and limit >= NUMBER_PX_AT_MOST and size <= 12
        else:
            texts = _label_texts(expr, params, line_break)
            fits = texts is not None and _fits(texts, size, limit)
        return {**definition, kind: {**g, "labelLimit": 0}} if fits else definition

    def axis_title(definition: dict) -> dict:
        """An axis's ``titleLimit`` where its title (safe_text lines) fits, bold as Vega draws it."""
        axis = definition.get("axis")
        if not isinstance(axis, dict) or not axis.get("titleLimit"):
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
        if not isinstance(title, dict) or not title.get("limit") or "subtitle" in title:
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
