"""What every importer produces: runs of one model, each with scores per task.

A reader turns one harness file into ``Run``s (one per model it holds) of ``TaskScore``s with
the numbers exactly as the harness wrote them; ``benchboard.importers.merge`` does the scaling,
naming and ordering, so every format follows the same rules.
"""

from __future__ import annotations

import datetime
import fnmatch
import ipaddress
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from benchboard.errors import escaped
from benchboard.model import CONTROL_CHARACTERS


class ImportProblem(Exception):
    """A problem with an input file or an option; the message is ``where: what (how to fix)``."""


class Reader(Protocol):
    """What every format's module provides; detection is a loop over the registry of these.

    ``name`` is the FORMAT word of ``build-site import``; ``can_read`` looks at the content
    (never the file name alone) and must not raise for a file of another format; ``read`` turns
    the file into runs, numbers exactly as written, and raises ImportProblem for a bad file.
    """

    name: str
    harness: str

    def can_read(self, path: Path) -> bool: ...

    def read(self, path: Path, options: "Options") -> list["Run"]: ...


@dataclass
class TaskScore:
    task: str  # the harness's key ("leaderboard_gpqa_diamond"), used by --metric/--rename/--tasks
    name: str  # display name (alias, pretty name); --rename replaces it
    metric: str
    value: float  # as the harness wrote it (fraction or percent)
    stderr: float | None = None  # same units as value
    n: int | None = None  # items scored
    higher_is_better: bool = True
    unit: str | None = None  # "fraction" (0-1) or "percent" (0-100) when the harness says; None: from the metric
    kind: str | None = None  # "proportion", "ratio" or "other" when the reader knows; None: from the metric name
    fewshot: str | None = None  # shots used for this task, as text
    items_total: int | None = None  # items in the full benchmark, when the run used a subset
    note: str | None = None  # how the score was made, when benchboard computed it
    subsets: str | None = None  # the parts averaged into the score (MTEB languages), when they vary by run
    # Settings that describe this score only (MTEB: its split, subsets, languages, dataset
    # revision), written into the model's settings under the benchmark's name (merging.task_settings)
    settings: dict[str, str] = field(default_factory=dict)
    decimals: int | None = None  # places the harness rounded value and stderr to (a summary table); None: full precision


@dataclass
class Run:
    """One model's results from one file."""

    file: str
    harness: str
    version: str | None
    model: str
    scores: list[TaskScore] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)  # shown in source.models, all strings
    warnings: list[str] = field(default_factory=list)  # source.warnings (on the page), after "MODEL: "
    leaderboard: bool = False  # a row of a shared leaderboard table: the same row in another copy of it is one result


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
    # A metric a harness renamed between versions: old name -> current name (evalscope's
    # Pass@1 and AverageAccuracy became mean_acc). Runs that differ only by it share it.
    renamed: dict[str, str] = field(default_factory=dict)
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
    "perplexity", "word_perplexity", "byte_perplexity", "bits_per_byte", "ppl", "ter", "wer", "cer", "loss",
    # CrowS-Pairs (lm-eval marks both higher_is_better: false): bias, the less the better.
    "likelihood_difference", "likelihood_diff", "pct_stereotype",
)


def metric_for(task: str, available: list[str], options: Options, preference: tuple[str, ...], where: str,
               complete: list[str] | None = None) -> str:
    """The metric to import for a task: the user's choice, else the first preferred one present.

    Returns "" when a global ``--metric`` is not among this task's metrics (the task is left
    out; an error is raised later only if no task at all has it). A per-task ``--metric
    TASK=METRIC`` that does not exist is an error naming the metrics that do. ``complete``: of
    ``available``, those the file gives for every run (a leaderboard with empty cells); only
    those are offered when several files must agree on one metric, so that the agreement does
    not depend on the order of the files and no run loses its score to an empty cell.
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
    renamed = next((m for m in available if agreed and options.renamed.get(m) == agreed), None)
    metric = agreed if agreed in available else renamed or preferred(available, preference)
    if metric:
        offered = [m for m in available if complete is None or m in complete] or list(available)
        options.offers.setdefault(task, {})[where] = Offer(offered, tuple(preference), metric)
    return metric


def mapping(value) -> dict:
    """A JSON object where one is expected; anything else (a damaged file) reads as empty."""
    return value if isinstance(value, dict) else {}


def preferred(available: list[str], preference: tuple[str, ...]) -> str:
    """The first of ``preference`` that is available, else the first available, else ""."""
    return next((m for m in preference if m in available), available[0] if available else "")


def number(value) -> float | None:
    """A numeric field that may be the string "N/A", null or missing; NaN, infinity and an
    integer too large for a float (a 400-digit one) count as missing: every number is finite."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return result if result == result and result not in (float("inf"), float("-inf")) else None


