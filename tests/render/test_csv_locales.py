"""data.csv and the board's Download CSV in spreadsheets of every locale (issue 23): a
semicolon or tab locale splits cells at ";" or tab, so the text after one must not start a
formula either; a plain negative number is a number and keeps its sign."""

from __future__ import annotations

import csv
import io
import re

import pytest

from helpers import write_tree

from hostile_content import CSV_LOCALE_NAMES as NAMES
TRIGGERS = ("=", "+", "-", "@")


def _cells_in_locale(raw: str, separator: str) -> list[str]:
    """How a spreadsheet reading with ``separator`` that ignores quotes in mid-cell (the worst
    case) cuts the file: at every separator and line break."""
    return [cell.lstrip('"') for line in re.split(r"[\r\n]", raw) for cell in line.split(separator)]


def _report(tmp_path):
    from benchboard.load.results import load_report_file

    models = "\n".join(f"  - name: {_quoted(n)}\n    family: {_quoted(n)}\n    scores: {{A: {-3.2 + i}}}" for i, n in enumerate(NAMES))
    content = write_tree(tmp_path / "content", {"results/r.yaml": f"title: R\ny_range: [-10, 10]\nbenchmarks:\n  - {{name: A}}\nmodels:\n{models}\n"})
    return load_report_file(content / "results/r.yaml", content)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"'


@pytest.mark.parametrize("separator", [";", "\t", ","])
def test_data_csv_starts_no_formula_in_any_locale(tmp_path, separator):
    from benchboard.render import data

    raw = data.report_csv(_report(tmp_path)).decode()
    for cell in _cells_in_locale(raw, separator):
        if cell[:1] in TRIGGERS:
            assert re.fullmatch(r"-?[0-9.]+(e-?[0-9]+)?", cell.split(",")[0]), f"{separator!r}: {cell!r}"


def test_data_csv_keeps_names_whole_and_numbers_signed(tmp_path):
    from benchboard.render import data

    rows = list(csv.reader(io.StringIO(data.report_csv(_report(tmp_path)).decode(), newline="")))
    names = [row[0] for row in rows[1:]]
    assert names[0] == "a;'=1+1" and names[5] == "f;ok" and names[6] == "-3.2" and names[7] == "'=9+9"
    assert [row[7] for row in rows[1:3]] == ["-3.2", "-2.2"]  # the values: numbers, no quote
    assert data.csv_safe("-3.2") == "-3.2" and data.csv_safe("+1e5") == "+1e5" and data.csv_safe("-2+3") == "'-2+3"
