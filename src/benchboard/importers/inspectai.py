"""inspect-ai logs: ``.eval`` (a zip whose ``header.json`` is the log without its samples) and
``.json`` EvalLog files. One task, one model per log.

Read with the standard library (zipfile, json) rather than ``inspect_ai`` itself: the header is
plain JSON with a stable layout (``eval``, ``results.scores[].metrics``, ``stats``), and
inspect_ai would bring in dozens of dependencies to read a few numbers. Only ``header.json``
of a .eval file is read (never the samples), so a large log costs no more than a small one.

Each scorer's metrics are offered as ``METRIC`` (one scorer) or ``METRIC (SCORER)``; ``stderr``
is the standard error of the scorer's other metrics, never a metric of its own. ``n`` is
``results.completed_samples`` divided by the epochs (inspect counts every epoch of a sample
there, then reduces a sample's epochs to one score before the metric: the items are samples). A run
cut short (``status`` other than success) or limited (``--limit``: fewer samples than the
dataset has) is imported with a warning, and so is one where samples did not complete
(``completed_samples`` below ``total_samples``: "78 of 80 samples completed").

A model-graded scorer's judge is part of what the column measures (as AlpacaEval's annotator):
the judge is the scorer's ``model`` argument, or what inspect_evals scorers call it
(``grader_model``, ``judge_model``, ``judge``, ``scorer_model``, ...: ``JUDGE_ARGUMENT``), in
``options`` of ``eval.scorers`` or ``params`` of ``results.scores``, else the model of its role in ``eval.model_roles`` (``model_role``, by
default ``grader``), else, for inspect's ``model_graded_*`` scorers, the model being evaluated
(inspect's default). The column is named after it ("popularity (judge: openai/gpt-4o)",
"popularity (self-graded)"), so two judges are never one column, and the run's settings
record the scorer and the judge.

A metric that is a share of samples is a percent with ``n``: ``accuracy``, and any other
metric (``mean``, CVE-Bench's) of a pass/fail scorer: one whose reduced sample scores (the
log's ``reductions``) are all 0 or 1 (``C``/``I``), or whose reducer is ``pass_at_k`` /
``at_least_k``.
"""

from __future__ import annotations

import re
from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import (
    LOWER_IS_BETTER,
    ImportProblem,
    Options,
    Run,
    TaskScore,
    is_local_path,
    item_count,
    last_part,
    mapping,
    metric_for,
    metric_kind,
    number,
    plain,
    short_model_name,
    stderr_value,
)

name = "inspect"
harness = "inspect-ai"
PREFERENCE = ("accuracy", "mean", "pass_at_1", "f1")
NOT_A_SCORE = ("stderr", "std", "var", "bootstrap_stderr", "clustered_stderr")


def looks_like(data) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("eval"), dict)
        and "task" in data["eval"]
        and "model" in data["eval"]
        and ("results" in data or "status" in data)
    )


def header(path: Path) -> dict | None:
    if files.is_zip(path):
        data = files.zip_member(path, "header.json")
        return data if looks_like(data) else None
    data = files.json_data(path)
    return data if looks_like(data) else None


def can_read(path: Path) -> bool:
    return header(path) is not None


def _metrics(results: dict) -> list[tuple[str, str, dict]]:
    """(scorer, metric, {value, stderr}) for each metric, in file order."""
    found = []
    scores = results.get("scores")
    if isinstance(scores, list):  # current layout: one entry per scorer
        entries = [(str(s.get("name") or s.get("scorer") or "score"), s.get("metrics") or {}) for s in scores if isinstance(s, dict)]
    else:  # early logs: results.scorer + results.metrics
        scorer = results.get("scorer") or {}
        entries = [(str(scorer.get("name") or "score") if isinstance(scorer, dict) else "score", results.get("metrics") or {})]
    for scorer, metrics in entries:
        if not isinstance(metrics, dict):
            continue
        stderr = next((m.get("value") for k, m in metrics.items() if k in ("stderr", "bootstrap_stderr") and isinstance(m, dict)), None)
        for key, metric in metrics.items():
            if not isinstance(metric, dict) or key in NOT_A_SCORE or number(metric.get("value")) is None:
                continue
            found.append((scorer, str(metric.get("name") or key), {"value": number(metric["value"]), "stderr": stderr}))
    return found


PASS_FAIL = {0, 1, 0.0, 1.0, "C", "I"}


