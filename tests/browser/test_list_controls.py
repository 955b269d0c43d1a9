"""The model and benchmark lists as tables (board.js, list.js) in a real Chromium, on the 40-model
site of test_board_controls: sort, compare on the model list within each report (the report
page's own verdicts), the URL round trip, the back button, downloads, JavaScript off, 360 px and
axe; the board compare panel above 200 models; and the shipped scripts against their budget."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers import write_tree

from .audit import described, wcag_violations
from .conftest import Server
from .sites import built_site
from .test_board_controls import FACTS, count_text, forty, open_board, select  # noqa: F401  (forty: a fixture)

BUDGET = 15 * 1024  # bytes before gzip, for the leaderboard script (docs/leaderboard.md)
LIST_BUDGET = 4 * 1024  # list.js, the model list's compare panel

MODELS = "table#models-list"
BENCHMARKS = "table#benchmarks-list"


def names(page, table: str = MODELS) -> list[str]:
    return page.locator(f"{table} tbody tr:not([hidden]) th[scope=row]").all_inner_texts()


def header(page, label: str, table: str = MODELS):
    return page.locator(f"{table} thead th").filter(has_text=re.compile(f"^{re.escape(label)}$"))


def report_verdicts(site: Path) -> list[tuple[str, str, str, str]]:
    """(outcome, benchmark, first, second) of each row of the report page's All comparisons table."""
    text = (site / "forty/index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="data comparisons".*?</table>', text, re.S).group(0)
    found = []
    for outcome, row in re.findall(r'<tr data-outcome="(\w+)">(.*?)</tr>', table, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        pair = re.fullmatch(r"(.+?) \([\d.]+\) vs (.+?) \([\d.]+\)", cells[1])
        found.append((outcome, cells[0], pair.group(1), pair.group(2)))
    return found


@pytest.mark.browser
def test_javascript_off_both_lists_are_full_tables_with_links(browser, forty):
    site, url = forty[:2]
    context, page = open_board(browser, url + "models/", java_script_enabled=False)
    assert page.locator(f"{MODELS} thead th").all_inner_texts() == ["Model", "Family", "Params", "Open weights", "Scores", "Reports"]
    assert page.locator(f"{MODELS} tbody tr").count() == 40 and page.locator(f"{MODELS} tbody tr:visible").count() == 40
    rows = page.locator(f"{MODELS} tbody tr")
    assert [rows.nth(i).locator("th, td").all_inner_texts() for i in (0, 1, 3, 6)] == [
        ["=SUM(1,2) model", "Epsilon", "—", "yes", "3", "1"],  # params "unknown" in models.yaml: no size
        ["Model-00", "Alpha", "1B", "yes", "3", "1"],
        ["Model-02", "Gamma", "7B", "unknown", "3", "1"],
        ["Model-05", "Alpha", "47B total, 13B active", "unknown", "3", "1"],
    ]
    for link in page.locator(f"{MODELS} tbody th a").all()[:5]:
        assert (site / "models" / link.get_attribute("href") / "index.html").is_file()
    assert page.locator("input:visible, .bb-button:visible, .bb-controls:visible, button:visible:enabled").count() == 0
    context.close()
    context, page = open_board(browser, url + "benchmarks/", java_script_enabled=False)
    assert page.locator(f"{BENCHMARKS} thead th").all_inner_texts() == ["Benchmark", "Metric", "Direction", "Unit", "Models scored", "Reports"]
    rows = page.locator(f"{BENCHMARKS} tbody tr")
    assert [rows.nth(i).locator("th, td").all_inner_texts() for i in range(rows.count())] == [
        ["One (acc)", "acc", "higher is better", "percent", "40", "1"],
        ["Three (acc)", "acc", "higher is better", "percent", "37", "1"],
        ["Two (acc)", "acc", "higher is better", "percent", "40", "1"],
    ]
    href = rows.first.locator("th a").get_attribute("href")
    assert (site / "benchmarks" / href / "index.html").is_file()
    assert page.locator("button:visible:enabled").count() == 0
    context.close()


@pytest.mark.browser
def test_sort_the_model_list_by_each_kind_of_column(browser, forty):
    context, page = open_board(browser, forty[1] + "models/")
    listed = names(page)
    params = header(page, "Params")
    params.locator("button").click()
    assert params.get_attribute("aria-sort") == "descending"  # the largest first
    sizes = [BY_SIZE[n] for n in names(page)]
    known = [s for s in sizes if s is not None]
    assert known == sorted(known, reverse=True) and sizes[len(known):] == [None] * (40 - len(known))  # unknown last
    at = names(page).index("Model-05")  # 47B total, 13B active: the mixture sorts by its total
    assert {BY_SIZE[n] for n in names(page)[:at]} == {70.0} and BY_SIZE[names(page)[at + 1]] == 34.0
    params.locator("button").click()
    known = [BY_SIZE[n] for n in names(page) if BY_SIZE[n] is not None]
    assert params.get_attribute("aria-sort") == "ascending" and known == sorted(known)
    assert all(BY_SIZE[n] is None for n in names(page)[len(known):])  # missing stays last either way
    model = header(page, "Model")
    assert model.get_attribute("aria-sort") == "none"
    model.locator("button").focus()
    page.keyboard.press("Enter")  # keyboard: back to the list's own order, by name
    assert model.get_attribute("aria-sort") == "ascending" and names(page) == listed
    page.keyboard.press("Space")
    assert model.get_attribute("aria-sort") == "descending" and names(page) == listed[::-1]
    family = header(page, "Family")
    family.locator("button").click()
    fams = [BY_NAME[n]["family"] for n in names(page)]
    assert fams == sorted(fams, key=str.casefold) and family.get_attribute("aria-sort") == "ascending"
    page.get_by_label("Search models (names and aliases)").fill("model-1")
    assert count_text(page) == "10 of 40 models" and [BY_NAME[n]["family"] for n in names(page)] == sorted(
        BY_NAME[n]["family"] for n in names(page))
    query = parse_qs(urlsplit(page.url).query)
    assert query["sort"] == ["family"] and query["order"] == ["asc"] and query["q"] == ["model-1"]
    context.close()


@pytest.mark.browser
def test_sort_the_benchmark_list(browser, forty):
    context, page = open_board(browser, forty[1] + "benchmarks/")
    scored = header(page, "Models scored", BENCHMARKS)
    scored.locator("button").click()
    assert scored.get_attribute("aria-sort") == "descending" and names(page, BENCHMARKS)[-1] == "Three (acc)"
    scored.locator("button").click()
    assert names(page, BENCHMARKS) == ["Three (acc)", "One (acc)", "Two (acc)"]  # equal counts keep the list's order
    header(page, "Benchmark", BENCHMARKS).locator("button").click()
    assert names(page, BENCHMARKS) == ["One (acc)", "Three (acc)", "Two (acc)"]  # back to name order, the default
    assert "sort" not in parse_qs(urlsplit(page.url).query)
    header(page, "Benchmark", BENCHMARKS).locator("button").click()
    assert names(page, BENCHMARKS) == ["Two (acc)", "Three (acc)", "One (acc)"]
    assert page.locator(".bb-compare, [data-act=compare]").count() == 0  # no compare on the benchmark list
    context.close()


def panel_state(page) -> dict:
    panel = page.locator(".bb-compare")
    return {"title": panel.locator("h2").inner_text(),
            "sections": panel.locator(".bb-group-part h3").all_inner_texts(),
            "gaps": panel.locator("table.bb-gaps tr").all_inner_texts(),
            "bars": panel.locator(".bb-chart svg .mark-rect path").count()}


@pytest.mark.browser
@pytest.mark.parametrize("outcome", ["within", "lead"])
def test_compare_two_models_shows_the_chart_and_the_report_pages_verdict(browser, forty, outcome):
    site, url = forty[:2]
    _, bench, first, second = next(v for v in report_verdicts(site) if v[0] == outcome and v[1] == "One")
    context, page = open_board(browser, url + "models/")
    button = page.get_by_role("button", name="Compare selected")
    assert button.is_disabled()
    select(page, [first, second])
    button.click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    state = panel_state(page)
    assert state["sections"] == ["In Forty models"]
    both = {c for c in ("One", "Two", "Three") if all(c in SCORED[n] for n in (first, second))}
    assert state["bars"] == 2 * len(both)
    assert page.locator(".bb-chart svg .mark-rule.role-mark line").count() == 2 * len(both)  # 95% intervals (n given)
    heads = page.locator(".bb-gaps thead th").all_inner_texts()
    assert heads == ["Pair"] + [f"{c} (acc)" for c in ("One", "Two", "Three") if c in both]
    row = page.locator(".bb-gaps tbody tr")
    assert row.count() == 1
    a, b = row.locator("th").inner_text().split(" vs ")
    assert {a, b} == {first, second}
    cell = row.locator("td").nth(0).inner_text()
    data = json.loads(page.locator(".bb-data").text_content())
    rep = data["reports"][0]
    shown = {n: rep["v"][rep["m"].index(i)][0] for i, n in enumerate(r["name"] for r in data["rows"]) if i in rep["m"]}
    gap = f"{shown[a] - shown[b]:+.1f}"
    word = "within uncertainty" if outcome == "within" else f"{first} ahead"  # the report page: "{first} leads"
    assert cell == f"{gap} ({word})"
    assert page.locator(".bb-none").is_hidden() and page.locator(".bb-alone").is_hidden()
    assert page.errors == []
    context.close()


@pytest.mark.browser
def test_model_list_url_round_trip_and_back_button(browser, forty):
    context, page = open_board(browser, forty[1] + "models/")
    all_rows = names(page)
    page.locator("fieldset", has_text="Open weights").get_by_label("yes", exact=True).check()
    header(page, "Scores").locator("button").click()
    header(page, "Params").locator("button").click()
    sorted_rows = names(page)
    select(page, ["Model-03", "Model-12", "Model-21"])
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    state, url = panel_state(page), page.url
    query = parse_qs(urlsplit(url).query)
    assert query["open_weights"] == ["yes"] and query["sort"] == ["params"] and query["order"] == ["desc"]
    assert query["sel"] == ["Model-03", "Model-12", "Model-21"] and query["cmp"] == ["1"]
    assert state["bars"] == 9 and len(state["gaps"]) == 4  # three models, three benchmarks; a header and 3 pairs
    context.close()
    context, page = open_board(browser, url)
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert names(page) == sorted_rows and panel_state(page) == state
    assert header(page, "Params").get_attribute("aria-sort") == "descending"
    page.get_by_role("button", name="Close comparison").click()
    assert page.locator(".bb-compare").is_hidden()
    page.go_back()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert panel_state(page) == state
    context.close()
    context, page = open_board(browser, forty[1] + "models/")
    header(page, "Reports").locator("button").click()
    page.get_by_label("Search models (names and aliases)").fill("model-2")
    filtered = names(page)
    page.go_back()
    assert names(page) == all_rows
    page.go_back()
    assert names(page) == all_rows and count_text(page) == "40 of 40 models"
    page.go_forward()
    page.go_forward()
    assert names(page) == filtered
    context.close()


@pytest.mark.browser
def test_list_downloads_equal_the_visible_rows(browser, forty):
    context, page = open_board(browser, forty[1] + "models/", accept_downloads=True)
    page.locator("fieldset", has_text="Family").get_by_label("Epsilon", exact=True).check()
    header(page, "Params").locator("button").click()
    shown = names(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    table = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert table[0] == ["name", "family", "params", "open_weights", "scores", "reports"]
    assert [r[0] for r in table[1:]] == ["'" + n if n.startswith("=") else n for n in shown]
    cells = page.locator(f"{MODELS} tbody tr:not([hidden])").evaluate_all("rows => rows.map(r => Array.from(r.cells).slice(1).map(c => c.textContent.trim()))")
    for line, row in zip(table[1:], cells):  # the page data says what the table says
        assert line[1] == row[1] and line[3] == row[3] and line[4:] == row[4:] and (line[2] or "—") == row[2]
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [r["name"] for r in data["rows"]] == shown and data["rows"][0]["scores"] == 3
    context.close()
    context, page = open_board(browser, forty[1] + "benchmarks/", accept_downloads=True)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    table = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert table == [["benchmark", "metric", "direction", "unit", "models", "reports"],
                     ["One", "acc", "higher is better", "percent", "40", "1"],
                     ["Three", "acc", "higher is better", "percent", "37", "1"],
                     ["Two", "acc", "higher is better", "percent", "40", "1"]]
    context.close()


@pytest.mark.browser
def test_model_list_at_360_px_with_the_comparison_open(browser, forty):
    context, page = open_board(browser, forty[1] + "models/", viewport={"width": 360, "height": 740})
    select(page, ["Model-01", "Model-02", "Model-03"])
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    cell = page.locator(f"{MODELS} tbody th[scope=row]").first
    assert cell.evaluate("c => getComputedStyle(c).position") == "sticky"
    context.close()


@pytest.mark.browser
def test_model_list_compare_works_from_file_urls(browser, forty):
    site = forty[0]
    context, page = open_board(browser, (site / "models/index.html").as_uri() + "?sel=Model-01&sel=Model-02&cmp=1")
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert panel_state(page)["bars"] == 6 and page.locator(".bb-gaps tbody tr").count() == 1
    assert page.errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_clean_on_the_model_list_with_the_comparison_open(browser, forty, scheme):
    context, page = open_board(browser, forty[1] + "models/", color_scheme=scheme)
    select(page, ["Model-01", "Model-02"])
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    header(page, "Params").locator("button").click()
    assert described(wcag_violations(page, scheme), scheme) == []
    context.close()


TWO_RUNS = {
    "site.yaml": "title: Two runs\n",
    "results/first.yaml": """\
        title: First run
        benchmarks: [{name: Shared, metric: acc, n: 200}, {name: Only, metric: acc, n: 200}]
        models:
          - {name: Ada, scores: {Shared: 70.0, Only: 50.0}}
          - {name: Bo, scores: {Shared: 50.0}}
        """,
    "results/second.yaml": """\
        title: Second run
        benchmarks: [{name: Shared, metric: acc, n: 200}]
        models:
          - {name: Ada, scores: {Shared: 40.0}}
          - {name: Cy, scores: {Shared: 90.0}}
          - {name: Dee, scores: {Shared: 41.0}}
        """,
    "results/third.yaml": """\
        title: Third run
        benchmarks: [{name: Shared, metric: acc, n: 200}, {name: Latency, unit: ms, higher_is_better: false}]
        models:
          - {name: Eve, scores: {Shared: 10.0, Latency: 120}}
        """,
}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    server = Server(built_site(tmp_path_factory, "two-runs", TWO_RUNS))
    yield server.url
    server.close()


@pytest.mark.browser
def test_scores_from_different_reports_are_never_compared(browser, two_runs):
    context, page = open_board(browser, two_runs + "models/")
    select(page, ["Bo", "Cy"])  # one in each report: nothing in common
    page.get_by_role("button", name="Compare selected").click()
    assert page.locator(".bb-none").is_visible() and page.locator(".bb-group-part").count() == 0
    select(page, ["Ada", "Eve"])  # Ada is in both reports: one section a report, each within its run
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    assert page.locator(".bb-group-part h3").all_inner_texts() == ["In First run", "In Second run"]
    first, second = page.locator(".bb-group-part").nth(0), page.locator(".bb-group-part").nth(1)
    assert first.locator("tbody tr").all_inner_texts() == ["Ada vs Bo\t+20.0 (Ada ahead)"]  # Shared only: Bo has no Only
    assert second.locator("tbody th").all_inner_texts() == ["Ada vs Cy"]
    assert "Cy ahead" in second.locator("tbody td").inner_text()
    assert first.locator("a.bb-report").get_attribute("href") == "../first/"
    alone = page.locator(".bb-alone")
    assert alone.is_visible() and alone.inner_text().endswith(": Eve.")  # alone in its report
    assert page.locator(".bb-none").is_hidden()
    assert page.errors == []
    context.close()


@pytest.mark.browser
def test_benchmark_list_filters_by_direction_and_unit(browser, two_runs):
    context, page = open_board(browser, two_runs + "benchmarks/")
    assert names(page, BENCHMARKS) == ["Latency", "Only (acc)", "Shared (acc)"]
    latency = page.locator(f"{BENCHMARKS} tbody tr", has_text="Latency").locator("td").all_inner_texts()
    assert latency == ["—", "lower is better", "ms", "1", "1"]
    page.locator("fieldset", has_text="Direction").get_by_label("higher is better", exact=True).check()
    assert names(page, BENCHMARKS) == ["Only (acc)", "Shared (acc)"] and count_text(page) == "2 of 3 benchmarks"
    page.locator("fieldset", has_text="Unit").get_by_label("ms", exact=True).check()
    assert names(page, BENCHMARKS) == [] and count_text(page) == "0 of 3 benchmarks"  # fields combine with AND
    assert parse_qs(urlsplit(page.url).query) == {"direction": ["higher is better"], "unit": ["ms"]}
    header(page, "Models scored", BENCHMARKS).locator("button").click()
    page.get_by_role("button", name="Clear search and filters").click()
    assert names(page, BENCHMARKS) == ["Shared (acc)", "Latency", "Only (acc)"]  # 5 models, then 1 and 2: desc
    context.close()


def test_list_verdicts_are_the_report_pages_own_and_capped(tmp_path, monkeypatch):
    """The model list's embedded letters are verdicts.compare's, pair by pair within each report;
    past the page's budget a report carries none (and the panel links its report page)."""
    from benchboard.views import boarddata
    from benchboard.analyse import boards
    from benchboard.views import catalog
    from benchboard.analyse import verdicts
    from benchboard.load.content import load_site
    from benchboard.load.units import units

    site, _ = load_site(write_tree(tmp_path / "content", TWO_RUNS))
    items = catalog.model_pages(site, boards.site_boards(site))
    reports, specs, omitted = boarddata.list_compare(items, site.reports)
    assert omitted == 0
    assert [r["title"] for r in reports] == ["First run", "Second run"]  # the third has one model: nothing to compare
    for data, report in zip(reports, site.reports):
        models = [next(m for m in report.models if m.key == items[i].name) for i in data["m"]]
        unit_of = units(report)
        pairs = [(a, b) for x, a in enumerate(models) for b in models[x + 1:]]
        for k, bench in enumerate(report.benchmarks):
            for (a, b), letter in zip(pairs, data["pairs"][k], strict=True):
                if bench.name not in a.scores or bench.name not in b.scores:
                    assert letter == "n"
                    continue
                verdict = verdicts.compare(report, bench, a, b, unit_of[bench.name], None)
                expected = {"lead": "a" if verdict.a == a.name else "b", "within": "w"}.get(verdict.outcome)
                assert letter == expected, (report.title, bench.name, a.name, b.name, verdict)
    assert reports[0]["pairs"] == ["a", "n"] and reports[1]["pairs"] == ["bwa"]  # Ada-Bo; Ada-Cy, Ada-Dee, Cy-Dee
    monkeypatch.setattr(boarddata, "MAX_LIST_VERDICTS", 2)  # the first report's 2 letters fit, the second's 3 do not
    capped, _, omitted = boarddata.list_compare(items, site.reports)
    assert capped[0]["pairs"] == reports[0]["pairs"] and capped[1]["pairs"] is None
    assert capped[1]["v"] == reports[1]["v"] and omitted == 0  # the scores are still there, for the chart
    monkeypatch.setattr(boarddata, "MAX_LIST_SCORES", 4)  # First run: 2 models x 2 benchmarks; Second run: 3 x 1 more
    capped, _, omitted = boarddata.list_compare(items, site.reports)
    assert [r["title"] for r in capped] == ["First run"] and omitted == 1
    assert [r["spec"] for r in reports] == [0, 1] and len(specs) == 2  # different columns: two specs
    assert specs[1]["usermeta"]["layers"][0]["mark"]["type"] == "bar" and "title" not in specs[1]  # the heading names the report

def test_the_model_list_says_when_reports_are_left_out(tmp_path, monkeypatch):
    """Past the page's score cap the model list leaves reports out of its compare data and says
    so (an in-process build, so the cap can be lowered to this small site)."""
    from benchboard.views import boarddata
    from benchboard.commands.build import build

    monkeypatch.setattr(boarddata, "MAX_LIST_SCORES", 4)
    build(write_tree(tmp_path / "content", TWO_RUNS), tmp_path / "out", png=False)
    text = html.unescape(re.sub(r"\s+", " ", (tmp_path / "out/models/index.html").read_text(encoding="utf-8")))
    assert ("This page carries the scores of the first 1 report (in site order) that score two or more models, "
            "up to 4 scores; 1 more report is left out here, and compared on its own page, which list every score") in text
    assert "No report this page carries scores two of these models" in text
    data = json.loads(re.search(r'class="bb-data">(.*?)</script>', text).group(1))
    assert [r["title"] for r in data["reports"]] == ["First run"]
    monkeypatch.undo()
    build(tmp_path / "content", tmp_path / "again", png=False)
    again = (tmp_path / "again/models/index.html").read_text(encoding="utf-8")
    assert "This page carries the scores" not in again and "No report scores two of these models" in again


@pytest.fixture(scope="module")
def big_board(tmp_path_factory):
    from benchboard.views.boarddata import MAX_PAIR_MODELS

    models = "".join(f"  - {{name: m{i:03d}, scores: {{A: {30 + i % 60}.5, B: {20 + i % 70}.0}}}}\n" for i in range(MAX_PAIR_MODELS + 1))
    files = {"site.yaml": "title: Big\n",
             "results/many.yaml": "title: Many models\nbenchmarks: [{name: A, n: 100}, {name: B, n: 100}]\nmodels:\n" + models}
    server = Server(built_site(tmp_path_factory, "big-board", files))
    yield server.url
    server.close()


@pytest.mark.browser
def test_a_board_above_200_models_says_where_its_verdicts_are(browser, big_board):
    context, page = open_board(browser, big_board + "boards/many-models/")  # the board's own page
    select(page, ["m001", "m002"])
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    note = page.locator(".bb-compare .bb-no-pairs")
    assert note.is_visible() and page.locator(".bb-compare .bb-gaps").is_hidden()
    assert "more than 200" in note.inner_text() and "All comparisons" in note.inner_text()
    assert note.locator("a").get_attribute("href") == "../../many/#comparisons"
    assert page.locator(".bb-compare .bb-chart svg .mark-rect path").count() == 4
    page.goto(big_board + "models/")
    page.wait_for_selector(".bb-controls:not([hidden])")
    select(page, ["m001", "m002"])
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path")
    part = page.locator(".bb-group-part")
    assert part.locator(".bb-no-pairs").is_visible() and part.locator(".bb-gaps").is_hidden()
    assert part.locator(".bb-no-pairs a").get_attribute("href") == "../many/#comparisons"
    context.close()


def test_shipped_scripts_fit_their_budget(tmp_path_factory):
    """The leaderboard script as a build writes it (not a test of speed: bench/board_filter.py)."""
    out = built_site(tmp_path_factory, "two-runs", TWO_RUNS)
    board, lists = (out / "assets/board.js").stat().st_size, (out / "assets/list.js").stat().st_size
    assert 0 < board < BUDGET, f"board.js is {board} bytes; the budget is {BUDGET}"
    assert 0 < lists < LIST_BUDGET, f"list.js is {lists} bytes; its budget is {LIST_BUDGET}"
    assert "list.js" in (out / "models/index.html").read_text(encoding="utf-8")
    assert "list.js" not in (out / "benchmarks/index.html").read_text(encoding="utf-8")
    assert "list.js" not in (out / "index.html").read_text(encoding="utf-8")


BY_NAME = {f["name"]: f for f in FACTS}
BY_SIZE = {f["name"]: f["size"] for f in FACTS}
SCORED = {f["name"]: {"One", "Two"} | (set() if 36 <= i <= 38 else {"Three"}) for i, f in enumerate(FACTS)}
