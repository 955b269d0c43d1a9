"""data.csv and data.json name each column's unit as every page and the API do, and data.json's
precision is never one the columns contradict (a review found "precision": 2 above columns of
0 and 1 decimals, and no unit anywhere in the downloads)."""

from __future__ import annotations

import csv
import io

from helpers import load_tree

from benchboard.render.data import report_csv, report_data
from benchboard.views.site import site_views

MIXED = """\
    title: Mixed units
    benchmarks:
      - {name: Arena, metric: Elo, unit: Elo}
      - {name: Latency, unit: s, higher_is_better: false}
      - {name: Acc, unit: percent, n: 100}
      - {name: Raw}
    models:
      - {name: alpha, scores: {Arena: 1200, Latency: 1.5, Acc: 100, Raw: 3}}
      - {name: beta, scores: {Arena: 1250, Latency: 2.5, Acc: 50, Raw: 7}}
    """


def test_downloads_name_each_columns_unit_as_the_api_does(tmp_path):
    site, _ = load_tree(tmp_path, {"results/r.yaml": MIXED})
    report = site.reports[0]
    data = report_data(report)
    units = {b["name"]: b["unit"] for b in data["benchmarks"]}
    assert units == {"Arena": "Elo", "Latency": "s", "Acc": "percent", "Raw": "percent"}  # Raw read as the percent column beside it
    rows = list(csv.DictReader(io.StringIO(report_csv(report).decode())))
    assert {r["benchmark"]: r["unit"] for r in rows} == units
    pages = [p for p in site_views(site).pages if p.template == "benchmark.html"]
    on_pages = {e.benchmark.name: e.unit for p in pages for e in p.context["benchmark"].entries}
    assert on_pages == units  # the benchmark pages' and the API's unit (catalog.Entry.unit)

def test_the_top_level_precision_is_the_columns_or_null(tmp_path):
    site, _ = load_tree(tmp_path, {"results/r.yaml": MIXED})
    data = report_data(site.reports[0])
    assert len({b["precision"] for b in data["benchmarks"]}) > 1 and data["precision"] is None
    site, _ = load_tree(tmp_path / "one", {"results/r.yaml": """\
        title: One precision
        precision: 1
        benchmarks: [{name: A}, {name: B}]
        models: [{name: m, scores: {A: 1.25, B: 2}}]
        """})
    data = report_data(site.reports[0])
    assert data["precision"] == 1 and {b["precision"] for b in data["benchmarks"]} == {1}
