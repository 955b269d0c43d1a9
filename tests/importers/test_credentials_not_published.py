"""Credentials in a harness file's settings were copied into the result file and published on
the model pages, the report and api/scores.json: lm-eval's ``token=hf_...`` (its documented way
to reach a gated model) and ``api_key=sk-...`` in model_args, an inspect ``model_args``
api_key. Every importer's settings now go through one rule (importers/credentials.without_credentials,
applied by read_runs): a setting named like a credential loses its value, and so does a value
shaped like a well-known token under any name, a URL's user:password and its ?key=/?token=;
each is replaced by "(removed: a credential)", and one note per file says which were removed."""

from __future__ import annotations

import json
import zipfile

import pytest
import yaml

from benchboard.importers.credentials import CREDENTIAL_MARK, credential_key, public_settings, without_credentials
from helpers import REPO, build_site, cli

REAL = REPO / "tests/fixtures/real-results"
LLAMA = REAL / "lmeval_csabakecskemeti_Llama-3.1-8B-Instruct_results_2025-01-25T04-48-43.622918.json"
HF = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz123456"
OPENAI = "sk-proj-abcdefghijklmnop1234567890"
GITHUB = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
SECRETS = (HF, OPENAI, GITHUB, "AKIAIOSFODNN7EXAMPLE", "xoxb-123456789012-abcdef", "s3cretpass", "hunter2", "abc123sig",
           "q9q9q9key", "Bearer eyJhbGciOi")


@pytest.mark.parametrize("key", ["token", "hf_token", "use_auth_token", "api_key", "apiKey", "OPENAI_API_KEY", "aws_secret_access_key",
                                 "client_secret", "password", "auth", "Authorization", "x-api-key", "sig", "private_key",
                                 "api_keys", "apiKeys", "no_auth", "secret_name"])
def test_credential_names(key):
    assert credential_key(key)


@pytest.mark.parametrize("key", ["tokenizer", "pad_token", "add_bos_token", "max_tokens", "max_new_tokens", "author",
                                 "base_url", "temperature", "answer_key", "pretrained", "trust_remote_code",
                                 # review 5 C3: a count, a tokenizer token, lookup keys, a type, a jar
                                 "sig_figs", "eot_token", "dataset_key", "metric_key", "primary_key", "auth_type", "cookie_jar",
                                 "api_key_env", "key_path", "num_keys"])
def test_names_that_are_not_credentials(key):
    assert not credential_key(key)


