"""Boards: ranked tables over a fixed set of columns, with an aggregate that means something.

A board ranks only the models scored on every one of its columns, so a model with one lucky
score is never placed above one measured everywhere; the others are listed after, with their
coverage. Ranks are tie classes (ranks.py): a model ranks ahead of another only when the
aggregate's own uncertainty says so, or, when no uncertainty is known for every score, when the
shown aggregates differ. Two aggregates exist: the mean over columns of one unit and direction,
and the mean win rate (HELM's), which needs neither. Default: one board per report.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from benchboard.analyse import provenance

from benchboard.analyse import ranks

from benchboard.load.units import column_unit
from benchboard.analyse.tables import MISSING, NOT_COMPUTED, Cell, Column, best_values, mean_columns
from benchboard.model import Benchmark, Model, Report, Score, Site, format_number
from benchboard.load.slugs import benchmark_slugs, slug_text
from benchboard.analyse.stats import half_up

Z = 1.96  # two-sided 95%: a model ranks ahead only when the gap exceeds this many standard errors
WIN_RATE_PRECISION = 1  # win rates are shown in percent with one decimal


@dataclass(frozen=True)
class BoardRow:
    name: str  # canonical name
    slug: str | None  # models/SLUG/
    family: str | None
    cells: tuple[Cell, ...]
    aggregate: Cell  # mean or win rate; "—" when not computed
    coverage: tuple[int, int]  # (columns scored, columns)
    rank: str  # "1", "2–3", or "—"
    ranked: bool
    rank_interval: tuple[int, int] | None = None
    source: provenance.Provenance | None = None  # when one run gives every score of the row


@dataclass(frozen=True)
class Board:
    id: str  # HTML id, unique on the index
    title: str
    description: str | None
    columns: tuple[Column, ...]
    rows: tuple[BoardRow, ...]
    aggregate: str  # "mean" or "win_rate"
    higher_is_better: bool  # direction of the aggregate
    unit: str | None  # the mean's unit (None for a win rate)
    by_uncertainty: bool  # ranks from standard errors (else from the shown aggregates only)
    ranked_count: int
    default: bool  # one report's board (not declared in site.yaml)
    on_index: bool = True  # False: a default board past MAX_INDEX_BOARDS, read on its report's page


def standard_error(benchmark: Benchmark, score: Score, unit: str) -> float | None:
    """The score's stderr as given, else the binomial one from n for a proportion (``unit``
    is the column's, from column_unit: computed once per column by the caller)."""
    if score.stderr:  # 0 is no estimate (one sample), as on the report pages
        return score.stderr
    if benchmark.n is None:
        return None
    scale = {"percent": 100.0, "fraction": 1.0}.get(unit)
    if scale is None:
        return None
    p = min(max(score.value / scale, 0.0), 1.0)
    return scale * math.sqrt(p * (1 - p) / benchmark.n)


# --- building boards ----------------------------------------------------------------------


MAX_INDEX_BOARDS = 20  # default boards on the index; each carries its models' data, so 1,000 made a 25 MB page


def site_boards(site: Site) -> list[Board]:
    """The declared boards, or one per report (in report order); of those, the index shows the
    first MAX_INDEX_BOARDS, and model pages link the rest to their report's page."""
    by_slug = {r.slug: r for r in site.reports}
    specs: list[tuple[str, str | None, list[tuple[Report, Benchmark]], str | None, bool]] = []
    if site.config.boards:
        for spec in site.config.boards:
            columns = []
            for column in spec.columns:
                report = by_slug[column.report]
                names = [column.benchmark] if column.benchmark else [b.name for b in report.benchmarks]
                columns += [(report, report.benchmark(n)) for n in names]
            specs.append((spec.title, spec.description, columns, spec.aggregate, False))
    else:
        for report in site.reports:
            columns = [(report, b) for b in report.benchmarks if any(b.name in m.scores for m in report.models)]
            specs.append((report.title, report.description, columns, None, True))
    pages = benchmark_slugs(site.reports)
    boards = []
    taken: set[str] = set()
    for i, (title, description, columns, aggregate, default) in enumerate(specs):
        base = "board-" + (slug_text(title) or str(i + 1))
        board_id, count = base, 1
        while board_id in taken:
            count += 1
            board_id = f"{base}-{count}"
        taken.add(board_id)
        board = build_board(board_id, title, description, columns, aggregate, default, pages)
        boards.append(replace(board, on_index=False) if default and i >= MAX_INDEX_BOARDS else board)
    return boards


