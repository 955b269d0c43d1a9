"""Analyse: a report -> structured facts, verdicts, intervals and ranks. Pure, no wording.

The work is split along its seams: `units` (what the numbers measure), `stats` (intervals
and rank statistics), `verdicts` (one verdict per comparison), `facts` (what the bullets
state) and `ranks` (tie classes). This module runs them in order and bundles the result, so
every later stage (prose, chart, tables) reads the same verdicts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from decimal import Decimal

from benchboard.analyse import facts as made

from benchboard.analyse.tables import mean_columns
from benchboard.model import Report, interval_ends
from benchboard.analyse.ranks import MAX_RANKED_MODELS, rank_intervals, rank_text, value_rank_intervals
from benchboard.load.units import Unit, units
from benchboard.analyse.verdicts import EQUAL, LEAD, PRACTICALLY_EQUAL, Comparisons, Verdict, compare, report_tolerance, score_interval, with_bonferroni



@dataclass(frozen=True)
class Fact:
    kind: str
    data: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"kind": self.kind, **_plain(self.data)}


@dataclass(frozen=True)
class Interval:
    """A bar's 95% interval: Wilson from `n`, or ±1.96·stderr."""

    low: float
    high: float
    text: str  # "61.5–87.4"
    method: str  # "wilson" or "stderr"


