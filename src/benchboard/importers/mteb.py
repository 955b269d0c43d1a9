"""MTEB results JSON (``results/ORG__MODEL/REVISION/TASK.json``): one task, one model per file.

The score is the task's ``main_score`` on the split MTEB evaluates the task on: the first of the
task's ``eval_splits`` in MTEB's task metadata that the file has, for the tasks evaluated on no
``test`` split (``mteb_eval_splits.json``: MSMARCO on ``dev``); else ``test``, ``dev``,
``validation``, else the only split. It is averaged
over its subsets (languages) when there are several, as the MTEB leaderboard does, and shown
x100 as the leaderboard shows it. The metric is named after the field ``main_score`` equals
(``cosine_spearman`` for STS, ``ndcg_at_10`` for retrieval). These are correlations and ranking
scores, not shares of items: no ``n`` and no binomial margin, except for ``accuracy``, and
even then MTEB records no item count. The file does not name the model: it is the folder
``ORG__MODEL`` (above a revision folder, or a ``model_meta.json`` beside the file); for a file
named after its task in ``results/MODEL/`` or ``results/ORG/MODEL/`` (mteb before 1.11), the
model folder; else the part of the file name before ``_TASK.json``. Split keys such as
``test.full`` (MTEB 1.1) are their split. Files of MTEB before 1.11 (``mteb_dataset_name``, splits at
the top level, no ``main_score``) are read too: the main score is then the task's own where MTEB's
task metadata gives it one other than its type's (``mteb_main_scores.json``: BSARDRetrieval's
``recall_at_100``), else the task type's (``cos_sim.spearman``, ``ndcg_at_10``, ``accuracy``,
``v_measure``, ...), named as current files name it (``cosine_spearman``), so that old and new
files of one task share a column. What describes one task's score (its split, subsets, languages,
dataset revision) is recorded with that score (``TaskScore.settings``), never as the model's.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import ImportProblem, Options, Run, TaskScore, metric_for, number, short_model_name

name = "mteb"
harness = "MTEB"
SPLITS = ("test", "dev", "validation")
# Which field main_score is, when several fields hold the same number: the ones MTEB's task
# metadata names as main scores, in this order.
MAIN_FIELDS = (
    "cosine_spearman", "ndcg_at_10", "map", "accuracy", "v_measure", "ap", "max_ap", "f1", "spearman",
    "map_at_1000", "main_score",
)
REVISION = re.compile(r"[0-9a-f]{40}|no_revision_available|external", re.IGNORECASE)


# Files of MTEB before 1.11 ({"mteb_dataset_name": ..., "test": {"cos_sim": {"spearman": ...}}}):
# the main score is not written, so it is the task type's: first of these present.
# PairClassification: cos_sim.ap, what the MTEB leaderboard of that time showed (max.ap, the best
# of four similarity functions picked after the fact, is not it). BitextMining: f1 (MTEB's main
# score for it; its files carry accuracy too), told apart by its precision and recall.
LEGACY_MAIN = ("cos_sim.spearman", "cosine.spearman", "ndcg_at_10", "cos_sim.ap", "cosine.ap", "max.ap", "accuracy", "v_measure", "map", "f1")
BITEXT_FIELDS = ("f1", "precision", "recall", "accuracy")
# Folders that hold results but name no model (results/TASK.json).
NOT_A_MODEL = re.compile(r"results?|outputs?|mteb|mteb_results|evals?|evaluation|scores|tmp|data", re.IGNORECASE)
SIMILARITIES = ("cos_sim", "cosine", "euclidean", "manhattan", "dot", "dot_product", "max")
# MTEB 1.12 renamed the similarity blocks' scores: cos_sim.spearman is cosine_spearman,
# cos_sim.ap cosine_ap, dot.ap dot_ap, ...: one metric under two names, so old and new files
# of one task share a column (the MTEB leaderboard shows them as one).
CURRENT_SIMILARITY = {"cos_sim": "cosine", "cosine": "cosine", "euclidean": "euclidean", "manhattan": "manhattan",
                      "dot": "dot", "dot_product": "dot", "max": "max"}


def current_name(field: str) -> str:
    """ "cos_sim.spearman" (MTEB < 1.12) -> "cosine_spearman", the name current files use."""
    similarity, dot, score = field.partition(".")
    return f"{CURRENT_SIMILARITY[similarity]}_{score}" if dot and similarity in CURRENT_SIMILARITY else field


def split_name(key: str) -> str:
    """ "test.full" (MTEB 1.1 wrote split.subset keys for some tasks) -> "test"."""
    return str(key).split(".", 1)[0]


def looks_like(data) -> bool:
    return isinstance(data, dict) and (
        (isinstance(data.get("scores"), dict) and "task_name" in data)
        or ("mteb_dataset_name" in data and any(
            isinstance(v, dict) and split_name(k) in (*SPLITS, "train") for k, v in data.items()))
    )


@functools.lru_cache(maxsize=1)
def task_main_scores() -> dict[str, str]:
    """Tasks whose own main_score is not their type's (BSARDRetrieval: recall_at_100), from MTEB's
    task metadata (``mteb_main_scores.json``, its source and commit inside)."""
    table = Path(__file__).with_name("mteb_main_scores.json")
    return json.loads(table.read_text(encoding="utf-8"))["tasks"]


@functools.lru_cache(maxsize=1)
def task_eval_splits() -> dict[str, list[str]]:
    """Tasks MTEB evaluates on no ``test`` split (MSMARCO: ["dev"]), from MTEB's task metadata
    (``mteb_eval_splits.json``, its source and commit inside)."""
    table = Path(__file__).with_name("mteb_eval_splits.json")
    return json.loads(table.read_text(encoding="utf-8"))["tasks"]


def eval_split(task: str, splits) -> tuple[str, str | None]:
    """The split a task's score is taken from, and what MTEB evaluates it on when the file lacks
    that: the first of the task's own eval_splits the file has (MSMARCO: dev), else test, dev,
    validation, else the first."""
    own = list(dict.fromkeys(split_name(s) for s in task_eval_splits().get(task, ())))
    found = next((s for s in own if s in splits), None)
    if found is not None:
        return found, None
    return next((s for s in SPLITS if s in splits), next(iter(splits))), ", ".join(own) or None


def legacy_main(flat: dict[str, float], task: str = "") -> str | None:
    """The main score of an old file's split: the task's own when MTEB's metadata gives it one
    other than its type's and the file has it, else BitextMining's f1, else the task type's."""
    own = task_main_scores().get(task)
    if own:
        field = next((f for f in flat if f == own or current_name(f) == own), None)
        if field is not None:
            return field
    if all(f in flat for f in BITEXT_FIELDS) and not any(k.startswith(SIMILARITIES) for k in flat):
        return "f1"
    return next((f for f in LEGACY_MAIN if f in flat), None)


