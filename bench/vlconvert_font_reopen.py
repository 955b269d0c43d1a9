"""Minimal reproducer: vl-convert opens, maps and closes the font file once per text measured.

    python bench/vlconvert_font_reopen.py          # needs vl-convert-python; strace for the counts

One 10 x 8 bar chart with a value label on each bar (80 text marks, plus axes and legend), as
SVG and as PNG. vl-convert's font database (the Rust crate fontdb) keeps fonts loaded from files
as file paths (``Source::File``), and every access to a face's data opens the file, maps it,
unmaps it and closes it again; text layout touches the face per string and glyph, so one chart
costs thousands of open/mmap/munmap/close calls. It happens with the system's fonts as with a
registered directory (``register_font_directory``), and the Python API offers no way to hand
vl-convert font bytes to keep in memory, so a caller cannot avoid it. In fontdb the fix is one
call per face after loading (``Database::make_shared_face_data``, which keeps the mapping:
``Source::SharedFile``), or loading fonts with ``load_font_data``.

Prints the system calls per chart (by strace, when installed) and what one
open/mmap/munmap/close cycle of the font file costs on this machine, measured directly.
"""

from __future__ import annotations

import mmap
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FONTS = Path(__file__).resolve().parents[1] / "src/benchboard/fonts"
CHARTS = 5

CHILD = r'''
import sys, vl_convert as vlc
vlc.register_font_directory(sys.argv[1])
values = [{"model": f"Model {m}", "benchmark": f"Bench {b}", "value": (m * 7 + b * 13) % 90 + 5} for m in range(10) for b in range(8)]
enc = {"x": {"field": "benchmark", "type": "nominal"}, "xOffset": {"field": "model"}, "y": {"field": "value", "type": "quantitative"}}
spec = {"data": {"values": values}, "config": {"font": "Benchboard Sans"}, "width": 800, "height": 300,
        "layer": [{"mark": "bar", "encoding": {**enc, "color": {"field": "model"}}},
                  {"mark": {"type": "text", "dy": -5}, "encoding": {**enc, "text": {"field": "value"}}}]}
what = sys.argv[2]
charts = int(sys.argv[3])
svg = vlc.vegalite_to_svg(spec)
if what == "warm":
    sys.exit()
for _ in range(charts):
    if what == "svg":
        vlc.vegalite_to_svg(spec)
    else:
        vlc.svg_to_png(svg)
'''


def syscalls(script: Path, what: str) -> dict[str, int] | None:
    """Font-file system calls of CHARTS charts (minus a run that draws one, to leave start-up out)."""
    if not shutil.which("strace"):
        return None
    counts = {}
    for label, n in (("warm", 0), (what, CHARTS)):
        with tempfile.NamedTemporaryFile("r", suffix=".txt") as log:
            subprocess.run(["strace", "-f", "-e", "trace=openat", "-o", log.name, sys.executable, str(script), str(FONTS), label, str(n)],
                           check=True, capture_output=True)
            counts[label] = sum(1 for line in open(log.name) if ".ttf" in line)
    return {"opens": (counts[what] - counts["warm"]) // CHARTS}


def reopen_cost(path: Path, cycles: int = 5000) -> float:
    """CPU seconds (user + system) for one open + mmap + munmap + close of ``path``, as fontdb
    does per access (Python's own overhead included: an upper bound)."""
    started = time.process_time()
    for _ in range(cycles):
        fd = os.open(path, os.O_RDONLY)
        mapped = mmap.mmap(fd, 0, prot=mmap.PROT_READ)
        mapped.close()
        os.close(fd)
    return (time.process_time() - started) / cycles


def _child_cpu() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_stime


def chart_time(script: Path, what: str) -> tuple[float, float]:
    """CPU seconds a chart, and the system part (on a shared machine wall time follows the load)."""
    def run(*args: str) -> tuple[float, float]:
        before = _child_cpu()
        subprocess.run([sys.executable, str(script), str(FONTS), *args], check=True)
        after = _child_cpu()
        return after[0] - before[0], after[1] - before[1]

    charts, start = run(what, str(CHARTS)), run("warm", "0")
    return (charts[0] - start[0]) / CHARTS, (charts[1] - start[1]) / CHARTS


def main() -> int:
    import argparse

    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    with tempfile.TemporaryDirectory() as work:
        script = Path(work) / "chart.py"
        script.write_text(CHILD)
        cycle = reopen_cost(FONTS / "BenchboardSans-Regular.ttf")
        print(f"one open/mmap/munmap/close of the font file: {cycle * 1e6:.1f} µs CPU (load average {os.getloadavg()[0]:.1f})")
        for what in ("svg", "png"):
            seconds, system = chart_time(script, what)
            found = syscalls(script, what)
            line = f"{what}: {seconds * 1000:.0f} ms CPU a chart ({system * 1000:.0f} ms of it system time)"
            if found:
                opens = found["opens"]
                line += (f"; {opens:,} opens of a font file a chart (each with mmap, munmap, close): "
                         f"~{opens * cycle * 1000:.0f} ms CPU, {opens * cycle / seconds:.0%} of the chart's")
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
