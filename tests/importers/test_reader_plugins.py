"""Readers from other packages (the ``benchboard.readers`` entry-point group): found when
installed, asked like the built-in ones, left out with a warning when broken, and counted in the
build fingerprint. Each test installs a small distribution on PYTHONPATH (a .dist-info folder
with entry_points.txt, as pip writes it) and runs the real command."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import yaml

from helpers import run_cli

READER = '''
"""A reader for a made-up format: one line per task, 'MODEL TASK ACCURACY N'."""
from pathlib import Path

from benchboard.importers.common import Run, TaskScore

name = "demo"
harness = "Demo harness"


def can_read(path: Path) -> bool:
    return Path(path).suffix == ".demo"


def read(path, options):
    runs = {}
    for line in Path(path).read_text().splitlines():
        model, task, value, n = line.split()
        run = runs.setdefault(model, Run(str(path), harness, "1.0", model))
        run.scores.append(TaskScore(task=task, name=task, metric="acc", value=float(value), n=int(n), unit="fraction"))
    return list(runs.values())
'''


def install(root: Path, module: str, source: str, entry: str, dist: str = "demo_reader", version: str = "1.2.0") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{module}.py").write_text(textwrap.dedent(source))
    info = root / f"{dist}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[benchboard.readers]\n{entry}\n")
    return root


def env_with(root: Path) -> dict:
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH", "")]))}


def test_an_installed_reader_imports_its_format(tmp_path):
    plugins = install(tmp_path / "plugins", "demo_reader", READER, "demo = demo_reader")
    data = tmp_path / "run.demo"
    data.write_text("model-a quiz 0.75 200\nmodel-b quiz 0.5 200\n")
    out = tmp_path / "content/results/demo.yaml"
    result = run_cli("import", "demo", data, "-o", out, env=env_with(plugins))
    assert result.returncode == 0, result.stderr
    written = yaml.safe_load(out.read_text())
    assert [m["name"] for m in written["models"]] == ["model-a", "model-b"]
    assert written["models"][0]["scores"]["quiz"]["value"] == 75.0  # fractions shown as percent, as for built-in readers
    detected = run_cli("import", data, "-o", tmp_path / "content/results/auto.yaml", env=env_with(plugins))
    assert detected.returncode == 0, detected.stderr  # found by detection too, not only by name


def test_a_broken_reader_is_left_out_with_a_warning(tmp_path):
    plugins = install(tmp_path / "plugins", "broken_reader", "raise RuntimeError('boom')\n", "broken = broken_reader", dist="broken")
    install(plugins, "nameless_reader", "harness = 'x'\n", "nameless = nameless_reader", dist="nameless")
    install(plugins, "clash_reader", READER.replace('name = "demo"', 'name = "lm-eval"'), "clash = clash_reader", dist="clash")
    fixture = Path(__file__).resolve().parents[1] / "fixtures/real-results/lighteval_docs_example_gpt2_gsm8k_results.json"
    result = run_cli("import", fixture, "-o", tmp_path / "content/results/r.yaml", env=env_with(plugins))
    assert result.returncode == 0, result.stderr  # the built-in readers still work
    assert "reader plugin 'broken' (broken_reader, from broken 1.2.0) could not be loaded (RuntimeError: boom); left out" in result.stderr
    assert "reader plugin 'nameless'" in result.stderr and "has no name, can_read, read" in result.stderr
    assert "reader plugin 'clash'" in result.stderr and "named 'lm-eval', which another reader has" in result.stderr
    assert "Traceback" not in result.stderr


def test_installed_plugins_are_part_of_the_build_fingerprint(tmp_path):
    """A newer plugin version makes the next build a real build (the cache keys change)."""
    probe = "from benchboard.load.cache import code_digest, plugin_fingerprint; print(plugin_fingerprint()); print(code_digest())"
    import subprocess
    import sys

    def run(version: str) -> list[str]:
        root = install(tmp_path / version, "demo_reader", READER, "demo = demo_reader", version=version)
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, **env_with(root)})
        assert out.returncode == 0, out.stderr
        return out.stdout.split()

    one, two = run("1.0.0"), run("2.0.0")
    assert "benchboard.readers:demo=demo_reader@demo_reader==1.0.0" in one[0]
    assert one[1] != two[1]
