"""The site in a real Chromium: rendering, JS off, interactive chart, sorting, file://,
accessibility (axe-core), HTML validity (Nu checker) and hostile input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .audit import described, wcag_violations
from .conftest import ARTIFACTS, PAYLOADS

pytestmark = pytest.mark.browser


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def axe_pages(site: Path) -> list[str]:
    """Every page, except that of the model and benchmark pages (one template each, differing
    only in their rows) two of each are audited; the Nu checker still reads every page."""
    pages, seen = [], {}
    for rel in html_pages(site):
        parts = rel.split("/")
        kind = parts[0] if len(parts) == 3 and parts[0] in ("models", "benchmarks") else None
        if kind:
            seen[kind] = seen.get(kind, 0) + 1
            if seen[kind] > 2:
                continue
        pages.append(rel)
    return pages


def page_url(base: str, rel: str) -> str:
    return base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


class Recorder:
    """Console errors, page errors, dialogs and every request a page makes."""

    def __init__(self, page, allowed_prefix: str):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.allowed = allowed_prefix
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.allowed) and not u.startswith(("data:", "blob:", "about:"))]


def open_page(browser, url: str, allowed: str, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    recorder = Recorder(page, allowed)
    page.goto(url, wait_until="load")
    return context, page, recorder


def expected_bars(site: Path, report: str) -> int:
    data = json.loads((site / report / "data.json").read_text())
    return sum(len(m["scores"]) for m in data["models"])


class Visit:
    """One page of a site as loaded in Chromium: what it logged and requested once loaded, its
    static chart's bars, and axe's violations in light and in dark mode (None where not audited)."""

    def __init__(self, browser, site: Path, server, rel: str, audit: bool):
        context, page, recorder = open_page(browser, page_url(server.url, rel), server.url)
        page.wait_for_timeout(100)
        self.rel, self.errors, self.foreign = rel, list(recorder.errors), recorder.foreign()
        self.bars = page.locator("#chart-static svg path[aria-roledescription='bar']").count()
        self.axe: dict[str, list[str]] = {}
        if audit:  # the dark theme is CSS only (prefers-color-scheme): switched on the loaded page
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
                self.axe[scheme] = described(wcag_violations(page, scheme), f"{rel} [{scheme}]")
        context.close()


@pytest.fixture(scope="module")
def visits(browser, sites, servers):
    """Every page of a site, each loaded once for the load and axe tests below."""
    done: dict[str, list[Visit]] = {}

    def visit(name: str) -> list[Visit]:
        if name not in done:
            audited = set(axe_pages(sites[name]))
            done[name] = [Visit(browser, sites[name], servers[name], rel, rel in audited) for rel in html_pages(sites[name])]
        return done[name]

    return visit


@pytest.mark.parametrize("name", ["example", "multi"])
def test_every_page_loads_cleanly_and_stays_on_the_site(sites, visits, name):
    site = sites[name]
    for visit in visits(name):
        rel = visit.rel
        assert visit.errors == [], f"{rel}: console errors {visit.errors}"
        assert visit.foreign == [], f"{rel}: requests leaving the site {visit.foreign}"
        if (site / rel).parent != site and (site / rel).parent.joinpath("data.json").exists():
            report = (site / rel).parent.name
            assert visit.bars == expected_bars(site, report), rel


@pytest.mark.parametrize("width", [360, 1280])
def test_the_embed_page_serves_the_phone_layout_in_a_narrow_frame(browser, sites, servers, width):
    """The embed page (what other sites iframe) switches to chart-narrow.svg below the chart's
    breakpoint, as the report page does: at 360 px its labels are drawn at full size, not the
    wide chart shrunk to ~3 px text (review R10)."""
    context, page, recorder = open_page(browser, servers["example"].url + "distilled-reasoning/embed/", servers["example"].url,
                                        viewport={"width": width, "height": 740})
    narrow, wide = page.locator(".chart-static img.chart-narrow"), page.locator(".chart-static .chart-wide svg")
    if width == 360:
        page.wait_for_function("document.querySelector('img.chart-narrow').complete")
        box = narrow.bounding_box()
        assert box and box["width"] <= 360 and box["width"] >= 0.9 * page.evaluate("document.querySelector('img.chart-narrow').naturalWidth")
        assert wide.bounding_box()["width"] <= 1  # visually hidden, still read by assistive technology
    else:
        assert not narrow.is_visible() and wide.bounding_box()["width"] > 600
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert recorder.errors == [] and recorder.foreign() == []
    context.close()


def test_javascript_off_still_shows_chart_and_table(browser, sites, servers):
    server = servers["example"]
    context, page, _ = open_page(browser, server.url + "distilled-reasoning/", server.url, java_script_enabled=False)
    chart = page.locator("#chart-static svg")
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200
    assert page.locator("#chart-static svg path[aria-roledescription='bar']").count() == 16
    assert page.locator("table#scores tbody tr").count() == 4
    assert not page.locator("[data-chart-toggle]").is_visible()  # the button needs JS: hidden without it
    context.close()


def test_no_dead_buttons_without_javascript(browser, sites, servers):
    """Every button a reader can press works: without JS, sort buttons are disabled and JS-only
    controls hidden; with JS, the sort buttons are enabled and sort."""
    server = servers["example"]
    for rel in ("", "distilled-reasoning/", "models/"):
        context, page, _ = open_page(browser, server.url + rel, server.url, java_script_enabled=False)
        live = page.locator("button:visible:enabled")
        assert live.count() == 0, (rel, [live.nth(i).inner_text() for i in range(live.count())])
        context.close()
    context, page, _ = open_page(browser, server.url + "distilled-reasoning/", server.url)
    header = page.locator("table#scores thead th").nth(1)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    context.close()


def _interactive(page) -> None:
    page.click("[data-chart-toggle]")
    page.wait_for_selector("#chart-interactive svg path[aria-roledescription='bar'], #chart-interactive svg .mark-rect path", timeout=15000)


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_interactive_chart_renders_the_same_bars_with_tooltips(browser, sites, servers, scheme):
    site, server = sites["example"], servers["example"]
    url = server.url + "distilled-reasoning/" if scheme == "http" else (site / "distilled-reasoning/index.html").as_uri()
    allowed = server.url if scheme == "http" else site.as_uri()
    context, page, recorder = open_page(browser, url, allowed)
    _interactive(page)
    bars = page.locator("#chart-interactive svg .mark-rect.role-mark path")
    assert bars.count() == 16
    assert "url(#bb-distilled-reasoning-hatch-0)" in (bars.first.get_attribute("fill") or "")
    bars.nth(2).hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "AM-Distill-Qwen-32B — GPQA Diamond: 64.3%" in tooltip.inner_text()
    assert recorder.errors == [] and recorder.foreign() == []
    assert page.locator("#chart-static").evaluate("e => e.classList.contains('is-replaced')")
    context.close()


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_leaderboard_sorts_by_click_and_keyboard(browser, sites, servers, scheme):
    site, server = sites["multi"], servers["multi"]
    url = server.url + "boards/alpha-comparison/" if scheme == "http" else (site / "boards/alpha-comparison/index.html").as_uri()
    context, page, _ = open_page(browser, url, server.url if scheme == "http" else site.as_uri())
    table = page.locator("table.board").first  # the first board's own page: Alpha comparison
    header = table.locator("thead tr").last.locator("th", has_text="Model")

    def names() -> list[str]:
        return table.locator("tbody th[scope=row]").all_inner_texts()

    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert names() == sorted(names(), key=str.casefold)
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert names() == sorted(names(), key=str.casefold, reverse=True)
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "ascending"
    # A numeric column sorts by value, missing scores last.
    one = table.locator("thead tr").last.locator("th", has_text="One")
    one.locator("button").click()
    assert one.get_attribute("aria-sort") == "descending"
    index = table.locator("thead tr").last.locator("th").all_inner_texts().index(one.inner_text())
    values = [c or None for c in table.locator(f"tbody tr td:nth-child({index + 1}), tbody tr th:nth-child({index + 1})").evaluate_all("cells => cells.map(c => c.getAttribute('data-value'))")]
    present = [float(v) for v in values if v]
    assert present == sorted(present, reverse=True) and values[len(present):] == [None] * (len(values) - len(present))
    context.close()


def test_screenshots_light_and_dark(browser, servers):
    ARTIFACTS.mkdir(exist_ok=True)
    server = servers["example"]
    for scheme in ("light", "dark"):
        context, page, _ = open_page(browser, server.url + "distilled-reasoning/", server.url,
                                     color_scheme=scheme, viewport={"width": 1100, "height": 1000})
        path = ARTIFACTS / f"report-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 20_000
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert (background == "rgb(13, 17, 23)") == (scheme == "dark")
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["example", "multi"])
def test_axe_finds_no_wcag_violations(sites, visits, name, scheme):
    pages = axe_pages(sites[name])
    assert any(p.startswith("models/") for p in pages) and any(p.startswith("benchmarks/") for p in pages)
    audited = [visit for visit in visits(name) if visit.axe]
    assert [visit.rel for visit in audited] == pages
    assert [problem for visit in audited for problem in visit.axe[scheme]] == []


def test_nu_html_checker_finds_no_errors(sites, vnu_jar):
    files = [str(site / rel) for site in sites.values() for rel in html_pages(site)]
    # One Java for every page. C1 only (TieredStopAtLevel=1): the JIT's second tier costs more
    # than it saves in a run this short (~2 s instead of ~9 s on 2 cores); C1's larger frames
    # need a larger thread stack than the 512k the checker asks for.
    java = ["java", "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar)]
    result = subprocess.run([*java, "--errors-only", "--format", "json", *files], capture_output=True, text=True, timeout=300)
    output = result.stderr or result.stdout
    assert output.startswith("{"), output  # the checker's JSON, not a Java error
    messages = json.loads(output)["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"]
    assert errors == []
    assert len(files) >= 8


def test_hostile_input_never_runs_and_is_shown_as_text(browser, sites, servers):
    site, server = sites["hostile"], servers["hostile"]
    opened = []  # every page stays open (its own context) until all are loaded: one wait for them all
    try:
        for rel in html_pages(site):
            context, page, recorder = open_page(browser, page_url(server.url, rel), server.url)
            opened.append((rel, context, page, recorder))
            if (site / rel).parent.name == "hostile" and (site / rel).parent.joinpath("data.json").exists():
                _interactive(page)
                page.locator("#chart-interactive svg .mark-rect.role-mark path").first.hover()
                page.locator("#vg-tooltip-element").wait_for(state="visible", timeout=5000)  # the tooltip shows a hostile name
                text = page.locator("body").inner_text()
                for payload in PAYLOADS:
                    assert payload in text, f"{rel}: payload not shown as text: {payload}"
                assert "TEMPLATE" not in text.replace("{% if true %}TEMPLATE{% endif %}", "")  # never evaluated
        opened[-1][2].wait_for_timeout(200)  # the last page loaded has had 200 ms too, the others longer
        for rel, context, page, recorder in opened:
            assert page.evaluate("typeof window.__xss") == "undefined", f"{rel}: a payload ran"
            assert recorder.dialogs == [], f"{rel}: a dialog opened"
            assert recorder.foreign() == [], f"{rel}: {recorder.foreign()}"  # e.g. no <img src=x> request
            body = page.content()
            if rel == "api/index.html" or rel.endswith("/embed/index.html"):  # they show the report's title, not the description
                assert PAYLOADS[0] in page.locator("body").inner_text(), rel
            else:
                assert "{{ 7*7 }}" in page.locator("body").inner_text() or rel == "404.html"
            assert "javascript:" not in body
    finally:
        for _, context, _, _ in opened:
            context.close()
