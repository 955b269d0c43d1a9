"""A board with one benchmark in several columns names each column's report in its header, so
a reader (and a screen reader) can tell the columns apart (the downloads already carry it)."""

import re

from helpers import build_site, write_tree

SITE = {
    "site.yaml": "title: Dir\nboards:\n  - {title: Dir, aggregate: mean, columns: [{report: one, benchmark: MMLU}, {report: two, benchmark: MMLU}, {report: one, benchmark: GSM8K}]}\n",
    "results/one.yaml": "title: Report one\nbenchmarks: [{name: MMLU}, {name: GSM8K}]\nmodels:\n  - {name: A, scores: {MMLU: 50.1, GSM8K: 20.0}}\n  - {name: B, scores: {MMLU: 40.2, GSM8K: 30.0}}\n",
    "results/two.yaml": "title: Report <two>\nbenchmarks: [{name: MMLU}]\nmodels:\n  - {name: A, scores: {MMLU: 55.1}}\n  - {name: B, scores: {MMLU: 41.2}}\n",
}


def _headers(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, re.S)]


def test_repeated_benchmark_columns_name_their_reports(tmp_path):
    build_site(write_tree(tmp_path / "content", SITE), tmp_path / "site")
    out = tmp_path / "site"
    board = (out / "boards/dir/index.html").read_text(encoding="utf-8")
    headers = _headers(board)
    assert any(h.startswith("MMLU in Report one") for h in headers)
    assert any(h.startswith("MMLU in Report &lt;two&gt;") for h in headers)  # escaped like every title
    assert any(h.startswith("GSM8K ↑") for h in headers)  # a benchmark in one column: no report named
    index = _headers((out / "index.html").read_text(encoding="utf-8"))
    assert sum(h.startswith("MMLU in Report") for h in index) == 2
