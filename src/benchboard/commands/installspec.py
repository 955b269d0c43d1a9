"""Which benchboard a starter project's workflow should install: the one running ``init``.

Installed by name (a package index or a folder of wheels: pip records no address): no spec, as
below, since no release of benchboard is on PyPI. Installed from a git repository (PEP 610
``direct_url.json`` with ``vcs_info``): ``benchboard @ git+URL@COMMIT``. From a wheel or sdist at
an http(s) address: that address. From a local folder (editable or not): the folder's git remote
at its commit when that commit is pushed, else no spec at all: the workflow gets a step that
fails with a message saying what to put there (never a bare name, which could resolve to
someone else's package).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import yaml

NAME = "benchboard"


@dataclass(frozen=True)
class InstallSpec:
    """``requirement`` is what pip installs (None: unknown, the workflow fails with ``problem``);
    ``notes`` are told to the user at init (warnings about the spec, or what to do)."""

    requirement: str | None
    source: str  # "index", "git", "archive", "local"
    problem: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def command(self) -> str | None:
        """The shell command that installs it, or None."""
        if self.requirement is None:
            return None
        if re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!_-]+", self.requirement):
            return f"pip install {self.requirement}"
        return f"pip install {shlex.quote(self.requirement)}"


def _placeholder(why: str) -> InstallSpec:
    problem = (
        f"build-site init could not tell where benchboard can be installed from: {why}. "
        "Edit the 'Install benchboard' step of .github/workflows/pages.yml: replace its run with the "
        "pip install command for your benchboard (e.g. pip install \"benchboard @ git+https://github.com/OWNER/REPO@COMMIT\" "
        "for a pushed commit, or pip install benchboard==VERSION once it is on PyPI)"
    )
    return InstallSpec(None, "local", problem=problem)


def _https(url: str) -> str:
    """An ssh address of a public host as https, which a CI runner can fetch without keys (any
    user, no port: ``ssh://alice@host:2222/a/b`` -> ``https://host/a/b``); a file:/// address as
    file://localhost/ (a PEP 508 URL needs a host); and never a user name or password: a token
    in a clone's remote (``https://alice:ghp_...@github.com/...``) would be committed in the
    workflow and the README."""
    if url.startswith("file:///"):
        return "file://localhost/" + url[len("file:///"):]
    if "://" in url:
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]  # the last "@": a password may hold one
        if parts.scheme in ("ssh", "git+ssh"):
            host = re.sub(r":\d*$", "", host)  # an ssh port is no https port
            return f"https://{host}/{parts.path.lstrip('/')}".rstrip("/")
        return urlunsplit(parts._replace(netloc=host))
    match = re.fullmatch(r"(?:[^/@]+@)?([\w.-]{2,}|\[[0-9A-Fa-f:.]+\]):(.+?)/?", url)  # scp-like [user@]host:path (not C:/x)
    return f"https://{match.group(1)}/{match.group(2).lstrip('/')}" if match else url


def _path_as_url(url: str, folder: Path) -> str:
    """A remote given as a path (``git clone /srv/bb`` records ``/srv/bb``; ``../bb``, ``C:\\bb``)
    as a file:// URL: ``git+/srv/bb@COMMIT`` is no valid requirement, so pip refused the line
    even on this machine. Addresses (``://``) and scp-like ``git@host:path`` pass unchanged."""
    if "://" in url or re.match(r"[\w.-]+@[\w.-]+:", url):
        return url
    if url.startswith(("/", ".", "~")) or re.match(r"[A-Za-z]:[\\/]", url):
        return (folder / Path(url).expanduser()).resolve().as_uri()
    return url


def _warn_local_url(url: str) -> list[str]:
    if url.startswith("file:") or "://" not in url:
        return [f"the install spec points at {url}, which is on this machine: GitHub's runner cannot fetch it "
                "(push the repository and install benchboard from its public address, then run init again)"]
    return []


def _from_vcs(info: dict) -> InstallSpec:
    vcs = info.get("vcs_info") or {}
    url, commit = str(info.get("url", "")), str(vcs.get("commit_id", ""))
    if vcs.get("vcs") != "git" or not url or not re.fullmatch(r"[0-9a-fA-F]{7,64}", commit):
        return _placeholder(f"it was installed from {vcs.get('vcs', 'a version control system')} at {url or 'an unknown address'}")
    url = _https(url)
    return InstallSpec(f"{NAME} @ git+{url}@{commit}", "git", notes=_warn_local_url(url))


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _from_folder(folder: Path, editable: bool) -> InstallSpec:
    """A local folder: its pushed commit on its remote, else a placeholder."""
    kind = "an editable install of" if editable else "the local folder"
    commit = _git(folder, "rev-parse", "HEAD")
    if commit is None:
        return _placeholder(f"it is {kind} a folder that is not a git repository")
    remotes = (_git(folder, "remote") or "").split()
    if not remotes:
        return _placeholder(f"it is {kind} a git repository with no remote")
    pushed = _git(folder, "branch", "-r", "--contains", commit)
    if not pushed:
        return _placeholder(f"it is {kind} a git repository whose commit {commit[:12]} is on no remote (push it, then run init again)")
    remote = pushed.split()[0].split("/")[0]
    url = _git(folder, "remote", "get-url", remote if remote in remotes else remotes[0])
    if not url:
        return _placeholder(f"it is {kind} a git repository whose remote has no address")
    url = _https(_path_as_url(url, folder))
    notes = _warn_local_url(url)
    if _git(folder, "status", "--porcelain", "--untracked-files=no", "--", "src", "templates", "pyproject.toml"):
        notes.append(f"benchboard in {folder.name} has uncommitted changes; the workflow installs commit {commit[:12]} without them")
    return InstallSpec(f"{NAME} @ git+{url}@{commit}", "git", notes=notes)


def install_spec(dist: metadata.Distribution | None = None) -> InstallSpec:
    """The install spec of the benchboard this code runs from (or of ``dist``)."""
    try:
        dist = dist or metadata.distribution(NAME)
    except metadata.PackageNotFoundError:
        return _placeholder("benchboard runs from a source folder without being installed")
    text = dist.read_text("direct_url.json")
    if not text:
        # pip records no address for an install from an index or from a folder of wheels
        # (--find-links): "benchboard==X" could name a package benchboard is not (no release of
        # it is on PyPI), so the workflow says what to write instead.
        return _placeholder(f"it was installed by name ({NAME}=={dist.version}) from a package index or a folder of wheels, "
                            "and pip records no address for either")
    try:
        info = json.loads(text)
    except ValueError:
        return _placeholder("its install record (direct_url.json) is unreadable")
    url = str(info.get("url", ""))
    if "vcs_info" in info:
        return _from_vcs(info)
    if "archive_info" in info:
        if urlsplit(url).scheme in ("http", "https"):
            return InstallSpec(f"{NAME} @ {url}", "archive")
        return _placeholder(f"it was installed from the file {Path(unquote(urlsplit(url).path)).name} on this machine")
    if "dir_info" in info and urlsplit(url).scheme == "file":
        return _from_folder(Path(unquote(urlsplit(url).path)), bool(info["dir_info"].get("editable")))
    return _placeholder("its install record (direct_url.json) names no index, repository or file")


def workflow_run(spec: InstallSpec) -> str:
    """The YAML value of the workflow's install step's ``run:`` (indented for WORKFLOW)."""
    if spec.command is not None and "${{" not in spec.command:
        line = spec.command
        if yaml.safe_load(f"run: {line}") == {"run": line}:
            return line
        return "|\n          " + line
    message = (spec.problem or "no install spec").replace("'", "")
    return "|\n          echo '::error title=Install benchboard::" + message + "'\n          exit 1"


def readme_install(spec: InstallSpec) -> str:
    """The install line of the starter README."""
    if spec.command is not None:
        return spec.command
    return "pip install ...   # see the Install benchboard step of .github/workflows/pages.yml"
