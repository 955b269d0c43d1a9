"""AlpacaEval leaderboard CSV (``leaderboards/.../<annotator>_leaderboard.csv``): many models,
one benchmark.

Header ``,win_rate,standard_error,...,n_total,...,avg_length,...``: the first (unnamed) column
is the model, ``win_rate`` the share of the ``n_total`` comparisons the model won against the
reference (draws count half), in percent, ``standard_error`` its standard error. A file re-saved
by pandas has its model column named ``Unnamed: 0`` (and perhaps a numeric index before it).

The judge is part of what the column measures: a gpt-3.5 judgement of 805 prompts and an
OASST-Pythia judgement of 19 are two benchmarks, never one column. The judge (annotator) is
named by the file (``alpaca_eval_gpt4_turbo_fn_leaderboard.csv`` -> "AlpacaEval
(gpt4_turbo_fn)"), or, for the ``leaderboard.csv`` that ``alpaca_eval`` writes into
``OUTPUT/ANNOTATOR/``, by its folder, whatever the annotator is called (``gpt35_turbo_instruct``
is a judge there, though it is also a model on the leaderboard).

The headline metric is the one AlpacaEval sorts its leaderboard by: the length-controlled win
rate (``length_controlled_winrate``, AlpacaEval 2.0) where every row of the file has it, else
``win_rate``; ``--metric`` picks another. The length-controlled rate is a model's estimate, not
a share of items: no ``n`` (its stderr from ``lc_standard_error``). An empty cell is a missing
score. The reference model's row (all its comparisons draws with itself, standard error 0) is
left out, with a note: its 50% is fixed by construction, and ``n`` would give it an interval.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import ImportProblem, Options, Run, TaskScore, item_count, metric_for, number, stderr_value

name = "alpacaeval"
harness = "AlpacaEval"
PREFERENCE = ("length_controlled_winrate", "win_rate", "discrete_win_rate")
SCORES = {"win_rate": "proportion", "length_controlled_winrate": "ratio", "discrete_win_rate": "proportion"}
# Leading columns that hold the model (or a pandas index): "", name, model, "Unnamed: 0".
MODEL_COLUMN = re.compile(r"|name|model|Unnamed: \d+")
STDERR = {"win_rate": "standard_error", "length_controlled_winrate": "lc_standard_error"}  # columns some files have


def _header(text: str) -> list[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return [c.strip() for c in next(csv.reader([first]), [])]


def can_read(path: Path) -> bool:
    if files.is_zip(path):
        return False
    text = files.text(path)
    if text is None or text.lstrip()[:1] in ("{", "["):
        return False
    header = _header(text)
    return len(header) > 2 and bool(MODEL_COLUMN.fullmatch(header[0])) and "win_rate" in header


def _model_column(header: list[str], rows: list[list[str]]) -> int:
    """The column of model names: the last of the leading unnamed columns whose cells are not
    all whole numbers (a pandas index re-saved beside the names is)."""
    leading = [i for i, _ in enumerate(header[: next((i for i, h in enumerate(header) if not MODEL_COLUMN.fullmatch(h)), 1)])]
    named = [i for i in leading if not all(re.fullmatch(r"\d+", r[i].strip()) for r in rows if len(r) > i and "".join(r).strip())]
    return named[-1] if named else 0


def judge_of(path: Path) -> str:
    """The annotator a leaderboard is of: the file's name, or the folder alpaca_eval wrote it in."""
    stem = path.stem.removesuffix("_leaderboard")
    if stem != "leaderboard":
        return stem
    folder = path.parent.name  # alpaca_eval's OUTPUT/ANNOTATOR/, whatever the annotator's name
    return folder if folder and folder not in (".", "..") else ""


