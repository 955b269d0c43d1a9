"""A column without `unit:` joins the percent columns of its report only when nothing
contradicts it (review 2, R7): a perplexity column (lower is better) beside an MMLU percent
column was read as percent, so the page said "5.44%", "0.95 points" and drew it on a 0–100 axis.
Its metric (no share of items) or its direction (not the percent columns') now keeps it without
a unit; a column with nothing to say still joins them, and a declared unit is taken as written."""

from __future__ import annotations

import json

import pytest

from benchboard.load.results import load_report_file
from benchboard.load.units import measures_no_share, read_units
from helpers import build_site, write_tree

PPL = """\
title: ppl
benchmarks:
  - {name: MMLU, metric: acc, unit: percent}
  - {name: WikiText, metric: perplexity, higher_is_better: false}
models:
  - {name: a, scores: {MMLU: 60.1, WikiText: 5.44}}
  - {name: b, scores: {MMLU: 62.3, WikiText: 6.39}}
"""


def _units(tmp_path, text: str) -> dict[str, str]:
    write_tree(tmp_path, {"results/r.yaml": text})
    report = load_report_file(tmp_path / "results/r.yaml", tmp_path)
    return {name: unit.name for name, unit in read_units(report).items()}


def _report(columns: str, scores_a: str, scores_b: str, head: str = "") -> str:
    return (f"title: T\n{head}benchmarks:\n  - {{name: MMLU, metric: acc, unit: percent}}\n{columns}"
            f"models:\n  - {{name: a, scores: {{MMLU: 60.1, {scores_a}}}}}\n  - {{name: b, scores: {{MMLU: 62.3, {scores_b}}}}}\n")


def test_a_perplexity_beside_a_percent_column_has_no_stated_unit(tmp_path):
    assert _units(tmp_path, PPL) == {"MMLU": "percent", "WikiText": "no stated unit"}


def test_a_known_non_share_metric_alone_keeps_a_column_out_of_the_percent_columns(tmp_path):
    text = _report("  - {name: WMT, metric: BLEU}\n", "WMT: 31.2", "WMT: 29.8")
    assert _units(tmp_path, text)["WMT"] == "no stated unit"


def test_a_direction_unlike_the_percent_columns_alone_keeps_a_column_out(tmp_path):
    text = _report("  - {name: Toxicity, higher_is_better: false}\n", "Toxicity: 12.0", "Toxicity: 9.5")
    assert _units(tmp_path, text)["Toxicity"] == "no stated unit"


def test_a_column_with_nothing_to_say_still_joins_the_percent_columns(tmp_path):
    text = _report("  - {name: ARC, metric: acc_norm}\n  - {name: Other}\n", "ARC: 55.0, Other: 70.0", "ARC: 57.5, Other: 71.0")
    assert _units(tmp_path, text) == {"MMLU": "percent", "ARC": "percent", "Other": "percent"}


def test_a_lower_is_better_column_joins_lower_is_better_percent_columns(tmp_path):
    text = ("title: Errors\nbenchmarks:\n  - {name: Error, unit: percent, higher_is_better: false}\n"
            "  - {name: Refusals, higher_is_better: false}\n"
            "models:\n  - {name: a, scores: {Error: 10.0, Refusals: 4.0}}\n  - {name: b, scores: {Error: 12.0, Refusals: 3.0}}\n")
    assert _units(tmp_path, text)["Refusals"] == "percent"


def test_the_axis_title_or_n_do_not_make_a_perplexity_percent(tmp_path):
    text = PPL.replace("title: ppl\n", "title: ppl\ny_title: Score (%)\n").replace("higher_is_better: false}", "higher_is_better: false, n: 62}")
    assert _units(tmp_path, text)["WikiText"] == "no stated unit"


def test_an_mcc_or_bits_per_byte_in_0_1_is_not_a_fraction(tmp_path):
    text = ("title: T\nbenchmarks:\n  - {name: CoLA, metric: MCC}\n  - {name: Pile, metric: bits_per_byte, higher_is_better: false}\n"
            "  - {name: Quiz}\nmodels:\n  - {name: a, scores: {CoLA: 0.41, Pile: 0.62, Quiz: 0.8}}\n"
            "  - {name: b, scores: {CoLA: 0.38, Pile: 0.66, Quiz: 0.7}}\n")
    assert _units(tmp_path, text) == {"CoLA": "no stated unit", "Pile": "no stated unit", "Quiz": "fraction (0–1)"}


def test_a_declared_unit_or_a_metric_that_says_percent_is_taken_as_written(tmp_path):
    declared = PPL.replace("metric: perplexity,", "metric: perplexity, unit: percent,")
    assert _units(tmp_path, declared)["WikiText"] == "percent"
    says = _report("  - {name: WER, metric: WER (%), higher_is_better: false}\n", "WER: 8.1", "WER: 7.4")
    assert _units(tmp_path, says)["WER"] == "percent"


@pytest.mark.parametrize("metric", ["perplexity", "word_perplexity", "PPL", "bits per byte", "bits_per_byte", "BPB",
                                    "MCC", "Elo rating", "BLEU", "bleu_max", "ROUGE-L", "rouge1_max", "chrF++", "TER",
                                    "loss", "cross-entropy", "negative log-likelihood", "latency (ms)", "tokens/s",
                                    "Pearson correlation", "seconds"])
def test_measures_that_are_no_share(metric):
    assert measures_no_share(metric)


@pytest.mark.parametrize("metric", [None, "", "acc", "acc_norm", "accuracy", "Pass@1", "exact_match", "em", "F1", "mc2",
                                    "win rate", "WER", "pct_stereotype", "terms", "Accuracy (%)", "score"])
def test_shares_and_unknown_measures_are_not_excluded(metric):
    assert not measures_no_share(metric)


def test_the_built_page_no_longer_shows_the_perplexity_as_percent(tmp_path):
    content = write_tree(tmp_path / "content", {"results/ppl.yaml": PPL})
    build_site(content, tmp_path / "site")
    page = (tmp_path / "site/ppl/index.html").read_text(encoding="utf-8")
    assert "5.44%" not in page and "6.39%" not in page and "0.95 points" not in page
    assert "5.44" in page and "Panel 2 (no stated unit, lower is better): WikiText (perplexity)" in page
    assert "5.44%" not in (tmp_path / "site/ppl/chart.svg").read_text(encoding="utf-8")
    scores = json.loads((tmp_path / "site/api/scores.json").read_text())["scores"]
    assert {s["benchmark"]: s["unit"] for s in scores} == {"MMLU": "percent", "WikiText": "no stated unit"}


def test_n_on_a_perplexity_is_ignored_with_the_reason(tmp_path):
    from benchboard.load.content import load_site

    text = PPL.replace("higher_is_better: false}", "higher_is_better: false, n: 62}")
    _, warnings = load_site(write_tree(tmp_path / "content", {"results/ppl.yaml": text}))
    assert ("content/results/ppl.yaml:4:70: warning: benchmark 'WikiText' has n: 62, but its metric 'perplexity' is not "
            "a share of items, so it is not a proportion and n gives it no 95% interval (n is ignored; remove n, or "
            "declare unit: percent if the scores are shares)") in "\n".join(map(str, warnings))
