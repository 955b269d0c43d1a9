"""No private location of the run is published: object-store and HDFS URIs in a harness file
(s3://corp-bucket/..., gs://..., hdfs://..., file:///home/...) are reduced to their last part like
local paths, in the model's name and in the run settings, and never name the bucket. Before,
lm-eval's model_args "tokenizer=s3://corp-bucket/tok" was written to the result file and the site."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from benchboard.importers.common import public_text, short_model_name
from helpers import REPO, build_site, cli

LLAMA = REPO / "tests/fixtures/real-results/lmeval_csabakecskemeti_Llama-3.1-8B-Instruct_results_2025-01-25T04-48-43.622918.json"
PRIVATE = ("corp-bucket", "team-bucket", "namenode", "s3://", "gs://", "hdfs://", "file://", "/home/", "alice")


def test_storage_uris_are_reduced_to_their_last_part():
    assert public_text("pretrained=s3://corp-bucket/ckpts/llama-7b,tokenizer=gs://team-bucket/tok") == "pretrained=llama-7b,tokenizer=tok"
    assert public_text("data=hdfs://namenode:8020/user/alice/x.parquet") == "data=x.parquet"
    assert public_text("file:///home/alice/llama-7b/") == "llama-7b"
    assert public_text("S3A://corp-bucket") == "s3a storage"
    assert public_text("see https://huggingface.co/org/model") == "see https://huggingface.co/org/model"  # a public page stays
    assert short_model_name("s3://corp-bucket/ckpts/llama-7b-ft", keep_org=False) == "llama-7b-ft"
    assert short_model_name("gs://team-bucket/llama-7b/checkpoint-500", keep_org=False) == "llama-7b checkpoint-500"


def test_an_import_with_storage_uris_publishes_no_bucket(tmp_path: Path):
    data = json.loads(LLAMA.read_text())
    data["config"]["model_args"] = ("pretrained=s3://corp-bucket/ckpts/llama-7b-ft,tokenizer=gs://team-bucket/tok,"
                                    "cache_dir=hdfs://namenode:8020/user/alice/cache,peft=file:///home/alice/lora-7")
    data["model_name"] = "s3://corp-bucket/ckpts/llama-7b-ft"
    source = tmp_path / "results.json"
    source.write_text(json.dumps(data))
    content = tmp_path / "content"
    (content / "results").mkdir(parents=True)
    result = cli("import", source, "-o", content / "results/run.yaml")
    assert result.returncode == 0, result.stderr
    written = (content / "results/run.yaml").read_text()
    for secret in PRIVATE:
        assert secret not in written, (secret, written)
    document = yaml.safe_load(written)
    assert [m["name"] for m in document["models"]] == ["llama-7b-ft + lora-7"]
    assert "tokenizer=tok" in document["source"]["models"]["llama-7b-ft + lora-7"]["model_args"]
    build_site(content, tmp_path / "site")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and "assets" not in path.parts:  # the shipped scripts name file:// themselves
            body = path.read_bytes()
            for secret in PRIVATE:
                assert secret.encode() not in body, (secret, path)
