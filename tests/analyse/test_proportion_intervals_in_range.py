"""A proportion's 95% interval from ±1.96 standard errors stops at 0% and 100% (0 and 1 for a
fraction): the real Inspect logs (limit 10 and 3) printed "80.0, 95% interval 53.9–106.1" and
"66.7, 1.4–132.0" on the page, the model page, the API and the whiskers. A gap between two
proportions stops at ± the whole scale. Other units (ms, Elo, no unit) are not clipped, and no
verdict changes: clipping never moves an end across zero."""

from __future__ import annotations

from benchboard.analyse.report import analyse
from benchboard.load.results import load_report_file
from benchboard.load.units import with_units
from helpers import write_tree

RESULT = """\
title: T
precision: 2
benchmarks:
  - {name: P, unit: percent}
  - {name: F, unit: fraction}
  - {name: L, unit: ms, higher_is_better: false}
  - {name: G, unit: percent}
models:
  - name: A
    scores: {P: {value: 80.0, stderr: 13.333}, F: {value: 0.95, stderr: 0.1}, L: {value: 5.0, stderr: 4.0}, G: {value: 100.0, stderr: 10.0}}
  - name: B
    scores: {P: {value: 66.7, stderr: 33.333}, F: {value: 0.02, stderr: 0.05}, L: {value: 9.0, stderr: 4.0}, G: {value: 50.0, stderr: 28.0}}
"""


def analysed(tmp_path):
    write_tree(tmp_path, {"results/r.yaml": RESULT})
    report = with_units(load_report_file(tmp_path / "results/r.yaml", tmp_path))
    return analyse(report)


def test_bar_intervals_of_proportions_stop_at_the_scale(tmp_path):
    intervals = analysed(tmp_path).intervals
    assert intervals[("A", "P")].text == "53.87–100.00"
    assert intervals[("B", "P")].text == "1.37–100.00"
    assert intervals[("A", "F")].text == "0.75–1.00"
    assert intervals[("B", "F")].text == "0.00–0.12"
    assert intervals[("A", "P")].low >= 0 and intervals[("A", "P")].high <= 100
    assert intervals[("B", "F")].low == 0.0


def test_other_units_are_not_clipped(tmp_path):
    intervals = analysed(tmp_path).intervals
    assert intervals[("A", "L")].low < 0 and intervals[("A", "L")].text == "-2.84–12.84"


def test_a_gap_between_proportions_stays_within_the_scale(tmp_path):
    verdicts = {v.benchmark: v for v in analysed(tmp_path).comparisons}
    gap = verdicts["G"]  # 100.0 (se 10) vs 50.0 (se 28): the normal interval runs to 108.27 points
    assert gap.outcome == "within"
    assert (gap.low, gap.high) == ("-8.27", "100.00")
    p = verdicts["P"]
    assert p.outcome == "within" and float(p.high) <= 100


def test_the_interval_of_a_gap_between_means_of_proportions_stays_within_the_scale(tmp_path):
    write_tree(tmp_path, {"results/r.yaml": """\
title: T
precision: 1
benchmarks:
  - {name: X, unit: percent}
  - {name: Y, unit: percent}
models:
  - name: A
    scores: {X: {value: 100.0, stderr: 40.0}, Y: {value: 20.0, stderr: 40.0}}
  - name: B
    scores: {X: {value: 0.0, stderr: 40.0}, Y: {value: 40.0, stderr: 40.0}}
"""})
    analysis = analyse(with_units(load_report_file(tmp_path / "results/r.yaml", tmp_path)))
    mean = analysis.of_kind("mean")[0].data  # 60.0 vs 20.0: 40.0 ± 78.4 points, clipped at 100
    assert (mean["difference"], mean["outcome"], mean["low"], mean["high"]) == ("40.0", "within", "-38.4", "100.0")
