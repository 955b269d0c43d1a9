"""The frontier views in a browser: the static SVG with JavaScript off; on request the
interactive chart (vendored Vega, no other origin), from file:// and under a Pages subpath, at
1280 and 360 px (the phone layout the spec carries), with names Vega would misread."""

from __future__ import annotations

import pytest

from helpers import StaticServer, write_tree
from benchboard.commands.build import build

SITE = {
    "site.yaml": "title: Frontier\nfrontier:\n  fields:\n    - {key: price, title: toString, lower_is_better: true}\n",
    "models.yaml": """\
        models:
          - {name: constructor, family: toString, params: 8B, released: 2024-01-05, fields: {price: 0.2}}
          - {name: __proto__, family: valueOf, params: 70B, released: 2024-06-01, fields: {price: 0.9}}
          - {name: toString, family: constructor, params: {total: 47B, active: 13B}, released: 2024-03-01, fields: {price: 0.5}}
          - {name: "a\\u2028b <script>window.__xss=1</script>", family: hasOwnProperty, params: 3B, released: 2023-03-01}
          - {name: No size, family: valueOf, params: unknown}
        """,
    "results/r.yaml": """\
        title: R
        benchmarks: [{name: constructor, n: 2000}, {name: toString, n: 500}]
        models:
          - {name: constructor, scores: {constructor: 50.0, toString: 40}}
          - {name: __proto__, scores: {constructor: 80.0, toString: 60}}
          - {name: toString, scores: {constructor: 60.0, toString: 50}}
          - {name: "a\\u2028b <script>window.__xss=1</script>", scores: {constructor: 30.0, toString: 20}}
          - {name: No size, scores: {constructor: 90.0, toString: 10}}
        """,
}


@pytest.fixture(scope="module")
def frontier_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("frontier")
    out = root / "pages" / "project"
    build(write_tree(root / "content", SITE), out, png=False)
    return out


def _open(page):
    page.evaluate("document.querySelectorAll('details.frontier').forEach(d => d.open = true)")


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("where", ["file", "subpath"])
def test_the_interactive_chart_draws_on_request(browser, frontier_site, width, where):
    server = StaticServer(frontier_site, "/project/") if where == "subpath" else None
    try:
        url = (server.url if server else frontier_site.as_uri() + "/") + "benchmarks/constructor/index.html"
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        errors, origins = [], set()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: origins.add(r.url.split("/")[2] if "://" in r.url and not r.url.startswith("file:") else "file"))
        page.goto(url)
        _open(page)
        buttons = page.locator("[data-frontier-toggle]")
        assert buttons.count() >= 3  # parameters, active parameters, release date, the declared field
        for i in range(buttons.count()):
            button = buttons.nth(i)
            view = button.get_attribute("data-frontier-toggle")
            button.click()
            page.wait_for_selector(f"#{view}-interactive svg .mark-symbol", timeout=20000)
            assert button.get_attribute("aria-expanded") == "true"
            legend = page.eval_on_selector(f"#{view}-interactive svg.marks", "s => s.textContent")
            assert "toString" in legend and "constructor" in legend  # the legend names families, not keys
            assert "f0" not in legend.replace("of0", "")
            box = page.eval_on_selector(f"#{view}-interactive svg.marks", "s => s.getBoundingClientRect().right")
            assert box <= width, (view, box)
            assert page.eval_on_selector(f"#{view}-static", "n => n.classList.contains('is-replaced')")
            if i == 0:  # a point's tooltip names its model, from the data (never from Vega code)
                page.locator(f"#{view}-interactive svg.marks .mark-symbol path").first.hover(force=True)
                page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
                tip = page.evaluate("document.getElementById('vg-tooltip-element').textContent")
                names = ("constructor", "__proto__", "toString", "a\u2028b <script>window.__xss=1</script>")
                assert any(tip.startswith(f"{name}: ") for name in names) and "95% interval" in tip, tip
        page.locator("[data-frontier-toggle]").first.click()  # back to the static chart
        assert page.locator("[data-frontier-toggle]").first.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("window.__xss") is None
        assert errors == []
        assert origins <= {"file", server.origin.split("/")[2] if server else "file"}, origins
        context.close()
    finally:
        if server:
            server.close()


def test_without_javascript_the_static_chart_is_the_chart(browser, frontier_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 900})
    page = context.new_page()
    page.goto(frontier_site.as_uri() + "/benchmarks/constructor/index.html")
    assert page.locator("[data-frontier-toggle]").first.is_hidden()
    assert page.locator(".frontier-view .chart-static svg[role=img]").count() >= 3
    assert page.locator(".frontier-interactive").first.is_hidden()
    page.locator("details.frontier > summary").click()  # a disclosure opens without JavaScript
    narrow = page.locator(".frontier-view .frontier-narrow svg").first
    wide = page.locator(".frontier-view .frontier-wide svg").first
    assert narrow.is_visible() and narrow.get_attribute("aria-hidden") == "true"
    assert wide.bounding_box()["width"] <= 1  # visually hidden below the breakpoint; read by assistive technology
    assert narrow.bounding_box()["x"] + narrow.bounding_box()["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
