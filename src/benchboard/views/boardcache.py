"""Each report's own board and its scores' shown intervals, kept between builds in the user's
cache (load/cache.py's folder).

A report's default board (analyse/boards.py: its rows, ranks and pairwise verdicts) is the
largest part of computing the site pages' data: at 1,000 reports about half of it, recomputed
on every rebuild although one report changed. It is a function of its arguments alone (the
report, the board's id, title and description, the benchmark page slugs of the report's own
benchmarks) and of benchboard's code, so it is stored under a digest of exactly those and read
back on the next build instead of being computed: an edit of one report, or of models.yaml or
benchmarks.yaml (which change the loaded reports), computes only the boards whose inputs changed.

Entries are JSON, never pickle: a cache file can never run code. The codec knows the board's
own types only (Board, BoardRow, Cell, Column, Provenance, Contamination, Fraction); reports,
models and benchmarks are written as references (a report's slug, a position in it) and read
back as the build's own objects, which the entry's key already hashed. A board holding anything
else is not stored. An entry that is unreadable, from another version or of the wrong shape, or
whose references do not resolve, is a miss: the board is computed, as on a cold build, so a bad
cache entry costs time and never changes the output (tests/views/test_board_cache.py).

Each report's scores' 95% intervals as the pages show them (catalog.report_intervals: the
next largest part, a function of the report alone) are kept the same way, as plain JSON
checked for its shape.

The folder is bounded: past MAX_ENTRIES files or MAX_BYTES, the least recently used ones are
removed (a build marks the entries it read).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from fractions import Fraction
from pathlib import Path

from benchboard.analyse import boards
from benchboard.analyse.boards import Board, BoardRow
from benchboard.analyse.provenance import Contamination, Provenance
from benchboard.analyse.tables import Cell, Column
from benchboard.load import cache as stored_cache
from benchboard.load.cache import prune
from benchboard.load.slugs import benchmark_slugs
from benchboard.model import Benchmark, Model, Report, Site

FORMAT = "boards-2"
MAX_ENTRIES = 20_000  # files kept (two a report: a 10-model board is ~12 KB, its intervals ~1 KB); the oldest go first past this
MAX_BYTES = 200_000_000  # or past this many bytes in all
_TYPES = {cls.__name__: cls for cls in (Board, BoardRow, Cell, Column, Provenance, Contamination)}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _TYPES.values()}
_PLAIN = (str, int, float, bool, type(None))


class _Foreign(Exception):
    """A value the codec does not know (writing) or an entry it cannot read back."""


def folder() -> Path:
    return stored_cache.cache_dir() / "boards"


INTERVALS = "intervals-1"


def intervals(site: Site, report_keys: dict[str, bytes] | None, report_intervals) -> dict[str, list]:
    """slug -> ``report_intervals(report)`` (views/catalog.py's, passed in) of every report (each score's shown 95%
    interval: a fifth of the site pages' data at 1,000 reports), read from the cache while the
    report is unchanged; an entry of the wrong shape is computed again."""
    store = _Store(site, report_keys or {}, {})
    found = {}
    for report in site.reports:
        path = folder() / f"{store.report_key(report, INTERVALS)}.json"
        known = store.read_json(path)
        if not _intervals_shape(known, report):
            known = report_intervals(report)
            store.write_json(path, known)
        store.used.append(path)
        found[report.slug] = known
    store.finish()
    return found


def _intervals_shape(value, report: Report) -> bool:
    return (type(value) is list and len(value) == len(report.models)
            and all(type(row) is list and len(row) == len(report.benchmarks)
                    and all(v is None or (type(v) is list and len(v) == 2 and all(type(x) is str for x in v)) for v in row)
                    for row in value))


def site_boards(site: Site, report_keys: dict[str, bytes] | None = None) -> list[Board]:
    """analyse.boards.site_boards, with each report's default board read from the cache when
    its inputs are unchanged (``report_keys``: slug -> a digest of the report's every field,
    the one the build already computed for the report's folder; else hashed here)."""
    if site.config.boards:  # declared boards span reports: computed, as before
        return boards.site_boards(site)
    pages = benchmark_slugs(site.reports)
    store = _Store(site, report_keys or {}, pages)
    found = boards.site_boards(site, build=store.build)
    store.finish()
    return found


class _Store:
    def __init__(self, site: Site, report_keys: dict[str, bytes], pages: dict) -> None:
        self.reports = {r.slug: r for r in site.reports}
        self.report_keys = report_keys
        self.pages = pages
        self.code = stored_cache.code_digest()
        self.used: list[Path] = []
        self.wrote = False

    def build(self, board_id, title, description, columns, aggregate, default, pages=None) -> Board:
        reports = {id(r): r for r, _ in columns}
        if not default or aggregate is not None or len(reports) != 1:
            return boards.build_board(board_id, title, description, columns, aggregate, default, pages)
        report = columns[0][0]
        path = folder() / f"{self._key(report, board_id, title, description, columns)}.json"
        board = self._read(path)
        if board is None:
            board = boards.build_board(board_id, title, description, columns, aggregate, default, pages)
            self._write(path, board, report)
        self.used.append(path)
        return board

    def _key(self, report: Report, board_id: str, title: str, description, columns) -> str:
        slugs = [[b.name, b.metric, self.pages.get((b.name, b.metric))] for _, b in columns]
        return self.report_key(report, FORMAT, board_id, title, description, [b.name for _, b in columns], slugs)

    def report_key(self, report: Report, *parts) -> str:
        """A digest of the code, ``parts`` and the report's every field."""
        report_key = self.report_keys.get(report.slug)
        if report_key is None or self.reports.get(report.slug) is not report:
            report_key = hashlib.sha256(repr(report).encode("utf-8", "surrogatepass")).digest()
        head = json.dumps([self.code, *parts])
        return hashlib.sha256(head.encode("utf-8", "surrogatepass") + b"\0" + report_key).hexdigest()

    def read_json(self, path: Path):
        """The entry's JSON value, or None when it is missing, torn, altered or misplaced."""
        try:
            data = path.read_bytes()
            head, _, body = data.partition(b"\n")
            if head != _head(path.stem, body):
                return None
            return json.loads(body)
        except (OSError, ValueError, RecursionError):
            return None

    def write_json(self, path: Path, value) -> None:
        body = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")
        stored_cache._write_atomically(path, _head(path.stem, body) + b"\n" + body)
        self.wrote = True

    def _read(self, path: Path) -> Board | None:
        try:
            board = _decode(self.read_json(path), self.reports)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, _Foreign):
            return None
        return board if type(board) is Board else None

    def _write(self, path: Path, board: Board, report: Report) -> None:
        try:
            self.write_json(path, _encode(board, self.reports, _positions(report)))
        except (_Foreign, ValueError, RecursionError):
            pass  # not stored: computed again next time

    def finish(self) -> None:
        """Mark the entries used (their modification time), and bound the folder."""
        for path in self.used:
            try:
                os.utime(path)
            except OSError:
                pass
        if self.wrote:
            prune(folder(), MAX_ENTRIES, MAX_BYTES)


def _head(key: str, body: bytes) -> bytes:
    """An entry's first line: its format, its key and a digest of its body."""
    return f"{FORMAT} {key} {hashlib.sha256(body).hexdigest()}".encode()


# --- the codec: JSON values, lists tagged by their first item ---------------------------


def _encode(value, reports: dict[str, Report], positions: dict[int, list]):
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is Cell and value.source is None and value.contamination is None:
        return ["c", value.display, _encode(value.value, reports, positions), value.best, value.stderr, value.absent]
    if kind is tuple:
        if len(value) == 2 and type(value[0]) is Report and type(value[1]) is Model:
            at = positions.get(id(value[1]))
            if at is not None and at[0] is value[1] and reports.get(value[0].slug) is value[0] and value[0].slug == at[1]:
                return ["A", at[1], at[2]]
        return ["T", *(_encode(v, reports, positions) for v in value)]
    if kind is list:
        return ["L", *(_encode(v, reports, positions) for v in value)]
    if kind is dict:
        return ["D", *(["T", _encode(k, reports, positions), _encode(v, reports, positions)] for k, v in value.items())]
    if kind is Fraction:
        return ["F", value.numerator, value.denominator]
    if kind is Report:
        if reports.get(value.slug) is not value:
            raise _Foreign("a report not on the site")
        return ["R", value.slug]
    if kind is Model or kind is Benchmark:
        at = positions.get(id(value))
        if at is None or at[0] is not value:
            raise _Foreign(f"a {kind.__name__} of another report")
        return [kind.__name__[0], *at[1:]]
    if kind in _FIELDS:
        return ["C", kind.__name__, *(_encode(getattr(value, name), reports, positions) for name in _FIELDS[kind])]
    raise _Foreign(kind.__qualname__)


def _positions(report: Report) -> dict[int, list]:
    """id -> [the object, its report's slug, its index] of the report's models and benchmarks."""
    found = {id(m): [m, report.slug, i] for i, m in enumerate(report.models)}
    found.update({id(b): [b, report.slug, i] for i, b in enumerate(report.benchmarks)})
    return found


def _decode(value, reports: dict[str, Report]):
    if type(value) is not list:
        if type(value) is dict:
            raise _Foreign("a JSON object")
        return value
    tag = value[0]
    if tag == "c":  # a Cell of plain fields (most of a board)
        display, shown, best, stderr, absent = value[1:]
        if not (type(display) is str and type(best) is bool and type(absent) is str):
            raise _Foreign("a cell")
        return Cell(display, shown, best, stderr, None, None, absent)
    if tag == "A":  # a row's (report, model) at one column
        report = reports[value[1]]
        return report, _item(report.models, value[2])
    items = [v if type(v) is not list else _decode(v, reports) for v in value[1:]]
    if tag == "C":
        return _TYPES[items[0]](*items[1:])
    if tag == "T":
        return tuple(items)
    if tag == "L":
        return items
    if tag == "D":
        return dict(items)
    if tag == "F":
        return Fraction(*items)
    if tag == "R":
        return reports[items[0]]
    if tag == "M" or tag == "B":
        return _item(getattr(reports[items[0]], "models" if tag == "M" else "benchmarks"), items[1])
    raise _Foreign(f"tag {tag!r}")


def _item(items: tuple, index):
    if type(index) is not int or not 0 <= index < len(items):
        raise _Foreign("no such model or benchmark")
    return items[index]
