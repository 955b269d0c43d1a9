"""Tables: the per-report data table and the site-wide leaderboard (pure functions).

Means are taken only over higher-is-better columns, because averaging an error rate with an
accuracy is meaningless; coverage says how many columns a mean rests on, and only the models
with the widest coverage are ranked, so a model with one lucky score is never ranked above one
measured everywhere, and means over different columns are never ranked against each other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from benchboard.model import Benchmark, Model, Report, Score, Site, format_number


@dataclass(frozen=True)
class Cell:
    display: str  # "—" when missing
    value: float | None
    best: bool = False
    stderr: str | None = None  # formatted standard error, when given


@dataclass(frozen=True)
class Row:
    name: str
    family: str | None
    params: str | None
    cells: tuple[Cell, ...]
    mean: Cell
    coverage: tuple[int, int]  # (columns with a score, columns counted in the mean)
    rank: str  # "1", "=2"


@dataclass(frozen=True)
class Column:
    report: Report | None
    benchmark: Benchmark


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    mean_note: str | None  # why some columns are left out of the mean, if they are
    precision: int


MISSING = "—"


def best_values(report: Report, benchmark: Benchmark) -> set[str]:
    """Displayed value(s) that are best on a benchmark: ties at the shown precision all count."""
    shown = [m.scores[benchmark.name].shown for m in report.models if benchmark.name in m.scores]
    if not shown:
        return set()
    best = max(shown) if benchmark.higher_is_better else min(shown)
    return {report.fmt(best)}


def mean_score(model: Model, columns: list[Benchmark]) -> tuple[float | None, int, int]:
    """Mean over the higher-is-better columns the model has, with (scored, counted) coverage."""
    counted = [b for b in columns if b.higher_is_better]
    values = [model.scores[b.name].shown for b in counted if b.name in model.scores]
    mean = sum(values) / len(values) if values else None
    return mean, len(values), len(counted)


def report_table(report: Report) -> Table:
    columns = [Column(report, b) for b in report.benchmarks]
    best = {b.name: best_values(report, b) for b in report.benchmarks}
    rows = []
    for model in report.models:
        cells = []
        for benchmark in report.benchmarks:
            score = model.scores.get(benchmark.name)
            if score is None:
                cells.append(Cell(MISSING, None))
            else:
                stderr = report.fmt(score.stderr) if score.stderr is not None else None
                cells.append(Cell(score.display, score.shown, score.display in best[benchmark.name], stderr))
        mean, scored, counted = mean_score(model, list(report.benchmarks))
        rows.append((model, cells, mean, scored, counted))
    return _ranked(columns, rows, report.precision, _mean_note(list(report.benchmarks)))


MAX_COLUMNS = 40  # beyond this many benchmark columns, a report becomes one column (its mean)


def site_leaderboard(site: Site) -> Table:
    """Every model of every report, matched by exact name; a column per (report, benchmark).

    A site with more benchmark columns than fit on a screen gets one column per report instead:
    each model's mean on that report, so the table stays readable (and cheap to render).
    """
    total = sum(len(r.benchmarks) for r in site.reports)
    if total > MAX_COLUMNS:
        collapsed = replace(site, reports=tuple(_collapse(r) for r in site.reports))
        table = _site_table(collapsed)
        note = (f"With {total:,} benchmarks, each report is one column: a model's mean over that report's "
                "higher-is-better benchmarks; its report page has every score.")
        return replace(table, mean_note=note + (f" {table.mean_note}" if table.mean_note else ""))
    return _site_table(site)


def _collapse(report: Report) -> Report:
    counted = [b for b in report.benchmarks if b.higher_is_better]
    column = Benchmark(name="Mean", metric=f"{len(counted)} benchmark{'s' if len(counted) != 1 else ''}")
    models = []
    for model in report.models:
        mean, scored, _ = mean_score(model, list(report.benchmarks))
        scores = {} if mean is None else {"Mean": Score(mean, report.fmt(mean))}
        models.append(replace(model, scores=scores))
    return replace(report, benchmarks=(column,), models=tuple(models))


def _site_table(site: Site) -> Table:
    columns = [Column(r, b) for r in site.reports for b in r.benchmarks]
    precision = max((r.precision for r in site.reports), default=1)
    order: list[str] = []
    found: dict[str, dict[tuple[str, str], tuple[Report, Model]]] = {}
    attrs: dict[str, Model] = {}
    for report in site.reports:
        for model in report.models:
            if model.name not in found:
                order.append(model.name)
                found[model.name] = {}
                attrs[model.name] = model
            for benchmark in report.benchmarks:
                found[model.name][(report.slug, benchmark.name)] = (report, model)
    best = {(c.report.slug, c.benchmark.name): best_values(c.report, c.benchmark) for c in columns}
    rows = []
    for name in order:
        cells, values = [], []
        for column in columns:
            key = (column.report.slug, column.benchmark.name)
            hit = found[name].get(key)
            score = hit[1].scores.get(column.benchmark.name) if hit else None
            if score is None:
                cells.append(Cell(MISSING, None))
                continue
            cells.append(Cell(score.display, score.shown, score.display in best[key]))
            if column.benchmark.higher_is_better:
                values.append(score.shown)
        counted = sum(1 for c in columns if c.benchmark.higher_is_better)
        mean = sum(values) / len(values) if values else None
        rows.append((attrs[name], cells, mean, len(values), counted))
    table = _ranked(columns, rows, precision, _mean_note([c.benchmark for c in columns]))
    by_rank = sorted(table.rows, key=lambda r: (r.rank == MISSING, -r.coverage[0], r.mean.value is None, -(r.mean.value or 0.0)))
    return Table(table.columns, tuple(by_rank), table.mean_note, table.precision)


def _mean_note(benchmarks: list[Benchmark]) -> str | None:
    lower = [b.name for b in benchmarks if not b.higher_is_better]
    if not lower:
        return None
    if len(lower) == len(benchmarks):
        return "Every benchmark here is lower-is-better, so no mean is shown."
    return "The mean leaves out lower-is-better benchmarks (" + ", ".join(lower) + ")."


def _ranked(columns, rows, precision: int, mean_note: str | None) -> Table:
    """Rank by mean only among the models with the widest coverage: a mean over one lucky
    column is not comparable with a mean over ten, so such models are listed, not ranked."""
    shown_means = [format_number(r[2], precision) if r[2] is not None else None for r in rows]
    covered = [
        frozenset(i for i, (cell, column) in enumerate(zip(r[1], columns)) if cell.value is not None and column.benchmark.higher_is_better)
        for r in rows
    ]
    # Means are comparable only over the same columns: rank the models sharing the widest
    # set (the most common one if several are equally wide), list the rest unranked.
    counts = Counter(c for c, m in zip(covered, shown_means) if m is not None)
    widest = max(counts, key=lambda c: (len(c), counts[c]), default=frozenset())
    ranked = [m is not None and c == widest for c, m in zip(covered, shown_means)]
    ranked_values = sorted({float(m) for m, ok in zip(shown_means, ranked) if ok}, reverse=True)
    position = {}
    count = 0
    for value in ranked_values:
        ties = sum(1 for m, ok in zip(shown_means, ranked) if ok and float(m) == value)
        position[value] = (count + 1, ties > 1)
        count += ties
    top = ranked_values[0] if ranked_values else None
    result = []
    for (model, cells, mean, scored, counted), shown, ok in zip(rows, shown_means, ranked):
        if shown is None:
            rank = MISSING
            mean_cell = Cell(MISSING, None)
        elif not ok:
            rank = MISSING
            mean_cell = Cell(shown, float(shown), False)
        else:
            place, tied = position[float(shown)]
            rank = f"={place}" if tied else str(place)
            mean_cell = Cell(shown, float(shown), float(shown) == top)
        result.append(Row(model.name, model.family, model.params, tuple(cells), mean_cell, (scored, counted), rank))
    return Table(tuple(columns), tuple(result), mean_note, precision)
