"""chart/measure.py: label limits dropped only where no label reaches them, so the static SVGs
are the same as with the limits (and cheaper to draw)."""

from __future__ import annotations

import dataclasses
import html
import random
import re
import sys
from pathlib import Path

import pytest
import vl_convert as vlc

from benchboard.chart import draw, measure
from benchboard.chart.layout import chart_layout
from benchboard.load.content import load_site
from benchboard.render.prose import default_chart_words
from benchboard.views import chartstyle

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from shapes_content import write_content  # noqa: E402

ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:/()[]+%&@WMmwiIl1|fjrtTVAYLP"
            "\u00e9\u00e4\u00f6\u00fc\u00df\u00c5\u00f1\u00e7\u2013\u2014\u2019\u00b5\u2026"
            "\u038e\u0390\u0393\u03a4\u03ca")  # Greek pairs the font kerns apart (and r, f before \u2019)


def _drawn_uncut(texts: list[str], size: float, limits: list[float], bold: bool = False) -> list[str]:
    """The texts as Vega draws them, one text mark each with its ``limit`` (cut with an ellipsis
    when vl-convert measures the text at least as wide as the limit)."""
    draw.register_font()
    marks = [{"type": "text", "encode": {"enter": {
        "x": {"value": 0}, "y": {"value": 20 * i + 20}, "text": {"value": t}, "limit": {"value": lim},
        "font": {"value": "Benchboard Sans"}, "fontSize": {"value": size}, "align": {"value": "left"},
        "fontWeight": {"value": "bold" if bold else "normal"}}}}
        for i, (t, lim) in enumerate(zip(texts, limits))]
    svg = vlc.vega_to_svg({"$schema": "https://vega.github.io/schema/vega/v5.json", "width": 600,
                           "height": 20 * len(texts) + 40, "marks": marks})
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<text\b[^>]*>(.*?)</text>", svg)]


def test_the_width_bound_is_never_under_what_vl_convert_measures():
    rng = random.Random(7)
    texts = ["AVAVAV", "\u038e\u0390\u03a4\u03ca\u0393\u0390", "r\u2019f\u2019", "WWWWWWWW", "Llama-3.1-8B-Instruct", "T.Y.", "fff", "jjj", "1,000,000.5"]
    texts += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40))) for _ in range(90)]
    texts = [t.strip() or "x" for t in texts]
    for size, bold in ((10, False), (12, False), (12, True)):
        bounds = [measure.width_at_most(t, size, bold) for t in texts]
        assert all(b is not None for b in bounds)
        drawn = _drawn_uncut(texts, size, bounds, bold)
        cut = [t for t, d in zip(texts, drawn) if html.unescape(d) != t]
        assert cut == [], cut
        # and the bound is close: without its slack, and half a pixel less, most are cut (not
        # those the font kerns closer); cutting measures again and again, so 40 texts
        tight = _drawn_uncut(texts[:40], size, [b - measure.SLACK_PX - 0.5 for b in bounds[:40]], bold)
        assert sum("\u2026" in d for d in tight) > 40 * 0.7


def test_a_character_the_font_lacks_or_lays_out_with_no_advance_keeps_the_limit():
    assert measure.width_at_most("\u4e2d\u6587", 11) is None  # drawn with another font
    for invisible in ("a\u200bb", "a\u034fb", "e\u0301", "\ua717x", "a\u00adb", "x\u0488"):  # joiners, marks: vl-convert adds ~1 px
        assert measure.width_at_most(invisible, 11) is None, repr(invisible)
    assert measure.width_at_most("Qwen", 11) is not None


