"""The page data behind the leaderboard controls (boarddata.py), on sites built in-process: what the
browser gets is what Python computed, escaped so no name can leave its <script> element."""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

from benchboard.views.boarddata import pair_verdict
from helpers import cli, write_tree



def board_page(out):
    """The site's one board page (the index shows each board's top rows; its page has the data)."""
    [page] = (out / "boards").glob("*/index.html")
    return page

def page_data(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    return [json.loads(m) for m in re.findall(r'<script type="application/json" class="bb-data">(.*?)</script>', text, re.S)]


def build(tmp_path: Path, files: dict[str, str]) -> Path:
    out = tmp_path / "out"
    result = cli(write_tree(tmp_path / "content", files), out, "--no-png")
    assert result.returncode == 0, result.stderr
    return out


def test_pair_verdict_follows_the_boards_rule():
    # The mean's verdict: the normal interval at the report pages' z (1.95996...), from each
    # mean's standard error: hypot(1, 1) * 1.96 = 2.77.
    from benchboard.analyse.boards import Board, BoardRow
    from benchboard.analyse.tables import Cell

    def row(value, se, shown, ranked=True):
        return BoardRow("m", None, None, (), Cell(shown, float(shown)), (1, 1), "1", ranked, value=value, se=se)

    def letter(a, b, higher=True):
        board = Board("b", "B", None, (), (), "mean", higher, "percent", True, 2, False, basis="mean")
        return pair_verdict(board, a, b)

    assert letter(row(80.0, 1.0, "80.0"), row(77.0, 1.0, "77.0")) == "a"
    assert letter(row(77.0, 1.0, "77.0"), row(80.0, 1.0, "80.0")) == "b"
    assert letter(row(80.0, 1.0, "80.0"), row(77.5, 1.0, "77.5")) == "w"
    assert letter(row(80.0, 1.0, "80.0"), row(77.0, 1.0, "77.0"), higher=False) == "b"  # lower is better
    assert letter(row(80.0, None, "80.0"), row(70.0, 1.0, "70.0")) == "u"  # no uncertainty: untested
    assert letter(row(80.04, 0.1, "80.0"), row(79.96, 0.1, "80.0")) == "t"  # equal shown values
    assert letter(row(80.0, 1.0, "80.0"), row(70.0, 1.0, "70.0", ranked=False)) == "n"


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
    index = board_page(out).read_text(encoding="utf-8")
    raw = re.search(r'class="bb-data">(.*?)</script>', index, re.S).group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw  # escaped as \\u003c etc.
    [data] = page_data(board_page(out))
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
    assert data["spec"]["usermeta"]["layers"][0]["mark"]["type"] == "bar" and data["spec"]["data"]["values"] == []
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
    for page in (out / "index.html", out / "data/index.html", models_page):
        assert "board.js" not in page.read_text(encoding="utf-8")  # only pages with a board or a list load it


def test_no_pairwise_verdicts_above_the_limit(tmp_path):
    from benchboard.views.boarddata import MAX_PAIR_MODELS

    models = "".join(f"  - {{name: m{i}, scores: {{A: {i % 90}.5}}}}\n" for i in range(MAX_PAIR_MODELS + 1))
    out = build(tmp_path, {"site.yaml": "title: T\n", "results/many.yaml": "title: Many\nbenchmarks: [{name: A, n: 100}]\nmodels:\n" + models})
    [data] = page_data(board_page(out))
    assert len(data["rows"]) == MAX_PAIR_MODELS + 1 and data["pairs"] is None
    assert "too many models for precomputed pairwise verdicts" in board_page(out).read_text(encoding="utf-8")


def test_compare_verdicts_are_the_report_pages_own(tmp_path):
    """3 of 3 against 0 of 3: a normal margin from n says "ahead" (its standard errors are 0),
    Fisher's exact test says p = 0.1. The compare panel must say what the report page says."""
    out = build(tmp_path, {"site.yaml": "title: T\n", "results/tiny.yaml": """\
        title: Tiny
        benchmarks: [{name: Three, n: 3, unit: percent}, {name: Many, n: 100, unit: percent}, {name: Free}, {name: Same, n: 50}]
        models:
          - {name: A, scores: {Three: 100.0, Many: 97.0, Free: 70.0, Same: 40.0}}
          - {name: B, scores: {Three: 0.0, Many: 55.0, Free: 20.0, Same: 40.0}}
        """})
    [data] = page_data(board_page(out))
    three, many, free, same, _ = data["pairs"]
    assert three == "w"
    assert many == "a"  # 97/100 vs 55/100 is decisive, on the report page too
    assert free == "u" and same == "t"  # no uncertainty given: untested; equal shown values: a tie
    report = (out / "tiny/index.html").read_text(encoding="utf-8")
    outcomes = {o.split("<td>")[1].split("</td>")[0]: o.split('"')[0] for o in report.split('<tr data-outcome="')[1:]}
    assert outcomes == {"Three": "within", "Many": "lead", "Free": "untested"}  # the tie is no comparison there
