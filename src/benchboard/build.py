"""One readable function per stage: load -> analyse -> chart -> render -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from benchboard import render, write
from benchboard.errors import ContentError, Problem
from benchboard.load import load_site
from benchboard.model import Report, Site, SiteConfig


@dataclass
class BuildResult:
    reports: int
    pages: int
    seconds: float
    out: Path
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return f"built {plural(self.reports, 'report')}, {plural(self.pages, 'page')} in {self.seconds:.1f} s -> {self.out}"


def build(
    content: Path,
    out: Path,
    *,
    strict: bool = False,
    force: bool = False,
    base_url: str | None = None,
    png: bool | None = None,
) -> BuildResult:
    """Build CONTENT into OUT. Raises ContentError or OutputRefused; OUT is untouched then."""
    started = time.perf_counter()
    write.check_output(content, out, force=force)
    site, warnings = load_site(content, base_url=base_url)
    if strict and warnings:
        raise ContentError([_as_error(w) for w in warnings])
    if png is not None:
        site = _with_png(site, png)
    env = render.environment(content)
    results = [report_result(report, site.config, env) for report in site.reports]
    files = render.render_site(site, results, env, content)
    from benchboard import chart

    files.update(chart.vendored_assets())
    write.write_site(files, out)
    return BuildResult(len(site.reports), len(site.pages), time.perf_counter() - started, out, warnings)


def report_result(report: Report, config: SiteConfig, env) -> render.ReportResult:
    """Analyse, describe and chart one report: everything its page needs."""
    # Imported here, not at the top: Altair and vl-convert take ~0.3 s to import, and a
    # build that stops at a content error should answer at once.
    from benchboard import analyse, chart, prose

    analysis = analyse.analyse(report)
    text = prose.report_text(report, analysis, env)
    files = chart.render_chart(report, config, text.chart_title, text.chart_description)
    return render.ReportResult(report, text, files, prose.observations_json(report, analysis, text))


def _as_error(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, problem.col, problem.message + " (an error with --strict)", "error")


def _with_png(site: Site, png: bool) -> Site:
    from dataclasses import replace

    return replace(site, config=replace(site.config, png=png))
