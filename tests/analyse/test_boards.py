"""Boards, the model registry, model and benchmark pages, provenance and contamination marks
(issue 16), on sites built by build-site in-process (helpers.cli)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from helpers import EXAMPLE, build_site, cli, snapshot, write_tree


def build(tmp_path: Path, files: dict[str, str], *args) -> tuple[Path, object]:
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "out"
    return out, cli(content, out, "--no-png", *args)


def board_pages(out: Path) -> str:
    """The board pages the index links (each has every row), in the index's order."""
    index = (out / "index.html").read_text()
    links = re.findall(r'<p class="board-more"><a href="(boards/[^"]+/)">', index)
    return "".join((out / link / "index.html").read_text() for link in links)


def boards(html: str) -> dict[str, list[tuple[str, str, str, str]]]:
    """Board title -> rows as (rank, model, aggregate, coverage), in page order (board_pages'
    html: each page's <h1> is its board's title)."""
    found = {}
    for match in re.finditer(r'<section class="board" aria-labelledby="([^"]+)-title">(.*?)</section>', html, re.S):
        section = match.group(2)
        heading = re.search(r"<h3[^>]*>(.*?)</h3>", section) or re.search(rf'<h1 id="{match.group(1)}-title">(.*?)</h1>', html)
        title = unescape(heading.group(1))
        body = section[section.index("<tbody>"):section.index("</tbody>")]
        rows = []
        for row in body.split("<tr>")[1:]:
            cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
            rank = cells[0]
            name = unescape(re.sub(r"<details.*?</details>|<[^>]+>", "", cells[1], flags=re.S))
            # Rank, Model, the aggregate, the columns, Coverage (then Family, if any row has one)
            aggregate = re.sub(r"<span class=\"visually-hidden\">.*?</span>|<[^>]+>|★", "", cells[2]).strip()
            coverage = next(c for c in reversed(cells) if re.fullmatch(r"\d+/\d+", c))
            rows.append((rank, name, aggregate, coverage))
        found[title] = rows
    return found


def text(html: str) -> str:
    body = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(body))


ONE = """\
title: One
benchmarks: [{name: A, metric: acc}, {name: X}]
models:
  - {name: P, scores: {A: 82.0, X: 1.0}}
  - {name: Q, scores: {A: 78.0, X: 2.0}}
  - {name: R, scores: {A: 70.0}}
  - {name: S, scores: {A: 99.0}}
"""
TWO = """\
title: Two
benchmarks: [{name: B, metric: acc}]
models:
  - {name: Q, scores: {B: 82.0}}
  - {name: P, scores: {B: 78.0}}
  - {name: R, scores: {B: 70.0}}
  - {name: T, scores: {B: 95.0}}
"""
CROSS = """\
title: Site
boards:
  - title: Cross
    description: A from one, B from two.
    columns:
      - {report: one, benchmark: A}
      - {report: two, benchmark: B}
"""


def test_equal_means_share_a_rank_range_because_they_are_equal_not_untested(tmp_path):
    """Every score has n (a known uncertainty) and all three means are 70.0: the board says the
    values are equal, not that no gap was tested (review R8)."""
    content = write_tree(tmp_path / "content", {"results/ties.yaml": """\
        title: Ties
        benchmarks: [{name: A, metric: acc, n: 100}, {name: B, metric: acc, n: 100}]
        models:
          - {name: M1, scores: {A: 80.0, B: 60.0}}
          - {name: M2, scores: {A: 80.0, B: 60.0}}
          - {name: M3, scores: {A: 79.0, B: 61.0}}
        """})
    build_site(content, tmp_path / "out")
    page = text(board_pages(tmp_path / "out"))
    assert "Here every ranked model’s shown mean is the same, so they share one rank range." in page
    assert "no gap between ranked models is tested" not in page
    assert [r[0] for r in boards(board_pages(tmp_path / "out"))["Ties"]] == ["1–3"] * 3


