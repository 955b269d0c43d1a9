"""The compare chart tells every ticked model apart: on a site of more models than the palette
has colours, two models that share a site style (never drawn together elsewhere) get different
fills when ticked together (the later one a spare, views/boarddata.spare_fills)."""

from __future__ import annotations

import pytest

from helpers import StaticServer as Server

from .sites import built_site

pytestmark = pytest.mark.browser

MODELS = "\n".join(f"  - {{name: M{i}, scores: {{A: {50 + i}.0, B: {70 - i}.0}}}}" for i in range(1, 11))
SITE = {"results/ten.yaml": f"title: Ten models\nbenchmarks: [{{name: A, unit: percent}}, {{name: B, unit: percent}}]\nmodels:\n{MODELS}\n"}


def test_two_models_of_one_site_colour_differ_in_the_compare_chart(browser, tmp_path_factory):
    out = built_site(tmp_path_factory, "compare-colours", SITE)
    server = Server(out)
    page = browser.new_page()
    try:
        board = next((out / "boards").glob("*/index.html")).parent.name
        page.goto(f"{server.url}boards/{board}/", wait_until="load")
        data = page.locator(".bb-data").first.evaluate("e => JSON.parse(e.textContent)")
        names = page.locator("table.board tbody tr th[scope=row]").evaluate_all("cells => cells.map(c => c.textContent.trim())")
        fills = [data["fills"][row["s"]] for row in data["rows"]]
        first, second = next((a, b) for a in range(len(fills)) for b in range(a + 1, len(fills)) if fills[a] == fills[b])
        for row in (first, second):  # two rows of one site style (10 models, 8 colours, no families)
            page.locator("table.board tbody tr").nth(row).locator("input[type=checkbox]").check()
        page.get_by_role("button", name="Compare selected").click()
        page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path", timeout=30_000)
        drawn = page.locator(".bb-compare .bb-chart svg .mark-rect path").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
        assert len(drawn) == 4 and len(set(drawn)) == 2, drawn  # two models, two benchmarks: two fills
        assert names[first] in page.locator(".bb-compare .bb-chart svg").first.evaluate("s => s.textContent")
    finally:
        page.close()
        server.close()
