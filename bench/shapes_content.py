"""Result files of the shapes real reports take, for the chart measurements (bench/chart_shapes.py)
and tests/chart/test_chart_shapes.py: 17 benchmarks of mixed units and directions, 40 benchmarks,
101 models on one benchmark, 30 models on 10 benchmarks. Deterministic (seeded)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
NAMES = ["MMLU-Pro", "GPQA Diamond", "HellaSwag", "ARC-Challenge", "WinoGrande", "TruthfulQA", "GSM8K", "MATH-500",
         "HumanEval", "MBPP", "IFEval", "BBH", "MuSR", "DROP", "PIQA", "SIQA", "BoolQ", "OpenBookQA", "LAMBADA",
         "TriviaQA", "NaturalQuestions", "SQuAD v2", "RACE", "CommonsenseQA", "LogiQA", "AGIEval", "CEval", "CMMLU",
         "MGSM", "XNLI", "XCOPA", "Belebele", "FLORES-200", "LiveCodeBench", "SWE-bench Verified", "AIME 2024",
         "AIME 2025", "Arena-Hard", "MT-Bench", "AlpacaEval 2"]
FAMILIES = ["Aurora", "Basalt", "Cirrus", "Delta", "Ember", "Fjord"]


def _model_name(i: int) -> str:
    family = FAMILIES[i % len(FAMILIES)]
    return f"{family}-{(i * 7) % 70 + 1}B-Instruct-v{i % 4 + 1}"


def mixed17(rng: random.Random) -> dict:
    """17 benchmarks: percent accuracies, an MCC (0-1, 3 decimals), latency in ms (lower is better), Elo."""
    benches, kinds = [], []
    for i, name in enumerate(NAMES[:17]):
        if i == 5:
            benches.append({"name": "CoLA", "metric": "MCC", "unit": "MCC"}); kinds.append("mcc")
        elif i == 11:
            benches.append({"name": "Latency p50", "metric": "ms", "unit": "ms", "higher_is_better": False}); kinds.append("ms")
        elif i == 14:
            benches.append({"name": "Chatbot Arena", "metric": "Elo", "unit": "Elo"}); kinds.append("elo")
        else:
            benches.append({"name": name, "metric": "acc", "unit": "percent", "n": 500}); kinds.append("pct")
    models = []
    for m in range(6):
        scores = {}
        for b, kind in zip(benches, kinds):
            scores[b["name"]] = {"pct": lambda: round(rng.uniform(25, 92), 3), "mcc": lambda: round(rng.uniform(0.2, 0.7), 3),
                                 "ms": lambda: round(rng.uniform(80, 900), 3), "elo": lambda: round(rng.uniform(1050, 1300), 3)}[kind]()
        models.append({"name": _model_name(m), "family": FAMILIES[m % 3], "scores": scores})
    return {"title": "Seventeen benchmarks, mixed units", "precision": 3, "benchmarks": benches, "models": models}


def many(rng: random.Random, models: int, benchmarks: int, title: str) -> dict:
    benches = [{"name": NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}"), "metric": "acc", "n": 1000}
               for i in range(benchmarks)]
    rows = []
    for m in range(models):
        skill = rng.uniform(20, 80)
        rows.append({"name": _model_name(m) if models < 60 else f"{FAMILIES[m % 6]}-{m:03d}-{(m * 7) % 70 + 1}B-chat",
                     "family": FAMILIES[m % len(FAMILIES)],
                     "scores": {b["name"]: round(min(99.0, max(1.0, skill + rng.uniform(-12, 12))), 1) for b in benches}})
    return {"title": title, "y_title": "Accuracy (%)", "y_range": [0, 100], "benchmarks": benches, "models": rows}


SHAPES = {
    "mixed-17": lambda rng: mixed17(rng),
    "bench-40": lambda rng: many(rng, 5, 40, "Forty benchmarks"),
    "models-101": lambda rng: many(rng, 101, 1, "One hundred and one models on one benchmark"),
    "models-101-all": lambda rng: {**many(rng, 101, 1, "One hundred and one models on one benchmark, all drawn"), "max_bars": 101},
    "models-30x10": lambda rng: many(rng, 30, 10, "Thirty models on ten benchmarks"),
}


def write_content(root: Path, shapes=tuple(SHAPES)) -> Path:
    """The example content plus one result file per shape; returns the content folder."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "content", root)
    for shape in shapes:
        data = SHAPES[shape](random.Random(shape))
        (root / "results" / f"{shape}.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write the chart shapes' content (the example plus the issue's shapes) to a folder.")
    parser.add_argument("folder", nargs="?", default="/tmp/chart-shapes-content", help="where to write it (made if missing)")
    print(write_content(Path(parser.parse_args().folder)))