def test_declared_board_across_two_reports_ranks_full_coverage_models_with_tie_classes(tmp_path):
    out, result = build(tmp_path, {"site.yaml": CROSS, "results/one.yaml": ONE, "results/two.yaml": TWO})
    assert result.returncode == 0, result.stderr
    html = board_pages(out)
    found = boards(html)
    assert list(found) == ["Cross"]  # declared boards replace the per-report ones
    rows = found["Cross"]
    # P and Q both average 80.0, R 70.0, but no score has an uncertainty: the order is untested,
    # so all three share one tie class (shown best first); S and T have one column of two.
    assert [(r[0], r[1], r[2]) for r in rows[:3]] == [("1–3", "P", "80.0"), ("1–3", "Q", "80.0"), ("1–3", "R", "70.0")]
    assert {(r[0], r[1], r[3]) for r in rows[3:]} == {("—", "S", "1/2"), ("—", "T", "1/2")}
    page = text(html)
    assert "Ranked by the mean of the 2 columns (no stated unit, higher is better) among the 3 models scored on all of them." in page
    assert "Here no gap between ranked models is tested, so they share one rank range." in page
    assert "Models without a score in every column follow, unranked (—), with their coverage" in page
    assert "A from one, B from two." in page


def test_a_mean_board_ranks_by_standard_errors_when_every_score_has_one(tmp_path):
    one = ONE.replace("82.0, X: 1.0", "{value: 80.0, stderr: 1.0}, X: 1.0").replace("78.0, X: 2.0", "{value: 79.0, stderr: 1.0}, X: 2.0") \
             .replace("A: 70.0", "A: {value: 60.0, stderr: 1.0}")
    two = TWO.replace("B: 82.0", "B: {value: 80.0, stderr: 1.0}").replace("B: 78.0", "B: {value: 78.0, stderr: 1.0}") \
             .replace("B: 70.0", "B: {value: 79.5, stderr: 1.0}")
    out, result = build(tmp_path, {"site.yaml": CROSS, "results/one.yaml": one, "results/two.yaml": two})
    assert result.returncode == 0, result.stderr
    rows = boards(board_pages(out))["Cross"]
    # Means 79.5 (Q), 79.0 (P), 69.75 (R); the standard error of each mean is 0.71, so the
    # 0.5 gap between Q and P is no lead; R is behind both by far more than 1.96 SE.
    assert [(r[0], r[1]) for r in rows[:3]] == [("1–2", "Q"), ("1–2", "P"), ("3", "R")]
    assert "exceeds 1.96 standard errors of the difference" in text((out / "index.html").read_text())


def test_default_boards_one_per_report_and_win_rate_for_mixed_directions(tmp_path):
    mixed = """\
        title: Mixed
        benchmarks: [{name: Acc}, {name: Err, higher_is_better: false}]
        models:
          - {name: M1, scores: {Acc: 90, Err: 5}}
          - {name: M2, scores: {Acc: 80, Err: 10}}
          - {name: M3, scores: {Acc: 70, Err: 1}}
          - {name: Lucky, scores: {Acc: 99}}
        """
    out, result = build(tmp_path, {"results/one.yaml": ONE, "results/mixed.yaml": mixed})
    assert result.returncode == 0, result.stderr
    html = board_pages(out)
    found = boards(html)
    assert list(found) == ["Mixed", "One"]  # report order (by title)
    # Win rates among M1-M3: M1 beats 2/2 on Acc and 1/2 on Err = 75%; M3 0 and 100% = 50%; M2 25%.
    # No score has an uncertainty, so no order is tested: one tie class, shown best first.
    assert [(r[0], r[1], r[2]) for r in found["Mixed"]] == [("1–3", "M1", "75.0"), ("1–3", "M3", "50.0"), ("1–3", "M2", "25.0"), ("—", "Lucky", "—")]
    assert "Ranked by mean win rate" in text(html)
    # One: P and Q have both columns, and X has no known unit... it is still a mean (one unit).
    assert [(r[0], r[1]) for r in found["One"]][:2] == [("1–2", "P"), ("1–2", "Q")]


