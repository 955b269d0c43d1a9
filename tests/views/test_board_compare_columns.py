"""A board's compare panel names each column as its table does, states the rule that decides each
verdict it shows, and the board's table says what its "±" is (review 7: one chart group for two
GSM8K columns; "1.96 standard errors" on a board ranked by win rate; "641 ±25" unlabelled)."""

from __future__ import annotations

import json
import re

import pytest

from benchboard.analyse.boards import site_boards
from benchboard.render.theme import environment
from benchboard.views.boarddata import board_view, list_compare
from helpers import load_tree

SITE = "title: T\nboards:\n  - title: Math\n    columns:\n      - {report: r1, benchmark: gsm8k_cot}\n      - {report: r2, benchmark: GSM8K}\n"
ALIASES = "benchmarks:\n  - name: GSM8K\n    aliases: [gsm8k_cot, grade-school-math]\n    unit: percent\n    direction: higher\n"
R1 = """title: Report one
benchmarks: [{name: gsm8k_cot, metric: exact_match, n: 1319}]
models:
  - {name: Llama, scores: {gsm8k_cot: 76.3}}
  - {name: Qwen, scores: {gsm8k_cot: 80.2}}
"""
R2 = """title: Report two
benchmarks: [{name: grade-school-math, metric: exact_match, n: 1319}]
models:
  - {name: Llama, scores: {grade-school-math: 79.0}}
  - {name: Qwen, scores: {grade-school-math: 79.0}}
"""
MIXED = """title: Mixed
benchmarks:
  - {name: Acc, metric: accuracy, unit: percent, n: 200}
  - {name: Latency, unit: ms, higher_is_better: false}
models:
  - {name: Alpha, scores: {Acc: 81.5, Latency: {value: 812, stderr: 14}}}
  - {name: Beta, scores: {Acc: 72.0, Latency: {value: 640, stderr: 20}}}
  - {name: Gamma, scores: {Acc: 72.0, Latency: {value: 641, stderr: 25}}}
"""
MEAN = """title: Same unit
benchmarks:
  - {name: A, unit: percent, n: 100}
  - {name: B, unit: percent, n: 100}
models:
  - {name: Alpha, scores: {A: 81.0, B: 70.0}}
  - {name: Beta, scores: {A: 72.0, B: 60.0}}
"""


