"""A model-graded inspect scorer names its judge argument as its author chose: inspect's own
scorers ``model``, inspect_evals' SimpleQA ``grader_model``, others ``judge_model``, ``judge``,
``scorer_model`` (XSTest). Whatever the name, the judge is part of the column and the settings,
so that two judges are never one column. The real log is SimpleQA Verified graded by
google/gemini-2.0-flash-001 (tests/fixtures/real-results/SOURCES-third-pass.md)."""

from __future__ import annotations

import json

import pytest
import yaml

from benchboard.importers.inspectai import SELF_GRADED, judge_of
from helpers import REPO, cli

SIMPLEQA = REPO / "tests/fixtures/real-results/inspect_judged/simpleqa_verified_data_with_llm_scoring.json"


def imported(*paths) -> tuple[dict, str]:
    result = cli("import", *paths, "-o", "-")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return yaml.safe_load(result.stdout), result.stderr


def test_the_grader_model_of_a_real_simpleqa_log_names_the_column():
    document, _ = imported(SIMPLEQA)
    assert [b["name"] for b in document["benchmarks"]] == ["simpleqa_verified (judge: google/gemini-2.0-flash-001)"]
    model = document["models"][0]
    assert model["name"] == "claude-opus-4-6"
    assert model["scores"]["simpleqa_verified (judge: google/gemini-2.0-flash-001)"]["value"] == pytest.approx(43.1)
    settings = document["source"]["models"]["claude-opus-4-6"]
    assert (settings["scorer"], settings["judge"]) == ("simpleqa_scorer", "google/gemini-2.0-flash-001")


@pytest.mark.parametrize("argument", ["model", "grader_model", "judge_model", "judge", "grader", "scorer_model",
                                      "judge_models", "evaluator_model"])
def test_every_usual_name_of_the_judge_argument(argument):
    log = {"scorers": [{"name": "some_scorer", "options": {argument: {"model": "openai/gpt-4o", "config": {}}}}]}
    assert judge_of(log, {}, "some_scorer") == "openai/gpt-4o"
    entry = {"name": "some_scorer", "params": {argument: "openai/gpt-4o"}}  # results.scores[].params
    assert judge_of({}, entry, "some_scorer") == "openai/gpt-4o"


def test_settings_of_a_judge_are_not_judges():
    log = {"scorers": [{"name": "s", "options": {"judge_max_tokens": 800, "judge_temperature": 0.0, "grader_template": "..."}}]}
    assert judge_of(log, {}, "s") is None


def test_a_judge_argument_left_empty():
    # inspect's model=None grades with the evaluated model; another scorer's empty judge argument
    # is its own default, which the log does not name
    assert judge_of({"scorers": [{"name": "model_graded_qa", "options": {"model": None}}]}, {}, "model_graded_qa") == SELF_GRADED
    assert judge_of({"scorers": [{"name": "mss_scorer", "options": {"judge_model": None}}]}, {}, "mss_scorer") == "mss_scorer's default"
    roles = {"model_roles": {"grader": {"model": "openai/gpt-4o"}}, "scorers": [{"name": "x", "options": {"grader_model": None}}]}
    assert judge_of(roles, {}, "x") == "openai/gpt-4o"


def test_two_judges_of_simpleqa_are_two_columns(tmp_path):
    data = json.loads(SIMPLEQA.read_text(encoding="utf-8"))
    data["eval"]["scorers"][0]["options"]["grader_model"]["model"] = "openai/gpt-4.1"
    for entry in data["results"]["scores"]:
        entry["params"]["grader_model"]["model"] = "openai/gpt-4.1"
    data["eval"]["model"] = "openai/gpt-4o"
    other = tmp_path / "other_judge.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    document, _ = imported(SIMPLEQA, other)
    assert [b["name"] for b in document["benchmarks"]] == [
        "simpleqa_verified (judge: google/gemini-2.0-flash-001)", "simpleqa_verified (judge: openai/gpt-4.1)"]
