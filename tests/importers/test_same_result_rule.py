"""When two scores of one model on one task are "the same result" (imported once) and when they are
two runs (two rows). Same only when the values are equal at the precision both were written with
and the runs' settings agree: pythia-410m's 0-shot and 5-shot lm-eval 0.3 files in one folder are
two runs (0.3 is not 0.33 written with fewer digits; equal accuracies under num_fewshot 0 and 5
are two results), while a copied file, a summary beside its own results file and a row repeated in
snapshots of one AlpacaEval leaderboard are one result. Real files, see
tests/fixtures/real-results/SOURCES-third-pass.md."""

from __future__ import annotations

import argparse
import shutil

import pytest
import yaml

from benchboard import importers
from benchboard.importers.common import Run, TaskScore
from benchboard.importers.duplicates import equal_as_written, one_run, same_result
from helpers import REPO

REAL = REPO / "tests/fixtures/real-results"
PYTHIA = REAL / "lmeval_v03_pythia"
ZERO = PYTHIA / "pythia-v1_pythia-410m_zero-shot_410m_step93000.json"
FIVE = PYTHIA / "pythia-v1_pythia-410m_five-shot_410m-5shot_step93000.json"
SNAPSHOTS = sorted((REAL / "alpacaeval_snapshots").glob("*/*/leaderboard.csv"))
MODEL = "pythia-v1.1-410m @ step93000"


def imported(tmp_path, capsys, *argv) -> tuple[int, dict | None, str]:
    out = tmp_path / "content" / "results" / "r.yaml"
    parser = argparse.ArgumentParser(prog="build-site")
    importers.add_parser(parser.add_subparsers(dest="command"))
    code = importers.run(parser.parse_args(["import", *map(str, argv), "-o", str(out), "--force"]))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, yaml.safe_load(out.read_text(encoding="utf-8")) if code == 0 else None, err


def row(document: dict, suffix: str) -> dict:
    return next(m["scores"] for m in document["models"] if m["name"].endswith(suffix))


def test_zero_and_five_shot_files_in_one_folder_are_two_runs_with_every_score(tmp_path, capsys):
    code, document, err = imported(tmp_path, capsys, ZERO, FIVE)
    assert code == 0, err
    assert "same result" not in err
    zero, five = row(document, "zero-shot_410m_step93000)"), row(document, "five-shot_410m-5shot_step93000)")
    assert len(zero) == 87 and len(five) == 65  # every task of each file, none dropped
    # acc 0.3 at 0-shot (30 of 100), 0.33 at 5-shot: different results, not one written with fewer digits
    assert zero["hendrycksTest-us_foreign_policy"]["value"] == pytest.approx(30.0)
    assert five["hendrycksTest-us_foreign_policy"]["value"] == pytest.approx(33.0)
    # equal acc (0.22580645161290322 in both), but num_fewshot 0 and 5: two results, each kept
    assert zero["hendrycksTest-high_school_biology"]["value"] == five["hendrycksTest-high_school_biology"]["value"]
    settings = document["source"]["models"]
    assert sorted(s["num_fewshot"] for s in settings.values()) == ["0", "5"]


def test_the_same_file_copied_is_one_result(tmp_path, capsys):
    copy = tmp_path / "runs" / "copy_of_zero_shot.json"
    copy.parent.mkdir()
    shutil.copy(ZERO, tmp_path / "runs" / ZERO.name)
    shutil.copy(ZERO, copy)
    code, document, err = imported(tmp_path, capsys, tmp_path / "runs" / ZERO.name, copy)
    assert code == 0, err
    assert [m["name"] for m in document["models"]] == [MODEL]
    assert len(document["models"][0]["scores"]) == 87
    assert "hendrycksTest-us_foreign_policy is the same result in" in err and "imported once, at full precision" in err


def test_alpacaeval_leaderboard_snapshots_give_each_identical_row_once(tmp_path, capsys):
    code, document, err = imported(tmp_path, capsys, *SNAPSHOTS)
    assert code == 0, err
    names = [m["name"] for m in document["models"]]
    # 3 snapshots of one leaderboard (200 + 185 + 97 model rows once the references are left out);
    # 202 distinct models, 7 of them with a row that differs between snapshots (two rows each)
    assert len(names) == 209 and len(set(names)) == 209
    assert "gpt4_gamed" in names and not any(n.startswith("gpt4_gamed (") for n in names)
    # identical in both snapshots that list it (win_rate 3.7383373713788814, stderr 0.6278799633668313, n 805): one row
    assert row(document, "gpt4_gamed")["AlpacaEval (weighted_alpaca_eval_gpt4_turbo)"]["value"] == pytest.approx(3.7383373713788814)
    # the 2023 snapshot recomputed claude's rate as 16.98534361252407 (16.98534361236025 in the
    # later ones, n_wins and n_total equal): float noise, one result; it listed gpt4 as "minimal",
    # the later ones as "verified": a listing, not a setting of the run
    assert "claude" in names and "gpt4" in names
    # a row that differs (text_davinci_001: n_total 803 in the later snapshots, 805 in 2023) is two
    # runs, kept apart as the documented rule says
    assert {n for n in names if n.startswith("text_davinci_001")} == {
        "text_davinci_001 (Llama3-PBM-Nova-70B)", "text_davinci_001 (internlm2-chat-20b-ppo)"}


def score(value, *, decimals=None, stderr=None, fewshot=None, n=None) -> TaskScore:
    return TaskScore("t", "t", "acc", value, stderr, n, fewshot=fewshot, decimals=decimals)


def test_a_value_written_with_fewer_digits_never_swallows_a_different_one():
    assert not same_result(score(0.3), score(0.33))  # JSON's 0.3 is the number 0.3
    assert same_result(score(70.52, decimals=2), score(70.51597051597052))  # a summary's rounding of it
    assert not same_result(score(70.52, decimals=2), score(70.53))
    assert not same_result(score(70.5, decimals=1), score(70.56))  # rounds to 70.6
    assert same_result(score(70.5, decimals=1), score(70.52, decimals=2))
    assert not same_result(score(0.5, stderr=0.05), score(0.5, stderr=0.04))
    assert not same_result(score(0.5, fewshot="0"), score(0.5, fewshot="5"))
    assert not same_result(score(0.5, n=100), score(0.5, n=200))
    assert equal_as_written(16.98534361236025, None, 16.98534361252407, None)  # float noise of a recomputation
    assert not equal_as_written(0.2258, None, 0.2259, None)


def test_runs_whose_settings_differ_are_never_one_run():
    a = Run("runs/a.json", "h", None, "m", settings={"num_fewshot": "0", "batch_size": "16"})
    b = Run("runs/b.json", "h", None, "m", settings={"num_fewshot": "5", "batch_size": "16"})
    assert not one_run(a, b)
    b.settings["num_fewshot"] = "0"
    assert one_run(a, b)
    c = Run("runs/c.json", "h", None, "m", settings={"num_fewshot": "0"})  # a setting only one records: no conflict
    assert one_run(a, c)
    elsewhere = Run("other/a.json", "h", None, "m", settings=dict(a.settings))  # same kind, another folder
    assert not one_run(a, elsewhere)


def test_a_huge_rounded_value_is_compared_without_a_crash():
    """The code review: 1e26 written with decimals raised decimal.InvalidOperation (28-digit
    context) before the importer's own range check could refuse the value."""
    assert equal_as_written(1e26, 2, 1e26, 2) and not equal_as_written(1e26, 2, 2e26, 2)
    assert equal_as_written(1.7e308, 2, 1.7e308, None)
