"""Observations: the example as an analyst would sign it, each defect class of issue 14, and an
independent checker (tests/factcheck.py) over random reports."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchboard.analyse.report import analyse
from benchboard.chart.layout import chart_layout
from benchboard.load.results import load_report_file
from benchboard.model import Benchmark, Model, Report, Score, SiteConfig, format_number
from benchboard.render.prose import report_text
from benchboard.render.theme import environment
from helpers import build_site, example_report, write_tree
import factcheck
from factcheck import EVIDENCE, check

LONG = os.environ.get("BENCHBOARD_FUZZ_LONG") == "1"
ENV = environment()


example = example_report


def text_of(report: Report):
    analysis = analyse(report)
    return analysis, report_text(report, analysis, ENV, chart_layout(report, SiteConfig()))


def said(report: Report) -> dict[str, str]:
    analysis, text = text_of(report)
    problems = check(report, analysis, text)
    assert problems == [], problems
    return {o.kind: o.text for o in text.observations}


def make_report(models, benchmarks, precision: int = 1, y_title: str | None = "Accuracy (%)", tolerance: float = 0.5,
                declared: bool = True) -> Report:
    """A report as the loader makes it; `declared` as if the file or site.yaml set `tolerance:`."""
    return Report(slug="r", path="r.yaml", title="R", benchmarks=tuple(benchmarks), models=tuple(models),
                  precision=precision, y_title=y_title, tolerance=tolerance, tolerance_declared=declared)


def score(value: float, precision: int = 1, stderr: float | None = None) -> Score:
    return Score(value, format_number(value, precision), stderr)


def verdict(report: Report, bench: str):
    analysis = analyse(report)
    found = [v for v in analysis.comparisons if v.benchmark == bench]
    assert len(found) == 1, found
    return found[0]


def build(tmp_path, results: dict[str, str], site: str = "title: S\n") -> dict[str, dict]:
    """Build a site in-process (no PNG); per report slug, its observations.json and page."""
    content = write_tree(tmp_path / "content", {"site.yaml": site, **{f"results/{k}.yaml": v for k, v in results.items()}})
    out = tmp_path / "out"
    build_site(content, out)
    pages = {}
    for slug in results:
        data = json.loads((out / slug / "observations.json").read_text())
        page = re.sub(r"</?a\b[^>]*>", "", (out / slug / "index.html").read_text())  # the text, without model links
        pages[slug] = {"bullets": {o["fact"]["kind"]: o["sentence"] for o in data["observations"]}, "page": page, "json": data}
    return pages


# --- the example ---------------------------------------------------------------------------


def test_example_key_observations_read_like_the_analyst_and_hold():
    analysis, text = text_of(example())
    bullets = [f"{o.lead}: {o.text}" for o in text.observations]
    words = sum(len(b.split()) for b in bullets)
    assert len(bullets) <= 6 and words <= 150, (len(bullets), words, bullets)
    by_kind = {o.kind: o.text for o in text.observations}
    # The analyst's five facts, each true.
    assert by_kind["highest"] == "MATH-500 is every model's highest-scoring benchmark; all score above 94%."
    assert by_kind["lowest"] == "LiveCodeBench is every model's lowest-scoring benchmark; all score below 60%."
    assert by_kind["leader"] == (
        "AM-Distill-Qwen-72B has the highest score on all 4 benchmarks. Over the runner-up: within the uncertainty on "
        "AIME 2024, MATH-500 and GPQA Diamond; untested on LiveCodeBench (no uncertainty given).")
    assert by_kind["family_pair"].startswith(
        "AM-Distill-Qwen-32B scores higher than DeepSeek-R1-Distill-Qwen-32B on all 4 benchmarks, "
        "by 0.1 points (AIME 2024) to 2.2 (GPQA Diamond)")
    # No bullet restates another: the 72B-vs-32B scale pair and the highest mean follow from the leader.
    assert "mean" not in by_kind and [o.kind for o in text.observations].count("scale_pair") == 1
    assert len(set(o.text for o in text.observations)) == len(text.observations)
    # The seeds' false statements and the old overclaims are gone.
    everything = " ".join(bullets) + text.interpretation + text.methods
    for falsehood in ("narrowly beaten", "non-distilled", "architecture", "clear lead", "Spearman"):
        assert falsehood not in everything
    assert not EVIDENCE.search(" ".join(bullets))  # no lead on the example is supported
    # Every per-benchmark verdict is in the All comparisons table, the same as the bullets use.
    rows = {(r["benchmark"], r["a"], r["b"]): r for r in text.comparisons}
    assert rows[("LiveCodeBench", "AM-Distill-Qwen-72B", "AM-Distill-Qwen-32B")]["outcome"] == "untested"
    assert rows[("AIME 2024", "AM-Distill-Qwen-72B", "AM-Distill-Qwen-32B")]["outcome"] == "within"
    assert rows[("MATH-500", "AM-Distill-Qwen-72B", "AM-Distill-Qwen-32B")]["method"] == "newcombe"  # 485 vs 481 of 500: large enough
    assert rows[("AIME 2024", "AM-Distill-Qwen-72B", "AM-Distill-Qwen-32B")]["method"] == "newcombe"  # 72.7% of 30 is no count
    # Kendall's W = 33/40 exactly: half up is 0.83, never 0.82.
    assert analysis.consistency["w"] == "0.83" and "Kendall's W = 0.83" in text.interpretation
    assert check(example(), analysis, text) == []


def test_example_page_shows_whiskers_comparisons_intervals_and_ranks(example_site):
    out = example_site
    page = (out / "distilled-reasoning/index.html").read_text()
    assert "All comparisons" in page and page.count('data-outcome="') == 13
    assert "Whiskers: 95% intervals (Wilson interval from n items) on 12 bars. No uncertainty given for LiveCodeBench: no whisker there." in page
    assert "54.9–85.4" in page  # AM-Distill-Qwen-32B on AIME 2024, 72.7% of 30
    assert "rank 1–4" in page and "rank 1–3" in page  # MATH-500: 97.0 vs 94.3 is decided, the rest is not
    data = json.loads((out / "distilled-reasoning/observations.json").read_text())
    assert data["units"] == {"AIME 2024": "percent", "MATH-500": "percent", "GPQA Diamond": "percent", "LiveCodeBench": "percent"}
    assert len(data["comparisons"]) == 13


# --- one test per defect class -------------------------------------------------------------


def test_1_no_uncertainty_is_untested_never_a_lead():
    benchmarks = [Benchmark("LiveCodeBench")]
    models = [Model("A", {"LiveCodeBench": score(81.3)}), Model("B", {"LiveCodeBench": score(80.6)})]
    report = make_report(models, benchmarks)
    v = verdict(report, "LiveCodeBench")
    assert (v.outcome, v.low, v.gap) == ("untested", None, "0.7")
    sentence = said(report)["leader"]
    assert "untested on LiveCodeBench (no uncertainty given)" in sentence and not EVIDENCE.search(sentence)
    # One side's standard error is only a lower bound: still untested.
    one_sided = [Model("A", {"X": score(81.3, stderr=0.01)}), Model("B", {"X": score(60.6)})]
    assert verdict(make_report(one_sided, [Benchmark("X")]), "X").outcome == "untested"
    # A tolerance only says "practically equal".
    close = [Model("A", {"X": score(81.3)}), Model("B", {"X": score(81.0)})]
    assert verdict(make_report(close, [Benchmark("X")]), "X").outcome == "practically_equal"


def test_2_decisive_small_samples_are_leads_by_an_exact_test():
    benchmarks = [Benchmark("Q", n=100)]
    report = make_report([Model("A", {"Q": score(97.0)}), Model("B", {"Q": score(55.0)})], benchmarks)
    v = verdict(report, "Q")
    assert (v.outcome, v.method) == ("lead", "fisher")
    assert "a lead beyond the uncertainty on Q" in said(report)["leader"]
    # 3 of 3 against 0 of 3: Fisher's p = 0.1, no lead.
    tiny = make_report([Model("A", {"Q": score(100.0)}), Model("B", {"Q": score(0.0)})], [Benchmark("Q", n=3)])
    assert verdict(tiny, "Q").outcome == "within"
    # Averages over samples are not counts: Newcombe's interval decides.
    avg = make_report([Model("A", {"Q": score(72.7)}), Model("B", {"Q": score(40.1)})], [Benchmark("Q", n=30)])
    assert (verdict(avg, "Q").method, verdict(avg, "Q").outcome) == ("newcombe", "lead")


def test_3_methods_note_counts_the_same_verdicts_as_the_table():
    benchmarks = [Benchmark(f"B{i}", n=200) for i in range(4)]
    values = [(80.0, 60.0), (70.0, 64.0), (50.0, 49.0), (91.0, 90.0)]
    models = [Model("A", {f"B{i}": score(a) for i, (a, _) in enumerate(values)}),
              Model("B", {f"B{i}": score(b) for i, (_, b) in enumerate(values)})]
    report = make_report(models, benchmarks)
    analysis, text = text_of(report)
    leads = [v for v in analysis.comparisons if v.outcome == "lead"]
    kept = [v for v in leads if v.bonferroni_lead]
    assert len(leads) == 1 and len(kept) == 1  # 70 vs 64 of 200 is no lead (Fisher); 80 vs 60 holds after correction
    assert {v.method for v in analysis.comparisons} == {"fisher"}
    assert f"would keep {len(kept)} of their {len(leads)} lead" in text.methods
    assert check(report, analysis, text) == []
    miscount = replace(text, methods=text.methods.replace("would keep 1 of their 1 lead", "would keep 0 of their 1 lead"))
    assert any("methods: Bonferroni note" in p for p in check(report, analysis, miscount))


def test_4_tied_winners_do_not_share_one_verdict():
    benchmarks = [Benchmark("X")]
    models = [Model("A", {"X": score(80.0, stderr=0.1)}), Model("B", {"X": score(80.0, stderr=10.0)}),
              Model("C", {"X": score(70.0, stderr=0.1)})]
    report = make_report(models, benchmarks)
    analysis = analyse(report)
    winner = analysis.winners[0]
    assert {v.outcome for v in winner["verdicts"]} == {"lead", "within"} and winner["status"] == "within"
    sentence = said(report)["leader"]
    assert "within the uncertainty for at least one of them" in sentence and not EVIDENCE.search(sentence)


def test_5_half_up_in_decimal_for_means_and_statistics():
    # Means of exactly x.x5: 81.05 -> 81.1 and 80.95 -> 81.0 (binary floats gave 81.0 and 80.9).
    benchmarks = [Benchmark("A"), Benchmark("B")]
    models = [Model("P", {"A": score(81.0), "B": score(81.1)}), Model("Q", {"A": score(80.9), "B": score(81.0)}),
              Model("R", {"A": score(81.1), "B": score(80.0)})]
    report = make_report(models, benchmarks)
    mean = [f for f in analyse(report).facts if f.kind == "mean"][0].data
    assert (mean["mean"], mean["next"], mean["next_mean"]) == ("81.1", ["Q"], "81.0") and mean["difference"] == "0.1"
    assert "81.1%" in said(report)["mean"]
    # An interval end that rounds to zero gets the digits that show its side: never "±0".
    tight = make_report([Model("A", {"X": score(50.4, 0, 0.1)}), Model("B", {"X": score(49.4, 0, 0.1)})], [Benchmark("X")], precision=0)
    v = verdict(tight, "X")
    assert v.outcome == "lead" and v.low != "0" and float(v.low) > 0


def test_6_units_are_data(tmp_path):
    write_tree(tmp_path, {"results/u.yaml": """
        title: Units
        y_title: Mixed
        benchmarks:
          - {name: Latency, unit: ms, higher_is_better: false}
          - {name: Acc, unit: fraction, n: 300}
        models:
          - {name: A, scores: {Latency: 12.0, Acc: 0.91}}
          - {name: B, scores: {Latency: 12.3, Acc: 0.58}}
        """})
    report = load_report_file(tmp_path / "results/u.yaml", tmp_path)
    analysis, text = text_of(report)
    assert analysis.units["Latency"].key == "ms" and analysis.units["Acc"].key == "fraction"
    latency = [v for v in analysis.comparisons if v.benchmark == "Latency"][0]
    assert latency.outcome == "untested"  # a tolerance is in no unit shared by both columns
    acc = [v for v in analysis.comparisons if v.benchmark == "Acc"][0]
    assert acc.outcome == "lead" and acc.method == "newcombe"  # 273 of 300 vs 174 of 300
    everything = " ".join(o.text for o in text.observations)
    assert "%" not in everything and "points" not in everything
    assert check(report, analysis, text) == []
    # Fractions without n are untested, not "a tie" under a percentage-point tolerance.
    write_tree(tmp_path, {"results/f.yaml": """
        title: Fractions
        benchmarks: [{name: F1}, {name: F2}]
        models:
          - {name: A, scores: {F1: 0.91, F2: 0.5}}
          - {name: B, scores: {F1: 0.58, F2: 0.4}}
        """})
    fractions = load_report_file(tmp_path / "results/f.yaml", tmp_path)
    assert {v.outcome for v in analyse(fractions).comparisons} == {"untested"}


def test_7_no_statements_across_incomparable_columns():
    benchmarks = [Benchmark("Arena", unit="Elo"), Benchmark("MMLU", unit="percent", n=1000), Benchmark("Err", unit="percent", higher_is_better=False)]
    models = [Model("A", {"Arena": score(1250.0), "MMLU": score(70.0), "Err": score(5.0)}),
              Model("B", {"Arena": score(1200.0), "MMLU": score(60.0), "Err": score(7.0)}),
              Model("C", {"Arena": score(1100.0), "MMLU": score(65.0), "Err": score(9.0)})]
    report = make_report(models, benchmarks)
    analysis = analyse(report)
    kinds = [f.kind for f in analysis.facts]
    assert not {"highest", "lowest", "mean"} & set(kinds) and analysis.consistency is None
    bullets = said(report)
    assert bullets["scope"].endswith("they use different units (Elo and percent) and point in different directions.")
    assert "highest-scoring" not in " ".join(bullets.values())
    assert "best score" in bullets["leader"]  # not "highest" where lower is better


def test_8_sizes_are_numbers_and_families_come_from_the_content():
    benchmarks = [Benchmark("X")]
    same = [Model("A", {"X": score(60.0)}, family="F", params="7B"), Model("B", {"X": score(50.0)}, family="F", params="7.0b"),
            Model("C", {"X": score(40.0)}, family="F", params="7,000M")]
    assert not [f for f in analyse(make_report(same, benchmarks)).facts if f.kind.endswith("_pair")]
    pair = [Model("Big", {"X": score(60.0)}, family="F", params="1.5B"), Model("Other", {"X": score(55.0)}, family="G", params="1,500M"),
            Model("Moe", {"X": score(70.0)}, family="F", params="8x7B")]  # no stated total: no order of size
    facts = analyse(make_report(pair, benchmarks)).facts
    assert [(f.kind, f.data["a"], f.data["b"]) for f in facts if f.kind.endswith("_pair")] == [("family_pair", "Big", "Other")]
    ordered = [Model("Moe", {"X": score(50.0)}, family="F", params="8x7B (46.7B total, 12.9B active)"),
               Model("Small", {"X": score(55.0)}, family="F", params="13B"), Model("Top", {"X": score(90.0)})]
    scale = [f for f in analyse(make_report(ordered, benchmarks)).facts if f.kind == "scale_pair"][0]
    assert (scale.data["a"], scale.data["b"]) == ("Small", "Moe")
    # Different families at one size: not "scale within a family".
    assert said(make_report(pair, benchmarks))


def test_9_statistics_named_correctly_or_dropped():
    analysis, text = text_of(example())
    assert "Spearman" not in text.methods + text.interpretation + " ".join(o.text for o in text.observations)
    assert "Kendall's W = 0.83" in text.interpretation
    assert "±0" not in " ".join(r["low"] or "" for r in text.comparisons)


def test_10_missing_data_describes_the_table_mean():
    benchmarks = [Benchmark("A", higher_is_better=False), Benchmark("B", higher_is_better=False)]
    models = [Model("X", {"A": score(10.0), "B": score(20.0)}), Model("Y", {"A": score(12.0)})]
    sentence = said(make_report(models, benchmarks))["missing"]
    assert sentence.startswith("Y has no score for B.") and "Mean" not in sentence
    up = [Benchmark("A"), Benchmark("B")]
    assert "the table's Mean averages only the benchmarks a model has" in said(make_report(models, up))["missing"]


def test_11_pairs_beyond_two_are_in_the_table_not_in_bullets():
    benchmarks = [Benchmark("X", n=100)]
    models = [Model(f"M{i}", {"X": score(50.0 + i)}, family=f"F{i % 3}", params=f"{7 * (1 + i // 3)}B") for i in range(9)]
    analysis, text = text_of(make_report(models, benchmarks))
    assert sum(1 for f in analysis.facts if f.kind.endswith("_pair")) <= 2
    assert len(text.comparisons) > 2


def test_the_checker_catches_false_claims():
    """The checker must be able to fail: tamper with true verdicts, facts, cells and sentences."""
    report = example()
    analysis, text = text_of(report)
    lead = tuple(replace(v, outcome="lead") if v.benchmark == "LiveCodeBench" else v for v in analysis.comparisons)
    assert any("outcome" in p for p in check(report, replace(analysis, comparisons=lead)))
    overclaim = [replace(o, text=o.text.replace("within the uncertainty on AIME 2024", "a clear lead on AIME 2024")) for o in text.observations]
    assert any("evidence words" in p for p in check(report, analysis, replace(text, observations=overclaim)))
    lying = [replace(o, text=o.text.replace("2.2 (GPQA", "2.7 (GPQA")) for o in text.observations]
    assert any("pair gap range misstated" in p for p in check(report, analysis, replace(text, observations=lying)))
    percent = [replace(o, text=o.text.replace("by 0.1 points", "by 0.1%")) for o in text.observations]
    assert any("% printed" in p for p in check(report, analysis, replace(text, observations=percent)))
    boast = replace(text, interpretation=text.interpretation + " A clear lead on MATH-500.")
    assert any("interpretation: evidence words" in p for p in check(report, analysis, boast))
    w = replace(analysis, consistency={**analysis.consistency, "w": "0.82"})
    assert any("consistency: W" in p for p in check(report, w))
    ranks = {**analysis.ranks, "MATH-500": {**analysis.ranks["MATH-500"], "AM-Distill-Qwen-72B": "1"}}
    assert any("rank of AM-Distill-Qwen-72B" in p for p in check(report, replace(analysis, ranks=ranks)))


# --- random reports through the independent checker ---------------------------------------

UNITS = {None: (0.0, 100.0, 0.05), "percent": (0.0, 100.0, 0.05), "fraction": (0.0, 1.0, 0.005), "ms": (5.0, 400.0, 0.5),
         "Elo": (900.0, 1400.0, 5.0), "points": (0.0, 10.0, 0.05)}
SIZES = [None, "7B", "7.0B", "7b", "7,000M", "1.5B", "1,500M", "8x7B", "47B-A13B", "8x7B (47B total, 13B active)", "70B"]


@st.composite
def random_reports(draw) -> Report:
    n_bench = draw(st.integers(1, 4))
    n_models = draw(st.integers(1, 6)) if draw(st.integers(0, 9)) else draw(st.integers(20, 40))
    precision = draw(st.sampled_from([0, 1, 1, 2, 3]))
    mixed = draw(st.booleans())
    benchmarks = []
    for i in range(n_bench):
        u = draw(st.sampled_from(list(UNITS))) if mixed else draw(st.sampled_from([None, "percent", "fraction"]))
        n = draw(st.sampled_from([None, 3, 10, 30, 100, 500])) if u in (None, "percent", "fraction") else None
        benchmarks.append(Benchmark(f"B{i}", n=n, unit=u, higher_is_better=draw(st.booleans()) if mixed else True))
    models = []
    for i in range(n_models):
        scores = {}
        for b in benchmarks:
            if draw(st.integers(0, 6)) == 0:
                continue
            low, high, step = UNITS[b.unit]
            # A coarse grid: equal values, x.x5 means and whole counts of n items come up often.
            value = round(low + step * draw(st.integers(0, int((high - low) / step))), 4)
            if b.n and draw(st.booleans()):
                value = round(draw(st.integers(0, b.n)) / b.n * (1.0 if b.unit == "fraction" else 100.0), 6)
            stderr = draw(st.sampled_from([None, None, 0.0, step * 4, step * 40]))
            scores[b.name] = Score(value, format_number(value, precision), stderr)
        models.append(Model(f"M{i}", scores, family=draw(st.sampled_from([None, "F", "G"])), params=draw(st.sampled_from(SIZES))))
    tolerance = draw(st.sampled_from([0.0, 0.005, 0.25, 0.5, 2.0]))
    return Report(slug="r", path="r.yaml", title="R", benchmarks=tuple(benchmarks), models=tuple(models), precision=precision,
                  tolerance=tolerance, tolerance_declared=draw(st.booleans()),
                  y_title=draw(st.sampled_from([None, "Accuracy (%)", "Score"])))


@settings(max_examples=20_000 if LONG else 400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(random_reports())
def test_random_reports_pass_the_independent_checker(report):
    analysis = analyse(report)
    text = report_text(report, analysis, ENV, chart_layout(report, SiteConfig()))
    problems = check(report, analysis, text)
    assert problems == [], problems


def test_zz_report_the_checker_figures(capsys):
    """Prints what the checker has checked in this session (for the issue's note)."""
    with capsys.disabled():
        print(f"\nchecker: {dict(factcheck.TALLY)}")
    assert factcheck.TALLY["claims"] > 0


def test_big_tables_rank_by_shown_values_and_say_so():
    benchmarks = [Benchmark("X", n=100)]
    models = [Model(f"M{i}", {"X": score(float(i % 50))}) for i in range(70)]
    analysis, text = text_of(make_report(models, benchmarks))
    assert analysis.ranks_too_many == ("X",) and analysis.ranks["X"]["M49"] == "1"
    assert analysis.ranks["X"]["M19"] == analysis.ranks["X"]["M69"] == "31\u201332"  # 30 models above, two at 19.0
    assert "with more than 60 scores, ranks follow the shown values only" in text.table_note


# --- issue 14, second review: each defect as a class, on sites built in-process ------------------


TIE = """
    title: Tie test
    benchmarks: [{name: Acc, n: 100}, {name: B2, n: 100}]
    models:
      - {name: A, scores: {Acc: 80, B2: 70}}
      - {name: B, scores: {Acc: 80, B2: 50}}
      - {name: C, scores: {Acc: 60, B2: 40}}
    """


def test_14_1_a_tied_top_is_a_tie_never_a_lead(tmp_path):
    built = build(tmp_path, {"tie": TIE})["tie"]
    leader, page = built["bullets"]["leader"], built["page"]
    assert leader == ("A has the highest score on both benchmarks (tied on Acc). Over the runner-up: a lead beyond the "
                      "uncertainty on B2. On Acc the top is shared (A and B): each tied model is ahead of the next model (C) "
                      "beyond the uncertainty.")
    assert "A has the highest score on both benchmarks, shared with B on Acc; where it is alone at the top, a lead " \
           "beyond the uncertainty over the runner-up on B2." in page
    assert "each a lead" not in page and "uncertainty on Acc" not in page
    # The checker catches the old wording (a lead claimed on the tied benchmark).
    report = load_report_file(tmp_path / "content/results/tie.yaml", tmp_path / "content")
    analysis, text = text_of(report)
    assert check(report, analysis, text) == []
    old = [replace(o, text="A has the highest score on both benchmarks (tied on Acc). Over the runner-up: a lead beyond "
                           "the uncertainty on Acc and B2.") if o.kind == "leader" else o for o in text.observations]
    assert any("leader" in p for p in check(report, analysis, replace(text, observations=old)))


def test_14_1_a_tie_is_a_lead_over_the_next_only_if_every_member_leads():
    # A is far ahead of C (small stderr); B, tied with A, is not (large stderr): the group is within.
    benchmarks = [Benchmark("X"), Benchmark("Y")]
    models = [Model("A", {"X": score(80.0, stderr=0.1), "Y": score(70.0, stderr=0.1)}),
              Model("B", {"X": score(80.0, stderr=10.0), "Y": score(50.0, stderr=0.1)}),
              Model("C", {"X": score(70.0, stderr=0.1), "Y": score(40.0, stderr=0.1)})]
    report = make_report(models, benchmarks)
    leader = said(report)["leader"]
    assert "On X the top is shared (A and B): the gap to the next model (C) is within the uncertainty" in leader
    assert "a lead beyond the uncertainty on Y." in leader
    fact = analyse(report).of_kind("leader")[0].data
    assert fact["leads"] == ["Y"] and fact["tie_within"] == ["X"] and fact["tie_leads"] == []


def test_14_2_the_stated_gap_of_means_is_the_difference_of_the_shown_means(tmp_path):
    built = build(tmp_path, {
        "pct": """
            title: Means
            y_title: Accuracy (%)
            benchmarks: [{name: X, n: 1000}, {name: Y, n: 1000}, {name: Z, n: 1000}]
            models:
              - {name: A, scores: {X: 75.0, Y: 75.0, Z: 75.1}}
              - {name: B, scores: {X: 74.1, Y: 74.1, Z: 74.0}}
              - {name: C, scores: {X: 74.5, Y: 74.5, Z: 76.0}}
            """,
        "frac": """
            title: Fractions
            precision: 3
            benchmarks: [{name: X}, {name: Y}, {name: Z}]
            models:
              - {name: A, scores: {X: 0.704, Y: 0.705, Z: 0.705}}
              - {name: B, scores: {X: 0.542, Y: 0.542, Z: 0.543}}
              - {name: C, scores: {X: 0.800, Y: 0.300, Z: 0.400}}
            """})
    mean = built["pct"]["bullets"]["mean"]
    # Exact means 75.033 and 74.067 differ by 0.967 (1.0 rounded); the shown 75.0 and 74.1 differ by 0.9.
    assert "(75.0%, among" in mean and "next B at 74.1%; the gap of 0.9 points is within the uncertainty" in mean
    frac = built["frac"]["bullets"]["mean"]
    # Exact 0.704667 − 0.542333 = 0.162333 (0.162); the shown 0.705 − 0.542 = 0.163.
    assert "(0.705, among" in frac and "next B at 0.542; the gap of 0.163 is untested" in frac


def test_14_3_practically_equal_only_with_a_declared_tolerance(tmp_path):
    close = """
        title: Close
        y_title: Accuracy (%)
        benchmarks: [{{name: X}}, {{name: Y}}]
        {tolerance}
        models:
          - {{name: A, scores: {{X: 81.3, Y: 70.0}}}}
          - {{name: B, scores: {{X: 81.0, Y: 60.0}}}}
        """
    latency = """
        title: Latency
        tolerance: 0.5
        benchmarks: [{name: P50, unit: ms, higher_is_better: false}, {name: P99, unit: ms, higher_is_better: false}]
        models:
          - {name: A, scores: {P50: 10.2, P99: 40.0}}
          - {name: B, scores: {P50: 10.5, P99: 49.0}}
        """
    built = build(tmp_path / "a", {"none": close.format(tolerance=""), "file": close.format(tolerance="tolerance: 0.5"),
                                   "ms": latency})
    outcomes = {slug: {r["benchmark"]: r["outcome"] for r in b["json"]["comparisons"]} for slug, b in built.items()}
    assert outcomes["none"]["X"] == "untested" and outcomes["file"]["X"] == "practically_equal"
    assert outcomes["ms"]["P50"] == "practically_equal"
    assert "tolerance" not in built["none"]["page"].split("Methods")[-1].split("</section>")[0]
    assert "Untested gaps of at most 0.5 points (the tolerance declared for this report), both as shown and unrounded, are called practically equal." in built["file"]["page"]
    assert "Untested gaps of at most 0.5 ms (the tolerance declared for this report)" in built["ms"]["page"]
    # site.yaml declares it for every report.
    site = build(tmp_path / "b", {"none": close.format(tolerance="")}, site="title: S\ntolerance: 0.5\n")
    assert {r["benchmark"]: r["outcome"] for r in site["none"]["json"]["comparisons"]}["X"] == "practically_equal"


def test_14_3_the_example_sets_no_tolerance(example_site):
    out = example_site
    data = json.loads((out / "distilled-reasoning/observations.json").read_text())
    assert "practically_equal" not in {r["outcome"] for r in data["comparisons"]}
    assert "practically equal" not in (out / "distilled-reasoning/index.html").read_text()


def test_14_4_best_and_worst_by_direction_and_no_vacuous_bounds(tmp_path):
    built = build(tmp_path, {
        "ppl": """
            title: Perplexity
            benchmarks: [{name: PTB, metric: perplexity, higher_is_better: false}, {name: Wiki, metric: perplexity, higher_is_better: false}]
            models:
              - {name: A, scores: {PTB: 20.1, Wiki: 10.2}}
              - {name: B, scores: {PTB: 22.3, Wiki: 11.0}}
              - {name: C, scores: {PTB: 25.0, Wiki: 12.5}}
            """,
        "lat": """
            title: Latency
            benchmarks: [{name: P50, unit: ms, higher_is_better: false}, {name: P99, unit: ms, higher_is_better: false}]
            models:
              - {name: A, scores: {P50: 0.21, P99: 0.83}}
              - {name: B, scores: {P50: 0.25, P99: 0.9}}
              - {name: C, scores: {P50: 0.3, P99: 0.95}}
            """,
        "frac": """
            title: Fractions
            benchmarks: [{name: X}, {name: Y}]
            models:
              - {name: A, scores: {X: 0.91, Y: 0.5}}
              - {name: B, scores: {X: 0.88, Y: 0.4}}
              - {name: C, scores: {X: 0.7, Y: 0.3}}
            """})
    ppl = built["ppl"]["bullets"]
    assert ppl["highest"] == "PTB is every model's worst benchmark (highest perplexity)."
    assert ppl["lowest"] == "Wiki is every model's best benchmark (lowest perplexity)."
    lat = built["lat"]["bullets"]
    assert lat["highest"] == "P99 is every model's worst benchmark (highest value)."
    everything = " ".join([*ppl.values(), *lat.values(), *built["frac"]["bullets"].values()])
    assert "-scoring" not in " ".join([*ppl.values(), *lat.values()])
    for vacuous in ("above 0", "below 1", "at least 0", "at most 1"):
        assert vacuous not in everything
    assert built["frac"]["bullets"]["highest"] == "X is every model's highest-scoring benchmark."


def test_14_5_methods_says_which_units_were_declared_and_which_inferred(tmp_path):
    built = build(tmp_path, {
        "lat": """
            title: Latency
            benchmarks: [{name: P50, unit: ms, higher_is_better: false}, {name: P99, unit: ms, higher_is_better: false}]
            models:
              - {name: A, scores: {P50: 0.21, P99: 0.83}}
              - {name: B, scores: {P50: 0.25, P99: 0.9}}
            """,
        "mixed": """
            title: Mixed
            y_title: Score
            benchmarks: [{name: Lat, unit: ms, higher_is_better: false}, {name: Acc, n: 100}]
            models:
              - {name: A, scores: {Lat: 12.0, Acc: 80}}
              - {name: B, scores: {Lat: 15.0, Acc: 70}}
            """})
    assert "Unit: ms (declared)." in built["lat"]["page"]
    assert "inferred" not in built["lat"]["page"].split("Unit: ms")[1][:40]
    # "Score" says nothing of percent: Acc is percent by its n, and the note does not cite the axis title
    assert "Units: ms (declared, on Lat); percent (inferred from the scores, on Acc)." in built["mixed"]["page"]


def test_14_5_the_checker_catches_a_declared_unit_called_inferred():
    benchmarks = [Benchmark("P50", unit="ms", higher_is_better=False), Benchmark("P99", unit="ms", higher_is_better=False)]
    models = [Model("A", {"P50": score(0.2), "P99": score(0.8)}), Model("B", {"P50": score(0.3), "P99": score(0.9)})]
    report = make_report(models, benchmarks, y_title=None, declared=False)
    analysis, text = text_of(report)
    assert "Unit: ms (declared)." in text.methods and check(report, analysis, text) == []
    wrong = replace(text, methods=text.methods.replace("(declared)", "(inferred from the scores and the axis title)"))
    assert any("units note" in p for p in check(report, analysis, wrong))
    named = replace(text, methods=text.methods + " Untested gaps of at most 0.5 (the tolerance declared for this report) are called practically equal.")
    assert any("tolerance" in p for p in check(report, analysis, named))


def test_the_interpretation_says_whom_a_lead_is_over(tmp_path):
    """A leads B beyond the uncertainty but D (no uncertainty given) is untested, so the table
    ranks A 1–2: the interpretation says A's lead is over the runner-up, never that its top
    place is established (review finding: "each a lead beyond the uncertainty" beside rank 1–2);
    and the whiskers' words do not say Arena Elo has none when three of its bars have one."""
    import html

    from helpers import build_site, write_tree

    out = tmp_path / "out"
    build_site(write_tree(tmp_path / "content", {"results/arena.yaml": """\
        title: Arena
        benchmarks: [{name: Arena Elo, unit: Elo}]
        models:
          - {name: A, scores: {Arena Elo: {value: 1210, stderr: 5}}}
          - {name: B, scores: {Arena Elo: {value: 1180, stderr: 5}}}
          - {name: D, scores: {Arena Elo: 1050}}
        """}), out)
    page = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", (out / "arena" / "index.html").read_text()).split()))
    assert "A has the highest score on the only benchmark, each a lead beyond the uncertainty over the runner-up." in page
    assert "rank 1–2" in page
    assert "Some bars of Arena Elo have no uncertainty given: no whisker on those." in page
    assert "No uncertainty given for Arena Elo" not in page
