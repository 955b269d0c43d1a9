"""Render: the model and the stage results -> the site's files, as bytes, nothing written.

Every internal link is relative (``root`` is "" or "../"), so the same files work at a domain
root, under a GitHub project subpath and from file://. Templates come from the theme in
``templates/`` and may be overridden per site by files in ``CONTENT/templates/``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import traceback
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree

import jinja2
import markdown
from markupsafe import Markup

from benchboard import __version__, boarddata, boards, catalog, leaderboard
from benchboard.errors import Problem
from benchboard.load import schema
from benchboard.model import Page, Report, Site


def theme_dir() -> Path:
    """The default theme: inside the wheel, or the repo's templates/ in a source checkout."""
    packaged = resources.files("benchboard").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def environment(content: Path | None = None) -> jinja2.Environment:
    search = [str(theme_dir())]
    if content is not None and (content / "templates").is_dir():
        search.insert(0, str(content / "templates"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["csv_safe"] = _csv_safe
    env.filters["groupby_report"] = _group_columns
    env.globals.update(board_view=boarddata.board_view, list_view=boarddata.list_view)  # board.js page data
    return env


def check_overrides(env: jinja2.Environment, content: Path) -> list[Problem]:
    """Compile every site template override up front, so a syntax error is reported as the
    user's file and line, not as a crash halfway through rendering."""
    folder = content / "templates"
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
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
            return Problem(_override_display(content, path), frame.lineno or 0, 1 if frame.lineno else 0,
                           f"template error: {message} (fix the template or delete it to use the theme's)")
    return None


def _override_display(content: Path, path: Path) -> str:
    return (Path(content.resolve().name) / path.resolve().relative_to(content.resolve())).as_posix()


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


_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/", "./", "../")


class _SafeLinks(markdown.treeprocessors.Treeprocessor):
    """Drop javascript:/data: URLs from links and images in untrusted Markdown."""

    def run(self, root):
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None and ":" in value.split("/", 1)[0] and not value.lower().startswith(_SAFE_SCHEMES):
                    element.set(attr, "#")
        return root


class _EscapeHtml(markdown.extensions.Extension):
    def extendMarkdown(self, md):  # noqa: N802 (markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


def markdown_to_html(text: str, *, safe: bool) -> tuple[Markup, list[dict]]:
    """Markdown -> HTML and its table of contents; raw HTML escaped when ``safe``."""
    extensions = ["tables", "fenced_code", "footnotes", "toc", "attr_list", "sane_lists", "def_list", "abbr"]
    if safe:
        extensions.append(_EscapeHtml())
    md = markdown.Markdown(
        extensions=extensions,
        extension_configs={"toc": {"permalink": "#", "permalink_title": "Link to this section"}},
        output_format="html",
    )
    html = md.convert(text)
    return Markup(html), md.toc_tokens


def common_context(site: Site) -> dict:
    """What every page shares; report pages depend on nothing else of the site."""
    return {"site": site.config, "nav": _nav(site), "version": __version__}


def render_site(site: Site, env: jinja2.Environment, content: Path | None = None) -> dict[str, bytes]:
    """Every generated file except the report folders, keyed by site-relative path."""
    files: dict[str, bytes] = {}
    common = common_context(site)
    site_boards = boards.site_boards(site)
    files["index.html"] = _page(env, "index.html", root="", path="", current="", common=common,
                                boards=site_boards, reports=site.reports)
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
        for rel in site.static_files:
            files[rel] = (content / "static" / rel).read_bytes()
    return files


def render_report(result: ReportResult, env: jinja2.Environment, common: dict) -> dict[str, bytes]:
    report = result.report
    base = f"{report.slug}/"
    table = leaderboard.report_table(report)
    interpretation = None
    if report.interpretation:
        interpretation, _ = markdown_to_html(report.interpretation, safe=common["site"].markdown_safe)
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
    body, toc = markdown_to_html(page.markdown, safe=site.config.markdown_safe)
    starts_with_heading = re.match(r"\s*#\s", page.markdown) is not None
    return _page(env, "page.html", root="../", path=f"{page.slug}/", current=page.slug, common=common,
                 page=page, body=body, toc=toc, starts_with_heading=starts_with_heading)


def _page(env: jinja2.Environment, template: str, *, root: str, path: str, current: str, common: dict, **context) -> bytes:
    config = common["site"]
    canonical = f"{config.base_url}{path}" if config.base_url and template != "404.html" else None
    html = env.get_template(template).render(root=root, path=path, current=current, canonical=canonical, **common, **context)
    return html.encode()


def _nav(site: Site) -> list[dict]:
    """Header links. Reports are listed individually only while they fit in a header."""
    items = [{"slug": "", "title": "Leaderboard", "href": ""}]
    if len(site.reports) <= 6:
        items += [{"slug": r.slug, "title": r.title, "href": f"{r.slug}/"} for r in site.reports]
    else:
        items.append({"slug": "#reports", "title": f"Reports ({len(site.reports)})", "href": "#reports"})
    items += [{"slug": p.slug, "title": p.title, "href": f"{p.slug}/"} for p in site.pages]
    return items


def embed_json(text: str) -> str:
    """JSON that is safe inside <script type="application/json">: no "</script>" breakout."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csv_safe(value: str) -> str:
    """Spreadsheet programs run cells starting with = + - @ as formulas (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def report_csv(report: Report) -> bytes:
    """Tidy CSV: one row per model and benchmark, missing scores as empty cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["model", "family", "params", "benchmark", "metric", "higher_is_better", "n", "value", "display", "stderr"])
    for model in report.models:
        for benchmark in report.benchmarks:
            score = model.scores.get(benchmark.name)
            writer.writerow([
                _csv_safe(model.name), _csv_safe(model.family or ""), _csv_safe(model.params or ""),
                _csv_safe(benchmark.name), _csv_safe(benchmark.metric or ""),
                str(benchmark.higher_is_better).lower(), benchmark.n if benchmark.n is not None else "",
                repr(score.value) if score else "", score.display if score else "",
                repr(score.stderr) if score and score.stderr is not None else "",
            ])
    return buffer.getvalue().encode()


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

