"""The phone layout of grouped bars (benchmarks down the side) gives each benchmark the room of
its label's lines: one model's bar under "Bench-1 / (acc)" ran into the next label (the charts
review: 45 x 3.6 px overlaps, seven of them)."""

from __future__ import annotations

from benchboard.chart import draw
from benchboard.chart.layout import chart_layout
from benchboard.chart.shapes import LABEL_LINE_PX
from benchboard.load.content import load_site
from benchboard.render.prose import default_chart_words
from helpers import write_tree


def test_each_benchmark_band_holds_its_two_line_label(tmp_path):
    benches = ", ".join(f"{{name: Bench-{i}, metric: acc, unit: percent}}" for i in range(1, 9))
    scores = ", ".join(f"Bench-{i}: {49 + i}" for i in range(1, 9))
    content = write_tree(tmp_path / "content", {"results/one.yaml": f"title: One model\nbenchmarks: [{benches}]\nmodels: [{{name: Solo, scores: {{{scores}}}}}]\n"})
    site, _ = load_site(content)
    report = site.reports[0]
    layout = chart_layout(report, site.config)
    spec = draw.narrow_spec(report, layout, default_chart_words(report, layout))
    blocks = [b for b in spec.get("vconcat", [spec]) if "height" in b]
    assert blocks and all(b["height"] / 8 >= 2 * LABEL_LINE_PX + 8 for b in blocks), [b["height"] for b in blocks]
