"""AlpacaEval leaderboard CSV (``leaderboards/.../<annotator>_leaderboard.csv``): many models,
one benchmark.

Header ``,win_rate,standard_error,...,n_total,...,avg_length,...``: the first (unnamed) column
is the model, ``win_rate`` the share of the ``n_total`` comparisons the model won against the
reference (draws count half), in percent, ``standard_error`` its standard error. The benchmark
is named after the file (the annotator: ``alpaca_eval_gpt4_turbo_fn`` -> "AlpacaEval
(gpt4_turbo_fn)"), or, for the ``leaderboard.csv`` that ``alpaca_eval`` writes into
``OUTPUT/ANNOTATOR/``, after its folder when that is an annotator's name, else "AlpacaEval"; ``--metric length_controlled_winrate`` picks AlpacaEval 2.0's headline
number instead, where the file has it (its stderr from ``lc_standard_error`` where the file
has that column; it is not a share of items, so no ``n``). An empty cell is a missing score.
The reference model's row (all its comparisons draws with itself, standard error 0) is left
out, with a note: its 50% is fixed by construction, and ``n`` would give it an interval.
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
PREFERENCE = ("win_rate", "length_controlled_winrate", "discrete_win_rate")
SCORES = {"win_rate": "proportion", "length_controlled_winrate": "ratio", "discrete_win_rate": "proportion"}
# A folder named after an annotator config (alpaca_eval_gpt4_turbo_fn, weighted_alpaca_eval_gpt4_turbo,
# chatgpt_fn, claude, ...), as opposed to one named after a model or a run.
ANNOTATOR = re.compile(r"alpaca_eval|alpaca_farm|_fn$|^(gpt4|claude|chatgpt|text_davinci_003|guanaco_33b|lmsys_gpt4|aviary_gpt4)$|_ranking$")
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
    return len(header) > 2 and header[0] in ("", "name", "model") and "win_rate" in header


def read(path: Path, options: Options) -> list[Run]:
    text = files.text(path) or ""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [c.strip() for c in rows[0]] if rows else []
    if "win_rate" not in header:
        raise ImportProblem(f"{path}: not an AlpacaEval leaderboard (expected a header with win_rate; this is {files.describe(path)})")
    stem = path.stem.removesuffix("_leaderboard")
    if stem == "leaderboard":  # what `alpaca_eval` writes: OUTPUT/ANNOTATOR/leaderboard.csv
        stem = path.parent.name if ANNOTATOR.search(path.parent.name) else ""
    task = stem or "alpaca_eval"
    judge = stem.removeprefix("alpaca_eval").strip("_")
    shown = f"AlpacaEval ({judge})" if judge else "AlpacaEval"
    runs = []
    if options.tasks and not options.wanted(task):
        return runs
    available = [m for m in PREFERENCE if m in header]
    seen = set()
    for line, row in enumerate(rows[1:], 2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != len(header):
            raise ImportProblem(f"{path}:{line}: {len(row)} columns where the header has {len(header)} (was the file edited by hand?)")
        cells = dict(zip(header, (c.strip() for c in row)))
        model = row[0].strip()
        if not model:
            raise ImportProblem(f"{path}:{line}: a row without a model name in the first column (fix or remove the row)")
        if model in seen:
            raise ImportProblem(f"{path}:{line}: {model} is listed twice (keep one row per model)")
        seen.add(model)
        total, draws = number(cells.get("n_total")), number(cells.get("n_draws"))
        if total and draws == total and not number(cells.get("standard_error")):
            # The reference, judged against itself: every comparison a draw, 50% by construction.
            # A measured score would get an interval from n_total it does not have.
            options.notes.append(f"{path}:{line}: {model} is the reference the win rates are against (every comparison "
                                 "a draw with itself): its 50% is fixed by construction, not measured, so it is left out")
            continue
        run = Run(str(path), harness, None, model)
        runs.append(run)
        present = [m for m in available if number(cells.get(m)) is not None]
        metric = metric_for(task, present, options, PREFERENCE, str(path))
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
