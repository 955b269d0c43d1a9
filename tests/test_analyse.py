"""Observations: exact statements on the example, and an independent checker over random reports."""

from __future__ import annotations

import json
from dataclasses import replace
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchboard.analyse import analyse
from benchboard.layout import chart_layout
from benchboard.load import load_report_file
from benchboard.model import Benchmark, Model, Report, Score, SiteConfig, format_number
from benchboard.prose import report_text
from benchboard.render import environment
from helpers import EXAMPLE, REPO
from factcheck import check

LONG = os.environ.get("BENCHBOARD_FUZZ_LONG") == "1"
ENV = environment()


def example() -> Report:
    return load_report_file(EXAMPLE / "results/distilled-reasoning.yaml", EXAMPLE)


def sentences(report: Report) -> dict[str, list[str]]:
    analysis = analyse(report)
    text = report_text(report, analysis, ENV, chart_layout(report, SiteConfig()))
    found: dict[str, list[str]] = {}
    for observation in text.observations:
        found.setdefault(observation.lead, []).append(observation.text)
    return found


def test_example_key_observations_are_true():
    report = example()
    said = sentences(report)
    assert said["Highest overall performance"] == [
        "MATH-500 is every model's highest-scoring benchmark: all 4 score above 94% there (lowest of them: 94.3%)."
    ]
    assert said["Lowest scores"] == [
        "LiveCodeBench is every model's lowest-scoring benchmark: all 4 score below 60% there (highest of them: 59.7%)."
    ]
    leader = said["Leader"][0]
    assert leader.startswith("AM-Distill-Qwen-72B has the highest score on all 4 benchmarks.")
    assert "only on LiveCodeBench" in leader
    # The seed's false claim: 59.7 vs 59.1 is a win for the 72B model, never "narrowly beaten".
    assert said["Top of LiveCodeBench"] == [
        "AM-Distill-Qwen-72B is highest at 59.7%, ahead of AM-Distill-Qwen-32B (59.1%) by 0.6 points — "
        "larger than the 0.5-point tolerance used because no uncertainty is given."
    ]
    # AIME 2024 has 30 problems: a 3.8-point gap is far inside the sampling error.
    assert said["Top of AIME 2024"] == [
        "AM-Distill-Qwen-72B is highest at 76.5%, ahead of AM-Distill-Qwen-32B (72.7%) by 3.8 points — "
        "within its ±22.0-point 95% margin of error for 30 items: statistically indistinguishable."
    ]
    assert "±2.2-point 95% margin of error for 500 items" in said["Top of MATH-500"][0]
    assert "±9.4-point 95% margin of error for 198 items" in said["Top of GPQA Diamond"][0]
    gap = said["Performance gap"][0]
    assert gap.startswith("AM-Distill-Qwen-32B (AM-Distill) vs DeepSeek-R1-Distill-Qwen-32B (DeepSeek-R1-Distill), both 32B: "
                          "the shown scores favour AM-Distill-Qwen-32B on all 4 benchmarks.")
    assert "smallest on AIME 2024 (0.1 points: 72.7 vs 72.6) and largest on GPQA Diamond (2.2 points: 64.3 vs 62.1)" in gap
    # A gap within its uncertainty is a tie, never a win: only LiveCodeBench is called a lead.
    assert ("A clear lead, larger than the uncertainty, only on LiveCodeBench (AM-Distill-Qwen-32B by 1.9 vs 0.5-point "
            "tolerance); statistically tied on AIME 2024 (0.1 within ±22.6); MATH-500 (1.9 within ±2.6); "
            "GPQA Diamond (2.2 within ±9.5).") in gap
    for word in ("better", "ahead", "beats", "wins"):
        assert word not in gap
    everything = " ".join(s for group in said.values() for s in group)
    for falsehood in ("narrowly beaten", "non-distilled", "architecture", "suggests", "due to"):
        assert falsehood not in everything


def test_example_passes_the_independent_checker():
    report = example()
    analysis = analyse(report)
    text = report_text(report, analysis, ENV, chart_layout(report, SiteConfig()))
    assert check(report, analysis, text) == []


def test_observations_json_written_for_the_example():
    data = json.loads((REPO / "site/distilled-reasoning/observations.json").read_text())
    kinds = [o["fact"]["kind"] for o in data["observations"]]
    assert kinds[:3] == ["highest", "lowest", "leader"]
    assert all(o["sentence"] and o["lead"] for o in data["observations"])


