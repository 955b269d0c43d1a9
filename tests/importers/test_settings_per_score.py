"""What describes one score (an MTEB task's split, subsets, languages, dataset revision) is
written under that score's benchmark, never as the whole model's: multilingual-e5-base's
MassiveIntentClassification over da, nb, sv and its STS22 over zh only made the model's settings
say "subsets: da, nb, sv", shown beside its STS22 score. Real files of VarunNSrivastava/mteb-results
(tests/fixtures/real-results/SOURCES-fourth-pass.md)."""

from __future__ import annotations

from benchboard.importers.common import TaskScore
from benchboard.importers.duplicates import same_result
from benchboard.importers.merging import task_settings

from .test_mteb_evaluation_split import MSMARCO, REAL, imported

E5_BASE = REAL / "mteb_old_layout/results/multilingual-e5-base"
BSARD = REAL / "mteb_legacy/sentence-transformers__all-MiniLM-L6-v2/8b3219a92973c328a8e22fadcfa821b5dc75636a/BSARDRetrieval.json"


def test_each_tasks_subsets_are_named_with_the_task():
    document, _ = imported(E5_BASE / "MassiveIntentClassification.json", E5_BASE / "STS22.json")
    settings = document["source"]["models"]["multilingual-e5-base"]
    assert settings["subsets"] == "MassiveIntentClassification: da, nb, sv; STS22: zh"
    assert settings["dataset_revision"] == "MassiveIntentClassification: 31efe3c427b0; STS22: 6d1ba4716417"
    assert settings["split"] == "test"  # one value every score shares is said once


def test_each_tasks_split_is_named_with_the_task_when_they_differ():
    document, _ = imported(MSMARCO, BSARD)
    assert document["source"]["models"]["all-MiniLM-L6-v2"]["split"] == "MSMARCO: dev; BSARDRetrieval: test"


def test_a_value_most_scores_share_is_said_once_for_the_others():
    scores = [("A", {"split": "test"}), ("MSMARCO", {"split": "dev"}), ("C", {"split": "test"})]
    assert task_settings(scores) == {"split": "MSMARCO: dev; other benchmarks: test"}
    # a score without the setting is not described by the others' value
    assert task_settings([("A", {"subsets": "de, en"}), ("B", {})]) == {"subsets": "A: de, en"}
    assert task_settings([("A", {"subsets": "x"}), ("B", {"subsets": "x"}), ("C", {})]) == {"subsets": "A: x; B: x"}


def test_two_scores_of_other_splits_are_not_one_result():
    def score(split):
        return TaskScore("MSMARCO", "MSMARCO", "ndcg_at_10", 0.36, settings={"split": split})
    assert same_result(score("dev"), score("dev"))
    assert not same_result(score("dev"), score("test"))
