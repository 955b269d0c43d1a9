"""Render: the model and the stage results -> the site's files, as bytes, nothing written.

Every internal link is relative (``root`` is "" or "../"), so the same files work at a domain
root, under a GitHub project subpath and from file://. Templates come from the theme in
``templates/`` and may be overridden per site by files in ``CONTENT/templates/``.
"""

from __future__ import annotations

import json
import os
import re
import traceback
import types
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree

import jinja2
import markdown
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from benchboard import __version__, boarddata, boards, catalog, leaderboard, paths, sanitize
from benchboard.cache import cache_dir
from benchboard.errors import ContentError, Problem
from benchboard.validate import schema
from benchboard.model import Page, Report, Site


def theme_dir() -> Path:
    """The default theme: inside the wheel, or the repo's templates/ in a source checkout."""
    packaged = resources.files("benchboard").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


THEME_PREFIX = "theme/"


class _ContainedLoader(jinja2.FileSystemLoader):
    """Site overrides first, then the theme; an override is read only if it is a regular file
    whose real path stays inside CONTENT (a link to /proc/self/environ is not a template).
    "theme/NAME" is always the theme's NAME, so an override can extend the page it replaces."""

    def __init__(self, overrides: Path | None, content: Path | None):
        super().__init__([str(p) for p in (overrides, theme_dir()) if p is not None])
        self.overrides, self.content = overrides, content

    def get_source(self, environment, template):
        if template.startswith(THEME_PREFIX):  # the theme's own page, for a site template to extend
            return jinja2.FileSystemLoader(str(theme_dir())).get_source(environment, template[len(THEME_PREFIX):])
        if self.overrides is not None:
            path = self.overrides.joinpath(*split_template_path(template))
            if path.exists() or path.is_symlink():
                problem = paths.problem(path, self.content)
                if problem:
                    raise jinja2.TemplateNotFound(template, f"{template}: {problem}")
                try:
                    text = paths.read_regular(path, MAX_TEMPLATE_BYTES).decode("utf-8")
                except paths.Unreadable as exc:
                    raise jinja2.TemplateNotFound(template, f"{template}: {exc}") from None
                mtime = path.stat().st_mtime
                return text, str(path), lambda: path.exists() and path.stat().st_mtime == mtime
        theme = jinja2.FileSystemLoader(str(theme_dir()))
        return theme.get_source(environment, template)


MAX_TEMPLATE_BYTES = 1024 * 1024


class TemplateTooCostly(Exception):
    """A template asked for more time or memory than any page needs."""


MAX_REPEAT = 100_000  # 'x' * n and [..] * n in a template
MAX_PAGE_SECONDS = 20  # one page's templates; the theme's take milliseconds


class _Sandbox(SandboxedEnvironment):
    """jinja2's sandbox blocks attribute tricks but not cost: ``'x' * 10**10`` or ``2 ** 10**9``
    would exhaust memory or time. Those operators are checked here."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise TemplateTooCostly(f"exponent {right} is too large for a template")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and count * max(len(seq), 1) > MAX_REPEAT:
                    raise TemplateTooCostly(f"repeating a value {count:,} times is too much for a template")
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        """jinja2's rule, decided once per type: for an object that is not a function, method,
        class, code, frame, traceback or generator, only a leading underscore makes an
        attribute unsafe. Asking per access was a quarter of rendering a large site's pages."""
        if attr.startswith("_"):
            return False
        kind = type(obj)
        plain = _PLAIN.get(kind)
        if plain is None:
            plain = _PLAIN[kind] = not issubclass(kind, _SPECIAL)
        return plain or super().is_safe_attribute(obj, attr, value)


_SPECIAL = (types.FunctionType, types.MethodType, type, types.CodeType, types.TracebackType, types.FrameType,
            types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)  # is_internal_attribute's cases
