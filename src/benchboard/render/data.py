"""The machine-readable files: CSV and JSON downloads, JSON embedded in a page, the sitemap."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from benchboard.load.units import units as unit_table
from benchboard.model import Report, Site


_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")


_SEPARATORS = re.compile(r"([;\t\r\n])")


def csv_safe(value: str) -> str:
    """Spreadsheet programs run cells starting with = + - @ as formulas (CSV injection). A
    spreadsheet in a semicolon or tab locale also starts a cell after each ";" or tab, and one
    that ignores quotes in the middle of a cell starts a row after a line break: each piece
    after one is made safe too ("a;=1+1" is written "a;'=1+1"). A plain number ("-3.2") is a
    number, not a formula, and keeps its sign."""
    pieces = _SEPARATORS.split(value)
    safe = "".join(_cell_safe(piece) if i % 2 == 0 else piece for i, piece in enumerate(pieces))
    return "'" + safe if safe[:1] in ("\t", "\r") else safe  # a spreadsheet may strip it and see "="


def _cell_safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _NUMBER.match(value) else value


def _csv_line(fields) -> str:
    """One CSV row, quoted as Python's csv does, except that a field holding a bare "\r" is
    quoted too: csv leaves it bare, spreadsheets read it as a line break, and the rest of the
    name became a row of its own whose formula ran. So is a field holding ";" or a tab: a
    spreadsheet in a semicolon or tab locale splits there, and "a;=1+1" became a formula."""
    cells = []
    for field in fields:
        text = str(field)
        if any(c in text for c in ',;"\t\r\n'):
            text = '"' + text.replace('"', '""') + '"'
        cells.append(text)
    return ",".join(cells) + "\n"


def report_csv(report: Report) -> bytes:
    """Tidy CSV: one row per model and benchmark, missing scores as empty cells."""
    lines = [_csv_line(["model", "family", "params", "benchmark", "metric", "higher_is_better", "n", "value", "display", "stderr", "date",
                        "unit"])]
    unit_of = unit_table(report)
    for model in report.models:
        for benchmark in report.benchmarks:
            score = model.scores.get(benchmark.name)
            lines.append(_csv_line([
                csv_safe(model.name), csv_safe(model.family or ""), csv_safe(model.params or ""),
                csv_safe(benchmark.name), csv_safe(benchmark.metric or ""),
                str(benchmark.higher_is_better).lower(), benchmark.n if benchmark.n is not None else "",
                repr(score.value) if score else "", score.display if score else "",
                repr(score.stderr) if score and score.stderr is not None else "",
                score.date or "" if score else "",  # the run date (load/dates.py), after the first ten so older readers keep their columns
                csv_safe(unit_of[benchmark.name].name),  # the unit every page and the API read (load/units.py)
            ]))
    return "".join(lines).encode()


def report_data(report: Report) -> dict:
    """The validated data as JSON: what the page shows, machine-readable. Each benchmark carries
    its unit (the one every page and the API read, load/units.py: "no stated unit" when none is
    known) and its
    precision; the top-level precision is theirs when all columns share it, else null."""
    unit_of = unit_table(report)
    decimals = {report.decimals(b) for b in report.benchmarks}
    return {
        "title": report.title,
        "description": report.description,
        "source_file": report.path,
        "precision": next(iter(decimals)) if len(decimals) == 1 else None,
        "y_title": report.y_title,
        "y_range": list(report.y_range) if report.y_range else None,
        "benchmarks": [
            {"name": b.name, "metric": b.metric, "n": b.n, "higher_is_better": b.higher_is_better,
             "precision": report.decimals(b),  # the decimals of its scores' `display`
             "unit": unit_of[b.name].name}
            for b in report.benchmarks
        ],
        "models": [
            {
                "name": m.name,
                "family": m.family,
                "params": m.params,
                "scores": {
                    b: {"value": s.value, "display": s.display, "stderr": s.stderr, **({"date": s.date} if s.date else {})}
                    for b, s in m.scores.items()
                },
            }
            for m in report.models
        ],
    }


def sitemap(site: Site, catalog_urls: list[str]) -> bytes:
    base = site.config.base_url
    urls = [base] + [f"{base}{r.slug}/" for r in site.reports] + [f"{base}{p.slug}/" for p in site.pages]
    urls += [f"{base}{path}" for path in catalog_urls]
    root = ElementTree.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    for url in urls:
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = url
    ElementTree.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root) + b"\n"
