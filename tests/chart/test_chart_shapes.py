"""Charts laid out by the data's shape (chart/layout.py, chart/shapes.py): which layout each shape
gets, per-column precision, no text smaller than the theme's size in any SVG (wide or narrow),
charts never wider than the content column, and one colour and hatch per model across the
site's charts (views/chartstyle.py)."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from benchboard.chart.draw import narrow_spec, render_chart
from benchboard.chart.layout import GROUPED, PANELS, RANKED, WRAPPED, chart_layout
from benchboard.load.content import load_site
from benchboard.model import SiteConfig
from benchboard.render.prose import default_chart_words
from benchboard.views import chartspec, chartstyle
from benchboard.views.boarddata import board_view
from benchboard.analyse.boards import site_boards

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from shapes_content import SHAPES, write_content  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    return write_content(tmp_path_factory.mktemp("shapes") / "content")


@pytest.fixture(scope="module")
def site(content):
    return load_site(content)[0]


def _report(site, slug):
    return next(r for r in site.reports if r.slug == slug)


def _draw(site, slug):
    report = _report(site, slug)
    layout = chart_layout(report, site.config, chartstyle.styles_for(chartstyle.site_styles(site), report))
    words = default_chart_words(report, layout)
    return report, layout, render_chart(report, site.config, layout, report.title, "description", words)


def _key_text(report, layout) -> dict:
    """Key ("b0", "m0") -> the benchmark's x label or the model's name, as chart/draw gives them."""
    from benchboard.chart.draw import _keys, _x_label

    bkey, mkey = _keys(report, list(layout.shown))
    return {**{bkey[b.name]: _x_label(report, b, layout) for b in report.benchmarks}, **{k: name for name, k in mkey.items()}}


def _texts(svg: str) -> list[tuple[str, float]]:
    root = ElementTree.fromstring(svg)
    found = []
    for text in root.iter(f"{SVG}text"):
        size = re.match(r"([\d.]+)px", text.get("font-size", ""))
        found.append(("".join(text.itertext()), float(size.group(1)) if size else 0.0))
    return found


def _width(svg: str) -> float:
    return float(re.search(r'<svg\b[^>]*\bwidth="([\d.]+)"', svg).group(1))


@pytest.mark.parametrize("slug, kind", [("distilled-reasoning", GROUPED), ("open-llm-8b", WRAPPED), ("bench-40", WRAPPED),
                                        ("mixed-17", PANELS), ("models-101", RANKED), ("models-101-all", RANKED),
                                        ("models-30x10", RANKED)])
def test_each_shape_gets_its_layout_and_fits_the_column_at_full_size(site, slug, kind):
    report, layout, files = _draw(site, slug)
    assert layout.kind == kind
    assert _width(files.svg) <= chartspec.CONTENT_PX, "a chart wider than the content column would be shrunk"
    sizes = [size for _, size in _texts(files.svg)]
    assert sizes and min(sizes) >= chartstyle.MIN_TEXT_PX, "text below the theme's size"
    # the phone layout: no wider than a 360 px phone's column, and no smaller text either
    assert files.narrow_svg is not None and _width(files.narrow_svg) <= chartspec.NARROW_PX
    assert min(size for _, size in _texts(files.narrow_svg)) >= chartstyle.MIN_TEXT_PX
    assert files.breakpoint == int(_width(files.svg) * 0.9) + 40


def test_the_example_chart_is_the_seed_chart_byte_for_byte(site):
    """The example's report is drawn as before (the grouped bars the seed describes)."""
    _, layout, files = _draw(site, "distilled-reasoning")
    assert layout.kind == GROUPED
    committed = (REPO / "site" / "distilled-reasoning" / "chart.svg").read_text(encoding="utf-8")
    built = load_site(REPO / "content")[0]
    report = built.reports[0]
    ours = chart_layout(report, built.config, chartstyle.styles_for(chartstyle.site_styles(built), report))
    from benchboard.commands.build import build  # noqa: F401  (the same code path the build takes)
    from benchboard.analyse import report as analyse
    from benchboard.render import prose
    from benchboard.render.theme import environment

    text = prose.report_text(report, analyse.analyse(report), environment(REPO / "content"), ours)
    drawn = render_chart(report, built.config, ours, text.chart_title, text.chart_description, text.chart_words)
    assert drawn.svg == committed


