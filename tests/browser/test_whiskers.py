"""The interactive chart draws the same 95% whiskers as the static one (issue 14)."""

from __future__ import annotations

import pytest

from .test_browser import open_page

pytestmark = pytest.mark.browser


def test_interactive_chart_draws_twelve_whiskers_and_says_which_bars_have_none(browser, sites, servers):
    server = servers["example"]
    context, page, recorder = open_page(browser, server.url + "distilled-reasoning/", server.url)
    static = page.locator("#chart-static svg .mark-rule.role-mark line")
    assert static.count() == 12
    page.locator("[data-chart-toggle]").click()
    page.wait_for_selector("#chart-interactive svg .mark-rule.role-mark line", state="attached", timeout=15000)
    assert page.locator("#chart-interactive svg .mark-rule.role-mark line").count() == 12
    assert "No uncertainty given for LiveCodeBench" in page.locator("#chart-interactive svg.marks").text_content()
    assert "No uncertainty given for LiveCodeBench" in page.locator("figcaption").inner_text()
    assert recorder.errors == [] and recorder.foreign() == []
    context.close()
