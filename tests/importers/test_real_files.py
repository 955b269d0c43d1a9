"""Importers on the real files of every format (tests/fixtures/real-results/, copies of
shared/real-results): each number checked against the value read by hand from the raw file,
and one test per defect class of issue 15.

Runs ``benchboard.importers.run`` in-process like tests/importers/test_import_command.py; the
imported files are built once, in-process and without PNG (helpers.build_site).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from benchboard import importers
from helpers import build_site

REPO = Path(__file__).resolve().parents[2]
REAL = REPO / "tests/fixtures/real-results"
EXACT = dict(rel=1e-12, abs=1e-12)

V03 = REAL / "lmeval_v03"
V04 = REAL / "lmeval_v04"
MAMBA_27 = V04 / "mamba2-2.7b_mmlu_glue_etc_results_2025-03-02T03-26-36.068552.json"
MAMBA_780 = V04 / "mamba2-780m_mmlu_glue_etc_results_2025-03-02T05-27-08.762666.json"
ASDIV_3 = V04 / "Meta-Llama-3-8B-Instruct_asdiv_cot_llama_results_2024-08-21T04-27-29.701325.json"
ASDIV_31 = V04 / "Meta-Llama-3.1-8B-Instruct_asdiv_cot_llama_results_2024-08-21T04-31-41.160720.json"
DEEPSEEK = REAL / "lmeval_csabakecskemeti_DeepSeek-R1-Distill-Llama-8B_results_2025-01-26T22-29-00.931915.json"
LLAMA = REAL / "lmeval_csabakecskemeti_Llama-3.1-8B-Instruct_results_2025-01-25T04-48-43.622918.json"
LIGHTEVAL = REAL / "lighteval_docs_example_gpt2_gsm8k_results.json"
INSPECT = REAL / "inspect"
INSPECT_EVAL = INSPECT / "2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval"
INSPECT_JSON = INSPECT / "2025-05-12T20-28-13-04-00_popularity.json"
MTEB = REAL / "mteb"
MTEB_VERSIONS = REAL / "mteb_versions"  # one task from MTEB 1.0 and 1.18
ALPACA = REAL / "alpacaeval"
HELM = REAL / "helm"
ALPACA_OLD_LAYOUT = REAL / "alpacaeval_results/ultralm-13b/leaderboard.csv"  # alpaca_eval's OUTPUT/leaderboard.csv
ALPACA_PARTIAL = REAL / "alpacaeval_results/Mistral-7B-LoRA-RAHF-DUAL/alpaca_eval_gpt4/leaderboard.csv"  # n_total 327
OC = REAL / "opencompass"
OC_CSV = OC / "rishabhshah13_16-bit_CommonsenseQA_20240324_231719_summary_20240324_231719.csv"
OC_TXT = OC / "rishabhshah13_16-bit_CommonsenseQA_20240324_231719_summary_20240324_231719.txt"
OC_JSON = OC / "rishabhshah13_16-bit_results_commonsense_qa.json"
OC_PAIRWISE = OC / "subjective_corev2_20231208_194351_report.csv"
OC_SAMPLES = OC / "subjective_results_baichuan2-7b-chat-hf_qwen-7b-chat-hf_COREV2_6A_.json"
EVALSCOPE = REAL / "evalscope"

ALL_FILES = sorted(p for p in REAL.rglob("*") if p.is_file() and p.suffix != ".md")
NOT_SCORES = {
    OC_SAMPLES: "OpenCompass per-sample predictions or judgements",
    REAL / "inspect_unscored" / "2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval": "has no scores",
    REAL / "not_results" / "lfs_pointer_samples_leaderboard_gpqa_diamond_2025-01-26T22-29-00.931915.jsonl": "Git LFS pointer",
    REAL / "not_results" / "inspect_dataset.jsonl": "JSON lines",
    REAL / "not_results" / "VisualRWKV__rwkv7-1.47B-pile_results_2025-03-04T11-20-05.json": "without the rest of the file",
    REAL / "lmeval_v04_nonfinite" / "tgpred_gpt-4o-mini_results_2025-06-30T19-40-09.461247.json": "mae is Infinity",
}


def run_import(capsys, *argv) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="build-site")
    importers.add_parser(parser.add_subparsers(dest="command"))
    code = importers.run(parser.parse_args(["import", *map(str, argv)]))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def imported(tmp_path: Path, capsys, *argv, name: str = "imported.yaml") -> tuple[dict, str, str]:
    out = tmp_path / "content" / "results" / name
    code, _, stderr = run_import(capsys, *argv, "-o", out, "--force")
    assert code == 0, stderr
    text = out.read_text(encoding="utf-8")
    return yaml.safe_load(text), stderr, text


def scores(document: dict, model: str) -> dict:
    return next(m["scores"] for m in document["models"] if m["name"] == model)


def bench(document: dict, name: str) -> dict:
    return next(b for b in document["benchmarks"] if b["name"] == name)


def variant(tmp_path: Path, source: Path, name: str, edit) -> Path:
    data = json.loads(source.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# -- every file imports, alone and merged, and builds --------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(REAL)))
def test_every_real_file_imports_alone_with_no_local_path(tmp_path, capsys, path):
    out = tmp_path / "content" / "results" / "one.yaml"
    code, _, err = run_import(capsys, path, "-o", out)
    if path in NOT_SCORES:
        assert code == 1 and NOT_SCORES[path] in err and "Traceback" not in err
        return
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    for private in (str(REPO), "/work/", "/gaueko1", "/tmp/", str(tmp_path)):
        assert private not in text, private
    document = yaml.safe_load(text)
    assert all("unit" in b for b in document["benchmarks"])
    assert document["source"]["files"] == [path.name]


MERGED = {
    "v03": sorted(V03.glob("*.json")),
    "v03-v04-leaderboard": [*sorted(V03.glob("*.json")), MAMBA_27, MAMBA_780, DEEPSEEK, LLAMA],
    "asdiv": [ASDIV_3, ASDIV_31],
    "inspect": sorted(INSPECT.iterdir()),
    "mteb": sorted(MTEB.iterdir()),
    "alpacaeval": sorted(ALPACA.iterdir()),
    "helm": sorted(HELM.iterdir()),
    "evalscope": [*sorted(EVALSCOPE.iterdir()), REAL / "evalscope_modenicheng_qwen-plus_math_500_report.json"],
    "opencompass": [OC_CSV, OC_TXT, OC_JSON, OC_PAIRWISE, REPO / "tests/fixtures/opencompass/summary_20250301_120000.csv"],
    "lighteval-lmeval": [LIGHTEVAL, *sorted(V03.glob("*.json"))],
}


@pytest.mark.slow
def test_merged_imports_build(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "results").mkdir(parents=True)
    shutil.copy(REPO / "content/site.yaml", content / "site.yaml")
    for name, paths in MERGED.items():
        extra = ["--tasks", "hellaswag", "--tasks", "arc_*", "--tasks", "piqa", "--tasks", "mmlu"] if name == "v03-v04-leaderboard" else []
        code, _, err = run_import(capsys, *paths, *extra, "-o", content / "results" / f"{name}.yaml")
        assert code == 0, f"{name}: {err}"
    build_site(content, tmp_path / "out")  # in-process, no PNG: the pages are what is checked
    for page in (tmp_path / "out").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert str(REPO) not in text and "/gaueko1" not in text and str(tmp_path) not in text


# -- lm-evaluation-harness 0.3 ---------------------------------------------------------------------


def test_lm_eval_03_numbers_from_the_file(tmp_path, capsys):
    document, err, text = imported(tmp_path, capsys, *sorted(V03.glob("*common_sense*.json")))
    assert [m["name"] for m in document["models"]] == ["bloom-3b", "LLaMA 30B", "xglm-564M"]
    llama = scores(document, "LLaMA 30B")
    # "hellaswag": {"acc_norm": 0.7923720374427405, "acc_norm_stderr": 0.00404779964623464}
    assert llama["hellaswag"] == {"value": pytest.approx(79.23720374427405, **EXACT), "stderr": pytest.approx(0.404779964623464, **EXACT)}
    assert llama["copa"] == {"value": 90.0, "stderr": pytest.approx(3.0151134457776348, **EXACT)}  # "acc": 0.9
    assert llama["mc_taco"] == {"value": pytest.approx(11.411411411411411, **EXACT)}  # "em": 0.11411411411411411 (no stderr)
    assert scores(document, "bloom-3b")["hellaswag"]["value"] == pytest.approx(52.7185819557857, **EXACT)  # acc_norm 0.527185819557857
    assert bench(document, "hellaswag") == {"name": "hellaswag", "metric": "acc_norm", "higher_is_better": True, "unit": "percent"}
    assert "n" not in bench(document, "copa")  # 0.3 files carry no item counts
    assert document["source"]["version"] == "0.3"
    # defect 2: "pretrained=/gaueko1/hizkuntza-ereduak/LLaMA/lm/huggingface/30B" is published by its naming
    # parts only (a bare size names no model: the nearest folder above that is not a storage word)
    assert document["source"]["models"]["LLaMA 30B"]["model_args"] == "pretrained=LLaMA 30B,use_accelerate=True"
    assert "gaueko1" not in text and "huggingface" not in text and "the model is a local path; it is named 'LLaMA 30B'" in err


def test_lm_eval_03_mmlu_is_acc_as_the_leaderboard_reported(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, V03 / "opt-1.3b.json", "--tasks", "hendrycksTest-abstract_algebra", "--tasks", "lambada_openai")
    opt = scores(document, "opt-1.3b")
    assert bench(document, "hendrycksTest-abstract_algebra")["metric"] == "acc"  # not acc_norm (0.25)
    assert opt["hendrycksTest-abstract_algebra"]["value"] == pytest.approx(26.0, **EXACT)  # "acc": 0.26
    assert bench(document, "lambada_openai")["metric"] == "acc"  # not ppl
    assert opt["lambada_openai"]["value"] == pytest.approx(57.92742091985251, **EXACT)


def test_lm_eval_03_forced_format_and_the_hint_for_it(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, "lm-eval-0.3", V03 / "opt-1.3b.json", "--tasks", "piqa")
    assert scores(document, "opt-1.3b")["piqa"]["value"] == pytest.approx(72.47007616974973, **EXACT)  # acc_norm 0.7247007616974973
    code, _, err = run_import(capsys, "lm-eval", V03 / "opt-1.3b.json", "-o", tmp_path / "x.yaml")
    assert code == 1 and "it looks like lm-eval-0.3 (run build-site import lm-eval-0.3 FILE" in err


# -- lm-evaluation-harness 0.4: defect 1 (scale per metric), groups ----------------------------------


def test_scale_is_decided_per_metric_never_by_the_other_runs(tmp_path, capsys):
    alone, _, _ = imported(tmp_path, capsys, MAMBA_27, "--tasks", "cola", "--tasks", "mmlu", name="a.yaml")
    both, _, _ = imported(tmp_path, capsys, MAMBA_27, MAMBA_780, "--tasks", "cola", "--tasks", "mmlu", name="b.yaml")
    # "cola": {"mcc,none": 0.008978697532733301} in 2.7b, -0.004385087103558163 in 780m: MCC keeps its own scale
    assert scores(alone, "mamba2-2.7b")["cola"]["value"] == pytest.approx(0.008978697532733301, **EXACT)
    assert scores(both, "mamba2-2.7b")["cola"]["value"] == pytest.approx(0.008978697532733301, **EXACT)
    assert scores(both, "mamba2-780m")["cola"]["value"] == pytest.approx(-0.004385087103558163, **EXACT)
    assert bench(both, "cola") == {"name": "cola", "metric": "mcc", "higher_is_better": True, "unit": "MCC"}  # no n: not a proportion
    cola, _, _ = imported(tmp_path, capsys, MAMBA_27, MAMBA_780, "--tasks", "cola", name="c.yaml")
    assert cola["precision"] == 3  # an MCC of 0.009 at one decimal would show 0.0 for both models
    assert alone["precision"] == 3  # beside mmlu in percent: the report's one precision is the finest a column needs
    mmlu, _, _ = imported(tmp_path, capsys, MAMBA_27, "--tasks", "mmlu", name="d.yaml")
    assert mmlu["precision"] == 1  # percentages alone keep one decimal
    # "mmlu": {"acc,none": 0.258082894174619}: a proportion, x100 with n summed over its subjects
    assert scores(both, "mamba2-2.7b")["mmlu"]["value"] == pytest.approx(25.8082894174619, **EXACT)
    assert scores(both, "mamba2-780m")["mmlu"]["value"] == pytest.approx(23.52229027204102, **EXACT)
    assert bench(both, "mmlu")["unit"] == "percent" and bench(both, "mmlu")["n"] == 14042
    assert "y_range" not in both  # MCC is not a percentage


def test_lambada_reports_accuracy_and_n(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, MAMBA_780, "--tasks", "lambada_openai")
    assert bench(document, "lambada_openai") == {"name": "lambada_openai", "metric": "acc", "n": 5153, "higher_is_better": True, "unit": "percent"}
    assert scores(document, "mamba2-780m")["lambada_openai"]["value"] == pytest.approx(61.53696875606443, **EXACT)
    ppl, _, _ = imported(tmp_path, capsys, MAMBA_780, "--tasks", "lambada_openai", "--metric", "perplexity", name="p.yaml")
    assert bench(ppl, "lambada_openai") == {"name": "lambada_openai", "metric": "perplexity", "higher_is_better": False, "unit": "perplexity"}
    assert scores(ppl, "mamba2-780m")["lambada_openai"]["value"] == pytest.approx(5.85407851037215, **EXACT)


def test_asdiv_filters_and_limit(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, ASDIV_3, ASDIV_31)
    assert bench(document, "asdiv_cot_llama")["metric"] == "exact_match, strict-match"  # no "none" filter: the first
    assert scores(document, "Meta-Llama-3-8B-Instruct")["asdiv_cot_llama"]["value"] == pytest.approx(88.4765625, **EXACT)
    assert any("scored on 512 of 2305 items" in w for w in document["source"]["warnings"])


def _with_truthfulqa(data):
    """A real 0.4.0-style file with the truthfulqa group: the harness's plain mean of MC1 and MC2."""
    data["results"]["truthfulqa"] = {"alias": "truthfulqa", "acc,none": 0.35415, "acc_stderr,none": 0.011, "bleu_max,none": 20.1}
    data["results"]["truthfulqa_mc1"] = {"alias": " - truthfulqa_mc1", "acc,none": 0.2693, "acc_stderr,none": 0.0155}
    data["results"]["truthfulqa_mc2"] = {"alias": " - truthfulqa_mc2", "acc,none": 0.439, "acc_stderr,none": 0.0146}
    data["group_subtasks"]["truthfulqa"] = ["truthfulqa_mc1", "truthfulqa_mc2"]
    data["n-samples"].update({"truthfulqa_mc1": {"original": 817, "effective": 817}, "truthfulqa_mc2": {"original": 817, "effective": 817}})


