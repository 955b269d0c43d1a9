"""The Interpretation's sentence on how far the benchmarks agree on the models' order (Kendall's
W) must be true: benchmarks that order the models identically "agree almost completely" was an
understatement of a fact the data show exactly (W = 1), and W that rounds to 1.00 while the
orders differ must not be printed as "W = 1.00 ... 1 would be the same order everywhere"."""

from __future__ import annotations

from benchboard.analyse.report import analyse
from benchboard.chart.layout import chart_layout
from benchboard.load.results import load_report_file
from benchboard.model import SiteConfig
from benchboard.render.prose import report_text
from benchboard.render.theme import environment
from helpers import write_tree


def interpretation(tmp_path, scores: list[tuple[str, list[float]]], n: int | None = 1000) -> str:
    benchmarks = "".join(f"  - {{name: B{j}{', n: ' + str(n) if n else ''}}}\n" for j in range(len(scores[0][1])))
    models = "".join(f"  - name: {name}\n    scores: {{{', '.join(f'B{j}: {v}' for j, v in enumerate(values))}}}\n"
                     for name, values in scores)
    write_tree(tmp_path, {"results/r.yaml": f"title: T\nbenchmarks:\n{benchmarks}models:\n{models}"})
    report = load_report_file(tmp_path / "results/r.yaml", tmp_path)
    analysis = analyse(report)
    return report_text(report, analysis, environment(), chart_layout(report, SiteConfig())).interpretation


def test_identical_orders_are_said_to_be_the_same_order(tmp_path):
    text = interpretation(tmp_path, [("Qwen", [70.3, 82.3]), ("Llama", [66.6, 79.6]), ("Mistral", [62.5, 52.2])])
    assert "Every benchmark puts the 3 models scored on all of them in the same order (Kendall's W = 1 " in text
    assert "almost completely" not in text


def test_identical_orders_with_a_shared_place_are_the_same_order(tmp_path):
    text = interpretation(tmp_path, [("A", [70.0, 80.0, 60.0]), ("B", [70.0, 80.0, 60.0]), ("C", [50.0, 40.0, 30.0])])
    assert "in the same order (Kendall's W = 1 " in text


def test_w_rounding_to_one_with_different_orders_is_not_printed_as_one(tmp_path):
    # 12 models in one order on 40 benchmarks, the last two swapped on one of them: W = 0.99997...
    base = [float(90 - 5 * i) for i in range(12)]
    rows = []
    for i in range(12):
        values = [base[i]] * 40
        if i == 10:
            values[0] = base[11]
        if i == 11:
            values[0] = base[10]
        rows.append((f"M{i}", values))
    text = interpretation(tmp_path, rows)
    assert "Kendall's W above 0.99 " in text
    assert "W = 1.00" not in text and "same order (" not in text
    assert "agree almost completely" in text


def test_partial_agreement_keeps_its_wording(tmp_path):
    text = interpretation(tmp_path, [("A", [70.0, 50.0]), ("B", [60.0, 60.0]), ("C", [50.0, 70.0])])
    assert "barely agree (Kendall's W = 0.00 by the shown values" in text