def test_a_model_alone_on_its_columns_is_never_ranked(tmp_path):
    easy = "title: Easy\nbenchmarks: [{name: E1}, {name: E2}]\nmodels:\n  - {name: M1, scores: {E1: 95, E2: 93}}\n  - {name: M2, scores: {E1: 40}}\n"
    out, result = build(tmp_path, {"results/easy.yaml": easy})
    assert result.returncode == 0, result.stderr
    html = board_pages(out)
    assert [r[0] for r in boards(html)["Easy"]] == ["—", "—"]
    assert "Fewer than two models have a score in every column, so no model is ranked." in text(html)


def test_board_declarations_are_checked_with_positions(tmp_path):
    site = """\
        title: Site
        boards:
          - title: Typos
            columns:
              - {report: onee, benchmark: A}
              - {report: two, benchmark: Bee}
          - title: Mixed units
            columns:
              - {report: one, benchmark: A}
              - {report: mixed, benchmark: Err}
        """
    mixed = "title: Mixed\nbenchmarks: [{name: Err, higher_is_better: false}]\nmodels:\n  - {name: P, scores: {Err: 3}}\n"
    out, result = build(tmp_path, {"site.yaml": site, "results/one.yaml": ONE, "results/two.yaml": TWO, "results/mixed.yaml": mixed})
    assert result.returncode == 1
    assert "content/site.yaml:5:9: board 'Typos': no report 'onee' (did you mean 'one'?)" in result.stderr
    assert "content/site.yaml:6:9: board 'Typos': report 'two' has no benchmark 'Bee' (known: B)" in result.stderr
    assert re.search(r"content/site.yaml:7:5: board 'Mixed units' averages columns of different units or directions "
                     r"\(A: no stated unit, higher is better; Err: no stated unit, lower is better\); use aggregate: win_rate", result.stderr)
    assert "Traceback" not in result.stderr
    assert not out.exists()
    site = "title: S\nboards:\n  - title: Bad key\n    aggregat: mean\n    columns: [{report: one}]\n"
    out, result = build(tmp_path / "b", {"site.yaml": site, "results/one.yaml": ONE})
    assert result.returncode == 1
    assert "content/site.yaml:4:5: unknown key 'aggregat' in boards[0] (did you mean 'aggregate'?)" in result.stderr


REGISTRY = """\
models:
  - name: Llama-3.1-8B-Instruct
    aliases: [meta-llama/Llama-3.1-8B-Instruct]
    family: Llama-3.1
    params: 8B
    open_weights: true
    released: 2024-07-23
    knowledge_cutoff: 2023-12
    url: https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct
  - name: Other-7B
    params: {total: 47B, active: 13B}
    released: 2025-01
"""


