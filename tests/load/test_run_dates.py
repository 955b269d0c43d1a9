"""Run dates: `date:` per file, model and score, importers' run dates, the checks, "last updated"."""

from __future__ import annotations

import datetime

import pytest

from benchboard.analyse import provenance
from benchboard.errors import ContentError
from benchboard.load import dates
from benchboard.load.content import load_site
from benchboard.views.site import site_views

from helpers import write_tree

RESULT = """
title: T
{top}
benchmarks: [{{name: A}}, {{name: B}}]
models:
  - name: m
{model}
    scores: {{A: {{value: 1, date: {score}}}, B: 2}}
  - name: n
    scores: {{A: 3, B: 4}}
source:
  models:
    n: {{date: 2025-01-25 05:46 UTC}}
"""


def _site(tmp_path, top="date: 2024-03-01", model="    date: 2024-04-01", score="2024-05-01 10:00 UTC"):
    write_tree(tmp_path / "c", {"results/r.yaml": RESULT.format(top=top, model=model, score=score)})
    return load_site(tmp_path / "c")


def test_nearest_date_wins_and_importer_dates_are_read(tmp_path):
    site, _ = _site(tmp_path)
    report = site.reports[0]
    m, n = report.models
    assert report.date == "2024-03-01"
    assert m.scores["A"].date == "2024-05-01"  # its own
    assert m.scores["B"].date == "2024-04-01"  # its model's
    assert n.scores["A"].date == "2025-01-25"  # the importer's run date in source:
    assert report.updated == "2025-01-25"
    assert provenance.of(report, n).date == "2025-01-25 05:46 UTC"
    assert provenance.of(report, m).date is None  # its scores differ: each score says its own


def test_a_date_without_other_dates_is_the_provenance_date(tmp_path):
    site, _ = _site(tmp_path, model="", score="2024-03-01")
    report = site.reports[0]
    assert provenance.of(report, report.models[0]).date == "2024-03-01"


@pytest.mark.parametrize("field,value,where", [
    ("top", "date: 2024-13-01", (2, 7)),
    ("top", "date: yesterday", (2, 7)),
    ("model", "    date: 2024-02-30", (6, 11)),
    ("score", "2999-01-01", (7, 34)),
])
def test_a_bad_or_future_date_is_an_error_at_its_position(tmp_path, field, value, where):
    with pytest.raises(ContentError) as caught:
        _site(tmp_path, **{field: value})
    problems = [p for p in caught.value.problems if p.severity == "error"]
    assert len(problems) == 1, problems
    assert (problems[0].line, problems[0].col) == where
    assert "not a date" in problems[0].message or "in the future" in problems[0].message


def test_tomorrow_is_allowed_the_day_after_is_not():
    tomorrow = dates.today() + datetime.timedelta(days=1)
    assert dates.problem(tomorrow.isoformat()) is None
    assert "future" in dates.problem((tomorrow + datetime.timedelta(days=1)).isoformat())
    assert dates.run_day("2025-01-26T22:15:00Z") == "2025-01-26"
    assert dates.run_day("2025-01-26 25:00") is None


def test_index_and_report_say_last_updated(tmp_path):
    from benchboard.commands.build import build

    write_tree(tmp_path / "c", {"results/r.yaml": RESULT.format(top="date: 2024-03-01", model="", score="2024-06-02")})
    site, _ = load_site(tmp_path / "c")
    index = next(p for p in site_views(site).pages if p.path == "index.html")
    assert index.context["updated"] == "2025-01-25"
    build(tmp_path / "c", tmp_path / "out", png=False)
    for page in ("index.html", "r/index.html"):
        html = (tmp_path / "out" / page).read_text()
        assert 'Last updated <time datetime="2025-01-25">' in html


def test_the_downloads_carry_each_scores_date(tmp_path):
    import csv
    import json

    from benchboard.commands.build import build

    write_tree(tmp_path / "c", {"results/r.yaml": RESULT.format(top="date: 2024-03-01", model="", score="2024-06-02")})
    build(tmp_path / "c", tmp_path / "out", png=False)
    rows = list(csv.DictReader((tmp_path / "out" / "r" / "data.csv").read_text().splitlines()))
    assert {(r["model"], r["benchmark"]): r["date"] for r in rows} == {
        ("m", "A"): "2024-06-02", ("m", "B"): "2024-03-01", ("n", "A"): "2025-01-25", ("n", "B"): "2025-01-25"}
    data = json.loads((tmp_path / "out" / "r" / "data.json").read_text())
    assert data["models"][0]["scores"]["A"]["date"] == "2024-06-02"
