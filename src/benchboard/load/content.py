"""Load and validate: CONTENT/ -> model.Site, or every problem at once.

The walk over CONTENT: site options, result files (results.py), pages (pages.py), static
files (static.py: an allowlist), the model registry (registry.py), then the checks across them (URL collisions). Every
path is resolved and kept inside CONTENT first (paths.py).
"""

from __future__ import annotations

import math
from pathlib import Path

from benchboard.load import config as site_config
from benchboard.load import benchmarks, registry, units
from benchboard.errors import ContentError, Problems
from benchboard.model import Page, Report, Site, SiteConfig, visible_form
from benchboard.load.pages import load_pages
from benchboard.load.paths import display_path, unsafe
from benchboard.load.results import MAX_SITE_SCORES, cached_load
from benchboard.load.slugs import GENERATED_TOP
from benchboard.load.static import list_static
from benchboard.load.validate import check_schema
from benchboard.load.yamlsource import parse_yaml, read_text


def load_site(content: Path, *, base_url: str | None = None) -> tuple[Site, list]:
    """Read everything under CONTENT; returns the site and its warnings, or raises ContentError."""
    problems = Problems()
    if not content.is_dir():
        problems.error(str(content), 0, 0, "content directory not found (expected CONTENT/results/*.yaml)")
        raise ContentError(problems.items)
    for name in ("results", "pages", "static", "templates"):
        unsafe(content / name, content, problems, "dir")
    if problems.errors:
        raise ContentError(problems.items)  # a linked-away folder: nothing in it may be read
    config = _load_config(content, problems, base_url)
    reports = _load_reports(content, problems, config)
    pages = load_pages(content, problems, config)
    static = list_static(content, problems, config)
    reports = benchmarks.resolve(content, reports, problems, check_schema)  # one name per benchmark, before boards are checked
    reports = registry.resolve(content, config, reports, problems, check_schema)
    _check_collisions(reports, pages, static, problems)
    _check_lookalikes(reports, problems)
    if config.citation and "CITATION.cff" in static:
        problems.error("static/CITATION.cff", 0, 0, "would overwrite the CITATION.cff the site writes from site.yaml citation: (remove one)")
    reports = [units.with_units(r) for r in reports]  # each unit decided once, read by every page
    _check_ignored_n(reports, problems)
    _check_fractions_under_percent(reports, problems)
    benchmarks.check_joined(reports, problems)
    if problems.errors:
        raise ContentError(problems.items)
    site = Site(config=config, reports=tuple(reports), pages=tuple(pages), static_files=tuple(static))
    return site, problems.warnings


def _load_config(content: Path, problems: Problems, base_url: str | None) -> SiteConfig:
    path = content / "site.yaml"
    if not (path.exists() or path.is_symlink()):
        path = content / "site.yml"
    data: dict = {}
    doc = None
    if (path.exists() or path.is_symlink()) and not unsafe(path, content, problems):
        display = display_path(path, content)
        text = read_text(path, display, problems)
        doc = parse_yaml(text, display, problems) if text is not None else None
        if doc is not None and doc.data is not None:
            if check_schema(doc, "site", problems):
                data = doc.data
    return site_config.from_mapping(data, base_url_override=base_url, problems=problems, doc=doc)


HIDDEN_SKIPPED = "skipped: a hidden file (a name starting with '.') is never read or published; rename it to publish it"


def _load_reports(content: Path, problems: Problems, config: SiteConfig) -> list[Report]:
    folder = content / "results"
    if not folder.is_dir():
        problems.error(
            display_path(folder, content), 0, 0,
            "no results/ folder (put one YAML file per comparison in CONTENT/results/)",
        )
        return []
    reports = []
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    for path in sorted(set(folder.iterdir()) - set(files)):
        if not path.name.startswith("."):
            problems.warning(display_path(path, content), 0, 0, "ignored: result files end in .yaml or .yml")
    hidden = [p for p in files if p.name.startswith(".")]  # a draft, an editor's copy, macOS's "._" file
    for path in hidden:
        problems.warning(display_path(path, content), 0, 0, HIDDEN_SKIPPED)
    files = [p for p in files if p not in hidden]
    if not files:
        problems.error(display_path(folder, content), 0, 0, "no result files (add results/NAME.yaml)")
    scores = 0
    for path in files:
        if unsafe(path, content, problems):
            continue
        report = cached_load(path, content, problems, config)
        if report is not None:
            reports.append(report)
            scores += sum(len(m.scores) for m in report.models)
            if scores > MAX_SITE_SCORES:  # stop reading: every further file would only grow the memory
                problems.error(display_path(path, content), 0, 0, (
                    f"the site holds over {MAX_SITE_SCORES:,} scores with this file ({scores:,} in the files read so far), "
                    "over the limit for one site; split the results into several sites or leave some files out"))
                break
    reports.sort(key=lambda r: (r.order if r.order is not None else math.inf, r.title.casefold(), r.slug))
    return reports


