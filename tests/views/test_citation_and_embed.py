"""`citation:` gives a Cite box (BibTeX) on the index and report pages and CITATION.cff at the
site root; every report chart has an embed page (static SVG, no script) and its <iframe> snippet."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from benchboard.commands.build import build
from benchboard.errors import ContentError
from helpers import VALID_RESULT, cli, write_tree

SITE = """\
title: Lab results
description: Monthly scores.
repo_url: https://github.com/lab/results
citation:
  authors: ["Doe, Jane", "Eval Lab & Co"]
  date: 2025-06-01
  version: "2025-06"
  doi: 10.5281/zenodo.1234567
  license: CC-BY-4.0
"""


def site(tmp_path: Path, files: dict[str, str], **options) -> Path:
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "site"
    build(content, out, png=False, **options)
    return out


def cite_text(page: str) -> str:
    match = re.search(r'<details class="share" id="cite">.*?<pre><code>(.*?)</code></pre>', page, re.S)
    assert match, "no Cite box"
    return html.unescape(match.group(1))


def test_site_citation_gives_citation_cff_and_cite_boxes(tmp_path):
    out = site(tmp_path, {"site.yaml": SITE, "results/small.yaml": VALID_RESULT}, base_url="https://lab.example.org/r/")
    cff = yaml.safe_load((out / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["title"] == "Lab results" and cff["abstract"] == "Monthly scores."
    assert cff["authors"] == [{"family-names": "Doe", "given-names": "Jane"}, {"name": "Eval Lab & Co"}]
    assert cff["date-released"] == "2025-06-01" and cff["version"] == "2025-06"
    assert cff["doi"] == "10.5281/zenodo.1234567" and cff["license"] == "CC-BY-4.0"
    assert cff["url"] == "https://lab.example.org/r/" and cff["repository-code"] == "https://github.com/lab/results"
    index = cite_text((out / "index.html").read_text())
    assert index.startswith("@misc{doe2025results,\n")
    assert "author = {Doe, Jane and {Eval Lab \\& Co}}" in index  # an organisation braced, & escaped
    assert "year = {2025}" in index and "url = {https://lab.example.org/r/}" in index
    report = cite_text((out / "small/index.html").read_text())
    assert report.startswith("@misc{doe2025results-small,\n")
    assert "title = {{Small comparison}}" in report and "note = {Part of Lab results}" in report
    assert "url = {https://lab.example.org/r/small/}" in report
    assert 'href="../CITATION.cff"' in (out / "small/index.html").read_text()
    assert json.loads((out / "api/site.json").read_text())["citation"]["authors"] == ["Doe, Jane", "Eval Lab & Co"]
    assert 'href="../CITATION.cff"' in (out / "api/index.html").read_text()


def test_a_reports_own_citation_overrides_the_sites(tmp_path):
    result = VALID_RESULT + 'citation:\n  title: "Our {special} 100% run"\n  key: ours2025\n  authors: ["Roe, Rick"]\n'
    out = site(tmp_path, {"site.yaml": SITE, "results/small.yaml": result})
    text = cite_text((out / "small/index.html").read_text())
    assert text.startswith("@misc{ours2025,\n")
    assert "title = {{Our \\{special\\} 100\\% run}}" in text and "author = {Roe, Rick}" in text
    assert "year = {2025}" in text  # from the site's date


def test_no_citation_no_box_and_no_cff(tmp_path):
    out = site(tmp_path, {"site.yaml": "title: T\n", "results/small.yaml": VALID_RESULT})
    assert not (out / "CITATION.cff").exists()
    assert 'id="cite"' not in (out / "index.html").read_text()
    assert 'id="cite"' not in (out / "small/index.html").read_text()
    # a report may still give its own
    out = site(tmp_path / "b", {"site.yaml": "title: T\n", "results/small.yaml": VALID_RESULT + "citation:\n  authors: [Lab]\n"})
    assert not (out / "CITATION.cff").exists()
    page = (out / "small/index.html").read_text()
    assert "author = {{Lab}}" in cite_text(page) and "CITATION.cff" not in page


@pytest.mark.parametrize("citation, words", [
    ("citation:\n  authors: [A]\n  pages: 3\n", "pages"),
    ("citation:\n  title: No authors\n", "authors"),
    ("citation:\n  authors: [A]\n  doi: not-a-doi\n", "doi"),
])
def test_a_bad_site_citation_is_a_positioned_error(tmp_path, citation, words):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: T\n" + citation, "results/small.yaml": VALID_RESULT})
    result = cli(content, tmp_path / "site", "--no-png")
    assert result.returncode == 1
    assert re.search(r"site\.yaml:\d+:\d+: .*" + words, result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_each_report_has_a_static_embed_page_and_its_snippet(tmp_path):
    out = site(tmp_path, {"site.yaml": "title: Lab\n", "results/small.yaml": VALID_RESULT})
    embed = (out / "small/embed/index.html").read_text()
    assert "<script" not in embed and "<svg" in embed
    assert '<a href="../" target="_top">Small comparison</a>' in embed
    assert 'href="../../assets/style.css"' in embed
    page = (out / "small/index.html").read_text()
    snippet = html.unescape(re.search(r'id="embed">.*?<pre><code>(.*?)</code>', page, re.S).group(1))
    assert re.fullmatch(r'<iframe src="embed/" title="Small comparison" width="\d+" height="\d+" style="border: 0; max-width: 100%;" loading="lazy"></iframe>', snippet)
    assert "set <code>base_url</code>" in page  # a relative address is said to be one


def test_with_base_url_the_snippet_is_absolute_and_escaped(tmp_path):
    result = VALID_RESULT.replace("title: Small comparison", 'title: "Quotes \\" and <tags>"')
    out = site(tmp_path, {"site.yaml": "title: Lab\n", "results/small.yaml": result}, base_url="https://lab.example.org/r/")
    page = (out / "small/index.html").read_text()
    snippet = html.unescape(re.search(r'id="embed">.*?<pre><code>(.*?)</code>', page, re.S).group(1))
    assert snippet.startswith('<iframe src="https://lab.example.org/r/small/embed/" title="Quotes &#34; and &lt;tags&gt;"')
    assert "<tags>" not in page
    embed = (out / "small/embed/index.html").read_text()
    assert '<link rel="canonical" href="https://lab.example.org/r/small/">' in embed
    assert "<tags>" not in embed


def test_citation_is_read_by_the_loader_not_ignored(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: T\ncitation: {authors: []}\n", "results/small.yaml": VALID_RESULT})
    with pytest.raises(ContentError):
        build(content, tmp_path / "site", png=False)


def test_static_files_may_not_overwrite_the_api_or_the_generated_citation(tmp_path):
    files = {"site.yaml": SITE, "results/small.yaml": VALID_RESULT, "static/CITATION.cff": "cff-version: 1.2.0\n",
             "static/api/site.json": "{}"}
    content = write_tree(tmp_path / "content", files)
    result = cli(content, tmp_path / "site", "--no-png")
    assert result.returncode == 1
    assert "static/CITATION.cff: would overwrite the CITATION.cff the site writes" in result.stderr
    assert "static/api/site.json: would overwrite a file the site generates" in result.stderr
    # without citation: a hand-written CITATION.cff is published as is
    files = {"site.yaml": "title: T\n", "results/small.yaml": VALID_RESULT, "static/CITATION.cff": "cff-version: 1.2.0\n"}
    out = site(tmp_path / "b", files)
    assert (out / "CITATION.cff").read_text() == "cff-version: 1.2.0\n"
