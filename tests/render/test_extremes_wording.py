"""The Highest/Lowest scores observation when only one of several models has unequal scores:
it read "other is the only model's highest-scoring benchmark (of the 1 with unequal scores)",
as if the report had one model. It now names the model."""

from __future__ import annotations

from benchboard.analyse.report import analyse
from benchboard.chart.layout import chart_layout
from benchboard.load.results import load_report_file
from benchboard.model import SiteConfig
from benchboard.render.prose import report_text
from benchboard.render.theme import environment
from helpers import write_tree


def observations(tmp_path, models: str) -> dict[str, str]:
    write_tree(tmp_path, {"results/r.yaml": "title: T\nbenchmarks:\n  - {name: P, n: 1000}\n  - {name: Q, n: 1000}\nmodels:\n" + models})
    report = load_report_file(tmp_path / "results/r.yaml", tmp_path)
    text = report_text(report, analyse(report), environment(), chart_layout(report, SiteConfig()))
    return {o.kind: o.text for o in text.observations}


def test_one_model_of_several_with_unequal_scores_is_named(tmp_path):
    said = observations(tmp_path, "  - {name: A, scores: {P: 90.0, Q: 90.0}}\n  - {name: B, scores: {P: 40.0, Q: 70.0}}\n")
    assert said["highest"].startswith("Q is B's highest-scoring benchmark (the only model whose scores differ between benchmarks)")
    assert said["lowest"].startswith("P is B's lowest-scoring benchmark (the only model whose scores differ between benchmarks)")
    assert "the only model's" not in said["highest"] + said["lowest"]


def test_a_report_of_one_model_keeps_its_wording(tmp_path):
    said = observations(tmp_path, "  - {name: B, scores: {P: 40.0, Q: 70.0}}\n")
    assert said["highest"].startswith("Q is B's highest-scoring benchmark (70.0%)")  # its name and score, not "the only model's"


def test_several_models_keep_their_wording(tmp_path):
    said = observations(tmp_path, "  - {name: A, scores: {P: 30.0, Q: 90.0}}\n  - {name: B, scores: {P: 40.0, Q: 70.0}}\n"
                                  "  - {name: C, scores: {P: 50.0, Q: 50.0}}\n")
    assert said["highest"].startswith("Q is each model's highest-scoring benchmark (of the 2 with unequal scores)")