def _flat(entry: dict) -> dict[str, float]:
    """{"cos_sim": {"spearman": x}, "accuracy": y} -> {"cos_sim.spearman": x, "accuracy": y}."""
    out = {}
    for key, value in entry.items():
        if isinstance(value, dict) and key in SIMILARITIES:
            out.update({f"{key}.{k}": number(v) for k, v in value.items() if number(v) is not None})
        elif number(value) is not None and key != "evaluation_time":
            out[key] = number(value)
    return out


def legacy_as_current(data: dict) -> dict:
    """An old layout in the current one: per split, a list of subsets with main_score."""
    scores = {}
    for split, entry in data.items():
        if not isinstance(entry, dict) or split in ("dataset_revision", "mteb_dataset_name", "mteb_version"):
            continue
        subsets = {k: v for k, v in entry.items() if isinstance(v, dict) and k not in SIMILARITIES}
        parts = subsets.items() if subsets else [("default", entry)]
        rows = []
        for subset, values in parts:
            flat = _flat(values)
            main = legacy_main(flat, str(data.get("mteb_dataset_name") or ""))
            if main is not None:
                rows.append({"hf_subset": subset, "main_score": flat[main], main: flat[main]})
        if rows:
            scores[split_name(split)] = rows  # "test.full" is the test split (its "full" subset)
    return {"task_name": data.get("mteb_dataset_name"), "mteb_version": data.get("mteb_version"),
            "dataset_revision": data.get("dataset_revision"), "scores": scores}


def can_read(path: Path) -> bool:
    return looks_like(files.json_data(path))


def _value(raw) -> float | None:
    if isinstance(raw, list) and raw:  # older files: [value, 0.0]
        raw = raw[0]
    return number(raw)


