"""content/benchmarks.yaml and the shipped names of harness tasks (load/benchmarks.py): one
benchmark, one name, one page, whatever its spelling in the result files."""

from __future__ import annotations

import json

from helpers import cli, load_tree, problems_of, write_tree

from benchboard.views import catalog

REGISTRY = """\
benchmarks:
  - name: HellaSwag
    aliases: [hellaswag-eval]
    description: Commonsense sentence completion.
    url: https://arxiv.org/abs/1905.07830
    category: commonsense
    released: 2019-05
    n: 10042
    unit: percent
    direction: higher
    citation: Zellers et al., 2019
"""
FIRST = """\
title: First
benchmarks: [{name: hellaswag}]
models:
  - {name: A, scores: {hellaswag: 80.0}}
  - {name: B, scores: {hellaswag: 70.0}}
"""
SECOND = """\
title: Second
benchmarks: [{name: hellaswag-eval}, {name: leaderboard_musr}]
models:
  - {name: A, scores: {hellaswag-eval: 81.0, leaderboard_musr: 40.0}}
  - {name: C, scores: {hellaswag-eval: 60.0, leaderboard_musr: 45.0}}
"""




def test_aliases_join_spellings_into_one_benchmark_with_the_registrys_facts(tmp_path):
    site, _ = load_tree(tmp_path, {"benchmarks.yaml": REGISTRY, "results/first.yaml": FIRST, "results/second.yaml": SECOND})
    first, second = site.reports
    assert [b.name for b in first.benchmarks] == ["HellaSwag"] and first.benchmarks[0].file_name == "hellaswag"
    assert set(first.models[0].scores) == {"HellaSwag"}  # scores re-keyed
    bench = first.benchmarks[0]
    assert (bench.n, bench.unit, bench.released, bench.description) == (10042, "percent", "2019-05", "Commonsense sentence completion.")
    pages = {p.name: p for p in catalog.benchmark_pages(site)}
    assert "hellaswag" not in pages and "hellaswag-eval" not in pages
    page = pages["HellaSwag"]
    assert page.slug == "hellaswag" and len(page.reports) == 2 and page.models == 3
    assert (page.url, page.category, page.citation, page.released) == ("https://arxiv.org/abs/1905.07830", "commonsense", "Zellers et al., 2019", "2019-05")
    assert page.names == ("hellaswag", "hellaswag-eval")
    # The shipped table names a well-known harness task key.
    assert "MuSR" in pages and pages["MuSR"].names == ("leaderboard_musr",)


def test_the_sites_registry_overrides_the_shipped_name(tmp_path):
    registry = "benchmarks:\n  - name: MuSR (murder mysteries)\n    aliases: [leaderboard_musr]\n"
    site, _ = load_tree(tmp_path, {"benchmarks.yaml": registry, "results/second.yaml": SECOND})
    assert [b.name for b in site.reports[0].benchmarks] == ["hellaswag-eval", "MuSR (murder mysteries)"]


def test_a_board_may_name_a_column_by_the_files_spelling(tmp_path):
    site_yaml = "title: S\nboards:\n  - title: B\n    columns: [{report: first, benchmark: hellaswag}]\n"
    site, _ = load_tree(tmp_path, {"site.yaml": site_yaml, "benchmarks.yaml": REGISTRY, "results/first.yaml": FIRST})
    from benchboard.analyse.boards import site_boards

    (board,) = site_boards(site)
    assert [(c.report.slug, c.benchmark.name) for c in board.columns] == [("first", "HellaSwag")]


def test_conflicts_and_unknown_keys_are_errors_with_positions(tmp_path):
    registry = """\
benchmarks:
  - name: HellaSwag
    aliases: [hs]
  - name: Other
    aliases: [HS]
    directon: higher
"""
    text = problems_of(tmp_path, {"benchmarks.yaml": registry, "results/first.yaml": FIRST})
    assert "content/benchmarks.yaml:6:5: unknown key 'directon' in benchmarks[1] (did you mean 'direction'?)" in text


def test_a_name_or_alias_may_belong_to_one_benchmark_only(tmp_path):
    registry = "benchmarks:\n  - name: HellaSwag\n    aliases: [hs]\n  - name: Other\n    aliases: [HS]\n"
    text = problems_of(tmp_path, {"benchmarks.yaml": registry, "results/first.yaml": FIRST})
    assert "content/benchmarks.yaml:5:15: 'HS' is already used by benchmarks[0] ('HellaSwag')" in text


def test_a_result_file_that_contradicts_the_registry_is_an_error_at_its_line(tmp_path):
    first = FIRST.replace("{name: hellaswag}", "{name: hellaswag, n: 100}")
    text = problems_of(tmp_path, {"benchmarks.yaml": REGISTRY, "results/first.yaml": first})
    assert "content/results/first.yaml:2:35: n 100 of benchmark 'hellaswag' conflicts with content/benchmarks.yaml:2:5 (n 10042)" in text


def test_an_entry_joining_different_units_or_directions_names_both_places(tmp_path):
    registry = "benchmarks:\n  - name: Quiz\n    aliases: [quiz-a, quiz-b]\n"
    a = "title: A\nbenchmarks: [{name: quiz-a}]\nmodels:\n  - {name: M, scores: {quiz-a: 0.9}}\n"
    b = "title: B\nbenchmarks: [{name: quiz-b, higher_is_better: false, unit: percent}]\nmodels:\n  - {name: M, scores: {quiz-b: 40}}\n"
    text = problems_of(tmp_path, {"benchmarks.yaml": registry, "results/a.yaml": a, "results/b.yaml": b})
    assert ("content/results/b.yaml:2:21: benchmark 'quiz-b' is joined by content/benchmarks.yaml:2:5 ('Quiz') with "
            "'quiz-a' at content/results/a.yaml:2:21, but they differ (unit fraction there, percent here; "
            "higher is better there, lower here)") in text


def test_the_cli_reports_registry_errors_without_a_traceback_and_publishes_the_schema(tmp_path):
    content = write_tree(tmp_path / "content", {"benchmarks.yaml": "benchmarks:\n  - name: X\n    released: 2024-02-31\n",
                                                "results/first.yaml": FIRST})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/benchmarks.yaml:3:15: released '2024-02-31' is not a date" in result.stderr
    content = write_tree(tmp_path / "ok", {"benchmarks.yaml": REGISTRY, "results/first.yaml": FIRST})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 0, result.stderr
    schema = json.loads((tmp_path / "out/schema/benchmarks.schema.json").read_text())
    assert schema["properties"]["benchmarks"]["items"]["properties"]["direction"]["enum"] == ["higher", "lower"]
    page = (tmp_path / "out/benchmarks/hellaswag/index.html").read_text()
    assert "Zellers et al., 2019" in page and 'href="https://arxiv.org/abs/1905.07830"' in page


def test_plain_truthfulqa_keeps_its_name_and_only_the_harness_key_is_mc2(tmp_path):
    """"TruthfulQA" written by a person may be the generation task (% true by a GPT judge): it was
    renamed "TruthfulQA (MC2)" by the shipped table, a variant the file never named (review)."""
    site, _ = load_tree(tmp_path, {"results/r.yaml": (
        "title: R\nbenchmarks:\n  - {name: TruthfulQA, metric: '% true (GPT-judge)'}\n  - {name: truthfulqa_mc2}\n"
        "models:\n  - {name: A, scores: {TruthfulQA: 58.0, truthfulqa_mc2: 44.0}}\n")})
    assert [b.name for b in site.reports[0].benchmarks] == ["TruthfulQA", "TruthfulQA (MC2)"]
