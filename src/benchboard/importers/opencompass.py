"""OpenCompass summary CSV: ``dataset,version,metric,mode,<model>...`` with "-" for missing."""

from __future__ import annotations

import csv
import fnmatch
import io

from benchboard.importers.common import ImportError_, LOWER_IS_BETTER, Options, Run, TaskScore, number

HARNESS = "OpenCompass"


def looks_like(text: str) -> bool:
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return [c.strip() for c in first.split(",")[:4]] == ["dataset", "version", "metric", "mode"]


def read(text: str, path: str, options: Options) -> list[Run]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [c.strip() for c in rows[0]]
    models = header[4:]
    if not models:
        raise ImportError_(f"{path}: no model columns after dataset,version,metric,mode")
    runs = [Run(path, HARNESS, None, name) for name in models]
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], 2):
        if not row or not row[0].strip() or row[0].startswith("-"):
            continue  # blank lines and "----" section separators
        if len(row) < len(header):
            raise ImportError_(f"{path}:{line}: {len(row)} columns, the header has {len(header)}")
        dataset, version, metric, mode = (c.strip() for c in row[:4])
        if options.tasks and not any(fnmatch.fnmatchcase(dataset, p) for p in options.tasks):
            continue
        wanted = options.task_metric.get(dataset) or options.metric
        if wanted and metric != wanted:
            continue
        if dataset in seen:
            continue  # several metrics of one dataset: the first (or the chosen) one
        seen.add(dataset)
        for run, cell in zip(runs, row[4:]):
            value = number(cell.strip())
            if value is None:
                continue  # "-": no score
            run.scores.append(TaskScore(dataset, dataset, metric, value, None, None, metric not in LOWER_IS_BETTER))
            run.settings = {"mode": mode, "version": version}
    return runs