def model_of(path: Path, task: str, options: Options) -> str:
    meta = path.parent / "model_meta.json"
    if meta.is_file() and meta.stat().st_size < 1_000_000:
        data = files.json_data(meta)
        if isinstance(data, dict) and isinstance(data.get("name"), str) and data["name"].strip():
            return short_model_name(data["name"], options.keep_org)
    folder = path.parent
    if REVISION.fullmatch(folder.name):  # results/ORG__MODEL/REVISION/TASK.json (mteb 1.11+)
        folder = folder.parent
    if "__" in folder.name:
        return short_model_name(folder.name.replace("__", "/", 1), options.keep_org)
    # results/MODEL/TASK.json or results/ORG/MODEL/TASK.json (mteb before 1.11, output_folder=
    # results/MODEL): a file named after its task is named after its model by its folder, and
    # every file in one model folder is that one model.
    if path.stem == task and folder.name and not NOT_A_MODEL.fullmatch(folder.name):
        org = folder.parent.name
        if options.keep_org and org and not NOT_A_MODEL.fullmatch(org) and NOT_A_MODEL.fullmatch(folder.parent.parent.name or ""):
            return f"{org}/{folder.name}"
        return folder.name
    suffix = f"_{task}"
    if path.stem.endswith(suffix) and len(path.stem) > len(suffix):
        options.notes.append(f"{path}: MTEB files do not name the model; taken from the file name: {path.stem[: -len(suffix)]!r}")
        return path.stem[: -len(suffix)]
    options.notes.append(f"{path}: MTEB files do not name the model, and neither do its folders; give it with --model-name")
    return "model"


def read(path: Path, options: Options) -> list[Run]:
    data = files.json_object(path)
    if not looks_like(data):
        raise ImportProblem(f"{path}: not an MTEB results file (expected task_name and scores; this is {files.describe(path)})")
    if "scores" not in data:
        data = legacy_as_current(data)
    task = str(data["task_name"])
    version = data.get("mteb_version")
    run = Run(str(path), harness, str(version) if version else None, model_of(path, task, options))
    if options.tasks and not options.wanted(task):
        return [run]
    splits = {split_name(k): v for k, v in data["scores"].items() if isinstance(v, list) and v}
    if not splits:
        raise ImportProblem(f"{path}: no scores in any split (was the evaluation interrupted?)")
    split, missing = eval_split(task, splits)
    subsets = [s for s in splits[split] if isinstance(s, dict)]
    main = [_value(s.get("main_score")) for s in subsets]
    if not subsets or any(v is None for v in main):
        raise ImportProblem(f"{path}: scores.{split} has a subset without a numeric main_score (is the file complete?)")
    first = subsets[0]
    equal = [k for k, v in first.items() if k != "main_score" and _value(v) == main[0]]
    bitext = "f1" in equal and all(f in first for f in ("precision", "recall"))  # BitextMining: f1
    field = "f1" if bitext else next((f for f in (*MAIN_FIELDS, *LEGACY_MAIN) if f in equal), equal[0] if equal else "main_score")
    field = current_name(field)
    # Every other metric every subset gives is offered too (--metric, and the agreement of several
    # files on one column: a current file's max_ap beside an old file's cosine_ap, which the
    # current file also holds), the main score's field first.
    raw = {current_name(k): k for k in first if k not in ("main_score", "hf_subset")
           and all(_value(s.get(k)) is not None for s in subsets)}
    metric = metric_for(task, [field, *(m for m in raw if m != field)], options, (field,), str(path))
    if not metric:
        return [run]
    chosen = main if metric == field else [_value(s[raw[metric]]) for s in subsets]
    value = sum(chosen) / len(chosen)
    if missing:
        run.warnings.append(f"{task} was imported from the {split} split: MTEB evaluates it on {missing}, which the file does not hold.")
    if len(splits) > 1:
        why = " (the split MTEB evaluates it on)" if split in task_eval_splits().get(task, ()) else ""
        options.notes.append(f"{path}: {task} has the splits {', '.join(splits)}; imported {split}{why}")
    languages = sorted({lang for s in subsets for lang in (s.get("languages") or []) if isinstance(lang, str)})
    named = [str(s.get("hf_subset")) for s in subsets if s.get("hf_subset") not in (None, "", "default")]
    run.scores.append(TaskScore(
        task=task,
        name=task,
        metric=metric,
        value=value,
        higher_is_better=True,
        unit="fraction",
        kind="proportion" if metric == "accuracy" else "other",
        note=f"mean of {'main_score' if metric == field else metric} over {len(chosen)} subsets" if len(chosen) > 1 else None,
        subsets=_subset_list(subsets),
        settings={k: v for k, v in {
            "split": split,
            "subsets": ", ".join(named),
            "languages": ", ".join(languages[:20]) + (", ..." if len(languages) > 20 else ""),
            "dataset_revision": str(data.get("dataset_revision") or "")[:12],
        }.items() if v},
    ))
    return [run]


def _subset_list(subsets: list[dict]) -> str:
    """The subsets a task's mean is over, sorted so that two runs of the same ones compare equal."""
    names = sorted(str(s.get("hf_subset") or "default") for s in subsets)
    return ", ".join(names[:8]) + (f", ... ({len(names)} in all)" if len(names) > 8 else "")
