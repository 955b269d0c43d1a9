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
``OUTPUT/ANNOTATOR/``, by its folder, whatever the annotator is called, unless the folder is
one of the file's models and no annotator config (older alpaca_eval wrote
``OUTPUT/leaderboard.csv``, OUTPUT named after the evaluated model): the judge is then unknown.
A row on well fewer than the 805 instructions is a limited run (a warning).

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


def judge_of(path: Path, models: set[str] = frozenset()) -> str:
    """The annotator a leaderboard is of: the file's name, or the folder alpaca_eval wrote it in.

    alpaca_eval writes OUTPUT/ANNOTATOR/leaderboard.csv; before the annotator folder was added,
    OUTPUT/leaderboard.csv, OUTPUT being named after the evaluated model (results/ultralm-13b/).
    A folder that is one of the file's models is therefore not taken as the judge, unless it is
    one of alpaca_eval's annotator configs (gpt4 is both)."""
    stem = path.stem.removesuffix("_leaderboard")
    if stem != "leaderboard":
        return stem
    folder = path.parent.name  # alpaca_eval's OUTPUT/ANNOTATOR/, whatever the annotator's name
    if not folder or folder in (".", "..") or (folder in models and not is_annotator(folder)):
        return ""
    return folder


# alpaca_eval's annotator configs (src/alpaca_eval/evaluators_configs/) whose names are not
# recognisable by the pattern below; some are also models on its leaderboards.
ANNOTATORS = frozenset({
    "aviary", "aviary_2", "aviary_gpt4", "chatgpt", "claude", "claude_2", "cohere", "falcon_40b_instruct", "gpt4",
    "gpt4_b1", "gpt4_b5", "gpt4_clf_cot_turbo", "gpt4_clf_turbo", "guanaco_33b", "improved_aviary_gpt4", "llama_2_70b",
    "llama_2_70b_chat", "llama_2_70b_chat_2", "lmsys", "lmsys_gpt4", "oasst_pythia_12b", "opt_125m",
    "stablelm_alpha_7b", "text_davinci_003", "Self-taught-llama3.1-70B-dpo",
})
ANNOTATOR_PATTERN = re.compile(r"(weighted_)?alpaca_eval\w*.*|alpaca_farm\w*|\w+_fn|\w+_ranking")
FULL_SET = 805  # AlpacaEval's instructions; a run on well fewer is a partial one
PARTIAL = 0.95  # n_total below this share of the set: a limited run (801-804 are routine unparsed annotations)


def is_annotator(name: str) -> bool:
    return name in ANNOTATORS or bool(ANNOTATOR_PATTERN.fullmatch(name))


def read(path: Path, options: Options) -> list[Run]:
    text = files.text(path) or ""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [c.strip() for c in rows[0]] if rows else []
    if "win_rate" not in header:
        raise ImportProblem(f"{path}: not an AlpacaEval leaderboard (expected a header with win_rate; this is {files.describe(path)})")
    body = [(line, row) for line, row in enumerate(rows[1:], 2) if row and "".join(row).strip()]
    column = _model_column(header, [row for _, row in body])
    models = {row[column].strip() for _, row in body if len(row) > column}
    stem = judge_of(path, models)
    if not stem and path.stem == "leaderboard" and path.parent.name in models:
        options.notes.append(f"{path}: the folder {path.parent.name!r} is a model of the file, not its judge (alpaca_eval "
                             "before its annotator sub-folders wrote OUTPUT/leaderboard.csv; its default judge then was "
                             "alpaca_eval_gpt4, AlpacaEval 1.0); the column is \"AlpacaEval\": name the judge with "
                             "--rename alpaca_eval=NAME if you know it, and import leaderboards of different judges apart")
    elif not stem:
        options.notes.append(f"{path}: the judge (annotator) is not named by the file or its folder; the column is "
                             "\"AlpacaEval\" (do not import leaderboards of different judges into one file)")
    _note_model_folder(path, models, stem, options)
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
        # The file is (a snapshot of) the shared leaderboard: the same row in another copy is one result.
        run = Run(str(path), harness, None, model, leaderboard=True)
        runs.append(run)
        metric = metric_for(task, available, options, preference, str(path), complete=every)
        metric = metric if number(cells.get(metric)) is not None else ""  # an empty cell: a missing score
        for m in available:
            cell = cells.get(m, "")
            if cell and number(cell) is None:
                raise ImportProblem(f"{path}:{line}: {m} of {model} is {cell!r}, not a number (fix the cell, or leave it empty)")
        if metric:
            kind = SCORES[metric]
            total = number(cells.get("n_total"))
            partial = bool(total) and total < PARTIAL * FULL_SET
            if partial:
                run.warnings.append(f"{shown} scored on {int(total)} of AlpacaEval's {FULL_SET} instructions (a limited run); "
                                    "the score is not comparable with full runs.")
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


def _note_model_folder(path: Path, models: set[str], judge: str, options: Options) -> None:
    """results/MODEL/ANNOTATOR/leaderboard.csv of one row: the folder may name the model better
    than the row does (Mistral-7B-LoRA-RAHF-DUAL, whose row says "mistral")."""
    folder = path.parent.parent.name if judge and path.stem == "leaderboard" else ""
    if len(models) == 1 and folder and folder not in models and folder not in (".", "..") and not is_annotator(folder):
        options.notes.append(f"{path}: the row names the model {next(iter(models))!r}, the folder above {folder!r}; "
                             f"give --model-name {folder} if that is the model")
