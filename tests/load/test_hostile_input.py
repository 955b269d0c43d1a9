"""Hostile and broken input: fuzzed files, resource bombs, and builds killed half-way.

Every input either builds or fails with the documented clean error: never a traceback, never a
hang. Set BENCHBOARD_FUZZ_LONG=1 for the long run (10,000+ examples per fuzz test).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchboard.errors import ContentError, Problems
from benchboard.load.results import load_report_file
from benchboard.model import Report
from benchboard.load.yamlsource import parse_yaml
from helpers import VALID_RESULT, cli, run_cli, snapshot, write_tree

LONG = os.environ.get("BENCHBOARD_FUZZ_LONG") == "1"
FUZZ = settings(
    max_examples=10_000 if LONG else 300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# --- fuzzing the loader -----------------------------------------------------------------------

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=12)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.booleans(), st.none(), names
)
score = st.one_of(numbers, st.fixed_dictionaries({"value": numbers}, optional={"stderr": numbers, "x": numbers}))
benchmark = st.fixed_dictionaries(
    {"name": st.one_of(names, numbers)},
    optional={"metric": names, "n": numbers, "higher_is_better": numbers, "nme": names},
)
model = st.fixed_dictionaries(
    {"name": st.one_of(names, numbers), "scores": st.one_of(st.dictionaries(names, score, max_size=4), numbers)},
    optional={"family": names, "params": names, "extra": numbers},
)
document = st.fixed_dictionaries(
    {},
    optional={
        "title": st.one_of(names, numbers),
        "benchmarks": st.one_of(st.lists(benchmark, max_size=4), numbers),
        "models": st.one_of(st.lists(model, max_size=5), numbers),
        "y_range": st.one_of(st.lists(numbers, max_size=3), numbers),
        "precision": numbers,
        "higher_is_better": numbers,
        "slug": names,
    },
)


def _check_load(path: Path, content: Path) -> None:
    try:
        report = load_report_file(path, content)
    except ContentError as exc:
        assert exc.problems and all(p.severity in ("error", "warning") for p in exc.problems)
        for problem in exc.problems:
            assert str(problem).startswith(str(problem.path)) and problem.message
        return
    assert isinstance(report, Report)
    assert report.models and report.benchmarks
    for m in report.models:
        for name, s in m.scores.items():
            assert name in {b.name for b in report.benchmarks}
            assert s.display == report.fmt(s.value, name)  # at its column's precision


@FUZZ
@given(document)
def test_fuzz_structured_documents(tmp_path_factory, data):
    import yaml

    content = tmp_path_factory.mktemp("c")
    path = content / "results" / "f.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _check_load(path, content)


yaml_chars = st.sampled_from(list("abc :-[]{},&*!|>'\"#%@`\t\n ?0123456789.") + ["\n  ", "\n- ", ": ", "!!python/object ", "&a ", "*a ", "<<: "])


@FUZZ
@given(st.one_of(st.binary(max_size=200), st.lists(yaml_chars, max_size=80).map("".join).map(str.encode)))
def test_fuzz_garbage_bytes(tmp_path_factory, raw):
    content = tmp_path_factory.mktemp("c")
    path = content / "results" / "g.yaml"
    path.parent.mkdir()
    path.write_bytes(raw)
    _check_load(path, content)


@FUZZ
@given(st.integers(0, len(VALID_RESULT) - 1), st.sampled_from(["", "\t", ":", "-", "[", "}", "'", "!!binary ", "\n", "*x", "&"]))
def test_fuzz_nearly_valid(tmp_path_factory, position, insert):
    content = tmp_path_factory.mktemp("c")
    path = content / "results" / "n.yaml"
    path.parent.mkdir()
    path.write_text(VALID_RESULT[:position] + insert + VALID_RESULT[position + 1 :], encoding="utf-8")
    _check_load(path, content)


def test_fuzzed_files_through_the_cli_never_traceback(tmp_path):
    """A sample of nasty files through the real command: exit 0 or 1, never a traceback."""
    samples = {
        "a.yaml": "title: x\nbenchmarks: [{name: A}]\nmodels: [{name: m, scores: {A: 1e309}}]\n",
        "b.yaml": "title: {x: 1}\nbenchmarks: 3\nmodels: [[1]]\n",
        "c.yaml": "? [a, b]\n: c\n",
        "d.yaml": "--- a\n--- b\n",
        "e.yaml": "title: x\nbenchmarks: [{name: A}]\nmodels: [{name: m, scores: {A: 0x1F}}]\n",
        "f.yaml": "&a [*a]\n",
        "g.yaml": "title: x\nbenchmarks: [{name: A, n: 1.5}]\nmodels: [{name: m, scores: {A: 1}}]\n",
    }
    content = write_tree(tmp_path / "content", {f"results/{k}": v for k, v in samples.items()})
    result = run_cli(content, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name in ("a.yaml", "b.yaml", "c.yaml", "d.yaml", "f.yaml", "g.yaml"):
        assert f"content/results/{name}:" in result.stderr, name


def test_alias_bomb_is_refused_at_the_expansion_bound():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefghi", "bcdefghij")
    )
    problems = Problems()
    assert parse_yaml(bomb, "bomb.yaml", problems) is None
    assert "expands to more than 1,000,000 values" in problems.errors[0].message


def _memory_capped(limit_bytes: int):
    """preexec_fn for the CLI: a refusal that read the whole input into memory fails here
    instead of passing slowly (the time it takes is measured by bench/, not asserted)."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_DATA, (limit_bytes, limit_bytes))
    return cap


