"""The site's own pages as data: the index, the board pages, the model and benchmark lists and
pages, each with every value its template lays out (boards, board.js page data) computed here,
before rendering."""

from __future__ import annotations

from dataclasses import dataclass, field

from benchboard.analyse.boards import Board, BoardRow
from benchboard.load.dates import newest
from benchboard.load.units import units
from benchboard.model import Site
from benchboard.views import (
    api,
    boardcache,
    boarddata,
    catalog,
    chartstyle,
    citation,
    frontier,
    paging,
)
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
    api: dict = field(default_factory=dict)  # api/NAME.json documents (views/api.py)


@dataclass(frozen=True)
class IndexBoard:
    """A board as the index shows it: its first rows, and where the rest are."""

    board: Board
    top: tuple[BoardRow, ...]  # the first index_rows rows, in the board's order
    href: str  # the board's own page (every row, the controls), site-relative
    sources: tuple = ()  # each column's report where its name is another column's too (boarddata.column_sources)


@dataclass(frozen=True)
class Bar:
    label: str  # a model's or a benchmark's name
    value: float  # the shown value (sorted and drawn by it)
    display: str  # the value as the page shows it
    low: float | None = None  # 95% interval, where known
    high: float | None = None
    colour: str = "#0072B2"  # the model's site colour (views/chartstyle.site_styles), as in every chart
    hatched: bool = False  # and its family's hatch


@dataclass(frozen=True)
class EntityChart:
    """One chart's data: bars of one unit and direction (view data, computed before rendering)."""

    key: str  # unique on its page: the figure's id
    unit: str  # the unit's name ("percent"), "" when unknown
    higher_is_better: bool
    bars: tuple[Bar, ...]
    report: object = None  # the report a benchmark page's chart is from (Report), else None
    svg: str = ""  # written by chart.entity.draw (commands/build.py), after this stage
    scale: float | None = None  # 100 (percent) or 1 (fraction): the axis spans the whole scale, as the report chart's


def sorted_bars(bars, higher_is_better: bool) -> tuple[Bar, ...]:
    """Best first; ties by label, so the order is the same on every build."""
    return tuple(sorted(bars, key=lambda b: (-b.value if higher_is_better else b.value, b.label.casefold())))


def board_path(board: Board) -> str:
    """The board's own page: boards/SLUG/ (its HTML id without the "board-" prefix)."""
    return f"boards/{board.id.removeprefix('board-')}/"


def rule_kinds(shown: list[Board]) -> tuple[str, ...]:
    """Which ranking rules the index's boards use, for the rules written once on the index: the
    board's basis (analyse/boards.py BASES: "column", "mean", "win_rate", "value"), or
    "untested" where no pair's order could be tested (every ranked model shares one rank
    range), "level" where every ranked model shows the same value, and "win_rate_defined" when a board shows win rates (the index says what one is).
    Boards ranking fewer than two models rank nothing and add no rule."""
    kinds = []
    for board in shown:
        if board.aggregate != "mean" and "win_rate_defined" not in kinds:
            kinds.append("win_rate_defined")
        if board.ranked_count < 2:
            continue
        if board.level:  # every ranked model shows the same value: one rank range, by any rule
            kind = "level"
        else:
            kind = board.basis if board.by_uncertainty or board.basis == "value" else "untested"
        if kind not in kinds:
            kinds.append(kind)
    return tuple(kinds)


def _bar(label: str, entry: catalog.Entry, styles: dict) -> Bar:
    low, high = (float(entry.interval[0]), float(entry.interval[1])) if entry.interval else (None, None)
    style = styles.get(entry.model.key)
    if style is None:
        return Bar(label, entry.score.shown, entry.score.display, low, high)
    return Bar(label, entry.score.shown, entry.score.display, low, high, style.colour, style.hatched)


MAX_CHART_SCORES = 100  # a model or benchmark page (or part of one) holding more scores draws no chart
MAX_PAGE_CHARTS = 12  # nor one that would need more charts than this (a benchmark page: one chart per report)


