"""Building strangers' pull requests: hostile content (tests/hostile_content.py) through the build.

Each case is what an attacker would put in CONTENT. A build ends with exit 0 or 1, never a
traceback or exit 4, never a hang; no byte of a file outside CONTENT reaches OUT or the
terminal; no page carries script; data.csv opens safely. (OUT that must not be replaced:
tests/output/test_out_refusal.py; pool workers of a killed build: tests/commands/test_build_workers.py.)
The same script payloads are run in Chromium by tests/browser/test_hostile_build.py.
"""

from __future__ import annotations

import csv
import io
import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import VALID_RESULT, cli, short_page_deadline, write_tree

from hostile_content import CSV_NAMES, MARKDOWN, MARKDOWN_PAYLOADS, SECRET, check_clean, hostile_site, no_secret_in  # noqa: F401


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and value:
                url = re.sub(r"[\x00-\x20]", "", unescape(value)).lower()
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", url)
                if scheme and scheme.group(1) not in ("http", "https", "mailto"):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "form", "base", "meta") and not (tag == "meta" and "http-equiv" not in dict(attrs)):
            self.problems.append(f"<{tag}>")
        if tag == "script" and not (dict(attrs).get("src", "").endswith(("assets/site.js", "assets/chart.js", "assets/board.js", "assets/list.js"))
                                    or dict(attrs).get("type") == "application/json"):
            self.problems.append("<script> inline")


def test_hostile_site_builds_inert(tmp_path):
    content = write_tree(tmp_path / "content", hostile_site())
    out = tmp_path / "out"
    result = cli(content, out)
    check_clean(result, 0)
    assert "warning" in result.stderr  # the raw names went through a printed warning
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        parser = _Tags()
        parser.feed(page.read_text())
        assert parser.problems == [], (page, parser.problems)
    hostile = (out / "hostile-page/index.html").read_text()
    assert "A paragraph." in hostile and 'href="https://example.org/"' in hostile  # sanitised, not dropped
    assert "<code>&lt;script&gt;window.__pwned='code'&lt;/script&gt;</code>" in hostile  # code stays code


def test_markdown_ids_and_classes_cannot_clobber_the_theme(tmp_path):
    """A heading or `{#id .class}` in untrusted Markdown may not take an id the theme's scripts
    look up (chart-spec), duplicate a section id of the page (methods), or borrow a theme class."""
    interpretation = ("## Methods\n\nSee [the methods](#methods).[^1]\n\n"
                      "## Spec {#chart-spec .visually-hidden .bb-data}\n\n"
                      "```python\nx = 1\n```\n\n[^1]: A footnote.\n")
    result_file = VALID_RESULT + "interpretation: |\n" + "".join(f"  {line}\n" for line in interpretation.splitlines())
    content = write_tree(tmp_path / "content", {"results/r.yaml": result_file,
                                                "pages/p.md": "# Page\n\n## Board data {#board-data}\n\nText.\n\n## Second\n"})
    out = tmp_path / "out"
    check_clean(cli(content, out), 0)
    report = (out / "r/index.html").read_text()
    ids = re.findall(r'\sid="([^"]+)"', report)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)  # no duplicate id
    assert ids.count("methods") == 1 and ids.count("chart-spec") <= 1
    assert 'id="md-methods"' in report and 'href="#md-methods"' in report  # in-page links still land
    assert 'id="md-chart-spec"' in report
    assert 'class="language-python"' in report and 'href="#md-fn:1"' in report and 'id="md-fn:1"' in report
    heading = re.search(r'<h2[^>]*id="md-chart-spec"[^>]*>', report).group(0)
    assert 'class="md-visually-hidden md-bb-data"' in heading  # the theme's classes are not borrowed
    page = (out / "p/index.html").read_text()
    assert 'id="md-board-data"' in page and 'href="#md-board-data"' in page  # heading and its contents entry agree
    assert 'id="board-data"' not in page


