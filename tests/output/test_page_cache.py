"""Site pages (index, lists, model and benchmark pages) are cached by a digest of what they show:
a rebuild re-renders only the pages whose data changed, and gives the bytes of a cold build."""

from __future__ import annotations

import json

import pytest
from markupsafe import Markup

from benchboard.commands import build as build_command
from benchboard.output import pagecache
from helpers import cli, snapshot, write_tree


def _report(title: str, prefix: str, first: float) -> str:
    return (f"title: {title}\ny_range: [0, 100]\nbenchmarks:\n  - {{name: {prefix} One, n: 500}}\n  - {{name: {prefix} Two}}\n"
            f"models:\n  - name: {prefix}-alpha\n    scores: {{{prefix} One: {first}, {prefix} Two: 61.5}}\n"
            f"  - name: {prefix}-beta\n    scores: {{{prefix} One: 48.0, {prefix} Two: 55.0}}\n")


@pytest.fixture
def three_reports(tmp_path):
    """Three reports with their own models and benchmarks: an edit to one touches no other's pages."""
    return write_tree(tmp_path / "content", {
        "site.yaml": "title: Cache test\n",
        "results/aa.yaml": _report("First", "A", 71.0),
        "results/bb.yaml": _report("Second", "B", 72.0),
        "results/cc.yaml": _report("Third", "C", 73.0),
    })


def _rendered(monkeypatch) -> list[list[str]]:
    """Record the site pages each build renders."""
    calls: list[list[str]] = []
    original = build_command.render.iter_site

    def recording(site, views, env, content=None):
        calls.append([v.path for v in views.pages])
        return original(site, views, env, content)

    monkeypatch.setattr(build_command.render, "iter_site", recording)
    return calls


def test_one_file_edit_rerenders_only_the_pages_it_changes(tmp_path, three_reports, monkeypatch):
    out = tmp_path / "out"
    # The first build in another process: the digests must not depend on the process (hash seeds).
    first = cli(three_reports, out, "--no-png")
    assert first.returncode == 0, first.stderr
    manifest = json.loads((out / ".benchboard-build").read_text())
    assert {"index.html", "models/index.html", "models/a-alpha/index.html", "benchmarks/b-one/index.html"} <= set(manifest["pages"])
    before = snapshot(out)

    calls = _rendered(monkeypatch)
    edited = three_reports / "results/aa.yaml"
    edited.write_text(edited.read_text().replace("A One: 71.0", "A One: 70.0"))
    result = build_command.build(three_reports, out, png=False)
    rendered = set(calls[-1])
    assert result.pages_rendered == len(rendered)
    assert {"models/a-alpha/index.html", "benchmarks/a-one/index.html", "index.html"} <= rendered
    untouched = {p for p in manifest["pages"] if p.startswith(("models/b-", "models/c-", "benchmarks/b-", "benchmarks/c-"))}
    assert len(untouched) == 8 and not rendered & untouched
    assert "70.0" in (out / "models/a-alpha/index.html").read_text()
    after = snapshot(out)
    assert all(after[p] == before[p] for p in untouched)

    # The same content built cold gives the same bytes.
    cold = tmp_path / "cold"
    build_command.build(three_reports, cold, png=False)
    assert len(calls[-1]) == len(manifest["pages"])  # a new OUT reuses nothing
    assert snapshot(cold) == snapshot(out)


def test_a_title_or_theme_change_rerenders_the_pages_that_show_it(tmp_path, three_reports, monkeypatch):
    out = tmp_path / "out"
    calls = _rendered(monkeypatch)
    build_command.build(three_reports, out, png=False)
    every = set(calls[-1])
    edited = three_reports / "results/cc.yaml"
    edited.write_text(edited.read_text().replace("title: Third", "title: Third, renamed"))
    build_command.build(three_reports, out, png=False)
    rendered = set(calls[-1])
    # The header names no report (one "Reports (N)" link), so only the pages that show the
    # third report's title are rendered again: the index, its board page (now at its new
    # path), the lists and the pages of its models and benchmarks.
    now = every - {"boards/third/index.html"} | {"boards/third-renamed/index.html"}
    assert {"index.html", "boards/third-renamed/index.html"} <= rendered < now
    write_tree(three_reports, {"templates/model.html": "{% extends 'base.html' %}{% block main %}themed{% endblock %}"})
    build_command.build(three_reports, out, png=False)
    assert set(calls[-1]) == now  # a theme change renders every page
    assert "themed" in (out / "models/a-alpha/index.html").read_text()
    build_command.build(three_reports, out, png=False)  # nothing changed: the build stops before rendering
    assert len(calls) == 3


def test_a_page_whose_file_is_gone_is_rendered_again(tmp_path, three_reports, monkeypatch):
    out = tmp_path / "out"
    build_command.build(three_reports, out, png=False)
    calls = _rendered(monkeypatch)
    (out / "models/b-beta/index.html").unlink()
    edited = three_reports / "results/aa.yaml"
    edited.write_text(edited.read_text().replace("A One: 71.0", "A One: 69.0"))
    build_command.build(three_reports, out, png=False)
    assert "models/b-beta/index.html" in calls[-1]
    assert (out / "models/b-beta/index.html").is_file()


def test_fingerprints_follow_the_data():
    from benchboard.model import Benchmark, Score

    prints = pagecache.Fingerprints()
    same = [prints.of({"a": [1, 2.5, None, True], "b": Benchmark("X", n=5)}),
            prints.of({"a": [1, 2.5, None, True], "b": Benchmark("X", n=5)})]
    assert same[0] == same[1]
    different = {
        prints.of({"a": [1, 2.5, None, True], "b": Benchmark("X", n=6)}),
        prints.of({"a": [1, 2.5, None, False], "b": Benchmark("X", n=5)}),
        prints.of({"a": [1, 2.5, None, 1], "b": Benchmark("X", n=5)}),
        prints.of({"b": Benchmark("X", n=5), "a": [1, 2.5, None, True]}),  # order is shown
        prints.of({"a": (1, 2.5, None, True), "b": Benchmark("X", n=5)}),
        same[0],
    }
    assert len(different) == 6
    assert prints.of("<b>") != prints.of(Markup("<b>"))  # escaped differently when rendered
    assert prints.of({"x", "y", "z"}) == prints.of({"z", "y", "x"})
    assert prints.of(Score(1.0, "1.0")) != prints.of(Score(1.0, "1.00"))
