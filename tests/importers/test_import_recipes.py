"""Import recipes (--save-recipe, --recipe) re-run an import to the same result file; --append
adds runs to an existing one with a merge's checks; bad recipes are path:line:col errors."""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from benchboard import importers
from benchboard.load.results import load_report_file

REPO = Path(__file__).resolve().parents[2]
V03 = REPO / "tests/fixtures/real-results/lmeval_v03"
LLAMA = "llama-30B_common_sense_reasoning_0-shot.json"
BLOOM = "bloom-3b_common_sense_reasoning_0-shot.json"
XGLM = "xglm-564M_common_sense_reasoning_0-shot.json"


def parse(*argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build-site")
    importers.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["import", *map(str, argv)])


def run(capsys, *argv) -> tuple[int, str]:
    code = importers.run(parse(*argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


@pytest.fixture
def lab(tmp_path, monkeypatch) -> Path:
    """A lab's folder: harness outputs in runs/ and a content/ tree; the working directory."""
    (tmp_path / "runs/2025-05").mkdir(parents=True)
    (tmp_path / "runs/2025-06").mkdir(parents=True)
    shutil.copy(V03 / LLAMA, tmp_path / "runs/2025-05" / LLAMA)
    shutil.copy(V03 / BLOOM, tmp_path / "runs/2025-05" / BLOOM)
    shutil.copy(V03 / XGLM, tmp_path / "runs/2025-06" / XGLM)
    (tmp_path / "content/results").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


OPTIONS = ["--title", "Common sense", "--tasks", "piqa", "--tasks", "hellaswag", "--tasks", "arc_*",
           "--rename", "piqa=PIQA", "--model-name", "LLaMA 30B=LLaMA-30B", "--metric", "arc_easy=acc", "--precision", "2"]


def test_a_saved_recipe_re_runs_to_the_same_file_from_anywhere(lab, capsys, monkeypatch):
    code, err = run(capsys, f"runs/2025-05/{LLAMA}", f"runs/2025-05/{BLOOM}", "-o", "content/results/csr.yaml", *OPTIONS,
                    "--save-recipe", "content/imports/csr.yaml")
    assert code == 0, err
    first = (lab / "content/results/csr.yaml").read_bytes()
    recipe = yaml.safe_load((lab / "content/imports/csr.yaml").read_text())
    assert recipe == {
        "inputs": [f"../../runs/2025-05/{LLAMA}", f"../../runs/2025-05/{BLOOM}"], "output": "../results/csr.yaml",
        "title": "Common sense", "tasks": ["piqa", "hellaswag", "arc_*"], "metrics": {"arc_easy": "acc"},
        "renames": {"piqa": "PIQA"}, "model_names": {"LLaMA 30B": "LLaMA-30B"}, "precision": 2,
    }
    (lab / "content/results/csr.yaml").unlink()
    monkeypatch.chdir(lab / "content")  # paths in a recipe are relative to it, not to the working directory
    code, err = run(capsys, "--recipe", "imports/csr.yaml")
    assert code == 0, err
    assert (lab / "content/results/csr.yaml").read_bytes() == first
    again = run(capsys, "--recipe", "imports/csr.yaml")
    assert again[0] == 1 and "exists already" in again[1]
    assert run(capsys, "--recipe", "imports/csr.yaml", "--force")[0] == 0


def test_a_recipe_with_globs_picks_up_next_months_runs(lab, capsys):
    (lab / "content/imports").mkdir()
    (lab / "content/imports/csr.yaml").write_text(
        "inputs: ['../../runs/*/*.json']\noutput: ../results/csr.yaml\ntasks: [piqa]\ngroups: auto\n")
    code, err = run(capsys, "--recipe", "content/imports/csr.yaml")
    assert code == 0, err
    document = yaml.safe_load((lab / "content/results/csr.yaml").read_text())
    assert [m["name"] for m in document["models"]] == ["bloom-3b", "LLaMA 30B", "xglm-564M"]  # a glob's files in sorted order
    assert document["source"]["files"] == [BLOOM, LLAMA, XGLM]


@pytest.mark.parametrize("text, where, words", [
    ("inputs: [a.json]\noutput: ../results/x.yaml\nrename: {piqa: PIQA}\n", "3:1", "unknown key 'rename' (did you mean renames?)"),
    ("inputs: [../../runs/2025-05/*.jsn]\noutput: ../results/x.yaml\n", "1:10", "matches no file"),
    (f"inputs:\n  - ../../runs/2025-05/{LLAMA}\n  - ../../runs/missing.json\noutput: ../results/x.yaml\n", "3:5", "no such file"),
    ("inputs: [a.json]\noutput: ../results/x.yaml\nprecision: 9\n", "3:12", "precision: 9 is not valid here"),
    ("inputs: [a.json]\n", "1:1", "the recipe has no output:"),
    ("- just a list\n", "1:1", "a recipe is a mapping"),
    ("inputs: [a.json\n", "2:1", ""),
])
def test_recipe_errors_are_positioned(lab, capsys, text, where, words):
    (lab / "content/imports").mkdir()
    path = lab / "content/imports/bad.yaml"
    path.write_text(text)
    code, err = run(capsys, "--recipe", "content/imports/bad.yaml")
    assert code == 1
    assert err.startswith(f"content/imports/bad.yaml:{where}: "), err
    assert words in err


def test_an_option_in_the_recipe_and_on_the_command_line_is_refused(lab, capsys):
    (lab / "content/imports").mkdir()
    (lab / "content/imports/r.yaml").write_text(f"inputs: [../../runs/2025-05/{LLAMA}]\noutput: ../results/x.yaml\ntitle: A\n")
    code, err = run(capsys, "--recipe", "content/imports/r.yaml", "--title", "B")
    assert code == 1 and err.startswith("content/imports/r.yaml:3:1: title is set here and on the command line")


def test_append_adds_new_models_and_keeps_the_same_result_once(lab, capsys):
    out = lab / "content/results/csr.yaml"
    assert run(capsys, f"runs/2025-05/{LLAMA}", "-o", out, "--tasks", "piqa", "--tasks", "hellaswag")[0] == 0
    code, err = run(capsys, f"runs/2025-06/{XGLM}", f"runs/2025-05/{BLOOM}", "-o", out, "--tasks", "piqa", "--tasks", "hellaswag", "--append")
    assert code == 0, err
    document = yaml.safe_load(out.read_text())
    assert [m["name"] for m in document["models"]] == ["LLaMA 30B", "xglm-564M", "bloom-3b"]
    assert document["source"]["files"] == [LLAMA, XGLM, BLOOM]
    assert set(document["source"]["models"]) == {"LLaMA 30B", "xglm-564M", "bloom-3b"}
    load_report_file(out, lab / "content")  # the site reads it
    before = out.read_bytes()
    code, err = run(capsys, f"runs/2025-05/{BLOOM}", "-o", out, "--tasks", "piqa", "--tasks", "hellaswag", "--append")
    assert code == 0 and "already in csr.yaml with the same scores; kept once" in err
    assert yaml.safe_load(out.read_bytes()) == yaml.safe_load(before)
    # a model's new tasks fill its row
    code, err = run(capsys, f"runs/2025-05/{LLAMA}", "-o", out, "--tasks", "arc_easy", "--append")
    assert code == 0, err
    document = yaml.safe_load(out.read_text())
    assert set(document["models"][0]["scores"]) == {"piqa", "hellaswag", "arc_easy"}
    assert "arc_easy" not in document["models"][1]["scores"]


def test_append_reads_names_as_the_site_does(lab, capsys):
    """Review 5 C4: a model named "LLaMA  30B" (two spaces) and then "LLaMA 30B" is one model for
    the site (white space is normalised at load): --append fills its row instead of writing a
    second row that the import then refused as its own bug."""
    out = lab / "content/results/csr.yaml"
    assert run(capsys, f"runs/2025-05/{LLAMA}", "-o", out, "--tasks", "piqa", "--model-name", "LLaMA  30B")[0] == 0
    assert [m["name"] for m in yaml.safe_load(out.read_text())["models"]] == ["LLaMA 30B"]  # written as the site reads it
    text = out.read_text().replace("- name: LLaMA 30B", "- name: 'LLaMA  30B'")  # a hand edit with two spaces
    out.write_text(text)
    code, err = run(capsys, f"runs/2025-05/{LLAMA}", "-o", out, "--tasks", "hellaswag", "--append")
    assert code == 0, err
    document = yaml.safe_load(out.read_text())
    assert [m["name"] for m in document["models"]] == ["LLaMA  30B"] and set(document["models"][0]["scores"]) == {"piqa", "hellaswag"}
    load_report_file(out, lab / "content")


def _rerun(lab: Path, date: str | None) -> Path:
    data = json.loads((lab / "runs/2025-05" / BLOOM).read_text())
    for task in data["results"].values():
        for key in list(task):
            if key in ("acc", "acc_norm"):
                task[key] *= 0.9
    if date:
        data.setdefault("config", {})["date"] = date
    path = lab / "runs/2025-06/bloom-rerun.json"
    path.write_text(json.dumps(data))
    return path


def test_append_refuses_a_clashing_run_naming_both(lab, capsys):
    out = lab / "content/results/csr.yaml"
    assert run(capsys, f"runs/2025-05/{BLOOM}", "-o", out, "--tasks", "piqa")[0] == 0
    before = out.read_bytes()
    rerun = _rerun(lab, None)
    code, err = run(capsys, rerun, "-o", out, "--tasks", "piqa", "--append")
    assert code == 1
    line = next(i for i, text in enumerate(before.decode().splitlines(), 1) if text.strip() == "piqa:" and i > 10)
    assert err.startswith(f"{out}:{line}:"), err
    assert "bloom-3b already has a score for piqa here" in err and "the new run in bloom-rerun.json gives" in err
    assert "--model-name" in err
    assert out.read_bytes() == before  # nothing written
    # named apart, it is another row
    code, err = run(capsys, rerun, "-o", out, "--tasks", "piqa", "--append", "--model-name", "bloom-3b=bloom-3b (June)")
    assert code == 0, err
    assert [m["name"] for m in yaml.safe_load(out.read_text())["models"]] == ["bloom-3b", "bloom-3b (June)"]


def test_append_never_calls_a_shorter_different_value_the_same(lab, capsys):
    """0.3 is not 0.33 (the importers' review): the file's value written with fewer digits is
    the number it says, so a run of 0.33 clashes with it instead of being "kept once"."""
    out = lab / "content/results/csr.yaml"
    assert run(capsys, f"runs/2025-05/{BLOOM}", "-o", out, "--tasks", "piqa")[0] == 0
    document = yaml.safe_load(out.read_text())
    value = document["models"][0]["scores"]["piqa"]
    value = value["value"] if isinstance(value, dict) else value
    shorter = round(value, 1)
    assert shorter != value
    out.write_text(out.read_text().replace(repr(value), repr(shorter), 1))
    before = out.read_bytes()
    code, err = run(capsys, f"runs/2025-05/{BLOOM}", "-o", out, "--tasks", "piqa", "--append")
    assert code == 1 and "bloom-3b already has a score for piqa here" in err, err
    assert out.read_bytes() == before


def test_append_refuses_another_metric_for_a_column(lab, capsys):
    out = lab / "content/results/csr.yaml"
    assert run(capsys, f"runs/2025-05/{LLAMA}", "-o", out, "--tasks", "piqa")[0] == 0
    code, err = run(capsys, f"runs/2025-05/{BLOOM}", "-o", out, "--tasks", "piqa", "--metric", "acc", "--append")
    assert code == 1
    assert f"{out}:" in err and "piqa has metric 'acc_norm' in this file, but the new runs (" + BLOOM + ") give metric 'acc'" in err


def test_append_needs_an_existing_file(lab, capsys):
    code, err = run(capsys, f"runs/2025-05/{LLAMA}", "-o", lab / "content/results/new.yaml", "--append")
    assert code == 1 and "--append adds runs to an existing result file" in err


def test_append_with_a_recipe_takes_its_options_and_output(lab, capsys):
    assert run(capsys, f"runs/2025-05/{LLAMA}", "-o", "content/results/csr.yaml", "--tasks", "piqa", "--rename", "piqa=PIQA",
               "--save-recipe", "content/imports/csr.yaml")[0] == 0
    code, err = run(capsys, "--recipe", "content/imports/csr.yaml", "--append", f"runs/2025-06/{XGLM}")
    assert code == 0, err
    document = yaml.safe_load((lab / "content/results/csr.yaml").read_text())
    assert [b["name"] for b in document["benchmarks"]] == ["PIQA"]
    assert [m["name"] for m in document["models"]] == ["LLaMA 30B", "xglm-564M"]
    assert os.path.exists(lab / "content/imports/csr.yaml")


def test_append_keeps_a_dated_rerun_apart_under_its_date(lab, capsys):
    source = REPO / "tests/fixtures/real-results/lmeval_v04/mamba2-780m_mmlu_glue_etc_results_2025-03-02T05-27-08.762666.json"
    data = json.loads(source.read_text())
    shutil.copy(source, lab / "runs/2025-05/mamba.json")
    data["date"] += 30 * 86400  # a month later, other numbers
    data["results"]["arc_easy"]["acc_norm,none"] *= 0.95
    (lab / "runs/2025-06/mamba.json").write_text(json.dumps(data))
    out = lab / "content/results/m.yaml"
    assert run(capsys, "runs/2025-05/mamba.json", "-o", out, "--tasks", "arc_easy")[0] == 0
    code, err = run(capsys, "runs/2025-06/mamba.json", "-o", out, "--tasks", "arc_easy", "--append")
    assert code == 0, err
    document = yaml.safe_load(out.read_text())
    names = [m["name"] for m in document["models"]]
    assert names == ["mamba2-780m", "mamba2-780m (2025-04-01 05:18 UTC)"]
    assert "added as 'mamba2-780m (2025-04-01 05:18 UTC)' beside the file's row" in err
    assert document["source"]["models"][names[1]]["date"] == "2025-04-01 05:18 UTC"
    load_report_file(out, lab / "content")


def test_save_recipe_needs_an_output_file(lab, capsys):
    code, err = run(capsys, f"runs/2025-05/{LLAMA}", "-o", "-", "--save-recipe", "content/imports/x.yaml")
    assert code == 1 and "a recipe records the file it writes" in err
    assert not (lab / "content/imports/x.yaml").exists()
