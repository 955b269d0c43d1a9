"""lm-evaluation-harness results JSON (0.4.x): ``results`` with "<metric>,<filter>" keys.

Which rows become benchmarks (``--groups``):

- ``auto`` (default): the top-level rows. A group the harness aggregated (``mmlu``) is one
  benchmark; a group without an aggregate (a placeholder row ``{" ": " ", "alias": ...}``, e.g.
  ``leaderboard_bbh``) is replaced by its subtasks. Only numbers the harness wrote are used.
- ``mean``: like ``auto``, but a group without an aggregate becomes one benchmark whose score is
  the mean of its leaf subtasks weighted by their item counts (the pooled accuracy over all the
  group's items), computed on import; the report's description says so.
- ``subtasks``: every leaf task, no group aggregates.

``--tasks PATTERN`` picks rows by key at any level instead.
"""

from __future__ import annotations

import fnmatch
import json
import math
from pathlib import Path

from benchboard.importers import files
from benchboard.importers.common import (
    run_date,
    LOWER_IS_BETTER,
    ImportProblem,
    Offer,
    Options,
    Run,
    TaskScore,
    hf_cache,
    is_backend_word,
    is_local_path,
    item_count,
    last_part,
    mapping,
    local_model_note,
    metric_for,
    number,
    plain,
    revision_label,
    short_model_name,
    stderr_value,
)
from benchboard.importers.naming import unnamed_model

name = "lm-eval"
HARNESS = harness = "lm-evaluation-harness"
MAX_DEPTH = 32  # group nesting; real files have 3 levels
# First of these a task has is imported. Accuracy-type metrics first, acc_norm before acc (the
# length-normalised score is what the Open LLM Leaderboard reports for multiple choice), then
# generation metrics; IFEval's prompt-level strict accuracy is the leaderboard's IFEval number.
PREFERENCE = (
    "acc_norm", "acc", "exact_match", "prompt_level_strict_acc", "inst_level_strict_acc",
    "pass@1", "em", "f1", "mc2", "mc1", "bleu", "rougeL", "word_perplexity", "perplexity",
)
# Where the Open LLM Leaderboard (v1) reported another metric than the general order gives:
# MMLU (hendrycksTest-*, 0.3 files carry acc_norm too) as acc; TruthfulQA as mc2; DROP as
# F1 (as do the DROP and CoQA papers). CrowS-Pairs: the share of stereotyped choices
# (pct_stereotype), the number its paper and the harness's README report, not the mean
# log-likelihood difference.
TASK_PREFERENCE = (
    ("hendrycksTest-*", ("acc",) + PREFERENCE),
    ("truthfulqa*", ("mc2",) + PREFERENCE),
    ("drop*", ("f1",) + PREFERENCE),
    ("coqa*", ("f1",) + PREFERENCE),
    ("crows_pairs*", ("pct_stereotype",) + PREFERENCE),
)
# Groups whose harness aggregate nobody reports: current lm-eval defines them as tags (no
# aggregate); older versions averaged every subtask's metric into one number (TruthfulQA:
# the plain mean of MC1 and MC2, where leaderboards report MC2; GLUE: a mean of MCC, accuracy
# and F1). Their subtasks are imported instead.
NO_AGGREGATE = ("truthfulqa", "glue", "super-glue-lm-eval-v1", "super_glue", "superglue")


def preference_for(task: str) -> tuple[str, ...]:
    return next((p for pattern, p in TASK_PREFERENCE if fnmatch.fnmatchcase(task, pattern)), PREFERENCE)


# Tasks whose metrics lm-eval takes from a library that writes percent, not fractions: SQuAD
# v2 (the `squad_v2` metric: exact, f1, HasAns_*, NoAns_*, best_* all 0-100).
PERCENT_TASKS = ("squad2", "squadv2", "squad_v2")


def _percent_metric(task: str, metric: str) -> bool:
    return task in PERCENT_TASKS and metric.split(",")[0] in (
        "exact", "f1", "HasAns_exact", "HasAns_f1", "NoAns_exact", "NoAns_f1", "best_exact", "best_f1",
    )


