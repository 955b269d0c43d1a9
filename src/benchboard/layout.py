"""Chart decisions that both the chart and its text description need (pure, no Altair).

The description of a chart must say exactly what the chart draws: axis range, gridline
step, which models are drawn, which are hatched, which bars are clamped. Computing these once
here means the two can never disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from benchboard.model import Report, SiteConfig

COLOUR_NAMES = {
    "#0072B2": "blue",
    "#E69F00": "orange",
    "#009E73": "bluish green",
    "#D55E00": "vermillion",
    "#56B4E9": "sky blue",
    "#CC79A7": "reddish purple",
    "#F0E442": "yellow",
    "#999999": "grey",
}


@dataclass(frozen=True)
class Fill:
    colour: str  # "#RRGGBB"
    hatched: bool

    @property
    def colour_name(self) -> str:
        return COLOUR_NAMES.get(self.colour.upper(), self.colour)

    @property
    def style(self) -> str:
        return "hatched with diagonal stripes" if self.hatched else "solid"


@dataclass(frozen=True)
class Layout:
    y_domain: tuple[float, float]
    y_step: float  # gridline spacing
    shown: tuple[str, ...]  # model names drawn, in file order
    total: int  # models in the report
    fills: dict[str, Fill]  # model name -> fill
    family_styles: tuple[tuple[str, bool], ...]  # (family, hatched) in order of first appearance
    clamped: tuple[tuple[str, str], ...]  # (model, benchmark) drawn at the axis edge

    @property
    def note(self) -> str | None:
        if len(self.shown) == self.total:
            return None
        return f"top {len(self.shown)} of {self.total} by mean — the table lists all"

    @property
    def includes_zero(self) -> bool:
        """Bars are drawn from zero when the axis holds it, so their lengths are faithful;
        otherwise they start at the axis edge and exaggerate differences."""
        return self.y_domain[0] <= 0 <= self.y_domain[1]


def chart_layout(report: Report, config: SiteConfig) -> Layout:
    shown = shown_models(report)
    y_domain = _y_domain(report)
    fills, families = _fills(report, config, shown)
    clamped = tuple(
        (m.name, b.name)
        for m in report.models
        if m.name in shown
        for b in report.benchmarks
        if b.name in m.scores and not y_domain[0] <= m.scores[b.name].value <= y_domain[1]
    )
    return Layout(y_domain, nice_step(y_domain[1] - y_domain[0]), shown, len(report.models), fills, families, clamped)


def shown_models(report: Report) -> tuple[str, ...]:
    """All models, or the best ``max_bars`` by mean rank (file order kept among them).

    Ranks, not raw means, so a lower-is-better benchmark counts the right way round and a
    benchmark on a large scale does not dominate; a missing score ranks last on its benchmark.
    """
    models = report.models
    if len(models) <= report.max_bars:
        return tuple(m.name for m in models)
    totals = {m.name: 0.0 for m in models}
    for benchmark in report.benchmarks:
        have = [m for m in models if benchmark.name in m.scores]
        sign = -1 if benchmark.higher_is_better else 1
        ordered = sorted(have, key=lambda m: sign * m.scores[benchmark.name].shown)
        for rank, model in enumerate(ordered, 1):
            totals[model.name] += rank
        for model in models:
            if benchmark.name not in model.scores:
                totals[model.name] += len(models)
    best = sorted(models, key=lambda m: (totals[m.name], report.models.index(m)))[: report.max_bars]
    keep = {m.name for m in best}
    return tuple(m.name for m in models if m.name in keep)


def _y_domain(report: Report) -> tuple[float, float]:
    if report.y_range:
        return report.y_range
    values = [s.value for m in report.models for s in m.scores.values()]
    if not values:
        return (0.0, 100.0)
    low, high = min(values), max(values)
    if 0 <= low and high <= 1:
        return (0.0, 1.0)
    if 0 <= low and high <= 100:
        return (0.0, 100.0)
    step = nice_step(max(high, 0) - min(low, 0))
    return (min(0.0, math.floor(low / step) * step), max(0.0, math.ceil(high / step) * step))


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
