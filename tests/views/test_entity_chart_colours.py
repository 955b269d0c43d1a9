"""Model and benchmark pages draw each model in its site colour and hatch (views/chartstyle.
site_styles), as its report chart and the compare charts do: a benchmark page's bars each in
their model's, a model page's bars in that model's; hatched bars get their pattern in the SVG."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchboard.chart import entity
from benchboard.load.content import load_site
from benchboard.views import chartstyle
from benchboard.views.site import site_views

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example():
    site, _ = load_site(REPO / "content")
    return site, chartstyle.site_styles(site), site_views(site).pages


def _model_key(site, name: str) -> str:
    return next(m.key for r in site.reports for m in r.models if m.key == name or m.name == name)


def test_benchmark_page_bars_have_each_models_site_style(example):
    site, styles, pages = example
    checked = 0
    for view in pages:
        if view.template != "benchmark.html":
            continue
        for chart in view.context["charts"]:
            for bar in chart.bars:  # a benchmark page's bar is labelled with the model's key
                style = styles[_model_key(site, bar.label)]
                assert (bar.colour, bar.hatched) == (style.colour, style.hatched), bar.label
                checked += 1
    colours = {(b.colour, b.hatched) for v in pages if v.template == "benchmark.html" for c in v.context["charts"] for b in c.bars}
    assert checked and len(colours) > 2, "models differ, and so do their bars"


def test_model_page_bars_have_the_models_site_style(example):
    site, styles, pages = example
    models = [v for v in pages if v.template == "model.html" and v.context.get("charts")]
    assert models
    for view in models:
        style = styles[view.context["model"].entries[0].model.key]
        for chart in view.context["charts"]:
            assert {(b.colour, b.hatched) for b in chart.bars} == {(style.colour, style.hatched)}
    assert {styles[v.context["model"].entries[0].model.key].hatched for v in models} == {True, False}


def test_the_drawn_chart_fills_each_bar_and_defines_its_hatch(example):
    site, styles, pages = example
    view = next(v for v in pages if v.template == "benchmark.html" and any(b.hatched for c in v.context["charts"] for b in c.bars))
    chart = view.context["charts"][0]
    svg = entity.draw(chart, "chart-x-caption")
    fills = set(re.findall(r'<path[^>]*aria-roledescription="bar"[^>]*fill="([^"]+)"', svg)) | set(
        re.findall(r'<path[^>]*fill="([^"]+)"[^>]*aria-roledescription="bar"', svg))
    wanted = {f"url(#chart-x-caption-hatch-{b.colour.lstrip('#').lower()})" if b.hatched else b.colour for b in chart.bars}
    drawn = set(re.findall(r'\bfill="((?:url\(#chart-x-caption-hatch-[0-9a-f]+\))|#[0-9A-Fa-f]{6})"', svg))
    assert wanted <= drawn, (wanted, drawn)
    for fill in wanted:
        if fill.startswith("url(#"):
            assert f'<pattern id="{fill[5:-1]}"' in svg, "the hatch is defined inside the SVG"
    assert svg.count("<defs>") == 1
