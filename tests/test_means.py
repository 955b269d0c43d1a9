"""The Mean column: exact half-up rounding, and never across units (through the real CLI)."""

from __future__ import annotations

import re

from helpers import run_cli, write_tree


def _mean_cells(page: str) -> list[str]:
    """The shown Mean of each row of the first data table, in row order."""
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = table.split("<tr>")[1:]
    cells = [re.findall(r'<td class="num[^"]*" data-value="[^"]*">(?:<strong>)?([^<]*)', row) for row in rows]
    return [c[-1] if c else "" for c in cells]


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
    result = run_cli(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
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
    result = run_cli(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "out/r/index.html").read_text()
    assert "different units (percent, Elo), so no mean is shown" in report
    assert "660" not in report and "680" not in report  # (70 + 1250) / 2, (60 + 1300) / 2
