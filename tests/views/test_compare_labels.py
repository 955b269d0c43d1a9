"""The compare charts' value labels (boards and the model list) are drawn in each column's own
precision, the fact the report chart's labels use (chartstyle.column_precision), never the
board's or the report's largest: a percent column beside an MCC column keeps one decimal."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from benchboard.analyse.boards import site_boards
from benchboard.load.content import load_site
from benchboard.views import chartstyle
from benchboard.views.boarddata import board_view, list_compare

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from shapes_content import write_content  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return load_site(write_content(tmp_path_factory.mktemp("shapes") / "content"))[0]


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def test_board_compare_labels_use_each_columns_precision(site):
    report = next(r for r in site.reports if r.slug == "mixed-17")
    board = next(b for b in site_boards(site) if {c.report.slug for c in b.columns} == {"mixed-17"})
    data = json.loads(board_view(board)["json"].replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"))
    wanted = [chartstyle.column_precision(report, c.benchmark) for c in board.columns]
    assert len(set(wanted)) > 1 and report.precision == 3, "the shape mixes precisions"
    for row in data["rows"]:
        for k, label in enumerate(row["l"]):
            if label is not None:
                assert _decimals(label) == wanted[k], (row["name"], board.columns[k].benchmark.name, label)
                assert abs(float(label.replace(",", "")) - row["v"][k]) <= 0.5 * 10 ** -wanted[k] + 1e-9
    assert any(label != shown for row in data["rows"] for label, shown in zip(row["l"], row["d"]))


def test_list_compare_labels_use_each_columns_precision(site):
    report = next(r for r in site.reports if r.slug == "mixed-17")
    items = [type("Item", (), {"name": m.key})() for m in report.models]
    found, _, _ = list_compare(items, [report])
    (entry,) = found
    wanted = [chartstyle.column_precision(report, b) for b in report.benchmarks]
    for row in entry["l"]:
        assert [None if t is None else _decimals(t) for t in row] == [None if t is None else w for t, w in zip(row, wanted)]


def test_a_report_of_one_precision_sends_no_second_label(site):
    report = next(r for r in site.reports if r.slug == "distilled-reasoning")
    items = [type("Item", (), {"name": m.key})() for m in report.models]
    found, _, _ = list_compare(items, [report])
    assert "l" not in found[0], "labels equal the shown values: the page does not carry them twice"


def test_the_compare_chart_draws_the_label_it_is_given():
    script = (Path(__file__).resolve().parents[2] / "templates/assets/compare-chart.js").read_text(encoding="utf-8")
    assert re.search(r"\(\[model, column, value, d, lo, hi, p, label\]\) =>", script) and "label: label," in script
