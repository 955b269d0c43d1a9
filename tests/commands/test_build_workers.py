"""A build's worker processes (commands/build.py spreads reports over a spawn pool): killed
with the build by SIGKILL, they stop too instead of running on (a real build process)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import VALID_RESULT, write_tree


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2, reason="needs Linux /proc and 2 cores")
def test_pool_workers_die_with_a_killed_build(tmp_path):
    files = {"site.yaml": "title: Many\n"}
    for i in range(30):
        files[f"results/r{i:02d}.yaml"] = VALID_RESULT.replace("Small comparison", f"Comparison {i}")
    content = write_tree(tmp_path / "content", files)
    process = subprocess.Popen([sys.executable, "-m", "benchboard", str(content), str(tmp_path / "out"), "--no-png"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "BENCHBOARD_CACHE_DIR": str(tmp_path / "cache")})
    try:
        deadline = time.monotonic() + 60
        children: set[int] = set()
        while time.monotonic() < deadline and len(children) < 2 and process.poll() is None:
            children = _children(process.pid)
            time.sleep(0.05)
        if process.poll() is not None:
            pytest.skip("the build finished before its workers could be seen")
        time.sleep(0.5)
        children |= _children(process.pid)
        process.kill()
        process.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(c) for c in children):
            time.sleep(0.2)
        assert not [c for c in children if _alive(c)], "worker processes outlived the killed build"
    finally:
        if process.poll() is None:
            process.kill()
