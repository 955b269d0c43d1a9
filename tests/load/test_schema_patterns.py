"""Schema patterns mean what JSON Schema says (issue 23): "$" is the very end, so a value
with a trailing newline never passes a URL, slug or tag pattern (Python's "$" matched before a
final newline: a slug "base\\n", a base_url that split a robots.txt line)."""

from __future__ import annotations

import pytest

from helpers import VALID_RESULT, cli, write_tree

GOOD = {  # a value each anchored pattern accepts
    "base_url": "https://user.github.io/repo/",
    "repo_url": "https://github.com/o/r",
    "url": "https://huggingface.co/o/m",
    "slug": "base",
    "report": "base",
    "language": "en-GB",
    "items": "#0072B2",  # palette entries, and the trusted lists below
    "title": "Results", "version": "1.0", "date": "2026-01-31", "doi": "10.1234/abc.5", "license": "MIT",
    "key": "bench2026",  # citation keys and frontier field keys
    "propertyNames": "price_per_mtok",  # models.yaml fields: names
}


def _anchored():
    from benchboard.load.validate import schema

    def walk(node, path):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str) and node["pattern"].endswith("$"):
                yield path, node["pattern"]
            for key, value in node.items():
                yield from walk(value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, path + (i,))

    for name in ("result", "site", "models"):
        yield from ((name, *path) for path, _ in walk(schema(name), ()))


@pytest.mark.parametrize("where", list(_anchored()), ids=lambda w: "/".join(map(str, w)))
def test_no_anchored_pattern_passes_a_trailing_newline(where):
    from benchboard.load.validate import pattern_matches, schema

    node = schema(where[0])
    for key in where[1:]:
        node = node[key]
    owner = next(str(k) for k in reversed(where[1:]) if k not in ("items", "properties"))
    good = {"static_types": ".mp4", "static_files": "CNAME"}.get(owner) or GOOD.get(owner) or GOOD[where[-1]]
    assert pattern_matches(node["pattern"], good), (where, good)
    for bad in (good + "\n", good + "\n\n", good + "\nSitemap: https://evil.example/"):
        assert not pattern_matches(node["pattern"], bad), (where, bad)


def test_a_slug_with_a_trailing_newline_is_refused_through_the_cli(tmp_path):
    content = write_tree(tmp_path / "content", {"results/small.yaml": 'slug: "base\\n"\n' + VALID_RESULT})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "content/results/small.yaml:1:7: slug has an invalid value" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_slug_and_date_checks_in_load_refuse_a_trailing_newline():
    from benchboard.load import registry, slugs

    assert slugs.SLUG_OK.match("base") and not slugs.SLUG_OK.match("base\n")
    assert registry.is_date("2024-05-01") and not registry.is_date("2024-05-01\n")
