"""The model and benchmark pages' bar charts, written as SVG by chart/entity.py (not vl-convert):
well-formed, every content string escaped, each bar in its model's colour or hatch, a whisker
only where an interval exists, d3's tick values on the axis, and sane for negative, equal, one
and a hundred values."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from benchboard.chart import entity
from benchboard.views.site import Bar, EntityChart

SVG = "{http://www.w3.org/2000/svg}"
ID = "chart-t-caption"


def chart(*bars: Bar) -> EntityChart:
    return EntityChart("t", "percent", True, tuple(bars))


def parsed(found: EntityChart) -> ET.Element:
    return ET.fromstring(entity.draw(found, ID))  # raises on anything not well-formed XML


def texts(root: ET.Element, size: str) -> list[str]:
    """The texts of one size, axis labels (y -10) left out."""
    return [t.text for t in root.iter(SVG + "text") if t.get("font-size") == size and t.get("y") != "-10"]


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(SVG + "rect") if r.get("height") == str(entity.BAR)]


def whiskers(root: ET.Element) -> list[ET.Element]:
    return [line for line in root.iter(SVG + "line") if line.get("stroke-width") == "1.5"]


HOSTILE = ["<script>alert(1)</script>", 'say "hi" & \'bye\'', "a]]>b", "line\u2028break", "\u202eevil\u200f", "x" * 300,
           "</svg><img src=x onerror=alert(1)>", "tab\there\x07bell"]


def test_hostile_names_and_values_are_text_not_markup():
    found = chart(*(Bar(name, 50.0 - i, f"{name[:20]}", 40.0 - i, 60.0 - i) for i, name in enumerate(HOSTILE)))
    svg = entity.draw(found, ID)
    root = ET.fromstring(svg)
    assert not re.search(r"<(?!/?(svg|defs|pattern|rect|path|g|line|text)\b)", svg), "no element but the chart's own"
    assert "<script" not in svg and "<img" not in svg and "]]>" not in svg
    assert [e.tag for e in root.iter() if e.tag.replace(SVG, "") not in ("svg", "defs", "pattern", "rect", "path", "g", "line", "text")] == []
    names = texts(root, f"{entity.LABEL_SIZE}px")
    for name, shown in zip(HOSTILE, names):  # the same characters back (a 300-character name cut with an ellipsis)
        wanted = name.replace("\x07", "\ufffd")
        assert shown == wanted or (shown.endswith("\u2026") and wanted.startswith(shown[:-1])), (name, shown)
    assert names[5] != HOSTILE[5] and len(names[5]) < 80  # too wide for the chart: cut, not widening it
    long = parsed(chart(Bar("W" * 300, 1.0, "1.0")))
    assert long.get("width") == str(entity.LEFT + entity.PLOT + entity.PAD)
    values = texts(root, f"{entity.VALUE_SIZE}px")
    assert values[0] == HOSTILE[0][:20]


def test_the_root_names_itself_by_the_caption_and_escapes_the_id():
    root = parsed(chart(Bar("a", 1.0, "1.0")))
    assert (root.get("role"), root.get("aria-labelledby"), root.get("focusable")) == ("img", ID, "false")
    svg = entity.draw(chart(Bar("a", 1.0, "1.0", colour="#E69F00", hatched=True)), 'x" onload="alert(1)')
    assert 'onload="' not in svg and ET.fromstring(svg).get("aria-labelledby") == 'x" onload="alert(1)'


def test_the_font_is_the_report_charts():
    from benchboard.chart import draw

    root = parsed(chart(Bar("a", 1.0, "1.0")))
    assert entity.FONT == draw.FONT
    assert {g.get("font-family") for g in root.iter(SVG + "g")} - {None} == {draw.FONT}


def test_each_bar_has_its_models_colour_or_hatch():
    found = chart(Bar("a", 90.0, "90.0", colour="#0072B2", hatched=True), Bar("b", 80.0, "80.0", colour="#E69F00"),
                  Bar("c", 70.0, "70.0", colour="#0072B2"), Bar("d", 60.0, "60.0", colour="#009E73", hatched=True))
    root = parsed(found)
    assert [r.get("fill") for r in bars(root)] == [f"url(#{ID}-hatch-0072b2)", "#E69F00", "#0072B2", f"url(#{ID}-hatch-009e73)"]
    patterns = {p.get("id"): p for p in root.iter(SVG + "pattern")}
    assert set(patterns) == {f"{ID}-hatch-0072b2", f"{ID}-hatch-009e73"}
    assert patterns[f"{ID}-hatch-009e73"].find(SVG + "rect").get("fill") == "#009E73"
    assert not list(parsed(chart(Bar("a", 1.0, "1.0"))).iter(SVG + "defs")), "no hatch, no defs"


def test_a_whisker_only_where_an_interval_exists():
    found = chart(Bar("a", 0.9, "0.9", 0.8, 0.95), Bar("b", 0.7, "0.7"), Bar("c", 0.5, "0.5", 0.5, 0.5), Bar("d", 0.3, "0.3", 0.1, 0.4))
    root = parsed(found)
    lines = whiskers(root)
    assert len(lines) == 2
    ys = [float(r.get("y")) + entity.BAR / 2 for r in bars(root)]
    assert [float(line.get("y1")) for line in lines] == [ys[0], ys[3]]
    x = [float(line.get("x1")) for line in lines] + [float(line.get("x2")) for line in lines]
    assert x[0] < x[2] and x[1] < x[3]  # low to high
    value_x = [float(t.get("x")) for t in root.iter(SVG + "text") if t.get("font-size") == f"{entity.VALUE_SIZE}px" and t.get("y") != "-10"]
    assert value_x[0] > float(lines[0].get("x2")) and value_x[3] > float(lines[1].get("x2")), "the value right of its whisker"


@pytest.mark.parametrize("start, stop, wanted", [
    (0.0, 113.5, [0, 20, 40, 60, 80, 100]),
    (0.0, 0.18, [0.0, 0.05, 0.1, 0.15]),
    (-25.0, 21.8, [-20, -10, 0, 10, 20]),
    (0.0, 0.0015, [0.0, 0.0005, 0.001, 0.0015]),
    (0.0, 2.95e6, [0, 1e6, 2e6]),
    (-6044.35, 1161.49, [-6000, -4000, -2000, 0]),
])
def test_tick_values_are_d3s(start, stop, wanted):
    assert entity.ticks(start, stop) == pytest.approx(wanted)


def test_tick_labels_are_d3s_default_format():
    assert [entity.tick_label(v, 0.0, 0.18) for v in entity.ticks(0.0, 0.18)] == ["0.00", "0.05", "0.10", "0.15"]
    assert [entity.tick_label(v, 0.0, 1550.0) for v in entity.ticks(0.0, 1550.0)] == ["0", "500", "1000", "1500"]
    assert [entity.tick_label(v, -25.0, 21.8) for v in entity.ticks(-25.0, 21.8)] == ["-20", "-10", "0", "10", "20"]


def test_the_axis_of_a_drawn_chart():
    root = parsed(chart(Bar("a", 96.2, "96.2", 95.8, 96.5), Bar("b", 59.1, "59.1")))
    labels = [t for t in root.iter(SVG + "text") if t.get("y") == "-10"]
    assert [t.text for t in labels] == ["0", "20", "40", "60", "80", "100"]
    assert labels[0].get("text-anchor") == "start" and {t.get("text-anchor") for t in labels[1:]} == {"middle"}
    grid = [line for line in root.iter(SVG + "line") if line.get("stroke") == entity.colours()["grid"]]
    assert len(grid) == 6 and grid[0].get("x1") == "0"


def test_a_negative_value_is_a_bar_left_of_zero_labelled_right_of_it():
    root = parsed(chart(Bar("up", 12.5, "12.5"), Bar("down", -20.0, "-20.0", -25.0, -14.0)))
    up, down = bars(root)
    zero = float(up.get("x"))
    assert float(down.get("x")) < zero and float(down.get("x")) + float(down.get("width")) == pytest.approx(zero, abs=0.01)
    down_label = next(t for t in root.iter(SVG + "text") if t.text == "-20.0")
    assert float(down_label.get("x")) > zero
    assert "-20" in [t.text for t in root.iter(SVG + "text") if t.get("y") == "-10"]


def test_all_negative_values_keep_zero_on_the_axis():
    root = parsed(chart(Bar("a", -5.0, "-5.0"), Bar("b", -7.0, "-7.0")))
    assert root.get("width") == str(entity.LEFT + entity.PLOT + entity.PAD)
    assert "0" in [t.text for t in root.iter(SVG + "text") if t.get("y") == "-10"]
    for rect in bars(root):
        assert 0 <= float(rect.get("x")) and float(rect.get("x")) + float(rect.get("width")) <= entity.PLOT + 0.01


def test_all_equal_values_give_equal_bars():
    root = parsed(chart(*(Bar(n, 50.0, "50.0") for n in "abc")))
    widths = {r.get("width") for r in bars(root)}
    assert len(widths) == 1 and float(widths.pop()) > 0
    zeros = parsed(chart(Bar("a", 0.0, "0.0"), Bar("b", 0.0, "0.0")))
    assert [t.text for t in zeros.iter(SVG + "text") if t.get("y") == "-10"] == ["0.00", "0.05", "0.10", "0.15"]


def test_one_bar():
    root = parsed(chart(Bar("only", 0.452, "0.452", 0.40, 0.51)))
    assert len(bars(root)) == 1 and len(whiskers(root)) == 1
    assert root.get("height") == str(entity.TOP + entity.ROW + entity.BOTTOM)


def test_a_hundred_bars_are_dense_and_in_order():
    found = chart(*(Bar(f"m{i}", 100.0 - i, f"{100 - i}.0", colour=("#0072B2", "#E69F00")[i % 2], hatched=i % 3 == 0) for i in range(100)))
    root = parsed(found)
    assert root.get("height") == str(entity.TOP + 100 * entity.ROW_DENSE + entity.BOTTOM)
    rects = bars(root)
    assert len(rects) == 100
    assert [float(r.get("y")) for r in rects] == sorted(float(r.get("y")) for r in rects)
    widths = [float(r.get("width")) for r in rects]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]
    assert texts(root, f"{entity.LABEL_SIZE}px") == [f"m{i}" for i in range(100)]
