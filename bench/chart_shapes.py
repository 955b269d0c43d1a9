"""Charts at every shape, measured in Chromium (not a test: nothing here is timed or asserted).

    python bench/chart_shapes.py [--out /tmp/chart-shapes] [--shots]

Builds the example content plus the shapes of bench/shapes_content.py (17 benchmarks of mixed
units, 40 benchmarks, 101 models x 1 benchmark, 30 models x 10 benchmarks), opens each report
page at 1280 and 360 px wide, and the first board's compare chart (two and five models), and
reports per page and width: which chart is shown (the wide inline SVG or the narrow one), the
smallest chart text as rendered (CSS px: font size x the scale the page draws the chart at),
pairs of overlapping text boxes in the chart, and whether the page scrolls sideways. The narrow
SVG is served as an image, so its text is measured by opening the SVG itself and scaling by
the image's rendered width. With --shots, screenshots go to OUT/shots/ for looking at.
Also times the static chart per report (wide SVG, narrow SVG, PNG; the median of 3).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from shapes_content import write_content  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (1280, 360)

# Every <text> of an SVG (the inline chart, or a standalone SVG document) with its rendered box.
TEXT_BOXES = """(root) => {
  const svg = typeof root === 'string' ? document.querySelector(root) : root;
  if (!svg) return null;
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    if (!t.textContent.trim()) continue;
    const r = t.getBoundingClientRect();
    if (r.width < 0.5 || r.height < 0.5) continue;
    const size = parseFloat(getComputedStyle(t).fontSize);
    out.push({text: t.textContent, x: r.left, y: r.top, w: r.width, h: r.height, size});
  }
  const box = svg.getBoundingClientRect();
  const natural = parseFloat(svg.getAttribute('width'));
  return {texts: out, scale: box.width / natural, width: box.width};
}"""


def overlaps(texts: list[dict], tolerance: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of text boxes that overlap by more than ``tolerance`` px both ways."""
    found = []
    boxes = sorted(texts, key=lambda t: t["x"])
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b["x"] >= a["x"] + a["w"] - tolerance:
                break
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > tolerance and dy > tolerance:
                found.append((a["text"], b["text"]))
    return found


def measure_report(page, site: Path, slug: str, width: int, shots: Path | None) -> dict:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto((site / slug / "index.html").as_uri())
    page.wait_for_load_state("load")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    chart_right = page.evaluate("""() => { const i = document.querySelector('.chart-narrow');
        const shown = i && getComputedStyle(i).display !== 'none' ? i : document.querySelector('.chart-static svg');
        return shown.getBoundingClientRect().right; }""")
    narrow_shown = page.evaluate("""() => { const i = document.querySelector('.chart-narrow');
        return !!i && getComputedStyle(i).display !== 'none'; }""")
    if shots:
        page.locator("figure.chart").screenshot(path=str(shots / f"{slug}-{width}.png"))
    if narrow_shown:
        rendered = page.evaluate("() => { const i = document.querySelector('.chart-narrow'); return [i.getBoundingClientRect().width, i.naturalWidth]; }")
        scale = rendered[0] / rendered[1]
        page.goto((site / slug / "chart-narrow.svg").as_uri())
        boxes = page.evaluate(TEXT_BOXES, "svg")
        texts = boxes["texts"]
        smallest = min(t["size"] for t in texts) * scale
    else:
        boxes = page.evaluate(TEXT_BOXES, ".chart-static svg")
        texts = boxes["texts"]
        smallest = min(t["size"] for t in texts) * boxes["scale"]
    return {"page": slug, "width": width, "chart": "narrow" if narrow_shown else "wide", "smallest_px": round(smallest, 1),
            "overlaps": overlaps(texts), "page_width": scroll, "sideways": scroll > width, "chart_right": round(chart_right)}


