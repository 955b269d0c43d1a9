"""OpenCompass summaries (``outputs/.../summary/summary_TIMESTAMP.csv``, ``.txt``, ``.md``) and
per-dataset results (``outputs/.../results/MODEL/DATASET.json``).

Layout, as OpenCompass's default summarizer writes it: a header ``dataset,version,metric,mode,
MODEL_ABBR...``, then one row per (dataset, metric) with scores already in percent and two
decimals; ``-`` is a missing score. A row whose metric is ``-`` (a dataset not evaluated, or a
section separator such as ``--------- Exam ---------``) is skipped. A dataset listed with
several metrics (``mmlu`` with ``naive_average`` and ``weighted_average``) is imported with its
first metric, OpenCompass's own default; ``--metric mmlu=weighted_average`` picks another.
One file holds every model: each model column becomes one run.

The ``.txt`` summary holds the same table in a "csv format" section (read from there, with line
numbers of the .txt); the ``.md`` summary holds it as a Markdown table. A cell may carry counts,
``82.00 (7/8)``: the value, with ``n`` the denominator. Model columns are OpenCompass's model
abbreviations; one it made up itself (``opencompass.models.huggingface.HuggingFace_org_model``:
the model class, then the last two parts of the model path) is shown as the model (``model``,
or ``org/model`` with --keep-org).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import (
    GENERIC_PART,
    LOWER_IS_BETTER,
    STORAGE_FOLDER,
    ImportProblem,
    Options,
    Run,
    TaskScore,
    metric_for,
    metric_kind,
    number,
    short_model_name,
)

name = "opencompass"
HARNESS = harness = "OpenCompass"
HEADER = ["dataset", "version", "metric", "mode"]
WITH_COUNTS = re.compile(r"(-?\d+(?:\.\d+)?)\s*\((\d+)\s*/\s*(\d+)\)")
MADE_UP_ABBR = re.compile(r"(?:[A-Za-z_]\w*\.)+[A-Za-z][A-Za-z0-9]*_(.+)")  # module.Class_PATH
SECTION = re.compile(r"^(csv|markdown) format\n\^+\n(.*?)\n\$+$", re.MULTILINE | re.DOTALL)
RESULT_EXTRA_KEYS = ("details", "type")
RESULT_METRICS = ("score", "rouge1", "rouge2", "rougeL", "bleu", "auc_score", "matthews_correlation", "truth", "extract_rate")  # keys beside the metrics in results/MODEL/DATASET.json


def looks_like(text: str) -> bool:
    lines = text.lstrip("\ufeff").strip().splitlines()
    return bool(lines) and [c.strip() for c in lines[0].split(",")[:4]] == HEADER


def table_of(text: str) -> tuple[str, int] | None:
    """The summary table as CSV text, and the line of the file it starts on (0-based offset)."""
    if looks_like(text):
        return text.lstrip("\ufeff"), 0
    sections = {m.group(1): m for m in SECTION.finditer(text)}
    if "csv" in sections and looks_like(sections["csv"].group(2)):
        found = sections["csv"]
        return found.group(2), text[: found.start(2)].count("\n")
    markdown = sections["markdown"].group(2) if "markdown" in sections else text
    lines = [(i, line) for i, line in enumerate(markdown.splitlines()) if line.strip().startswith("|")]
    if not lines:
        return None
    cells = [(i, [c.strip() for c in line.strip().strip("|").split("|")]) for i, line in lines]
    if cells[0][1][:4] != HEADER:
        return None
    rows = [c for _, c in cells if not all(set(x) <= set("-: ") for x in c)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    offset = text[: text.find(markdown)].count("\n") if "markdown" in sections else 0
    return out.getvalue(), offset + cells[0][0]


def result_scores(data) -> dict[str, float] | None:
    """results/MODEL/DATASET.json: metric -> value, or None when the JSON is not that: a flat
    object of numbers, at least one of them under a metric name OpenCompass uses."""
    if not isinstance(data, dict) or not data:
        return None
    metrics = {k: number(v) for k, v in data.items() if k not in RESULT_EXTRA_KEYS}
    if not metrics or any(v is None for v in metrics.values()):
        return None
    if not any(metric_kind(k) != "other" or k in RESULT_METRICS or k.endswith("average") for k in metrics):
        return None
    return metrics


PAIRWISE = re.compile(r"(.+)_vs_(.+)")


def pairwise_models(text: str) -> tuple[str, str] | None:
    """A subjective (pairwise judge) report.csv: header "A_vs_B,CATEGORY...", rows "METRIC_MODEL"."""
    first = next(csv.reader([text.lstrip("\ufeff").split("\n", 1)[0]]), [])
    found = PAIRWISE.fullmatch(first[0].strip()) if first else None
    return (found.group(1), found.group(2)) if found and len(first) > 1 else None


def can_read(path: Path) -> bool:
    if files.is_zip(path):
        return False
    text = files.text(path)
    if text is None:
        return False
    if text.lstrip()[:1] in ("{", "["):
        return result_scores(files.json_data(path)) is not None
    return table_of(text) is not None or pairwise_models(text) is not None


def unit_of(metric: str) -> str | None:
    """OpenCompass writes accuracies (and its averages of them) x100; other metrics as they are."""
    return "percent" if metric_kind(metric) != "other" or metric.endswith("average") else None


def readable(abbr: str, keep_org: bool) -> str:
    """ "opencompass.models.huggingface.HuggingFace_lesliehd_Mistral-7B" -> "Mistral-7B" (or lesliehd/Mistral-7B)."""
    found = MADE_UP_ABBR.fullmatch(abbr.strip())
    if not found:
        return abbr
    parts = found.group(1).split("_")
    if len(parts) == 1:
        return parts[0]
    # "PARENT_MODEL", where PARENT (a hub org, never with "_") or a local folder ("model_repos",
    # "hf_models": storage words, each skipped) is the path part above the model
    storage = 0
    while storage < len(parts) - 1 and (STORAGE_FOLDER.fullmatch(parts[storage]) or GENERIC_PART.fullmatch(parts[storage])
                                        or parts[storage].lower() in ("repo", "repos")):
        storage += 1
    if storage:  # a local folder: no organisation to keep
        return "_".join(parts[storage:])
    return f"{parts[0]}/{'_'.join(parts[1:])}" if keep_org else "_".join(parts[1:])


def read(path: Path, options: Options) -> list[Run]:
    text = files.text(path)
    if text is not None and text.lstrip()[:1] in ("{", "["):
        return [_read_result(path, options)]
    if text is not None and table_of(text) is None and pairwise_models(text) is not None:
        return read_pairwise(text, str(path), options)
    table = table_of(text or "")
    if table is None:
        raise ImportProblem(
            f"{path}: not an OpenCompass summary (its table should start dataset,version,metric,mode,MODEL...; "
            f"this is {files.describe(path)}; leave the format out to detect it)"
        )
    return read_table(table[0], str(path), options, table[1])


def _read_result(path: Path, options: Options) -> Run:
    """results/MODEL/DATASET.json: the model is the folder, the dataset the file name."""
    scores = result_scores(files.json_data(path))
    if scores is None:
        raise ImportProblem(f"{path}: not an OpenCompass results file (expected {{\"accuracy\": 70.5, ...}}; this is {files.describe(path)})")
    folder = path.parent.name
    if path.parent.parent.name != "results":
        options.notes.append(
            f"{path}: not inside results/MODEL/, so the model is named after its folder {folder!r} "
            "(give the name with --model-name)"
        )
    model = readable(folder, options.keep_org)
    if model != folder:
        options.notes.append(f"{path}: model {folder!r} is shown as {model!r}")
    run = Run(str(path), HARNESS, None, short_model_name(model, options.keep_org) if "/" in model and not options.keep_org else model)
    dataset = path.stem
    if path.parent.parent.name != "results" and "results_" in dataset:  # a copy named ..._results_DATASET.json
        dataset = dataset.rsplit("results_", 1)[1] or dataset
    if options.tasks and not options.wanted(dataset):
        return run
    metric = metric_for(dataset, list(scores), options, (), str(path))
    if metric:
        run.scores.append(TaskScore(dataset, dataset, metric, scores[metric], None, None, metric not in LOWER_IS_BETTER, unit_of(metric)))
    return run


def _places(cell: str) -> int | None:
    """The decimals a summary cell was rounded to ("70.52": 2): the summary rounds every score
    (its results JSON holds them at full precision); None for a number in exponent form."""
    text = cell.strip()
    if "e" in text.lower():
        return None
    return len(text.partition(".")[2])


def read_table(text: str, path: str, options: Options, offset: int = 0) -> list[Run]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [c.strip() for c in rows[0]]
    models = header[4:]
    if not models or any(not m for m in models):
        raise ImportProblem(f"{path}:{1 + offset}: expected model names after dataset,version,metric,mode (is this a summary_*.csv?)")
    shown = [readable(m, options.keep_org) for m in models]
    for abbr, model in zip(models, shown):
        if abbr != model:
            options.notes.append(f"{path}: model {abbr!r} (an abbreviation OpenCompass made up) is shown as {model!r}")
    runs = [Run(path, HARNESS, None, model) for model in shown]
    # dataset -> [(line, metric, mode, cells)] in file order
    datasets: dict[str, list[tuple[int, str, str, list[str]]]] = {}
    for line, row in enumerate(rows[1:], 2 + offset):
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
    modes: dict[str, set[str]] = {m: set() for m in shown}
    for dataset, entries in datasets.items():
        by_metric = {metric: (line, mode, cells) for line, metric, mode, cells in reversed(entries)}
        metric = metric_for(dataset, [m for _, m, _, _ in entries], options, (), path)
        if not metric:
            continue
        line, mode, cells = by_metric[metric]
        values, counts, places = [], [], []
        for cell in cells:
            counted = WITH_COUNTS.fullmatch(cell)
            values.append(number(counted.group(1)) if counted else number(cell))
            places.append(_places(counted.group(1) if counted else cell))
            counts.append(int(counted.group(3)) if counted and int(counted.group(3)) > 0 else None)
            if values[-1] is None and cell != "-":
                raise ImportProblem(
                    f"{path}:{line}: {dataset} has the score {cell!r}, not a number, a number with counts "
                    "like '82.00 (7/8)', or '-' (fix or remove the cell)"
                )
        for run, value, n, decimals in zip(runs, values, counts, places):
            if value is None:
                continue  # "-": this model has no score here, which is not 0
            run.scores.append(TaskScore(dataset, dataset, metric, value, None, n, metric not in LOWER_IS_BETTER, unit_of(metric),
                                        decimals=decimals))
            if mode and mode != "-":
                modes[run.model].add(mode)
    for run in runs:
        if modes[run.model]:
            run.settings = {"mode": ", ".join(sorted(modes[run.model]))}
    return runs


def read_pairwise(text: str, path: str, options: Options) -> list[Run]:
    """A pairwise report: each of the two models' win rate against the other, per category
    (``win_both``: wins in both answer orders; ``half_draw``: draws count half), in percent. It
    compares these two models only, so it does not mix with scores of other runs."""
    model_a, model_b = pairwise_models(text)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = [c.strip() for c in rows[0]]
    runs = {m: Run(path, HARNESS, None, m) for m in (model_a, model_b)}
    found: dict[str, dict[str, list[str]]] = {}  # category -> metric -> cells by model
    for line, row in enumerate(rows[1:], 2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != len(header):
            raise ImportProblem(f"{path}:{line}: {len(row)} columns where the header has {len(header)} (was the file edited by hand?)")
        label = row[0].strip()
        model = next((m for m in (model_a, model_b) if label.endswith("_" + m)), None)
        if model is None:
            raise ImportProblem(f"{path}:{line}: {label!r} names neither {model_a} nor {model_b} (expected METRIC_MODEL, e.g. win_both_{model_a})")
        metric = label[: -len(model) - 1]
        for category, cell in zip(header[1:], row[1:]):
            value = number(cell)
            if value is None and cell.strip() not in ("", "-"):
                raise ImportProblem(f"{path}:{line}: {category} of {label} is {cell!r}, not a number")
            found.setdefault(category, {}).setdefault(metric, {})[model] = value
    for category, metrics in found.items():
        if options.tasks and not options.wanted(category):
            continue
        available = [m for m, cells in metrics.items() if any(v is not None for v in cells.values())]
        for model, run in runs.items():
            metric = metric_for(category, [m for m in available if metrics[m].get(model) is not None], options, ("win_both", "half_draw"), path)
            if metric:
                run.scores.append(TaskScore(category, category, metric, metrics[metric][model], None, None, True, "percent", kind="ratio"))
    for run in runs.values():
        run.settings = {"compared_with": model_b if run.model == model_a else model_a, "mode": "pairwise (judge)"}
        run.warnings.append("a pairwise judge result: its win rates are against the other model of the pair only.")
    return list(runs.values())
