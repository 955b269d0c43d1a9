"""Static chart cost per report: render_chart (every SVG and the PNG) timed in-process, the
median of --runs after one warm-up, as CPU time of the process (user + system, all threads:
vl-convert draws in its own threads) and as wall time; CPU time is what to compare on a
shared machine, where wall time follows the load, for whichever benchboard is first on sys.path, so two trees
can be compared on the same content (not a test; nothing is asserted):

    python bench/shapes_content.py /tmp/shapes             # the example plus the issue's shapes
    PYTHONPATH=old/src python bench/chart_cost.py /tmp/shapes > old.json
    PYTHONPATH=src python bench/chart_cost.py /tmp/shapes > new.json
    python bench/chart_cost.py --compare old.json new.json
"""

from __future__ import annotations

import inspect
import json
import os
import statistics
import sys
import time
from pathlib import Path


def measure(content: Path, runs: int) -> dict:
    from benchboard.chart import draw
    from benchboard.chart.layout import chart_layout
    from benchboard.load.content import load_site
    from benchboard.render import prose

    site, _ = load_site(content)
    takes_styles = "styles" in inspect.signature(chart_layout).parameters
    found = {}
    for report in site.reports:
        if takes_styles:
            from benchboard.views import chartstyle

            layout = chart_layout(report, site.config, chartstyle.styles_for(chartstyle.site_styles(site), report))
        else:
            layout = chart_layout(report, site.config)
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
                              "kind": getattr(layout, "kind", "grouped"), "bars": len(layout.shown) * len(report.benchmarks)}
    return found


def compare(old: dict, new: dict) -> None:
    print("| report | before: layout, bars drawn, CPU ms (wall) | after: layout, bars drawn, CPU ms (wall) | CPU change |")
    print("|---|---|---|---|")
    for slug in new:
        a, b = old.get(slug), new[slug]
        if a:
            print(f"| {slug} | {a['kind']}, {a['bars']}, {a['cpu_ms']} ({a['ms']}) | {b['kind']}, {b['bars']}, {b['cpu_ms']} ({b['ms']}) "
                  f"| {b['cpu_ms'] / max(a['cpu_ms'], 1) - 1:+.0%} |")


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        compare(json.loads(Path(sys.argv[2]).read_text()), json.loads(Path(sys.argv[3]).read_text()))
    else:
        print(json.dumps(measure(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5)))