def measure_compare(page, site: Path, width: int, models: int, shots: Path | None) -> dict:
    page.set_viewport_size({"width": width, "height": 900})
    # the example's board (its controls and compare panel are on the board's own page)
    board = site / "boards" / "model-performance-comparison-across-benchmarks" / "index.html"
    page.goto(board.as_uri())
    names = page.evaluate("() => JSON.parse(document.querySelector('script[type=\"application/json\"]').textContent).rows.map(r => r.name)")
    query = "&".join(f"sel={n}" for n in names[:models]) + "&cmp=1"
    page.goto(board.as_uri() + "?" + query)
    page.wait_for_selector(".bb-chart svg", timeout=30000)
    page.wait_for_timeout(300)
    boxes = page.evaluate(TEXT_BOXES, ".bb-chart svg")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    chart_right = page.evaluate("document.querySelector('.bb-chart svg').getBoundingClientRect().right")
    if shots:
        page.locator(".bb-chart").first.screenshot(path=str(shots / f"compare-{models}-{width}.png"))
    texts = boxes["texts"]
    return {"page": f"board compare ({models} models)", "width": width, "chart": "interactive",
            "smallest_px": round(min(t["size"] for t in texts) * boxes["scale"], 1), "overlaps": overlaps(texts),
            "page_width": scroll, "sideways": scroll > width, "chart_right": round(chart_right)}


def chart_costs(content: Path) -> list[dict]:
    import vl_convert as vlc

    from benchboard.chart import draw
    from benchboard.chart.layout import chart_layout
    from benchboard.chart.stack import phone_svg
    from benchboard.load.content import load_site
    from benchboard.render import prose
    from benchboard.views import chartstyle

    site, _ = load_site(content)
    draw.register_font()
    found = []
    for report in site.reports:
        layout = chart_layout(report, site.config, chartstyle.styles_for(chartstyle.site_styles(site), report))
        words = prose.default_chart_words(report, layout)
        spec, small = draw.chart_spec(report, site.config, layout, words), draw.narrow_spec(report, layout, words)
        svg = vlc.vegalite_to_svg(spec, vl_version=draw.VL_VERSION)

        def median(f) -> float:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                f()
                times.append(time.perf_counter() - start)
            return statistics.median(times) * 1000

        restacked = layout.kind == "ranked" and layout.order and phone_svg(svg, layout.order[0], report.title, words.subtitle)

        def phone() -> None:  # as render_chart makes it: restacked from the wide SVG where it can, else drawn
            if not (restacked and phone_svg(svg, layout.order[0], report.title, words.subtitle)):
                vlc.vegalite_to_svg(small, vl_version=draw.VL_VERSION)

        found.append({"report": report.slug, "kind": layout.kind, "phone": "restacked" if restacked else "drawn",
                      "wide_ms": round(median(lambda: vlc.vegalite_to_svg(spec, vl_version=draw.VL_VERSION))),
                      "narrow_ms": round(median(phone)),
                      "png_ms": round(median(lambda: vlc.svg_to_png(draw.for_raster(svg), scale=draw.png_scale(svg))))})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/chart-shapes"))
    parser.add_argument("--shots", action="store_true")
    parser.add_argument("--no-cost", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from benchboard.commands.build import build

    content = write_content(args.out / "content")
    site = args.out / "site"
    build(content, site, force=True, png=False)
    shots = args.out / "shots" if args.shots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    slugs = sorted(p.parent.name for p in site.glob("*/chart.svg"))
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for slug in slugs:
            for width in WIDTHS:
                results.append(measure_report(page, site, slug, width, shots))
        for width in WIDTHS:
            for models in (2, 5):
                results.append(measure_compare(page, site, width, models, shots))
        browser.close()
    print("| page | viewport | chart shown | smallest text (CSS px) | overlapping text pairs | chart's right edge | page width |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['page']} | {r['width']} | {r['chart']} | {r['smallest_px']} | {len(r['overlaps'])} | {r['chart_right']} | "
              f"{r['page_width']}{' (scrolls sideways)' if r['sideways'] else ''} |")
    for r in results:
        if r["overlaps"]:
            print(f"overlaps on {r['page']} at {r['width']}: {r['overlaps'][:5]}")
    if not args.no_cost:
        print("\n| report | layout | wide SVG (ms) | phone SVG (ms) | PNG (ms) |\n|---|---|---|---|---|")
        for c in chart_costs(content):
            print(f"| {c['report']} | {c['kind']} | {c['wide_ms']} | {c['narrow_ms']} ({c['phone']}) | {c['png_ms']} |")
    (args.out / "results.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
