"""The rules a reader checks by hand, on the functions that decide them: rounding (model.half_up,
the one formatter), the Mean column (tables.mean_columns, tables.mean_score) and the win rate
(ranks.win_rates). The built pages that show them are checked in analyse/test_means.py and
views/test_pages_agree.py."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchboard.analyse.ranks import win_rates
from benchboard.analyse.tables import mean_columns, mean_score, report_table
from benchboard.model import Benchmark, Model, Report, Score, half_up


@pytest.mark.parametrize("value, precision, shown", [
    (59.65, 1, "59.7"),  # 59.649999... in binary: rounded as written, half up
    (51.25, 1, "51.3"),  # banker's rounding would say 51.2
    (0.125, 2, "0.13"),
    (2.675, 2, "2.68"),  # round(2.675, 2) == 2.67 in binary
    (1.5, 0, "2"),
    (2.5, 0, "3"),  # half up, not to even
    (-1.25, 1, "-1.3"),  # away from zero at exactly half
    (-0.04, 1, "0.0"),  # never "-0.0"
    (-0.0, 2, "0.00"),
    (7, 1, "7.0"),
    (70.0, 0, "70"),
    (1e15, 1, "1000000000000000.0"),
])
def test_half_up_rounds_half_up_in_decimal_as_the_number_is_written(value, precision, shown):
    assert half_up(value, precision) == shown


def test_half_up_gives_one_answer_for_a_float_a_decimal_and_a_fraction():
    assert half_up(Decimal("70.45"), 1) == half_up(Fraction(7045, 100), 1) == half_up(70.45, 1) == "70.5"
    assert half_up(Fraction(-1, 8), 2) == half_up(Decimal("-0.125"), 2) == "-0.13"
    assert half_up(Fraction(1, 3), 3) == "0.333" and half_up(Fraction(2, 3), 3) == "0.667"
    assert half_up(Fraction(-1, 200), 2) == "-0.01" and half_up(Fraction(-1, 1000), 2) == "0.00"


def test_half_up_does_not_depend_on_the_callers_decimal_context():
    """A plugin (or a library) that changes the thread's decimal context changes no figure: half_up
    works in a context of its own (1e308 at 2 decimals needs 311 digits; banker's rounding or
    a trap set by the caller must not reach it)."""
    import decimal

    expected = [half_up(v, p) for v in (70.45, 2.675, 1e308, Fraction(1, 8), Decimal("0.125")) for p in (0, 2)]
    with decimal.localcontext() as other:
        other.prec, other.rounding = 3, decimal.ROUND_DOWN
        other.traps[decimal.Inexact] = other.traps[decimal.Rounded] = True
        assert [half_up(v, p) for v in (70.45, 2.675, 1e308, Fraction(1, 8), Decimal("0.125")) for p in (0, 2)] == expected
    assert expected[:4] == ["70", "70.45", "3", "2.68"]


@given(st.integers(-10**9, 10**9), st.integers(0, 4))
def test_half_up_of_an_exact_half_always_goes_away_from_zero(units, precision):
    """units + 0.5 of the last place, written exactly: the shown number is the next one up in size."""
    half = (Fraction(units) + Fraction(1, 2) * (1 if units >= 0 else -1)) / 10**precision
    expected = Fraction(units + (1 if units >= 0 else -1)) / 10**precision
    assert Decimal(half_up(half, precision)) == Decimal(expected.numerator) / Decimal(expected.denominator)
    assert half_up(half, precision) == half_up(Decimal(half.numerator) / Decimal(half.denominator), precision)


def _report(benchmarks, rows, precision=1) -> Report:
    models = tuple(Model(name, {b: Score(v, half_up(v, precision)) for b, v in scores.items()}) for name, scores in rows)
    return Report(slug="r", path="r.yaml", title="R", benchmarks=tuple(benchmarks), models=models, precision=precision)


def test_the_mean_is_exact_over_the_shown_values_and_counts_its_coverage():
    percent = [Benchmark("A", unit="percent"), Benchmark("B", unit="percent"), Benchmark("C", unit="percent")]
    report = _report(percent, [("M1", {"A": 70.1, "B": 70.8}), ("M2", {"A": 70.04, "B": 70.86, "C": 1.0})])
    m1, m2 = report.models
    mean, scored, counted = mean_score(m1, percent)
    assert mean == Fraction(7045, 100) and (scored, counted) == (2, 3)  # (70.1 + 70.8) / 2 is 70.44999... in binary
    assert half_up(mean, 1) == "70.5"
    mean, scored, counted = mean_score(m2, percent)  # of the shown 70.0, 70.9 and 1.0, not the written 70.04 and 70.86
    assert mean == Fraction(1419, 30) and (scored, counted) == (3, 3)
    assert mean_score(Model("none", {}), percent) == (None, 0, 3)


def test_the_mean_covers_the_higher_is_better_columns_of_one_unit_or_none():
    up = [Benchmark("A", unit="percent"), Benchmark("B", unit="percent")]
    down = Benchmark("Err", unit="percent", higher_is_better=False)
    rows = [("M", {"A": 70.0, "B": 80.0, "Err": 10.0, "Elo": 1200.0})]
    columns, note = mean_columns(_report(up, rows))
    assert [b.name for b in columns] == ["A", "B"] and note["case"] == "one_unit"
    columns, note = mean_columns(_report([*up, down], rows))
    assert [b.name for b in columns] == ["A", "B"] and note["case"] == "some_lower" and note["lower"] == ["Err"]
    columns, note = mean_columns(_report([down], rows))
    assert columns == [] and note["case"] == "lower_only"
    columns, note = mean_columns(_report([*up, Benchmark("Elo", unit="Elo")], rows))
    assert columns == [] and note["case"] == "units" and note["units"] == ["percent", "Elo"]


def test_the_tables_mean_cell_is_the_half_up_mean_of_its_columns():
    percent = [Benchmark("A", unit="percent"), Benchmark("B", unit="percent")]
    table = report_table(_report(percent, [("M1", {"A": 70.1, "B": 70.8}), ("M2", {"A": 70.0, "B": 70.9}), ("M3", {"A": 1.0, "B": 2.1})]))
    assert [row.mean.display for row in table.rows] == ["70.5", "70.5", "1.6"]


def _pairwise_win_rates(columns, higher):
    n = len(columns[0])
    rates = []
    for i in range(n):
        total = Fraction(0)
        for column, up in zip(columns, higher):
            won = Fraction(0)
            for j in range(n):
                if i == j:
                    continue
                mine, theirs = column[i], column[j]
                if mine is None or theirs is None:
                    won += Fraction(1, 2) if mine is None and theirs is None else int(theirs is None)
                elif mine == theirs:
                    won += Fraction(1, 2)
                else:
                    won += int((mine > theirs) == up)
            total += won / (n - 1)
        rates.append(total / len(columns))
    return rates


@given(st.lists(st.lists(st.one_of(st.none(), st.integers(0, 5).map(float)), min_size=2, max_size=2), min_size=2, max_size=12),
       st.tuples(st.booleans(), st.booleans()))
def test_the_win_rate_is_the_pairwise_definition_exactly(rows, higher):
    """A tie counts half, a missing score loses to a present one and ties another, lower-is-better
    reversed: exact fractions, so 51.25% is shown 51.3."""
    columns = [[row[k] for row in rows] for k in range(2)]
    assert win_rates(columns, list(higher)) == _pairwise_win_rates(columns, list(higher))
