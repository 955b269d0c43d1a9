"""A local model path whose last part says little ("model", "final", "checkpoint-500") was named
with the folder above it, and when that folder was a user's home folder the import published the
user's name: "/home/alice/model" became the model "alice model" (in the result file, the model's
URL, every page, api/*.json), although the note said the path is not published. A user's home
folder (under home/ or Users/, /root, ~alice) is never part of a name, in the model's name or in
the run settings; the model is named by its last part, and the note asks for --model-name."""

from __future__ import annotations

import json
import zipfile

import pytest
import yaml

from benchboard.importers.common import last_part, public_text, short_model_name
from helpers import REPO, build_site, cli

REAL = REPO / "tests/fixtures/real-results"
MMLU = REAL / "lmeval_saucam_Meta-Llama-3-8B-Instruct_openllm_mmlu.json"
USERS = ("alice", "bob", "carol", "dave", "root")


@pytest.mark.parametrize("path, name", [
    ("/home/alice/model", "model"),  # POSIX
    ("/home/alice/checkpoint-500", "checkpoint-500"),
    ("/Users/bob/final", "final"),  # macOS
    ("C:\\Users\\carol\\merged", "merged"),  # Windows
    ("/root/checkpoint-500", "checkpoint-500"),  # root's home folder
    ("/root/30B", "30B"),
    ("~/model", "model"),
    ("~dave/final", "final"),
    ("/home/alice", "a home folder"),  # the path is the home folder itself
    ("/root/llama-ft/checkpoint-500", "llama-ft checkpoint-500"),  # a folder inside a home folder names the model
    ("/runs/llama-ft/checkpoint-500", "llama-ft checkpoint-500"),  # the generic-part rule otherwise unchanged
    ("/home/alice/opt/1.3b", "opt 1.3b"),
    # a cluster's per-user folders (review finding: "/scratch/alice/final" became "alice final")
    ("/scratch/alice/final", "final"),
    ("/u/alice/final", "final"),
    ("/workspace/alice/checkpoint-500", "checkpoint-500"),
    ("/lustre/scratch/carol/final", "final"),
    ("/fsx/dave/merged", "merged"),
    ("/scratch/alice/llama-ft/final", "llama-ft final"),  # a folder inside one still names the model
])
def test_a_home_folder_never_names_a_model(path, name):
    assert last_part(path) == name
    assert short_model_name(path, keep_org=False) == name


def test_no_home_folder_in_run_settings():
    args = ("pretrained=/home/alice/model,peft=/Users/bob/lora,tokenizer=C:\\Users\\carol\\merged,"
            "cache_dir=~dave/hf,delta=/root/final,dtype=auto")
    assert public_text(args) == "pretrained=model,peft=lora,tokenizer=merged,cache_dir=hf,delta=final,dtype=auto"


def test_an_lm_eval_run_from_a_home_folder_publishes_no_user_name(tmp_path):
    data = json.loads(MMLU.read_text())
    data["config"]["model_args"] = "pretrained=/home/alice/model,dtype=auto,peft=/Users/bob/lora"
    data["model_name"] = "/home/alice/model"
    source = tmp_path / "p.json"
    source.write_text(json.dumps(data))
    content = tmp_path / "content"
    result = cli("import", source, "-o", content / "results/h.yaml")
    assert result.returncode == 0, result.stderr
    written = (content / "results/h.yaml").read_text()
    document = yaml.safe_load(written)
    assert [m["name"] for m in document["models"]] == ["model + lora"]
    assert document["source"]["models"]["model + lora"]["model_args"] == "pretrained=model,dtype=auto,peft=lora"
    assert "named 'model' after its last part(s)" in result.stderr and "--model-name" in result.stderr
    for user in USERS:
        assert user not in written
    build_site(content, tmp_path / "site")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and "assets" not in path.parts:
            body = path.read_bytes()
            assert b"alice" not in body and b"bob" not in body, path


def test_an_inspect_model_in_a_home_folder_publishes_no_user_name(tmp_path):
    source = REAL / "inspect/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval"
    copy = tmp_path / "local.eval"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(copy, "w") as new:
        header = json.loads(old.read("header.json"))
        header["eval"]["model"] = "hf//Users/bob/final"
        new.writestr("header.json", json.dumps(header))
    result = cli("import", copy, "-o", "-")
    assert result.returncode == 0, result.stderr
    assert "- name: final\n" in result.stdout and "bob" not in result.stdout
