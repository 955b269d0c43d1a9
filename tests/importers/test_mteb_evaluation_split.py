"""An MTEB score comes from the split MTEB evaluates the task on: MSMARCO on dev (its task
metadata says eval_splits=["dev"]; the leaderboard's all-MiniLM-L6-v2 figure is 36.54), not the
file's test split (63.685), which MTEB does not score it on. The table is MTEB's own metadata
(src/benchboard/importers/mteb_eval_splits.json); a task it does not list keeps test, else dev,
validation. The real file is all-MiniLM-L6-v2's MSMARCO of mteb 0.0.2
(tests/fixtures/real-results/SOURCES-fourth-pass.md)."""

from __future__ import annotations

import json

import yaml

from benchboard.importers.mteb import eval_split, task_eval_splits
from helpers import REPO, cli

REAL = REPO / "tests/fixtures/real-results"
MSMARCO = REAL / "mteb_old_layout/results/all-MiniLM-L6-v2/MSMARCO.json"


def imported(*paths) -> tuple[dict, str]:
    result = cli("import", *paths, "-o", "-")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return yaml.safe_load(result.stdout), result.stderr


def test_msmarco_is_imported_from_dev_the_split_mteb_evaluates_it_on():
    document, err = imported(MSMARCO)
    assert document["models"][0]["name"] == "all-MiniLM-L6-v2"
    assert document["models"][0]["scores"]["MSMARCO"]["value"] == 36.542  # ndcg_at_10 of dev, x100
    assert document["source"]["models"]["all-MiniLM-L6-v2"]["split"] == "dev"
    assert "MSMARCO has the splits dev, test; imported dev (the split MTEB evaluates it on)" in err


def test_a_task_the_table_does_not_list_keeps_test_then_dev_then_validation():
    assert eval_split("MSMARCO", {"test": [], "dev": []}) == ("dev", None)
    assert eval_split("SciFact", {"train": [], "test": []}) == ("test", None)
    assert eval_split("SomeNewTask", {"validation": [], "dev": []}) == ("dev", None)
    assert eval_split("SomeNewTask", {"train": []}) == ("train", None)


def test_a_file_without_the_tasks_own_split_says_so_on_the_page(tmp_path):
    data = json.loads(MSMARCO.read_text(encoding="utf-8"))
    del data["dev"]
    folder = tmp_path / "results" / "all-MiniLM-L6-v2"
    folder.mkdir(parents=True)
    (folder / "MSMARCO.json").write_text(json.dumps(data), encoding="utf-8")
    document, _ = imported(folder / "MSMARCO.json")
    assert document["source"]["models"]["all-MiniLM-L6-v2"]["split"] == "test"
    assert ("all-MiniLM-L6-v2: MSMARCO was imported from the test split: MTEB evaluates it on dev, "
            "which the file does not hold.") in document["source"]["warnings"]


def test_the_table_is_mteb_metadata_of_tasks_evaluated_on_no_test_split():
    table = task_eval_splits()
    assert table["MSMARCO"] == ["dev"] and table["MIRACLRetrieval"] == ["dev"]
    assert not any(s.split(".")[0] == "test" for splits in table.values() for s in splits)
    assert "SciFact" not in table and "MassiveIntentClassification" not in table  # test is among theirs
    source = json.loads((REPO / "src/benchboard/importers/mteb_eval_splits.json").read_text(encoding="utf-8"))
    assert len(source["commit"]) == 40 and "eval_splits" in source["source"]
