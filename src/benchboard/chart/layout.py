"""Chart decisions that both the chart and its text description need (pure, no Altair).

The description of a chart must say exactly what the chart draws: axis range, gridline
step, which models are drawn, which are hatched, which bars are clamped. Computing these once
here means the two can never disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from benchboard.analyse import tables as leaderboard
from benchboard.analyse.ranks import win_rates

from benchboard.load import units
from benchboard.model import Report, SiteConfig


@dataclass(frozen=True)
class Fill:
    colour: str  # "#RRGGBB"; its name in words ("blue") is text/_macros.txt's colour_name
    hatched: bool


@dataclass(frozen=True)
class Layout:
    y_domain: tuple[float, float]
    y_step: float  # gridline spacing
    shown: tuple[str, ...]  # model names drawn, in file order
    total: int  # models in the report
    fills: dict[str, Fill]  # model name -> fill
    family_styles: tuple[tuple[str, bool], ...]  # (family, hatched) in order of first appearance
    clamped: tuple[tuple[str, str], ...]  # (model, benchmark) drawn at the axis edge
    basis: str = "mean"  # how the drawn models were chosen: "mean" (the table's) or "win_rate"
    tie_broken: bool = False  # a tie at the cut-off was broken by file order

    @property
    def selection(self) -> dict | None:
        """Which models are drawn when not all are, for text/chart_selection.txt to word."""
        if len(self.shown) == self.total:
            return None
        return {"shown": len(self.shown), "total": self.total, "basis": self.basis, "tie_broken": self.tie_broken}

    @property
    def includes_zero(self) -> bool:
        """Bars are drawn from zero when the axis holds it, so their lengths are faithful;
        otherwise they start at the axis edge and exaggerate differences."""
        return self.y_domain[0] <= 0 <= self.y_domain[1]


def clamp_side(value: float, domain: tuple[float, float]) -> str | None:
    """Where a bar outside the axis is drawn: at the "below" or "above" edge, else None."""
    return "below" if value < domain[0] else "above" if value > domain[1] else None


def chart_layout(report: Report, config: SiteConfig) -> Layout:
    shown, basis, tie_broken = choose_models(report)
    y_domain = _y_domain(report)
    fills, families = _fills(report, config, shown)
    clamped = tuple(
        (m.name, b.name)
        for m in report.models
        if m.name in shown
        for b in report.benchmarks
        if b.name in m.scores and clamp_side(m.scores[b.name].value, y_domain)
    )
    return Layout(y_domain, nice_step(y_domain[1] - y_domain[0]), shown, len(report.models), fills, families, clamped,
                  basis, tie_broken)


def choose_models(report: Report) -> tuple[tuple[str, ...], str, bool]:
    """All models, or the best ``max_bars`` (file order kept among them), with the rule used and
    whether file order broke a tie at the cut-off.

    By the table's own mean when it is over every benchmark (leaderboard.mean_columns: all
    higher-is-better, one unit), so chart and table never disagree; else by mean win rate over
    the benchmarks (HELM's, needs no common unit or direction), a missing score losing to every
    present one: a mean over some benchmarks must not pick the bars drawn for all of them.
    """
    models = report.models
    if len(models) <= report.max_bars:
        return tuple(m.name for m in models), "mean", False
    averaged, _ = leaderboard.mean_columns(report)
    if averaged and len(averaged) == len(report.benchmarks):
        means = [leaderboard.mean_score(m, averaged) for m in models]
        # As the table ranks: a mean over all the columns first, then by how many it rests on (a
        # model's one lucky score must not put it among the bars before one measured everywhere).
        keys = [(scored, mean) if mean is not None else (0, 0) for mean, scored, _ in means]
        basis = "mean"
    else:
        keys = [(1, rate) for rate in _win_rates(report)]
        basis = "win_rate"
    order = sorted(range(len(models)), key=lambda i: (-keys[i][0], -keys[i][1], i))
    cut = report.max_bars
    tie_broken = keys[order[cut - 1]] == keys[order[cut]]
    keep = set(order[:cut])
    return tuple(m.name for i, m in enumerate(models) if i in keep), basis, tie_broken


def _win_rates(report: Report) -> list:
    """Per model, ranks.win_rates over the report's benchmarks (the boards' one win rate): a
    tie counts half, a missing score loses to a present one and ties another."""
    columns = [[m.scores[b.name].shown if b.name in m.scores else None for m in report.models] for b in report.benchmarks]
    return win_rates(columns, [b.higher_is_better for b in report.benchmarks]) if columns else [0] * len(report.models)


# Units whose zero is no amount of anything (an Elo of 0 is not "no skill"): bars from zero lie.
_INTERVAL_UNITS = {"Elo"}


def _y_domain(report: Report) -> tuple[float, float]:
    """The file's y_range, else from the benchmarks' units: 0–100 for percent, 0–1 for
    fractions, otherwise a nice range around the data, from zero on a ratio scale."""
    if report.y_range:
        return report.y_range
    unit_of = units.units(report)
    scored = [b.name for b in report.benchmarks if any(b.name in m.scores for m in report.models)]
    values = [s.value for m in report.models for s in m.scores.values()]
    if not values:
        return (0.0, 100.0)
    low, high = min(values), max(values)
    keys = {unit_of[name].key for name in scored}
    if keys == {"percent"} and 0 <= low and high <= 100:
        return (0.0, 100.0)
    if keys == {"fraction"} and 0 <= low and high <= 1:
        return (0.0, 1.0)
    from_zero = not (keys & _INTERVAL_UNITS)
    lo, hi = (min(low, 0.0), max(high, 0.0)) if from_zero else (low, high)
    step = nice_step(hi - lo) if hi > lo else nice_step(abs(hi) or 1.0)
    bottom, top = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if not from_zero and bottom >= low:
        bottom -= step  # the lowest bar keeps a visible length
    if top == bottom:
        top += step
    return (bottom, top)


def nice_step(span: float) -> float:
    """Gridline spacing giving about 5 to 10 lines: 70 -> 10, 1 -> 0.1, 2500 -> 500."""
    if span <= 0:
        return 1.0
    raw = span / 8
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _fills(report: Report, config: SiteConfig, shown: tuple[str, ...]):
    """Colours by legend position; families alternate hatched / solid in order of appearance."""
    families: list[str] = []
    for model in report.models:
        if model.family and model.family not in families:
            families.append(model.family)
    hatched = {family: i % 2 == 0 for i, family in enumerate(families)}
    if len(families) < 2:
        hatched = {family: False for family in families}  # one family: nothing to tell apart
    fills = {}
    for i, name in enumerate(shown):
        model = next(m for m in report.models if m.name == name)
        fills[name] = Fill(config.palette[i % len(config.palette)], hatched.get(model.family or "", False))
    return fills, tuple((family, hatched[family]) for family in families)
