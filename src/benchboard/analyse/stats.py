"""Statistics the verdicts rest on: exact where it matters, standard methods, no guessing.

Intervals are 95% unless a caller asks for another z (the Bonferroni check). Proportions
use Wilson's score interval, which stays inside 0..1 and is honest at small n and near the
ends of the scale, and differences of proportions Newcombe's hybrid score interval built from
two Wilson intervals (Newcombe 1998, method 10), which needs no n·p ≥ 5 rule. Kendall's W is
computed in exact fractions so that the displayed W is rounded once, half up.
"""

from __future__ import annotations

import math
from fractions import Fraction
from statistics import NormalDist

from benchboard.model import half_up  # noqa: F401  (the one half-up formatter; re-exported here for the analysis)

Z95 = NormalDist().inv_cdf(0.975)


def z_for(alpha: float) -> float:
    """Two-sided normal quantile for a family-wise error alpha (Bonferroni passes alpha/m)."""
    return NormalDist().inv_cdf(1 - alpha / 2)


def wilson(p: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion p (0..1) observed on n items."""
    p = min(max(p, 0.0), 1.0)
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(p1: float, n1: int, p2: float, n2: int, z: float = Z95) -> tuple[float, float]:
    """Interval for p1 − p2 of two proportions (Newcombe's hybrid score method).

    It treats the two samples as independent; scores of two models on the same items are
    positively correlated, which makes this interval wider than a paired one, never narrower:
    it can miss a real difference, not invent one.
    """
    l1, u1 = wilson(p1, n1, z)
    l2, u2 = wilson(p2, n2, z)
    d = p1 - p2
    return d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def normal_interval(difference: float, se_a: float, se_b: float, z: float = Z95) -> tuple[float, float]:
    half = z * math.sqrt(se_a**2 + se_b**2)
    return difference - half, difference + half


def average_ranks(values: list, higher_is_better: bool = True) -> list[Fraction]:
    """Ranks (1 = best), tied values sharing their mean rank, as exact fractions."""
    order = sorted(range(len(values)), key=lambda i: -values[i] if higher_is_better else values[i])
    ranks = [Fraction(0)] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = Fraction(i + j, 2) + 1
        i = j + 1
    return ranks


def kendalls_w(rankings: list[list[Fraction]]) -> Fraction | None:
    """Kendall's coefficient of concordance with the tie correction, exactly; None if undefined."""
    m, n = len(rankings), len(rankings[0])
    totals = [sum(r[i] for r in rankings) for i in range(n)]
    mean = Fraction(sum(totals), n)
    s = sum((t - mean) ** 2 for t in totals)
    ties = 0
    for ranking in rankings:
        counts: dict[Fraction, int] = {}
        for value in ranking:
            counts[value] = counts.get(value, 0) + 1
        ties += sum(t**3 - t for t in counts.values())
    denominator = m**2 * (n**3 - n) - m * ties
    return Fraction(12) * s / denominator if denominator > 0 else None


def whole_count(p: float, n: int, step: float = 0.0) -> int | None:
    """The count of items k out of ``n`` that the shown proportion ``p`` is, else None (an
    average over samples, or more than one count possible): the one k whose k/n, rounded half
    up at the score's precision (``step``: one unit of its last decimal, as a proportion), is
    the value shown. 4 of 6 items is 66.666…%, shown 66.7; 67% of 200 items may be 133 or 134,
    so neither. Without a step, p·n when it is whole (97% of 100)."""
    if not step:
        nearest = round(p * n)
        return nearest if abs(p * n - nearest) < 1e-6 * max(n, 1) else None
    eps = 1e-9 * step
    found = [k for k in range(max(0, math.floor((p - step) * n)), min(n, math.ceil((p + step) * n)) + 1)
             if -step / 2 - eps <= k / n - p < step / 2 - eps or abs(k / n - p) <= eps]
    return found[0] if len(found) == 1 else None


def fisher_exact(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test for x1/n1 vs x2/n2: the probability, given the
    margins, of a table no more likely than the one observed. The hypergeometric terms come
    from the mode (computed in log space, so it cannot underflow) and a ratio recurrence on
    each side, so each costs a few multiplications; tail terms may underflow to 0, harmlessly."""
    successes = x1 + x2
    low, high = max(0, successes - n2), min(n1, successes)

    def log_p(k: int) -> float:
        return _log_comb(n1, k) + _log_comb(n2, successes - k) - _log_comb(n1 + n2, successes)

    mode = min(max((successes + 1) * (n1 + 1) // (n1 + n2 + 2), low), high)
    terms = {mode: math.exp(log_p(mode))}
    for k in range(mode, high):
        terms[k + 1] = terms[k] * (n1 - k) * (successes - k) / ((k + 1) * (n2 - successes + k + 1))
    for k in range(mode, low, -1):
        terms[k - 1] = terms[k] * k * (n2 - successes + k) / ((n1 - k + 1) * (successes - k + 1))
    observed = math.exp(log_p(x1))
    return min(1.0, sum(t for t in terms.values() if t <= observed * (1 + 1e-7)))


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
