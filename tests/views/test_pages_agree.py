"""One site, one answer: the board, its compare panel, the model page and the report page read
the same verdict, interval, unit and rounding (issue 24). Rules are tested on the functions that
decide them, in-process; one build through the real pipeline checks the pages agree."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

from helpers import write_tree

from benchboard.analyse import boards, ranks
from benchboard.analyse.report import analyse
from benchboard.analyse.tables import report_table
from benchboard.load.content import load_site
from benchboard.load.units import read_units
from benchboard.model import Benchmark, Model, Report, Score, half_up
from benchboard.views import boarddata, catalog

QUIZ = """\
title: Quiz
benchmarks: [{name: Quiz, n: 100, unit: percent}]
models:
  - {name: A, scores: {Quiz: 14.0}}
  - {name: B, scores: {Quiz: 5.0}}
"""


def score(value, stderr=None, precision=1):
    return Score(value, half_up(value, precision), stderr)


def report(benchmarks, rows, **extra):
    precision = extra.get("precision", 1)
    models = tuple(Model(name, {b: score(v, precision=precision) for b, v in scores.items()}) for name, scores in rows)
    return Report(slug="r", path="results/r.yaml", title="R", benchmarks=tuple(benchmarks), models=models, **extra)


def site_of(tmp_path: Path, files: dict[str, str]):
    site, _ = load_site(write_tree(tmp_path / "content", files))
    return site


def test_board_and_report_agree_on_14_vs_5_of_100(tmp_path):
    """Fisher's exact test (p = 0.051) says within: the board may not rank A first (the Wald
    standard error it used said 'lead'), nor its compare panel call A ahead."""
    site = site_of(tmp_path, {"results/quiz.yaml": QUIZ})
    (quiz,) = site.reports
    analysis = analyse(quiz)
    (verdict,) = analysis.comparisons
    assert (verdict.outcome, verdict.method) == ("within", "fisher")
    (board,) = boards.site_boards(site)
    assert board.basis == "column"
    assert [(r.name, r.rank) for r in board.rows] == [("A", "1–2"), ("B", "1–2")]
    assert analysis.ranks["Quiz"] == {"A": "1–2", "B": "1–2"}  # the report table's ranks: the same class
    data = json.loads(boarddata.board_view(board)["json"].replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"))
    assert data["pairs"] == ["w"]  # the column (a one-column board has no aggregate column): within, as the report says
    page = next(p for p in catalog.model_pages(site, [board]) if p.name == "A")
    assert [row.rank for _, row in page.boards] == ["1–2"]


def test_a_lead_beyond_the_uncertainty_ranks_and_says_so(tmp_path):
    lead = QUIZ.replace("14.0", "30.0")
    site = site_of(tmp_path, {"results/quiz.yaml": lead})
    (board,) = boards.site_boards(site)
    assert [(r.name, r.rank) for r in board.rows] == [("A", "1"), ("B", "2")]
    assert analyse(site.reports[0]).comparisons[0].outcome == "lead"


def test_untested_gaps_order_nothing_on_boards_and_in_the_table():
    r = report([Benchmark("X"), Benchmark("Y")], [("A", {"X": 80, "Y": 70}), ("B", {"X": 60, "Y": 50}), ("C", {"X": 40, "Y": 30})])
    analysis = analyse(r)
    assert set(analysis.ranks["X"].values()) == {"1–3"}
    assert analysis.ranks_by_value == ("X", "Y")  # the note says the order is untested
    board = boards.build_board("b", "B", None, [(r, b) for b in r.benchmarks], None, True)
    assert {row.rank for row in board.rows} == {"1–3"} and not board.by_uncertainty


def test_a_mean_board_tests_its_means_with_the_report_pages_intervals():
    benches = [Benchmark("X", n=1000, unit="percent"), Benchmark("Y", n=1000, unit="percent")]
    r = report(benches, [("A", {"X": 80, "Y": 82}), ("B", {"X": 79, "Y": 81}), ("C", {"X": 50, "Y": 52})])
    board = boards.build_board("b", "B", None, [(r, b) for b in benches], None, True)
    assert board.basis == "mean"
    assert [(row.name, row.rank) for row in board.rows] == [("A", "1–2"), ("B", "1–2"), ("C", "3")]
    # Each mean's standard error is sqrt(se_x² + se_y²) / 2 with se from the Wilson interval.
    from benchboard.analyse.stats import Z95, wilson

    def se(p):
        low, high = wilson(p, 1000)
        return (high - low) / (2 * Z95) * 100

    a = next(row for row in board.rows if row.name == "A")
    assert abs(a.se - (se(0.80) ** 2 + se(0.82) ** 2) ** 0.5 / 2) < 1e-12


def test_a_win_rate_of_exactly_51_25_is_shown_51_3():
    # 0.5125 is no binary float: the rate is an exact fraction, rounded half up once.
    rates = ranks.win_rates([[1.0, 2.0, 3.0, 4.0, 5.0]] * 1, [True])
    assert all(isinstance(r, Fraction) for r in rates)
    assert half_up(Fraction(5125, 10000) * 100, 1) == "51.3"
    assert half_up(51.25, 1) == "51.3"


def test_a_fraction_column_beside_percent_columns_stays_a_fraction():
    benches = [Benchmark("P1", n=100), Benchmark("P2", n=100), Benchmark("F", n=10000)]
    r = report(benches, [("A", {"P1": 35.0, "P2": 70.0, "F": 0.93}), ("B", {"P1": 30.0, "P2": 60.0, "F": 0.85})],
               y_title="Accuracy (%)", precision=2)
    unit_of = read_units(r)
    assert [unit_of[b.name].key for b in benches] == ["percent", "percent", "fraction"]
    analysis = analyse(r)
    assert not analysis.of_kind("mean")  # no mean across the units
    from benchboard.analyse.verdicts import compare

    on_f = compare(r, benches[2], r.models[0], r.models[1], unit_of["F"], None)
    assert on_f.outcome == "lead"  # 0.93 vs 0.85 of 10,000 items (read as percent it was "within")
    from benchboard.analyse.tables import mean_columns

    assert [b.name for b in mean_columns(r)[0]] == []  # the table's Mean does not cross units either


def test_an_unstated_0_100_column_beside_percent_columns_is_percent():
    """Not "different units (percent and no stated unit)" when every column is a percentage."""
    benches = [Benchmark("P", n=100), Benchmark("Q")]
    r = report(benches, [("A", {"P": 35.0, "Q": 70.0}), ("B", {"P": 30.0, "Q": 60.0})], y_title="Score")
    assert {u.key for u in read_units(r).values()} == {"percent"}
    from benchboard.analyse.tables import mean_columns

    averaged, note = mean_columns(r)
    assert [b.name for b in averaged] == ["P", "Q"] and note["case"] == "one_unit"


def test_the_axis_title_is_never_a_columns_unit(tmp_path):
    latency = "title: L\ny_title: Latency\nbenchmarks: [{name: Lat}]\nmodels:\n  - {name: A, scores: {Lat: 300}}\n  - {name: B, scores: {Lat: 200}}\n"
    site = site_of(tmp_path, {"results/l.yaml": latency})
    entries = catalog._entries(site)
    assert {e.unit for e in entries} == {"no stated unit"}  # not "Latency"


def test_stderr_zero_is_no_estimate_and_never_shown_as_plus_minus_zero():
    r = Report(slug="r", path="r.yaml", title="R", benchmarks=(Benchmark("X"),),
               models=(Model("A", {"X": score(50.0, 0.0)}), Model("B", {"X": score(40.0, 0.5)})))
    table = report_table(r)
    assert [row.cells[0].stderr for row in table.rows] == [None, "0.5"]
    board = boards.build_board("b", "B", None, [(r, r.benchmarks[0])], None, True)
    assert {row.name: row.cells[0].stderr for row in board.rows} == {"A": None, "B": "0.5"}


def test_a_fisher_row_never_shows_an_interval_that_contradicts_its_verdict():
    # 3 of 3 against 0 of 3: Newcombe's interval excludes zero, Fisher's p = 0.1 does not.
    r = report([Benchmark("T", n=3, unit="percent")], [("A", {"T": 100.0}), ("B", {"T": 0.0})])
    (verdict,) = analyse(r).comparisons
    assert (verdict.outcome, verdict.method, verdict.low, verdict.p) == ("within", "fisher", None, "0.10")


def test_the_chart_picks_its_bars_by_the_tables_mean_over_all_columns():
    from benchboard.chart.layout import choose_models

    benches = [Benchmark("X"), Benchmark("Y")]
    rows = [(f"M{i}", {"X": 50.0 + i, "Y": 50.0 + i}) for i in range(3)] + [("Lucky", {"X": 99.0})]
    r = report(benches, rows, max_bars=3)
    shown, basis, _ = choose_models(r)
    assert basis == "mean" and "Lucky" not in shown


def test_the_built_board_and_model_page_carry_the_same_tie_class(tmp_path):
    from benchboard.commands.build import build

    out = tmp_path / "out"
    build(write_tree(tmp_path / "content", {"results/quiz.yaml": QUIZ}), out, png=False)
    board = next((out / "boards").glob("*/index.html")).read_text(encoding="utf-8")  # the board's own page: every row
    assert re.findall(r'<tr>\s*<td data-value="\d+">([^<]*)</td>', board)[:2] == ["1–2", "1–2"]
    index = (out / "index.html").read_text(encoding="utf-8")  # its top rows on the index
    assert re.findall(r'<tr>\s*<td>([^<]*)</td>', index)[:2] == ["1–2", "1–2"]
    page = (out / "models/a/index.html").read_text(encoding="utf-8")
    assert "rank 1–2 of 2 ranked models (a tie class" in page
    report_page = (out / "quiz/index.html").read_text(encoding="utf-8")
    assert "Fisher's exact test (p = 0.051)" in report_page


REGISTRY = """\
models:
  - name: Mamba-2 2.7B
    aliases: [mamba2-2.7b]
    family: Mamba-2