def _check_collisions(reports: list[Report], pages: list[Page], static: list[str], problems: Problems) -> None:
    owners: dict[str, str] = {}
    for item in [*reports, *pages]:
        if item.slug in owners:
            problems.error(item.path, 0, 0, f"gives the same URL /{item.slug}/ as {owners[item.slug]} (rename one, or set slug:)")
        else:
            owners[item.slug] = item.path
    for rel in static:
        top = rel.split("/", 1)[0]
        if top in GENERATED_TOP or top in owners:
            problems.error(f"static/{rel}", 0, 0, "would overwrite a file the site generates (rename or move it)")


def _check_lookalikes(reports: list[Report], problems: Problems) -> None:
    """Two models (or benchmarks) of the site whose names differ only in characters that draw
    nothing ("M1", "M\u200b1") would get two pages, two board rows and two legend entries no
    reader can tell apart: an error at the later file's name (results.py checks within a file)."""
    for kind, items in (("model", lambda r: [(m.key, m.where) for m in r.models]),
                        ("benchmark", lambda r: [(b.canonical or b.name, b.where) for b in r.benchmarks])):
        first: dict[str, tuple[str, str]] = {}
        folded: dict[str, tuple[str, str]] = {}
        for report in reports:
            for name, where in items(report):
                seen = visible_form(name)
                other = first.setdefault(seen, (name, report.path))
                line, col = where.get("name", (0, 0))
                if other[0] != name:
                    problems.error(report.path, line, col, (
                        f"{kind} name {name!r} looks identical to {other[0]!r} in {other[1]} but differs in characters "
                        "that draw nothing; the site would show two of them no reader can tell apart (remove them, "
                        "or rename one)"))
                    continue
                same = folded.setdefault(seen.casefold(), (name, report.path))
                if same[0] != name and kind == "model":
                    problems.warning(report.path, line, col, (
                        f"model name {name!r} differs from {same[0]!r} in {same[1]} only in case: the site shows them as "
                        "two models with two pages; if they are one, write one name or give the other as an alias in "
                        "models.yaml"))


def _check_ignored_n(reports: list[Report], problems: Problems) -> None:
    """`n` gives a binomial interval only to proportions; on a column that is not one (a score of
    150 or -5 beside `n: 100`, or a declared ms or Elo) it is ignored, and the author who wrote it
    expected whiskers and tested gaps: a warning at the `n`, saying why."""
    for report in reports:
        for bench in report.benchmarks:
            unit = report.unit_of[bench.name]
            if not bench.n or unit.scale is not None:
                continue
            values = [m.scores[bench.name].value for m in report.models if bench.name in m.scores]
            if unit.inferred and not values:
                continue  # "no model has a score" is said already
            fix = "fix the scores or remove n"
            if unit.inferred and units.measures_no_share(bench.metric):
                why = f"its metric {bench.metric!r} is not a share of items"
                fix = "remove n, or declare unit: percent if the scores are shares"
            elif unit.inferred:
                why = f"its scores run from {min(values):g} to {max(values):g}, not all within 0–100"
            else:
                why = f"its unit is {unit.name}"
            line, col = bench.where.get("n", (0, 0))
            problems.warning(report.path, line, col, (
                f"benchmark {bench.name!r} has n: {bench.n}, but {why}, so it is not a proportion and n gives it "
                f"no 95% interval (n is ignored; {fix})"))



def _check_fractions_under_percent(reports: list[Report], problems: Problems) -> None:
    """A column of scores within 0–1 is read as fractions even when the axis title says percent
    (a fraction column beside percent columns stays a fraction); the title may instead mean
    shares under 1%, which reads 0.9 as 0.9%, not 90%. Both readings are possible, so the
    author is asked to declare which (a warning at the benchmark)."""
    for report in reports:
        if not units.says_percent(report.y_title):
            continue
        for bench in report.benchmarks:
            unit = report.unit_of[bench.name]
            if unit.inferred and unit.key == "fraction":
                line, col = bench.where.get("name", (0, 0))
                problems.warning(report.path, line, col, (
                    f"the scores of benchmark {bench.name!r} lie within 0–1 and are read as fractions (0.9 is 90%), "
                    f"but the axis title {report.y_title!r} says percent (0.9 would be 0.9%); "
                    "declare unit: fraction or unit: percent on the benchmark to say which"))
