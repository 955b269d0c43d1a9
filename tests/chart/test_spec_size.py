"""The reshaped charts' specs write each axis once a layer stack and each label literal with
only the keys its axis or legend shows (views/chartspec.shared_guides, inline_labels): the
SVG drawn is exactly the one of the spec written in full (every layer's axis, every literal
holding every key), at a fraction of the size."""

from __future__ import annotations

import json

import pytest
import vl_convert as vlc

from benchboard.chart import draw
from benchboard.chart.layout import chart_layout
from benchboard.model import Benchmark, Model, Report, Score, SiteConfig, format_number
from benchboard.render.prose import default_chart_words
from benchboard.views import chartspec as cs


def _report(models: int, benchmarks: int, units=None) -> Report:
    benches = tuple(Benchmark(f"Benchmark number {b}", "acc", n=400) for b in range(benchmarks))
    rows = tuple(Model(f"Model-{m}-Instruct", {f"Benchmark number {b}": Score(v, format_number(v, 1)) for b in range(benchmarks)
                                                for v in [float(30 + (m * 7 + b * 13) % 60)]}) for m in range(models))
    return Report(slug="t", path="t.yaml", title="T", benchmarks=benches, models=rows, precision=1,
                  y_range=(0.0, 100.0), y_title="Accuracy (%)", max_bars=12)


def _full_labels(spec, labels):
    """inline_labels as it was: every literal holds every key."""
    literal = json.dumps({k: "_" + v for k, v in labels.items()}, ensure_ascii=True, sort_keys=True)

    def walk(node):
        if isinstance(node, dict):
            return {k: (v.replace(f"{cs.LABELS}[datum.value]", f"slice(({literal})[datum.value], 1)")
                        if k == "labelExpr" and isinstance(v, str) else walk(v)) for k, v in node.items()}
        return [walk(v) for v in node] if isinstance(node, list) else node

    return walk(spec)


# a ranked chart of several benchmarks names its models once a row of panels, not once a panel:
# its full spec repeats fewer names, so writing them once saves less
@pytest.mark.parametrize("shape, ratio", [((30, 3), 0.9), ((5, 14), 0.8)], ids=["ranked", "wrapped"])
def test_compact_spec_draws_the_same_svg(shape, ratio, monkeypatch):
    report = _report(*shape)
    config = SiteConfig()
    layout = chart_layout(report, config)
    words = default_chart_words(report, layout)
    compact = draw.chart_spec(report, config, layout, words)
    monkeypatch.setattr(cs, "shared_guides", lambda spec: spec)
    monkeypatch.setattr(cs, "inline_labels", _full_labels)
    full = draw.chart_spec(report, config, layout, words)
    assert compact != full and len(json.dumps(compact)) < ratio * len(json.dumps(full))
    draw.register_font()
    assert vlc.vegalite_to_svg(compact, vl_version=draw.VL_VERSION) == vlc.vegalite_to_svg(full, vl_version=draw.VL_VERSION)
    narrow_full = draw.narrow_spec(report, layout, words)
    monkeypatch.undo()
    assert vlc.vegalite_to_svg(draw._as_image(narrow_full), vl_version=draw.VL_VERSION) == vlc.vegalite_to_svg(
        draw._as_image(draw.narrow_spec(report, layout, words)), vl_version=draw.VL_VERSION)


def test_a_literal_holds_only_the_keys_its_channel_shows():
    spec = {"encoding": {"x": {"sort": ["b1"], "axis": {"labelExpr": f"{cs.LABELS}[datum.value]"}},
                         "color": {"sort": ["m0", "m2"], "legend": {"labelExpr": f"{cs.LABELS}[datum.value]"}}}}
    found = cs.inline_labels(spec, {"b0": "A", "b1": "B", "m0": "x", "m1": "y", "m2": "z"})
    assert found["encoding"]["x"]["axis"]["labelExpr"] == 'slice(({"b1": "_B"})[datum.value], 1)'
    assert found["encoding"]["color"]["legend"]["labelExpr"] == 'slice(({"m0": "_x", "m2": "_z"})[datum.value], 1)'