"""
MAMBA = """\
title: Small models
benchmarks: [{name: Acc, n: 500, unit: percent}]
models:
  - {name: mamba2-2.7b, scores: {Acc: 61.0}}
  - {name: Other, scores: {Acc: 52.0}}
"""


def test_the_registrys_name_is_used_on_every_page_and_download(tmp_path):
    """Once models.yaml names a model, the report page, its chart, table, data.csv, data.json
    and observations use that name; the file's spelling stays in provenance."""
    from benchboard.commands.build import build

    out = tmp_path / "out"
    build(write_tree(tmp_path / "content", {"models.yaml": REGISTRY, "results/small.yaml": MAMBA}), out, png=False)
    for name in ("index.html", "data.csv", "data.json", "observations.json", "chart.svg"):
        text = (out / "small" / name).read_text(encoding="utf-8")
        assert "Mamba-2 2.7B" in text, name
        if name != "index.html":
            assert "mamba2-2.7b" not in text, name
    page = (out / "small/index.html").read_text(encoding="utf-8")
    assert "named mamba2-2.7b there" in page  # provenance keeps the file's spelling
    model_page = (out / "models/mamba-2-2-7b/index.html").read_text(encoding="utf-8")
    assert "Named in result files as</dt><dd>mamba2-2.7b" in model_page


