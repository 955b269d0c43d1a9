"""The verdict on a pair and the rank classes that follow, on the functions that decide them:
verdicts.outcome (a report page's comparison of two scores), boards.pair_outcome (a board's
verdict on two aggregates: the letters a compare panel shows) and boards.rank_intervals (a
board's tie classes). The pages carrying them are checked in views/ and analyse/test_boards.py."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest

from benchboard.analyse import boards, ranks, verdicts
from benchboard.analyse.stats import Z95
from benchboard.analyse.tables import Cell
from benchboard.load.units import units
from benchboard.model import Benchmark, Model, Report, Score, half_up


def _pair(a: Score, b: Score, n: int | None = None, higher: bool = True, tolerance: Decimal | None = None):
    bench = Benchmark("X", n=n, unit="percent", higher_is_better=higher)
    report = Report(slug="r", path="r.yaml", title="R", benchmarks=(bench,), precision=1,
                    models=(Model("A", {"X": a}), Model("B", {"X": b})))
    return verdicts.outcome(report, bench, *report.models, units(report)["X"], tolerance)


def score(value: float, stderr: float | None = None) -> Score:
    return Score(value, half_up(value, 1), stderr)


def test_equal_shown_values_are_equal_whatever_the_hidden_digits():
    assert _pair(score(80.04, 5.0), score(79.96, 5.0))[0] == verdicts.EQUAL


def test_without_uncertainty_a_gap_is_untested_or_practically_equal_within_a_declared_tolerance():
    assert _pair(score(80.0), score(60.0)) == (verdicts.UNTESTED, "A")  # 20 points, but nothing to test it with
    assert _pair(score(80.0), score(79.5), tolerance=Decimal("0.5"))[0] == verdicts.PRACTICALLY_EQUAL
    assert _pair(score(80.0), score(79.4), tolerance=Decimal("0.5"))[0] == verdicts.UNTESTED
    assert _pair(score(1.35), score(0.85), tolerance=Decimal("0.5"))[0] == verdicts.PRACTICALLY_EQUAL  # 0.5 exactly, not 0.5000000000000001


def test_a_lead_needs_the_interval_of_the_difference_to_exclude_zero():
    # stderr 1 and 1: the normal interval's half width is 1.95996... * sqrt(2) = 2.7718
    assert _pair(score(82.8, 1.0), score(80.0, 1.0)) == (verdicts.LEAD, "A")
    assert _pair(score(82.7, 1.0), score(80.0, 1.0)) == (verdicts.WITHIN, "A")
    assert _pair(score(80.0, 1.0), score(82.8, 1.0)) == (verdicts.LEAD, "B")
    assert _pair(score(20.0, 1.0), score(22.8, 1.0), higher=False) == (verdicts.LEAD, "A")  # lower is better


def test_whole_counts_from_n_are_compared_by_fishers_exact_test():
    # 14 of 100 vs 5 of 100: Fisher's two-sided p = 0.051, within (a Wald interval would say lead);
    # 16 of 100 vs 5 of 100: p < 0.05, a lead.
    assert _pair(score(14.0), score(5.0), n=100) == (verdicts.WITHIN, "A")
    assert _pair(score(16.0), score(5.0), n=100) == (verdicts.LEAD, "A")
    assert _pair(score(5.0), score(16.0), n=100) == (verdicts.LEAD, "B")


def _row(shown: str, se=None, bounds=None, name="m") -> boards.BoardRow:
    return boards.BoardRow(name, None, None, (), Cell(shown, float(shown)), (1, 1), "1", True,
                           value=float(shown), se=se, bounds=bounds)


def test_a_boards_mean_verdict_is_the_normal_interval_at_the_report_pages_z():
    threshold = Z95 * math.hypot(1.0, 1.0)
    assert 2.77 < threshold < 2.78
    assert boards.pair_outcome("mean", _row("82.8", 1.0), _row("80.0", 1.0), True, ()) == (verdicts.LEAD, 0)
    assert boards.pair_outcome("mean", _row("82.7", 1.0), _row("80.0", 1.0), True, ()) == (verdicts.WITHIN, 0)
    assert boards.pair_outcome("mean", _row("80.0", 1.0), _row("82.8", 1.0), True, ()) == (verdicts.LEAD, 1)
    assert boards.pair_outcome("mean", _row("80.0", 1.0), _row("82.8", 1.0), False, ()) == (verdicts.LEAD, 0)
    assert boards.pair_outcome("mean", _row("90.0"), _row("10.0", 1.0), True, ()) == (verdicts.UNTESTED, 0)
    assert boards.pair_outcome("mean", _row("70.0", 1.0), _row("70.0", 9.0), True, ()) == (verdicts.EQUAL, None)


def test_a_boards_win_rate_verdict_compares_surely_won_with_possibly_won_shares():
    lead = boards.pair_outcome("win_rate", _row("80.0", bounds=(70.0, 90.0)), _row("40.0", bounds=(30.0, 60.0)), True, ())
    assert lead == (verdicts.LEAD, 0)
    within = boards.pair_outcome("win_rate", _row("80.0", bounds=(50.0, 90.0)), _row("40.0", bounds=(30.0, 60.0)), True, ())
    assert within == (verdicts.WITHIN, 0)
    unknown = boards.pair_outcome("win_rate", _row("80.0", bounds=(0.0, 100.0)), _row("40.0", bounds=(30.0, 60.0)), True, ())
    assert unknown == (verdicts.UNTESTED, 0)  # no verdict known for one of them: nothing is tested


@pytest.mark.parametrize("values, errors, higher, classes", [
    ([82.8, 80.0, 77.2], [1.0, 1.0, 1.0], True, ["1", "2", "3"]),  # each gap 2.8 > 2.77
    ([82.7, 80.0, 77.3], [1.0, 1.0, 1.0], True, ["1–2", "1–3", "2–3"]),  # 2.7 within, 5.4 a lead
    ([82.7, 80.0, 77.3], None, True, ["1", "2", "3"]),  # no uncertainty: the shown values decide
    ([80.0, 80.0, 70.0], None, True, ["1–2", "1–2", "3"]),  # equal values share a class
    ([10.0, 20.0, 30.0], [0.1, 0.1, 0.1], False, ["1", "2", "3"]),  # lower is better
    ([50.0, 49.0, 48.0, 10.0], [5.0, 5.0, 5.0, 0.5], True, ["1–3", "1–3", "1–3", "4"]),
])
def test_a_boards_rank_classes_follow_its_verdict(values, errors, higher, classes):
    shown = [ranks.rank_text(*interval) for interval in boards.rank_intervals(values, errors, higher)]
    assert shown == classes


def test_equal_win_rate_shares_are_not_a_lead(tmp_path):
    """A model that surely wins 2/3 of its comparisons does not lead one that may win 2/3: the
    shares are exact (in floats the two sums of thirds differed in the last bit, and the board
    ranked P 1–2 where the data give every model 1–4; found by the fact checker)."""
    from helpers import write_tree
    from benchboard.load.content import load_site

    write_tree(tmp_path, {"results/r.yaml": """\
title: R
precision: 0
benchmarks: [{name: B10, n: 30}, {name: B11, higher_is_better: false}, {name: B12, n: 100}]
models:
  - {name: M0, scores: {B10: 0, B11: 50, B12: 0}}
  - {name: M1, scores: {B10: 0, B11: 50, B12: 5.5}}
  - {name: M2, scores: {B10: 0, B11: 50, B12: 0}}
  - {name: P, scores: {B10: 14.5, B11: 50, B12: 15.5}}
"""})
    board = boards.site_boards(load_site(tmp_path)[0])[0]
    assert board.aggregate == "win_rate"
    rows = {row.name: row for row in board.rows}
    assert rows["P"].bounds[0] == rows["M0"].bounds[1] == 100 * Fraction(2, 3)
    assert boards.pair_outcome(board.basis, rows["P"], rows["M0"], True, [(c.report, c.benchmark) for c in board.columns])[0] != verdicts.LEAD
    assert {row.rank for row in board.rows} == {"1–4"}
