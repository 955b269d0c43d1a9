"""Every sentence a reader sees comes from a template (issue 18): a site overrides one text
template and sees it wherever that sentence goes (page, SVG, Vega-Lite spec, observations.json);
a hostile override is a content error, never a hang, a crash or code run."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from helpers import EXAMPLE, cli, short_page_deadline, snapshot, write_tree
from benchboard.views.chartspec import safe_text

REPORT = "distilled-reasoning"


def _build_with(tmp_path, overrides: dict[str, str], *args: str, env: dict | None = None):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    write_tree(content, overrides)
    out = tmp_path / "out"
    return cli(content, out, "--no-png", *args, env=env), out


def _read(out, name: str) -> str:
    return (out / REPORT / name).read_text(encoding="utf-8")


def _section(page: str, section_id: str) -> str:
    return page.split(f'id="{section_id}"')[1].split("</section>")[0]


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_an_overridden_interpretation_is_computed_from_its_variables(tmp_path):
    result, out = _build_with(tmp_path, {"templates/text/interpretation.txt": (
        "{% if leader %}Our reading: {{ leader.leaders[0] }} tops {{ leader.count }} of {{ leader.of }};\n"
        "{{ extremes | length }} agreed extremes; W {{ consistency.w if consistency else 'none' }}; {{ closing }}.{% endif %}\n")})
    assert result.returncode == 0, result.stderr
    section = _plain(_section(_read(out, "index.html"), "interpretation"))
    assert "Our reading: AM-Distill-Qwen-72B tops 4 of 4; 2 agreed extremes; W 0.83; differ." in section
    assert "the data say nothing about why" not in section  # the theme's wording is gone
    assert "Newcombe" in _section(_read(out, "index.html"), "methods")  # and only it: methods.txt is the theme's


def test_an_overridden_whisker_note_reaches_the_caption_the_svg_and_the_spec(tmp_path):
    result, out = _build_with(tmp_path, {"templates/text/whiskers.txt": (
        "{{ bars }} bars & whiskers{% if without %}, bare on {{ without | join(' / ') }}{% endif %}.\n")})
    assert result.returncode == 0, result.stderr
    sentence = "12 bars & whiskers, bare on LiveCodeBench."
    page = _read(out, "index.html")
    caption = page.split('<figcaption id="chart-caption">')[1].split("</figcaption>")[0]
    assert sentence.replace("&", "&amp;") in caption
    assert sentence.replace("&", "&amp;") in _section(page, "components")  # an item of the text alternative
    svg = _read(out, "chart.svg")
    desc = svg.split("<desc")[1].split("</desc>")[0]
    assert sentence.replace("&", "&amp;") in desc
    assert ">" + sentence.replace("&", "&amp;") + "<" in svg  # the drawn subtitle
    spec = json.loads(_read(out, "chart.vl.json"))
    assert spec["title"]["subtitle"] == {"expr": safe_text([sentence])}  # read through an expression (chartspec.safe_titles)
    assert "Whiskers: 95% intervals" not in page + svg


def test_overridden_headings_reach_the_page_and_observations_json(tmp_path):
    result, out = _build_with(tmp_path, {"templates/text/leads.txt": "{{ kind | upper }} <{{ fact | length }}>\n"})
    assert result.returncode == 0, result.stderr
    leads = [o["lead"] for o in json.loads(_read(out, "observations.json"))["observations"]]
    assert leads and all(re.fullmatch(r"[A-Z_]+ <\d+>", lead) for lead in leads), leads
    assert "LEADER <" in " ".join(leads)
    page = _read(out, "index.html")
    assert "<strong>LEADER &lt;" in page and "<strong>Top model:" not in page


def test_an_overridden_tooltip_is_each_bar_title_and_the_interactive_tooltip(tmp_path):
    result, out = _build_with(tmp_path, {"templates/text/tooltip.txt": (
        "{{ benchmark }} — {{ model }} scored {{ display }}{{ unit }}{{ ' ±' if interval }}\n")})
    assert result.returncode == 0, result.stderr
    tooltips = [row["tooltip"] for row in json.loads(_read(out, "chart.vl.json"))["data"]["values"]]
    assert len(tooltips) == 16
    assert "GPQA Diamond — AM-Distill-Qwen-32B scored 64.3% ±" in tooltips
    assert "<title>GPQA Diamond — AM-Distill-Qwen-32B scored 64.3% ±</title>" in _read(out, "chart.svg")


def test_an_overridden_mean_note_is_under_the_table(tmp_path):
    result, out = _build_with(tmp_path, {"templates/text/mean_note.txt": (
        "Averaged ({{ mean.case }}): {{ mean.higher | join(' + ') }}.\n")})
    assert result.returncode == 0, result.stderr
    legend = _read(out, "index.html").split('class="table-legend"')[1].split("</p>")[0]
    assert "Averaged (one_unit): AIME 2024 + MATH-500 + GPQA Diamond + LiveCodeBench." in legend
    assert "Coverage counts the scores it rests on" not in legend


def test_shared_macros_serve_both_folders_and_the_old_import_still_works(tmp_path):
    result, out = _build_with(tmp_path, {
        "templates/observations/highest.txt": (
            '{% from "observations/_macros.txt" import names, plural %}'
            "{{ names([fact.benchmark] + fact.tied_with) }}: {{ plural(fact.models, 'model') }} agree.\n"),
        "templates/text/table_note.txt": '{% from "text/_macros.txt" import names, plural %}'
                                         "Ranks on {{ plural(4, 'benchmark') }}.\n",
    })
    assert result.returncode == 0, result.stderr
    page = _read(out, "index.html")
    assert "MATH-500: 4 models agree." in _section(page, "observations")
    assert "Ranks on 4 benchmarks." in page


def test_a_chart_that_leaves_models_out_says_how_many_it_compares(tmp_path):
    # Found while moving the overview: it said "comparing 15 models" of a chart drawing 12.
    # (12 of 15 models are drawn ranked: a grouped chart draws up to 8.)
    models = "".join(f"  - {{name: M{i}, scores: {{A: {40 + i}.0, B: {30 + i}.0}}}}\n" for i in range(15))
    content = write_tree(tmp_path / "content", {"results/r.yaml": "title: Many\nmax_bars: 12\nbenchmarks: [{name: A}, {name: B}]\nmodels:\n" + models,
                                                "results/s.yaml": "title: Some\nmax_bars: 5\nbenchmarks: [{name: A}, {name: B}]\nmodels:\n" + models[:models.index("  - {name: M7")]})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/r/index.html").read_text()
    overview = _plain(_section(page, "overview"))
    assert "Sorted horizontal bars comparing 12 of the 15 models on 2 benchmarks (A and B)" in overview
    assert "The chart shows the top 12 of 15 by mean — the table lists all." in _plain(_section(page, "components"))
    page = (tmp_path / "out/s/index.html").read_text()
    overview = _plain(_section(page, "overview"))
    assert "A grouped bar chart comparing 5 of the 7 models on 2 benchmarks (A and B)" in overview
    assert "The chart shows the top 5 of 7 by mean — the table lists all." in _plain(_section(page, "components"))


HOSTILE = {
    "unsafe attribute": ("text/overview.txt", "{{ ''.__class__.__mro__[1].__subclasses__() }}\n", r"unsafe"),
    "huge output": ("text/components.txt", "{% for i in range(200) %}{{ 'x' * 100000 }}{% endfor %}\n", r"wrote over 5,000,000 characters"),
    "huge repeat": ("text/methods.txt", "{{ 'x' * 10000000000 }}\n", r"too much for a template"),
    "unbounded range": ("text/mean_note.txt", "{% for i in range(10000000000) %}{% endfor %}\n", r"range"),
    "runaway recursion": ("text/leads.txt", "{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}{{ again(0) }}\n", r"recursion"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_text_template_is_a_content_error(tmp_path, case):
    name, template, message = HOSTILE[case]
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    out = tmp_path / "out"
    assert cli(content, out, "--no-png").returncode == 0
    before = snapshot(out)
    write_tree(content, {f"templates/{name}": template})
    result = cli(content, out, "--no-png", timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert re.search(rf"content/templates/{re.escape(name)}:\d+:\d+: template error: .*{message}", result.stderr, re.I), result.stderr
    assert snapshot(out) == before  # the previous build is untouched


def test_a_text_template_that_never_ends_is_stopped(tmp_path, monkeypatch):
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    import benchboard.render.site  # noqa: F401  (imports the deadline by name)

    short_page_deadline(monkeypatch, 2)  # 20 s in a real build
    result, _ = _build_with(tmp_path, {"templates/text/whiskers.txt": loop})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"content/templates/text/whiskers\.txt:1:\d+: template error: .*took over 2 s", result.stderr), result.stderr


def test_docs_list_every_variable_each_text_template_receives():
    """docs/wording.md is the contract with a site's overrides: every variable a text template
    receives is named in its row (and in the template's own first comment), and each variable
    is plain data (what observations.json could hold), never a Python object to call into."""
    from dataclasses import replace
    from pathlib import Path

    from benchboard.render import prose
    from benchboard.analyse.report import analyse
    from benchboard.chart.layout import chart_layout
    from benchboard.analyse.tables import mean_columns
    from benchboard.model import SiteConfig
    from benchboard.load.units import units
    from helpers import example_report

    report = example_report()
    analysis, layout = analyse(report), chart_layout(report, SiteConfig())
    model, bench = report.models[0], report.benchmarks[0]
    leader = analysis.of_kind("leader")[0]
    received = {
        "text/overview.txt": prose.overview_facts(report, layout),
        "text/components.txt": {"part": "legend", "chart": None, **prose.chart_facts(report, layout, None)},
        "text/whiskers.txt": prose.whisker_facts(report, analysis.intervals, layout.shown),
        "text/chart_selection.txt": {"shown": 12, "total": 15, "basis": "mean", "tie_broken": False},
        "text/chart_subtitle.txt": {"note": "top 12 of 15 by mean — the table lists all", "whiskers": "Whiskers: 95% intervals on 12 bars."},
        "text/panel_title.txt": {"unit": "percent", "higher_is_better": True},
        "text/tooltip.txt": prose.tooltip_facts(report, layout, model, bench, analysis.intervals, units(report)),
        "text/table_note.txt": prose.table_note_facts(analysis),
        "text/mean_note.txt": {"mean": None, **mean_columns(report)[1]},
        "text/leads.txt": {"kind": leader.kind, "fact": leader.as_dict()},
        "text/interpretation.txt": prose.interpretation_facts(report, analysis),
        "text/methods.txt": prose.methods_facts(report, analysis),
        **_frontier_received(),
    }
    many = replace(report, max_bars=2)  # the chart leaves two models out
    assert set(chart_layout(many, SiteConfig()).selection) == set(received["text/chart_selection.txt"])
    root = Path(__file__).resolve().parents[2]
    docs = (root / "docs/wording.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `(text/[\w.]+)` \|(.*)$", docs, re.M)}
    assert set(rows) == set(received) | {"text/_macros.txt"}
    assert {f"text/{p.name}" for p in (root / "templates/text").glob("*.txt")} == set(rows)
    for template, facts in received.items():
        comment = (root / "templates" / template).read_text(encoding="utf-8").split("#}")[0]
        for key in facts:
            assert f"`{key}`" in rows[template], f"docs/wording.md does not name {key!r} for {template}"
            assert key in comment, f"{template}'s first comment does not name {key!r}"
        json.dumps(facts)  # plain data only


def test_text_overrides_reach_reports_built_in_worker_processes(tmp_path):
    # From PARALLEL_FROM reports on, reports are built in spawned workers with their own
    # template environment: the site's text templates must be theirs too.
    from benchboard.commands.build import PARALLEL_FROM

    files = {f"results/r{i}.yaml": f"title: R{i}\nbenchmarks: [{{name: A, n: 100}}]\nmodels:\n"
                                   f"  - {{name: X, scores: {{A: {50 + i}.0}}}}\n  - {{name: Y, scores: {{A: 40.0}}}}\n"
             for i in range(PARALLEL_FROM)}
    files["templates/text/tooltip.txt"] = "{{ model }} on {{ benchmark }} = {{ display }}\n"
    files["templates/text/overview.txt"] = "Report of {{ models }} models from {{ source_file }}.\n"
    content = write_tree(tmp_path / "content", files)
    result = cli(content, tmp_path / "out", "--no-png", timeout=300)
    assert result.returncode == 0, result.stderr
    for i in range(PARALLEL_FROM):
        svg = (tmp_path / f"out/r{i}/chart.svg").read_text()
        assert f"<title>X on A = {50 + i}.0</title>" in svg
        assert f"Report of 2 models from content/results/r{i}.yaml." in svg.split("<desc")[1]


def test_the_header_words_its_links_in_the_theme(tmp_path):
    """The header links the leaderboard, the model and benchmark lists and one "Reports (N)"
    link to the index's list, however many reports (the words are base.html's, so a site's
    base.html override changes them)."""
    report = "title: R{i}\nbenchmarks: [{{name: A}}]\nmodels: [{{name: M, scores: {{A: 50}}}}]\n"
    files = {f"results/r{i}.yaml": report.format(i=i) for i in range(7)}
    out = tmp_path / "out"
    result = cli(write_tree(tmp_path / "content", files), out, "--no-png")
    assert result.returncode == 0, result.stderr
    header = (out / "r0/index.html").read_text().split("<nav aria-label=\"Site\">")[1].split("</nav>")[0]
    assert ">Leaderboard</a>" in header and '<a href="../#reports">Reports (7)</a>' in header
    assert '<a href="../models/">Models</a>' in header and '<a href="../benchmarks/">Benchmarks</a>' in header
    assert ">R3</a>" not in header
    listed = (out / "models/index.html").read_text().split("<nav aria-label=\"Site\">")[1].split("</nav>")[0]
    assert '<a href="../models/" aria-current="page">Models</a>' in listed


def _frontier_received() -> dict:
    """What render/frontier.py passes the frontier templates (tests/analyse/test_frontier.py builds them)."""
    from benchboard.render.frontier import template_facts
    from helpers import EXAMPLE
    from benchboard.load.content import load_site
    from benchboard.views.site import site_views

    site, _ = load_site(EXAMPLE)
    view = next(v for p in site_views(site).pages if p.template == "board.html" for v in p.context["frontiers"])
    from dataclasses import asdict

    from benchboard.analyse.history import Event

    event = Event("changed_score", "r", "R", "m", "A", "1.0", "2.0")
    return {**template_facts(view), "text/change.txt": {"event": asdict(event)}}
