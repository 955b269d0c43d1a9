"""One score, one string, everywhere the site shows it (review finding F4): in a report mixing
a percent column written "80.0", an MCC column "0.41", an Elo column "1200" and seconds "2.5"
(no `precision:`), the table printed "80.00" / "1200.00" at the report's two decimals while the
chart printed "80.0" / "1200"; so did ms beside a fraction ("100.00" ms in the table, "100" in
the chart). Each column's precision is now decided once at load; this builds such a site and
reads every place a score appears: the table cell, the chart.vl.json label datum, the chart.svg
text, data.csv's display, data.json, observations.json, api/scores.json and the sentences."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpers import build_site, write_tree

MIXED = """title: Mixed units
benchmarks:
  - {name: Reading, metric: acc, unit: percent, n: 5}
  - {name: CoLA, metric: MCC}
  - {name: Arena, unit: Elo}
  - {name: Latency, unit: s, higher_is_better: false}
models:
  - {name: Alpha, scores: {Reading: 80.0, CoLA: 0.41, Arena: 1200, Latency: 2.5}}
  - {name: Beta, scores: {Reading: 60.0, CoLA: 0.38, Arena: 1180, Latency: 3.0}}
  - {name: Gamma, scores: {Reading: 60, CoLA: 0.4, Arena: 1150, Latency: 2.75}}
"""
FAST = """title: Speed and F1
benchmarks:
  - {name: Latency, unit: ms, higher_is_better: false}
  - {name: F1, unit: fraction}
models:
  - {name: Alpha, scores: {Latency: 100, F1: 0.452}}
  - {name: Beta, scores: {Latency: 87, F1: 0.5}}
