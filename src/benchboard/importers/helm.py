"""HELM output: a run's ``stats.json`` (with its ``run_spec.json`` beside it), or a leaderboard
table ``groups/GROUP.json`` (many models).

- ``runs/SUITE/RUN/stats.json`` is a list of statistics ``{name: {name, split, perturbation?},
  count, mean, ...}``. The score is the unperturbed ``test`` (else ``valid``) split's mean of the
  scenario's accuracy (``bbq_accuracy``), else ``exact_match``, ``quasi_exact_match``, ... (the
  first present; ``--metric`` picks another); ``n`` is ``num_instances``. The model and the
  scenario come from ``run_spec.json`` beside it (``adapter_spec.model``, ``name``), else from
  the run folder's name (``bbq:subject=all,...,model=meta_llama-3-8b``). A ``run_spec.json``
  given alone is read through the ``stats.json`` beside it.
- ``runs/SUITE/groups/GROUP.json`` is a list of tables ``{title, header, rows}``: the first
  column is the model, each other column a metric; columns of run information (``# eval``,
  ``# train``, ``truncated``, token counts, times) are not scores, and ``# eval`` gives ``n``.

The metric is HELM's own headline for the run's group (``run_spec.json`` ``groups``): the
``main_name`` (and ``main_split``) of that run group in the suite's ``schema.json`` that
``helm-summarize`` writes beside the runs, else in HELM's schema files (``helm_main_metrics.json``,
generated from ``schema_*.yaml``): NarrativeQA's F1, GSM8K's final-number exact match, MATH's
equivalence, WMT's BLEU-4, LegalBench's quasi exact match. Exact matches and accuracies are
shares of instances (percent with ``n``); F1, ROUGE and BLEU are not (percent without ``n``);
other metrics keep their numbers.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import ImportProblem, Options, Run, TaskScore, item_count, metric_for, number, short_model_name

name = "helm"
harness = "HELM"
INFO_COLUMNS = re.compile(r"#.*|truncated|.*inference time.*|.*tokens.*", re.IGNORECASE)
PREFERENCE = ("exact_match", "quasi_exact_match", "final_number_exact_match", "prefix_exact_match",
              "quasi_prefix_exact_match", "f1_score", "rouge_l", "bleu_4")
SPLITS = ("test", "valid")
SMOKE = 100  # fewer instances than this: a smoke test (HELM's full runs evaluate up to 1000)
# A share of instances (each scores 0 or 1); F1, ROUGE, BLEU and the like are means of a graded score.
SHARE = re.compile(r"(?:quasi_)?(?:prefix_)?exact_match(?:_indicator)?|final_number_exact_match|math_equiv\w*|"
                   r"(?!ifeval)\w*accuracy|\w*_correct\w*|pass|refusal_rate")
GRADED = re.compile(r".*(?:f1|rouge|bleu|chr_f|ibleu|similarity).*", re.IGNORECASE)


def kind(metric: str) -> str:
    """ "proportion" for a share of instances, "ratio" for a graded 0-1 score, else "other"."""
    return "proportion" if SHARE.fullmatch(metric) else "ratio" if GRADED.fullmatch(metric) else "other"


@functools.lru_cache(maxsize=1)
def _builtin() -> dict[str, list[list[str]]]:
    table = Path(__file__).with_name("helm_main_metrics.json")
    return json.loads(table.read_text(encoding="utf-8"))["run_groups"]


def main_metrics(stats_path: Path, groups: list[str]) -> list[tuple[str, str]]:
    """(metric, split) HELM reports first for these run groups: the suite's schema.json, else HELM's own."""
    schema = files.json_data(stats_path.parent.parent / "schema.json") if (stats_path.parent.parent / "schema.json").is_file() else None
    found: list[tuple[str, str]] = []
    for group in (schema or {}).get("run_groups") or [] if isinstance(schema, dict) else []:
        env = group.get("environment") if isinstance(group, dict) else None
        if isinstance(env, dict) and group.get("name") in groups and env.get("main_name"):
            found.append((str(env["main_name"]), str(env.get("main_split") or "test")))
    for group in groups:
        found += [(m, s) for m, s in _builtin().get(group, [])]
    return list(dict.fromkeys(found))


def _is_stats(data) -> bool:
    return isinstance(data, list) and bool(data) and all(
        isinstance(x, dict) and isinstance(x.get("name"), dict) and "count" in x for x in data[:5]
    )


def _is_groups(data) -> bool:
    return isinstance(data, list) and bool(data) and all(
        isinstance(x, dict) and isinstance(x.get("header"), list) and isinstance(x.get("rows"), list) for x in data[:5]
    )


def _is_run_spec(data) -> bool:
    return isinstance(data, dict) and "adapter_spec" in data and "scenario_spec" in data


def _sibling(path: Path, mine: str, theirs: str) -> Path:
    """stats.json <-> run_spec.json in one run folder (or copies named PREFIX_stats.json)."""
    return path.with_name(path.name[: -len(mine)] + theirs) if path.name.endswith(mine) else path.with_name(theirs)


def can_read(path: Path) -> bool:
    data = files.json_data(path)
    if _is_stats(data) or _is_groups(data):
        return True
    if _is_run_spec(data):
        stats = _sibling(path, "run_spec.json", "stats.json")
        return stats.is_file() and _is_stats(files.json_data(stats))
    return False


def read(path: Path, options: Options) -> list[Run]:
    data = files.json_data(path)
    if _is_groups(data):
        return _read_groups(path, data, options)
    if _is_run_spec(data):
        stats_path = _sibling(path, "run_spec.json", "stats.json")
        if not (stats_path.is_file() and _is_stats(files.json_data(stats_path))):
            raise ImportProblem(f"{path}: a HELM run_spec.json holds settings, not scores; give the stats.json of the run")
        return _read_stats(stats_path, files.json_data(stats_path), data, options, shown=path)
    if not _is_stats(data):
        raise ImportProblem(f"{path}: not HELM output (expected stats.json or groups/*.json; this is {files.describe(path)})")
    spec_path = _sibling(path, "stats.json", "run_spec.json")
    spec = files.json_data(spec_path) if spec_path.is_file() else None
    return _read_stats(path, data, spec if _is_run_spec(spec) else None, options, shown=path)


def _read_stats(path: Path, stats: list, spec: dict | None, options: Options, shown: Path) -> list[Run]:
    run_name = str(spec.get("name")) if spec else path.parent.name
    scenario, _, args = run_name.partition(":")
    fields = dict(part.partition("=")[::2] for part in args.split(",") if "=" in part)
    adapter = spec.get("adapter_spec") if spec and isinstance(spec.get("adapter_spec"), dict) else {}
    model = adapter.get("model") or fields.get("model", "").replace("_", "/", 1) or None
    if not model:
        options.notes.append(f"{shown}: no run_spec.json beside it and no model in the folder name; give the name with --model-name")
    run = Run(str(shown), harness, None, short_model_name(str(model or "model"), options.keep_org))
    subset = ",".join(f"{k}={v}" for k, v in fields.items() if k not in ("model", "method", "model_deployment"))
    task = f"{scenario}:{subset}" if subset else scenario or "scenario"
    if options.tasks and not (options.wanted(task) or options.wanted(scenario)):
        return [run]
    by_split: dict[str, dict[str, float]] = {}
    for stat in stats:
        key = stat.get("name") if isinstance(stat, dict) else None
        if not isinstance(key, dict) or key.get("perturbation") or key.get("sub_split"):
            continue
        value = number(stat.get("mean"))
        if value is not None and stat.get("count"):
            by_split.setdefault(str(key.get("split")), {})[str(key.get("name"))] = value
    groups = [str(g) for g in spec.get("groups") or []] if spec and isinstance(spec.get("groups"), list) else []
    main = main_metrics(path, groups or [scenario])
    split = next((s for m, s in main if m in by_split.get(s, {})), None) or next((s for s in SPLITS if s in by_split), next(iter(by_split), None))
    values = by_split.get(split or "", {})
    preference = (*(m for m, _ in main), f"{scenario}_accuracy", *PREFERENCE)
    scores = {k: v for k, v in values.items() if k in preference or k.endswith(("accuracy", "exact_match"))}
    judge = annotators(spec)
    column = f"{task} (judge: {judge})" if judge else task  # two judges are two measurements, as inspect's and AlpacaEval's
    metric = metric_for(column, list(scores) or list(values), options, preference, str(shown))
    if metric:
        n = item_count(values.get("num_instances"), f"{shown}: num_instances", options)
        what = kind(metric)
        run.scores.append(TaskScore(
            task=column, name=column, metric=metric, value=values[metric], n=n if what == "proportion" else None,
            higher_is_better=True, unit="fraction" if what != "other" else None, kind=what,
        ))
    run.settings = {k: str(v) for k, v in {
        "judge": judge,
        "method": adapter.get("method") or fields.get("method"),
        "max_eval_instances": adapter.get("max_eval_instances"),
        "max_train_instances": adapter.get("max_train_instances"),
        "temperature": adapter.get("temperature"),
        "split": split,
    }.items() if v is not None and v != ""}
    limit = adapter.get("max_eval_instances")
    if isinstance(limit, int) and limit < SMOKE:
        run.warnings.append(f"HELM run with max_eval_instances={limit} (a smoke test?); its scores rest on {limit} items at most.")
    return [run]


def annotators(spec: dict | None) -> str | None:
    """The annotators a HELM run spec lists that judge its outputs (HarmBench's, Anthropic Red
    Team's: models that score them), by class name ("HarmBenchAnnotator"), or None: part of
    what the score measures, so the column and the run's settings name them."""
    listed = spec.get("annotators") if isinstance(spec, dict) else None
    names = [str(a.get("class_name")).rsplit(".", 1)[-1] for a in listed or [] if isinstance(a, dict) and a.get("class_name")]
    # image2struct's compilers (LaTeX, webpage, LilyPond) render the output for a metric to compare: no judge
    return ", ".join(dict.fromkeys(n for n in names if "Compiler" not in n)) or None


def _cell(cell):
    return cell.get("value") if isinstance(cell, dict) else cell


def _split_label(label: str) -> tuple[str, str]:
    """("HarmBench", "# eval") for "HarmBench - # eval": a multi-scenario table prefixes every
    header with its scenario, a single-scenario one does not ("", "# eval")."""
    scenario, _, last = label.rpartition(" - ")
    return scenario.strip(), last.strip()


def _eval_counts(tables: list) -> dict[tuple[str, str], float]:
    """(model, scenario) -> HELM's "# eval" (instances evaluated), from whichever table has it."""
    counts: dict[tuple[str, str], float] = {}
    for table in tables:
        for column, head in enumerate(table["header"]):
            scenario, info = _split_label(str(_cell(head) or ""))
            if info != "# eval":
                continue
            for row in table["rows"]:
                if isinstance(row, list) and len(row) > column and (value := number(_cell(row[column]))) is not None:
                    counts[(str(_cell(row[0]) or "").strip(), scenario)] = value
    return counts


def _scenario_of(label: str, scenarios: set[str]) -> str | None:
    """The scenario a score column belongs to: the longest known "SCENARIO - " prefix, else the
    bare table's own (single-scenario tables name none); None for a cross-scenario column."""
    prefixed = [s for s in scenarios if s and label.startswith(s + " - ")]
    if prefixed:
        return max(prefixed, key=len)
    return "" if scenarios == {""} else None


def _read_groups(path: Path, tables: list, options: Options) -> list[Run]:
    runs: dict[str, Run] = {}
    several = len(tables) > 1
    counts = _eval_counts(tables)
    scenarios = {scenario for _, scenario in counts}
    for table in tables:
        header = table["header"]
        title = str(table.get("title") or "")
        for column, head in enumerate(header[1:], 1):
            label = str(_cell(head) or "")
            if not label or INFO_COLUMNS.fullmatch(_split_label(label)[1]):
                continue
            lower = bool(head.get("lower_is_better")) if isinstance(head, dict) else False
            task = f"{label} ({title})" if several and title else label
            if options.tasks and not options.wanted(task):
                continue
            if label.startswith("Mean win rate") and any(
                    isinstance(r, list) and len(r) > column and number(_cell(r[column])) is not None for r in table["rows"]):
                options.notes.append(f"{path}: {task!r} ranks each model among the models of this table only "
                                     "(it changes when a model is added); leave it out with --tasks")
            scenario = _scenario_of(label, scenarios)
            proportion = bool(re.search(r"accuracy|\bEM\b|exact match", label, re.IGNORECASE)) and not lower
            graded = not proportion and not lower and bool(re.search(r"\bF1\b|ROUGE|BLEU", label))
            # The judge: the annotators the rows' run specs name. HELM sets a scenario's annotators
            # for every model alike, so one judge found names the whole column (the other rows'
            # run folders may not have been copied); several are several measurements, one per row.
            judges = {i: _row_judge(path, _runs_cell(row, column, scenarios)) for i, row in enumerate(table["rows"])
                      if isinstance(row, list) and len(row) > column}
            found = set(judges.values()) - {None}
            unnamed_judge = False
            for line, row in enumerate(table["rows"]):
                if not isinstance(row, list) or len(row) <= column:
                    continue
                model = str(_cell(row[0]) or "").strip()
                value = number(_cell(row[column]))
                if not model:
                    continue
                run = runs.setdefault(model, Run(str(path), harness, None, model))
                if value is None:
                    continue
                judge = next(iter(found)) if len(found) == 1 else judges.get(line)
                unnamed_judge = unnamed_judge or (judge is None and bool(JUDGED_LABEL.search(label)))
                column_name = f"{task} (judge: {judge})" if judge else task  # as a run's stats.json names it
                if judge and judge not in run.settings.get("judge", "").split(", "):  # every judge of the run's columns
                    run.settings["judge"] = ", ".join(filter(None, (run.settings.get("judge"), judge)))
                metric = metric_for(column_name, [label], options, (label,), str(path))
                if not metric:
                    continue
                n = item_count(counts.get((model, scenario)) if scenario is not None else None,
                               f"{path}: {title} row {line + 1} # eval", options)
                run.scores.append(TaskScore(
                    task=column_name, name=column_name, metric=label, value=value, n=n if proportion else None,
                    higher_is_better=not lower, unit="fraction" if proportion or graded else None,
                    kind="proportion" if proportion else "ratio" if graded else "other",
                ))
            if unnamed_judge:
                options.notes.append(f"{path}: {task!r} was scored by a model (its label says so), and no run_spec.json of "
                                     "its runs is beside the groups folder to say which; import the runs' stats.json to "
                                     "record the judge")
    _warn_smoke_tests(runs, counts)
    return list(runs.values())


# A groups-table column whose label says a model scored it (HELM's safety scenarios)
JUDGED_LABEL = re.compile(r"model[- ]evaluated|annotat|judge|LM[- ]evaluated|GPT-?4 (?:evaluat|rating|judg)", re.IGNORECASE)


def _runs_cell(row: list, column: int, scenarios: set[str]):
    """The cell naming the runs behind ``row[column]``: the score cell itself (HELM writes
    ``run_spec_names`` on each score of a multi-scenario table), else, in a single-scenario
    table, the row's first cell; None when neither names them."""
    cell = row[column]
    if isinstance(cell, dict) and cell.get("run_spec_names"):
        return cell
    return row[0] if scenarios <= {""} else None


def _row_judge(path: Path, cell) -> str | None:
    """The judge of a cell's runs: the annotators of the run_spec.json its runs
    (``run_spec_names``) left in the run folders beside ``groups/`` (runs/v3/NAME/run_spec.json),
    as a run's own import names them; None when no such file is there or it names none."""
    names = cell.get("run_spec_names") if isinstance(cell, dict) else None
    for name in names if isinstance(names, list) else []:
        if not isinstance(name, str) or not name or any(c in name for c in "/\\") or name in (".", ".."):
            continue
        judge = _judge_in(path.parent.parent / name / "run_spec.json")
        if judge is not False:
            return judge
    return None


def _judge_in(spec_path: Path) -> str | None | bool:
    """annotators() of a run_spec.json (read through files.json_data: bounded, cached by the
    file's state), or False when there is no readable run spec there (never an error: the
    groups table is what is imported)."""
    try:
        spec = files.json_data(spec_path) if spec_path.is_file() else None
    except (ImportProblem, OSError, ValueError):  # empty, too large, a name too long for the system: no run spec here
        return False
    return annotators(spec) if _is_run_spec(spec) else False


def _warn_smoke_tests(runs: dict[str, Run], counts: dict[tuple[str, str], float]) -> None:
    """A scenario evaluated on fewer than SMOKE instances is a smoke test, as max_eval_instances says for stats.json."""
    for model, run in runs.items():
        few = {scenario or "the scenario": int(n) for (m, scenario), n in counts.items() if m == model and n < SMOKE}
        if few and run.scores:
            listed = ", ".join(f"{s} {n}" for s, n in few.items())
            run.warnings.append(f"HELM evaluated it on few instances (# eval: {listed}): a smoke test, not a result; "
                                "its scores rest on that many items at most.")
