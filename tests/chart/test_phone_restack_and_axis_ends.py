"""The phone image of ranked small multiples restacked from the wide chart's SVG (chart/stack.py:
no second vl-convert drawing), and value axes that label both their ends
(views/chartspec.label_ticks, with_ends): never 0, 40, 80 on a 0-100 axis."""

from __future__ import annotations

import tempfile

import json
import random
import re
from xml.etree import ElementTree

import pytest

from benchboard.chart import draw
from benchboard.chart.layout import RANKED, chart_layout
from benchboard.chart.stack import phone_svg
from benchboard.model import Benchmark, Model, Report, Score, SiteConfig, format_number
from benchboard.render.prose import default_chart_words
from benchboard.views import chartspec

SVG = "{http://www.w3.org/2000/svg}"


def _report(models: int, benchmarks: int, name=lambda m: f"Model {m:05d}", y_range=(0.0, 100.0), seed=3) -> Report:
    rng = random.Random(seed)
    benches = tuple(Benchmark(f"Bench {b}", "acc", 500 if b % 3 == 0 else None, b != benchmarks - 1) for b in range(benchmarks))
    rows = []
    for m in range(models):
        scores = {}
        for b in benches:
            value = round(rng.uniform(20, 95), 1)
            scores[b.name] = Score(value, format_number(value, 1), None)
        rows.append(Model(name(m), scores, family=("Aurora", "Basalt", "Cirrus")[m % 3]))
    return Report(slug="r", path="r.yaml", title="Synthetic comparison", benchmarks=benches, models=tuple(rows), precision=1,
                  y_range=y_range, y_title="Accuracy (%)")


def _render(report: Report, monkeypatch=None):
    config = SiteConfig(png=False)
    layout = chart_layout(report, config)
    calls = []
    if monkeypatch is not None:  # counts vl-convert's drawings: none may come from the drawings kept (chart/drawings.py)
        monkeypatch.setenv("BENCHBOARD_CACHE_DIR", tempfile.mkdtemp(prefix="benchboard-drawings-"))
        real = draw.vlc.vegalite_to_svg
        monkeypatch.setattr(draw.vlc, "vegalite_to_svg", lambda *a, **k: calls.append(1) or real(*a, **k))
    return layout, draw.render_chart(report, config, layout, report.title, "description", default_chart_words(report, layout)), calls


def _texts(svg: str) -> list[ElementTree.Element]:
    return [t for t in ElementTree.fromstring(svg).iter(f"{SVG}text") if "".join(t.itertext()).strip()]


def _lines(svg: str) -> list[str]:
    """Each text's lines (a multi-line title's tspans apart)."""
    found = []
    for text in _texts(svg):
        spans = text.findall(f"{SVG}tspan")
        found += [s.text or "" for s in spans] if spans else [text.text]
    return found


def test_ranked_small_multiples_phone_image_is_the_wide_panels_restacked_without_a_second_drawing(monkeypatch):
    report = _report(10, 8)
    layout, files, calls = _render(report, monkeypatch)
    assert layout.kind == RANKED and layout.order
    assert len(calls) == 1  # the wide chart only: the phone image is not drawn again
    assert files.narrow_svg and files.narrow_size[0] <= chartspec.NARROW_PX
    texts = _lines(files.narrow_svg)
    # every panel names every model (the wide chart names them once a row) and titles its axis
    for name in layout.order:
        assert texts.count(name) == len(report.benchmarks)
    assert texts.count("Accuracy (%)") == len(report.benchmarks)
    for bench in report.benchmarks:
        assert texts.count(bench.name) == 1
    # the wide chart names the models once a row of panels and titles the shared axis once a row
    wide = _lines(files.svg)
    rows = wide.count(layout.order[0])
    assert 1 <= rows < len(report.benchmarks)
    assert wide.count("Accuracy (%)") == rows
    # an image: no tooltips, descriptions or roles inside the drawing
    body = files.narrow_svg.split("</defs>", 1)[1]
    assert "aria-label" not in body and "<title>" not in body and 'role="graphics' not in body
    # nothing under 10 px, and every title line within the column
    assert min(float(t.get("font-size", "11px").rstrip("px")) for t in _texts(files.narrow_svg)) >= 10
    width, height = draw.svg_size(files.narrow_svg)
    assert height > len(report.benchmarks) * len(layout.order) * chartspec.ROW_STEP


