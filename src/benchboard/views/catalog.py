"""Model pages and benchmark pages: everything the site knows about one model, or one benchmark.

Pure: this module gathers the facts (scores with intervals, board ranks, registry facts,
provenance, contamination marks); render.py turns each (path, template, root, context) into a
page. A benchmark is its name and metric: GPQA Diamond scored as Pass@1 and as acc_norm are two
measurements, and two pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchboard.analyse import provenance
from benchboard.analyse.boards import Board, BoardRow, ranks_by_model
from benchboard.load.units import units as unit_table
from benchboard.analyse.verdicts import score_interval
from benchboard.model import Benchmark, BenchmarkInfo, Model, ModelInfo, Report, Score, Site, interval_ends
from benchboard.load.sizes import parse_params
from benchboard.load.slugs import benchmark_slugs


@dataclass(frozen=True)
class Entry:
    """One score of one model on one benchmark in one report."""

    report: Report
    benchmark: Benchmark
    model: Model  # as the report has it (its name there may be an alias)
    score: Score
    interval: tuple[str, str] | None  # 95% interval, formatted at its column's precision
    unit: str
    source: provenance.Provenance
    contamination: provenance.Contamination | None
    benchmark_slug: str


@dataclass(frozen=True)
class ModelPage:
    name: str
    slug: str
    info: ModelInfo | None
    family: str | None
    params: str | None
    names: tuple[str, ...]  # the names result files use for it
    entries: tuple[Entry, ...]
    boards: tuple[tuple[Board, BoardRow], ...]
    runs: tuple[tuple[Report, provenance.Provenance], ...]  # one per report

    @property
    def size_b(self) -> float | None:
        """Total parameters in billions (a mixture counts by its total), for the size filter and sort."""
        model = self.entries[0].model if self.entries else None
        if model is not None and model.params_b is not None:
            return model.params_b
        if self.info is not None and self.info.params_b is not None:
            return self.info.params_b
        return parse_params(self.params)


@dataclass(frozen=True)
class BenchmarkPage:
    name: str
    metric: str | None
    slug: str
    entries: tuple[Entry, ...]  # best first within each report
    reports: tuple[Report, ...]
    released: str | None
    description: str | None
    units: tuple[str, ...] = ()  # each report's unit for it, declared or read from the scores; unknown ones left out
    directions: tuple[bool, ...] = ()  # higher_is_better, as each report declares it
    models: int = 0  # distinct models scored on it
    # From content/benchmarks.yaml (load/benchmarks.py), None when not stated there:
    url: str | None = None  # the paper or data set
    category: str | None = None
    citation: str | None = None
    names: tuple[str, ...] = ()  # the spellings result files use for it, when any differs from its name
    info: BenchmarkInfo | None = None  # the registry entry (shipped=True: only benchboard's name table)


def report_intervals(report: Report) -> list[list]:
    """Per model, per benchmark (in the report's order): the score's 95% interval as the report
    page shows it ([low, high] text, verdicts.score_interval's), or None (no score, no interval).
    A function of the report alone: views/boardcache.py keeps it between builds."""
    unit_of = unit_table(report)
    found = []
    for model in report.models:
        mine = []
        for benchmark in report.benchmarks:
            score = model.scores.get(benchmark.name)
            known = score_interval(report, benchmark, model, unit_of[benchmark.name]) if score is not None else None
            decimals = report.decimals(benchmark)  # the column's, as the score and the report page's interval
            mine.append(list(interval_ends(known[0], known[1], decimals)) if known else None)
        found.append(mine)
    return found


def _entries(site: Site, intervals: dict[str, list] | None = None) -> list[Entry]:
    """Every score once (``intervals``: slug -> report_intervals(report), from the cache)."""
    slugs = benchmark_slugs(site.reports)
    found = []
    for report in site.reports:
        unit_of = unit_table(report)
        units = {b.name: unit_of[b.name].name for b in report.benchmarks}  # "percent", "no stated unit": never the axis title
        known = (intervals or {}).get(report.slug) or report_intervals(report)
        for model, shown in zip(report.models, known):
            run = provenance.of(report, model)
            for benchmark, interval in zip(report.benchmarks, shown):
                score = model.scores.get(benchmark.name)
                if score is None:
                    continue
                found.append(Entry(report, benchmark, model, score, tuple(interval) if interval else None, units[benchmark.name], run,
                                   provenance.contamination(model, benchmark), slugs[(benchmark.name, benchmark.metric)]))
    return found


def model_pages(site: Site, boards: list[Board], entries: list[Entry] | None = None) -> list[ModelPage]:
    by_model: dict[str, list[Entry]] = {}
    for entry in _entries(site) if entries is None else entries:
        by_model.setdefault(entry.model.key, []).append(entry)
    on_boards = ranks_by_model(boards)
    pages: dict[str, dict] = {}
    for report in site.reports:
        for model in report.models:
            page = pages.setdefault(model.key, {"model": model, "names": [], "runs": []})
            if model.source_name not in page["names"]:
                page["names"].append(model.source_name)  # as the result files spell it
            page["runs"].append((report, provenance.of(report, model)))
            page["model"] = page["model"] if page["model"].family else model
    result = []
    for key, page in sorted(pages.items(), key=lambda kv: kv[0].casefold()):
        model = page["model"]
        result.append(ModelPage(
            name=key, slug=model.slug or "", info=model.info, family=model.family, params=model.params,
            names=tuple(page["names"]), entries=tuple(by_model.get(key, ())),
            boards=tuple(on_boards.get(key, ())), runs=tuple(page["runs"]),
        ))
    return result


def benchmark_pages(site: Site, entries: list[Entry] | None = None) -> list[BenchmarkPage]:
    slugs = benchmark_slugs(site.reports)
    by_slug: dict[str, list[Entry]] = {}
    for entry in _entries(site) if entries is None else entries:
        by_slug.setdefault(entry.benchmark_slug, []).append(entry)
    measured: dict[tuple, list[tuple[Report, Benchmark]]] = {}
    for report in site.reports:
        for benchmark in report.benchmarks:
            measured.setdefault((benchmark.name, benchmark.metric), []).append((report, benchmark))
    result = []
    for (name, metric), slug in sorted(slugs.items(), key=lambda kv: kv[1]):
        mine = by_slug.get(slug, [])
        reports = tuple(r for r, _ in measured[(name, metric)])
        of_report: dict[int, list[Entry]] = {}
        for entry in mine:  # grouped once: a filter per report was n x m (5.6 s at 1,000 reports)
            of_report.setdefault(id(entry.report), []).append(entry)
        ordered = []
        for report in reports:
            here = of_report.get(id(report), [])
            here.sort(key=lambda e: (-e.score.shown if e.benchmark.higher_is_better else e.score.shown, e.model.key.casefold()))
            ordered += here
        declared = [b for _, b in measured[(name, metric)]]
        released = next((b.released for b in declared if b.released), None)
        description = next((b.description for b in declared if b.description), None)
        found_units = [unit_table(r)[b.name] for r, b in measured[(name, metric)]]
        info = next((b.info for b in declared if b.info is not None), None)
        spellings = tuple(dict.fromkeys(b.source_name for b in declared))
        result.append(BenchmarkPage(
            name, metric, slug, tuple(ordered), reports, released, description,
            units=tuple(dict.fromkeys(u.name for u in found_units if u.key)),
            directions=tuple(dict.fromkeys(b.higher_is_better for b in declared)),
            models=len({e.model.key for e in mine}),
            url=info.url if info else None, category=info.category if info else None,
            citation=info.citation if info else None,
            names=spellings if spellings != (name,) else (), info=info,
        ))
    return result


def pages(site: Site, boards: list[Board], intervals: dict[str, list] | None = None) -> list[tuple[str, str, str, dict]]:
    """(path, template, root, context) for every page this module adds (``intervals``: each
    report's report_intervals, read from the cache by views/boardcache.py)."""
    entries = _entries(site, intervals)  # every score once, with its interval and provenance: both page kinds list them
    models = model_pages(site, boards, entries)
    benchmarks = benchmark_pages(site, entries)
    found = [
        ("models/index.html", "catalog.html", "../", {"kind": "models", "models": models, "benchmarks": benchmarks,
                                                      "reports": site.reports}),  # the model list compares within a report
        ("benchmarks/index.html", "catalog.html", "../", {"kind": "benchmarks", "models": models, "benchmarks": benchmarks}),
    ]
    found += [(f"models/{m.slug}/index.html", "model.html", "../../", {"model": m}) for m in models]
    found += [(f"benchmarks/{b.slug}/index.html", "benchmark.html", "../../", {"benchmark": b}) for b in benchmarks]
    return found


def urls(site: Site) -> list[str]:
    """Site-relative URLs of these pages, for the sitemap."""
    models = sorted({m.slug for r in site.reports for m in r.models if m.slug})
    return ["models/", "benchmarks/"] + [f"models/{s}/" for s in models] + [f"benchmarks/{s}/" for s in sorted(set(benchmark_slugs(site.reports).values()))]
