"""Render: the model, the page views and the report results -> the site's files, as bytes.

Every internal link is relative (``root`` is "" or "../"), so the same files work at a domain
root, under a GitHub project subpath and from file://. Page data is computed before rendering
(views/); templates only lay it out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import markdown
from markupsafe import Markup

from benchboard import __version__
from benchboard.analyse import tables as leaderboard
from benchboard.errors import ContentError, Problem
from benchboard.load.validate import schema
from benchboard.model import Page, Report, Site
from benchboard.render import data, sanitize
from benchboard.views.jsonembed import embed_json
from benchboard.render.api import api_files
from benchboard.render import theme
from benchboard.render.theme import theme_dir
from benchboard.views import citation, embed


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
        with sanitize.budgeted():
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


def render_site(site: Site, views, env: jinja2.Environment, content: Path | None = None) -> dict[str, bytes]:
    """Every generated file except the report folders, keyed by site-relative path; ``views``
    (views.site.SiteViews) hold each site page's data."""
    return dict(iter_site(site, views, env, content))


def iter_site(site: Site, views, env: jinja2.Environment, content: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """``render_site``'s files one at a time: the build writes each page as it is rendered,
    so the pages of a 5,000-model site (~160 MB) are never all held in memory."""
    common = common_context(site)
    for view in views.pages:
        context = view.context
        yield view.path, _page(env, view.template, root=view.root, path=view.path.removesuffix("index.html"),
                               current=view.path.removesuffix("index.html").rstrip("/"), common=common, **context)
    for page in site.pages:
        yield f"{page.slug}/index.html", render_page(page, site, env, common)
    yield "404.html", _page(env, "404.html", root=same_origin_root(site.config.base_url), path="404.html", current="", common=common)
    for name in ("result", "site", "models", "benchmarks"):
        yield f"schema/{name}.schema.json", (json.dumps(schema(name), indent=2) + "\n").encode()
    for path in sorted((theme_dir() / "assets").rglob("*")):
        if path.is_file():
            yield f"assets/{path.relative_to(theme_dir() / 'assets').as_posix()}", path.read_bytes()
    yield from api_files(views.api, site.config.base_url).items()
    cite = citation.site_cite(site.config)
    if cite is not None:
        yield "CITATION.cff", cite.cff.encode()
    yield ".nojekyll", b""
    if site.config.base_url:
        yield "sitemap.xml", data.sitemap(site, views.urls)
        yield "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {site.config.base_url}sitemap.xml\n".encode()
    if content is not None:
        for rel in site.static_files:  # load.py checked each is a regular file inside CONTENT
            yield rel, (content / "static" / rel).read_bytes()


def same_origin_root(base_url: str | None) -> str:
    """404.html is served at any depth, so its links need the site's root; only the path of
    base_url is used ("/repo/"), never its origin: the page's script and stylesheet always come
    from the origin that served it, whatever URL the site was given."""
    if not base_url:
        return ""
    path = urlsplit(base_url).path.lstrip("/")  # "//evil.example/" would be another origin
    return "/" + path if path.endswith("/") or not path else "/" + path + "/"


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
            cite=citation.report_cite(report, common["site"]), embed=embed.embed(report, common["site"], result.chart.svg),
        ),
        base + "embed/index.html": _page(env, "embed.html", root="../../", path=base + "embed/", current=report.slug,
                                         common=common, report=report, chart=result.chart, svg=Markup(result.chart.svg)),
        base + "data.csv": data.report_csv(report),
        base + "data.json": (json.dumps(data.report_data(report), indent=2, ensure_ascii=False) + "\n").encode(),
        base + "chart.vl.json": result.chart.spec_json.encode(),
        base + "chart-spec.js": chart_spec_script(result.chart.spec_json, result.chart.narrow_spec_json),
        base + "chart.svg": result.chart.svg.encode(),
        base + "observations.json": result.observations_json.encode(),
    }
    if result.chart.png is not None:
        files[base + "chart.png"] = result.chart.png
    if result.chart.narrow_svg is not None:  # the phone layout (docs/charts.md)
        files[base + "chart-narrow.svg"] = result.chart.narrow_svg.encode()
    return files


def chart_spec_script(wide: str, narrow: str | None) -> bytes:
    """The interactive chart's specs as a script (assets/chart.js loads it on request; a page
    carrying them inline was a fifth heavier, and fetch cannot read a file from file://).
    embed_json keeps it inert text if it is ever inlined (no "</script>" or "<!--"); U+2028 and
    U+2029 escaped for script engines older than ES2019."""
    specs = embed_json(f'{{"wide":{wide},"narrow":{narrow or "null"}}}').replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (f"// The report's Vega-Lite specs for assets/chart.js (the wide one is also chart.vl.json).\n"
            f"window.benchboardChartSpecs = {specs};\n").encode()


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
    with theme.bounded(env, f"rendering {template}", template):  # the page deadline, memory bound and site budget
        html = theme.render_page(env, template, root=root, path=path, current=current, canonical=canonical, **common, **context)
    return html.encode()


def _nav(site: Site) -> list[dict]:
    """Header links: the leaderboard, the model and benchmark lists, the reports (one link to
    the index's list, however many there are) and the Markdown pages. The site's own links
    carry no title: base.html words them."""
    items = [{"slug": "", "title": None, "kind": "home", "href": ""},
             {"slug": "models", "title": None, "kind": "models", "href": "models/"},
             {"slug": "benchmarks", "title": None, "kind": "benchmarks", "href": "benchmarks/"}]
    if site.reports:
        items.append({"slug": "#reports", "title": None, "kind": "reports", "count": len(site.reports), "href": "#reports"})
    items += [{"slug": p.slug, "title": p.title, "href": f"{p.slug}/"} for p in site.pages]
    return items
