"""Site pages cached by a digest of exactly what they show, as report folders already are.

Every site-level page (the index, the model and benchmark lists and pages, and any later page
made the same way) is a ``PageView``: a template laid out over data computed before rendering
(views/). Templates never compute, so a page's bytes are a function of its template (the theme
and benchboard's code: ``theme_digest``), what every page shares (``common``: the site options,
the nav, the version), where it goes (path, root) and its context. ``page_digest`` hashes those,
and a rebuild hard-links the previous build's file when the digest is unchanged instead of
rendering it again: a one-file edit re-renders only the pages whose data changed.

The digest walks the data, never renders it: frozen dataclasses are hashed field by field (all
fields, those left out of their repr too) and once per build (memoised by identity), so the
thousands of score entries that a model page and a benchmark page share are hashed once. Reports
(and their models) are hashed by their repr, which the report folders' digests already trust.
The two most numerous kinds stand for what they are computed from: a score entry for its report,
model, benchmark and slug, a board row for its board and name (a board for its fields but its
rows); that keeps the walk a fraction of the rendering (1,000 reports: 80,000 entries, 10,000
board rows). Anything the walk
does not know is hashed by type and repr: at worst a page is re-rendered for nothing (a repr
holding an address never matches), never reused wrongly.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from benchboard.analyse.boards import Board
from benchboard.model import Model, Report
from benchboard.views.catalog import Entry

_SCALARS = (int, float, bool, type(None))


class Fingerprints:
    """Digests of page data for one build, memoised by identity: the data must not change
    while this object is alive (views are computed once and only read after)."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, bytes]] = {}  # id -> (the object, kept alive; its encoding)

    def of(self, value) -> bytes:
        """A 32-byte digest of ``value``: equal for equal data, in any process."""
        return hashlib.sha256(self._encode(value)).digest()

    def _encode(self, value) -> bytes:
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")
            return b"s%d:" % len(data) + data
        if kind in _SCALARS:
            return b"%s:%s;" % (kind.__name__.encode(), repr(value).encode())
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if kind is Entry:  # the most numerous: thousands on each model and benchmark page
            encoded = self._entry(value)
            self._memo[id(value)] = (value, encoded)
            return encoded
        if kind is tuple or kind is list:
            return self._short(b"L" if kind is list else b"T", [self._encode(v) for v in value])
        if kind is dict:
            return self._short(b"D", [self._encode(k) + self._encode(v) for k, v in value.items()])
        if kind is set or kind is frozenset:  # no iteration order across processes
            return self._short(b"S", sorted(self._encode(v) for v in value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            encoded = self._dataclass(kind, value)
            self._memo[id(value)] = (value, encoded)
            return encoded
        if isinstance(value, str):  # Markup and other str subclasses render differently from str
            return b"%s(%s)" % (kind.__qualname__.encode(), self._encode(str(value)))
        return b"r%s(%s)" % (kind.__qualname__.encode(), self._encode(repr(value)))

    @staticmethod
    def _short(tag: bytes, parts: list[bytes]) -> bytes:
        body = b"".join(parts)
        if len(body) <= 256:
            return tag + b"%d[" % len(parts) + body + b"]"
        return tag + b"#" + hashlib.sha256(body).digest()

    def _entry(self, entry: Entry) -> bytes:
        """An entry's interval, unit, provenance and contamination are computed from its
        report, model and benchmark alone (catalog._entries); its slug is given."""
        report = self._encode(entry.report)
        names = "\0".join((entry.model.name, entry.benchmark.name, entry.benchmark_slug)).encode("utf-8", "surrogatepass")
        return b"E" + hashlib.sha256(report + names).digest()

    def _dataclass(self, kind: type, value) -> bytes:
        if kind is Report or kind is Model:
            # Every field is in their repr (the report folders' digests rely on it too).
            body = repr(value).encode("utf-8", "surrogatepass")
        elif kind is Board:
            # A board's rows are computed from its other fields (boards.build_board reads only
            # its columns' reports): hash those, and let each row stand for (board, name).
            body = b"".join(self._encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "rows")
            board = hashlib.sha256(body).digest()
            for row in value.rows:
                self._memo[id(row)] = (row, b"R" + hashlib.sha256(board + self._encode(row.name)).digest())
        else:
            body = b"".join(self._encode(getattr(value, f.name)) for f in dataclasses.fields(value))
        return b"C" + f"{kind.__module__}.{kind.__qualname__}".encode() + hashlib.sha256(body).digest()


def page_digest(fingerprints: Fingerprints, view, common: dict, theme_digest: str) -> str:
    """What one site page depends on: its template and the theme and code (``theme_digest``),
    where it goes, what every page shares and its own data."""
    digest = hashlib.sha256(theme_digest.encode() + b"\0")
    for part in (view.path, view.template, view.root):
        digest.update(part.encode() + b"\0")
    digest.update(fingerprints.of(common))
    digest.update(fingerprints.of(view.context))
    return digest.hexdigest()


def page_digests(pages, common: dict, theme_digest: str, fingerprints: Fingerprints | None = None) -> dict[str, str]:
    """path -> digest of every page view (``fingerprints``: one shared with the report digests)."""
    fingerprints = fingerprints or Fingerprints()
    return {view.path: page_digest(fingerprints, view, common, theme_digest) for view in pages}


def reusable_pages(digests: dict[str, str], previous: dict, out: Path) -> dict[str, Path]:
    """Pages whose previous file (in OUT) was built from the same digest: path -> that file."""
    old = previous.get("pages", {})
    if not isinstance(old, dict):
        return {}
    return {path: out / path for path, digest in digests.items()
            if old.get(path) == digest and (out / path).is_file() and not (out / path).is_symlink()}