@pytest.mark.parametrize("text, kept", [
    (f"pretrained=x,token={HF},dtype=auto", f"pretrained=x,token={CREDENTIAL_MARK},dtype=auto"),
    ("use_auth_token=True,add_bos_token=True,pad_token=<pad>", "use_auth_token=True,add_bos_token=True,pad_token=<pad>"),
    (f"seed=1,note={GITHUB}", f"seed=1,note={CREDENTIAL_MARK}"),  # a token under an innocent name
    ("x=AKIAIOSFODNN7EXAMPLE", f"x={CREDENTIAL_MARK}"),
    ("password=my pass word,top_p=0.9", f"password={CREDENTIAL_MARK},top_p=0.9"),
    ("base_url=https://alice:s3cretpass@llm.internal:8000/v1?api_key=q9q9q9key&model=m",
     f"base_url=https://{CREDENTIAL_MARK}@llm.internal:8000/v1?api_key={CREDENTIAL_MARK}&model=m"),
    ("base_url=https://store.example/x?sv=2024&sig=abc123sig", f"base_url=https://store.example/x?sv=2024&sig={CREDENTIAL_MARK}"),
    ("default_headers=Authorization=Bearer eyJhbGciOi.x,timeout=5", f"default_headers=Authorization={CREDENTIAL_MARK},timeout=5"),
    ("headers=X: Bearer eyJhbGciOi.payload", f"headers=X: {CREDENTIAL_MARK}"),
    ("base_url=http://localhost:8000/v1,temperature=0.6", "base_url=http://localhost:8000/v1,temperature=0.6"),
    # review 5 C2: JSON and dict text, CLI flags, headers with a colon, quoted values, environment style
    ('{"api_key": "abc123def456", "model": "x"}', f'{{"api_key": {CREDENTIAL_MARK}, "model": "x"}}'),
    ("{'api_key': 'abc123def456'}", f"{{'api_key': {CREDENTIAL_MARK}}}"),
    ('api_key="abc,def",seed=1', f"api_key={CREDENTIAL_MARK},seed=1"),
    ("--api-key=abc123def456 --seed 1", f"--api-key={CREDENTIAL_MARK} --seed 1"),
    ("--hf-token abc123def456 --seed 1", f"--hf-token {CREDENTIAL_MARK} --seed 1"),
    ("Authorization: Basic dXNlcjpwYXNzd29yZA==", f"Authorization: {CREDENTIAL_MARK}"),
    ("headers=Authorization=Basic dXNlcjpwYXNzd29yZA==", f"headers=Authorization={CREDENTIAL_MARK}"),
    ("x-api-key: abc123def456", f"x-api-key: {CREDENTIAL_MARK}"),
    ("export HF_TOKEN=abc123def456", f"export HF_TOKEN={CREDENTIAL_MARK}"),
    ("base_url=http://h,api_key=EMPTY", "base_url=http://h,api_key=EMPTY"),  # a placeholder vLLM asks for
    ("server uses Bearer authentication everywhere", "server uses Bearer authentication everywhere"),  # prose (C3)
    ("sig_figs=3,eot_token=<|eot|>,primary_key=id,auth_type=oauth", "sig_figs=3,eot_token=<|eot|>,primary_key=id,auth_type=oauth"),
])
def test_credentials_are_removed_from_setting_text(text, kept):
    cleaned, removed = without_credentials(text)
    assert cleaned == kept
    assert bool(removed) == (cleaned != text)


def test_a_setting_named_like_a_credential_loses_its_value():
    settings, removed = public_settings({"api_key": "abc", "hf_token": "True", "model_args": f"token={HF},path=/home/alice/m"})
    assert settings == {"api_key": CREDENTIAL_MARK, "hf_token": "True", "model_args": f"token={CREDENTIAL_MARK},path=m",
                        "paths": "local paths reduced to their last part, private servers' addresses left out"}
    assert removed == ["api_key", "model_args (token)"]


