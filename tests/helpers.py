"""Shared test helpers: run the real CLI in a subprocess, make content trees, snapshot OUT."""

from __future__ import annotations

import hashlib
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

