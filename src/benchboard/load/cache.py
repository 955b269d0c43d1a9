"""The user's cache directory: validated result files, and derived files that are slow to make.

Parsing and validating 1,000 result files takes over a second; a rebuild after editing one of
them should not pay that. Each valid file's Report (and its warnings) is stored as JSON —
not pickle, so a cache file can never run code — keyed by the file's bytes, its path, the site
options and benchboard's own loader code. ``stored`` keeps other derived data (the vendored
Vega bundle, the Altair-built chart skeletons) under names that encode what they came from.
Every cache entry is written atomically, and an unwritable cache only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from typing import Callable
from pathlib import Path

from benchboard.load import paths
from benchboard.load.paths import atomic_write
from benchboard.errors import Problem
from benchboard.model import Benchmark, Model, Report, Score, SiteConfig, Source


def cache_dir() -> Path:
    root = os.environ.get("BENCHBOARD_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "benchboard"
    return Path(root)


CODE_SUFFIXES = (".py", ".json", ".j2", ".txt", ".html", ".js", ".css", ".ttf")


def hash_tree(digest, root: Path, label: str, suffixes: tuple[str, ...] = (), inside: Path | None = None,
              depth: int = paths.MAX_FOLDER_DEPTH) -> None:
    """Feed every file under ``root`` (path and bytes, in a stable order) into ``digest``.

    With ``inside`` (CONTENT), only regular files inside it are read: this runs before
    validation, and a FIFO or a link to /dev/zero must not hang it. The walk has no recursion
    (a folder 1,000 levels deep once stopped the build) and enters folders at most ``depth``
    levels below ``root``; past that it adds random bytes, so the fingerprint matches no other
    and the build runs in full (and says what is wrong if it reads the folder): a file the
    build reads is never left out of a fingerprint that could match."""
    if not root.is_dir() or (inside is not None and not paths.is_folder(root, inside)):
        return
    for base, dirs, files in paths.walk_tree(root, depth, lambda _: digest.update(b"too deep\0" + os.urandom(16))):
        dirs.sort()
        for name in sorted(dirs + files):
            path = base / name
            if suffixes and path.suffix not in suffixes:
                continue
            if inside is not None:
                digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
                if path.is_symlink():
                    digest.update(os.readlink(path).encode(errors="surrogateescape") + b"\0")
                if paths.problem(path, inside) is None:
                    try:
                        digest.update(paths.digest_regular(path))
                    except paths.Unreadable:
                        digest.update(b"unreadable\0")  # load reports it
            elif path.is_file():
                digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())


@cache
def code_digest() -> str:
    """benchboard's own code, schemas and fonts, and the installed plugins' versions: a changed
    generator must not reuse old output (every file of the package, so no hand-kept list can
    miss one)."""
    from benchboard import __version__

    digest = hashlib.sha256(__version__.encode())
    hash_tree(digest, Path(__file__).parents[1], "benchboard", CODE_SUFFIXES)
    digest.update(plugin_fingerprint().encode())
    return digest.hexdigest()


def plugin_fingerprint() -> str:
    """Every installed entry point of a ``benchboard.*`` group (readers today), with the name
    and version of the package that declares it."""
    from importlib.metadata import distributions

    return ";".join(sorted({f"{p.group}:{p.name}={p.value}@{dist.name}=={dist.version}"
                            for dist in distributions() for p in dist.entry_points if p.group.startswith("benchboard.")}))


def key(data: bytes, display: str, config: SiteConfig) -> str:
    digest = hashlib.sha256(code_digest().encode())
    for part in (display.encode(), repr(config).encode(), data):
        digest.update(part + b"\0")
    return digest.hexdigest()


def get(cache_key: str) -> tuple[Report, list[Problem]] | None:
    try:
        document = json.loads((cache_dir() / "reports" / f"{cache_key}.json").read_text(encoding="utf-8"))
        return _report(document["report"]), [Problem(**p) for p in document["warnings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(cache_key: str, report: Report, warnings: list[Problem]) -> None:
    document = {"report": asdict(report), "warnings": [asdict(w) for w in warnings]}
    _write_atomically(cache_dir() / "reports" / f"{cache_key}.json", json.dumps(document).encode())


def stored(name: str, make: Callable[[], bytes], valid: Callable[[bytes], bool] = bool) -> bytes:
    """The bytes cached as ``name``, made (and cached) on a miss or when not ``valid``.

    The name must say everything the bytes depend on; nothing else invalidates an entry.
    """
    path = cache_dir() / name
    try:
        data = path.read_bytes()
        if valid(data):
            return data
    except OSError:
        pass
    data = make()
    _write_atomically(path, data)
    return data


def prune(root: Path, limit: int, max_bytes: int | None = None) -> None:
    """Remove the least recently used files of ``root`` past ``limit`` files or ``max_bytes``
    (an unwritable or vanished file is skipped: another build may share the cache)."""
    try:
        entries = [(entry.stat().st_mtime, entry.stat().st_size, entry.path) for entry in os.scandir(root) if entry.is_file()]
    except OSError:
        return
    entries.sort(reverse=True)  # the most recently used first
    kept = total = 0
    for _, size, path in entries:
        total += size
        kept += 1
        if kept > limit or (max_bytes is not None and total > max_bytes):
            try:
                os.unlink(path)
            except OSError:
                pass


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except OSError:
        pass  # an unwritable cache only costs time


def _report(data: dict) -> Report:
    source = data.get("source")
    return Report(
        **{**data,
           "benchmarks": tuple(Benchmark(**_positions(b)) for b in data["benchmarks"]),
           "models": tuple(Model(**{**_positions(m), "scores": {k: Score(**s) for k, s in m["scores"].items()}}) for m in data["models"]),
           "y_range": tuple(data["y_range"]) if data.get("y_range") else None,
           "source": Source(**{**source, "files": tuple(source["files"]), "warnings": tuple(source["warnings"])}) if source else None},
    )


def _positions(data: dict) -> dict:
    """``where`` (key -> (line, col)) as loaded: JSON wrote its tuples as lists, and a cached
    report must equal a freshly loaded one (page digests hash it)."""
    where = data.get("where")
    if isinstance(where, dict):
        return {**data, "where": {key: tuple(at) for key, at in where.items()}}
    return data
