"""One readable function per stage: load -> analyse -> chart -> render -> write.

Rebuilds are incremental: OUT's marker file is a manifest of what each report folder and each
site page was built from (a digest of its inputs; pagecache.py for the pages). A report or page
whose digest is unchanged is hard-linked from the previous OUT; a build whose whole input is unchanged stops at once; unchanged result files are
not even re-parsed (cache.py). Reports that do need building are spread over the CPU cores.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import hashlib
import json
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path

from markupsafe import Markup

from benchboard import __version__

from benchboard.render import site as render
from benchboard.render import sanitize, theme


from benchboard.output import pagecache, write
from benchboard.load import cache as stored_cache
from benchboard.errors import ContentError, Problem
from benchboard.load.content import load_site
from benchboard.load.history import head as history_head
from benchboard.model import Report, Site, SiteConfig
from benchboard.chart import entity as entity_charts
from benchboard.views import chartstyle
from benchboard.views.site import PageView, SiteViews, site_views

PARALLEL_FROM = 12  # below this many reports to build, worker start-up costs more than it saves


@dataclass
class BuildResult:
    reports: int
    pages: int
    seconds: float
    out: Path
    warnings: list[Problem] = field(default_factory=list)
    built: int = 0  # report folders rendered this time (the rest were reused)
    up_to_date: bool = False
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds, for -v
    pages_rendered: int = 0  # site pages with data (index, lists, model and benchmark pages) rendered this time

    def summary(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        what = f"{plural(self.reports, 'report')}, {plural(self.pages, 'page')}"
        if self.up_to_date:
            return f"{self.out} is up to date ({what}; nothing changed) in {self.seconds:.1f} s"
        reused = self.reports - self.built
        extra = f", {reused} unchanged reused" if reused else ""
        return f"built {what} in {self.seconds:.1f} s -> {self.out}{extra}"


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
    with fewer_collections():
        return _build(content, out, strict=strict, force=force, base_url=base_url, png=png)


GC_THRESHOLDS = (50_000, 50, 1_000)  # young objects every 50,000 allocations; the old generation almost never


@contextmanager
def fewer_collections():
    """Python's cyclic garbage collector, with its default thresholds, ran a full collection
    again and again over the build's millions of live objects (reports, boards, score entries):
    ~40 % of the site page data's time at 1,000 reports (measured: 4.2 s -> 2.6 s CPU). Young
    objects are still collected (a collection every 50,000 allocations); the old generation,
    which only grows during a build, almost never. The thresholds are restored after."""
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _build(content: Path, out: Path, *, strict: bool, force: bool, base_url: str | None, png: bool | None) -> BuildResult:
    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = [started]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        timings[stage] = now - clock[0]
        clock[0] = now

    write.check_output(content, out, force=force)
    sanitize.reset_budget()
    options = {"base_url": base_url, "png": png, "strict": strict,  # and where a base_url may come from:
               "env": {k: os.environ.get(k) for k in ("BENCHBOARD_BASE_URL", "GITHUB_REPOSITORY")}}
    previous = write.read_manifest(out)
    fingerprint = inputs_fingerprint(content, options)
    if previous.get("inputs") == fingerprint:
        warnings = [Problem(**w) for w in previous.get("warnings", [])]
        return BuildResult(previous.get("report_count", 0), previous.get("page_count", 0),
                           time.perf_counter() - started, out, warnings, up_to_date=True)

    lap("fingerprint")
    site, warnings = load_site(content, base_url=base_url)
    lap("load and validate")
    if strict and warnings:
        raise ContentError([_as_error(w) for w in warnings])
    if png is not None:
        site = replace(site, config=replace(site.config, png=png))

    env = theme.environment(content)
    template_errors = theme.check_overrides(env, content)
    if template_errors:
        raise ContentError(template_errors)
    theme_digest = fingerprint_theme(content)
    nav = json.dumps(render.common_context(site)["nav"], sort_keys=True)
    styles = chartstyle.site_styles(site)  # one colour and hatch per model, decided once for every chart and page
    fingerprints = pagecache.Fingerprints()  # each report's repr hashed once, for its folder and the pages showing it
    digests = {r.slug: report_digest(r, site.config, nav, theme_digest, fingerprints, chartstyle.styles_for(styles, r))
               for r in site.reports}
    keep, todo = reusable_reports(site, digests, previous, out)
    if todo and in_this_process(len(todo)) and not builds_ahead(todo, site, os.cpu_count() or 1):  # it draws their charts
        from benchboard.chart import draw as draw_charts  # (imports vl-convert: not on a no-op or page-only build)

        draw_charts.register_font()  # here, once: not on two threads at a time
        threading.Thread(target=draw_charts.warm_up, name="benchboard-vl-convert-warm-up", daemon=True).start()
    report_files_written: dict[str, list[str]] = keep_lists(keep)
    with ahead(todo, site, content, styles) as built_ahead:  # the changed reports, while the site pages are made
        views = site_views(site, _timeline(content, site), styles, {r.slug: fingerprints.of(r) for r in site.reports})
        lap("site page data")
        page_digests = pagecache.page_digests(views.pages, render.common_context(site), theme_digest, fingerprints)
        del fingerprints  # its memo holds an encoding per entry and board: not needed past here
        kept_pages = pagecache.reusable_pages(page_digests, previous, out)
        with _template_errors_as_content(content):  # the frontier views' words are site-overridable templates
            to_render = draw_figures(SiteViews([v for v in views.pages if v.path not in kept_pages], views.urls, views.api), env, site.config)
        lap("site page digests")
        with write.SiteWriter(out) as writer, _template_errors_as_content(content):
            writer.write(render.iter_site(site, to_render, env, content))  # each page written as it is rendered
            writer.keep(kept_pages)
            writer.keep(keep)
            lap(f"render site pages ({len(to_render.pages)} of {len(views.pages)} data pages)")
            for slug, produced in (built_ahead.result() if built_ahead else build_reports(todo, site, content, env, styles)):
                writer.write(produced)
                report_files_written[slug] = sorted(produced)
            if todo:
                from benchboard.chart import drawings  # (imports vl-convert: only where reports were drawn)

                drawings.finish()  # the drawings kept between builds, bounded
            lap(f"analyse, chart and render {len(todo)} report(s)")
            writer.write(_vendored_assets())
            manifest = {
                "generator": "benchboard",
                "version": __version__,
                "inputs": fingerprint,
                "report_count": len(site.reports),
                "page_count": len(site.pages),
                "reports": {slug: {"digest": digests[slug], "files": report_files_written[slug]} for slug in sorted(digests)},
                "pages": page_digests,
                "warnings": [w.__dict__ for w in warnings],
            }
            writer.commit(manifest)
        lap("write")
        return BuildResult(len(site.reports), len(site.pages), time.perf_counter() - started, out, warnings,
                           built=len(todo), timings=timings, pages_rendered=len(to_render.pages))


def draw_figures(views: SiteViews, env, config: SiteConfig) -> SiteViews:
    """The charts of the site pages about to be rendered (never of the pages reused): model and
    benchmark charts (chart/entity.py) and frontier views (words from the theme, SVG from
    chart/scatter.py)."""
    from benchboard.chart import scatter
    from benchboard.render import frontier

    wanted = [c for view in views.pages for c in view.context.get("charts") or ()]  # views.site puts each chart's data there
    svgs = iter([entity_charts.draw(c, f"chart-{c.key}-caption") for c in wanted])  # ~0.1 ms each (chart/entity.py): no workers
    contexts = []
    for view in views.pages:
        charts = view.context.get("charts")
        if charts:
            drawn = tuple(replace(c, svg=Markup(next(svgs))) for c in charts)  # chart/entity.py escapes every text
            contexts.append({**view.context, "charts": drawn})
        else:
            contexts.append(view.context)
    contexts = frontier.with_figures(contexts, env, config, scatter.render)
    pages = [PageView(v.path, v.template, v.root, c) for v, c in zip(views.pages, contexts)]
    return SiteViews(pages, views.urls, views.api)


def report_files(report: Report, config: SiteConfig, env, common: dict, styles: dict | None = None) -> dict[str, bytes]:
    """Analyse, describe, chart and render one report: all files of its folder."""
    # Imported here, not at the top: Altair and vl-convert take ~0.3 s to import, and a
    # build that stops at a content error, or reuses every report, should answer at once.
    from benchboard.analyse import report as analyse
    from benchboard.chart import draw as chart
    from benchboard.render import prose
    from benchboard.chart.layout import chart_layout

    analysis = analyse.analyse(report)
    layout = chart_layout(report, config, styles)
    with theme.bounded(env, "the report's text templates"):  # they may be site overrides
        text = prose.report_text(report, analysis, env, layout)
    files = chart.render_chart(report, config, layout, text.chart_title, text.chart_description, text.chart_words)
    result = render.ReportResult(report, text, files, prose.observations_json(report, analysis, text))
    return render.render_report(result, env, common)


def in_this_process(reports: int) -> bool:
    """Whether build_reports builds this many reports here rather than in pool workers."""
    return reports < PARALLEL_FROM or min(os.cpu_count() or 1, 8) < 2


def build_reports(reports: list[Report], site: Site, content: Path, env, styles: dict):
    """Yield (slug, files) for each report, built across cores when there are enough of them."""
    common = render.common_context(site)
    workers = min(os.cpu_count() or 1, 8)
    if in_this_process(len(reports)):
        for report in reports:
            yield report.slug, report_files(report, site.config, env, common, chartstyle.styles_for(styles, report))
        return
    # "spawn": vl-convert runs a multi-threaded JS runtime, which must not be forked.
    context = get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init, initargs=(str(content), os.getpid())) as pool:
        chunks = max(1, min(16, len(reports) // (workers * 8)))
        results = pool.map(_worker_build, [(r, site.config, common, str(content), chartstyle.styles_for(styles, r)) for r in reports],
                           chunksize=chunks)
        for report, files in zip(reports, results):
            yield report.slug, files


_worker_env = None


def _worker_init(content: str, parent: int) -> None:
    global _worker_env
    _die_with_parent(parent)
    gc.set_threshold(*GC_THRESHOLDS)  # as fewer_collections(), for the worker's whole life
    _worker_env = theme.environment(Path(content))


def _die_with_parent(parent: int) -> None:
    """A build killed with SIGKILL cannot stop its workers, so they stop themselves: on Linux
    the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG); everywhere a thread
    checks once a second that the parent is still there. Without this each worker (~150 MB)
    and the resource tracker run forever."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="benchboard-parent-watch").start()


