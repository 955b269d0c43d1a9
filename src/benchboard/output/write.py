"""Write the site atomically: build beside OUT, then swap it into place.

A failed or killed build must leave the previous site as it was. Files go to a temporary
directory next to OUT (same filesystem, so renames are atomic); on Linux the two directories
are exchanged with one renameat2(RENAME_EXCHANGE) call, elsewhere with two renames. Leftover
temporary directories of killed builds carry our marker and are removed by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from pathlib import Path

from benchboard.errors import OutputRefused

MARKER = ".benchboard-build"  # marks OUT as ours; holds the manifest of the build
_TMP_PREFIX = ".benchboard-tmp-"


def check_output(content: Path, out: Path, *, force: bool) -> None:
    """Refuse an OUT we must not replace: a file, a foreign directory, nested with CONTENT, a
    link, a mount point, or a folder no build may ever replace (even with --force)."""
    if out.is_symlink():
        raise OutputRefused(f"{out} is a symbolic link; refusing to replace what it points at (give the real folder as OUT)")
    c, o = content.resolve(), out.resolve()
    protected = _protected(o)
    if protected:
        raise OutputRefused(f"{out} {protected}; refusing to replace it, even with --force (build into a folder of its own, e.g. {out / 'site'})")
    if o == c or o.is_relative_to(c):
        raise OutputRefused(f"{out} is inside the content directory {content}: choose an output outside it")
    if c.is_relative_to(o):
        raise OutputRefused(f"the content directory {content} is inside {out}: choose another output directory")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"{out} exists and is not a directory: remove it or choose another output")
    if out.is_dir() and not force and not (out / MARKER).exists() and any(out.iterdir()):
        raise OutputRefused(
            f"{out} is not empty and was not made by build-site; refusing to replace it "
            "(choose an empty or new directory, or pass --force to replace it)"
        )


def _protected(out: Path) -> str | None:
    """Why replacing ``out`` (resolved) would destroy something that is not a site."""
    home = Path.home().resolve()
    if out.parent == out:
        return "is the root of the filesystem"
    if out == home or home.is_relative_to(out):
        return "is your home folder" if out == home else "holds your home folder"
    if out.is_dir() and os.path.ismount(out):
        return "is a mount point (its contents cannot be swapped atomically)"
    if (out / ".git").exists():
        return "holds .git (it is a git work tree or repository)"
    return None


def read_manifest(out: Path) -> dict:
    """The previous build's manifest, or {} when there is none we can trust."""
    try:
        manifest = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) and manifest.get("generator") == "benchboard" else {}


class SiteWriter:
    """Writes a new site into a temporary directory beside OUT, then swaps it into place.

    Files are written as they are produced, so a build of thousands of reports never holds
    them all in memory. Leaving the ``with`` block without ``commit()`` (an error, a kill)
    removes the temporary directory and leaves OUT as it was.
    """

    def __init__(self, out: Path):
        self.out = out.absolute()
        self.tmp = self.out.parent / f"{_TMP_PREFIX}{self.out.name}-{os.getpid()}"
        with self._os_errors():
            self.out.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(self.out)
            self.tmp.mkdir()
            (self.tmp / MARKER).write_text('{"generator": "benchboard"}\n', encoding="utf-8")  # ours, even if killed now
        self._made: set[Path] = {self.tmp}

    @contextmanager
    def _os_errors(self):
        """A full or read-only disk is not a bug: exit 3 with what failed, OUT untouched."""
        try:
            yield
        except OSError as exc:
            shutil.rmtree(self.tmp, ignore_errors=True)
            where = f" ({exc.filename})" if exc.filename else ""
            raise OutputRefused(
                f"cannot write the site beside {self.out}: {exc.strerror or exc}{where}; "
                f"{self.out} was left as it was (free some space or choose a writable folder)"
            ) from None

    def __enter__(self) -> "SiteWriter":
        return self

    def __exit__(self, *exc) -> None:
        if self.tmp.exists():
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _target(self, rel: str) -> Path:
        target = self.tmp / rel
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        return target

    def write(self, files: Mapping[str, bytes] | Iterable[tuple[str, bytes]]) -> None:
        for rel, data in (files.items() if isinstance(files, Mapping) else files):  # an iterator may render as it goes:
            with self._os_errors():  # only the writing is an output error
                self._target(rel).write_bytes(data)

    def keep(self, files: Mapping[str, Path]) -> None:
        """Hard-link unchanged files from the previous build instead of rewriting them."""
        with self._os_errors():
            for rel, source in files.items():
                _link_or_copy(source, self._target(rel))

    def commit(self, manifest: dict) -> None:
        note = {"generator": "benchboard", "note": "This directory is written by build-site; it replaces it on every build."}
        text = json.dumps({**note, **manifest}, indent=1, sort_keys=True) + "\n"
        with self._os_errors():
            (self.tmp / MARKER).write_text(text, encoding="utf-8")
            _swap_into_place(self.tmp, self.out)


def remove_stale_temporaries(out: Path) -> None:
    """Remove temporary directories that killed builds of this OUT left behind."""
    for stale in out.parent.glob(f"{_TMP_PREFIX}{out.name}-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # another build is writing it right now
        if (stale / MARKER).exists() or not any(stale.iterdir()):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _swap_into_place(tmp: Path, out: Path) -> None:
    """The previous OUT is moved aside, and deleted only once the new site is in its place."""
    if out.exists():
        if _exchange(tmp, out):
            shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous site
            return
        old = out.parent / f"{_TMP_PREFIX}{out.name}-old-{os.getpid()}"
        out.rename(old)
        try:
            tmp.rename(out)
        except OSError:
            old.rename(out)  # put the previous site back
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