def test_mixed_units_get_one_panel_per_unit_and_direction_with_their_own_precision(site):
    report, layout, files = _draw(site, "mixed-17")
    units = [(p.unit, p.higher_is_better) for p in layout.panels]
    assert units == [("percent", True), ("MCC", True), ("ms", False), ("Elo", True)]
    by_name = {name: p for p in layout.panels for name in p.benchmarks}
    assert by_name["CoLA"].y_domain == (0.0, 0.7) and by_name["MMLU-Pro"].y_domain == (0.0, 100.0)
    assert by_name["Chatbot Arena"].y_domain[0] > 0  # Elo: no zero
    spec = json.loads(files.spec_json)
    text = _key_text(report, layout)  # Vega sees keys (b0, m0); their text is in the label expressions
    labels = {(text[row["model"]], text[row["benchmark"]].split(chartspec.LINE_BREAK)[0]): row["label"] for row in spec["data"]["values"]}
    model = report.models[0]
    # the file's `precision: 3` is every column's (decided at load): each label is the table's string
    assert report.precision == 3 and {report.decimals(b) for b in report.benchmarks} == {3}
    for name in ("MMLU-Pro", "CoLA", "Latency p50"):
        assert labels[(model.name, name)] == model.scores[name].display
        assert re.fullmatch(r"\d+\.\d{3}", labels[(model.name, name)])
    titles = [layer["encoding"]["y"]["title"] for row in spec["vconcat"] for block in row.get("hconcat", [row])
              for layer in block["layer"][:1]]
    assert "ms (lower is better)" in titles and "percent" in titles and "MCC" in titles
    # the text alternative says what is drawn
    words = default_chart_words(report, layout)
    assert words.panel_titles == ("percent", "MCC", "ms (lower is better)", "Elo")


def test_the_text_alternative_names_the_layout(site):
    from benchboard.analyse import report as analyse
    from benchboard.render import prose
    from benchboard.render.theme import environment

    for slug, phrase in [("mixed-17", "One panel per unit and direction, each with its own y axis."),
                         ("models-101", "each drawing the models as horizontal bars sorted best first"),
                         ("bench-40", "drawn in rows that share one y axis scale and one legend")]:
        report = _report(site, slug)
        layout = chart_layout(report, site.config, chartstyle.styles_for(chartstyle.site_styles(site), report))
        text = prose.report_text(report, analyse.analyse(report), environment(), layout)
        assert phrase in " ".join(text.components), slug
    report = _report(site, "models-101-all")
    layout = chart_layout(report, site.config, chartstyle.styles_for(chartstyle.site_styles(site), report))
    text = prose.report_text(report, analyse.analyse(report), environment(), layout)
    assert text.overview.startswith("Sorted horizontal bars comparing 101 models on 1 benchmark")


def test_many_models_are_ranked_best_first_with_every_model_named(site):
    report, layout, files = _draw(site, "models-101")
    assert len(layout.shown) == 12 and files.note == "top 12 of 101 by mean — the table lists all"
    report, layout, files = _draw(site, "models-101-all")  # max_bars: 101
    assert len(layout.shown) == 101 and layout.selection is None
    spec = json.loads(files.spec_json)
    block = spec["vconcat"][0]
    order = block["layer"][0]["encoding"]["y"]["sort"]
    values = {m.name: m.scores["MMLU-Pro"].value for m in report.models}
    text = _key_text(report, layout)
    order = [text[key] for key in order]
    assert order == sorted(values, key=lambda n: -values[n]) or [values[n] for n in order] == sorted(values.values(), reverse=True)
    texts = [t for t, _ in _texts(files.svg)]
    assert all(m.name in texts for m in report.models), "every model named on the axis"
    assert sum(1 for t in texts if re.fullmatch(r"\d+\.\d", t)) >= 101, "every bar labelled with its value"


