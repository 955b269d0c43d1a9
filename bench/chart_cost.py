"""Static chart cost per report: render_chart (every SVG and the PNG) timed in-process, the
median of --runs after one warm-up, as CPU time of the process (user + system, all threads:
vl-convert draws in its own threads) and as wall time; CPU time is what to compare on a
shared machine, where wall time follows the load, for whichever benchboard is first on sys.path, so two trees
can be compared on the same content (not a test; nothing is asserted):

    python bench/shapes_content.py /tmp/shapes             # the example plus the issue's shapes
    PYTHONPATH=old/src python bench/chart_cost.py /tmp/shapes > old.json
    PYTHONPATH=src python bench/chart_cost.py /tmp/shapes > new.json
    python bench/chart_cost.py --compare old.json new.json
    PYTHONPATH=src python bench/chart_cost.py --budget /tmp/shapes 9   # the budget, interleaved
    PYTHONPATH=src python bench/chart_cost.py /tmp/shapes 3 --grouped > grouped.json   # the budget's reference

--grouped draws every report as the seed's grouped chart of the same drawn models (the issue's
budget: a chart may cost at most 20% more than a grouped chart of the same data). Besides the
total, each report's parts are timed once more on their own (CPU ms): the wide SVG, the phone
SVG (drawn, or restacked from the wide one) and the PNG.

--budget measures the budget in one process: each round draws every report twice, in its own
layout and as the grouped chart, in alternating order, and compares the medians of the CPU
times (time.process_time: all threads, nanosecond clock). Two separate runs of the same chart
differ by up to 40% on a shared machine; interleaving puts both sides under the same load.
"""

from __future__ import annotations

import inspect
import json
import os
import statistics
import sys
import time
from pathlib import Path


def draw_every_time() -> None:
    """Every drawing made, none read from the drawings kept between builds (chart/drawings.py):
    this measures what a chart costs to draw, not a cache hit."""
    from benchboard.chart import drawings

    drawings._kept = lambda key, suffix, make: make()


def measure(content: Path, runs: int, grouped: bool = False) -> dict:
    from benchboard.chart import draw
    from benchboard.chart.layout import chart_layout
    from benchboard.load.content import load_site
    from benchboard.render import prose

    draw_every_time()
    site, _ = load_site(content)
    takes_styles = "styles" in inspect.signature(chart_layout).parameters
    found = {}
    for report in site.reports:
        if takes_styles:
            from benchboard.views import chartstyle

            layout = chart_layout(report, site.config, chartstyle.styles_for(chartstyle.site_styles(site), report))
        else:
            layout = chart_layout(report, site.config)
        if grouped:
            import dataclasses

            layout = dataclasses.replace(layout, kind="grouped", order=())
        words = prose.default_chart_words(report, layout)
        times, cpu = [], []
        for i in range(runs + 1):
            start, before = time.perf_counter(), os.times()
            draw.render_chart(report, site.config, layout, report.title, "description", words)
            after = os.times()
            if i:
                times.append(time.perf_counter() - start)
                cpu.append(after.user + after.system - before.user - before.system)
        found[report.slug] = {"ms": round(statistics.median(times) * 1000), "cpu_ms": round(statistics.median(cpu) * 1000),
                              "kind": getattr(layout, "kind", "grouped"), "bars": len(layout.shown) * len(report.benchmarks),
                              "parts": parts(draw, report, site.config, layout, words)}
    return found


def parts(draw, report, config, layout, words) -> dict:
    """CPU ms of the wide SVG, the phone SVG and the PNG, each once (after the runs: warm)."""
    import vl_convert as vlc

    def cpu(action):
        before = os.times()
        result = action()
        after = os.times()
        return result, round((after.user + after.system - before.user - before.system) * 1000)

    spec = draw.chart_spec(report, config, layout, words)
    if hasattr(draw, "drawing_spec"):  # the spec as vl-convert draws it (chart/measure.py)
        spec = draw.drawing_spec(spec)
    raw, wide = cpu(lambda: vlc.vegalite_to_svg(spec, vl_version=draw.VL_VERSION))
    svg = draw.post_process_svg(raw, report, layout, report.title, "description")
    _, png = cpu(lambda: vlc.svg_to_png(draw.for_raster(svg), scale=draw.png_scale(svg)))
    files, total = cpu(lambda: draw.render_chart(report, config, layout, report.title, "description", words))
    return {"wide_svg": wide, "png": png, "phone_svg": max(total - wide - png, 0) if files.narrow_svg else 0}


def budget(content: Path, rounds: int) -> None:
    import dataclasses

    from benchboard.chart import draw
    from benchboard.chart.layout import chart_layout
    from benchboard.load.content import load_site
    from benchboard.render import prose
    from benchboard.views import chartstyle

    draw_every_time()
    site, _ = load_site(content)
    styles = chartstyle.site_styles(site)
    print(f"| report | layout | CPU ms, own layout | CPU ms, grouped | change (budget +20%) |\n|---|---|---|---|---|")
    for report in site.reports:
        own = chart_layout(report, site.config, chartstyle.styles_for(styles, report))
        sides = {"own": own, "grouped": dataclasses.replace(own, kind="grouped", order=())}
        words = {k: prose.default_chart_words(report, v) for k, v in sides.items()}
        cpu: dict[str, list[float]] = {"own": [], "grouped": []}
        for i in range(rounds + 1):
            for side in (("own", "grouped") if i % 2 else ("grouped", "own")):
                before = time.process_time()
                draw.render_chart(report, site.config, sides[side], report.title, "description", words[side])
                if i:  # the first round warms up
                    cpu[side].append(time.process_time() - before)
        a, b = (statistics.median(cpu[k]) * 1000 for k in ("own", "grouped"))
        print(f"| {report.slug} | {own.kind} | {a:.0f} | {b:.0f} | {a / b - 1:+.0%} |")


def compare(old: dict, new: dict) -> None:
    def cell(r: dict) -> str:
        p = r.get("parts")
        split = f"; wide {p['wide_svg']} + phone {p['phone_svg']} + PNG {p['png']}" if p else ""
        return f"{r['kind']}, {r['bars']}, {r['cpu_ms']} ({r['ms']}){split}"

    print("| report | before: layout, bars drawn, CPU ms (wall); parts | after: layout, bars drawn, CPU ms (wall); parts | CPU change |")
    print("|---|---|---|---|")
    for slug, b in new.items():
        a = old.get(slug)
        if a:
            print(f"| {slug} | {cell(a)} | {cell(b)} | {b['cpu_ms'] / max(a['cpu_ms'], 1) - 1:+.0%} |")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--budget", action="store_true", help="own layout against the grouped chart, interleaved in one process")
    parser.add_argument("--compare", action="store_true", help="compare two JSON outputs: OLD.json NEW.json")
    parser.add_argument("--grouped", action="store_true", help="draw every report as the seed's grouped chart")
    parser.add_argument("paths", nargs="+", help="a content tree (or, with --compare, two JSON files)")
    parser.add_argument("runs", nargs="?", type=int, help="runs (or rounds with --budget)")
    args, extra = parser.parse_known_args()
    numbers = [a for a in args.paths if a.isdigit()]
    paths = [a for a in args.paths if not a.isdigit()]
    runs = args.runs or (int(numbers[0]) if numbers else None)
    if args.compare:
        compare(json.loads(Path(paths[0]).read_text()), json.loads(Path(paths[1]).read_text()))
    elif args.budget:
        budget(Path(paths[0]), runs or 9)
    else:
        print(json.dumps(measure(Path(paths[0]), runs or 5, args.grouped)))


if __name__ == "__main__":
    main()
