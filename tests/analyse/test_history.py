"""History from git: the changelog, the Atom feed (RFC 4287), "new" marks and score histories,
built in-process from a temporary repository made here; notes (never failures) when the
history cannot be read; git run without anything from the content repository."""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from benchboard.analyse.history import timeline
from benchboard.commands.build import build
from benchboard.load.content import load_site
from benchboard.load.history import read_history

from helpers import snapshot, write_tree

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _git(repo: Path, *args: str, date: str = "2025-03-01T12:00:00+00:00") -> None:
    env = {"PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _commit(repo: Path, files: dict, message: str, date: str) -> None:
    write_tree(repo, files)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, date=date)


R1 = """
    title: Reasoning <&> "quoted"
    benchmarks: [{name: A, n: 100}, {name: B, n: 100}]
    models:
      - {name: m, scores: {A: 50.0, B: 60.0}}
      - {name: k, scores: {A: 90.0, B: 95.0}}
"""
R2 = """
    title: Reasoning <&> "quoted"
    benchmarks: [{name: A, n: 100}, {name: B, n: 100}]
    models:
      - {name: m, scores: {A: 50.0, B: 60.0}}
      - {name: k, scores: {A: 40.0, B: 45.0}}
      - {name: fresh, scores: {A: 70.0}}
"""


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    _commit(root, {"content/results/r.yaml": R1, "content/site.yaml": "title: T & <co>\nhistory: {new_days: 10}\n"},
            "first: add r", "2025-01-01T09:00:00+00:00")
    _commit(root, {"content/results/r.yaml": R2}, "rerun k; add fresh \x01", "2025-03-01T12:00:00+00:00")
    return root


def test_timeline_lists_new_changed_and_rank_changes(repo):
    content = repo / "content"
    site, _ = load_site(content)
    found = timeline(read_history(content, site.config), site)
    assert [c.subject for c in found.changes] == ["rerun k; add fresh ", "first: add r"]  # newest first, control character gone
    kinds = [(e.kind, e.model, e.benchmark, e.before, e.after) for e in found.changes[0].events]
    assert ("changed_score", "k", "A", "90.0", "40.0") in kinds
    assert ("new_model", "fresh", None, None, None) in kinds
    assert ("rank_change", "k", None, "1", "2") in kinds and ("rank_change", "m", None, "2", "1") in kinds
    assert {e.kind for e in found.changes[1].events} == {"new_model"}
    assert found.series[("k", "r", "A")] == (("2025-01-01", found.changes[1].sha, "90.0"), ("2025-03-01", found.changes[0].sha, "40.0"))
    assert found.added[("r", "fresh", "A")] == "2025-03-01" and found.added[("r", "m", "A")] == "2025-01-01"


def test_feed_is_valid_atom_and_pages_show_the_history(repo, tmp_path):
    out = tmp_path / "out"
    build(repo / "content", out, png=False)
    root = ET.fromstring((out / "feed.xml").read_bytes())  # well-formed XML, escaping included
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert root.find(f"{ATOM}author/{ATOM}name").text == "T & <co>"
    assert root.find(f"{ATOM}updated").text == "2025-03-01T12:00:00+00:00"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    ids = [root.find(f"{ATOM}id").text] + [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(re.match(r"^(urn:uuid:[0-9a-f-]{36}|https?://)", i) for i in ids)
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}") is not None
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html"
    html = entries[0].find(f"{ATOM}content").text  # the entry's HTML, once unescaped by the XML parser
    assert "Changed score: k on A (Reasoning &lt;&amp;&gt; &#34;quoted&#34;): 90.0 → 40.0." in html
    changes = (out / "changes" / "index.html").read_text()
    assert 'id="c-' in changes and "New model: fresh, with 1 score in Reasoning &lt;&amp;&gt; &#34;quoted&#34;." in changes
    index = (out / "index.html").read_text()
    assert 'Results last changed <time datetime="2025-03-01">' in index
    # within 10 days of the newest change (2025-03-01): k (changed, not new) is not marked; fresh is
    assert index.count('class="new-mark"') == 1 and re.search(r'fresh</a> <span class="new-mark">', index)
    model = (out / "models" / "k" / "index.html").read_text()
    assert "Score history" in model and "90.0" in model.split("score-history")[1]


def test_the_same_content_and_history_give_the_same_site(repo, tmp_path):
    build(repo / "content", tmp_path / "a", png=False)
    build(repo / "content", tmp_path / "b", png=False, force=True)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_a_new_commit_rebuilds_the_changelog(repo, tmp_path):
    out = tmp_path / "out"
    build(repo / "content", out, png=False)
    _commit(repo, {"content/results/r.yaml": R2.replace("70.0", "71.0")}, "fix fresh", "2025-03-02T08:00:00+00:00")
    result = build(repo / "content", out, png=False)
    assert not result.up_to_date
    assert "fix fresh" in (out / "changes" / "index.html").read_text()


def test_a_shallow_clone_gives_a_note_not_a_failure(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True,
                   env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)})
    build(clone / "content", tmp_path / "out", png=False)
    page = (tmp_path / "out" / "changes" / "index.html").read_text()
    assert "shallow clone" in page and "fetch-depth: 0" in page
    assert not (tmp_path / "out" / "feed.xml").exists()


