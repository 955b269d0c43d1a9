"""build-site init writes the benchboard that ran it into the workflow and README: a version from
an index, a git URL at a commit, or a step that fails with a message saying what to put there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from benchboard.commands.installspec import install_spec, readme_install, workflow_run
from helpers import REPO, cli


class FakeDist(metadata.Distribution):
    def __init__(self, version: str, direct_url: dict | None):
        self._files = {"METADATA": f"Metadata-Version: 2.1\nName: benchboard\nVersion: {version}\n"}
        if direct_url is not None:
            self._files["direct_url.json"] = json.dumps(direct_url)

    def read_text(self, filename):
        return self._files.get(filename)

    def locate_file(self, path):
        return Path(path)


def install_step(workflow_text: str) -> str:
    steps = yaml.safe_load(workflow_text)["jobs"]["build"]["steps"]
    return next(s for s in steps if s.get("name") == "Install benchboard")["run"]


def git(*args, cwd=None):
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_installed_by_name_a_placeholder_never_an_index_pin():
    """pip records no address for an install from an index or a folder of wheels (--find-links),
    and no release of benchboard is on PyPI: "benchboard==1.2.3" could install another package
    of that name (a publishing review found init writing it for a --find-links install)."""
    spec = install_spec(FakeDist("1.2.3", None))
    assert spec.requirement is None and "benchboard==1.2.3" in spec.problem and "folder of wheels" in spec.problem
    run = yaml.safe_load(f"run: {workflow_run(spec)}")["run"]
    assert "pip install benchboard==" not in run.replace("pip install benchboard==VERSION", "")
    assert readme_install(spec).startswith("pip install ...")


@pytest.mark.parametrize("remote, written", [
    ("https://alice:ghp_SECRETTOKEN1234567890@github.com/acme/benchboard.git", "https://github.com/acme/benchboard.git"),
    ("https://oauth2:glpat-abcdef@gitlab.example.com/acme/benchboard.git", "https://gitlab.example.com/acme/benchboard.git"),
    ("ssh://git@gitlab.example.com:2222/acme/benchboard.git", "https://gitlab.example.com/acme/benchboard.git"),
    ("ssh://alice@github.com/acme/benchboard.git", "https://github.com/acme/benchboard.git"),
    ("alice@github.com:acme/benchboard.git", "https://github.com/acme/benchboard.git"),
])
def test_a_git_address_is_written_without_credentials_users_or_ports(remote, written):
    """A clone's remote may hold a token (https://user:TOKEN@host/...): the workflow and README
    are committed, so it never reaches them (review finding); ssh addresses of any user or
    port become the https address a runner can fetch."""
    commit = "0123456789abcdef0123456789abcdef01234567"
    spec = install_spec(FakeDist("0.1.0", {"url": remote, "vcs_info": {"vcs": "git", "commit_id": commit}}))
    assert spec.requirement == f"benchboard @ git+{written}@{commit}"
    assert "SECRET" not in workflow_run(spec) and "glpat" not in readme_install(spec)


def test_from_git_the_url_at_the_commit():
    commit = "0123456789abcdef0123456789abcdef01234567"
    spec = install_spec(FakeDist("0.1.0", {"url": "https://github.com/lab/benchboard.git",
                                            "vcs_info": {"vcs": "git", "commit_id": commit, "requested_revision": "main"}}))
    assert spec.requirement == f"benchboard @ git+https://github.com/lab/benchboard.git@{commit}"
    assert not spec.notes
    run = workflow_run(spec)
    assert yaml.safe_load(f"run: {run}")["run"].strip() == f"pip install 'benchboard @ git+https://github.com/lab/benchboard.git@{commit}'"
    # an ssh address becomes https, which a runner fetches without keys
    ssh = install_spec(FakeDist("0.1.0", {"url": "ssh://git@github.com/lab/benchboard.git", "vcs_info": {"vcs": "git", "commit_id": commit}}))
    assert ssh.requirement == f"benchboard @ git+https://github.com/lab/benchboard.git@{commit}"


def test_from_a_file_on_this_machine_a_placeholder_that_fails_with_the_message():
    spec = install_spec(FakeDist("0.1.0", {"url": "file:///home/me/dist/benchboard-0.1.0-py3-none-any.whl", "archive_info": {}}))
    assert spec.requirement is None and "benchboard-0.1.0-py3-none-any.whl" in spec.problem
    run = yaml.safe_load(f"run: {workflow_run(spec)}")["run"]
    assert "pip install benchboard\n" not in run and "pip install benchboard " not in run.replace("pip install benchboard==VERSION", "")
    done = subprocess.run(["bash", "-c", run], capture_output=True, text=True)
    assert done.returncode == 1
    assert "::error title=Install benchboard::build-site init could not tell where benchboard can be installed from" in done.stdout
    assert "/home/me" not in run  # no local path is published


def test_from_an_archive_url_that_url():
    spec = install_spec(FakeDist("0.1.0", {"url": "https://example.org/benchboard-0.1.0-py3-none-any.whl", "archive_info": {}}))
    assert spec.requirement == "benchboard @ https://example.org/benchboard-0.1.0-py3-none-any.whl"


def test_editable_folder_without_git_or_remote_or_pushed_commit_is_a_placeholder(tmp_path):
    folder = tmp_path / "bb"
    folder.mkdir()
    dist = lambda: FakeDist("0.1.0", {"url": folder.as_uri(), "dir_info": {"editable": True}})  # noqa: E731
    assert "not a git repository" in install_spec(dist()).problem
    git("init", "-q", folder)
    (folder / "f").write_text("x")
    git("add", "f", cwd=folder)
    git("commit", "-qm", "x", cwd=folder)
    assert "no remote" in install_spec(dist()).problem
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", remote)
    git("remote", "add", "origin", remote.as_uri(), cwd=folder)
    assert "on no remote" in install_spec(dist()).problem
    git("push", "-q", "origin", "HEAD:main", cwd=folder)
    git("fetch", "-q", "origin", cwd=folder)
    spec = install_spec(dist())
    commit = git("rev-parse", "HEAD", cwd=folder)
    assert spec.requirement == f"benchboard @ git+file://localhost{remote}@{commit}"
    assert any("cannot fetch it" in note for note in spec.notes)  # a file:// remote is on this machine
    # `git clone /path` records the remote as a plain path (review S1): written as a file URL,
    # a requirement pip accepts, never "git+/path@COMMIT"
    for given in (str(remote), os.path.relpath(remote, folder)):
        git("remote", "set-url", "origin", given, cwd=folder)
        spec = install_spec(dist())
        assert spec.requirement == f"benchboard @ git+file://localhost{remote}@{commit}", given
        Requirement(spec.requirement)  # valid PEP 508
        assert any("cannot fetch it" in note for note in spec.notes)


def test_init_writes_the_running_benchboards_spec(tmp_path):
    result = cli("init", tmp_path / "p")
    assert result.returncode == 0, result.stderr
    spec = install_spec()
    workflow = (tmp_path / "p/.github/workflows/pages.yml").read_text()
    assert install_step(workflow).strip() == yaml.safe_load(f"run: {workflow_run(spec)}")["run"].strip()
    readme = (tmp_path / "p/README.md").read_text()
    assert readme_install(spec) in readme
    if spec.requirement is None:
        assert "before the first push" in result.stderr and "Before the first push" in readme
    else:
        assert spec.requirement in result.stdout


def _fresh_venv(path: Path) -> Path:
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(path)
    return path / "bin" / "python"


def _clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _pip(python: Path, *args: str, env: dict) -> None:
    no_isolation = ["--no-build-isolation"] if _has_hatchling() else []
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", *no_isolation, *args],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr


def _has_hatchling() -> bool:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
def test_the_generated_git_spec_installs_in_a_fresh_venv_and_builds_the_starter(tmp_path):
    # A local git remote holding this tree (its working files, committed), as a lab's fork would.
    remote = tmp_path / "remote"
    for part in ("src", "templates"):
        shutil.copytree(REPO / part, remote / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / part, remote / part)
    git("init", "-q", remote)
    git("add", "-A", cwd=remote)
    git("commit", "-qm", "snapshot", cwd=remote)
    commit = git("rev-parse", "HEAD", cwd=remote)
    env = _clean_env()
    # 1. a user installs benchboard from that repository and runs init
    first = _fresh_venv(tmp_path / "venv1")
    url = f"git+file://localhost{remote}"  # PEP 508 wants a host; pip records file:///
    _pip(first, f"benchboard @ {url}@{commit}", env=env)
    done = subprocess.run([str(first), "-m", "benchboard", "init", str(tmp_path / "lab")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    run = install_step((tmp_path / "lab/.github/workflows/pages.yml").read_text()).strip()
    assert run == f"pip install 'benchboard @ {url}@{commit}'"
    assert "cannot fetch it" in done.stderr  # told that a file:// remote is not reachable from GitHub
    # 2. the workflow's own install command, in another fresh venv, then the workflow's build
    second = _fresh_venv(tmp_path / "venv2")
    import shlex
    words = shlex.split(run)
    assert words[:2] == ["pip", "install"]
    _pip(second, *words[2:], env=env)
    where = subprocess.run([str(second), "-c", "import benchboard; print(benchboard.__file__)"], capture_output=True, text=True, env=env)
    assert where.stdout.startswith(str(tmp_path / "venv2")), where.stdout  # the installed copy, not a checkout
    built = subprocess.run([str(second), "-m", "benchboard", "content/", "site/", "--strict", "--no-png"], cwd=tmp_path / "lab",
                           capture_output=True, text=True, env=env, timeout=300)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "lab/site/example/index.html").is_file()


@pytest.mark.parametrize("remote, written", [
    ("ssh://alice:s3cr@t@github.com/o/r.git", "https://github.com/o/r.git"),  # a password holding "@"
    ("ssh://alice:tok@[2001:db8::1]/o/r", "https://[2001:db8::1]/o/r"),
    ("alice+work@github.com:o/r.git", "https://github.com/o/r.git"),
    ("https://u:p@a@host.example:8443/x.git", "https://host.example:8443/x.git"),
])
def test_no_password_survives_any_remote_form(remote, written):
    from benchboard.commands.installspec import _https

    assert _https(remote) == written