"""
# Each score as the site must show it: its column's decimals as written (60 beside 80.0 is
# "60.0"; 0.4 beside 0.41 is "0.40"; Latency's 2.5 beside 2.75 is "2.50").
SHOWN = {
    "mixed": {
        "Alpha": {"Reading": "80.0", "CoLA": "0.41", "Arena": "1200", "Latency": "2.50"},
        "Beta": {"Reading": "60.0", "CoLA": "0.38", "Arena": "1180", "Latency": "3.00"},
        "Gamma": {"Reading": "60.0", "CoLA": "0.40", "Arena": "1150", "Latency": "2.75"},
    },
    "fast": {"Alpha": {"Latency": "100", "F1": "0.452"}, "Beta": {"Latency": "87", "F1": "0.500"}},
}
BENCHMARKS = {"mixed": ["Reading", "CoLA", "Arena", "Latency"], "fast": ["Latency", "F1"]}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("one-string")
    content = write_tree(root / "content", {"site.yaml": "title: One string\n",
                                            "results/mixed.yaml": MIXED, "results/fast.yaml": FAST})
    build_site(content, root / "site")
    return root / "site"


def _every_shown(slug: str) -> list[str]:
    return [SHOWN[slug][m][b] for m in SHOWN[slug] for b in BENCHMARKS[slug] if b in SHOWN[slug][m]]


def _others(shown: str) -> list[str]:
    """The same number at one and two decimals more (what the report's precision printed)."""
    value = Decimal(shown)
    places = len(shown.partition(".")[2])
    return [f"{value:.{places + k}f}" for k in (1, 2)]


def _table(page: str) -> dict[str, list[str]]:
    body = page[page.index('id="scores"'):]
    body = body[:body.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        name = re.search(r'<th scope="row" data-value="([^"]*)"', row)
        if name:
            cells = re.findall(r'<td class="num[^"]*" data-value="[^"]*">(?:<strong>)?([^<]*)', row)
            rows[name.group(1)] = cells
    return rows


def _text(page: str) -> str:
    import html
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize("slug", ["mixed", "fast"])
def test_the_table_the_chart_and_the_data_files_show_one_string_per_score(out, slug):
    folder = out / slug
    shown, names = SHOWN[slug], BENCHMARKS[slug]
    table = _table((folder / "index.html").read_text(encoding="utf-8"))
    for model, scores in shown.items():
        assert table[model][:len(names)] == [scores[b] for b in names], (model, table[model])

    spec = json.loads((folder / "chart.vl.json").read_text(encoding="utf-8"))
    labels = {(row["model"], row["benchmark"]): row["label"] for row in spec["data"]["values"]}
    models = list(shown)
    assert labels == {(f"m{i}", f"b{j}"): shown[m][b] for i, m in enumerate(models) for j, b in enumerate(names)}

    svg = ElementTree.fromstring((folder / "chart.svg").read_text(encoding="utf-8"))
    drawn = [t.text for g in svg.iter("{http://www.w3.org/2000/svg}g") if "mark-text role-mark" in g.get("class", "")
             for t in g.iter("{http://www.w3.org/2000/svg}text")]
    assert sorted(drawn) == sorted(_every_shown(slug))

    rows = list(csv.DictReader(io.StringIO((folder / "data.csv").read_text(encoding="utf-8"))))
    assert {(r["model"], r["benchmark"]): r["display"] for r in rows if r["display"]} == \
        {(m, b): s for m, scores in shown.items() for b, s in scores.items()}

    data = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    assert {m["name"]: {b: s["display"] for b, s in m["scores"].items()} for m in data["models"]} == shown
    assert [len(shown[models[0]][b["name"]].partition(".")[2]) for b in data["benchmarks"]] == \
        [b["precision"] for b in data["benchmarks"]]

    observations = json.loads((folder / "observations.json").read_text(encoding="utf-8"))
    for row in observations["comparisons"]:
        a, b, bench = row["a"], row["b"], row["benchmark"]
        assert row["a_display"] == shown[a][bench] and row["b_display"] == shown[b][bench]
        gap = abs(Decimal(shown[a][bench]) - Decimal(shown[b][bench]))
        assert row["gap"] == str(gap), row  # the difference of the shown values, at their decimals

    scores = json.loads((out / "api" / "scores.json").read_text(encoding="utf-8"))["scores"]
    assert {(s["model"], s["benchmark"]): s["display"] for s in scores if s["report"] == slug} == \
        {(m, b): v for m, values in shown.items() for b, v in values.items()}


def test_no_file_of_the_site_shows_a_score_at_another_precision(out):
    """Every text file of OUT: no score at one or two decimals more than its column shows
    (the report-wide precision's "80.00", "1200.00", "100.00")."""
    wrong = {o for slug in SHOWN for s in _every_shown(slug) for o in _others(s)}
    wrong -= {"1200.0", "1180.0", "1150.0", "100.0", "87.0"}  # the full values (repr) of data.csv and data-value
    found = {}
    for path in out.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".svg", ".js", ".xml", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            hits = {w for w in wrong if re.search(rf"(?<![\d.]){re.escape(w)}(?!\d)", text)}
            if hits:
                found[str(path.relative_to(out))] = sorted(hits)
    assert not found, found


def test_the_sentences_use_each_columns_strings(out):
    text = _text((out / "mixed" / "index.html").read_text(encoding="utf-8"))
    for sentence in ("Alpha (80.0) vs Beta (60.0) 20.0 points", "Alpha (0.41) vs Gamma (0.40) 0.01",
                     "Alpha (1200) vs Beta (1180) 20 Elo", "Alpha (2.50) vs Gamma (2.75) 0.25 s"):
        assert sentence in text, sentence
    assert ("Scores are shown with 1 decimal on Reading; 2 decimals on CoLA and Latency; "
            "0 decimals on Arena, as written, rounded half up in decimal") in text
    assert "at its column's precision (1 decimal on Reading; 2 decimals on CoLA and Latency; 0 decimals on Arena)" in text
    fast = _text((out / "fast" / "index.html").read_text(encoding="utf-8"))
    assert "Beta (87) vs Alpha (100) 13 ms" in fast and "Beta (0.500) vs Alpha (0.452) 0.048" in fast
