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
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from benchboard.analyse import provenance, ranks, verdicts

from benchboard.load.units import column_kind, column_unit, units as unit_table
from benchboard.analyse.tables import MISSING, NOT_COMPUTED, Cell, Column, best_values, mean_columns, stderr_text
from benchboard.model import Benchmark, Model, Report, Site
from benchboard.load.slugs import benchmark_slugs, name_digest, slug_text
from benchboard.analyse.stats import Z95, half_up
from benchboard.analyse.ranks import win_rates  # noqa: F401  (the one win rate; boards rank by it)

Z = Z95  # the report pages' z (1.95996…): one z for every interval and verdict on the site
WIN_RATE_PRECISION = 1  # win rates are shown in percent with one decimal

# How a board orders two ranked models (Board.basis): "column", the report's own verdict on
# its one column; "mean", the normal interval of the difference of two means from each score's
# standard error (its stderr, or its Wilson interval's); "win_rate", the win rate's bounds from
# the report's verdicts (a model is ahead when the share it surely wins exceeds the share the
# other may win); "value", the shown aggregates only (a board too large for pairwise verdicts).
BASES = ("column", "mean", "win_rate", "value")


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
    value: float | None = None  # the aggregate, exact (the shown one is aggregate.display)
    se: float | None = None  # a mean's standard error (basis "mean"), when every score has one
    bounds: tuple[Fraction, Fraction] | None = None  # a win rate's (surely won, possibly won) shares, in percent, exact
    at: tuple = field(default=(), compare=False, repr=False)  # per column: (report, model) or None


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
    by_uncertainty: bool  # some pair's order is tested (else every ranked model shares one class, or basis "value")
    ranked_count: int
    default: bool  # one report's board (not declared in site.yaml)
    on_index: bool = True  # False: a default board past MAX_INDEX_BOARDS, read on its report's page
    basis: str = "value"  # how two ranked models are ordered: one of BASES

    @property
    def level(self) -> bool:
        """Every ranked model shows the same aggregate: they share one rank range because the
        values are equal, not because no gap could be tested."""
        shown = {row.aggregate.display for row in self.rows if row.ranked}
        return self.ranked_count >= 2 and len(shown) == 1


# --- building boards ----------------------------------------------------------------------


MAX_INDEX_BOARDS = 20  # default boards on the index; each carries its models' data, so 1,000 made a 25 MB page


def site_boards(site: Site, build=None) -> list[Board]:
    """The declared boards, or one per report (in report order); of those, the index shows the
    first MAX_INDEX_BOARDS, and model pages link the rest to their report's page. ``build``
    (build_board's arguments -> Board): views/boardcache.py's, which reads unchanged reports'
    boards from the cache."""
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
    for i, ((title, description, columns, aggregate, default), board_id) in enumerate(zip(specs, board_ids([s[0] for s in specs]))):
        board = (build or build_board)(board_id, title, description, columns, aggregate, default, pages)
        boards.append(replace(board, on_index=False) if default and i >= MAX_INDEX_BOARDS else board)
    return boards


def board_ids(titles: list[str]) -> list[str]:
    """Each board's HTML id, from its title ("board-" + slug), numbered when titles repeat (its
    page is boards/SLUG/); the history names declared boards by the same ids."""
    found: list[str] = []
    taken: set[str] = set()
    for i, title in enumerate(titles):
        base = "board-" + (slug_text(title) or name_digest(title))  # never by position: another board would rename it
        board_id, count = base, 1
        while board_id in taken:
            count += 1
            board_id = f"{base}-{count}"
        taken.add(board_id)
        found.append(board_id)
    return found