def can_read(path: Path) -> bool:
    data = files.json_data(path)
    return isinstance(data, dict) and looks_like(data)


def looks_like(data: dict) -> bool:
    results = data.get("results")
    return (
        isinstance(results, dict)
        and any(isinstance(v, dict) and any("," in k for k in v) for v in results.values())
        and any(key in data for key in ("config", "configs", "versions", "n-shot", "group_subtasks"))
    )


def _model_args(config: dict) -> dict[str, str]:
    args = config.get("model_args")
    if isinstance(args, dict):
        return {str(k): plain(v) for k, v in args.items()}
    result = {}
    for part in str(args or "").split(","):
        key, sep, value = part.partition("=")
        if sep:
            result[key.strip()] = value.strip()
    return result


# gpt-neox evaluate.py writes its whole training configuration (hundreds of settings) as
# model_args; these few say which model and checkpoint it was, the rest is not shown.
MAX_SHOWN_ARGS = 24
CONFIG_KEYS = ("load", "iteration", "num_layers", "hidden_size", "num_attention_heads", "seq_length", "precision")


def shown_args(value) -> str:
    """model_args as shown: loader arguments whole; a training configuration by the settings
    that identify the model, and how many more it has."""
    if isinstance(value, dict) and len(value) > MAX_SHOWN_ARGS:
        kept = {k: value[k] for k in CONFIG_KEYS if value.get(k) is not None}
        return (plain(kept) + "; " if kept else "") + f"and {len(value) - len(kept)} training settings not shown"
    return plain(value)


ADAPTER_KEYS = ("peft", "lora", "delta", "adapter", "adapter_path", "lora_local_path")


def model_name(data: dict, keep_org: bool = False, options: Options | None = None, where: str = "") -> str:
    """The base model's name, then what makes this run another model: an adapter (``peft=``)
    as "BASE + ADAPTER", a revision other than main as "BASE @ REVISION"."""
    config = mapping(data.get("config"))
    args = _model_args(config)
    base = next((args[key] for key in ("pretrained", "model", "model_name", "path", "engine") if args.get(key)), None)
    base = base or data.get("model_name") or config.get("model")
    if not base or is_backend_word(base):  # "neox", "hf-causal": the backend, not a model
        what = f"its model is the backend {base!r}" if base else "it has no model_args"
        return unnamed_model(where, what, options if options is not None else Options())
    if options is not None:
        local_model_note(str(base), where, options)
    result = short_model_name(str(base), keep_org)
    adapter = next((args[key] for key in ADAPTER_KEYS if args.get(key)), None)
    if adapter:
        result += f" + {last_part(adapter) if is_local_path(adapter) or '/' in adapter else adapter}"
    revision = args.get("revision") or ""
    if revision and revision != "main":
        result += f" @ {revision_label(revision)}"
    if options is not None and (adapter or (revision and revision != "main")):
        what = " and ".join(x for x in (f"adapter {adapter!r}" if adapter else "", f"revision {revision!r}" if revision and revision != "main" else "") if x)
        options.notes.append(f"{where}: a run with {what} is a model of its own, named {result!r} (not merged into its base model)")
    return result


def _alias(row: dict, task: str) -> str:
    return str(row.get("alias", task)).strip().lstrip("-").strip() or task


def _has_scores(row: dict) -> bool:
    return any("," in k and "_stderr," not in k and number(v) is not None for k, v in row.items())


def _metrics(row: dict) -> dict[str, list[str]]:
    """metric -> filters with a number, in file order."""
    found: dict[str, list[str]] = {}
    for key, value in row.items():
        if "," in key and "_stderr," not in key and number(value) is not None:
            metric, _, filter_name = key.partition(",")
            found.setdefault(metric, []).append(filter_name)
    return found