def imported(tmp_path, name: str, data, *, zip_from=None) -> tuple[dict, str, str]:
    """Import one modified copy of a real file in-process: (document, its text, stderr)."""
    source = tmp_path / name
    if zip_from is None:
        source.write_text(json.dumps(data))
    else:
        with zipfile.ZipFile(zip_from) as old, zipfile.ZipFile(source, "w") as new:
            new.writestr("header.json", json.dumps(data))
    result = cli("import", source, "-o", tmp_path / "content/results" / (source.stem + ".yaml"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "content/results" / (source.stem + ".yaml")).read_text()
    for secret in SECRETS:
        assert secret not in text, (secret, text)
    assert result.stderr.count("removed credentials") == 1, result.stderr
    return yaml.safe_load(text), text, result.stderr


def test_lm_eval_model_args_as_text_publish_no_credential(tmp_path):
    data = json.loads(LLAMA.read_text())
    data["config"]["model_args"] = (f"pretrained=meta-llama/Meta-Llama-3-8B-Instruct,token={HF},"
                                    f"base_url=https://alice:s3cretpass@api.example.com/v1?key=q9q9q9key,api_key={OPENAI}")
    document, _, err = imported(tmp_path, "s.json", data)
    args = document["source"]["models"]["Meta-Llama-3-8B-Instruct"]["model_args"]
    assert args == (f"pretrained=meta-llama/Meta-Llama-3-8B-Instruct,token={CREDENTIAL_MARK},"
                    f"base_url=https://{CREDENTIAL_MARK}@api.example.com/v1?key={CREDENTIAL_MARK},api_key={CREDENTIAL_MARK}")
    assert "s.json: removed credentials from the run settings: model_args (token, key, api_key, a URL's user:password)" in err
    build_site(tmp_path / "content", tmp_path / "site")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            body = path.read_bytes()
            for secret in SECRETS:
                assert secret.encode() not in body, (secret, path)


def test_lm_eval_model_args_as_a_mapping_and_gen_kwargs(tmp_path):
    data = json.loads(LLAMA.read_text())
    data["config"]["model_args"] = {"pretrained": "meta-llama/Meta-Llama-3-8B-Instruct", "hf_token": HF, "use_auth_token": True}
    data["config"]["gen_kwargs"] = f"temperature=0.6,stop={GITHUB}"
    document, _, err = imported(tmp_path, "m.json", data)
    settings = document["source"]["models"]["Meta-Llama-3-8B-Instruct"]
    assert settings["model_args"] == f"hf_token={CREDENTIAL_MARK},pretrained=meta-llama/Meta-Llama-3-8B-Instruct,use_auth_token=true"
    assert settings["gen_kwargs"] == f"temperature=0.6,stop={CREDENTIAL_MARK}"
    assert "model_args (hf_token); gen_kwargs (a value shaped like a GitHub token)" in err


def test_lm_eval_0_3_model_args(tmp_path):
    data = json.loads((REAL / "lmeval_v03/opt-1.3b.json").read_text())
    data["config"]["model_args"] = "pretrained=facebook/opt-1.3b,use_accelerate=True,password=hunter2"
    document, _, _ = imported(tmp_path, "old.json", data)
    assert document["source"]["models"]["opt-1.3b"]["model_args"] == f"pretrained=facebook/opt-1.3b,use_accelerate=True,password={CREDENTIAL_MARK}"


def test_inspect_model_args_task_args_and_generate_config(tmp_path):
    eval_file = REAL / "inspect/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval"
    with zipfile.ZipFile(eval_file) as archive:
        header = json.loads(archive.read("header.json"))
    header["eval"]["model_args"] = {"api_key": OPENAI, "base_url": "https://bob:s3cretpass@llm.internal/v1",
                                    "default_headers": {"Authorization": "Bearer eyJhbGciOi.payload"}}
    header["eval"]["task_args"] = {"dataset_url": "https://data.example/popularity.csv?token=q9q9q9key"}
    header["eval"]["model_generate_config"] = {"temperature": 0.5, "extra_body": {"note": "xoxb-123456789012-abcdef"}}
    document, _, err = imported(tmp_path, "run.eval", header, zip_from=eval_file)
    settings = document["source"]["models"]["gpt-4o-mini"]
    assert settings["model_args"] == (f"api_key={CREDENTIAL_MARK},base_url=a private server,"  # llm.internal: a private network's host
                                      f"default_headers=Authorization={CREDENTIAL_MARK}")
    assert settings["task_args"] == f"dataset_url=https://data.example/popularity.csv?token={CREDENTIAL_MARK}"
    assert settings["gen_kwargs"] == f"extra_body=note={CREDENTIAL_MARK},temperature=0.5"
    for said in ("gen_kwargs (a value shaped like a Slack token)", "model_args (api_key, Authorization, a URL's user:password)",
                 "task_args (token)"):
        assert said in err


def test_lighteval_generation_parameters(tmp_path):
    data = json.loads((REAL / "lighteval_docs_example_gpt2_gsm8k_results.json").read_text())
    data["config_general"]["generation_parameters"] = {"temperature": 0.0, "seed": 1, "stop_sequence": [HF]}
    document, _, _ = imported(tmp_path, "light.json", data)
    assert document["source"]["models"]["gpt2"]["gen_kwargs"] == f"seed=1,stop_sequence={CREDENTIAL_MARK},temperature=0.0"


def test_every_eval_ever_source_fields(tmp_path):
    data = json.loads((REPO / "tests/fixtures/every_eval_ever/mmlu-pro_tiger-lab_yi-1.5-34b-chat.json").read_text())
    data["source_metadata"]["source_name"] = f"MMLU-Pro Leaderboard (export key {OPENAI})"
    document, _, _ = imported(tmp_path, "eee.json", data)
    assert next(iter(document["source"]["models"].values()))["name"] == f"MMLU-Pro Leaderboard (export key {CREDENTIAL_MARK})"
