"""Model and benchmark pages of more than paging.MAX_ROWS rows are split by report: stable URLs,
plain links between the parts (no script), every row on exactly one part, and an edit of one
report re-renders only the part that holds it."""

from __future__ import annotations

import re

import pytest

from benchboard.commands import build as build_command
from benchboard.load.content import load_site
from benchboard.views import paging
from benchboard.views.site import site_views
from helpers import snapshot, write_tree


def _report(number: int) -> str:
    return (f"title: Report {number}\ny_range: [0, 100]\nbenchmarks:\n  - {{name: One, n: 500}}\n  - {{name: Two}}\n"
            f"models:\n  - name: alpha\n    scores: {{One: 7{number}.0, Two: 61.5}}\n"
            f"  - name: beta\n    scores: {{One: 48.0, Two: 5{number}.0}}\n")


@pytest.fixture
def shared_models(tmp_path, monkeypatch):
    """Three reports scoring the same two models on the same two benchmarks, two rows a page."""
    monkeypatch.setattr(paging, "MAX_ROWS", 2)
    files = {"site.yaml": "title: Paging\n"}
    files.update({f"results/r{n}.yaml": _report(n) for n in (1, 2, 3)})
    return write_tree(tmp_path / "content", files)


def test_long_pages_are_split_by_report_with_every_row_once(shared_models):
    site, _ = load_site(shared_models)
    views = site_views(site)
    by_path = {v.path: v for v in views.pages}
    parts = ["models/alpha/index.html", "models/alpha/page/2/index.html", "models/alpha/page/3/index.html"]
    assert all(p in by_path for p in parts)
    assert [by_path[p].context["pager"].number for p in parts] == [1, 2, 3]
    assert [by_path[p].root for p in parts] == ["../../", "../../../../", "../../../../"]
    rows = [e for p in parts for e in by_path[p].context["model"].entries]
    assert [(e.report.title, e.benchmark.name) for e in rows] == [
        (f"Report {n}", b) for n in (1, 2, 3) for b in ("One", "Two")]
    runs = [r.title for p in parts for r, _ in by_path[p].context["model"].runs]
    assert runs == ["Report 1", "Report 2", "Report 3"]
    bench = [by_path[p] for p in ("benchmarks/one/index.html", "benchmarks/one/page/2/index.html", "benchmarks/one/page/3/index.html")]
    assert [len(v.context["benchmark"].entries) for v in bench] == [2, 2, 2]
    assert "models/alpha/page/2/" in views.urls and "benchmarks/two/page/3/" in views.urls


def test_short_pages_are_not_touched(shared_models, monkeypatch):
    monkeypatch.setattr(paging, "MAX_ROWS", 6)
    site, _ = load_site(shared_models)
    views = site_views(site)
    assert not any("/page/" in v.path or "pager" in v.context for v in views.pages)


def test_parts_link_to_each_other_without_script(tmp_path, shared_models):
    out = tmp_path / "out"
    build_command.build(shared_models, out, png=False)
    second = (out / "models/alpha/page/2/index.html").read_text()
    assert "<title>alpha (page 2 of 3) · Paging</title>" in second
    assert "6 scores from 3 reports, on 3 pages by report; this is page 2, with the scores of Report 2." in second
    assert '<a href="../../../../models/alpha/">1</a>' in second
    assert '<a href="../../../../models/alpha/page/3/">3</a>' in second
    assert '<strong aria-current="page">2</strong>' in second
    assert ">Report 2</a>" in second and ">Report 1</a>:" not in second  # its own report's rows only
    first = (out / "models/alpha/index.html").read_text()
    assert '<a href="../../models/alpha/page/2/"' in first
    assert "Every score of alpha on this site: 6 scores in 3 reports" in first  # the description counts every part
    bench = (out / "benchmarks/one/page/3/index.html").read_text()
    assert "Measured in 3 reports; this page holds the scores of 1 of them:" in bench
    for page in (out / "models/alpha/page/2/index.html", out / "benchmarks/one/page/3/index.html"):
        for href in re.findall(r'href="([^"#]+)"', page.read_text()):
            if not href.startswith(("http", "mailto:")):
                target = (page.parent / href).resolve()
                assert target.exists() or (target / "index.html").exists(), (page, href)


def test_an_edit_rerenders_only_the_part_holding_its_report(tmp_path, shared_models, monkeypatch):
    out = tmp_path / "out"
    build_command.build(shared_models, out, png=False)
    before = snapshot(out)
    calls: list[list[str]] = []
    original = build_command.render.iter_site
    monkeypatch.setattr(build_command.render, "iter_site",
                        lambda site, views, env, content=None: calls.append([v.path for v in views.pages]) or original(site, views, env, content))
    edited = shared_models / "results/r3.yaml"
    edited.write_text(edited.read_text().replace("One: 73.0", "One: 74.0"))
    build_command.build(shared_models, out, png=False)
    rendered = set(calls[-1])
    assert "models/alpha/page/3/index.html" in rendered
    # part 1 carries the chart over every report, so it shows the edit too; a benchmark page's
    # other parts hold other reports' rows and are reused (a model page's parts list its ranks
    # on every board, so they are rendered again, to the same bytes: checked below)
    assert "benchmarks/one/page/2/index.html" not in rendered
    after = snapshot(out)
    assert after["models/alpha/page/2/index.html"] == before["models/alpha/page/2/index.html"]
    cold = tmp_path / "cold"
    build_command.build(shared_models, cold, png=False)
    assert snapshot(cold) == after


def test_a_title_edit_rerenders_only_its_part(tmp_path, monkeypatch):
    """Seven reports (more than the header lists, so no page but those listing reports shows a
    title of another part): renaming the last report leaves the other parts as they were."""
    monkeypatch.setattr(paging, "MAX_ROWS", 4)
    files = {"site.yaml": "title: Paging\n"}
    files.update({f"results/r{n}.yaml": _report(n) for n in range(1, 8)})
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "out"
    cold = build_command.build(content, out, png=False)
    parts = ["models/alpha/index.html"] + [f"models/alpha/page/{n}/index.html" for n in (2, 3, 4)]
    assert all((out / p).is_file() for p in parts)
    before = snapshot(out)
    edited = content / "results/r7.yaml"
    edited.write_text(edited.read_text().replace("title: Report 7", "title: Report 7, renamed"))
    result = build_command.build(content, out, png=False)
    after = snapshot(out)
    assert all(after[p] == before[p] for p in parts[1:3])  # part 1's chart and ranks cover every report
    assert after[parts[3]] != before[parts[3]] and "Report 7, renamed" in (out / parts[3]).read_text()
    assert result.pages_rendered < cold.pages_rendered  # the parts holding other reports are reused
