"""The dark theme changes colours only: the premise of the browser tests' dark-mode audit, which
runs axe's colour rules there (tests/browser/audit.py) and every WCAG rule in light mode."""

from __future__ import annotations

import re
from pathlib import Path

THEME = Path(__file__).resolve().parents[2] / "templates"
COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\([\d\s.,%]+\)|hsla?\([\d\s.,%deg]+\)|transparent)$")
COMMENT = re.compile(r"/\*.*?\*/", re.S)  # CSS and JS block comments (style.css names the scheme in one)
DARK = re.compile(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{")
COLOUR_PROPERTIES = {"color", "background", "background-color", "border", "border-color", "border-top", "border-bottom",
                     "border-left", "border-right", "outline", "outline-color", "box-shadow", "fill", "stroke",
                     "text-decoration-color", "caret-color", "accent-color", "column-rule"}


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the body of each dark-scheme @media block."""
    found = []
    for match in DARK.finditer(text):
        depth, i = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        found.append((match.end(), i - 1))
    return found


def test_the_dark_theme_changes_colours_only():
    sources = {p: COMMENT.sub("", p.read_text(errors="replace")) for p in THEME.rglob("*")
               if p.is_file() and p.suffix in (".css", ".html", ".js", ".svg", ".txt", ".xml")}
    changed: set[str] = set()
    blocks = 0
    for path, text in sources.items():
        spans = _blocks(text)
        outside = "".join(text[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(text)]))
        # no other way of switching on the scheme: a light block, a JS media query, a <source media>
        assert "prefers-color-scheme" not in DARK.sub("", outside), f"{path}: a colour scheme switched otherwise than by a dark @media block"
        for start, end in spans:
            blocks += 1
            body = text[start:end]
            rules = re.findall(r"([^{}]+)\{([^{}]*)\}", body)
            assert rules and all(selector.strip() == ":root" for selector, _ in rules), path
            for _, declarations in rules:
                for declaration in filter(None, (d.strip() for d in declarations.split(";"))):
                    name, value = (x.strip() for x in declaration.split(":", 1))
                    assert name.startswith("--") and COLOUR.match(value), f"{path}: {declaration}"
                    changed.add(name)
    assert blocks, "no dark scheme found: the audit's premise is about nothing"
    # every property those custom properties reach (through other custom properties too) takes a colour
    declarations = [(path, prop.strip(), value) for path, text in sources.items()
                    for prop, value in re.findall(r"([a-z-]+)\s*:\s*([^;{}]*var\(--[^;{}]*)", text)]
    while True:
        more = {prop for _, prop, value in declarations if prop.startswith("--") and prop not in changed
                and any(name in changed for name in re.findall(r"var\((--[a-z0-9-]+)", value))}
        if not more:
            break
        changed |= more
    for path, prop, value in declarations:
        if any(name in changed for name in re.findall(r"var\((--[a-z0-9-]+)", value)) and not prop.startswith("--"):
            assert prop in COLOUR_PROPERTIES, f"{path}: {prop} reads a colour the dark scheme changes ({value})"
