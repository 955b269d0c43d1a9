"""The Atom feed (RFC 4287) without a base_url: a self link and alternate links relative to the
feed, and entry ids that stay the same when a later commit adds an entry."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from benchboard.commands.build import build

from helpers import write_tree

ATOM = "{http://www.w3.org/2005/Atom}"
RESULT = "title: R\nbenchmarks: [{name: A, n: 100}]\nmodels:\n  - {name: m, scores: {A: %s}}\n  - {name: k, scores: {A: 40.0}}\n"


def _commit(repo: Path, files: dict, date: str) -> None:
    write_tree(repo, files)
    env = {"PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    for args in (["add", "-A"], ["commit", "-q", "-m", f"at {date}"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _feed(out: Path):
    return ET.fromstring((out / "feed.xml").read_bytes())


def test_feed_links_and_stable_entry_ids(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, capture_output=True)
    _commit(repo, {"site.yaml": "title: T\n", "results/r.yaml": RESULT % "50.0"}, "2025-01-01T09:00:00+00:00")
    _commit(repo, {"results/r.yaml": RESULT % "60.0"}, "2025-02-01T09:00:00+00:00")
    build(repo, tmp_path / "a", png=False)
    first = _feed(tmp_path / "a")
    links = {link.get("rel"): link.get("href") for link in first.findall(f"{ATOM}link")}
    assert links == {"self": "feed.xml", "alternate": "changes/"}  # resolved against the feed's own URL
    assert first.find(f"{ATOM}link[@rel='self']").get("type") == "application/atom+xml"
    for entry in first.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("changes/#c-")
        assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}updated").text
    ids = [e.find(f"{ATOM}id").text for e in first.findall(f"{ATOM}entry")]
    _commit(repo, {"results/r.yaml": RESULT % "70.0"}, "2025-03-01T09:00:00+00:00")
    build(repo, tmp_path / "b", png=False)
    second = _feed(tmp_path / "b")
    later = [e.find(f"{ATOM}id").text for e in second.findall(f"{ATOM}entry")]
    assert later[1:] == ids and later[0] not in ids  # a new entry on top; the others keep their ids
    assert second.find(f"{ATOM}id").text == first.find(f"{ATOM}id").text
    assert second.find(f"{ATOM}updated").text == "2025-03-01T09:00:00+00:00"
