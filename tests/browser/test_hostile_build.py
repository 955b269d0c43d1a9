"""The hostile corpus of tests/test_security.py in Chromium: no page runs script, on load or
on clicking any of its links. Every payload sets ``window.__pwned`` or opens a dialog; a setter
installed before any page script reports the first, a dialog handler the second. A click on a
link to one of the site's pages (at most with an element's id as fragment) is answered "204 No
Content", so the browser stays on the page clicked: the loop loads each of those pages itself,
and only the click's own effect is new there. Every other link is followed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hostile_content import hostile_site

from .conftest import Server
from .sites import built_site

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the browser fixture reports it (a failure under BENCHBOARD_REQUIRE_BROWSER=1)
    PlaywrightError = Exception

pytestmark = pytest.mark.browser

WATCH = """
(() => {
  const report = (what) => { try { window.__bbReport(String(what)); } catch (e) {} };
  Object.defineProperty(window, "__pwned", {configurable: false, set: report, get: () => undefined});
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (message) => report(name + ": " + message);
  }
})();
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    files = hostile_site()
    safe = dict(files, **{"site.yaml": files["site.yaml"] + "markdown: {safe: true}\n"})
    servers = {}
    for name, content in (("default", files), ("safe", safe)):
        out = built_site(tmp_path_factory, f"security-corpus-{name}", content)
        servers[name] = (Server(out), out)
    yield servers
    for server, _ in servers.values():
        server.close()


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


def _visit(page, url: str) -> None:
    """Load ``url`` and mark its document, retrying when a click's navigation interrupts."""
    for attempt in range(5):
        try:
            page.goto(url, wait_until="load")
            page.evaluate("() => { window.__bbMark = 1; }")
            return
        except PlaywrightError:
            if attempt == 4:
                raise
            page.wait_for_timeout(200)


def _still_there(page) -> bool:
    try:
        return page.evaluate("() => window.__bbMark === 1")
    except PlaywrightError:  # the document is going away: a click navigated
        return False


def _site_page(target: str, pages: set[str]) -> str | None:
    """The page of the site ``target`` opens, if the loop loads that page itself and the link
    adds at most a plain fragment (an element's id: no site script reads the fragment)."""
    url, _, fragment = target.partition("#")
    return url if url in pages and re.fullmatch(r"[\w-]*", fragment) else None


@pytest.mark.parametrize("variant", ["default", "safe"])
def test_no_page_runs_script_on_load_or_on_any_click(browser, hostile_server, variant):
    server, site = hostile_server[variant]
    fired: list[str] = []
    context = browser.new_context()
    context.set_default_timeout(20_000)
    context.add_init_script(WATCH)
    context.expose_binding("__bbReport", lambda source, what: fired.append(f"{source['frame'].url}: {what}"))
    pages = {server.url + rel for rel in _pages(site)}
    opening: list[str | None] = [None]  # the page of this site that the click being made links to

    def answer(route) -> None:
        request = route.request
        if request.is_navigation_request() and (request.url == opening[0] or not request.url.startswith(server.origin)):
            # A link leaving the site, or to a page this loop loads by itself: 204 No Content
            # keeps the browser on the page clicked (nothing from elsewhere is loaded, and no
            # reload is needed before the next click). Every other link is followed.
            route.fulfill(status=204)
        elif request.url.startswith(server.origin):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", answer)
    page = context.new_page()
    page.on("dialog", lambda dialog: (fired.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    clicked = 0
    seen: set[str] = set()
    try:
        for rel in _pages(site):
            url = server.url + rel
            _visit(page, url)
            page.wait_for_timeout(50)
            assert fired == [], f"script ran on loading {rel}: {fired}"
            links = page.eval_on_selector_all("a", "links => links.map(a => [a.getAttribute('href'), a.href])")
            for index, (href, target) in enumerate(links):
                if target.startswith(server.origin + "/") and "#" not in target and target in seen:
                    continue  # the same page of this site was already reached by a click: nothing new runs
                seen.add(target)
                if not _still_there(page):
                    _visit(page, url)
                opening[0] = _site_page(target, pages)
                try:
                    page.evaluate("i => document.querySelectorAll('a')[i].click()", index)
                except PlaywrightError:
                    pass  # the click navigated before evaluate returned
                page.wait_for_timeout(30)
                opening[0] = None
                clicked += 1
                assert fired == [], f"script ran on clicking link {index} ({href!r}) of {rel}: {fired}"
        assert clicked > 50  # the corpus' links were really clicked
        _visit(page, server.url + "hostile-page/")
        assert page.locator("a[href='https://example.org/']").count() == 1  # sanitised, still a link
    finally:
        context.close()
