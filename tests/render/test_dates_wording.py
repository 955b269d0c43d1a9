"""Words about dates say only what the dates show: a knowledge cutoff in the month a benchmark
was released is not "after" it, and runs with no run date are not "oldest first" (review
findings)."""

from __future__ import annotations

import html
import re

from helpers import build_site, write_tree


def _text(path) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", path.read_text()).split()))


def test_a_cutoff_in_the_release_month_is_not_called_after_it(tmp_path):
    content = write_tree(tmp_path / "content", {
        "models.yaml": """\
            models:
              - {name: same-month, released: 2024-10-01, knowledge_cutoff: 2024-06}
              - {name: later, released: 2024-10-01, knowledge_cutoff: 2024-08}
            """,
        "results/c.yaml": """\
            title: Contam
            benchmarks: [{name: NewB, metric: acc, unit: percent, n: 200, released: 2024-06}]
            models: [{name: same-month, scores: {NewB: 70}}, {name: later, scores: {NewB: 71}}]
            """})
    out = tmp_path / "out"
    build_site(content, out)
    page = _text(out / "c" / "index.html")
    assert "The knowledge cutoff of same-month (2024-06) falls in the month of the release of NewB (2024-06)" in page
    assert "The knowledge cutoff of later (2024-08) is after the release of NewB (2024-06)" in page
    assert "(2024-06) is after the release of NewB (2024-06)" not in page


def test_runs_without_dates_are_not_said_to_be_oldest_first(tmp_path):
    two = {f"results/r{i}.yaml": f"title: Report {i}\nbenchmarks: [{{name: A, metric: acc}}]\nmodels: [{{name: m, scores: {{A: 8{i}}}}}]\n"
           for i in (1, 2)}
    out = tmp_path / "out"
    build_site(write_tree(tmp_path / "content", two), out)
    page = _text(out / "models" / "m" / "index.html")
    assert "oldest first" not in page and "Runs (no run dates given: in report order)" in page