@dataclass(frozen=True)
class Analysis:
    facts: tuple[Fact, ...]  # the Key observations, in order
    winners: tuple[dict, ...]  # per benchmark: best, runner-up and their verdicts
    comparisons: tuple[Verdict, ...]  # every stated comparison once, for the table and the Methods note
    bonferroni_z: float
    units: dict[str, Unit]
    intervals: dict[tuple[str, str], Interval]  # (model, benchmark) -> 95% interval, where known
    ranks: dict[str, dict[str, str]]  # benchmark -> model -> "1" or "2–4"
    ranks_by_value: tuple[str, ...]  # benchmarks where some pairs are untested (no uncertainty): they share ranks
    ranks_too_many: tuple[str, ...]  # benchmarks with more than MAX_RANKED_MODELS scores: ranked by shown values only
    consistency: dict | None
    tolerance: str | None  # the tolerance as set, when it applies (one unit across the report)
    uncertainty: str  # "all", "some" or "none": benchmarks with an interval for every score
    # The tests behind the rank column (every pair of different shown scores with a known
    # uncertainty, at the 95% level each): how many, their leads, and how many of those a
    # Bonferroni correction over them keeps; the Methods note says so (the table's own
    # comparisons are a family of their own, `comparisons`/`bonferroni_z`).
    rank_tests: tuple[int, int, int | None] = (0, 0, 0)  # kept is None past MAX_CORRECTED_RANK_LEADS

    def of_kind(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    @property
    def tested(self) -> list[Verdict]:
        return [v for v in self.comparisons if v.tested]



def _plain(value):
    if isinstance(value, Verdict):
        return value.as_dict()
    if is_dataclass(value):
        return asdict(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


MAX_CORRECTED_RANK_LEADS = 2_000  # a 60-model x 30-benchmark report has ~41,000: 1.5 s to re-test them all


def analyse(report: Report) -> Analysis:
    unit_of = units(report)
    tolerance = report_tolerance(report, unit_of)
    one_unit = tolerance is not None
    comparisons = Comparisons(report, unit_of, tolerance)
    wins = made.winners(report, comparisons)
    lead = made.leader(report, wins)
    found: list[Fact] = [Fact(f.pop("kind"), f) for f in made.extremes(report, unit_of)]
    if lead:
        found.append(Fact("leader", lead))
    level = made.tied(report, wins, lead, unit_of)
    if level:
        found.append(Fact("tied", level))
    bullets = 0
    for pair in made.pairs(report, comparisons):
        if bullets < made.MAX_PAIR_BULLETS and not made.implied_by_leader(pair, lead, wins):
            found.append(Fact(pair.pop("kind"), pair))
            bullets += 1
    mean = made.mean(report, unit_of, comparisons, lead)
    if mean:
        found.append(Fact("mean", mean))
    scope = made.scope(report, unit_of)
    if scope:
        found.append(Fact("scope", scope))
    counted = len(mean_columns(report)[0]) if report.models else 0
    missing = made.missing(report, counted)
    if missing:
        found.append(Fact("missing", missing))
    verdicts, z = with_bonferroni(comparisons.all())
    final = {(v.benchmark, frozenset((v.a, v.b))): v for v in verdicts}
    # Facts hold the verdicts as first computed; give them the final ones (with the Bonferroni flag).
    for fact in found:
        if "verdicts" in fact.data:
            fact.data["verdicts"] = [final[(v.benchmark, frozenset((v.a, v.b)))] for v in fact.data["verdicts"]]
    for w in wins:
        if "verdicts" in w:
            w["verdicts"] = [final[(v.benchmark, frozenset((v.a, v.b)))] for v in w["verdicts"]]
    intervals = bar_intervals(report, unit_of)
    ranks, by_value, too_many, rank_verdicts = table_ranks(report, unit_of, tolerance)
    rank_leads = sum(1 for v in rank_verdicts if v.outcome == LEAD)
    kept = None  # past MAX_CORRECTED_RANK_LEADS the note gives the count without the correction (each lead is a test again)
    if rank_leads <= MAX_CORRECTED_RANK_LEADS:
        kept = sum(1 for v in with_bonferroni(rank_verdicts)[0] if v.outcome == LEAD and v.bonferroni_lead)
    rank_tests = (len(rank_verdicts), rank_leads, kept)
    full = [b for b in report.benchmarks
            if all((m.name, b.name) in intervals for m in report.models if b.name in m.scores)]
    uncertainty = "all" if len(full) == len(report.benchmarks) else ("some" if full else "none")
    return Analysis(tuple(found), tuple(wins), tuple(verdicts), z, unit_of, intervals, ranks, tuple(by_value), tuple(too_many),
                    made.consistency(report, unit_of), report.tolerance_text if one_unit else None, uncertainty, rank_tests)


def bar_intervals(report: Report, unit_of: dict[str, Unit]) -> dict[tuple[str, str], Interval]:
    found = {}
    for bench in report.benchmarks:
        unit = unit_of[bench.name]
        for model in report.models:
            if bench.name not in model.scores:
                continue
            found_interval = score_interval(report, bench, model, unit)
            if found_interval is None:
                continue
            low, high, method = found_interval
            decimals = report.decimals(bench)  # its column's, as the score is shown
            text = "\u2013".join(interval_ends(low, high, decimals))
            found[(model.name, bench.name)] = Interval(low, high, text, method)
    return found


def table_ranks(report: Report, unit_of: dict[str, Unit], tolerance: Decimal | None) -> tuple[dict, list[str], list[str], list[Verdict]]:
    """Per benchmark, each model's rank interval. One model beats another only where their
    verdict is a lead; ties at the shown values, gaps within the uncertainty or the tolerance,
    and untested gaps (no uncertainty known: listed, so the note can say so) share ranks. The
    boards rank by the same verdicts (boards.pair_outcome). Also the tested verdicts the ranks
    rest on, for the Methods note."""
    ranks: dict[str, dict[str, str]] = {}
    by_value: list[str] = []
    too_many: list[str] = []
    tests: list[Verdict] = []
    for bench in report.benchmarks:
        scored = [m for m in report.models if bench.name in m.scores]
        values = [float(m.scores[bench.name].display) for m in scored]
        if len(scored) > MAX_RANKED_MODELS:
            intervals = value_rank_intervals(values, bench.higher_is_better)
            ranks[bench.name] = {m.name: rank_text(*r) for m, r in zip(scored, intervals)}
            too_many.append(bench.name)
            continue
        cache: dict[tuple[int, int], Verdict] = {}

        def outcome(i: int, j: int) -> str:
            key = (min(i, j), max(i, j))
            if key not in cache:
                cache[key] = compare(report, bench, scored[key[0]], scored[key[1]], unit_of[bench.name], tolerance)
            return cache[key].outcome
        untested = False

        def beats(i: int, j: int) -> bool:
            nonlocal untested
            better = values[i] > values[j] if bench.higher_is_better else values[i] < values[j]
            if not better:
                return False
            result = outcome(i, j)
            if result in (EQUAL, PRACTICALLY_EQUAL):
                return False
            if result == LEAD:
                return True
            if result == "untested":
                untested = True  # the order is not tested: the two share ranks, as on the boards
            return False

        intervals = rank_intervals(values, beats, bench.higher_is_better)
        ranks[bench.name] = {m.name: rank_text(*r) for m, r in zip(scored, intervals)}
        tests += [v for v in cache.values() if v.tested]
        if untested:
            by_value.append(bench.name)
    return ranks, by_value, too_many, tests