_PR_SET_PDEATHSIG = 1


AHEAD_FROM = 200  # reports on the site from which its pages cost more than starting a worker for the few changed ones
AHEAD_FROM_MODELS = 1000  # or model rows in all: a site of one 5,000-model file has 5,000 model pages (~5 s) to render


def builds_ahead(todo: list[Report], site: Site, cores: int) -> bool:
    """Whether ahead() builds ``todo`` in a worker: a few reports (more go to build_reports'
    pool) on a site whose own pages take seconds, with a second core to build them on."""
    large = len(site.reports) >= AHEAD_FROM or sum(len(r.models) for r in site.reports) >= AHEAD_FROM_MODELS
    return bool(todo) and len(todo) < PARALLEL_FROM and large and cores >= 2


@contextmanager
def ahead(todo: list[Report], site: Site, content: Path, styles: dict):
    """A few reports to build on a large site (many reports, or many models: one 5,000-model
    file's report takes ~4 s and its model pages ~5 s): the reports are built in one worker
    process while this one computes and renders the site pages, on a machine with two cores or
    more, instead of one after the other. Yields a
    future of [(slug, files)], or None when the reports are built here (a small site, many
    reports to build: build_reports spreads those over every core, or one core)."""
    if not builds_ahead(todo, site, os.cpu_count() or 1):
        yield None
        return
    pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=_worker_init, initargs=(str(content), os.getpid()))
    try:
        common = render.common_context(site)
        yield pool.submit(_worker_build_all, [(r, site.config, common, str(content), chartstyle.styles_for(styles, r)) for r in todo])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_build_all(jobs) -> list[tuple[str, dict[str, bytes]]]:
    return [(job[0].slug, _worker_build(job)) for job in jobs]


