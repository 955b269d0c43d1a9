"""Facts: what the Key observations state, each built on the verdicts of `verdicts`.

Each function returns plain data (no wording). A fact never decides a lead itself: it reads
the one verdict of each comparison it mentions, so bullets, the "All comparisons" table, the
Methods note and the chart cannot disagree. Facts that another fact already implies are not
made (the means when one model is best everywhere; a pair whose order the leader implies).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from itertools import combinations

from benchboard.load import sizes

from benchboard.analyse import stats
from benchboard.analyse.tables import mean_columns
from benchboard.model import Benchmark, Model, Report
from benchboard.load.units import Unit, one_scale
from benchboard.analyse.verdicts import EQUAL, LEAD, PRACTICALLY_EQUAL, UNTESTED, WITHIN, Comparisons, Verdict, score_se, uncertainty_of

MAX_PAIRS = 12  # one-attribute pairs compared per report (file order); their verdicts go to the table
MAX_PAIR_BULLETS = 2  # of those, stated as bullets; the rest are in the table only
MAX_CONSISTENCY_MODELS = 2000
MAX_LISTED_MISSING = 10


def shown(model: Model, bench: Benchmark) -> Decimal:
    return Decimal(model.scores[bench.name].display)


def ranked(report: Report, bench: Benchmark) -> list[Model]:
    """Models with a score, best first by the shown value; file order breaks ties."""
    have = [m for m in report.models if bench.name in m.scores]
    return sorted(have, key=lambda m: -shown(m, bench) if bench.higher_is_better else shown(m, bench))


def status(verdicts: list[Verdict]) -> str:
    """The weakest of several verdicts (tied winners over a runner-up): a lead only if all are."""
    outcomes = {v.outcome for v in verdicts}
    for weakest in (EQUAL, UNTESTED, PRACTICALLY_EQUAL, WITHIN):
        if weakest in outcomes:
            return weakest
    return LEAD


def winners(report: Report, comparisons: Comparisons) -> list[dict]:
    """Per benchmark: the best model(s), the runner-up(s), and the verdict of each winner over
    each runner-up (tied winners do not share one verdict)."""
    found = []
    for bench in report.benchmarks:
        order = ranked(report, bench)
        if not order:
            continue
        top = shown(order[0], bench)
        best = [m for m in order if shown(m, bench) == top]
        data = {"benchmark": bench.name, "higher_is_better": bench.higher_is_better, "best": [m.name for m in best],
                "best_display": order[0].scores[bench.name].display, "models_scored": len(order)}
        if len(best) < len(order):
            second = shown(order[len(best)], bench)
            runners = [m for m in order if shown(m, bench) == second]
            verdicts = [comparisons.get(bench, w, r) for w in best for r in runners]
            data.update(runners_up=[m.name for m in runners], runner_display=runners[0].scores[bench.name].display,
                        gap=verdicts[0].gap, status=status(verdicts), verdicts=verdicts)
        found.append(data)
    return found


def leader(report: Report, wins: list[dict]) -> dict | None:
    contested = [w for w in wins if "runners_up" in w]
    if len(report.models) < 2 or not contested:
        return None
    counts: dict[str, int] = {}
    for w in contested:
        for name in w["best"]:
            counts[name] = counts.get(name, 0) + 1
    top = max(counts.values())
    leaders = [m.name for m in report.models if counts.get(m.name) == top]
    mine = [w for w in contested if set(leaders) & set(w["best"])]
    grouped: dict[tuple[str, ...], list[str]] = {}
    for w in contested:
        if w not in mine:
            grouped.setdefault(tuple(w["best"]), []).append(w["benchmark"])
    # A tied top leads nobody: its benchmarks get the group's verdict over the next model
    # (a lead only if every member's is), stated as a tie, never as one model's lead.
    sole = [w for w in mine if len(w["best"]) == 1]
    by_status = {s: [w["benchmark"] for w in sole if w["status"] == s] for s in (LEAD, WITHIN, UNTESTED, PRACTICALLY_EQUAL)}
    ties = [{"benchmark": w["benchmark"], "best": w["best"], "next": w["runners_up"],
             "status": UNTESTED if w["status"] == PRACTICALLY_EQUAL else w["status"]} for w in mine if len(w["best"]) > 1]
    return {
        "leaders": leaders, "count": top, "of": len(contested),
        "uncontested": len(report.benchmarks) - len(contested),
        "all_higher": all(b.higher_is_better for b in report.benchmarks),
        "exceptions": [{"best": list(best), "benchmarks": benches} for best, benches in grouped.items()],
        "shared": [w["benchmark"] for w in mine if len(w["best"]) > 1],
        "ties": ties, "tie_leads": [t["benchmark"] for t in ties if t["status"] == LEAD],
        "tie_within": [t["benchmark"] for t in ties if t["status"] == WITHIN],
        "tie_untested": [t["benchmark"] for t in ties if t["status"] == UNTESTED],
        "leads": by_status[LEAD], "within": by_status[WITHIN],
        "untested": by_status[UNTESTED] + by_status[PRACTICALLY_EQUAL],
    }


def tied(report: Report, wins: list[dict], lead: dict | None, unit_of: dict[str, Unit]) -> dict | None:
    """The benchmarks on which every scored model shows the same value, when nothing orders any
    models (no benchmark is contested, so there is no leader): without it an all-tied report
    had a Key observations heading over an empty list."""
    if lead or len(report.models) < 2:
        return None
    level = [{"benchmark": w["benchmark"], "display": w["best_display"], "suffix": unit_of[w["benchmark"]].suffix, "models": w["models_scored"]}
             for w in wins if "runners_up" not in w and w["models_scored"] >= 2]
    if not level:
        return None
    return {"benchmarks": level, "models": len(report.models), "names": [m.name for m in report.models],
            "all_scored": all(t["models"] == len(report.models) for t in level)}


def extremes(report: Report, unit_of: dict[str, Unit]) -> list[dict]:
    """The benchmark on which the most models have their highest (lowest) score; only across
    benchmarks of one unit and one direction, and only when it is so for a majority."""
    names = [b.name for b in report.benchmarks]
    if len(names) < 2 or not one_scale(report, names, unit_of):
        return []
    higher = report.benchmarks[0].higher_is_better
    facts = []
    for kind in ("highest", "lowest"):
        per_model: dict[str, list[str]] = {}
        for model in report.models:
            scored = [b for b in report.benchmarks if b.name in model.scores]
            values = [shown(model, b) for b in scored]
            if len(scored) < 2 or min(values) == max(values):
                continue
            target = max(values) if kind == "highest" else min(values)
            per_model[model.name] = [b.name for b, v in zip(scored, values) if v == target]
        if not per_model:
            continue
        votes: dict[str, int] = {}
        for found in per_model.values():
            for name in found:
                votes[name] = votes.get(name, 0) + 1
        most = max(votes.values())
        candidates = [n for n in names if votes.get(n) == most]
        bench = candidates[0]
        agree = [m for m, found in per_model.items() if bench in found]
        if len(agree) * 2 <= len(per_model):
            continue
        data = {"kind": kind, "benchmark": bench, "models": len(per_model), "agree": len(agree),
                "exceptions": [{"model": m, "benchmarks": found} for m, found in per_model.items() if bench not in found],
                "higher_is_better": higher, "unique": len(candidates) == 1,
                "without_score": [m.name for m in report.models if bench not in m.scores],
                "tied_with": [c for c in candidates[1:] if all(c in per_model[m] for m in agree)] if len(agree) == len(per_model) else [],
                "suffix": unit_of[bench].suffix}
        if len(per_model) == 1 < len(report.models):
            data["only_model"] = agree[0]  # the one model of several whose scores differ: named
        elif len(report.models) == 1:
            data["sole_model"] = agree[0]  # a report of one model: its name and score, not "the only model's … at least"
            data["sole_display"] = shown(report.models[0], report.benchmark(bench)).to_eng_string()
        bench_obj = report.benchmark(bench)
        data["measure"] = bench_obj.metric or "value"
        scale = unit_of[bench].scale
        if len(agree) == len(per_model) and scale:
            by_name = {m.name: m for m in report.models}
            values = [shown(by_name[m], report.benchmark(bench)) for m in agree]
            edge = min(values) if kind == "highest" else max(values)
            bound = edge.to_integral_value(rounding="ROUND_FLOOR" if kind == "highest" else "ROUND_CEILING")
            # A bound is stated only when it says something: inside the unit's range (0 < bound < 100%),
            # never "above 0%" or "below 100%"; units without a known range get none ("above 0 ms").
            if 0 < bound < Decimal(repr(scale)):
                data.update(bound=str(int(bound)), bound_strict=bound != edge, extreme_display=stats.half_up(edge, report.decimals(bench)))
        facts.append(data)
    return facts


def pairs(report: Report, comparisons: Comparisons) -> list[dict]:
    """Pairs that differ in one attribute, as the content states it: the same size (parsed as
    numbers) and different families, or one family and different sizes (smaller first)."""
    found = []
    candidates = [m for m in report.models if m.family or m.params][:400]
    for a, b in combinations(candidates, 2):
        if len(found) >= MAX_PAIRS:
            break
        same = sizes.same_size(a.params, b.params)
        if same and a.family and b.family and a.family != b.family:
            kind = "family_pair"
        elif a.family and a.family == b.family and same is False:
            ka, kb = sizes.order_key(a.params), sizes.order_key(b.params)
            if ka is None or kb is None or ka == kb:
                continue  # a mixture without a stated total, or equal totals: no order of size to speak of
            kind = "scale_pair"
            if ka > kb:
                a, b = b, a
        else:
            continue
        shared = [bench for bench in report.benchmarks if bench.name in a.scores and bench.name in b.scores]
        if not shared:
            continue
        verdicts = [comparisons.get(bench, a, b) for bench in shared]
        unequal = [v for v in verdicts if v.better]
        if len({comparisons.unit_of[v.benchmark].same_as for v in unequal}) > 1:
            unequal_ranked = []  # gaps in different units are not ranked against each other
        else:
            unequal_ranked = unequal
        gaps = sorted(unequal_ranked, key=lambda v: Decimal(v.gap))
        found.append({
            "kind": kind, "a": a.name, "b": b.name, "a_family": a.family, "b_family": b.family,
            "a_params": a.params, "b_params": b.params, "benchmarks": len(shared),
            "a_higher": [v.benchmark for v in verdicts if v.better == a.name],
            "b_higher": [v.benchmark for v in verdicts if v.better == b.name],
            "equal": [v.benchmark for v in verdicts if v.better is None],
            # equal gaps by value: "2" and "2.0" (columns of one unit at different precisions) tie
            "smallest": [v.benchmark for v in gaps if Decimal(v.gap) == Decimal(gaps[0].gap)] if gaps else [],
            "largest": [v.benchmark for v in gaps if Decimal(v.gap) == Decimal(gaps[-1].gap)] if gaps else [],
            "smallest_gap": gaps[0].gap if gaps else None,
            "largest_gap": gaps[-1].gap if gaps else None,
            "gap_word": _gap_word(report, comparisons, [v.benchmark for v in gaps]),
            "leads": [{"benchmark": v.benchmark, "better": v.better} for v in verdicts if v.outcome == LEAD],
            "within": [v.benchmark for v in verdicts if v.outcome == WITHIN],
            "untested": [v.benchmark for v in verdicts if v.outcome in (UNTESTED, PRACTICALLY_EQUAL)],
            "verdicts": verdicts,
        })
    return found


def _gap_word(report: Report, comparisons: Comparisons, names: list[str]) -> str:
    words = {comparisons.unit_of[n].gap_word for n in names}
    return words.pop() if len(words) == 1 else ""


def implied_by_leader(pair: dict, lead: dict | None, wins: list[dict]) -> bool:
    """A pair adds nothing when one of its models is the single leader and the best on every
    benchmark the pair shares: its direction is then already stated."""
    if not lead or len(lead["leaders"]) != 1 or lead["leaders"][0] not in (pair["a"], pair["b"]):
        return False
    sole = {w["benchmark"] for w in wins if w["best"] == lead["leaders"]}
    return all(v.benchmark in sole for v in pair["verdicts"])


def mean(report: Report, unit_of: dict[str, Unit], comparisons: Comparisons, lead: dict | None) -> dict | None:
    """The highest mean, over benchmarks of one unit and direction (higher is better), among
    models scored on all; left out when one model is best on every benchmark (it says no more)."""
    names = [b.name for b in report.benchmarks]
    if len(names) < 2 or len(report.models) < 2 or not one_scale(report, names, unit_of) or not report.benchmarks[0].higher_is_better:
        return None
    if lead and len(lead["leaders"]) == 1 and lead["count"] == lead["of"] == len(names) and not lead["shared"]:
        return None
    complete = [m for m in report.models if all(n in m.scores for n in names)]
    if len(complete) < 2:
        return None
    exact = {m.name: sum(Fraction(shown(m, b)) for b in report.benchmarks) / len(names) for m in complete}
    decimals = report.decimals_over(report.benchmarks)  # a mean: the most decimals of the columns it averages
    display = {n: stats.half_up(v, decimals) for n, v in exact.items()}
    top = max(Decimal(v) for v in display.values())
    best = [n for n, v in display.items() if Decimal(v) == top]
    rest = sorted(((Decimal(v), n) for n, v in display.items() if n not in best), key=lambda t: -t[0])
    data = {"best": best, "mean": stats.half_up(top, decimals), "benchmarks": len(names),
            "complete": len(complete), "suffix": unit_of[names[0]].suffix}
    if rest:
        # Every model at the runner-up mean is named (ties are ties), and the gap is a lead only
        # where each best model is ahead of each of them: one untested pair leaves it untested.
        runners = [n for v, n in rest if v == rest[0][0]]
        by_name = {m.name: m for m in complete}
        # The gap a reader can check, the difference of the two means as shown; its interval is
        # around it (as every interval rests on shown values), so the gap is never outside it.
        difference = Decimal(display[best[0]]) - Decimal(display[runners[0]])
        data.update(next=runners, next_mean=display[runners[0]], difference=str(difference),
                    gap_word=unit_of[names[0]].gap_word)
        halves = [_mean_half(report, unit_of, by_name[a], by_name[b]) for a in best for b in runners]
        if None in halves:
            data.update(outcome=UNTESTED, low=None, high=None)
        else:
            half = max(halves)  # the widest pair's interval: the verdict must hold for every pair
            low, high = float(difference) - half, float(difference) + half
            scale = unit_of[names[0]].scale
            if scale is not None:  # means of proportions differ by at most the whole scale (no end changes sign)
                low, high = max(low, -scale), min(high, scale)
            data.update(outcome=LEAD if low > 0 else WITHIN, low=stats.half_up(low, decimals), high=stats.half_up(high, decimals))
    return data


def _mean_half(report: Report, unit_of: dict[str, Unit], a: Model, b: Model) -> float | None:
    """Half the 95% interval of the difference of two models' means, or None when a score of
    either has no uncertainty (the order of the means is untested)."""
    ses: list[float] = []
    for bench in report.benchmarks:
        for model in (a, b):
            if uncertainty_of(report, bench, model, unit_of[bench.name]) is None:
                return None
            ses.append(score_se(report, bench, model, unit_of[bench.name]))
    return stats.Z95 * sum(s * s for s in ses) ** 0.5 / len(report.benchmarks)


def consistency(report: Report, unit_of: dict[str, Unit]) -> dict | None:
    """Kendall's W (tie-corrected, exact) over models scored on every benchmark, by the shown
    values; only across benchmarks of one unit and direction."""
    names = [b.name for b in report.benchmarks]
    if len(names) < 2 or not one_scale(report, names, unit_of):
        return None
    complete = [m for m in report.models if all(n in m.scores for n in names)]
    if not 3 <= len(complete) <= MAX_CONSISTENCY_MODELS:
        return None
    rankings = {b.name: stats.average_ranks([shown(m, b) for m in complete], b.higher_is_better) for b in report.benchmarks}
    unordered = [n for n, r in rankings.items() if len(set(r)) == 1]
    ordered = [r for n, r in rankings.items() if n not in unordered]
    if len(ordered) < 2:
        return None
    w = stats.kendalls_w(ordered)
    if w is None:
        return None
    kept = {m.name for m in complete}
    return {"models": len(complete), "benchmarks": len(ordered), "unordered": unordered, "w": stats.half_up(w, 2),
            "identical_order": all(r == ordered[0] for r in ordered),
            "left_out": [m.name for m in report.models if m.name not in kept]}


def missing(report: Report, counted_in_mean: int) -> dict | None:
    """Who lacks which score, and what the table's Mean column (`leaderboard.mean_columns`) does."""
    gaps = [{"model": m.name, "benchmarks": [b.name for b in report.benchmarks if b.name not in m.scores]}
            for m in report.models if any(b.name not in m.scores for b in report.benchmarks)]
    if not gaps:
        return None
    per_benchmark = [{"benchmark": b.name, "missing": sum(1 for m in report.models if b.name not in m.scores)} for b in report.benchmarks]
    return {"models": gaps if len(gaps) <= MAX_LISTED_MISSING else [], "count": len(gaps), "total_models": len(report.models),
            "benchmarks": len(report.benchmarks), "per_benchmark": [e for e in per_benchmark if e["missing"]],
            "mean_over": counted_in_mean}


def scope(report: Report, unit_of: dict[str, Unit]) -> dict | None:
    """Why no statement is made across benchmarks, when their units or directions differ."""
    names = [b.name for b in report.benchmarks]
    if len(names) < 2 or one_scale(report, names, unit_of):
        return None
    groups = sorted({unit_of[n].same_as for n in names})
    listed = list(dict.fromkeys(unit_of[n].name for n in names))
    # The table may still average some columns (its higher-is-better ones of one unit): the
    # bullet says so beside its Mean column instead of "no means are compared".
    averaged = [b.name for b in mean_columns(report)[0]]  # the table's own rule, read, not repeated
    return {"units": listed if len(groups) > 1 else [],
            "mixed_units": len(groups) > 1,
            "mixed_directions": len({b.higher_is_better for b in report.benchmarks}) > 1,
            "table_mean": averaged}