def _pass_fail(path: Path, data: dict, scorer: str, reducer) -> bool:
    """Whether a scorer's sample scores are pass/fail, so that their mean is a share of samples."""
    if isinstance(reducer, str) and reducer.startswith(("pass_at_", "at_least_")):
        return True
    reductions = files.zip_member(path, "reductions.json") if files.is_zip(path) else data.get("reductions")
    for entry in reductions if isinstance(reductions, list) else []:
        if isinstance(entry, dict) and entry.get("scorer") == scorer and isinstance(entry.get("samples"), list):
            values = [s.get("value") for s in entry["samples"] if isinstance(s, dict)]
            return bool(values) and all(not isinstance(v, bool) and isinstance(v, (int, float, str)) and v in PASS_FAIL for v in values)
    return False


SELF_GRADED = "the evaluated model"
# The argument a model-graded scorer takes its judge by: inspect's own scorers say ``model``
# (model_graded_qa/fact); inspect_evals and other scorers ``grader_model`` (SimpleQA),
# ``judge_model``, ``judge``, ``scorer_model`` (XSTest), ... (plural: a panel of judges).
JUDGE_ARGUMENT = re.compile(r"model|(grader|judge|scorer|evaluator|rater|annotator)(_model|_llm)?s?")


def judge_of(log: dict, entry: dict, scorer: str) -> str | None:
    """The model that graded a scorer's samples (see the module's docstring), else None."""
    short = scorer.rsplit("/", 1)[-1]
    spec = next((s for s in log.get("scorers") or [] if isinstance(s, dict) and str(s.get("name", "")).rsplit("/", 1)[-1] == short), {})
    args = dict(mapping(spec.get("options")))
    args.update((k, v) for k, v in mapping(entry.get("params")).items() if v is not None or k not in args)
    given = [key for key in args if JUDGE_ARGUMENT.fullmatch(key)]
    named = ", ".join(dict.fromkeys(filter(None, (_model_text(args[key]) for key in given))))
    if named:
        return named
    role = args.get("model_role") if isinstance(args.get("model_role"), str) else "grader"
    if not (short.startswith("model_graded") or given or "model_role" in args):
        return None  # not a model-graded scorer (match, choice, includes, ...)
    by_role = _model_text(mapping(log.get("model_roles")).get(role))
    if by_role:
        return by_role
    # A judge argument left empty: inspect's ``model`` then grades with the evaluated model
    # (get_model()); what another scorer does then is its own code's choice, not in the log.
    return SELF_GRADED if short.startswith("model_graded") or "model" in given or "model_role" in args or not given \
        else f"{short}'s default"


def _model_text(value) -> str:
    """A judge as inspect logs it (a name, a list for a majority vote, a role's {model: ...}),
    as text; a local path by its last part ("vllm//home/alice/judge" -> "vllm/judge")."""
    if isinstance(value, dict):
        value = value.get("model") or value.get("name")
    if isinstance(value, (list, tuple)):
        return ", ".join(filter(None, (_model_text(v) for v in value)))
    if not isinstance(value, str) or not value.strip():
        return ""
    provider, sep, rest = value.strip().partition("/")
    return f"{provider}/{last_part(rest)}" if sep and is_local_path(rest) else value.strip()


