"""The page data behind the leaderboard controls (boarddata.py), through the real CLI: what the
browser gets is what Python computed, escaped so no name can leave its <script> element."""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

from benchboard.boarddata import pair_verdict
from helpers import run_cli, write_tree


def page_data(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    return [json.loads(m) for m in re.findall(r'<script type="application/json" class="bb-data">(.*?)</script>', text, re.S)]


def build(tmp_path: Path, files: dict[str, str]) -> Path:
    out = tmp_path / "out"
    result = run_cli(write_tree(tmp_path / "content", files), out, "--no-png")
    assert result.returncode == 0, result.stderr
    return out


def test_pair_verdict_follows_the_boards_rule():
    # 1.96 standard errors of the difference: hypot(1, 1) * 1.96 = 2.77
    assert pair_verdict(80.0, 1.0, 77.0, 1.0, "80.0", "77.0", True) == "a"
    assert pair_verdict(77.0, 1.0, 80.0, 1.0, "77.0", "80.0", True) == "b"
    assert pair_verdict(80.0, 1.0, 77.5, 1.0, "80.0", "77.5", True) == "w"
    assert pair_verdict(80.0, 1.0, 77.0, 1.0, "80.0", "77.0", False) == "b"  # lower is better
    assert pair_verdict(80.0, None, 70.0, 1.0, "80.0", "70.0", True) == "u"  # no uncertainty: untested
    assert pair_verdict(80.04, 0.1, 79.96, 0.1, "80.0", "80.0", True) == "t"  # equal shown values
    assert pair_verdict(80.0, None, None, None, "80.0", None, True) == "n"


HOSTILE = "</script><script>window.__x=1</script> & <b>"
RESULT = f"""\
title: Data
benchmarks:
  - {{name: One, metric: acc, n: 400, unit: percent}}
  - {{name: Two, metric: acc, higher_is_better: true, unit: percent}}
models:
  - {{name: 'Alpha 7B', scores: {{One: 70.0, Two: {{value: 50.0, stderr: 2.0}}}}}}
  - {{name: 'Beta 13B', scores: {{One: 60.0, Two: {{value: 49.0, stderr: 2.0}}}}}}
  - {{name: '{HOSTILE}', scores: {{One: 60.0}}}}
"""
MODELS = """\
models:
  - {name: Alpha 7B, aliases: [org/alpha], family: Alpha, params: 7B, open_weights: true}
  - {name: Beta 13B, family: Beta, params: {total: 13B, active: 3B}, open_weights: false}
"""


def test_board_data_is_escaped_and_carries_precomputed_intervals_and_verdicts(tmp_path):
    out = build(tmp_path, {"site.yaml": "title: T\n", "models.yaml": MODELS, "results/data.yaml": RESULT})
    index = (out / "index.html").read_text(encoding="utf-8")
    raw = re.search(r'class="bb-data">(.*?)</script>', index, re.S).group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw  # escaped as \\u003c etc.
    [data] = page_data(out / "index.html")
    rows = {r["name"]: r for r in data["rows"]}
    assert list(rows) == ["Alpha 7B", "Beta 13B", HOSTILE]  # the table's order
    table = re.search(r'<table class="data sortable board".*?</table>', index, re.S).group(0)
    names = [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', table, re.S)]
    assert [re.sub(r"\s+", " ", n).strip() for n in names][:2] == ["Alpha 7B", "Beta 13B"]
    alpha, beta = rows["Alpha 7B"], rows["Beta 13B"]
    assert (alpha["aliases"], alpha["family"], alpha["open_weights"], alpha["size"]) == (["org/alpha"], "Alpha", "yes", 7.0)
    assert (beta["open_weights"], beta["size"]) == ("no", 13.0)  # a mixture filters by its total
    assert rows[HOSTILE]["family"] == "not stated" and rows[HOSTILE]["open_weights"] == "not stated"
    # intervals: binomial from n for One, the stated stderr for Two
    se = 100 * math.sqrt(0.7 * 0.3 / 400)
    # One's interval is the report page's Wilson interval (its whisker), not 70 ± 1.96·se:
    # (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), written out here.
    z, n, p = 1.96, 400, 0.7
    wilson_low = 100 * (p + z * z / (2 * n) - z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    assert abs(alpha["lo"][0] - wilson_low) < 0.01 and alpha["lo"][0] != round(70.0 - 1.96 * se, 6)
    assert abs(alpha["hi"][1] - (50.0 + 1.959964 * 2.0)) < 1e-5  # the stated stderr, z of the 95% normal quantile
    assert [alpha["rank"], beta["rank"], rows[HOSTILE]["rank"]] == ["1", "2", "—"]
    # one string per column and one for the mean; pairs (0,1), (0,2), (1,2) in that order
    one, two, mean = data["pairs"]
    margin_one = 1.96 * math.hypot(se, 100 * math.sqrt(0.6 * 0.4 / 400))
    first = "a" if 10.0 > margin_one else "w"
    assert one == first + first + "t" and first == "a"  # Beta and the third both show 60.0: tied
    assert two == "wnn"  # 1.0 < 1.96 * hypot(2, 2); the third has no score on Two
    margin_mean = 1.96 * math.hypot(math.hypot(se, 2.0) / 2, math.hypot(100 * math.sqrt(0.24 / 400), 2.0) / 2)
    assert mean == ("a" if (60.0 - 54.5) > margin_mean else "w") + "nn"  # unranked: no aggregate verdict
    assert data["precision"] == [1, 1, 1]
    assert data["spec"]["layer"][0]["mark"]["type"] == "bar" and data["spec"]["data"]["values"] == []
    assert "board.js" in index and "assets/board.css" in index


def test_lists_carry_search_and_filter_facts_and_other_pages_load_no_script(tmp_path):
    out = build(tmp_path, {"site.yaml": "title: T\n", "models.yaml": MODELS, "results/data.yaml": RESULT})
    [models] = page_data(out / "models/index.html")
    assert [r["name"] for r in models["rows"]] == sorted([r["name"] for r in models["rows"]], key=str.casefold)
    assert models["fields"] == ["name", "family", "params", "open_weights", "scores", "reports"]
    assert {r["name"]: r["aliases"] for r in models["rows"]}["Alpha 7B"] == ["org/alpha"]
    [benchmarks] = page_data(out / "benchmarks/index.html")
    assert [r["name"] for r in benchmarks["rows"]] == ["One (acc)", "Two (acc)"]
    models_page = next((out / "models").glob("alpha*/index.html"))
    for page in (out / "data/index.html", models_page):
        assert "board.js" not in page.read_text(encoding="utf-8")  # only pages with a board or a list load it


def test_no_pairwise_verdicts_above_the_limit(tmp_path):
    from benchboard.boarddata import MAX_PAIR_MODELS

    models = "".join(f"  - {{name: m{i}, scores: {{A: {i % 90}.5}}}}\n" for i in range(MAX_PAIR_MODELS + 1))
    out = build(tmp_path, {"site.yaml": "title: T\n", "results/many.yaml": "title: Many\nbenchmarks: [{name: A, n: 100}]\nmodels:\n" + models})
    [data] = page_data(out / "index.html")
    assert len(data["rows"]) == MAX_PAIR_MODELS + 1 and data["pairs"] is None
    assert "too many models for precomputed pairwise verdicts" in (out / "index.html").read_text(encoding="utf-8")


def test_compare_verdicts_are_the_report_pages_own(tmp_path):
    """3 of 3 against 0 of 3: a normal margin from n says "ahead" (its standard errors are 0),
    Fisher's exact test says p = 0.1. The compare panel must say what the report page says."""
    out = build(tmp_path, {"site.yaml": "title: T\n", "results/tiny.yaml": """\
        title: Tiny
        benchmarks: [{name: Three, n: 3, unit: percent}, {name: Many, n: 100, unit: percent}]
        models:
          - {name: A, scores: {Three: 100.0, Many: 97.0}}
          - {name: B, scores: {Three: 0.0, Many: 55.0}}
        """})
    [data] = page_data(out / "index.html")
    three, many, _ = data["pairs"]
    assert three == "w"
    assert many == "a"  # 97/100 vs 55/100 is decisive, on the report page too
    report = (out / "tiny/index.html").read_text(encoding="utf-8")
    outcomes = {o.split("<td>")[1].split("</td>")[0]: o.split('"')[0] for o in report.split('<tr data-outcome="')[1:]}
    assert outcomes == {"Three": "within", "Many": "lead"}


def test_the_panels_outcome_is_the_report_pages_verdict(tmp_path):
    """verdicts.outcome (what boards and the model list embed) decides exactly as
    verdicts.compare (the report page's All comparisons), pair by pair, on random reports with
    n (Fisher, Newcombe), stderr (normal), neither (untested), ties, both directions and a tolerance."""
    import random

    from benchboard import verdicts
    from benchboard.results import load_report_file
    from benchboard.units import units

    rng = random.Random(20261130)
    checked = set()
    for index in range(12):
        lines = [f"title: R{index}", f"tolerance: {rng.choice([0.5, 2])}" if index % 3 == 0 else "",
                 "benchmarks:", "  - {name: A, n: %d}" % rng.choice([20, 150, 900]), "  - {name: B}",
                 "  - {name: C, higher_is_better: false}", "models:"]
        for m in range(8):
            a = rng.choice([50, 5 * rng.randrange(21), rng.uniform(0, 100)])  # multiples of 5: whole counts of 20 items
            b = rng.uniform(40, 60)
            se = rng.choice([None, 0.5, 3.0])
            c = rng.choice([rng.uniform(1, 3), 2.0])
            b_cell = f"{{value: {b:.3f}, stderr: {se}}}" if se else f"{b:.3f}"
            lines.append(f"  - {{name: M{m}, scores: {{A: {a:.2f}, B: {b_cell}, C: {{value: {c:.2f}, stderr: 0.2}}}}}}")
        path = write_tree(tmp_path / f"c{index}", {"results/r.yaml": "\n".join(l for l in lines if l) + "\n"}) / "results/r.yaml"
        report = load_report_file(path, path.parent.parent)
        unit_of = units(report)
        tolerance = verdicts.report_tolerance(report, unit_of)
        for bench in report.benchmarks:
            for i, x in enumerate(report.models):
                for y in report.models[i + 1:]:
                    full = verdicts.compare(report, bench, x, y, unit_of[bench.name], tolerance)
                    assert verdicts.outcome(report, bench, x, y, unit_of[bench.name], tolerance) == (full.outcome, full.a)
                    checked.add((full.outcome, full.method))
    assert {o for o, _ in checked} >= {verdicts.LEAD, verdicts.WITHIN, verdicts.UNTESTED, verdicts.EQUAL}
    assert {m for _, m in checked} >= {"fisher", "newcombe", "normal"}
