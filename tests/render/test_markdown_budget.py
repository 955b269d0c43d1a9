"""All the Markdown one build process renders shares a budget of CPU time (sanitize.py
MAX_TOTAL_SECONDS), as the templates do: eight pages each just under the 10 s deadline took
63 s, and a thousand would take hours (security review). Each build starts with the whole budget."""

from __future__ import annotations

import pytest

from benchboard.errors import ContentError
from benchboard.render import sanitize
from helpers import build_site, write_tree

SLOW = "<a " * 2000  # ~0.3 s of Python-Markdown's HTML parsing when raw HTML is not escaped


def test_the_pages_markdown_is_bounded_in_all(tmp_path, monkeypatch):
    monkeypatch.setattr(sanitize, "MAX_TOTAL_SECONDS", 0.4)
    files = {f"pages/p{i}.md": f"# Page {i}\n\n{SLOW}\n" for i in range(8)}
    files["site.yaml"] = "title: T\nmarkdown: {safe: false}\n"
    files["results/r.yaml"] = "title: R\nbenchmarks: [{name: A}]\nmodels:\n  - {name: m, scores: {A: 1.0}}\n"
    content = write_tree(tmp_path / "content", files)
    with pytest.raises(ContentError) as caught:
        build_site(content, tmp_path / "out")
    assert "the site's Markdown took over 0.4 s of CPU time in all" in str(caught.value.problems[0].message)
    assert not (tmp_path / "out").exists()


def test_each_build_starts_with_the_whole_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(sanitize, "MAX_TOTAL_SECONDS", 5)
    sanitize._spent[0] = 5  # spent by an earlier build in this process
    content = write_tree(tmp_path / "content", {
        "pages/p.md": "# Page\n\nText.\n",
        "results/r.yaml": "title: R\nbenchmarks: [{name: A}]\nmodels:\n  - {name: m, scores: {A: 1.0}}\n"})
    build_site(content, tmp_path / "out")
    assert (tmp_path / "out" / "p" / "index.html").is_file()
