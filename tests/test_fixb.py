"""Chart model choice, y axis by unit, one mean rule for table and board, the board's ★
(through the real CLI)."""

from __future__ import annotations

import json
import re

import pytest

from helpers import run_cli, write_tree


def build(tmp_path, files):
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "out"
    result = run_cli(content, out)
    assert result.returncode == 0, result.stderr
    return out


def _domain(out, slug="r"):
    spec = json.loads((out / slug / "chart.vl.json").read_text())
    found = re.findall(r'"domain": ?\[(-?[0-9.]+, ?-?[0-9.]+)\]', json.dumps(spec))
    return [float(x) for x in found[0].split(",")]


def _rows(page: str) -> list[str]:
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return table.split("<tr>")[1:]


def test_chart_never_chooses_models_by_a_mean_across_units(tmp_path):
    out = build(tmp_path, {"results/r.yaml": """\
        title: Units
        max_bars: 2
        benchmarks: [{name: Arena, unit: Elo}, {name: Acc, unit: percent}]
        models:
          - {name: M, scores: {Arena: 1300, Acc: 20}}
          - {name: N, scores: {Arena: 1250, Acc: 30}}
          - {name: O, scores: {Arena: 1000, Acc: 95}}
        """})
    page = (out / "r" / "index.html").read_text()
    assert "different units (Elo, percent), so no mean is shown" in page
    assert "by mean —" not in page and "by mean win rate over the benchmarks (a tie at the cut-off broken by file order)" in page


def test_chart_choice_by_win_rate_keeps_the_model_best_on_both(tmp_path):
    out = build(tmp_path, {"results/r.yaml": """\
        title: Units
        max_bars: 2
        benchmarks: [{name: Arena, unit: Elo}, {name: Acc, unit: percent}]
        models:
          - {name: M, scores: {Arena: 1300, Acc: 20}}
          - {name: N, scores: {Arena: 1250, Acc: 10}}
          - {name: O, scores: {Arena: 1310, Acc: 95}}
        """})
    page = (out / "r" / "index.html").read_text()
    assert "top 2 of 3 by mean win rate over the benchmarks — the table lists all" in page
    # N loses on both, so it is the one left out; O keeps its own colour (one per model, site-wide)
    assert "M (blue, solid); O (bluish green, solid)" in page


def test_y_axis_follows_the_unit_not_the_0_100_range(tmp_path):
    out = build(tmp_path, {"results/r.yaml": """\
        title: Perplexity
        benchmarks: [{name: Wiki, unit: perplexity, higher_is_better: false}]
        models:
          - {name: M, scores: {Wiki: 5.2}}
          - {name: N, scores: {Wiki: 10.0}}
        """, "results/p.yaml": """\
        title: Percent
        benchmarks: [{name: A, unit: percent}]
        models:
          - {name: M, scores: {A: 5.2}}
          - {name: N, scores: {A: 10.0}}
        """, "results/e.yaml": """\
        title: Elo
        benchmarks: [{name: Arena, unit: Elo}]
        models:
          - {name: M, scores: {Arena: 1000}}
          - {name: N, scores: {Arena: 1300}}
        """, "results/y.yaml": """\
        title: Pinned
        y_range: [0, 50]
        benchmarks: [{name: Wiki, unit: perplexity, higher_is_better: false}]
        models:
          - {name: M, scores: {Wiki: 5.2}}
          - {name: N, scores: {Wiki: 10.0}}
        """})
    assert _domain(out, "r") == [0.0, 10.0]
    assert _domain(out, "p") == [0.0, 100.0]
    low, high = _domain(out, "e")
    assert 0 < low < 1000 and high >= 1300  # Elo has no meaningful zero; the lowest bar still shows
    assert _domain(out, "y") == [0.0, 50.0]


