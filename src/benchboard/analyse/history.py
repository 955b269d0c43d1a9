"""What changed, commit by commit: new models, new, changed and removed scores, and rank class
changes on each report's own board and on the boards site.yaml declares. Pure: load/history.py
read the versions; this compares them.

Every date comes from the history (the commit's date), never from the clock, so the same
content and history give the same changelog, feed and "new" marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from benchboard.analyse.boards import board_ids, build_board
from benchboard.load.slugs import slugify
from benchboard.model import Report, Site

if TYPE_CHECKING:
    from benchboard.load.history import History

# Not allowed in XML 1.0 (the feed), and the bidirectional embedding, override and isolate controls,
# which no content text may hold either: "Fix score \u202eevil" would show the changelog's line reversed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
MAX_RANKED_FOR_HISTORY = 2000  # a board's ranks per version cost n log n; beyond, rank changes are not traced
MAX_REPLAYED_ROWS = 1_000_000  # rows of declared boards rebuilt over the history, newest commits first


@dataclass(frozen=True)
class Event:
    kind: str  # "new_model", "added", "new_score", "changed_score", "removed_score", "removed", "rank_change", "board_rank_change"
    report: str  # the report's slug (a declared board's id for "board_rank_change")
    report_title: str  # (the declared board's title)
    model: str  # canonical name
    benchmark: str | None = None
    before: str | None = None  # shown value (or rank class) before
    after: str | None = None
    count: int = 0  # scores, for "new_model", "added" and "removed"


@dataclass(frozen=True)
class ChangeSet:
    sha: str
    date: str  # ISO 8601, from git
    day: str  # YYYY-MM-DD
    subject: str  # the commit message's first line, control characters removed
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Timeline:
    changes: tuple[ChangeSet, ...] = ()  # newest first, only commits that changed a score
    added: dict = field(default_factory=dict)  # (report slug, model, benchmark) -> day the score first appeared
    series: dict = field(default_factory=dict)  # (model, report slug, benchmark) -> ((day, sha, shown), ...) oldest first
    newest: str | None = None  # date of the newest change (ISO 8601)
    note: str | None = None
    truncated: bool = False


def timeline(history: History, site: Site) -> Timeline:
    canonical = {m.name: m.key for r in site.reports for m in r.models}
    for r in site.reports:
        for m in r.models:
            if m.info:
                canonical.update({alias: m.key for alias in m.info.aliases})
    current = {Path(r.path).name: r for r in site.reports}
    declared, replay_note = _declared_rank_events(history, site, canonical)
    seen: set[str] = set()
    added: dict[tuple, str] = {}
    series: dict[tuple, list] = {}
    changes = []
    for commit in history.commits:
        day = commit.date[:10]
        events: list[Event] = []
        for change in commit.changes:
            now = current.get(change.file)
            slug = now.slug if now else (change.after or change.before or _Nameless(change.file)).slug
            title = (now or change.after or change.before or _Nameless(change.file)).title
            before = _scores(change.before, canonical)
            after = _scores(change.after, canonical)
            if change.after is None and change.status != "D":
                continue  # this version did not validate: nothing to compare until it does
            seen.update(before)
            for key, scores in after.items():
                old = before.get(key)
                if old is None:
                    events.append(Event("added" if key in seen else "new_model", slug, title, key, count=len(scores)))
                    seen.add(key)
                for bench, shown in scores.items():
                    was = (old or {}).get(bench)
                    if was is None:
                        added.setdefault((slug, key, bench), day)
                        if old is not None:
                            events.append(Event("new_score", slug, title, key, bench, None, shown))
                    elif was != shown:
                        events.append(Event("changed_score", slug, title, key, bench, was, shown))
                    runs = series.setdefault((key, slug, bench), [])
                    if not runs or runs[-1][2] != shown:  # a version that did not validate repeats nothing
                        runs.append((day, commit.sha, shown))
                for bench, was in (old or {}).items():
                    if bench not in scores:
                        events.append(Event("removed_score", slug, title, key, bench, was, None))
            for key, scores in before.items():
                if key not in after:
                    events.append(Event("removed", slug, title, key, count=len(scores)))
            if change.before is not None and change.after is not None and not site.config.boards:  # the boards shown
                events += _rank_changes(change.before, change.after, canonical, slug, title)
        events += declared.get(commit.sha, [])
        if events:
            changes.append(ChangeSet(commit.sha, commit.date, day, _CONTROL.sub("", commit.subject)[:300], tuple(events)))
    newest = max((c.date for c in changes), default=None)
    note = "; ".join(n for n in (history.note, replay_note) if n) or None
    return Timeline(tuple(reversed(changes)), added, {k: tuple(v) for k, v in series.items()}, newest,
                    note, history.truncated)


@dataclass(frozen=True)
class _Nameless:
    file: str

    @property
    def slug(self) -> str:
        return slugify(Path(self.file).stem)

    @property
    def title(self) -> str:
        return self.file


def _scores(report: Report | None, canonical: dict[str, str]) -> dict[str, dict[str, str]]:
    if report is None:
        return {}
    return {canonical.get(m.name, m.name): {b: s.display for b, s in m.scores.items()} for m in report.models}


def _board_ranks(report: Report, canonical: dict[str, str]) -> dict[str, str]:
    columns = [(report, b) for b in report.benchmarks if any(b.name in m.scores for m in report.models)]
    if not columns or len(report.models) > MAX_RANKED_FOR_HISTORY:
        return {}
    board = build_board("history", report.title, None, columns, None, True)
    return {canonical.get(row.name, row.name): row.rank for row in board.rows if row.ranked}


def _rank_changes(before: Report, after: Report, canonical, slug: str, title: str) -> list[Event]:
    old, new = _board_ranks(before, canonical), _board_ranks(after, canonical)
    return [Event("rank_change", slug, title, key, None, old[key], rank)
            for key, rank in new.items() if key in old and old[key] != rank]


def _declared_rank_events(history: History, site: Site, canonical: dict[str, str]) -> tuple[dict[str, list[Event]], str | None]:
    """Commit sha -> rank-class changes on the boards site.yaml declares (as declared now), and
    a note when the replay stopped at its bound. Each declared board is rebuilt, by the same
    code as the site's, from the versions of its reports before and after each commit that
    changed one of them: a report no commit in the history touched is its current version.
    A version that lacks a declared column (its report absent, or the benchmark not in it)
    gives that board no ranks there. Rebuilt newest commit first, each state of a board once,
    at most MAX_REPLAYED_ROWS rows in all."""
    specs = site.config.boards
    if not specs or not history.commits:
        return {}, None
    ids = board_ids([spec.title for spec in specs])
    current = {Path(r.path).name: r.slug for r in site.reports}
    state: dict[str, Report | None] = {r.slug: r for r in site.reports}
    named: dict[int, Report] = {}  # a version, its models matched through the current registry

    def version(report: Report | None) -> Report | None:
        if report is None:
            return None
        if id(report) not in named:
            named[id(report)] = replace(report, models=tuple(replace(m, canonical=canonical.get(m.name, m.name))
                                                             for m in report.models))
        return named[id(report)]

    def slug(file: str) -> str:
        return current.get(file) or slugify(Path(file).stem)

    counted = set()
    for commit in history.commits:  # each touched report as it was before the history's first change to it
        for change in commit.changes:
            if change.file not in counted:
                counted.add(change.file)
                state[slug(change.file)] = version(change.before)
    wanted = [tuple(dict.fromkeys(c.report for c in spec.columns)) for spec in specs]
    tasks = []
    for commit in history.commits:
        before, touched = dict(state), set()
        for change in commit.changes:
            if change.after is None and change.status != "D":
                continue  # did not validate: the report stays as it was
            touched.add(slug(change.file))
            state[slug(change.file)] = version(change.after)
        for b, slugs in enumerate(wanted):
            if touched.intersection(slugs):
                tasks.append((commit.sha, b, tuple(before.get(s) for s in slugs), tuple(state.get(s) for s in slugs)))
    found: dict[str, dict[int, list[Event]]] = {}
    ranks: dict[tuple, dict[str, str]] = {}
    rows = 0

    def by_commit() -> dict[str, list[Event]]:  # each commit's boards in site.yaml's order
        return {sha: [e for b in sorted(boards) for e in boards[b]] for sha, boards in found.items()}

    for sha, b, old, new in reversed(tasks):  # newest first: a bound leaves out the oldest
        pair = []
        for reports in (old, new):
            key = (b, tuple(id(r) for r in reports))
            if key not in ranks:
                rows += sum(len(r.models) for r in reports if r is not None)
                if rows > MAX_REPLAYED_ROWS:
                    return by_commit(), ("rank changes on the boards site.yaml declares are traced for the latest commits only "
                                   f"(over {MAX_REPLAYED_ROWS:,} board rows to rebuild)")
                ranks[key] = _declared_ranks(specs[b], ids[b], dict(zip(wanted[b], reports)))
            pair.append(ranks[key])
        was, now = pair
        found.setdefault(sha, {})[b] = [Event("board_rank_change", ids[b], specs[b].title, key, None, was[key], rank)
                                        for key, rank in now.items() if key in was and was[key] != rank]
    return by_commit(), None


def _declared_ranks(spec, board_id: str, reports: dict[str, Report | None]) -> dict[str, str]:
    columns = []
    for column in spec.columns:
        report = reports.get(column.report)
        if report is None:
            return {}
        names = [column.benchmark] if column.benchmark else [b.name for b in report.benchmarks]
        try:
            columns += [(report, report.benchmark(n)) for n in names]
        except KeyError:
            return {}
    if not columns or sum(len(r.models) for r in reports.values() if r is not None) > MAX_RANKED_FOR_HISTORY:
        return {}
    board = build_board(board_id, spec.title, None, columns, spec.aggregate, False)
    return {row.name: row.rank for row in board.rows if row.ranked}
