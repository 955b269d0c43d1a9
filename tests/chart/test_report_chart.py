"""The chart, checked by parsing what vl-convert drew: bars, labels, patterns, legend, escaping."""

from __future__ import annotations

import json
import re
import struct
import zlib
from xml.etree import ElementTree


from benchboard.chart.draw import chart_spec, render_chart
from benchboard.chart.layout import chart_layout
from benchboard.model import Benchmark, Model, Report, Score, SiteConfig, format_number
from benchboard.render.prose import default_chart_words
from benchboard.views.jsonembed import embed_json
from helpers import example_report

SVG = "{http://www.w3.org/2000/svg}"
CONFIG = SiteConfig()


def render(report: Report, config: SiteConfig = CONFIG):
    layout = chart_layout(report, config)
    return render_chart(report, config, layout, report.title, "description", default_chart_words(report, layout)), layout


def make(n_models: int, n_bench: int, *, value=lambda m, b: 40 + (m * 7 + b * 13) % 55, families=None, y_range=(0.0, 100.0), max_bars=12, names=None) -> Report:
    benchmarks = tuple(Benchmark(f"Bench {b}", "acc") for b in range(n_bench))
    models = []
    for m in range(n_models):
        scores = {}
        for b in range(n_bench):
            v = value(m, b)
            if v is not None:
                scores[f"Bench {b}"] = Score(float(v), format_number(v, 1))
        name = names[m] if names else f"Model {m}"
        models.append(Model(name, scores, family=(families[m] if families else None)))
    return Report(slug="t", path="t.yaml", title="T", benchmarks=benchmarks, models=tuple(models), precision=1, y_range=y_range, y_title="Accuracy (%)", max_bars=max_bars)


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def plot_size(root) -> tuple[float, float]:
    for path in root.iter(f"{SVG}path"):
        if path.get("class") == "background" and path.get("d", "").startswith("M0.5,0.5h"):
            w, h = re.match(r"M0\.5,0\.5h([\d.]+)v([\d.]+)", path.get("d")).groups()
            return float(w), float(h)
    raise AssertionError("no plot background")


def bars(root) -> list[dict]:
    found = []
    for path in root.iter(f"{SVG}path"):
        if path.get("aria-roledescription") == "bar":
            x, y, w, h = map(float, re.match(r"M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)", path.get("d")).groups())
            title = path.find(f"{SVG}title")
            found.append({"x": x, "y": y, "w": w, "h": h, "fill": path.get("fill"), "title": title.text if title is not None else None})
    return found


def value_labels(root) -> list[dict]:
    labels = []
    for group in root.iter(f"{SVG}g"):
        if "layer_2_marks" in (group.get("class") or ""):
            for text in group.iter(f"{SVG}text"):
                x, y = map(float, re.match(r"translate\(([-\d.e]+),([-\d.e]+)\)", text.get("transform")).groups())
                labels.append({"x": x, "y": y, "text": text.text, "rotated": "rotate" in text.get("transform"), "size": float(text.get("font-size", "11px")[:-2])})
    return labels


def whiskers(root) -> list[dict]:
    """The 95% interval rules: x, top and bottom in plot coordinates."""
    found = []
    for group in root.iter(f"{SVG}g"):
        if "mark-rule" in (group.get("class") or "") and "layer_1_marks" in group.get("class"):
            for line in group.iter(f"{SVG}line"):
                x, y = map(float, re.match(r"translate\(([-\d.e]+),([-\d.e]+)\)", line.get("transform")).groups())
                found.append({"x": x, "bottom": y, "top": y + float(line.get("y2"))})
    return found


def legend(root) -> tuple[list[str], list[str]]:
    names, fills = [], []
    for group in root.iter(f"{SVG}g"):
        cls = group.get("class") or ""
        if "role-legend-label" in cls:
            names += [t.text for t in group.iter(f"{SVG}text")]
        if "role-legend-symbol" in cls:
            fills += [p.get("fill") for p in group.iter(f"{SVG}path")]
    return names, fills


example = example_report