def test_aliases_make_one_model_across_reports(tmp_path):
    first = """\
        title: First
        benchmarks: [{name: A, metric: acc}]
        models:
          - {name: meta-llama/Llama-3.1-8B-Instruct, scores: {A: 70.0}}
          - {name: Other-7B, scores: {A: 60.0}}
        """
    second = """\
        title: Second
        benchmarks: [{name: B, metric: acc}]
        models:
          - {name: Llama-3.1-8B-Instruct, scores: {B: 50.0}}
          - {name: Other-7B, scores: {B: 55.0}}
        """
    site = "title: S\nboards:\n  - title: Both\n    columns: [{report: first}, {report: second}]\n"
    out, result = build(tmp_path, {"site.yaml": site, "models.yaml": REGISTRY, "results/first.yaml": first, "results/second.yaml": second},
                        "--base-url", "https://example.org/x/")
    assert result.returncode == 0, result.stderr
    html = board_pages(out)
    rows = boards(html)["Both"]
    assert [(r[1], r[3]) for r in rows] == [("Llama-3.1-8B-Instruct", "2/2"), ("Other-7B", "2/2")]  # one row each, full coverage
    assert sorted(p.name for p in (out / "models").iterdir() if p.is_dir()) == ["llama-3-1-8b-instruct", "other-7b"]
    page = text((out / "models/llama-3-1-8b-instruct/index.html").read_text())
    for fact in ("Family Llama-3.1", "Parameters 8B", "Open weights yes", "Released 2024-07-23", "Knowledge cutoff 2023-12",
                 "Named in result files as meta-llama/Llama-3.1-8B-Instruct, Llama-3.1-8B-Instruct", "Both : rank 1–2 of 2 ranked models (a tie class: the data do not order these models), mean 60.0."):
        assert fact in page, fact
    assert "A (acc) ↑ , higher is better 70.0" in page and "B (acc) ↑ , higher is better 50.0" in page
    assert "47B total, 13B active" in (out / "models/other-7b/index.html").read_text()
    # The report table shows the registry's name (the file's spelling stays in the row's
    # provenance) and links it to the canonical page; so does every board.
    report = (out / "first/index.html").read_text()
    assert '<a href="../models/llama-3-1-8b-instruct/">Llama-3.1-8B-Instruct</a>' in report
    assert "named meta-llama/Llama-3.1-8B-Instruct there" in report
    assert '<a href="../../models/llama-3-1-8b-instruct/">Llama-3.1-8B-Instruct</a>' in html  # a board page
    assert '<a href="models/llama-3-1-8b-instruct/">Llama-3.1-8B-Instruct</a>' in (out / "index.html").read_text()
    sitemap = (out / "sitemap.xml").read_text()
    for url in ("models/", "models/llama-3-1-8b-instruct/", "benchmarks/a/", "benchmarks/b/"):
        assert f"<loc>https://example.org/x/{url}</loc>" in sitemap
    assert (out / "schema/models.schema.json").is_file()


def test_registry_conflicts_name_both_places(tmp_path):
    result_file = """\
        title: R
        benchmarks: [{name: A}]
        models:
          - name: meta-llama/Llama-3.1-8B-Instruct
            family: Llama-3
            params: 70B
            scores: {A: 1}
          - {name: Llama-3.1-8B-Instruct, scores: {A: 2}}
        """
    out, result = build(tmp_path, {"models.yaml": REGISTRY, "results/r.yaml": result_file})
    assert result.returncode == 1
    err = result.stderr
    assert ("content/results/r.yaml:5:13: family 'Llama-3' of 'meta-llama/Llama-3.1-8B-Instruct' conflicts with "
            "content/models.yaml:2:5 (family 'Llama-3.1'); make them agree or remove one") in err
    assert ("content/results/r.yaml:6:13: params '70B' of 'meta-llama/Llama-3.1-8B-Instruct' conflicts with "
            "content/models.yaml:2:5 (params '8B')") in err
    assert "content/results/r.yaml:8:12: 'Llama-3.1-8B-Instruct' and 'meta-llama/Llama-3.1-8B-Instruct' are the same model" in err
    assert "Traceback" not in err and not out.exists()


def test_registry_is_validated_like_result_files(tmp_path):
    registry = """\
        models:
          - name: M
            knowledge_cuttoff: 2024-01
          - name: N
            aliases: [M]
            released: January 2024
            params: huge
            open_weights: maybe
        """
    out, result = build(tmp_path, {"models.yaml": registry, "results/r.yaml": ONE})
    assert result.returncode == 1
    err = result.stderr
    assert "content/models.yaml:3:5: unknown key 'knowledge_cuttoff' in models[0] (did you mean 'knowledge_cutoff'?)" in err
    assert "content/models.yaml:8:19: models[1].open_weights" in err
    assert "Traceback" not in err
    fixed = registry.replace("knowledge_cuttoff", "knowledge_cutoff").replace("open_weights: maybe", "open_weights: unknown")
    out, result = build(tmp_path, {"models.yaml": fixed, "results/r.yaml": ONE})
    assert result.returncode == 1
    err = result.stderr
    assert "content/models.yaml:5:15: 'M' is already used by models[0] ('M'); a name or alias may belong to one model only" in err
    assert "content/models.yaml:6:15: released 'January 2024' is not a date (write YYYY-MM-DD or YYYY-MM of a day that exists, or unknown)" in err
    assert "content/models.yaml:7:13: params 'huge' is not a size" in err