def test_narrow_spec_of_the_example_keeps_its_encoding(site):
    report = _report(site, "distilled-reasoning")
    layout = chart_layout(report, site.config, chartstyle.styles_for(chartstyle.site_styles(site), report))
    spec = narrow_spec(report, layout, default_chart_words(report, layout))
    blocks = [b for row in spec["vconcat"] for b in row.get("hconcat", [row])]
    assert len(blocks) == 1  # on a phone the groups run down the page, labels upright
    bars = blocks[0]["layer"][0]["encoding"]
    assert bars["color"]["scale"]["range"][0] == "url(#bb-distilled-reasoning-hatch-0)"
    expr = bars["y"]["axis"]["labelExpr"]  # two-line labels, each benchmark's text read by its key
    assert expr.startswith("split(slice((") and expr.endswith(f"[datum.value], 1), '{chartspec.LINE_BREAK}')")
    assert json.dumps("_" + report.benchmarks[0].name)[:-1] in expr
    keys = _key_text(report, layout)
    assert bars["x"]["field"] == "value" and [keys[k] for k in bars["yOffset"]["sort"]] == list(layout.shown)
    assert bars["color"]["legend"]["orient"] == "none" and bars["color"]["legend"]["legendX"] < 0  # above, from the left edge


def test_bar_layers_are_the_altair_charts_layers():
    """The plain Vega-Lite of the other layouts and the compare chart is the seed chart's."""
    from benchboard.chart.draw import _values, altair_chart
    from helpers import example_report

    report = example_report()
    layout = chart_layout(report, SiteConfig())
    v = _values(report, layout, default_chart_words(report, layout))
    direct = altair_chart(v).to_dict(validate=False)["layer"]
    ours = chartspec.bar_layers(v.x_order, v.shown, v.colours, v.domain, v.ticks, v.y_title, v.rotate)
    assert json.loads(json.dumps(ours)) == json.loads(json.dumps(direct))


def test_one_colour_and_hatch_per_model_across_the_site(site, content):
    styles = chartstyle.site_styles(site)
    # every chart draws a model in its one style; models drawn together differ
    for report in site.reports:
        layout = chart_layout(report, site.config, chartstyle.styles_for(chartstyle.site_styles(site), report))
        drawn = [(layout.fills[n].colour, layout.fills[n].hatched) for n in layout.shown]
        for name in layout.shown:
            model = next(m for m in report.models if m.name == name)
            assert (layout.fills[name].colour, layout.fills[name].hatched) == (styles[model.key].colour, styles[model.key].hatched)
        if layout.kind != RANKED:  # a legend must tell them apart; ranked bars are named instead
            assert len(set(drawn)) == len(drawn), report.slug
    # a family is hatched alike everywhere; the registry's order decides (AM-Distill first)
    assert styles["AM-Distill-Qwen-32B"].hatched and styles["AM-Distill-Qwen-72B"].hatched
    assert not styles["DeepSeek-R1-Distill-Qwen-32B"].hatched and not styles["DeepSeek-R1-Distill-Llama-8B"].hatched
    # stable from build to build: a fresh load gives the same styles
    assert chartstyle.site_styles(load_site(content)[0]) == styles
    # the compare chart (board.js) gets the same fills for the same model
    board = next(b for b in site_boards(site) if any(c.report.slug == "distilled-reasoning" for c in b.columns))
    data = _page_data(board_view(board, styles))
    assert data["rows"]
    for row in data["rows"]:
        style = styles[row["name"]]
        assert data["fills"][row["s"]] == (f"url(#{chartstyle.pattern_id(style.colour)})" if style.hatched else style.colour)


def _page_data(view) -> dict:
    from html import unescape

    return json.loads(unescape(str(view["json"])))


