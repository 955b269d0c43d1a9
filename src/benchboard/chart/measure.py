"""Label limits vl-convert need not test: the spec as it is drawn, with a label limit set to 0
wherever every label the limit applies to is narrower than it.

Vega cuts a label to its ``labelLimit`` by measuring it first, and vl-convert measures text by
laying it out with the font, opening the font file for each glyph (bench/RESULTS.md): on a
ranked chart of 101 named bars, these tests were ~40% of the drawing's time. A label narrower
than its limit is drawn as it is, so the drawing is the same without the test
(tests/chart/test_measure.py checks the SVGs byte for byte). The width of a label is bounded from
Benchboard Sans' own advance widths (fonts/advances.json, made from the font as
fonts/README.md says), plus the pairs the font kerns apart and a pixel; a label holding a
character the font lacks (drawn with another font) keeps its limit, as does any label within
the bound's margin. The published spec (chart.vl.json, the interactive
chart) keeps its limits: browsers draw it with their own fonts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

LABELS_LITERAL = re.compile(r"slice\(\((\{.*?\})\)\[datum\.value\], 1\)")  # views/chartspec.inline_labels
VEGA_LABEL_PX = 10  # Vega's default labelFontSize of axes and legends
VEGA_LABEL_LIMIT = {"axis": 180, "legend": 160}  # Vega's default labelLimit
NUMBER_PX_AT_MOST = 120  # a tick label (a number of 15 characters at most) at 11 px is ~100 px
SLACK_PX = 1.0


@cache
def _advances() -> tuple[dict[str, int], int, dict[tuple[str, str], int]]:
    table = json.loads((Path(__file__).resolve().parents[1] / "fonts" / "advances.json").read_text())
    widths = {chr(start + i): w for start, run in table["runs"] for i, w in enumerate(run)}
    kerning = {(chr(a), chr(b)): v for a, b, v in table["positive_kerning"]}
    return widths, table["units_per_em"], kerning


def width_at_most(text: str, size: float) -> float | None:
    """An upper bound of ``text``'s width in px at ``size`` px as vl-convert measures it (the
    advances, and the kerning of the few pairs the font moves apart), or None when the font
    lacks one of its characters or a combining mark may compose with its base."""
    widths, em, kerning = _advances()
    if any(c not in widths or unicodedata.combining(c) for c in text):
        return None
    units = sum(widths[c] for c in text) + sum(kerning.get(pair, 0) for pair in zip(text, text[1:]))
    return units * size / em + SLACK_PX


def _fits(texts, size: float, limit: float) -> bool:
    for text in texts:
        bound = width_at_most(text, size)
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


def drawing_spec(spec: dict, line_break: str) -> dict:
    """A copy of ``spec`` with each axis's and legend's ``labelLimit`` 0 where no label reaches
    it: a quantitative axis's numbers, or the names a label expression looks up."""
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

    def walk(node):
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        node = {k: walk(v) for k, v in node.items()}
        for kind in ("axis", "legend"):
            node = guide(node, kind)
        return node

    return walk(spec)
