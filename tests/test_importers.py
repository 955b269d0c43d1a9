"""Importers on real harness outputs: exact numbers, merging, provenance, and clean errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchboard.load import load_report_file
from helpers import REPO, run_cli, write_tree

REAL = REPO / "tests/fixtures/real-results"
DEEPSEEK = REAL / "lmeval_csabakecskemeti_DeepSeek-R1-Distill-Llama-8B_results_2025-01-26T22-29-00.931915.json"
LLAMA = REAL / "lmeval_csabakecskemeti_Llama-3.1-8B-Instruct_results_2025-01-25T04-48-43.622918.json"
SAUCAM = REAL / "lmeval_saucam_Meta-Llama-3-8B-Instruct_openllm_mmlu.json"
LIGHTEVAL = REAL / "lighteval_docs_example_gpt2_gsm8k_results.json"
EVALSCOPE = REAL / "evalscope_modenicheng_qwen-plus_math_500_report.json"
OPENCOMPASS = REPO / "tests/fixtures/opencompass/summary_20250301_120000.csv"


def imported(tmp_path: Path, *args) -> tuple[dict, str]:
    out = tmp_path / "results" / "imported.yaml"
    result = run_cli("import", *args, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = load_report_file(out, tmp_path)  # the real validation accepts it
    assert report is not None
    return yaml.safe_load(out.read_text()), result.stderr


def scores_of(document: dict, model: str) -> dict:
    return next(m["scores"] for m in document["models"] if m["name"] == model)


def test_lm_eval_two_models_merged_with_settings_warning(tmp_path):
    document, stderr = imported(tmp_path, "lm-eval", DEEPSEEK, LLAMA, "--tasks", "leaderboard_gpqa_diamond", "--tasks", "leaderboard_ifeval",
                                "--tasks", "leaderboard_mmlu_pro", "--rename", 'leaderboard_gpqa_diamond="GPQA Diamond"', "--title", "Open LLM tasks")
    assert [m["name"] for m in document["models"]] == ["DeepSeek-R1-Distill-Llama-8B", "Llama-3.1-8B-Instruct"]
    assert [b["name"] for b in document["benchmarks"]] == ["GPQA Diamond", "leaderboard_ifeval", "leaderboard_mmlu_pro"]
    gpqa = document["benchmarks"][0]
    assert gpqa == {"name": "GPQA Diamond", "metric": "acc_norm", "n": 198, "higher_is_better": True}
    deepseek = scores_of(document, "DeepSeek-R1-Distill-Llama-8B")
    assert deepseek["GPQA Diamond"]["value"] == pytest.approx(28.78787878787879)
    assert deepseek["GPQA Diamond"]["stderr"] == pytest.approx(3.225883512300993)
    assert deepseek["leaderboard_ifeval"]["value"] == pytest.approx(29.57486136783734)  # prompt_level_strict_acc
    assert document["benchmarks"][1]["metric"] == "prompt_level_strict_acc"
    source = document["source"]
    assert source["harness"] == "lm-evaluation-harness"
    assert source["models"]["DeepSeek-R1-Distill-Llama-8B"]["gen_kwargs"] == '{"do_sample": true, "temperature": 0.6, "top_p": 0.95}'
    assert any("different gen kwargs" in w for w in source["warnings"])
    assert "warning: The runs used different gen kwargs" in stderr
    report = load_report_file(tmp_path / "results/imported.yaml", tmp_path)
    score = report.models[0].scores["GPQA Diamond"]
    assert (score.display, report.fmt(score.stderr)) == ("28.8", "3.2")


def test_lm_eval_default_tasks_expand_placeholder_groups(tmp_path):
    document, _ = imported(tmp_path, DEEPSEEK)
    names = [b["name"] for b in document["benchmarks"]]
    assert "hellaswag" in names and "leaderboard_gpqa_diamond" in names and "leaderboard_bbh_boolean_expressions" in names
    assert "leaderboard_bbh" not in names and "leaderboard_gpqa" not in names  # placeholder rows {" ": " "}
    assert len(names) == 40
    hellaswag = next(b for b in document["benchmarks"] if b["name"] == "hellaswag")
    assert hellaswag["metric"] == "acc_norm" and hellaswag["n"] == 10042


def test_lm_eval_older_file_with_groups_takes_the_aggregate(tmp_path):
    document, _ = imported(tmp_path, SAUCAM)
    assert document["benchmarks"] == [{"name": "mmlu", "metric": "acc", "higher_is_better": True}]  # no n-samples in old files
    assert document["models"][0]["name"] == "Meta-Llama-3-8B-Instruct"
    assert document["models"][0]["scores"]["mmlu"]["value"] == pytest.approx(65.81683520865973)
    # Asking for the subtasks instead:
    document, _ = imported(tmp_path / "b", SAUCAM, "--tasks", "mmlu_formal_logic")
    assert document["models"][0]["scores"]["formal_logic"]["value"] == pytest.approx(50.79365079365079)


def test_lighteval(tmp_path):
    document, _ = imported(tmp_path, LIGHTEVAL)
    assert document["models"][0]["name"] == "gpt2"
    assert document["benchmarks"] == [{"name": "gsm8k", "metric": "em", "n": 1, "higher_is_better": True}]
    assert document["models"][0]["scores"]["gsm8k"] == {"value": 0.0, "stderr": 0.0}
    assert document["source"]["models"]["gpt2"]["num_fewshot"] == "0"
    document, _ = imported(tmp_path / "b", LIGHTEVAL, "--metric", "maj@8")
    assert document["benchmarks"][0]["metric"] == "maj@8"


def test_evalscope_fraction_becomes_percent_with_n(tmp_path):
    document, _ = imported(tmp_path, EVALSCOPE)
    assert document["benchmarks"] == [{"name": "MATH-500", "metric": "mean_acc", "n": 299, "higher_is_better": True}]
    assert document["models"] == [{"name": "qwen-plus", "scores": {"MATH-500": pytest.approx(97.66)}}]


def test_opencompass_csv_with_missing_scores(tmp_path):
    document, _ = imported(tmp_path, OPENCOMPASS)
    assert [m["name"] for m in document["models"]] == ["qwen2.5-7b-instruct-hf", "internlm2_5-7b-chat-hf", "llama-3.1-8b-instruct-hf"]
    assert [b["name"] for b in document["benchmarks"]] == ["gsm8k", "math", "mmlu", "humaneval", "GPQA_diamond"]
    assert document["benchmarks"][2]["metric"] == "naive_average"  # the first metric row of mmlu
    llama = scores_of(document, "llama-3.1-8b-instruct-hf")
    assert "math" not in llama and llama["gsm8k"] == 84.53  # "-" is a missing score, not 0
    assert "GPQA_diamond" not in scores_of(document, "internlm2_5-7b-chat-hf")
    document, _ = imported(tmp_path / "b", OPENCOMPASS, "--metric", "mmlu=weighted_average")
    assert scores_of(document, "qwen2.5-7b-instruct-hf")["mmlu"] == 75.79


def test_mixed_formats_in_one_comparison(tmp_path):
    document, _ = imported(tmp_path, EVALSCOPE, LIGHTEVAL, "--title", "Mixed")
    assert [m["name"] for m in document["models"]] == ["qwen-plus", "gpt2"]
    assert document["source"]["harness"] == "evalscope, lighteval"


@pytest.mark.parametrize("files, args, message", [
    ({"x.json": "{not json"}, [], "x.json:1:2: not valid JSON"),
    ({"x.json": '{"a": 1}'}, [], "x.json: not a results file of a known harness"),
    ({"x.json": "[1, 2]"}, [], "x.json: expected a JSON object"),
    ({"x.csv": "a,b\n1,2\n"}, ["--format", "opencompass"], "not an OpenCompass summary CSV"),
    ({}, [], "nope.json: no such file"),
])
def test_bad_input_is_a_clean_error(tmp_path, files, args, message):
    write_tree(tmp_path, files)
    inputs = [tmp_path / name for name in files] or [tmp_path / "nope.json"]
    result = run_cli("import", *inputs, *args, "-o", tmp_path / "out.yaml")
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_unknown_metric_names_the_ones_that_exist(tmp_path):
    result = run_cli("import", DEEPSEEK, "--metric", "leaderboard_gpqa_diamond=accuracy", "--tasks", "leaderboard_gpqa_diamond", "-o", tmp_path / "o.yaml")
    assert result.returncode == 1
    assert "task 'leaderboard_gpqa_diamond' has no metric 'accuracy' (it has: acc_norm)" in result.stderr
    result = run_cli("import", LIGHTEVAL, "--metric", "bleu", "-o", tmp_path / "o.yaml")
    assert result.returncode == 1 and "no task has the metric 'bleu'" in result.stderr


def test_a_task_missing_for_one_model_is_a_missing_score(tmp_path):
    document, _ = imported(tmp_path, SAUCAM, LIGHTEVAL)
    assert scores_of(document, "gpt2") == {"gsm8k": {"value": 0.0, "stderr": 0.0}}
    assert list(scores_of(document, "Meta-Llama-3-8B-Instruct")) == ["mmlu"]


def test_the_example_second_report_is_this_import():
    """content/results/open-llm-8b.yaml is reproducible from the two lm-eval fixtures."""
    committed = yaml.safe_load((REPO / "content/results/open-llm-8b.yaml").read_text())
    assert [m["name"] for m in committed["models"]] == ["DeepSeek-R1-Distill-Llama-8B", "Llama-3.1-8B-Instruct"]
    gpqa = committed["models"][0]["scores"]["GPQA Diamond"]
    assert gpqa["value"] == pytest.approx(28.78787878787879) and gpqa["stderr"] == pytest.approx(3.225883512300993)
    assert committed["source"]["warnings"]