def make_report(models: list[Model], benchmarks: list[Benchmark], precision: int = 1, y_title: str | None = None) -> Report:
    return Report(slug="r", path="r.yaml", title="R", benchmarks=tuple(benchmarks), models=tuple(models), precision=precision, y_title=y_title)


def score(value: float, precision: int = 1, stderr: float | None = None) -> Score:
    return Score(value, format_number(value, precision), stderr)


def test_lower_is_better_words_and_signs():
    benchmarks = [Benchmark("Error", "rate", n=1000, higher_is_better=False), Benchmark("Latency", "ms", higher_is_better=False)]
    models = [
        Model("Fast", {"Error": score(4.0), "Latency": score(12.0)}),
        Model("Slow", {"Error": score(9.0), "Latency": score(30.0)}),
    ]
    report = make_report(models, benchmarks)
    said = sentences(report)
    assert said["Top of Error"][0].startswith("Fast is lowest (best) at 4.0, ahead of Slow (9.0) by 5.0 points")
    assert "clear lead" in said["Top of Error"][0]
    assert said["Leader"][0].startswith("Fast has the best score on both benchmarks")
    analysis = analyse(report)
    assert check(report, analysis) == []


def test_ties_at_shown_precision_are_ties():
    benchmarks = [Benchmark("A"), Benchmark("B")]
    models = [Model("X", {"A": score(70.04), "B": score(50.0)}), Model("Y", {"A": score(70.01), "B": score(50.0)})]
    said = sentences(make_report(models, benchmarks))
    assert said["Top of A"] == ["Both models tie at 70.0."]
    assert said["Top of B"] == ["Both models tie at 50.0."]
    assert "Leader" not in said  # tied everywhere: nobody leads, and no sentence pretends otherwise


def test_a_proportion_column_keeps_its_binomial_margin_beside_other_units():
    """n on an accuracy benchmark counts even when another column is perplexity or latency."""
    benchmarks = [Benchmark("PPL", "perplexity", higher_is_better=False), Benchmark("MMLU", "acc", n=14042)]
    models = [Model("A", {"PPL": score(5.4), "MMLU": score(68.0)}), Model("B", {"PPL": score(5.5), "MMLU": score(63.2)})]
    report = make_report(models, benchmarks)
    said = sentences(report)
    assert said["Top of MMLU"] == ["A is highest at 68.0, ahead of B (63.2) by 4.8 points — larger than its ±1.1-point "
                                   "95% margin of error for 14042 items, so a clear lead."]
    assert "tolerance" in said["Top of PPL"][0]
    assert check(report, analyse(report)) == []


def test_missing_scores_are_named_and_never_zero():
    benchmarks = [Benchmark("A"), Benchmark("B"), Benchmark("C")]
    models = [Model("X", {"A": score(10.0), "B": score(20.0), "C": score(30.0)}), Model("Y", {"A": score(12.0), "C": score(25.0)})]
    said = sentences(make_report(models, benchmarks))
    assert said["Missing data"][0].startswith("Y has no score for B.")
    assert said["Top of B"] == ["Only X has a score on B (20.0)."]


def test_stderr_drives_the_margin():
    benchmarks = [Benchmark("A")]
    models = [Model("X", {"A": score(60.0, stderr=1.0)}), Model("Y", {"A": score(56.0, stderr=1.0)})]
    said = sentences(make_report(models, benchmarks))
    # 1.96 * sqrt(2) = 2.77 -> a 4.0-point gap is a clear lead.
    assert said["Top of A"] == ["X is highest at 60.0, ahead of Y (56.0) by 4.0 points — larger than its ±2.8-point 95% margin of error from the reported standard errors, so a clear lead."]


# --- random reports through the independent checker ---------------------------------------

NAMES = ["M0", "M1", "M2", "M3", "M4", "M5", "M6"]