def test_restacked_panels_do_not_overlap_and_stack_in_benchmark_order():
    report = _report(10, 8)
    _, files, _ = _render(report)
    root = ElementTree.fromstring(files.narrow_svg)
    tops = []
    for group in root.iter(f"{SVG}g"):
        if re.search(r"role-scope concat_\d+_concat_\d+_group", group.get("class", "")):
            inner = group.find(f"{SVG}g")
            tops.append(float(re.search(r"translate\(([-\d.]+),([-\d.]+)\)", inner.get("transform")).group(2)))
    assert len(tops) == len(report.benchmarks)
    pitch = len(report.models) * chartspec.ROW_STEP  # each panel's plot height; titles and axes come between
    assert all(b - a > pitch + 40 for a, b in zip(tops, tops[1:]))


def test_a_panel_too_wide_for_the_phone_falls_back_to_drawing_the_phone_spec(monkeypatch):
    # names of ~220 px leave no 120 px bars beside them in a phone's column: the phone layout is drawn
    report = _report(10, 6, name=lambda m: f"An-extremely-long-model-name-{m:02d}-Instruct-preview")
    layout, files, calls = _render(report, monkeypatch)
    assert layout.kind == RANKED and layout.order
    assert len(calls) == 2 and files.narrow_svg
    assert files.narrow_size[0] <= chartspec.NARROW_PX


def test_phone_svg_refuses_what_it_cannot_restack():
    grouped = _report(4, 3)
    layout, files, _ = _render(grouped)
    assert phone_svg(draw.vlc.vegalite_to_svg(draw.chart_spec(grouped, SiteConfig(png=False), layout, default_chart_words(grouped, layout)),
                                              vl_version=draw.VL_VERSION), grouped.models[0].name, grouped.title, None) is None
    assert phone_svg("<svg", "x", "t", None) is None


@pytest.mark.parametrize("low, high, step, px", [(0, 100, 20, 1.29), (0, 100, 10, 1.6), (30, 100, 10, 2.34), (0, 100, 20, 0.64),
                                                  (0, 0.7, 0.1, 200), (0, 95, 20, 3), (1050, 1300, 50, 0.6), (0, 2000, 250, 0.08),
                                                  (-50, 2000, 500, 0.1), (0, 1, 0.1, 120)])
@pytest.mark.parametrize("on_grid", [True, False])
def test_narrow_axis_labels_both_ends_and_keeps_its_labels_apart(low, high, step, px, on_grid):
    gap = 30
    labels = chartspec.label_ticks(low, high, step, px, gap, on_grid=on_grid, end_px=9)
    assert labels[0] == pytest.approx(low) and labels[-1] == pytest.approx(high)
    assert all((b - a) * px >= gap - 1e-6 for a, b in zip(labels, labels[1:])) or len(labels) == 2
    grid = chartspec.nice_ticks(low, high, step)
    if on_grid:  # every label on a gridline
        assert all(any(abs(t - g) < 1e-9 for g in grid) for t in labels)


def test_the_issue_axis_0_40_80_now_ends_on_100():
    # the 30 x 10 ranked chart's panels: 0-100, gridlines every 20, ~129 px of bars
    assert chartspec.label_ticks(0, 100, 20, 129 / 100, 24) == [0, 20, 40, 60, 80, 100]
    # the phone's sideways bars: a round step landing on both ends first
    assert chartspec.label_ticks(0, 100, 20, 1.6, 30, on_grid=False, end_px=9) == [0, 50, 100]
    assert chartspec.label_ticks(0, 100, 20, 0.5, 30, on_grid=False, end_px=9) == [0, 100]


def test_a_file_y_range_off_the_step_is_labelled_at_its_top():
    assert chartspec.nice_ticks(0, 95, 20) == [0, 20, 40, 60, 80, 95]
    assert chartspec.nice_ticks(0, 88, 10)[-2:] == [80, 88]
    assert chartspec.nice_ticks(0, 83, 10)[-2:] == [70, 83]  # 80 is too close to 83 to label both
    assert chartspec.nice_ticks(0, 100, 10) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]  # a round domain unchanged
    assert draw._ticks(0.0, 95.0, 10.0)[-1] == 95.0


