"""The dark theme changes colours only: the premise of the browser tests' dark-mode audit, which
runs axe's colour rules there (tests/browser/audit.py) and every WCAG rule in light mode."""

from __future__ import annotations

import re
from pathlib import Path

THEME = Path(__file__).resolve().parents[2] / "templates"
COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\([\d\s.,%]+\)|hsla?\([\d\s.,%deg]+\)|transparent)$")
DARK = re.compile(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{")


def _blocks(text: str) -> list[str]:
    """The body of each dark-scheme @media block."""
    found = []
    for match in DARK.finditer(text):
        depth, i = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        found.append(text[match.end():i - 1])
    return found


def test_the_dark_theme_changes_colours_only():
    sources = {p: p.read_text() for p in THEME.rglob("*") if p.suffix in (".css", ".html")}
    blocks = {p: _blocks(t) for p, t in sources.items() if _blocks(t)}
    assert blocks, "no dark scheme found: the audit's premise is about nothing"
    changed = set()
    for path, bodies in blocks.items():
        for body in bodies:
            rules = re.findall(r"([^{}]+)\{([^{}]*)\}", body)
            assert rules and all(selector.strip() == ":root" for selector, _ in rules), path
            for _, declarations in rules:
                for declaration in filter(None, (d.strip() for d in declarations.split(";"))):
                    name, value = (x.strip() for x in declaration.split(":", 1))
                    assert name.startswith("--") and COLOUR.match(value), f"{path}: {declaration}"
                    changed.add(name)
    # and every property those custom properties reach takes a colour
    colour_properties = {"color", "background", "background-color", "border", "border-color", "border-top", "border-bottom",
                         "border-left", "border-right", "outline", "outline-color", "box-shadow", "fill", "stroke",
                         "text-decoration-color", "caret-color", "accent-color", "column-rule"}
    for path, text in sources.items():
        for prop, name in re.findall(r"([a-z-]+)\s*:[^;{}]*var\((--[a-z0-9-]+)", text):
            if name in changed:
                assert prop in colour_properties or prop.startswith("--"), f"{path}: {prop} reads {name}"
