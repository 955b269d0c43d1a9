"""The board's compare chart in Chromium with names Vega would misread (issue 23): models named
after Object.prototype's members, and names written with U+2028 and U+2029 (kept as spaces),
including models outside the static chart."""

from __future__ import annotations

import pytest

from helpers import StaticServer as Server
from hostile_content import hostile_names_site

from .sites import built_site

pytestmark = pytest.mark.browser


def test_compare_draws_prototype_and_separator_names(browser, tmp_path_factory):
    out = built_site(tmp_path_factory, "vega-names", hostile_names_site())
    server = Server(out)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        board = next((out / "boards").glob("*/index.html")).parent.name  # the controls are on the board's own page
        page.goto(f"{server.url}boards/{board}/", wait_until="load")
        # U+2028 and U+2029 in a name are white space, one space once loaded (model.name_form)
        chosen = ["constructor", "__proto__", "valueOf", "line separator", "para separator"]
        boxes = page.locator("table.board tbody tr").evaluate_all("rows => rows.map(r => r.querySelector('th[scope=row]').textContent.trim())")
        for name in chosen:  # the last two are outside the static chart (12 bars)
            row = boxes.index(name)
            page.locator("table.board tbody tr").nth(row).locator("input[type=checkbox]").check()
        page.get_by_role("button", name="Compare selected").click()
        page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path", timeout=30_000)
        drawn = page.locator(".bb-compare .bb-chart svg").first.evaluate("s => s.textContent")
        for name in ("constructor", "__proto__", "valueOf", "toString"):
            assert name in drawn, (name, drawn)
        assert page.locator(".bb-compare .bb-chart svg .mark-rect path").count() == len(chosen) * 4
        assert not errors, errors
    finally:
        context.close()
        server.close()
