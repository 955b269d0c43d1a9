"""The board's compare chart in Chromium at a phone's width: each column's value labels in its
own precision (a percent column written with one decimal beside an MCC column written with
three keeps one decimal), a board titled after
an Object.prototype member drawn under its own title, wrapped, and no wider than its panel."""

from __future__ import annotations

import json
import re

from helpers import StaticServer as Server
from helpers import write_tree

MODELS = ["Alpha-7B", "Beta-13B", "Gamma-70B"]


def _content() -> dict[str, str]:
    benchmarks = [{"name": "Reading", "metric": "acc", "unit": "percent", "n": 500},
                  {"name": "CoLA", "metric": "MCC", "unit": "MCC"}]
    models = [{"name": name, "scores": {"Reading": round(41.16 + 9.37 * i, 1), "CoLA": round(0.277 + 0.198 * i, 3)}}
              for i, name in enumerate(MODELS)]
    result = {"title": "constructor", "benchmarks": benchmarks, "models": models}  # each column's decimals as written
    return {"site.yaml": "title: Labels\n", "results/labels.yaml": json.dumps(result)}


def test_compare_labels_keep_each_columns_precision_and_fit_a_phone(browser, tmp_path):
    from benchboard.commands.build import build

    content = write_tree(tmp_path / "content", _content())
    build(content, tmp_path / "site", png=False)
    server = Server(tmp_path / "site")
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        board = next((tmp_path / "site" / "boards").glob("*/index.html")).parent.name
        page.goto(f"{server.url}boards/{board}/?" + "&".join(f"sel={m}" for m in MODELS) + "&cmp=1", wait_until="load")
        page.wait_for_selector(".bb-compare .bb-chart svg .mark-rect path", timeout=30_000)
        texts = page.locator(".bb-compare .bb-chart svg text").evaluate_all("ts => ts.map(t => t.textContent)")
        values = page.locator(".bb-compare .bb-chart svg g.mark-text.role-mark text").evaluate_all("ts => ts.map(t => t.textContent)")
        assert values and all(re.fullmatch(r"\d+\.\d+", t) for t in values), values  # the bars' value labels
        percent = [t for t in values if float(t) > 1]
        mcc = [t for t in values if float(t) < 1]
        assert sorted(percent) == ["41.2", "50.5", "59.9"], texts  # one decimal, not the MCC column's three
        assert sorted(mcc) == ["0.277", "0.475", "0.673"], texts
        assert "constructor" in texts, "the board's title, drawn"
        chart = page.locator(".bb-compare .bb-chart")
        right = chart.locator("svg").first.evaluate("s => s.getBoundingClientRect().right")
        panel = chart.evaluate("c => c.getBoundingClientRect().right")
        assert right <= panel + 1 and right <= 360, (right, panel)
        assert not errors, errors
    finally:
        context.close()
        server.close()