def test_example_chart_matches_the_seed_components():
    report = example()
    files, layout = render(report)
    root = parse(files.svg)
    width, height = plot_size(root)
    drawn = bars(root)
    assert len(drawn) == 16
    # Bars come in data order: model by model, benchmark by benchmark.
    expected = [(m.name, b.name, m.scores[b.name].display) for m in report.models for b in report.benchmarks]
    intervals = {
        ("AM-Distill-Qwen-32B", "AIME 2024"): "54.9–85.4", ("AM-Distill-Qwen-72B", "MATH-500"): "95.1–98.2",
    }
    titles = [d["title"] for d in drawn]
    for (m, b, v), title in zip(expected, titles):
        assert title.startswith(f"{m} — {b}: {v}%")
        if b == "LiveCodeBench":
            assert title.endswith("no uncertainty given")
        else:
            assert ", 95% interval " in title
        if (m, b) in intervals:
            assert title.endswith(f"95% interval {intervals[(m, b)]}%")
    # 12 whiskers (three benchmarks have n), none on LiveCodeBench, each centred on its bar
    # and spanning its top.
    drawn_whiskers = whiskers(root)
    assert len(drawn_whiskers) == 12
    with_n = [bar for bar, (_, b, _) in zip(drawn, expected) if b != "LiveCodeBench"]
    for whisker in drawn_whiskers:
        bar = min(with_n, key=lambda bar: abs(bar["x"] + bar["w"] / 2 - whisker["x"]))
        assert abs(bar["x"] + bar["w"] / 2 - whisker["x"]) < 0.6
        assert whisker["top"] < bar["y"] < whisker["bottom"]
    assert "No uncertainty given for LiveCodeBench" in "".join(root.itertext())
    labels = value_labels(root)
    assert [l["text"] for l in labels] == [v for _, _, v in expected]  # "97.0", "70.0", never "97"
    for bar, label in zip(drawn, labels):
        assert 0 <= bar["x"] and bar["x"] + bar["w"] <= width + 0.01
        assert 0 <= bar["y"] and bar["y"] + bar["h"] <= height + 0.01
        assert abs(label["x"] - (bar["x"] + bar["w"] / 2)) < 0.6, "label not centred on its bar"
        assert label["y"] <= bar["y"] + 0.01, "label not above its bar"
        over = [w for w in drawn_whiskers if abs(w["x"] - label["x"]) < 0.6]
        assert all(label["y"] <= w["top"] + 0.01 for w in over), "label not above its whisker"
    # Hatched AM-Distill, solid DeepSeek-R1-Distill, in bars and legend symbols.
    names, fills = legend(root)
    assert names == [m.name for m in report.models]
    assert fills[0].startswith("url(#bb-distilled-reasoning-hatch-") and fills[2].startswith("url(#")
    assert fills[1].startswith("#") and fills[3].startswith("#")
    for bar, (model, _, _) in zip(drawn, expected):
        assert bar["fill"].startswith("url(#") == model.startswith("AM-Distill")
    defs = root.find(f"{SVG}defs")
    assert {p.get("id") for p in defs.iter(f"{SVG}pattern")} == {"bb-distilled-reasoning-hatch-0", "bb-distilled-reasoning-hatch-2"}
    # Axis: 30 to 100 with gridlines every 10; x labels on two lines.
    spec = json.loads(files.spec_json)
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [30.0, 100.0]
    assert spec["layer"][0]["encoding"]["y"]["axis"]["values"] == [30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    texts = [t.text for t in root.iter(f"{SVG}tspan")] + [t.text for t in root.iter(f"{SVG}text")]
    assert "(Pass@1)" in texts and "AIME 2024" in texts
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == report.title


def test_labels_do_not_collide_at_four_and_eight_models():
    # eight is the most a grouped chart draws (GROUP_MAX); more are ranked (test_chart_shapes.py)
    for n_models in (4, 8):
        report = make(n_models, 4, value=lambda m, b: 90 + (m % 3) * 0.1)  # near-equal tall bars: the hard case
        root = parse(render(report)[0].svg)
        width, _ = plot_size(root)
        boxes = []
        for label in value_labels(root):
            chars = len(label["text"]) * label["size"] * 0.6
            if label["rotated"]:
                boxes.append((label["x"] - label["size"] / 2, label["x"] + label["size"] / 2))
            else:
                boxes.append((label["x"] - chars / 2, label["x"] + chars / 2))
            assert label["x"] < width, "a label runs into the legend"
        boxes.sort()
        for (a0, a1), (b0, b1) in zip(boxes, boxes[1:]):
            assert a1 <= b0 + 0.5, f"labels overlap at {n_models} models: {a0, a1} vs {b0, b1}"


def test_scores_outside_the_domain_are_clamped_and_marked():
    report = make(2, 2, value=lambda m, b: [[12.0, 50.0], [104.0, None]][m][b], y_range=(30.0, 100.0))
    files, layout = render(report)
    root = parse(files.svg)
    width, height = plot_size(root)
    drawn = bars(root)
    assert len(drawn) == 3  # the missing score draws nothing, not a zero bar
    for bar in drawn:
        assert 0 <= bar["y"] and bar["y"] + bar["h"] <= height + 0.01 and bar["h"] > 0
    labels = [l["text"] for l in value_labels(root)]
    assert labels == ["12.0▼", "50.0", "104.0▲"]
    assert "below the axis minimum of 30.0" in drawn[0]["title"]
    assert set(layout.clamped) == {("Model 0", "Bench 0"), ("Model 1", "Bench 0")}


def test_max_bars_keeps_the_best_and_says_so():
    # a grouped chart keeps max_bars models; past GROUP_MAX a legend cannot tell them apart,
    # and the ranked chart draws the same max_bars models, names on the axis
    report = make(7, 3, value=lambda m, b: 20 + m * 4 + b, max_bars=5)
    files, layout = render(report)
    assert layout.kind == "grouped" and len(layout.shown) == 5 and files.note == "top 5 of 7 by mean — the table lists all"
    assert set(layout.shown) == {f"Model {m}" for m in range(2, 7)}
    assert len(bars(parse(files.svg))) == 15
    report = make(30, 1, value=lambda m, b: 20 + m * 0.5)
    files, layout = render(report)
    assert layout.kind == "ranked" and len(layout.shown) == 12 and files.note == "top 12 of 30 by mean — the table lists all"
    assert len(bars(parse(files.svg))) == 12
    report = make(30, 1, value=lambda m, b: 20 + m * 0.5, max_bars=40)  # a site that wants them all says so
    files, layout = render(report)
    assert layout.kind == "ranked" and len(layout.shown) == 30 and files.note is None


def test_hostile_names_are_escaped_in_svg_and_embedded_json():
    hostile = ["</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }} & <b>"]
    report = make(3, 2, names=hostile)
    files, _ = render(report)
    root = parse(files.svg)  # still well-formed XML
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    names, _ = legend(root)
    assert names == hostile
    assert {b["title"].split(" — ")[0] for b in bars(root)} == set(hostile)
    embedded = embed_json(files.spec_json)
    assert "</script" not in embedded.lower() and "<" not in embedded and ">" not in embedded
    assert json.loads(embedded) == json.loads(files.spec_json)


def test_spec_and_svg_are_deterministic():
    report = example()
    layout = chart_layout(report, CONFIG)
    assert chart_spec(report, CONFIG, layout, default_chart_words(report, layout)) == chart_spec(report, CONFIG, layout, default_chart_words(report, layout))
    assert render(report)[0].svg == render(report)[0].svg


def test_palette_override_and_single_family_is_solid():
    config = SiteConfig(palette=("#112233", "#445566"))
    report = make(3, 1, families=["F", "F", "F"])
    files, layout = render(report, config)
    assert [layout.fills[m].colour for m in layout.shown] == ["#112233", "#445566", "#112233"]
    assert not any(f.hatched for f in layout.fills.values())  # one family: nothing to tell apart


def _png_pixels(data: bytes):
    """A minimal PNG decoder (8-bit RGB/RGBA, non-interlaced) for checking rendered pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, channels, rows


def test_png_is_2x_and_shows_the_hatching():
    report = make(2, 1, value=lambda m, b: 90, families=["Hatched", "Solid"])
    files, _ = render(report)
    root = parse(files.svg)
    width, channels, rows = _png_pixels(files.png)
    assert width == round(float(root.get("width")) * 2)
    drawn = bars(root)
    group = root.find(f"{SVG}g")  # the plot's offset inside the SVG
    dx, dy = map(float, re.match(r"translate\(([-\d.]+),([-\d.]+)\)", group.get("transform")).groups())

    def colours_in(bar) -> set[tuple]:
        seen = set()
        for y in range(int((dy + bar["y"] + 5) * 2), int((dy + bar["y"] + 40) * 2)):
            row = rows[y]
            for x in range(int((dx + bar["x"] + 3) * 2), int((dx + bar["x"] + bar["w"] - 3) * 2)):
                seen.add(tuple(row[x * channels : x * channels + 3]))
        return seen

    hatched, solid = colours_in(drawn[0]), colours_in(drawn[1])
    assert (0x00, 0x72, 0xB2) in hatched and any(min(c) > 200 for c in hatched), "no white stripes in the hatched bar"
    assert solid == {(0xE6, 0x9F, 0x00)}


def test_reused_structure_gives_exactly_the_altair_spec():
    """chart_spec swaps values into a cached Altair build; it must equal a fresh Altair build
    (its titles read through chartspec.safe_titles, as every chart's are)."""
    from benchboard.chart.draw import _values, altair_chart
    from benchboard.views.chartspec import safe_titles

    reports = [example(), make(3, 2), make(8, 4), make(2, 2, value=lambda m, b: [[12.0, 50.0], [104.0, None]][m][b], y_range=(30.0, 100.0)),
               make(3, 2, names=["</script>", "{{ 7*7 }}", "a & b"], families=["F", "G", "F"])]
    for report in reports:
        layout = chart_layout(report, CONFIG)
        assert layout.kind == "grouped"
        direct = altair_chart(_values(report, layout, default_chart_words(report, layout))).to_dict()  # with Altair's schema validation
        assert chart_spec(report, CONFIG, layout, default_chart_words(report, layout)) == safe_titles(direct)


SKELETON_PROBE = r"""
import json, sys
from benchboard.chart.draw import chart_spec
from benchboard.chart.layout import chart_layout
from benchboard.load.content import load_site
from benchboard.render.prose import default_chart_words
site, _ = load_site(__import__("pathlib").Path(sys.argv[1]))
specs = [chart_spec(r, site.config, (l := chart_layout(r, site.config)), default_chart_words(r, l)) for r in site.reports]
print(json.dumps({"altair_imported": "altair" in sys.modules, "specs": specs}, sort_keys=True))
"""


def test_chart_skeletons_are_cached_per_installation(tmp_path):
    """A second process draws the same specs from the cached skeletons, without importing
    Altair; a damaged cache entry is rebuilt, never trusted."""
    import os
    import subprocess
    import sys

    from helpers import REPO

    env = {**os.environ, "BENCHBOARD_CACHE_DIR": str(tmp_path / "cache")}

    def probe() -> dict:
        result = subprocess.run([sys.executable, "-c", SKELETON_PROBE, str(REPO / "content")], env=env,
                                capture_output=True, text=True, check=True)
        return json.loads(result.stdout)

    first, second = probe(), probe()
    assert first["altair_imported"] and not second["altair_imported"]
    assert first["specs"] == second["specs"]
    skeletons = sorted((tmp_path / "cache").glob("chart-skeleton-*.json"))
    assert skeletons, "no skeleton was cached"
    for path in skeletons:
        path.write_text('{"layer": "damaged"')
    third = probe()
    assert third["altair_imported"] and third["specs"] == first["specs"]
    assert all(json.loads(p.read_text())["layer"] for p in skeletons), "the damaged entry was not rewritten"