_PLAIN: dict[type, bool] = {}


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates in the user's cache (keyed by each template's source): compiling the
    theme took 0.38 s of every build. An unwritable cache only costs that time again."""
    folder = cache_dir() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder), f"benchboard-{__version__}-%s.cache")


def environment(content: Path | None = None) -> jinja2.Environment:
    """Templates render in jinja2's sandbox: a site's override comes from a pull request, and
    unsandboxed jinja2 reaches os.popen through any object's __globals__."""
    overrides = content / "templates" if content is not None and paths.is_folder(content / "templates", content) else None
    env = _Sandbox(
        loader=_ContainedLoader(overrides, content),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.pop("lipsum", None)  # lipsum(10**9) would never finish
    env.filters["csv_safe"] = _csv_safe
    env.filters["groupby_report"] = _group_columns
    env.filters["model_links"] = _model_links
    env.globals.update(board_view=boarddata.board_view, list_view=boarddata.list_view)  # board.js page data
    return env


def check_overrides(env: jinja2.Environment, content: Path) -> list[Problem]:
    """Compile every site template override up front, so a syntax error is reported as the
    user's file and line, not as a crash halfway through rendering."""
    folder = content / "templates"
    if not paths.is_folder(folder, content):
        return []
    problems = []
    for path, problem in paths.walk(folder, content):
        if problem:
            problems.append(Problem(_override_display(content, path), 0, 0, problem))
            continue
        if path.name.startswith("."):
            continue
        name = path.relative_to(folder).as_posix()
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(_override_display(content, path), exc.lineno or 0, 1 if exc.lineno else 0,
                                    f"template syntax error: {exc.message} (fix the template or delete it to use the theme's)"))
        except UnicodeDecodeError:
            problems.append(Problem(_override_display(content, path), 0, 0, "template is not UTF-8 text (save it as UTF-8)"))
    return problems


def template_problem(exc: BaseException, content: Path | None) -> Problem | None:
    """A rendering error raised inside a site's own template override, as a content problem."""
    if content is None or not (content / "templates").is_dir():
        return None
    root = (content / "templates").resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.resolve().is_relative_to(root):  # jinja rewrites frames to the template's file and line
            message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else f"{type(exc).__name__}: {exc}"
            message = message.rstrip(".")
            return Problem(_override_display(content, path), frame.lineno or 0, 1 if frame.lineno else 0,
                           f"template error: {message} (fix the template or delete it to use the theme's)")
    return None


def _override_display(content: Path, path: Path) -> str:
    """The file as the user sees it, named by its own (unresolved) path: a link is named as
    the link, never as what it points at."""
    try:
        rel = Path(path).relative_to(content)
    except ValueError:
        rel = Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(content)))
    return (Path(content.resolve().name) / rel).as_posix()