@st.composite
def random_reports(draw) -> Report:
    n_bench = draw(st.integers(1, 5))
    n_models = draw(st.one_of(st.integers(1, 6), st.just(50)) if draw(st.booleans()) else st.integers(1, 4))
    precision = draw(st.sampled_from([0, 1, 1, 2]))
    pool = draw(st.sampled_from([[50.0], [10.0, 20.0], [round(x * 0.5, 2) for x in range(0, 201)], [0.1, 0.25, 0.3, 0.99]]))
    benchmarks = [
        Benchmark(f"B{i}", draw(st.sampled_from([None, "acc"])), n=draw(st.sampled_from([None, 10, 30, 500])),
                  higher_is_better=draw(st.booleans()) if draw(st.integers(0, 3)) == 0 else True)
        for i in range(n_bench)
    ]
    with_stderr = draw(st.booleans())
    models = []
    for i in range(n_models):
        scores = {}
        for b in benchmarks:
            if draw(st.integers(0, 5)) == 0:
                continue
            value = draw(st.sampled_from(pool))
            stderr = draw(st.sampled_from([0.5, 1.0, 2.5])) if with_stderr and draw(st.booleans()) else None
            scores[b.name] = Score(value, format_number(value, precision), stderr)
        models.append(Model(f"M{i}", scores, family=draw(st.sampled_from([None, "F", "G"])), params=draw(st.sampled_from([None, "7B", "70B"]))))
    tolerance = draw(st.sampled_from([0.0, 0.25, 0.5, 2.0]))  # 0.25: shown as set, not rounded
    return Report(slug="r", path="r.yaml", title="R", benchmarks=tuple(benchmarks), models=tuple(models),
                  precision=precision, tolerance=tolerance, y_title=draw(st.sampled_from([None, "Accuracy (%)"])))


@settings(max_examples=20_000 if LONG else 600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_reports())
def test_random_reports_pass_the_checker(report):
    analysis = analyse(report)
    text = report_text(report, analysis, ENV, chart_layout(report, SiteConfig()))
    problems = check(report, analysis, text)
    assert problems == [], problems


def test_the_checker_catches_false_facts_and_sentences():
    """The checker must be able to fail: tamper with true facts and sentences."""
    from dataclasses import replace

    from benchboard.analyse import Fact

    report = example()
    analysis = analyse(report)
    text = report_text(report, analysis, ENV, chart_layout(report, SiteConfig()))
    tampered = []
    for fact in analysis.facts:
        if fact.kind == "winner" and fact.data["benchmark"] == "LiveCodeBench":
            fact = Fact("winner", {**fact.data, "best": ["AM-Distill-Qwen-32B"]})  # the seed's false claim
        tampered.append(fact)
    assert any("best ['AM-Distill-Qwen-32B']" in p for p in check(report, replace(analysis, facts=tuple(tampered))))
    # The seed-style overclaim: a gap within its uncertainty presented as a lead.
    overclaim = [replace(o, text=o.text.replace("statistically tied on AIME 2024 (0.1 within ±22.6)", "a lead on AIME 2024"))
                 for o in text.observations]
    assert any("AIME 2024 is within its uncertainty but not called a tie" in p
               for p in check(report, analysis, replace(text, observations=overclaim)))
    lying = [replace(o, text=o.text.replace("0.8 points", "8.8 points")) for o in text.observations]
    problems = check(report, analysis, replace(text, observations=lying))
    assert any("number 8.8" in p for p in problems)


def test_many_models_with_missing_scores_are_counted_not_listed():
    benchmarks = [Benchmark("A"), Benchmark("B")]
    models = [Model(f"M{i}", {"A": score(50.0 + i)} if i % 2 else {"A": score(40.0), "B": score(30.0)}) for i in range(30)]
    said = sentences(make_report(models, benchmarks))
    assert said["Missing data"][0].startswith("15 of 30 models lack at least one score (B: 15 missing); the table shows which.")


def _checked(report: Report) -> dict[str, list[str]]:
    analysis = analyse(report)
    text = report_text(report, analysis, ENV, chart_layout(report, SiteConfig()))
    assert check(report, analysis, text) == []
    return sentences(report)


def test_one_sided_stderr_is_used_not_ignored():
    """m1's stderr alone gives a ±19.6 margin: a 10-point gap is a tie, whatever m2's is."""
    benchmarks = [Benchmark("A"), Benchmark("B")]
    models = [
        Model("m1", {"A": score(80.0, stderr=10.0), "B": score(80.0, stderr=1.0)}),
        Model("m2", {"A": score(70.0), "B": score(70.0)}),
    ]
    said = _checked(make_report(models, benchmarks))
    assert said["Top of A"] == [
        "m1 is highest at 80.0, ahead of m2 (70.0) by 10.0 points — within the ±19.6-point 95% margin "
        "from m1's standard error alone: statistically indistinguishable."
    ]
    assert "larger than the ±2.0-point 95% margin from m1's standard error alone" in said["Top of B"][0]
    assert "tolerance" not in said["Top of A"][0] + said["Top of B"][0]


