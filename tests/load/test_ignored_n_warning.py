"""`n` on a column that is not a proportion (a score of 150 or -50 beside `n: 100`, or a declared
unit such as ms) gives no interval: it was ignored without a word, and the author who wrote it
expected whiskers and tested gaps. Now a warning at the `n`, saying why."""

from __future__ import annotations

from benchboard.load.content import load_site
from helpers import write_tree

RESULT = """\
title: T
benchmarks:
  - {{name: A, n: 100{unit}}}
  - {{name: B, n: 100}}
models:
  - name: M1
    scores: {{A: {a1}, B: 40.0}}
  - name: M2
    scores: {{A: {a2}, B: 42.0}}
"""


def warnings_of(tmp_path, files):
    _, warnings = load_site(write_tree(tmp_path / "content", files))
    return [str(w) for w in warnings]


def test_n_beside_scores_outside_0_100_is_a_warning_at_the_n(tmp_path):
    said = warnings_of(tmp_path, {"results/r.yaml": RESULT.format(unit="", a1=150.0, a2=45.0)})
    assert said == ["content/results/r.yaml:3:18: warning: benchmark 'A' has n: 100, but its scores run from 45 to 150, "
                    "not all within 0–100, so it is not a proportion and n gives it no 95% interval (n is ignored; "
                    "fix the scores or remove n)"]


def test_n_beside_negative_scores_is_a_warning(tmp_path):
    said = warnings_of(tmp_path, {"results/r.yaml": RESULT.format(unit="", a1=-50.0, a2=-45.0)})
    assert len(said) == 1 and "its scores run from -50 to -45, not all within 0–100" in said[0]


def test_n_on_a_declared_unit_that_is_no_proportion_is_a_warning(tmp_path):
    said = warnings_of(tmp_path, {"results/r.yaml": RESULT.format(unit=", unit: ms", a1=812, a2=790)})
    assert len(said) == 1 and "benchmark 'A' has n: 100, but its unit is ms, so it is not a proportion" in said[0]


def test_n_on_proportions_says_nothing(tmp_path):
    assert warnings_of(tmp_path, {"results/r.yaml": RESULT.format(unit="", a1=50.0, a2=45.0)}) == []
    assert warnings_of(tmp_path / "f", {"results/r.yaml": RESULT.format(unit=", unit: fraction", a1=0.5, a2=0.45)}) == []
