"""The highest-mean observation with ties at the top or at the runner-up mean: every tied model
is named, and "a lead beyond the uncertainty" only where each best model was tested against
each runner-up (a score without an uncertainty leaves the pair, and the sentence, untested).
Cases from the sixth session's statistics review."""

from __future__ import annotations

from benchboard.analyse.report import analyse
from benchboard.chart.layout import chart_layout
from benchboard.load.results import load_report_file
from benchboard.model import SiteConfig
from benchboard.render.prose import report_text
from benchboard.render.theme import environment
from factcheck import check
from helpers import write_tree

SHARED_TOP = """title: Shared top mean
benchmarks:
  - {name: X, unit: percent}
  - {name: Y, unit: percent}
models:
  - name: A
    scores: {X: {value: 80.0, stderr: 0.5}, Y: {value: 60.0, stderr: 0.5}}
  - name: B
    scores: {X: 60.0, Y: 80.0}
  - name: C
    scores: {X: {value: 50.0, stderr: 0.5}, Y: {value: 50.0, stderr: 0.5}}
"""

TIED_RUNNER_UP = """title: Tied runner-up mean
benchmarks:
  - {name: X, unit: percent}
  - {name: Y, unit: percent}
models:
  - name: A
    scores: {X: {value: 80.0, stderr: 0.5}, Y: {value: 60.0, stderr: 0.5}}
  - name: C
    scores: {X: {value: 50.0, stderr: 0.5}, Y: {value: 50.0, stderr: 0.5}}
  - name: B
    scores: {X: %s, Y: %s}
"""


def _mean(tmp_path, text: str) -> tuple[dict, str]:
    write_tree(tmp_path, {"results/r.yaml": text})
    report = load_report_file(tmp_path / "results/r.yaml", tmp_path)
    analysis = analyse(report)
    words = report_text(report, analysis, environment(), chart_layout(report, SiteConfig()))
    assert check(report, analysis, words) == []  # the independent checker agrees
    fact = next(f.data for f in analysis.facts if f.kind == "mean")
    return fact, next(o.text for o in words.observations if o.kind == "mean")


def test_a_shared_top_mean_leads_only_if_every_tied_model_was_tested(tmp_path):
    fact, text = _mean(tmp_path, SHARED_TOP)
    assert fact["best"] == ["A", "B"] and fact["next"] == ["C"]
    assert fact["outcome"] == "untested"  # B has no uncertainty: B against C was never tested
    assert "A and B share the highest mean" in text and "lead" not in text and "untested" in text


def test_a_tied_runner_up_is_named_and_tested(tmp_path):
    fact, text = _mean(tmp_path, TIED_RUNNER_UP % ("90.0", "10.0"))
    assert fact["next"] == ["C", "B"] and fact["next_mean"] == "50.0"
    assert fact["outcome"] == "untested"  # A against B is untested
    assert "next C and B at 50.0%" in text and "lead" not in text


def test_a_lead_over_tied_runners_up_holds_for_each_pair(tmp_path):
    tested = TIED_RUNNER_UP % ("{value: 90.0, stderr: 0.5}", "{value: 10.0, stderr: 0.5}")
    fact, text = _mean(tmp_path, tested)
    assert fact["next"] == ["C", "B"] and fact["outcome"] == "lead"
    assert "a lead beyond the uncertainty for each pair" in text
    wide = TIED_RUNNER_UP % ("{value: 90.0, stderr: 20}", "{value: 10.0, stderr: 20}")
    fact, text = _mean(tmp_path, wide)
    assert fact["outcome"] == "within"  # C is far behind A, B's uncertainty is not
    assert "within the uncertainty for at least one pair" in text
