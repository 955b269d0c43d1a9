"""MTEB files before 1.11 do not write main_score: a task whose own main score is not its type's
(BSARDRetrieval: recall_at_100, where retrieval's is ndcg_at_10) gets its own, from MTEB's task
metadata (src/benchboard/importers/mteb_main_scores.json), as the MTEB leaderboard shows it. The
real file is all-MiniLM-L6-v2's BSARDRetrieval of mteb 1.1.2.dev0
(tests/fixtures/real-results/SOURCES-third-pass.md)."""

from __future__ import annotations

import json

import pytest
import yaml

from benchboard.importers.mteb import task_main_scores
from helpers import REPO, cli

REAL = REPO / "tests/fixtures/real-results"
BSARD = REAL / "mteb_legacy/sentence-transformers__all-MiniLM-L6-v2/8b3219a92973c328a8e22fadcfa821b5dc75636a/BSARDRetrieval.json"


def imported(*paths) -> dict:
    result = cli("import", *paths, "-o", "-")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return yaml.safe_load(result.stdout)


def test_an_old_file_of_a_task_with_its_own_main_score_gets_it():
    document = imported(BSARD)
    assert [(b["name"], b["metric"]) for b in document["benchmarks"]] == [("BSARDRetrieval", "recall_at_100")]
    assert document["models"][0]["name"] == "all-MiniLM-L6-v2"


def test_the_value_is_the_task_s_own_main_score(tmp_path):
    data = json.loads(BSARD.read_text(encoding="utf-8"))
    data["test"] = {"ndcg_at_10": 0.1, "recall_at_100": 0.4}  # the real file's are both 0.0
    folder = tmp_path / "results" / "org__model" / "rev"
    folder.mkdir(parents=True)
    (folder / "BSARDRetrieval.json").write_text(json.dumps(data), encoding="utf-8")
    document = imported(folder / "BSARDRetrieval.json")
    assert document["models"][0]["scores"]["BSARDRetrieval"]["value"] == pytest.approx(40.0)
    del data["test"]["recall_at_100"]  # a file without the task's own metric: the type's, as before
    (folder / "BSARDRetrieval.json").write_text(json.dumps(data), encoding="utf-8")
    assert imported(folder / "BSARDRetrieval.json")["benchmarks"][0]["metric"] == "ndcg_at_10"


def test_the_table_holds_only_tasks_that_differ_from_their_type():
    table = task_main_scores()
    assert table["BSARDRetrieval"] == "recall_at_100"
    assert "STSBenchmark" not in table and "SciFact" not in table and "Banking77Classification" not in table
    source = json.loads((REPO / "src/benchboard/importers/mteb_main_scores.json").read_text(encoding="utf-8"))
    assert source["commit"] and "TaskMetadata" in source["source"]