def page_charts(view: PageView, styles: dict | None = None) -> PageView:
    """The page (or the part of a split page) with the charts of the scores it holds: none when
    they are over MAX_CHART_SCORES or would take over MAX_PAGE_CHARTS charts. The table beside
    them has every number, and a chart of thousands of bars (a model scored in 1,000 reports)
    or a thousand charts (a benchmark measured in 1,000) is neither readable nor cheap: each is
    a vl-convert call."""
    kind = {"model.html": "model", "benchmark.html": "benchmark"}.get(view.template)
    if kind is None:
        return view
    item = view.context[kind]
    charts = () if len(item.entries) > MAX_CHART_SCORES else (model_charts if kind == "model" else benchmark_charts)(item, styles)
    return PageView(view.path, view.template, view.root, {**view.context, "charts": charts if len(charts) <= MAX_PAGE_CHARTS else ()})


def model_charts(page: catalog.ModelPage, styles: dict | None = None) -> tuple[EntityChart, ...]:
    """A model's scores as charts: one per unit and direction (scores in different units are
    never drawn on one axis), each sorted best first. A benchmark scored in two reports is
    labelled with its report. Every bar has the model's site colour and hatch (``styles``)."""
    groups: dict[tuple[str, bool], list[catalog.Entry]] = {}
    for entry in page.entries:
        groups.setdefault((entry.unit, entry.benchmark.higher_is_better), []).append(entry)
    labels = [e.benchmark.label for e in page.entries]
    titled = [f"{e.benchmark.label}, {e.report.title}" for e in page.entries]

    def label(e: catalog.Entry) -> str:
        """The benchmark; with its report's title where two entries share it; with the report's
        slug (unique) where two reports share a title too."""
        if labels.count(e.benchmark.label) == 1:
            return e.benchmark.label
        with_title = f"{e.benchmark.label}, {e.report.title}"
        return with_title if titled.count(with_title) == 1 else f"{with_title} ({e.report.slug})"

    charts = []
    for i, ((unit, higher), entries) in enumerate(groups.items()):
        bars = [_bar(label(e), e, styles or {}) for e in entries]
        charts.append(EntityChart(f"scores-{i + 1}", unit, higher, sorted_bars(bars, higher), scale=_scale(entries[0])))
    return tuple(charts)


def benchmark_charts(page: catalog.BenchmarkPage, styles: dict | None = None) -> tuple[EntityChart, ...]:
    """Every model's score on a benchmark, one sorted chart per report (different runs); each
    model's bar in its site colour and hatch (``styles``), as in the report and compare charts."""
    groups: dict[int, list[catalog.Entry]] = {}
    for entry in page.entries:
        groups.setdefault(id(entry.report), []).append(entry)
    charts = []
    for i, entries in enumerate(groups.values()):
        higher = entries[0].benchmark.higher_is_better
        bars = [_bar(e.model.key, e, styles or {}) for e in entries]
        charts.append(EntityChart(f"scores-{i + 1}", entries[0].unit, higher, sorted_bars(bars, higher), entries[0].report,
                                  scale=_scale(entries[0])))
    return tuple(charts)


def _scale(entry: catalog.Entry) -> float | None:
    """The score's unit's whole scale (load/units.py, decided at load): 100, 1 or None."""
    return units(entry.report)[entry.benchmark.name].scale


