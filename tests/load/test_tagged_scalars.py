"""An explicit YAML tag on a value it cannot read (``!!bool foo``, ``!!int ""``) is a content
error at its line, in every YAML file: PyYAML's constructors raise KeyError and IndexError for
these, which once stopped the build with a traceback (exit 4)."""

from __future__ import annotations

import pytest

from benchboard.errors import Problems
from benchboard.load.yamlsource import parse_yaml
from helpers import VALID_RESULT, build_site, cli, snapshot, write_tree

ODD = ['!!bool foo', '!!bool ""', '!!int ""', '!!int "-"', '!!int "+"', '!!int "0x"', '!!int ":"', '!!int "1.5"',
       '!!float ""', '!!float "-"', '!!float "+"', '!!float "."', '!!float "_"']


@pytest.mark.parametrize("value", ODD)
def test_a_tag_its_value_cannot_have_is_an_error_at_its_line(value):
    problems = Problems()
    doc = parse_yaml(f"title: T\norder: {value}\n", "content/site.yaml", problems)
    assert doc.data["order"] is None
    (problem,) = problems.items
    assert (problem.path, problem.line, problem.col) == ("content/site.yaml", 2, 8)
    kind = "true or false" if "bool" in value else "a number"
    assert f"cannot read {value.split(' ', 1)[1].strip(chr(34))!r} as {kind}" in problem.message
    assert f"remove the tag {value.split()[0]}" in problem.message


def test_tags_that_fit_their_value_still_read():
    problems = Problems()
    doc = parse_yaml("a: !!bool yes\nb: !!int 7\nc: !!float 1\nd: !!null x\n", "f.yaml", problems)
    assert doc.data == {"a": True, "b": 7, "c": 1.0, "d": None} and not problems.items


@pytest.mark.parametrize("where", ["results/r.yaml", "site.yaml", "pages/about.md"])
def test_the_build_says_which_file_and_line_and_leaves_out_alone(tmp_path, where):
    content = write_tree(tmp_path / "content", {"results/r.yaml": VALID_RESULT})
    out = tmp_path / "out"
    build_site(content, out)
    before = snapshot(out)
    files = {
        "results/r.yaml": VALID_RESULT.replace("title: Small comparison", "title: !!bool foo"),
        "site.yaml": 'title: Site\norder: !!int ""\n',
        "pages/about.md": '---\ntitle: About\norder: !!float "-"\n---\nText.\n',
    }
    write_tree(content, {where: files[where]})
    done = cli(content, out, "-q", "--no-png")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    line = 1 if where.startswith("results") else (2 if where == "site.yaml" else 3)
    assert f"content/{where}:{line}:" in done.stderr and "cannot read" in done.stderr
    assert snapshot(out) == before
