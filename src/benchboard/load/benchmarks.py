"""The benchmark registry (content/benchmarks.yaml) and the shipped names of harness tasks.

Result files name benchmarks however their harness did ("hellaswag" in one, "HellaSwag" in
another, "leaderboard_musr" in a third). The registry says which spellings are one benchmark, so
each gets one page and one name on every page; it also holds what no result file should have to
repeat (description, paper or data set, category, release, items, unit, direction, citation).
benchboard ships display names for well-known harness task keys (SHIPPED), used unless the
site's registry claims the name. Matching ignores case. Like models.yaml: the JSON Schema first,
then plain-code checks with positions; a result file that contradicts the registry (n, unit,
direction) is an error at the file's line naming the registry's.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

from benchboard.errors import Problems
from benchboard.load.registry import SchemaCheck, is_date, read_registry
from benchboard.load.units import declared, units
from benchboard.load.yamlsource import Document
from benchboard.model import BenchmarkInfo, Position, Report, name_form

# Display name -> the task keys harnesses write for it (lm-evaluation-harness, lighteval,
# the Open LLM Leaderboard v1 and v2, GLUE). Names only: items, units and directions differ
# between a task's variants, so they come from the result file or the site's registry.
SHIPPED: dict[str, tuple[str, ...]] = {
    # Open LLM Leaderboard v2
    "BBH": ("leaderboard_bbh", "bbh"),
    "GPQA": ("leaderboard_gpqa", "gpqa"),
    "GPQA Diamond": ("leaderboard_gpqa_diamond", "gpqa_diamond", "gpqa_diamond_zeroshot"),
    "IFEval": ("leaderboard_ifeval", "ifeval"),
    "MATH Lvl 5": ("leaderboard_math_hard", "math_hard"),
    "MMLU-Pro": ("leaderboard_mmlu_pro", "mmlu_pro"),
    "MuSR": ("leaderboard_musr", "musr"),
    # Open LLM Leaderboard v1 and common tasks
    "ARC-Challenge": ("arc_challenge", "leaderboard_arc_challenge", "ai2_arc"),
    "ARC-Easy": ("arc_easy",),
    "HellaSwag": ("hellaswag", "leaderboard_hellaswag"),
    "MMLU": ("mmlu", "hendrycksTest", "leaderboard_mmlu"),
    "TruthfulQA (MC1)": ("truthfulqa_mc1",),
    "TruthfulQA (MC2)": ("truthfulqa_mc2",),  # not plain "truthfulqa": a generation score (GPT-judge) is TruthfulQA too
    "WinoGrande": ("winogrande", "leaderboard_winogrande"),
    "GSM8K": ("gsm8k", "leaderboard_gsm8k"),
    "PIQA": ("piqa",),
    "BoolQ": ("boolq",),
    "OpenBookQA": ("openbookqa",),
    "SciQ": ("sciq",),
    "LAMBADA (OpenAI)": ("lambada_openai",),
    "HumanEval": ("humaneval",),
    "MBPP": ("mbpp",),
    "MATH-500": ("math500", "math_500"),
    "AIME 2024": ("aime24", "aime_2024"),
    # GLUE
    "CoLA": ("cola", "glue_cola"),
    "SST-2": ("sst2", "sst-2", "glue_sst2"),
    "MRPC": ("mrpc", "glue_mrpc"),
    "QQP": ("qqp", "glue_qqp"),
    "STS-B": ("stsb", "sts-b", "glue_stsb"),
    "MNLI": ("mnli", "glue_mnli"),
    "QNLI": ("qnli", "glue_qnli"),
    "RTE": ("rte", "glue_rte"),
    "WNLI": ("wnli", "glue_wnli"),
}
_SHIPPED_WHERE = Position("benchboard's table of harness task names", 0, 0)


def fold(name: str) -> str:
    """How names are matched: Unicode NFC, white space as name_form keeps it, case folded."""
    return unicodedata.normalize("NFC", name_form(name)).casefold()


def shipped() -> list[BenchmarkInfo]:
    return [BenchmarkInfo(name, _SHIPPED_WHERE, aliases, shipped=True) for name, aliases in SHIPPED.items()]


def resolve(content: Path, reports: list[Report], problems: Problems, check: SchemaCheck) -> list[Report]:
    """Reports with every benchmark the registry (or the shipped table) knows renamed to its
    name, its scores re-keyed, and its missing facts filled in; contradictions to ``problems``."""
    lookup: dict[str, BenchmarkInfo] = {}
    for info in load_registry(content, problems, check):
        for name in (info.name, *info.aliases):
            lookup[fold(name)] = info
    for info in shipped():  # only names the site's registry does not claim
        if fold(info.name) in lookup:
            continue
        for name in (info.name, *info.aliases):
            lookup.setdefault(fold(name), info)
    return [_resolve_report(report, lookup, problems) for report in reports]


def load_registry(content: Path, problems: Problems, check: SchemaCheck) -> list[BenchmarkInfo]:
    doc = read_registry(content, "benchmarks", problems, check)
    return _entries(doc, problems) if doc is not None else []


def _entries(doc: Document, problems: Problems) -> list[BenchmarkInfo]:
    entries: list[BenchmarkInfo] = []
    owner: dict[str, tuple[str, int]] = {}  # folded name or alias -> (entry name, index)
    for i, entry in enumerate(doc.data["benchmarks"]):
        def err(key: tuple, message: str) -> None:
            problems.error(doc.path, *doc.at(("benchmarks", i, *key)), message)

        bad = False
        names = [(("name",), name_form(entry["name"]))] + [(("aliases", j), name_form(a)) for j, a in enumerate(entry.get("aliases", []))]
        for key, name in names:
            other = owner.get(fold(name))
            if other is not None:
                err(key, f"{name!r} is already used by benchmarks[{other[1]}] ({other[0]!r}); a name or alias may "
                         "belong to one benchmark only (names match whatever their case)")
                bad = True
            else:
                owner[fold(name)] = (name_form(entry["name"]), i)
        released = entry.get("released")
        if released is not None and not is_date(released):
            err(("released",), f"released {released!r} is not a date (write YYYY-MM-DD or YYYY-MM of a day that exists)")
            bad = True
        if bad:
            continue
        direction = entry.get("direction")
        entries.append(BenchmarkInfo(
            name=name_form(entry["name"]), where=Position(doc.path, *doc.at(("benchmarks", i))),
            aliases=tuple(name_form(a) for a in entry.get("aliases", [])), description=entry.get("description"),
            url=entry.get("url"), category=entry.get("category"), released=released, n=entry.get("n"),
            unit=entry.get("unit"), higher_is_better=None if direction is None else direction == "higher",
            citation=entry.get("citation"),
        ))
    return entries


def _resolve_report(report: Report, lookup: dict[str, BenchmarkInfo], problems: Problems) -> Report:
    benchmarks = []
    renamed: dict[str, str] = {}  # file's name -> registry's name
    # Names that stay as they are: unknown to the registry, or already its name exactly.
    taken = {b.name for b in report.benchmarks if fold(b.name) not in lookup or lookup[fold(b.name)].name == b.name}
    for bench in report.benchmarks:
        info = lookup.get(fold(bench.name))
        if info is None:
            benchmarks.append(bench)
            continue

        def at(key: str, bench=bench) -> tuple[int, int]:
            return tuple(bench.where.get(key) or bench.where.get("") or (0, 0))

        if info.name in taken and bench.name != info.name:
            if not info.shipped:
                problems.error(report.path, *at("name"), (
                    f"{bench.name!r} is {info.name!r} in {info.where}, which this file already scores; "
                    "a benchmark appears once per file (merge them, or fix benchmarks.yaml)"))
            benchmarks.append(bench)  # the shipped table never joins two of one file's columns
            continue
        taken.add(info.name)
        if info.n is not None and bench.n is not None and bench.n != info.n:
            problems.error(report.path, *at("n"), (
                f"n {bench.n} of benchmark {bench.name!r} conflicts with {info.where} (n {info.n}); make them agree or remove one"))
        if info.unit is not None and bench.unit is not None and declared(bench.unit).key != declared(info.unit).key:
            problems.error(report.path, *at("unit"), (
                f"unit {bench.unit!r} of benchmark {bench.name!r} conflicts with {info.where} (unit {info.unit!r}); "
                "make them agree or remove one"))
        stated = "higher_is_better" in bench.where
        if info.higher_is_better is not None and stated and bench.higher_is_better != info.higher_is_better:
            problems.error(report.path, *at("higher_is_better"), (
                f"higher_is_better {str(bench.higher_is_better).lower()} of benchmark {bench.name!r} conflicts with "
                f"{info.where} (direction {'higher' if info.higher_is_better else 'lower'}); make them agree or remove one"))
        if bench.name != info.name:
            renamed[bench.name] = info.name
        benchmarks.append(replace(
            bench, name=info.name, file_name=bench.name if bench.name != info.name else None, canonical=info.name, info=info,
            n=bench.n if bench.n is not None else info.n, unit=bench.unit or info.unit,
            higher_is_better=bench.higher_is_better if stated or info.higher_is_better is None else info.higher_is_better,
            released=bench.released or info.released, description=bench.description or info.description,
        ))
    if not renamed and all(b.info is None for b in benchmarks):
        return report
    models = tuple(replace(m, scores={renamed.get(k, k): s for k, s in m.scores.items()}) for m in report.models)
    return replace(report, benchmarks=tuple(benchmarks), models=models)


def check_joined(reports: list[Report], problems: Problems) -> None:
    """A site registry entry that joins benchmarks of different units or directions (after
    each report's units are decided) is an error naming both places: one page cannot rank them."""
    first: dict[tuple[str, str | None], tuple[Report, object, str, bool]] = {}
    for report in reports:
        unit_of = units(report)
        for bench in report.benchmarks:
            if bench.info is None or bench.info.shipped:
                continue
            kind = unit_of[bench.name].key
            seen = first.setdefault((bench.name, bench.metric), (report, bench, kind, bench.higher_is_better))
            other_report, other, other_kind, other_higher = seen
            differs = []
            if kind and other_kind and kind != other_kind:
                differs.append(f"unit {other_kind} there, {kind} here")
            if other_higher != bench.higher_is_better:
                differs.append(f"{'higher' if other_higher else 'lower'} is better there, {'higher' if bench.higher_is_better else 'lower'} here")
            if differs:
                there = Position(other_report.path, *(other.where.get("name") or other.where.get("") or (0, 0)))
                problems.error(report.path, *(bench.where.get("name") or bench.where.get("") or (0, 0)), (
                    f"benchmark {bench.source_name!r} is joined by {bench.info.where} ({bench.info.name!r}) with "
                    f"{other.source_name!r} at {there}, but they differ ({'; '.join(differs)}); "
                    "declare unit:/direction: in benchmarks.yaml, fix the result files, or split the entry"))
