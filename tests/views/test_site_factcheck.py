"""The independent checker (factcheck.check_site) over whole sites: every board, its compare
panel, every model page and every benchmark page re-derived from the raw scores. In-process."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck
from helpers import EXAMPLE, write_tree

from benchboard.load.content import load_site
from benchboard.model import Benchmark, Model, Report, Score, Site, SiteConfig, BoardColumn, BoardSpec, Position, half_up


def test_the_example_site_passes():
    site, _ = load_site(EXAMPLE)
    assert factcheck.check_site(site) == []
    assert factcheck.TALLY["boards"] and factcheck.TALLY["model pages"] and factcheck.TALLY["benchmark pages"]


def test_hand_made_sites_pass(tmp_path):
    quiz = "title: Quiz\nbenchmarks: [{name: Quiz, n: 100, unit: percent}]\nmodels:\n  - {name: A, scores: {Quiz: 14.0}}\n  - {name: B, scores: {Quiz: 5.0}}\n  - {name: C, scores: {Quiz: 40.0}}\n"
    mixed = """\
title: Mixed
y_title: Score (%)
benchmarks: [{name: P, n: 200}, {name: F}, {name: Lat, unit: ms, higher_is_better: false}]
models:
  - {name: A, scores: {P: 70.0, F: 0.93, Lat: {value: 120, stderr: 4}}}
  - {name: B, scores: {P: 60.0, F: 0.85, Lat: {value: 150, stderr: 0}}}
  - {name: C, scores: {P: 61.0, F: 0.31, Lat: {value: 100, stderr: 5}}}
"""
    site_yaml = """\
title: S
boards:
  - {title: Mean, columns: [{report: quiz}, {report: mixed, benchmark: P}]}
  - {title: Wins, aggregate: win_rate, columns: [{report: mixed}]}
  - {title: One, columns: [{report: quiz}]}
"""
    site, _ = load_site(write_tree(tmp_path / "c", {"site.yaml": site_yaml, "results/quiz.yaml": quiz, "results/mixed.yaml": mixed}))
    assert factcheck.check_site(site) == []


def test_the_checker_catches_a_wrong_rank():
    """It can fail: a board whose row claims a strict rank the data do not support."""
    from dataclasses import replace

    from benchboard.analyse.boards import site_boards

    r = Report("r", "r.yaml", "R", (Benchmark("X"),), (Model("A", {"X": Score(80.0, "80.0")}), Model("B", {"X": Score(70.0, "70.0")})))
    (board,) = site_boards(Site(SiteConfig(), (r,), ()))
    assert factcheck.check_board(board) == []
    bad = replace(board, rows=(replace(board.rows[0], rank="1"),) + board.rows[1:])
    assert any("ranked 1, data give 1–2" in p for p in factcheck.check_board(bad))


@st.composite
def sites(draw):
    n_models = draw(st.integers(2, 6))
    names = [f"M{i}" for i in range(n_models)]
    reports = []
    for r in range(draw(st.integers(1, 2))):
        benches, precision = [], draw(st.integers(0, 2))
        for b in range(draw(st.integers(1, 3))):
            kind = draw(st.sampled_from(["pct_n", "pct", "frac", "ms"]))
            benches.append((f"B{r}{b}", kind, draw(st.sampled_from([None, 30, 100, 1000])), kind != "ms"))
        models = []
        for name in names:
            if draw(st.integers(0, 4)) or name == names[0] or name == names[1]:
                scores = {}
                for bname, kind, n, _ in benches:
                    if draw(st.integers(0, 19)) == 0:
                        continue
                    if kind == "frac":
                        value = draw(st.integers(0, 100)) / 100
                    elif kind == "ms":
                        value = float(draw(st.integers(50, 400)))
                    else:
                        value = draw(st.integers(0, 1000)) / 10
                    stderr = draw(st.sampled_from([None, 0.0, 0.5, 2.0])) if kind in ("ms", "pct") else None
                    scores[bname] = Score(value, half_up(value, precision), stderr)
                models.append(Model(name, scores))
        bench_objs = tuple(Benchmark(bname, n=n if kind in ("pct_n", "frac") else None, higher_is_better=up,
                                     unit="ms" if kind == "ms" else None) for bname, kind, n, up in benches)
        reports.append(Report(f"r{r}", f"r{r}.yaml", f"R{r}", bench_objs, tuple(models), precision=precision,
                              y_title=draw(st.sampled_from([None, "Score (%)", "Latency"]))))
    where = Position("site.yaml", 1, 1)
    declared = (BoardSpec("Wins", tuple(BoardColumn(r.slug, None, where) for r in reports), where, aggregate="win_rate"),)
    boards = draw(st.sampled_from([(), declared]))  # () : one board per report (mean, one column or win rate)
    return Site(SiteConfig(boards=boards), tuple(reports), ())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sites())
def test_random_sites_pass_the_independent_checker(site):
    assert factcheck.check_site(site) == []
