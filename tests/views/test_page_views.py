"""The index's, board pages' and entity pages' data (views/site.py), computed before rendering:
top rows per board, board page paths, the newest result's date, the rules the index words once,
the model and benchmark charts' bars, and each model's own harness version."""

from __future__ import annotations

import pytest

from helpers import write_tree

from benchboard.analyse import provenance
from benchboard.load.content import load_site
from benchboard.views.site import board_path, site_views
from lab_site import write_lab_site

RUNS = """\
    title: Runs
    benchmarks: [{name: A, n: 100}, {name: B, n: 100, higher_is_better: false}]
    models:
      - {name: M1, scores: {A: 50, B: 40}}
      - {name: M2, scores: {A: 60, B: 45}}
      - {name: M3, scores: {A: 55}}
    source:
      harness: lm-evaluation-harness
      version: 0.4.2, 0.4.3
      models:
        M1: {num_fewshot: 0, harness_version: 0.4.2, date: 2025-01-01 10:00 UTC}
        M2: {num_fewshot: 0, date: "2025-03-04T08:00:00"}
    """


def views(tmp_path, files):
    site, _ = load_site(write_tree(tmp_path / "content", files))
    return site, site_views(site)


def page(found, template):
    return [p for p in found.pages if p.template == template]


def test_the_index_carries_each_boards_top_rows_and_its_page(tmp_path):
    site, found = views(tmp_path, {"site.yaml": "title: T\nindex_rows: 2\n", "results/runs.yaml": RUNS})
    [index] = page(found, "index.html")
    [item] = index.context["boards"]
    assert [r.name for r in item.top] == [r.name for r in item.board.rows[:2]] and len(item.board.rows) == 3
    assert item.href == board_path(item.board) == "boards/runs/"
    [board] = page(found, "board.html")
    assert board.path == "boards/runs/index.html" and board.root == "../../"
    assert "boards/runs/" in found.urls
    # a lower-is-better column: the report's board ranks by win rate; both ranked models win one column each (50.0)
    assert index.context["rule_kinds"] == ("win_rate_defined", "level")
    assert index.context["updated"] == "2025-03-04"  # the newest run date the files record (load/dates, Report.updated)


def test_no_run_dates_means_no_last_updated(tmp_path):
    site, found = views(tmp_path, {"results/r.yaml": "title: R\nbenchmarks: [{name: A}]\nmodels: [{name: M, scores: {A: 1}}]\n"})
    assert page(found, "index.html")[0].context["updated"] is None


def test_a_models_own_harness_version_is_its_provenance(tmp_path):
    site, _ = views(tmp_path, {"results/runs.yaml": RUNS})
    report = site.reports[0]
    own = provenance.of(report, report.models[0])
    assert own.version == "0.4.2" and own.own_version and ("harness_version", "0.4.2") not in own.settings
    listed = provenance.of(report, report.models[1])
    assert listed.version == "0.4.2, 0.4.3" and not listed.own_version


def test_model_and_benchmark_charts_are_sorted_best_first_per_unit(tmp_path):
    site, found = views(tmp_path, {"results/runs.yaml": RUNS})
    model = next(p for p in page(found, "model.html") if p.context["model"].name == "M2")
    charts = model.context["charts"]
    assert [(c.higher_is_better, [b.label for b in c.bars]) for c in charts] == [(True, ["A"]), (False, ["B"])]
    bench = next(p for p in page(found, "benchmark.html") if p.context["benchmark"].name == "B")
    [chart] = bench.context["charts"]
    assert [b.label for b in chart.bars] == ["M1", "M2"]  # lower is better: 40 before 45
    a = next(p for p in page(found, "benchmark.html") if p.context["benchmark"].name == "A")
    [chart] = a.context["charts"]
    assert [b.label for b in chart.bars] == ["M2", "M3", "M1"]
    assert all(b.low is not None and b.low < b.value < b.high for b in chart.bars)  # n gives each an interval


def test_lab_site_has_five_boards_of_ten_top_rows(tmp_path):
    site, _ = load_site(write_lab_site(tmp_path / "content"))
    found = site_views(site)
    [index] = page(found, "index.html")
    assert [len(item.top) for item in index.context["boards"]] == [10] * 5
    assert len(index.context["boards"][0].board.rows) == 100 and len(index.context["boards"][0].board.columns) == 17


def test_benchmark_page_shows_the_facts_the_data_gives(tmp_path):
    """Description, category, paper, dataset and citation appear when the page data has them
    (content/benchmarks.yaml adds them), and the page renders without them."""
    from dataclasses import replace

    from benchboard.render import site as render
    from benchboard.render.theme import environment

    site, found = views(tmp_path, {"results/runs.yaml": RUNS})
    view = next(p for p in page(found, "benchmark.html") if p.context["benchmark"].name == "A")
    plain = view.context["benchmark"]

    given = replace(plain, category="Reasoning", url="https://arxiv.org/abs/0000.00000", citation="@article{x}")  # benchmarks.yaml's fields
    common = render.common_context(site)
    env = environment()
    html = render._page(env, "benchmark.html", root="../../", path="benchmarks/a/", current="", common=common, **{**view.context, "benchmark": given}).decode()
    for text in ("<dt>Category</dt><dd>Reasoning</dd>", 'href="https://arxiv.org/abs/0000.00000"', "@article{x}"):
        assert text in html
    bare = render._page(env, "benchmark.html", root="../../", path="benchmarks/a/", current="", common=common, **view.context).decode()
    assert "<dt>Category</dt>" not in bare and "<dt>Paper</dt>" not in bare


@pytest.mark.parametrize("scores, kinds, board_says", [
    # no uncertainty known: nothing tested, one rank range (the review's case: means 66.7, 60.0, 26.6 all "1–3")
    ("[{name: A, metric: acc}, {name: B, metric: acc}]",
     ("untested",), "Here no gap between ranked models is tested, so they share one rank range."),
    ("[{name: A, metric: acc, n: 500}, {name: B, metric: acc, n: 500}]", ("mean",), "exceeds 1.96 standard errors of the difference"),
    ("[{name: A, metric: acc, n: 500}]", ("column",), "the report’s own verdict on this column is a lead"),
])
def test_the_index_states_the_rule_its_boards_rank_by(tmp_path, scores, kinds, board_says):
    """The index's "How the boards rank" names the rule each board applies, the one its board
    page states (a review found it saying "ranks by the shown values" beside ranks of 1–3)."""
    models = "\n".join(f"      - {{name: {n}, scores: {{A: {a}" + (f", B: {b}" if "name: B" in scores else "") + "}}"
                       for n, a, b in (("m1", 80, 70), ("m2", 60, 50), ("m3", 20, 10)))
    _, found = views(tmp_path, {"results/r.yaml": f"title: R\nbenchmarks: {scores}\nmodels:\n{models}\n"})
    [index] = page(found, "index.html")
    assert index.context["rule_kinds"] == kinds
    out = tmp_path / "out"
    from helpers import build_site
    build_site(tmp_path / "content", out)
    text = " ".join((out / "boards" / "r" / "index.html").read_text().split())
    assert board_says in text
    index_text = " ".join((out / "index.html").read_text().split())
    rules = index_text[index_text.index("How the boards rank"):index_text.index("</details>", index_text.index("How the boards rank"))]
    assert ("shown values only" in rules) is False
    assert {"untested": "no gap can be tested", "mean": "exceeds 1.96 standard errors",
            "column": "report page’s verdict on that column"}[kinds[0]] in rules