def test_truthfulqa_group_is_not_the_mean_of_mc1_and_mc2(tmp_path, capsys):
    source = variant(tmp_path, MAMBA_27, "tqa.json", _with_truthfulqa)
    document, err, _ = imported(tmp_path, capsys, source, "--tasks", "truthfulqa")
    names = [b["name"] for b in document["benchmarks"]]
    assert names == ["truthfulqa_mc1", "truthfulqa_mc2"] and "truthfulqa" not in names
    assert scores(document, "mamba2-2.7b")["truthfulqa_mc2"]["value"] == pytest.approx(43.9, **EXACT)
    assert "leaderboards report truthfulqa_mc2" in err


def test_glue_group_only_beside_subtasks(tmp_path, capsys):
    def glue_group(data):
        data["results"]["glue"] = {"alias": "glue", "acc,none": 0.5, "mcc,none": 0.01, "f1,none": 0.52}
        data["group_subtasks"]["glue"] = ["cola", "mnli", "mrpc", "qnli", "qqp", "rte", "sst2", "wnli"]
    source = variant(tmp_path, MAMBA_27, "glue.json", glue_group)
    document, err, _ = imported(tmp_path, capsys, source, MAMBA_780, "--tasks", "glue", "--tasks", "cola", "--tasks", "rte")
    assert "glue" not in [b["name"] for b in document["benchmarks"]]  # its subtasks instead, beside the other run's
    assert scores(document, "mamba2-2.7b")["rte"]["value"] == pytest.approx(59.56678700361011, **EXACT)