def build_board(board_id: str, title: str, description: str | None, columns: list[tuple[Report, Benchmark]],
                aggregate: str | None, default: bool, pages: dict | None = None) -> Board:
    kinds = {(column_kind(r, b), b.higher_is_better) for r, b in columns}
    if aggregate is None:  # a report's own board: the mean only over columns its table averages
        reports = {id(r): r for r, _ in columns}
        one = next(iter(reports.values())) if len(reports) == 1 else None
        aggregate = "mean" if len(kinds) == 1 and (one is None or mean_columns(one)[0]) else "win_rate"
    higher = next(iter(kinds))[1] if aggregate == "mean" and kinds else True
    unit = (column_unit(*columns[0]) or "no stated unit") if aggregate == "mean" and columns else None
    precision = max((r.decimals(b) for r, b in columns), default=1)  # a mean: the most decimals of its columns

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
            cells.append(Cell(score.display, score.shown, score.display in best[index], stderr_text(report, score, benchmark),
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
    at = {key: tuple(found[key].get(i) for i in range(len(columns))) for key in order}

    values: dict[str, float] = {}
    shown: dict[str, str] = {}
    errors: dict[str, float | None] = {}
    bounds: dict[str, tuple[float, float]] = {}
    if aggregate == "mean":
        for key in order:
            present = [Fraction(Decimal(c.display)) for c in grid[key] if c.value is not None]
            if present:  # exact, so a mean of x.x5 rounds half up as shown, never through binary
                mean = sum(present) / len(present)
                values[key] = float(mean)
                shown[key] = half_up(mean, precision)
        errors = {key: mean_error(columns, at[key]) for key in ranked}
        basis = "mean"
    else:
        for key, rate in zip(ranked, win_rates([[grid[k][i].value for k in ranked] for i in range(len(columns))],
                                               [b.higher_is_better for _, b in columns])):
            values[key] = float(100 * rate)
            shown[key] = half_up(100 * rate, WIN_RATE_PRECISION)  # 51.25 is 51.3, as everywhere
        higher = True
        basis = "win_rate" if len(ranked) <= SMALL else "value"
        if basis == "win_rate" and ranked and len(columns) > 1:
            bounds = dict(zip(ranked, win_rate_bounds(columns, [at[k] for k in ranked])))

    if len(columns) == 1:  # one column: the aggregate orders as the score does, so the report's own verdict
        basis = "column" if len(ranked) <= ranks.MAX_RANKED_MODELS else "value"  # (a longer column: as its table)
    intervals: dict[str, tuple[int, int]] = {}
    tested = False
    if ranked:
        exact = [values[k] for k in ranked]
        rows_for = [BoardRow(k, None, None, (), Cell(shown[k], float(shown[k])), (0, 0), "", True, value=values[k],
                             se=errors.get(k), bounds=bounds.get(k), at=at[k]) for k in ranked]
        if basis == "value":
            found_intervals = ranks.value_rank_intervals([float(shown[k]) for k in ranked], higher)
        elif basis == "mean" and len(ranked) > SMALL and all(errors[k] is not None for k in ranked):
            found_intervals = rank_intervals([float(shown[k]) for k in ranked], [errors[k] for k in ranked], higher)
            tested = True
        else:
            column = columns[0] if basis == "column" else None
            context = _context(column[0]) if column else None
            outcomes: dict[tuple[int, int], tuple[str, int | None]] = {}

            def decided(i: int, j: int) -> tuple[str, int | None]:
                key = (min(i, j), max(i, j))
                if key not in outcomes:
                    found_outcome, better = pair_outcome(basis, rows_for[key[0]], rows_for[key[1]], higher, columns, context)
                    outcomes[key] = (found_outcome, None if better is None else key[better])
                return outcomes[key]

            def beats(i: int, j: int) -> bool:
                nonlocal tested
                found_outcome, better = decided(i, j)
                tested = tested or found_outcome in verdicts.TESTED
                return found_outcome == verdicts.LEAD and better == i

            order_values = [float(shown[k]) for k in ranked] if basis == "column" else exact
            found_intervals = ranks.rank_intervals(order_values, beats, higher)
        intervals = dict(zip(ranked, found_intervals))
        ordered = [ranked[i] for i in ranks.display_order([float(shown[k]) for k in ranked], ranked, higher)]
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
                             rank, is_ranked, intervals.get(key), source, values.get(key), errors.get(key),
                             bounds.get(key), at[key]))
    return Board(board_id, title, description, table_columns, tuple(rows), aggregate, higher, unit,
                 tested, len(ranked), default, basis=basis)


def _context(report: Report) -> tuple[dict, Decimal | None]:
    unit_of = unit_table(report)
    return unit_of, verdicts.report_tolerance(report, unit_of)


