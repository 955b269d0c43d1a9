"""What every importer produces: runs of one model, each with scores per task."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportError_(Exception):
    """A problem with an input file or an option; the message says what to do."""


@dataclass
class TaskScore:
    task: str  # the harness's key, used for --metric/--rename/--tasks
    name: str  # display name (alias)
    metric: str
    value: float  # as the harness wrote it (fraction or percent)
    stderr: float | None = None
    n: int | None = None
    higher_is_better: bool = True


@dataclass
class Run:
    """One model's results from one file."""

    file: str
    harness: str
    version: str | None
    model: str
    scores: list[TaskScore] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)


@dataclass
class Options:
    metric: str | None = None  # default metric for every task
    task_metric: dict[str, str] = field(default_factory=dict)  # task -> metric
    filter: str | None = None  # lm-eval filter
    tasks: list[str] = field(default_factory=list)  # fnmatch patterns of tasks to keep


LOWER_IS_BETTER = ("perplexity", "word_perplexity", "byte_perplexity", "bits_per_byte", "ter", "wer", "cer", "loss")


def metric_for(task: str, available: list[str], options: Options, preference: tuple[str, ...], where: str) -> str:
    """The metric to import for a task: the user's choice, else the first preferred one present."""
    wanted = options.task_metric.get(task) or options.metric
    if wanted:
        if wanted in available:
            return wanted
        if task in options.task_metric:
            raise ImportError_(f"{where}: task {task!r} has no metric {wanted!r} (it has: {', '.join(available)})")
        return ""  # a global --metric this task lacks: the task is skipped, not an error
    for metric in preference:
        if metric in available:
            return metric
    return available[0] if available else ""


def number(value) -> float | None:
    """A numeric field that may be the string "N/A" or missing."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
