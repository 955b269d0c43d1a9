"""Which models a chart shows (by win rate, never by a mean across units) and its y axis by
unit (chart/layout.py), on sites built in-process."""

from __future__ import annotations

import json
import re

import pytest

from helpers import build_site, write_tree


def build(tmp_path, files):
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "out"
    build_site(content, out)
    return out


def _domain(out, slug="r"):
    spec = json.loads((out / slug / "chart.vl.json").read_text())
    found = re.findall(r'"domain": ?\[(-?[0-9.]+, ?-?[0-9.]+)\]', json.dumps(spec))
    return [float(x) for x in found[0].split(",")]


def test_chart_never_chooses_models_by_a_mean_across_units(tmp_path):
    out = build(tmp_path, {"results/r.yaml": """\
        title: Units
        max_bars: 2
        benchmarks: [{name: Arena, unit: Elo}, {name: Acc, unit: percent}]
        models:
          - {name: M, scores: {Arena: 1300, Acc: 20}}
          - {name: N, scores: {Arena: 1250, Acc: 30}}
          - {name: O, scores: {Arena: 1000, Acc: 95}}
        """})
    page = (out / "r" / "index.html").read_text()
    assert "different units (Elo, percent), so no mean is shown" in page
    assert "by mean —" not in page and "by mean win rate over the benchmarks (a tie at the cut-off broken by file order)" in page


def test_chart_choice_by_win_rate_keeps_the_model_best_on_both(tmp_path):
    out = build(tmp_path, {"results/r.yaml": """\
        title: Units
        max_bars: 2
        benchmarks: [{name: Arena, unit: Elo}, {name: Acc, unit: percent}]
        models:
          - {name: M, scores: {Arena: 1300, Acc: 20}}
          - {name: N, scores: {Arena: 1250, Acc: 10}}
          - {name: O, scores: {Arena: 1310, Acc: 95}}
        """})
    page = (out / "r" / "index.html").read_text()
    assert "top 2 of 3 by mean win rate over the benchmarks — the table lists all" in page
    # N loses on both, so it is the one left out; O keeps its own colour (one per model, site-wide)
    assert "M (blue, solid); O (bluish green, solid)" in page


def test_y_axis_follows_the_unit_not_the_0_100_range(tmp_path):
    out = build(tmp_path, {"results/r.yaml": """\
        title: Perplexity
        benchmarks: [{name: Wiki, unit: perplexity, higher_is_better: false}]
        models:
          - {name: M, scores: {Wiki: 5.2}}
          - {name: N, scores: {Wiki: 10.0}}
        """, "results/p.yaml": """\
        title: Percent
        benchmarks: [{name: A, unit: percent}]
        models:
          - {name: M, scores: {A: 5.2}}
          - {name: N, scores: {A: 10.0}}
        """, "results/e.yaml": """\
        title: Elo
        benchmarks: [{name: Arena, unit: Elo}]
        models:
          - {name: M, scores: {Arena: 1000}}
          - {name: N, scores: {Arena: 1300}}
        """, "results/y.yaml": """\
        title: Pinned
        y_range: [0, 50]
        benchmarks: [{name: Wiki, unit: perplexity, higher_is_better: false}]
        models:
          - {name: M, scores: {Wiki: 5.2}}
          - {name: N, scores: {Wiki: 10.0}}
        """})
    assert _domain(out, "r") == [0.0, 10.0]
    assert _domain(out, "p") == [0.0, 100.0]
    low, high = _domain(out, "e")
    assert 0 < low < 1000 and high >= 1300  # Elo has no meaningful zero; the lowest bar still shows
    assert _domain(out, "y") == [0.0, 50.0]


