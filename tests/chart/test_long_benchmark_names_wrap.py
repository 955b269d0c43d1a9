"""A long benchmark name wraps under its group instead of widening it (the charts review: three
70-character names made three groups of ~480 px, a chart of three stacked rows); the phone
layout, a label column, keeps each name on one line and cuts it."""

from __future__ import annotations

from benchboard.chart import draw
from benchboard.chart.layout import GROUPED, chart_layout
from benchboard.load.content import load_site
from benchboard.render.prose import default_chart_words
from benchboard.views.chartspec import LINE_BREAK, NAME_LINE_PX, name_lines, text_px
from helpers import write_tree

NAMES = ["Massive Multitask Language Understanding Professional Extended Subset",
         "SuperLongBenchmarkNameWithoutAnySpacesAtAllForTestingWrappingBehaviour", "Short"]


def test_long_names_wrap_and_the_chart_stays_one_row_of_groups(tmp_path):
    assert name_lines("Short") == ["Short"]
    for name in NAMES[:2]:
        lines = name_lines(name)
        assert len(lines) > 1 and "".join(lines).replace(" ", "") == name.replace(" ", "")
        assert all(text_px(line) <= NAME_LINE_PX for line in lines)
    benches = ", ".join(f'{{name: "{n}", unit: percent}}' for n in NAMES)
    rows = "\n".join(f'  - {{name: M{i}, scores: {{{", ".join(f"{chr(34)}{n}{chr(34)}: {50 + i + j}" for j, n in enumerate(NAMES))}}}}}'
                     for i in range(3))
    content = write_tree(tmp_path / "content", {"results/long.yaml": f"title: Long names\nbenchmarks: [{benches}]\nmodels:\n{rows}\n"})
    site, _ = load_site(content)
    report = site.reports[0]
    layout = chart_layout(report, site.config)
    assert layout.kind == GROUPED
    words = default_chart_words(report, layout)
    spec = draw.chart_spec(report, site.config, layout, words)
    labels = next(p["value"] for p in spec["params"] if p["name"] == draw.LABELS)
    assert any(label.count(LINE_BREAK) >= 2 for label in labels.values())  # the name wrapped
    narrow = draw.narrow_spec(report, layout, words)
    assert "Massive Multitask Language Understanding Professional Extended Subset" in str(narrow)  # one line in the label column
