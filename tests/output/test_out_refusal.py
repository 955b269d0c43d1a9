"""OUT is replaced only when it is a previous build: a foreign folder needs --force, and even
then home, /, a git work tree, a symbolic link, a folder nested with CONTENT are refused
(exit 3); a failed or interrupted build leaves the previous OUT as it was (output/write.py).
Built in-process (helpers.cli) except the full disk, which needs RLIMIT_FSIZE in a child."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import VALID_RESULT, cli, snapshot, write_tree
from hostile_content import check_clean


def test_refuses_foreign_non_empty_out_unless_forced(tmp_path, small_site):
    out = write_tree(tmp_path / "mine", {"thesis.tex": "precious\n"})
    result = cli(small_site, out)
    assert result.returncode == 3
    assert "not made by build-site" in result.stderr and "--force" in result.stderr
    assert (out / "thesis.tex").read_text() == "precious\n"


def test_refuses_nested_out_and_content(tmp_path, small_site):
    inside = cli(small_site, small_site / "site")
    assert inside.returncode == 3 and "inside the content directory" in inside.stderr
    around = cli(small_site, small_site.parent)
    assert around.returncode == 3 and "is inside" in around.stderr


def test_force_refuses_home_and_git_folders(tmp_path, small_site):
    home = tmp_path / "home"
    (home / "notes.txt").parent.mkdir()
    (home / "notes.txt").write_text("keep me\n")
    result = cli(small_site, home, "--force", env={"HOME": str(home)})
    check_clean(result, 3)
    assert "home folder" in result.stderr and (home / "notes.txt").read_text() == "keep me\n"

    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "README.md").write_text("mine\n")
    result = cli(small_site, repo, "--force")
    check_clean(result, 3)
    assert "holds .git" in result.stderr and (repo / "README.md").exists() and (repo / ".git").is_dir()

    result = cli(small_site, "/", "--force")
    check_clean(result, 3)


def test_force_moves_a_foreign_folder_aside_only_once_the_new_site_is_in_place(tmp_path, small_site):
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old\n")
    broken = write_tree(tmp_path / "broken", {"results/r.yaml": "title: [\n"})
    check_clean(cli(broken, out, "--force"), 1)
    assert (out / "old.txt").exists()  # a failed build leaves it
    check_clean(cli(small_site, out, "--force"), 0)
    assert (out / "index.html").exists() and not (out / "old.txt").exists()


def test_symlinked_out_is_refused(tmp_path, small_site):
    real = tmp_path / "real"
    check_clean(cli(small_site, real), 0)
    link = tmp_path / "link"
    link.symlink_to(real)
    before = snapshot(real)
    result = cli(small_site, link, "--force")
    check_clean(result, 3)
    assert "symbolic link" in result.stderr and snapshot(real) == before


def test_a_full_disk_is_a_clear_exit_3_and_the_previous_site_stays(tmp_path, small_site):
    out = tmp_path / "out"
    check_clean(cli(small_site, out), 0)
    before = snapshot(out)
    (small_site / "results/small.yaml").write_text(VALID_RESULT.replace("Small comparison", "Changed"))

    def small_files():  # writes past 64 KiB fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = subprocess.run([sys.executable, "-m", "benchboard", str(small_site), str(out)], capture_output=True,
                            text=True, timeout=120, preexec_fn=small_files)
    check_clean(result, 3)
    assert "cannot write the site" in result.stderr and "was left as it was" in result.stderr
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".benchboard-tmp-*"))


def test_an_unwritable_place_is_a_clear_exit_3(small_site):
    target = Path("/sys/benchboard-test-out")
    try:
        target.mkdir()
    except OSError:
        pass
    else:
        target.rmdir()
        pytest.skip("/sys is writable here")
    result = cli(small_site, target / "site")
    check_clean(result, 3)
    assert "cannot write the site" in result.stderr
