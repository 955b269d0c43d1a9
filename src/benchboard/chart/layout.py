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
from benchboard.analyse.verdicts import score_interval

from benchboard.load import units
from benchboard.model import Report, SiteConfig
from benchboard.views import chartspec, chartstyle


@dataclass(frozen=True)
class Fill:
    colour: str  # "#RRGGBB"; its name in words ("blue") is text/_macros.txt's colour_name
    hatched: bool


@dataclass(frozen=True)
class Panel:
    """Benchmarks drawn on one y axis (one unit and one direction), with that axis."""

    benchmarks: tuple[str, ...]  # names, in file order
    y_domain: tuple[float, float]
    y_step: float
    unit: str  # units.Unit.name ("percent", "fraction (0–1)", "ms", "no stated unit")
    higher_is_better: bool
    precisions: tuple[int, ...]  # decimals of each benchmark's labels


# How the chart is laid out, chosen by the data's shape (chart_layout):
GROUPED = "grouped"  # the seed's grouped bars, when they fit the content column at 1:1
WRAPPED = "wrapped"  # one unit, too many benchmarks: rows of groups sharing the legend
PANELS = "panels"  # several units or directions: one panel (y axis) per unit and direction
RANKED = "ranked"  # more models than a legend tells apart: sorted horizontal bars per benchmark
GROUP_MAX = 8  # most models a grouped chart draws (one palette colour each)


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
    kind: str = GROUPED
    panels: tuple[Panel, ...] = ()  # one per unit and direction (one for GROUPED and WRAPPED)
    order: tuple[str, ...] = ()  # RANKED over several benchmarks: the drawn models, best first by order_basis
    order_basis: str = "mean"  # "mean" or "win_rate": the rule choose_models ranks by

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


def chart_layout(report: Report, config: SiteConfig, styles: dict | None = None) -> Layout:
    """What the chart draws and how it is laid out; ``styles`` are the site's model styles
    (views.chartstyle.site_styles), else the report's own."""
    own = chartstyle.report_styles(report, config, styles)
    shown, basis, tie_broken = choose_models(report)
    panels = _panels(report)
    distinct = len({own[name] for name in shown}) == len(shown)
    kind = GROUPED
    if len(shown) > GROUP_MAX or not distinct:
        kind = RANKED  # the same max_bars models (the stated top N), named on the axis
    elif len(panels) > 1:
        kind = PANELS
    elif _grouped_px(report, shown) > chartspec.CONTENT_PX:
        kind = WRAPPED
    y_domain = panels[0].y_domain if len(panels) == 1 else _y_domain(report)
    fills, families = _fills(report, own, shown)
    clamped = tuple(
        (m.name, b.name)
        for m in report.models
        if m.name in shown
        for b in report.benchmarks
        if b.name in m.scores and clamp_side(m.scores[b.name].value, panel_of(panels, b.name).y_domain)
    )
    order, order_basis = ranked_order(report, shown) if kind == RANKED and len(report.benchmarks) > 1 else ((), basis)
    return Layout(y_domain, nice_step(y_domain[1] - y_domain[0]), shown, len(report.models), fills, families, clamped,
                  basis, tie_broken, kind, panels, order, order_basis)


def domain_of(layout: Layout, benchmark: str) -> tuple[float, float]:
    """The axis a benchmark's bars are drawn on: its panel's."""
    return panel_of(layout.panels, benchmark).y_domain if layout.panels else layout.y_domain


def panel_of(panels: tuple[Panel, ...], benchmark: str) -> Panel:
    return next(p for p in panels if benchmark in p.benchmarks)


def _panels(report: Report) -> tuple[Panel, ...]:
    """One panel per unit and direction, in order of first appearance; the units are the
    report's own reading (load/units.py, ``same_as``): columns of no stated unit share a panel
    only when the loader reads them as one unit (one range), as the table and the Methods note
    do; an MCC, a Spearman and a BLEU column are three. A file's y_range is its author's one
    axis for every column: one panel then."""
    unit_of = units.units(report)
    keys: list[tuple[str, bool]] = []
    for bench in report.benchmarks:
        key = (unit_of[bench.name].same_as, bench.higher_is_better) if not report.y_range else ("", True)
        if key not in keys:
            keys.append(key)
    if not keys:
        return (Panel((), (0.0, 100.0), 10.0, "", True, ()),)
    found = []
    for key in keys:
        names = [b.name for b in report.benchmarks
                 if report.y_range or (unit_of[b.name].same_as, b.higher_is_better) == key]
        domain = _y_domain(report, names if len(keys) > 1 else None)
        found.append(Panel(tuple(names), domain, nice_step(domain[1] - domain[0]), unit_of[names[0]].name, key[1],
                           tuple(chartstyle.column_precision(report, report.benchmark(n)) for n in names)))
    return tuple(found)


