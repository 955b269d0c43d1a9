"""lm-evaluation-harness results JSON (0.4.x): ``results`` with "<metric>,<filter>" keys."""

from __future__ import annotations

import datetime
import fnmatch
import json

from benchboard.importers.common import LOWER_IS_BETTER, ImportError_, Options, Run, TaskScore, metric_for, number

HARNESS = "lm-evaluation-harness"
PREFERENCE = ("acc_norm", "acc", "exact_match", "prompt_level_strict_acc", "inst_level_strict_acc", "em", "f1", "mc2", "bleu")


def looks_like(data: dict) -> bool:
    results = data.get("results")
    return isinstance(results, dict) and any(
        isinstance(v, dict) and any("," in k for k in v) for v in results.values()
    ) and ("config" in data or "configs" in data or "versions" in data)


def model_name(data: dict) -> str:
    args = str((data.get("config") or {}).get("model_args") or "")
    for part in args.split(","):
        key, _, value = part.partition("=")
        if key.strip() in ("pretrained", "model", "path", "engine") and value:
            return value.strip().rstrip("/").split("/")[-1]
    name = data.get("model_name") or (data.get("config") or {}).get("model")
    return str(name).rstrip("/").split("/")[-1] if name else "model"


def _selected_tasks(data: dict, options: Options) -> list[str]:
    """Top-level entries (alias not indented); a placeholder group row stands for its subtasks."""
    results = data["results"]
    if options.tasks:
        return [t for t in results if any(fnmatch.fnmatchcase(t, p) for p in options.tasks) and _has_scores(results[t])]
    subtasks = data.get("group_subtasks") or {}
    chosen = []
    for task, row in results.items():
        alias = str(row.get("alias", task))
        if alias.startswith(" ") or alias.startswith("-"):
            continue  # an indented subtask: its group decides
        if _has_scores(row):
            chosen.append(task)
        else:  # a group row without an aggregate: take its direct subtasks
            chosen += [s for s in subtasks.get(task, []) if s in results and _has_scores(results[s])]
    return chosen


def _has_scores(row: dict) -> bool:
    return any("," in k and "_stderr," not in k and number(v) is not None for k, v in row.items())


def read(data: dict, path: str, options: Options) -> Run:
    results = data["results"]
    higher = data.get("higher_is_better") or {}
    samples = data.get("n-samples") or {}
    run = Run(path, HARNESS, data.get("lm_eval_version") or (f"git {data['git_hash']}" if data.get("git_hash") else None), model_name(data))
    for task in _selected_tasks(data, options):
        row = results[task]
        keys = {}
        for key, value in row.items():
            if "," not in key or "_stderr," in key:
                continue
            metric, _, filter_name = key.partition(",")
            if number(value) is not None:
                keys.setdefault(metric, []).append(filter_name)
        metric = metric_for(task, list(keys), options, PREFERENCE, path)
        if not metric:
            continue
        filters = keys[metric]
        chosen = options.filter if options.filter in filters else ("none" if "none" in filters else filters[0])
        if options.filter and options.filter not in filters and task in options.task_metric:
            raise ImportError_(f"{path}: task {task!r} has no filter {options.filter!r} for {metric} (it has: {', '.join(filters)})")
        value = number(row[f"{metric},{chosen}"])
        stderr = number(row.get(f"{metric}_stderr,{chosen}"))
        effective = (samples.get(task) or {}).get("effective")
        direction = (higher.get(task) or {}).get(metric)
        if direction is None:
            direction = metric not in LOWER_IS_BETTER
        alias = str(row.get("alias", task)).strip().lstrip("-").strip() or task
        run.scores.append(TaskScore(task, alias, metric if chosen == "none" else f"{metric} ({chosen})", value, stderr,
                                    int(effective) if isinstance(effective, int) else None, bool(direction)))
    config = data.get("config") or {}
    shots = sorted({str(v) for t, v in (data.get("n-shot") or {}).items() if t in {s.task for s in run.scores}})
    run.settings = {
        "model_args": str(config.get("model_args") or ""),
        "num_fewshot": ", ".join(shots),
        "gen_kwargs": json.dumps(config.get("gen_kwargs"), sort_keys=True) if config.get("gen_kwargs") else "greedy (none given)",
        "batch_size": str(config.get("batch_size") or ""),
        "limit": str(config.get("limit")) if config.get("limit") is not None else "",
        "date": _date(data.get("date")),
    }
    run.settings = {k: v for k, v in run.settings.items() if v}
    return run


def _date(value) -> str:
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return str(value or "")