# -- defect 3: an adapter or another revision is another model ----------------------------------------


def test_peft_adapter_and_revision_runs_are_models_of_their_own(tmp_path, capsys):
    def peft(data):
        data["config"]["model_args"] = "pretrained=meta-llama/Meta-Llama-3-8B-Instruct,peft=/gpfs/scratch/me/prompt-pursuit/epoch_20"
    def revision(data):
        data["config"]["model_args"] = "pretrained=meta-llama/Meta-Llama-3-8B-Instruct,revision=step-1000"
    adapter = variant(tmp_path, ASDIV_3, "peft.json", peft)
    other = variant(tmp_path, ASDIV_3, "rev.json", revision)
    document, err, text = imported(tmp_path, capsys, ASDIV_3, adapter, other)
    assert [m["name"] for m in document["models"]] == [
        "Meta-Llama-3-8B-Instruct", "Meta-Llama-3-8B-Instruct + prompt-pursuit epoch_20", "Meta-Llama-3-8B-Instruct @ step-1000",
    ]
    assert "/gpfs" not in text and "is a model of its own" in err


# -- defect 4: evalscope and lighteval runs kept apart, described --------------------------------------


def test_evalscope_report_folders_and_lighteval_revisions(tmp_path, capsys):
    source = EVALSCOPE / "qwen2.5-7b-instruct_FinQA.json"
    for run in ("20250306_1", "20250306_2"):
        folder = tmp_path / "outputs" / run / "reports" / "qwen2.5-7b-instruct"
        folder.mkdir(parents=True)
        shutil.copy(source, folder / "FinQA.json")
    named = tmp_path / "outputs" / "x" / "reports" / "qwen-7b-greedy"
    named.mkdir(parents=True)
    shutil.copy(source, named / "FinQA.json")
    document, err, _ = imported(tmp_path, capsys, *sorted((tmp_path / "outputs").glob("*/reports/*/FinQA.json")))
    assert [m["name"] for m in document["models"]] == [
        "qwen2.5-7b-instruct (20250306_1)", "qwen2.5-7b-instruct (20250306_2)", "qwen-7b-greedy",
    ]
    assert scores(document, "qwen-7b-greedy")["FinQA"]["value"] == pytest.approx(60.3, **EXACT)  # "score": 0.603
    assert bench(document, "FinQA")["n"] == 1000  # "num": 1000

    def revision(data):
        data["config_general"]["model_config"] = {"model_name": "gpt2", "revision": "step-500", "dtype": "bfloat16", "use_chat_template": True}
    later = variant(tmp_path, LIGHTEVAL, "le.json", revision)
    document, _, _ = imported(tmp_path, capsys, LIGHTEVAL, later, name="le.yaml")
    assert [m["name"] for m in document["models"]] == ["gpt2", "gpt2 @ step-500"]
    settings = document["source"]["models"]["gpt2 @ step-500"]
    assert settings["dtype"] == "bfloat16" and settings["chat_template"] == "applied" and settings["revision"] == "step-500"


