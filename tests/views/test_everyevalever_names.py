"""The Every Eval Ever export names a model as the site does (`name`: models.yaml's name) and
keeps the result file's spelling as `name_in_report`, the same meaning as api/scores.json's
field (review 2, R1: both gave the registry's name instead of the file's)."""

from __future__ import annotations

from benchboard.load.content import load_site
from benchboard.views.everyevalever import model_log
from helpers import write_tree

RESULT = ("title: Ties\nbenchmarks: [{name: A, metric: acc, n: 100}]\nmodels:\n"
          "  - {name: x-model, scores: {A: 79.0}}\n  - {name: Y, scores: {A: 70.0}}\n")


def _details(tmp_path, registry: str) -> dict[str, dict]:
    site, _ = load_site(write_tree(tmp_path / "content", {"models.yaml": registry, "results/ties.yaml": RESULT}))
    (report,) = site.reports
    logs = [model_log(report, site.config, m, retrieved="0", organization=None, relationship="third_party") for m in report.models]
    return {log["model_info"]["name"]: log["model_info"] for log in logs}


def test_a_renamed_model_keeps_the_files_name_in_report(tmp_path):
    info = _details(tmp_path, "models:\n  - {name: X, aliases: [x-model]}\n")
    assert info["X"]["additional_details"]["name_in_report"] == "x-model"
    assert "name_in_report" not in info["Y"]["additional_details"]  # the same name: not repeated


def test_a_model_named_by_its_hub_id_gives_the_files_name(tmp_path):
    registry = "models:\n  - {name: X, aliases: [x-model], url: 'https://huggingface.co/org/x-model'}\n"
    info = _details(tmp_path, registry)
    assert info["X"]["id"] == "org/x-model" and info["X"]["additional_details"]["name_in_report"] == "x-model"