def _model_links(text: str, models, root: str) -> Markup:
    """A generated sentence with each model name linked to its page: whole names found in the
    escaped text, longest first in one pass ("A-70B" never links inside "A-70B-Instruct", a
    model called "A" never inside "AIME")."""
    escaped = str(escape(text))
    links = {str(escape(m.name)): f'<a href="{escape(root)}models/{escape(m.slug)}/">{escape(m.name)}</a>'
             for m in models if getattr(m, "slug", None)}
    if not links:
        return Markup(escaped)
    alternatives = "|".join(re.escape(name) for name in sorted(links, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w&#-])(?:{alternatives})(?![\w-])")  # whole names only, never inside an entity
    return Markup(pattern.sub(lambda match: links[match.group(0)], escaped))


def _group_columns(columns) -> list[tuple]:
    """Leaderboard columns grouped under their report, in order."""
    groups: list[tuple] = []
    for column in columns:
        if groups and groups[-1][0].slug == column.report.slug:
            groups[-1][1].append(column)
        else:
            groups.append((column.report, [column]))
    return groups


@dataclass(frozen=True)
class ReportResult:
    """What the analyse, prose and chart stages produced for one report."""

    report: Report
    text: object  # prose.ReportText
    chart: object  # chart.ChartFiles
    observations_json: str


class _EscapeHtml(markdown.extensions.Extension):
    """``markdown: {safe: true}``: raw HTML is shown as text instead of being sanitised."""

    def extendMarkdown(self, md):  # noqa: N802 (markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def markdown_to_html(text: str, *, safe: bool, raw_html: bool = False) -> tuple[Markup, list[dict]]:
    """Markdown -> HTML and its table of contents, sanitised (sanitize.py) unless ``raw_html``
    (a page on a site that opted in); raw HTML escaped first when ``safe``. Raises
    sanitize.MarkdownTooComplex for text that could not render in bounded time."""
    sanitize.check_bounds(text)
    extensions = ["tables", "fenced_code", "footnotes", "toc", "attr_list", "sane_lists", "def_list", "abbr"]
    if safe:
        extensions.append(_EscapeHtml())
    md = markdown.Markdown(
        extensions=extensions,
        extension_configs={"toc": {"permalink": "#", "permalink_title": "Link to this section"}},
        output_format="html",
    )
    try:
        with sanitize.deadline():
            html = md.convert(text)
    except RecursionError:
        raise sanitize.MarkdownTooComplex("Markdown nested too deeply to render (flatten its lists, quotes or emphasis)") from None
    if raw_html:
        return Markup(html), md.toc_tokens
    return Markup(sanitize.clean(html)), sanitize.prefix_toc(md.toc_tokens)


def _markdown_problem(path: str, exc: sanitize.MarkdownTooComplex, what: str) -> ContentError:
    return ContentError([Problem(path, 0, 0, f"{what}: {exc}")])


def common_context(site: Site) -> dict:
    """What every page shares; report pages depend on nothing else of the site."""
    return {"site": site.config, "nav": _nav(site), "version": __version__}


def render_site(site: Site, env: jinja2.Environment, content: Path | None = None) -> dict[str, bytes]:
    """Every generated file except the report folders, keyed by site-relative path."""
    files: dict[str, bytes] = {}
    common = common_context(site)
    site_boards = boards.site_boards(site)
    shown = [b for b in site_boards if b.on_index]
    files["index.html"] = _page(env, "index.html", root="", path="", current="", common=common,
                                boards=shown, boards_left_out=len(site_boards) - len(shown), reports=site.reports)
    for path, template, root, context in catalog.pages(site, site_boards):
        files[path] = _page(env, template, root=root, path=path.removesuffix("index.html"), current="", common=common, **context)
    for page in site.pages:
        files[f"{page.slug}/index.html"] = render_page(page, site, env, common)
    files["404.html"] = _page(env, "404.html", root=site.config.base_url or "", path="404.html", current="", common=common)
    for name in ("result", "site", "models"):
        files[f"schema/{name}.schema.json"] = (json.dumps(schema(name), indent=2) + "\n").encode()
    for path in sorted((theme_dir() / "assets").rglob("*")):
        if path.is_file():
            files[f"assets/{path.relative_to(theme_dir() / 'assets').as_posix()}"] = path.read_bytes()
    files[".nojekyll"] = b""
    if site.config.base_url:
        files["sitemap.xml"] = _sitemap(site)
        files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}sitemap.xml\n".encode()
    if content is not None:
        for rel in site.static_files:  # load.py checked each is a regular file inside CONTENT
            files[rel] = (content / "static" / rel).read_bytes()
    return files


def render_report(result: ReportResult, env: jinja2.Environment, common: dict) -> dict[str, bytes]:
    report = result.report
    base = f"{report.slug}/"
    table = leaderboard.report_table(report)
    interpretation = None
    if report.interpretation:  # result files are never trusted with raw HTML
        try:
            interpretation, _ = markdown_to_html(report.interpretation, safe=common["site"].markdown_safe)
        except sanitize.MarkdownTooComplex as exc:
            raise _markdown_problem(report.path, exc, "interpretation") from None
    files = {
        base + "index.html": _page(
            env, "report.html", root="../", path=base, current=report.slug, common=common,
            report=report, text=result.text, chart=result.chart, table=table,
            interpretation=interpretation, svg=Markup(result.chart.svg),
            spec_json=Markup(embed_json(result.chart.spec_json)),
        ),
        base + "data.csv": report_csv(report),
        base + "data.json": (json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n").encode(),
        base + "chart.vl.json": result.chart.spec_json.encode(),
        base + "chart.svg": result.chart.svg.encode(),
        base + "observations.json": result.observations_json.encode(),
    }
    if result.chart.png is not None:
        files[base + "chart.png"] = result.chart.png
    return files


def render_page(page: Page, site: Site, env: jinja2.Environment, common: dict) -> bytes:
    config = site.config
    try:
        body, toc = markdown_to_html(page.markdown, safe=config.markdown_safe, raw_html=config.pages_raw_html)
    except sanitize.MarkdownTooComplex as exc:
        raise _markdown_problem(page.path, exc, "page") from None
    starts_with_heading = re.match(r"\s*#\s", page.markdown) is not None
    return _page(env, "page.html", root="../", path=f"{page.slug}/", current=page.slug, common=common,
                 page=page, body=body, toc=toc, starts_with_heading=starts_with_heading)


def _page(env: jinja2.Environment, template: str, *, root: str, path: str, current: str, common: dict, **context) -> bytes:
    config = common["site"]
    canonical = f"{config.base_url}{path}" if config.base_url and template != "404.html" else None
    too_slow = TemplateTooCostly(f"rendering {template} took over {MAX_PAGE_SECONDS} s")
    with sanitize.deadline(MAX_PAGE_SECONDS, too_slow):
        html = env.get_template(template).render(root=root, path=path, current=current, canonical=canonical, **common, **context)
    return html.encode()


def _nav(site: Site) -> list[dict]:
    """Header links. Reports are listed individually only while they fit in a header. The
    home and all-reports links carry no title: base.html words them."""
    items = [{"slug": "", "title": None, "kind": "home", "href": ""}]
    if len(site.reports) <= 6:
        items += [{"slug": r.slug, "title": r.title, "href": f"{r.slug}/"} for r in site.reports]
    else:
        items.append({"slug": "#reports", "title": None, "kind": "reports", "count": len(site.reports), "href": "#reports"})
    items += [{"slug": p.slug, "title": p.title, "href": f"{p.slug}/"} for p in site.pages]
    return items


def embed_json(text: str) -> str:
    """JSON that is safe inside <script type="application/json">: no "</script>" breakout."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csv_safe(value: str) -> str:
    """Spreadsheet programs run cells starting with = + - @ as formulas (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_line(fields) -> str:
    """One CSV row, quoted as Python's csv does, except that a field holding a bare "\r" is
    quoted too: csv leaves it bare, spreadsheets read it as a line break, and the rest of the
    name became a row of its own whose formula ran."""
    cells = []
    for field in fields:
        text = str(field)
        if any(c in text for c in ',"\r\n'):
            text = '"' + text.replace('"', '""') + '"'
        cells.append(text)
    return ",".join(cells) + "\n"


def report_csv(report: Report) -> bytes:
    """Tidy CSV: one row per model and benchmark, missing scores as empty cells."""
    lines = [_csv_line(["model", "family", "params", "benchmark", "metric", "higher_is_better", "n", "value", "display", "stderr"])]
    for model in report.models:
        for benchmark in report.benchmarks:
            score = model.scores.get(benchmark.name)
            lines.append(_csv_line([
                _csv_safe(model.name), _csv_safe(model.family or ""), _csv_safe(model.params or ""),
                _csv_safe(benchmark.name), _csv_safe(benchmark.metric or ""),
                str(benchmark.higher_is_better).lower(), benchmark.n if benchmark.n is not None else "",
                repr(score.value) if score else "", score.display if score else "",
                repr(score.stderr) if score and score.stderr is not None else "",
            ]))
    return "".join(lines).encode()


def report_data(report: Report) -> dict:
    """The validated data as JSON: what the page shows, machine-readable."""
    return {
        "title": report.title,
        "description": report.description,
        "source_file": report.path,
        "precision": report.precision,
        "y_title": report.y_title,
        "y_range": list(report.y_range) if report.y_range else None,
        "benchmarks": [
            {"name": b.name, "metric": b.metric, "n": b.n, "higher_is_better": b.higher_is_better}
            for b in report.benchmarks
        ],
        "models": [
            {
                "name": m.name,
                "family": m.family,
                "params": m.params,
                "scores": {
                    b: {"value": s.value, "display": s.display, "stderr": s.stderr} for b, s in m.scores.items()
                },
            }
            for m in report.models
        ],
    }


def _sitemap(site: Site) -> bytes:
    base = site.config.base_url
    urls = [base] + [f"{base}{r.slug}/" for r in site.reports] + [f"{base}{p.slug}/" for p in site.pages]
    urls += [f"{base}{path}" for path in catalog.urls(site)]
    root = ElementTree.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    for url in urls:
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = url
    ElementTree.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root) + b"\n"