# -- defect 5: OpenCompass names, summaries, results JSON, counts ----------------------------------------


def test_opencompass_summary_txt_csv_and_results_json(tmp_path, capsys):
    document, err, _ = imported(tmp_path, capsys, OC_TXT)
    assert document["models"] == [{"name": "Mistral-7B-Instruct-v0.2-16-bit-quantized", "scores": {"commonsense_qa": {"value": 70.52}}}]
    assert bench(document, "commonsense_qa")["unit"] == "percent"
    kept, _, _ = imported(tmp_path, capsys, OC_CSV, "--keep-org", name="k.yaml")
    assert kept["models"][0]["name"] == "lesliehd/Mistral-7B-Instruct-v0.2-16-bit-quantized"
    # the summary and its results JSON ({"accuracy": 70.51597051597052}) are one result, kept once at full precision
    merged, err, _ = imported(tmp_path, capsys, OC_CSV, OC_JSON, "--model-name", "opencompass=Mistral-7B-Instruct-v0.2-16-bit-quantized", name="m.yaml")
    assert merged["models"] == [{"name": "Mistral-7B-Instruct-v0.2-16-bit-quantized", "scores": {"commonsense_qa": {"value": 70.51597051597052}}}]
    assert "the same result" in err


def test_opencompass_cells_with_counts_give_n(tmp_path, capsys):
    path = tmp_path / "summary_x.csv"
    path.write_text(OC_CSV.read_text(encoding="utf-8").replace("70.52", "82.00 (7/8)"), encoding="utf-8")
    document, _, _ = imported(tmp_path, capsys, path)
    assert document["models"][0]["scores"]["commonsense_qa"] == {"value": 82.0}
    assert bench(document, "commonsense_qa")["n"] == 8


def test_opencompass_pairwise_report(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, OC_PAIRWISE)
    assert [m["name"] for m in document["models"]] == ["baichuan2-7b-chat-hf", "qwen-7b-chat-hf"]
    assert scores(document, "baichuan2-7b-chat-hf")["知识"] == {"value": 100.0}  # win_both_baichuan2-7b-chat-hf,100.0
    assert scores(document, "qwen-7b-chat-hf")["对齐-安全"] == {"value": 0.0}
    assert any("pairwise judge result" in w for w in document["source"]["warnings"])


# -- defect 7: a run without a version is listed as unknown ---------------------------------------------


