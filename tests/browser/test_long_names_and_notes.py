"""Pages stay inside the viewport with names that have no break point (lm-eval task names,
68-character ids), and a report's run notes do not push its chart below a phone's first screen
(a layout review found pages 1,120 px wide at 360 and the first score at 810 px of 740)."""

from __future__ import annotations

import pytest

from helpers import build_site, write_tree

LONG = "AnExtremelyLongBenchmarkNameWithNoSpacesWhatsoeverForTestingWrapping-v3"
TASK = "mmlu_pro_business_chain_of_thought_zeroshot"
NOTE = ("The runs used different gen kwargs (model-a: {\"do_sample\": true, \"temperature\": 0.6, \"top_p\": 0.95}; "
        "model-b: greedy (none given)); their scores may not be comparable.")


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("long")
    models = "\n".join(f"  - {{name: {m}, scores: {{{TASK}: {50 + i}, {LONG}: {40 + i}}}}}" for i, m in enumerate(
        ["Qwen2.5-Coder-32B-Instruct", "model-a", "model-b", f"{LONG}-model"]))
    result = (f"title: {TASK} and {LONG} results\nbenchmarks:\n  - {{name: {TASK}, metric: exact_match, unit: percent, n: 789}}\n"
              f"  - {{name: {LONG}, metric: acc, unit: percent, n: 250}}\nmodels:\n{models}\n")
    notes = ("title: Open LLM Leaderboard tasks, 8B models\nbenchmarks: [{name: HellaSwag, metric: acc_norm, n: 10042}, "
             "{name: IFEval, metric: prompt_level_strict_acc, n: 541}]\nmodels:\n"
             "  - {name: model-a, scores: {HellaSwag: 74.4, IFEval: 29.6}}\n  - {name: model-b, scores: {HellaSwag: 79.3, IFEval: 40.5}}\n"
             "source:\n  harness: lm-evaluation-harness\n  warnings:\n" + "".join(f"  - '{NOTE}'\n" for _ in range(3)))
    out = root / "site"
    build_site(write_tree(root / "content", {"results/long.yaml": result, "results/notes.yaml": notes}), out)
    return out


@pytest.mark.parametrize("width", [360, 768, 1280])
def test_no_page_scrolls_sideways_with_unbreakable_names(browser, long_site, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    wide = {}
    for path in sorted(long_site.rglob("index.html")):
        page.goto(path.as_uri(), wait_until="load")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[str(path.relative_to(long_site))] = scroll
    context.close()
    assert wide == {}


def test_run_notes_leave_the_chart_in_the_first_screen(browser, long_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto((long_site / "notes" / "index.html").as_uri(), wait_until="load")
    line = page.locator("p.callout.warning")
    assert "3 notes on how these runs were made" in line.inner_text()
    chart = page.locator("figure.chart").bounding_box()
    assert chart["y"] < 740 - 200, chart  # the chart starts well inside the first screen
    notes = page.locator("#run-notes")
    assert notes.locator("li").count() == 3 and notes.bounding_box()["y"] > chart["y"] + chart["height"] - 1
    context.close()
