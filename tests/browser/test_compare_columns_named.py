"""A board with one benchmark from two reports (review 7): its compare chart in Chromium draws one
group per column, each labelled with its report, and the gap table's headers tell them apart."""

from __future__ import annotations

import pytest

from helpers import StaticServer as Server

from .sites import built_site

pytestmark = pytest.mark.browser

SITE = {
    "site.yaml": "title: T\nboards:\n  - title: Math\n    columns:\n      - {report: r1, benchmark: gsm8k_cot}\n      - {report: r2, benchmark: GSM8K}\n",
    "benchmarks.yaml": "benchmarks:\n  - name: GSM8K\n    aliases: [gsm8k_cot]\n    unit: percent\n    direction: higher\n",
    "results/r1.yaml": "title: Report one\nbenchmarks: [{name: gsm8k_cot, metric: exact_match, n: 1319}]\n"
                       "models:\n  - {name: Llama, scores: {gsm8k_cot: 76.3}}\n  - {name: Qwen, scores: {gsm8k_cot: 80.2}}\n",
    "results/r2.yaml": "title: Report two\nbenchmarks: [{name: GSM8K, metric: exact_match, n: 1319}]\n"
                       "models:\n  - {name: Llama, scores: {GSM8K: 79.0}}\n  - {name: Qwen, scores: {GSM8K: 79.0}}\n",
}


@pytest.mark.parametrize("width", [360, 1280])
def test_compare_draws_a_group_per_column_of_one_benchmark_from_two_reports(browser, tmp_path_factory, width):
    out = built_site(tmp_path_factory, "one-benchmark-two-reports", SITE)
    server = Server(out)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{server.url}boards/math/?sel=Qwen&sel=Llama&cmp=1", wait_until="load")
        page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path", timeout=30_000)
        headers = page.locator(".bb-compare .bb-gaps thead th").all_text_contents()
        assert headers == ["Pair", "GSM8K (exact_match) in Report one", "GSM8K (exact_match) in Report two", "Mean"]
        lines = page.locator(".bb-compare .bb-chart svg text tspan").all_text_contents()
        for report in ("in Report one", "in Report two"):
            assert lines.count(report) == 1, lines  # one x label each, its report on a line of its own
        bars = page.locator(".bb-compare .bb-chart svg .mark-rect path").evaluate_all(
            "ps => ps.map(p => { const b = p.getBoundingClientRect(); return [Math.round(b.x), Math.round(b.width)]; })")
        assert len(bars) == 4 and len({x for x, _ in bars}) == 4, bars  # side by side, none stacked on another
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
        server.close()
