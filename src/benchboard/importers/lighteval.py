"""lighteval results JSON: ``results`` keyed "suite|task|fewshot" plus an "all" row."""

from __future__ import annotations

import fnmatch

from benchboard.importers.common import LOWER_IS_BETTER, Options, Run, TaskScore, metric_for, number

HARNESS = "lighteval"
PREFERENCE = ("em", "quasi_exact_match", "acc", "acc_norm", "exact_match", "maj@8", "f1", "pass@1")


def looks_like(data: dict) -> bool:
    results = data.get("results")
    return isinstance(results, dict) and "config_general" in data and any("|" in k for k in results)


def read(data: dict, path: str, options: Options) -> Run:
    general = data.get("config_general") or {}
    tasks_config = data.get("config_tasks") or {}
    model = str(general.get("model_name") or "model").rstrip("/").split("/")[-1]
    run = Run(path, HARNESS, f"sha {general['lighteval_sha'][:7]}" if general.get("lighteval_sha") else None, model)
    keys = [k for k in data["results"] if k != "all"] or ["all"]
    if options.tasks:
        keys = [k for k in keys if any(fnmatch.fnmatchcase(k, p) or fnmatch.fnmatchcase(k.split("|")[1] if "|" in k else k, p) for p in options.tasks)]
    shots = []
    for key in keys:
        row = data["results"][key]
        parts = key.split("|")
        task = parts[1] if len(parts) >= 2 else key
        if len(parts) >= 3:
            shots.append(parts[2])
        available = [m for m, v in row.items() if not m.endswith("_stderr") and number(v) is not None]
        metric = metric_for(task, available, options, PREFERENCE, path)
        if not metric:
            continue
        config = tasks_config.get("|".join(parts[:2])) or {}
        direction = next((m.get("higher_is_better") for m in config.get("metric", []) if isinstance(m, dict) and m.get("metric_name") == metric), None)
        if direction is None:
            direction = metric not in LOWER_IS_BETTER
        effective = config.get("effective_num_docs")
        run.scores.append(TaskScore(task, task, metric, number(row[metric]), number(row.get(f"{metric}_stderr")),
                                    int(effective) if isinstance(effective, int) else None, bool(direction)))
    run.settings = {k: v for k, v in {
        "num_fewshot": ", ".join(sorted(set(shots))),
        "max_samples": str(general.get("max_samples")) if general.get("max_samples") is not None else "",
        "model_sha": str(general.get("model_sha") or ""),
    }.items() if v}
    return run