def test_every_value_axis_of_every_layout_ends_on_its_domain():
    """Wide and phone specs of ranked (one and several benchmarks), grouped and paneled charts:
    each value axis's labelled values include its domain's top."""
    config = SiteConfig(png=False)
    reports = [_report(10, 8), _report(30, 10, name=lambda m: f"Cirrus-{m}B-Instruct-v{m % 4}"), _report(101, 1), _report(4, 12),
               _report(5, 3, y_range=(0.0, 95.0))]
    for report in reports:
        layout = chart_layout(report, config)
        words = default_chart_words(report, layout)
        for spec in (draw.chart_spec(report, config, layout, words), draw.narrow_spec(report, layout, words)):
            checked = 0
            for node in _walk(spec):
                channel = node.get("x") if isinstance(node.get("x"), dict) and node["x"].get("type") == "quantitative" else node.get("y")
                if not (isinstance(channel, dict) and channel.get("type") == "quantitative" and "values" in (channel.get("axis") or {})):
                    continue  # a later layer's axis, written once on the first (chartspec.shared_guides)
                axis, top = channel["axis"], channel["scale"]["domain"][1]
                labelled = axis.get("values", [])
                match = re.match(r"indexof\((\[.*?\]), datum.value\)", axis.get("labelExpr", ""))
                if match:
                    labelled = json.loads(match.group(1))
                assert labelled and labelled[-1] == pytest.approx(top), (report.slug, layout.kind, labelled, top)
                checked += 1
            assert checked


def _walk(node):
    if isinstance(node, dict):
        if "encoding" in node:
            yield node["encoding"]
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_one_benchmark_ranked_phone_image_is_the_wide_one_with_its_value_axis_shortened(monkeypatch):
    report = _report(40, 1, name=lambda m: f"Cirrus-{m:03d}-43B-chat")
    report = Report(**{**report.__dict__, "max_bars": 40})
    layout, files, calls = _render(report, monkeypatch)
    assert layout.kind == RANKED and not layout.order
    assert len(calls) == 1 and files.narrow_svg
    width, _ = draw.svg_size(files.narrow_svg)
    assert width <= chartspec.NARROW_PX < draw.svg_size(files.svg)[0]
    wide, phone = _lines(files.svg), _lines(files.narrow_svg)
    for model in report.models:  # every name and value label kept, as drawn
        assert phone.count(model.name) == wide.count(model.name) == 1
        assert model.scores["Bench 0"].display in phone
    values = {m.scores["Bench 0"].display for m in report.models}
    ticks = [t for t in phone if re.fullmatch(r"[\d,.]+", t) and t not in values]
    assert ticks[0] == "0" and ticks[-1] == "100"  # both ends of the value axis labelled
    # every value label ends inside the image (they keep their size while the bars shorten)
    origin = float(re.search(r'<g fill="none"[^>]*transform="translate\(([-\d.]+)', files.narrow_svg).group(1))
    for text in _texts(files.narrow_svg):
        if text.text in values:
            x = float(re.search(r"translate\(([-\d.]+)", text.get("transform")).group(1))
            assert origin + x + chartspec.text_px(text.text, 11) <= width


def test_a_negative_value_axis_is_shortened_too(monkeypatch):
    # Vega writes negative tick labels with U+2212: read as numbers, not a reason to draw again
    bench = Benchmark("Latency <&> p50", "ms", None, False, unit="ms")
    rng = random.Random(5)
    models = tuple(Model(f"Model-{m} & co", {bench.name: Score(v, format_number(v, 1), 2.0)}) for m in range(15)
                   for v in [rng.uniform(-40, 900)])
    report = Report(slug="n", path="n.yaml", title="Latency & co", benchmarks=(bench,), models=models, precision=1)
    layout, files, calls = _render(report, monkeypatch)
    assert layout.kind == RANKED and len(calls) == 1
    phone = _lines(files.narrow_svg)
    assert "-200" in phone and "1000" in phone and "Latency <&> p50" in phone  # axis numbers as the labels write them (chartspec.NUMBER_LOCALE)
    assert "&amp;" in files.narrow_svg and "<&>" not in files.narrow_svg  # names escaped in the image
