"""End to end: outputs, determinism, freshness of site/, atomic replacement, incremental rebuilds.

The example is built once per session (conftest's example_site, in-process, as the README's
command builds it); the determinism test builds it once more with the real command and
compares the two and the committed site/. --help, --version and -v run the real command too;
everything else runs build-site in-process (helpers.cli)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from helpers import EXAMPLE, REPO, VALID_RESULT, cli, run_cli, snapshot, write_tree

SEED_SCORES = {
    "AM-Distill-Qwen-32B": ["72.7", "96.2", "64.3", "59.1"],
    "DeepSeek-R1-Distill-Qwen-32B": ["72.6", "94.3", "62.1", "57.2"],
    "AM-Distill-Qwen-72B": ["76.5", "97.0", "65.9", "59.7"],
    "DeepSeek-R1-Distill-Llama-70B": ["70.0", "94.5", "65.2", "57.5"],
}
BENCHMARKS = ["AIME 2024", "MATH-500", "GPQA Diamond", "LiveCodeBench"]


def test_example_build_is_deterministic_and_matches_committed_site(tmp_path, example_site):
    first, second = example_site, tmp_path / "b"  # in-process, then the real command
    result = run_cli(EXAMPLE, second)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"built 2 reports, 1 page in \d+\.\d s -> .*b\n", result.stdout)
    assert snapshot(first) == snapshot(second)
    committed = REPO / "site"
    assert committed.is_dir(), "site/ must be committed (build it with the README command)"
    assert _without_digests(committed) == _without_digests(first), "site/ is stale: run `build-site content/ site/` and commit"


def _without_digests(site: Path) -> dict:
    """Every file's hash, and the build marker without its input digests: those hash the code,
    so a code edit that changes no output would fail the check; a stale digest in the committed
    marker only makes the next build a real build."""
    files = snapshot(site)
    marker = json.loads(files.pop(".benchboard-build") and (site / ".benchboard-build").read_text())
    marker.pop("inputs")
    for entry in marker["reports"].values():
        entry.pop("digest")
    marker["pages"] = sorted(marker.get("pages", {}))  # which pages, not their digests (each hashes the code too)
    return {"files": files, "marker": marker}


def test_example_content_is_the_seed_data():
    data = json.loads((REPO / "site/distilled-reasoning/data.json").read_text())
    assert [b["name"] for b in data["benchmarks"]] == BENCHMARKS
    assert [b["n"] for b in data["benchmarks"]] == [30, 500, 198, None]
    assert [m["name"] for m in data["models"]] == list(SEED_SCORES)
    for model in data["models"]:
        assert [model["scores"][b]["display"] for b in BENCHMARKS] == SEED_SCORES[model["name"]]


def test_report_outputs(tmp_path, small_site):
    out = tmp_path / "out"
    result = cli(small_site, out, "-v")
    assert result.returncode == 0
    assert "load and validate" in result.stdout and "analyse, chart and render 1 report(s)" in result.stdout
    report = out / "small"
    for name in ("index.html", "data.csv", "data.json", "chart.vl.json", "chart.svg", "chart.png", "observations.json"):
        assert (report / name).is_file(), name
    rows = list(csv.DictReader(io.StringIO((report / "data.csv").read_text())))
    assert [(r["model"], r["benchmark"], r["display"]) for r in rows] == [
        ("Model A", "Alpha", "61.5"), ("Model A", "Beta", "40.0"), ("Model B", "Alpha", "55.0"), ("Model B", "Beta", ""),
    ]
    html = (report / "index.html").read_text()
    # The missing score is a dash, never a zero.
    table = html[html.index('id="scores"'):]
    table = table[: table.index("</table>")]
    assert "no score" in table and ">0.0<" not in table
    assert (out / ".nojekyll").exists() and (out / "schema/result.schema.json").is_file()
    assert not (out / "sitemap.xml").exists()  # no base_url


def test_rebuild_replaces_previous_build_and_cleans_stale_temporaries(tmp_path, small_site):
    out = tmp_path / "out"
    assert cli(small_site, out).returncode == 0
    stale = tmp_path / ".benchboard-tmp-out-999999999"
    write_tree(stale, {".benchboard-build": "x", "junk.html": "x"})
    (small_site / "results/small.yaml").rename(small_site / "results/renamed.yaml")
    assert cli(small_site, out).returncode == 0
    assert (out / "renamed/index.html").exists()
    assert not (out / "small").exists()
    assert not stale.exists()
    assert not list(tmp_path.glob(".benchboard-tmp-*"))


def test_force_replaces_a_foreign_directory(tmp_path, small_site):
    out = write_tree(tmp_path / "mine", {"old.txt": "x"})
    result = cli(small_site, out, "--force")
    assert result.returncode == 0, result.stderr
    assert not (out / "old.txt").exists() and (out / "index.html").exists()


def test_base_url_adds_sitemap_robots_and_canonical(tmp_path, small_site):
    out = tmp_path / "out"
    assert cli(small_site, out, "--base-url", "https://example.org/repo").returncode == 0
    assert "<loc>https://example.org/repo/small/</loc>" in (out / "sitemap.xml").read_text()
    assert "Sitemap: https://example.org/repo/sitemap.xml" in (out / "robots.txt").read_text()
    page = (out / "small/index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/repo/small/">' in page
    assert '<meta property="og:image" content="https://example.org/repo/small/chart.png">' in page
    assert 'href="/repo/assets/style.css"' in (out / "404.html").read_text()  # same origin, base_url's path


def test_pages_static_and_markdown_features(tmp_path, small_site):
    write_tree(small_site, {
        "pages/about.md": """\
            ---
            title: About
            order: 1
            ---
            # About

            ## Method

            | a | b |
            |---|---|
            | 1 | 2 |

            Text with a note.[^1]

            ```python
            print("hi")
            ```

            <div class="raw">raw html</div>

            [^1]: The note.
            """,
        "pages/faq.md": "# FAQ\n\nQuestions.\n",
        "static/img/logo.png": b"\x89PNG fake",
    })
    out = tmp_path / "out"
    result = cli(small_site, out)
    assert result.returncode == 0, result.stderr
    about = (out / "about/index.html").read_text()
    assert "<table>" in about and 'class="footnote"' in about and '<code class="language-python">' in about
    assert 'id="md-method"' in about and 'href="#md-method"' in about  # anchor + table of contents (Markdown ids are prefixed)
    assert '<div class="md-raw">raw html</div>' in about  # raw HTML allowed by default
    index = (out / "index.html").read_text()
    assert index.index('href="faq/"') < index.index('href="about/"')  # front-matter order 0 before 1
    assert (out / "img/logo.png").read_bytes() == b"\x89PNG fake"
    # Safe mode escapes raw HTML and drops javascript: links.
    write_tree(small_site, {
        "site.yaml": "title: S\nmarkdown: {safe: true}\n",
        "pages/about.md": '# About\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n',
    })
    assert cli(small_site, out).returncode == 0
    about = (out / "about/index.html").read_text()
    assert "<script>alert(1)</script>" not in about and "&lt;script&gt;" in about
    assert "javascript:" not in about


def test_static_file_may_not_overwrite_generated_files(tmp_path, small_site):
    write_tree(small_site, {"static/index.html": "<p>mine</p>", "static/assets/style.css": "a {}",
                            "site.yaml": "title: Test site\nstatic_scripts: true\n"})  # .html only when trusted
    result = cli(small_site, tmp_path / "out")
    assert result.returncode == 1
    assert "static/index.html: would overwrite a file the site generates" in result.stderr
    assert "static/assets/style.css: would overwrite a file the site generates" in result.stderr


def test_help_and_version():
    result = run_cli("--help")
    assert result.returncode == 0
    for text in ("CONTENT", "OUT", "--strict", "--force", "--base-url", "exit codes", "serve", "init", "deploy", "import"):
        assert text in result.stdout
    assert run_cli("--version").stdout.startswith("benchboard ")


def test_incremental_rebuilds(tmp_path):
    second = VALID_RESULT.replace("Small comparison", "Second")
    content = write_tree(tmp_path / "content", {"results/one.yaml": VALID_RESULT, "results/two.yaml": second})
    out = tmp_path / "out"
    assert cli(content, out).returncode == 0
    again = cli(content, out)
    assert again.returncode == 0 and "is up to date" in again.stdout
    before = snapshot(out)
    (content / "results/two.yaml").write_text(second.replace("61.5", "62.5"))
    changed = cli(content, out)
    assert changed.returncode == 0, changed.stderr
    assert "1 unchanged reused" in changed.stdout
    after = snapshot(out)
    assert {k for k in after if after[k] != before.get(k)} >= {"two/index.html", "two/data.csv", "index.html"}
    assert all(after[k] == before[k] for k in after if k.startswith("one/"))
    assert "62.5" in (out / "two/index.html").read_text()
    # A theme override changes every page: nothing may be reused.
    write_tree(content, {"templates/404.html": "{% extends 'base.html' %}{% block main %}gone{% endblock %}"})
    themed = cli(content, out)
    assert themed.returncode == 0 and "reused" not in themed.stdout
    assert "gone" in (out / "404.html").read_text()
    # The same content built into a fresh directory gives the same bytes as the incremental one.
    fresh = tmp_path / "fresh"
    assert cli(content, fresh).returncode == 0
    assert snapshot(fresh) == snapshot(out)


# The site-wide leaderboard's ranking rules became boards (issue 16): see tests/analyse/test_boards.py.