def test_colours_differ_among_models_drawn_together_and_repeat_only_past_the_palette():
    class M:
        def __init__(self, key, family=None):
            self.key, self.family, self.info = key, family, None

    palette = SiteConfig().palette
    group = [M(f"m{i}", "A" if i % 2 else "B") for i in range(16)]
    styles = chartstyle.assign([group], palette)
    assert len({(s.colour, s.hatched) for s in styles.values()}) == 16  # 8 colours x hatched / solid
    rng = random.Random(4)
    # a site of 16 models in two families, charts of any six of them: never two alike in a chart
    pool = [M(f"p{i}", "A" if i < 8 else "B") for i in range(16)]
    groups = [rng.sample(pool, 6) for _ in range(30)]
    styles = chartstyle.assign(groups, palette)
    assert styles == chartstyle.assign(groups, palette)  # deterministic
    assert all(len({styles[m.key] for m in g}) == len(g) for g in groups)
    # past the palette, styles repeat across the site but the greedy choice keeps most charts apart;
    # a grouped chart whose models would look alike is drawn ranked instead (names on the axis)
    pool = [M(f"q{i}") for i in range(40)]
    groups = [rng.sample(pool, 6) for _ in range(30)]
    styles = chartstyle.assign(groups, palette)
    assert sum(len({styles[m.key] for m in g}) == len(g) for g in groups) >= 20


def test_column_precision_is_the_columns_shown_precision(site):
    report = _report(site, "mixed-17")  # `precision: 3`: every column, as the table shows it
    precision = {b.name: chartstyle.column_precision(report, b) for b in report.benchmarks}
    assert set(precision.values()) == {3}
    assert all(chartstyle.label_text(report, b, s, precision[b.name]) == s.display
               for m in report.models for b in report.benchmarks for s in [m.scores.get(b.name)] if s)
    example = _report(site, "distilled-reasoning")
    assert {chartstyle.column_precision(example, b) for b in example.benchmarks} == {1}


def test_shapes_cover_the_issue():
    assert set(SHAPES) == {"mixed-17", "bench-40", "models-101", "models-101-all", "models-30x10"}


def test_the_report_page_serves_the_narrow_chart_below_its_breakpoint(tmp_path):
    from benchboard.commands.build import build

    build(REPO / "content", tmp_path / "out", png=False)
    folder = tmp_path / "out" / "distilled-reasoning"
    page = (folder / "index.html").read_text(encoding="utf-8")
    narrow = (folder / "chart-narrow.svg").read_text(encoding="utf-8")
    assert _width(narrow) <= chartspec.NARROW_PX and "<pattern" in narrow
    breakpoint = int(_width((folder / "chart.svg").read_text(encoding="utf-8")) * 0.9) + 40
    assert f"@media (max-width: {breakpoint}px)" in page
    assert '<img class="chart-narrow" src="chart-narrow.svg"' in page and 'data-chart-spec="chart-spec.js"' in page
    specs = (folder / "chart-spec.js").read_text(encoding="utf-8")  # the interactive chart's, loaded on request
    assert specs.startswith("//") and '"narrow":{' in specs and "application/json" not in page
    assert (folder / "chart.svg").read_text(encoding="utf-8") == (REPO / "site/distilled-reasoning/chart.svg").read_text(encoding="utf-8")
    css = (REPO / "templates/assets/style.css").read_text(encoding="utf-8")
    caption = re.search(r"^figcaption \{([^}]*)\}", css, re.M).group(1)
    assert "font-weight" not in caption and "font-size: .9rem" in caption  # a caption, not a heading


def test_rows_of_groups_are_spread_evenly_and_fit_their_budget():
    assert chartspec.chunks([100] * 5, 420) == [[0, 1, 2], [3, 4]]  # not 4 and 1
    assert [len(r) for r in chartspec.chunks([100] * 14, 450)] == [4, 4, 3, 3]
    assert chartspec.chunks([50, 200, 300], 400) == [[0, 1], [2]]
    for widths, budget in (([100] * 40, 1000), ([300, 20, 500, 90, 90], 600)):
        rows = chartspec.chunks(widths, budget)
        assert sorted(i for row in rows for i in row) == list(range(len(widths)))
        assert all(len(row) == 1 or sum(widths[i] for i in row) <= budget for row in rows)


