"""evalscope per-dataset report (``reports/MODEL/DATASET.json``): one model, one dataset.

Scores are fractions (0-1); ``num`` is the number of items scored. The benchmark is named by
``dataset_pretty_name`` ("MATH-500"), its key is ``dataset_name`` ("math_500").
"""

from __future__ import annotations

from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import (
    LOWER_IS_BETTER,
    Options,
    Run,
    TaskScore,
    item_count,
    local_model_note,
    metric_for,
    number,
    short_model_name,
)

name = "evalscope"
HARNESS = harness = "evalscope"
# IFEval: the prompt-level strict rate, the IFEval paper's and lm-eval's headline (0.x names it
# as lm-eval does; 1.0 mean_prompt_level_strict), never the first listed (inst_level_loose_acc,
# the most lenient of the four).
PREFERENCE = ("mean_acc", "AverageAccuracy", "acc", "mean_pass@1", "pass@1", "Pass@1", "AveragePass@1",
              "mean_prompt_level_strict", "prompt_level_strict_acc", "mean_score")
# Report metrics evalscope renamed in 1.0 (2025): the share of items answered correctly, as
# AverageAccuracy (0.x, most benchmarks) and Pass@1 (0.x, HumanEval), is mean_acc since;
# IFEval's prompt_level_strict_acc (0.x) is mean_prompt_level_strict.
RENAMED = {"AverageAccuracy": "mean_acc", "Pass@1": "mean_acc", "prompt_level_strict_acc": "mean_prompt_level_strict"}


def looks_like(data: dict) -> bool:
    return isinstance(data.get("metrics"), list) and "dataset_name" in data and "model_name" in data


def can_read(path: Path) -> bool:
    data = files.json_data(path)
    return isinstance(data, dict) and looks_like(data)


def read(path: Path, options: Options) -> list[Run]:
    data = files.json_object(path)
    model = str(data.get("model_name") or "model")
    local_model_note(model, str(path), options)
    model = short_model_name(model, options.keep_org)
    # evalscope writes reports/<name>/DATASET.json, <name> being what the run was called; the
    # report itself holds only the model id, the same for two runs of one API model.
    folder = Path(path).parent
    if folder.parent.name == "reports" and folder.name and folder.name not in (model, str(data.get("model_name"))):
        options.notes.append(f"{path}: named {folder.name!r} after its report folder (the report says model {model!r})")
        model = folder.name
    run = read_data(data, str(path), options, model)
    return [run]


def read_data(data: dict, path: str, options: Options, model: str) -> Run:
    run = Run(path, HARNESS, None, model)
    task = str(data.get("dataset_name"))
    if options.tasks and not options.wanted(task):
        return run
    metrics = {  # name -> (position in metrics[], entry)
        str(m.get("name")): (i, m) for i, m in enumerate(data["metrics"]) if isinstance(m, dict) and number(m.get("score")) is not None
    }
    options.renamed.update(RENAMED)
    metric = metric_for(task, list(metrics), options, PREFERENCE, path)
    if metric:
        i, entry = metrics[metric]
        agreed = options.agreed.get(task)
        run.scores.append(TaskScore(
            task=task,
            name=str(data.get("dataset_pretty_name") or task),
            metric=agreed if agreed and RENAMED.get(metric) == agreed else metric,
            value=number(entry["score"]),
            n=item_count(entry.get("num"), f"{path}: metrics[{i}].num ({metric} of {task})", options),
            higher_is_better=metric not in LOWER_IS_BETTER,
            unit="fraction",
        ))
    return run