def test_a_name_that_looks_like_the_lookup_is_read_as_a_name():
    """A name may hold any text, the lookup's own end included: read by a JSON decoder, never a
    pattern (it crashed the build)."""
    from benchboard.views.chartspec import inline_labels

    names = {"m0": "Evil})[datum.value], 1)", "m1": 'Quote " and \\ back', "m2": "Short"}
    spec = inline_labels({"config": {"font": "Benchboard Sans"}, "layer": [{"encoding": {"y": {"type": "nominal", "sort": ["m0", "m1", "m2"],
                                                        "axis": {"labelExpr": "bb_labels[datum.value]", "labelLimit": 300, "labelFontSize": 11}}}}]},
                         names)
    out = measure.drawing_spec(spec)
    assert out["layer"][0]["encoding"]["y"]["axis"]["labelLimit"] == 0  # all three fit 300 px
    assert measure._label_texts(spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"], {}) == list(names.values())
    spec["layer"][0]["encoding"]["y"]["axis"]["labelLimit"] = 60
    assert measure.drawing_spec(spec)["layer"][0]["encoding"]["y"]["axis"]["labelLimit"] == 60


def test_value_axes_drop_the_limit_only_where_every_number_fits():
    def axis(values=None, domain=None, **extra):
        d = {"type": "quantitative", "axis": {"labelFontSize": 12, **({"values": values} if values else {}), **extra}}
        if domain:
            d["scale"] = {"domain": domain}
        return measure.drawing_spec({"config": {"font": "Benchboard Sans"}, "encoding": {"x": d}})["encoding"]["x"]["axis"]

    assert axis([0, 20, 40, 60, 80, 100])["labelLimit"] == 0
    assert axis(domain=[0, 1])["labelLimit"] == 0
    assert "labelLimit" not in axis([0, 1e20])  # "100,000,000,000,000,000,000" at 12 px may pass 180 px
    assert "labelLimit" not in axis()  # ticks Vega chooses from a domain it is not told
    assert axis([0, 50, 100], labelLimit=20)["labelLimit"] == 20
    assert "labelLimit" not in axis([0, 0.5, 1], format=".0%")  # formatted otherwise than the bound assumes


def test_a_spec_drawn_with_another_font_or_guide_config_keeps_every_limit():
    layer = {"encoding": {"x": {"type": "quantitative", "axis": {"values": [0, 50, 100]}}}}
    for config in ({}, {"font": "Helvetica"}, {"font": "Benchboard Sans", "axis": {"labelFontSize": 30}},
                   {"font": "Benchboard Sans", "legend": {"labelFont": "Courier"}}):
        spec = {"config": config, **layer}
        assert measure.drawing_spec(spec) is spec


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return load_site(write_content(tmp_path_factory.mktemp("shapes") / "content"))[0]


def test_the_drawing_is_the_same_without_the_limits_it_drops(site, monkeypatch):
    """Every shape (grouped, wrapped, panels, ranked, their phone layouts): the SVGs drawn from the
    spec with its limits and from drawing_spec are byte for byte the same, and drawing_spec did
    drop limits (else the comparison would show nothing)."""
    styles = chartstyle.site_styles(site)
    config = dataclasses.replace(site.config, png=False)  # the PNG is drawn from the SVG compared
    dropped = []
    real = measure.drawing_spec

    def counting(spec):
        out = real(spec)
        dropped.append(out != spec)
        return out

    for report in site.reports:
        layout = chart_layout(report, site.config, chartstyle.styles_for(styles, report))
        words = default_chart_words(report, layout)
        monkeypatch.setattr(draw, "drawing_spec", counting)
        fast = draw.render_chart(report, config, layout, report.title, "d", words)
        monkeypatch.setattr(draw, "drawing_spec", lambda spec: spec)
        slow = draw.render_chart(report, config, layout, report.title, "d", words)
        assert (fast.svg, fast.narrow_svg, fast.png, fast.spec_json) == (slow.svg, slow.narrow_svg, slow.png, slow.spec_json), report.slug
    assert sum(dropped) >= len(site.reports)


def test_a_name_past_its_limit_keeps_the_limit():
    spec = {"config": {"font": "Benchboard Sans, Helvetica"},
            "params": [{"name": "bb_labels", "value": {"m0": "Short", "m1": "A model name far too long for the room it has"}}],
            "layer": [{"encoding": {"color": {"type": "nominal", "legend": {"labelExpr": "bb_labels[datum.value]", "labelLimit": 120,
                                                                            "labelFontSize": 12}},
                                    "y": {"type": "quantitative", "axis": {"labelFontSize": 11, "values": [0, 50, 100]}},
                                    "x": {"type": "nominal", "axis": {"labelExpr": 'slice(({"b0": "_AIME 2024"})[datum.value], 1)',
                                                                      "labelLimit": 120}}}}]}
    out = measure.drawing_spec(spec)
    enc = out["layer"][0]["encoding"]
    assert enc["color"]["legend"]["labelLimit"] == 120  # one name is too long: Vega still cuts it
    assert enc["y"]["axis"]["labelLimit"] == 0  # numbers
    assert enc["x"]["axis"]["labelLimit"] == 0  # "AIME 2024" fits 120 px
    assert spec["layer"][0]["encoding"]["y"]["axis"] == {"labelFontSize": 11, "values": [0, 50, 100]}  # the published spec is untouched


def test_titles_that_fit_drop_their_limits_and_others_keep_them():
    from benchboard.views.chartspec import safe_text

    long = "A unit name far too long to fit the panel it names, cut with an ellipsis"
    spec = {"config": {"font": "Benchboard Sans"}, "vconcat": [
        {"title": {"text": {"expr": safe_text(["MMLU-Pro", "(acc)"])}, "fontSize": 12, "fontWeight": "bold", "limit": 200},
         "layer": [{"encoding": {"x": {"type": "quantitative", "axis": {"title": {"expr": safe_text(["Accuracy (%)"])},
                                                                         "titleLimit": 300, "titleFontSize": 12}}}}]},
        {"title": {"text": {"expr": safe_text([long])}, "fontSize": 12, "limit": 200},
         "layer": [{"encoding": {"x": {"type": "quantitative", "axis": {"title": {"expr": safe_text([long])}, "titleLimit": 300}}}}]},
        {"title": {"text": "Short", "subtitle": "with a subtitle the limit also cuts", "limit": 200}}]}
    out = measure.drawing_spec(spec)["vconcat"]
    assert out[0]["title"]["limit"] == 0 and out[0]["layer"][0]["encoding"]["x"]["axis"]["titleLimit"] == 0
    assert out[1]["title"]["limit"] == 200 and out[1]["layer"][0]["encoding"]["x"]["axis"]["titleLimit"] == 300
    assert out[2]["title"]["limit"] == 200
    # an expression that is not safe_text's exactly is left alone
    odd = {"config": {"font": "Benchboard Sans"}, "title": {"text": {"expr": '[slice("_A", 1)] + ["B"]'}, "limit": 200}}
    assert measure.drawing_spec(odd)["title"]["limit"] == 200


def test_a_value_axis_of_small_steps_is_bounded_by_its_step_s_decimals():
    """Vega formats ticks at the precision of their step, which may be finer than the values as
    written (ticks 0 and 0.001 over a domain of 0.001: "0.0000" ... "0.0010"): the bound counts
    the finer one."""
    wide = measure._number_px({"axis": {"values": [0, 0.001]}, "scale": {"domain": [0, 0.001]}}, 12)
    assert wide >= len("-0.00010") * 0.556 * 12
    assert measure._number_px({"axis": {"values": [0, 50, 100]}, "scale": None}, 12) < 60


def test_the_frontier_scatter_is_drawn_the_same_without_the_limits_it_drops(monkeypatch, tmp_path):
    """The frontier scatter (its legend of families, long ones included) through chart/measure.py
    and without it: the same wide and phone SVGs."""
    from benchboard.chart import scatter
    from benchboard.model import SiteConfig
    from benchboard.views.frontier import FrontierView, Placed

    families = ["Aurora", "A family name long enough to be cut in the phone legend's column", "Basalt"]
    placed = tuple(Placed(f"m{i}", None, families[i % 3], 2 ** i, f"{2 ** i}B", None, 30 + 5 * i, f"{30 + 5 * i}", None, None, None,
                          i % 2 == 0, False) for i in range(8))
    view = FrontierView("v", "params", "Score against size", "Parameters (log scale)", "Score", "log", False, True, placed,
                        (), (), (), (), (), "scores")
    drawn = []
    for fn in (scatter.drawing_spec, lambda spec: spec):
        monkeypatch.setenv("BENCHBOARD_CACHE_DIR", str(tmp_path / f"cache-{len(drawn)}"))  # no SVG from the other side's cache
        monkeypatch.setattr(scatter, "drawing_spec", fn)
        found = scatter.render(view, SiteConfig(title="T"), "d")
        drawn.append((found.svg, found.narrow_svg))
    assert drawn[0] == drawn[1]
    spec, _ = scatter.spec(view, SiteConfig(title="T"))
    assert measure.drawing_spec(spec) != spec  # something was left out, or the comparison shows nothing
