"""Where the site is published (issue 23): base_url comes from the command line, the deploy
job's environment (BENCHBOARD_BASE_URL) or site.yaml only when it is the Pages URL of the
repository being built (GITHUB_REPOSITORY); never from content alone. 404.html loads its script
and stylesheet from the origin that served it, whatever base_url says."""

from __future__ import annotations

import re

import pytest

from helpers import VALID_RESULT, cli, write_tree

NO_CI = {"GITHUB_REPOSITORY": "", "BENCHBOARD_BASE_URL": ""}


def build(tmp_path, site_yaml: str, *args, env=None):
    content = write_tree(tmp_path / "content", {"site.yaml": site_yaml, "results/small.yaml": VALID_RESULT})
    out = tmp_path / "out"
    result = cli(content, out, "--no-png", *args, env={**NO_CI, **(env or {})})
    assert "Traceback" not in result.stderr
    return result, out


def loads_from(page: str) -> list[str]:
    """Every URL the page fetches as script, stylesheet or icon."""
    return re.findall(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]*)"', page)


def test_a_contributed_base_url_is_not_used(tmp_path):
    result, out = build(tmp_path, "title: T\nbase_url: https://evil.example/\n")
    assert result.returncode == 0, result.stderr
    assert "content/site.yaml:2:11: warning: base_url https://evil.example/ cannot be checked" in result.stderr
    assert "--base-url" in result.stderr
    for path in out.rglob("*"):
        if path.is_file() and path.name != ".benchboard-build":  # the marker keeps the warning
            assert b"evil.example" not in path.read_bytes(), path
    assert not (out / "sitemap.xml").exists() and not (out / "robots.txt").exists()


def test_a_base_url_naming_another_repository_is_not_used_in_ci(tmp_path):
    result, out = build(tmp_path, "title: T\nbase_url: https://evil.github.io/r/\n", env={"GITHUB_REPOSITORY": "owner/repo"})
    assert result.returncode == 0
    assert "is not https://owner.github.io/repo/, the Pages URL of owner/repo" in result.stderr
    assert b"evil" not in (out / "404.html").read_bytes() and not (out / "sitemap.xml").exists()
    strict = cli(tmp_path / "content", out, "--no-png", "--strict", env={"GITHUB_REPOSITORY": "owner/repo"})
    assert strict.returncode == 1  # the workflow builds with --strict: the mistake stops it


@pytest.mark.parametrize("repository, url", [("Owner/repo", "https://owner.github.io/repo/"),
                                             ("owner/owner.github.io", "https://owner.github.io/")])
def test_the_repositorys_own_pages_url_is_used(tmp_path, repository, url):
    result, out = build(tmp_path, f"title: T\nbase_url: {url}\n", env={"GITHUB_REPOSITORY": repository})
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert f"<loc>{url}small/</loc>" in (out / "sitemap.xml").read_text()
    assert f'<link rel="canonical" href="{url}small/">' in (out / "small/index.html").read_text()


def test_the_deploy_jobs_environment_and_the_command_line_are_trusted(tmp_path):
    result, out = build(tmp_path, "title: T\nbase_url: https://evil.example/\n", env={"BENCHBOARD_BASE_URL": "https://docs.example.org/b"})
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert "Sitemap: https://docs.example.org/b/sitemap.xml\n" in (out / "robots.txt").read_text()
    assert "/b/assets/site.js" in loads_from((out / "404.html").read_text())
    result, out = build(tmp_path, "title: T\n", "--base-url", "https://cli.example.org/", env={"BENCHBOARD_BASE_URL": "https://docs.example.org/"})
    assert '<link rel="canonical" href="https://cli.example.org/small/">' in (out / "small/index.html").read_text()
    result, _ = build(tmp_path, "title: T\n", env={"BENCHBOARD_BASE_URL": "javascript:alert(1)//"})
    assert result.returncode == 1 and "BENCHBOARD_BASE_URL: 'javascript:alert(1)//' is not an absolute URL" in result.stderr


@pytest.mark.parametrize("url", ["https://example.org/repo/", "https://example.org//evil.example/x/", "https://example.org"])
def test_404_loads_script_and_style_only_from_its_own_origin(tmp_path, url):
    result, out = build(tmp_path, "title: T\n", "--base-url", url)
    assert result.returncode == 0, result.stderr
    page = (out / "404.html").read_text()
    urls = loads_from(page)
    assert any(u.endswith("assets/site.js") for u in urls) and any(u.endswith("assets/style.css") for u in urls)
    for u in urls:
        assert u.startswith("/") and not u.startswith("//"), u  # a path on the serving origin
    assert "evil.example" not in "".join(urls) or all(u.startswith("/evil.example/") for u in urls)


def test_a_trailing_newline_is_not_a_url(tmp_path):
    result, out = build(tmp_path, 'title: T\nbase_url: "https://owner.github.io/repo/\\n"\n', env={"GITHUB_REPOSITORY": "owner/repo"})
    assert result.returncode == 1 and "content/site.yaml:2:11: base_url has an invalid value" in result.stderr
