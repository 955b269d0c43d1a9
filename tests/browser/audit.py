"""axe-core (from the axe-playwright-python package) as every browser test runs it: WCAG 2.1 A
and AA."""

from __future__ import annotations

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Only the violations in full: axe still runs every rule on every node, but does not copy
    # each passing node into its result (on a 100-row table that was most of a run's time).
    "resultTypes": ["violations"],
}


def wcag_violations(page) -> list[dict]:
    """axe's WCAG violations on ``page`` as it is now (each with id, help and nodes)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options=WCAG).response["violations"]


def described(violations: list[dict], where: str) -> list[str]:
    """One line per violation: where, the rule, its help and its first three targets."""
    return [f"{where}: {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]
