"""Which files of CONTENT may be read: regular files whose real path stays inside CONTENT.

CONTENT comes from pull requests. A symbolic link in it can point at ``/etc/passwd``,
``/proc/self/environ`` (the CI token) or ``../../.git/config``; a FIFO hangs a read; a device
never ends. Every file and folder the build reads is resolved and checked here first, and a
refusal names the link, never its target or the target's bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchboard.errors import Problems

OUTSIDE = "symbolic link leading outside the content directory (copy the file in instead of linking it)"


class Unreadable(Exception):
    """The file may not be read; the message says why and what to do."""


class TooLarge(Unreadable):
    def __init__(self, size: int):
        super().__init__(f"file is over the size limit ({size:,} bytes)")
        self.size = size


def problem(path: Path, content: Path, kind: str = "file") -> str | None:
    """Why ``path`` (a "file" or a "dir") may not be read from CONTENT, or None if it may."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a broken or looping link
        return "broken symbolic link (remove it or copy the file in)" if path.is_symlink() else "cannot be read"
    if not resolved.is_relative_to(content.resolve()):
        return OUTSIDE
    try:
        mode = resolved.stat().st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if kind == "dir":
        return None if stat.S_ISDIR(mode) else "expected a folder here, found a file (rename or remove it)"
    if stat.S_ISDIR(mode):
        return "is a folder where a file is expected (rename or remove it)"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe, device or socket); only regular files are read (remove it)"
    return None


def is_folder(path: Path, content: Path) -> bool:
    """A real folder inside CONTENT (following links that stay inside)."""
    return problem(path, content, "dir") is None


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file; never blocks on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror}") from None
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode) or not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("is a folder where a file is expected (rename or remove it)")
        raise Unreadable("is not a regular file (a pipe, device or socket); only regular files are read (remove it)")
    return fd, info


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; never blocks on a FIFO and
    never reads past ``limit`` (a device reports size 0 and never ends)."""
    fd, info = _open_regular(path)
    try:
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise TooLarge(size)
        return b"".join(chunks)
    finally:
        os.close(fd)


def digest_regular(path: Path) -> bytes:
    """sha256 of a regular file, read in 1 MiB pieces: fingerprinting CONTENT before it is
    validated must not hold a 100 MB file (which the loader refuses anyway) in memory."""
    fd, _ = _open_regular(path)
    try:
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
        return digest.digest()
    finally:
        os.close(fd)


# Folders below CONTENT the build enters. static/ and templates/ nest a few levels; a folder
# 1,000 levels deep (which git commits and clones) once exhausted Python's recursion in the
# walks. Deeper folders in static/ or templates/ are an error; elsewhere the build never reads
# them, and the "up to date" fingerprint, which stops at the same depth, then never matches.
MAX_FOLDER_DEPTH = 32
TOO_DEEP = (f"folder nested more than {MAX_FOLDER_DEPTH} levels below the content directory; its files are not "
            "read (move them nearer the top)")


def walk_tree(folder: Path, max_depth: int, too_deep=None):
    """os.walk(folder, followlinks=False) without recursion (os.walk recurses once a level
    before Python 3.12): (directory, dirs, files) top-down, dirs in the order the caller leaves
    them (it may sort or prune the list). A folder more than ``max_depth`` levels below
    ``folder`` is not entered but passed to ``too_deep``; unreadable folders are skipped, as
    os.walk skips them."""
    stack = [(Path(folder), 0)]
    while stack:
        directory, depth = stack.pop()
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError:
            continue
        dirs, files = [], []
        for entry in listed:
            try:
                is_dir = entry.is_dir()  # a link to a folder is listed with the folders, as os.walk lists it
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry.name)
        yield directory, dirs, files
        for name in reversed(dirs):
            path = directory / name
            if path.is_symlink():
                continue
            if depth >= max_depth:
                if too_deep is not None:
                    too_deep(path)
                continue
            stack.append((path, depth + 1))


def walk(folder: Path, content: Path):
    """Yield (path, problem or None) for every file under ``folder``, sorted, without
    descending into linked folders; a link leaving CONTENT is reported, not followed, and so
    is a folder too deep to enter (``folder`` is a folder of CONTENT: static/, templates/)."""
    deep: list[Path] = []
    for base, dirs, files in walk_tree(folder, MAX_FOLDER_DEPTH - 1, deep.append):
        while deep:  # (found while the walk moved on from the folder above)
            yield deep.pop(0), TOO_DEEP
        dirs.sort()
        for name in sorted(files + [d for d in dirs if (base / d).is_symlink()]):
            path = base / name
            if path.is_symlink() and (base / name).is_dir() and problem(path, content, "dir") is None:
                continue  # a linked folder inside CONTENT: not followed (its files are found where they are)
            yield path, problem(path, content)
    while deep:
        yield deep.pop(0), TOO_DEEP


def display_path(path: Path, content: Path) -> str:
    """Name files as the user sees them: "content/results/x.yaml", whatever the cwd."""
    try:
        return (Path(content.resolve().name) / path.relative_to(content)).as_posix()
    except ValueError:
        return str(path)


def unsafe(path: Path, content: Path, problems: Problems, kind: str = "file") -> bool:
    """Record why ``path`` may not be read (a link leaving CONTENT, a folder or FIFO where a
    file belongs); a missing folder is simply absent."""
    if kind == "dir" and not (path.exists() or path.is_symlink()):
        return False
    why = problem(path, content, kind)
    if why:
        problems.error(display_path(path, content), 0, 0, why)
    return why is not None


def atomic_write(path: Path, data: bytes) -> None:
    """Write one file so that a reader (or a killed writer) sees the old bytes or the new ones,
    never half: a temporary file beside it, then one rename. The one helper every single-file
    writer uses (the cache, the importer's YAML); raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