def test_an_unreadable_history_gives_a_note(tmp_path):
    content = write_tree(tmp_path / "repo" / "content", {"results/r.yaml": R1})
    _git(tmp_path / "repo", "init", "-q")  # no commit yet: HEAD names nothing
    build(content, tmp_path / "out", png=False)
    assert "no commit yet" in (tmp_path / "out" / "changes" / "index.html").read_text()


def test_a_broken_repository_gives_a_note(repo, tmp_path):
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")  # a branch that does not exist
    (repo / ".git" / "refs" / "heads").mkdir(parents=True, exist_ok=True)
    objects = repo / ".git" / "objects"
    for folder in objects.iterdir():  # and the objects gone
        if len(folder.name) == 2:
            for item in folder.iterdir():
                item.unlink()
    build(repo / "content", tmp_path / "out", png=False)
    page = (tmp_path / "out" / "changes" / "index.html").read_text()
    assert "No full changelog" in page


def test_no_repository_no_changelog(tmp_path):
    content = write_tree(tmp_path / "c", {"results/r.yaml": R1})
    assert read_history(content, load_site(content)[0].config) is None
    build(content, tmp_path / "out", png=False)
    assert not (tmp_path / "out" / "changes").exists() and "changes/" not in (tmp_path / "out" / "index.html").read_text()


def test_git_runs_nothing_from_the_content_repository(repo, tmp_path):
    """A repository's own config can name programs (fsmonitor, pager, diff, hooks); none may run."""
    marker = tmp_path / "ran"
    evil = f"touch {marker}"
    with open(repo / ".git" / "config", "a") as config:
        config.write(f'[core]\n\tfsmonitor = "{evil}"\n\tpager = "{evil}"\n\thooksPath = hooks\n'
                     f'[diff]\n\texternal = "{evil}"\n[diff "yaml"]\n\ttextconv = "{evil}"\n')
    (repo / ".gitattributes").write_text("*.yaml diff=yaml\n")
    hooks = repo / "hooks"
    hooks.mkdir()
    for name in ("post-checkout", "pre-commit", "post-index-change", "reference-transaction"):
        (hooks / name).write_text(f"#!/bin/sh\n{evil}\n")
        (hooks / name).chmod(0o755)
    build(repo / "content", tmp_path / "out", png=False)
    assert not marker.exists()
    assert (tmp_path / "out" / "feed.xml").exists()


def test_the_commit_bound_is_said(repo):
    content = repo / "content"
    (content / "site.yaml").write_text("title: T\nhistory: {max_commits: 1}\n")
    site, _ = load_site(content)
    found = timeline(read_history(content, site.config), site)
    assert [c.subject for c in found.changes] == ["rerun k; add fresh "]
    assert found.truncated and "only the latest commit that changed results/" in found.note


def test_no_new_marks_when_new_days_is_zero(repo, tmp_path):
    (repo / "content" / "site.yaml").write_text("title: T\nhistory: {new_days: 0}\n")
    build(repo / "content", tmp_path / "out", png=False)
    assert 'class="new-mark"' not in (tmp_path / "out" / "index.html").read_text()
    assert (tmp_path / "out" / "feed.xml").exists()


def test_history_names_benchmarks_as_the_registry_does(tmp_path):
    """Old versions' benchmarks are named as today's benchmarks.yaml names them: the changelog
    says "Arena Elo" where the file wrote "arena", a board column named by its registry name
    gets its rank changes, and a new score's "new" mark reaches the board (a review found all
    three keyed by the file's own spelling)."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    site = ("title: T\nhistory: {new_days: 10}\nboards:\n"
            "  - {title: Arena board, aggregate: win_rate, columns: [{report: arena, benchmark: Arena Elo}, {report: arena, benchmark: HumanEval}]}\n")
    first = """
        title: Arena
        benchmarks: [{name: arena, unit: Elo}, {name: HumanEval+, n: 164}]
        models:
          - {name: a, scores: {arena: {value: 1200, stderr: 3}, HumanEval+: 95.0}}
          - {name: b, scores: {arena: {value: 1100, stderr: 3}, HumanEval+: 50.0}}
        """
    registry = "benchmarks:\n  - {name: Arena Elo, aliases: [arena]}\n  - {name: HumanEval, aliases: [HumanEval+]}\n"
    _commit(root, {"content/results/arena.yaml": first, "content/site.yaml": site, "content/benchmarks.yaml": registry},
            "add arena", "2025-01-01T09:00:00+00:00")
    second = (first.replace("{value: 1200, stderr: 3}, HumanEval+: 95.0", "{value: 1000, stderr: 3}, HumanEval+: 20.0")
              .replace("50.0}}", "50.0}}\n          - {name: c, scores: {arena: {value: 900, stderr: 3}, HumanEval+: 10.0}}"))
    assert "{name: c," in second and "1000" in second
    _commit(root, {"content/results/arena.yaml": second}, "a drops; c added", "2025-03-01T12:00:00+00:00")
    out = tmp_path / "site"
    build(root / "content", out, png=False)
    changes = " ".join((out / "changes" / "index.html").read_text().split())
    assert "on Arena Elo" in changes and "on arena " not in changes and "HumanEval+" not in changes
    assert "a moved from rank 1 to 2 on the board Arena board" in changes, changes[changes.find("<main"):][:1500]
    board = (out / "boards" / "arena-board" / "index.html").read_text()
    assert re.search(r'>c</a> <span class="new-mark">new', board)  # c's scores, on the registry-named columns
