"""Boards declared in site.yaml, checked against the loaded reports: every column names a report
and one of its benchmarks, once; a mean board averages one unit and one direction."""

from __future__ import annotations

from benchboard.errors import Problems
from benchboard.load.slugs import suggest
from benchboard.load.units import column_kind
from benchboard.model import BoardSpec, Report


def check_specs(specs: tuple[BoardSpec, ...], reports: list[Report], problems: Problems) -> None:
    """Every declared column must name a report and one of its benchmarks; a mean board needs
    one unit and one direction. Problems point at the line in site.yaml."""
    by_slug = {r.slug: r for r in reports}
    for spec in specs:
        seen: set[tuple[str, str]] = set()
        for column in spec.columns:
            where = column.where
            report = by_slug.get(column.report)
            if report is None:
                problems.error(where.path, where.line, where.col, (
                    f"board {spec.title!r}: no report {column.report!r} ({suggest(column.report, sorted(by_slug))})"))
                continue
            names = [b.name for b in report.benchmarks]
            if column.benchmark is not None and column.benchmark not in names + [b.file_name for b in report.benchmarks if b.file_name]:
                problems.error(where.path, where.line, where.col, (
                    f"board {spec.title!r}: report {column.report!r} has no benchmark {column.benchmark!r} "
                    f"({suggest(column.benchmark, names)})"))
                continue
            for name in [report.benchmark(column.benchmark).name] if column.benchmark else names:
                if (report.slug, name) in seen:
                    problems.error(where.path, where.line, where.col, f"board {spec.title!r}: {column.report} / {name} is listed twice (keep one)")
                seen.add((report.slug, name))
        if spec.aggregate == "mean" and seen:
            kinds = {}
            for slug, name in seen:
                benchmark = by_slug[slug].benchmark(name)
                kinds.setdefault((column_kind(by_slug[slug], benchmark), benchmark.higher_is_better), name)
            if len(kinds) > 1:
                shown = "; ".join(f"{name}: {_unit_name(unit)}, {'higher' if hib else 'lower'} is better" for (unit, hib), name in sorted(kinds.items(), key=lambda k: k[1]))
                problems.error(spec.where.path, spec.where.line, spec.where.col, (
                    f"board {spec.title!r} averages columns of different units or directions ({shown}); "
                    "use aggregate: win_rate, or split the board"))




def _unit_name(kind: str) -> str:
    return "no stated unit" if kind.startswith("?") else kind
