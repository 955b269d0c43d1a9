"""Runs -> one comparison: models as rows, benchmarks as columns, with provenance.

Scale follows what each metric is (``kind_of``), never the other runs' values: a proportion or
ratio written 0-1 is shown x100 as a percent, a metric of another kind keeps its harness's
numbers and unit. Values are scaled in decimal, so 0.202 becomes 20.2. Two runs of one model
that scored the same task are kept apart under names that say which file each came from, unless
they are one result given twice (``duplicates``).
"""

from __future__ import annotations

import math
from collections import Counter
from decimal import Decimal
from pathlib import Path

from benchboard.load.results import MAX_BENCHMARKS, MAX_MAGNITUDE, MAX_MODELS  # said up front, not as a failed validation
from benchboard.importers.common import (
    ImportProblem, Run, TaskScore, bad_character, metric_base, metric_kind, own_unit, printable, public_text,
)
from benchboard.importers.duplicates import distinguish
from benchboard.importers.naming import bound_model_names
from benchboard.model import name_form

# Settings that change scores; runs that differ in one are flagged in source.warnings.
COMPARED = {
    "gen_kwargs": "generation settings",
    "chat_template": "chat templates",
    "dtype": "model dtypes",
    "limit": "sample limits",
    "max_samples": "sample limits",
    "mode": "evaluation modes",
    "epochs": "epochs",
}


def pairs(values: list[str], flag: str) -> dict[str, str]:
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


def listing(items, limit: int = 12) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items)} in all)" if len(items) > limit else "")




def rename_models(runs: list[Run], names: list[str]) -> None:
    """--model-name: either NAME per run in order, or OLD=NEW pairs."""
    if not names:
        return
    pairs_given = [n for n in names if "=" in n]
    if pairs_given and len(pairs_given) != len(names):
        raise ImportProblem("--model-name: give either one NAME per run, in file order, or OLD=NEW pairs, not both")
    if pairs_given:
        mapping = pairs(pairs_given, "--model-name")
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


def _name_problem(text: str) -> str | None:
    """What the site would refuse in a name: blank, or a control character."""
    if not text.strip():
        return "is blank"
    bad = bad_character(text)
    return f"holds {bad}, which the site refuses" if bad else None


def kind_of(score: TaskScore) -> str:
    """ "proportion", "ratio" or "other": what the metric measures, never what the other runs hold.

    The reader's word first (MTEB: a correlation is "other" though it is a fraction); else the
    metric's name; a metric a harness writes as a fraction or percent is at least a "ratio".
    """
    if score.kind:
        return score.kind
    kind = metric_kind(score.metric, score.higher_is_better)
    return "ratio" if kind == "other" and score.unit in ("fraction", "percent") and score.higher_is_better else kind


def natural_factor(score: TaskScore) -> float:
    """x100 for a fraction (declared, or a proportion/ratio metric of a harness writing 0-1), else x1."""
    if score.unit == "fraction":
        return 100.0
    if score.unit == "percent":
        return 1.0
    return 100.0 if kind_of(score) in ("proportion", "ratio") else 1.0


def unit_of(score: TaskScore, factor: float) -> str:
    """The unit written for a benchmark, from its metric and the factor applied: a share shown
    x100 of a fraction is "percent", x1 "fraction"; other metrics keep their own unit."""
    kind = kind_of(score)
    natural = natural_factor(score)
    base = metric_base(score.metric)
    if kind in ("proportion", "ratio"):
        of_fraction = factor if natural == 100.0 else factor * 100  # what a 0-1 fraction was multiplied by
        return "percent" if of_fraction == 100 else "fraction" if of_fraction == 1 else f"{base} x{of_fraction:g}"[:40]
    if factor == 1.0:
        return own_unit(score.metric)
    return f"{base} x{factor:g}"[:40]


def scaled(value: float, factor: float) -> float:
    """value x factor in decimal: 0.202 x 100 is 20.2, not 20.200000000000003."""
    if factor == 1.0:
        return value
    return float(Decimal(repr(value)) * Decimal(repr(factor)))


def _check_fraction(score: TaskScore, run: Run, factor: float) -> None:
    if factor == 100.0 and score.unit is None and not (-1e-9 <= score.value <= 1 + 1e-9):
        raise ImportProblem(
            f"{run.file}: {score.metric} of {run.model} on {score.task} is {score.value!r}, but {run.harness} writes "
            f"{metric_base(score.metric)} as a fraction within 0-1 (fix the file, or keep the numbers as written with --scale 1)"
        )


def public_names(paths: list[str]) -> list[str]:
    """Each file by its name, with as many folders above as it takes to tell two apart
    (results/a/results.json, results/b/results.json -> a/results.json, b/results.json), never more."""
    unique = list(dict.fromkeys(str(Path(p).resolve()) for p in paths))
    parts = {p: Path(p).parts for p in unique}
    depth = {p: 1 for p in unique}
    for _ in range(8):
        shown: dict[str, list[str]] = {}
        for p in unique:
            shown.setdefault("/".join(parts[p][-depth[p]:]), []).append(p)
        clashes = [ps for ps in shown.values() if len(ps) > 1]
        if not clashes:
            break
        for ps in clashes:
            for p in ps:
                depth[p] = min(depth[p] + 1, len(parts[p]) - 1)
    return list(dict.fromkeys("/".join(parts[p][-depth[p]:]) for p in unique))


