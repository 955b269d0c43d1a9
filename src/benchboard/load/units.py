"""Units are data: what a benchmark's numbers measure decides every word about a difference.

A benchmark's `unit:` is taken as written; without one it is inferred from the scores (see
docs/format.md, "Units"). The unit decides the suffix after a value ("%" only for percent),
the word for a difference ("points" only for percent and points), whether a binomial margin
from `n` applies (proportions only: percent and fraction), and which columns may be averaged
or compared with each other (one unit and one direction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from benchboard.model import Benchmark, Report


@dataclass(frozen=True)
class Unit:
    key: str  # "percent", "fraction", "ms", "s", "tokens/s", "Elo", "points", free text, or "" (unknown)
    suffix: str  # after a value: "%", " ms", ""
    gap_word: str  # after a difference: " points", " ms", ""
    scale: float | None  # 100 or 1 for proportions (binomial margins from n apply), else None
    inferred: bool = False
    group: str | None = None  # columns of one group share a unit; defaults to the key
    from_axis_title: bool = False  # inferred percent with the axis title saying so (Methods cites it then only)

    @property
    def same_as(self) -> str:
        return self.group if self.group is not None else self.key

    @property
    def name(self) -> str:
        if not self.key and self.group and self.group.startswith("?"):
            return f"no stated unit ({self.group[1:]})"  # one of several unknown units: which one
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


def units(report: Report) -> dict[str, Unit]:
    """Per benchmark name, its unit: declared, else inferred. Decided once when the site is
    loaded (``with_units``, stored as ``Report.unit_of``) and read by every later stage; a
    Report built by hand (tests, importers) is read here on each call."""
    return report.unit_of if report.unit_of is not None else read_units(report)


def with_units(report: Report) -> Report:
    """The report with its units decided and stored on it: the one reading every page uses."""
    return replace(report, unit_of=read_units(report))


def read_units(report: Report) -> dict[str, Unit]:
    """Each column's unit from its own declaration, else its own values and metric (and the
    axis title only beside values that fit it): a fraction column beside percent columns stays
    a fraction, and a 0–100 column with nothing to say joins percent columns of its direction
    beside it. One whose metric is not a share (perplexity) or whose direction differs from
    theirs has something to say, and stays without a unit."""
    found: dict[str, Unit] = {}
    open_columns = []
    for bench in report.benchmarks:
        if bench.unit:
            found[bench.name] = declared(bench.unit)
            continue
        values = [m.scores[bench.name].value for m in report.models if bench.name in m.scores]
        found[bench.name] = _inferred(report, bench, values)
        if not found[bench.name].key:
            open_columns.append((bench, values))
    percent_directions = {b.higher_is_better for b in report.benchmarks if found[b.name].key == "percent"}
    empty = [bench for bench, values in open_columns if not values]
    open_columns = [(bench, values) for bench, values in open_columns if values]
    ranges = {_range(values) for _, values in open_columns}
    for bench, values in open_columns:
        if bench.higher_is_better in percent_directions and not measures_no_share(bench.metric) and _range(values) == 100.0:
            found[bench.name] = Unit("percent", "%", " points", 100.0, inferred=True)
        elif len(open_columns) > 1 and (len(ranges) > 1 or None in ranges):
            # Unknown units share a group only when all of them lie in one range: an Elo
            # column beside an accuracy column is not one unit.
            found[bench.name] = replace(found[bench.name], group=f"?{bench.name}")
    scored = {n for m in report.models for n in m.scores}
    for bench in empty:  # nobody scored it: the one unit of its scored neighbours, so it splits no mean; else its n or axis title
        kinds = {found[b.name].same_as: found[b.name] for b in report.benchmarks
                 if b.higher_is_better == bench.higher_is_better and b.name in scored}
        if measures_no_share(bench.metric):
            continue
        if len(kinds) == 1:
            found[bench.name] = replace(next(iter(kinds.values())), inferred=True, from_axis_title=False)
        elif not kinds and (bench.n or says_percent(report.y_title)):
            found[bench.name] = Unit("percent", "%", " points", 100.0, inferred=True, from_axis_title=says_percent(report.y_title))
    return found


def _range(values: list[float]) -> float | None:
    if values and all(0 <= v <= 1 for v in values):
        return 1.0
    if values and all(0 <= v <= 100 for v in values):
        return 100.0
    return None


def says_percent(text: str | None) -> bool:
    folded = (text or "").casefold()
    return "%" in folded or "percent" in folded


# Metrics that are not a share of items whatever their range: a perplexity of 5.44 is not 5.44%,
# an MCC of 0.41 (from -1 to 1) not a fraction of items, a BLEU or ROUGE of 34 not 34%. A column
# measured by one is never inferred percent or fraction (its `unit:` may still say so). Only
# measures that are clearly no share are listed: F1, win rates and error rates (WER, which
# papers give in %) are not.
_NO_SHARE = re.compile(
    r"perplexity|ppl|bits?[ -]?per[ -]?(byte|char(acter)?|token|word)|bpb|bpc|bpt|loss|cross[ -]?entropy|nll|"
    r"log[ -]?likelihood|likelihood[ -]?diff(erence)?|mcc|matthews|pearson|spearman|kendall|correlation|"
    r"elo|bleu|sacrebleu|chrf\+*|rouge[ -]?\w*|meteor|ter|latency|seconds?|ms|tokens?[ /]?(per|/)[ -]?s(ec(ond)?)?|throughput"
)


def measures_no_share(metric: str | None) -> bool:
    """Whether a result file's metric names a measure that is not a share of items (any word of
    it: "word_perplexity", "ROUGE-L", "Elo rating"); the one list the unit inference reads."""
    text = re.sub(r"[_,;:()]+", " ", (metric or "").casefold())
    return any(_NO_SHARE.fullmatch(part) for part in _phrases(text))


def _phrases(text: str) -> list[str]:
    """Every run of one to four consecutive words of a metric's text, so a listed measure of
    several words ("bits per byte") is found in it, and "ms" is never found inside "terms"."""
    words = text.split()
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 4, len(words)) + 1)]


def _inferred(report: Report, bench: Benchmark, values: list[float]) -> Unit:
    """From the column's own values: fractions when they lie in 0–1 (unless its metric says %,
    or the axis is declared 0–100); percent when they lie in 0–100 and the metric or the axis
    title says % or the benchmark has `n` items; otherwise unknown (see read_units). A metric
    that is no share (measures_no_share) is never either, unless it says % itself."""
    if not values:  # a column nobody scored: its metric's own word; else its neighbours decide (read_units)
        return (Unit("percent", "%", " points", 100.0, inferred=True) if says_percent(bench.metric)
                else Unit("", "", "", None, inferred=True, group=""))
    scale = _range(values)
    if measures_no_share(bench.metric) and not says_percent(bench.metric):
        return Unit("", "", "", None, inferred=True, group="")
    if scale == 1.0 and not says_percent(bench.metric) and not (report.y_range and report.y_range[1] > 1):
        return Unit("fraction", "", "", 1.0, inferred=True)
    if scale is not None and (says_percent(bench.metric) or says_percent(report.y_title) or bench.n):
        return Unit("percent", "%", " points", 100.0, inferred=True, from_axis_title=says_percent(report.y_title))
    return Unit("", "", "", None, inferred=True, group="")


def one_scale(report: Report, names: list[str], unit_of: dict[str, Unit]) -> bool:
    """Whether these benchmarks share one unit and one direction (so they can be averaged,
    ranked against each other or called a model's highest)."""
    benches = [report.benchmark(n) for n in names]
    return len({unit_of[b.name].same_as for b in benches}) == 1 and len({b.higher_is_better for b in benches}) == 1


def column_unit(report: Report, benchmark: Benchmark) -> str:
    """The column's unit as a reader sees it: the key ("percent", "ms"), or "" when unknown.
    Never the axis title: "Latency" in "Score (%)" is not a unit."""
    return units(report)[benchmark.name].key


def column_kind(report: Report, benchmark: Benchmark) -> str:
    """What a mean or a gap may not mix across columns: a known unit's key; an unknown unit
    is the same kind only as other unknown units whose columns all lie in 0–100 (the shared
    group ""); one set apart by its range (an Elo beside accuracies) is its report's own."""
    unit = units(report)[benchmark.name]
    if unit.key:
        return unit.key
    return "?" if unit.same_as == "" else f"?{report.slug}/{unit.same_as}"
