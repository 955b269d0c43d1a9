"""A model page's score history without git: a benchmark the model was scored on in several
reports is listed once, its runs oldest first by run date (undated runs last)."""

from __future__ import annotations

from benchboard.load.content import load_site
from benchboard.views.site import site_views

from helpers import write_tree

SITE = {
    "site.yaml": "title: T\n",
    "results/a.yaml": "title: A\ndate: 2025-03-01\nbenchmarks: [{name: GSM8K}, {name: Solo}]\nmodels:\n  - {name: m, scores: {GSM8K: 80.0, Solo: 10.0}}\n",
    "results/b.yaml": "title: B\ndate: 2025-01-01\nbenchmarks: [{name: GSM8K}]\nmodels:\n  - {name: m, scores: {GSM8K: 70.0}}\n  - {name: k, scores: {GSM8K: 60.0}}\n",
    "results/c.yaml": "title: C\nbenchmarks: [{name: GSM8K}]\nmodels:\n  - {name: m, scores: {GSM8K: 75.0}}\n",
}


def test_runs_of_one_benchmark_in_several_reports_are_listed_by_run_date(tmp_path):
    site, _ = load_site(write_tree(tmp_path / "c", SITE))
    pages = {p.path: p for p in site_views(site).pages}
    repeats = pages["models/m/index.html"].context["repeats"]
    assert [r["benchmark"] for r in repeats] == ["GSM8K"]  # Solo: one report only
    assert [(run["report"], run["day"], run["shown"]) for run in repeats[0]["runs"]] == [
        ("b", "2025-01-01", "70.0"), ("a", "2025-03-01", "80.0"), ("c", None, "75.0")]
    assert pages["models/k/index.html"].context["repeats"] == []


def test_many_runs_are_bounded_newest_kept(tmp_path):
    from benchboard.views.history import MAX_RUNS

    files = {"site.yaml": "title: T\n"}
    for i in range(MAX_RUNS + 5):
        files[f"results/r{i:02d}.yaml"] = (f"title: R{i}\ndate: 2025-01-{i + 1:02d}\nbenchmarks: [{{name: A}}]\n"
                                           f"models:\n  - {{name: m, scores: {{A: {40 + i}.0}}}}\n")
    site, _ = load_site(write_tree(tmp_path / "c", files))
    page = next(p for p in site_views(site).pages if p.path == "models/m/index.html")
    (repeat,) = page.context["repeats"]
    assert repeat["others"] == 5 and len(repeat["runs"]) == MAX_RUNS
    assert repeat["runs"][-1]["day"] == f"2025-01-{MAX_RUNS + 5:02d}" and repeat["runs"][0]["day"] == "2025-01-06"


def test_one_benchmark_under_two_metrics_is_two_rows(tmp_path):
    """MMLU scored as acc in two reports and as acc_norm in a third is two benchmarks (two pages,
    two API ids): its runs are two rows, never one (review finding: "MMLU 66.4 (General) ->
    66.4 (Harness run)" joined acc with acc_norm)."""
    site, _ = load_site(write_tree(tmp_path / "c", {
        "results/a.yaml": "title: A\nbenchmarks: [{name: MMLU, metric: acc}]\nmodels:\n  - {name: m, scores: {MMLU: 66.4}}\n",
        "results/b.yaml": "title: B\nbenchmarks: [{name: MMLU, metric: acc}]\nmodels:\n  - {name: m, scores: {MMLU: 65.0}}\n",
        "results/c.yaml": "title: C\nbenchmarks: [{name: MMLU, metric: acc_norm}]\nmodels:\n  - {name: m, scores: {MMLU: 70.1}}\n",
    }))
    pages = {p.path: p for p in site_views(site).pages}
    repeats = pages["models/m/index.html"].context["repeats"]
    assert [(r["benchmark"], [run["shown"] for run in r["runs"]]) for r in repeats] == [("MMLU (acc)", ["66.4", "65.0"])]
