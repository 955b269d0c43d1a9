"""A report in which no benchmark orders any two models still says so under Key observations
(facts.tied, observations/tied.txt), instead of a heading over an empty list (review R2); a
report with nothing to observe says that, and the independent checker agrees."""

from __future__ import annotations

from benchboard.analyse.report import analyse
from benchboard.model import Benchmark, Model
from factcheck import check
from helpers import build_site, write_tree
from .test_observations import make_report, score, text_of


def _said(report):
    analysis, text = text_of(report)
    assert check(report, analysis, text) == []
    return {o.kind: (o.lead, o.text) for o in text.observations}


def test_one_benchmark_all_equal_says_no_model_is_ahead():
    report = make_report([Model("m", {"A": score(70.0)}), Model("n", {"A": score(70.0)})], [Benchmark("A", n=100)])
    said = _said(report)
    assert list(said) == ["tied"]
    assert said["tied"] == ("No model ahead", "m and n show the same score on A (70.0%).")  # its unit, as the other bullets


def test_several_benchmarks_all_equal_names_each_value():
    report = make_report([Model(x, {"A": score(70.0), "B": score(60.5)}) for x in "mnop"] + [Model("q", {"A": score(70.0)})],
                         [Benchmark("A"), Benchmark("B")])
    text = _said(report)["tied"][1]
    assert text == "On each of A and B, the models scored there show the same score (70.0% on A, 60.5% on B)."


def test_a_contested_benchmark_has_a_leader_and_no_tie_bullet():
    report = make_report([Model("m", {"A": score(70.0), "B": score(60.0)}), Model("n", {"A": score(70.0), "B": score(61.0)})],
                         [Benchmark("A"), Benchmark("B")])
    assert "tied" not in _said(report) and "leader" in _said(report)


def test_nothing_to_observe_is_said_not_left_as_an_empty_list(tmp_path):
    content = write_tree(tmp_path / "content", {"results/one.yaml": "title: One\nbenchmarks: [{name: A}]\nmodels:\n  - {name: m, scores: {A: 50.0}}\n"})
    build_site(content, tmp_path / "out")
    page = (tmp_path / "out/one/index.html").read_text()
    section = page.split('id="observations"', 1)[1].split("</section>", 1)[0]
    assert "<ul" not in section and "No observation to state: the table above has every score." in section
    assert analyse(make_report([Model("m", {"A": score(50.0)})], [Benchmark("A")])).facts == ()


def test_a_shared_score_keeps_its_own_unit():
    """Review 5 C6: the shared value with its unit, "%" only on a percent column."""
    report = make_report([Model("m", {"Elo": score(1200.0, 0)}), Model("n", {"Elo": score(1200.0, 0)})], [Benchmark("Elo")],
                         precision=0, y_title="Rating")
    assert _said(report)["tied"][1] == "m and n show the same score on Elo (1200)."
