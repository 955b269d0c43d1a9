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
    "long-chart-words": ("text/whiskers.txt", '{{ "W " * 5000 }}', "wrote over 2,000 characters"),
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
