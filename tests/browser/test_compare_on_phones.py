"""The board compare chart on a phone: past two columns its bars turn sideways (benchmarks down
the side, as the report's phone chart), nothing scrolls sideways, and two long names that share
a prefix are cut where they differ in the legend, never to read alike (reviews of this round:
17 columns were a 4,482 px stack; the legend then ran past the panel, then cut both names to
"Very-Long-Model-…")."""

from __future__ import annotations

import pytest

from helpers import StaticServer as Server

from .sites import built_site

pytestmark = pytest.mark.browser

A, B = "Very-Long-Model-Name-Instruct-2025-7-with-suffix", "Very-Long-Model-Name-Instruct-2025-3-with-suffix"
BENCHES = [f"Bench {i}" for i in range(6)]
SITE = {"results/r.yaml": "title: Six\nbenchmarks:\n" + "".join(f"  - {{name: {b}, n: 500}}\n" for b in BENCHES) + "models:\n" + "".join(
    f"  - name: {name}\n    scores: {{{', '.join(f'{b}: {40 + 7 * i + 3 * m}' for i, b in enumerate(BENCHES))}}}\n"
    for m, name in enumerate([A, B, "short"]))}


@pytest.mark.parametrize("width", [360, 1280])
def test_the_phone_compare_chart_turns_sideways_and_keeps_names_apart(browser, tmp_path_factory, width):
    out = built_site(tmp_path_factory, "compare-on-phones", SITE)
    server = Server(out)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{server.url}boards/six/?sel={A}&sel={B}&sel=short&cmp=1", wait_until="load")
        page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path", timeout=30_000)
        bars = page.locator(".bb-compare .bb-chart svg .mark-rect path").evaluate_all(
            "ps => ps.map(p => { const b = p.getBoundingClientRect(); return [b.width, b.height]; })")
        assert len(bars) == 18
        sideways = sum(w > h for w, h in bars) > len(bars) / 2
        assert sideways == (width == 360), bars[:3]
        chart = page.locator(".bb-compare .bb-chart")
        assert chart.evaluate("c => c.scrollWidth <= c.clientWidth + 2") and page.evaluate("document.documentElement.scrollWidth") <= width
        legend = page.locator(".bb-compare .bb-chart svg .role-legend-label text").all_text_contents()
        assert len(legend) == 3 and len(set(legend)) == 3, legend
        if width == 360:
            assert any("2025-7" in text for text in legend) and any("2025-3" in text for text in legend), legend
    finally:
        context.close()
        server.close()
