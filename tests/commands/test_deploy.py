"""build-site deploy pushes the built site to gh-pages of a real (local, bare) repository."""

from __future__ import annotations

import os
import subprocess

from helpers import EXAMPLE, cli

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env={**os.environ, **GIT_ENV}).stdout


def test_deploy_to_a_bare_repository(tmp_path):
    bare = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(bare), cwd=tmp_path)
    work = tmp_path / "work"
    git("init", "-q", "-b", "main", str(work), cwd=tmp_path)
    git("remote", "add", "origin", str(bare), cwd=work)
    assert cli(EXAMPLE, work / "site", "--no-png").returncode == 0
    result = cli("deploy", "--site", work / "site", cwd=work, env=GIT_ENV)
    assert result.returncode == 0, result.stderr
    tree = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split()
    assert "index.html" in tree and ".nojekyll" in tree and "distilled-reasoning/chart.svg" in tree


def test_deploy_refuses_what_is_not_a_build(tmp_path):
    (tmp_path / "site").mkdir()
    result = cli("deploy", "--site", tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 1 and "is not a site built by build-site" in result.stderr
