"""Every Eval Ever aggregate logs (evaleval/every_eval_ever ``eval.schema.json``, 0.2.x-0.3.x):
one model's results on one or more evaluations, as a leaderboard, a paper or a run reports them.

Each ``evaluation_results`` entry is a score: its task is ``evaluation_name``, its metric
``metric_config.metric_name`` (unless it only repeats the evaluation's name; else ``metric_kind``,
``metric_id``, else "score"); several
metrics of one evaluation are settled like any harness's (``--metric``). A proportion
(``metric_unit: proportion``, or bounds 0-1) is a fraction, ``percent`` is kept; other units keep
their numbers. ``standard_error.value`` is the stderr, ``num_samples`` (else the dataset's
``samples_number``) the items. Only continuous scores are read (binary and level scores are
left out with a warning). A score graded by a model (``metric_config.llm_scoring.judges``) is
named after its judge(s), "simpleqa_scorer (judge: google/gemini-2.0-flash-001)", as inspect's
and AlpacaEval's are, and the run's settings record ``judge``. ``build-site export`` writes this
format.
"""

from __future__ import annotations

from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import Options, Run, TaskScore, item_count, metric_for, number, run_date, short_model_name

name = "every-eval-ever"
HARNESS = harness = "Every Eval Ever"
PREFERENCE: tuple[str, ...] = ()


def looks_like(data: dict) -> bool:
    return (isinstance(data.get("evaluation_results"), list) and isinstance(data.get("model_info"), dict)
            and "schema_version" in data)


def can_read(path: Path) -> bool:
    data = files.json_data(path)
    return isinstance(data, dict) and looks_like(data)


def _text(value) -> str | None:
    return str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip() else None


def _unit(config: dict) -> str | None:
    unit = str(config.get("metric_unit") or "").strip().lower()
    if unit in ("proportion", "fraction"):
        return "fraction"
    if unit in ("percent", "percentage", "%"):
        return "percent"
    low, high = number(config.get("min_score")), number(config.get("max_score"))
    if not unit and low == 0 and high == 1:
        return "fraction"
    return None


def judges_of(config: dict) -> str | None:
    """``metric_config.llm_scoring.judges``: the model(s) that graded the score, by ``model_info.id``
    (else its name); several are a jury, with the ``aggregation_method`` when given."""
    scoring = config.get("llm_scoring") if isinstance(config.get("llm_scoring"), dict) else {}
    judges = scoring.get("judges") if isinstance(scoring.get("judges"), list) else []
    infos = [j.get("model_info") for j in judges if isinstance(j, dict) and isinstance(j.get("model_info"), dict)]
    names = list(dict.fromkeys(filter(None, (_text(i.get("id")) or _text(i.get("name")) for i in infos))))
    if not names:
        return None
    method = _text(scoring.get("aggregation_method"))
    return ", ".join(names) + (f" ({method.replace('_', ' ')})" if method and len(names) > 1 else "")


def read(path: Path, options: Options) -> list[Run]:
    data = files.json_object(path)
    info = data["model_info"]
    model = _text(info.get("id")) or _text(info.get("name")) or "model"
    model = short_model_name(model, options.keep_org) if "/" in model else model
    library = data.get("eval_library") if isinstance(data.get("eval_library"), dict) else {}
    harness_name = _text(library.get("name"))
    version = _text(library.get("version"))
    run = Run(str(path), harness_name if harness_name and harness_name != "unknown" else HARNESS,
              version if version and version != "unknown" else None, model)
    source = data.get("source_metadata") if isinstance(data.get("source_metadata"), dict) else {}
    for key in ("source_name", "source_organization_name", "evaluator_relationship", "source_type"):
        if _text(source.get(key)):
            run.settings[key.removeprefix("source_") if key != "source_type" else key] = _text(source[key])
    if _text(data.get("evaluation_timestamp")):
        run.settings["date"] = run_date(_text(data["evaluation_timestamp"]))
    by_task: dict[str, dict[str, tuple[int, dict]]] = {}
    for i, entry in enumerate(data["evaluation_results"]):
        if not isinstance(entry, dict) or not _text(entry.get("evaluation_name")):
            options.warnings.append(f"{path}: evaluation_results[{i}] has no evaluation_name; left out")
            continue
        config = entry.get("metric_config") if isinstance(entry.get("metric_config"), dict) else {}
        details = entry.get("score_details") if isinstance(entry.get("score_details"), dict) else {}
        task = _text(entry["evaluation_name"])
        if options.tasks and not options.wanted(task):
            continue
        if config.get("score_type") not in (None, "continuous"):
            options.warnings.append(f"{path}: {task} has {config.get('score_type')} scores, which are not read; left out")
            continue
        if number(details.get("score")) is None:
            options.warnings.append(f"{path}: {task} has no numeric score_details.score; left out")
            continue
        named = _text(config.get("metric_name"))
        if named == task:  # a metric named after its evaluation says nothing more: its kind does
            named = None
        metric = named or next((_text(config.get(k)) for k in ("metric_kind", "metric_id", "metric_name") if _text(config.get(k))), "score")
        by_task.setdefault(task, {})[metric] = (i, entry)
    for task, metrics in by_task.items():
        metric = metric_for(task, list(metrics), options, PREFERENCE or tuple(metrics), str(path))
        if not metric:
            continue
        i, entry = metrics[metric]
        config = entry.get("metric_config") or {}
        details = entry["score_details"]
        uncertainty = details.get("uncertainty") if isinstance(details.get("uncertainty"), dict) else {}
        error = uncertainty.get("standard_error") if isinstance(uncertainty.get("standard_error"), dict) else {}
        source_data = entry.get("source_data") if isinstance(entry.get("source_data"), dict) else {}
        count = uncertainty.get("num_samples", source_data.get("samples_number"))
        unit = _unit(config)
        judge = judges_of(config)
        column = task  # two judges are two measurements: the column is named after its judge
        if judge and not task.endswith(f"(judge: {judge})"):  # not already named so (build-site export)
            column = f"{task} (judge: {judge})"
        if judge:
            run.settings["judge"] = "; ".join(dict.fromkeys(filter(None, (run.settings.get("judge"), judge))))
        run.scores.append(TaskScore(
            task=column,
            name=column,
            metric=metric,
            value=number(details["score"]),
            stderr=number(error.get("value")),
            n=item_count(count, f"{path}: evaluation_results[{i}] num_samples", options) if count is not None else None,
            higher_is_better=config.get("lower_is_better") is not True,
            unit=unit,
            kind=None if unit else "other",
        ))
        if _text(entry.get("evaluation_timestamp")) and "date" not in run.settings:
            run.settings["date"] = run_date(_text(entry["evaluation_timestamp"]))
    return [run]
