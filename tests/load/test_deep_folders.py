"""A folder 1,000 levels deep anywhere in CONTENT (git commits and clones one) once stopped the
build with a RecursionError: the fingerprint walked CONTENT with Path.rglob, and static/ and
templates/ with os.walk, both recursive on Python 3.11. Every walk is iterative now and enters
at most paths.MAX_FOLDER_DEPTH levels: deeper in static/ or templates/ is a content error; deeper
elsewhere is never read, and the fingerprint then never says "up to date", so no file the build
reads can change unseen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchboard.load.paths import MAX_FOLDER_DEPTH
from helpers import VALID_RESULT, build_site, cli, snapshot, write_tree

LEVELS = 1_000


def _deep(top: Path, levels: int, leaf: str = "x.txt", data: bytes = b"x") -> Path:
    """top/d/d/.../d/leaf, ``levels`` folders below ``top`` (os.makedirs recurses once a level)."""
    path = top
    path.mkdir(parents=True, exist_ok=True)
    for _ in range(levels):
        path = path / "d"
        path.mkdir()
    (path / leaf).write_bytes(data)
    return path / leaf


def _remove(top: Path) -> None:
    """Remove what _deep made without recursion (shutil.rmtree recurses too)."""
    path = top
    while (path / "d").is_dir():
        path = path / "d"
    while True:
        for name in os.listdir(path):
            if name != "d":
                os.unlink(path / name)
        if path == top:
            break
        os.rmdir(path)
        path = path.parent
    top.rmdir()


@pytest.fixture
def content(tmp_path):
    root = write_tree(tmp_path / "content", {"results/r.yaml": VALID_RESULT})
    made = []
    yield root, made
    for top in made:
        if top.exists():
            _remove(top)


@pytest.mark.parametrize("where", ["x", "results", "pages", ".git-like"])
def test_a_deep_folder_the_build_never_reads_builds_and_is_never_up_to_date(content, tmp_path, where):
    root, made = content
    top = root / where / "deep"
    made.append(top)
    _deep(top, LEVELS)
    done = cli(root, tmp_path / "out", "-q", "--no-png")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert not build_site(root, tmp_path / "out").up_to_date  # a file past the depth could change unseen


@pytest.mark.parametrize("folder", ["static", "templates"])
def test_a_deep_folder_in_static_or_templates_is_an_error_and_out_stays(content, tmp_path, folder):
    root, made = content
    out = tmp_path / "out"
    build_site(root, out)
    before = snapshot(out)
    top = root / folder / "deep"
    made.append(top)
    _deep(top, LEVELS, "x.css" if folder == "static" else "x.html")
    done = cli(root, out, "-q", "--no-png")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"content/{folder}/deep/" + "d/" * (MAX_FOLDER_DEPTH - 2) + "d:" in done.stderr.replace("\\", "/")
    assert f"more than {MAX_FOLDER_DEPTH} levels below the content directory" in done.stderr
    assert snapshot(out) == before


def test_a_file_at_the_deepest_level_read_is_published_and_its_change_rebuilds(content, tmp_path):
    root, made = content
    out = tmp_path / "out"
    top = root / "static" / "a"
    made.append(top)
    leaf = _deep(top, MAX_FOLDER_DEPTH - 2, "x.css", b"one")  # in a folder MAX_FOLDER_DEPTH levels below CONTENT
    assert len(leaf.parent.relative_to(root).parts) == MAX_FOLDER_DEPTH
    build_site(root, out)
    published = out / leaf.relative_to(root / "static")
    assert published.read_bytes() == b"one"
    assert build_site(root, out).up_to_date
    leaf.write_bytes(b"two")
    assert not build_site(root, out).up_to_date
    assert published.read_bytes() == b"two"
