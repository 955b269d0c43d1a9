"""A release date in year 1 or 9999 (models.yaml) padded the frontier view's date axis out of
Python's calendar: exit 4 (security review). The axis stays within it and the site builds."""

from __future__ import annotations

import pytest

from benchboard.chart.scatter import _iso
from helpers import build_site, write_tree


def test_the_axis_days_stay_in_the_calendar():
    assert _iso(-45) == "0001-01-01" and _iso(10 ** 7) == "9999-12-31" and _iso(738886) == "2024-01-01"


@pytest.mark.parametrize("released", ["0001-01-01", "9999-12-31"])
def test_a_site_with_such_a_release_date_builds(tmp_path, released):
    content = write_tree(tmp_path / "content", {
        "models.yaml": f"models:\n  - {{name: m1, released: {released}}}\n  - {{name: m2, released: 2024-01-01}}\n",
        "results/r1.yaml": "title: R1\nbenchmarks: [{name: A}, {name: B}]\nmodels:\n"
                           "  - {name: m1, scores: {A: 50, B: 60}}\n  - {name: m2, scores: {A: 55, B: 40}}\n"})
    build_site(content, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").is_file()
