"""A board of one column (a report of one benchmark, 100 models on MMLU-Pro): its column is the
score, so no Mean column repeats it beside the column, on the index or on the board's page, and
the rule says it ranks by its one column; board.js's sort keys follow the headers."""

from __future__ import annotations

import json
import re

from helpers import build_site, write_tree

ONE = """title: One bench
benchmarks:
  - {name: MMLU, n: 1000}
models:
  - {name: m1, scores: {MMLU: 70.0}}
  - {name: m2, scores: {MMLU: 65.0}}
  - {name: m3, scores: {MMLU: 60.0}}
"""


def _headers(html: str, table_class: str) -> list[str]:
    table = re.search(rf'<table class="{table_class}[^"]*"[^>]*>(.*?)</thead>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>|\s+", " ", th).split(" ↑")[0].strip() for th in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", table, re.S)]


def test_a_one_column_board_shows_no_mean_beside_its_column(tmp_path):
    out = tmp_path / "out"
    build_site(write_tree(tmp_path / "content", {"results/one.yaml": ONE}), out)
    index = (out / "index.html").read_text()
    page = (out / "boards/one-bench/index.html").read_text()
    assert _headers(index, "data board") == ["Rank", "Model", "MMLU"]
    assert _headers(page, "data sortable board") == ["Rank", "Model", "MMLU", "Coverage"]
    assert "Ranked by its one column, MMLU (higher is better), among the 3 models scored on it." in page
    data = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert data["keys"] == ["rank", "model", "c0", "cov"] and all(len(r["c"]) == 4 for r in data["rows"])


def test_a_board_of_two_columns_keeps_its_mean(tmp_path):
    out = tmp_path / "out"
    two = ONE.replace("  - {name: MMLU, n: 1000}\n", "  - {name: MMLU, n: 1000}\n  - {name: GSM8K, n: 1000}\n").replace(
        "MMLU: 70.0}", "MMLU: 70.0, GSM8K: 50.0}").replace("MMLU: 65.0}", "MMLU: 65.0, GSM8K: 55.0}").replace("MMLU: 60.0}", "MMLU: 60.0, GSM8K: 40.0}")
    build_site(write_tree(tmp_path / "content", {"results/one.yaml": two}), out)
    assert _headers((out / "index.html").read_text(), "data board") == ["Rank", "Model", "Mean", "MMLU", "GSM8K"]


def test_a_one_column_board_of_many_models_gives_its_columns_verdicts_alone(tmp_path):
    """Past 60 models the board ranks by shown values, but its score is still its column's: the
    gap table gave "+0.6 (within uncertainty)" in the column and "(untested: no uncertainty
    known)" for the same gap as Mean (review); it has no Mean column now, as the table."""
    from benchboard.load.content import load_site
    from benchboard.views import boardcache, boarddata

    models = "".join(f"  - {{name: m{i:03d}, scores: {{MMLU: {{value: {50 + i * 0.3:.1f}, stderr: 1.5}}}}}}\n" for i in range(70))
    site, _ = load_site(write_tree(tmp_path / "content", {"results/big.yaml": f"title: Big\nbenchmarks: [{{name: MMLU}}]\nmodels:\n{models}"}))
    (board,) = boardcache.site_boards(site)
    assert board.basis == "value"  # too many models to test every pair
    data = json.loads(boarddata.board_view(board)["json"])
    (column,) = data["pairs"]  # the column's verdicts alone: no aggregate column in the gap table or the downloads
    assert set(column) != {"u"} and data["aggregate"] == [] and all(r["aggd"] == [] for r in data["rows"])
