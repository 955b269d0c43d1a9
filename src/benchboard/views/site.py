"""The site's own pages as data: the index, the model and benchmark lists and pages, each with
every value its template lays out (boards, board.js page data) computed here, before rendering."""

from __future__ import annotations

from dataclasses import dataclass

from benchboard.analyse import boards
from benchboard.load.dates import newest
from benchboard.model import Site
from benchboard.views import boarddata, catalog, frontier
from benchboard.views import history as changes


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


def site_views(site: Site, timeline=None) -> SiteViews:
    """Every site-level page (not the report folders or Markdown pages), with its data;
    ``timeline`` (analyse.history.Timeline, when CONTENT has a git history) adds the changelog,
    the feed, "new" marks and score histories."""
    site_boards = boards.site_boards(site)
    shown = [b for b in site_boards if b.on_index]
    index = PageView("index.html", "index.html", "", {
        "boards": shown, "board_views": {b.id: boarddata.board_view(b) for b in shown},
        "boards_left_out": len(site_boards) - len(shown), "reports": site.reports,
        "updated": newest(r.updated for r in site.reports),
        "frontiers": {b.id: frontier.board_views(b, site.config) for b in shown},
        "new_marks": changes.new_marks(shown, timeline, site.config.new_days), "changes": timeline is not None,
        "changed": timeline.newest[:10] if timeline is not None and timeline.newest else None})
    found = [index]
    histories = changes.histories_by_model(timeline, {r.slug: r.title for r in site.reports})
    for path, template, root, context in catalog.pages(site, site_boards):
        if template == "catalog.html":
            kind = context["kind"]
            items = context["models"] if kind == "models" else context["benchmarks"]
            context = {**context, "view": boarddata.list_view(kind, items, context.get("reports", ()))}
        elif template == "model.html":
            context = {**context, "histories": histories.get(context["model"].name, [])}
        elif template == "benchmark.html":
            context = {**context, "frontiers": frontier.benchmark_views(context["benchmark"].slug, context["benchmark"].entries, site.config)}
        found.append(PageView(path, template, root, context))
    found += [PageView(*page) for page in changes.pages(site, timeline)]
    urls = catalog.urls(site) + (["changes/"] if timeline is not None else [])
    return SiteViews(found, urls)
