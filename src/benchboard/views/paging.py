"""Model and benchmark pages of thousands of rows, split by report into pages of at most MAX_ROWS.

On a site of 1,000 reports that all score the same models, one model page listed 8,000 scores
and one benchmark page 10,000 (~4 MB of HTML each), and every edit of any report changed them.
Split, each part lists the rows (and, on model pages, the board ranks and provenance) of a run of
consecutive reports, so an edit changes only the part holding its report. Part 1 stays at the
page's own URL (``models/SLUG/``), part k is at ``models/SLUG/page/k/``: a part's URL is stable
while the reports before it keep their rows. Every part links to every other with plain links
(no script), says which reports it holds and how many rows all parts hold together; the full data
stay in each report's data.csv and data.json. Pages under MAX_ROWS rows are not touched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

MAX_ROWS = 1_000  # score rows on one model or benchmark page; more are split by report


@dataclass(frozen=True)
class Pager:
    """What a part says about the parts: nothing that depends on another part's reports, so an
    edit of one report changes no other part."""

    number: int  # this part, from 1
    hrefs: tuple[str, ...]  # every part's URL relative to this one, this one's included
    rows: int  # score rows over all parts
    reports: int  # reports over all parts
    first: str  # title of this part's first report
    last: str  # and of its last

    @property
    def count(self) -> int:
        return len(self.hrefs)


def split(pages: list, page_view) -> tuple[list, list[str]]:
    """``pages`` (views.site.PageView) with every long model and benchmark page split into
    parts; ``page_view`` makes a PageView. Returns the pages and the added parts' URLs."""
    found, urls = [], []
    for view in pages:
        kind = {"model.html": "model", "benchmark.html": "benchmark"}.get(view.template)
        item = view.context.get(kind) if kind else None
        if item is None or len(item.entries) <= MAX_ROWS:
            found.append(view)
            continue
        parts = _parts(item, kind)
        if len(parts) < 2 or sum(len(part.entries) for part, _ in parts) != len(item.entries):
            found.append(view)  # one report holds them all (or a row belongs to no listed report): not split
            continue
        base = view.path.removesuffix("index.html")  # "models/SLUG/"
        paths = [view.path] + [f"{base}page/{n}/index.html" for n in range(2, len(parts) + 1)]
        roots = [view.root] + [view.root + "../../"] * (len(parts) - 1)
        for number, (part, path, root) in enumerate(zip(parts, paths, roots), start=1):
            mine = parts[number - 1][1]
            pager = Pager(number, tuple(root + p.removesuffix("index.html") for p in paths), rows=len(item.entries),
                          reports=sum(len(r) for _, r in parts), first=mine[0].title, last=mine[-1].title)
            context = {**view.context, kind: part[0], "pager": pager}
            if "board_paths" in context:  # the links of its own boards only: a part shows what it depends on
                ids = {board.id for board, _ in part[0].boards}
                context["board_paths"] = {k: v for k, v in context["board_paths"].items() if k in ids}
            if number > 1:  # the frontier views and score histories cover every report: part 1 shows them
                context.update({key: type(context[key])() for key in ("frontiers", "histories", "repeats") if key in context})
            found.append(page_view(path, view.template, root, context))
        urls += [p.removesuffix("index.html") for p in paths[1:]]
    return found, urls


def _parts(item, kind: str) -> list[tuple[object, list]]:
    """(the page's data cut to a run of reports, those reports) for each part."""
    listed = [run[0] for run in item.runs] if kind == "model" else list(item.reports)
    reports = list({id(r): r for r in listed}.values())
    rows: dict[int, list] = {}
    for entry in item.entries:
        rows.setdefault(id(entry.report), []).append(entry)
    groups: list[list] = [[]]
    count = 0
    for report in reports:
        mine = len(rows.get(id(report), ()))
        if groups[-1] and count + mine > MAX_ROWS:
            groups.append([])
            count = 0
        groups[-1].append(report)
        count += mine
    group_of = {id(r): number for number, group in enumerate(groups) for r in group}
    boards: list[list] = [[] for _ in groups]  # each part's boards and runs, in the page's order: one pass, not one per part
    runs: list[list] = [[] for _ in groups]
    if kind == "model":
        for board, row in item.boards:
            number = group_of.get(id(board.columns[0].report)) if board.default and board.columns else 0
            if number is not None:
                boards[number].append((board, row))
        for run in item.runs:
            number = group_of.get(id(run[0]))
            if number is not None:
                runs[number].append(run)
    parts = []
    for number, group in enumerate(groups):
        entries = tuple(e for r in group for e in rows.get(id(r), ()))
        if kind == "model":
            parts.append((replace(item, entries=entries, boards=tuple(boards[number]), runs=tuple(runs[number])), group))
        else:
            parts.append((replace(item, entries=entries, reports=tuple(group)), group))
    return parts