def test_pages_opt_into_raw_html_only_explicitly_and_never_result_files(tmp_path):
    files = hostile_site()
    files["site.yaml"] = "title: Trusted pages\nmarkdown: {raw_html_pages: true}\n"
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "out"
    check_clean(cli(content, out), 0)
    assert "<script>window.__pwned = 'script'</script>" in (out / "hostile-page/index.html").read_text()
    report = (out / "hostile/index.html").read_text()
    parser = _Tags()
    parser.feed(report)
    assert parser.problems == []  # the interpretation of a result file is sanitised all the same


def test_data_csv_is_safe_in_a_spreadsheet(tmp_path):
    content = write_tree(tmp_path / "content", hostile_site())
    out = tmp_path / "out"
    check_clean(cli(content, out), 0)
    raw = (out / "hostile/data.csv").read_bytes().decode()
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert len(rows) == 1 + 13 * 2  # a name with CR or LF stays in its cell: no extra row
    for row in rows[1:]:
        for cell in row[:5]:  # the text columns
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    names = {row[0] for row in rows[1:]}
    # A model name's line breaks are white space, made one space when the name is read (load,
    # model.name_form): the names arrive on one line, and still formula-safe. (A line break
    # inside a cell is quoted and made safe after the break too: tests/render/test_csv_locales.py.)
    assert {"'=2+2", "ok =9+9", "line =3+3"} <= names
    assert not any("\r" in n or "\n" in n for n in names)


# --- files outside CONTENT --------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside CONTENT holding secrets (dotfiles too) and a git checkout config."""
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "id_rsa").write_text(f"-----BEGIN KEY-----\n{SECRET}\n")
    (secrets / ".env").write_text(f"TOKEN={SECRET}\n")
    (secrets / "page.md").write_text(f"# Leak\n\n{SECRET}\n")
    (secrets / "r.yaml").write_text(VALID_RESULT.replace("Small comparison", SECRET))
    (secrets / "base.html").write_text(SECRET)
    return secrets


def _link(path: Path, target) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


LINK_CASES = {
    "static folder": ("static", "secrets"),
    "file in static": ("static/leak.txt", "secrets/id_rsa"),
    "dotfile in static": ("static/.env", "secrets/.env"),
    "folder in static": ("static/sub", "secrets"),
    "page": ("pages/leak.md", "secrets/page.md"),
    "pages folder": ("pages", "secrets"),
    "result file": ("results/leak.yaml", "secrets/r.yaml"),
    "site.yaml": ("site.yaml", "secrets/r.yaml"),
    "template": ("templates/base.html", "secrets/base.html"),
    "templates folder": ("templates", "secrets"),
    "environment": ("pages/env.md", "/proc/self/environ"),
    "device": ("results/zero.yaml", "/dev/zero"),
    "git config": ("pages/git.md", "../../.git/config"),
}


@pytest.mark.parametrize("case", sorted(LINK_CASES))
def test_a_link_leaving_content_is_an_error_naming_the_link(tmp_path, outside, case):
    link, target = LINK_CASES[case]
    repo = tmp_path
    (repo / ".git").mkdir()
    (repo / ".git/config").write_text(f'[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n')
    content = write_tree(repo / "content", {"site.yaml": "title: T\n", "results/small.yaml": VALID_RESULT})
    if link == "site.yaml":
        (content / "site.yaml").unlink()
    target_path = target if target.startswith(("/", "..")) else str(outside.parent / target)
    _link(content / link, target_path)
    out = tmp_path / "out"
    result = cli(content, out, env={"BENCHBOARD_TEST_SECRET": SECRET})
    check_clean(result, 1)
    assert "outside the content directory" in result.stderr
    assert f"content/{link}:" in result.stderr, result.stderr  # the link is named, not its target
    assert not out.exists()
    no_secret_in(out)


def test_links_inside_content_still_work(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: T\n", "results/small.yaml": VALID_RESULT,
                                                "shared/logo.txt": "logo\n"})
    _link(content / "static/logo.txt", "../shared/logo.txt")
    out = tmp_path / "out"
    check_clean(cli(content, out), 0)
    assert (out / "logo.txt").read_text() == "logo\n"