def auto_precision(columns: list[tuple[str, list[float]]]) -> int:
    """Decimals shown when --precision is not given, the finest any column needs (one
    precision serves the whole report): one for a percentage; for another unit enough that its
    usual spread is not rounded away (an MCC of -0.05 shown at one decimal is -0.1, twice its
    size): three within ±1, two under 100, else one."""
    def needs(unit: str, values: list[float]) -> int:
        largest = max((abs(v) for v in values), default=0.0)
        if unit == "percent" or largest >= 100:
            return 1
        return 3 if largest <= 1 else 2
    return max((needs(unit, values) for unit, values in columns), default=1)


def merge(
    runs: list[Run],
    *,
    title: str,
    renames: dict[str, str] | None = None,
    scale: float | None = None,
    precision: int | None = None,
    model_names: list[str] | None = None,
    description: str | None = None,
    notes: list[str] | None = None,
) -> dict:
    """Runs -> a result-file document (plain data, in the documented key order)."""
    renames = renames or {}
    notes = notes if notes is not None else []
    rename_models(runs, model_names or [])
    for run in runs:
        run.model = name_form(run.model)  # as the site reads it: white space runs one space
    distinguish(runs, notes)
    bound_model_names(runs, notes)  # a long name (model @ revision) shortened, never refused by validation
    for run in runs:
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
            if own.get(key) is not None and value not in own[key].split("; "):
                value = f"{own[key]}; {value}"  # one model over several files run differently
            elif own.get(key) is not None:
                value = own[key]  # a value listed already: once
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
    if len(tasks) > MAX_BENCHMARKS:
        raise ImportProblem(
            f"{', '.join(list(dict.fromkeys(r.file for r in runs))[:3])}: {len(tasks)} benchmarks, more than the "
            f"{MAX_BENCHMARKS} one report shows (pick some with --tasks PATTERN, or --groups auto/mean for group aggregates)"
        )
    if len(by_model) > MAX_MODELS:
        raise ImportProblem(f"input: {len(by_model)} models, more than the {MAX_MODELS} one report shows (import fewer files)")

    names: dict[str, str] = {}
    for task, scores in tasks.items():
        name = name_form(renames.get(task, renames.get(scores[0].name, scores[0].name))) or name_form(task)
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
    for model_name, model in by_model.items():  # what describes one score, under its benchmark's name
        own = settings[model_name]
        for key, value in task_settings([(names[t], model[t].settings) for t in tasks if t in model]).items():
            own[key] = value if own.get(key) in (None, value) else f"{own[key]}; {value}"
    unused = [key for key in renames if key not in tasks and key not in {s[0].name for s in tasks.values()}]
    if unused:
        raise ImportProblem(f"--rename {unused[0]}=...: no task {unused[0]!r} in the import (tasks: {listing(tasks)})")

    factor: dict[int, float] = {}  # id(score) -> multiplier
    units: dict[str, str] = {}
    for task, scores in tasks.items():
        for s in scores:
            factor[id(s)] = scale if scale is not None else natural_factor(s)
            if scale is None:
                _check_fraction(s, origin[id(s)], factor[id(s)])
        written = {unit_of(s, factor[id(s)]): s for s in scores}
        if len(written) > 1:
            listed = "; ".join(f"{origin[id(s)].file} ({origin[id(s)].model}): {u}" for u, s in written.items())
            raise ImportProblem(
                f"{task}: the runs report {scores[0].metric} in different units ({listed}), and one column cannot mix them "
                "(import these runs into separate result files)"
            )
        units[task] = next(iter(written))
    percent = all(u == "percent" for u in units.values())

    # Comparability: what the runs did differently.
    for task, scores in tasks.items():
        name = names[task]
        sizes = {run_model: s.n for run_model, m in by_model.items() if (s := m.get(task)) and s.n is not None}
        if len(set(sizes.values())) > 1:
            warnings.append(
                f"{name}: the runs scored different numbers of items ({_per_model(sizes)}); n is left out, "
                "so margins come only from each score's stderr where the harness gave one."
            )
        parts = {run_model: s.subsets for run_model, m in by_model.items() if (s := m.get(task)) and s.subsets}
        if len(set(parts.values())) > 1:
            warnings.append(f"{name}: mixed settings: the runs averaged different subsets ({_per_model(parts)}); their means measure "
                            "different things (compare them on the subsets they share, or import the runs into separate files).")
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
    for run in runs:
        warnings.extend(f"{run.model}: {text}" for text in run.warnings)
    for key, what in COMPARED.items():
        values = {model: s[key] for model, s in settings.items() if s.get(key)}
        if len(set(values.values())) > 1:
            warnings.append(f"Runs used different {what}: {key} differs ({_per_model(values)}); their scores may not be comparable.")
    harnesses = list(dict.fromkeys(r.harness for r in runs))
    if len(harnesses) > 1:
        used = {model: ", ".join(dict.fromkeys(r.harness for r in runs if r.model == model)) for model in by_model}
        warnings.append(f"Runs come from different harnesses ({_per_model(used)}); prompts and scoring may differ.")
    labels = {version_label(r, len(harnesses) > 1) for r in runs}
    if len(labels) > 1 and any(r.version for r in runs):
        # every version each model's files used, in the warning and in its settings alike, so
        # that its page names the ones its scores came from
        versions = {model: model_versions([r for r in runs if r.model == model], len(harnesses) > 1) for model in by_model}
        warnings.append(f"Runs used different harness versions ({_per_model(versions)}); task implementations may differ.")
        for model, text in versions.items():
            settings[model]["harness_version"] = text

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
        counts = {s.n for s in scores}
        # A binomial margin needs one n that holds for every score, and proportions only: a
        # run of 3 items given the n of a run of 10 would get a margin it does not have.
        if len(counts) == 1 and None not in counts and all(kind_of(s) == "proportion" for s in scores):
            entry["n"] = counts.pop()
        entry["higher_is_better"] = scores[0].higher_is_better
        entry["unit"] = units[task]
        document["benchmarks"].append(entry)
    document["models"] = []
    for model_name, model in by_model.items():
        out = {}
        for task in tasks:
            score = model.get(task)
            if score is None:
                continue  # a task this model was not run on: a missing score, not an error
            value = {"value": scaled(score.value, factor[id(score)])}
            if score.stderr is not None:
                value["stderr"] = scaled(score.stderr, factor[id(score)])
            for what, number in value.items():
                if not math.isfinite(number) or abs(number) >= MAX_MAGNITUDE:
                    raise ImportProblem(
                        f"{origin[id(score)].file}: the {'score' if what == 'value' else what} of {model_name} on {names[task]} "
                        f"is {number:g} as imported, beyond ±1e15, which the site cannot compare exactly "
                        f"(check the file{'; or give a smaller --scale' if scale is not None else ''})"
                    )
            out[names[task]] = value
        document["models"].append({"name": model_name, "scores": out})
    if precision is None:
        document["precision"] = auto_precision([
            (units[task], [m["scores"][names[task]]["value"] for m in document["models"] if names[task] in m["scores"]])
            for task in tasks])
    source: dict = {"harness": ", ".join(harnesses)}
    if version_list:
        source["version"] = ", ".join(version_list)
    # File names only: the folders of the importing machine are nobody's business.
    source["files"] = [printable(name) for name in public_names([r.file for r in runs])]
    models_settings = {model: s for model, s in settings.items() if s}
    if models_settings:
        source["models"] = models_settings
    if warnings:
        source["warnings"] = list(dict.fromkeys(printable(public_text(w)) for w in warnings))
    document["source"] = source
    return document


