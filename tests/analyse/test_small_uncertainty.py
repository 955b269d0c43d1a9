"""A small but real uncertainty is never shown as none (review R11): a standard error that rounds
to 0 at its column's precision, and an interval whose two ends round to one number, get more
decimals (model.nonzero_half_up, model.interval_ends), on the report and on boards alike."""

from __future__ import annotations

import re

from benchboard.model import interval_ends, nonzero_half_up
from helpers import build_site, write_tree


def test_interval_ends_add_decimals_only_while_the_ends_look_alike():
    assert interval_ends(4.9804, 5.0196, 1) == ("4.98", "5.02")
    assert interval_ends(4.5, 5.5, 1) == ("4.5", "5.5")  # already apart: the column's precision
    assert interval_ends(5.00001, 5.00002, 1) == ("5.0000", "5.0000")  # at most three more
    assert interval_ends(5.0, 5.0, 1) == ("5.0", "5.0")  # a point stays a point


def test_a_small_stderr_keeps_a_visible_digit():
    assert nonzero_half_up(0.01, 1) == "0.01"
    assert nonzero_half_up(0.04, 1) == "0.04" and nonzero_half_up(0.05, 1) == "0.1"
    assert nonzero_half_up(0.3, 1) == "0.3"
    assert nonzero_half_up(0.00001, 0) == "0.000"  # at most three more decimals


def test_report_and_board_show_the_small_uncertainty(tmp_path):
    content = write_tree(tmp_path / "content", {"results/lower.yaml": """\
        title: Lower
        benchmarks: [{name: PPL, higher_is_better: false}]
        models:
          - {name: Zed, scores: {PPL: {value: 5.0, stderr: 0.01}}}
          - {name: Yon, scores: {PPL: 7.5}}
        """})
    build_site(content, tmp_path / "out")
    report = (tmp_path / "out/lower/index.html").read_text()
    assert "4.98–5.02" in report and "5.0–5.0" not in report
    [board] = (tmp_path / "out/boards").glob("*/index.html")
    assert re.search(r'class="stderr"> ±0\.01<', board.read_text()) and "±0.0<" not in board.read_text()
