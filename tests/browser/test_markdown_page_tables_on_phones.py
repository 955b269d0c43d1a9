"""A Markdown page's table on a phone: the Contents box no longer floats beside it (it left the
table ~180 px and "14042" wrapped as "140 / 42"), numbers and words stay whole, and a table too
wide for the column scrolls in its own box, never the page (design review)."""

from __future__ import annotations

import pytest

from helpers import build_site, write_tree

pytestmark = pytest.mark.browser

PAGE = """# About

## Methods

| Benchmark | Items | Note |
|---|---:|---|
| MMLU | 14042 | multiple-choice questions in 57 subjects |
| GPQA Diamond | 198 | graduate-level science |
| AVeryLongBenchmarkNameWithoutAnySpacesAtAllForTheTable | 1234567890 | a wide row |

## Data

Text.
"""


def test_a_pages_table_keeps_numbers_whole_at_360_px(browser, tmp_path):
    content = write_tree(tmp_path / "content", {
        "pages/about.md": PAGE,
        "results/r.yaml": "title: R\nbenchmarks: [{name: B}]\nmodels:\n  - {name: M, scores: {B: 1.0}}\n"})
    out = tmp_path / "out"
    build_site(content, out)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto((out / "about/index.html").as_uri(), wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    toc, table = page.locator("nav.toc").bounding_box(), page.locator(".prose table").bounding_box()
    assert toc["y"] + toc["height"] <= table["y"]  # above the table, not beside it
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.prose td')).lineHeight)")
    for text in ("14042", "198", "1234567890"):
        cell = page.locator(".prose td", has_text=text).first
        height = cell.evaluate("td => { const r = document.createRange(); r.selectNodeContents(td); return r.getBoundingClientRect().height; }")
        assert height < 1.5 * line, (text, height, line)  # one line: the number is not broken
    context.close()
