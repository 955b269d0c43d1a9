"""The inspect importer ignored the judge of a model-graded scorer: two runs graded by different
judges (scorer ``options.model``, score ``params.model`` or ``eval.model_roles.grader``) became
one column with no warning, ranking models scored by different graders against each other. The
judge is now part of the column, as AlpacaEval's annotator is ("popularity (judge: openai/gpt-4o)"),
and the run's settings record the scorer and the judge. Tested on modified copies of real logs."""

from __future__ import annotations

import json
import zipfile

import yaml

from helpers import REPO, cli

REAL = REPO / "tests/fixtures/real-results"
POPULARITY = REAL / "inspect/2025-05-12T20-28-13-04-00_popularity.json"


def graded(tmp_path, name: str, model: str, *, judge=None, in_params=False, role=None, scorer="model_graded_qa"):
    """A copy of the real popularity log scored by a model-graded scorer."""
    data = json.loads(POPULARITY.read_text())
    data["eval"]["model"] = model
    options = {"model": judge} if judge and not in_params else {}
    data["eval"]["scorers"] = [{"name": scorer, "options": options, "metadata": {},
                                "metrics": [{"name": "inspect_ai/accuracy", "options": {}}]}]
    for entry in data["results"]["scores"]:
        entry["name"] = entry["scorer"] = scorer
        entry["params"] = {"model": judge} if judge else {}
    if role:
        data["eval"]["model_roles"] = {"grader": {"model": role, "config": {}, "base_url": None, "args": {}}}
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def imported(*paths) -> tuple[dict, str]:
    result = cli("import", *paths, "-o", "-")
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout), result.stderr


def columns(document: dict) -> dict[str, list[str]]:
    return {b["name"]: [m["name"] for m in document["models"] if b["name"] in m["scores"]] for b in document["benchmarks"]}


def test_two_judges_are_two_columns(tmp_path):
    document, _ = imported(graded(tmp_path, "jj0.json", "openai/gpt-4o-mini", judge="openai/gpt-4o"),
                           graded(tmp_path, "jj1.json", "ollama/llama3.1", judge="anthropic/claude-3-5-sonnet"))
    assert columns(document) == {"popularity (judge: openai/gpt-4o)": ["gpt-4o-mini"],
                                 "popularity (judge: anthropic/claude-3-5-sonnet)": ["llama3.1"]}
    settings = document["source"]["models"]
    assert (settings["gpt-4o-mini"]["scorer"], settings["gpt-4o-mini"]["judge"]) == ("model_graded_qa", "openai/gpt-4o")
    assert settings["llama3.1"]["judge"] == "anthropic/claude-3-5-sonnet"


def test_one_judge_is_one_column(tmp_path):
    document, _ = imported(graded(tmp_path, "a.json", "openai/gpt-4o-mini", judge="openai/gpt-4o", in_params=True),
                           graded(tmp_path, "b.json", "ollama/llama3.1", judge="openai/gpt-4o"))
    assert columns(document) == {"popularity (judge: openai/gpt-4o)": ["gpt-4o-mini", "llama3.1"]}


def test_the_judge_given_as_the_grader_role(tmp_path):
    document, _ = imported(graded(tmp_path, "r0.json", "openai/gpt-4o-mini", role="openai/gpt-4o"),
                           graded(tmp_path, "r1.json", "ollama/llama3.1", role="anthropic/claude-3-5-sonnet"))
    assert list(columns(document)) == ["popularity (judge: openai/gpt-4o)", "popularity (judge: anthropic/claude-3-5-sonnet)"]
    assert document["source"]["models"]["gpt-4o-mini"]["model_roles"] == "grader=openai/gpt-4o"


def test_a_majority_vote_of_judges_and_a_judge_on_a_local_path(tmp_path):
    document, _ = imported(graded(tmp_path, "v.json", "openai/gpt-4o-mini", judge=["openai/gpt-4o", "vllm//home/alice/judge"]))
    assert list(columns(document)) == ["popularity (judge: openai/gpt-4o, vllm/judge)"]
    assert "alice" not in json.dumps(document)


def test_a_model_graded_scorer_without_a_judge_graded_with_the_model_itself(tmp_path):
    # A real log: model_graded_fact(instructions=...) with no model and no grader role, so inspect
    # graded gpt-4o-mini's answers with gpt-4o-mini.
    document, err = imported(REAL / "inspect_reruns/2024-11-05T13-31-45-05-00_input-task_8zXjbRzCWrL9GXiXo2vus9.json")
    assert list(columns(document)) == ["input_task (self-graded)"]
    settings = document["source"]["models"]["gpt-4o-mini"]
    assert (settings["scorer"], settings["judge"]) == ("model_graded_fact", "the evaluated model (openai/gpt-4o-mini)")
    assert "each model judged its own answers" in err and any("judged its own" in w for w in document["source"]["warnings"])


def test_a_scorer_that_is_not_model_graded_keeps_the_task_as_its_column():
    document, _ = imported(POPULARITY)
    assert list(columns(document)) == ["popularity"]
    assert document["source"]["models"]["gpt-4o-mini"]["scorer"] == "match"
    assert "judge" not in document["source"]["models"]["gpt-4o-mini"]


def test_the_judge_in_an_eval_archive(tmp_path):
    source = REAL / "inspect/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval"
    copy = tmp_path / "judged.eval"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(copy, "w") as new:
        header = json.loads(old.read("header.json"))
        header["eval"]["scorers"][0].update(name="model_graded_fact", options={"model": "openai/gpt-4o"})
        for entry in header["results"]["scores"]:
            entry["name"] = entry["scorer"] = "model_graded_fact"
        new.writestr("header.json", json.dumps(header))
    document, _ = imported(copy)
    assert list(columns(document)) == ["popularity (judge: openai/gpt-4o)"]
