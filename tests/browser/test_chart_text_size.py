"""No chart text a reader sees is drawn under 10 CSS px (docs/charts.md): the inline charts of
the example's model, benchmark and report pages at 360 and 1280 px, measured in Chromium as
drawn (font size times the SVG's scale). The model and benchmark page charts were 9.74 px at
360 (the charts review)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SMALLEST = """() => {
  let least = Infinity;
  document.querySelectorAll('main svg text').forEach(t => {
    const svg = t.ownerSVGElement, box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
    if (box.width < 4 || !t.textContent.trim() || t.closest('details:not([open])')) return;  // not shown
    const scale = view && view.width ? box.width / view.width : 1;
    least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * scale);
  });
  return least;
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_no_shown_chart_text_is_under_10_px(browser, servers, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for path in ("models/am-distill-qwen-32b/", "benchmarks/aime-2024/", "distilled-reasoning/"):
            page.goto(servers["example"].url + path, wait_until="load")
            least = page.evaluate(SMALLEST)
            if path.startswith(("models/", "benchmarks/")):  # their charts are inline SVG at every width
                assert least != float("inf"), (path, width)
            assert least >= 10 or least == float("inf"), (path, width, least)
    finally:
        page.close()
