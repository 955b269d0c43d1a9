"""Issue 27, classes 1-4: what a column means and which model a row is.

Each test runs the importer in-process on a real file (tests/fixtures/real-results/, sources in
its SOURCES*.md), laid out in the folders the harness writes where the class is about folders.
Where no real file of a variant was at hand, the docstring says what was built and from what.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from .test_real_files import EXACT, HELM, REAL, bench, imported, scores

ALPACA2 = REAL / "alpacaeval_output" / "weighted_alpaca_eval_gpt4_turbo" / "leaderboard.csv"
ALPACA1 = REAL / "alpacaeval" / "alpaca_eval_gpt4_leaderboard.csv"
MTEB = REAL / "mteb"
NEOX = REAL / "gptneox"
PYTHIA_19M = NEOX / "pythia-19m-deduped-step103000_eval_results_01-20-2023-15-59-23.json"
PYTHIA_13B = NEOX / "pythia-1.3b-deduped-step11500_eval_results_01-20-2023-14-41-42.json"
DEEPSEEK = REAL / "lmeval_csabakecskemeti_DeepSeek-R1-Distill-Llama-8B_results_2025-01-26T22-29-00.931915.json"


# -- 1. the judge defines the column --------------------------------------------------------------


def test_leaderboards_of_two_judges_are_two_columns(tmp_path, capsys):
    """alpaca_eval writes OUTPUT/ANNOTATOR/leaderboard.csv; annotator folders the old fixed
    pattern did not know (gpt4, oasst_pythia_12b: alpaca_eval annotator configs) are judges all
    the same, gpt4 though it is also a model of the file. The real leaderboard.csv is placed in
    two such folders."""
    files = []
    for judge in ("gpt4", "oasst_pythia_12b"):
        target = tmp_path / "out" / judge / "leaderboard.csv"
        target.parent.mkdir(parents=True)
        shutil.copy(ALPACA2, target)
        files.append(target)
    document, err, _ = imported(tmp_path, capsys, *files, "--metric", "win_rate")
    assert [b["name"] for b in document["benchmarks"]] == ["AlpacaEval (gpt4)", "AlpacaEval (oasst_pythia_12b)"]
    # One model, two judges: one row with two scores, not two "runs" of the model.
    names = [m["name"] for m in document["models"]]
    assert "gemma-2-9b-it-DPO" in names and not any("(" in n for n in names)
    assert scores(document, "gemma-2-9b-it-DPO") == {
        "AlpacaEval (gpt4)": {"value": 65.35922380122982, "stderr": 1.402802336467638},
        "AlpacaEval (oasst_pythia_12b)": {"value": 65.35922380122982, "stderr": 1.402802336467638}}
    assert "runs scored the same tasks" not in err


# -- 3b. AlpacaEval 2.0: the length-controlled win rate ------------------------------------------


def test_alpacaeval_2_defaults_to_the_length_controlled_win_rate(tmp_path, capsys):
    """The real AlpacaEval 2.0 leaderboard.csv, which alpaca_eval wrote sorted by
    length_controlled_winrate: the first row is the leader it shows."""
    document, _, _ = imported(tmp_path, capsys, ALPACA2)
    name = "AlpacaEval (weighted_alpaca_eval_gpt4_turbo)"
    # A model's estimate, not a share of the 805 comparisons: percent, no n.
    assert bench(document, name) == {"name": name, "metric": "length_controlled_winrate", "higher_is_better": True, "unit": "percent"}
    # gemma-2-9b-it-DPO,65.359...,1.4028...,536,268,1,805,66.645...,community,2016,67.6620382198043,0.6605613085864308
    assert scores(document, "gemma-2-9b-it-DPO")[name] == {"value": 67.6620382198043, "stderr": 0.6605613085864308}
    with open(ALPACA2, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    first = rows[1][0]  # openpipe-moa-gpt-4-turbo-v1, the file's (AlpacaEval's) #1
    top = max(document["models"], key=lambda m: m["scores"].get(name, {}).get("value", -1))["name"]
    assert top == first
    by_win_rate = max(rows[1:], key=lambda r: float(r[1]))[0]
    assert by_win_rate != first  # the raw win rate would have put another model first


def test_alpacaeval_file_without_the_rate_for_every_row_keeps_win_rate(tmp_path, capsys):
    """The real AlpacaEval 1.0 leaderboard has length_controlled_winrate for some rows only
    (xwinlm-70b-v0.1's cell is empty): one metric for the whole column, win_rate, with n."""
    document, _, _ = imported(tmp_path, capsys, ALPACA1)
    assert bench(document, "AlpacaEval (gpt4)")["metric"] == "win_rate"
    # xwinlm-70b-v0.1,95.56803995,0.724941926,765,35,1,801,community,1775,,: scored, not left out for its empty cell
    assert scores(document, "xwinlm-70b-v0.1")["AlpacaEval (gpt4)"]["value"] == pytest.approx(95.56803995, **EXACT)


def test_pandas_resaved_alpacaeval_csv(tmp_path, capsys):
    """pandas.read_csv(f).to_csv(g) names the model column "Unnamed: 0" and writes an index
    before it; to_csv(g, index=False) writes it first. pandas is not installed here, so both
    are written with the csv module as pandas writes them, from the real leaderboard."""
    with open(ALPACA2, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with_index = tmp_path / "weighted_alpaca_eval_gpt4_turbo" / "leaderboard.csv"
    without = tmp_path / "noindex" / "weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"
    for path, index in ((with_index, True), (without, False)):
        path.parent.mkdir(parents=True)
        with open(path, "w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(([""] if index else []) + ["Unnamed: 0"] + rows[0][1:])
            for i, row in enumerate(rows[1:]):
                out.writerow(([str(i)] if index else []) + row)
    original, _, _ = imported(tmp_path, capsys, ALPACA2, name="original.yaml")
    for path in (with_index, without):
        again, _, _ = imported(tmp_path, capsys, path, name=f"{path.parent.name}.yaml")
        assert again["models"] == original["models"]
        assert "0" not in [m["name"] for m in again["models"]]


# -- 2. folder layouts name models -----------------------------------------------------------------


def test_mteb_model_folders_name_the_model(tmp_path, capsys):
    """mteb before 1.11 wrote results/MODEL/TASK.json (output_folder=results/MODEL), or
    results/ORG/MODEL/TASK.json; the real files are placed in those layouts."""
    layout = {
        "results/all-MiniLM-L6-v2/STSBenchmark.json": "all-MiniLM-L6-v2_STSBenchmark.json",
        "results/all-MiniLM-L6-v2/SciFact.json": "all-MiniLM-L6-v2_SciFact.json",
        "results/BAAI/bge-small-en-v1.5/STSBenchmark.json": "bge-small-en-v1.5_STSBenchmark.json",
        "results/BAAI/bge-small-en-v1.5/SciFact.json": "bge-small-en-v1.5_SciFact.json",
    }
    paths = []
    for rel, source in layout.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(MTEB / source, target)
        paths.append(target)
    document, err, _ = imported(tmp_path, capsys, *paths)
    assert [m["name"] for m in document["models"]] == ["all-MiniLM-L6-v2", "bge-small-en-v1.5"]
    # "STSBenchmark" main_score 0.8203247283076371 (all-MiniLM), "SciFact" 0.71273 (bge)
    assert scores(document, "all-MiniLM-L6-v2")["STSBenchmark"]["value"] == pytest.approx(82.03247283076371, **EXACT)
    assert scores(document, "bge-small-en-v1.5")["SciFact"]["value"] == pytest.approx(71.273, **EXACT)
    assert "runs scored the same tasks" not in err and "(run " not in json.dumps(document)
    kept, _, _ = imported(tmp_path, capsys, *paths, "--keep-org", name="org.yaml")
    assert [m["name"] for m in kept["models"]] == ["all-MiniLM-L6-v2", "BAAI/bge-small-en-v1.5"]


# -- 3a. HELM's own headline metric ------------------------------------------------------------------


def _helm_run(folder, groups, stats, model="meta/llama-3-8b"):
    folder.mkdir(parents=True)
    name = f"{groups[0]}:model={model.replace('/', '_')}"
    (folder / "run_spec.json").write_text(json.dumps({
        "name": name, "scenario_spec": {"class_name": "helm.benchmark.scenarios.X", "args": {}},
        "adapter_spec": {"method": "generation", "model": model, "max_eval_instances": 1000},
        "metric_specs": [], "groups": groups}))
    (folder / "stats.json").write_text(json.dumps([
        {"name": {"name": metric, "split": "test"}, "count": 1, "sum": value, "sum_squared": value * value,
         "min": value, "max": value, "mean": value, "variance": 0.0, "stddev": 0.0}
        for metric, value in stats.items()]))
    return folder / "stats.json"


def test_helm_imports_its_own_main_metric_per_run_group(tmp_path, capsys):
    """No real NarrativeQA or GSM8K run folder was at hand: minimal ones are built as HELM
    writes them (stats.json: a list of {name: {name, split}, count, sum, ..., mean};
    run_spec.json with groups), with the numbers of the issue (exact_match 0.0, F1 0.174)."""
    narrative = _helm_run(tmp_path / "runs/v1/narrative_qa:model=meta_llama-3-8b", ["narrative_qa"],
                          {"exact_match": 0.0, "quasi_exact_match": 0.0, "f1_score": 0.174, "num_instances": 355.0})
    document, _, _ = imported(tmp_path, capsys, narrative)
    # schema_lite.yaml: narrative_qa main_name f1_score. F1 is not a share of the 355: no n.
    assert bench(document, "narrative_qa") == {"name": "narrative_qa", "metric": "f1_score", "higher_is_better": True, "unit": "percent"}
    assert scores(document, "llama-3-8b")["narrative_qa"] == {"value": pytest.approx(17.4, **EXACT)}
    gsm = _helm_run(tmp_path / "runs/v1/gsm:model=meta_llama-3-8b", ["gsm"],
                    {"exact_match": 0.0, "final_number_exact_match": 0.79, "num_instances": 1000.0})
    document, _, _ = imported(tmp_path, capsys, gsm, name="gsm.yaml")
    # A share of the 1000 instances: percent with n.
    assert bench(document, "gsm") == {"name": "gsm", "metric": "final_number_exact_match", "n": 1000, "higher_is_better": True, "unit": "percent"}


def test_helm_suite_schema_decides_over_the_builtin_table(tmp_path, capsys):
    """The real BBQ run (schema_safety.yaml: bbq_accuracy); a suite whose schema.json
    (written by helm-summarize beside the runs) names quasi_exact_match imports that."""
    run = tmp_path / "runs/v3/bbq:subject=all,method=multiple_choice_joint,model=meta_llama-3-8b"
    run.mkdir(parents=True)
    shutil.copy(HELM / "bbq_meta_llama-3-8b_stats.json", run / "stats.json")
    shutil.copy(HELM / "bbq_meta_llama-3-8b_run_spec.json", run / "run_spec.json")
    document, _, _ = imported(tmp_path, capsys, run / "stats.json")
    assert bench(document, "bbq:subject=all")["metric"] == "bbq_accuracy"
    (tmp_path / "runs/v3/schema.json").write_text(json.dumps({"run_groups": [
        {"name": "bbq", "environment": {"main_name": "quasi_exact_match", "main_split": "test"}}]}))
    suite, _, _ = imported(tmp_path, capsys, run / "stats.json", name="suite.yaml")
    # {"name": {"name": "quasi_exact_match", "split": "test"}, "count": 1, ..., "mean": 0.5}; num_instances 2.0
    assert bench(suite, "bbq:subject=all")["metric"] == "quasi_exact_match"
    assert scores(suite, "llama-3-8b")["bbq:subject=all"] == {"value": 50.0}


# -- 4. backend words are not names ----------------------------------------------------------------


def test_gpt_neox_results_are_named_by_their_file_not_the_backend(tmp_path, capsys):
    """Two real gpt-neox evaluate.py outputs (EleutherAI/pythia evals/bias-evals): config.model
    is "neox" and model_args the whole training configuration."""
    document, err, text = imported(tmp_path, capsys, PYTHIA_19M, PYTHIA_13B, "--tasks", "arc_easy")
    assert [m["name"] for m in document["models"]] == ["pythia-19m-deduped-step103000", "pythia-1.3b-deduped-step11500"]
    # "arc_easy": {"acc": 0.39141414141414144, ..., "acc_norm": 0.3552188552188552, "acc_norm_stderr": 0.009820245899287112}
    assert scores(document, "pythia-19m-deduped-step103000")["arc_easy"] == {
        "value": pytest.approx(35.52188552188552, **EXACT), "stderr": pytest.approx(0.9820245899287112, **EXACT)}
    assert "neox" not in [m["name"] for m in document["models"]] and "runs scored the same tasks" not in err
    assert "does not name the model" in err
    args = document["source"]["models"]["pythia-19m-deduped-step103000"]["model_args"]
    assert len(args) < 300 and "iteration=103000" in args and "distributed_backend" not in args and "/fsx" not in text


def test_backend_word_alone_never_names_a_model(tmp_path, capsys):
    """The real lm-eval 0.4 file with its model_args removed, as a run with `--model hf` and
    the model given some other way writes it (config.model "hf", no pretrained)."""
    data = json.loads(DEEPSEEK.read_text())
    data["config"]["model_args"] = ""
    data.pop("model_name", None)
    data.pop("model_name_sanitized", None)
    path = tmp_path / "run7" / "results_2025-01-26T22-29-00.931915.json"
    path.parent.mkdir()
    path.write_text(json.dumps(data))
    document, err, _ = imported(tmp_path, capsys, path, "--tasks", "leaderboard_ifeval")
    assert [m["name"] for m in document["models"]] == ["run7"]
    assert "does not name the model" in err
