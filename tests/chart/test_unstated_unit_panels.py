"""Columns of no stated unit are drawn on one axis only when the loader reads them as one unit
(review S3: an MCC, a Spearman and a BLEU column shared a 0-30 axis titled after the first,
while the table and Methods named three units); each panel's axis ends are said as its labels
print them (review S6: "0 to 0.600" for an axis labelled 0.6)."""

from __future__ import annotations

import re
from html import unescape

from benchboard.chart.layout import chart_layout
from benchboard.load.content import load_site
from helpers import build_site, write_tree

MIXED = """\
title: Mixed unknown units
benchmarks:
  - {name: MMLU, unit: percent}
  - {name: CoLA, metric: MCC}
  - {name: STS-B, metric: Spearman}
  - {name: WMT14, metric: BLEU}
models:
  - {name: a, scores: {MMLU: 60.1, CoLA: 0.32, STS-B: 0.814, WMT14: 22.0}}
  - {name: b, scores: {MMLU: 62.3, CoLA: 0.55, STS-B: 0.876, WMT14: 27.1}}
"""
ONE_RANGE = """\
title: Two unknown columns in one range
benchmarks: [{name: X}, {name: Y}]
models:
  - {name: a, scores: {X: 40.5, Y: 61.2}}
  - {name: b, scores: {X: 45.0, Y: 58.3}}
"""


def _layout(tmp_path, text):
    content = write_tree(tmp_path / "content", {"results/r.yaml": text})
    site, _ = load_site(content)
    return content, chart_layout(site.reports[0], site.config)


def test_unstated_units_of_different_ranges_get_a_panel_each(tmp_path):
    _, layout = _layout(tmp_path, MIXED)
    assert [p.benchmarks for p in layout.panels] == [("MMLU",), ("CoLA",), ("STS-B",), ("WMT14",)]
    assert [p.unit for p in layout.panels][1:] == ["no stated unit (CoLA)", "no stated unit (STS-B)", "no stated unit (WMT14)"]


def test_unstated_units_in_one_range_share_a_panel(tmp_path):
    _, layout = _layout(tmp_path, ONE_RANGE)
    assert [p.benchmarks for p in layout.panels] == [("X", "Y")]


def test_the_description_gives_each_axis_end_as_its_labels_show_it(tmp_path):
    content, _ = _layout(tmp_path, MIXED)
    build_site(content, tmp_path / "out")
    page = unescape(re.sub(r"<[^>]+>", " ", (tmp_path / "out/r/index.html").read_text()))
    assert "CoLA (MCC); y axis from 0 to 0.6, with gridlines every 0.1." in re.sub(r"\s+", " ", page)
    assert "0.600" not in page



def test_a_tiny_axis_is_described_in_plain_decimals(tmp_path):
    """Review 5 C5: a step of 5e-05 gave "y axis from 0 to 0, with gridlines every 5e-05"."""
    from benchboard.chart.layout import Panel
    from benchboard.render.prose import _panel_facts

    content, _ = _layout(tmp_path, MIXED)
    site, _ = load_site(content)
    facts = _panel_facts(site.reports[0], Panel(("CoLA",), (0.0, 0.00035), 5e-05, "no stated unit", True, (5,)))
    assert (facts["low"], facts["high"], facts["step"]) == ("0", "0.00035", "0.00005")
    facts = _panel_facts(site.reports[0], Panel(("CoLA",), (0.0, 2.5), 0.5, "s", False, (2,)))
    assert (facts["high"], facts["step"]) == ("2.5", "0.5")


def test_a_panel_of_one_unstated_unit_is_titled_by_its_benchmark(tmp_path):
    """The charts review: an axis titled "no stated unit (CoLA)" (cut at 360 px) says less than
    "CoLA"; several benchmarks of one unstated unit keep "no stated unit"."""
    from benchboard.analyse.report import analyse
    from benchboard.render.prose import report_text
    from benchboard.render.theme import environment

    content, layout = _layout(tmp_path, MIXED)
    site, _ = load_site(content)
    report = site.reports[0]
    words = report_text(report, analyse(report), environment(), layout)
    assert list(words.chart_words.panel_titles) == ["percent", "CoLA", "STS-B", "WMT14"]
