"""Boards, model pages and benchmark pages in a real Chromium: JavaScript off, from file://,
the provenance disclosure by keyboard, and every board's model link leading to its page.
(Every page, including these, also goes through the axe, Nu checker and hostile-input tests.)"""

from __future__ import annotations

import pytest

from .test_browser import open_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_board_model_links_lead_to_model_pages_with_javascript_off(browser, sites, servers, scheme):
    site, server = sites["example"], servers["example"]
    url = server.url if scheme == "http" else (site / "index.html").as_uri()
    allowed = server.url if scheme == "http" else site.as_uri()
    context, page, recorder = open_page(browser, url, allowed, java_script_enabled=False)
    boards = page.locator("section.board")
    assert boards.count() == 2
    links = page.locator("table.board tbody th[scope=row] a")
    assert links.count() == 6
    names = links.all_inner_texts()
    for index, name in enumerate(names):
        link = page.locator("table.board tbody th[scope=row] a").nth(index)
        if scheme == "http":
            link.click()
        else:  # with JavaScript off, file:// shows a folder for "models/x/" links (with it, site.js points them at index.html)
            page.goto(link.evaluate("a => a.href") + "index.html")
        page.wait_for_load_state("load")
        assert page.locator("h1").inner_text() == name
        assert page.locator("link[rel=stylesheet]").evaluate("l => l.sheet !== null")  # relative assets load
        assert page.locator("#model-scores tbody tr").count() >= 4
        assert page.locator("#boards-heading").is_visible()
        page.go_back()
        page.wait_for_load_state("load")
    assert recorder.errors == [] and recorder.foreign() == []
    context.close()


def test_provenance_opens_by_keyboard_without_javascript(browser, sites, servers):
    server, site = servers["example"], sites["example"]
    assert (site / "boards/open-llm-leaderboard-tasks-8b-models/index.html").is_file()
    context, page, _ = open_page(browser, server.url + "boards/open-llm-leaderboard-tasks-8b-models/", server.url, java_script_enabled=False)
    board = page.locator("section.board")  # the imported report's board page: harness, settings
    disclosure = board.locator("tbody details.prov").first
    text = disclosure.locator(".prov-text")
    assert not text.is_visible()
    disclosure.locator("summary").focus()
    page.keyboard.press("Enter")
    assert text.is_visible()
    assert "lm-evaluation-harness" in text.inner_text() and "gen_kwargs" in text.inner_text()
    assert board.locator("thead details").count() == 0  # said once per board, not per column
    mixed = board.locator("details.mixed-summary")
    mixed.locator("summary").click()
    assert "gen_kwargs" in mixed.inner_text()
    context.close()


def test_benchmark_pages_list_every_report_that_measured_them(browser, sites, servers):
    site, server = sites["multi"], servers["multi"]
    context, page, recorder = open_page(browser, server.url + "benchmarks/", server.url)
    entries = page.locator("table#benchmarks-list tbody th a")
    assert entries.count() == len(list((site / "benchmarks").glob("*/index.html")))
    page.locator("table#benchmarks-list tbody th a", has_text="One").click()
    page.wait_for_load_state("load")
    rows = page.locator("#benchmark-scores tbody tr")
    assert rows.count() == 3  # Model A, B and C scored One
    assert rows.first.locator("td").nth(2).inner_text() == "200"  # n
    rows.first.locator("th a").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Model C"
    assert recorder.errors == [] and recorder.foreign() == []
    context.close()


def test_contamination_mark_is_visible_and_explained(browser, servers):
    server = servers["multi"]
    context, page, _ = open_page(browser, server.url + "boards/alpha-comparison/", server.url, java_script_enabled=False)
    dagger = page.locator("table.board .dagger")
    assert dagger.count() == 1 and dagger.first.is_visible()
    assert dagger.first.get_attribute("title").startswith("The knowledge cutoff of Model A (2024-06) is after the release of One (2024-01)")
    assert "† contamination risk" in page.locator("section.board").first.inner_text()
    context.close()
