"""evalscope per-dataset report: one model, one dataset, scores from 0 to 1 with ``num`` items."""

from __future__ import annotations

from benchboard.importers.common import Options, Run, TaskScore, metric_for, number

HARNESS = "evalscope"
PREFERENCE = ("mean_acc", "acc", "AverageAccuracy", "mean_pass@1", "pass@1")


def looks_like(data: dict) -> bool:
    return isinstance(data.get("metrics"), list) and "dataset_name" in data and "model_name" in data


def read(data: dict, path: str, options: Options) -> Run:
    run = Run(path, HARNESS, None, str(data.get("model_name") or "model").rstrip("/").split("/")[-1])
    task = str(data.get("dataset_name"))
    metrics = {m.get("name"): m for m in data["metrics"] if isinstance(m, dict) and number(m.get("score")) is not None}
    metric = metric_for(task, list(metrics), options, PREFERENCE, path)
    if metric:
        entry = metrics[metric]
        num = entry.get("num")
        run.scores.append(TaskScore(task, str(data.get("dataset_pretty_name") or task), metric, number(entry["score"]), None,
                                    int(num) if isinstance(num, int) else None, True))
    return run
