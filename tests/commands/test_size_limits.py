"""A site too large for the machine ends in a clear error and exit 1, never a traceback: the
site-wide score limit stops reading at the file that crosses it, and a MemoryError anywhere in a
build is reported as such (review finding: ten 10,000-model files took 3 GB; on a smaller
machine the build died with a MemoryError traceback, exit 4)."""

from __future__ import annotations

from helpers import problems_of


def test_the_site_wide_score_limit_stops_at_the_file_that_crosses_it(tmp_path, monkeypatch):
    from benchboard.load import content, results

    monkeypatch.setattr(content, "MAX_SITE_SCORES", 10)
    files = {f"results/r{i}.yaml": "title: R%d\nbenchmarks: [{name: A}, {name: B}]\nmodels:\n" % i
             + "".join(f"  - {{name: m{j}, scores: {{A: {j}, B: {j}}}}}\n" for j in range(3)) for i in range(3)}
    found = problems_of(tmp_path, files)
    assert "content/results/r1.yaml: the site holds over 10 scores with this file (12 in the files read so far)" in found
    assert "r2.yaml" not in found  # not read
    assert results.MAX_SITE_SCORES == 200_000


def test_running_out_of_memory_is_exit_1_with_a_message(tmp_path, monkeypatch, capsys):
    from benchboard.commands import build, cli

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(build, "build", exhausted)
    assert cli.main([str(tmp_path / "content"), str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "ran out of memory" in err and "Traceback" not in err
