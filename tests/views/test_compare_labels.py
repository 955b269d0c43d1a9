"""The compare charts' value labels (boards and the model list) are the shown values
(Score.display), each at its column's own precision (Report.decimals, decided at load), as the
report chart's labels (chartstyle.column_precision) and the table: a percent column written
with one decimal beside an MCC column written with three keeps one decimal, and the page never
carries a second label."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchboard.analyse.boards import site_boards
from benchboard.load.content import load_site
from benchboard.views import chartstyle
from benchboard.views.boarddata import board_view, list_compare
from helpers import write_tree

RESULT = """title: Mixed precisions
benchmarks:
  - {name: Reading, metric: acc, unit: percent, n: 500}
  - {name: CoLA, metric: MCC, unit: MCC}
models:
  - {name: Alpha, scores: {Reading: 41.2, CoLA: 0.277}}
  - {name: Beta, scores: {Reading: 50.5, CoLA: 0.475}}
  - {name: Gamma, scores: {Reading: 59.9, CoLA: 0.673}}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_tree(tmp_path_factory.mktemp("labels") / "content", {"site.yaml": "title: Labels\n", "results/mixed.yaml": RESULT})
    return load_site(content)[0]


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def test_board_compare_labels_are_the_shown_values_at_each_columns_precision(site):
    (report,) = site.reports
    board = next(b for b in site_boards(site) if {c.report.slug for c in b.columns} == {report.slug})
    data = json.loads(board_view(board)["json"].replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"))
    wanted = [chartstyle.column_precision(report, c.benchmark) for c in board.columns]
    assert wanted == [1, 3] and report.precision == 3, "the columns mix precisions"
    assert data["precision"][:2] == wanted  # board.js writes each column's gaps at its own
    for row in data["rows"]:
        assert "l" not in row, "the label is the shown value: not sent twice"
        for k, shown in enumerate(row["d"]):
            assert _decimals(shown) == wanted[k], (row["name"], board.columns[k].benchmark.name, shown)


def test_list_compare_sends_each_columns_precision_and_no_second_label(site):
    (report,) = site.reports
    items = [type("Item", (), {"name": m.key})() for m in report.models]
    found, _, _ = list_compare(items, [report])
    (entry,) = found
    assert "l" not in entry and entry["precision"] == [1, 3]
    for row in entry["d"]:
        assert [_decimals(t) for t in row] == [1, 3]


def test_the_compare_chart_draws_the_label_it_is_given():
    script = (Path(__file__).resolve().parents[2] / "templates/assets/compare-chart.js").read_text(encoding="utf-8")
    assert re.search(r"\(\[model, column, value, d, lo, hi, ends, label\]\) =>", script) and "label: label," in script
    assert "lo: ends && ends[0], hi: ends && ends[1]" in script and "toFixed" not in script  # the interval as written in Python


def test_the_compare_data_carries_each_interval_as_every_page_writes_it(tmp_path):
    """Review 5 C1: the compare tooltip rounded lo/hi in the browser at the column's precision,
    so a stderr of 0.01 read "50.0 to 50.0" there and "49.98–50.02" on the report page."""
    from benchboard.analyse.boards import site_boards
    from benchboard.views.boarddata import board_view, list_compare
    from helpers import write_tree

    content = write_tree(tmp_path / "content", {"results/r.yaml": "title: R\nbenchmarks: [{name: A}]\nmodels:\n"
                                                "  - {name: m, scores: {A: {value: 50.0, stderr: 0.01}}}\n  - {name: n, scores: {A: 40.0}}\n"})
    site = load_site(content)[0]
    [board] = site_boards(site)
    data = json.loads(board_view(board)["json"].replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"))
    assert [row["it"] for row in data["rows"]] == [[["49.98", "50.02"]], [None]]
    found, _, _ = list_compare([type("Item", (), {"name": m.key})() for m in site.reports[0].models], site.reports)
    assert json.loads(json.dumps(found[0]["it"])) == [[["49.98", "50.02"]], [None]]  # as the page embeds it
