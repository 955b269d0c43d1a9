"""Ranks that admit ties: each item's best and worst rank the data support.

A strict 1..N ranking claims an order the data may not hold. Instead, each
item gets an interval: it cannot rank better than one plus the number of items
that beat it, nor worse than N minus the number of items it beats. Whether one
item beats another is a verdict computed elsewhere (a test on the
uncertainty, or plain comparison of displayed values when none is known), so
this module stays pure and agnostic of statistics.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from fractions import Fraction
from typing import Callable, Sequence

EN_DASH = "\u2013"
MAX_RANKED_MODELS = 60  # beyond, a column is ranked by shown values only (pairwise verdicts grow as n²)


def rank_intervals(
    values: Sequence[float],
    beats: Callable[[int, int], bool],
    higher_is_better: bool = True,
) -> list[tuple[int, int]]:
    """(best, worst) 1-based rank per item, from the pairwise verdict `beats`.

    `values` fixes N and is checked against `beats` for consistency: an item
    can only beat one whose value is no better, so a verdict that contradicts
    the values is a bug in the caller, not a rank.
    """
    n = len(values)
    beaten_by = [0] * n
    beat_count = [0] * n
    for i in range(n):
        for j in range(n):
            if i == j or not beats(i, j):
                continue
            if _better(values[j], values[i], higher_is_better):
                raise ValueError(f"item {i} said to beat item {j}, which has the better value")
            if beats(j, i):
                raise ValueError(f"items {i} and {j} are each said to beat the other")
            beat_count[i] += 1
            beaten_by[j] += 1
    return [(1 + beaten_by[i], n - beat_count[i]) for i in range(n)]


def value_rank_intervals(values: Sequence[float], higher_is_better: bool = True) -> list[tuple[int, int]]:
    """`rank_intervals(values, value_beats(values, hib), hib)` in O(N log N), for big tables:
    equal values share their ranks, all others are ordered."""
    import bisect

    ordered = sorted(values)
    n = len(values)
    result = []
    for v in values:
        below, above = bisect.bisect_left(ordered, v), n - bisect.bisect_right(ordered, v)
        better = above if higher_is_better else below
        worse = below if higher_is_better else above
        result.append((1 + better, n - worse))
    return result


def rank_text(best: int, worst: int) -> str:
    """"1" for a rank the data fix, "2–4" (en dash) for a tie class."""
    if best < 1 or worst < best:
        raise ValueError(f"not a rank interval: {best}, {worst}")
    return str(best) if best == worst else f"{best}{EN_DASH}{worst}"


def value_beats(values: Sequence[float], higher_is_better: bool = True) -> Callable[[int, int], bool]:
    """`beats` for a table without uncertainty: only the shown values decide.

    Pass the values as displayed (already rounded), so equal displayed values
    tie and nothing is ranked on digits the reader cannot see.
    """
    return lambda i, j: _better(values[i], values[j], higher_is_better)


def display_order(
    values: Sequence[float], names: Sequence[str], higher_is_better: bool = True
) -> list[int]:
    """Indices in display order: best value first, equal values by name."""
    if len(values) != len(names):
        raise ValueError("values and names differ in length")
    sign = -1 if higher_is_better else 1
    return sorted(range(len(values)), key=lambda i: (sign * values[i], names[i].casefold(), names[i]))


def _better(a: float, b: float, higher_is_better: bool) -> bool:
    return a > b if higher_is_better else a < b


def win_rates(columns: list[list[float | None]], higher: list[bool]) -> list[Fraction]:
    """The one win rate (HELM's): per model, the mean over columns of the share of the other
    models it beats on the shown value; a tie counts half, a missing value (None) loses to
    every present one and ties another. ``columns[k][i]`` is model i's shown value on column
    k. Sorted counting, so thousands of models cost n log n per column, not n squared."""
    n = len(columns[0]) if columns else 0
    totals = [0] * n  # in half wins, so the rate is an exact fraction (51.25% is 51.3, never 51.2)
    for column, up in zip(columns, higher):
        sign = 1 if up else -1
        keyed = [sign * v if v is not None else -math.inf for v in column]
        ordered = sorted(keyed)
        for i, mine in enumerate(keyed):
            below = bisect_left(ordered, mine)
            equal = bisect_right(ordered, mine) - below - 1  # not counting itself
            totals[i] += 2 * below + equal
    return [Fraction(total, 2 * max(n - 1, 1) * max(len(columns), 1)) for total in totals]
