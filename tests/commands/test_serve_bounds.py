"""serve rebuilds with a build's bounds (issue 23): each rebuild is a child build-site process,
so the page deadline and the memory bound apply; a slow template gives an error banner and serve
keeps serving and rebuilding."""

from __future__ import annotations

import json
import shutil
import signal

from helpers import EXAMPLE, patched_env
from .test_serve import fetch, start, wait_for

LOOP = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def test_a_slow_template_is_stopped_and_serve_keeps_working(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    # the 20 s page deadline made 2 s (the child build inherits the hook through PYTHONPATH)
    env = patched_env(tmp_path / "hooks", "import benchboard.render.theme\nbenchboard.render.theme.MAX_PAGE_SECONDS = 2\n")
    process, base, output = start([content], env=env)
    try:
        status = lambda: json.loads(fetch(base + "__benchboard__/status")[1])  # noqa: E731
        first = status()["build"]
        override = content / "templates/404.html"
        override.parent.mkdir(exist_ok=True)
        override.write_text("{% extends 'base.html' %}{% block main %}\n" + LOOP + "\n{% endblock %}")
        wait_for(lambda: status()["error"], 120, "the error banner")
        assert "templates/404.html:2:" in status()["error"] and "took over 2 s" in status()["error"]
        code, page = fetch(base)
        assert code == 200 and "data-benchboard-error" in page and "took over 2 s" in page  # the last good build, with the banner
        override.unlink()
        results = content / "results/distilled-reasoning.yaml"
        results.write_text(results.read_text().replace("title: Model Performance Comparison Across Benchmarks", "title: After the slow one"))
        wait_for(lambda: "After the slow one" in fetch(base + "distilled-reasoning/")[1], 120, "a rebuild after the slow template")
        wait_for(lambda: status()["error"] is None, 60, "the banner to go")  # set just after the child's swap
        assert status()["build"] > first + 1
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
    log = "".join(output) + rest
    assert "Traceback" not in log and "still serving the last good build" in log
    assert process.returncode == 0, log


def test_serve_does_not_import_the_build():
    """serve drives build-site in a child process; it needs none of the build's stages."""
    import subprocess
    import sys

    code = ("import sys, benchboard.commands.serve; "
            "print(sorted(m for m in sys.modules if m.startswith('benchboard.') and m.split('.')[1] in "
            "('analyse', 'views', 'chart', 'output') or m == 'benchboard.commands.build'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "['benchboard.output', 'benchboard.output.write']", result.stdout + result.stderr
