"""What a site's template override writes is checked as it streams (render/written.py): a
character no page, SVG or feed can hold (NUL, a lone surrogate) and more words than a chart is
ever drawn with are stopped inside the template, as content errors at its file and line (exit 1,
OUT untouched); before, NUL in a chart's words aborted vl-convert (exit 134), a surrogate failed
the page's encoding (exit 4), and 100,000 characters in the whisker sentence cost the chart
drawing minutes that no template deadline stops (security review)."""

from __future__ import annotations

import pytest

from benchboard.errors import ContentError
from helpers import build_site, write_tree

RESULT = """title: R1
benchmarks: [{name: A, n: 100}, {name: B, n: 100}]
models:
  - {name: m1, params: 7B, scores: {A: 50, B: 60}}
  - {name: m2, params: 70B, scores: {A: 55, B: 40}}
"""

CASES = {
    "nul-in-chart-words": ("text/whiskers.txt", '{{ "%c"|format(0) }}', "wrote U+0000"),
    "nul-in-a-sentence": ("text/overview.txt", 'Overview {{ "%c"|format(1) }}', "wrote U+0001"),
    "surrogate-in-a-page": ("404.html", '{{ "%c"|format(55296) }}', "wrote U+D800"),
    "long-chart-words": ("text/whiskers.txt", '{{ "W " * 5000 }}', "wrote over 8,000 characters"),
    "long-frontier-words": ("text/frontier.txt", '{% for i in range(3) %}{{ "x" * 100000 }}{% endfor %}',
                            "wrote over 200,000 characters"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_templates_unwritable_or_oversized_output_is_a_content_error(tmp_path, case):
    template, body, said = CASES[case]
    content = write_tree(tmp_path / "content", {"results/r1.yaml": RESULT, f"templates/{template}": body})
    out = tmp_path / "out"
    with pytest.raises(ContentError) as caught:
        build_site(content, out)
    (problem,) = caught.value.problems
    assert problem.path.endswith(f"templates/{template}") and problem.line == 1, problem
    assert said in problem.message and "template error" in problem.message
    assert not out.exists()


def test_the_themes_own_longest_chart_words_are_within_the_bound(tmp_path):
    """Names at the 200-character limit, three whiskers cut at a declared axis and three columns
    without uncertainty: the theme's whisker sentence is ~2,400 characters, which the first bound
    (2,000) refused with exit 4 (review); the bound is above what the theme can write."""
    long = lambda kind, i: f"{kind}-{i}-" + "y" * (200 - len(f"{kind}-{i}-"))  # noqa: E731
    benches = "".join(f"  - {{name: {long('B', i)}, unit: points}}\n" for i in range(6))
    models = "".join(
        f"  - name: {long('M', m)}\n    scores:\n" + "".join(
            f"      {long('B', i)}: {{value: {95 if m == 0 else 50 + m}, stderr: 8}}\n" if i < 3 else f"      {long('B', i)}: {50 + m}\n"
            for i in range(6))
        for m in range(3))
    content = write_tree(tmp_path / "content", {"results/w.yaml": f"title: W\ny_range: [0, 100]\nbenchmarks:\n{benches}models:\n{models}"})
    build_site(content, tmp_path / "out")
    page = next((tmp_path / "out").glob("w/index.html")).read_text()
    assert "3 whiskers reach past the axis range and are cut at its edge (M-0-" in page


def test_a_markdown_page_with_a_control_character_is_a_content_error_at_its_line(tmp_path):
    """A form feed in pages/about.md was written into the page, and with any template override
    the page's output check refused it as an internal error naming the theme's page.html
    (review): the page is checked when it is read, as YAML is."""
    content = write_tree(tmp_path / "content", {"results/r1.yaml": RESULT, "pages/about.md": "# About\n\nText\n\x0c more.\n",
                                                "templates/404.html": "{% extends 'theme/404.html' %}"})
    with pytest.raises(ContentError) as caught:
        build_site(content, tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.path.endswith("pages/about.md") and problem.line == 4 and "U+000C" in problem.message
