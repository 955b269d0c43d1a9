"""A site changes the theme one piece at a time: one block of a page, or one sentence
template, without copying anything else (docs/format.md, "Templates")."""

from __future__ import annotations

import shutil

from helpers import EXAMPLE, cli, write_tree


def _example_with(tmp_path, files: dict[str, str]):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    write_tree(content, files)
    return content


def test_a_site_overrides_one_block_of_the_report_page(tmp_path):
    content = _example_with(tmp_path, {"templates/report.html": """\
        {% extends "theme/report.html" %}
        {% block methods %}<section aria-labelledby="methods"><h2 id="methods">How we scored</h2><p>Our own words.</p></section>{% endblock %}
        """})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/distilled-reasoning/index.html").read_text()
    assert "How we scored" in page and "Our own words." in page
    assert "Newcombe" not in page.split('id="methods"')[1].split("</section>")[0]  # the theme's methods text is gone
    for kept in ('id="overview"', 'id="observations"', 'id="comparisons"', "chart-static", "data.csv"):
        assert kept in page, kept  # every other block is the theme's


def test_a_site_overrides_one_sentence_template(tmp_path):
    content = _example_with(tmp_path, {"templates/observations/highest.txt": (
        "{{ fact.benchmark }} tops the chart for every model here.\n")})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/distilled-reasoning/index.html").read_text()
    assert "MATH-500 tops the chart for every model here." in page
    assert "is every model's highest-scoring benchmark" not in page
    assert "AM-Distill-Qwen-72B</a> has the highest score on all 4 benchmarks" in page  # leader.txt is still the theme's


def test_theme_prefix_cannot_reach_outside_the_theme(tmp_path):
    content = _example_with(tmp_path, {"templates/report.html": '{% extends "theme/../../../etc/passwd" %}\n'})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "root:" not in result.stderr


def test_model_names_in_generated_text_link_to_their_pages(tmp_path):
    content = write_tree(tmp_path / "content", {"results/r.yaml": """\
        title: Links
        benchmarks: [{name: AIME, n: 100}, {name: B, n: 100}]
        models:
          - {name: A, scores: {AIME: 90.0, B: 80.0}}
          - {name: A-70B, scores: {AIME: 50.0, B: 40.0}}
          - {name: "<A & B>", scores: {AIME: 10.0, B: 20.0}}
        """})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/r/index.html").read_text()
    observations = page.split('id="observations"')[1].split("</ul>")[0]
    assert '<a href="../models/a/">A</a> has the highest score' in observations
    assert "AIME" in observations and ">A</a>IME" not in page and 'models/a/">A</a>-70B' not in page
    assert '<a href="../models/a-70b/">A-70B</a>' in page
    assert "&lt;A &amp; B&gt;</a>" in page and "<A & B>" not in page  # escaped, and still linked
