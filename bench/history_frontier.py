"""What the frontier views and the git history cost: a 1,000-report site with 100 commits.

    python bench/history_frontier.py                 # 1,000 reports, 100 commits; prints a Markdown table
    python bench/history_frontier.py --reports 50 --commits 10   # quick
    python bench/history_frontier.py --no-builds --declared 20  # in-process stages only; 20 boards in site.yaml

The content is bench/run.py's synthetic tree (10 models x 8 benchmarks a report) plus a
models.yaml giving each model a size and a release date, committed once and then changed by
99 commits of 5 reports each (scores moved, now and then a model added). Stages are timed
in-process (one interpreter, so imports are paid once, before timing): the site pages' figures
drawn as the build draws them (without the model and benchmark bar charts, the same either
way), the index's weight with and without frontier views, and the history compared again with
--declared boards in site.yaml (10 reports each) replayed. The full builds are separate
`python -m benchboard` processes with --no-png, each with a new cache folder (cold) unless said.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from run import FAMILIES, SIZES, make_tree  # noqa: E402


def git(repo: Path, *args: str, when: int = 0) -> None:
    date = f"2025-01-01T00:00:00+00:00" if not when else time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(1735689600 + when * 86400 // 4))
    env = {"PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "b",
           "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def make_repo(root: Path, reports: int, commits: int, models: int = 10) -> Path:
    content = make_tree(root / "content", reports, models, 8)
    lines = ["models:"]
    for m in range(models):
        lines.append(f"  - {{name: Model {m:05d}, family: {FAMILIES[m % 4]}, params: {SIZES[m % 5]}, "
                     f"released: 2024-{1 + m % 12:02d}-15}}")
    (content / "models.yaml").write_text("\n".join(lines) + "\n")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "import", when=1)
    rng = random.Random(30)
    files = sorted((content / "results").glob("*.yaml"))
    for c in range(1, commits):
        for path in rng.sample(files, min(5, len(files))):
            text = path.read_text()
            text = re.sub(r"(Bench 2: )(\d+\.\d)", lambda m: f"{m.group(1)}{min(99.9, float(m.group(2)) + 0.7):.1f}", text, count=3)
            if rng.random() < 0.2:
                text += f"  - name: Newcomer {c}\n    family: Aurora\n    params: 8B\n    scores: {{Bench 0: 50.0}}\n"
            path.write_text(text)
        git(root, "commit", "-q", "-am", f"rerun {c}", when=c + 1)
    return content


def clock(what, fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def cli_build(content: Path, out: Path, cache: Path) -> float:
    env = {**os.environ, "BENCHBOARD_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "benchboard", str(content), str(out), "--no-png", "--force"], env=env,
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=100)
    parser.add_argument("--no-builds", action="store_true", help="skip the full CLI builds")
    parser.add_argument("--declared", type=int, default=20, help="boards declared in site.yaml, 10 reports each")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-history-") as tmp:
        tmp = Path(tmp)
        _, seconds = clock("repo", lambda: make_repo(tmp / "repo", args.reports, args.commits))
        content = tmp / "repo" / "content"
        os.environ["BENCHBOARD_CACHE_DIR"] = str(tmp / "cache")
        from benchboard.analyse.history import timeline
        from benchboard.load.content import load_site
        from benchboard.load.history import read_history
        from benchboard.render import site as render_site, theme
        from benchboard.views.site import site_views

        site, _ = load_site(content)
        history, cold = clock("read", lambda: read_history(content, site.config))
        versions = sum(len(c.changes) for c in history.commits)
        rows.append((f"read the history: {len(history.commits)} commits, {versions} file versions, cold cache", cold))
        _, warm = clock("read", lambda: read_history(content, site.config))
        rows.append(("read the history again (validated versions cached)", warm))
        found, seconds = clock("timeline", lambda: timeline(history, site))
        rows.append((f"compare versions: {sum(len(c.events) for c in found.changes):,} changes, rank classes included", seconds))
        env = theme.environment(content)
        off = replace(site, config=replace(site.config, frontier=False))
        views_off, t_off = clock("views", lambda: site_views(off))
        views_on, t_on = clock("views", lambda: site_views(site, found))
        rows.append(("site page data without frontier or history", t_off))
        rows.append(("site page data with frontier views and history", t_on))
        n_views = sum(len(v) for p in views_on.pages for v in
                      ((p.context.get("frontiers") or {}).values() if isinstance(p.context.get("frontiers"), dict)
                       else [p.context.get("frontiers") or []]))
        from benchboard.commands.build import draw_figures

        from benchboard.views.site import SiteViews

        def render(which, views):
            """As the build does (figures drawn, then pages rendered), without the model and
            benchmark pages' bar charts (chart/entity.py: the same with or without frontier and
            history, and thousands on this tree): what is timed is the frontier views and history."""
            bare = SiteViews([replace(v, context={**v.context, "charts": ()}) if v.context.get("charts") else v
                              for v in views.pages], views.urls, views.api)
            return render_site.render_site(which, draw_figures(bare, env, which.config), env, content)

        no_views, r_off_cold = clock("render", lambda: render(off, views_off))
        _, r_off = clock("render", lambda: render(off, views_off))
        files, r_cold = clock("render", lambda: render(site, views_on))
        _, r_warm = clock("render", lambda: render(site, views_on))
        rows.append(("draw and render site pages without frontier or history (cold)", r_off_cold))
        rows.append(("the same again", r_off))
        rows.append((f"draw and render site pages with {n_views} frontier views (their SVGs drawn) and history", r_cold))
        rows.append(("the same again (every SVG from the cache)", r_warm))
        rows.append((f"changelog page KB / feed KB", None, f"{len(files['changes/index.html']) / 1024:.0f} / {len(files['feed.xml']) / 1024:.0f}"))
        rows.append(("index page KB without / with frontier views and history", None,
                     f"{len(no_views['index.html']) / 1024:.0f} / {len(files['index.html']) / 1024:.0f}"))
        board = next(path for path in sorted(files) if path.startswith("boards/") and path.endswith("index.html"))
        svgs = sum(len(m) for m in re.findall(r'<div class="frontier-(?:wide|narrow)">(.*?)</div>', files[board].decode(), re.S))
        specs = sum(len(m) for m in re.findall(r'<script type="application/json" id="fr-[^"]*-spec">(.*?)</script>',
                                                 files[board].decode(), re.S))
        rows.append(("a board page KB without / with its frontier views (of which SVGs, page and phone; specs)", None,
                     f"{len(no_views[board]) / 1024:.0f} / {len(files[board]) / 1024:.0f} ({svgs / 1024:.0f}; {specs / 1024:.0f})"))
        # boards declared in site.yaml (the working tree's: the history reads results/ only),
        # each over 10 reports; their rank classes are replayed over the history
        declared = ["title: Synthetic benchmark site", "boards:"]
        for b in range(args.declared):
            declared.append(f"  - title: Declared {b}\n    aggregate: win_rate  # mixed directions")
            declared.append("    columns: [" + ", ".join(f"{{report: report-{r:04d}}}" for r in range(b * 10, b * 10 + 10)) + "]")
        (content / "site.yaml").write_text("\n".join(declared) + "\n")
        site_declared, _ = load_site(content)
        found_declared, seconds = clock("timeline", lambda: timeline(history, site_declared))
        moved = sum(1 for c in found_declared.changes for e in c.events if e.kind == "board_rank_change")
        rows.append((f"compare versions with {args.declared} declared boards of 10 reports (80 columns) each: "
                     f"{moved:,} rank changes on them" + (f"; note: {found_declared.note}" if found_declared.note else ""), seconds))
        (content / "site.yaml").write_text("title: Synthetic benchmark site\n")
        if not args.no_builds:
            plain = tmp / "plain"
            subprocess.run(["cp", "-r", str(content), str(plain)], check=True)
            (plain / "site.yaml").write_text("title: Synthetic benchmark site\nfrontier: {enabled: false}\nhistory: {enabled: false}\n")
            rows.append(("full build, cold, --no-png: frontier and history off (copy outside git)",
                         cli_build(plain, tmp / "out-plain", tmp / "cache-plain")))
            rows.append(("full build, cold, --no-png: frontier and history on", cli_build(content, tmp / "out-on", tmp / "cache-on")))
            git(tmp / "repo", "commit", "-q", "--allow-empty", "-m", "empty", when=args.commits + 2)
            rows.append(("rebuild after a new commit (caches warm)", cli_build(content, tmp / "out-on", tmp / "cache-on")))
    print(f"{args.reports} reports, {args.commits} commits; {os.cpu_count()} cores\n")
    print("| stage | seconds |\n|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[2] if len(row) > 2 else f'{row[1]:.2f}'} |")


if __name__ == "__main__":
    main()
