"""Titles Vega would misread: a report titled after an Object.prototype member, or holding
U+2028/U+2029, in the chart's title, subtitle or value axis, draws (vl-convert stopped with
"Operator not defined" on a title "constructor") and shows its own text, in every layout and
in the phone layout."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from benchboard.chart.draw import narrow_spec, render_chart
from benchboard.chart.layout import chart_layout
from benchboard.model import Benchmark, Model, Report, Score, SiteConfig, format_number
from benchboard.render.prose import default_chart_words
from benchboard.views.chartspec import safe_titles

SVG = "{http://www.w3.org/2000/svg}"
TITLES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "line\u2028break", "para\u2029break"]


def _report(models: int, benchmarks: int, title: str, y_title: str = "Accuracy (%)") -> Report:
    benches = tuple(Benchmark(f"Bench {b}", "acc") for b in range(benchmarks))
    rows = tuple(Model(f"Model {m}", {f"Bench {b}": Score(v, format_number(v, 1)) for b in range(benchmarks)
                                      for v in [float(40 + (m * 7 + b * 13) % 55)]}) for m in range(models))
    return Report(slug="t", path="t.yaml", title=title, benchmarks=benches, models=rows, precision=1,
                  y_range=(0.0, 100.0), y_title=y_title, max_bars=12)


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("shape", [(4, 3), (30, 2), (4, 20)], ids=["grouped", "ranked", "wrapped"])
@pytest.mark.parametrize("title", TITLES)
def test_a_title_vega_would_misread_draws_as_itself(title, shape):
    report = _report(*shape, title=title, y_title=title)
    layout = chart_layout(report, SiteConfig())
    words = default_chart_words(report, layout)
    files = render_chart(report, SiteConfig(), layout, title, "description", words)
    shown = title.replace("\u2028", "").replace("\u2029", "")  # a line separator is drawn as nothing (or a space)
    texts = [t.replace("\u2028", "").replace("\u2029", "").replace(" ", "") for t in _texts(files.svg)]
    assert shown in texts, "the chart's title"
    assert texts.count(shown) >= 2, "the value axis's title too"
    # no title reaches Vega as a plain string: each is an expression of JSON strings
    spec = json.loads(files.spec_json)
    assert isinstance(spec["title"]["text"], dict)
    for phone in (narrow_spec(report, layout, words),):
        assert isinstance(phone["title"]["text"], dict)


def test_safe_titles_reads_each_title_through_an_expression():
    spec = {"title": {"text": ["a", "constructor"], "subtitle": "toString"},
            "layer": [{"encoding": {"y": {"field": "v", "title": "__proto__", "axis": {"grid": True}}, "x": {"field": "b", "title": None}}}]}
    safe = safe_titles(spec)
    assert safe["title"]["text"] == {"expr": '[slice("_a", 1), slice("_constructor", 1)]'}
    assert safe["title"]["subtitle"] == {"expr": '[slice("_toString", 1)]'}
    y = safe["layer"][0]["encoding"]["y"]
    assert y["axis"] == {"grid": True, "title": {"expr": '[slice("___proto__", 1)]'}} and y["title"] == "__proto__"
    assert safe["layer"][0]["encoding"]["x"] == {"field": "b", "title": None}
    assert spec["title"]["text"] == ["a", "constructor"], "the input is left as it was"
