"""Units are data: what a benchmark's numbers measure decides every word about a difference.

A benchmark's `unit:` is taken as written; without one it is inferred from the scores (see
docs/format.md, "Units"). The unit decides the suffix after a value ("%" only for percent),
the word for a difference ("points" only for percent and points), whether a binomial margin
from `n` applies (proportions only: percent and fraction), and which columns may be averaged
or compared with each other (one unit and one direction).
"""

from __future__ import annotations

from dataclasses import dataclass

from benchboard.model import Benchmark, Report, proportion_scale


@dataclass(frozen=True)
class Unit:
    key: str  # "percent", "fraction", "ms", "s", "tokens/s", "Elo", "points", free text, or "" (unknown)
    suffix: str  # after a value: "%", " ms", ""
    gap_word: str  # after a difference: " points", " ms", ""
    scale: float | None  # 100 or 1 for proportions (binomial margins from n apply), else None
    inferred: bool = False
    group: str | None = None  # columns of one group share a unit; defaults to the key

    @property
    def same_as(self) -> str:
        return self.group if self.group is not None else self.key

    @property
    def name(self) -> str:
        return {"percent": "percent", "fraction": "fraction (0–1)", "": "no stated unit"}.get(self.key, self.key)


_KNOWN = {
    "percent": ("%", " points", 100.0), "%": ("%", " points", 100.0),
    "fraction": ("", "", 1.0), "proportion": ("", "", 1.0),
    "ms": (" ms", " ms", None), "s": (" s", " s", None), "tokens/s": (" tokens/s", " tokens/s", None),
    "elo": (" Elo", " Elo", None), "points": (" points", " points", None),
}
_CANONICAL = {"%": "percent", "proportion": "fraction", "elo": "Elo"}


def declared(text: str) -> Unit:
    folded = text.strip().casefold()
    if folded in _KNOWN:
        suffix, word, scale = _KNOWN[folded]
        return Unit(_CANONICAL.get(folded, folded), suffix, word, scale)
    return Unit(text.strip(), f" {text.strip()}", f" {text.strip()}", None)


_READ: dict[int, tuple[Report, dict[str, Unit]]] = {}  # id -> (the report, its units): one reading per report


def units(report: Report) -> dict[str, Unit]:
    """Per benchmark name, its unit: declared, else inferred. Read once per report object (the
    boards, lists and catalog pages ask for every column; callers never change the dict)."""
    hit = _READ.get(id(report))
    if hit is not None and hit[0] is report:
        return hit[1]
    if len(_READ) >= 2_000:  # a worker or a long `serve` session: old reports are not kept alive for ever
        _READ.clear()
    found = _read(report)
    _READ[id(report)] = (report, found)
    return found


def _read(report: Report) -> dict[str, Unit]:
    found = {}
    overall = proportion_scale([s.value for m in report.models for s in m.scores.values()], report.y_range, report.y_title)
    for bench in report.benchmarks:
        found[bench.name] = declared(bench.unit) if bench.unit else _inferred(report, bench, overall)
    return found


def _inferred(report: Report, bench: Benchmark, overall: float | None) -> Unit:
    """Fractions when the scores lie in 0–1 (and the axis does not say %); percent when they lie
    in 0–100 and the axis title says % or the benchmark has `n` items; otherwise unknown."""
    values = [m.scores[bench.name].value for m in report.models if bench.name in m.scores]
    scale = overall if overall is not None else proportion_scale(values, report.y_range, report.y_title)
    title = (report.y_title or "").casefold()
    if scale == 1.0:
        return Unit("fraction", "", "", 1.0, inferred=True)
    if scale == 100.0 and ("%" in title or "percent" in title or bench.n):
        return Unit("percent", "%", " points", 100.0, inferred=True)
    # Unknown: the same unknown unit as the other columns only when all the report's scores
    # lie in one range (0–1 or 0–100); an Elo column beside an accuracy column is not.
    return Unit("", "", "", None, inferred=True, group="" if overall is not None else f"?{bench.name}")


def one_scale(report: Report, names: list[str], unit_of: dict[str, Unit]) -> bool:
    """Whether these benchmarks share one unit and one direction (so they can be averaged,
    ranked against each other or called a model's highest)."""
    benches = [report.benchmark(n) for n in names]
    return len({unit_of[b.name].same_as for b in benches}) == 1 and len({b.higher_is_better for b in benches}) == 1


def column_unit(report: Report, benchmark: Benchmark) -> str:
    """The unit a mean may not mix: as declared, else read from the scores' range."""
    key = units(report)[benchmark.name].key  # the report page's own reading of the unit
    return key or (report.y_title or "unspecified unit")