def _grouped_px(report: Report, shown: tuple[str, ...]) -> int:
    """The seed chart's width, estimated: y axis, groups and the legend at the right."""
    group = max((chartspec.group_px(len(shown), chartspec.label_lines(b)) for b in report.benchmarks),
                default=0)  # every group as wide as the widest: one band scale
    return chartspec.AXIS_PX + len(report.benchmarks) * group + chartspec.legend_px(list(shown))


def choose_models(report: Report, cut: int | None = None) -> tuple[tuple[str, ...], str, bool]:
    """All models, or the best ``max_bars`` (file order kept among them), with the rule used and
    whether file order broke a tie at the cut-off.

    By the table's own mean when it is over every benchmark (leaderboard.mean_columns: all
    higher-is-better, one unit), so chart and table never disagree; else by mean win rate over
    the benchmarks (HELM's, needs no common unit or direction), a missing score losing to every
    present one: a mean over some benchmarks must not pick the bars drawn for all of them.
    """
    models = report.models
    cut = report.max_bars if cut is None else cut
    if len(models) <= cut:
        return tuple(m.name for m in models), "mean", False
    keys, basis = _rank_keys(report)
    order = sorted(range(len(models)), key=lambda i: (-keys[i][0], -keys[i][1], i))
    tie_broken = keys[order[cut - 1]] == keys[order[cut]]
    keep = set(order[:cut])
    return tuple(m.name for i, m in enumerate(models) if i in keep), basis, tie_broken


def ranked_order(report: Report, shown: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """The drawn models best first by the rule choose_models ranks by (file order breaking
    ties), and that rule: one order for every benchmark's panel of a ranked chart."""
    keys, basis = _rank_keys(report)
    index = {m.name: i for i, m in enumerate(report.models)}
    return tuple(sorted(shown, key=lambda n: (-keys[index[n]][0], -keys[index[n]][1], index[n]))), basis


def _rank_keys(report: Report) -> tuple[list, str]:
    """Per model, its sort key (higher first) and the rule: the table's own mean when it is
    over every benchmark, else the mean win rate over the benchmarks."""
    averaged, _ = leaderboard.mean_columns(report)
    if averaged and len(averaged) == len(report.benchmarks):
        means = [leaderboard.mean_score(m, averaged) for m in report.models]
        # As the table ranks: a mean over all the columns first, then by how many it rests on (a
        # model's one lucky score must not put it among the bars before one measured everywhere).
        return [(scored, mean) if mean is not None else (0, 0) for mean, scored, _ in means], "mean"
    return [(1, rate) for rate in _win_rates(report)], "win_rate"


def _win_rates(report: Report) -> list:
    """Per model, ranks.win_rates over the report's benchmarks (the boards' one win rate): a
    tie counts half, a missing score loses to a present one and ties another."""
    columns = [[m.scores[b.name].shown if b.name in m.scores else None for m in report.models] for b in report.benchmarks]
    return win_rates(columns, [b.higher_is_better for b in report.benchmarks]) if columns else [0] * len(report.models)


# Units whose zero is no amount of anything (an Elo of 0 is not "no skill"): bars from zero lie.
_INTERVAL_UNITS = {"Elo"}


def _y_domain(report: Report, names: list[str] | None = None) -> tuple[float, float]:
    """The file's y_range, else from the benchmarks' units: 0–100 for percent, 0–1 for
    fractions, otherwise a nice range around the data and its 95% whiskers (an axis that cut a
    whisker would draw a narrower interval than the table states), from zero on a ratio scale.
    With ``names`` (one panel of several), those benchmarks' own range, whatever the y_range."""
    if report.y_range and names is None:
        return report.y_range
    unit_of = units.units(report)
    names = [b.name for b in report.benchmarks] if names is None else names
    scored = [n for n in names if any(n in m.scores for m in report.models)]
    values = [m.scores[n].value for m in report.models for n in names if n in m.scores]
    for name in scored:  # a proportion's interval never leaves 0–100% (verdicts.score_interval): the fixed ranges hold it
        bench = report.benchmark(name)
        for model in report.models:
            known = score_interval(report, bench, model, unit_of[name]) if name in model.scores else None
            if known is not None:
                values += known[:2]
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
    return (round(bottom, 10), round(top, 10))  # 0.7, not 0.7000000000000001


def nice_step(span: float) -> float:
    """Gridline spacing giving about 5 to 10 lines: 70 -> 10, 1 -> 0.1, 2500 -> 500."""
    raw = span / 8
    if not (raw > 0 and math.isfinite(raw)):  # no span, or one so small that an eighth of it is 0.0
        return span if span > 0 and math.isfinite(span) else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _fills(report: Report, styles: dict, shown: tuple[str, ...]):
    """Each drawn model's site-wide style (views.chartstyle); the families in order of
    appearance with their hatching, for the legend's words."""
    families: list[tuple[str, bool]] = []
    for model in report.models:
        if model.family and model.family not in [f for f, _ in families]:
            families.append((model.family, styles[model.name].hatched))
    fills = {name: Fill(styles[name].colour, styles[name].hatched) for name in shown}
    return fills, tuple(families)
