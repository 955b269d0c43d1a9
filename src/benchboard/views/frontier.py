"""Frontier views as page data: for a board, and for a benchmark's scores in one report, each
model placed by its score (y) against its size, its release date or a field the site declares (x).

Computed before rendering, like every page's data: which models are placed and which are not
(never at 0), where the frontier runs (analyse/frontier.py, on the shown values), and what may
be said of each step along it (the site's verdict rule). The chart (chart/scatter.py) and the
sentences (templates/text/frontier*.txt) only lay this out.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Callable

from benchboard.analyse import frontier
from benchboard.analyse.boards import WIN_RATE_PRECISION, Z, Board, pair_outcome
from benchboard.analyse.verdicts import EQUAL, LEAD, WITHIN
from benchboard.analyse.verdicts import compare, report_tolerance, score_interval
from benchboard.load import sizes
from benchboard.load.units import units as unit_table
from benchboard.model import UNKNOWN, Benchmark, FrontierField, Model, Report, SiteConfig, interval_ends

MIN_PLACED = 2  # a frontier of one point says nothing
# Past this many models a scatter is a cloud no label can name, and vl-convert took ~5 s of CPU
# a view at 4,750 points (11 views were 124 of a 5,000-model build's 147 s): no view is drawn,
# and the page says why (crowded()); the table beside it lists every model.
MAX_PLACED = 500
_OUTCOME = {LEAD: "lead", WITHIN: "within", EQUAL: "equal"}  # untested and practically equal: "untested"


@dataclass(frozen=True)
class Placed:
    key: str
    slug: str | None
    family: str | None
    x: float
    x_text: str  # as the axis and the table show it
    x_iso: str | None  # release date for a time axis (YYYY-MM-DD)
    y: float  # the shown score
    y_text: str
    low: float | None  # 95% interval, where known
    high: float | None
    interval_text: str | None
    on_front: bool
    mixture: bool  # a mixture of experts (the x says total or active)


@dataclass(frozen=True)
class FrontierView:
    id: str  # unique on its page; the SVG's ids start with it
    axis: str  # "params", "active", "released" or a declared field's key
    title: str  # the chart's title
    x_title: str
    y_title: str
    scale: str  # "log", "linear" or "date"
    x_lower_better: bool
    y_higher_better: bool
    points: tuple[Placed, ...]  # placed models, in the order given (rank or score order)
    front: tuple[str, ...]  # keys on the frontier, best x first
    steps: tuple[frontier.Step, ...]
    missing: tuple[str, ...]  # models without the x value: listed, never placed
    missing_slugs: tuple[str | None, ...]  # their model pages (models/SLUG/), aligned with missing
    mixtures: tuple[str, ...]  # placed mixtures (how their size is counted is in x_title)
    rule: str  # "scores" (the report's verdicts), "board_se", "board_win_rate" or "board_shown"


@dataclass(frozen=True)
class _Candidate:
    key: str
    slug: str | None
    family: str | None
    model: Model
    y: float
    y_text: str
    low: float | None
    high: float | None
    interval_text: str | None


def _billions(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g}T"
    if value >= 1:
        return f"{value:g}B"
    return f"{value * 1000:g}M"


def _size(model: Model) -> tuple[float | None, float | None, bool]:
    """(total, active, mixture) in billions: the result file's size, else the registry's."""
    parsed = sizes.parse_size(model.params)
    info = model.info
    total = model.params_b if model.params_b is not None else (info.params_b if info else None)
    active = parsed.active if parsed is not None else None
    active = float(active) if active is not None else (info.active_params_b if info else None)
    mixture = bool(parsed is not None and parsed.mixture) or (info is not None and info.active_params_b is not None
                                                               and info.active_params_b != info.params_b)
    if not mixture:
        active = total
    return total, active, mixture


def _released(model: Model) -> tuple[float, str, str] | None:
    text = model.info.released if model.info else None
    if not text or text == UNKNOWN:
        return None
    day = datetime.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    return float(day.toordinal()), text, day.isoformat()


def _axes(candidates: list[_Candidate], fields: tuple[FrontierField, ...]) -> list[tuple]:
    """(axis, x title, scale, lower is better, x of a candidate -> (x, text, iso) or None)."""
    found = []

    def total(c):
        size = _size(c.model)[0]
        return (size, _billions(size), None) if size is not None and size > 0 else None

    def active(c):
        size = _size(c.model)[1]
        return (size, _billions(size), None) if size is not None and size > 0 else None

    any_mixture = any(_size(c.model)[2] for c in candidates)
    found.append(("params", "Parameters (total; log scale)" if any_mixture else "Parameters (log scale)", "log", True, total))
    if any(_size(c.model)[2] and _size(c.model)[1] is not None for c in candidates):
        found.append(("active", "Parameters active per token (log scale; dense models: all)", "log", True, active))
    found.append(("released", "Release date", "date", True, lambda c: _released(c.model)))
    for spec in fields:
        def declared(c, spec=spec):
            value = c.model.info.field(spec.key) if c.model.info else None
            if value is None or not math.isfinite(value) or (spec.log and value <= 0):
                return None
            return (value, f"{value:g}", None)
        found.append((spec.key, spec.title + (" (log scale)" if spec.log else ""), "log" if spec.log else "linear",
                      spec.lower_is_better, declared))
    return found


@dataclass(frozen=True)
class _Bare:
    model: Model  # what an axis reads of a candidate


def _some_axis_places(models: list[Model], fields: tuple[FrontierField, ...]) -> bool:
    """views()' own test (some axis places MIN_PLACED..MAX_PLACED models), asked of the models
    before their candidates (each score's interval) are made: a benchmark page of 5,000 models
    with no sizes or dates draws no view, and made 50,000 intervals to find that out."""
    bare = [_Bare(m) for m in models]
    return any(MIN_PLACED <= sum(x_of(b) is not None for b in bare) <= MAX_PLACED
               for *_, x_of in _axes(bare, fields))


def views(prefix: str, title: str, y_title: str, higher: bool, candidates: list[_Candidate],
          verdict: Callable[[_Candidate, _Candidate], str], rule: str, config: SiteConfig) -> list[FrontierView]:
    found = []
    for axis, x_title, scale, lower, x_of in _axes(candidates, config.frontier_fields):
        placed, missing = [], []
        for c in candidates:
            x = x_of(c)
            (placed if x is not None else missing).append((c, x))
        if not MIN_PLACED <= len(placed) <= MAX_PLACED:
            continue
        points = [frontier.Point(c.key, x[0], c.y) for c, x in placed]
        on = frontier.front(points, lower, higher)
        steps = frontier.steps(points, on, lambda i, j: verdict(placed[i][0], placed[j][0]))
        keys = {placed[i][0].key for i in on}
        what = {"params": "parameters", "active": "active parameters", "released": "release date"}.get(axis, x_title.split(" (")[0].lower())
        found.append(FrontierView(
            id=f"{prefix}-{axis}", axis=axis, title=f"{title}: score against {what}", x_title=x_title, y_title=y_title,
            scale=scale, x_lower_better=lower, y_higher_better=higher,
            points=tuple(Placed(c.key, c.slug, c.family, x[0], x[1], x[2], c.y, c.y_text, c.low, c.high, c.interval_text,
                                c.key in keys, _size(c.model)[2]) for c, x in placed),
            front=tuple(placed[i][0].key for i in on), steps=tuple(steps),
            missing=tuple(c.key for c, _ in missing),
            missing_slugs=tuple(c.slug for c, _ in missing),
            mixtures=tuple(c.key for c, _ in placed if _size(c.model)[2]) if axis in ("params", "active") else (),
            rule=rule,
        ))
    return found


def board_views(board: Board, config: SiteConfig) -> list[FrontierView]:
    """A board's ranked models: the aggregate (y) against each x. A partial mean is no score
    to compare, so unranked models are left out (the board lists them)."""
    if not config.frontier or board.ranked_count < MIN_PLACED:
        return []
    precision = max((c.report.decimals(c.benchmark) for c in board.columns), default=1) if board.aggregate == "mean" else WIN_RATE_PRECISION
    candidates, rows = [], {}
    for row in board.rows:
        if not row.ranked or row.aggregate.value is None:
            continue
        low = high = text = None
        if board.basis == "column":  # one column: the score itself, with its own interval as every page shows it
            column = board.columns[0]
            hit = row.at[0]
            known = score_interval(column.report, column.benchmark, hit[1], unit_table(column.report)[column.benchmark.name]) if hit else None
            if known is not None:
                low, high = known[0], known[1]
        elif board.aggregate == "mean" and row.se is not None:  # the board's own interval (boards.mean_error)
            low, high = row.value - Z * row.se, row.value + Z * row.se
        elif row.bounds is not None:  # a win rate's bounds from the report pages' verdicts
            low, high = (float(x) for x in row.bounds)
        if low is not None:
            text = "\u2013".join(interval_ends(low, high, precision))
        model = next(hit[1] for hit in row.at if hit is not None)
        candidates.append(_Candidate(row.name, row.slug, row.family, model, row.aggregate.value, row.aggregate.display,
                                     low, high, text))
        rows[row.name] = row

    columns = [(c.report, c.benchmark) for c in board.columns]

    def verdict(a: _Candidate, b: _Candidate) -> str:
        """The board's own verdict on the two rows (boards.pair_outcome, as its ranks)."""
        found, _ = pair_outcome(board.basis, rows[a.key], rows[b.key], board.higher_is_better, columns)
        return _OUTCOME.get(found, "untested")

    y_title = "Mean" + (f" ({board.unit})" if board.unit else "") if board.aggregate == "mean" else "Win rate (%)"
    # the words for a lead name the rule that found it: the report's verdict on a one-column
    # board, the means' or the win rates' own test otherwise (boards.pair_outcome)
    rule = ({"column": "scores", "mean": "board_se", "win_rate": "board_win_rate"}.get(board.basis, "board_shown")
            if board.by_uncertainty else "board_shown")
    return views(f"fr-{board.id}", board.title, y_title, board.higher_is_better, candidates, verdict, rule, config)


def crowded(config: SiteConfig, count: int) -> int:
    """``count`` when that many models are too many for a frontier view (MAX_PLACED), else 0."""
    return count if config.frontier and count > MAX_PLACED else 0


def largest_group(entries) -> int:
    """The most scores one report gives a benchmark page (the group benchmark_views draws)."""
    sizes: dict[int, int] = {}
    for entry in entries:
        sizes[id(entry.report)] = sizes.get(id(entry.report), 0) + 1
    return max(sizes.values(), default=0)


def benchmark_views(slug: str, entries, config: SiteConfig, most: int = 1) -> list[FrontierView]:
    """A benchmark page's scores, one group per report (scores of different runs are not one
    measurement): the reports with the most scores, up to ``most``."""
    if not config.frontier:
        return []
    by_report: dict[int, list] = {}
    for entry in entries:
        by_report.setdefault(id(entry.report), []).append(entry)
    groups = sorted(by_report.values(), key=lambda es: (-len(es), es[0].report.slug))[:most]
    found = []
    for group in groups:
        if len(group) < MIN_PLACED or not _some_axis_places([e.model for e in group], config.frontier_fields):
            continue
        report: Report = group[0].report
        bench: Benchmark = group[0].benchmark
        unit_of = unit_table(report)
        tolerance = report_tolerance(report, unit_of)
        candidates = []
        for entry in group:
            known = score_interval(report, bench, entry.model, unit_of[bench.name])
            text = f"{entry.interval[0]}\u2013{entry.interval[1]}" if entry.interval else None
            candidates.append(_Candidate(entry.model.key, entry.model.slug, entry.model.family, entry.model,
                                         entry.score.shown, entry.score.display,
                                         known[0] if known else None, known[1] if known else None, text))

        def verdict(a: _Candidate, b: _Candidate, report=report, bench=bench, unit=unit_of[bench.name], tolerance=tolerance) -> str:
            return compare(report, bench, a.model, b.model, unit, tolerance).outcome

        title = f"{bench.label} in {report.title}" if len(by_report) > 1 else bench.label
        found += views(f"fr-{slug}-{report.slug}", title, bench.label, bench.higher_is_better, candidates, verdict,
                       "scores", config)
    return found
