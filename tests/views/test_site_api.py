"""The site's data (api/*.json): valid against its published schema, the same facts the pages
show (boards and ranks from analyse/boards, intervals from verdicts.score_interval), linked
from every page, and 'api' reserved."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from benchboard.analyse import boards as board_rules
from benchboard.analyse.stats import half_up
from benchboard.analyse.verdicts import score_interval
from benchboard.commands.build import build
from benchboard.load.content import load_site
from benchboard.load.units import units
from benchboard.views import catalog
from benchboard.views.api import DOCUMENTS, site_api
from helpers import EXAMPLE, VALID_RESULT, cli, write_tree


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("api") / "site"
    build(EXAMPLE, out, png=False, base_url="https://lab.example.org/results/")
    return out


def document(built: Path, name: str) -> dict:
    return json.loads((built / f"api/{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_document_is_valid_against_its_published_schema(built, name):
    schema = json.loads((built / f"schema/api/{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"https://lab.example.org/results/schema/api/{name}.schema.json"
    data = document(built, name)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["$schema"] == schema["$id"]
    assert data["api_version"] == 1


def test_a_schema_refuses_a_document_that_breaks_it(built):
    schema = json.loads((built / "schema/api/scores.schema.json").read_text())
    data = document(built, "scores")
    del data["scores"][0]["interval"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_every_score_once_with_the_interval_the_pages_show(built):
    site, _ = load_site(EXAMPLE)
    scores = document(built, "scores")["scores"]
    runs = document(built, "scores")["runs"]
    assert len(runs) == sum(len(r.models) for r in site.reports)  # one provenance per run, not per score
    expected = sum(len(m.scores) for r in site.reports for m in r.models)
    assert len(scores) == expected == document(built, "site")["counts"]["scores"]
    by_key = {(s["report"], s["name_in_report"], s["benchmark"]): s for s in scores}
    assert len(by_key) == len(scores)
    with_interval = 0
    for report in site.reports:
        unit_of = units(report)
        for model in report.models:
            for benchmark in report.benchmarks:
                score = model.scores.get(benchmark.name)
                if score is None:
                    continue
                got = by_key[(report.slug, model.source_name, benchmark.name)]
                assert got["value"] == score.value and got["display"] == score.display
                known = score_interval(report, benchmark, model, unit_of[benchmark.name])
                if known is None:
                    assert got["interval"] is None
                    continue
                with_interval += 1
                shown = [half_up(known[0], report.precision), half_up(known[1], report.precision)]
                assert got["interval"]["display"] == shown
                assert got["interval"]["low"] == float(shown[0]) and got["interval"]["high"] == float(shown[1])
                run = document(built, "scores")["runs"][got["run"]]
                assert (run["report"], run["name_in_report"]) == (report.slug, model.source_name)
                assert run["file"].endswith(report.path)
    assert with_interval > 0


def test_name_in_report_is_the_result_files_spelling_not_the_registrys(tmp_path):
    """Review 2, R1: a model models.yaml renames (x-model -> X) is `model` X everywhere, but its
    scores and run say the name the result file uses, as the model page does ("named x-model there")."""
    content = write_tree(tmp_path / "content", {
        "models.yaml": "models:\n  - {name: X, aliases: [x-model]}\n",
        "results/ties.yaml": ("title: Ties\nbenchmarks: [{name: A, metric: acc, n: 100}]\nmodels:\n"
                              "  - {name: x-model, scores: {A: 79.0}}\n  - {name: Y, scores: {A: 70.0}}\n"),
    })
    site, _ = load_site(content)
    boards = board_rules.site_boards(site)
    scores = site_api(site, boards, catalog.model_pages(site, boards), catalog.benchmark_pages(site))["scores"]
    assert [(s["model"], s["name_in_report"]) for s in scores["scores"]] == [("X", "x-model"), ("Y", "Y")]
    assert [(r["model"], r["name_in_report"]) for r in scores["runs"]] == [("X", "x-model"), ("Y", "Y")]
    assert [scores["runs"][s["run"]]["name_in_report"] for s in scores["scores"]] == ["x-model", "Y"]


def test_model_pages_show_the_same_intervals_as_scores_json(built):
    scores = document(built, "scores")["scores"]
    for entry in scores[:10]:
        if entry["interval"] is None:
            continue
        page = (built / f"models/{entry['model_id']}/index.html").read_text(encoding="utf-8")
        low, high = entry["interval"]["display"]
        assert low in page and high in page


def test_boards_carry_the_site_boards_ranks_and_rules(built):
    site, _ = load_site(EXAMPLE)
    expected = board_rules.site_boards(site)
    got = document(built, "boards")["boards"]
    assert [b["id"] for b in got] == [b.id for b in expected]
    for mine, board in zip(got, expected):
        assert mine["rules"]["aggregate"] == board.aggregate
        assert mine["rules"]["ranks_from"] == ("uncertainty" if board.by_uncertainty else "shown aggregate")
        assert [(r["model"], r["rank"], r["ranked"]) for r in mine["rows"]] == [
            (r.name, r.rank if r.ranked else None, r.ranked) for r in board.rows]
        assert [c["benchmark"] for c in mine["columns"]] == [c.benchmark.name for c in board.columns]
    index = (built / "index.html").read_text(encoding="utf-8")
    for row in got[0]["rows"]:
        if row["aggregate"]:
            assert row["aggregate"]["display"] in index


def test_models_and_benchmarks_match_their_pages(built):
    models = document(built, "models")["models"]
    benchmarks = document(built, "benchmarks")["benchmarks"]
    assert sorted(m["id"] for m in models) == sorted(p.name for p in (built / "models").iterdir() if p.is_dir())
    assert sorted(b["id"] for b in benchmarks) == sorted(p.name for p in (built / "benchmarks").iterdir() if p.is_dir())
    site = document(built, "site")
    assert site["counts"]["models"] == len(models) and site["counts"]["benchmarks"] == len(benchmarks)
    for report in site["reports"]:
        assert (built / report["data"]).is_file() and (built / report["csv"]).is_file()


def test_every_page_links_the_data_page_which_links_every_file(built):
    for page in (built / "index.html", built / "distilled-reasoning/index.html", built / "models/index.html"):
        assert 'api/">Data (JSON)</a>' in page.read_text(encoding="utf-8")
    data_page = (built / "api/index.html").read_text(encoding="utf-8")
    for name in DOCUMENTS:
        assert f'href="{name}.json"' in data_page and f'href="../schema/api/{name}.schema.json"' in data_page
    assert "https://lab.example.org/results/api/" in (built / "sitemap.xml").read_text()


def test_without_base_url_the_schema_link_is_relative(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: T\n", "results/small.yaml": VALID_RESULT})
    build(content, tmp_path / "site", png=False)
    data = json.loads((tmp_path / "site/api/site.json").read_text())
    assert data["$schema"] == "../schema/api/site.schema.json"
    assert "$id" not in json.loads((tmp_path / "site/schema/api/site.schema.json").read_text())


def test_a_report_named_api_is_refused(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: T\n", "results/api.yaml": VALID_RESULT})
    result = cli(content, tmp_path / "site", "--no-png")
    assert result.returncode == 1
    assert "the name 'api' is reserved" in result.stderr
