"""The Mean column: exact half-up rounding, never across units, over the higher-is-better
columns only, and the board's star on the best shown mean. The rule itself
(tables.mean_cell and the half-up formatter) is tested on the functions, the pages on sites
built in-process."""

from __future__ import annotations

import re

from helpers import build_site, write_tree


def _mean_cells(page: str) -> list[str]:
    """The shown Mean of each row of the first data table, in row order."""
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = table.split("<tr>")[1:]
    cells = [re.findall(r'<td class="num[^"]*" data-value="[^"]*">(?:<strong>)?([^<]*)', row) for row in rows]
    return [c[-1] if c else "" for c in cells]


def build(tmp_path, files):
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "out"
    build_site(content, out)
    return out


def _rows(page: str) -> list[str]:
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return table.split("<tr>")[1:]


def test_means_of_x_x5_round_half_up_in_the_report_table_and_the_board(tmp_path):
    # 70.1 and 70.8 -> 70.45 exactly, but (70.1 + 70.8) / 2 is 70.44999999999999 in binary;
    # 70.0 and 70.9 -> 70.45 too. Both show 70.5 (half up), never 70.4 and 70.5 with a 0.1 gap.
    content = write_tree(tmp_path / "content", {"results/r.yaml": """\
        title: Means
        benchmarks: [{name: A, unit: percent}, {name: B, unit: percent}]
        models:
          - {name: M1, scores: {A: 70.1, B: 70.8}}
          - {name: M2, scores: {A: 70.0, B: 70.9}}
          - {name: M3, scores: {A: 1.0, B: 2.1}}
        """})
    build_site(content, tmp_path / "out")
    report = (tmp_path / "out/r/index.html").read_text()
    assert _mean_cells(report) == ["70.5", "70.5", "1.6"]  # 1.55 -> 1.6
    index = (tmp_path / "out/index.html").read_text()
    assert "70.4" not in index and len(re.findall(r">70\.5\b", index)) >= 2


def test_no_mean_across_units(tmp_path):
    content = write_tree(tmp_path / "content", {"results/r.yaml": """\
        title: Mixed
        benchmarks: [{name: Acc, unit: percent}, {name: Arena, unit: Elo}]
        models:
          - {name: M1, scores: {Acc: 70.0, Arena: 1250}}
          - {name: M2, scores: {Acc: 60.0, Arena: 1300}}
        """})
    build_site(content, tmp_path / "out")
    report = (tmp_path / "out/r/index.html").read_text()
    assert "different units (percent, Elo), so no mean is shown" in report
    assert "660" not in report and "680" not in report  # (70 + 1250) / 2, (60 + 1300) / 2


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
    mean = [row.split("</th>", 1)[1].split("</td>")[0] for row in rows]  # the cell after the model's name
    assert "N" in rows[0] and "60.8" in mean[0] and "★" in mean[0]
    assert "60.0" in mean[1] and "★" not in mean[1]
    assert rows[0].split("</td>")[0].endswith("1–2") and rows[1].split("</td>")[0].endswith("1–2")
    assert "best shown mean among the ranked models (ties share it" in index
    assert "the best ranked aggregate (ties share it)" in (out / "index.html").read_text()  # the rules, once


def test_columns_of_no_stated_unit_are_not_called_different_units(tmp_path):
    """Two unitless columns whose values leave 0–100 are not known to share a unit; nothing
    shows they differ either (review finding: "they use different units (no stated unit (P) and
    no stated unit (Q))")."""
    from helpers import build_site, write_tree

    out = tmp_path / "out"
    build_site(write_tree(tmp_path / "content", {"results/neg.yaml": """\
        title: Negative scores
        benchmarks: [{name: P, metric: reward}, {name: Q, metric: reward}]
        models:
          - {name: x, scores: {P: -3.5, Q: -1.25}}
          - {name: y, scores: {P: -2.0, Q: -0.75}}
          - {name: z, scores: {P: -10, Q: 0}}
        """}), out)
    page = " ".join((out / "neg" / "index.html").read_text().split())
    assert "different units" not in page
    assert "are not known to share a unit (no stated unit (P), no stated unit (Q)), so no mean is shown" in page
    assert "they are not known to share a unit (no stated unit (P) and no stated unit (Q))." in page
