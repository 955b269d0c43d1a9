"""A lab-sized content folder for page-shape tests and screenshots: several reports (one of 100
models, one of 17 benchmarks), a models.yaml registry with families and aliases, five boards in
site.yaml, per-model run settings that differ (so columns say "mixed settings"), and model names
with the separators real names have ("meta-llama/…", "DeepSeek-R1-Distill-…", "Qwen2.5_72B.x").

    python tests/lab_site.py OUT_CONTENT_DIR     # writes the folder; build it with build-site

Deterministic: the same folder every time (a seeded generator, no clock).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

FAMILIES = ["Llama-3.1", "Qwen2.5", "DeepSeek-R1-Distill", "Mistral", "Gemma-2", "Phi-3", "OLMo", "Falcon"]
SIZES = ["1.5B", "3B", "7B", "8B", "14B", "32B", "70B", "72B"]
SUITE = [  # the 17-benchmark report: name, metric, n
    ("MMLU-Pro", "acc", 12032), ("GPQA Diamond", "acc_norm", 198), ("HellaSwag", "acc_norm", 10042),
    ("ARC-Challenge", "acc_norm", 1172), ("WinoGrande", "acc", 1267), ("TruthfulQA", "mc2", 817),
    ("GSM8K", "exact_match", 1319), ("MATH Level 5", "exact_match", 1324), ("IFEval", "prompt_level_strict_acc", 541),
    ("BBH", "acc_norm", 6511), ("MuSR murder mysteries", "acc_norm", 250), ("PIQA", "acc_norm", 1838),
    ("BoolQ", "acc", 3270), ("OpenBookQA", "acc_norm", 500), ("LAMBADA OpenAI", "acc", 5153),
    ("SciQ", "acc_norm", 1000), ("CommonsenseQA", "acc", 1221),
]


def model_names(count: int) -> list[tuple[str, str, str]]:
    """(name as the result files write it, family, params); the names use real separators."""
    found = []
    for i in range(count):
        family = FAMILIES[i % len(FAMILIES)]
        size = SIZES[(i // len(FAMILIES)) % len(SIZES)]
        variant = i // (len(FAMILIES) * len(SIZES))
        style = i % 4
        if style == 0:
            name = f"{family}-{size}-Instruct"
        elif style == 1:
            name = f"{family.lower()}/{family}-{size}-Base"
        elif style == 2:
            name = f"{family}_{size}.Chat"
        else:
            name = f"{family}-{size}-Preview-Long-Context-Extended"
        if variant:
            name += f"-v{variant + 1}"
        found.append((name, family, size))
    return found


def _score(rng: random.Random, base: float, n: int | None = None) -> dict:
    value = min(max(base + rng.uniform(-8, 8), 1.0), 99.0)
    out = {"value": round(value, 2)}
    if n is None:
        out["stderr"] = round(rng.uniform(0.3, 2.5), 2)
    return out


def suite_report(rng: random.Random, models: list[tuple[str, str, str]]) -> dict:
    entries, settings = [], {}
    for k, (name, _, size) in enumerate(models):
        strength = 30 + float(size.rstrip("B")) / 2 + rng.uniform(-5, 5)
        scores = {b: _score(rng, strength + j, n) for j, (b, _, n) in enumerate(SUITE) if rng.random() > 0.03}
        entries.append({"name": name, "scores": scores})
        settings[name] = {
            "num_fewshot": 5 if k % 7 else 0, "batch_size": "auto",
            "harness_version": "0.4.3" if k % 3 else "0.4.2",
            "model_args": f"pretrained={name},dtype=bfloat16", "date": f"2025-0{1 + k % 6}-1{k % 9} 10:00 UTC",
        }
    return {
        "title": "Open LLM suite, 100 models", "description": "Seventeen tasks from lm-evaluation-harness.",
        "y_title": "Score (%)", "precision": 1,
        "benchmarks": [{"name": b, "metric": m, "n": n, "higher_is_better": True, "unit": "percent"} for b, m, n in SUITE],
        "models": entries,
        "source": {"harness": "lm-evaluation-harness", "version": "0.4.2, 0.4.3", "files": ["results_suite.json"],
                   "models": settings},
    }


def small_report(rng: random.Random, title: str, benchmarks: list[dict], models, stderr: bool) -> dict:
    entries = []
    for name, _, size in models:
        scores = {}
        for b in benchmarks:
            if b.get("unit") == "ms":
                scores[b["name"]] = round(rng.uniform(200, 900), 0)
            else:
                s = _score(rng, 25 + float(size.rstrip("B")) / 2, None if stderr else 1)
                scores[b["name"]] = s if stderr else s["value"]
        entries.append({"name": name, "scores": scores})
    return {"title": title, "y_title": "Score (%)", "precision": 1, "benchmarks": benchmarks, "models": entries}


def lab_files() -> dict[str, str]:
    rng = random.Random(26)
    models = model_names(100)
    registry = []
    for name, family, size in models[:48]:
        canonical = name.split("/", 1)[-1]
        entry = {"name": canonical, "family": family, "params": size, "open_weights": True,
                 "released": "2024-09", "knowledge_cutoff": "unknown"}
        if canonical != name:
            entry["aliases"] = [name]
        registry.append(entry)
    files = {
        "models.yaml": yaml.safe_dump({"models": registry}, sort_keys=False),
        "results/suite.yaml": yaml.safe_dump(suite_report(rng, models), sort_keys=False, allow_unicode=True),
    }
    smalls = [
        ("reasoning", "Reasoning, distilled models", [{"name": "AIME 2024", "metric": "Pass@1", "n": 30},
                                                      {"name": "MATH-500", "metric": "Pass@1", "n": 500},
                                                      {"name": "GPQA Diamond", "metric": "Pass@1", "n": 198}], 24, False),
        ("code", "Code generation", [{"name": "HumanEval", "metric": "pass@1", "n": 164},
                                     {"name": "MBPP", "metric": "pass@1", "n": 500},
                                     {"name": "LiveCodeBench", "metric": "Pass@1", "n": 400}], 30, False),
        ("latency", "Serving latency", [{"name": "Time to first token", "unit": "ms", "higher_is_better": False},
                                        {"name": "Inter-token latency", "unit": "ms", "higher_is_better": False}], 16, False),
        ("knowledge", "Knowledge probes", [{"name": "NaturalQuestions", "metric": "exact_match"},
                                           {"name": "TriviaQA", "metric": "exact_match"}], 20, True),
        ("safety", "Safety refusals", [{"name": "XSTest", "metric": "refusal_rate"},
                                       {"name": "HarmBench", "metric": "asr", "higher_is_better": False}], 12, True),
    ]
    for slug, title, benchmarks, count, stderr in smalls:
        chosen = [m for i, m in enumerate(models) if i % (100 // count) == 0][:count]
        files[f"results/{slug}.yaml"] = yaml.safe_dump(small_report(rng, title, benchmarks, chosen, stderr), sort_keys=False)
    site = {
        "title": "A lab's evaluation results",
        "description": "Scores of our models and open baselines on public benchmarks.",
        "boards": [
            {"title": "Open LLM suite", "description": "Seventeen tasks, every model.", "columns": [{"report": "suite"}]},
            {"title": "Reasoning", "columns": [{"report": "reasoning"}, {"report": "suite", "benchmark": "MATH Level 5"}]},
            {"title": "Code", "columns": [{"report": "code"}]},
            {"title": "Serving latency", "aggregate": "win_rate", "columns": [{"report": "latency"}]},
            {"title": "Knowledge", "columns": [{"report": "knowledge"}, {"report": "suite", "benchmark": "TruthfulQA"}]},
        ],
    }
    files["site.yaml"] = yaml.safe_dump(site, sort_keys=False)
    return files


def write_lab_site(content: Path) -> Path:
    for rel, text in lab_files().items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


if __name__ == "__main__":
    write_lab_site(Path(sys.argv[1]))
