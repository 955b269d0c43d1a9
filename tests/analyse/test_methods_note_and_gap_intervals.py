"""What the Methods note and the comparisons table say about the tests behind them (the sixth
session's statistics review): a gap interval never shows one number for two ends; the axis
title is cited for a unit only where it says that unit; the rank column's own tests are counted
and their Bonferroni correction given; a 0–1 column under a percent axis title is a warning."""

from __future__ import annotations

from benchboard.analyse.report import analyse
from benchboard.chart.layout import chart_layout
from benchboard.load.content import load_site
from benchboard.model import SiteConfig
from benchboard.render.prose import report_text
from benchboard.render.theme import environment
from factcheck import check
from helpers import write_tree


SMALL_N = """title: Small n
benchmarks:
  - {name: T5, metric: acc, n: 5, unit: percent}
  - {name: T30, metric: acc, n: 30, unit: percent}
models:
  - {name: A, scores: {T5: 100, T30: 100}}
  - {name: B, scores: {T5: 0, T30: 80}}
  - {name: C, scores: {T5: 60, T30: 90}}
"""


def _page(tmp_path, text: str):
    write_tree(tmp_path, {"results/r.yaml": text})
    site, warnings = load_site(tmp_path)
    report = site.reports[0]
    analysis = analyse(report)
    words = report_text(report, analysis, environment(), chart_layout(report, SiteConfig()))
    assert check(report, analysis, words) == []  # the independent checker agrees
    return analysis, words, warnings


def test_a_gap_interval_gets_the_decimals_that_keep_its_ends_apart(tmp_path):
    analysis, _, _ = _page(tmp_path, """title: Big n
benchmarks: [{name: Huge, metric: acc, n: 100000, unit: percent}]
models:
  - {name: A, scores: {Huge: 90}}
  - {name: B, scores: {Huge: 30}}
""")
    (verdict,) = analysis.comparisons
    assert (verdict.gap, verdict.low, verdict.high) == ("60", "59.7", "60.3")  # Newcombe: 59.66 to 60.34, never "60 to 60"


def test_the_axis_title_is_cited_only_where_it_says_the_unit(tmp_path):
    _, words, warnings = _page(tmp_path, """title: Hard benchmark
y_title: Accuracy (%)
benchmarks:
  - {name: Easy, metric: acc, n: 1000}
  - {name: Hard, metric: acc, n: 1000}
models:
  - {name: A, scores: {Easy: 45.0, Hard: 0.9}}
  - {name: B, scores: {Easy: 41.0, Hard: 0.3}}
""")
    assert ("Units: percent (inferred from the scores and the axis title, on Easy); "
            "fraction (0–1) (inferred from the scores, on Hard).") in words.methods
    # 0.9 under "Accuracy (%)" may be 90% or 0.9%: the author is asked to say which, at the benchmark
    (warning,) = [w for w in warnings if "'Hard'" in w.message]
    assert warning.line == 5 and "declare unit: fraction or unit: percent" in warning.message


def test_the_rank_columns_tests_are_counted_and_corrected(tmp_path):
    _, words, _ = _page(tmp_path, SMALL_N)
    # The table's 2 comparisons hold no lead; the ranks rest on 6 tests, 2 of them leads (A over
    # B on T5, Fisher p = 0.0079; on T30, p = 0.024), and only the first survives 0.05 / 6.
    assert "None of the 2 comparisons in the table with a known uncertainty is a lead" in words.methods
    assert ("The rank column rests on 6 tests of a pair of scores with a known uncertainty, each at the 95% level "
            "and not corrected for multiple comparisons: a Bonferroni correction over them would keep 1 of their 2 leads.") in words.methods


def test_past_the_cap_the_rank_tests_are_counted_without_the_correction(tmp_path, monkeypatch):
    """Re-testing every rank lead at the Bonferroni z took 1.5 s on a 60 x 30 report (the code
    review): past MAX_CORRECTED_RANK_LEADS the note says how many tests, without the correction."""
    from benchboard.analyse import report as analysed

    monkeypatch.setattr(analysed, "MAX_CORRECTED_RANK_LEADS", 1)
    _, words, _ = _page(tmp_path, SMALL_N)
    assert ("The rank column rests on 6 tests of a pair of scores with a known uncertainty, each at the 95% level "
            "and not corrected for multiple comparisons.") in words.methods
