"""Import what evaluation harnesses write: harness outputs -> one benchboard result file.

``build-site import [FORMAT] FILES... -o content/results/NAME.yaml``

Each format has its reader (one module each) turning a file into ``Run``s (one model's scores,
numbers exactly as written). ``merge`` turns the runs into one comparison: models in the order
of the files (then of the columns, for OpenCompass), benchmarks in the order first seen, 0-1
scores as percentages, with provenance and a warning whenever the runs used different settings.
The document is validated by the real loader before it is written, atomically.

The lead wires it into the CLI with ``add_parser(subparsers)`` and ``run(args) -> exit code``.
See docs/importers.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from pathlib import Path

import yaml

from benchboard.importers import evalscope, lighteval, lmeval, opencompass
from benchboard.importers.common import (
    LOWER_IS_BETTER,
    ImportProblem,
    Options,
    Run,
    TaskScore,
    bad_character,
    preferred,
    printable,
)

FORMATS = {"lm-eval": lmeval, "lighteval": lighteval, "evalscope": evalscope, "opencompass": opencompass}
FORMAT_NAMES = ("auto", *FORMATS)
ALIASES = {"lm-evaluation-harness": "lm-eval", "lm_eval": "lm-eval", "lmeval": "lm-eval"}
GROUP_MODES = ("auto", "mean", "subtasks")

# Settings that change scores; runs that differ in one are flagged in source.warnings.
COMPARED = {
    "gen_kwargs": "generation settings",
    "chat_template": "chat templates",
    "dtype": "model dtypes",
    "limit": "sample limits",
    "max_samples": "sample limits",
    "mode": "evaluation modes",
}

__all__ = ["add_parser", "run", "detect", "read_runs", "merge", "to_yaml", "ImportProblem", "FORMATS"]


# -- reading -----------------------------------------------------------------------------------


def detect(text: str, path: str) -> str:
    """The format of one file, from its content (not its name)."""
    if opencompass.looks_like(text):
        return "opencompass"
    data = _json(text, path)
    for name in ("lighteval", "lm-eval", "evalscope"):
        if FORMATS[name].looks_like(data):
            return name
    raise ImportProblem(
        f"{path}: not a results file of a known harness (looked for lm-evaluation-harness, lighteval, "
        "evalscope and OpenCompass layouts; name the format, e.g. build-site import lm-eval FILE ...)"
    )


def _json(text: str, path: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}; give the harness's results file as it wrote it)"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise ImportProblem(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ImportProblem(f"{path}: expected a JSON object at the top level, found a {type(data).__name__} (is this a results file?)")
    return data


def _read_text(path: str) -> str:
    p = Path(path)
    if p.is_dir():
        raise ImportProblem(f"{path}: is a folder (give the result files inside it, e.g. {path.rstrip('/')}/*/results_*.json)")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file (check the path)") from None
    except UnicodeDecodeError as exc:
        raise ImportProblem(f"{path}: not UTF-8 text (byte {exc.start}); is it a results file?") from None
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot read it ({exc.strerror})") from None
    if not text.strip():
        raise ImportProblem(f"{path}: the file is empty (was the evaluation interrupted before it wrote its results?)")
    return text


MAX_PASSES = 4  # reading again with the metrics, then the filters, every run shares


def read_runs(paths: list[str], fmt: str, options: Options) -> list[Run]:
    """Read every file; then, where the runs picked different metrics (or lm-eval filters) for
    one task, read again with the one they all have, so that a column holds one metric."""
    loaded: list[tuple[str, str, object]] = []  # (path, format, text or parsed JSON)
    for path in paths:
        text = _read_text(path)
        kind = detect(text, path) if fmt == "auto" else fmt
        if kind == "opencompass":
            if not opencompass.looks_like(text):
                raise ImportProblem(
                    f"{path}: not an OpenCompass summary CSV (its first line should be dataset,version,metric,mode,MODEL...; "
                    "or use --format auto)"
                )
            loaded.append((path, kind, text))
            continue
        data = _json(text, path)
        if not FORMATS[kind].looks_like(data):
            raise ImportProblem(f"{path}: does not look like {kind} results (leave the format out to detect it)")
        loaded.append((path, kind, data))
    agreement_notes: list[str] = []
    for _ in range(MAX_PASSES):
        options.start_reading()
        runs = [run for path, kind, payload in loaded for run in _read_one(path, kind, payload, options)]
        if not _agree(runs, options, agreement_notes):
            break
    options.notes += agreement_notes
    for run in runs:  # provenance text the site would refuse: spelled as escapes
        run.version = printable(run.version) if run.version else run.version
        run.settings = {printable(k): printable(v) for k, v in run.settings.items()}
        for score in run.scores:
            score.fewshot = printable(score.fewshot) if score.fewshot else score.fewshot
    _check_options_used(runs, options)
    return runs


def _read_one(path: str, kind: str, payload, options: Options) -> list[Run]:
    try:
        if kind == "opencompass":
            return opencompass.read(payload, path, options)
        return [FORMATS[kind].read(payload, path, options)]
    except ImportProblem:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as exc:
        raise ImportProblem(
            f"{path}: unexpected {kind} layout ({type(exc).__name__}: {exc}); please report it with the file attached"
        ) from None


def _shared(offers: dict) -> tuple:
    """The first file's offer, and what every file offers, in that file's order."""
    first = next(iter(offers.values()))
    return first, [x for x in first.available if all(x in o.available for o in offers.values())]


def _agree(runs: list[Run], options: Options, notes: list[str]) -> bool:
    """Settle, per task, one metric (then one lm-eval filter) that every run has.

    A task whose files picked different metrics gets the one they would all pick first: the
    preferred metric if every run has a number for it, else the best metric they share. No
    shared metric is an error: one column cannot hold values of different metrics. Returns
    whether anything new was settled (the files are then read again).
    """
    files = {}
    for run in runs:
        files.setdefault(run.file, []).append(run.model)

    def who(path: str) -> str:
        return f"{path} ({', '.join(dict.fromkeys(files.get(path, [])))})" if files.get(path) else path

    changed = False
    for task, offers in options.offers.items():
        if len({o.pick for o in offers.values()}) < 2:
            continue
        first, common = _shared(offers)
        if not common:
            listed = "; ".join(f"{who(path)}: {', '.join(o.available)}" for path, o in offers.items())
            raise ImportProblem(
                f"{task}: the runs have no metric in common ({listed}), and one column cannot mix metrics "
                f"(import these runs into separate result files, or pick tasks other than {task} with --tasks)"
            )
        metric = preferred(common, first.preference)
        options.agreed[task] = metric
        changed = True
        others = {path: o.pick for path, o in offers.items() if o.pick != metric}
        lacking = [who(path) for path, o in offers.items() if any(p not in o.available for p in others.values())]
        notes.append(
            f"{task}: imported {metric} for every run, the best metric they all have "
            f"({', '.join(dict.fromkeys(others.values()))} is missing or not a number in {', '.join(lacking)})"
        )
    if changed:
        return True
    for (task, metric), offers in options.filter_offers.items():
        if len({o.pick for o in offers.values()}) < 2:
            continue
        first, common = _shared(offers)
        if not common:
            listed = "; ".join(f"{who(path)}: {', '.join(o.available)}" for path, o in offers.items())
            raise ImportProblem(
                f"{task}: the runs have no filter of {metric} in common ({listed}), and one column cannot mix them "
                f"(import these runs into separate result files, or pick another metric with --metric {task}=METRIC)"
            )
        chosen = "none" if "none" in common else options.filter if options.filter in common else common[0]
        options.agreed_filters[(task, metric)] = chosen
        changed = True
        notes.append(f"{task}: imported {metric} with the filter {chosen} for every run, the filter they all have")
    return changed


def _check_options_used(runs: list[Run], options: Options) -> None:
    """Options that matched nothing are mistakes: say what exists instead."""
    seen = options.seen_metrics
    if options.tasks and not seen:
        raise ImportProblem(f"--tasks {' '.join(options.tasks)}: no task matches (run without --tasks to see the task names)")
    for task in options.task_metric:
        if task not in seen:
            raise ImportProblem(f"--metric {task}=...: no task {task!r} in the input (tasks: {_listing(seen)})")
    if options.metric and not any(run.scores for run in runs):
        metrics = sorted(set().union(*seen.values())) if seen else []
        raise ImportProblem(f"--metric {options.metric}: no task has this metric (metrics present: {', '.join(metrics) or 'none'})")
    if options.filter and options.seen_filters and options.filter not in options.seen_filters:
        raise ImportProblem(
            f"--filter {options.filter}: no task has this filter (filters present: {', '.join(sorted(options.seen_filters))})"
        )
    if options.metric:
        lacking = [t for t, metrics in seen.items() if options.metric not in metrics]
        if lacking:
            options.notes.append(f"--metric {options.metric}: left out {len(lacking)} task(s) without it: {_listing(lacking)}")


def _listing(items, limit: int = 12) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items)} in all)" if len(items) > limit else "")


# -- merging -----------------------------------------------------------------------------------

MAX_MAGNITUDE = 1e15  # the site refuses scores this large (benchboard.load.MAX_MAGNITUDE)


def rename_models(runs: list[Run], names: list[str]) -> None:
    """--model-name: either NAME per run in order, or OLD=NEW pairs."""
    if not names:
        return
    pairs = [n for n in names if "=" in n]
    if pairs and len(pairs) != len(names):
        raise ImportProblem("--model-name: give either one NAME per run, in file order, or OLD=NEW pairs, not both")
    if pairs:
        mapping = _pairs(pairs, "--model-name")
        known = list(dict.fromkeys(r.model for r in runs))
        for old in mapping:
            if old not in known:
                raise ImportProblem(f"--model-name {old}=...: no model {old!r} in the input (models: {', '.join(known)})")
        for run in runs:
            run.model = mapping.get(run.model, run.model)
        return
    if len(names) != len(runs):
        raise ImportProblem(
            f"--model-name: given {len(names)} time(s) for {len(runs)} run(s) "
            f"({', '.join(r.model for r in runs)}); give one per run in file order, or use OLD=NEW"
        )
    for run, name in zip(runs, names):
        run.model = name.strip()


def _proportions(scores: list[TaskScore]) -> bool:
    """Whether a benchmark's scores are all proportions (accuracy-like: fractions within 0-1 or
    percentages within 0-100), the only kind for which ``n`` gives a binomial margin.
    Loss-like metrics (perplexity, bits_per_byte, ...) and other units are not."""
    natural = _factors(scores, None)
    return all(
        s.metric.split(",")[0] not in LOWER_IS_BETTER
        and ((factor == 100.0 and 0 <= s.value <= 1) or (s.unit == "percent" and 0 <= s.value <= 100))
        for s, factor in zip(scores, natural)
    )


def _name_problem(text: str) -> str | None:
    """What the site would refuse in a name: blank, or a control character."""
    if not text.strip():
        return "is blank"
    bad = bad_character(text)
    return f"holds {bad}, which the site refuses" if bad else None


def _factors(scores: list[TaskScore], scale: float | None) -> list[float]:
    """Multiplier of each score of one benchmark: --scale if given, else 100 for fractions.

    A score's unit comes from its harness when it is known (evalscope: fraction; OpenCompass:
    percent); otherwise a benchmark whose scores all lie within 0-1 is taken as fractions,
    unless its metric is a loss-like one (bits_per_byte can be 0.6).
    """
    if scale is not None:
        return [scale] * len(scores)
    unknown = [s for s in scores if s.unit is None]
    guess = 100.0 if unknown and all(
        0 <= s.value <= 1 and s.metric.split(",")[0] not in LOWER_IS_BETTER for s in unknown
    ) else 1.0
    return [100.0 if s.unit == "fraction" else 1.0 if s.unit == "percent" else guess for s in scores]


def merge(
    runs: list[Run],
    *,
    title: str,
    renames: dict[str, str] | None = None,
    scale: float | None = None,
    precision: int = 1,
    model_names: list[str] | None = None,
    description: str | None = None,
) -> dict:
    """Runs -> a result-file document (plain data, in the documented key order)."""
    renames = renames or {}
    rename_models(runs, model_names or [])
    for run in runs:
        run.model = run.model.strip()  # as the site reads it
        problem = _name_problem(run.model)
        if problem:
            raise ImportProblem(
                f"{run.file}: the model name {run.model!r} {problem} "
                "(fix the file, or give the name with --model-name NAME, one per run in file order)"
            )
    tasks: dict[str, list[TaskScore]] = {}  # task key -> its scores, first seen first
    by_model: dict[str, dict[str, TaskScore]] = {}  # model -> task -> score, models in file order
    origin: dict[int, Run] = {}  # id(score) -> its run
    settings: dict[str, dict[str, str]] = {}
    warnings: list[str] = []
    for run in runs:
        model = by_model.setdefault(run.model, {})
        own = settings.setdefault(run.model, {})
        for key, value in run.settings.items():
            if own.get(key) not in (None, value):
                value = f"{own[key]}; {value}"  # one model over several files run differently
            own[key] = value
        for score in run.scores:
            if score.task in model:
                raise ImportProblem(
                    f"{run.file}: {run.model} already has a score for {score.task} from another file "
                    "(give each model/task once, or tell the runs apart with --model-name)"
                )
            model[score.task] = score
            origin[id(score)] = run
            tasks.setdefault(score.task, []).append(score)
    if not tasks:
        raise ImportProblem(
            f"{', '.join(dict.fromkeys(r.file for r in runs)) or 'input'}: no scores found "
            "(the files hold no numeric results; check --tasks and --metric)"
        )

    names: dict[str, str] = {}
    for task, scores in tasks.items():
        name = renames.get(task, renames.get(scores[0].name, scores[0].name)).strip() or task.strip()
        problem = _name_problem(name)
        if problem:
            hint = f"--rename {task}=NAME" if not bad_character(task) else "--rename TASK=NAME"
            raise ImportProblem(
                f"{origin[id(scores[0])].file}: task {task!r} would be shown as {name!r}, and that name {problem} "
                f"(fix the file, or give it another name with {hint})"
            )
        names[task] = name
        labels = list(dict.fromkeys(s.metric for s in scores))
        if len(labels) > 1:  # read_runs settles one metric per task; this is what it could not
            listed = "; ".join(f"{origin[id(s)].file} ({origin[id(s)].model}): {s.metric}" for s in scores)
            raise ImportProblem(
                f"{task}: the runs report different metrics ({listed}), and one column cannot mix them "
                f"(pick one every run has with --metric {task}=METRIC, or --filter {task}=FILTER for lm-eval; "
                "or import the runs into separate result files)"
            )
        bad = bad_character(labels[0])
        if bad:
            raise ImportProblem(
                f"{origin[id(scores[0])].file}: the metric {labels[0]!r} of {task!r} holds {bad}, which the site refuses "
                f"(fix the file, or pick another metric with --metric {task}=METRIC)"
            )
    seen: dict[str, str] = {}
    for task, name in names.items():
        if name in seen:
            raise ImportProblem(
                f"--rename: tasks {seen[name]!r} and {task!r} would both be shown as {name!r} "
                f"(give one another name with --rename {task}=NAME)"
            )
        seen[name] = task
    unused = [key for key in renames if key not in tasks and key not in {s[0].name for s in tasks.values()}]
    if unused:
        raise ImportProblem(f"--rename {unused[0]}=...: no task {unused[0]!r} in the import (tasks: {_listing(tasks)})")

    factor: dict[int, float] = {}  # id(score) -> multiplier
    for scores in tasks.values():
        factor.update({id(s): f for s, f in zip(scores, _factors(scores, scale))})
    percent = all(
        factor[id(s)] == 100.0 or (scale is None and s.unit == "percent")
        for scores in tasks.values() for s in scores
    ) or scale == 100.0

    # Comparability: what the runs did differently.
    for task, scores in tasks.items():
        name = names[task]
        sizes = {run_model: s.n for run_model, m in by_model.items() if (s := m.get(task)) and s.n is not None}
        if len(set(sizes.values())) > 1:
            warnings.append(f"{name}: the runs scored different numbers of items ({_per_model(sizes)}).")
        shots = {run_model: s.fewshot for run_model, m in by_model.items() if (s := m.get(task)) and s.fewshot}
        if len(set(shots.values())) > 1:
            warnings.append(f"{name}: the runs used different few-shot counts (num_fewshot: {_per_model(shots)}).")
        for model_name, model in by_model.items():
            s = model.get(task)
            if s is not None and s.items_total:
                warnings.append(
                    f"{name}: {model_name} was scored on {s.n} of {s.items_total} items (a limited run); "
                    "the score is not comparable with full runs."
                )
    for key, what in COMPARED.items():
        values = {model: s[key] for model, s in settings.items() if s.get(key)}
        if len(set(values.values())) > 1:
            warnings.append(f"Runs used different {what}: {key} differs ({_per_model(values)}); their scores may not be comparable.")
    harnesses = list(dict.fromkeys(r.harness for r in runs))
    if len(harnesses) > 1:
        used = {model: ", ".join(dict.fromkeys(r.harness for r in runs if r.model == model)) for model in by_model}
        warnings.append(f"Runs come from different harnesses ({_per_model(used)}); prompts and scoring may differ.")
    versions = {}
    for run in runs:
        if run.version:
            versions.setdefault(run.model, f"{run.harness} {run.version}" if len(harnesses) > 1 else run.version)
    if len(set(versions.values())) > 1:
        warnings.append(f"Runs used different harness versions ({_per_model(versions)}); task implementations may differ.")

    version_list = list(dict.fromkeys(
        (f"{r.harness} {r.version}" if len(harnesses) > 1 else r.version) for r in runs if r.version
    ))
    computed = [f"{names[t]} ({s[0].note})" for t, s in tasks.items() if any(x.note for x in s)]
    if description is None:
        parts = []
        for harness in harnesses:
            used = list(dict.fromkeys(r.version for r in runs if r.harness == harness and r.version))
            parts.append(f"{harness} {used[0]}" if len(used) == 1 else harness)
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        description = f"Imported from {listed} results."
        several = [h for h in harnesses if len({r.version for r in runs if r.harness == h and r.version}) > 1]
        for harness in several:
            used = dict.fromkeys(r.version for r in runs if r.harness == harness and r.version)
            description += f" {harness} versions: {', '.join(used)}."
        if computed:
            description += f" Computed on import, not by the harness: {'; '.join(computed)}."

    metrics = list(dict.fromkeys(scores[0].metric for scores in tasks.values()))
    y_metric = metrics[0] if len(metrics) == 1 else "Score"

    document: dict = {"title": title, "description": description}
    document["y_title"] = f"{y_metric} (%)" if percent else y_metric
    if percent and all(s.higher_is_better for scores in tasks.values() for s in scores):
        document["y_range"] = [0, 100]
    document["precision"] = precision
    document["benchmarks"] = []
    for task, scores in tasks.items():
        entry: dict = {"name": names[task], "metric": scores[0].metric}
        n = next((s.n for s in scores if s.n is not None), None)
        if n is not None and _proportions(scores):  # n gives a binomial margin: proportions only
            entry["n"] = n
        entry["higher_is_better"] = scores[0].higher_is_better
        document["benchmarks"].append(entry)
    document["models"] = []
    for model_name, model in by_model.items():
        out = {}
        for task in tasks:
            score = model.get(task)
            if score is None:
                continue  # a task this model was not run on: a missing score, not an error
            value = {"value": score.value * factor[id(score)]}
            if score.stderr is not None:
                value["stderr"] = score.stderr * factor[id(score)]
            for what, number in value.items():
                if not math.isfinite(number) or abs(number) >= MAX_MAGNITUDE:
                    raise ImportProblem(
                        f"{origin[id(score)].file}: the {'score' if what == 'value' else what} of {model_name} on {names[task]} "
                        f"is {number:g} as imported, beyond ±1e15, which the site cannot compare exactly "
                        f"(check the file{'; or give a smaller --scale' if scale is not None else ''})"
                    )
            out[names[task]] = value
        document["models"].append({"name": model_name, "scores": out})
    source: dict = {"harness": ", ".join(harnesses)}
    if version_list:
        source["version"] = ", ".join(version_list)
    source["files"] = list(dict.fromkeys(printable(r.file) for r in runs))
    models_settings = {model: s for model, s in settings.items() if s}
    if models_settings:
        source["models"] = models_settings
    if warnings:
        source["warnings"] = list(dict.fromkeys(warnings))
    document["source"] = source
    return document


def _per_model(values: dict[str, object]) -> str:
    return "; ".join(f"{model}: {value}" for model, value in values.items())


# -- writing -----------------------------------------------------------------------------------


def schema_comment(output: Path) -> str:
    """A yaml-language-server line pointing at the schema benchboard ships, relative to OUT.

    Written only when OUT is in the same project (git work tree) as benchboard's own files, as
    in this repository; elsewhere a relative path into an installation would not be portable.
    """
    schema = Path(__file__).resolve().parent.parent / "schemas" / "result.schema.json"
    folder = output.resolve().parent
    root = next((p for p in (folder, *folder.parents) if (p / ".git").exists()), None)
    if not schema.is_file() or root is None or root not in schema.parents:
        return ""
    return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}\n"


def to_yaml(document: dict, output: Path | None = None) -> str:
    header = schema_comment(output) if output is not None else ""
    header += "# Written by build-site import from the files listed under source; edit freely.\n"
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def validate(text: str, name: str) -> None:
    """Load the file with the real loader, as the build will; a failure is a bug in the importer."""
    try:
        from benchboard.errors import ContentError
        from benchboard.load import load_report_file
    except ImportError:  # the loader is not there (partial install): nothing to check against
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "results" / name
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        try:
            load_report_file(path, Path(tmp))
        except ContentError as exc:
            problems = getattr(exc, "problems", None) or [exc]
            raise ImportProblem(
                "the converted file does not validate (a bug in build-site import; please report it): "
                + "; ".join(str(p) for p in problems)
            ) from None


def write(text: str, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- command line ------------------------------------------------------------------------------

USAGE = "build-site import [FORMAT] FILES... -o OUT.yaml [options]"

DESCRIPTION = """\
Convert the result files an evaluation harness wrote into one benchboard result file:
models as rows, benchmarks as columns, one report page.