def version_label(run: Run, several_harnesses: bool) -> str:
    """A run's harness version as the warning and the settings name it ("unknown" without one)."""
    version = run.version or "unknown"
    return f"{run.harness} {version}" if several_harnesses else version


def model_versions(runs: list[Run], several_harnesses: bool) -> str:
    """Every harness version one model's files used, those without one counted: "git 59642ab,
    git e57707a, unknown in 1 file" (a model none of whose files gives one: "unknown")."""
    known = list(dict.fromkeys(version_label(r, several_harnesses) for r in runs if r.version))
    missing = Counter(version_label(r, several_harnesses) for r in runs if not r.version)
    if not known:
        return ", ".join(missing)
    return ", ".join(known + [f"{label} in {n} file{'s' if n > 1 else ''}" for label, n in missing.items()])


def task_settings(scores: list[tuple[str, dict[str, str]]]) -> dict[str, str]:
    """One model's settings that each describe one score (``TaskScore.settings``, by benchmark
    name): a value every score shares, once ("split: test"); else each under its benchmark's
    name ("subsets: MassiveIntentClassification: da, nb, sv; STS22: zh"), with the value most
    of them share last as "other benchmarks: test" when every benchmark gives one. No score is
    described by another's value."""
    out = {}
    for key in dict.fromkeys(k for _, own in scores for k in own):
        given = [(name, own[key]) for name, own in scores if key in own]
        common, count = Counter(v for _, v in given).most_common(1)[0]
        if count == len(scores):
            out[key] = common
            continue
        folded = count > 1 and len(given) == len(scores)
        parts = [f"{name}: {value}" for name, value in given if not (folded and value == common)]
        out[key] = "; ".join(parts + [f"other benchmarks: {common}"] * folded)
    return out


def _per_model(values: dict[str, object], limit: int = 12) -> str:
    """Each run's value; past ``limit`` runs, the most common value once ("805 for 27 runs")
    and the runs that differ from it, so the one that differs is never hidden in "and 16 more"."""
    common, count = Counter(values.values()).most_common(1)[0] if len(values) > limit else (None, 0)
    items = [(m, v) for m, v in values.items() if count < 2 or v != common]
    shown = "; ".join([f"{common} for {count} runs"] * (count > 1) + [f"{model}: {value}" for model, value in items[:limit]])
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")
