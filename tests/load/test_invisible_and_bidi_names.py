"""Unicode tricks in names: a bidirectional override reverses the text a page shows after it
(a generated sentence would read differently from what the site wrote), and names that differ
only in characters that draw nothing ("M1", "M\\u200b1") would be two models no reader can
tell apart. Both are errors at their line, in one file and across files; right-to-left names
and names with visible differences still build."""

from __future__ import annotations

import pytest

from helpers import cli, problems_of, write_tree

RESULT = """\
title: T
benchmarks:
  - {{name: A, n: 100}}
  - {{name: {bench}}}
models:
  - name: {first}
    scores: {{A: 50.0, {bench}: 40.0}}
  - name: {second}
    scores: {{A: 45.0, {bench}: 42.0}}
"""


def _build(tmp_path, files):
    write_tree(tmp_path / "content", files)
    result = cli(tmp_path / "content", tmp_path / "site", "--no-png", cwd=tmp_path)
    return result, result.stdout + result.stderr


@pytest.mark.parametrize("override", ["\\u202e", "\\u202d", "\\u2067", "\\u2066", "\\u202b"])
def test_a_bidirectional_control_in_a_name_is_an_error_at_its_line(tmp_path, override):
    text = RESULT.format(bench="B", first=f'"M1{override}gnp.exe"', second="M2")
    result, output = _build(tmp_path, {"results/r.yaml": text})
    assert result.returncode == 1, output
    assert "content/results/r.yaml:6:11: bidirectional control character U+" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()


def test_a_bidirectional_control_in_a_title_or_registry_is_an_error(tmp_path):
    text = RESULT.format(bench="B", first="M1", second="M2").replace("title: T", 'title: "Report \\u202eevil"')
    result, output = _build(tmp_path, {
        "results/r.yaml": text,
        "models.yaml": 'models:\n  - name: M1\n    notes: "fine \\u2066isolate\\u2069"\n',
    })
    assert result.returncode == 1, output
    assert "content/results/r.yaml:1:8: bidirectional control character U+202E" in output
    assert "content/models.yaml:3:12: bidirectional control character U+2066" in output


def test_model_names_differing_only_in_a_zero_width_space_are_an_error(tmp_path):
    text = RESULT.format(bench="B", first="M1", second='"M\\u200b1"')
    result, output = _build(tmp_path, {"results/r.yaml": text})
    assert result.returncode == 1, output
    assert "content/results/r.yaml:8:11: model name 'M\\u200b1' looks identical to 'M1' (models[0])" in output
    assert "U+200B" in output


def test_benchmark_names_differing_only_in_a_word_joiner_are_an_error(tmp_path):
    text = RESULT.format(bench='"A\\u2060"', first="M1", second="M2")
    result, output = _build(tmp_path, {"results/r.yaml": text})
    assert result.returncode == 1, output
    assert "content/results/r.yaml:4:12: benchmark name 'A\\u2060' looks identical to 'A' (benchmarks[0])" in output


def test_lookalike_model_names_in_two_files_are_an_error(tmp_path):
    one = RESULT.format(bench="B", first="M1", second="M2")
    two = RESULT.format(bench="B", first='"M\\ufeff1"', second="M3")
    result, output = _build(tmp_path, {"results/one.yaml": one, "results/two.yaml": two})
    assert result.returncode == 1, output
    assert "content/results/two.yaml:6:11: model name 'M\\ufeff1' looks identical to 'M1' in content/results/one.yaml" in output


def test_lookalike_benchmark_names_in_two_files_are_an_error(tmp_path):
    one = RESULT.format(bench="B", first="M1", second="M2")
    two = RESULT.format(bench='"B\\u200d"', first="M1", second="M2")
    result, output = _build(tmp_path, {"results/one.yaml": one, "results/two.yaml": two})
    assert result.returncode == 1, output
    assert "benchmark name 'B\\u200d' looks identical to 'B' in content/results/one.yaml" in output


def test_right_to_left_and_visibly_different_names_still_build(tmp_path):
    one = RESULT.format(bench='"מבחן"', first='"نموذج"', second="M-1")
    two = RESULT.format(bench="B", first="M1", second='"Ｍ1"')  # fullwidth M: a visible difference
    result, output = _build(tmp_path, {"results/one.yaml": one, "results/two.yaml": two})
    assert result.returncode == 0, output
    assert "نموذج" in (tmp_path / "site" / "one" / "index.html").read_text(encoding="utf-8")


def test_model_names_in_two_files_differing_only_in_case_are_a_warning(tmp_path):
    one = RESULT.format(bench="B", first="Qwen2-7B", second="M2")
    two = RESULT.format(bench="B", first="qwen2-7b", second="M2")
    result, output = _build(tmp_path, {"results/one.yaml": one, "results/two.yaml": two})
    assert result.returncode == 0, output
    assert ("content/results/two.yaml:6:11: warning: model name 'qwen2-7b' differs from 'Qwen2-7B' in "
            "content/results/one.yaml only in case") in output
    assert "M2" not in output  # the same name in two files is one model: nothing to say


@pytest.mark.parametrize("name", ["\u200d", "\u3164", "\u2800", "\u200b\u2060 \ufe0f"])
def test_a_name_that_draws_nothing_is_blank(tmp_path, name):
    """A model named only U+200D (or a Hangul filler, the Braille blank) built a row whose name
    was an empty-looking link (security review): it is the "blank" error, as white space is."""
    site_problems = problems_of(tmp_path, {"results/r.yaml": (
        f"title: R\nbenchmarks: [{{name: A}}]\nmodels:\n  - {{name: \"{name}\", scores: {{A: 1.0}}}}\n"
        "  - {name: B, scores: {A: 2.0}}\n")})
    assert "model name is blank" in site_problems