def site_views(site: Site, timeline=None, styles: dict | None = None, report_keys: dict[str, bytes] | None = None) -> SiteViews:
    """Every site-level page (not the report folders or Markdown pages), with its data;
    ``timeline`` (analyse.history.Timeline, when CONTENT has a git history) adds the changelog,
    the feed, "new" marks and score histories. Each report's own board is read from the cache
    when its inputs are unchanged (views/boardcache.py; ``report_keys``: the build's digests of
    the reports)."""
    site_boards = boardcache.site_boards(site, report_keys)
    if styles is None:  # the build decides them once (commands/build.py); a caller outside it here
        styles = chartstyle.site_styles(site)
    shown = [b for b in site_boards if b.on_index]
    top = site.config.index_rows
    index_boards = [IndexBoard(b, b.rows[:top], board_path(b), tuple(boarddata.column_sources(b.columns, "name"))) for b in shown]
    frontiers = {b.id: frontier.board_views(b, site.config) for b in shown}
    new_marks = changes.new_marks(shown, timeline, site.config.new_days)
    index = PageView("index.html", "index.html", "", {
        "boards": index_boards, "rule_kinds": rule_kinds(shown), "updated": newest(r.updated for r in site.reports),
        "boards_left_out": len(site_boards) - len(shown), "reports": site.reports,
        "cite": citation.site_cite(site.config), "embed": None, "new_marks": new_marks,
        # each board's frontier views are drawn on its own page; the index links them (20 boards'
        # views made a 50-report index 1.6 MB instead of 0.2 MB)
        "frontier_counts": {b_id: len(views) for b_id, views in frontiers.items() if views},
        "changes": timeline is not None,
        "changed": timeline.newest[:10] if timeline is not None and timeline.newest else None})
    found = [index]
    for item in index_boards:
        mine = item.board.id  # a board page shows its own board's marks and figures: an edit of another board's report leaves it be
        found.append(PageView(item.href + "index.html", "board.html", "../../", {
            "board": item.board, "board_view": boarddata.board_view(item.board, styles),
            "frontiers": frontiers[mine], "new_marks": {k: v for k, v in new_marks.items() if k == mine},
            "frontier_crowded": frontier.crowded(site.config, item.board.ranked_count), "frontier_max": frontier.MAX_PLACED,
            "updated": newest({id(c.report): c.report.updated for c in item.board.columns}.values())}))
    board_paths = {b.id: board_path(b) for b in shown}
    histories = changes.histories_by_model(timeline, {r.slug: r.title for r in site.reports})
    for path, template, root, context in catalog.pages(site, site_boards, boardcache.intervals(site, report_keys, catalog.report_intervals)):
        if template == "catalog.html":
            kind = context["kind"]
            items = context["models"] if kind == "models" else context["benchmarks"]
            context = {**context, "view": boarddata.list_view(kind, items, context.get("reports", ()), styles)}
        elif template == "model.html":
            mine = {board.id for board, _ in context["model"].boards}  # only its boards: a page shows what it depends on
            context = {**context, "board_paths": {k: v for k, v in board_paths.items() if k in mine},
                       "histories": histories.get(context["model"].name, []), "repeats": changes.repeats(context["model"]),
                       "updated": newest(e.score.date for e in context["model"].entries)}
        elif template == "benchmark.html":
            context = {**context,
                       "frontiers": frontier.benchmark_views(context["benchmark"].slug, context["benchmark"].entries, site.config),
                       "frontier_crowded": frontier.crowded(site.config, frontier.largest_group(context["benchmark"].entries)),
                       "frontier_max": frontier.MAX_PLACED,
                       "updated": newest(e.score.date for e in context["benchmark"].entries)}
        found.append(PageView(path, template, root, context))
    found += [PageView(*page) for page in changes.pages(site, timeline)]
    lists = next(view.context for view in found if view.path == "models/index.html")
    documents = api.site_api(site, site_boards, lists["models"], lists["benchmarks"])
    # The data page names each document and lists the site document's reports: it is given those
    # alone, so its digest does not walk every score (76,000 at 1,000 reports) on each build.
    named = {name: documents[name] if name == "site" else {} for name in documents}
    found.append(PageView("api/index.html", "data.html", "../", {"documents": named}))
    found, parts = paging.split(found, PageView)  # model and benchmark pages of thousands of rows, by report
    found = [page_charts(view, styles) for view in found]  # each part's charts are of its own scores
    urls = (catalog.urls(site) + [board_paths[b.id] for b in shown] + parts
            + (["changes/"] if timeline is not None else []) + ["api/"])
    return SiteViews(found, urls, documents)