def test_version_warning_lists_a_run_without_git_hash(tmp_path, capsys):
    bare = variant(tmp_path, LLAMA, "nohash.json", lambda d: d.pop("git_hash", None))
    document, _, _ = imported(tmp_path, capsys, DEEPSEEK, bare, "--tasks", "hellaswag")
    assert "Runs used different harness versions (DeepSeek-R1-Distill-Llama-8B: git 5c006ed; Llama-3.1-8B-Instruct: unknown)" in " ".join(document["source"]["warnings"])


# -- defect 8: errors say what the file is and what to run ------------------------------------------------


def test_errors_name_the_format_and_the_command(tmp_path, capsys):
    folder = tmp_path / "results"
    folder.mkdir()
    shutil.copy(ASDIV_3, folder / "a.json")
    code, _, err = run_import(capsys, folder, "-o", tmp_path / "o.yaml")
    assert code == 1 and f"give the result files inside it, e.g. {folder}/*.json" in err
    code, _, err = run_import(capsys, "opencompass", ASDIV_3, "-o", tmp_path / "o.yaml")
    assert code == 1 and "it looks like lm-eval (run build-site import lm-eval FILE" in err
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\xff\xfe" * 10)
    code, _, err = run_import(capsys, binary, "-o", tmp_path / "o.yaml")
    assert code == 1 and "binary data, not text" in err and "Traceback" not in err
    code, _, err = run_import(capsys, OC_SAMPLES, "-o", tmp_path / "o.yaml")
    assert code == 1 and "summary/summary_*.csv" in err


# -- defect 9: no float artefacts --------------------------------------------------------------------------


def test_scaling_is_decimal(tmp_path, capsys):
    # "leaderboard_bbh_date_understanding": {"acc_norm,none": 0.468}; 0.468 * 100 is 46.800000000000004 in binary
    document, _, text = imported(tmp_path, capsys, LLAMA, "--tasks", "leaderboard_bbh_date_understanding")
    assert "value: 46.8\n" in text and "46.800000000000004" not in text
    # inspect "stderr": 0.13333333333333333 -> the double nearest 13.333333333333333 (x100 in binary is one step above)
    document, _, _ = imported(tmp_path, capsys, INSPECT_EVAL, name="i.yaml")
    assert scores(document, "gpt-4o-mini")["popularity"] == {"value": 80.0, "stderr": 13.333333333333333}
    assert 0.13333333333333333 * 100 != 13.333333333333333
    document, _, text = imported(tmp_path, capsys, MTEB / "all-MiniLM-L6-v2_SciFact.json", name="m.yaml")
    assert "value: 64.508\n" in text  # "main_score": 0.64508


# -- defect 10: lighteval n = -1 -----------------------------------------------------------------------------


def test_lighteval_minus_one_is_an_unknown_n(tmp_path, capsys):
    def unknown(data):
        data["config_tasks"]["lighteval|gsm8k"]["effective_num_docs"] = -1
    document, err, _ = imported(tmp_path, capsys, variant(tmp_path, LIGHTEVAL, "le.json", unknown))
    assert "n" not in document["benchmarks"][0] and "-1" not in err and "warning" not in err


# -- inspect-ai ---------------------------------------------------------------------------------------------


def test_inspect_eval_and_json_logs(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, INSPECT_EVAL, INSPECT_JSON, INSPECT / "log_read_sample.json")
    # The runs scored 10, 3 and 1 items: no single n holds for all, so none is written (a
    # margin from n = 10 would be claimed for the 3-item run); each score keeps its stderr.
    assert bench(document, "popularity") == {"name": "popularity", "metric": "accuracy", "higher_is_better": True, "unit": "percent"}
    runs = [m["name"] for m in document["models"]]
    assert runs == ["gpt-4o-mini (2025-02-11 15:18)", "gpt-4o-mini (2025-05-12 20:28)", "gemma3"]
    assert scores(document, "gpt-4o-mini (2025-05-12 20:28)")["popularity"] == {
        "value": pytest.approx(66.66666666666666, **EXACT), "stderr": pytest.approx(33.333333333333337, **EXACT)}
    assert scores(document, "gemma3")["popularity"] == {"value": 100.0, "stderr": 0.0}
    warnings = " ".join(document["source"]["warnings"])
    assert "status is cancelled" in warnings and "scored on 10 of 100 items" in warnings
    assert "different numbers of items" in warnings and "n is left out" in warnings
    assert document["source"]["models"]["gpt-4o-mini (2025-02-11 15:18)"]["limit"] == "10"


# -- MTEB -----------------------------------------------------------------------------------------------------


def test_mteb_main_score(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, *sorted(MTEB.iterdir()))
    assert [m["name"] for m in document["models"]] == ["all-MiniLM-L6-v2", "bge-small-en-v1.5"]
    assert bench(document, "STSBenchmark") == {"name": "STSBenchmark", "metric": "cosine_spearman", "higher_is_better": True,
                                               "unit": "cosine_spearman x100"}
    assert scores(document, "all-MiniLM-L6-v2")["STSBenchmark"]["value"] == pytest.approx(82.03247283076371, **EXACT)
    assert scores(document, "bge-small-en-v1.5")["STSBenchmark"]["value"] == pytest.approx(85.86295017067542, **EXACT)
    assert bench(document, "SciFact")["metric"] == "ndcg_at_10" and "n" not in bench(document, "SciFact")


