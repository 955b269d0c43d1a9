"""Each report's own board read back from the cache (views/boardcache.py) equals the board
computed again; a torn, altered, misplaced or foreign entry is a miss (never a crash, never
another board); the folder is bounded."""

from __future__ import annotations

import os

import pytest

from benchboard.analyse import boards
from benchboard.load.content import load_site
from benchboard.load import cache as stored_cache
from benchboard.views import boardcache
from helpers import build_site, snapshot, write_tree


def _report(title: str, models: list[str], first: float) -> str:
    rows = "".join(f"  - name: {m}\n    family: F{i % 2}\n    scores: {{One: {first - i}, Two: {{value: {50 + i}.5, stderr: 1.{i}}}, Three: {40 + i}}}\n"
                   for i, m in enumerate(models))
    return (f"title: {title}\nbenchmarks:\n  - {{name: One, n: 500}}\n  - {{name: Two}}\n"
            f"  - {{name: Three, higher_is_better: false}}\nmodels:\n{rows}")


@pytest.fixture
def content(tmp_path):
    return write_tree(tmp_path / "content", {
        "site.yaml": "title: Boards kept\n",
        "results/aa.yaml": _report("First", ["alpha", "beta", "gamma"], 71.0),
        "results/bb.yaml": _report("Second", ["alpha", "beta"], 72.0),
        "results/cc.yaml": _report("Third", ["beta", "gamma", "delta", "epsilon"], 73.0),
    })


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "boards"
    monkeypatch.setattr(boardcache, "folder", lambda: where)
    return where


def test_boards_read_back_equal_the_boards_computed(content, folder):
    site, _ = load_site(content)
    computed = boards.site_boards(site)
    first = boardcache.site_boards(site)  # computes and stores
    assert len(list(folder.iterdir())) == len(site.reports)
    again = boardcache.site_boards(site)  # reads
    assert first == computed and again == computed and repr(again) == repr(computed)
    # the rows point at the site's own reports and models, as computed ones do
    for board in again:
        for row in board.rows:
            for hit in row.at:
                assert hit is None or any(hit[0] is r and any(hit[1] is m for m in r.models) for r in site.reports)


def test_an_edited_report_gets_a_new_board_and_the_others_are_read(content, folder):
    site, _ = load_site(content)
    boardcache.site_boards(site)
    before = {p.name for p in folder.iterdir()}
    (content / "results/bb.yaml").write_text(_report("Second", ["alpha", "beta"], 12.0))
    site, _ = load_site(content)
    found = boardcache.site_boards(site)
    after = {p.name for p in folder.iterdir()}
    assert len(after - before) == 1  # one new entry: the edited report's
    assert found == boards.site_boards(site)


def _corruptions(entry: bytes, other: bytes):
    head, _, body = entry.partition(b"\n")
    yield "garbage", b"\x00\xff not json"
    yield "empty", b""
    yield "torn", entry[: len(entry) // 2]
    middle = len(body) // 2
    yield "altered body", head + b"\n" + body[:middle] + (b"1" if body[middle:middle + 1] != b"1" else b"2") + body[middle + 1:]
    yield "another board's entry", other
    yield "no head", body
    yield "a foreign format", head.replace(boardcache.FORMAT.encode(), b"boards-0") + b"\n" + body
    forged = [  # the head matches, the body is not a board this build can read
        b'{"a": 1}', b'["C", "NoSuchClass"]', b'["R", "no-such-report"]', b'["M", "aa", 99]', b'["M", "aa", -1]',
        b'["X"]', b'"a string"', b'["C", "Board", 1]', b"[" * 100_000 + b"]" * 100_000,
    ]
    key = head.split(b" ")[1].decode()
    for i, forged_body in enumerate(forged):
        yield f"forged {i}", boardcache._head(key, forged_body) + b"\n" + forged_body


def test_a_bad_entry_is_a_miss_and_never_changes_a_board(content, folder):
    site, _ = load_site(content)
    computed = boards.site_boards(site)
    boardcache.site_boards(site)
    entries = sorted(folder.iterdir())
    target, other = entries[0], entries[1]
    good, other_bytes = target.read_bytes(), other.read_bytes()
    for what, bad in _corruptions(good, other_bytes):
        target.write_bytes(bad)
        assert boardcache.site_boards(site) == computed, what
        assert target.read_bytes().partition(b"\n")[0] == good.partition(b"\n")[0], what  # rewritten whole


def test_an_unusable_cache_folder_costs_time_only(content, tmp_path, monkeypatch):
    site, _ = load_site(content)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(boardcache, "folder", lambda: blocked)
    assert boardcache.site_boards(site) == boards.site_boards(site)


def test_the_folder_keeps_the_most_recently_used_entries(tmp_path):
    root = tmp_path / "boards"
    root.mkdir()
    for i in range(10):
        path = root / f"{i}.json"
        path.write_text("x")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    stored_cache.prune(root, 4)
    assert sorted(p.name for p in root.iterdir()) == ["6.json", "7.json", "8.json", "9.json"]
    stored_cache.prune(root, 4, max_bytes=2)  # and by size: two one-byte files fit
    assert sorted(p.name for p in root.iterdir()) == ["8.json", "9.json"]


def test_a_build_over_a_corrupt_cache_equals_a_cold_build(content, tmp_path, monkeypatch):
    monkeypatch.setattr(boardcache, "folder", lambda: tmp_path / "warm-boards")
    build_site(content, tmp_path / "first")
    for entry in (tmp_path / "warm-boards").iterdir():  # every entry damaged a different way
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 3] if entry.name < "8" else data.replace(b'"c"', b'"C"', 1))
    (content / "results/cc.yaml").write_text(_report("Third, renamed", ["beta", "gamma", "delta", "epsilon"], 73.0))
    build_site(content, tmp_path / "first")  # a rebuild of the previous output, over the damaged cache
    monkeypatch.setattr(boardcache, "folder", lambda: tmp_path / "cold-boards")
    build_site(content, tmp_path / "cold")
    assert snapshot(tmp_path / "first") == snapshot(tmp_path / "cold")


def test_each_reports_intervals_read_back_equal_those_computed(content, folder):
    from benchboard.views.catalog import report_intervals

    site, _ = load_site(content)
    computed = {r.slug: report_intervals(r) for r in site.reports}
    assert boardcache.intervals(site, None, report_intervals) == computed  # computes and stores
    assert any(v is not None for rows in computed.values() for row in rows for v in row)
    assert boardcache.intervals(site, None, report_intervals) == computed  # reads
    for entry in folder.iterdir():  # the wrong shape, or a value that is not the interval's text: computed again
        body = b'[[["1", 2]]]' if entry.name < "8" else b'{"a": [1]}'
        entry.write_bytes(boardcache._head(entry.stem, body) + b"\n" + body)
    assert boardcache.intervals(site, None, report_intervals) == computed
