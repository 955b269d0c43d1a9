"""Ties keep their meaning per column when columns are shown at different precisions
(Benchmark.precision, decided at load): "equal" is equal as the column shows its scores, a
"practically equal" gap is the difference of those shown values against the tolerance, the
best mark counts every score equal as shown, and gaps and means are written at the decimals of
what they are about. Shown at each column's precision or at one explicit `precision:` for
all, every verdict is the same: only the strings differ."""

from __future__ import annotations

from decimal import Decimal

from benchboard.analyse import facts, verdicts
from benchboard.analyse.boards import site_boards
from benchboard.analyse.report import analyse
from benchboard.analyse.tables import report_table
from benchboard.load.content import load_site
from benchboard.load.results import load_report_file
from benchboard.load.units import units
from benchboard.model import Report
from helpers import write_tree

RESULT = """title: Ties
tolerance: 0.5
benchmarks:
  - {name: Whole, unit: percent}
  - {name: Fine, unit: percent}
models:
  - {name: A, scores: {Whole: 80, Fine: 80.25}}
  - {name: B, scores: {Whole: 80, Fine: 80.50}}
  - {name: C, scores: {Whole: 81, Fine: 79.00}}
"""


def _load(tmp_path, text: str) -> Report:
    write_tree(tmp_path, {"results/r.yaml": text})
    return load_report_file(tmp_path / "results/r.yaml", tmp_path)


def _verdict(report: Report, bench: str, x: str, y: str) -> verdicts.Verdict:
    unit_of = units(report)
    by_name = {m.name: m for m in report.models}
    return verdicts.compare(report, report.benchmark(bench), by_name[x], by_name[y], unit_of[bench],
                            verdicts.report_tolerance(report, unit_of))


def test_equal_and_practically_equal_per_column(tmp_path):
    report = _load(tmp_path, RESULT)
    assert [report.decimals(b) for b in report.benchmarks] == [0, 2]
    equal = _verdict(report, "Whole", "A", "B")
    assert (equal.outcome, equal.a_display, equal.b_display, equal.gap) == ("equal", "80", "80", "0")
    apart = _verdict(report, "Whole", "C", "A")
    assert (apart.outcome, apart.gap) == ("untested", "1")  # 1 point is beyond the tolerance of 0.5
    close = _verdict(report, "Fine", "B", "A")
    assert (close.outcome, close.gap) == ("practically_equal", "0.25")  # within it, at the column's decimals
    table = report_table(report)
    best = {row.name: [c.best for c in row.cells] for row in table.rows}
    assert best == {"A": [False, False], "B": [False, True], "C": [True, False]}
    # a mean over columns of 0 and 2 decimals, at 2: (80 + 80.25) / 2 = 80.125 -> 80.13 (half up)
    assert {row.name: row.mean.display for row in table.rows} == {"A": "80.13", "B": "80.25", "C": "80.00"}


def test_every_verdict_is_the_same_at_one_explicit_precision(tmp_path):
    per_column = _load(tmp_path / "a", RESULT)
    explicit = _load(tmp_path / "b", "precision: 2\n" + RESULT)
    assert {explicit.decimals(b) for b in explicit.benchmarks} == {2}
    for bench in ("Whole", "Fine"):
        for x, y in (("A", "B"), ("A", "C"), ("B", "C")):
            one, two = _verdict(per_column, bench, x, y), _verdict(explicit, bench, x, y)
            assert (one.outcome, one.better) == (two.outcome, two.better), (bench, x, y)
            assert Decimal(one.gap) == Decimal(two.gap)
    assert _verdict(explicit, "Whole", "A", "B").gap == "0.00"
    first, second = analyse(per_column), analyse(explicit)
    assert [(v.benchmark, v.outcome, v.better) for v in first.comparisons] == \
        [(v.benchmark, v.outcome, v.better) for v in second.comparisons]
    assert first.ranks == second.ranks


def test_a_boards_best_marks_and_means_follow_each_column(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: T\n", "results/r.yaml": RESULT})
    site, _ = load_site(content)
    (board,) = site_boards(site)
    rows = {row.name: row for row in board.rows}
    assert [c.display for c in rows["A"].cells] == ["80", "80.25"]
    assert [c.best for c in rows["A"].cells] == [False, False] and [c.best for c in rows["C"].cells] == [True, False]
    assert rows["A"].aggregate.display == "80.13"  # the most decimals of its columns


def test_equal_gaps_in_columns_of_different_decimals_tie(tmp_path):
    report = _load(tmp_path, """title: Pair
benchmarks:
  - {name: Whole, unit: percent}
  - {name: Fine, unit: percent}
models:
  - {name: P, family: X, params: 7B, scores: {Whole: 80, Fine: 80.00}}
  - {name: Q, family: Y, params: 7B, scores: {Whole: 78, Fine: 78.00}}
""")
    comparisons = verdicts.Comparisons(report, units(report), None)
    (pair,) = facts.pairs(report, comparisons)
    assert {v.benchmark: v.gap for v in pair["verdicts"]} == {"Whole": "2", "Fine": "2.00"}
    assert pair["smallest"] == pair["largest"] == ["Whole", "Fine"], "2 and 2.00 are one gap"