def _worker_build(job) -> dict[str, bytes]:
    report, config, common, content, styles = job
    with _template_errors_as_content(Path(content)):  # here, while the template frames exist
        return report_files(report, config, _worker_env, common, styles)


@contextmanager
def _template_errors_as_content(content: Path):
    """An error raised inside the site's own template override is the user's to fix: report
    its file and line like any content problem; anything else is still a bug."""
    try:
        yield
    except ContentError:
        raise
    except Exception as exc:
        problem = theme.template_problem(exc, content)
        if problem is None:
            raise
        raise ContentError([problem]) from None


def _timeline(content: Path, site: Site):
    """What the git history of CONTENT/results says changed (docs/frontier-and-history.md), or None."""
    from benchboard.analyse.history import timeline
    from benchboard.load.history import read_history

    history = read_history(content, site.config)
    return timeline(history, site) if history is not None else None


def _vendored_assets() -> dict[str, bytes]:
    from benchboard.chart import draw as chart

    return chart.vendored_assets()


# --- incremental rebuilds -----------------------------------------------------------------


def fingerprint_theme(content: Path) -> str:
    digest = hashlib.sha256(stored_cache.code_digest().encode())
    stored_cache.hash_tree(digest, theme.theme_dir(), "theme")
    stored_cache.hash_tree(digest, content / "templates", "site-templates", inside=content)
    return digest.hexdigest()


