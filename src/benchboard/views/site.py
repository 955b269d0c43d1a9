"""The site's own pages as data: the index, the model and benchmark lists and pages, each with
every value its template lays out (boards, board.js page data) computed here, before rendering."""

from __future__ import annotations

from dataclasses import dataclass

from benchboard.analyse import boards
from benchboard.model import Site
from benchboard.views import boarddata, catalog, chartstyle


@dataclass(frozen=True)
class PageView:
    """One page to render: where it goes, its template, the relative root and its context."""

    path: str  # site-relative file, e.g. "models/index.html"
    template: str
    root: str  # "" or "../": every link is relative
    context: dict


@dataclass(frozen=True)
class SiteViews:
    pages: list[PageView]
    urls: list[str]  # site-relative URLs of the catalog pages, for the sitemap


def site_views(site: Site) -> SiteViews:
    """Every site-level page (not the report folders or Markdown pages), with its data."""
    site_boards = boards.site_boards(site)
    styles = chartstyle.site_styles(site)  # one colour and hatch per model, as on the report charts
    shown = [b for b in site_boards if b.on_index]
    index = PageView("index.html", "index.html", "", {
        "boards": shown, "board_views": {b.id: boarddata.board_view(b, styles) for b in shown},
        "boards_left_out": len(site_boards) - len(shown), "reports": site.reports})
    found = [index]
    for path, template, root, context in catalog.pages(site, site_boards):
        if template == "catalog.html":
            kind = context["kind"]
            items = context["models"] if kind == "models" else context["benchmarks"]
            context = {**context, "view": boarddata.list_view(kind, items, context.get("reports", ()), styles)}
        found.append(PageView(path, template, root, context))
    return SiteViews(found, catalog.urls(site))