def test_special_files_and_folders_where_files_belong(tmp_path):
    content = write_tree(tmp_path / "content", {"results/small.yaml": VALID_RESULT})
    (content / "site.yaml").mkdir()
    (content / "results/folder.yaml").mkdir()
    (content / "pages/folder.md").mkdir(parents=True)
    os.mkfifo(content / "results/fifo.yaml")
    os.mkfifo(content / "pages/fifo.md")
    result = cli(content, tmp_path / "out", timeout=60)
    check_clean(result, 1)
    for name in ("site.yaml", "results/folder.yaml", "pages/folder.md"):
        assert re.search(rf"content/{re.escape(name)}: is a folder where a file is expected", result.stderr), result.stderr
    for name in ("results/fifo.yaml", "pages/fifo.md"):
        assert f"content/{name}: is not a regular file" in result.stderr


def test_template_overrides_are_sandboxed(tmp_path):
    marker = tmp_path / "ran"
    content = write_tree(tmp_path / "content", {
        "results/small.yaml": VALID_RESULT,
        "templates/404.html": (
            "{% extends 'base.html' %}\n{% block main %}\n"
            f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n"
            "{% endblock %}\n"
        ),
    })
    out = tmp_path / "out"
    result = cli(content, out)
    check_clean(result, 1)
    assert not marker.exists()
    assert re.search(r"content/templates/404\.html:3:\d+: template error: .*unsafe", result.stderr), result.stderr
    assert not out.exists()


def test_template_cannot_read_the_environment(tmp_path):
    content = write_tree(tmp_path / "content", {
        "results/small.yaml": VALID_RESULT,
        "templates/404.html": "{% extends 'base.html' %}{% block main %}{{ lipsum.__globals__['os'].environ }}"
                              "{{ self._TemplateReference__context }}{% endblock %}",
    })
    result = cli(content, tmp_path / "out", env={"BENCHBOARD_TEST_SECRET": SECRET})
    check_clean(result, 1)
    no_secret_in(tmp_path / "out")


# --- bounds -----------------------------------------------------------------------------------

BOUND_CASES = {
    "megabyte name": ("results/r.yaml", VALID_RESULT.replace("Model A", "A" * 1_000_000), "over the limit of 200"),
    "long title": ("results/r.yaml", VALID_RESULT.replace("Small comparison", "T" * 300), "title is 300 characters long"),
    "long page title": ("pages/p.md", "# " + "P" * 300 + "\n", "page title is 300 characters long"),
    "deep yaml": ("results/r.yaml", VALID_RESULT + "extra: " + "[" * 600 + "]" * 600 + "\n", "nested more than 64 levels"),
    "deep block yaml": ("results/r.yaml", "title: T\nx:\n" + "".join("  " * i + "k:\n" for i in range(1, 600)), "nested more than 64 levels"),
    "nested brackets": ("results/r.yaml", VALID_RESULT + "interpretation: '" + "[" * 10_000 + "a" + "]" * 10_000 + "'\n", "unclosed '['"),
    "nested parentheses": ("pages/p.md", "[a](" * 10_000 + "\n", "unclosed '('"),
    "nested emphasis": ("pages/p.md", "_" * 3000 + "a" + "_" * 3000 + "\n", "nested too deeply"),
    "huge markdown": ("pages/p.md", "word " * 60_000 + "\n", "over the limit of 262,144"),
    "slug index.html": ("pages/p.md", "---\nslug: index.html\n---\n# P\n", "reserved"),
    "slug 404.html": ("results/r.yaml", VALID_RESULT + "slug: 404.html\n", "reserved"),
}


@pytest.mark.parametrize("case", sorted(BOUND_CASES))
def test_pathological_input_is_refused_in_seconds(tmp_path, case):
    rel, text, message = BOUND_CASES[case]
    files = {"site.yaml": "title: T\n", "results/small.yaml": VALID_RESULT, rel: text}
    content = write_tree(tmp_path / "content", files)
    result = cli(content, tmp_path / "out", timeout=90)
    check_clean(result, 1)
    assert message in result.stderr, result.stderr


