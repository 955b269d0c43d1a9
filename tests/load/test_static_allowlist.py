"""static/ is an allowlist (issue 23): only inert types are published; dot-paths, root control
files and every other type need an explicit, reviewed option in site.yaml's ``trusted:``;
``build-site deploy`` never pushes .git or .github."""

from __future__ import annotations

import os
import subprocess

import pytest

from helpers import VALID_RESULT, cli, write_tree

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def clean(result: subprocess.CompletedProcess, code: int) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert "Traceback" not in output
    return result.stderr


def site(tmp_path, static: dict, site_yaml: str = "title: T\n"):
    files = {"site.yaml": site_yaml, "results/small.yaml": VALID_RESULT}
    files.update({f"static/{rel}": data for rel, data in static.items()})
    return write_tree(tmp_path / "content", files)


# Served by GitHub Pages as documents a browser runs (XHTML, XML with a stylesheet, ...).
RUNNABLE = ["page.xht", "schema.xsd", "grammar.rng", "x.ecma", "a.xhtml", "b.svg", "c.html", "d.js", "e.mjs",
            "f.xml", "g.xsl", "h.wasm", "i.swf", "j.mht", "k.php", "l.shtml", "m.vtt", "n.appcache", "README"]


@pytest.mark.parametrize("name", RUNNABLE)
def test_only_inert_types_are_published(tmp_path, name):
    content = site(tmp_path, {f"docs/{name}": "<x:script xmlns:x='http://www.w3.org/1999/xhtml'>1</x:script>",
                              "img/logo.png": b"\x89PNG fake"})
    out = tmp_path / "out"
    stderr = clean(cli(content, out, "--no-png"), 1)
    assert f"content/static/docs/{name}: a " in stderr and "trusted: {static_types:" in stderr
    assert not out.exists()


def test_inert_types_are_published_and_others_only_when_trusted(tmp_path):
    inert = {"img/a.png": b"p", "img/b.JPG": b"j", "f/x.woff2": b"w", "css/s.css": "a{}", "d/p.pdf": b"%PDF",
             "d/t.txt": "t", "d/c.csv": "a,b\n", "d/j.json": "{}", "favicon.ico": b"i"}
    content = site(tmp_path, {**inert, "v/clip.mp4": b"m"})
    out = tmp_path / "out"
    assert "a .mp4 file" in clean(cli(content, out, "--no-png"), 1)
    (content / "site.yaml").write_text("title: T\ntrusted:\n  static_types: [.mp4]\n")
    clean(cli(content, out, "--no-png"), 0)
    for rel in [*inert, "v/clip.mp4"]:
        assert (out / rel).is_file(), rel


@pytest.mark.parametrize("rel", [".github/workflows/pwn.yml", ".well-known/acme-challenge/token",
                                 ".git/config", "img/.hidden.png", ".htaccess", "sub/.git/HEAD"])
def test_dot_files_and_folders_are_never_published(tmp_path, rel):
    content = site(tmp_path, {rel: "[core]\n\tfsmonitor = touch /tmp/pwned\n", "img/logo.png": b"p"})
    out = tmp_path / "out"
    stderr = clean(cli(content, out, "--no-png"), 0)  # a warning: never published, the build goes on
    top = rel.split("/")[0] if rel.split("/")[0].startswith(".") else "/".join(rel.split("/")[:2])
    assert f"content/static/{top}: warning: not published" in stderr, stderr
    assert (out / "img/logo.png").is_file()
    assert not (out / rel).exists()
    assert not [p for p in out.rglob("*") if p.name in (".git", ".github", ".well-known", ".htaccess", ".hidden.png")]
    clean(cli(content, out, "--no-png", "--strict"), 1)  # --strict: the warning stops a CI build


def test_static_git_folder_never_becomes_out_git(tmp_path):
    content = site(tmp_path, {".git/config": "[core]\n\tfsmonitor = touch pwned\n", ".git/HEAD": "ref: refs/heads/main\n"})
    out = tmp_path / "out"
    clean(cli(content, out, "--no-png"), 0)
    assert not (out / ".git").exists()
    clean(cli(content, out, "--no-png"), 0)  # and OUT stays ours: later builds are not refused


@pytest.mark.parametrize("name", ["CNAME", "cname", "_headers", "_redirects", "_config.yml", "vercel.json", "robots.txt"])
def test_root_control_files_need_to_be_named(tmp_path, name):
    content = site(tmp_path, {name: "evil.example.com\n", f"data/{name}": "fine in a folder\n" if "." in name else b""})
    out = tmp_path / "out"
    stderr = clean(cli(content, out, "--no-png"), 1)
    assert f"content/static/{name}: {name} at the site's root configures the host" in stderr
    assert f"trusted: {{static_files: [{name}]}}" in stderr


def test_named_control_and_dot_files_are_published_but_never_git(tmp_path):
    content = site(tmp_path, {"CNAME": "docs.example.org\n", ".well-known/security.txt": "Contact: x\n",
                              ".well-known/other.txt": "x", ".github/workflows/w.yml": "on: push\n"},
                   "title: T\ntrusted:\n  static_files: [CNAME, .well-known/security.txt, .github/workflows/w.yml]\n")
    out = tmp_path / "out"
    stderr = clean(cli(content, out, "--no-png"), 0)
    assert (out / "CNAME").read_text() == "docs.example.org\n"
    assert (out / ".well-known/security.txt").is_file()
    assert not (out / ".well-known/other.txt").exists() and "content/static/.well-known/other.txt: warning" in stderr
    assert not (out / ".github").exists()


def test_trusted_static_files_are_checked_by_the_schema(tmp_path):
    content = site(tmp_path, {}, "title: T\ntrusted:\n  static_files: [\"CNAME\\n\"]\n  static_types: [mp4]\n")
    stderr = clean(cli(content, tmp_path / "out", "--no-png"), 1)
    assert "content/site.yaml:3:" in stderr and "content/site.yaml:4:" in stderr and "such as .mp4" in stderr


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.mark.parametrize("rel", [".github/workflows/pwn.yml", "sub/.git/config"])
def test_deploy_never_pushes_git_or_ci_files(tmp_path, rel):
    bare = tmp_path / "remote.git"
    _git("init", "--bare", "-q", str(bare), cwd=tmp_path)
    work = tmp_path / "work"
    _git("init", "-q", "-b", "main", str(work), cwd=tmp_path)
    _git("remote", "add", "origin", str(bare), cwd=work)
    content = site(tmp_path, {"img/logo.png": b"p"})
    clean(cli(content, work / "site", "--no-png"), 0)
    planted = work / "site" / rel  # put there by hand, or by an older benchboard
    planted.parent.mkdir(parents=True)
    planted.write_text("on: push\n")
    result = cli("deploy", "--site", work / "site", cwd=work, env=GIT_ENV)
    assert result.returncode == 1 and "refusing to push it" in result.stderr, result.stderr
    branches = subprocess.run(["git", "branch", "--list", "gh-pages"], cwd=bare, capture_output=True, text=True).stdout
    assert not branches.strip()