def test_tolerance_is_shown_as_set_not_rounded():
    models = [Model("m1", {"A": score(51, 0)}), Model("m2", {"A": score(50, 0)})]
    report = replace(make_report(models, [Benchmark("A")], precision=0), tolerance=0.25)
    said = _checked(report)
    assert "by 1 point — larger than the 0.25-point tolerance" in said["Top of A"][0]


def test_equal_scores_have_no_highest_or_lowest_benchmark():
    benchmarks = [Benchmark("A"), Benchmark("B"), Benchmark("C")]
    flat = [Model(f"m{i}", {b.name: score(50.0) for b in benchmarks}) for i in range(3)]
    said = _checked(make_report(flat, benchmarks))
    assert "Highest overall performance" not in said and "Lowest scores" not in said
    assert "Leader" not in said and "Ranking consistency" not in said


def test_a_shared_extreme_names_every_tied_benchmark():
    benchmarks = [Benchmark("A"), Benchmark("B"), Benchmark("C")]
    models = [
        Model("m1", {"A": score(80.0), "B": score(80.0), "C": score(10.0)}),
        Model("m2", {"A": score(70.0), "B": score(70.0), "C": score(5.0)}),
        Model("m3", {"A": score(60.0), "B": score(60.0), "C": score(7.0)}),
    ]
    said = _checked(make_report(models, benchmarks))
    assert said["Highest overall performance"][0].startswith("A and B are every model's highest-scoring benchmarks, tied:")


def test_a_benchmark_without_order_is_left_out_of_consistency():
    """All tied on B: no Spearman ρ exists there, and W is computed over A and C only."""
    benchmarks = [Benchmark("A"), Benchmark("B"), Benchmark("C")]
    models = [
        Model("m1", {"A": score(70.0), "B": score(50.0), "C": score(30.0)}),
        Model("m2", {"A": score(60.0), "B": score(50.0), "C": score(40.0)}),
        Model("m3", {"A": score(50.0), "B": score(50.0), "C": score(20.0)}),
    ]
    said = _checked(make_report(models, benchmarks))
    sentence = said["Ranking consistency"][0]
    assert "B is left out: every model ties there." in sentence
    assert "ρ = 1.00" not in sentence


def test_close_means_are_a_tie():
    benchmarks = [Benchmark("A"), Benchmark("B")]
    models = [
        Model("m1", {"A": score(70.04, 2), "B": score(50.0, 2)}),
        Model("m2", {"A": score(70.0, 2), "B": score(50.0, 2)}),
        Model("m3", {"A": score(60.0, 2), "B": score(50.0, 2)}),
    ]
    said = _checked(make_report(models, benchmarks, precision=2))
    assert said["Highest mean"][0].endswith(
        "The gap between the two means (0.02 points) is within the 0.5-point tolerance, so this counts as a tie."
    )
    assert said["Leader"][0].startswith("m1 has the highest score on the only benchmark where the scores differ.")


def test_axis_through_zero_does_not_claim_exaggeration():
    from benchboard.prose import _components

    models = [Model("m1", {"A": score(-20.0), "B": score(30.0)}), Model("m2", {"A": score(-5.0), "B": score(10.0)})]
    report = make_report(models, [Benchmark("A"), Benchmark("B")])
    layout = chart_layout(report, SiteConfig())
    assert layout.y_domain[0] < 0 < layout.y_domain[1]
    assert not any("exaggerate" in line for line in _components(report, layout))
    truncated = replace(report, y_range=(40.0, 100.0))
    assert any("starts at 40, not at zero" in line for line in _components(truncated, chart_layout(truncated, SiteConfig())))


