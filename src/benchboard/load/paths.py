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


def walk(folder: Path, content: Path):
    """Yield (path, problem or None) for every file under ``folder``, sorted, without
    descending into linked folders; a link leaving CONTENT is reported, not followed."""
    for directory, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        base = Path(directory)
        for name in sorted(files + [d for d in dirs if (base / d).is_symlink()]):
            path = base / name
            if path.is_symlink() and (base / name).is_dir() and problem(path, content, "dir") is None:
                continue  # a linked folder inside CONTENT: not followed (its files are found where they are)
            yield path, problem(path, content)


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
