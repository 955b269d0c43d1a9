"""Contributed Markdown loads nothing from another site: an image there would tell its server
who reads the page (review finding: `<img src="https://tracker.example/pixel.gif">` was
published as is). Links stay; an image copied into static/ and linked relatively is shown."""

from __future__ import annotations

import pytest

from benchboard.render.sanitize import clean


@pytest.mark.parametrize("src", [
    "https://tracker.example/pixel.gif", "http://t.example/p.gif", "//t.example/p.gif", "/\\t.example/p.gif",
    " https://t.example/p.gif", "HTTPS://t.example/p.gif", "\\\\t.example/p.gif", "ftp://t.example/p.gif",
    "ht&#10;tps://t.example/p.gif", "ht&#9;tp://t.example/p.gif", "/&#10;/t.example/p.gif",  # a browser drops tabs and line breaks
])
def test_an_image_from_another_site_keeps_its_alt_text_and_loses_its_address(src):
    html = clean(f'<p><img src="{src}" alt="a chart"></p>')
    assert "t.example" not in html and "tracker" not in html
    assert 'alt="a chart"' in html


def test_site_images_and_links_to_other_sites_stay():
    html = clean('<p><img src="../static/chart.png" alt="ok"> <a href="https://example.org/paper">paper</a></p>')
    assert 'src="../static/chart.png"' in html and 'href="https://example.org/paper"' in html


def test_a_markdown_page_image_from_another_site_is_not_loaded(tmp_path):
    from helpers import build_site, write_tree

    out = tmp_path / "out"
    build_site(write_tree(tmp_path / "content", {
        "results/r.yaml": "title: R\nbenchmarks: [{name: A}]\nmodels: [{name: m, scores: {A: 1}}]\n",
        "pages/about.md": "# About\n\n![pixel](https://tracker.example/pixel.gif)\n\n<img src=\"https://tracker.example/2.gif\">\n",
    }), out)
    page = (out / "about" / "index.html").read_text()
    assert "tracker.example" not in page


def test_a_line_break_inside_the_scheme_does_not_let_an_image_through():
    from benchboard.render.site import markdown_to_html

    html, _ = markdown_to_html("![px](ht&#10;tps://tracker.example/p.gif)", safe=True)
    assert "tracker.example" not in html
