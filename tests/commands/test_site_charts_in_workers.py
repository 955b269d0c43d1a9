"""The site pages' charts drawn by worker processes (many charts) are the ones drawn in the
build's own process (a few): the same bytes either way."""

from __future__ import annotations

from benchboard.commands import build as build_command
from helpers import EXAMPLE, snapshot


def test_charts_drawn_apart_give_the_same_site(tmp_path, monkeypatch):
    here = tmp_path / "here"
    build_command.build(EXAMPLE, here, png=False)
    monkeypatch.setattr(build_command, "DRAW_APART_FROM", 1)
    pools = []

    class Recorded(build_command.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(build_command, "ProcessPoolExecutor", Recorded)
    apart = tmp_path / "apart"
    build_command.build(EXAMPLE, apart, png=False)
    assert pools  # the charts were drawn by worker processes
    assert any("entity-chart" in (apart / p).read_text() for p in snapshot(apart) if p.startswith("models/") and p.endswith(".html"))
    assert snapshot(apart) == snapshot(here)
