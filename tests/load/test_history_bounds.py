"""The git history is read within bounds a stranger's repository cannot stretch: blob sizes are
asked first (`cat-file --batch-check`), so a version over MAX_BLOB_BYTES, or past
MAX_TOTAL_BYTES for all, is never read into memory (30 versions of 95 MB once took 5.7 GB); and
the versions read hold at most MAX_HISTORY_SCORES scores, the site's own limit (20 versions of a
366,000-score file once took 200 s and 5 GB). Past a bound the changelog covers the newest
commits and says why. The limits are shrunk here; the repositories are a few KB."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from benchboard.analyse.history import timeline
from benchboard.load import history
from benchboard.load.content import load_site
from helpers import build_site, write_tree


def _git(repo: Path, *args: str, date: str = "2025-03-01T12:00:00+00:00") -> None:
    env = {"PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _version(i: int, padding: int = 0) -> str:
    return (f"# version {i}{' ' + '#' * padding if padding else ''}\ntitle: T\nbenchmarks: [{{name: A}}, {{name: B}}]\n"
            f"models:\n  - {{name: m, scores: {{A: {i}.0, B: 1.0}}}}\n  - {{name: k, scores: {{A: 50.0, B: {i}.0}}}}\n")


@pytest.fixture
def repo(tmp_path):
    """Six commits, each a new version of results/r.yaml (4 scores each); the third is padded
    to 3,000 bytes."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    for i in range(1, 7):
        files = {"content/results/r.yaml": _version(i, 3000 if i == 3 else 0)}
        if i == 1:
            files["content/site.yaml"] = "title: T\n"
        write_tree(root, files)
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", f"version {i}", date=f"2025-03-0{i}T12:00:00+00:00")
    return root / "content"


def _read(content: Path):
    site, _ = load_site(content)
    return timeline(history.read_history(content, site.config), site)


@pytest.fixture
def fetched(monkeypatch):
    """The blob ids each `git cat-file --batch` call was asked for."""
    asked: list[list[str]] = []
    call = history._Git.__call__

    def spy(self, *args, stdin=None):
        if args[:2] == ("cat-file", "--batch"):
            asked.append(stdin.decode().split())
        return call(self, *args, stdin=stdin)

    monkeypatch.setattr(history._Git, "__call__", spy)
    return asked


def test_blobs_past_the_byte_bounds_are_never_read(repo, monkeypatch, fetched):
    git = history._Git(repo, str(repo), time.monotonic() + 30)
    whole = _read(repo)
    assert not whole.truncated and len(whole.changes) == 6 and len(fetched) == 1  # one batch: all small
    assert max(history._sizes(git, fetched[0]).values()) > 3000  # the padded version
    fetched.clear()
    monkeypatch.setattr(history, "MAX_BLOB_BYTES", 2000)  # the padded version is over it
    found = _read(repo)
    assert max(history._sizes(git, fetched[0]).values()) < 2000 and len(fetched[0]) == 5
    assert not found.truncated and len(found.changes) >= 5  # that version left out, as one that does not validate
    fetched.clear()
    monkeypatch.setattr(history, "MAX_TOTAL_BYTES", 300)  # two small versions (~125 bytes each)
    found = _read(repo)
    sizes = history._sizes(git, [i for ids in fetched for i in ids])
    assert len(sizes) == 2 and sum(sizes.values()) <= 300
    assert found.truncated and "are over 0.000286102 MiB in all" in found.note
    assert "the changelog covers only the latest 1 commit that changed results/" in found.note
    assert [c.subject for c in found.changes] == ["version 6"]


def test_versions_past_the_site_score_limit_are_not_read(repo, monkeypatch, tmp_path):
    loaded = []
    load = history.cached_load
    monkeypatch.setattr(history, "cached_load", lambda path, *a: loaded.append(path) or load(path, *a))
    monkeypatch.setattr(history, "MAX_HISTORY_SCORES", 10)  # 4 scores a version: the third crosses it
    found = _read(repo)
    assert len(loaded) == 3
    assert found.truncated and "hold over 10 scores in all" in found.note
    assert [c.subject for c in found.changes] == ["version 6", "version 5"]  # the commits all of whose versions were read
    build_site(repo, tmp_path / "out")
    page = " ".join((tmp_path / "out" / "changes" / "index.html").read_text().split())
    assert "hold over 10 scores in all" in page and "version 6" in page and "version 4" not in page
