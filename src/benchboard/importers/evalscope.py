"""evalscope per-dataset report (``reports/MODEL/DATASET.json``): one model, one dataset.

Scores are fractions (0-1); ``num`` is the number of items scored. The benchmark is named by
``dataset_pretty_name`` ("MATH-500"), its key is ``dataset_name`` ("math_500").
"""

from __future__ import annotations

from benchboard.importers.common import LOWER_IS_BETTER, Options, Run, TaskScore, item_count, metric_for, number, short_model_name

HARNESS = "evalscope"
PREFERENCE = ("mean_acc", "AverageAccuracy", "acc", "mean_pass@1", "pass@1", "AveragePass@1", "mean_score")


def looks_like(data: dict) -> bool:
    return isinstance(data.get("metrics"), list) and "dataset_name" in data and "model_name" in data


def read(data: dict, path: str, options: Options) -> Run:
    run = Run(path, HARNESS, None, short_model_name(data.get("model_name") or "model", options.keep_org))
    task = str(data.get("dataset_name"))
    if options.tasks and not options.wanted(task):
        return run
    metrics = {  # name -> (position in metrics[], entry)
        str(m.get("name")): (i, m) for i, m in enumerate(data["metrics"]) if isinstance(m, dict) and number(m.get("score")) is not None
    }
    metric = metric_for(task, list(metrics), options, PREFERENCE, path)
    if metric:
        i, entry = metrics[metric]
        run.scores.append(TaskScore(
            task=task,
            name=str(data.get("dataset_pretty_name") or task),
            metric=metric,
            value=number(entry["score"]),
            n=item_count(entry.get("num"), f"{path}: metrics[{i}].num ({metric} of {task})", options),
            higher_is_better=metric not in LOWER_IS_BETTER,
            unit="fraction",
        ))
    return run
