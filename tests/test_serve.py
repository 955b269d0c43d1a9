"""The preview server, for real: a subprocess, real HTTP, real file changes."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from helpers import EXAMPLE


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_serve_rebuilds_reloads_and_survives_errors(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    process = subprocess.Popen([sys.executable, "-m", "benchboard", "serve", str(content), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    output: list[str] = []
    try:
        def url_line():
            line = process.stdout.readline()
            output.append(line)
            match = re.search(r"Serving on (http://127\.0\.0\.1:\d+/)", line)
            return match.group(1) if match else None

        base = wait_for(url_line, 60, "the server to start")
        status, page = fetch(base)
        assert status == 200 and "Distilled reasoning models" in page
        assert "/__benchboard__/status" in page  # the reload script is injected when served
        status, report = fetch(base + "distilled-reasoning/")
        assert status == 200 and "Model Performance Comparison Across Benchmarks" in report
        first = json.loads(fetch(base + "__benchboard__/status")[1])
        assert first["error"] is None

        result = content / "results/distilled-reasoning.yaml"
        original = result.read_text()
        result.write_text(original.replace("title: Model Performance Comparison Across Benchmarks", "title: Live edited title"))
        wait_for(lambda: "Live edited title" in fetch(base + "distilled-reasoning/")[1], 60, "the rebuilt page")
        second = json.loads(fetch(base + "__benchboard__/status")[1])
        assert second["build"] > first["build"]  # the open page reloads on this change

        result.write_text(original.replace("models:", "models: [oops"))
        wait_for(lambda: json.loads(fetch(base + "__benchboard__/status")[1])["error"], 60, "the error state")
        status, page = fetch(base + "distilled-reasoning/")
        assert status == 200 and "Live edited title" in page  # the last good build is still served
        assert "data-benchboard-error" in page and "distilled-reasoning.yaml" in page and "not valid YAML" in page

        result.write_text(original)
        wait_for(lambda: json.loads(fetch(base + "__benchboard__/status")[1])["error"] is None, 60, "recovery")
        assert "data-benchboard-error" not in fetch(base + "distilled-reasoning/")[1]
        assert fetch(base + "no/such/page/")[0] == 404
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=30)
    log = "".join(output) + rest
    assert process.returncode == 0, log
    assert "Traceback" not in log
    assert "still serving the last good build" in log
