"""A site template that includes, imports or extends something that is not a template of the
theme or of content/templates/ ('../../etc/passwd', '/etc/passwd', '../results/r.yaml') fails
with the override's file:line and what a template may load; never the file's text, and never
the theme folder's path on the building machine (jinja's "not found in search path: '/...'")."""

from __future__ import annotations

import pytest

from helpers import VALID_RESULT, cli, write_tree
from hostile_content import SECRET


@pytest.mark.parametrize("statement", [
    "{% include '../../outside.txt' %}",
    "{% include '/etc/passwd' %}",
    "{% from '../results/small.yaml' import x %}",
    "{% extends '../../outside.txt' %}",
    "{% include 'no-such-part.html' %}",
])
def test_an_include_outside_the_templates_is_a_clear_error(tmp_path, statement):
    (tmp_path / "outside.txt").write_text(SECRET)
    content = write_tree(tmp_path / "content", {
        "results/small.yaml": VALID_RESULT,
        "templates/_share.html": "<p>share</p>\n" + statement + "\n",
    })
    result = cli(content, tmp_path / "out", "--no-png")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "content/templates/_share.html:2:1: template error: no template '" in output, output
    assert "a template includes, imports or extends only the theme's templates and the site's own in templates/" in output
    assert SECRET not in output and "search path" not in output and "Traceback" not in output
    assert str(tmp_path.parent) not in output.replace(str(tmp_path / "out"), "")  # no folder of this machine but OUT's
    assert not (tmp_path / "out").exists()
