"""A registry URL (models.yaml, benchmarks.yaml) is one rule: an absolute http(s) URL without
spaces, quotes, angle brackets or a trailing newline, and the message says what is expected
(it said "expected see the schema"). benchmarks.yaml took anything that began with https://."""

from __future__ import annotations

import pytest

from helpers import VALID_RESULT, cli, write_tree

BAD = ['https://x\\" onmouseover=\\"alert(1)', "https://x\\nSitemap: https://evil.example/", "https://a b", "javascript:alert(1)"]


@pytest.mark.parametrize("registry", ["models", "benchmarks"])
@pytest.mark.parametrize("url", BAD)
def test_a_bad_registry_url_is_an_error_that_says_what_is_expected(tmp_path, registry, url):
    name = "Model A" if registry == "models" else "Alpha"
    content = write_tree(tmp_path / "content", {
        "results/small.yaml": VALID_RESULT,
        f"{registry}.yaml": f'{registry}:\n  - name: {name}\n    url: "{url}"\n',
    })
    result = cli(content, tmp_path / "out", "--no-png")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"content/{registry}.yaml:3:10: {registry}[0].url has an invalid value" in output, output
    assert "(expected an absolute http(s) URL such as https://example.org/page" in output
    assert "see the schema" not in output and "Traceback" not in output


@pytest.mark.parametrize("registry", ["models", "benchmarks"])
def test_a_good_registry_url_builds(tmp_path, registry):
    name = "Model A" if registry == "models" else "Alpha"
    content = write_tree(tmp_path / "content", {
        "results/small.yaml": VALID_RESULT,
        f"{registry}.yaml": f"{registry}:\n  - name: {name}\n    url: https://arxiv.org/abs/1905.07830\n",
    })
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 0, result.stdout + result.stderr