def build_board(board_id: str, title: str, description: str | None, columns: list[tuple[Report, Benchmark]],
                aggregate: str | None, default: bool, pages: dict | None = None) -> Board:
    kinds = {(column_unit(r, b), b.higher_is_better) for r, b in columns}
    if aggregate is None:  # a report's own board: the mean only over columns its table averages
        reports = {id(r): r for r, _ in columns}
        one = next(iter(reports.values())) if len(reports) == 1 else None
        aggregate = "mean" if len(kinds) == 1 and (one is None or mean_columns(one)[0]) else "win_rate"
    unit, higher = next(iter(kinds)) if aggregate == "mean" and kinds else (None, True)
    precision = max((r.precision for r, _ in columns), default=1)

    order: list[str] = []
    found: dict[str, dict[int, tuple[Report, Model]]] = {}
    for index, (report, benchmark) in enumerate(columns):
        for model in report.models:
            if model.key not in found:
                order.append(model.key)
                found[model.key] = {}
            found[model.key][index] = (report, model)
    best = [best_values(r, b) for r, b in columns]
    runs: dict[tuple[str, str], provenance.Provenance] = {}
    grid: dict[str, list[Cell]] = {}
    for key in order:
        cells = []
        for index, (report, benchmark) in enumerate(columns):
            hit = found[key].get(index)
            score = hit[1].scores.get(benchmark.name) if hit else None
            if score is None:
                cells.append(Cell(MISSING, None))
                continue
            run = runs.setdefault((report.slug, hit[1].name), provenance.of(report, hit[1]))
            stderr = report.fmt(score.stderr) if score.stderr is not None else None
            cells.append(Cell(score.display, score.shown, score.display in best[index], stderr,
                              source=run if run.detailed else None,
                              contamination=provenance.contamination(hit[1], benchmark)))
        grid[key] = cells
    table_columns = tuple(
        Column(report, benchmark, provenance.differences([
            runs[(report.slug, m.name)] for m in report.models if benchmark.name in m.scores and (report.slug, m.name) in runs]),
            (pages or {}).get((benchmark.name, benchmark.metric)))
        for report, benchmark in columns
    )
    full = [key for key in order if columns and all(c.value is not None for c in grid[key])]
    ranked = full if len(full) >= 2 else []

    values: dict[str, float] = {}
    shown: dict[str, str] = {}
    by_uncertainty = False
    if aggregate == "mean":
        for key in order:
            present = [Fraction(Decimal(c.display)) for c in grid[key] if c.value is not None]
            if present:  # exact, so a mean of x.x5 rounds half up as shown, never through binary
                mean = sum(present) / len(present)
                values[key] = float(mean)
                shown[key] = half_up(mean, precision)
        units = [column_unit(r, b) for r, b in columns]
        errors = {key: _mean_error(key, columns, units, found) for key in ranked}
        by_uncertainty = bool(ranked) and all(e is not None for e in errors.values())
    else:
        for key, rate in zip(ranked, win_rates(ranked, grid, columns)):
            values[key] = 100 * rate
            shown[key] = format_number(values[key], WIN_RATE_PRECISION)
        higher = True
        errors = {}

    intervals: dict[str, tuple[int, int]] = {}
    if ranked:
        vals = [values[k] for k in ranked] if by_uncertainty else [float(shown[k]) for k in ranked]
        ses = [errors[k] for k in ranked] if by_uncertainty else None
        for key, interval in zip(ranked, rank_intervals(vals, ses, higher)):
            intervals[key] = interval
        ordered = [ranked[i] for i in ranks.display_order(vals, ranked, higher)]
        ordered.sort(key=lambda k: intervals[k])  # stable: display order within a rank interval
    else:
        ordered = []
    rest = [k for k in order if k not in intervals]
    rest.sort(key=lambda k: (-sum(c.value is not None for c in grid[k]), k not in values,
                             -(values.get(k, 0.0) if higher else -values.get(k, 0.0)), k.casefold()))
    # ★ marks the best shown aggregate among the ranked models (ties share it), as the legend
    # says; the Rank column, not the star, says who shares first place within the uncertainty.
    ranked_shown = [float(shown[k]) for k in ranked]
    best_shown = (max(ranked_shown) if higher else min(ranked_shown)) if ranked_shown else None
    top = {shown[k] for k in ranked if float(shown[k]) == best_shown}
    rows = []
    for key in ordered + rest:
        model = next(iter(found[key].values()))[1]
        is_ranked = key in intervals
        if key in shown:
            aggregate_cell = Cell(shown[key], float(shown[key]), is_ranked and shown[key] in top)
        else:
            aggregate_cell = Cell(MISSING, None, absent=NOT_COMPUTED if any(c.value is not None for c in grid[key]) else "no score")
        scored = sum(c.value is not None for c in grid[key])
        rank = ranks.rank_text(*intervals[key]) if is_ranked else MISSING
        cells, source = _row_source(grid[key])
        rows.append(BoardRow(key, model.slug, model.family, cells, aggregate_cell, (scored, len(columns)),
                             rank, is_ranked, intervals.get(key), source))
    return Board(board_id, title, description, table_columns, tuple(rows), aggregate, higher, unit,
                 by_uncertainty, len(ranked), default)