def read(path: Path, options: Options) -> list[Run]:
    data = header(path)
    if data is None:
        raise ImportProblem(f"{path}: not an inspect-ai log (expected eval, results; this is {files.describe(path)})")
    log = data["eval"]
    status = str(data.get("status") or "unknown")
    results = data.get("results") if isinstance(data.get("results"), dict) else None
    if results is None:
        raise ImportProblem(
            f"{path}: the log has no results (status {status}{': ' + str((data.get('error') or {}).get('message', ''))[:200] if isinstance(data.get('error'), dict) else ''}; "
            "only a finished or cancelled evaluation that scored its samples can be imported)"
        )
    where = str(path)
    model = str(log.get("model") or "model")
    # "openai/gpt-4o-mini" -> "gpt-4o-mini"; "hf/meta-llama/Llama-3-8B" -> "Llama-3-8B" (meta-llama/... with --keep-org)
    run = Run(where, harness, _version(log), short_model_name(model.split("/", 1)[-1] or model, options.keep_org))
    task = str(log.get("task") or "task")
    task = task.rsplit("/", 1)[-1]  # "inspect_evals/gpqa_diamond" -> "gpqa_diamond"
    if options.tasks and not options.wanted(task):
        return [run]
    metrics = _metrics(results)
    if not metrics:
        raise ImportProblem(
            f"{path}: the inspect log of {task} has no scores (results.scores is empty: the evaluation ran "
            "without a scorer, or with --no-score; score it with `inspect score LOG` and import the scored log)"
        )
    scorers = list(dict.fromkeys(s for s, _, _ in metrics))
    labels = {(s, m): (m if len(scorers) == 1 else f"{m} ({s})") for s, m, _ in metrics}
    values = {labels[(s, m)]: v for s, m, v in metrics}
    preference = tuple(f"{p} ({s})" if len(scorers) > 1 else p for s in scorers for p in PREFERENCE)
    metric = metric_for(task, list(values), options, preference, where)
    config = log.get("config") if isinstance(log.get("config"), dict) else {}
    epochs = config.get("epochs") if isinstance(config.get("epochs"), int) and config.get("epochs", 0) > 0 else 1
    # completed_samples counts sample-epochs (total_samples is "dataset samples * epochs"), and each
    # sample's epochs are reduced to one score before the metric: the items scored are the samples.
    completed = item_count(results.get("completed_samples"), f"{path}: results.completed_samples", options)
    if completed and epochs > 1:
        completed = completed // epochs if completed % epochs == 0 else None
    planned, done = results.get("total_samples"), results.get("completed_samples")
    if isinstance(planned, int) and isinstance(done, int) and 0 <= done < planned:
        unit = "samples"
        if epochs > 1 and planned % epochs == 0 and done % epochs == 0:
            planned, done = planned // epochs, done // epochs
        elif epochs > 1:
            unit = "sample-epochs"
        run.warnings.append(f"{done} of {planned} {unit} completed; the score is over the {done} that did, the others are not counted.")
    if isinstance(planned, int) and epochs > 1 and planned % epochs == 0:
        planned //= epochs
    dataset = log.get("dataset") if isinstance(log.get("dataset"), dict) else {}
    total = dataset.get("samples") if isinstance(dataset.get("samples"), int) and dataset.get("samples", 0) > 0 else None
    if total and isinstance(planned, int) and planned >= total:
        total = None  # not a limited run (samples that did not complete are said above)
    if status != "success":
        run.warnings.append(f"the inspect evaluation's status is {status}, not success; its scores cover only the samples it finished.")
    judge = scorer = None
    if metric:
        value = values[metric]
        scorer, base = next((sc, m) for (sc, m), label in labels.items() if label == metric)
        entry = next((e for e in results.get("scores") or [] if isinstance(e, dict) and str(e.get("name") or e.get("scorer")) == scorer), {})
        share = metric_kind(base) != "proportion" and base not in LOWER_IS_BETTER and _pass_fail(path, data, scorer, entry.get("reducer"))
        judge = judge_of(log, entry, scorer)
        # Two judges are two measurements: the column is named after its judge, as AlpacaEval's.
        column = task if judge is None else f"{task} (self-graded)" if judge == SELF_GRADED else f"{task} (judge: {judge})"
        if judge == SELF_GRADED:
            run.warnings.append(f"{scorer} had no judge model or grader role, so inspect graded {task} with the model being "
                                "evaluated: each model judged its own answers, and its score is not one judge's measure.")
        run.scores.append(TaskScore(
            task=column,
            name=column,
            metric=metric,
            value=value["value"],
            stderr=stderr_value(value["stderr"], f"{path}: results.scores.metrics.stderr"),
            n=completed,
            higher_is_better=metric.split(" (")[0] not in LOWER_IS_BETTER,
            items_total=total if total and completed and completed < total else None,
            kind="proportion" if share else None,
            unit="fraction" if share else None,
        ))
    generate = log.get("model_generate_config") if isinstance(log.get("model_generate_config"), dict) else {}
    settings = {
        "gen_kwargs": plain({k: v for k, v in generate.items() if v is not None}) if generate else "",
        "model_args": plain(log.get("model_args")) if log.get("model_args") else "",
        "task_args": plain(log.get("task_args")) if log.get("task_args") else "",
        "limit": plain(config.get("limit")) if config.get("limit") is not None else "",
        "epochs": str(epochs) if epochs != 1 else "",
        "scorer": scorer or "",
        "judge": f"{SELF_GRADED} ({_model_text(model)})" if judge == SELF_GRADED else judge or "",
        "model_roles": plain({k: _model_text(v) or v for k, v in mapping(log.get("model_roles")).items()}),
        "status": status if status != "success" else "",
        "date": str(log.get("created") or "")[:16].replace("T", " "),
    }
    run.settings = {k: v for k, v in settings.items() if v}
    return [run]


def _version(log: dict) -> str | None:
    packages = log.get("packages") if isinstance(log.get("packages"), dict) else {}
    version = packages.get("inspect_ai")
    return re.sub(r"\+.*", "", str(version)) if version else None
