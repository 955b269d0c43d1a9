"""The Pareto frontier of a scatter view: score against size, release date or a declared field.

Pure. A point is (x, y) as shown: the x a reader reads on the axis and the score as displayed,
so "on the frontier" is true of the values on the page, never of unrounded ones. A point is on
the frontier when no other point is at least as good on both axes and better on one (smaller
or cheaper or earlier, and higher-scoring; the directions are the view's). Equal points share
the frontier. Models without the x value are never placed (nor at 0): the caller lists them.

What the text may say about two neighbours on the frontier (the larger one scores higher, by
construction) is decided by a verdict the caller passes in, the site's one rule for "beats":
the report's verdicts for scores of one benchmark, the board's rule for its aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence


@dataclass(frozen=True)
class Point:
    key: str  # the model's canonical name
    x: float
    y: float  # the shown score, as a number


@dataclass(frozen=True)
class Step:
    """Two neighbours on the frontier: ``better`` scores higher (as shown) at a worse x."""

    cheaper: str  # the model with the better x
    better: str  # the model with the better score
    outcome: str  # "lead", "within", "untested" (as verdicts.py names them)


def front(points: Sequence[Point], x_lower_better: bool = True, y_higher_better: bool = True) -> list[int]:
    """Indices of the points on the frontier, ordered from the best x to the worst.

    Sorted once by x (best first), then score (best first): a point is on the frontier when its
    score is the best of its x and strictly better than every score at a strictly better x.
    n log n, so a board of thousands of models costs nothing."""
    xs = [p.x if x_lower_better else -p.x for p in points]
    ys = [-p.y if y_higher_better else p.y for p in points]  # smaller is better for both
    order = sorted(range(len(points)), key=lambda i: (xs[i], ys[i], points[i].key.casefold()))
    found: list[int] = []
    best_before: float | None = None  # best score at a strictly better x
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and xs[order[j]] == xs[order[i]]:
            j += 1
        group = order[i:j]
        top = ys[group[0]]
        if best_before is None or top < best_before:
            found += [k for k in group if ys[k] == top]
            best_before = top
        i = j
    return found


def steps(points: Sequence[Point], on_front: list[int], verdict: Callable[[int, int], str]) -> list[Step]:
    """Each pair of neighbours on the frontier whose scores differ as shown, with the verdict on
    the better-scoring one against the other: ``verdict(i, j)`` is the outcome of i against j
    ("lead" only when the site's rule says i beats j)."""
    found = []
    for a, b in zip(on_front, on_front[1:]):
        if points[a].y == points[b].y:
            continue  # equal as shown: no claim
        found.append(Step(points[a].key, points[b].key, verdict(b, a)))
    return found
