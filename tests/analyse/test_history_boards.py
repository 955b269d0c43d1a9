"""Rank-class changes on the boards site.yaml declares, replayed from the git history: each
board rebuilt from the versions of its reports before and after each commit that touched one
(a report no commit touched is its current version), named by the board's own id and title."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from benchboard.analyse import history as analyse_history
from benchboard.analyse.boards import site_boards
from benchboard.analyse.history import timeline
from benchboard.load.content import load_site
from benchboard.load.history import read_history

from helpers import write_tree

SITE = """
title: T
boards:
  - title: Across
    columns: [{report: one, benchmark: A}, {report: two}]
  - title: Only two
    columns: [{report: two}]
"""
ONE = """
title: One
benchmarks: [{name: A, n: 100}]
models:
  - {name: m, scores: {A: 50.0}}
  - {name: k, scores: {A: 60.0}}
"""
TWO_OLD = """
title: Two
benchmarks: [{name: C, n: 100}]
models:
  - {name: m, scores: {C: 55.0}}
  - {name: k, scores: {C: 95.0}}
"""
TWO_NEW = TWO_OLD.replace("{C: 95.0}", "{C: 5.0}")


def _git(repo: Path, *args: str, date: str) -> None:
    env = {"PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", date="2025-01-01T00:00:00+00:00")
    steps = [({"site.yaml": SITE, "results/one.yaml": ONE, "results/two.yaml": TWO_OLD}, "2025-01-01T09:00:00+00:00"),
             ({"results/two.yaml": TWO_NEW}, "2025-02-01T09:00:00+00:00"),
             ({"results/one.yaml": ONE.replace("{A: 50.0}", "{A: 51.0}")}, "2025-03-01T09:00:00+00:00")]
    for i, (files, date) in enumerate(steps):
        write_tree(root, files)
        _git(root, "add", "-A", date=date)
        _git(root, "commit", "-q", "-m", f"step {i}", date=date)
    return root


def _events(found, kind):
    return [[(e.report, e.report_title, e.model, e.before, e.after) for e in c.events if e.kind == kind] for c in found.changes]


def test_declared_boards_rank_changes_are_replayed(tmp_path):
    content = _repo(tmp_path)
    site, _ = load_site(content)
    found = timeline(read_history(content, site.config), site)
    ids = [b.id for b in site_boards(site)]
    by_commit = _events(found, "board_rank_change")  # newest first
    assert by_commit[2] == []  # the first commit adds the boards: nothing moved
    assert sorted(by_commit[1]) == sorted([(ids[0], "Across", "k", "1", "2"), (ids[0], "Across", "m", "2", "1"),
                                           (ids[1], "Only two", "k", "1", "2"), (ids[1], "Only two", "m", "2", "1")])
    assert by_commit[0] == []  # a score changed, no rank moved
    assert not any(_events(found, "rank_change")[i] for i in range(3))  # report boards are not the site's boards
    assert found.note is None
    again = timeline(read_history(content, site.config), site)
    assert again.changes == found.changes  # deterministic


def test_the_replay_is_bounded_and_says_so(tmp_path, monkeypatch):
    content = _repo(tmp_path)
    site, _ = load_site(content)
    monkeypatch.setattr(analyse_history, "MAX_REPLAYED_ROWS", 10)  # one board state of 4 models and one of 2 fit
    found = timeline(read_history(content, site.config), site)
    assert "declares are traced for the latest commits only" in found.note


def test_a_version_without_the_declared_column_gives_no_ranks(tmp_path):
    content = _repo(tmp_path)
    write_tree(content, {"results/one.yaml": ONE.replace("name: A,", "name: Renamed,").replace("{A:", "{Renamed:")})
    write_tree(content, {"site.yaml": SITE.replace("benchmark: A}", "benchmark: Renamed}")})
    _git(content, "add", "-A", date="2025-04-01T09:00:00+00:00")
    _git(content, "commit", "-q", "-m", "rename A", date="2025-04-01T09:00:00+00:00")
    site, _ = load_site(content)
    found = timeline(read_history(content, site.config), site)
    across = [e for c in found.changes for e in c.events if e.kind == "board_rank_change" and e.report_title == "Across"]
    assert across == []  # before the rename, "one" had no column "Renamed": that board is not replayed there
    assert any(e.report_title == "Only two" for c in found.changes for e in c.events if e.kind == "board_rank_change")
