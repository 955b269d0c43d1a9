"""Smoke test of the benchmark script: it runs and reports every figure (no timing asserted)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import REPO


@pytest.mark.slow
def test_bench_tiny_run_reports_every_figure(tmp_path):
    output = tmp_path / "RESULTS.md"
    result = subprocess.run([sys.executable, str(REPO / "bench/run.py"), "--tiny", "--output", str(output)],
                            capture_output=True, text=True, timeout=900)  # a hang guard: a shared machine is slow
    assert result.returncode == 0, result.stdout + result.stderr
    text = output.read_text()
    for figure in ("example site, cold build", "cold build with PNG", "cold build without PNG", "no-op rebuild",
                   "rebuild after changing one result file", "rebuild after changing one score", "models x 10 benchmarks", "peak RSS",
                   "example report page", "leaderboard page", "JS loaded only for the interactive chart",
                   "naive loop", "speed-up over the naive loop", "models in one file: refused",
                   "100 MB result file: refused"):
        row = next((line for line in text.splitlines() if figure in line), None)
        assert row is not None, figure
        assert re.search(r"\| [\d.,]+ ?(s|MB|KB|x)", row), row
    assert "Machine:" in text and "cores" in text