def test_mixed_settings_are_flagged_in_the_column_header(tmp_path):
    result_file = """\
        title: Runs
        benchmarks: [{name: A, n: 100}, {name: B, n: 100}]
        models:
          - {name: M1, scores: {A: 50, B: 40}}
          - {name: M2, scores: {A: 60, B: 45}}
        source:
          harness: lm-evaluation-harness
          version: "0.4.5"
          models:
            M1: {num_fewshot: 0, model_args: "pretrained=x,dtype=float16", date: 2025-01-01}
            M2: {num_fewshot: 5, model_args: "pretrained=y,dtype=float16", date: 2025-01-02}
        """
    out, result = build(tmp_path, {"results/runs.yaml": result_file})
    assert result.returncode == 0, result.stderr
    for page in ("boards/runs/index.html", "runs/index.html"):
        html = (out / page).read_text()
        headers = re.findall(r"<th scope=\"col\" data-type=\"number\" data-direction[^>]*>(.*?)</th>", html, re.S)
        flagged = [h for h in headers if "mixed settings" in h]
        assert len(flagged) == 2, page  # A and B; never Mean or Coverage
        assert all("<details" not in h for h in flagged)  # a mark in the header, said once below
        summary = re.findall(r'<details class="mixed-summary".*?</details>', html, re.S)
        assert len(summary) == 1 and "<li>every column: num_fewshot: 0 / 5</li>" in summary[0]
        assert "dtype" not in summary[0] and "date" not in summary[0]  # equal, or bookkeeping
    # Provenance without JavaScript: a <details> on the row, in full on the model page.
    index = (out / "boards/runs/index.html").read_text()
    assert re.search(r'<details class="prov"><summary>.*?</summary><span class="prov-text">content/results/runs.yaml; '
                     r"lm-evaluation-harness 0.4.5; num_fewshot: 0; model_args: pretrained=x,dtype=float16; run 2025-01-01</span></details>", index)
    model_page = text((out / "models/m2/index.html").read_text())
    assert "Result file content/results/runs.yaml Harness lm-evaluation-harness 0.4.5 num_fewshot 5" in model_page


def test_contamination_marks_follow_cutoff_then_release(tmp_path):
    registry = """\
        models:
          - {name: Late, knowledge_cutoff: 2024-06}
          - {name: Early, knowledge_cutoff: 2023-06, released: 2025-01-01}
          - {name: Released, knowledge_cutoff: unknown, released: 2025-01}
          - {name: Same month, knowledge_cutoff: 2024-01}
        """
    result_file = """\
        title: C
        benchmarks: [{name: New, released: 2024-01-15}, {name: Undated}]
        models:
          - {name: Late, scores: {New: 50, Undated: 1}}
          - {name: Early, scores: {New: 40, Undated: 2}}
          - {name: Released, scores: {New: 30, Undated: 3}}
          - {name: Same month, scores: {New: 20, Undated: 4}}
          - {name: Unlisted, scores: {New: 10, Undated: 5}}
        """
    out, result = build(tmp_path, {"models.yaml": registry, "results/c.yaml": result_file})
    assert result.returncode == 0, result.stderr
    html = (out / "c/index.html").read_text()
    marked = set(re.findall(r"\(contamination risk: The (?:knowledge cutoff|release) of ([^(]+?) \(", html))
    assert marked == {"Late", "Released", "Same month"}
    assert "The release of Released (2025-01) is after the release of New (2024-01-15)" in html
    assert "† contamination risk" in text(html)
    page = text((out / "models/late/index.html").read_text())
    assert "New: The knowledge cutoff of Late (2024-06) is after the release of New (2024-01-15): its items may have been in the training data." in page
    bench = text((out / "benchmarks/new/index.html").read_text())
    assert "Released 2024-01-15 " in bench and bench.count("†") >= 3
    # A bad date in a result file is an error at its line.
    out2, bad = build(tmp_path / "b", {"results/c.yaml": result_file.replace("2024-01-15", "15/01/2024")})
    assert bad.returncode == 1
    assert "content/results/c.yaml:2:36: released '15/01/2024' of benchmark 'New' is not a date" in bad.stderr


