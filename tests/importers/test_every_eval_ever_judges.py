"""Every Eval Ever records a model-graded score's judge(s) in ``metric_config.llm_scoring.judges``.
The judge is part of what the column measures, as for inspect, AlpacaEval and HELM: the column is
named "(judge: X)" and the run's settings record ``judge``. The real log is the inspect SimpleQA
Verified run of claude-opus-4-6 graded by google/gemini-2.0-flash-001, converted to Every Eval
Ever (tests/fixtures/every_eval_ever/README.md)."""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from benchboard.importers.everyevalever import judges_of
from helpers import REPO, cli

SIMPLEQA = REPO / "tests/fixtures/every_eval_ever/SimpleQA-Verified_anthropic_claude-opus-4-6.json"
JUDGE = "google/gemini-2.0-flash-001"


def imported(*paths) -> tuple[dict, str]:
    result = cli("import", *paths, "-o", "-")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return yaml.safe_load(result.stdout), result.stderr


def test_the_judge_of_a_real_log_names_the_column_and_is_in_the_settings():
    document, _ = imported(SIMPLEQA)
    column = f"simpleqa_scorer (judge: {JUDGE})"
    assert [b["name"] for b in document["benchmarks"]] == [column]
    assert document["models"][0]["scores"][column]["value"] == pytest.approx(43.1)
    assert document["source"]["models"]["claude-opus-4-6"]["judge"] == JUDGE


def test_two_judges_are_two_columns(tmp_path):
    data = json.loads(SIMPLEQA.read_text(encoding="utf-8"))
    data["model_info"] = {**data["model_info"], "id": "openai/gpt-4o", "name": "openai/gpt-4o"}
    data["evaluation_results"][0]["metric_config"]["llm_scoring"]["judges"][0]["model_info"]["id"] = "openai/gpt-4.1"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    document, _ = imported(SIMPLEQA, other)
    assert [b["name"] for b in document["benchmarks"]] == [
        f"simpleqa_scorer (judge: {JUDGE})", "simpleqa_scorer (judge: openai/gpt-4.1)"]


def test_a_jury_and_no_judge():
    config = json.loads(SIMPLEQA.read_text(encoding="utf-8"))["evaluation_results"][0]["metric_config"]
    assert judges_of(config) == JUDGE
    jury = copy.deepcopy(config)
    jury["llm_scoring"]["judges"].append({"model_info": {"name": "openai/gpt-4o"}})
    jury["llm_scoring"]["aggregation_method"] = "majority_vote"
    assert judges_of(jury) == f"{JUDGE}, openai/gpt-4o (majority vote)"
    assert judges_of({"metric_name": "accuracy"}) is None
    assert judges_of({"llm_scoring": {"judges": "not a list"}}) is None


def test_a_name_that_already_carries_its_judge_is_not_named_twice(tmp_path):
    data = json.loads(SIMPLEQA.read_text(encoding="utf-8"))
    data["evaluation_results"][0]["evaluation_name"] = f"simpleqa (judge: {JUDGE})"  # as build-site export names it
    path = tmp_path / "named.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    document, _ = imported(path)
    assert [b["name"] for b in document["benchmarks"]] == [f"simpleqa (judge: {JUDGE})"]
