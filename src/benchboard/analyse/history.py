"""What changed, commit by commit: new models, new, changed and removed scores, and rank class
changes on each report's own board. Pure: load/history.py read the versions; this compares them.

Every date comes from the history (the commit's date), never from the clock, so the same
content and history give the same changelog, feed and "new" marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from benchboard.analyse.boards import build_board
from benchboard.load.slugs import slugify
from benchboard.model import Report, Site

if TYPE_CHECKING:
    from benchboard.load.history import History

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # not allowed in XML 1.0 (the feed)
MAX_RANKED_FOR_HISTORY = 2000  # a board's ranks per version cost n log n; beyond, rank changes are not traced


@dataclass(frozen=True)
class Event:
    kind: str  # "new_model", "added", "new_score", "changed_score", "removed_score", "removed", "rank_change"
    report: str  # the report's slug
    report_title: str
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
            if change.before is not None and change.after is not None:
                events += _rank_changes(change.before, change.after, canonical, slug, title)
        if events:
            changes.append(ChangeSet(commit.sha, commit.date, day, _CONTROL.sub("", commit.subject)[:300], tuple(events)))
    newest = max((c.date for c in changes), default=None)
    return Timeline(tuple(reversed(changes)), added, {k: tuple(v) for k, v in series.items()}, newest,
                    history.note, history.truncated)


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
