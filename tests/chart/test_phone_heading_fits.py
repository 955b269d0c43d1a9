"""A restacked phone image (chart/stack.py) is as wide as its title's and subtitle's widest
line: a narrow stack of panels once cut its subtitle at the image's edge, and "No uncertainty
is given for any score, so no bar has a whisker" read "… so / has a whisker" (the charts review)."""

from __future__ import annotations

import re

from benchboard.chart.measure import width_at_most
from helpers import build_site, write_tree


def test_no_heading_line_runs_past_the_phone_image(tmp_path):
    models = "\n".join(f"  - {{name: m{i}, scores: {{P0: {40 + i}, P1: {41 + i}, P2: {42 + i}, E0: {1100 + 10 * i}, E1: {1101 + 10 * i}, "
                       f"E2: {1102 + 10 * i}}}}}" for i in range(1, 10))
    write_tree(tmp_path / "content", {"results/nine.yaml": "title: Nine models, six benchmarks\nbenchmarks:\n"
               + "".join(f"  - {{name: P{i}, unit: percent}}\n" for i in range(3))
               + "".join(f"  - {{name: E{i}, unit: Elo}}\n" for i in range(3)) + f"models:\n{models}\n"})
    build_site(tmp_path / "content", tmp_path / "out")
    svg = (tmp_path / "out/nine/chart-narrow.svg").read_text()
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))
    heading = re.findall(r'<text[^>]*font-size="(\d+)px"[^>]*transform="translate\(([\d.]+),(\d+)\)"[^>]*>([^<]+)</text>', svg)
    lines = [(float(size), float(x), text) for size, x, y, text in heading if float(y) < 60]  # the title and subtitle
    assert any("whisker" in text for _, _, text in lines), lines
    for size, x, text in lines:
        assert x + width_at_most(text, size, bold=True) <= width, (text, width)
