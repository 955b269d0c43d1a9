"""Page shapes on a lab-sized site (tests/lab_site.py: a 100-model board, a 17-benchmark report,
a registry, five boards), measured in Chromium at 1280x800 and 360x740: a score on the index's
first screen, no page wider than the viewport, a bounded index, no header cut, names broken only
at their separators, every row reachable without JavaScript, and axe clean in both schemes."""

from __future__ import annotations

import pytest

from lab_site import write_lab_site

from .audit import described, wcag_violations

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
BOARD = "boards/open-llm-suite/"
PAGES = ["", BOARD, "suite/", "latency/", "models/", "benchmarks/", "models/gemma-2-14b-instruct/", "benchmarks/gsm8k/"]
SEPARATORS = " -/_.·"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    from benchboard.commands.build import build

    root = tmp_path_factory.mktemp("lab")
    out = root / "site"
    build(write_lab_site(root / "content"), out, png=False)
    return out


def open_page(browser, lab, rel, viewport, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.goto((lab / rel / "index.html").as_uri(), wait_until="load")
    return context, page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_the_index_first_screen_shows_a_score_of_the_leading_board(browser, lab, viewport):
    context, page = open_page(browser, lab, "", viewport)
    first = page.locator("section.board-top").first
    assert first.locator("h2").inner_text() == "Open LLM suite"
    cell = first.locator("tbody tr").first.locator("td.num").first
    box = cell.bounding_box()
    assert cell.inner_text().strip()[:1].isdigit()
    assert box["y"] + box["height"] <= viewport["height"] and box["x"] + box["width"] <= viewport["width"]
    context.close()


def test_the_index_shows_each_boards_top_rows_in_bounded_height(browser, lab):
    context, page = open_page(browser, lab, "", DESKTOP)
    boards = page.locator("section.board-top")
    assert boards.count() == 5
    assert [boards.nth(i).locator("tbody tr").count() for i in range(5)] == [10, 10, 10, 10, 10]
    assert page.locator("text=All 100 models on Open LLM suite").count() == 1
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4000, height
    assert page.locator("details.rules").count() == 1 and not page.locator("details.rules").evaluate("d => d.open")
    assert page.locator(".bb-controls").count() == 0  # the filters live on the board pages
    nav = page.locator("nav[aria-label=Site]").inner_text()
    assert "Models" in nav and "Benchmarks" in nav and "Reports (6)" in nav
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_no_page_is_wider_than_the_viewport_and_no_header_or_caption_is_cut(browser, lab, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    wide, cut = {}, {}
    for rel in PAGES:
        page.goto((lab / rel / "index.html").as_uri(), wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            wide[rel] = width
        clipped = page.evaluate("""() => [...document.querySelectorAll('table.data thead th')]
            .filter(th => th.offsetParent && th.scrollWidth > th.clientWidth + 1).map(th => th.innerText)""")
        captions = page.evaluate("""(width) => [...document.querySelectorAll('table.data caption')].filter(c => {
            const range = document.createRange(); range.selectNodeContents(c);
            return c.offsetParent && !c.classList.contains('visually-hidden')  // a board page's caption is read, not seen
                && range.getBoundingClientRect().right > width; }).map(c => c.innerText)""", viewport["width"])
        if clipped or captions:
            cut[rel] = clipped[:3] + captions[:3]
    assert wide == {} and cut == {}
    context.close()


def test_wide_tables_scroll_in_their_box_with_the_model_column_in_view(browser, lab):
    context, page = open_page(browser, lab, "suite/", PHONE)
    scroller = page.locator(".table-scroll", has=page.locator("table#scores"))
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
    cell = page.locator("table#scores tbody th[scope=row]").first
    scroller.evaluate("e => e.scrollLeft = 600")
    assert cell.evaluate("c => getComputedStyle(c).position") == "sticky"
    assert abs(cell.bounding_box()["x"] - scroller.bounding_box()["x"]) < 2
    context.close()


BREAKS = """(cells) => {
  // Every place a model name wraps: the character before the break must be a separator.
  const found = [];
  for (const cell of cells) {
    const link = cell.querySelector('a');
    const node = link && link.firstChild;
    if (!node || node.nodeType !== 3) continue;
    const text = node.textContent, range = document.createRange();
    let top = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (top !== null && rect.top > top + 2) found.push([text, text[i - 1]]);
      top = rect.top;
    }
  }
  return found;
}"""


@pytest.mark.parametrize("rel", ["", BOARD, "suite/"])
def test_names_wrap_only_at_separators(browser, lab, rel):
    context, page = open_page(browser, lab, rel, PHONE)
    breaks = page.locator("table.data tbody th[scope=row]").evaluate_all(BREAKS)
    assert breaks, "the lab site's long names should wrap somewhere at 360 px"
    assert [b for b in breaks if b[1] not in SEPARATORS] == []
    context.close()


def test_mixed_settings_are_said_once_per_board_behind_one_disclosure(browser, lab):
    context, page = open_page(browser, lab, BOARD, DESKTOP)
    board = page.locator("section.board")
    assert board.locator("details.mixed-summary").count() == 1
    assert board.locator("thead details").count() == 0  # no disclosure repeated in the headers
    marks = board.locator("table.board thead .mixed-mark")
    assert marks.count() == 17 and marks.first.get_attribute("href") == "#" + board.locator("details.mixed-summary").get_attribute("id")
    summary = board.locator("details.mixed-summary")
    assert not summary.evaluate("d => d.open")
    summary.locator("summary").click()
    assert "harness version: 0.4.2 / 0.4.3" in summary.inner_text()
    context.close()


def test_javascript_off_keeps_every_row_reachable(browser, lab):
    context, page = open_page(browser, lab, "", DESKTOP, java_script_enabled=False)
    links = page.locator("section.board-top .board-more a")
    assert links.count() == 5
    href = links.first.get_attribute("href")
    page.goto((lab / href / "index.html").as_uri())
    rows = page.locator("table.board tbody tr")
    assert rows.count() == 100 and rows.nth(99).is_visible()
    assert page.locator(".bb-controls").is_hidden()
    context.close()


def test_the_report_text_alternative_is_one_disclosure_and_complete(browser, lab):
    context, page = open_page(browser, lab, "suite/", DESKTOP)
    words = page.evaluate("document.body.innerText.split(/\\s+/).length")
    alternative = page.locator("details#components")
    assert alternative.count() == 1 and not alternative.evaluate("d => d.open")
    items = alternative.locator("li").count()
    assert items >= 3
    alternative.locator("summary").click()
    assert alternative.locator("li:visible").count() == items
    assert page.evaluate("document.body.innerText.split(/\\s+/).length") > words  # closed, its words are not shown
    context.close()


def test_model_page_charts_its_scores_and_names_its_own_run(browser, lab):
    context, page = open_page(browser, lab, "models/gemma-2-14b-instruct/", PHONE)
    figure = page.locator("figure.entity-chart").first
    svg = figure.locator("svg")
    assert svg.get_attribute("role") == "img"
    assert page.evaluate("id => document.getElementById(id).textContent", svg.get_attribute("aria-labelledby")).startswith("Gemma-2-14B-Instruct")
    assert svg.bounding_box()["width"] <= PHONE["width"]
    ranks = page.locator("#boards-heading + ul li")
    assert ranks.count() == 5 and all(href.startswith("../../boards/") for href in ranks.locator("a").evaluate_all("a => a.map(x => x.getAttribute('href'))"))
    assert "rank " in ranks.nth(1).inner_text()
    harness = page.locator("#run-suite + dl.provenance dd").nth(1).inner_text()
    assert harness in ("lm-evaluation-harness 0.4.2", "lm-evaluation-harness 0.4.3")
    context.close()


def test_benchmark_page_charts_every_model_sorted(browser, lab):
    context, page = open_page(browser, lab, "benchmarks/time-to-first-token/", DESKTOP)
    texts = page.locator("figure.entity-chart svg text").evaluate_all("ts => ts.map(t => t.textContent)")
    names = page.locator("#benchmark-scores tbody th").all_inner_texts()
    assert [t for t in texts if t in names] == names  # the chart's order is the table's: best first
    scores = [float(s) for s in page.locator("#benchmark-scores tbody tr td:nth-child(2)").all_inner_texts()]
    assert scores == sorted(scores)  # lower is better: ascending
    context.close()


AXE_PAGES = ["", BOARD, "latency/", "models/", "models/gemma-2-14b-instruct/", "benchmarks/gsm8k/"]  # the 100-model report's DOM takes minutes


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_clean(browser, lab, scheme):
    problems = []
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    for rel in AXE_PAGES:
        page.goto((lab / rel / "index.html").as_uri(), wait_until="load")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        problems += described(wcag_violations(page, scheme), f"{rel} [{scheme}]")
    context.close()
    assert problems == []
