"""Tables: the per-report data table, and the cells, rows and columns boards.py shares.

The Mean averages only higher-is-better columns of one unit, because averaging an error rate
with an accuracy, or an Elo with a percentage, is meaningless; where no column qualifies no
mean is computed (and a report's own board, boards.py, ranks by mean win rate instead).
Coverage counts a model's scores over all the columns; the note says what the mean is over. A report's table
ranks nothing (its board, on the index, does); every model name links to the model's page,
every score carries its provenance, a column run under different settings says what differs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from benchboard.analyse import provenance, ranks

from benchboard.load import units
from benchboard.model import Benchmark, Model, Report, nonzero_half_up
from benchboard.analyse.stats import half_up


@dataclass(frozen=True)
class Cell:
    display: str  # "—" when missing
    value: float | None
    best: bool = False
    stderr: str | None = None  # formatted standard error, when given
    source: provenance.Provenance | None = None  # shown as a disclosure when it says more than the file
    contamination: provenance.Contamination | None = None  # why the score is marked †
    absent: str = "no score"  # what "—" means to a screen reader, when value is None


@dataclass(frozen=True)
class Row:
    name: str
    family: str | None
    params: str | None
    cells: tuple[Cell, ...]
    mean: Cell
    coverage: tuple[int, int]  # (columns with a score, all columns)
    rank: str  # "1", "2–4" (a tie class), "—" (not ranked)
    slug: str | None = None  # the model's page, models/SLUG/
    source: provenance.Provenance | None = None  # the row's run, when one report gives every cell


@dataclass(frozen=True)
class Column:
    report: Report | None
    benchmark: Benchmark
    mixed: tuple[str, ...] = ()  # settings that differ between the runs behind this column
    slug: str | None = None  # the benchmark's page, benchmarks/SLUG/ (set on boards)


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    mean_note: dict | None  # what the mean is over, or why none is shown (mean_columns; worded by text/mean_note.txt)
    precision: int


MISSING = "—"
NOT_COMPUTED = "not computed"


def stderr_text(report: Report, score, benchmark: Benchmark) -> str | None:
    """A score's standard error as shown ("±0.4", at its column's precision, with more decimals
    where that would show 0: "±0.01"), or None: a stderr of 0 is no estimate (one sample, as
    harnesses write it), never "±0"."""
    return nonzero_half_up(score.stderr, report.decimals(benchmark)) if score.stderr else None


def best_values(report: Report, benchmark: Benchmark) -> set[str]:
    """Displayed value(s) that are best on a benchmark: ties at the shown precision all count;
    none where one model alone has a score (the best of one says nothing: a one-model report
    had ★ "best" on every cell)."""
    shown = [m.scores[benchmark.name].shown for m in report.models if benchmark.name in m.scores]
    if len(shown) < 2:
        return set()
    best = max(shown) if benchmark.higher_is_better else min(shown)
    return {report.fmt(best, benchmark)}


def mean_columns(report: Report) -> tuple[list[Benchmark], dict | None]:
    """The columns the Mean averages (the higher-is-better columns, when they share one unit),
    and the facts of what it is over or why there is none, for templates/text/mean_note.txt."""
    unit_of = units.units(report)
    higher = [b for b in report.benchmarks if b.higher_is_better]
    lower = [b.name for b in report.benchmarks if not b.higher_is_better]
    note = {"units": [], "higher": [b.name for b in higher], "lower": lower, "benchmarks": len(report.benchmarks)}
    if len({unit_of[b.name].same_as for b in higher}) > 1:
        return [], {**note, "case": "units", "units": list(dict.fromkeys(unit_of[b.name].name for b in higher))}
    if not higher:
        return [], {**note, "case": "lower_only"} if lower else None
    return higher, {**note, "case": "some_lower" if lower else "one_unit"}


def mean_score(model: Model, columns: list[Benchmark]) -> tuple[Fraction | None, int, int]:
    """Exact mean of the shown values over the given columns the model has, with (scored,
    counted) coverage: exact so that two means of x.x5 round half up as the text says."""
    values = [Fraction(Decimal(model.scores[b.name].display)) for b in columns if b.name in model.scores]
    mean = sum(values) / len(values) if values else None
    return mean, len(values), len(columns)


def report_table(report: Report) -> Table:
    runs = [provenance.of(report, m) for m in report.models]
    columns = [
        Column(report, b, provenance.differences([run for run, m in zip(runs, report.models) if b.name in m.scores]))
        for b in report.benchmarks
    ]
    best = {b.name: best_values(report, b) for b in report.benchmarks}
    averaged, note = mean_columns(report)
    rows = []
    for model in report.models:
        cells = []
        for benchmark in report.benchmarks:
            score = model.scores.get(benchmark.name)
            if score is None:
                cells.append(Cell(MISSING, None))
            else:
                cells.append(Cell(score.display, score.shown, score.display in best[benchmark.name], stderr_text(report, score, benchmark),
                                  contamination=provenance.contamination(model, benchmark)))
        mean, _, _ = mean_score(model, averaged)
        scored = sum(b.name in model.scores for b in report.benchmarks)
        rows.append((model, cells, mean, scored, len(report.benchmarks)))
    # the mean at the most decimals of the columns it averages (the report's when it has none)
    table = _ranked(columns, rows, report.decimals_over(averaged) if averaged else report.precision, note, {b.name for b in averaged}, bool(averaged))
    sourced = [replace(row, source=run if run.detailed else None) for row, run in zip(table.rows, runs)]
    return Table(table.columns, tuple(sourced), table.mean_note, table.precision)


def _ranked(columns, rows, precision: int, mean_note: dict | None, averaged: set[str], computed: bool = True) -> Table:
    """Rank by mean only among the models with the widest coverage: a mean over one lucky
    column is not comparable with a mean over ten, so such models are listed, not ranked."""
    shown_means = [half_up(r[2], precision) if r[2] is not None else None for r in rows]
    covered = [
        frozenset(i for i, (cell, column) in enumerate(zip(r[1], columns)) if cell.value is not None and column.benchmark.name in averaged)
        for r in rows
    ]
    # Means are comparable only over the same columns: rank the models sharing the widest
    # set (the most common one if several are equally wide), list the rest unranked.
    counts = Counter(c for c, m in zip(covered, shown_means) if m is not None)
    widest = max(counts, key=lambda c: (len(c), counts[c]), default=frozenset())
    ranked = [m is not None and c == widest for c, m in zip(covered, shown_means)]
    ranked_at = [i for i, ok in enumerate(ranked) if ok]
    found = ranks.value_rank_intervals([float(shown_means[i]) for i in ranked_at])  # the one rank routine
    position = dict(zip(ranked_at, found))
    top = max((float(shown_means[i]) for i in ranked_at), default=None)
    result = []
    for index, ((model, cells, mean, scored, counted), shown, ok) in enumerate(zip(rows, shown_means, ranked)):
        if shown is None:
            rank = MISSING
            mean_cell = Cell(MISSING, None, absent="no score" if computed and scored == 0 else NOT_COMPUTED)
        elif not ok:
            rank = MISSING
            mean_cell = Cell(shown, float(shown), False)
        else:
            rank = ranks.rank_text(*position[index])  # by shown means only: a tie class such as "2–3"
            mean_cell = Cell(shown, float(shown), float(shown) == top and len(ranked_at) > 1)
        result.append(Row(model.name, model.family, model.params, tuple(cells), mean_cell, (scored, counted), rank, model.slug))
    return Table(tuple(columns), tuple(result), mean_note, precision)
