"""A link checker over the built example: every href and src resolves, from the file system
(as file:// does) and served under a /repo/ prefix (as GitHub project pages are)."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from helpers import StaticServer


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(example_site) -> Path:
    return example_site


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_internal_link_resolves_on_the_file_system(built):
    checked = 0
    for page in pages(built):
        for tag, attribute, url in parse(page).links:
            parts = urlparse(url)
            if parts.scheme in ("http", "https", "mailto"):
                assert tag == "a", f"{page}: {tag} {attribute} loads a third-party resource {url}"
                continue
            assert not url.startswith("/"), f"{page}: root-relative link {url} breaks under a project subpath"
            target = (page.parent / parts.path).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(built)}: dead link {url}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parse(target).ids, f"{page.relative_to(built)}: no #{parts.fragment} in {target.name}"
            checked += 1
    assert checked > 50


def test_every_link_works_under_a_repo_prefix(built):
    server = StaticServer(built, "/repo/")
    base = server.url
    try:
        seen: set[str] = set()
        queue = [base]
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
            except urllib.error.HTTPError as error:
                raise AssertionError(f"{url}: HTTP {error.code}") from None
            if "text/html" in kind:
                parser = Links()
                parser.feed(body.decode())
                for _, _, link in parser.links:
                    absolute = urljoin(url, link).split("#")[0]
                    if absolute.startswith(base):
                        queue.append(absolute)
                    else:
                        assert not absolute.startswith(server.origin + "/"), f"{url} leaves /repo/: {link}"
        assert len(seen) > 15
        assert base + "distilled-reasoning/chart.png" in seen and base + "assets/chart.js" in seen
    finally:
        server.close()
