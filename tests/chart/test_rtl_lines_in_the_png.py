"""The PNG is rasterised by resvg, which reorders the lines of one <text> as one bidirectional
run: an Arabic benchmark name wrapped on two lines was drawn over itself in chart.png (the SVG
in a browser was right). The SVG the PNG is drawn from puts each such line in a <text> of its
own; labels without right-to-left text are left exactly as they were (design review)."""

from __future__ import annotations

from benchboard.chart.draw import for_raster

ARABIC = ('<text text-anchor="middle" transform="translate(79.1,20)" font-size="12px"><tspan>اختبار الفهم القرائي</tspan>'
          '<tspan x="0" dy="14">العربي</tspan><tspan x="0" dy="14">(acc)</tspan></text>')
LATIN = ('<text text-anchor="middle" transform="translate(211.8,20)" font-size="12px"><tspan>MMLU</tspan>'
         '<tspan x="0" dy="14">(acc)</tspan></text>')


def test_each_line_of_a_right_to_left_label_is_its_own_text():
    svg = for_raster(f"<svg width=\"10\">{ARABIC}{LATIN}</svg>")
    assert ('<text text-anchor="middle" transform="translate(79.1,20)" font-size="12px">اختبار الفهم القرائي</text>'
            '<text text-anchor="middle" transform="translate(79.1,20) translate(0,14)" font-size="12px">العربي</text>'
            '<text text-anchor="middle" transform="translate(79.1,20) translate(0,28)" font-size="12px">(acc)</text>') in svg
    assert LATIN in svg


def test_a_chart_without_right_to_left_text_is_untouched():
    svg = f"<svg width=\"10\">{LATIN}</svg>"
    assert for_raster(svg) == svg.replace("<svg ", '<svg shape-rendering="crispEdges" ', 1)
