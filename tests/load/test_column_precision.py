"""Each column's precision is decided once, at load (load/results.py), and stored on its
Benchmark: the file's `precision:` for every column, else the most decimals written in that
column's scores. Score.display is at its column's precision, so one score is one string in
every place it is shown (review finding F4: a report-wide precision of 2 printed "80.00" and
"1200.00" in the table and the text while the chart printed "80.0" and "1200")."""

from __future__ import annotations

from benchboard.load.content import load_site
from benchboard.load.results import load_report_file
from benchboard.model import Benchmark, Model, Report, Score
from helpers import load_tree, write_tree

MIXED = """title: Mixed units
benchmarks:
  - {name: Reading, metric: acc, unit: percent, n: 5}
  - {name: CoLA, metric: MCC}
  - {name: Arena, unit: Elo}
  - {name: Latency, unit: s, higher_is_better: false}
  - {name: Unscored}
models:
  - name: A
    scores: {Reading: 80.0, CoLA: 0.41, Arena: 1200, Latency: 2.5}
  - name: B
    scores: {Reading: 60, CoLA: {value: 0.38, stderr: 0.0125}, Arena: 1180, Latency: 3.0}
"""


def _load(tmp_path, text: str) -> Report:
    write_tree(tmp_path, {"results/r.yaml": text})
    return load_report_file(tmp_path / "results/r.yaml", tmp_path)


def _shown(report: Report) -> dict[tuple[str, str], str]:
    return {(m.name, b): s.display for m in report.models for b, s in m.scores.items()}


def test_each_column_takes_the_most_decimals_written_in_it(tmp_path):
    report = _load(tmp_path, MIXED)
    decimals = {b.name: report.decimals(b) for b in report.benchmarks}
    # "60" beside "80.0" is shown "60.0"; a stderr's decimals do not count; a column without
    # scores takes the report's (the most of any column)
    assert decimals == {"Reading": 1, "CoLA": 2, "Arena": 0, "Latency": 1, "Unscored": 2}
    assert report.precision == 2
    assert {b.name: b.precision for b in report.benchmarks} == decimals  # stored, not recomputed
    assert _shown(report) == {
        ("A", "Reading"): "80.0", ("A", "CoLA"): "0.41", ("A", "Arena"): "1200", ("A", "Latency"): "2.5",
        ("B", "Reading"): "60.0", ("B", "CoLA"): "0.38", ("B", "Arena"): "1180", ("B", "Latency"): "3.0",
    }
    assert report.decimals("Arena") == 0 and report.fmt(1190.5, "Arena") == "1191"  # half up, at the column's
    assert report.fmt(0.0125, "CoLA") == "0.01" and report.fmt(0.0125) == "0.01"  # no column: the report's


def test_an_explicit_precision_applies_to_every_column(tmp_path):
    report = _load(tmp_path, "precision: 3\n" + MIXED)
    assert report.precision == 3 and {report.decimals(b) for b in report.benchmarks} == {3}
    shown = _shown(report)
    assert shown[("A", "Reading")] == "80.000" and shown[("A", "Arena")] == "1200.000" and shown[("B", "CoLA")] == "0.380"
    zero = _load(tmp_path, "precision: 0\n" + MIXED)
    assert _shown(zero)[("A", "CoLA")] == "0" and _shown(zero)[("A", "Reading")] == "80"


def test_a_column_of_integers_beside_one_of_three_decimals(tmp_path):
    report = _load(tmp_path, """title: Latency and F1
benchmarks:
  - {name: Latency, unit: ms, higher_is_better: false}
  - {name: F1, unit: fraction}
models:
  - {name: A, scores: {Latency: 100, F1: 0.452}}
  - {name: B, scores: {Latency: 1e3, F1: 0.5}}
  - {name: C, scores: {Latency: 87, F1: 1}}
""")
    assert [report.decimals(b) for b in report.benchmarks] == [0, 3] and report.precision == 3
    assert _shown(report) == {("A", "Latency"): "100", ("B", "Latency"): "1000", ("C", "Latency"): "87",
                              ("A", "F1"): "0.452", ("B", "F1"): "0.500", ("C", "F1"): "1.000"}


def test_exponents_count_as_written(tmp_path):
    report = _load(tmp_path, """title: Written
benchmarks: [{name: X}, {name: Y}]
models:
  - {name: A, scores: {X: 1.25e-1, Y: 12e2}}
  - {name: B, scores: {X: 0.5, Y: 1100.5}}
""")
    assert [report.decimals(b) for b in report.benchmarks] == [3, 1]
    assert _shown(report)[("A", "X")] == "0.125" and _shown(report)[("A", "Y")] == "1200.0"


def test_a_report_built_by_hand_uses_its_precision_for_every_column():
    report = Report("r", "r.yaml", "R", (Benchmark("X"), Benchmark("Y", precision=0)),
                    (Model("A", {"X": Score(0.25, "0.25"), "Y": Score(3.0, "3")}),), precision=2)
    assert report.decimals("X") == 2 and report.decimals(report.benchmarks[1]) == 0
    assert report.decimals_over(report.benchmarks) == 2 and report.decimals_over([]) == 2


def test_the_precision_survives_the_cache_and_the_benchmark_registry(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    content = write_tree(tmp_path / "content", {
        "site.yaml": "title: T\n",
        "benchmarks.yaml": "benchmarks:\n  - name: Reading Comprehension\n    aliases: [Reading]\n",
        "results/r.yaml": MIXED,
    })
    fresh = load_site(content)[0].reports[0]
    cached = load_site(content)[0].reports[0]  # read back from the cache of validated files
    for report in (fresh, cached):
        assert [b.name for b in report.benchmarks][0] == "Reading Comprehension"  # renamed by the registry
        assert [report.decimals(b) for b in report.benchmarks] == [1, 2, 0, 1, 2]
        assert report.models[1].scores["Reading Comprehension"].display == "60.0"
    assert fresh.benchmarks == cached.benchmarks


def test_a_declared_precision_that_rounds_a_column_out_of_shape_is_a_warning(tmp_path):
    """`precision: 0` over a fraction column shows 0.81 and 0.55 both as 1 (review: the two were
    then called tied, with an interval of 0.996-1.000 for a score of 0.55): the author is told at
    `precision`; rounding 80.04 to 80 at the same precision is the choice it is, and says nothing."""
    site, warnings = load_tree(tmp_path, {"results/r.yaml": (
        "title: R\nprecision: 0\nbenchmarks:\n  - {name: Pct, unit: percent, n: 100}\n  - {name: Frac, unit: fraction, n: 1000}\n"
        "models:\n  - {name: A, scores: {Pct: 80.04, Frac: 0.81}}\n  - {name: B, scores: {Pct: 79.6, Frac: 0.55}}\n"
        "  - {name: C, scores: {Pct: 2.675, Frac: 0.2}}\n")})
    found = [w for w in warnings if "precision: 0" in w.message]
    assert len(found) == 1 and found[0].line == 2, [w.message for w in warnings]
    assert "Frac's scores far from their values (0.81 as 1, 0.55 as 1, 0.2 as 0)" in found[0].message
    assert "Pct" not in found[0].message
