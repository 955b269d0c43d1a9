"""Test sites for the browser tests: each built once per test run, in-process, and shared by
every module and xdist worker that asks for it.

Under xdist (``--dist loadscope``) the modules that read the same site land on different
workers; each would build it again. ``built_site`` builds into the run's shared temporary
folder (the parent of a worker's base temp) under a lock, so the first worker builds and the
others read. Without xdist it builds into this session's own base temp. Tests only read the
sites they get (the screenshots go to test-artifacts/), so sharing them is safe.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from helpers import write_tree

try:
    import fcntl
except ImportError:  # Windows: no shared folder, each worker builds its own copy
    fcntl = None


def _root(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER") and fcntl is not None:
        base = base.parent  # this run's folder, shared by its workers (a fresh one per run)
    root = base / "browser-sites"
    root.mkdir(exist_ok=True)
    return root


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on ``path`` (released by the system if the holder dies)."""
    if fcntl is None:
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built_site(tmp_path_factory, name: str, content: dict[str, str] | Path, *, png: bool | None = False, at: str = "site") -> Path:
    """The site built from ``content`` (a file tree for write_tree, or a content folder) with
    benchboard's own ``build()``, at ``ROOT/NAME/AT``; PNG charts only when ``png``, or as the
    content's site.yaml says when ``png`` is None (as ``build-site`` without --png/--no-png: the
    build marker's input digest differs from an explicit choice). ``name`` must say what the
    site is: the same name always means the same content and options."""
    from benchboard.commands.build import build

    root = _root(tmp_path_factory)
    folder = root / (name + {False: "", True: "-png", None: "-as-configured"}[png])
    out = folder / at
    done = folder / ".built"
    with _locked(root / f"{folder.name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build that failed half-way
            source = content if isinstance(content, Path) else write_tree(folder / "content", content)
            build(source, out, png=png)
            done.write_text("built\n")
    return out