def inputs_fingerprint(content: Path, options: dict) -> str:
    """Everything a build reads: content, theme, code and options. Equal means same output."""
    digest = hashlib.sha256(fingerprint_theme(content).encode())
    digest.update(json.dumps(options, sort_keys=True).encode())
    digest.update(content.resolve().name.encode())
    stored_cache.hash_tree(digest, content, "content", inside=content)
    digest.update(history_head(content).encode())  # a new commit changes the changelog, not the files
    return digest.hexdigest()


def report_digest(report: Report, config: SiteConfig, nav: str, theme: str, fingerprints: pagecache.Fingerprints | None = None,
                  styles: dict | None = None) -> str:
    """What one report folder depends on: its data, the site options, the nav, the theme and
    its models' chart colours (decided for the whole site)."""
    digest = hashlib.sha256(theme.encode())
    digest.update((fingerprints or pagecache.Fingerprints()).of(report))  # its repr: every field
    for part in (repr(config), nav) + ((repr(sorted(styles.items())),) if styles else ()):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def reusable_reports(site: Site, digests: dict[str, str], previous: dict, out: Path) -> tuple[dict[str, Path], list[Report]]:
    """Split reports into those whose previous folder can be kept and those to build."""
    keep: dict[str, Path] = {}
    todo: list[Report] = []
    old = previous.get("reports", {})
    for report in site.reports:
        entry = old.get(report.slug)
        paths = entry.get("files", []) if entry else []
        if entry and entry.get("digest") == digests[report.slug] and paths and all((out / p).is_file() for p in paths):
            keep.update({p: out / p for p in paths})
        else:
            todo.append(report)
    return keep, todo


def keep_lists(keep: dict[str, Path]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for path in sorted(keep):
        grouped.setdefault(path.split("/", 1)[0], []).append(path)
    return grouped


def _as_error(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, problem.col, problem.message + " (an error with --strict)", "error")