def test_chart_win_rates_match_the_pairwise_definition(tmp_path):
    """layout._win_rates (sorted counting) equals the pair-by-pair definition: ties count half,
    a missing score loses to a present one and ties another, lower-is-better reversed."""
    import random

    from benchboard.chart import layout
    from benchboard.load.results import load_report_file

    rng = random.Random(11)
    rows = []
    for i in range(60):
        cells = {b: rng.randint(0, 6) for b in ("Up", "Down") if rng.random() > 0.2}
        rows.append(f"  - {{name: m{i}, scores: {{{', '.join(f'{k}: {v}' for k, v in cells.items())}}}}}")
    text = "title: W\nbenchmarks: [{name: Up}, {name: Down, higher_is_better: false}]\nmodels:\n" + "\n".join(rows) + "\n"
    path = write_tree(tmp_path, {"results/w.yaml": text}) / "results/w.yaml"
    report = load_report_file(path, tmp_path)

    def pairwise(model):
        shares = []
        for bench in report.benchmarks:
            won = 0.0
            for other in report.models:
                if other is model:
                    continue
                mine, theirs = model.scores.get(bench.name), other.scores.get(bench.name)
                if mine is None or theirs is None:
                    won += 0.5 if mine is None and theirs is None else float(theirs is None)
                elif mine.shown == theirs.shown:
                    won += 0.5
                else:
                    won += float((mine.shown > theirs.shown) == bench.higher_is_better)
            shares.append(won / (len(report.models) - 1))
        return sum(shares) / len(shares)

    assert layout._win_rates(report) == pytest.approx([pairwise(m) for m in report.models], abs=1e-12)


def test_an_axis_benchboard_chooses_holds_every_whisker(tmp_path):
    """The Elo panel's axis reaches the intervals' ends (1230–1270, 1160–1200), not only the
    scores: a cut whisker would draw a narrower interval than the table states."""
    from benchboard.analyse.report import bar_intervals
    from benchboard.chart.layout import chart_layout, domain_of
    from benchboard.load.units import units
    from benchboard.model import SiteConfig
    from helpers import load_tree

    site, _ = load_tree(tmp_path, {"results/r.yaml": """\
        title: Mixed units
        benchmarks:
          - {name: Arena, metric: Elo, unit: Elo}
          - {name: Latency, unit: s, higher_is_better: false}
          - {name: Reward}
        models:
          - {name: alpha, scores: {Arena: 1200, Latency: {value: 1.5, stderr: 0.1}, Reward: {value: 0.5, stderr: 1}}}
          - {name: beta, scores: {Arena: {value: 1250, stderr: 10}, Latency: {value: 2.5, stderr: 0.1}, Reward: 2}}
          - {name: gamma, scores: {Arena: {value: 1180, stderr: 10}, Latency: {value: 1.0, stderr: 0.1}, Reward: 3}}
        """})
    report = site.reports[0]
    layout = chart_layout(report, SiteConfig())
    intervals = bar_intervals(report, units(report))
    assert len(intervals) == 6
    for (model, bench), interval in intervals.items():
        low, high = domain_of(layout, bench)
        assert low <= interval.low and interval.high <= high, (model, bench, interval, (low, high))
    assert domain_of(layout, "Arena") == (1160, 1280)  # 1230–1270 and 1160–1200 inside; 1180 keeps a visible bar
    assert domain_of(layout, "Reward")[0] < 0  # 0.5 ± 1.96: the whisker goes below zero, so does the axis


def test_a_declared_axis_that_cuts_a_whisker_says_so(tmp_path):
    out = build(tmp_path, {"results/r.yaml": """\
        title: Declared
        y_range: [50, 100]
        benchmarks: [{name: A, metric: acc, n: 30}]
        models:
          - {name: alpha, scores: {A: 60}}
          - {name: beta, scores: {A: 90}}
        """})
    page = (out / "r" / "index.html").read_text()
    # alpha's Wilson interval at n = 30 is 42.3–75.4: below the axis's 50
    assert "42.3–75.4" in page or "42–75" in page
    assert "1 whisker reaches past the axis range and is cut at its edge (alpha on A); the table gives its full interval." in page
    svg = (out / "r" / "chart.svg").read_text()
    assert "cut at its edge" in svg  # the chart's own subtitle says it too