def test_random_shapes_fit_their_columns_with_no_small_text():
    """Long names and titles, missing scores, negative and huge values, mixed units and
    directions: every chart fits the content column and its phone layout a 320 px column."""
    from benchboard.model import Benchmark, Model, Report, Score, format_number
    from benchboard.chart.draw import svg_size

    config = SiteConfig(png=False)
    rng = random.Random(7)
    units = [None, "percent", "ms", "Elo", "MCC", "fraction"]
    kinds = set()
    for trial in range(8):
        n_bench, n_models = rng.choice([1, 3, 9, 20]), rng.choice([2, 5, 9, 14])
        benches = tuple(Benchmark(f"B{b} " + "x" * rng.choice([0, 5, 40]), rng.choice([None, "acc", "pass@1 strict"]),
                                  rng.choice([None, 100]), rng.random() > 0.2, unit=rng.choice(units)) for b in range(n_bench))
        models = []
        for m in range(n_models):
            scores = {}
            for b in benches:
                if rng.random() < 0.85:
                    v = rng.choice([rng.uniform(0, 1), rng.uniform(0, 100), rng.uniform(-50, 2000)])
                    scores[b.name] = Score(v, format_number(v, 2), rng.choice([None, 0.5]))
            models.append(Model(f"M{m}" + "-long" * rng.choice([0, 8]), scores, family=rng.choice([None, "A", "B"])))
        report = Report(slug=f"f{trial}", path="f.yaml", title="Fuzz " * rng.choice([1, 20]), benchmarks=benches,
                        models=tuple(models), precision=2, y_range=rng.choice([None, (0.0, 100.0)]), max_bars=rng.choice([3, 12]))
        layout = chart_layout(report, config)
        kinds.add(layout.kind)
        files = render_chart(report, config, layout, report.title, "d", default_chart_words(report, layout))
        assert svg_size(files.svg)[0] <= chartspec.CONTENT_PX, trial
        assert files.narrow_svg is None or svg_size(files.narrow_svg)[0] <= chartspec.NARROW_PX, trial
        for svg in (files.svg, files.narrow_svg or files.svg):
            assert min(size for _, size in _texts(svg)) >= chartstyle.MIN_TEXT_PX, trial
    assert len(kinds) >= 3  # the draw covered several layouts


def test_a_lower_is_better_column_on_a_shared_axis_says_so_in_its_label(tmp_path):
    """A file's y_range puts every column on one axis, whose title cannot give each column's
    direction: a lower-is-better column's own label (x label, or ranked panel heading) says it;
    the higher-is-better ones and a report of one direction say nothing more."""
    from helpers import write_tree

    from benchboard.chart.draw import LINE_BREAK, _x_label
    from benchboard.load.content import load_site

    def labels(rows: int):
        models = "\n".join(f"  - {{name: M{i}, scores: {{A: {50 + i}, B: {40 - i}}}}}" for i in range(rows))
        write_tree(tmp_path / f"c{rows}", {"results/r.yaml": f"title: R\ny_range: [0, 100]\nbenchmarks:\n"
                                           f"  - {{name: A, metric: acc}}\n  - {{name: B, metric: err, higher_is_better: false}}\n"
                                           f"models:\n{models}\n"})
        site, _ = load_site(tmp_path / f"c{rows}")
        report = site.reports[0]
        layout = chart_layout(report, site.config)
        return layout, {b.name: _x_label(report, b, layout) for b in report.benchmarks}

    layout, grouped = labels(3)
    assert layout.kind == "grouped"
    assert grouped["A"].split(LINE_BREAK) == ["A", "(acc)"]
    assert grouped["B"].split(LINE_BREAK) == ["B", "(err)", "lower is better"]
    layout, ranked = labels(10)
    assert layout.kind == "ranked" and ranked["B"].endswith("lower is better")