def test_mteb_model_from_the_results_folder(tmp_path, capsys):
    folder = tmp_path / "results" / "BAAI__bge-small-en-v1.5" / "5c38ec7c405ec4b44b94cc5a9bb96e735b38267a"
    folder.mkdir(parents=True)
    shutil.copy(MTEB / "bge-small-en-v1.5_STSBenchmark.json", folder / "STSBenchmark.json")
    document, _, _ = imported(tmp_path, capsys, folder / "STSBenchmark.json", "--keep-org")
    assert document["models"][0]["name"] == "BAAI/bge-small-en-v1.5"


# -- AlpacaEval -----------------------------------------------------------------------------------------------


def test_alpacaeval_leaderboard(tmp_path, capsys):
    document, stderr, _ = imported(tmp_path, capsys, ALPACA / "alpaca_eval_gpt4_turbo_fn_leaderboard.csv")
    assert bench(document, "AlpacaEval (gpt4_turbo_fn)") == {
        "name": "AlpacaEval (gpt4_turbo_fn)", "metric": "win_rate", "n": 805, "higher_is_better": True, "unit": "percent"}
    # Yi-34B-Chat,34.84472049689441,1.6792603475419352,280,524,1,805,...
    assert scores(document, "Yi-34B-Chat")["AlpacaEval (gpt4_turbo_fn)"] == {"value": 34.84472049689441, "stderr": 1.6792603475419352}
    # gpt4_turbo,50.0,0.0,0,0,805,805,...: the reference, all draws with itself; n_total would give its
    # fixed 50% a ±3.5-point interval, so it is left out, with a note naming the row.
    assert "gpt4_turbo" not in [m["name"] for m in document["models"]]
    assert len(document["models"]) == 9
    assert re.search(r"leaderboard\.csv:2: gpt4_turbo is the reference .* fixed by construction", stderr), stderr
    lc, _, _ = imported(tmp_path, capsys, ALPACA / "alpaca_eval_gpt4_leaderboard.csv", "--metric", "length_controlled_winrate", name="lc.yaml")
    assert scores(lc, "gpt4_1106_preview")["AlpacaEval (gpt4)"] == {"value": 89.85849210429464}
    assert "xwinlm-70b-v0.1" in [m["name"] for m in lc["models"]]
    assert scores(lc, "xwinlm-70b-v0.1") == {}  # its length_controlled_winrate cell is empty: a missing score


def test_alpacaeval_metric_agreed_over_empty_cells_names_the_files(tmp_path, capsys):
    """Review 4 I3: both files have a length_controlled_winrate column, 43 rows of
    alpaca_eval_gpt4_leaderboard.csv leave it empty; the note named no file ("... in )")."""
    document, err, _ = imported(tmp_path, capsys, ALPACA / "alpaca_eval_gpt4_leaderboard.csv", ALPACA_PARTIAL)
    assert bench(document, "AlpacaEval (gpt4)")["metric"] == "win_rate"
    assert " in )" not in err
    # the leaderboard offers only what every row has, so the agreement names it, its models cut short
    assert f"length_controlled_winrate is missing or not a number in {ALPACA / 'alpaca_eval_gpt4_leaderboard.csv'} (gpt4_1106_preview, " in err
    assert "... (101 in all)" in err  # the file's models (the reference row is left out)
    assert "length_controlled_winrate is empty in 43 rows (xwinlm-70b-v0.1, " in err


def test_the_agreed_metric_does_not_depend_on_the_order_of_the_files(tmp_path, capsys):
    """Review 4 I3: with the partial run's file first (length-controlled win rate in its one
    row), the 43 leaderboard rows without that metric lost their scores silently."""
    for order in ((ALPACA / "alpaca_eval_gpt4_leaderboard.csv", ALPACA_PARTIAL), (ALPACA_PARTIAL, ALPACA / "alpaca_eval_gpt4_leaderboard.csv")):
        document, _, _ = imported(tmp_path, capsys, *order, name=f"{order[0].parent.name}.yaml")
        assert bench(document, "AlpacaEval (gpt4)")["metric"] == "win_rate"
        assert sum(1 for m in document["models"] if m["scores"]) == len(document["models"]) == 102


def test_alpacaeval_model_folder_is_not_the_judge(tmp_path, capsys):
    """Review 4 I1: results/ultralm-13b/leaderboard.csv (alpaca_eval before annotator folders)
    is in the folder of the model it evaluated, also a row of the file: not the judge."""
    document, err, _ = imported(tmp_path, capsys, ALPACA_OLD_LAYOUT)
    assert [b["name"] for b in document["benchmarks"]] == ["AlpacaEval"]
    assert scores(document, "ultralm-13b")["AlpacaEval"]["value"] == pytest.approx(77.45341614906832, **EXACT)
    assert "the folder 'ultralm-13b' is a model of the file, not its judge" in err
    assert "ultralm-13b)" not in yaml.safe_dump(document["benchmarks"])


def test_alpacaeval_partial_run_is_a_limited_run(tmp_path, capsys):
    """Review 4 I2: n_total 327 of the 805 instructions: the limited-run warning, and a note that
    the folder two levels up names the model better than the row ("mistral")."""
    document, err, _ = imported(tmp_path, capsys, ALPACA_PARTIAL)
    assert [m["name"] for m in document["models"]] == ["mistral"]
    assert "mistral: AlpacaEval (gpt4) scored on 327 of AlpacaEval's 805 instructions (a limited run)" in document["source"]["warnings"][0]
    assert "give --model-name Mistral-7B-LoRA-RAHF-DUAL if that is the model" in err
    full, _, _ = imported(tmp_path, capsys, ALPACA / "alpaca_eval_gpt4_turbo_fn_leaderboard.csv", name="full.yaml")
    assert not any("limited run" in w for w in full["source"].get("warnings", []))  # 804/805 are routine