# Whiskers at a declared axis (y_range [50, 100]) as the chart draws them: a clamped bar's
# whisker reaching into the axis is drawn cut and counted (review: "1 whisker ... (B on X)"
# beside two drawn); one wholly past the axis is not drawn, so not counted, and named apart
# (review: "on 4 bars" beside 3 drawn).
WHISKERS_AT_THE_EDGE = {
    "clamped": ("X", 20, {"A": 40.0, "B": 55.0}, ["2 whiskers reach past the axis range and are cut at its edge (A on X and B on X)"]),
    "wholly-past": ("A", 100, {"M1": 45.0, "M2": 30.0, "M3": 98.0, "M4": 75.0},
                    ["on 3 bars. 1 whisker lies wholly past the axis range and is not drawn (M2 on A)",
                     "1 whisker reaches past the axis range and is cut at its edge (M1 on A)"]),
}


@pytest.mark.parametrize("case", list(WHISKERS_AT_THE_EDGE))
def test_whiskers_at_a_declared_axis_are_counted_as_drawn(tmp_path, case):
    bench, n, scores, said = WHISKERS_AT_THE_EDGE[case]
    models = "".join(f"  - {{name: {m}, scores: {{{bench}: {v}}}}}\n" for m, v in scores.items())
    out = build(tmp_path, {"results/r.yaml": f"title: Declared\ny_range: [50, 100]\nbenchmarks: [{{name: {bench}, metric: acc, n: {n}}}]\nmodels:\n{models}"})
    page = (out / "r" / "index.html").read_text()
    for sentence in said:
        assert sentence in page


def test_a_bar_below_its_start_is_labelled_on_the_empty_side(tmp_path):
    """A negative MCC hangs below zero: its label sits at zero, on the side the bar leaves
    empty (beside its own end it ran across the bar, a layout review), above a whisker that
    crosses zero; a positive bar is labelled past its end as before."""
    from benchboard.chart.draw import _values
    from benchboard.chart.layout import chart_layout
    from benchboard.model import SiteConfig
    from benchboard.render.prose import default_chart_words
    from helpers import load_tree

    site, _ = load_tree(tmp_path, {"results/r.yaml": """\
        title: Negative MCC
        benchmarks: [{name: CoLA, metric: MCC, unit: MCC}]
        models:
          - {name: a, scores: {CoLA: 0.382}}
          - {name: b, scores: {CoLA: -0.058}}
          - {name: c, scores: {CoLA: {value: -0.02, stderr: 0.05}}}
        """})
    report = site.reports[0]
    layout = chart_layout(report, SiteConfig())
    rows = {r["model"]: r for r in _values(report, layout, default_chart_words(report, layout)).rows}
    by_label = {r["label"]: r for r in rows.values()}
    assert by_label["0.382"]["label_y"] == 0.382
    [negative] = [r for r in rows.values() if r["value"] == -0.058]
    assert negative["label_y"] == 0.0
    crossing = next(r for r in rows.values() if r["value"] == -0.02)
    assert crossing["label_y"] == crossing["high"] > 0  # above the whisker's top, past zero


def test_a_chart_of_some_models_says_so_on_the_image_itself(tmp_path):
    """The chart drawn without its page (chart.png is the og:image and a download; chart.svg;
    the embed) says which models it draws when not all, in its visible subtitle, not only in
    its hidden description and the page's caption (design review)."""
    models = "\n".join(f"  - {{name: model-{i:02d}, scores: {{MMLU-Pro: {40 + i * 1.1:.1f}}}}}" for i in range(20))
    out = build(tmp_path, {"results/r.yaml": f"title: Twenty\nbenchmarks: [{{name: MMLU-Pro, metric: acc, n: 12032}}]\nmodels:\n{models}\n"})
    for name in ("chart.svg", "chart-narrow.svg"):
        svg = (out / "r" / name).read_text()
        drawn = [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
        assert any(t.startswith("Top 12 of 20 by mean") for t in drawn), (name, drawn[:5])
