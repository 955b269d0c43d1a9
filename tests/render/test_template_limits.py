"""Template overrides cannot exhaust memory (issue 23): text methods, filters and formats that
pad or multiply text are checked before they run, and rendering runs under a real memory bound
(RLIMIT_AS) that turns anything else, such as doubling a string in a loop, into a clear error at
the template's line. Through the CLI, as a contributor's template would arrive."""

from __future__ import annotations

import re

import pytest

from helpers import VALID_RESULT, cli, write_tree

N = 1_500_000_000  # 1.5 GB in one C call the page timer cannot interrupt
COSTLY = {
    "ljust": f"{{{{ 'x'.ljust({N}) }}}}",
    "rjust": f"{{{{ 'x'.rjust({N}) }}}}",
    "center-method": f"{{{{ 'x'.center({N}) }}}}",
    "zfill": f"{{{{ '1'.zfill({N}) }}}}",
    "center-filter": f"{{{{ 'x'|center({N}) }}}}",
    "percent": f"{{{{ '%0{N}d' % 1 }}}}",
    "percent-precision": f"{{{{ '%.{N}f' % 1.5 }}}}",
    "percent-star": f"{{{{ '%*d' % ({N}, 1) }}}}",
    "format-filter": f"{{{{ '%{N}s'|format('x') }}}}",
    "format-method": f"{{{{ '{{:>{N}}}'.format(1) }}}}",
    "format-nested": f"{{{{ '{{:{{}}}}'.format(1, {N}) }}}}",
    "format_map": f"{{{{ '{{x:>{N}}}'.format_map({{'x': 1}}) }}}}",
    "expandtabs": "{{ ('\\t' * 1000).expandtabs(2000000) }}",
    "replace-method": "{{ ('a' * 100000).replace('a', 'b' * 100000) }}",
    "replace-filter": "{{ ('a' * 100000)|replace('a', 'b' * 100000) }}",
    "join": "{{ ('x' * 100000).join(range(100000)) }}",
    "indent": "{{ ('a\\n' * 50000)|indent(100000) }}",
}


def _build(tmp_path, body: str):
    content = write_tree(tmp_path / "content", {
        "results/small.yaml": VALID_RESULT,
        "templates/404.html": "{% extends 'base.html' %}{% block main %}\n" + body + "\n{% endblock %}",
    })
    return cli(content, tmp_path / "out", "--no-png", timeout=120)


@pytest.mark.parametrize("case", sorted(COSTLY))
def test_padding_and_formatting_are_bounded(tmp_path, case):
    result = _build(tmp_path, COSTLY[case])
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"content/templates/404\.html:2:\d+: template error: .*(too much for a template|not allowed in a template)",
                     result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_doubling_in_a_loop_meets_the_memory_bound(tmp_path):
    """No single step is large; the 30th pass would hold 100 GB. RLIMIT_AS stops it."""
    loop = ("{% set ns = namespace(s='x' * 100000) %}{% for i in range(30) %}{% set ns.s = ns.s ~ ns.s %}"
            "{% endfor %}{{ ns.s|length }}")
    result = _build(tmp_path, loop)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"content/templates/404\.html:2:\d+: template error: rendering 404\.html needed more than \d+ MiB of memory",
                     result.stderr), result.stderr


def test_ordinary_padding_and_formatting_still_work(tmp_path):
    body = ("{{ 'x'.ljust(5) }}|{{ 'y'|center(9) }}|{{ '%05d' % 42 }}|{{ '{:>6}'.format('z') }}|{{ '%s-%s'|format(1, 2) }}"
            "|{{ 'a-b'.replace('-', '+') }}|{{ ', '.join(['p', 'q']) }}|{{ '7'.zfill(3) }}")
    result = _build(tmp_path, body)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/404.html").read_text()
    assert "x    |" in page and "|    y    |" in page
    assert "00042|     z|1-2|a+b|p, q|007" in page, page


def test_the_memory_bound_is_lifted_after_rendering():
    import resource

    from benchboard.render import theme

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(theme.TemplateTooCostly):
        with theme.memory_bound("a test"):
            assert resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY
            bytearray(theme.MAX_RENDER_BYTES * 2)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    bytearray(theme.MAX_RENDER_BYTES * 2)  # allowed again


def test_a_frontier_text_override_meets_the_memory_bound(tmp_path):
    """text/frontier.txt (the words under each frontier view) is a site override like any other:
    a review found it rendered without the memory bound (3 GB, exit 0)."""
    loop = ("{% set ns = namespace(s='x' * 100000) %}{% for i in range(30) %}{% set ns.s = ns.s ~ ns.s %}"
            "{% endfor %}{{ ns.s|length }}")
    content = write_tree(tmp_path / "content", {
        "results/r.yaml": """\
            title: Sizes
            benchmarks: [{name: A, n: 100}]
            models:
              - {name: small, params: 7B, scores: {A: 50}}
              - {name: big, params: 70B, scores: {A: 64}}
            """,
        "templates/text/frontier.txt": loop + "\n",
    })
    result = cli(content, tmp_path / "out", "--no-png", timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"content/templates/text/frontier\.txt:1:\d+: template error: the frontier views' text templates needed more than \d+ MiB",
                     result.stderr), result.stderr
    assert not (tmp_path / "out").exists()
