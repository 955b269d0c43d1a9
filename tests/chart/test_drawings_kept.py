"""Drawings kept between builds (chart/drawings.py): a build into an empty OUT, or after a theme
change, draws no chart whose spec was drawn before, and gets the same bytes; an entry that was
altered, torn or misplaced is drawn again; the folder stays bounded."""

from __future__ import annotations

import os

from benchboard.chart import draw, drawings
from benchboard.load import cache as stored_cache
from helpers import build_site, snapshot, write_tree

RESULT = """title: Kept
benchmarks: [{name: A, n: 100}, {name: B, n: 100}]
models:
  - {name: M1, scores: {A: 61.0, B: 70.0}}
  - {name: M2, scores: {A: 55.0, B: 72.5}}
"""


def _count_drawings(monkeypatch) -> list[str]:
    calls: list[str] = []
    real_svg, real_png = draw.vlc.vegalite_to_svg, draw.vlc.svg_to_png
    # (the build's warm-up of vl-convert, on a thread of its own, is not a chart)
    monkeypatch.setattr(draw.vlc, "vegalite_to_svg", lambda *a, **k: (a[0] is draw.WARM_UP_SPEC or calls.append("svg")) and None
                        or real_svg(*a, **k))
    monkeypatch.setattr(draw.vlc, "svg_to_png", lambda *a, **k: calls.append("png") or real_png(*a, **k))
    return calls


def test_a_build_into_an_empty_out_draws_nothing_drawn_before(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    write_tree(tmp_path / "content", {"results/kept.yaml": RESULT})
    calls = _count_drawings(monkeypatch)
    build_site(tmp_path / "content", tmp_path / "first", png=True)
    assert "svg" in calls and "png" in calls
    calls.clear()
    build_site(tmp_path / "content", tmp_path / "second", png=True)  # a fresh OUT: every report is rendered again
    assert calls == []
    assert snapshot(tmp_path / "first") == snapshot(tmp_path / "second")
    # a theme change renders every report's page again, and draws nothing
    write_tree(tmp_path / "content", {"templates/report.html": '{% extends "theme/report.html" %}{% block main %}<p>Ours</p>{{ super() }}{% endblock %}'})
    build_site(tmp_path / "content", tmp_path / "second", png=True)
    assert calls == [] and "<p>Ours</p>" in (tmp_path / "second/kept/index.html").read_text()


def test_an_altered_or_misplaced_entry_is_drawn_again(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    spec = {"data": {"values": [{"v": 1}, {"v": 2}]}, "mark": "bar", "encoding": {"x": {"field": "v", "type": "quantitative"}}}
    first = draw.drawn_svg(spec)
    entries = sorted(drawings.folder().iterdir())
    assert len(entries) == 1 and first.startswith("<svg")
    entries[0].write_bytes(entries[0].read_bytes().replace(b"<svg", b"<svg onload='x()'", 1))  # altered body
    calls = _count_drawings(monkeypatch)
    assert draw.drawn_svg(spec) == first and calls == ["svg"]
    other = {**spec, "mark": "point"}
    draw.drawn_svg(other)
    a, b = sorted(drawings.folder().iterdir())
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)  # another drawing's entry under this key
    b.write_bytes(a_bytes)
    calls.clear()
    assert draw.drawn_svg(spec) == first and draw.drawn_svg(other) != first and calls == ["svg", "svg"]


def test_the_folder_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(drawings, "MAX_ENTRIES", 2)
    for i in range(4):
        draw.drawn_svg({"data": {"values": [{"v": i}]}, "mark": "bar", "encoding": {"x": {"field": "v", "type": "quantitative"}}})
        path = max(drawings.folder().iterdir(), key=lambda p: p.stat().st_mtime_ns)
        os.utime(path, (i, i))  # oldest first
    drawings.finish()
    assert len(list(drawings.folder().iterdir())) == 2
    assert stored_cache.cache_dir() == tmp_path / "cache"