def item_count(value, where: str, options: Options, unknown: tuple[int, ...] = ()) -> int | None:
    """``n``: a whole number of items, at least 1. A count below 1 is not a count (evalscope
    writes ``num: 0`` when it counted nothing): warned about and left out, never written.
    ``unknown`` lists the values a harness writes routinely for "not counted" (lighteval: -1),
    which are left out silently."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value in unknown:
        return None
    if value < 1 or value > MAX_ITEMS:
        shown = value if value < 1 else "over 10^12"
        options.warnings.append(
            f"{where} is {shown}, not a number of items scored; importing the score without n "
            "(so the site gives it no binomial margin; fix the file to have one)"
        )
        return None
    return value


MAX_ITEMS = 10**12  # more items than any benchmark scores: a damaged count


def stderr_value(value, where: str) -> float | None:
    """A standard error as written ("N/A", null, NaN: none); a negative one is an error."""
    result = number(value)
    if result is not None and result < 0:
        raise ImportProblem(
            f"{where} is {value!r}, but a standard error cannot be negative "
            '(fix the file, or set it to "N/A" to import the score without a stderr)'
        )
    return result




EPOCH = re.compile(r"\d{9,11}(?:\.\d+)?")  # seconds since 1970: 1973 to 5138


def run_date(value) -> str:
    """A run's date as the imported file says it, with a Unix time (a number, or a string of
    one, as Every Eval Ever's "1770344141.0") written as a UTC date and time a reader can read."""
    if isinstance(value, str) and EPOCH.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        except (OverflowError, OSError, ValueError):
            return str(value)
    return str(value or "")


