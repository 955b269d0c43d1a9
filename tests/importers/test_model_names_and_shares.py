"""Issue 27, classes 5-8: shares are shares, cache paths decode, revisions are kept whole and
names bounded, and the variants users bring (MTEB 1.1 splits, old BitextMining and
PairClassification files, evalscope's renamed metric, lighteval's "sha ?", truncated JSON).

In-process imports of real files (tests/fixtures/real-results/); where a variant had no real
file at hand, the docstring says what was changed in a real one, or built from the format.
"""

from __future__ import annotations

import json
import zipfile

import pytest

from .test_real_files import EXACT, REAL, bench, imported, run_import, scores

POPULARITY = REAL / "inspect" / "2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval"
STREAMING = REAL / "inspect" / "log_streaming.eval"
DEEPSEEK = REAL / "lmeval_csabakecskemeti_DeepSeek-R1-Distill-Llama-8B_results_2025-01-26T22-29-00.931915.json"
LIGHTEVAL = REAL / "lighteval_docs_example_gpt2_gsm8k_results.json"
CEVAL = REAL / "evalscope" / "Qwen2.5-7B-Instruct_ceval.json"
SHA = "6a6f4aa4197940add57724a7707d069478df56b1"


def _inspect_variant(source, target, results: dict, metric_name: str | None = None):
    """A copy of a real .eval log with its header's results changed (the zip's other members as they are)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "header.json":
                header = json.loads(data)
                header["results"].update(results)
                if metric_name:
                    for score in header["results"]["scores"]:
                        score["metrics"] = {metric_name if k == "accuracy" else k: dict(v, name=metric_name if k == "accuracy" else v["name"])
                                            for k, v in score["metrics"].items()}
                data = json.dumps(header).encode()
            new.writestr(info, data)
    return target


# -- 5. shares are shares -----------------------------------------------------------------------


def test_inspect_mean_of_a_pass_fail_scorer_is_a_share(tmp_path, capsys):
    """The real popularity log (match scorer, reduced sample scores 1.0/0: pass/fail), its
    accuracy metric renamed mean, as a task declaring @scorer(metrics=[mean(), stderr()]) writes it."""
    log = _inspect_variant(POPULARITY, tmp_path / "mean.eval", {}, metric_name="mean")
    document, _, _ = imported(tmp_path, capsys, log)
    # "mean": 0.8, "stderr": 0.13333333333333333 over 10 completed samples
    assert bench(document, "popularity") == {"name": "popularity", "metric": "mean", "n": 10, "higher_is_better": True, "unit": "percent"}
    assert scores(document, "gpt-4o-mini")["popularity"] == {"value": pytest.approx(80.0, **EXACT), "stderr": pytest.approx(13.333333333333333, **EXACT)}


def test_inspect_mean_of_graded_scores_is_not_a_share(tmp_path, capsys):
    """The real streaming log reduces two epochs to 0.5 and 1.0: a mean of graded scores is no
    share of samples (no n), whatever its metric is called."""
    log = _inspect_variant(STREAMING, tmp_path / "graded.eval", {}, metric_name="mean")
    document, _, _ = imported(tmp_path, capsys, log)
    assert "n" not in bench(document, "popularity")


def test_inspect_says_how_many_samples_did_not_complete(tmp_path, capsys):
    """The real popularity log with completed_samples 8 of total_samples 10 (2 samples errored)."""
    log = _inspect_variant(POPULARITY, tmp_path / "partial.eval", {"completed_samples": 8})
    document, err, _ = imported(tmp_path, capsys, log)
    assert bench(document, "popularity")["n"] == 8
    assert any("8 of 10 samples completed" in w for w in document["source"]["warnings"]), document["source"]


# -- 6. cache paths decode ----------------------------------------------------------------------


def test_hf_cache_snapshot_is_the_model_at_a_revision(tmp_path, capsys):
    """The real lm-eval 0.4 file with pretrained= a Hugging Face cache snapshot path, as lm-eval
    writes it when given one."""
    data = json.loads(DEEPSEEK.read_text())
    cache = f"/root/.cache/huggingface/hub/models--deepseek-ai--DeepSeek-R1-Distill-Llama-8B/snapshots/{SHA}"
    data["config"]["model_args"] = f"pretrained={cache},dtype=bfloat16"
    data.pop("model_name", None)
    path = tmp_path / "results_2025-01-26T22-29-00.931915.json"
    path.write_text(json.dumps(data))
    document, err, text = imported(tmp_path, capsys, path, "--tasks", "leaderboard_ifeval")
    assert [m["name"] for m in document["models"]] == ["DeepSeek-R1-Distill-Llama-8B"]
    settings = document["source"]["models"]["DeepSeek-R1-Distill-Llama-8B"]
    assert settings["model_revision"] == SHA
    assert f"deepseek-ai/DeepSeek-R1-Distill-Llama-8B@{SHA}" in settings["model_args"] and "/root" not in text
    kept, _, _ = imported(tmp_path, capsys, path, "--tasks", "leaderboard_ifeval", "--keep-org", name="org.yaml")
    assert [m["name"] for m in kept["models"]] == ["deepseek-ai/DeepSeek-R1-Distill-Llama-8B"]


# -- 7. revisions kept whole, names bounded -------------------------------------------------------


def _lighteval(tmp_path, name: str, model: str, revision: str | None, sha: str | None = None):
    data = json.loads(LIGHTEVAL.read_text())
    data["config_general"]["model_name"] = model
    if revision:
        data["config_general"]["model_revision"] = revision
    if sha is not None:
        data["config_general"]["lighteval_sha"] = sha
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_lighteval_checkpoints_keep_their_whole_revision(tmp_path, capsys):
    """The real lighteval docs example, run at two checkpoint revisions (model_revision), once
    with a model name of 190 characters (a long hub id of a checkpoint series)."""
    steps = ["v00.01-step-000001172", "v00.01-step-000002344"]
    files = [_lighteval(tmp_path, f"r{i}.json", "gpt2", step) for i, step in enumerate(steps)]
    document, _, _ = imported(tmp_path, capsys, *files)
    assert [m["name"] for m in document["models"]] == [f"gpt2 @ {s}" for s in steps]
    long_name = "org/" + "a-very-long-checkpoint-series-name-" * 5 + "x" * 15
    files = [_lighteval(tmp_path, f"l{i}.json", long_name, step) for i, step in enumerate(steps)]
    document, err, _ = imported(tmp_path, capsys, *files, name="long.yaml")
    names = [m["name"] for m in document["models"]]
    assert len(set(names)) == 2 and all(len(n) <= 200 for n in names)
    assert [n.endswith(f"@ {s}") for n, s in zip(names, steps)] == [True, True]
    assert all(n.startswith("a-very-long-checkpoint") and "…" in n for n in names)


def test_lighteval_unknown_sha_is_no_version(tmp_path, capsys):
    """lighteval writes lighteval_sha "?" when it ran outside a git checkout."""
    document, _, _ = imported(tmp_path, capsys, _lighteval(tmp_path, "q.json", "gpt2", None, sha="?"))
    assert "version" not in document["source"] and "?" not in document["description"]


# -- 8. variants ---------------------------------------------------------------------------------


def _mteb_legacy(tmp_path, task: str, splits: dict):
    folder = tmp_path / "results" / "my-embedder"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{task}.json"
    path.write_text(json.dumps({"mteb_version": "1.1.1", "mteb_dataset_name": task, "dataset_revision": "x", **splits}))
    return path


def test_mteb_legacy_variants(tmp_path, capsys):
    """No real file of these MTEB 1.1 variants was at hand; minimal ones are built as mteb
    before 1.11 wrote them (mteb_dataset_name, splits at the top level, no main_score):
    BitextMining with accuracy/f1/precision/recall per language pair, PairClassification with
    cos_sim/.../max blocks, and a split key "test.full"."""
    bitext = _mteb_legacy(tmp_path, "BUCC", {"test": {
        "de-en": {"accuracy": 0.99, "f1": 0.98, "precision": 0.975, "recall": 0.99},
        "fr-en": {"accuracy": 0.97, "f1": 0.96, "precision": 0.955, "recall": 0.97}}})
    pair = _mteb_legacy(tmp_path, "SprintDuplicateQuestions", {"test": {
        "cos_sim": {"accuracy": 0.99, "ap": 0.9, "f1": 0.85}, "dot": {"ap": 0.8},
        "euclidean": {"ap": 0.91}, "max": {"accuracy": 0.995, "ap": 0.91, "f1": 0.86}}})
    full = _mteb_legacy(tmp_path, "MSMARCO", {"test.full": {"ndcg_at_10": 0.4, "map_at_10": 0.3}})
    document, _, _ = imported(tmp_path, capsys, bitext, pair, full)
    assert bench(document, "BUCC")["metric"] == "f1"
    assert scores(document, "my-embedder")["BUCC"]["value"] == pytest.approx(97.0, **EXACT)
    assert bench(document, "SprintDuplicateQuestions")["metric"] == "cosine_ap"  # cos_sim.ap, as MTEB 1.12+ names it
    assert scores(document, "my-embedder")["SprintDuplicateQuestions"]["value"] == pytest.approx(90.0, **EXACT)
    assert scores(document, "my-embedder")["MSMARCO"]["value"] == pytest.approx(40.0, **EXACT)


def test_evalscope_metric_renamed_between_versions_is_one_column(tmp_path, capsys):
    """The real evalscope 0.x C-Eval report (AverageAccuracy 0.825, num 40) beside a 1.x report
    of the same dataset, built as evalscope 1.x writes it (the metric named mean_acc)."""
    new = json.loads(CEVAL.read_text())
    new["model_name"] = "qwen2.5-7b-instruct-v1x"
    new["metrics"][0]["name"] = "mean_acc"
    new["metrics"][0]["score"] = 0.8
    path = tmp_path / "ceval_1x.json"
    path.write_text(json.dumps(new))
    document, err, _ = imported(tmp_path, capsys, CEVAL, path)
    assert bench(document, "ceval")["metric"] == "mean_acc" and bench(document, "ceval")["n"] == 40
    assert scores(document, "Qwen2.5-7B-Instruct")["ceval"]["value"] == pytest.approx(82.5, **EXACT)
    assert scores(document, "qwen2.5-7b-instruct-v1x")["ceval"]["value"] == pytest.approx(80.0, **EXACT)
    assert "AverageAccuracy is what older versions of the harness call mean_acc" in err


def test_truncated_json_is_called_truncated(tmp_path, capsys):
    """The real lm-eval results file cut in the middle, as an interrupted copy leaves it."""
    text = DEEPSEEK.read_text()
    cut = tmp_path / "results_cut.json"
    cut.write_text(text[: len(text) // 2])
    code, _, err = run_import(capsys, cut, "-o", tmp_path / "x.yaml")
    assert code == 1 and ": the file is truncated: its JSON stops before it is complete" in err and "Traceback" not in err
