"""axe-core (from the axe-playwright-python package) as every browser test runs it: WCAG 2.1 A
and AA."""

from __future__ import annotations

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Only the violations in full: axe still runs every rule on every node, but does not copy
    # each passing node into its result (on a 100-row table that was most of a run's time).
    "resultTypes": ["violations"],
}


# The dark theme changes colours only (style.css: custom properties under prefers-color-scheme:
# dark; test_the_dark_theme_changes_colours_only checks it), so in dark mode the rules that read
# colours are the ones whose answer can change; the light run has every rule.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
DARK = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}


def wcag_violations(page, scheme: str = "light") -> list[dict]:
    """axe's WCAG violations on ``page`` as it is now (each with id, help and nodes): every WCAG
    2.1 A and AA rule, or in the dark scheme the rules that read colours."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=DARK if scheme == "dark" else WCAG).response["violations"]


def described(violations: list[dict], where: str) -> list[str]:
    """One line per violation: where, the rule, its help and its first three targets."""
    return [f"{where}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]