def bad_character(text: str) -> str | None:
    """ "the control character U+0001" for the first character the site refuses, else None."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    code = ord(found.group())
    kind = ("an unpaired surrogate" if 0xD800 <= code <= 0xDFFF else "the non-character" if code >= 0xFFFE
            else "the bidirectional control character" if 0x202A <= code <= 0x2069 else "the control character")
    return f"{kind} U+{code:04X}"


def printable(text: str) -> str:
    """Provenance text with the characters the site refuses spelled as escapes (\\x01)."""
    return escaped(text, CONTROL_CHARACTERS)  # the one escaper (errors.escaped)


# The last part of a local path that says little alone: the folder above it is kept too
# ("/runs/llama-ft/checkpoint-500" -> "llama-ft checkpoint-500").
GENERIC_PART = re.compile(
    r"(checkpoint|ckpt|epoch|step|global_step|iter|v)[-_]?\d+|final|merged|adapter|adapters|lora|peft|hf|model|models|"
    r"best|last|latest|output|outputs|\d+|"
    # a quantization or export format ("nf4_ov", "int8", "awq", "q4_k_m", "onnx")
    r"(?:nf4|fp4|int[2348]|w[48]a(?:8|16)|fp(?:8|16|32)|bf16|awq|gptq|gguf|ggml|exl2|onnx|openvino|ov|q[2-8](?:_k)?(?:_[sml])?|q[2-8]_0)"
    r"(?:[-_](?:nf4|int[48]|fp(?:8|16)|bf16|awq|gptq|ov|openvino|onnx|sym|asym|g128|g64))*",
    re.IGNORECASE,
)
# A last part that is only a size ("30B", "1.3b", "560M") and the folder words above it that
# name no model either: the model's name is further up.
SIZE_ONLY = re.compile(r"\d+(?:\.\d+)?[kmbt]", re.IGNORECASE)
STORAGE_FOLDER = re.compile(r"huggingface|hf[-_]?models?|hub|lm|llms?|weights|checkpoints|ckpts|pretrained|snapshots|"
                            r"home|users|data|scratch|work|mnt|gpfs", re.IGNORECASE)
# A location in the run's private storage: an object store, HDFS or a file URI
# ("s3://corp-bucket/ckpt/llama-7b"); published as its last part, never the bucket.
STORAGE_URI = re.compile(
    r"(?<![\w.+-])(?P<scheme>s3[an]?|gs|gcs|hdfs|viewfs|az|abfss?|wasbs?|adl|dbfs|oss|cos|obs|r2|file)://"
    r"(?P<host>[^/\s,;'\"=()\[\]{}<>]*)(?P<path>[^\s,;'\"=()\[\]{}<>]*)", re.IGNORECASE)
# A path of the importing machine inside provenance text: a storage URI, absolute, home-relative (~/, ~alice/), ./ or ../
LOCAL_PATH = re.compile(STORAGE_URI.pattern + r"|(?<![\w.:/\\~-])(?:~[\w.-]*|\.{1,2})?[/\\][^\s,;'\"=()\[\]{}<>]*|(?<![\w])[A-Za-z]:\\[^\s,;'\"=]*",
                        re.IGNORECASE)


def is_local_path(name: str) -> bool:
    """A model given as a path on the machine that ran it, not a hub id like org/name."""
    name = name.strip()
    return (
        name.startswith(("/", "./", "../", "~", "\\")) or bool(re.match(r"[A-Za-z]:[\\/]", name))
        or "\\" in name or name.rstrip("/").count("/") > 1
    )


# A model loaded from a Hugging Face cache: .../models--ORG--NAME/snapshots/<commit sha>[/...]
HF_CACHE = re.compile(r"(?:^|[/\\])models--(?P<repo>[^/\\]+?)(?:[/\\]snapshots[/\\](?P<sha>[0-9a-f]{40}))?(?:[/\\]|$)")
# What lm-eval, gpt-neox and others write in "model" for the backend that loaded the model
# (lm-eval's --model), which names no model: a file holding only one of these does not say
# which model it scored.
BACKEND_WORDS = frozenset({
    "neox", "gpt-neox", "hf", "hf-causal", "hf-causal-experimental", "hf-seq2seq", "hf-auto", "hf-chat",
    "hf-multimodal", "huggingface", "gpt2", "gpt3", "vllm", "vllm-vlm", "sglang", "openai", "openai-completions",
    "openai-chat-completions", "local-completions", "local-chat-completions", "anthropic", "anthropic-chat",
    "anthropic-chat-completions", "textsynth", "ggml", "gguf", "mamba_ssm", "sparseml", "deepsparse", "nemo_lm",
    "neuronx", "openvino", "optimum-causal", "optimum-lm", "ipex", "dummy", "watsonx_llm", "api", "model",
})


def is_backend_word(name) -> bool:
    """Whether a "model" value is only the name of a loading backend (``neox``, ``hf-causal``)."""
    return str(name or "").strip().lower() in BACKEND_WORDS


def hf_cache(path: str) -> tuple[str, str | None] | None:
    """ "/root/.cache/huggingface/hub/models--meta-llama--Llama-3.1-8B/snapshots/<sha>" ->
    ("meta-llama/Llama-3.1-8B", "<sha>"): the hub id and revision a cache folder holds, else None."""
    found = HF_CACHE.search(str(path).strip())
    if found is None or not found.group("repo").strip("-"):
        return None
    return found.group("repo").replace("--", "/"), found.group("sha")


def revision_label(revision: str) -> str:
    """A revision as it goes into a model's name: whole (a branch or tag such as
    ``v00.01-step-000001172`` names a checkpoint), a 40-character commit hash by its first 12."""
    revision = str(revision).strip()
    return revision[:12] if re.fullmatch(r"[0-9a-f]{40}", revision) else revision


def last_part(path: str) -> str:
    """A path reduced to what names it: its last part, with the folder above when that part is
    generic, and the nearest naming folder above when it is only a size (".../LLaMA/lm/huggingface/30B"
    -> "LLaMA 30B"), never a user's home folder ("/home/alice/model" -> "model": the user's name
    is private); a Hugging Face cache folder by the hub id and revision it holds."""
    cache = hf_cache(path)
    if cache is not None:
        return f"{cache[0]}@{cache[1]}" if cache[1] else cache[0]
    uri = STORAGE_URI.fullmatch(path.strip())
    if uri is not None:  # the bucket (or host) is the owner's, not the model's name
        path = uri.group("path")
        if not path.strip("/"):
            return f"{uri.group('scheme').lower()} storage"
    parts = [p for p in re.split(r"[/\\]+", path.strip()) if p and p not in (".", "..", "~")]
    if not parts:
        return path.strip()
    if home_folder(parts, len(parts) - 1):  # "cache_dir=/home/alice": the folder is the user's name
        return "a home folder"
    if len(parts) > 1 and SIZE_ONLY.fullmatch(parts[-1]):
        # ".../LLaMA/lm/huggingface/30B": a size names no model; the nearest folder above that is
        # not a storage word does ("LLaMA 30B").
        named = next((p for i, p in reversed(list(enumerate(parts[:-1])))
                      if not (STORAGE_FOLDER.fullmatch(p) or GENERIC_PART.fullmatch(p) or home_folder(parts, i)
                              or p.lower() in USER_ROOTS or p.lower() in SHARED_ROOTS)), None)
        if named is not None:
            return f"{named} {parts[-1]}"
    if len(parts) > 1 and GENERIC_PART.fullmatch(parts[-1]) and not home_folder(parts, len(parts) - 2):
        return f"{parts[-2]} {parts[-1]}"
    return parts[-1]


# Folders whose every sub-folder is one user's: a home (/home/alice, C:\\Users\\carol, /u/alice)
# or a cluster's per-user space (/scratch/alice, /fsx/alice, /lustre/bob: cache_dir=/scratch/alice
# in run settings is a user's folder too, never a model).
USER_ROOTS = frozenset({"home", "homes", "users", "user", "u", "scratch", "nobackup", "work", "fsx", "lustre", "gpfs"})
# A container's work folder (RunPod, Docker: /workspace/Meta-Llama-3-8B): a folder directly
# under it is taken for a user's when something sits below it, and kept as the model's when last.
SHARED_ROOTS = frozenset({"workspace"})


def home_folder(parts: list[str], i: int) -> bool:
    """Whether ``parts[i]`` is a user's folder, whose name is the user's and never part of a
    model's name: directly under a home root (``/home/alice``, ``C:\\Users\\carol``, ``/u/alice``:
    USER_ROOTS), directly under a shared root with more below it (``/scratch/alice/final``:
    SHARED_ROOTS), ``root`` at the top (``/root``), or ``~alice``."""
    part = parts[i]
    if part.startswith("~") or (i == 0 and part.lower() == "root"):
        return True
    parent = parts[i - 1].lower() if i > 0 else ""
    return parent in USER_ROOTS or (parent in SHARED_ROOTS and i < len(parts) - 1)


def public_text(text: str) -> str:
    """Provenance text with every local path reduced to its last part, and the address of a
    server on a private network (``base_url=http://10.90.24.4:8042/v1``) replaced by "a private
    server": nothing of the importing machine's (or the run's) folders or network is published.
    A public API's address (``https://api.openai.com/v1``) says which service ran the model and
    stays."""
    text = WEB_URL.sub(lambda m: "a private server" if private_host(m.group("host")) else m.group(), text)
    return LOCAL_PATH.sub(lambda m: last_part(m.group()) if m.group().strip("/\\.~") else m.group(), text)


WEB_URL = re.compile(r"(?<![\w.+-])(?:https?|wss?|grpcs?)://(?:\([^()]*\)@|[^@/\s,;'\"()]*@)?"
                     r"(?P<host>\[[0-9A-Fa-f:.]+(?:%[\w.~-]+)?\]|[A-Za-z0-9._-]+)(?::\d+)?[^\s,;'\"()]*", re.IGNORECASE)
PRIVATE_SUFFIXES = (".local", ".internal", ".lan", ".localdomain", ".home", ".corp", ".intranet", ".private", ".cluster.local")


def private_host(host: str) -> bool:
    """A host of a private network: an RFC 1918, loopback, link-local or unique-local address,
    ``localhost``, a name with no dot (a machine on the local network) or a local-only suffix."""
    host = host.strip("[]").lower().rstrip(".").split("%")[0]  # (an IPv6 zone: fe80::1%eth0)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
        if re.fullmatch(r"[0-9a-fx.]+", host) and re.match(r"\d", host):  # 127.1, 0x7f.1, 0177.0.0.1: what a resolver reads as IPv4
            try:
                address = ipaddress.ip_address(socket.inet_aton(host))
            except OSError:
                address = None
        if address is None:
            return host == "localhost" or "." not in host or host.endswith(PRIVATE_SUFFIXES)
    return not address.is_global  # private, loopback, link-local, shared (100.64/10: Tailscale), reserved


def short_model_name(name: str, keep_org: bool) -> str:
    """ "deepseek-ai/DeepSeek-R1-Distill-Llama-8B" -> "DeepSeek-R1-Distill-Llama-8B" (or kept whole);
    a local path "/models/llama-8b/" -> "llama-8b" ("/runs/x/checkpoint-500" -> "x checkpoint-500")."""
    name = str(name).strip().rstrip("/")
    cache = hf_cache(name)
    if cache is not None:
        return cache[0] if keep_org and cache[0].count("/") == 1 else cache[0].split("/")[-1]
    if is_local_path(name):
        return last_part(name) or name
    if keep_org and name.count("/") == 1:
        return name
    return name.split("/")[-1] or name


def local_model_note(name: str, where: str, options: "Options") -> None:
    """Say so when a model path of the run's machine is published by its last part only."""
    cache = hf_cache(str(name))
    if cache is not None:
        at = f" at revision {cache[1]}" if cache[1] else ""
        options.notes.append(f"{where}: the model is a Hugging Face cache folder of {cache[0]}{at}; named "
                             f"{short_model_name(name, options.keep_org)!r}, and the path is not published")
    elif is_local_path(str(name)):
        options.notes.append(
            f"{where}: the model is a local path; it is named {short_model_name(name, False)!r} after its last part(s) "
            "and the path is not published (give another name with --model-name)"
        )


# What a metric measures decides its scale, never the values of the other runs.
# "proportion": a share of items (accuracy-like): a 0-1 fraction shown as percent, with n.
# "ratio": a 0-1 score that is not a share of items (F1, MC2): shown as percent, without n.
PROPORTION = re.compile(
    r"(?:\w+_)?(?:acc|accuracy|exact_match|extractive_match|pass@\d+|maj@\d+)(?::[\w-]+)?|acc|acc_norm|acc_mutual_info|accuracy|exact_match|em|quasi_exact_match|prefix_exact_match|"
    r"quasi_prefix_exact_match|mc1|pass@\d+|maj@\d+|prompt_level_(strict|loose)_acc|inst_level_(strict|loose)_acc|"
    r"mean_acc|averageaccuracy|win_rate|winrate|contains|match|correct|multiple_choice_grade|"
    r"(?:mean_)?prompt_level_(?:strict|loose)",
    re.IGNORECASE,
)
RATIO = re.compile(r"f1|macro_f1|micro_f1|f1_macro|f1_micro|weighted_f1|mc2|mean_pass@\d+|averagepass@\d+|(?:mean_)?inst_level_(?:strict|loose)", re.IGNORECASE)
# Shares of items where a smaller share is better (CrowS-Pairs: stereotyped choices).
LOWER_IS_BETTER_SHARE = ("pct_stereotype",)
UNIT_TEXT = {
    "perplexity": "perplexity", "word_perplexity": "perplexity", "byte_perplexity": "perplexity",
    "bits_per_byte": "bits/byte", "mcc": "MCC", "bleu": "BLEU", "chrf": "chrF", "ter": "TER",
    "bleu_max": "BLEU", "rouge1_max": "ROUGE-1", "rouge2_max": "ROUGE-2", "rougel_max": "ROUGE-L",
}


def metric_base(metric: str) -> str:
    """ "exact_match, strict-match" -> "exact_match" (the label without an lm-eval filter)."""
    return metric.split(",")[0].strip()


def metric_kind(metric: str, higher_is_better: bool = True) -> str:
    """ "proportion", "ratio" or "other", from the metric's name and direction."""
    base = metric_base(metric)
    if base.lower() in LOWER_IS_BETTER_SHARE:
        return "proportion"
    if not higher_is_better or base in LOWER_IS_BETTER:
        return "other"
    if PROPORTION.fullmatch(base):
        return "proportion"
    if RATIO.fullmatch(base):
        return "ratio"
    return "other"


def own_unit(metric: str) -> str:
    """The unit written for a metric that keeps its harness's numbers."""
    return UNIT_TEXT.get(metric_base(metric).lower(), "points")


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