class _File:
    """The task tree of one results file."""

    def __init__(self, data: dict, path: str, options: Options):
        self.data, self.path, self.options = data, path, options
        rows = dict(data["results"])
        for group, row in mapping(data.get("groups")).items():  # older files list aggregates here
            if isinstance(row, dict):
                rows.setdefault(group, row)
        self.rows = {k: v for k, v in rows.items() if isinstance(v, dict)}
        self.position = {task: i for i, task in enumerate(self.rows)}
        self.children = self._children()
        child_of = {c for kids in self.children.values() for c in kids}
        self.top = [t for t in self.rows if t not in child_of]
        self.samples = mapping(data.get("n-samples"))
        self.shots = mapping(data.get("n-shot"))
        self.higher = mapping(data.get("higher_is_better"))

    def _children(self) -> dict[str, list[str]]:
        subtasks = self.data.get("group_subtasks")
        if isinstance(subtasks, dict) and subtasks:
            return {
                g: sorted((c for c in kids if c in self.rows and c != g), key=lambda c: self.position[c])
                for g, kids in subtasks.items()
                if isinstance(kids, list) and g in self.rows
            }
        # Very old files: the tree is only in the alias indentation (" - x" under its group).
        children: dict[str, list[str]] = {}
        stack: list[tuple[int, str]] = []
        for task, row in self.rows.items():
            alias = str(row.get("alias", task))
            depth = len(alias) - len(alias.lstrip(" ")) + 1 if alias.lstrip().startswith("-") else 0
            while stack and stack[-1][0] >= depth:
                stack.pop()
            if stack:
                children.setdefault(stack[-1][1], []).append(task)
            stack.append((depth, task))
        return children

    def is_group(self, task: str) -> bool:
        return bool(self.children.get(task))

    def leaves(self, task: str, depth: int = 0) -> list[str]:
        if depth > MAX_DEPTH:
            raise ImportProblem(f"{self.path}: groups nested more than {MAX_DEPTH} deep at {task!r}, or in a loop (is the file damaged?)")
        if not self.is_group(task):
            return [task] if _has_scores(self.rows[task]) else []
        return [leaf for child in self.children[task] for leaf in self.leaves(child, depth + 1)]

    def items(self, task: str, mode: str, depth: int = 0) -> list[tuple[str, str]]:
        """("row" | "mean", task) entries to import for one row, by the --groups mode."""
        if depth > MAX_DEPTH:
            raise ImportProblem(f"{self.path}: groups nested more than {MAX_DEPTH} deep at {task!r}, or in a loop (is the file damaged?)")
        row = self.rows[task]
        if (self.is_group(task) and task in NO_AGGREGATE and mode != "subtasks"
                and any(_has_scores(self.rows[c]) or self.is_group(c) for c in self.children[task])):
            self.options.notes.append(
                f"{task}: the harness's aggregate (a plain mean of its subtasks' metrics) is not a number anyone reports "
                f"and current lm-eval defines none; its subtasks are imported instead"
                + (" (leaderboards report truthfulqa_mc2; --tasks truthfulqa_mc2 keeps only it)" if task == "truthfulqa" else "")
            )
            return [item for child in self.children[task] for item in self.items(child, "auto", depth + 1)]
        if task in NO_AGGREGATE and not self.is_group(task) and _has_scores(row):
            self.options.notes.append(
                f"{self.path}: {task} is only the harness's aggregate (a plain mean of its subtasks' metrics, which nobody "
                "reports); the file has none of its subtasks, so it is imported as it is, beside runs that have them"
            )
        if self.is_group(task) and (mode == "subtasks" or not _has_scores(row)):
            if mode == "mean" and not _has_scores(row):
                return [("mean", task)]
            if mode == "auto":
                self.options.notes.append(
                    f"{task} has no aggregate score in the file; its subtasks are separate benchmarks "
                    "(--groups mean makes it one benchmark)"
                )
            return [item for child in self.children[task] for item in self.items(child, mode, depth + 1)]
        if _has_scores(row):
            return [("row", task)]
        written = [(k.partition(",")[0], v) for k, v in row.items() if "," in k and "_stderr," not in k]
        if written:  # metrics written, none a number (mae: Infinity, NaN): say why the task is left out
            self.options.warnings.append(
                f"{self.path}: {task}: " + ", ".join(f"{m} is {_json_text(v)}" for m, v in written[:3])
                + ", not a finite number; the task is left out"
            )
        return []

    def selection(self) -> list[tuple[str, str]]:
        options = self.options
        if options.tasks:
            chosen = [t for t in self.rows if options.wanted(t)]
            items = [item for t in chosen for item in self.items(t, options.groups if options.groups != "subtasks" else "auto")]
        else:
            items = [item for t in self.top for item in self.items(t, options.groups)]
        return list(dict.fromkeys(items))

    # -- one score ---------------------------------------------------------------------------

    def choose(self, task: str, key: str | None = None) -> tuple[str, str] | None:
        """(metric, filter) for a row; ``key`` is the task name the user's options refer to."""
        key = key or task
        metrics = _metrics(self.rows[task])
        options = self.options
        for filters in metrics.values():
            options.seen_filters.update(filters)
        metric = metric_for(key, list(metrics), options, preference_for(key), self.path)
        if not metric:
            return None
        if key not in options.task_metric and not options.metric:
            self._note_unusable(task, metric, metrics)
        filters = metrics[metric]
        if key in options.task_filter:
            chosen = options.task_filter[key]
            if chosen not in filters:
                raise ImportProblem(
                    f"{self.path}: task {key!r} has no filter {chosen!r} for {metric} "
                    f"(it has: {', '.join(filters)}; pick one with --filter {key}=FILTER)"
                )
        else:
            agreed = options.agreed_filters.get((key, metric))  # the filter every run has
            if agreed in filters:
                chosen = agreed
            elif options.filter in filters:
                chosen = options.filter
            else:
                chosen = "none" if "none" in filters else filters[0]
            options.filter_offers.setdefault((key, metric), {})[self.path] = Offer(list(filters), (), chosen)
        return metric, chosen

    def _note_unusable(self, task: str, metric: str, metrics: dict[str, list[str]]) -> None:
        """Say so when a better-preferred metric is in the row but not a number (NaN, null, true)."""
        preference = preference_for(task)
        rank = preference.index(metric) if metric in preference else len(preference)
        for key, value in self.rows[task].items():
            name = key.partition(",")[0]
            if "," in key and "_stderr," not in key and name in preference[:rank] and name not in metrics:
                self.options.notes.append(f"{self.path}: {task}: {name} is {_json_text(value)}, not a number; imported {metric} instead")
                return

    def n(self, task: str) -> tuple[int | None, int | None]:
        """(effective, original) items of a task; for a group, summed over its leaves."""
        if self.is_group(task):
            parts = [self.n(leaf) for leaf in self.leaves(task)]
            if not parts or any(p[0] is None for p in parts):
                return None, None
            return sum(p[0] for p in parts), (sum(p[1] for p in parts) if all(p[1] is not None for p in parts) else None)
        entry = mapping(self.samples.get(task))
        effective = item_count(entry.get("effective"), f"{self.path}: n-samples.{task}.effective", self.options)
        original = entry.get("original")
        if effective is None or isinstance(original, bool) or not isinstance(original, int) or original < 1:
            original = None
        return effective, original

    def fewshot(self, task: str) -> str | None:
        tasks = self.leaves(task) if self.is_group(task) else [task]
        shots = sorted({str(self.shots[t]) for t in tasks if t in self.shots}, key=lambda s: (len(s), s))
        return ", ".join(shots) or None

    def direction(self, task: str, metric: str) -> bool:
        value = mapping(self.higher.get(task)).get(metric)
        return bool(value) if isinstance(value, bool) else metric not in LOWER_IS_BETTER

    def score(self, task: str, key: str | None = None) -> TaskScore | None:
        chosen = self.choose(task, key)
        if chosen is None:
            return None
        metric, filter_name = chosen
        row = self.rows[task]
        effective, original = self.n(task)
        return TaskScore(
            task=task,
            name=_alias(row, task),
            metric=metric if filter_name == "none" else f"{metric}, {filter_name}",
            value=number(row[f"{metric},{filter_name}"]),
            stderr=stderr_value(row.get(f"{metric}_stderr,{filter_name}"), f'{self.path}: results.{task}."{metric}_stderr,{filter_name}"'),
            n=effective,
            higher_is_better=self.direction(task, metric),
            fewshot=self.fewshot(task),
            items_total=original if original is not None and original != effective else None,
            unit="percent" if _percent_metric(task, metric) else None,
        )

    def mean(self, group: str) -> list[TaskScore]:
        """One score for a group without an aggregate: the item-weighted mean of its leaves."""
        leaves = self.leaves(group)
        key = group if group in self.options.task_metric or group in self.options.task_filter else None
        scores = [self.score(leaf, key) for leaf in leaves]
        metrics = {s.metric for s in scores if s is not None}
        if not leaves or None in scores or len(metrics) != 1:
            self.options.notes.append(
                f"{self.path}: {group} has no aggregate and its subtasks do not share one metric; "
                "importing the subtasks separately"
            )
            return [s for s in scores if s is not None]
        weighted = all(s.n for s in scores)
        weights = [s.n if weighted else 1 for s in scores]
        total = sum(weights)
        value = sum(w * s.value for w, s in zip(weights, scores)) / total
        stderr = None
        if all(s.stderr is not None for s in scores):
            stderr = math.sqrt(sum((w * s.stderr) ** 2 for w, s in zip(weights, scores))) / total
        effective, original = self.n(group)
        how = "item-weighted mean" if weighted else "unweighted mean (item counts unknown)"
        return [TaskScore(
            task=group,
            name=_alias(self.rows[group], group),
            metric=metrics.pop(),
            value=value,
            stderr=stderr,
            n=effective,
            higher_is_better=scores[0].higher_is_better,
            fewshot=self.fewshot(group),
            items_total=original if original is not None and original != effective else None,
            note=f"{how} of {len(scores)} subtasks",
        )]