FORMAT is one of: auto (the default: detect each file), lm-eval, lighteval, evalscope,
opencompass. It may be left out, or given as --format FORMAT.

Order: models in the order of the FILES (OpenCompass: its columns), benchmarks in the order
first seen. Scores between 0 and 1 become percentages. A task one model lacks is a missing
score, not an error. A benchmark has one metric for every run: the preferred one if all runs
have it, else the best they share; none shared is an error. n (items) is written only for
proportions (accuracies), not for perplexities. When the runs used different settings
(sampling, few-shot, limit, harness version) the file gets a warning, shown on the report page.
"""

EPILOG = """\
defaults:
  metric   lm-eval: acc_norm > acc > exact_match > prompt_level_strict_acc > inst_level_strict_acc > ...
           lighteval: em > quasi_exact_match > exact_match > acc_norm > acc > ...
           evalscope: mean_acc > AverageAccuracy > ...; OpenCompass: the first metric row
           all runs of a task get one metric: the first above that every run has a number for
  filter   lm-eval: none if the task has it, else its first filter (again one that every run has)
  groups   auto: top-level tasks; a group without an aggregate is replaced by its subtasks

examples:
  build-site import lm-eval results/*/results_*.json -o content/results/open-llm.yaml \\
      --title "Open LLM tasks" --groups mean --rename leaderboard_bbh=BBH --rename leaderboard_gpqa=GPQA
  build-site import outputs/default/*/summary/summary_*.csv -o content/results/oc.yaml
  build-site import reports/*/math_500.json -o content/results/math.yaml --precision 2

Errors print "FILE: what is wrong (how to fix)" and exit 1. See docs/importers.md.
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``import`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "import",
        help="convert harness result files (lm-eval, lighteval, evalscope, OpenCompass) into a result file",
        usage=USAGE,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="[FORMAT] FILES", help="optional format, then the harness's result files")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.yaml", help="result file to write, e.g. content/results/NAME.yaml ('-' prints it); its folder must exist "
                        "(a missing content/results/ is created)")
    parser.add_argument("--format", choices=FORMAT_NAMES, default=None, help="force the format of every file (default: auto)")
    parser.add_argument("--title", default=None, metavar="TEXT", help="report title (default: from the output file name)")
    parser.add_argument("--description", default=None, metavar="TEXT", help="report description (default: 'Imported from HARNESS VERSION results.')")
    parser.add_argument("--metric", action="append", default=[], metavar="METRIC|TASK=METRIC",
                        help="metric to import: for every task that has it, or for one task (repeatable)")
    parser.add_argument("--filter", action="append", default=[], metavar="FILTER|TASK=FILTER",
                        help="lm-eval filter, e.g. strict-match (default: none, else the task's first; repeatable)")
    parser.add_argument("--tasks", action="append", default=[], metavar="PATTERN",
                        help="only tasks whose key matches this glob, e.g. 'leaderboard_*' (repeatable)")
    parser.add_argument("--groups", choices=GROUP_MODES, default="auto",
                        help="lm-eval groups: auto (harness aggregates, else subtasks), mean (one column per group, "
                        "item-weighted mean of its subtasks when the harness gave none), subtasks (leaf tasks only)")
    parser.add_argument("--rename", action="append", default=[], metavar='TASK="NAME"',
                        help="display name of a benchmark, by task key or shown name (repeatable)")
    parser.add_argument("--model-name", action="append", default=[], metavar="NAME|OLD=NEW",
                        help="model names: one per run in file order, or OLD=NEW (repeatable; not blank, no control characters)")
    parser.add_argument("--keep-org", action="store_true", help="keep the organisation in model names (deepseek-ai/...)")
    parser.add_argument("--scale", type=float, default=None, metavar="FACTOR",
                        help="multiply every score and stderr by this, a finite number > 0 (default: 100 for 0-1 scores, else 1)")
    parser.add_argument("--precision", type=int, default=1, metavar="DECIMALS", help="decimals shown (default 1); values keep full precision")
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    return parser


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    result = {}
    for item in values:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if not sep or not key or not value:
            raise ImportProblem(f"{flag} {item!r}: expected KEY=VALUE (e.g. {flag} leaderboard_gpqa_diamond=\"GPQA Diamond\")")
        result[key] = value
    return result


def _options(args: argparse.Namespace) -> Options:
    options = Options(tasks=list(args.tasks or []), groups=args.groups or "auto", keep_org=bool(args.keep_org))
    for item in args.metric or []:
        if "=" in item:
            options.task_metric.update(_pairs([item], "--metric"))
        elif options.metric not in (None, item):
            raise ImportProblem(f"--metric given twice ({options.metric}, {item}); for one task use --metric TASK=METRIC")
        else:
            options.metric = item.strip()
    for item in args.filter or []:
        if "=" in item:
            options.task_filter.update(_pairs([item], "--filter"))
        else:
            options.filter = item.strip()
    return options


def _check_output_folder(output: Path) -> None:
    """OUT's folder must exist; only a missing content/results/ (or results/) is created."""
    folder, missing = output.parent, []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder.name)
        folder = folder.parent
    if not folder.is_dir():
        raise ImportProblem(f"{output}: {folder} is a file, not a folder (check the path)")
    if missing and missing[::-1] not in (["results"], ["content", "results"]):
        top = folder / missing[-1]
        also = f", nor does {top}" if top != output.parent else ""
        raise ImportProblem(
            f"{output}: the folder {output.parent} does not exist{also} (check the path, or create the folder first; "
            "only a missing content/results/ folder is created)"
        )


def _check_texts(args: argparse.Namespace, renames: dict[str, str]) -> None:
    """Names and text given as options: nothing blank, nothing the site refuses."""
    given = [("--title", args.title), ("--description", args.description)]
    given += [("--rename", f"{key}={value}") for key, value in renames.items()]
    for item in args.model_name or []:
        if "=" in item:
            given.append(("--model-name", item))
        elif not item.strip():
            raise ImportProblem(
                f"--model-name {item!r}: a model name cannot be blank "
                "(give the name to show, one per run in file order, e.g. --model-name Llama-3.1-8B-Instruct)"
            )
        else:
            given.append(("--model-name", item))
    if args.title is not None and not args.title.strip():
        raise ImportProblem(f"--title {args.title!r}: the title cannot be blank (leave --title out to take it from the file name)")
    for flag, text in given:
        bad = bad_character(text) if text is not None else None
        if bad and not (flag == "--model-name" and "=" in text and not bad_character(text.partition("=")[2])):
            raise ImportProblem(f"{flag} {text!r}: holds {bad}, which the site refuses (type it without that character)")


def run(args: argparse.Namespace) -> int:
    """Run ``build-site import``; returns the exit code (0 written, 1 a problem, printed)."""
    try:
        inputs = [str(i) for i in args.inputs]
        fmt = args.format
        first = ALIASES.get(inputs[0], inputs[0]) if inputs else None
        if first in FORMAT_NAMES and not Path(inputs[0]).exists():
            inputs.pop(0)
            if fmt not in (None, first):
                raise ImportProblem(f"{first}: the format is given twice ({first} and --format {fmt}); give it once")
            fmt = first
        fmt = fmt or "auto"
        if not inputs:
            raise ImportProblem("FILES: no input files given (e.g. build-site import lm-eval out/*/results_*.json -o OUT.yaml)")
        if args.precision < 0 or args.precision > 6:
            raise ImportProblem(f"--precision {args.precision}: give 0 to 6 decimals")
        if args.scale is not None and not (args.scale > 0 and math.isfinite(args.scale)):
            raise ImportProblem(f"--scale {args.scale}: give a finite positive number (100 for percent, 1 to keep the numbers)")
        output = None if args.output == "-" else Path(args.output)
        if output is not None and output.suffix not in (".yaml", ".yml"):
            raise ImportProblem(f"{output}: the output should be a .yaml file under content/results/ (e.g. -o content/results/NAME.yaml)")
        if output is not None and output.exists() and not args.force:
            raise ImportProblem(f"{output}: exists already (pass --force to overwrite it)")
        if output is not None:
            _check_output_folder(output)
        options = _options(args)
        renames = _pairs(args.rename or [], "--rename")
        _check_texts(args, renames)
        runs = read_runs(inputs, fmt, options)
        stem = output.stem if output is not None else "imported"
        title = args.title or stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Imported results"
        if bad_character(title):
            raise ImportProblem(f"{output}: the file name holds {bad_character(title)}, which the site refuses in the title it gives (rename the file, or give --title)")
        document = merge(runs, title=title, renames=renames, scale=args.scale, precision=args.precision,
                         model_names=list(args.model_name or []), description=args.description)
        text = to_yaml(document, output)
        validate(text, output.name if output is not None else "imported.yaml")
        if output is None:
            sys.stdout.write(text)
        else:
            write(text, output)
    except ImportProblem as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or args.output}: cannot write ({exc.strerror})", file=sys.stderr)
        return 1
    for note in dict.fromkeys(options.notes):
        print(f"note: {note}", file=sys.stderr)
    for warning in [*dict.fromkeys(options.warnings), *document["source"].get("warnings", [])]:
        print(f"warning: {warning}", file=sys.stderr)
    if output is not None:
        models, benchmarks = len(document["models"]), len(document["benchmarks"])
        print(f"wrote {output}: {models} model{'s' * (models != 1)} x {benchmarks} benchmark{'s' * (benchmarks != 1)}")
    return 0
