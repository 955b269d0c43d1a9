"""Shared test helpers: build a site in-process (``build_site``), run the command line in-process
(``cli``) or for real in a subprocess (``run_cli``), make content trees, snapshot OUT.

Most tests call ``build_site`` or ``cli``: the same code path as ``build-site`` without the
interpreter start-up and imports a subprocess pays (an in-process build is ~12x cheaper, a
failing validation ~60x). ``run_cli`` is kept for what only a real process shows: exit codes of
the installed entry point, a traceback that never reaches the terminal, SIGKILL, resource
limits, the preview server, ``--help``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
import sys
import textwrap
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "content"


def run_cli(*args, cwd: Path | None = None, timeout: float = 120, env: dict | None = None, preexec_fn=None) -> subprocess.CompletedProcess:
    """Run ``python -m benchboard ARGS`` the way a user runs build-site (``timeout`` only
    guards against a hang; no test asserts how long a command takes)."""
    return subprocess.run(
        [sys.executable, "-m", "benchboard", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec_fn,
    )


def cli(*args, cwd: Path | None = None, env: dict | None = None, timeout: float | None = None) -> subprocess.CompletedProcess:
    """``build-site ARGS`` run in this process (``benchboard.commands.cli.main``): the exit code,
    stdout and stderr a user would see from ``run_cli``, argparse's exit 2 included. ``cwd`` and
    ``env`` apply while it runs and are restored after; ``timeout`` is accepted for symmetry
    with ``run_cli`` and ignored (no test asserts a duration)."""
    from benchboard.commands.cli import main

    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    saved_env = {name: os.environ.get(name) for name in (env or {})}
    saved_cwd = os.getcwd()
    try:
        os.environ.update({k: str(v) for k, v in (env or {}).items()})
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(saved_cwd)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess([sys.executable, "-m", "benchboard", *argv], code, out.getvalue(), err.getvalue())


def build_site(content: Path, out: Path | None = None, *, png: bool = False, **options):
    """Build CONTENT into OUT (default: CONTENT's sibling ``site``) in-process with
    ``benchboard.commands.build.build``; PNG off unless a test looks at the PNG. Returns the
    BuildResult; a content mistake raises ContentError, a refused OUT OutputRefused."""
    from benchboard.commands.build import build

    out = Path(content).parent / "site" if out is None else out
    return build(Path(content), Path(out), png=png, **options)


def short_page_deadline(monkeypatch, seconds: float = 2) -> None:
    """The page and text-template deadline (theme.MAX_PAGE_SECONDS, 20 s in a real build) set to
    ``seconds`` for an in-process build, in theme and in every benchboard module that imported
    the name: how patched_env's hook shortens it for a child process."""
    for name, module in list(sys.modules.items()):
        if name.startswith("benchboard") and hasattr(module, "MAX_PAGE_SECONDS"):
            monkeypatch.setattr(module, "MAX_PAGE_SECONDS", seconds)


def patched_env(folder: Path, code: str) -> dict:
    """Environment for a CLI run whose Python first runs ``code`` (a sitecustomize.py in
    ``folder``): how a test shortens a limit, e.g. a 20 s deadline to 2 s, without waiting it out."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(textwrap.dedent(code))
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH", "")]))}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create files under ``root``; str values are dedented text, bytes are written as is."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


def load_tree(tmp_path: Path, files: dict[str, str | bytes]):
    """(Site, warnings) of CONTENT made of ``files`` under ``tmp_path``/content, loaded in-process."""
    from benchboard.load.content import load_site

    return load_site(write_tree(tmp_path / "content", files))


def problems_of(tmp_path: Path, files: dict[str, str | bytes]) -> str:
    """The problems loading ``files`` refuses, one a line, as the CLI prints them."""
    import pytest

    from benchboard.errors import ContentError

    with pytest.raises(ContentError) as caught:
        load_tree(tmp_path, files)
    return "\n".join(str(p) for p in caught.value.problems)


def snapshot(directory: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file: equal snapshots mean byte-identical trees."""
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


VALID_RESULT = """\
title: Small comparison
benchmarks:
  - {name: Alpha, metric: Acc, n: 100}
  - {name: Beta, metric: Acc}
models:
  - name: Model A
    family: F1
    params: 7B
    scores: {Alpha: 61.5, Beta: 40.0}
  - name: Model B
    family: F2
    params: 7B
    scores: {Alpha: 55.0}
"""


def example_report():
    """The example's seed report, loaded by the real loader."""
    from benchboard.load.results import load_report_file

    return load_report_file(EXAMPLE / "results/distilled-reasoning.yaml", EXAMPLE)


class StaticServer:
    """A static server on 127.0.0.1 for one built site, at the root or under ``prefix``
    (e.g. "/repo/", as GitHub Pages serves a project site); anything outside it is a 404."""

    def __init__(self, root: Path, prefix: str = "/"):
        class Quiet(SimpleHTTPRequestHandler):
            def translate_path(self, path):
                if not path.startswith(prefix):
                    return str(root / "__nothing_here__")
                return super().translate_path("/" + path[len(prefix):])

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + prefix
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

