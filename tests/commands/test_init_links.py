"""build-site init DIR --force replaces symbolic links found in DIR instead of writing through
them (issue 23): a DIR from someone else whose README.md or content/ links to ~/.bashrc or
another folder must not have that target overwritten."""

from __future__ import annotations

from helpers import cli


def test_force_replaces_links_instead_of_writing_through_them(tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    bashrc = victim / ".bashrc"
    bashrc.write_text("# mine\n")
    elsewhere = victim / "folder"
    elsewhere.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "README.md").symlink_to(bashrc)
    (project / "content").symlink_to(elsewhere, target_is_directory=True)
    (project / ".github").mkdir()
    (project / ".github/workflows").symlink_to(elsewhere, target_is_directory=True)
    result = cli("init", project, "--force")
    assert result.returncode == 0, result.stderr
    assert bashrc.read_text() == "# mine\n" and list(elsewhere.iterdir()) == []  # the targets are untouched
    for rel in ("README.md", "content", ".github/workflows"):
        assert not (project / rel).is_symlink(), rel
    assert "Evaluation results" in (project / "README.md").read_text()
    assert (project / "content/site.yaml").is_file() and (project / ".github/workflows/pages.yml").is_file()
    assert cli(project / "content", tmp_path / "site", "--no-png").returncode == 0


def test_a_folder_where_a_file_goes_is_a_clear_error(tmp_path):
    project = tmp_path / "project"
    (project / "README.md").mkdir(parents=True)
    result = cli("init", project, "--force")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "build-site init: cannot write" in result.stderr and "README.md" in result.stderr
