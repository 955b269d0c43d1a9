"""A rebuild that reuses the previous build (report folders, site pages, API files) gives the
same bytes as a cold build of the same content, after each kind of one-file edit."""

from __future__ import annotations

import pytest

from benchboard.commands import build as build_command
from benchboard.views import boardcache, paging
from helpers import snapshot, write_tree


def _report(title: str, models: list[str], first: float) -> str:
    rows = "".join(f"  - name: {m}\n    family: F{i % 2}\n    scores: {{One: {first - i}, Two: {50 + i}.5, Three: {40 + i}}}\n"
                   for i, m in enumerate(models))
    return (f"title: {title}\ny_range: [0, 100]\nbenchmarks:\n  - {{name: One, n: 500}}\n  - {{name: Two}}\n"
            f"  - {{name: Three, higher_is_better: false}}\nmodels:\n{rows}")


@pytest.fixture
def content(tmp_path):
    """Four reports sharing models and benchmarks, so model and benchmark pages list several."""
    return write_tree(tmp_path / "content", {
        "site.yaml": "title: Warm and cold\nbase_url: https://example.org/board/\n",
        "results/aa.yaml": _report("First", ["alpha", "beta", "gamma"], 71.0),
        "results/bb.yaml": _report("Second", ["alpha", "beta"], 72.0),
        "results/cc.yaml": _report("Third", ["beta", "gamma", "delta"], 73.0),
        "results/dd.yaml": _report("Fourth", ["alpha", "delta"], 74.0),
        "pages/about.md": "# About\n\nA page.\n",
    })


@pytest.mark.parametrize("split", [False, True], ids=["whole pages", "pages split by report"])
def test_each_warm_rebuild_equals_a_cold_build(tmp_path, content, monkeypatch, split):
    if split:  # model and benchmark pages of more than 4 rows are split, so the parts are exercised
        monkeypatch.setattr(paging, "MAX_ROWS", 4)
    out = tmp_path / "out"
    build_command.build(content, out, png=False)
    edited = content / "results/bb.yaml"
    edits = [
        ("a score", lambda: edited.write_text(edited.read_text().replace("One: 72.0", "One: 69.5"))),
        ("a title", lambda: edited.write_text(edited.read_text().replace("title: Second", "title: Second, renamed"))),
        ("a new model", lambda: edited.write_text(edited.read_text() + "  - name: epsilon\n    scores: {One: 12.0}\n")),
        ("a new report", lambda: write_tree(content, {"results/ee.yaml": _report("Fifth", ["gamma", "zeta"], 60.0)})),
        ("a removed report", lambda: (content / "results/aa.yaml").unlink()),
        ("a page", lambda: write_tree(content, {"pages/about.md": "# About\n\nAnother text.\n"})),
        # site-wide inputs: each changes what the cached boards (views/boardcache.py) are made of
        ("models.yaml", lambda: write_tree(content, {"models.yaml": "models:\n  - {name: Alpha One, aliases: [alpha], family: F0}\n"})),
        ("benchmarks.yaml", lambda: write_tree(content, {"benchmarks.yaml": "benchmarks:\n  - {name: Uno, aliases: [One]}\n"})),
        ("site.yaml", lambda: write_tree(content, {"site.yaml": "title: Warm and cold\nbase_url: https://example.org/other/\nindex_rows: 2\n"})),
        ("models.yaml again", lambda: write_tree(content, {"models.yaml": "models:\n  - {name: Alpha One, aliases: [alpha], family: F0, params: 7B}\n"})),
    ]
    reused = 0
    for number, (what, edit) in enumerate(edits):
        edit()
        warm = build_command.build(content, out, png=False)
        reused += warm.reports - warm.built
        cold = tmp_path / f"cold-{number}"
        with monkeypatch.context() as empty:  # a cold build: no board from the cache the rebuilds use
            empty.setattr(boardcache, "folder", lambda: tmp_path / f"cold-cache-{number}")
            build_command.build(content, cold, png=False)
        assert snapshot(out) == snapshot(cold), f"after {what}"
    assert reused > 0  # the rebuilds did reuse the previous build
