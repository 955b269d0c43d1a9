"""Names that differ only in white space (review 2, R3): a page shows any run of white space as
one space, so "Foo  Bar", "Foo\\tBar" and "Foo\\u00a0Bar" beside "Foo Bar" were three models with
three pages no reader could tell apart. Every model and benchmark name is read through
``model.name_form`` (trimmed, each run of white space one ASCII space): across files they are one
model, every lookup (score keys, source.models, models.yaml, benchmarks.yaml, a board column)
finds the name, and two of them in one file are the duplicate-name error naming both lines."""

from __future__ import annotations

import pytest

from benchboard.analyse.boards import site_boards
from benchboard.model import name_form
from benchboard.views import catalog
from helpers import load_tree, problems_of

# YAML escapes, so the files hold a real tab, no-break space, ideographic space and em space.
A = """\
title: A
benchmarks: [{name: "GPQA Diamond", n: 198}]
models:
  - {name: "Foo Bar", scores: {"GPQA Diamond": 40.0}}
  - {name: "Baz", scores: {"GPQA Diamond": 30.0}}
"""
B = """\
title: B
benchmarks: [{name: "GPQA  Diamond", n: 198}]
models:
  - {name: "Foo  Bar", scores: {"GPQA  Diamond": 41.0}}
  - {name: "Qux\\u2003One", scores: {"GPQA\\u00a0Diamond": 20.0}}
source:
  harness: h
  models: {"Foo\\tBar": {num_fewshot: 5}}
"""
C = """\
title: C
benchmarks: [{name: "GPQA\\tDiamond "}]
models:
  - {name: "Foo\\u00a0Bar", scores: {" GPQA Diamond": 42.0}}
  - {name: "\\u3000Baz\\n", scores: {"GPQA\\u3000Diamond": 31.0}}
"""




@pytest.mark.parametrize("written", ["Foo  Bar", "Foo\tBar", "Foo\u00a0Bar", " Foo Bar\n", "Foo\u2009\u202f Bar", "Foo\u3000Bar"])
def test_every_run_of_white_space_is_one_ascii_space(written):
    assert name_form(written) == "Foo Bar"


def test_zero_width_characters_are_left_to_the_lookalike_check():
    assert name_form("M\u200b1") == "M\u200b1"  # not white space: refused as "draws nothing" instead


def test_names_differing_only_in_white_space_across_files_are_one_model_and_one_benchmark(tmp_path):
    site, warnings = load_tree(tmp_path, {"results/a.yaml": A, "results/b.yaml": B, "results/c.yaml": C})
    assert [[m.name for m in r.models] for r in site.reports] == [["Foo Bar", "Baz"], ["Foo Bar", "Qux One"], ["Foo Bar", "Baz"]]
    assert {b.name for r in site.reports for b in r.benchmarks} == {"GPQA Diamond"}
    # each score, whatever the white space of its key, found its benchmark
    assert [m.scores["GPQA Diamond"].display for r in site.reports for m in r.models] == ["40.0", "30.0", "41.0", "20.0", "42.0", "31.0"]
    models = {p.name: p for p in catalog.model_pages(site, site_boards(site))}
    assert sorted(models) == ["Baz", "Foo Bar", "Qux One"] and len(models["Foo Bar"].runs) == 3
    assert [p.name for p in catalog.benchmark_pages(site)] == ["GPQA Diamond"]
    assert not [w for w in warnings if "Foo" in str(w)]
    # source.models keyed "Foo\tBar" is the run of "Foo Bar"
    assert site.reports[1].source.settings == {"Foo Bar": {"num_fewshot": "5"}}


def test_registries_and_board_columns_find_names_whatever_their_white_space(tmp_path):
    site_yaml = 'title: S\nboards:\n  - title: G\n    columns: [{report: b, benchmark: "GPQA \\t Diamond"}]\n'
    models = 'models:\n  - {name: "Foo\\u00a0 Bar", family: F}\n  - name: Quux\n    aliases: ["Qux  One"]\n'
    benchmarks = 'benchmarks:\n  - name: "GPQA\\u2002Diamond"\n    aliases: ["gpqa\\td"]\n    category: science\n'
    d = 'title: D\nbenchmarks: [{name: "GPQA   D"}]\nmodels:\n  - {name: Quux, scores: {"GPQA\\tD": 50.0}}\n'
    site, _ = load_tree(tmp_path, {"site.yaml": site_yaml, "models.yaml": models, "benchmarks.yaml": benchmarks,
                               "results/b.yaml": B, "results/d.yaml": d})
    report, other = site.reports
    assert [(m.name, m.file_name, m.family) for m in report.models] == [("Foo Bar", None, "F"), ("Quux", "Qux One", None)]
    assert report.benchmarks[0].name == "GPQA Diamond" and report.benchmarks[0].info.category == "science"
    assert (other.benchmarks[0].name, other.benchmarks[0].file_name) == ("GPQA Diamond", "GPQA D")  # through the alias
    assert other.models[0].scores["GPQA Diamond"].display == "50.0"
    (board,) = site_boards(site)
    assert [c.benchmark.name for c in board.columns] == ["GPQA Diamond"]


def test_two_models_of_one_file_that_differ_only_in_white_space_are_a_duplicate_naming_both_lines(tmp_path):
    text = A.replace('  - {name: "Baz"', '  - {name: "Foo\\tBar"')
    problems = problems_of(tmp_path, {"results/a.yaml": text})
    assert ("content/results/a.yaml:5:12: duplicate model name 'Foo Bar' (also models[0] at line 4; written "
            "'Foo\\tBar' here and 'Foo Bar' there, and white space counts as one space); each model appears once "
            "per file: merge its scores or rename one") in problems


def test_two_benchmarks_of_one_file_that_differ_only_in_white_space_are_a_duplicate(tmp_path):
    text = "title: T\nbenchmarks:\n  - {name: Alpha  Beta}\n  - {name: \"Alpha\\u00a0Beta\"}\nmodels:\n  - {name: m, scores: {Alpha Beta: 1}}\n"
    problems = problems_of(tmp_path, {"results/t.yaml": text})
    assert ("content/results/t.yaml:4:12: duplicate benchmark name 'Alpha Beta' (also benchmarks[0] at line 3; "
            "written 'Alpha\\xa0Beta' here and 'Alpha  Beta' there") in problems


def test_the_same_name_twice_still_reads_as_before(tmp_path):
    text = A.replace('  - {name: "Baz"', '  - {name: "Foo Bar"')
    problems = problems_of(tmp_path, {"results/a.yaml": text})
    assert "duplicate model name 'Foo Bar' (also models[0] at line 4); each model appears once per file" in problems


def test_two_score_keys_that_are_one_benchmark_are_an_error(tmp_path):
    text = A.replace('{"GPQA Diamond": 40.0}', '{"GPQA Diamond": 40.0, "GPQA  Diamond": 41.0}')
    problems = problems_of(tmp_path, {"results/a.yaml": text})
    assert ("content/results/a.yaml:4:54: a second score for 'GPQA Diamond' of 'Foo Bar' (written 'GPQA  Diamond' "
            "here, 'GPQA Diamond' at line 4; white space counts as one space): keep one") in problems
