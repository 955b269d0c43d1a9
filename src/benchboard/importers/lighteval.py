"""lighteval results JSON: ``results`` keyed "suite|task|fewshot" plus an "all" row.

The "all" row (the mean over the file's tasks) is skipped unless it is the only row. The task
key is the middle part ("gsm8k"); ``--tasks``/``--metric``/``--rename`` accept it or the whole
key ("lighteval|gsm8k|0").
"""

from __future__ import annotations

import re
from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import (
    LOWER_IS_BETTER,
    Options,
    Run,
    TaskScore,
    hf_cache,
    item_count,
    local_model_note,
    mapping,
    metric_for,
    number,
    plain,
    revision_label,
    short_model_name,
    stderr_value,
)

name = "lighteval"
HARNESS = harness = "lighteval"
PREFERENCE = (
    "em", "quasi_exact_match", "exact_match", "extractive_match", "acc_norm", "acc", "pass@1", "maj@8", "f1",
    "mc2", "mc1", "prompt_level_strict_acc", "bleu",
)


def looks_like(data: dict) -> bool:
    results = data.get("results")
    return isinstance(results, dict) and isinstance(data.get("config_general"), dict) and any(
        "|" in k for k in results
    ) or (isinstance(results, dict) and list(results) == ["all"] and isinstance(data.get("config_general"), dict))


def preference_for(task: str) -> tuple[str, ...]:
    """The Open LLM Leaderboard (v1, run with lighteval) reported MMLU as acc and TruthfulQA as mc2."""
    if task.startswith(("hendrycksTest-", "mmlu")):
        return ("acc",) + PREFERENCE
    if task.startswith("truthfulqa"):
        return ("mc2",) + PREFERENCE
    return PREFERENCE


def can_read(path: Path) -> bool:
    data = files.json_data(path)
    return isinstance(data, dict) and looks_like(data)


def read(path: Path, options: Options) -> list[Run]:
    return [read_data(files.json_object(path), str(path), options)]


def read_data(data: dict, path: str, options: Options) -> Run:
    general = mapping(data.get("config_general"))
    tasks_config = mapping(data.get("config_tasks"))
    model_config = general.get("model_config") if isinstance(general.get("model_config"), dict) else {}
    model = general.get("model_name") or model_config.get("model_name") or model_config.get("pretrained") or "model"
    local_model_note(str(model), path, options)
    cache = hf_cache(str(model))
    model = short_model_name(str(model), options.keep_org)
    # A checkpoint of another revision is another model (its name says which): the revision
    # whole (v00.01-step-000001172 and v00.01-step-000002344 are two checkpoints), a commit
    # hash by its first 12 characters. A cache folder's hash is the revision main was at.
    revision = model_config.get("revision") or general.get("model_revision")
    if revision and str(revision) != "main":
        model += f" @ {revision_label(str(revision))}"
        options.notes.append(f"{path}: revision {revision!r} is a model of its own, named {model!r}")
    elif cache and cache[1]:
        revision = cache[1]
    sha = str(general.get("lighteval_sha") or "").strip()
    # lighteval writes "?" when it ran outside a git checkout: no version, not "sha ?"
    run = Run(path, HARNESS, f"sha {sha[:7]}" if re.fullmatch(r"[0-9a-f]{7,40}", sha) else None, model)
    results = {k: v for k, v in data["results"].items() if isinstance(v, dict)}
    keys = [k for k in results if k != "all"] or [k for k in results if k == "all"]
    shots: set[str] = set()
    for key in keys:
        parts = key.split("|")
        task = parts[1] if len(parts) >= 2 else key
        if options.tasks and not (options.wanted(key) or options.wanted(task)):
            continue
        row = results[key]
        available = [m for m, v in row.items() if not m.endswith("_stderr") and number(v) is not None]
        metric = metric_for(task, available, options, preference_for(task), path)
        if not metric:
            continue
        config_key = "|".join(parts[:2]) if tasks_config.get("|".join(parts[:2])) else key
        config = mapping(tasks_config.get(config_key))
        metric_configs = config.get("metric") or config.get("metrics") or []
        direction = next(
            (m.get("higher_is_better") for m in metric_configs
             if isinstance(m, dict) and m.get("metric_name") == metric and isinstance(m.get("higher_is_better"), bool)),
            None,
        )
        if direction is None:
            direction = metric not in LOWER_IS_BETTER
        # lighteval writes -1 routinely for "not counted": an unknown n, not a problem of the file.
        effective = item_count(config.get("effective_num_docs"), f'{path}: config_tasks."{config_key}".effective_num_docs', options, unknown=(-1,))
        original = config.get("original_num_docs")
        if effective is None or isinstance(original, bool) or not isinstance(original, int) or original < 1:
            original = None
        fewshot = parts[2] if len(parts) >= 3 else None
        if fewshot:
            shots.add(fewshot)
        run.scores.append(TaskScore(
            task=task,
            name=task,
            metric=metric,
            value=number(row[metric]),
            stderr=stderr_value(row.get(f"{metric}_stderr"), f'{path}: results."{key}".{metric}_stderr'),
            n=effective,
            higher_is_better=bool(direction),
            fewshot=fewshot,
            items_total=original if original is not None and original != effective else None,
        ))
    generation = general.get("generation_parameters") or model_config.get("generation_parameters")
    if isinstance(generation, dict):
        generation = {k: v for k, v in generation.items() if v is not None}
    settings = {
        "num_fewshot": ", ".join(sorted(shots, key=lambda s: (len(s), s))),
        "gen_kwargs": plain(generation) if generation else "",
        "max_samples": plain(general.get("max_samples")) if general.get("max_samples") is not None else "",
        "model_sha": str(general.get("model_sha") or model_config.get("model_sha") or ""),
        "revision": str(revision or ""),
        "dtype": plain(general.get("model_dtype") or model_config.get("dtype") or ""),
        "chat_template": (("applied" if model_config.get("use_chat_template") else "not applied")
                          if isinstance(model_config.get("use_chat_template"), bool) else ""),
    }
    run.settings = {k: v for k, v in settings.items() if v}
    return run
