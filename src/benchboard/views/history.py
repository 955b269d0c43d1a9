"""History as page data: the changelog page, the Atom feed, "new" marks on boards and the score
histories on model pages, from analyse/history.py's timeline (and, without git, a model's
benchmarks scored in several reports). Nothing here reads a clock: "new"
counts back from the newest change in the history."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import asdict
from typing import TYPE_CHECKING

from benchboard.model import Site

if TYPE_CHECKING:
    from benchboard.analyse.history import Timeline

MAX_CHANGELOG = 200  # commits listed on the changelog page
MAX_FEED = 50  # entries in the feed
MAX_EVENTS = 60  # events listed per commit (the rest counted)
MAX_RUNS = 12  # runs of one benchmark in several reports listed on a model page (the newest; the rest counted)


def _feed_id(site: Site, what: str) -> str:
    """A stable id: the published URL when known, else a name-based UUID (RFC 4122 version 5)."""
    if site.config.base_url and what == "feed":
        return f"{site.config.base_url}feed.xml"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"benchboard:{site.config.base_url or site.config.title}:{what}").urn


def _change(change) -> dict:
    return {"sha": change.sha, "short": change.sha[:7], "date": change.date, "day": change.day, "subject": change.subject,
            "events": [asdict(e) for e in change.events[:MAX_EVENTS]], "more": max(len(change.events) - MAX_EVENTS, 0)}


def pages(site: Site, timeline: Timeline | None) -> list[tuple[str, str, str, dict]]:
    """(path, template, root, context) of the changelog page and the feed; none without a history."""
    if timeline is None:
        return []
    changes = [_change(c) for c in timeline.changes[:MAX_CHANGELOG]]
    changelog = {"changes": changes, "left_out": max(len(timeline.changes) - MAX_CHANGELOG, 0), "note": timeline.note,
                 "truncated": timeline.truncated, "new_days": site.config.new_days}
    found = [("changes/index.html", "changes.html", "../", changelog)]
    if timeline.changes:
        base = site.config.base_url
        feed = {
            "id": _feed_id(site, "feed"), "updated": timeline.newest,
            # without base_url, links are relative to the feed itself (RFC 4287 resolves them against its URL)
            "self": f"{base or ''}feed.xml", "alternate": f"{base or ''}changes/",
            "entries": [{**c, "id": _feed_id(site, f"commit:{c['sha']}"), "link": f"{base or ''}changes/#c-{c['short']}"}
                        for c in changes[:MAX_FEED]],
        }
        found.append(("feed.xml", "feed.xml", "", {"feed": feed}))
    return found


def new_marks(boards, timeline: Timeline | None, days: int) -> dict[str, list[str]]:
    """Board id -> models with a score on the board added within ``days`` of the newest change."""
    if timeline is None or not timeline.newest or days <= 0:
        return {}
    since = (datetime.date.fromisoformat(timeline.newest[:10]) - datetime.timedelta(days=days)).isoformat()
    marks = {}
    for board in boards:
        found = []
        for row in board.rows:
            for column, cell in zip(board.columns, row.cells):
                day = timeline.added.get((column.report.slug, row.name, column.benchmark.name))
                if cell.value is not None and day is not None and day > since:
                    found.append(row.name)
                    break
        if found:
            marks[board.id] = found
    return marks


def histories_by_model(timeline: Timeline | None, titles: dict[str, str]) -> dict[str, list[dict]]:
    """Model -> its scores that were given more than once (successive versions in git), for its page."""
    found: dict[str, list[dict]] = {}
    if timeline is None:
        return found
    for (key, slug, bench), runs in sorted(item for item in timeline.series.items() if len(item[1]) > 1):
        found.setdefault(key, []).append({"report": slug, "report_title": titles.get(slug, slug), "benchmark": bench,
                                          "runs": [{"day": d, "short": s[:7], "shown": v} for d, s, v in runs]})
    return found


def repeats(model) -> list[dict]:
    """A model page's benchmarks scored in more than one report (different runs, each with its
    run date where known), oldest run first; runs without a date last, by report; at most
    MAX_RUNS (the newest dated ones first), the others counted (``others``). From the content
    alone, with or without git."""
    by_bench: dict[str, list] = {}
    for entry in model.entries:  # one benchmark is its name and metric: MMLU (acc) and MMLU (acc_norm) are two pages, never one row
        by_bench.setdefault(entry.benchmark_slug, []).append(entry)
    found = []
    for _, entries in sorted(by_bench.items(), key=lambda item: (item[1][0].benchmark.label.casefold(), item[0])):
        bench = entries[0].benchmark.label
        if len({id(e.report) for e in entries}) < 2:
            continue
        entries.sort(key=lambda e: (e.score.date is None, e.score.date or "", e.report.slug))
        dated = [e for e in entries if e.score.date]
        shown = (dated[-MAX_RUNS:] if len(dated) >= MAX_RUNS else dated + [e for e in entries if not e.score.date][:MAX_RUNS - len(dated)])
        found.append({"benchmark": bench, "others": len(entries) - len(shown), "runs": [
            {"report": e.report.slug, "report_title": e.report.title, "day": e.score.date, "shown": e.score.display,
             "unit": e.unit} for e in shown]})
    return found
