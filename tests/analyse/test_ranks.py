"""Rank intervals: ties where the verdict gives none, fixed ranks where it is decisive."""

import itertools

import pytest
from hypothesis import given, strategies as st

from benchboard.analyse.ranks import display_order, rank_intervals, rank_text, value_beats


def test_no_verdicts_means_everyone_ties_over_the_whole_range():
    assert rank_intervals([3.0, 2.0, 1.0], lambda i, j: False) == [(1, 3)] * 3


def test_a_total_order_gives_strict_ranks():
    values = [3.0, 2.0, 1.0]
    assert rank_intervals(values, value_beats(values)) == [(1, 1), (2, 2), (3, 3)]


def test_equal_displayed_values_tie_and_the_rest_are_fixed():
    values = [80.0, 80.0, 70.0]
    assert rank_intervals(values, value_beats(values)) == [(1, 2), (1, 2), (3, 3)]


def test_intervals_follow_the_verdict_not_the_values():
    # 0 beats 2 only; 1 sits between both without a decisive verdict.
    values = [90.0, 85.0, 80.0]
    beats = lambda i, j: (i, j) == (0, 2)
    assert rank_intervals(values, beats) == [(1, 2), (1, 3), (2, 3)]


def test_lower_is_better():
    values = [120.0, 80.0, 100.0]
    assert rank_intervals(values, value_beats(values, False), False) == [(3, 3), (1, 1), (2, 2)]


def test_a_verdict_against_the_values_is_refused():
    with pytest.raises(ValueError):
        rank_intervals([1.0, 2.0], lambda i, j: (i, j) == (0, 1))
    with pytest.raises(ValueError):
        rank_intervals([1.0, 1.0], lambda i, j: True)


def test_rank_text():
    assert rank_text(1, 1) == "1"
    assert rank_text(2, 4) == "2\u20134"
    with pytest.raises(ValueError):
        rank_text(3, 2)
    with pytest.raises(ValueError):
        rank_text(0, 1)


def test_display_order_best_first_ties_by_name():
    assert display_order([1.0, 3.0, 3.0], ["c", "b", "a"]) == [2, 1, 0]
    assert display_order([1.0, 3.0, 3.0], ["c", "b", "a"], False) == [0, 2, 1]
    with pytest.raises(ValueError):
        display_order([1.0], [])


@given(st.lists(st.integers(-3, 3), min_size=1, max_size=7), st.booleans(), st.integers(0, 3))
def test_intervals_are_consistent_with_any_transitive_margin_verdict(ints, hib, margin):
    values = [float(v) for v in ints]
    sign = 1 if hib else -1
    beats = lambda i, j: sign * (values[i] - values[j]) > margin
    ranks = rank_intervals(values, beats, hib)
    n = len(values)
    for i, (best, worst) in enumerate(ranks):
        assert 1 <= best <= worst <= n
    for i, j in itertools.permutations(range(n), 2):
        if beats(i, j):
            # Both ends of i's interval are ahead of j's.
            assert ranks[i][0] < ranks[j][0] and ranks[i][1] < ranks[j][1]
    # Equal values share the same interval.
    for i, j in itertools.combinations(range(n), 2):
        if values[i] == values[j]:
            assert ranks[i] == ranks[j]


@given(st.lists(st.integers(-3, 3), min_size=1, max_size=9), st.booleans())
def test_value_rank_intervals_equal_the_pairwise_rule(ints, hib):
    from benchboard.analyse.ranks import value_rank_intervals

    values = [float(v) for v in ints]
    assert value_rank_intervals(values, hib) == rank_intervals(values, value_beats(values, hib), hib)
