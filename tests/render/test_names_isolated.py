"""A name written right to left does not carry the score beside it across (the charts review):
the comparisons table isolates each name (<bdi>), so "نموذج (70.9) vs Llama (58.8)" keeps each
score after its own name."""

from __future__ import annotations

from helpers import build_site, write_tree


def test_the_comparisons_table_isolates_names(tmp_path):
    write_tree(tmp_path / "content", {"results/rtl.yaml": """title: RTL
benchmarks: [{name: QA, unit: percent, n: 200}]
models: [{name: نموذج جيس العربي, scores: {QA: 70.9}}, {name: Llama, scores: {QA: 58.8}}]
"""})
    build_site(tmp_path / "content", tmp_path / "out")
    page = (tmp_path / "out/rtl/index.html").read_text()
    assert "<td><bdi>نموذج جيس العربي</bdi> (70.9) vs <bdi>Llama</bdi> (58.8)</td>" in page