def pair_outcome(basis: str, a: BoardRow, b: BoardRow, higher: bool, columns, context=None) -> tuple[str, int | None]:
    """The board's verdict on two ranked rows' aggregates: (outcome, 0 when a is the better as
    shown, 1 when b is, None when their shown aggregates are equal). One rule for the ranks,
    the compare panel and the model pages: on a one-column board, the report's own verdict
    (verdicts.outcome: Fisher's test, Newcombe's or the normal interval); on a mean, the normal
    interval from each mean's standard error (untested when a score has none); on a win rate,
    a lead only when one's surely-won share exceeds the other's possibly-won share."""
    if a.aggregate.display == b.aggregate.display:
        return verdicts.EQUAL, None
    shown_better = 0 if (float(a.aggregate.display) > float(b.aggregate.display)) == higher else 1
    if basis == "column":
        (report, benchmark), (_, ma), (_, mb) = columns[0], a.at[0], b.at[0]
        unit_of, tolerance = context or _context(report)
        found, better = verdicts.outcome(report, benchmark, ma, mb, unit_of[benchmark.name], tolerance)
        return found, (0 if better == ma.name else 1)
    if basis == "mean":
        if a.se is None or b.se is None:
            return verdicts.UNTESTED, shown_better
        gap = float(Decimal(a.aggregate.display) - Decimal(b.aggregate.display))  # the shown means, as the report's mean bullet
        return (verdicts.LEAD if abs(gap) > Z95 * math.hypot(a.se, b.se) else verdicts.WITHIN), shown_better
    if basis == "win_rate" and a.bounds and b.bounds:
        if a.bounds[0] > b.bounds[1]:
            return verdicts.LEAD, 0
        if b.bounds[0] > a.bounds[1]:
            return verdicts.LEAD, 1
        known = all(r.bounds != (0, 100) for r in (a, b))
        return (verdicts.WITHIN if known else verdicts.UNTESTED), shown_better
    return verdicts.UNTESTED, shown_better


def _row_source(cells: list[Cell]) -> tuple[tuple[Cell, ...], provenance.Provenance | None]:
    """One disclosure on the row when one run gave all its scores, else one per score."""
    sources = {c.source for c in cells if c.value is not None}
    if len(sources) == 1 and None not in sources:
        return tuple(replace(c, source=None) for c in cells), sources.pop()
    return tuple(cells), None


def mean_error(columns, at: tuple) -> float | None:
    """Standard error of a model's mean over the columns, sqrt(sum se²) / k (independent
    scores), each se the report pages' own (verdicts.score_se); None when one is unknown."""
    total = 0.0
    for (report, benchmark), hit in zip(columns, at):
        se = verdicts.score_se(report, benchmark, hit[1], unit_table(report)[benchmark.name]) if hit else None
        if se is None:
            return None
        total += se * se
    return math.sqrt(total) / len(columns)


def win_rate_bounds(columns, at: list[tuple]) -> list[tuple[Fraction, Fraction]]:
    """Per ranked model, its win rate's bounds in percent from the report pages' verdicts: the
    share of the others it leads beyond the uncertainty, and the share not leading it (a gap
    within the uncertainty, untested or equal could go either way). The shown win rate lies
    between them. Exact fractions, so equal shares compare equal (in floats 2/3 of 100 from
    two sums differed in the last bit and made a lead)."""
    n = len(at)
    low, high = [Fraction(0)] * n, [Fraction(0)] * n  # exact: 2/3 surely won must equal 2/3 possibly won
    for index, (report, benchmark) in enumerate(columns):
        unit_of, tolerance = _context(report)
        unit = unit_of[benchmark.name]
        wins, losses = [0] * n, [0] * n
        for i in range(n):
            for j in range(i + 1, n):
                a, b = at[i][index][1], at[j][index][1]
                found, better = verdicts.outcome(report, benchmark, a, b, unit, tolerance)
                if found == verdicts.LEAD:
                    winner, loser = (i, j) if better == a.name else (j, i)
                    wins[winner] += 1
                    losses[loser] += 1
        for i in range(n):
            low[i] += Fraction(wins[i], n - 1)
            high[i] += Fraction(n - 1 - losses[i], n - 1)
    k = max(len(columns), 1)
    return [(100 * lo / k, 100 * hi / k) for lo, hi in zip(low, high)]


SMALL = 200  # up to this many ranked models, pairwise verdicts (n squared); beyond, sorted counting


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
