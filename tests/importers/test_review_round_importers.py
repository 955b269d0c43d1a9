"""What an importer review with real harness files found (2026-12-07): MTEB offered only the main
score's field, so files of two MTEB versions found no shared metric and --metric emptied rows;
a private server's address and a quantization folder's name reached the site; OpenCompass's
made-up abbreviation was split inside a local folder's name; a HELM groups table lost its
judge; and a warning about differing item counts hid the one run that differed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_real_files import REAL, bench, imported, scores, variant

SCIFACT = REAL / "mteb" / "all-MiniLM-L6-v2_SciFact.json"


def test_mteb_offers_every_metric_its_subsets_give(tmp_path, capsys):
    """--metric recall_at_100 reads that field (0.925), not the main score (ndcg_at_10, 0.645)."""
    document, _, _ = imported(tmp_path, capsys, SCIFACT, "--metric", "recall_at_100")
    assert bench(document, "SciFact")["metric"] == "recall_at_100"
    [model] = document["models"]
    assert scores(document, model["name"])["SciFact"]["value"] == pytest.approx(92.5)


def test_mteb_files_whose_main_scores_differ_agree_on_a_metric_they_share(tmp_path, capsys):
    """One file's main score is ndcg_at_10, the other's map_at_10 (as MTEB versions changed a
    task's main score): both have both fields, so both rows get one of them (the same), none is
    emptied and neither file is refused."""
    other = variant(tmp_path, SCIFACT, "other-model/SciFact.json", lambda d: [
        s.update(main_score=s["map_at_10"]) for s in d["scores"]["test"]])
    document, _, _ = imported(tmp_path, capsys, SCIFACT, other)
    metric = bench(document, "SciFact")["metric"]
    assert metric in ("ndcg_at_10", "map_at_10")
    field = json.loads(SCIFACT.read_text())["scores"]["test"][0][metric]
    assert [m["scores"]["SciFact"]["value"] for m in document["models"]] == [pytest.approx(100 * field)] * 2


@pytest.mark.parametrize("text, published", [
    ("model=qwen35-local,base_url=http://10.90.24.4:8042/v1/completions,num_concurrent=8",
     "model=qwen35-local,base_url=a private server,num_concurrent=8"),
    ("base_url=http://localhost:8000/v1", "base_url=a private server"),
    ("base_url=http://gpu-node-3:8000/v1", "base_url=a private server"),
    ("base_url=https://vllm.corp.internal/v1", "base_url=a private server"),
    ("base_url=http://[fd00::1]:80/v1", "base_url=a private server"),
    ("base_url=https://api.openai.com/v1", "base_url=https://api.openai.com/v1"),  # a public service says what ran the model
])
def test_a_private_servers_address_is_not_published(text, published):
    from benchboard.importers.common import public_text

    assert public_text(text) == published


@pytest.mark.parametrize("path, name", [
    ("/srv/cache/open_llama_3b/nf4_ov", "open_llama_3b nf4_ov"),  # a quantization format names no model
    ("/srv/models/llama-2-7b/int8", "llama-2-7b int8"),
    ("/srv/models/mistral-7b/awq", "mistral-7b awq"),
    ("/srv/models/mistral-7b-instruct", "mistral-7b-instruct"),
])
def test_a_quantization_folder_keeps_the_models_folder(path, name):
    from benchboard.importers.common import last_part

    assert last_part(path) == name


@pytest.mark.parametrize("abbr, plain, with_org", [
    ("opencompass.models.huggingface.HuggingFace_model_repos_internlm-chat-7b", "internlm-chat-7b", "internlm-chat-7b"),
    ("opencompass.models.huggingface.HuggingFace_lesliehd_Mistral-7B", "Mistral-7B", "lesliehd/Mistral-7B"),
    ("opencompass.models.huggingface.HuggingFace_hf_models_open_llama_3b", "open_llama_3b", "open_llama_3b"),
])
def test_opencompass_made_up_names_skip_local_folders(abbr, plain, with_org):
    from benchboard.importers.opencompass import readable

    assert readable(abbr, False) == plain and readable(abbr, True) == with_org


def _helm_groups(tmp_path: Path, annotated: bool) -> Path:
    runs = tmp_path / "runs" / "v3"
    table = {"title": "HarmBench", "name": "harm_bench", "links": [],
             "header": [{"value": "Model/adapter"},
                        {"value": "HarmBench - Model Evaluated Safety score", "lower_is_better": False},
                        {"value": "# eval"}],  # a single-scenario table (HELM's harm_bench.json): run names on the row's first cell
             "rows": [[{"value": f"Model {m}", "run_spec_names": [f"harm_bench:model=org_m{m}"]}, {"value": 0.5 + m / 10},
                       {"value": 100.0}] for m in range(3)]}
    (runs / "groups").mkdir(parents=True)
    (runs / "groups" / "harm_bench.json").write_text(json.dumps([table]))
    if annotated:  # one run folder copied beside groups/: HELM gives every model of a scenario the same annotators
        spec = {"name": "harm_bench:model=org_m0", "adapter_spec": {"model": "org/m0"}, "scenario_spec": {}, "metric_specs": [],
                "groups": ["harm_bench"], "annotators": [{"class_name": "helm.benchmark.annotation.HarmBenchAnnotator"}]}
        (runs / "harm_bench:model=org_m0").mkdir()
        (runs / "harm_bench:model=org_m0" / "run_spec.json").write_text(json.dumps(spec))
    return runs / "groups" / "harm_bench.json"


def test_a_helm_groups_column_names_its_judge_from_the_run_specs(tmp_path, capsys):
    document, _, _ = imported(tmp_path, capsys, _helm_groups(tmp_path, annotated=True))
    [column] = document["benchmarks"]
    assert column["name"] == "HarmBench - Model Evaluated Safety score (judge: HarmBenchAnnotator)"
    assert all(column["name"] in m["scores"] for m in document["models"]) and len(document["models"]) == 3
    assert {document["source"]["models"][m["name"]].get("judge") for m in document["models"]} == {"HarmBenchAnnotator"}


def test_a_helm_groups_column_a_model_scored_without_its_run_specs_says_so(tmp_path, capsys):
    document, err, _ = imported(tmp_path, capsys, _helm_groups(tmp_path, annotated=False))
    assert document["benchmarks"][0]["name"] == "HarmBench - Model Evaluated Safety score"
    assert "was scored by a model (its label says so)" in err and "import the runs' stats.json to record the judge" in err


def test_differing_item_counts_name_the_run_that_differs():
    from benchboard.importers.merging import _per_model

    sizes = {f"model-{i:02d}": 805 for i in range(27)} | {"guanaco-13b": 803}
    assert _per_model(sizes) == "805 for 27 runs; guanaco-13b: 803"
    assert _per_model({"a": 1, "b": 2}) == "a: 1; b: 2"


def test_a_helm_multi_scenario_table_reads_each_scores_own_runs(tmp_path, capsys):
    """HELM's multi-scenario groups (safety_scenarios.json, as HELM writes it) name the runs on
    each score cell: HarmBench's column gets HarmBench's judge, BBQ's (no annotator) none, and
    no judge is spread to another column (a review found the first cell's runs read instead)."""
    runs = tmp_path / "runs" / "v3"
    (runs / "groups").mkdir(parents=True)
    source = REAL / "helm" / "groups_safety_scenarios.json"
    (runs / "groups" / "safety_scenarios.json").write_bytes(source.read_bytes())
    spec = {"name": "harm_bench:model=meta_llama-3-70b", "adapter_spec": {"model": "meta/llama-3-70b"}, "scenario_spec": {},
            "groups": ["harm_bench"], "annotators": [{"class_name": "helm.benchmark.annotation.HarmBenchAnnotator"}]}
    (runs / "harm_bench:model=meta_llama-3-70b").mkdir()
    (runs / "harm_bench:model=meta_llama-3-70b" / "run_spec.json").write_text(json.dumps(spec))
    (runs / "simple_safety_tests:model=meta_llama-3-70b").mkdir()  # a run spec that is no JSON: skipped, never an error
    (runs / "simple_safety_tests:model=meta_llama-3-70b" / "run_spec.json").write_text("[" * 200_000)
    document, _, _ = imported(tmp_path, capsys, runs / "groups" / "safety_scenarios.json")
    names = [b["name"] for b in document["benchmarks"]]
    judged = [n for n in names if "judge:" in n]
    assert judged == ["HarmBench - HarmBench - Model Evaluated Safety score (Accuracy) (judge: HarmBenchAnnotator)"], names
    assert not any("BBQ" in n and "judge" in n for n in names)
    assert document["source"]["models"]["Llama 3 (70B)"]["judge"] == "HarmBenchAnnotator"


@pytest.mark.parametrize("address", [
    "http://100.101.102.103:8000/v1", "http://127.1/", "http://10.1/", "http://0x7f.1/", "http://0177.0.0.1/",
    "http://[fe80::1%25eth0]:8000/", "grpcs://10.0.0.1", "http://2130706433/",
])
def test_every_form_of_a_private_address_is_left_out(address):
    """What a resolver reads as a private IPv4 (short, hex, octal, decimal forms), shared address
    space (Tailscale's 100.64/10), an IPv6 zone, gRPC over TLS (a second review's list)."""
    from benchboard.importers.common import public_text

    assert public_text(f"base_url={address}") == "base_url=a private server"
    assert public_text(f"(base_url={address})") == "(base_url=a private server)"


def test_a_users_cluster_folder_is_never_published_in_settings():
    from benchboard.importers.credentials import public_settings

    settings, _ = public_settings({"model_args": "cache_dir=/scratch/alice", "output_path": "/fsx/alice/", "HF_HOME": "/lustre/bob"})
    assert "alice" not in str(settings) and "bob" not in str(settings)


def test_a_helm_run_spec_that_cannot_be_read_is_skipped(tmp_path, capsys):
    """An empty run_spec.json, or a run name too long for a file name: the groups table is
    imported without that judge, never refused."""
    groups = _helm_groups(tmp_path, annotated=False)
    runs = groups.parent.parent
    (runs / "harm_bench:model=org_m0").mkdir()
    (runs / "harm_bench:model=org_m0" / "run_spec.json").write_text("")
    table = json.loads(groups.read_text())
    table[0]["rows"][1][0]["run_spec_names"] = ["x" * 300]
    groups.write_text(json.dumps(table))
    document, _, _ = imported(tmp_path, capsys, groups)
    assert len(document["models"]) == 3