def test_reserved_names_for_the_new_pages(tmp_path):
    out, result = build(tmp_path, {"results/models.yaml": ONE})
    assert result.returncode == 1
    assert "the name 'models' is reserved for the site itself" in result.stderr


def test_example_shows_two_boards_six_model_pages_and_benchmark_pages(tmp_path, example_site):
    out = example_site
    html = board_pages(out)
    found = boards(html)
    assert len(found) == 2
    names = [{r[1] for r in rows} for rows in found.values()]
    assert not names[0] & names[1]  # no model is ranked against one it shares no benchmark with
    assert all(r[0] != "—" for rows in found.values() for r in rows)
    pages = sorted(p.parent.name for p in (out / "models").glob("*/index.html"))
    assert len(pages) == 6
    benchmarks = sorted(p.parent.name for p in (out / "benchmarks").glob("*/index.html"))
    assert len(benchmarks) == 9 and {"gpqa-diamond-pass-1", "gpqa-diamond-acc-norm"} <= set(benchmarks)  # two metrics, two pages
    # Every model name in every table links to its page.
    for page in ["index.html", "distilled-reasoning/index.html", "open-llm-8b/index.html"]:
        doc = (out / page).read_text()
        for header in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', doc, re.S):
            if "Run settings" in doc and header.strip() in ("DeepSeek-R1-Distill-Llama-8B", "Llama-3.1-8B-Instruct"):
                continue  # the report's run-settings table names models, it does not list scores
            assert 'href="' in header and "models/" in header, (page, header[:80])
    first = snapshot(out)
    again = tmp_path / "again"
    build_site(EXAMPLE, again, png=None)  # as example_site was built
    assert snapshot(again) == first


def test_editing_a_board_rebuilds_the_index_and_reuses_every_report(tmp_path):
    out, result = build(tmp_path, {"site.yaml": CROSS, "results/one.yaml": ONE, "results/two.yaml": TWO})
    assert result.returncode == 0, result.stderr
    (tmp_path / "content/site.yaml").write_text(CROSS.replace("title: Cross", "title: Renamed"))
    again = cli(tmp_path / "content", out, "--no-png")
    assert again.returncode == 0, again.stderr
    assert "2 unchanged reused" in again.stdout  # no report page depends on the boards
    assert "Renamed" in boards(board_pages(out))


def test_large_boards_count_the_same_verdicts_as_ranks_py():
    """Boards past boards.SMALL ranked models count verdicts by sorting; the result must be
    exactly what ranks.rank_intervals gives with the same verdict."""
    import math
    import random

    from benchboard.analyse import boards

    from benchboard.analyse import ranks

    rng = random.Random(16)
    for higher in (True, False):
        n = boards.SMALL + 57
        values = [round(rng.uniform(20, 90), 1) for _ in range(n)]  # many exact ties
        errors = [rng.choice([0.0, 0.5, 1.0, 3.0]) for _ in range(n)]
        assert boards.rank_intervals(values, None, higher) == ranks.rank_intervals(values, ranks.value_beats(values, higher), higher)

        def beats(i, j):
            gap = values[i] - values[j] if higher else values[j] - values[i]
            return gap > boards.Z * math.hypot(errors[i], errors[j])

        assert boards.rank_intervals(values, errors, higher) == ranks.rank_intervals(values, beats, higher)


