"""Every Eval Ever: `build-site export` writes aggregate logs valid against the project's own
eval.schema.json (0.3.0), with the site's numbers and intervals; the every-eval-ever reader
reads a lab's published logs back in, and an export imports back to the same scores."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from benchboard import importers
from benchboard.analyse.verdicts import score_interval
from benchboard.load.content import load_site
from benchboard.load.units import units
from helpers import EXAMPLE, REPO, cli, write_tree

SCHEMA = json.loads((REPO / "tests/fixtures/every_eval_ever/eval.schema.json").read_text())
EEE = REPO / "tests/fixtures/every_eval_ever"


def parse(*argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build-site")
    importers.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["import", *map(str, argv)])


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("eee") / "logs"
    result = cli("export", EXAMPLE, out, "--organization", "Example Lab", "--relationship", "third_party",
                     env={"SOURCE_DATE_EPOCH": "1750000000"})
    assert result.returncode == 0, result.stderr
    assert "wrote 6 Every Eval Ever logs for 2 reports" in result.stdout
    return out


def logs(folder: Path) -> dict[str, dict]:
    return {p.relative_to(folder).as_posix(): json.loads(p.read_text()) for p in sorted(folder.rglob("*.json"))}


def test_every_exported_log_is_valid_against_the_projects_schema(exported):
    validator = jsonschema.Draft7Validator(SCHEMA)
    found = logs(exported)
    assert len(found) == 6
    for path, log in found.items():
        errors = [e.message for e in validator.iter_errors(log)]
        assert not errors, (path, errors)
        assert log["schema_version"] == SCHEMA["version"] == "0.3.0"
        assert log["retrieved_timestamp"] == "1750000000"
        assert log["source_metadata"] == {**log["source_metadata"], "source_type": "documentation",
                                          "source_organization_name": "Example Lab", "evaluator_relationship": "third_party"}
    # the project's layout: REPORT/DEVELOPER/MODEL/UUID.json, the developer from the model's Hub id
    assert any(p.startswith("open-llm-8b/meta-llama/Llama-3.1-8B-Instruct/") for p in found)


def test_scores_and_intervals_are_the_sites_on_the_0_1_scale(exported):
    site, _ = load_site(EXAMPLE)
    report = next(r for r in site.reports if r.slug == "distilled-reasoning")
    unit_of = units(report)
    by_model = {log["model_info"]["name"]: log for log in logs(exported).values() if log["evaluation_id"].startswith("distilled-reasoning/")}
    checked = 0
    for model in report.models:
        results = {r["evaluation_name"]: r for r in by_model[model.key]["evaluation_results"]}
        assert set(results) == set(model.scores)
        for bench in report.benchmarks:
            if bench.name not in model.scores:
                continue
            result = results[bench.name]
            score = model.scores[bench.name]
            assert result["metric_config"]["metric_unit"] == "proportion"
            assert (result["metric_config"]["min_score"], result["metric_config"]["max_score"]) == (0.0, 1.0)
            assert result["score_details"]["score"] == pytest.approx(score.value / 100, abs=1e-15)
            assert repr(result["score_details"]["score"]) == repr(float(f"{score.value / 100:.12g}"))  # 76.5 -> 0.765 exactly
            assert result["score_details"]["details"]["display"] == score.display
            known = score_interval(report, bench, model, unit_of[bench.name])
            uncertainty = result["score_details"].get("uncertainty", {})
            if known is None:
                assert "confidence_interval" not in uncertainty and bench.n is None
            else:
                interval = uncertainty["confidence_interval"]
                assert interval["lower"] == pytest.approx(known[0] / 100) and interval["upper"] == pytest.approx(known[1] / 100)
                assert interval["confidence_level"] == 0.95 and interval["method"].startswith("wilson")
                assert uncertainty["num_samples"] == bench.n
            assert result["metric_config"]["lower_is_better"] is (not bench.higher_is_better)
            checked += 1
    assert checked > 10


def test_a_re_export_is_the_same_record(exported, tmp_path):
    again = tmp_path / "again"
    assert cli("export", EXAMPLE, again, "--organization", "Example Lab", "--relationship", "third_party",
                   env={"SOURCE_DATE_EPOCH": "1750000000"}).returncode == 0
    assert logs(again) == logs(exported)  # same paths (UUIDs from the evaluation_id), same bytes of data
    for log in logs(again).values():
        assert "1750000000" not in log["evaluation_id"]  # never keyed on the export time


def test_export_of_bad_content_is_a_content_error(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: [\n", "results/x.yaml": "title: X\n"})
    result = cli("export", content, tmp_path / "out")
    assert result.returncode == 1 and "site.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_a_labs_published_logs_import(tmp_path, capsys):
    out = tmp_path / "results/eee.yaml"
    code = importers.run(parse(EEE / "hfopenllm_v2_TencentARC_LLaMA-Pro-8B-Instruct.json", EEE / "mmlu-pro_tiger-lab_yi-1.5-34b-chat.json", "-o", out))
    err = capsys.readouterr().err
    assert code == 0, err
    document = yaml.safe_load(out.read_text())
    names = [m["name"] for m in document["models"]]
    assert names == ["LLaMA-Pro-8B-Instruct", "yi-1.5-34b-chat"]
    llama = document["models"][0]["scores"]
    assert llama["IFEval"] == {"value": 44.86}
    benchmarks = {b["name"]: b for b in document["benchmarks"]}
    assert benchmarks["IFEval"]["unit"] == "percent" and benchmarks["IFEval"]["metric"] == "score"  # 0.2.0: bounds 0-1, no metric name
    assert benchmarks["MMLU-Pro (overall)"]["metric"] == "accuracy"  # the metric named after the eval: its kind
    assert document["models"][1]["scores"]["MMLU-Pro (overall)"]["value"] == 52.29
    assert len([b for b in benchmarks if b.startswith("MMLU-Pro (")]) == 15
    settings = document["source"]["models"]["yi-1.5-34b-chat"]
    assert settings["organization_name"] == "TIGER-Lab" and settings["evaluator_relationship"] == "third_party"


def test_an_export_imports_back_to_the_same_scores(exported, tmp_path, capsys):
    files = sorted(p for p in exported.rglob("*.json") if p.parts[-4] == "open-llm-8b")
    out = tmp_path / "results/back.yaml"
    code = importers.run(parse("every-eval-ever", *files, "-o", out))
    assert code == 0, capsys.readouterr().err
    back = yaml.safe_load(out.read_text())
    original = yaml.safe_load((EXAMPLE / "results/open-llm-8b.yaml").read_text())
    for model in original["models"]:
        mine = next(m for m in back["models"] if m["name"] == model["name"].split("/")[-1])
        for bench, score in model["scores"].items():
            value = score["value"] if isinstance(score, dict) else score
            assert mine["scores"][bench]["value"] == pytest.approx(value, rel=1e-15)  # /100 then x100: within a double's last digit
            if isinstance(score, dict) and score.get("stderr"):
                assert mine["scores"][bench]["stderr"] == pytest.approx(score["stderr"], rel=1e-12)
    metrics = {b["name"]: b["metric"] for b in back["benchmarks"]}
    assert metrics == {b["name"]: b["metric"] for b in original["benchmarks"]}