def data_of(view: dict) -> dict:
    return json.loads(view["json"].replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"))


def text_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


@pytest.fixture(scope="module")
def env():
    return environment(None)


def test_a_benchmark_from_two_reports_is_two_named_columns_in_the_compare_data(tmp_path):
    site = load_tree(tmp_path, {"site.yaml": SITE, "benchmarks.yaml": ALIASES, "results/r1.yaml": R1, "results/r2.yaml": R2})[0]
    board = next(b for b in site_boards(site) if b.title == "Math")
    view = board_view(board)
    data = data_of(view)
    assert data["columns"] == ["GSM8K (exact_match) in Report one", "GSM8K (exact_match) in Report two"]
    assert view["sources"] == ["Report one", "Report two"]  # the table's header names the same reports
    (group,) = data["spec"]["usermeta"]["groups"]
    assert group["columns"] == data["columns"]  # one chart group per column, not one for both


def test_the_board_table_header_names_each_columns_report_from_the_view(tmp_path, env):
    site = load_tree(tmp_path, {"site.yaml": SITE, "benchmarks.yaml": ALIASES, "results/r1.yaml": R1, "results/r2.yaml": R2})[0]
    board = next(b for b in site_boards(site) if b.title == "Math")
    page = env.from_string('{% from "_board.html" import board_table %}{{ board_table(board, view, page=true) }}').render(
        board=board, view=board_view(board))
    headers = [text_of(h) for h in re.findall(r'<th scope="col" data-type="number" data-direction="desc">.*?</th>', page, re.S)]
    assert [h for h in headers if h.startswith("GSM8K")] == [
        "GSM8K (exact_match) in Report one ↑ , higher is better", "GSM8K (exact_match) in Report two ↑ , higher is better"]


def test_compare_names_stay_distinct_when_two_columns_of_one_report_read_alike(tmp_path):
    from benchboard.views.boarddata import distinct_labels

    assert distinct_labels(["A (x)", "A (x)", "B"]) == ["A (x) (column 1)", "A (x) (column 2)", "B"]
    report_text = ("title: Edge\nbenchmarks:\n  - {name: 'A (x)', n: 100}\n  - {name: A, metric: x, n: 100}\n"
                   "models:\n  - {name: m1, scores: {'A (x)': 50.0, A: 60.0}}\n  - {name: m2, scores: {'A (x)': 40.0, A: 30.0}}\n")
    site = load_tree(tmp_path, {"results/r.yaml": report_text})[0]
    items = [type("Item", (), {"name": m.key})() for m in site.reports[0].models]
    (entry,), specs, _ = list_compare(items, site.reports)
    assert len(set(entry["columns"])) == 2 and specs[entry["spec"]]["usermeta"]["groups"][0]["columns"] == entry["columns"]


def compare_note(env, board) -> str:
    page = env.from_string('{% from "_board_controls.html" import board_controls %}{{ board_controls(view) }}').render(
        view=board_view(board))
    return text_of(re.search(r'<p class="bb-compare-note">Gaps.*?</p>', page, re.S).group(0))


def test_the_compare_note_states_the_rule_of_a_win_rate_board(tmp_path, env):
    [board] = site_boards(load_tree(tmp_path, {"results/mixed.yaml": MIXED})[0])
    assert board.aggregate == "win_rate" and board.basis == "win_rate"
    note = compare_note(env, board)
    assert "1.96 standard errors" not in note  # the mean's rule, not this board's
    assert "report page’s own" in note and "Fisher’s exact test" in note  # the columns' verdicts
    assert "Win rate’s verdict is by the board’s rule: a lead only when the share of the others" in note


def test_the_compare_note_states_the_rule_of_a_mean_board(tmp_path, env):
    [board] = site_boards(load_tree(tmp_path, {"results/same.yaml": MEAN})[0])
    assert board.basis == "mean"
    note = compare_note(env, board)
    assert "report page’s own" in note
    assert "Mean’s verdict is by the board’s rule: a lead only when the gap between the means exceeds 1.96 standard errors" in note


def test_the_board_legend_says_plus_minus_is_one_standard_error(tmp_path, env):
    [board] = site_boards(load_tree(tmp_path, {"results/mixed.yaml": MIXED})[0])
    page = env.from_string('{% from "_board.html" import board_table %}{{ board_table(board, view, page=true) }}').render(
        board=board, view=board_view(board))
    assert "±25" in text_of(page)
    legend = text_of(re.search(r'<p class="table-legend">.*?</p>', page, re.S).group(0))
    assert "“±” after a score is one standard error" in legend and "not a 95% margin" in legend
    [plain] = site_boards(load_tree(tmp_path / "plain", {"results/same.yaml": MEAN})[0])
    page = env.from_string('{% from "_board.html" import board_table %}{{ board_table(board, view, page=true) }}').render(
        board=plain, view=board_view(plain))
    assert "±" not in text_of(page)  # no standard error shown: nothing to explain


def test_the_index_names_columns_apart_as_the_board_page_does(tmp_path):
    """Two reports of one title, both with GSM8K, on one board: the board page says "in Same
    title (r1)" and "(r2)"; the index said "GSM8K in Same title" twice (review)."""
    from helpers import build_site, write_tree

    result = "title: Same title\nbenchmarks: [{name: GSM8K, metric: acc}]\nmodels:\n  - {name: A, scores: {GSM8K: %s}}\n  - {name: B, scores: {GSM8K: 50.0}}\n"
    content = write_tree(tmp_path / "content", {
        "site.yaml": "title: T\nboards:\n  - title: Both\n    columns: [{report: r1, benchmark: GSM8K}, {report: r2, benchmark: GSM8K}]\n",
        "results/r1.yaml": result % "60.0", "results/r2.yaml": result % "70.0"})
    build_site(content, tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text()
    assert "in Same title (r1)" in index and "in Same title (r2)" in index
