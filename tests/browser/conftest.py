"""Browser fixtures: Debian's Chromium driven by Playwright (one per worker), test sites built
once per run (sites.py).

Without Chromium the browser tests skip with a message; with BENCHBOARD_REQUIRE_BROWSER=1 (set
by .ci/run) a missing browser, a missing Nu checker, or any skipped browser test is a failure.
"""

from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path

import pytest

from helpers import EXAMPLE, StaticServer

from .sites import built_site

REQUIRE = os.environ.get("BENCHBOARD_REQUIRE_BROWSER") == "1"
CHROMIUM = os.environ.get("BENCHBOARD_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def unavailable(message: str):
    if REQUIRE:
        pytest.fail(f"{message} (BENCHBOARD_REQUIRE_BROWSER=1: browser tests must run)")
    pytest.skip(message)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE and report.skipped and "tests/browser" in str(item.fspath).replace(os.sep, "/"):
        report.outcome = "failed"
        report.longrepr = f"skipped under BENCHBOARD_REQUIRE_BROWSER=1: {report.longrepr}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """A whole module skipped at import (e.g. pytest.importorskip) is a failure too."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE and report.skipped and "tests/browser" in str(collector.path).replace(os.sep, "/"):
        report.outcome = "failed"
        report.longrepr = f"skipped under BENCHBOARD_REQUIRE_BROWSER=1: {report.longrepr}"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


Server = StaticServer  # the suite's one static server (helpers.py)


MULTI = {
    "site.yaml": "title: Several reports\ndescription: A test site.\ncitation: {authors: ['Doe, Jane', Test Lab], year: 2025}\n",
    "results/alpha.yaml": """\
        title: Alpha comparison
        y_title: Accuracy (%)
        benchmarks:
          - {name: One, metric: acc, n: 200, released: 2024-01}
          - {name: Two, metric: acc}
          - {name: Errors, metric: rate, higher_is_better: false}
        models:
          - {name: Model A, family: Fam1, params: 7B, scores: {One: 61.5, Two: 40.0, Errors: 12.0}}
          - {name: Model B, family: Fam2, params: 7B, scores: {One: 55.0, Errors: 9.5}}
          - {name: Model C, family: Fam1, params: 13B, scores: {One: 70.1, Two: 52.3, Errors: 8.0}}
        """,
    "results/beta.yaml": """\
        title: Beta comparison
        benchmarks: [{name: Three}, {name: Four}]
        models:
          - {name: Model A, scores: {Three: 0.61, Four: 0.42}}
          - {name: Model D, scores: {Three: {value: 0.7, stderr: 0.02}, Four: 0.38}}
        """,
    "results/gamma.yaml": """\
        title: Gamma, one benchmark
        benchmarks: [{name: Solo, metric: pass@1, n: 164}]
        models:
          - {name: Model C, scores: {Solo: 31.7}}
          - {name: Model E, scores: {Solo: 29.9}}
        """,
    "models.yaml": "models:\n  - {name: Model A, family: Fam1, knowledge_cutoff: 2024-06, open_weights: unknown}\n  - {name: Model C, released: 2023-05}\n",
    "pages/notes.md": "---\ntitle: Notes\n---\n# Notes\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nA footnote.[^1]\n\n[^1]: Here.\n",
}

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "</script><script>window.__xss=2</script>",
    '"><img src=x onerror="window.__xss=3">',
    '<svg onload="window.__xss=4">',
    "{{ 7*7 }}",
    "{% if true %}TEMPLATE{% endif %}",
]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_content() -> dict[str, str]:
    p = [_quoted(x) for x in PAYLOADS]
    models = "\n".join(
        f"  - {{name: {p[i]}, family: {p[(i + 1) % len(p)]}, params: {p[(i + 2) % len(p)]}, scores: {{{p[0]}: {50 + i}, {p[1]}: {60 - i}}}}}"
        for i in range(len(PAYLOADS))
    )
    result = (
        f"title: {p[0]}\ndescription: {p[2]}\ny_title: {p[3]}\n"
        f"benchmarks:\n  - {{name: {p[0]}, metric: {p[4]}}}\n  - {{name: {p[1]}, metric: {p[5]}}}\n"
        f"models:\n{models}\n"
        "interpretation: |\n  Markdown with a [link](javascript:window.__xss=5) and <script>window.__xss=6</script> and {{ 7*7 }}.\n"
    )
    page = "---\ntitle: " + p[2] + "\n---\n# Page\n\n[click](javascript:window.__xss=7)\n\n<img src=x onerror=\"window.__xss=8\">\n\n{{ 7*7 }}\n"
    return {
        "site.yaml": f"title: {p[1]}\ndescription: {p[4]}\nmarkdown: {{safe: true}}\ncitation: {{authors: [{p[0]}, {p[2]}], title: {p[3]}}}\n",
        "results/hostile.yaml": result,
        "pages/hostile-page.md": page,
    }


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The example, a site of several reports and one of hostile input, built as a user builds
    them (``build-site CONTENT OUT``: with chart.png, as none of them turns it off, whose link and
    og:image the Nu checker and axe read too). The example is the same build as the suite's
    ``example_site`` (tests/conftest.py), made once per run for both."""
    return {name: built_site(tmp_path_factory, name, content, png=None)
            for name, content in (("example", EXAMPLE), ("multi", MULTI), ("hostile", hostile_content()))}


@pytest.fixture(scope="session")
def servers(sites):
    started = {name: Server(path) for name, path in sites.items()}
    yield started
    for server in started.values():
        server.close()


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    candidates = [os.environ.get("BENCHBOARD_VNU_JAR", ""), str(Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache/benchboard-node/node_modules/vnu-jar/build/dist/vnu.jar")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            if not shutil.which("java"):
                unavailable("java is not installed (needed by the Nu HTML Checker)")
            return Path(candidate)
    unavailable("the Nu HTML Checker jar was not found (npm install vnu-jar; set BENCHBOARD_VNU_JAR)")


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