@pytest.mark.slow
def test_hundred_thousand_models_refused_in_bounded_memory(tmp_path):
    models = "".join(f"  - {{name: m{i}, scores: {{A: {i % 100}}}}}\n" for i in range(100_000))
    content = write_tree(tmp_path / "content", {"results/many.yaml": "title: T\nbenchmarks: [{name: A}]\nmodels:\n" + models})
    result = run_cli(content, tmp_path / "out", timeout=120, preexec_fn=_memory_capped(1536 * 2**20))
    assert result.returncode == 1, result.stderr
    assert "content/results/many.yaml:4:3: 100,000 models, over the limit of 10,000 per report" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_hundred_megabyte_file_refused_before_reading_it(tmp_path):
    content = tmp_path / "content"
    (content / "results").mkdir(parents=True)
    with open(content / "results" / "huge.yaml", "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    # 200 MB of heap cannot hold 100 MB read and decoded: only a refusal before reading passes.
    result = run_cli(content, tmp_path / "out", timeout=120, preexec_fn=_memory_capped(200 * 2**20))
    assert result.returncode == 1, result.stderr
    assert "huge.yaml: file is 104.9 MB, over the 5 MiB limit" in result.stderr
    assert "Traceback" not in result.stderr


# --- atomicity: kill -9 during a build -------------------------------------------------------


def _large_tree(root: Path, reports: int) -> Path:
    files = {"site.yaml": "title: Large\n"}
    for r in range(reports):
        models = "".join(
            f"  - {{name: model-{m}, family: fam-{m % 3}, params: {7 * (m + 1)}B, scores: {{"
            + ", ".join(f"b{b}: {30 + (r * 7 + m * 11 + b * 5) % 65}.{(m + b) % 10}" for b in range(6))
            + "}}\n"
            for m in range(8)
        )
        files[f"results/r{r:03d}.yaml"] = (
            f"title: Report {r}\nbenchmarks:\n" + "".join(f"  - {{name: b{b}, n: 200}}\n" for b in range(6)) + "models:\n" + models
        )
    return write_tree(root, files)


def _written(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def _run_until_written(process: subprocess.Popen, folder: Path, wanted: int) -> int:
    """Poll the build's temporary folder until it holds ``wanted`` files or the build ends;
    the files it held then (``deadline`` only guards against a hang)."""
    deadline = time.monotonic() + 600
    while process.poll() is None and time.monotonic() < deadline:
        written = _written(folder) if folder.is_dir() else -1
        if written >= wanted:
            return written
        time.sleep(0.01)
    return -1


@pytest.mark.slow
def test_sigkill_during_build_leaves_previous_site(tmp_path):
    """A real build killed by SIGKILL while it writes (its temporary folder just made, then a
    tenth and a third of the site written there: polled, not guessed with sleeps) leaves the
    previous site byte for byte; the next build completes and leaves no temporary folder."""
    content = _large_tree(tmp_path / "content", 16)  # >= build.PARALLEL_FROM: the killed builds have pool workers
    out = tmp_path / "site"
    first = cli(content, out, "--no-png")  # in-process; the builds killed below are real processes
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    (content / "results" / "r000.yaml").write_text((content / "results" / "r000.yaml").read_text().replace("Report 0", "Changed"))
    for share in (0, 0.1, 0.33):  # with PNG (the first build had none) every report is rebuilt and written again
        wanted = max(1, int(share * len(before)))  # 1: the folder's marker file alone
        process = subprocess.Popen([sys.executable, "-m", "benchboard", str(content), str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            written = _run_until_written(process, tmp_path / f".benchboard-tmp-site-{process.pid}", wanted)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL and written >= wanted, f"the build ended before writing {wanted} files"
        assert snapshot(out) == before, f"previous site changed after SIGKILL with {written} files written"
    final = cli(content, out, "--no-png")
    assert final.returncode == 0, final.stderr
    assert "Changed" in (out / "r000" / "index.html").read_text()
    assert not list(tmp_path.glob(".benchboard-tmp-*")), "a temporary directory was left behind"
