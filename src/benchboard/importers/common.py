"""What every importer produces: runs of one model, each with scores per task.

A reader turns one harness file into ``Run``s (one per model it holds) of ``TaskScore``s with
the numbers exactly as the harness wrote them; ``benchboard.importers.merge`` does the scaling,
naming and ordering, so every format follows the same rules.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

from benchboard.yamlsource import CONTROL_CHARACTERS


class ImportProblem(Exception):
    """A problem with an input file or an option; the message is ``where: what (how to fix)``."""


@dataclass
class TaskScore:
    task: str  # the harness's key ("leaderboard_gpqa_diamond"), used by --metric/--rename/--tasks
    name: str  # display name (alias, pretty name); --rename replaces it
    metric: str
    value: float  # as the harness wrote it (fraction or percent)
    stderr: float | None = None  # same units as value
    n: int | None = None  # items scored
    higher_is_better: bool = True
    unit: str | None = None  # "fraction" (0-1), "percent" (0-100) or None: decided from the values
    fewshot: str | None = None  # shots used for this task, as text
    items_total: int | None = None  # items in the full benchmark, when the run used a subset
    note: str | None = None  # how the score was made, when benchboard computed it


@dataclass
class Run:
    """One model's results from one file."""

    file: str
    harness: str
    version: str | None
    model: str
    scores: list[TaskScore] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)  # shown in source.models, all strings


@dataclass
class Options:
    metric: str | None = None  # metric for every task that has it
    task_metric: dict[str, str] = field(default_factory=dict)  # task -> metric
    filter: str | None = None  # lm-eval filter for every task that has it
    task_filter: dict[str, str] = field(default_factory=dict)  # task -> lm-eval filter
    tasks: list[str] = field(default_factory=list)  # glob patterns of task keys to keep
    groups: str = "auto"  # lm-eval groups: auto | mean | subtasks
    keep_org: bool = False  # "deepseek-ai/DeepSeek-R1-Distill-Llama-8B" instead of the last part
    # Decided across all runs (see ``benchboard.importers.read_runs``), so that one column holds
    # one metric: task -> metric, and (task, metric) -> lm-eval filter.
    agreed: dict[str, str] = field(default_factory=dict)
    agreed_filters: dict[tuple[str, str], str] = field(default_factory=dict)
    # Filled while reading, checked once all files are read:
    seen_metrics: dict[str, set[str]] = field(default_factory=dict)  # task -> metrics present
    seen_filters: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # printed to stderr, not written
    warnings: list[str] = field(default_factory=list)  # printed to stderr as warnings, not written
    # What each file offers and what it picked: task -> file -> Offer; (task, metric) -> file -> Offer.
    offers: dict[str, dict[str, Offer]] = field(default_factory=dict)
    filter_offers: dict[tuple[str, str], dict[str, Offer]] = field(default_factory=dict)

    def wanted(self, task: str) -> bool:
        return not self.tasks or any(fnmatch.fnmatchcase(task, p) for p in self.tasks)

    def start_reading(self) -> None:
        """Forget what an earlier pass over the files found (the agreements stay)."""
        self.seen_metrics, self.seen_filters, self.notes, self.warnings = {}, set(), [], []
        self.offers, self.filter_offers = {}, {}


@dataclass
class Offer:
    """The metrics (or filters) one file has for a task, best first by its harness, and its pick."""

    available: list[str]
    preference: tuple[str, ...]
    pick: str


# Metrics where a smaller number is better (used when the file does not say).
LOWER_IS_BETTER = (
    "perplexity", "word_perplexity", "byte_perplexity", "bits_per_byte", "ter", "wer", "cer", "loss",
)


def metric_for(task: str, available: list[str], options: Options, preference: tuple[str, ...], where: str) -> str:
    """The metric to import for a task: the user's choice, else the first preferred one present.

    Returns "" when a global ``--metric`` is not among this task's metrics (the task is left
    out; an error is raised later only if no task at all has it). A per-task ``--metric
    TASK=METRIC`` that does not exist is an error naming the metrics that do.
    """
    options.seen_metrics.setdefault(task, set()).update(available)
    if task in options.task_metric:
        wanted = options.task_metric[task]
        if wanted in available:
            return wanted
        raise ImportProblem(
            f"{where}: task {task!r} has no metric {wanted!r} "
            f"(it has: {', '.join(available) or 'none'}; pick one with --metric {task}=METRIC)"
        )
    if options.metric:
        return options.metric if options.metric in available else ""
    agreed = options.agreed.get(task)
    metric = agreed if agreed in available else preferred(available, preference)
    if metric:
        options.offers.setdefault(task, {})[where] = Offer(list(available), tuple(preference), metric)
    return metric


def preferred(available: list[str], preference: tuple[str, ...]) -> str:
    """The first of ``preference`` that is available, else the first available, else ""."""
    return next((m for m in preference if m in available), available[0] if available else "")


def number(value) -> float | None:
    """A numeric field that may be the string "N/A", null or missing; NaN counts as missing."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if result == result and result not in (float("inf"), float("-inf")) else None


def item_count(value, where: str, options: Options) -> int | None:
    """``n``: a whole number of items, at least 1. A count below 1 is not a count (evalscope
    writes ``num: 0`` when it counted nothing): warned about and left out, never written."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    if value < 1:
        options.warnings.append(
            f"{where} is {value}, not a number of items scored; importing the score without n "
            "(so the site gives it no binomial margin; fix the file to have one)"
        )
        return None
    return value


def stderr_value(value, where: str) -> float | None:
    """A standard error as written ("N/A", null, NaN: none); a negative one is an error."""
    result = number(value)
    if result is not None and result < 0:
        raise ImportProblem(
            f"{where} is {value!r}, but a standard error cannot be negative "
            '(fix the file, or set it to "N/A" to import the score without a stderr)'
        )
    return result




def bad_character(text: str) -> str | None:
    """ "the control character U+0001" for the first character the site refuses, else None."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    code = ord(found.group())
    kind = "an unpaired surrogate" if 0xD800 <= code <= 0xDFFF else "the non-character" if code >= 0xFFFE else "the control character"
    return f"{kind} U+{code:04X}"


def printable(text: str) -> str:
    """Provenance text with the characters the site refuses spelled as escapes (\\x01)."""
    return CONTROL_CHARACTERS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def short_model_name(name: str, keep_org: bool) -> str:
    """ "deepseek-ai/DeepSeek-R1-Distill-Llama-8B" -> "DeepSeek-R1-Distill-Llama-8B" (or kept whole);
    a local path "/models/llama-8b/" -> "llama-8b"."""
    name = str(name).strip().rstrip("/")
    if keep_org and not name.startswith(("/", ".", "~")) and name.count("/") == 1:
        return name
    return name.split("/")[-1] or name


def plain(value) -> str:
    """A setting as text: JSON-like scalars (true, null) and k=v lists for mappings."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return ",".join(f"{k}={plain(v)}" for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(v) for v in value)
    return str(value)
