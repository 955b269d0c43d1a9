"""The board's Download CSV (board.js csvField) in Chromium: the same spreadsheet rule as
data.csv, for semicolon- and tab-locale spreadsheets too (issue 23)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from hostile_content import CSV_LOCALE_NAMES as NAMES

pytestmark = pytest.mark.browser


def test_the_boards_download_applies_the_same_rule(browser):
    """board.js's csvField, run in Chromium, agrees with data.csv's csv_safe for every name."""
    from benchboard.render import data

    source = Path(__file__).parents[2] / "templates/assets/board.js"
    function = re.search(r"function csvField\(value\) \{.*?\n  \}", source.read_text(), re.S).group(0)
    page = browser.new_page()
    try:
        got = page.evaluate(f"(values) => {{ {function}; return values.map(csvField); }}", [*NAMES, -3.2, 7])
    finally:
        page.close()
    for name, cell in zip(NAMES, got):
        assert next(csv.reader(io.StringIO(cell, newline=""))) == [data.csv_safe(name)], (name, cell)
    assert got[-2:] == ["-3.2", "7"]