def read(path: Path, options: Options) -> list[Run]:
    text = files.text(path) or ""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [c.strip() for c in rows[0]] if rows else []
    if "win_rate" not in header:
        raise ImportProblem(f"{path}: not an AlpacaEval leaderboard (expected a header with win_rate; this is {files.describe(path)})")
    body = [(line, row) for line, row in enumerate(rows[1:], 2) if row and "".join(row).strip()]
    column = _model_column(header, [row for _, row in body])
    stem = judge_of(path)
    if not stem:
        options.notes.append(f"{path}: the judge (annotator) is not named by the file or its folder; the column is "
                             "\"AlpacaEval\" (do not import leaderboards of different judges into one file)")
    task = stem or "alpaca_eval"
    judge = stem.removeprefix("alpaca_eval").strip("_")
    shown = f"AlpacaEval ({judge})" if judge else "AlpacaEval"
    runs = []
    if options.tasks and not options.wanted(task):
        return runs
    available = [m for m in PREFERENCE if m in header]
    # The headline metric is one for the whole file: the first that every row has a number for.
    every = [m for m in available if all(number(dict(zip(header, row)).get(m)) is not None for _, row in body
                                          if len(row) == len(header) and not _is_reference(dict(zip(header, row))))]
    preference = (*every, *[m for m in PREFERENCE if m not in every])
    _note_sparse_headline(path, header, body, available, every, column, options)
    seen = set()
    for line, row in body:
        if len(row) != len(header):
            raise ImportProblem(f"{path}:{line}: {len(row)} columns where the header has {len(header)} (was the file edited by hand?)")
        cells = dict(zip(header, (c.strip() for c in row)))
        model = row[column].strip()
        if not model:
            raise ImportProblem(f"{path}:{line}: a row without a model name in the first column (fix or remove the row)")
        if model in seen:
            raise ImportProblem(f"{path}:{line}: {model} is listed twice (keep one row per model)")
        seen.add(model)
        if _is_reference(cells):
            # The reference, judged against itself: every comparison a draw, 50% by construction.
            # A measured score would get an interval from n_total it does not have.
            options.notes.append(f"{path}:{line}: {model} is the reference the win rates are against (every comparison "
                                 "a draw with itself): its 50% is fixed by construction, not measured, so it is left out")
            continue
        run = Run(str(path), harness, None, model)
        runs.append(run)
        metric = metric_for(task, available, options, preference, str(path))
        metric = metric if number(cells.get(metric)) is not None else ""  # an empty cell: a missing score
        for m in available:
            cell = cells.get(m, "")
            if cell and number(cell) is None:
                raise ImportProblem(f"{path}:{line}: {m} of {model} is {cell!r}, not a number (fix the cell, or leave it empty)")
        if metric:
            kind = SCORES[metric]
            run.scores.append(TaskScore(
                task=task,
                name=shown,
                metric=metric,
                value=number(cells[metric]),
                stderr=stderr_value(cells.get(STDERR[metric]), f"{path}:{line}: {STDERR[metric]} of {model}") if metric in STDERR else None,
                n=item_count(number(cells.get("n_total")), f"{path}:{line}: n_total of {model}", options) if kind == "proportion" else None,
                unit="percent",
                kind=kind,
            ))
        run.settings = {k: v for k, v in {
            "leaderboard_mode": cells.get("mode", ""),
            "avg_length": cells.get("avg_length", ""),
        }.items() if v}
    return runs


def _is_reference(cells: dict) -> bool:
    """The reference, judged against itself: every comparison a draw, 50% by construction."""
    total, draws = number(cells.get("n_total")), number(cells.get("n_draws"))
    return bool(total) and draws == total and not number(cells.get("standard_error"))


def _note_sparse_headline(path: Path, header: list[str], body: list, available: list[str], every: list[str],
                          column: int, options: Options) -> None:
    """Say why a file with a length-controlled column imports win_rate: the rows whose cell is empty."""
    if not available or available[0] in every or not every:
        return
    empty = [row[column].strip() for _, row in body if len(row) == len(header) and not _is_reference(dict(zip(header, row)))
             and number(dict(zip(header, row)).get(available[0])) is None]
    shown = ", ".join(empty[:5]) + (f", ... ({len(empty)} in all)" if len(empty) > 5 else "")
    options.notes.append(f"{path}: {available[0]} is empty in {len(empty)} rows ({shown}), so the file's headline is {every[0]} "
                         f"(pick {available[0]} with --metric to import it where it is given)")
