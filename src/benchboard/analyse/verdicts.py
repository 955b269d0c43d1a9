"""Verdicts: one per comparison, computed once, read by every sentence, table and note.

A comparison is two models on one benchmark. Its verdict says whether the data support an
order, and by which method:

- ``lead``: a real uncertainty is known for both scores (both standard errors, or a
  proportion with `n` items) and the 95% interval of the difference excludes zero;
- ``within``: that uncertainty is known and the interval includes zero;
- ``untested``: no uncertainty is known for one or both scores, so the order is not tested
  (a tolerance is not an uncertainty, and one side's standard error is only a lower bound);
- ``practically_equal``: untested, and the gap is within the tolerance declared for the report;
- ``equal``: the shown values are equal.

Proportions with `n` that are whole counts of items (97 of 100) use Fisher's exact test; other
proportions with `n` (averages over samples) use Newcombe's interval for a difference of
proportions (valid at small n and near 0% or 100%, where the normal margin fails); either way the
interval shown is Newcombe's; scores with standard errors use the
normal interval 1.96·√(se₁² + se₂²); a proportion with `n` beside a score with a standard error
uses the normal interval with the proportion's standard error taken from its Wilson interval.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal

from benchboard.analyse import stats
from benchboard.model import MAX_EXTRA_DECIMALS, Benchmark, Model, Report, interval_ends
from benchboard.load.units import Unit

LEAD, WITHIN, UNTESTED, PRACTICALLY_EQUAL, EQUAL = "lead", "within", "untested", "practically_equal", "equal"
TESTED = (LEAD, WITHIN)


@dataclass(frozen=True)
class Verdict:
    benchmark: str
    a: str  # the better model as shown (the first in file order when equal)
    b: str
    a_display: str
    b_display: str
    gap: str  # shown a − shown b, exact, never negative
    better: str | None  # a, or None when the shown values are equal
    outcome: str  # LEAD, WITHIN, UNTESTED, PRACTICALLY_EQUAL or EQUAL
    method: str | None  # "newcombe", "normal" or None (no uncertainty known)
    low: str | None  # 95% interval of a's advantage over b, in the score's unit
    high: str | None
    unit: str  # the unit's key
    bonferroni_lead: bool = False  # still a lead at the Bonferroni z over all tested comparisons
    p: str | None = None  # Fisher's exact p-value as shown (method "fisher"), two significant digits
    inputs: tuple = field(default=(), compare=False, repr=False)  # what the interval was computed from

    @property
    def tested(self) -> bool:
        return self.outcome in TESTED

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("inputs")
        return data


def uncertainty_of(report: Report, bench: Benchmark, model: Model, unit: Unit) -> tuple:
    """("stderr", se) or ("binomial", p, n, step) or None: what is known about one score (step:
    one unit of the shown value's last decimal, as a proportion: how exactly p is known). Intervals
    and tests rest on the values as shown (Score.shown), as the gaps do, so a row's gap always
    lies inside its interval ("2 | 1 to 1" cannot happen) and nothing rests on hidden digits."""
    score = model.scores[bench.name]
    if score.stderr:  # 0 is no estimate (one sample), not certainty
        return ("stderr", score.stderr)
    if bench.n and unit.scale and 0 <= score.shown <= unit.scale:
        step = 10.0 ** -report.decimals(bench) / unit.scale
        return ("binomial", score.shown / unit.scale, bench.n, step)  # the value as shown: what a reader can check
    return None


def score_interval(report: Report, bench: Benchmark, model: Model, unit: Unit) -> tuple[float, float, str] | None:
    """One score's 95% interval, (low, high, method): Wilson from `n` for a proportion,
    ±1.96·stderr otherwise, None when no uncertainty is known. The one definition behind the
    bar whiskers, the table intervals, the model pages and the compare chart."""
    known = uncertainty_of(report, bench, model, unit)
    if known is None:
        return None
    if known[0] == "stderr":
        value = model.scores[bench.name].shown
        low, high = value - stats.Z95 * known[1], value + stats.Z95 * known[1]
        if unit.scale is not None:  # a proportion: no interval reaches below 0% or above 100%
            low, high = max(low, 0.0), min(high, unit.scale)
        return low, high, "stderr"
    low, high = (x * unit.scale for x in stats.wilson(known[1], known[2]))
    return low, high, "wilson"


def score_se(report: Report, bench: Benchmark, model: Model, unit: Unit) -> float | None:
    """One score's standard error in its unit, from the same uncertainty as score_interval:
    the stderr as given, or a proportion's from its Wilson interval (half its width over z).
    What a board's mean and its verdicts are computed from; None when no uncertainty is known."""
    known = uncertainty_of(report, bench, model, unit)
    if known is None:
        return None
    return known[1] if known[0] == "stderr" else _wilson_se(known, unit.scale)


def _interval(inputs: tuple, z: float) -> tuple[float, float] | None:
    """Interval of a's advantage over b, in score units (positive: a better)."""
    ua, ub, sign, scale, raw = inputs
    if ua is None or ub is None:
        return None
    if ua[0] == ub[0] == "binomial":
        low, high = stats.newcombe(ua[1], ua[2], ub[1], ub[2], z)
        low, high = (low * scale, high * scale) if sign > 0 else (-high * scale, -low * scale)
        return low, high
    se = [u[1] if u[0] == "stderr" else _wilson_se(u, scale) for u in (ua, ub)]
    return stats.normal_interval(raw, se[0], se[1], z)


def _wilson_se(u: tuple, scale: float) -> float:
    low, high = stats.wilson(u[1], u[2])
    return (high - low) / (2 * stats.Z95) * scale


def _shown_interval(low: float, high: float, precision: int) -> tuple[str, str]:
    """Rounded half up; one more decimal (up to three) while rounding would hide which side
    of zero the lower end is on, so "0.0 to 4.1" never stands for a lead, or while two
    different ends would show as one number ("60 to 60" says there is no uncertainty)."""
    p = precision
    while p < precision + MAX_EXTRA_DECIMALS and (Decimal(stats.half_up(low, p)) == 0) != (low == 0):
        p += 1
    return interval_ends(low, high, p)  # and more while the two ends would read as one (model.interval_ends)


def _decide(report: Report, bench: Benchmark, x: Model, y: Model, unit: Unit, tolerance: Decimal | None):
    """(better, other, inputs, outcome, interval): the verdict without its shown numbers."""
    sx, sy = x.scores[bench.name], y.scores[bench.name]
    dx, dy = Decimal(sx.display), Decimal(sy.display)
    if dx == dy:
        a, b = x, y
    else:
        x_better = (dx > dy) == bench.higher_is_better
        a, b = (x, y) if x_better else (y, x)
    sa, sb = a.scores[bench.name], b.scores[bench.name]
    sign = 1 if bench.higher_is_better else -1
    inputs = (uncertainty_of(report, bench, a, unit), uncertainty_of(report, bench, b, unit), sign, unit.scale or 1.0,
              sign * float(Decimal(sa.display) - Decimal(sb.display)))  # the shown gap: the interval is around it
    if dx == dy:
        return a, b, inputs, EQUAL, None
    interval = _interval(inputs, stats.Z95)
    if interval is None:
        gap = abs(Decimal(sa.display) - Decimal(sb.display))
        exact_raw = abs(Decimal(repr(sa.value)) - Decimal(repr(sb.value)))  # 1.35 − 0.85 is 0.5, not 0.5000000000000001
        close = tolerance is not None and gap <= tolerance and exact_raw <= tolerance
        return a, b, inputs, PRACTICALLY_EQUAL if close else UNTESTED, None
    return a, b, inputs, LEAD if _holds(inputs, stats.Z95, 0.05, interval) else WITHIN, interval


def outcome(report: Report, bench: Benchmark, x: Model, y: Model, unit: Unit, tolerance: Decimal | None) -> tuple[str, str]:
    """(outcome, the better model's name) of ``compare``, without its shown gap and interval:
    what a compare panel embeds for tens of thousands of pairs."""
    a, _, _, found, _ = _decide(report, bench, x, y, unit, tolerance)
    return found, a.name


def compare(report: Report, bench: Benchmark, x: Model, y: Model, unit: Unit, tolerance: Decimal | None) -> Verdict:
    a, b, inputs, found, interval = _decide(report, bench, x, y, unit, tolerance)
    sa, sb = a.scores[bench.name], b.scores[bench.name]
    decimals = report.decimals(bench)  # the column's: the gap is as precise as the two scores shown
    gap_text = stats.half_up(abs(Decimal(sa.display) - Decimal(sb.display)), decimals)
    base = dict(benchmark=bench.name, a=a.name, b=b.name, a_display=sa.display, b_display=sb.display,
                gap=gap_text, unit=unit.key, inputs=inputs)
    if found == EQUAL:
        return Verdict(**base, better=None, outcome=EQUAL, method=None, low=None, high=None)
    if interval is None:
        return Verdict(**base, better=a.name, outcome=found, method=None, low=None, high=None)
    if unit.scale is not None:  # two proportions differ by at most the whole scale: never "-37.7 to 104.3"
        interval = (max(interval[0], -unit.scale), min(interval[1], unit.scale))  # points (no end changes sign)
    low_text, high_text = _shown_interval(*interval, decimals)
    method = _method(inputs)
    p_text = None
    if method == "fisher":
        ua, ub = inputs[0], inputs[1]
        counts = _counts(ua, ub)
        p_text = _p_text(stats.fisher_exact(counts[0], ua[2], counts[1], ub[2]))
        if (interval[0] > 0) != (found == LEAD):
            # Fisher's test decided against Newcombe's interval: showing that interval beside the
            # verdict would contradict it ("0.7 to 17.6 | within"), so the row gives the p-value.
            low_text = high_text = None
    return Verdict(**base, better=a.name, outcome=found, method=method, low=low_text, high=high_text, p=p_text)


def _p_text(p: float) -> str:
    """A p-value at two significant digits ("0.057", "0.0012"), "< 0.0001" below that."""
    if p < 0.0001:
        return "< 0.0001"
    return f"{p:.2g}" if p < 0.095 else stats.half_up(p, 2)


def _method(inputs: tuple) -> str:
    ua, ub = inputs[0], inputs[1]
    if ua[0] == ub[0] == "binomial":
        return "fisher" if _counts(ua, ub) else "newcombe"
    return "normal"


MAX_EXACT_ITEMS = 500  # Fisher's exact test up to n₁ + n₂ items (small samples); beyond, Newcombe's interval


def _counts(ua: tuple, ub: tuple) -> tuple[int, int] | None:
    if ua[2] + ub[2] > MAX_EXACT_ITEMS:
        return None
    xa, xb = stats.whole_count(ua[1], ua[2], ua[3]), stats.whole_count(ub[1], ub[2], ub[3])
    return None if xa is None or xb is None else (xa, xb)


def _holds(inputs: tuple, z: float, alpha: float, interval: tuple | None = None) -> bool:
    """A lead at this level: whole counts of items by Fisher's exact test (and the direction
    as shown), averages over samples by the interval excluding zero (``interval``: already
    computed at this z)."""
    interval = interval or _interval(inputs, z)
    if interval is None:
        return False
    ua, ub = inputs[0], inputs[1]
    counts = _counts(ua, ub) if ua[0] == ub[0] == "binomial" else None
    if counts is not None:
        return inputs[4] > 0 and stats.fisher_exact(counts[0], ua[2], counts[1], ub[2]) < alpha
    return interval[0] > 0


def with_bonferroni(verdicts: list[Verdict]) -> tuple[list[Verdict], float]:
    """The verdicts with `bonferroni_lead` set, and the z used: alpha 0.05 split over every
    tested comparison, each counted once."""
    tested = [v for v in verdicts if v.tested]
    alpha = 0.05 / max(len(tested), 1)
    z = stats.z_for(alpha)
    return [replace(v, bonferroni_lead=_holds(v.inputs, z, alpha)) if v.outcome == LEAD else v for v in verdicts], z


class Comparisons:
    """Each comparison computed once, in the order first asked for; keyed by benchmark and pair."""

    def __init__(self, report: Report, unit_of: dict[str, Unit], tolerance: Decimal | None):
        self.report, self.unit_of, self.tolerance = report, unit_of, tolerance
        self._found: dict[tuple[str, frozenset], Verdict] = {}

    def get(self, bench: Benchmark, x: Model, y: Model) -> Verdict:
        key = (bench.name, frozenset((x.name, y.name)))
        if key not in self._found:
            self._found[key] = compare(self.report, bench, x, y, self.unit_of[bench.name], self.tolerance)
        return self._found[key]

    def all(self) -> list[Verdict]:
        return list(self._found.values())


def report_tolerance(report: Report, unit_of: dict) -> Decimal | None:
    """The tolerance in the scores' unit, when one was declared (`tolerance:` in the result file
    or site.yaml; a default is no one's judgement) and the report has one unit (else it means nothing)."""
    if not report.tolerance_declared:
        return None
    return Decimal(report.tolerance_text) if len({unit_of[b.name].same_as for b in report.benchmarks}) == 1 else None