def _row_source(cells: list[Cell]) -> tuple[tuple[Cell, ...], provenance.Provenance | None]:
    """One disclosure on the row when one run gave all its scores, else one per score."""
    sources = {c.source for c in cells if c.value is not None}
    if len(sources) == 1 and None not in sources:
        return tuple(replace(c, source=None) for c in cells), sources.pop()
    return tuple(cells), None


def _mean_error(key: str, columns, units: list[str], found) -> float | None:
    """Standard error of a model's mean over the columns: sqrt(sum se^2) / k (independent)."""
    total = 0.0
    for index, (_, benchmark) in enumerate(columns):
        model = found[key][index][1]
        se = standard_error(benchmark, model.scores[benchmark.name], units[index])
        if se is None:
            return None
        total += se * se
    return math.sqrt(total) / len(columns)


def win_rates(ranked: list[str], grid: dict[str, list[Cell]], columns) -> list[float]:
    """Per ranked model, the mean over columns of the share of the other ranked models it
    beats on the shown value; a tie counts half, as in HELM. Sorted counting, so a board of
    thousands of models costs n log n per column, not n squared."""
    n = len(ranked)
    totals = [0.0] * n
    for index, (_, benchmark) in enumerate(columns):
        column = [grid[key][index].value for key in ranked]
        ordered = sorted(column)
        for i, mine in enumerate(column):
            below = bisect_left(ordered, mine)
            equal = bisect_right(ordered, mine) - below - 1  # not counting itself
            worse = below if benchmark.higher_is_better else n - below - equal - 1
            totals[i] += (worse + 0.5 * equal) / (n - 1)
    return [total / len(columns) for total in totals]


SMALL = 200  # up to this many ranked models, ranks.rank_intervals runs as is (n squared verdicts)


def rank_intervals(values: list[float], errors: list[float] | None, higher: bool) -> list[tuple[int, int]]:
    """ranks.rank_intervals with the board's verdict: i beats j when its value is better by
    more than Z standard errors of the difference (``errors`` given), else when its value is
    better at all. Large boards count the same verdicts with sorting instead of n² calls."""
    def beats(i: int, j: int) -> bool:
        gap = values[i] - values[j] if higher else values[j] - values[i]
        return gap > (Z * math.hypot(errors[i], errors[j]) if errors is not None else 0)

    if len(values) <= SMALL:
        return ranks.rank_intervals(values, beats, higher)
    sign = 1 if higher else -1
    keyed = sorted(sign * v for v in values)  # ascending: worst first
    n = len(values)
    if errors is None:
        return [(1 + n - bisect_right(keyed, sign * v), n - bisect_left(keyed, sign * v)) for v in values]
    # With errors, only models within Z * (se_i + largest se) can escape the verdict by value
    # alone: below that band every one is beaten, above it none is; the band is checked pairwise.
    top = max(errors)
    order = sorted(range(n), key=lambda i: sign * values[i])
    beaten_by = [0] * n
    beat_count = [0] * n
    for i in range(n):
        mine = sign * values[i]
        surely = bisect_left(keyed, mine - Z * (errors[i] + top))  # all below: beaten for sure
        near = bisect_left(keyed, mine - Z * errors[i])  # from here up: never beaten by i
        beat_count[i] = surely + sum(1 for j in order[surely:near] if beats(i, j))
    for i in range(n):
        mine = sign * values[i]
        surely = n - bisect_right(keyed, mine + Z * (errors[i] + top))  # all above: beat i for sure
        near = bisect_right(keyed, mine + Z * errors[i])
        beaten_by[i] = surely + sum(1 for j in order[near:n - surely] if beats(j, i))
    return [(1 + beaten_by[i], n - beat_count[i]) for i in range(n)]


def ranks_by_model(boards: list[Board]) -> dict[str, list[tuple[Board, BoardRow]]]:
    """Model key -> the boards it is on, with its row, for the model pages."""
    found: dict[str, list[tuple[Board, BoardRow]]] = {}
    for board in boards:
        for row in board.rows:
            found.setdefault(row.name, []).append((board, row))
    return found