def _observations(r) -> list[str]:
    from benchboard.chart.layout import chart_layout
    from benchboard.model import SiteConfig
    from benchboard.render.prose import report_text
    from benchboard.render.theme import environment

    text = report_text(r, analyse(r), environment(), chart_layout(r, SiteConfig()))
    return [re.sub(r"<[^>]+>", "", str(o.sentence)) for o in text.observations]


def test_a_pair_bullet_names_both_models_and_never_ranks_gaps_across_units():

    benches = [Benchmark("Acc", unit="fraction"), Benchmark("Pass", unit="percent"), Benchmark("Eq", unit="percent")]
    models = (Model("A", {"Acc": score(0.80, precision=2), "Pass": score(60.0, precision=2), "Eq": score(50.0, precision=2)},
                    family="F", params="7B"),
              Model("B", {"Acc": score(0.42, precision=2), "Pass": score(55.0, precision=2), "Eq": score(50.0, precision=2)},
                    family="G", params="7B"))
    r = Report(slug="r", path="r.yaml", title="R", benchmarks=tuple(benches), models=models, precision=2)
    (pair,) = [f for f in analyse(r).facts if f.kind == "family_pair"]
    assert pair.data["smallest_gap"] is None and pair.data["largest_gap"] is None  # 0.38 and 5.00 are not one scale
    (sentence,) = [s for s in _observations(r) if s.startswith("A scores")]
    assert sentence.startswith("A scores higher than B on Acc and Pass; equal on Eq"), sentence
    assert "0.38" not in sentence and "to 5.00" not in sentence


def test_a_scope_bullet_beside_a_mean_column_says_what_the_mean_covers():
    from benchboard.analyse.facts import scope

    benches = [Benchmark("Up1", unit="percent"), Benchmark("Up2", unit="percent"), Benchmark("Err", unit="percent", higher_is_better=False)]
    r = report(benches, [("A", {"Up1": 50, "Up2": 60, "Err": 5}), ("B", {"Up1": 40, "Up2": 70, "Err": 3})])
    found = scope(r, read_units(r))
    assert found["mixed_directions"] and found["table_mean"] == ["Up1", "Up2"]
    (sentence,) = [s for s in _observations(r) if s.startswith("No benchmark")]
    assert "no mean over all of them or rank agreement is compared across benchmarks (the table’s Mean averages only Up1 and Up2)" in sentence


def test_a_rows_gap_lies_inside_its_interval_at_precision_0():
    """Scores 2.5 and 1.4 shown at precision 0 are 3 and 1: the stated gap is 2, and the
    interval is of the shown gap too (it was 1 to 1 around the hidden 1.1), with the decimals
    that keep its two ends apart (not "2 to 2", which reads as no uncertainty)."""
    benches = [Benchmark("X")]
    models = (Model("A", {"X": score(2.5, 0.01, precision=0)}), Model("B", {"X": score(1.4, 0.01, precision=0)}))
    r = Report(slug="r", path="r.yaml", title="R", benchmarks=tuple(benches), models=models, precision=0)
    (verdict,) = analyse(r).comparisons
    assert verdict.gap == "2" and (verdict.low, verdict.high) == ("1.97", "2.03")


def test_a_one_column_win_rate_board_ranks_by_the_reports_verdicts():
    """A lower-is-better column makes a report's own board a win rate; its ranks are still the
    report's verdicts on that column, the same classes as the report table's."""
    r = report([Benchmark("Err", n=100, unit="percent", higher_is_better=False)],
               [("A", {"Err": 5.0}), ("B", {"Err": 14.0}), ("C", {"Err": 40.0})])
    board = boards.build_board("b", "B", None, [(r, r.benchmarks[0])], None, True)
    assert (board.aggregate, board.basis) == ("win_rate", "column")
    table = analyse(r).ranks["Err"]
    assert {row.name: row.rank for row in board.rows} == table == {"A": "1–2", "B": "1–2", "C": "3"}