# -- HELM ------------------------------------------------------------------------------------------------------


def test_helm_stats_and_groups(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, HELM / "bbq_meta_llama-3-8b_stats.json")
    # {"name": {"name": "bbq_accuracy", "split": "test"}, "count": 1, "mean": 0.5}; num_instances 2.0
    assert document["models"] == [{"name": "llama-3-8b", "scores": {"bbq:subject=all": {"value": 50.0}}}]
    assert bench(document, "bbq:subject=all")["n"] == 2
    assert any("max_eval_instances=2" in w for w in document["source"]["warnings"])
    groups, _, _ = imported(tmp_path, capsys, HELM / "groups_bbq.json", name="g.yaml")
    assert scores(groups, "Llama 3 (70B)")["BBQ accuracy"] == {"value": 0.0}
    assert scores(groups, "Mixtral (8x22B)")["BBQ accuracy"] == {"value": 100.0}


# -- issue 13, class 6: limits said up front ----------------------------------------------------------------------


def test_a_huge_file_and_thousands_of_tasks_are_clear_errors(tmp_path, capsys):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing read
    code, _, err = run_import(capsys, big, "-o", tmp_path / "o.yaml")
    assert code == 1 and "100 MB, more than the 64 MB a results file can be" in err

    def many(data):
        row = data["results"]["arc_easy"]
        for i in range(5000):
            data["results"][f"task_{i}"] = dict(row, alias=f"task_{i}")
    source = variant(tmp_path, MAMBA_27, "many.json", many)
    code, _, err = run_import(capsys, source, "-o", tmp_path / "o.yaml")
    assert code == 1 and "benchmarks, more than the 200 one report shows (pick some with --tasks PATTERN" in err
    assert "bug in build-site import" not in err


def test_mteb_before_1_11_layout(tmp_path, capsys):
    """MTEB < 1.11 wrote splits at the top level and no main_score (no such file is among the
    fixtures: this one is written here in that layout, numbers made up)."""
    folder = tmp_path / "results" / "intfloat__e5-small" / "no_revision_available"
    folder.mkdir(parents=True)
    (folder / "STSBenchmark.json").write_text(json.dumps({
        "dataset_revision": "b0fddb56ed78048fa8b90373c8a3cfc37b684831", "mteb_dataset_name": "STSBenchmark", "mteb_version": "1.0.3",
        "test": {"cos_sim": {"pearson": 0.8471, "spearman": 0.8563}, "euclidean": {"spearman": 0.84}, "evaluation_time": 2.1},
    }), encoding="utf-8")
    (folder / "Banking77Classification.json").write_text(json.dumps({
        "mteb_dataset_name": "Banking77Classification", "mteb_version": "1.0.3",
        "test": {"en": {"accuracy": 0.76, "f1": 0.7}, "de": {"accuracy": 0.7, "f1": 0.68}, "evaluation_time": 11.2},
    }), encoding="utf-8")
    document, _, _ = imported(tmp_path, capsys, folder / "STSBenchmark.json", folder / "Banking77Classification.json")
    assert document["models"] == [{"name": "e5-small", "scores": {"STSBenchmark": {"value": 85.63}, "Banking77Classification": {"value": 73.0}}}]
    assert bench(document, "STSBenchmark")["metric"] == "cosine_spearman"  # cos_sim.spearman, under its current name
    assert bench(document, "Banking77Classification") == {"name": "Banking77Classification", "metric": "accuracy", "higher_is_better": True, "unit": "percent"}
    assert "mean of main_score over 2 subsets" in document["description"]


def test_mteb_old_and_new_names_of_one_metric_share_a_column(tmp_path, capsys):
    """Review 4 I5: text-embedding-ada-002's STS22 (mteb 1.0.2: cos_sim.spearman, subsets zh,
    en, tr, fr) and multilingual-e5-small's (mteb 1.18.0: cosine_spearman, main_score, 18
    subsets) are one metric under MTEB's old and new names: one column, not a refusal."""
    document, _, _ = imported(tmp_path, capsys, MTEB_VERSIONS / "text-embedding-ada-002_STS22.json",
                              MTEB_VERSIONS / "multilingual-e5-small_STS22.json")
    assert [b["metric"] for b in document["benchmarks"]] == ["cosine_spearman"]
    # (0.6253235740920986 + 0.6812194014802411 + 0.64498311459473 + 0.810931445449386) / 4
    assert scores(document, "text-embedding-ada-002")["STS22"]["value"] == pytest.approx(69.0614383904114, rel=1e-12)
    assert scores(document, "multilingual-e5-small")["STS22"]["value"] == pytest.approx(64.15621111111112, rel=1e-12)


def test_mteb_runs_over_different_subsets_are_mixed_settings(tmp_path, capsys):
    """Review 4 I4: multilingual-e5-small's AmazonCounterfactualClassification is the mean of
    de and en (mteb 1.36), text-embedding-ada-002's of en alone (mteb 1.0.1): a warning naming
    each run's subsets; two runs over the same subsets (STSBenchmark of two models) give none."""
    document, _, _ = imported(tmp_path, capsys, MTEB_VERSIONS / "multilingual-e5-small_AmazonCounterfactualClassification.json",
                              MTEB_VERSIONS / "text-embedding-ada-002_AmazonCounterfactualClassification.json")
    assert any("AmazonCounterfactualClassification: mixed settings: the runs averaged different subsets "
               "(multilingual-e5-small: de, en; text-embedding-ada-002: en)" in w for w in document["source"]["warnings"])
    same, _, _ = imported(tmp_path, capsys, *sorted(MTEB.glob("*STSBenchmark.json")), name="same.yaml")
    assert not any("mixed settings" in w for w in same["source"].get("warnings", []))


