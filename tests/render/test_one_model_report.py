"""A report of one model: no ★ "best" on a score compared with nothing, and its highest and lowest
benchmarks named with the model and the score, not "the only model's … at least 90%" (design
review)."""

from __future__ import annotations

from benchboard.analyse import report as analyse
from benchboard.analyse.tables import report_table
from benchboard.render import prose, theme
from benchboard.chart.layout import chart_layout
from helpers import load_tree

ONE = """title: One model
benchmarks:
  - {name: XSTest, n: 450}
  - {name: MMLU, n: 14042}
models:
  - {name: m1, scores: {XSTest: 90.0, MMLU: 70.0}}
"""


def test_no_star_marks_a_score_compared_with_nothing(tmp_path):
    site, _ = load_tree(tmp_path, {"results/a.yaml": ONE})
    table = report_table(site.reports[0])
    assert not any(cell.best for row in table.rows for cell in row.cells) and not table.rows[0].mean.best


def test_highest_and_lowest_name_the_model_and_its_score(tmp_path):
    site, _ = load_tree(tmp_path, {"results/a.yaml": ONE})
    report = site.reports[0]
    analysis = analyse.analyse(report)
    env = theme.environment(tmp_path / "content")
    text = prose.report_text(report, analysis, env, chart_layout(report, site.config))
    sentences = " ".join(o.text for o in text.observations)
    assert "XSTest is m1's highest-scoring benchmark (90.0%)." in sentences
    assert "MMLU is m1's lowest-scoring benchmark (70.0%)." in sentences
    assert "the only model" not in sentences
