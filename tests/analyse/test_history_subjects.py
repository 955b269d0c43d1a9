"""Commit subjects reach the changelog page and the feed: control characters are removed, and so
are the bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069),
which content text may not hold either ("Fix score \u202eevil" showed the rest of the line
reversed)."""

from __future__ import annotations

import os
import subprocess

from helpers import VALID_RESULT, build_site, write_tree

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _git(repo, *args):
    env = {"PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": "2025-03-01T12:00:00+00:00", "GIT_COMMITTER_DATE": "2025-03-01T12:00:00+00:00"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_bidi_controls_in_a_subject_reach_neither_the_changelog_nor_the_feed(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    write_tree(root, {"content/results/r.yaml": VALID_RESULT, "content/site.yaml": "title: T\n"})
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "add r")
    write_tree(root, {"content/results/r.yaml": VALID_RESULT.replace("61.5", "71.5")})
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", f"Fix score \u202eevil{BIDI}\x07 end")
    out = tmp_path / "out"
    build_site(root / "content", out)
    for page in ("changes/index.html", "feed.xml"):
        text = (out / page).read_text(encoding="utf-8")
        assert "Fix score evil end" in text, page
        assert not any(c in text for c in BIDI + "\x07"), page
