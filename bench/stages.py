"""What each stage of a cold build costs, in CPU seconds, measured in one process.

    python bench/stages.py                 # 1,000 synthetic reports (10 models x 8 benchmarks)
    python bench/stages.py --reports 200 --sample 20

The site-level stages (load, site page data, their digests, rendering the site pages) run once
over the whole tree; the per-report stages (analysis, text, chart spec, the SVG and the PNG by
vl-convert, the report page) are timed on ``--sample`` reports and scaled to all of them. CPU
time (``time.process_time``: this process, vl-convert's threads included) rather than wall
time, so the figures hold on a shared machine; a real build spreads the per-report stages over
the cores. The cache directory is a new one, so loading validates every file.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import os
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the benchmark's synthetic trees)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=30, help="reports whose own stages are timed (then scaled)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="benchboard-stages-"))
    os.environ["BENCHBOARD_CACHE_DIR"] = str(work / "cache")
    tree = run.make_tree(work / "tree", args.reports, 10, 8)

    from benchboard.analyse import report as analyse
    from benchboard.chart import draw
    from benchboard.chart.layout import chart_layout
    from benchboard.commands import build
    from benchboard.load.content import load_site
    from benchboard.output import pagecache
    from benchboard.render import prose, site as render, theme
    from benchboard.render.api import api_files
    from benchboard.views import chartstyle
    from benchboard.views.site import site_views

    cost: dict[str, float] = defaultdict(float)
    clock = [time.process_time()]

    def lap(stage: str, scale: float = 1.0) -> None:
        now = time.process_time()
        cost[stage] += (now - clock[0]) * scale
        clock[0] = now

    gc_thresholds = build.fewer_collections()  # as a build runs
    gc_thresholds.__enter__()
    site, _ = load_site(tree)
    lap("load and validate (cold cache)")
    env = theme.environment(tree)
    theme_digest = build.fingerprint_theme(tree)
    nav = repr(render.common_context(site)["nav"])
    for report in site.reports:
        build.report_digest(report, site.config, nav, theme_digest)
    lap("theme and report digests")
    views = site_views(site, None, chartstyle.site_styles(site))
    lap("site page data (views)")
    pagecache.page_digests(views.pages, render.common_context(site), theme_digest)
    lap("site page digests")
    views = build.draw_figures(views, env, site.config)
    lap("site page charts (model and benchmark pages, frontier views)")
    api = api_files(views.api, site.config.base_url)
    lap("API files (api/*.json)")
    files = render.render_site(site, replace(views, api={}), env, tree)
    lap("render site pages")
    files.update(api)
    site_bytes = sum(len(b) for b in files.values())

    sample = random.Random(1).sample(list(site.reports), min(args.sample, len(site.reports)))
    scale = len(site.reports) / len(sample)
    common = render.common_context(site)
    warm = site.reports[0]  # first calls load the chart skeletons and start vl-convert's runtime: not a report's cost
    warm_layout = chart_layout(warm, site.config)
    warm_svg = draw.vlc.vegalite_to_svg(draw.chart_spec(warm, site.config, warm_layout, prose.default_chart_words(warm, warm_layout)),
                                        vl_version=draw.VL_VERSION)
    draw.vlc.svg_to_png(warm_svg)
    lap("(start-up)")
    for report in sample:
        analysis = analyse.analyse(report)
        layout = chart_layout(report, site.config)
        lap("report: analysis and layout", scale)
        text = prose.report_text(report, analysis, env, layout)
        lap("report: text (templates/text)", scale)
        spec = draw.chart_spec(report, site.config, layout, text.chart_words)
        lap("report: chart spec", scale)
        raw = draw.vlc.vegalite_to_svg(spec, vl_version=draw.VL_VERSION)
        lap("report: chart SVG (vl-convert)", scale)
        svg = draw.post_process_svg(raw, report, layout, text.chart_title, text.chart_description)
        lap("report: SVG post-processing", scale)
        png = draw.vlc.svg_to_png(draw.for_raster(svg), scale=draw.png_scale(svg))
        lap("report: chart PNG (vl-convert/resvg)", scale)
        chart = draw.ChartFiles(draw.spec_to_json(spec), svg, png, text.chart_words.note)
        result = render.ReportResult(report, text, chart, prose.observations_json(report, analysis, text))
        render.render_report(result, env, common)
        lap("report: page, CSV, JSON", scale)
    startup = cost.pop("(start-up)")
    total = sum(cost.values())
    print(f"{len(site.reports):,} reports; CPU seconds by stage (per-report stages scaled from {len(sample)}); "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| stage | CPU s | share |\n|---|---|---|")
    for stage, seconds in cost.items():
        print(f"| {stage} | {seconds:.1f} | {seconds / total:.0%} |")
    print(f"| total | {total:.1f} | |")
    print(f"site pages: {len(views.pages)} with data, {site_bytes / 1e6:.1f} MB of site-level files; "
          f"chart start-up (skeletons, vl-convert runtime) {startup:.1f} s once per process")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