# --- printed output ---------------------------------------------------------------------------


def test_file_names_cannot_print_workflow_commands(tmp_path):
    content = write_tree(tmp_path / "content", {"results/small.yaml": VALID_RESULT})
    (content / "results" / "x\n::error::pwned.txt").write_text("not yaml\n")  # warned about: ignored
    (content / "static").mkdir()
    (content / "static" / "s\n::add-mask::x").symlink_to("/etc/hostname")
    result = cli(content, tmp_path / "out")
    check_clean(result, 1)
    assert "\\n::error::pwned.txt" in result.stderr  # shown escaped, on the line of its file


def test_static_files_that_can_run_script_need_the_explicit_option(tmp_path):
    files = {"site.yaml": "title: T\n", "results/small.yaml": VALID_RESULT,
             "static/evil.html": "<script>window.__pwned=1</script>",
             "static/img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
             "static/img/logo.png": b"\x89PNG fake"}
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "out"
    result = cli(content, out)
    check_clean(result, 1)
    assert "content/static/evil.html: a .html file can run script" in result.stderr
    assert "content/static/img/logo.svg: a .svg file can run script" in result.stderr
    (content / "site.yaml").write_text("title: T\nstatic_scripts: true\n")
    check_clean(cli(content, out), 0)
    assert (out / "evil.html").exists() and (out / "img/logo.png").exists()


COSTLY_TEMPLATES = {
    "repeat": "{{ 'x' * 10000000000 }}",
    "power": "{{ 2 ** 1000000000 }}",
    "lipsum": "{{ lipsum(1000000000) }}",
    "range": "{% for i in range(10000000000) %}{% endfor %}",
}


@pytest.mark.parametrize("case", sorted(COSTLY_TEMPLATES))
def test_template_overrides_cannot_exhaust_memory(tmp_path, case):
    content = write_tree(tmp_path / "content", {
        "results/small.yaml": VALID_RESULT,
        "templates/404.html": "{% extends 'base.html' %}{% block main %}\n" + COSTLY_TEMPLATES[case] + "\n{% endblock %}",
    })
    result = cli(content, tmp_path / "out", timeout=60)
    check_clean(result, 1)
    assert "content/templates/404.html:2:" in result.stderr, result.stderr


@pytest.mark.slow
def test_a_template_that_never_ends_is_stopped(tmp_path, monkeypatch):
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    content = write_tree(tmp_path / "content", {
        "results/small.yaml": VALID_RESULT,
        "templates/404.html": "{% extends 'base.html' %}{% block main %}\n" + loop + "\n{% endblock %}",
    })
    import benchboard.render.site  # noqa: F401  (imports the deadline by name)

    short_page_deadline(monkeypatch, 2)  # 20 s in a real build
    result = cli(content, tmp_path / "out")
    check_clean(result, 1)
    assert re.search(r"content/templates/404\.html:2:\d+: template error: .*took over 2 s", result.stderr), result.stderr


@pytest.mark.parametrize("source", ["{{ ''.__class__ }}", "{{ x.mro() }}", "{{ f.__code__ }}", "{{ f.__globals__ }}",
                                    "{{ g.gi_frame }}", "{{ g.gi_code }}", "{{ m.__func__ }}", "{{ m.__self__ }}"])
def test_the_sandbox_fast_path_keeps_jinjas_rule(source):
    """theme._Sandbox decides attribute safety once per type; functions, methods, classes,
    generators still get jinja2's own checks (this is what a template override could reach)."""
    import jinja2

    from benchboard.render import site as render
    from benchboard.render import theme

    def f():
        pass

    def gen():
        yield 1

    env = theme.environment(None)
    with pytest.raises(jinja2.exceptions.SecurityError):
        env.from_string(source).render(x=int, f=f, g=gen(), m=render.ReportResult.__init__.__get__(object()))
