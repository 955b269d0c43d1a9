"""OpenCompass summary CSV (``outputs/.../summary/summary_TIMESTAMP.csv``).

Layout, as OpenCompass's default summarizer writes it: a header ``dataset,version,metric,mode,
MODEL_ABBR...``, then one row per (dataset, metric) with scores already in percent and two
decimals; ``-`` is a missing score. A row whose metric is ``-`` (a dataset not evaluated, or a
section separator such as ``--------- Exam ---------``) is skipped. A dataset listed with
several metrics (``mmlu`` with ``naive_average`` and ``weighted_average``) is imported with its
first metric, OpenCompass's own default; ``--metric mmlu=weighted_average`` picks another.
One file holds every model: each model column becomes one run.
"""

from __future__ import annotations

import csv
import io

from benchboard.importers.common import LOWER_IS_BETTER, ImportProblem, Options, Run, TaskScore, metric_for, number

HARNESS = "OpenCompass"
HEADER = ["dataset", "version", "metric", "mode"]


def looks_like(text: str) -> bool:
    lines = text.lstrip("\ufeff").strip().splitlines()
    return bool(lines) and [c.strip() for c in lines[0].split(",")[:4]] == HEADER


def read(text: str, path: str, options: Options) -> list[Run]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [c.strip() for c in rows[0]]
    models = header[4:]
    if not models or any(not m for m in models):
        raise ImportProblem(f"{path}:1: expected model names after dataset,version,metric,mode (is this a summary_*.csv?)")
    runs = [Run(path, HARNESS, None, name) for name in models]
    # dataset -> [(line, metric, mode, cells)] in file order
    datasets: dict[str, list[tuple[int, str, str, list[str]]]] = {}
    for line, row in enumerate(rows[1:], 2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != len(header):
            raise ImportProblem(
                f"{path}:{line}: {len(row)} columns where the header has {len(header)} (was the file edited by hand?)"
            )
        dataset, _version, metric, mode = (c.strip() for c in row[:4])
        if not dataset or metric == "-" or dataset.startswith("-"):
            continue  # not evaluated, or a section separator
        if options.tasks and not options.wanted(dataset):
            continue
        datasets.setdefault(dataset, []).append((line, metric, mode, [c.strip() for c in row[4:]]))
    modes: dict[str, set[str]] = {m: set() for m in models}
    for dataset, entries in datasets.items():
        by_metric = {metric: (line, mode, cells) for line, metric, mode, cells in reversed(entries)}
        metric = metric_for(dataset, [m for _, m, _, _ in entries], options, (), path)
        if not metric:
            continue
        line, mode, cells = by_metric[metric]
        values = [number(c) for c in cells]
        for cell, value in zip(cells, values):
            if value is None and cell != "-":
                raise ImportProblem(f"{path}:{line}: {dataset} has the score {cell!r}, not a number or '-' (fix or remove the cell)")
        unit = "percent" if all(0 <= v <= 100 for v in values if v is not None) else None
        for run, value in zip(runs, values):
            if value is None:
                continue  # "-": this model has no score here, which is not 0
            run.scores.append(TaskScore(dataset, dataset, metric, value, None, None, metric not in LOWER_IS_BETTER, unit))
            if mode and mode != "-":
                modes[run.model].add(mode)
    for run in runs:
        if modes[run.model]:
            run.settings = {"mode": ", ".join(sorted(modes[run.model]))}
    return runs