def test_files_of_one_name_in_two_folders(tmp_path, capsys):
    for run in ("run-a", "run-b"):
        (tmp_path / run).mkdir()
        shutil.copy(ASDIV_3, tmp_path / run / "results.json")
    document, err, text = imported(tmp_path, capsys, tmp_path / "run-a/results.json", tmp_path / "run-b/results.json")
    assert document["source"]["files"] == ["run-a/results.json", "run-b/results.json"]  # no folder above what tells them apart
    assert [m["name"] for m in document["models"]] == ["Meta-Llama-3-8B-Instruct (run-a)", "Meta-Llama-3-8B-Instruct (run-b)"]
    assert str(tmp_path) not in text and "2 runs scored the same tasks" in err


def test_scale_option_and_the_unit_it_gives(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, MAMBA_780, "--tasks", "mmlu", "--tasks", "cola", "--scale", "1")
    assert bench(document, "mmlu")["unit"] == "fraction" and bench(document, "cola")["unit"] == "MCC"
    assert scores(document, "mamba2-780m")["mmlu"]["value"] == pytest.approx(0.2352229027204102, **EXACT)
    assert "n" in bench(document, "mmlu")  # still a proportion, as a fraction


def test_text_that_looks_like_a_number_stays_text(tmp_path, capsys):
    source = variant(tmp_path, MTEB / "bge-small-en-v1.5_STSBenchmark.json", "bge-small-en-v1.5_STSBenchmark.json",
                     lambda d: d.update({"mteb_version": "1e+300"}))
    document, _, text = imported(tmp_path, capsys, source)
    assert "version: '1e+300'" in text and document["source"]["version"] == "1e+300"


def test_glue_aggregate_alone_is_kept_with_a_note(tmp_path, capsys):
    def only_glue(data):
        data["results"] = {"glue": {"alias": "glue", "acc,none": 0.5, "acc_stderr,none": 0.01}}
        data["group_subtasks"] = {"glue": ["cola", "mnli"]}
    source = variant(tmp_path, MAMBA_27, "glue-only.json", only_glue)
    document, err, _ = imported(tmp_path, capsys, source, MAMBA_780, "--tasks", "glue", "--tasks", "cola")
    assert [b["name"] for b in document["benchmarks"]] == ["glue", "cola"]
    assert "glue is only the harness's aggregate" in err


def test_helm_multi_scenario_group_keeps_run_information_out(tmp_path, capsys):
    """Review 4 I6: a multi-scenario groups table prefixes every header with its scenario
    ("BBQ - # eval"); run information is still not a benchmark, "# eval" (in the "General
    information" table) still gives n to that scenario's accuracy, and 2 instances is a smoke test."""
    document, err, _ = imported(tmp_path, capsys, HELM / "groups_safety_scenarios.json")
    names = [b["name"] for b in document["benchmarks"]]
    assert not [n for n in names if re.search(r"# eval|# train|truncated|tokens|inference time", n)], names
    assert len(names) == 5
    # "BBQ - # eval" is 2.0 for every model; "BBQ - BBQ accuracy" of Llama 3 (8B) is 0.5
    assert bench(document, "BBQ - BBQ accuracy (Accuracy)")["n"] == 2
    assert scores(document, "Llama 3 (8B)")["BBQ - BBQ accuracy (Accuracy)"] == {"value": 50.0}
    warnings = document["source"]["warnings"]
    assert any(w.startswith("Llama 3 (8B): ") and "BBQ 2" in w and "smoke test" in w for w in warnings)
    assert "ranks each model among the models of this table only" in err


def test_helm_annotator_judged_scores_name_their_judge(tmp_path, capsys):
    """Review 4 I7: HarmBench and Anthropic Red Team scores come from HELM annotators (models
    that judge the outputs, run_spec.json's "annotators"): the column and the run's settings
    name the judge, as for inspect-ai and AlpacaEval, so two judges are never one column."""
    judged = REAL / "helm_judged"
    files = [judged / d / "stats.json" for d in ("harm_bench_llama-3-70b", "harm_bench_gpt-4-turbo", "anthropic_red_team_llama-3-70b")]
    document, _, _ = imported(tmp_path, capsys, *files)
    assert [b["name"] for b in document["benchmarks"]] == ["harm_bench (judge: HarmBenchAnnotator)",
                                                          "anthropic_red_team (judge: AnthropicRedTeamAnnotator)"]
    assert document["source"]["models"]["gpt-4-turbo-2024-04-09"]["judge"] == "HarmBenchAnnotator"
    plain, _, _ = imported(tmp_path, capsys, HELM / "bbq_meta_llama-3-8b_stats.json", name="plain.yaml")
    assert all("judge" not in b["name"] for b in plain["benchmarks"])  # a run without annotators: no judge


def test_a_helm_compiler_annotator_is_no_judge():
    """Review 5 C7: image2struct's LatexCompilerAnnotator compiles the output; it judges nothing."""
    from benchboard.importers.helm import annotators

    spec = {"annotators": [{"class_name": "helm.benchmark.annotation.image2struct.latex_compiler_annotator.LatexCompilerAnnotator"}]}
    assert annotators(spec) is None
    spec["annotators"].append({"class_name": "helm.benchmark.annotation.harm_bench_annotator.HarmBenchAnnotator"})
    assert annotators(spec) == "HarmBenchAnnotator"
