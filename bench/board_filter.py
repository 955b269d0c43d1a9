"""Leaderboard controls (board.js): script size, page weight, and the time to filter, sort and
search a board of 1,000 rows in Chromium. Run by hand, not a test (no test asserts speed):

    python bench/board_filter.py            # 1,000 rows, 30 runs of each action
    python bench/board_filter.py --rows 200 --runs 10

Each action is timed inside the page, from the event to the end of the next frame (so the
re-ordered rows are laid out), with the page opened from file:// like a downloaded site.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from benchboard.views.boarddata import MAX_PAIR_MODELS  # noqa: E402
FAMILIES = ["Aurora", "Basalt", "Cirrus", "Delta", "Ember", "Fjord"]
SIZES = ["1B", "3B", "7B", "8B", "13B", "34B", "70B", "unknown"]


def write_content(root: Path, rows: int) -> None:
    (root / "results").mkdir(parents=True)
    registry, models = [], []
    for i in range(rows):
        name = f"Model-{i:04d}"
        registry.append(f"  - {{name: {name}, aliases: [org/{name.lower()}], family: {FAMILIES[i % 6]}, "
                        f"params: {SIZES[i % 8]}, open_weights: {['true', 'false', 'unknown'][i % 3]}}}")
        scores = {b: round(20 + (i * (7 + k * 6)) % 7000 / 100, 2) for k, b in enumerate(["One", "Two", "Three", "Four", "Five"])}
        models.append(f"  - {{name: {name}, scores: {json.dumps(scores)}}}")
    (root / "site.yaml").write_text("title: Bench\n")
    (root / "models.yaml").write_text("models:\n" + "\n".join(registry) + "\n")
    (root / "results/big.yaml").write_text(
        "title: Big board\ny_title: Accuracy (%)\nbenchmarks:\n"
        + "".join(f"  - {{name: {b}, metric: acc, n: 1000}}\n" for b in ["One", "Two", "Three", "Four", "Five"])
        + "models:\n" + "\n".join(models) + "\n")


TIMER = """async ([selector, action, arg]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  await frame();
  const start = performance.now();
  if (action === "search") { const s = document.querySelector(selector); s.value = arg; s.dispatchEvent(new Event("input")); }
  else document.querySelector(selector).click();
  const script = performance.now() - start;
  await frame();
  return [script, performance.now() - start];
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    script = REPO / "templates/assets/board.js"
    raw = script.read_bytes()
    print(f"board.js: {len(raw):,} bytes ({len(raw) / 1024:.2f} KiB) raw, {len(gzip.compress(raw, 9)):,} bytes gzipped (budget 15 KB raw)")
    with tempfile.TemporaryDirectory() as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "out"
        write_content(content, args.rows)
        subprocess.run([sys.executable, "-m", "benchboard", str(content), str(out)], check=True, capture_output=True)
        page_bytes = (out / "index.html").read_bytes()
        print(f"index.html with a {args.rows:,}-row board: {len(page_bytes) / 1024:.0f} KiB raw, {len(gzip.compress(page_bytes, 9)) / 1024:.0f} KiB gzipped")
        embedded = sum(len(m) for m in re.findall(rb'class="bb-data">(.*?)</script>', page_bytes, re.S))
        print(f"of which the board's embedded data: {embedded / 1024:.0f} KiB raw "
              f"({'with' if args.rows <= MAX_PAIR_MODELS else 'without'} pairwise verdicts: up to {MAX_PAIR_MODELS} models)")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto((out / "index.html").as_uri(), wait_until="load")
            page.wait_for_selector(".bb-controls:not([hidden])")
            nav = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
            timing = json.loads(nav)
            print(f"page load to DOMContentLoaded end (parse + board.js set-up): {timing['domContentLoadedEventEnd']:.0f} ms")
            search = "input[type=search]"
            actions = {
                "search (queries matching 10 to 1,000 rows)": lambda i: ("search", search, ["model-00", "model-01", "org/model-1", "aurora", "9", ""][i % 6]),
                "filter by family (tick / untick a checkbox)": lambda i: ("click", ".bb-field[data-key=family] input", None),
                "sort by a column (click its header)": lambda i: ("click", "table.board thead th:nth-child(5) button", None),
            }
            for label, make in actions.items():
                scripts, times = [], []
                for i in range(args.runs):
                    kind, selector, arg = make(i)
                    script_ms, total_ms = page.evaluate(TIMER, [selector, kind, arg])
                    scripts.append(script_ms)
                    times.append(total_ms)
                shown = page.locator(".bb-count").inner_text()
                print(f"{label}: median {statistics.median(times):.1f} ms to the next frame "
                      f"(of which script and DOM changes {statistics.median(scripts):.1f} ms), max {max(times):.1f} ms, "
                      f"{args.runs} runs; {shown} at the end")
            browser.close()


if __name__ == "__main__":
    main()
