"""The preview server, for real: a subprocess, real HTTP, real file changes."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from helpers import EXAMPLE, patched_env


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
        # the open page reloads on this change (the number moves just after the swap)
        wait_for(lambda: json.loads(fetch(base + "__benchboard__/status")[1])["build"] > first["build"], 30, "the build number")

        result.write_text(original.replace("models:", "models: [oops"))
        wait_for(lambda: json.loads(fetch(base + "__benchboard__/status")[1])["error"], 60, "the error state")
        status, page = fetch(base + "distilled-reasoning/")
        assert status == 200 and "Live edited title" in page  # the last good build is still served
        assert "data-benchboard-error" in page and "distilled-reasoning.yaml" in page and "not valid YAML" in page
        body = page.split("<body", 1)[1].split(">", 1)[1]
        assert body.lstrip().startswith('<div class="build-error"')  # first in the page: on the first screen (review S5)

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


# --- hardening (issue 13) ---------------------------------------------------------------------

INJECT = '''
import os
if os.environ.get("BENCHBOARD_TEST_FAIL_WHEN"):
    import benchboard.render.site as render
    original = render.iter_site
    def iter_site(*args, **kwargs):
        if os.path.exists(os.environ["BENCHBOARD_TEST_FAIL_WHEN"]):
            raise RuntimeError("injected bug")
        return original(*args, **kwargs)
    render.iter_site = iter_site
'''


def start(args, env=None):
    process = subprocess.Popen([sys.executable, "-m", "benchboard", "serve", *map(str, args), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    output: list[str] = []

    def url_line():
        line = process.stdout.readline()
        output.append(line)
        if not line and process.poll() is not None:
            raise AssertionError("serve exited: " + "".join(output))
        match = re.search(r"Serving on (http://127\.0\.0\.1:\d+/)", line)
        return match.group(1) if match else None

    return process, wait_for(url_line, 60, "the server to start"), output


def request(url: str, host: str | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_checks_host_lists_no_directory_and_cleans_up_on_sigterm(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    temp = tmp_path / "tmp"
    temp.mkdir()
    # the server's idle timeout, 30 s, made 2 s so the test need not wait it out
    env = {"TMPDIR": str(temp), **patched_env(tmp_path / "hooks", "import benchboard.commands.serve\nbenchboard.commands.serve.IDLE_SECONDS = 2\n")}
    process, base, output = start([content], env=env)
    try:
        assert list(temp.iterdir())  # the temporary build folder
        port = base.rsplit(":", 1)[1].rstrip("/")
        idle = socket.create_connection(("127.0.0.1", int(port)))  # connects, then says nothing
        assert request(base)[0] == 200
        assert request(base, host=f"localhost:{port}")[0] == 200
        status, body = request(base, host=f"evil.example:{port}")  # DNS rebinding
        assert status == 403 and "Distilled" not in body
        status, body = request(base + "assets/")
        assert status == 404 and "Directory listing" not in body
        idle.settimeout(15)  # the idle timeout, made 2 s above, closes it well before this (30 s unpatched: fails)
        assert idle.recv(1) == b"", "an idle connection was held open"
        idle.close()
    finally:
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=30)
    assert "Traceback" not in "".join(output) + rest
    assert not list(temp.iterdir()), "SIGTERM left the temporary folder behind"


def test_serve_refuses_a_foreign_out_folder(tmp_path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "private.txt").write_text("mine\n")
    result = subprocess.run([sys.executable, "-m", "benchboard", "serve", str(EXAMPLE), "--out", str(foreign), "--port", "0"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    assert "refusing to serve it" in result.stderr and (foreign / "private.txt").exists()


def test_serve_rejects_a_port_out_of_range():
    result = subprocess.run([sys.executable, "-m", "benchboard", "serve", str(EXAMPLE), "--port", "99999"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "not a port number" in result.stderr and "Traceback" not in result.stderr


def test_serve_keeps_watching_after_a_bug_in_a_rebuild(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(INJECT)
    trigger = tmp_path / "fail-now"
    env = {"PYTHONPATH": os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]),
           "BENCHBOARD_TEST_FAIL_WHEN": str(trigger)}
    process, base, output = start([content], env=env)
    try:
        result = content / "results/distilled-reasoning.yaml"
        original = result.read_text()
        trigger.touch()
        result.write_text(original.replace("title: Model Performance Comparison Across Benchmarks", "title: Edit one"))
        wait_for(lambda: json.loads(fetch(base + "__benchboard__/status")[1])["error"], 60, "the error banner")
        assert "internal error" in json.loads(fetch(base + "__benchboard__/status")[1])["error"]
        trigger.unlink()
        result.write_text(original.replace("title: Model Performance Comparison Across Benchmarks", "title: Edit two"))
        wait_for(lambda: "Edit two" in fetch(base + "distilled-reasoning/")[1], 60, "a rebuild after the bug")
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=30)
    assert "injected bug" in "".join(output) + rest


def test_serve_stops_on_sigint_even_when_started_with_sigint_ignored(tmp_path):
    """A shell running a script in the background hands its children SIGINT ignored; Python
    then raises no KeyboardInterrupt, and serve used to keep running after Ctrl-C / kill -INT."""
    process = subprocess.Popen([sys.executable, "-m", "benchboard", "serve", str(EXAMPLE), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"},
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        wait_for(lambda: "Serving on" in process.stdout.readline(), 60, "the server to start")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            rest, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError("serve kept running after SIGINT") from None
    assert "Traceback" not in rest