def _json_text(value) -> str:
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


def version(data: dict) -> str | None:
    if data.get("lm_eval_version"):
        return str(data["lm_eval_version"])
    return f"git {data['git_hash']}" if data.get("git_hash") else None


def read(path: Path, options: Options) -> list[Run]:
    return [read_data(files.json_object(path), str(path), options)]


def read_data(data: dict, path: str, options: Options, fallback_version: str | None = None) -> Run:
    if not isinstance(data.get("results"), dict):
        raise ImportProblem(f"{path}: no results object (is the run finished? lm-eval writes results_*.json at the end)")
    tree = _File(data, path, options)
    run = Run(path, HARNESS, version(data) or fallback_version, model_name(data, options.keep_org, options, path))
    for kind, task in tree.selection():
        if kind == "mean":
            run.scores += tree.mean(task)
        else:
            score = tree.score(task)
            if score is not None:
                run.scores.append(score)
    config = mapping(data.get("config"))
    args = _model_args(config)
    shots = sorted({s for score in run.scores for s in (score.fewshot or "").split(", ") if s}, key=lambda s: (len(s), s))
    cache = hf_cache(next((args[k] for k in ("pretrained", "model", "path") if args.get(k)), ""))
    settings = {
        "model_args": shown_args(config.get("model_args")) if config.get("model_args") else "",
        "dtype": args.get("dtype") or str(config.get("model_dtype") or ""),
        "num_fewshot": ", ".join(shots),
        "gen_kwargs": plain(config.get("gen_kwargs")) if config.get("gen_kwargs") else "none (task defaults)",
        "batch_size": plain(config.get("batch_size")) if config.get("batch_size") is not None else "",
        "limit": plain(config.get("limit")) if config.get("limit") is not None else "",
        "chat_template": ("applied" if data.get("chat_template") else "not applied") if "chat_template" in data else "",
        "model_revision": (str(config.get("model_revision") or "") if config.get("model_revision") not in (None, "", "main")
                           else cache[1] if cache and cache[1] else ""),
        "date": run_date(data.get("date")),
    }
    run.settings = {k: v for k, v in settings.items() if v}
    return run