def test_rounding_never_makes_a_lead():
    """At precision 0, 50.5 vs 50.4 shows as 51 vs 50; the 0.1 gap is still a tie."""
    models = [Model("A", {"X": Score(50.5, "51", 0.1)}), Model("B", {"X": Score(50.4, "50", 0.1)})]
    said = _checked(make_report(models, [Benchmark("X")], precision=0))
    assert said["Top of X"] == [
        "A is highest at 51, ahead of B (50) by 1 point — only 0.10 before rounding, within its ±0.28-point "
        "95% margin of error from the reported standard errors: statistically indistinguishable."
    ]


def test_one_tiny_stderr_does_not_lower_the_tolerance():
    models = [Model("A", {"X": score(50.2, stderr=0.01)}), Model("B", {"X": score(50.0)})]
    said = _checked(make_report(models, [Benchmark("X")]))
    assert said["Top of X"] == [
        "A is highest at 50.2, ahead of B (50.0) by 0.2 points — within the 0.5-point tolerance used because "
        "B's score has no uncertainty, so this counts as a tie."
    ]


def test_a_zero_stderr_is_no_estimate():
    models = [Model("A", {"X": score(50.6, stderr=0.0)}), Model("B", {"X": score(50.0, stderr=0.0)})]
    said = _checked(make_report(models, [Benchmark("X")]))
    assert "0.5-point tolerance used because no uncertainty is given" in said["Top of X"][0]


def test_few_items_near_the_ends_of_the_scale_claim_no_lead():
    """3/3 vs 0/3: the normal margin is zero there; Fisher's exact test gives p = 0.1."""
    models = [Model("A", {"AIME": score(100.0, 0)}), Model("B", {"AIME": score(0.0, 0)})]
    said = _checked(make_report(models, [Benchmark("AIME", n=3)], precision=0, y_title="Accuracy (%)"))
    assert said["Top of AIME"][0].endswith("by 100 points — too near the end of the scale for a reliable 95% margin "
                                           "with 3 items (n·p or n·(1−p) below 5), so not called a lead.")


def test_each_comparison_is_counted_once_for_bonferroni():
    report = example()
    analysis = analyse(report)
    assert analysis.comparisons == 10  # 3 winners + 9 pair gaps with a margin, 2 of them the same comparisons


def test_two_benchmarks_single_out_no_reordering_benchmark():
    benchmarks = [Benchmark("A"), Benchmark("B")]
    models = [Model("m1", {"A": score(70.0), "B": score(50.0)}), Model("m2", {"A": score(60.0), "B": score(60.0)}),
              Model("m3", {"A": score(50.0), "B": score(55.0)})]
    said = _checked(make_report(models, benchmarks))
    assert "reorders the models most" not in said["Ranking consistency"][0]


def test_leader_exceptions_are_grouped_by_model():
    benchmarks = [Benchmark(n) for n in "ABCDE"]
    models = [Model("L", {"A": score(90.0), "B": score(90.0), "C": score(90.0), "D": score(10.0), "E": score(10.0)}),
              Model("O", {"A": score(10.0), "B": score(10.0), "C": score(10.0), "D": score(90.0), "E": score(90.0)})]
    said = _checked(make_report(models, benchmarks))
    assert said["Leader"][0].startswith("L has the highest score on 3 of 5 benchmarks; O is highest on D and E. L's margin")


def test_interpretation_qualifies_every_model_when_some_are_not_compared():
    benchmarks = [Benchmark("A"), Benchmark("B")]
    models = [Model("m1", {"A": score(80.0), "B": score(60.0)}), Model("m2", {"A": score(70.0), "B": score(50.0)}),
              Model("m3", {"B": score(40.0)})]
    report = make_report(models, benchmarks)
    interpretation = report_text(report, analyse(report), ENV, chart_layout(report, SiteConfig())).interpretation
    assert "Every model scores highest" not in interpretation
    assert "Each of the 2 models with unequal scores on two or more benchmarks scores highest on A." in interpretation


def test_rounding_never_separates_means():
    benchmarks = [Benchmark("A"), Benchmark("B")]
    models = [Model("m1", {"A": Score(50.5, "51"), "B": Score(60.5, "61")}), Model("m2", {"A": Score(50.4, "50"), "B": Score(60.4, "60")}),
              Model("m3", {"A": Score(40.0, "40"), "B": Score(40.0, "40")})]
    said = _checked(make_report(models, benchmarks, precision=0))
    assert said["Highest mean"][0].endswith(
        "The gap between the two means (1 point, only 0.10 before rounding) is within the 0.5-point tolerance, so this counts as a tie."
    )
