"""Benchmarks: build speed, rebuild speed, memory and page weight, against the naive way.

    python bench/run.py            # full run (several minutes), writes bench/RESULTS.md
    python bench/run.py --quick    # a smoke run: smaller trees, one run each (~80 s of CPU in 2026-12)
    python bench/run.py --tiny --output /tmp/r.md   # seconds; what the smoke test runs
    python bench/run.py --runs 1   # the full trees, one run of each figure instead of three

Every build is a separate `python -m benchboard` process, so interpreter start-up and imports
are included; peak RSS comes from the kernel's rusage of that process (and its workers). A cold
build writes a new output directory with no validated result files in benchboard's cache
(BENCHBOARD_CACHE_DIR is a new directory); the cache holds only what depends on the installed
packages alone (the Vega bundle for the browser, the two Altair chart skeletons), which the
first build after installing makes once; that first build is measured on its own. Rebuilds use
the cache and output their first build left, as a user's would.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANALYSIS = "## What was fixed, and what remains"
FAMILIES = ["Aurora", "Basalt", "Cirrus", "Delta"]
SIZES = ["1.5B", "7B", "14B", "32B", "70B"]


def write_report(path: Path, rng: random.Random, index: int, models: int, benchmarks: int) -> None:
    lines = [f"title: Synthetic comparison {index}", "y_title: Accuracy (%)", "y_range: [0, 100]", "benchmarks:"]
    for b in range(benchmarks):
        extra = ", n: 500" if b % 3 == 0 else ""
        direction = ", higher_is_better: false" if b == benchmarks - 1 and benchmarks > 3 else ""
        lines.append(f"  - {{name: Bench {b}, metric: acc{extra}{direction}}}")
    lines.append("models:")
    for m in range(models):
        scores = []
        for b in range(benchmarks):
            if rng.random() < 0.05:
                continue  # a missing score
            value = round(rng.uniform(20, 95), 1)
            scores.append(f"Bench {b}: {{value: {value}, stderr: {round(rng.uniform(0.5, 3), 2)}}}" if b % 4 == 1 else f"Bench {b}: {value}")
        lines.append(f"  - name: Model {m:05d}\n    family: {FAMILIES[m % 4]}\n    params: {SIZES[m % 5]}\n    scores: {{{', '.join(scores)}}}")
    path.write_text("\n".join(lines) + "\n")


def make_tree(root: Path, reports: int, models: int, benchmarks: int, seed: int = 20261123) -> Path:
    rng = random.Random(seed)
    (root / "results").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text("title: Synthetic benchmark site\n")
    for r in range(reports):
        write_report(root / "results" / f"report-{r:04d}.yaml", rng, r, models, benchmarks)
    return root


CPU: list[float] = []  # user + system seconds of each timed process (and its workers), in order


def timed(cmd: list[str], cache: Path, expect: int = 0) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, output) of one process, measured by the kernel; its CPU time
    (user + system, workers included) is appended to CPU: on a shared machine wall time
    follows the load, CPU time much less."""
    env = {**os.environ, "BENCHBOARD_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode(errors="replace")
    process.stdout.close()
    if os.waitstatus_to_exitcode(status) != expect:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{output}")
    CPU.append(usage.ru_utime + usage.ru_stime)
    return seconds, usage.ru_maxrss / 1024, output


def build_cmd(content: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "benchboard", str(content), str(out), "-q", *extra]


def median_of(runs: int, action) -> tuple[float, float]:
    """Median seconds and largest peak RSS of ``runs`` runs; their median CPU time is cpu()."""
    results = []
    for _ in range(runs):
        results.append(action()[:2])
        results[-1] += (CPU[-1],)
    _medians.append(statistics.median(r[2] for r in results))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


_medians: list[float] = []


def cpu() -> str:
    """The last median_of's median CPU time, for the table."""
    return f"CPU {_medians[-1]:.1f} s"


NAIVE = r'''
import sys, yaml, altair as alt
from pathlib import Path
files, out = sys.argv[1:-1], Path(sys.argv[-1])
out.mkdir(parents=True, exist_ok=True)
for f in files:
    data = yaml.safe_load(open(f))
    rows = []
    for m in data["models"]:
        for b, s in m["scores"].items():
            rows.append({"model": m["name"], "benchmark": b, "value": s["value"] if isinstance(s, dict) else s})
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("benchmark:N"), xOffset="model:N", y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 100])), color="model:N",
        tooltip=["model:N", "benchmark:N", "value:Q"]).properties(title=data["title"])
    stem = out / Path(f).stem
    chart.save(str(stem) + ".html")
    chart.save(str(stem) + ".svg")
    chart.save(str(stem) + ".png", scale_factor=2)
'''


def page_weight(site: Path, page: str) -> tuple[int, int]:
    html = (site / page).read_bytes()
    css = (site / "assets/style.css").read_bytes()
    raw = len(html) + len(css)
    return raw, len(gzip.compress(html, 9)) + len(gzip.compress(css, 9))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 1024**2
    except OSError:
        memory = 0
    from benchboard import __version__

    return (f"{os.cpu_count()} cores, {cpu}, {memory:.0f} GiB RAM, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, benchboard {__version__}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller trees, one run each (a smoke run, ~80 s of CPU)")
    parser.add_argument("--tiny", action="store_true", help="a very small run for the smoke test")
    parser.add_argument("--output", type=Path, default=REPO / "bench/RESULTS.md", help="where to write the results table")
    parser.add_argument("--profile", action="store_true", help="profile one large build with pyinstrument into bench/out/")
    parser.add_argument("--runs", type=int, help="runs of each figure (default: 3 in the full run, 1 in --quick and --tiny)")
    args = parser.parse_args()

    models, benchmarks = 10, 8  # of each report in the tree of many reports
    if args.tiny:  # the smoke test: every figure, nothing measured, on the smallest trees that still have them
        reports, big_models, naive_sample, runs, refused = 2, 4, 1, 1, 20_000
        models, benchmarks = 4, 4  # 4: one lower-is-better benchmark, one with standard errors
    elif args.quick:  # a smoke run: every figure once, on trees a hundredth of the full run's or less (83 s of CPU measured 2026-12-07)
        reports, big_models, naive_sample, runs, refused = 10, 100, 3, 1, 20_000
    else:
        reports, big_models, naive_sample, runs, refused = 1000, 5000, 50, 3, 100_000
    runs = args.runs or runs
    work = Path(tempfile.mkdtemp(prefix="benchboard-bench-"))
    primed = work / "cache-primed"

    def cold() -> Path:
        """A new cache directory holding only the per-installation files of ``primed``: none of
        what the example's first build derived from its content (validated files, boards and
        intervals, drawings)."""
        fresh = work / f"cache-cold-{time.perf_counter_ns()}"
        shutil.copytree(primed, fresh, ignore=shutil.ignore_patterns("reports", "boards", "drawings"))
        return fresh

    rows: list[tuple[str, str, str, str]] = []

    def add(figure: str, value: str, target: str = "", met: bool | None = None) -> None:
        rows.append((figure, value, target, "" if met is None else ("yes" if met else "**no**")))
        print(f"{figure}: {value}" + (f" (target {target})" if target else ""), flush=True)

    try:
        # 1. The example site: the first build after installing, then cold builds.
        seconds, _, _ = timed(build_cmd(REPO / "content", work / "example-first"), primed)
        add("example site, first build after installing (empty cache)", f"{seconds:.2f} s")
        seconds, rss = median_of(1 if args.tiny or args.quick else max(runs, 3), lambda: timed(build_cmd(REPO / "content", work / f"example-{time.perf_counter_ns()}"), cold()))
        add("example site, cold build (whole process)", f"{seconds:.2f} s ({cpu()})", "<= 1.5 s", seconds <= 1.5)
        add("example site, peak RSS", f"{rss:.0f} MB", "<= 500 MB", rss <= 500)

        # 2. Many reports, cold, with and without PNG.
        tree = make_tree(work / "many", reports, models, benchmarks)
        label = f"{reports:,} reports x {models} models x {benchmarks} benchmarks"
        last_cold: list[tuple[Path, Path]] = []

        def cold_png():
            out, cache = work / f"many-png-{time.perf_counter_ns()}", cold()
            last_cold[:] = [(out, cache)]
            return timed(build_cmd(tree, out), cache)

        seconds_png, rss_png = median_of(runs, cold_png)
        target = 30 * reports / 1000
        cpu_png = _medians[-1]
        add(f"{label}, cold build with PNG", f"{seconds_png:.1f} s ({cpu()})", f"<= {target:.{0 if target >= 10 else 1}f} s", seconds_png <= target)
        add(f"{label}, peak RSS", f"{rss_png:.0f} MB", "<= 500 MB", rss_png <= 500)
        seconds_nopng, _ = median_of(runs, lambda: timed(build_cmd(tree, work / f"many-nopng-{time.perf_counter_ns()}", "--no-png"), cold()))
        add(f"{label}, cold build without PNG", f"{seconds_nopng:.1f} s ({cpu()})")

        # 3. Rebuilds of that tree: the last cold build's output and cache, as a user's would be.
        site, warm = last_cold[0]
        seconds, _ = median_of(runs, lambda: timed(build_cmd(tree, site), warm))
        add("no-op rebuild of that tree", f"{seconds:.2f} s ({cpu()})", "<= 1 s", seconds <= 1)
        changed = tree / "results" / "report-0000.yaml"
        original = changed.read_text()

        def change_one():
            changed.write_text(original.replace("Synthetic comparison 0", f"Changed {time.perf_counter_ns()}"))
            return timed(build_cmd(tree, site), warm)

        seconds, rss = median_of(runs, change_one)
        add("rebuild after changing one result file (its title: every page listing the report shows it)", f"{seconds:.2f} s ({cpu()})", "<= 2 s", seconds <= 2)
        renamed = changed.read_text()  # the score edits start from the last title edit: no build to restore it
        score = re.search(r"Bench 0: ([\d.]+)", renamed).group(1)
        edits = iter(range(1, 100))

        def change_score():  # a new value each run, so no run finds the output up to date
            edited = f"{float(score) + next(edits) / 10:.1f}"
            changed.write_text(renamed.replace(f"Bench 0: {score}", f"Bench 0: {edited}", 1))
            return timed(build_cmd(tree, site), warm)

        seconds, _ = median_of(runs, change_score)
        add("rebuild after changing one score in one result file", f"{seconds:.2f} s ({cpu()})", "<= 2 s", seconds <= 2)
        changed.write_text(original)
        # An empty OUT with the cache of the cold build: a CI checkout without the previous site
        # (or --force, or a theme change) renders every report again but draws none (chart/drawings.py).
        seconds, _ = median_of(runs, lambda: timed(build_cmd(tree, work / f"many-fresh-{time.perf_counter_ns()}"), warm))
        add("that tree into an empty OUT with the cold build's cache (a CI checkout: no chart drawn again)", f"{seconds:.1f} s ({cpu()})")

        # 4. One very large report.
        big = work / "big"
        (big / "results").mkdir(parents=True)
        write_report(big / "results" / "big.yaml", random.Random(7), 0, big_models, 10)
        seconds, rss = median_of(runs, lambda: timed(build_cmd(big, work / f"big-{time.perf_counter_ns()}"), cold()))
        add(f"one file of {big_models:,} models x 10 benchmarks", f"{seconds:.1f} s ({cpu()})", "<= 10 s" if big_models >= 5000 else "", seconds <= 10 if big_models >= 5000 else None)
        add(f"one file of {big_models:,} models, peak RSS", f"{rss:.0f} MB", "<= 500 MB", rss <= 500)

        # 5. Page weight of the example.
        example = work / "example-weight"
        timed(build_cmd(REPO / "content", example), cold())
        raw, gz = page_weight(example, "distilled-reasoning/index.html")
        add("example report page: HTML + CSS + inline SVG", f"{raw / 1024:.1f} KB raw, {gz / 1024:.1f} KB gzipped", "<= 60 KB raw", raw <= 60 * 1024)
        raw, gz = page_weight(example, "index.html")
        add("leaderboard page: HTML + CSS", f"{raw / 1024:.1f} KB raw, {gz / 1024:.1f} KB gzipped")
        js = [example / "assets/vega/vega-bundle.js", example / "assets/chart.js"]
        raw_js = sum(p.stat().st_size for p in js)
        gz_js = sum(len(gzip.compress(p.read_bytes(), 9)) for p in js)
        add("JS loaded only for the interactive chart", f"{raw_js / 1024:.0f} KB raw, {gz_js / 1024:.0f} KB gzipped", "none needed to read")
        add("JS needed to read a page", f"{(example / 'assets/site.js').stat().st_size / 1024:.1f} KB (table sorting only)", "0", True)

        # 6. The naive baseline: Altair + chart.save() to HTML, SVG and PNG, per file.
        sample = sorted((tree / "results").glob("*.yaml"))[:naive_sample]
        naive_out = work / "naive"
        script = work / "naive.py"
        script.write_text(NAIVE)
        seconds_naive, rss_naive, _ = timed([sys.executable, str(script), *map(str, sample), str(naive_out)], cold())
        per_chart = seconds_naive / len(sample)
        extrapolated = per_chart * reports
        add(f"naive loop (Altair chart.save HTML+SVG+PNG), {len(sample)} files", f"{seconds_naive:.1f} s ({per_chart * 1000:.0f} ms a file; CPU {CPU[-1]:.1f} s)")
        add(f"naive loop, extrapolated to {reports:,} files", f"{extrapolated:.0f} s")
        ratio = extrapolated / seconds_png
        add("benchboard speed-up over the naive loop (with PNG)", f"{ratio:.1f}x", ">= 4x", ratio >= 4)
        cpu_ratio = CPU[-1] / len(sample) * reports / cpu_png
        add("the same in CPU time (both cores' work counted; steadier on a shared machine)", f"{cpu_ratio:.1f}x")

        # 7. Oversized input is refused quickly (tests assert the refusal, never its time).
        many = work / "refuse-many"
        (many / "results").mkdir(parents=True)
        rows_yaml = "".join(f"  - {{name: m{i}, scores: {{A: {i % 100}}}}}\n" for i in range(refused))
        (many / "results" / "many.yaml").write_text("title: T\nbenchmarks: [{name: A}]\nmodels:\n" + rows_yaml)
        seconds, rss = median_of(runs, lambda: timed(build_cmd(many, work / f"refuse-many-{time.perf_counter_ns()}"), cold(), expect=1))
        add(f"{refused:,} models in one file: refused", f"{seconds:.2f} s, {rss:.0f} MB", "<= 5 s", seconds <= 5)
        huge = work / "refuse-huge"
        (huge / "results").mkdir(parents=True)
        with open(huge / "results" / "huge.yaml", "wb") as handle:
            handle.truncate(100 * 1024 * 1024)
        seconds, rss = median_of(runs, lambda: timed(build_cmd(huge, work / f"refuse-huge-{time.perf_counter_ns()}"), cold(), expect=1))
        add("100 MB result file: refused", f"{seconds:.2f} s, {rss:.0f} MB", "<= 5 s", seconds <= 5)

        if args.profile:
            out_dir = REPO / "bench/out"
            out_dir.mkdir(parents=True, exist_ok=True)
            subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "text", "-o", str(out_dir / "profile.txt"),
                            "-m", "benchboard", str(tree), str(work / "profiled")], check=True)
            print(f"profile written to {out_dir / 'profile.txt'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    mode = ("--tiny" if args.tiny else "--quick" if args.quick else "(full)") + (f" --runs {args.runs}" if args.runs else "")
    table = ["| figure | value | target | met |", "|---|---|---|---|"] + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join([
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today().isoformat()} with `python bench/run.py{' ' + mode.replace('(full)', '').strip() if mode != '(full)' else ''}`.",
        f"Machine: {machine()}.",
        "Each figure is the median of the runs, each run a separate process (interpreter start included);",
        "CPU is user + system time of that process and its workers.",
        f"Load average when the run ended: {os.getloadavg()[0]:.1f} (1 min), {os.getloadavg()[2]:.1f} (15 min).",
        "",
        *table,
        "",
    ])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    try:  # keep the hand-written analysis that follows the table in an existing file
        previous = args.output.read_text()
        text += "\n" + previous[previous.index(ANALYSIS):] if ANALYSIS in previous else ""
    except OSError:
        pass
    args.output.write_text(text)
    print("\n".join(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