def test_table_mean_and_coverage_agree_with_the_page(tmp_path):
    out = build(tmp_path, {"results/r.yaml": """\
        title: Mixed
        benchmarks: [{name: A, unit: percent}, {name: B, unit: percent}, {name: Err, unit: percent, higher_is_better: false, n: 500}]
        models:
          - {name: M, scores: {A: 70.0, B: 80.0, Err: 10.0}}
          - {name: N, scores: {A: 60.0, B: 50.0, Err: 5.0}}
        """, "results/low.yaml": """\
        title: Lower
        benchmarks: [{name: E1, unit: percent, higher_is_better: false}, {name: E2, unit: percent, higher_is_better: false}]
        models:
          - {name: M, scores: {E1: 10.0, E2: 20.0}}
          - {name: N, scores: {E1: 5.0, E2: 8.0}}
        """})
    mixed = (out / "r" / "index.html").read_text()
    rows = _rows(mixed)
    for row in rows:
        assert ">3/3<" in row and "no score" not in row  # coverage is over all 3 columns
    assert "75.0" in rows[0] and "★" in rows[0].split("</td>")[-3]  # the mean over A and B
    assert "55.0" in rows[1] and "★" not in rows[1].split("</td>")[-3]
    assert "Mean: of each model’s scores on the 2 higher-is-better benchmarks (A, B); it leaves out the lower-is-better one (Err)" in mixed
    lower = (out / "low" / "index.html").read_text()
    for row in _rows(lower):
        mean_cell = row.split("</td>")[-3]
        assert ">2/2<" in row and "not computed" in mean_cell and "no score" not in row
    assert "Every benchmark here is lower-is-better, so no mean is shown" in lower
    assert "(in the Mean column: not computed)" in lower
    # The boards agree with the tables: no board ranks by a mean its table does not show.
    for slug in ("lower", "mixed"):
        board = (out / "boards" / slug / "index.html").read_text()
        assert "Ranked by mean win rate" in board and "Ranked by the mean" not in board


def test_board_star_marks_only_the_best_shown_mean(tmp_path):
    out = build(tmp_path, {"site.yaml": """\
        title: S
        boards:
          - title: Close
            columns: [{report: r}]
        """, "results/r.yaml": """\
        title: R
        benchmarks: [{name: A, unit: percent}, {name: B, unit: percent}]
        models:
          - {name: M, scores: {A: {value: 60.0, stderr: 3.0}, B: {value: 60.0, stderr: 3.0}}}
          - {name: N, scores: {A: {value: 61.6, stderr: 3.0}, B: {value: 60.0, stderr: 3.0}}}
          - {name: P, scores: {A: {value: 10.0, stderr: 1.0}, B: {value: 10.0, stderr: 1.0}}}
        """})
    index = (out / "boards/close/index.html").read_text()  # the board's own page
    board = index.split('id="board-close-table"', 1)[1]
    rows = _rows(board)
    assert "N" in rows[0] and "60.8" in rows[0] and "★" in rows[0].split("</td>")[-3]
    assert "60.0" in rows[1] and "★" not in rows[1].split("</td>")[-3]
    assert rows[0].split("</td>")[0].endswith("1–2") and rows[1].split("</td>")[0].endswith("1–2")
    assert "best shown mean among the ranked models (ties share it" in index
    assert "the best ranked aggregate (ties share it)" in (out / "index.html").read_text()  # the rules, once


def test_chart_win_rates_match_the_pairwise_definition(tmp_path):
    """layout._win_rates (sorted counting) equals the pair-by-pair definition: ties count half,
    a missing score loses to a present one and ties another, lower-is-better reversed."""
    import random

    from benchboard.chart import layout
    from benchboard.load.results import load_report_file

    rng = random.Random(11)
    rows = []
    for i in range(60):
        cells = {b: rng.randint(0, 6) for b in ("Up", "Down") if rng.random() > 0.2}
        rows.append(f"  - {{name: m{i}, scores: {{{', '.join(f'{k}: {v}' for k, v in cells.items())}}}}}")
    text = "title: W\nbenchmarks: [{name: Up}, {name: Down, higher_is_better: false}]\nmodels:\n" + "\n".join(rows) + "\n"
    path = write_tree(tmp_path, {"results/w.yaml": text}) / "results/w.yaml"
    report = load_report_file(path, tmp_path)

    def pairwise(model):
        shares = []
        for bench in report.benchmarks:
            won = 0.0
            for other in report.models:
                if other is model:
                    continue
                mine, theirs = model.scores.get(bench.name), other.scores.get(bench.name)
                if mine is None or theirs is None:
                    won += 0.5 if mine is None and theirs is None else float(theirs is None)
                elif mine.shown == theirs.shown:
                    won += 0.5
                else:
                    won += float((mine.shown > theirs.shown) == bench.higher_is_better)
            shares.append(won / (len(report.models) - 1))
        return sum(shares) / len(shares)

    assert layout._win_rates(report) == pytest.approx([pairwise(m) for m in report.models], abs=1e-12)