def test_win_rates_match_the_pairwise_definition():
    import random

    from benchboard.analyse import boards
    from benchboard.analyse.tables import Cell
    from benchboard.model import Benchmark

    rng = random.Random(7)
    columns = [(None, Benchmark("Up")), (None, Benchmark("Down", higher_is_better=False))]
    keys = [f"m{i}" for i in range(40)]
    grid = {k: [Cell("", float(rng.randint(0, 9))), Cell("", float(rng.randint(0, 9)))] for k in keys}

    def pairwise(key):
        shares = []
        for index, (_, bench) in enumerate(columns):
            mine, wins = grid[key][index].value, 0.0
            for other in (k for k in keys if k != key):
                theirs = grid[other][index].value
                wins += 0.5 if mine == theirs else float((mine > theirs) == bench.higher_is_better)
            shares.append(wins / (len(keys) - 1))
        return sum(shares) / len(shares)

    found = boards.win_rates([[grid[k][i].value for k in keys] for i in range(2)], [True, False])
    assert [float(r) for r in found] == pytest.approx([pairwise(k) for k in keys], abs=1e-12)


def test_a_benchmark_page_says_when_reports_disagree_on_its_direction_or_unit(tmp_path):
    """Same name and metric in two reports, one higher-is-better in percent, one lower-is-better
    in fractions: one page, which says so instead of ranking them as one column."""
    up = """\
        title: Up
        benchmarks: [{name: Calib, metric: ECE, unit: percent}]
        models: [{name: A, scores: {Calib: 60}}, {name: B, scores: {Calib: 40}}]
        """
    down = """\
        title: Down
        benchmarks: [{name: Calib, metric: ECE, higher_is_better: false, unit: fraction}]
        models: [{name: C, scores: {Calib: 0.2}}, {name: D, scores: {Calib: 0.1}}]
        """
    same = """\
        title: Same
        benchmarks: [{name: Other, unit: percent}]
        models: [{name: A, scores: {Other: 60}}, {name: B, scores: {Other: 40}}]
        """
    out, result = build(tmp_path, {"results/up.yaml": up, "results/down.yaml": down, "results/same.yaml": same})
    assert result.returncode == 0, result.stderr
    page = text((out / "benchmarks/calib/index.html").read_text())
    assert "The reports do not agree on this benchmark: some say higher is better, others lower is better; its scores are in fraction (0–1) and percent." in page
    assert "do not agree" not in text((out / "benchmarks/other/index.html").read_text())


def test_the_index_shows_the_first_twenty_report_boards_and_model_pages_link_the_rest(tmp_path):
    """One board per report made a 25 MB index for 1,000 reports: past MAX_INDEX_BOARDS the
    index says how many it leaves out, and a model's rank on a left-out board links its report."""
    from benchboard.analyse.boards import MAX_INDEX_BOARDS

    count = MAX_INDEX_BOARDS + 2
    report = "title: Report {i:02d}\nbenchmarks: [{{name: A, n: 200}}]\nmodels:\n  - {{name: M, scores: {{A: {a}}}}}\n  - {{name: N{i}, scores: {{A: 40}}}}\n"
    files = {f"results/r{i:02d}.yaml": report.format(i=i, a=50 + i) for i in range(count)}
    out, result = build(tmp_path, files)
    assert result.returncode == 0, result.stderr
    index = (out / "index.html").read_text()
    assert index.count('<section class="board board-top"') == MAX_INDEX_BOARDS
    assert f"This site has {count} reports: the index shows the boards of the first {MAX_INDEX_BOARDS}, in report order." in text(index)
    assert f"Report {count - 1:02d}" in index  # still listed among the reports
    model = (out / "models/m/index.html").read_text()
    assert f'href="../../boards/report-00/">Report 00</a>' in model
    last = f"r{count - 1:02d}"
    assert f'href="../../{last}/">Report {count - 1:02d}</a>' in model  # its board is not on the index
    assert (out / last / "index.html").exists()
