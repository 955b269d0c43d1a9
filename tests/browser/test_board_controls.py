"""The leaderboard controls (board.js) in a real Chromium, on a site of 40 models: search, each
filter, sort with tie classes, select-and-compare, the URL round trip, the back button,
downloads, JavaScript off, 360 px, file://, a Pages subpath, and axe."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from .audit import described, wcag_violations
from .conftest import Server
from .sites import built_site

pytestmark = pytest.mark.browser

FAMILIES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
SIZES = ["1B", "3B", "7B", "8B", "13B", "34B", "70B", "unknown"]
OPEN = ["true", "false", "unknown"]
FORMULA = "=SUM(1,2) model"  # a name a spreadsheet would run as a formula; it has a comma too


def model_name(i: int) -> str:
    return FORMULA if i == 39 else f"Model-{i:02d}"


def forty_models() -> tuple[dict[str, str], list[dict]]:
    """A models.yaml with families, sizes (one mixture, some unknown), open weights and aliases,
    and one report of three benchmarks with n (binomial intervals); models 36-38 miss a score
    (listed unranked), models 10 and 11 have the same scores (a tie)."""
    registry, facts, lines = [], [], []
    for i in range(40):
        name = model_name(i)
        family = FAMILIES[i % 5]
        size = SIZES[i % 8]
        params = "{total: 47B, active: 13B}" if i == 5 else size
        size_b = 47.0 if i == 5 else (None if size == "unknown" else float(size[:-1]))
        aliases = f"\n    aliases: [org/{name.lower()}]" if i % 4 == 0 and i != 39 else ""
        registry.append(f"  - name: '{name}'\n    family: {family}\n    params: {params}\n    open_weights: {OPEN[i % 3]}{aliases}")
        facts.append({"name": name, "family": family, "size": size_b, "open": {"true": "yes", "false": "no"}.get(OPEN[i % 3], "unknown"),
                      "aliases": [f"org/{name.lower()}"] if aliases else []})
        base = 30 + (i * 37) % 60 if i not in (10, 11) else 55.0
        scores = {"One": round(base, 1), "Two": round(90 - base * 0.8, 1), "Three": round(20 + (i * 13) % 70, 1) if i not in (10, 11) else 40.0}
        if 36 <= i <= 38:
            del scores["Three"]
        lines.append(f"  - name: '{name}'\n    scores: {json.dumps(scores)}")
    result = ("title: Forty models\ny_title: Accuracy (%)\nbenchmarks:\n  - {name: One, metric: acc, n: 500}\n"
              "  - {name: Two, metric: acc, n: 400}\n  - {name: Three, metric: acc, n: 300}\nmodels:\n" + "\n".join(lines) + "\n")
    files = {"site.yaml": "title: Forty\n", "models.yaml": "models:\n" + "\n".join(registry) + "\n", "results/forty.yaml": result}
    return files, facts


FILES, FACTS = forty_models()
BY_NAME = {f["name"]: f for f in FACTS}


@pytest.fixture(scope="module")
def forty(tmp_path_factory):
    out = built_site(tmp_path_factory, "forty", FILES, at="pages/project")  # served from pages/: under a project subpath
    server = Server(out.parent)
    board = next((out / "boards").iterdir()).name  # the board's own page has every row and the controls
    yield out, server.url + "project/", server.url + f"project/boards/{board}/"
    server.close()


def open_board(browser, url, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.errors = errors
    if options.get("java_script_enabled", True):
        page.wait_for_selector(".bb-controls:not([hidden])")
    return context, page


TABLE = "table.board"


def visible_names(page) -> list[str]:
    return page.locator(f"{TABLE} tbody tr:not([hidden]) th[scope=row]").all_inner_texts()


def ranks(page) -> dict[str, str]:
    rows = page.locator(f"{TABLE} tbody tr:not([hidden])")
    return dict(zip(rows.locator("th[scope=row]").all_inner_texts(), rows.evaluate_all(
        "rows => rows.map(r => r.querySelector('th[scope=row]').previousElementSibling.textContent.trim())")))


def count_text(page) -> str:
    return page.locator(".bb-count").first.inner_text()


def test_javascript_off_shows_the_full_table_and_no_controls(browser, forty):
    context, page = open_board(browser, forty[2], java_script_enabled=False)
    assert page.locator(f"{TABLE} tbody tr").count() == 40
    assert all(page.locator(f"{TABLE} tbody tr").nth(i).is_visible() for i in (0, 20, 39))
    assert not page.locator(".bb-controls").is_visible()
    assert page.locator("input:visible, .bb-button:visible, .bb-controls:visible").count() == 0  # no dead controls
    href = page.locator(f"{TABLE} tbody th[scope=row] a").first.get_attribute("href")
    assert href.startswith("../../models/") and (forty[0] / href[len("../../"):] / "index.html").exists()
    context.close()


def test_search_matches_names_and_aliases_and_announces_the_count(browser, forty):
    context, page = open_board(browser, forty[2])
    assert count_text(page) == "40 of 40 models"
    assert page.locator(".bb-count").first.get_attribute("aria-live") == "polite"
    assert page.get_by_label("Search models (names and aliases)").get_attribute("type") == "search"
    page.get_by_label("Search models (names and aliases)").fill("model-1")
    assert sorted(visible_names(page)) == [f"Model-{i}" for i in range(10, 20)]
    assert count_text(page) == "10 of 40 models"
    page.get_by_label("Search models (names and aliases)").fill("ORG/model-2")  # an alias, any case
    expected = sorted(f["name"] for f in FACTS if any(a.startswith("org/model-2") for a in f["aliases"]))
    assert sorted(visible_names(page)) == expected and expected
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("field, value", [("family", "Gamma"), ("open_weights", "yes"), ("open_weights", "unknown")])
def test_each_category_filter(browser, forty, field, value):
    context, page = open_board(browser, forty[2])
    legend = {"family": "Family", "open_weights": "Open weights"}[field]
    page.locator(".bb-filters summary").click()  # a board's filters start collapsed
    page.locator("fieldset", has_text=legend).get_by_label(value, exact=True).check()
    key = {"family": "family", "open_weights": "open"}[field]
    expected = sorted(f["name"] for f in FACTS if f[key] == value)
    assert sorted(visible_names(page)) == expected
    assert count_text(page) == f"{len(expected)} of 40 models"
    context.close()


def test_size_range_filter_reads_parsed_params(browser, forty):
    context, page = open_board(browser, forty[2])
    page.locator(".bb-filters summary").click()  # a board's filters start collapsed
    page.get_by_label("from", exact=True).fill("7")
    page.get_by_label("to", exact=True).fill("47")
    expected = sorted(f["name"] for f in FACTS if f["size"] is not None and 7 <= f["size"] <= 47)
    assert sorted(visible_names(page)) == expected
    assert "Model-05" in expected  # the mixture counts by its total (47B)
    assert not {f["name"] for f in FACTS if f["size"] is None} & set(visible_names(page))
    context.close()


def test_sort_is_direction_aware_and_keeps_tie_classes(browser, forty):
    context, page = open_board(browser, forty[2])
    before = ranks(page)
    assert before["Model-10"] == before["Model-11"] and "–" in before["Model-10"]  # equal scores share a class
    mean = page.locator(f"{TABLE} thead th", has_text="Mean")
    mean.locator("button").click()
    assert mean.get_attribute("aria-sort") == "descending"  # higher is better: best first
    values = page.locator(f"{TABLE} tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.cells[r.cells.length - 2].getAttribute('data-value'))")
    ranked = [float(v) for n, v in zip(visible_names(page), values) if before[n] != "—"]
    assert ranked == sorted(ranked, reverse=True) and len(ranked) == 37
    assert [before[n] for n in visible_names(page)[37:]] == ["—"] * 3  # partial means are not comparable: last
    two = page.locator(f"{TABLE} thead th", has_text="Two")
    two.locator("button").focus()
    page.keyboard.press("Enter")
    assert two.get_attribute("aria-sort") == "descending" and mean.get_attribute("aria-sort") == "none"
    page.keyboard.press("Enter")
    assert two.get_attribute("aria-sort") == "ascending"
    page.get_by_label("Search models (names and aliases)").fill("model-1")
    assert {n: r for n, r in ranks(page).items()} == {n: before[n] for n in visible_names(page)}  # never re-numbered
    rank = page.locator(f"{TABLE} thead th", has_text="Rank")
    rank.locator("button").click()
    assert rank.get_attribute("aria-sort") == "ascending"
    assert visible_names(page) == [n for n in before if n in visible_names(page)]  # board order
    context.close()


def select(page, names: list[str]) -> None:
    for name in names:  # keyboard: focus the checkbox, Space ticks it
        page.get_by_label(f"Select {name} to compare").focus()
        page.keyboard.press("Space")


def compared(page) -> dict:
    panel = page.locator(".bb-compare")
    return {"title": panel.locator("h2").inner_text(),
            "gaps": panel.locator("table.bb-gaps tr").all_inner_texts(),
            "bars": panel.locator(".bb-chart svg .mark-rect path").count()}


def test_select_and_compare_draws_the_chart_and_precomputed_verdicts(browser, forty):
    context, page = open_board(browser, forty[2])
    board_order = visible_names(page)
    button = page.get_by_role("button", name="Compare selected")
    assert button.is_disabled()
    select(page, ["Model-10", "Model-11", "Model-05", "Model-16"])
    assert not button.is_disabled() and button.inner_text() == "Compare selected (4)"
    button.click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    state = compared(page)
    assert state["bars"] == 12  # four models, three columns
    page.locator(".bb-chart svg .mark-rect.role-mark path").first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    assert re.fullmatch(r"Model-\d\d — One \(acc\): [\d.]+ \(95% interval [\d.]+ to [\d.]+\)", tooltip.inner_text().strip())
    assert page.locator(".bb-chart svg .mark-rule.role-mark line").count() == 12  # an interval on every bar (n given)
    assert state["title"] == "Compared: " + ", ".join(n for n in board_order if n in ("Model-05", "Model-10", "Model-11", "Model-16"))
    pair = page.locator(".bb-gaps tbody tr", has_text="Model-10 vs Model-11")
    assert pair.locator("td").all_inner_texts() == ["0.0 (tied)"] * 4
    first, second = sorted(["Model-05", "Model-16"], key=board_order.index)
    far = page.locator(".bb-gaps tbody tr", has_text=f"{first} vs {second}").locator("td").all_inner_texts()
    data = json.loads(page.locator(".bb-data").first.text_content())
    rows = {r["name"]: r for r in data["rows"]}
    verdicts = set()
    for k, n in enumerate((500, 400, 300)):  # re-derived here: binomial SE from n, 1.96 SE of the difference
        a, b = rows[first]["v"][k], rows[second]["v"][k]
        margin = 1.96 * math.hypot(*(100 * math.sqrt(v / 100 * (1 - v / 100) / n) for v in (a, b)))
        word = "within uncertainty" if abs(a - b) <= margin else f"{first if a > b else second} ahead"
        assert far[k] == f"{a - b:+.1f} ({word})"
        verdicts.add(word)
    assert "within uncertainty" in verdicts and len(verdicts) >= 2  # both kinds occur
    assert page.locator(".bb-gaps tbody tr").count() == 6
    # at most 8: the other boxes are disabled once 8 are ticked
    select(page, [f"Model-{i:02d}" for i in (20, 21, 22, 23)])
    assert page.get_by_label("Select Model-30 to compare").is_disabled()
    assert page.locator(".bb-gaps tbody tr").count() == 28
    assert page.errors == []
    context.close()


def test_url_round_trip_restores_rows_order_and_compare_panel(browser, forty):
    context, page = open_board(browser, forty[2])
    page.get_by_label("Search models (names and aliases)").fill("model")
    page.locator(".bb-filters summary").click()  # a board's filters start collapsed
    page.locator("fieldset", has_text="Family").get_by_label("Beta", exact=True).check()
    page.locator("fieldset", has_text="Family").get_by_label("Delta", exact=True).check()
    page.get_by_label("from", exact=True).fill("3")
    page.locator(f"{TABLE} thead th", has_text="One").locator("button").click()
    page.locator(f"{TABLE} thead th", has_text="One").locator("button").click()  # ascending
    select(page, ["Model-01", "Model-03", "Model-06"])
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    names, state, url = visible_names(page), compared(page), page.url
    query = parse_qs(urlsplit(url).query)
    assert query["q"] == ["model"] and query["family"] == ["Beta", "Delta"] and query["sort"] == ["c0"]
    assert query["order"] == ["asc"] and query["sel"] == ["Model-01", "Model-03", "Model-06"] and query["cmp"] == ["1"]
    context.close()
    context, page = open_board(browser, url)
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert visible_names(page) == names and len(names) > 3
    assert compared(page) == state
    assert page.get_by_label("Search models (names and aliases)").input_value() == "model"
    assert page.locator(f"{TABLE} thead th", has_text="One").get_attribute("aria-sort") == "ascending"
    page.reload()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert visible_names(page) == names and compared(page) == state
    context.close()


def test_back_button_steps_through_changes(browser, forty):
    context, page = open_board(browser, forty[2])
    all_rows = visible_names(page)
    page.get_by_label("Search models (names and aliases)").fill("model-3")  # one entry, however many keys
    page.locator(".bb-filters summary").click()  # a board's filters start collapsed
    page.locator("fieldset", has_text="Open weights").get_by_label("no", exact=True).check()
    filtered = visible_names(page)
    page.locator(f"{TABLE} thead th", has_text="Model").first.locator("button").click()
    sorted_rows = visible_names(page)
    assert sorted_rows == sorted(filtered)
    page.go_back()
    assert visible_names(page) == filtered
    page.go_back()
    assert sorted(visible_names(page)) == [f"Model-{i}" for i in range(30, 39)]
    page.go_back()
    assert visible_names(page) == all_rows and count_text(page) == "40 of 40 models"
    page.go_forward()
    page.go_forward()
    page.go_forward()
    assert visible_names(page) == sorted_rows
    context.close()


def test_downloads_equal_the_visible_rows_and_are_formula_safe(browser, forty):
    context, page = open_board(browser, forty[2], accept_downloads=True)
    page.locator(".bb-filters summary").click()  # a board's filters start collapsed
    page.locator("fieldset", has_text="Family").get_by_label("Epsilon", exact=True).check()
    page.locator(f"{TABLE} thead th", has_text="Two").locator("button").click()
    names = visible_names(page)
    assert FORMULA in names
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["rank", "model", "family", "params", "open_weights", "One (acc)", "Two (acc)", "Three (acc)", "Mean", "coverage"]
    assert [r[1] for r in table[1:]] == ["'" + n if n == FORMULA else n for n in names]
    assert f'"\'{FORMULA}"' in text  # prefixed with a quote, and quoted for its comma
    shown = page.locator(f"{TABLE} tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).slice(1).map(c => c.querySelector('strong, a') ? c.querySelector('strong, a').textContent : c.textContent))")
    for row, cells in zip(table[1:], shown):
        assert row[0] == cells[0].strip() and row[5:8] == [c.split(" ")[0].strip().replace("—no score", "") for c in cells[3:6]]
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [r["model"] for r in data["rows"]] == names
    assert [r["rank"] for r in data["rows"]] == [r[0] for r in table[1:]]
    assert data["view"] == "?" + urlsplit(page.url).query
    context.close()


def test_360_px_wide_has_no_page_overflow_and_a_sticky_model_column(browser, forty):
    context, page = open_board(browser, forty[2], viewport={"width": 360, "height": 740})
    assert not page.locator(".bb-filters").evaluate("d => d.open")  # filters collapsed on a phone
    assert not page.locator(".bb-tools").evaluate("d => d.open")  # and the tools, so that
    assert page.locator(f"{TABLE} tbody tr").first.bounding_box()["y"] < 740  # the first screen shows a ranked row
    mean = page.locator(f"{TABLE} tbody tr").first.locator("th[scope=row] + td").bounding_box()
    assert mean["x"] + mean["width"] <= 360 and mean["y"] + mean["height"] <= 740  # and its whole aggregate (review R9)
    page.locator(".bb-tools > summary").click()
    page.locator(".bb-filters summary").click()
    select(page, ["Model-01", "Model-02"])
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    scroller = page.locator(".table-scroll", has=page.locator(TABLE))
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls inside its box
    cell = page.locator(f"{TABLE} tbody th[scope=row]").first
    left = cell.bounding_box()["x"]
    scroller.evaluate("e => e.scrollLeft = 300")
    assert cell.evaluate("c => getComputedStyle(c).position") == "sticky"
    assert abs(cell.bounding_box()["x"] - scroller.bounding_box()["x"]) < 2 and left > scroller.bounding_box()["x"]
    for path in ("models/", "benchmarks/"):
        page.goto(forty[1] + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()


def test_model_list_search_and_filters(browser, forty):
    context, page = open_board(browser, forty[1] + "models/")
    items = page.locator("table#models-list tbody tr:not([hidden])")
    assert items.count() == 40 and count_text(page) == "40 of 40 models"
    page.locator("fieldset", has_text="Family").get_by_label("Alpha", exact=True).check()
    assert items.count() == 8 and count_text(page) == "8 of 40 models"
    page.get_by_label("Search models (names and aliases)").fill("org/")
    assert sorted(items.locator("th a").all_inner_texts()) == sorted(f["name"] for f in FACTS if f["family"] == "Alpha" and f["aliases"])
    page.get_by_label("from", exact=True).fill("8")
    assert sorted(items.locator("th a").all_inner_texts()) == sorted(
        f["name"] for f in FACTS if f["family"] == "Alpha" and f["aliases"] and f["size"] is not None and f["size"] >= 8)
    context.close()
    context, page = open_board(browser, forty[1] + "benchmarks/")
    page.get_by_label("Search benchmarks").fill("tw")
    assert page.locator("table#benchmarks-list tbody tr:not([hidden]) th").all_inner_texts() == ["Two (acc)"]
    assert count_text(page) == "1 of 3 benchmarks"
    context.close()


def test_works_from_file_urls(browser, forty):
    site = forty[0]
    context, page = open_board(browser, (next((site / "boards").iterdir()) / "index.html").as_uri())
    page.get_by_label("Search models (names and aliases)").fill("model-2")
    assert count_text(page) == "10 of 40 models"
    select(page, ["Model-20", "Model-21"])
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert "q=model-2" in page.url
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_clean_with_controls_open(browser, forty, scheme):
    problems = []
    for path, act in ((forty[2], True), (forty[1] + "models/", False), (forty[1] + "benchmarks/", False)):
        context, page = open_board(browser, path, color_scheme=scheme)
        if act:
            select(page, ["Model-01", "Model-02", "Model-03"])
            page.get_by_role("button", name="Compare selected").click()
            page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
        problems += described(wcag_violations(page, scheme), f"{path} [{scheme}]")
        context.close()
    assert problems == []


def test_focus_is_visible_on_the_controls(browser, forty):
    context, page = open_board(browser, forty[2])
    page.get_by_label("Search models (names and aliases)").focus()
    page.keyboard.press("Tab")  # to the filters' disclosure (the search box stays out of it)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "") and page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "") and page.evaluate("document.activeElement.tagName") == "INPUT"
    context.close()


def test_each_board_has_its_own_page_and_state_in_the_url(browser, sites, servers):
    """The index links each board's own page (every row and the controls); a search there is
    that page's state, in its URL."""
    context, page = open_board(browser, servers["example"].url, java_script_enabled=False)
    links = page.locator("section.board-top .board-more a")
    assert links.count() == 2
    hrefs = links.evaluate_all("a => a.map(x => x.getAttribute('href'))")
    context.close()
    context, page = open_board(browser, servers["example"].url + hrefs[1])
    assert page.locator("section.board").count() == 1
    total = page.locator(".bb-count").inner_text()
    page.get_by_label("Search models (names and aliases)").fill("deepseek")
    shown = page.locator("table.board tbody tr:not([hidden]) th[scope=row]").all_inner_texts()
    assert shown and all("deepseek" in n.lower() for n in shown) and page.locator(".bb-count").inner_text() != total
    assert parse_qs(urlsplit(page.url).query) == {"q": ["deepseek"]}
    page.reload()
    page.wait_for_selector(".bb-controls:not([hidden])")
    assert page.locator("table.board tbody tr:not([hidden]) th[scope=row]").all_inner_texts() == shown
    context.close()


def test_copy_link_copies_the_view(browser, forty):
    context, page = open_board(browser, forty[2], permissions=["clipboard-read", "clipboard-write"])
    page.get_by_label("Search models (names and aliases)").fill("model-2")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_selector(".bb-status:has-text('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()") == page.url and "q=model-2" in page.url
    context.close()


def test_a_hand_edited_url_is_read_safely(browser, forty):
    url = forty[2] + "?sel=constructor&sel=__proto__&sel=Model-01&cmp=1&sort=nonsense&min=abc&family=Nope"
    context, page = open_board(browser, url)
    assert page.errors == []
    assert page.locator(".bb-compare").is_hidden()  # one real model: nothing to compare
    assert page.get_by_label("Select Model-01 to compare").is_checked()
    assert count_text(page) == "0 of 40 models"  # an unknown family matches nothing, as the link says
    page.get_by_role("button", name="Clear search and filters").click()
    assert count_text(page) == "40 of 40 models"
    context.close()
