"""build-site init makes a project that builds; its Pages workflow has every required step."""

from __future__ import annotations

import re

import yaml

from benchboard.commands.starter import WORKFLOW
from helpers import REPO, cli


def check_workflow(text: str) -> None:
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read"}  # publishing rights only where no project code runs
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}  # read: configure-pages's address
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    # one run at a time per branch, in order: a later push's site is never replaced by an earlier one's
    assert workflow["concurrency"]["group"] == "pages-${{ github.ref }}"
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    # pull requests are built and checked, never published, and never with pull_request_target's secrets
    triggers = workflow[True] if True in workflow else workflow["on"]  # (YAML 1.1 reads the key "on" as true)
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch"} and "pull_request_target" not in triggers
    assert workflow["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    upload = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    build_steps = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in build_steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False  # no token left in .git/config
    uses = [s.get("uses", "").split("@")[0] for s in build_steps]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    # the build knows the published address (project Pages live under /REPO/: 404.html's links,
    # sitemap.xml, canonical URLs), from configure-pages, which runs before it
    build = next(i for i, s in enumerate(build_steps) if s.get("run", "").startswith("build-site content/ site/"))
    pages = next(i for i, s in enumerate(build_steps) if s.get("uses", "").startswith("actions/configure-pages"))
    assert pages < build and build_steps[pages]["id"] == "pages"
    assert build_steps[build]["env"]["BENCHBOARD_BASE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    upload = next(s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    runs = [s.get("run", "") for s in build_steps]
    assert any(r.startswith("pip install") or "::error title=Install benchboard::" in r for r in runs)  # see test_install_spec.py
    assert any(r.startswith("build-site content/ site/") for r in runs)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"]["name"] == "github-pages"


def test_init_creates_a_project_that_builds(tmp_path):
    target = tmp_path / "project"
    result = cli("init", target)
    assert result.returncode == 0, result.stderr
    for rel in ("content/site.yaml", "content/results/example.yaml", "content/pages/about.md", ".github/workflows/pages.yml", "README.md", ".gitignore"):
        assert (target / rel).is_file(), rel
    workflow = (target / ".github/workflows/pages.yml").read_text()
    check_workflow(workflow)
    assert "pip install benchboard\n" not in workflow  # never a bare name (test_install_spec.py)
    built = cli(target / "content", target / "site", "--strict")
    assert built.returncode == 0, built.stderr
    page = re.sub(r"</?a\b[^>]*>", "", (target / "site/example/index.html").read_text())  # text without model links
    assert "Baseline 7B has no score for HumanEval" in page  # the example shows missing data
    again = cli("init", target)
    assert again.returncode == 1 and "not empty" in again.stderr


def test_the_projects_own_workflow_is_the_starters():
    text = (REPO / ".github/workflows/pages.yml").read_text()
    check_workflow(text)
    assert text == WORKFLOW.format(install="pip install .")
