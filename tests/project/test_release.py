"""Release readiness: `python -m build` makes an sdist and a wheel that pass `twine check`; the
wheel alone (no checkout) installs, builds the example and runs init; the version has one
source; the release workflow builds, tests and publishes with trusted publishing on a tag."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

from benchboard import __version__
from helpers import REPO

pytestmark = pytest.mark.slow


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and wheel: the release workflow's (BENCHBOARD_RELEASE_DIST), else built here
    from a copy of the tree (a build never writes into the checkout)."""
    given = os.environ.get("BENCHBOARD_RELEASE_DIST")
    if given:
        return Path(given).resolve()
    work = tmp_path_factory.mktemp("release")
    tree = work / "tree"
    for part in ("src", "templates", "docs", "tests", "content"):
        shutil.copytree(REPO / part, tree / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for part in ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE"):
        shutil.copy(REPO / part, tree / part)
    out = work / "dist"
    isolation = ["--no-isolation"] if _has("hatchling") else []
    done = subprocess.run([sys.executable, "-m", "build", *isolation, "--outdir", str(out), str(tree)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr + done.stdout
    return out


def _one(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def test_sdist_and_wheel_pass_twine_check(dist):
    wheel, sdist = _one(dist, "*.whl"), _one(dist, "*.tar.gz")
    assert wheel.name == f"benchboard-{__version__}-py3-none-any.whl"
    assert sdist.name == f"benchboard-{__version__}.tar.gz"
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_the_wheel_holds_the_theme_schemas_and_licence_and_the_sdist_no_built_site(dist):
    names = zipfile.ZipFile(_one(dist, "*.whl")).namelist()
    for needed in ("benchboard/templates/report.html", "benchboard/templates/assets/style.css",
                   "benchboard/schemas/result.schema.json", "benchboard/fonts/OFL.txt"):
        assert needed in names, needed
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "content/", "site/")) for n in names)
    members = tarfile.open(_one(dist, "*.tar.gz")).getnames()
    top = f"benchboard-{__version__}/"
    assert top + "CHANGELOG.md" in members and top + "LICENSE" in members
    assert not any(m.startswith(top + "site/") for m in members)  # the built example is no source


def test_the_wheel_alone_installs_builds_the_example_and_runs_init(dist, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    target = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(target)
    python = target / "bin" / "python"
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                           "--disable-pip-version-check", str(_one(dist, "*.whl"))], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    work = tmp_path / "elsewhere"  # no checkout here: only the copied example content
    shutil.copytree(REPO / "content", work / "content")

    def cli(*args):
        return subprocess.run([str(target / "bin" / "build-site"), *map(str, args)], cwd=work, capture_output=True, text=True, env=env, timeout=600)

    where = subprocess.run([str(python), "-c", "import benchboard; print(benchboard.__file__)"], cwd=work, capture_output=True, text=True, env=env)
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    version = cli("--version")
    assert version.returncode == 0 and __version__ in version.stdout + version.stderr
    built = cli("content/", "site/", "--strict", "--no-png")
    assert built.returncode == 0, built.stderr
    assert (work / "site/index.html").is_file() and (work / "site/schema/result.schema.json").is_file()
    assert (work / "site/assets/style.css").read_bytes() == (REPO / "templates/assets/style.css").read_bytes()
    init = cli("init", "lab")
    assert init.returncode == 0, init.stderr
    # a wheel from a local file: the workflow step fails with the message rather than guess
    assert "before the first push" in init.stderr and "from the file benchboard-" in init.stderr
    starter = cli("lab/content", "lab/site", "--strict", "--no-png")
    assert starter.returncode == 0, starter.stderr


def test_the_version_has_one_source():
    pyproject = (REPO / "pyproject.toml").read_text()
    assert re.search(r'^dynamic = \["version"\]', pyproject, re.M)
    assert '[tool.hatch.version]\npath = "src/benchboard/__init__.py"' in pyproject
    assert not re.search(r"^version\s*=", pyproject, re.M)
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", __version__)
    assert f"## [{__version__}]" in (REPO / "CHANGELOG.md").read_text()


def test_the_release_workflow_builds_tests_and_publishes_with_trusted_publishing():
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text())
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key "on" as True
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["test"]["needs"] == "build" and jobs["publish"]["needs"] == ["build", "test"]
    build_runs = "\n".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert "python -m build" in build_runs and "twine check --strict" in build_runs
    assert "GITHUB_REF_NAME" in build_runs and "CHANGELOG.md" in build_runs  # the tag is the version
    assert any("dist/*.whl" in s.get("run", "") for s in jobs["test"]["steps"])  # the wheel, not the checkout
    # only the job that runs no project code may mint the PyPI token
    assert jobs["publish"]["permissions"] == {"id-token": "write"}
    assert "permissions" not in jobs["build"] and "permissions" not in jobs["test"]
    publish = [s.get("uses", "") for s in jobs["publish"]["steps"]]
    assert publish[-1].startswith("pypa/gh-action-pypi-publish@")
    assert not any("password" in (s.get("with") or {}) for s in jobs["publish"]["steps"])  # no stored token
    assert jobs["publish"]["environment"]["name"] == "pypi"
