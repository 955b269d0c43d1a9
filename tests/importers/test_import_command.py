"""Importers on real harness outputs: exact numbers, merging, provenance, and clean errors.

Everything runs through ``benchboard.importers.add_parser`` / ``run`` in-process (the CLI glue
contract); one test runs it in a subprocess to prove no traceback escapes, and one goes through
``python -m benchboard import`` when the CLI wires it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchboard import importers
from benchboard.model import format_number

REPO = Path(__file__).resolve().parents[2]
REAL = REPO / "tests/fixtures/real-results"
DEEPSEEK = REAL / "lmeval_csabakecskemeti_DeepSeek-R1-Distill-Llama-8B_results_2025-01-26T22-29-00.931915.json"
LLAMA = REAL / "lmeval_csabakecskemeti_Llama-3.1-8B-Instruct_results_2025-01-25T04-48-43.622918.json"
SAUCAM = REAL / "lmeval_saucam_Meta-Llama-3-8B-Instruct_openllm_mmlu.json"
LIGHTEVAL = REAL / "lighteval_docs_example_gpt2_gsm8k_results.json"
EVALSCOPE = REAL / "evalscope_modenicheng_qwen-plus_math_500_report.json"
OPENCOMPASS = REPO / "tests/fixtures/opencompass/summary_20250301_120000.csv"

TOP_KEYS = ["title", "description", "y_title", "y_range", "precision", "benchmarks", "models", "source"]
EXACT = dict(rel=1e-12, abs=1e-12)


def parse(*argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build-site")
    importers.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["import", *map(str, argv)])


def run_import(capsys, *argv) -> tuple[int, str, str]:
    code = importers.run(parse(*argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def imported(tmp_path: Path, capsys, *argv, name: str = "imported.yaml") -> tuple[dict, str]:
    out = tmp_path / "content" / "results" / name
    code, stdout, stderr = run_import(capsys, *argv, "-o", out)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert f"wrote {out}" in stdout
    return yaml.safe_load(out.read_text(encoding="utf-8")), stderr


def scores_of(document: dict, model: str) -> dict:
    return next(m["scores"] for m in document["models"] if m["name"] == model)


def benchmark(document: dict, name: str) -> dict:
    return next(b for b in document["benchmarks"] if b["name"] == name)


# -- lm-evaluation-harness ------------------------------------------------------------------------


def test_gpqa_diamond_exact_value_stderr_and_display(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, "lm-eval", DEEPSEEK, "--tasks", "leaderboard_gpqa_diamond",
                           "--rename", 'leaderboard_gpqa_diamond="GPQA Diamond"')
    assert document["benchmarks"] == [{"name": "GPQA Diamond", "metric": "acc_norm", "n": 198, "higher_is_better": True, "unit": "percent"}]
    score = document["models"][0]["scores"]["GPQA Diamond"]
    assert set(score) == {"value", "stderr"}
    assert score["value"] == pytest.approx(28.78787878787879, **EXACT)  # 0.2878787878787879 x 100
    assert score["stderr"] == pytest.approx(3.225883512300993, **EXACT)  # 0.03225883512300993 x 100
    assert (format_number(score["value"], 1), format_number(score["stderr"], 1)) == ("28.8", "3.2")
    assert document["models"][0]["name"] == "DeepSeek-R1-Distill-Llama-8B"
    assert document["y_title"] == "acc_norm (%)" and document["y_range"] == [0, 100] and document["precision"] == 1


def test_two_lm_eval_runs_merge_with_a_settings_warning(tmp_path, capsys):
    document, stderr = imported(
        tmp_path, capsys, "lm-eval", DEEPSEEK, LLAMA,
        "--tasks", "hellaswag", "--tasks", "leaderboard_gpqa_diamond", "--tasks", "leaderboard_ifeval", "--tasks", "leaderboard_mmlu_pro",
        "--rename", 'leaderboard_gpqa_diamond="GPQA Diamond"', "--title", "Open LLM tasks",
    )
    assert list(document) == TOP_KEYS
    assert document["title"] == "Open LLM tasks"
    assert [m["name"] for m in document["models"]] == ["DeepSeek-R1-Distill-Llama-8B", "Llama-3.1-8B-Instruct"]  # file order
    assert document["benchmarks"] == [  # first-seen order, as the harness wrote the tasks
        {"name": "hellaswag", "metric": "acc_norm", "n": 10042, "higher_is_better": True, "unit": "percent"},
        {"name": "GPQA Diamond", "metric": "acc_norm", "n": 198, "higher_is_better": True, "unit": "percent"},
        {"name": "leaderboard_ifeval", "metric": "prompt_level_strict_acc", "n": 541, "higher_is_better": True, "unit": "percent"},
        {"name": "leaderboard_mmlu_pro", "metric": "acc", "n": 12032, "higher_is_better": True, "unit": "percent"},
    ]
    deepseek, llama = scores_of(document, "DeepSeek-R1-Distill-Llama-8B"), scores_of(document, "Llama-3.1-8B-Instruct")
    assert deepseek["hellaswag"]["value"] == pytest.approx(74.35769766978689, **EXACT)
    assert deepseek["leaderboard_ifeval"]["value"] == pytest.approx(29.57486136783734, **EXACT)
    assert deepseek["leaderboard_ifeval"]["stderr"] == pytest.approx(1.963940536107113, **EXACT)
    assert llama["GPQA Diamond"]["value"] == pytest.approx(31.81818181818182, **EXACT)
    assert llama["GPQA Diamond"]["stderr"] == pytest.approx(3.3184773338453315, **EXACT)
    assert llama["leaderboard_mmlu_pro"]["value"] == pytest.approx(38.081781914893614, **EXACT)
    assert format_number(llama["leaderboard_mmlu_pro"]["value"], 1) == "38.1"

    source = document["source"]
    assert list(source) == ["harness", "version", "files", "models", "warnings"]
    assert source["harness"] == "lm-evaluation-harness"
    assert source["version"] == "git 5c006ed, git 0230356"
    assert source["files"] == [DEEPSEEK.name, LLAMA.name]  # file names: no folder of this machine
    settings = source["models"]["DeepSeek-R1-Distill-Llama-8B"]
    assert settings["gen_kwargs"] == "do_sample=true,temperature=0.6,top_p=0.95"
    assert settings["model_args"] == "pretrained=deepseek-ai/DeepSeek-R1-Distill-Llama-8B,parallelize=True,dtype=float16"
    assert settings["num_fewshot"] == "0, 5"
    assert settings["batch_size"] == "auto:4"
    # Each model's own harness version, so its page names the one its scores came from.
    assert settings["harness_version"] == "git 5c006ed" and source["models"]["Llama-3.1-8B-Instruct"]["harness_version"] == "git 0230356"
    assert settings["date"] == "2025-01-26 22:15 UTC"
    assert source["models"]["Llama-3.1-8B-Instruct"]["gen_kwargs"] == "none (task defaults)"
    assert all(isinstance(v, str) for s in source["models"].values() for v in s.values())
    warning = ("Runs used different generation settings: gen_kwargs differs (DeepSeek-R1-Distill-Llama-8B: "
               "do_sample=true,temperature=0.6,top_p=0.95; Llama-3.1-8B-Instruct: none (task defaults)); "
               "their scores may not be comparable.")
    assert warning in source["warnings"]
    assert any(w.startswith("Runs used different harness versions") for w in source["warnings"])
    assert f"warning: {warning}" in stderr


def test_default_selection_expands_placeholder_groups(tmp_path, capsys):
    document, stderr = imported(tmp_path, capsys, DEEPSEEK)  # format detected
    names = [b["name"] for b in document["benchmarks"]]
    assert len(names) == 40  # 44 rows minus 4 placeholder groups {" ": " ", "alias": ...}
    assert names[:2] == ["hellaswag", "leaderboard_bbh_boolean_expressions"]
    assert "leaderboard_bbh" not in names and "leaderboard_gpqa" not in names
    assert benchmark(document, "leaderboard_math_algebra_hard") == {
        "name": "leaderboard_math_algebra_hard", "metric": "exact_match", "n": 307, "higher_is_better": True, "unit": "percent"}
    assert scores_of(document, "DeepSeek-R1-Distill-Llama-8B")["leaderboard_math_algebra_hard"]["value"] == pytest.approx(48.20846905537459, **EXACT)
    assert "note: leaderboard_bbh has no aggregate score in the file" in stderr
    assert document["y_title"] == "Score (%)"  # several metrics


def test_groups_mean_gives_leaderboard_style_columns(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, DEEPSEEK, LLAMA, "--groups", "mean", "--rename", "leaderboard_bbh=BBH")
    assert [b["name"] for b in document["benchmarks"]] == [
        "hellaswag", "BBH", "leaderboard_gpqa", "leaderboard_ifeval", "leaderboard_math_hard", "leaderboard_mmlu_pro", "leaderboard_musr"]
    assert benchmark(document, "BBH") == {"name": "BBH", "metric": "acc_norm", "n": 5761, "higher_is_better": True, "unit": "percent"}
    # Recompute the pooled accuracy from the raw file: sum(n_i * p_i) / sum(n_i) over the 24 subtasks.
    raw = json.loads(DEEPSEEK.read_text())
    leaves = raw["group_subtasks"]["leaderboard_bbh"]
    n = [raw["n-samples"][t]["effective"] for t in leaves]
    p = [raw["results"][t]["acc_norm,none"] for t in leaves]
    se = [raw["results"][t]["acc_norm_stderr,none"] for t in leaves]
    expected = 100 * sum(a * b for a, b in zip(n, p)) / sum(n)
    expected_se = 100 * math.sqrt(sum((a * s) ** 2 for a, s in zip(n, se))) / sum(n)
    bbh = scores_of(document, "DeepSeek-R1-Distill-Llama-8B")["BBH"]
    assert bbh["value"] == pytest.approx(expected, **EXACT) == pytest.approx(41.36434646762715, **EXACT)
    assert bbh["stderr"] == pytest.approx(expected_se, **EXACT)
    assert format_number(bbh["value"], 1) == "41.4"
    assert scores_of(document, "Llama-3.1-8B-Instruct")["BBH"]["value"] == pytest.approx(50.876583926401665, **EXACT)
    # Harness aggregates and plain tasks are untouched; computed numbers are declared.
    assert scores_of(document, "DeepSeek-R1-Distill-Llama-8B")["leaderboard_mmlu_pro"]["value"] == pytest.approx(27.410239361702127, **EXACT)
    assert "Computed on import, not by the harness: BBH (item-weighted mean of 24 subtasks)" in document["description"]


def test_older_file_with_groups_key_takes_the_harness_aggregate(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, SAUCAM)
    assert document["benchmarks"] == [{"name": "mmlu", "metric": "acc", "higher_is_better": True, "unit": "percent"}]  # no n-samples: no n
    model = document["models"][0]
    assert model["name"] == "Meta-Llama-3-8B-Instruct"
    assert model["scores"]["mmlu"]["value"] == pytest.approx(65.81683520865973, **EXACT)
    assert model["scores"]["mmlu"]["stderr"] == pytest.approx(0.3793336441546875, **EXACT)
    assert document["source"]["version"] == "git 3196e907"
    assert document["source"]["models"]["Meta-Llama-3-8B-Instruct"]["num_fewshot"] == "5"  # from the subtasks, not the group's 0
    assert "warnings" not in document["source"]


def test_older_file_subtasks_and_keep_org(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, SAUCAM, "--groups", "subtasks", "--keep-org")
    assert len(document["benchmarks"]) == 57  # the MMLU subjects, no group rows
    assert "humanities" not in [b["name"] for b in document["benchmarks"]]
    model = document["models"][0]
    assert model["name"] == "meta-llama/Meta-Llama-3-8B-Instruct"
    assert model["scores"]["formal_logic"]["value"] == pytest.approx(50.79365079365079, **EXACT)  # alias "  - formal_logic"


def test_na_stderr_is_omitted_and_metric_can_be_chosen_per_task(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, DEEPSEEK, "--tasks", "leaderboard_ifeval", "--metric", "leaderboard_ifeval=inst_level_strict_acc")
    assert document["benchmarks"][0]["metric"] == "inst_level_strict_acc"
    assert document["models"][0]["scores"]["leaderboard_ifeval"] == {"value": pytest.approx(44.004796163069546, **EXACT)}


# -- lighteval, evalscope, OpenCompass ---------------------------------------------------------------


def test_lighteval_gsm8k(tmp_path, capsys):
    document, stderr = imported(tmp_path, capsys, LIGHTEVAL)
    assert document["models"] == [{"name": "gpt2", "scores": {"gsm8k": {"value": 0.0, "stderr": 0.0}}}]
    assert document["benchmarks"] == [{"name": "gsm8k", "metric": "em", "n": 1, "higher_is_better": True, "unit": "percent"}]
    assert document["description"] == "Imported from lighteval sha 203045a results."
    assert document["source"]["models"]["gpt2"] == {
        "num_fewshot": "0", "max_samples": "1", "model_sha": "607a30d783dfa663caf39e06633721c8d4cfcd7e"}
    assert document["source"]["warnings"] == [
        "gsm8k: gpt2 was scored on 1 of 1319 items (a limited run); the score is not comparable with full runs."]
    assert "warning: gsm8k: gpt2 was scored on 1 of 1319 items" in stderr
    document, _ = imported(tmp_path, capsys, "lighteval", LIGHTEVAL, "--metric", "maj@8", name="b.yaml")
    assert document["benchmarks"][0]["metric"] == "maj@8"


def test_evalscope_math_500_fraction_becomes_percent(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, EVALSCOPE, "--precision", "2")
    assert document["benchmarks"] == [{"name": "MATH-500", "metric": "mean_acc", "n": 299, "higher_is_better": True, "unit": "percent"}]
    assert document["models"] == [{"name": "qwen-plus", "scores": {"MATH-500": {"value": pytest.approx(97.66, **EXACT)}}}]
    assert document["precision"] == 2 and document["y_title"] == "mean_acc (%)"
    assert document["source"] == {"harness": "evalscope", "files": [EVALSCOPE.name]}


def test_opencompass_csv_with_missing_scores(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, OPENCOMPASS, "--rename", "GPQA_diamond=GPQA Diamond")
    assert [m["name"] for m in document["models"]] == ["qwen2.5-7b-instruct-hf", "internlm2_5-7b-chat-hf", "llama-3.1-8b-instruct-hf"]
    assert document["benchmarks"] == [  # separators and the not-evaluated ceval row are skipped
        {"name": "mmlu", "metric": "naive_average", "higher_is_better": True, "unit": "percent"},  # the first metric row
        {"name": "GPQA Diamond", "metric": "accuracy", "higher_is_better": True, "unit": "percent"},
        {"name": "gsm8k", "metric": "accuracy", "higher_is_better": True, "unit": "percent"},
        {"name": "math", "metric": "accuracy", "higher_is_better": True, "unit": "percent"},
        {"name": "humaneval", "metric": "humaneval_pass@1", "higher_is_better": True, "unit": "percent"},
    ]
    llama = scores_of(document, "llama-3.1-8b-instruct-hf")
    assert "math" not in llama  # "-" is a missing score, never 0
    assert llama["gsm8k"] == {"value": 84.53}  # already percent: not scaled again
    assert "GPQA Diamond" not in scores_of(document, "internlm2_5-7b-chat-hf")
    assert document["y_title"] == "Score (%)" and document["y_range"] == [0, 100]
    assert document["source"]["models"]["qwen2.5-7b-instruct-hf"] == {"mode": "gen"}
    document, _ = imported(tmp_path, capsys, "opencompass", OPENCOMPASS, "--metric", "mmlu=weighted_average",
                           "--model-name", "llama-3.1-8b-instruct-hf=Llama-3.1-8B-Instruct", name="b.yaml")
    assert scores_of(document, "qwen2.5-7b-instruct-hf")["mmlu"] == {"value": 75.79}
    assert document["models"][2]["name"] == "Llama-3.1-8B-Instruct"


# -- merging rules ------------------------------------------------------------------------------------


def test_a_task_missing_for_one_model_is_a_missing_score(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, SAUCAM, LIGHTEVAL, "--model-name", "Llama-3-8B", "--model-name", "GPT-2")
    assert [m["name"] for m in document["models"]] == ["Llama-3-8B", "GPT-2"]
    assert list(scores_of(document, "Llama-3-8B")) == ["mmlu"]
    assert scores_of(document, "GPT-2") == {"gsm8k": {"value": 0.0, "stderr": 0.0}}
    assert document["source"]["harness"] == "lm-evaluation-harness, lighteval"
    assert any(w.startswith("Runs come from different harnesses") for w in document["source"]["warnings"])


def test_one_file_per_task_merges_into_one_model(tmp_path, capsys):
    raw = json.loads(DEEPSEEK.read_text())
    for task in ("hellaswag", "leaderboard_mmlu_pro"):
        part = dict(raw, results={task: raw["results"][task]}, group_subtasks={task: []})
        (tmp_path / f"{task}.json").write_text(json.dumps(part))
    document, _ = imported(tmp_path, capsys, tmp_path / "hellaswag.json", tmp_path / "leaderboard_mmlu_pro.json")
    assert [m["name"] for m in document["models"]] == ["DeepSeek-R1-Distill-Llama-8B"]
    assert list(document["models"][0]["scores"]) == ["hellaswag", "leaderboard_mmlu_pro"]


def test_mixed_fraction_and_percent_scales_per_score(tmp_path, capsys):
    document, _ = imported(tmp_path, capsys, EVALSCOPE, OPENCOMPASS, "--tasks", "math", "--tasks", "math_500",
                           "--rename", "math_500=MATH", "--rename", "math=MATH (OpenCompass)")
    assert scores_of(document, "qwen-plus") == {"MATH": {"value": pytest.approx(97.66, **EXACT)}}
    assert scores_of(document, "qwen2.5-7b-instruct-hf") == {"MATH (OpenCompass)": {"value": 74.96}}


def test_the_example_second_report_is_this_import(tmp_path, capsys):
    """content/results/open-llm-8b.yaml is reproducible with the command in docs/importers.md."""
    committed_path = REPO / "content/results/open-llm-8b.yaml"
    if not committed_path.exists():
        pytest.skip("the example report open-llm-8b.yaml is not in content/results")
    document, _ = imported(
        tmp_path, capsys, "lm-eval", DEEPSEEK, LLAMA,
        *[a for t in ("hellaswag", "leaderboard_gpqa_diamond", "leaderboard_ifeval", "leaderboard_mmlu_pro",
                      "leaderboard_musr_murder_mysteries") for a in ("--tasks", t)],
        "--rename", "hellaswag=HellaSwag", "--rename", 'leaderboard_gpqa_diamond="GPQA Diamond"', "--rename", "leaderboard_ifeval=IFEval",
        "--rename", "leaderboard_mmlu_pro=MMLU-Pro", "--rename", 'leaderboard_musr_murder_mysteries="MuSR murder mysteries"',
        "--title", "Open LLM Leaderboard tasks, 8B models",
    )
    committed = yaml.safe_load(committed_path.read_text(encoding="utf-8"))
    assert all(b.pop("unit") == "percent" for b in document["benchmarks"])  # the importer now writes unit:
    assert document["benchmarks"] == [{k: v for k, v in b.items() if k != "unit"} for b in committed["benchmarks"]]
    assert [m["name"] for m in document["models"]] == [m["name"] for m in committed["models"]]
    for mine, theirs in zip(document["models"], committed["models"]):
        assert list(mine["scores"]) == list(theirs["scores"])
        for name, score in mine["scores"].items():
            expected = theirs["scores"][name] if isinstance(theirs["scores"][name], dict) else {"value": theirs["scores"][name]}
            assert score == {k: pytest.approx(v, **EXACT) for k, v in expected.items()}, name
    gpqa = document["models"][0]["scores"]["GPQA Diamond"]
    assert gpqa == {"value": pytest.approx(28.78787878787879, **EXACT), "stderr": pytest.approx(3.225883512300993, **EXACT)}


def test_output_yaml_is_deterministic_and_loads(tmp_path, capsys):
    args = (DEEPSEEK, LLAMA, "--groups", "mean")
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()  # the project folders; content/results/ is created
    first, _ = imported(tmp_path / "a", capsys, *args)
    second, _ = imported(tmp_path / "b", capsys, *args)
    text_a = (tmp_path / "a/content/results/imported.yaml").read_text()
    text_b = (tmp_path / "b/content/results/imported.yaml").read_text()
    assert text_a == text_b and first == second
    assert text_a.startswith("# yaml-language-server: $schema=") or text_a.startswith("# Written by build-site import")
    assert list(first) == TOP_KEYS
    for model in first["models"]:
        assert list(model) == ["name", "scores"]
        assert all(set(s) <= {"value", "stderr"} and "value" in s for s in model["scores"].values())
    for entry in first["benchmarks"]:
        assert list(entry) in (["name", "metric", "n", "higher_is_better", "unit"], ["name", "metric", "higher_is_better", "unit"])


def test_schema_comment_in_this_repository(tmp_path):
    line = importers.schema_comment(REPO / "content/results/x.yaml")
    assert line == "# yaml-language-server: $schema=../../src/benchboard/schemas/result.schema.json\n"
    assert importers.schema_comment(tmp_path / "x.yaml") == ""  # outside the project: no machine-specific path


def test_print_to_stdout(capsys):
    code, out, err = run_import(capsys, EVALSCOPE, "-o", "-")
    assert code == 0, err
    assert yaml.safe_load(out)["models"][0]["name"] == "qwen-plus"


def test_real_validation_accepts_the_imports(tmp_path, capsys):
    from benchboard.load import results as load  # the real loader of result files
    for i, args in enumerate([(DEEPSEEK, LLAMA, "--groups", "mean"), (DEEPSEEK,), (SAUCAM,), (LIGHTEVAL,), (EVALSCOPE,), (OPENCOMPASS,)]):
        out = tmp_path / "results" / f"r{i}.yaml"
        code, _, err = run_import(capsys, *args, "-o", out)
        assert code == 0, err
        report = load.load_report_file(out, tmp_path)
        assert report is not None and report.source is not None
    report = load.load_report_file(tmp_path / "results/r0.yaml", tmp_path)
    score = report.models[0].scores["hellaswag"]
    assert (score.display, report.fmt(score.stderr)) == ("74.4", "0.4")
    assert report.source.settings["DeepSeek-R1-Distill-Llama-8B"]["gen_kwargs"] == "do_sample=true,temperature=0.6,top_p=0.95"
    assert any("gen_kwargs differs" in w for w in report.source.warnings)


# -- errors: "path: what is wrong (how to fix)", exit 1, no traceback, nothing written -----------------


@pytest.mark.parametrize("files, argv, message", [
    ({"x.json": "{not json"}, [], "x.json:1:2: not valid JSON (Expecting property name enclosed in double quotes;"),
    ({"x.json": '{"a": 1}'}, [], "x.json: not a results file of a known harness"),
    ({"x.json": "[1, 2]"}, [], "x.json: expected a JSON object at the top level, found a list"),
    ({"x.json": ""}, [], "x.json: the file is empty"),
    ({"x.json": "  \n"}, ["lm-eval"], "x.json: the file is empty"),
    ({"x.csv": "a,b\n1,2\n"}, ["--format", "opencompass"], "x.csv: does not look like opencompass results (it is a CSV file whose first line is 'a,b'"),
    ({"x.json": json.dumps({"results": {}, "config": {}})}, ["lm-eval"], "x.json: does not look like lm-eval results"),
    ({"x.json": json.dumps({"results": {"t": {"alias": "t", "acc,none": "N/A"}}, "config": {}})}, [], "x.json: no scores found"),
    ({"x.csv": "dataset,version,metric,mode,m\nmmlu,-,acc,gen,-\n"}, [], "x.csv: no scores found"),
    ({"x.csv": "dataset,version,metric,mode,m\nmmlu,-,acc,gen\n"}, [], "x.csv:2: 4 columns where the header has 5"),
    ({"x.csv": "dataset,version,metric,mode,m\nmmlu,-,acc,gen,high\n"}, [], "x.csv:2: mmlu has the score 'high'"),
    ({}, [], "nope.json: no such file (check the path)"),
])
def test_bad_input_is_a_clean_error(tmp_path, capsys, files, argv, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    inputs = [tmp_path / name for name in files] or [tmp_path / "nope.json"]
    fmt = [a for a in argv if a in importers.FORMAT_NAMES and argv[:1] == [a]]
    rest = argv[len(fmt):]
    code, out, err = run_import(capsys, *fmt, *inputs, *rest, "-o", tmp_path / "out.yaml")
    assert code == 1
    assert message in err, err
    assert err.startswith(str(tmp_path))  # "path: ..." first
    assert "Traceback" not in err and out == ""
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("argv, message", [
    ([DEEPSEEK, "--tasks", "leaderboard_gpqa_diamond", "--metric", "leaderboard_gpqa_diamond=accuracy"],
     f"{DEEPSEEK}: task 'leaderboard_gpqa_diamond' has no metric 'accuracy' (it has: acc_norm; pick one with --metric leaderboard_gpqa_diamond=METRIC)"),
    ([DEEPSEEK, "--tasks", "leaderboard_ifeval", "--metric", "leaderboard_ifeval=bleu"],
     "(it has: prompt_level_strict_acc, inst_level_strict_acc, prompt_level_loose_acc, inst_level_loose_acc;"),
    ([LIGHTEVAL, "--metric", "bleu"], "--metric bleu: no task has this metric (metrics present: em, maj@8)"),
    ([LIGHTEVAL, "--metric", "nosuchtask=em"], "--metric nosuchtask=...: no task 'nosuchtask' in the input (tasks: gsm8k)"),
    ([DEEPSEEK, "--tasks", "leaderboard_ifeval", "--filter", "strict-match"], "--filter strict-match: no task has this filter (filters present: none)"),
    ([DEEPSEEK, "--tasks", "nothing*"], "--tasks nothing*: no task matches"),
    ([EVALSCOPE, "--rename", "gsm8k=GSM8K"], "--rename gsm8k=...: no task 'gsm8k' in the import (tasks: math_500)"),
    ([EVALSCOPE, "--rename", "math_500"], "--rename 'math_500': expected KEY=VALUE"),
    ([EVALSCOPE, LIGHTEVAL, "--model-name", "only-one"], "--model-name: given 1 time(s) for 2 run(s) (qwen-plus, gpt2)"),
    ([EVALSCOPE, EVALSCOPE], "qwen-plus already has a score for math_500 from the same file (the file is given twice"),
    ([OPENCOMPASS, "--rename", "gsm8k=math"], "--rename: tasks 'gsm8k' and 'math' would both be shown as 'math' (give one another name with --rename math=NAME)"),
    (["lighteval", EVALSCOPE], f"{EVALSCOPE}: does not look like lighteval results"),
    (["lm-eval", OPENCOMPASS], f"{OPENCOMPASS}: does not look like lm-eval results; it looks like opencompass (run build-site import opencompass FILE"),
    (["lm-eval", EVALSCOPE, "--format", "evalscope"], "lm-eval: the format is given twice"),
    ([EVALSCOPE, "--scale", "0"], "--scale 0.0: give a finite positive number"),
])
def test_bad_options_are_clean_errors(tmp_path, capsys, argv, message):
    code, out, err = run_import(capsys, *argv, "-o", tmp_path / "out.yaml")
    assert code == 1
    assert message in err, err
    assert "Traceback" not in err and out == ""
    assert not (tmp_path / "out.yaml").exists()


def variant(tmp_path: Path, source: Path, name: str, edit) -> Path:
    """A copy of a real file with one change: edit(data) changes the parsed JSON in place."""
    data = json.loads(source.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")  # NaN is written as NaN, as Python's json does
    return path


def _drop(task: str, *metrics: str):
    def edit(data):
        for key in [k for k in data["results"][task] if k.partition(",")[0] in metrics]:
            del data["results"][task][key]
    return edit


@pytest.mark.parametrize("how", ["missing", "nan"])
def test_one_metric_per_column_across_runs(tmp_path, capsys, how):
    """DeepSeek's hellaswag without a usable acc_norm beside Llama's: both get acc, labelled acc."""
    if how == "missing":
        edit = _drop("hellaswag", "acc_norm", "acc_norm_stderr")
    else:
        def edit(data):
            data["results"]["hellaswag"]["acc_norm,none"] = float("nan")
    deepseek = variant(tmp_path, DEEPSEEK, "deepseek.json", edit)
    document, stderr = imported(tmp_path, capsys, deepseek, LLAMA, "--tasks", "hellaswag")
    assert document["benchmarks"] == [{"name": "hellaswag", "metric": "acc", "n": 10042, "higher_is_better": True, "unit": "percent"}]
    assert scores_of(document, "DeepSeek-R1-Distill-Llama-8B")["hellaswag"]["value"] == pytest.approx(55.58653654650468, **EXACT)
    llama = json.loads(LLAMA.read_text())["results"]["hellaswag"]
    assert scores_of(document, "Llama-3.1-8B-Instruct")["hellaswag"] == {  # Llama's acc, not its acc_norm
        "value": pytest.approx(100 * llama["acc,none"], **EXACT), "stderr": pytest.approx(100 * llama["acc_stderr,none"], **EXACT)}
    assert f"note: hellaswag: imported acc for every run, the best metric they all have (acc_norm is missing or not a number in {deepseek}" in stderr
    assert not any("different metrics" in w for w in document["source"]["warnings"])
    # Every run having the preferred metric keeps it.
    document, _ = imported(tmp_path, capsys, DEEPSEEK, LLAMA, "--tasks", "hellaswag", name="both.yaml")
    assert document["benchmarks"][0]["metric"] == "acc_norm"


def test_runs_without_a_common_metric_are_an_error(tmp_path, capsys):
    deepseek = variant(tmp_path, DEEPSEEK, "deepseek.json", _drop("hellaswag", "acc_norm", "acc_norm_stderr"))
    llama = variant(tmp_path, LLAMA, "llama.json", _drop("hellaswag", "acc", "acc_stderr"))
    out = tmp_path / "content/results/x.yaml"
    code, stdout, stderr = run_import(capsys, deepseek, llama, "--tasks", "hellaswag", "-o", out)
    assert code == 1 and stdout == ""
    assert stderr == (
        f"hellaswag: the runs have no metric in common ({deepseek} (DeepSeek-R1-Distill-Llama-8B): acc; "
        f"{llama} (Llama-3.1-8B-Instruct): acc_norm), and one column cannot mix metrics "
        "(import these runs into separate result files, or pick tasks other than hellaswag with --tasks)\n"
    )
    assert not out.exists()


def test_lm_eval_filters_agree_across_runs(tmp_path, capsys):
    def lm_eval(name, model, row):
        data = {"results": {"gsm8k": {"alias": "gsm8k", **row}}, "config": {"model_args": f"pretrained=org/{model}"},
                "n-samples": {"gsm8k": {"original": 1319, "effective": 1319}}}
        (tmp_path / name).write_text(json.dumps(data))
        return tmp_path / name
    both = lm_eval("a.json", "A", {"exact_match,strict-match": 0.5, "exact_match,flexible-extract": 0.6})
    flexible = lm_eval("b.json", "B", {"exact_match,flexible-extract": 0.7})
    document, stderr = imported(tmp_path, capsys, both, flexible)
    assert document["benchmarks"][0]["metric"] == "exact_match, flexible-extract"
    assert scores_of(document, "A") == {"gsm8k": {"value": pytest.approx(60.0, **EXACT)}}
    assert "note: gsm8k: imported exact_match with the filter flexible-extract for every run" in stderr
    other = lm_eval("c.json", "C", {"exact_match,other": 0.7})
    code, _, stderr = run_import(capsys, both, other, "-o", tmp_path / "content/results/c.yaml")
    assert code == 1
    assert stderr.startswith(f"gsm8k: the runs have no filter of exact_match in common ({both} (A): strict-match, flexible-extract; {other} (C): other)")


def test_n_only_for_proportions(tmp_path, capsys):
    """A perplexity gets no n: the site would put a binomial margin on it."""
    def add_wikitext(data):
        data["results"]["wikitext"] = {"alias": "wikitext", "word_perplexity,none": 12.5, "word_perplexity_stderr,none": "N/A",
                                       "byte_perplexity,none": 1.6, "bits_per_byte,none": 0.68, "bits_per_byte_stderr,none": "N/A"}
        data["n-samples"]["wikitext"] = {"original": 62, "effective": 62}
        data["higher_is_better"]["wikitext"] = {"word_perplexity": False, "byte_perplexity": False, "bits_per_byte": False}
        data["group_subtasks"]["wikitext"] = []
    source = variant(tmp_path, DEEPSEEK, "ppl.json", add_wikitext)
    document, _ = imported(tmp_path, capsys, source, "--tasks", "hellaswag", "--tasks", "wikitext")
    assert document["benchmarks"] == [
        {"name": "hellaswag", "metric": "acc_norm", "n": 10042, "higher_is_better": True, "unit": "percent"},
        {"name": "wikitext", "metric": "word_perplexity", "higher_is_better": False, "unit": "perplexity"},
    ]
    assert scores_of(document, "DeepSeek-R1-Distill-Llama-8B")["wikitext"] == {"value": 12.5}
    document, _ = imported(tmp_path, capsys, source, "--tasks", "wikitext", "--metric", "bits_per_byte", name="bpb.yaml")
    assert document["benchmarks"] == [{"name": "wikitext", "metric": "bits_per_byte", "higher_is_better": False, "unit": "bits/byte"}]  # 0.68: not scaled, no n


def _evalscope(**changes):
    def edit(data):
        for key, value in changes.items():
            if key == "num":
                data["metrics"][0]["num"] = value
            else:
                data[key] = value
    return edit


@pytest.mark.parametrize("name, source, edit, argv, message", [
    ("negse.json", DEEPSEEK, lambda d: d["results"]["hellaswag"].update({"acc_norm_stderr,none": -1}), ["--tasks", "hellaswag"],
     '{path}: results.hellaswag."acc_norm_stderr,none" is -1, but a standard error cannot be negative '
     '(fix the file, or set it to "N/A" to import the score without a stderr)'),
    ("ctl.json", EVALSCOPE, _evalscope(model_name="qwen\x01plus"), [],
     "{path}: the model name 'qwen\\x01plus' holds the control character U+0001, which the site refuses "
     "(fix the file, or give the name with --model-name NAME, one per run in file order)"),
    ("blank.json", EVALSCOPE, _evalscope(model_name="  "), [],
     "{path}: the model name '' is blank (fix the file, or give the name with --model-name NAME, one per run in file order)"),
    ("task.json", EVALSCOPE, _evalscope(dataset_pretty_name="MATH\x7f500"), [],
     "{path}: task 'math_500' would be shown as 'MATH\\x7f500', and that name holds the control character U+007F, "
     "which the site refuses (fix the file, or give it another name with --rename math_500=NAME)"),
    ("alias.json", DEEPSEEK, lambda d: d["results"]["hellaswag"].update({"alias": "hella\x00swag"}), ["--tasks", "hellaswag"],
     "{path}: task 'hellaswag' would be shown as 'hella\\x00swag', and that name holds the control character U+0000"),
    ("ev.json", EVALSCOPE, _evalscope(), ["--scale", "inf"],
     "--scale inf: give a finite positive number (100 for percent, 1 to keep the numbers)"),
    ("ev.json", EVALSCOPE, _evalscope(), ["--scale", "1e300"],
     "{path}: the score of qwen-plus on MATH-500 is 9.766e+299 as imported, beyond ±1e15, which the site cannot compare "
     "exactly (check the file; or give a smaller --scale)"),
    ("ev.json", EVALSCOPE, _evalscope(), ["--model-name", ""],
     "--model-name '': a model name cannot be blank (give the name to show, one per run in file order, e.g. --model-name Llama-3.1-8B-Instruct)"),
    ("ev.json", EVALSCOPE, _evalscope(), ["--model-name", "  "], "--model-name '  ': a model name cannot be blank"),
    ("ev.json", EVALSCOPE, _evalscope(), ["--model-name", "qwen\x1b[1m"],
     "--model-name 'qwen\\x1b[1m': holds the control character U+001B, which the site refuses (type it without that character)"),
    ("ev.json", EVALSCOPE, _evalscope(), ["--model-name", "qwen-plus=Q\x7f"], "--model-name 'qwen-plus=Q\\x7f': holds the control character U+007F"),
    ("ev.json", EVALSCOPE, _evalscope(), ["--rename", "math_500=M\x02"], "--rename 'math_500=M\\x02': holds the control character U+0002"),
    ("ev.json", EVALSCOPE, _evalscope(), ["--title", " "], "--title ' ': the title cannot be blank"),
])
def test_bad_values_are_clean_errors_not_importer_bugs(tmp_path, capsys, name, source, edit, argv, message):
    path = variant(tmp_path, source, name, edit)
    out = tmp_path / "content/results/out.yaml"
    code, stdout, stderr = run_import(capsys, path, *argv, "-o", out)
    assert code == 1 and stdout == ""
    assert message.format(path=path) in stderr, stderr
    assert stderr.count("\n") == 1 and "a bug in build-site import" not in stderr and "Traceback" not in stderr
    assert not out.exists()


def test_a_bad_model_name_in_a_file_can_be_replaced(tmp_path, capsys):
    path = variant(tmp_path, EVALSCOPE, "ctl.json", _evalscope(model_name="qwen\x01plus"))
    document, _ = imported(tmp_path, capsys, path, "--model-name", "qwen-plus")
    assert document["models"][0]["name"] == "qwen-plus"
    document, _ = imported(tmp_path, capsys, path, "--model-name", "qwen\x01plus=Qwen Plus", name="b.yaml")
    assert document["models"][0]["name"] == "Qwen Plus"


def test_control_characters_in_provenance_are_escaped(tmp_path, capsys):
    def edit(data):
        data["config"]["model_args"] += ",note=a\x01b"
        data["git_hash"] = "5c0\x7f6ed"
    path = variant(tmp_path, DEEPSEEK, "prov.json", edit)
    document, _ = imported(tmp_path, capsys, path, "--tasks", "hellaswag")
    assert document["source"]["models"]["DeepSeek-R1-Distill-Llama-8B"]["model_args"].endswith(",note=a\\x01b")
    assert document["source"]["version"] == "git 5c0\\x7f6ed"


def test_evalscope_num_0_is_left_out_with_a_warning(tmp_path, capsys):
    path = variant(tmp_path, EVALSCOPE, "num0.json", _evalscope(num=0))
    document, stderr = imported(tmp_path, capsys, path)
    assert document["benchmarks"] == [{"name": "MATH-500", "metric": "mean_acc", "higher_is_better": True, "unit": "percent"}]  # no n: 0
    assert document["models"][0]["scores"]["MATH-500"] == {"value": pytest.approx(97.66, **EXACT)}
    assert (f"warning: {path}: metrics[0].num (mean_acc of math_500) is 0, not a number of items scored; "
            "importing the score without n (so the site gives it no binomial margin; fix the file to have one)\n") in stderr
    assert "a bug in build-site import" not in stderr


def test_output_folder_must_exist_unless_it_is_content_results(tmp_path, capsys):
    out = tmp_path / "nonexistent" / "dir" / "x.yaml"
    code, stdout, stderr = run_import(capsys, EVALSCOPE, "-o", out)
    assert code == 1 and stdout == ""
    assert stderr == (
        f"{out}: the folder {out.parent} does not exist, nor does {tmp_path / 'nonexistent'} (check the path, "
        "or create the folder first; only a missing content/results/ folder is created)\n"
    )
    assert not (tmp_path / "nonexistent").exists()
    code, _, stderr = run_import(capsys, EVALSCOPE, "-o", tmp_path / "nosite" / "content" / "results" / "x.yaml")
    assert code == 1 and "the folder" in stderr and not (tmp_path / "nosite").exists()  # the site folder itself must exist
    code, _, stderr = run_import(capsys, EVALSCOPE, "-o", Path(EVALSCOPE) / "x.yaml")
    assert code == 1 and stderr == f"{Path(EVALSCOPE) / 'x.yaml'}: {EVALSCOPE} is a file, not a folder (check the path)\n"
    (tmp_path / "site").mkdir()
    for out in (tmp_path / "site/content/results/x.yaml", tmp_path / "site/results/y.yaml"):
        code, _, stderr = run_import(capsys, EVALSCOPE, "-o", out)
        assert code == 0, stderr
        assert out.is_file()


def test_existing_output_needs_force(tmp_path, capsys):
    out = tmp_path / "r.yaml"
    out.write_text("keep me\n")
    code, _, err = run_import(capsys, EVALSCOPE, "-o", out)
    assert code == 1 and err == f"{out}: exists already (pass --force to overwrite it)\n"
    assert out.read_text() == "keep me\n"
    code, _, err = run_import(capsys, EVALSCOPE, "-o", out, "--force")
    assert code == 0, err
    assert yaml.safe_load(out.read_text())["models"][0]["name"] == "qwen-plus"


def test_no_traceback_in_a_subprocess(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    code = (
        "import argparse, sys; from benchboard import importers; p = argparse.ArgumentParser(prog='build-site'); "
        "importers.add_parser(p.add_subparsers(dest='command')); sys.exit(importers.run(p.parse_args(sys.argv[1:])))"
    )
    result = subprocess.run([sys.executable, "-c", code, "import", str(bad), "-o", str(tmp_path / "o.yaml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    # "{" stops before the JSON is complete: a truncated file, said so (issue 27).
    assert result.stderr == (f"{bad}:1:2: the file is truncated: its JSON stops before it is complete (Expecting property name "
                             "enclosed in double quotes at the end of the file; was the copy or the run cut short? give the whole "
                             "file the harness wrote)\n")


def test_help_text_names_formats_defaults_and_an_example(capsys):
    with pytest.raises(SystemExit):
        parse("--help")
    text = capsys.readouterr().out
    assert "build-site import [FORMAT] FILES... -o OUT.yaml [options]" in text
    for word in ("lm-eval", "lighteval", "evalscope", "opencompass", "acc_norm > acc > exact_match", "--groups", "--rename", "docs/importers.md"):
        assert word in text


def test_through_the_cli_when_wired(tmp_path):
    out = tmp_path / "results" / "r.yaml"
    result = subprocess.run([sys.executable, "-m", "benchboard", "import", "evalscope", str(EVALSCOPE), "-o", str(out)],
                            capture_output=True, text=True, timeout=120, env={**os.environ})
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(out.read_text())["models"][0]["scores"]["MATH-500"]["value"] == pytest.approx(97.66, **EXACT)


def test_fixtures_are_verbatim_copies():
    shared = Path("/work/shared/real-results")
    if not shared.is_dir():
        pytest.skip("no /work/shared/real-results on this machine (CI clones): the copies here are the fixtures")
    for path in shared.rglob("*"):
        if path.is_file():
            relative = path.relative_to(shared)
            assert (REAL / relative).read_bytes() == path.read_bytes(), relative
