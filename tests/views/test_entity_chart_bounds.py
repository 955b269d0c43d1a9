"""Model and benchmark pages (and each part of a split one) chart the scores they hold, and draw
no chart past MAX_CHART_SCORES scores or MAX_PAGE_CHARTS charts: the table has every number."""

from __future__ import annotations

from benchboard.load.content import load_site
from benchboard.views import paging
from benchboard.views import site as site_module
from helpers import write_tree


def _report(title: str, models: int, benchmarks: int) -> str:
    names = "".join(f"  - {{name: B{b}}}\n" for b in range(benchmarks))
    rows = "".join(f"  - name: m{m}\n    scores: {{{', '.join(f'B{b}: {40 + (m * 7 + b) % 50}' for b in range(benchmarks))}}}\n"
                   for m in range(models))
    return f"title: {title}\ny_range: [0, 100]\nbenchmarks:\n{names}models:\n{rows}"


def _pages(tmp_path, reports: int, models: int, benchmarks: int) -> dict:
    files = {"site.yaml": "title: Bounds\n"}
    files.update({f"results/r{i:02d}.yaml": _report(f"Run {i}", models, benchmarks) for i in range(reports)})
    site, _ = load_site(write_tree(tmp_path / "content", files))
    return {view.path: view for view in site_module.site_views(site).pages}


def test_pages_within_the_bounds_chart_every_score(tmp_path):
    pages = _pages(tmp_path, 3, 2, 4)
    model = pages["models/m0/index.html"].context
    assert sum(len(chart.bars) for chart in model["charts"]) == len(model["model"].entries) == 12
    benchmark = pages["benchmarks/b0/index.html"].context
    assert len(benchmark["charts"]) == 3  # one per report


def test_past_the_bounds_no_chart_is_drawn(tmp_path, monkeypatch):
    monkeypatch.setattr(site_module, "MAX_CHART_SCORES", 10)
    monkeypatch.setattr(site_module, "MAX_PAGE_CHARTS", 2)
    pages = _pages(tmp_path, 3, 2, 4)
    assert len(pages["models/m0/index.html"].context["model"].entries) == 12
    assert pages["models/m0/index.html"].context["charts"] == ()  # 12 scores
    assert pages["benchmarks/b0/index.html"].context["charts"] == ()  # 3 charts, one per report


def test_each_part_of_a_split_page_charts_its_own_scores(tmp_path, monkeypatch):
    monkeypatch.setattr(paging, "MAX_ROWS", 4)  # a report each
    pages = _pages(tmp_path, 3, 2, 4)
    parts = [pages["models/m0/index.html"]] + [pages[p] for p in sorted(pages) if p.startswith("models/m0/page/")]
    assert len(parts) == 3
    for part in parts:
        scores = {(e.report.slug, e.benchmark.name) for e in part.context["model"].entries}
        assert len(scores) == 4 and sum(len(chart.bars) for chart in part.context["charts"]) == 4
        assert {bar.label for chart in part.context["charts"] for bar in chart.bars} == {f"B{b}" for b in range(4)}
