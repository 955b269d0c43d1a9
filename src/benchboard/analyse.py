"""Analyse: a report -> structured facts. Pure functions, no I/O, no wording.

Every fact is computed from the *displayed* numbers (``Score.shown``), so a reader can redo
each difference by hand from the table; values equal at the shown precision are tied. A gap
counts as a lead only when it exceeds its 95% margin of error (binomial from ``n``, or the
given standard errors) or, when no uncertainty is known, the report's tolerance.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from itertools import combinations

from benchboard.model import Benchmark, Model, Report, format_number, proportion_scale

Z95 = 1.959963984540054  # two-sided 95% normal quantile
MIN_BINOMIAL_COUNT = 5  # n·p and n·(1−p) at least this, the textbook rule for the normal margin
MAX_PAIRS = 12  # one-attribute pairs described per report (file order); keeps big reports readable
MAX_CONSISTENCY_MODELS = 2000
MAX_LISTED_MISSING = 10  # models named one by one in the missing-data sentence; beyond, counts


@dataclass(frozen=True)
class Gap:
    """One stated comparison between two models on one benchmark (a listed, b the other)."""

    benchmark: str
    a: str
    b: str
    a_display: str
    b_display: str
    difference: str  # |a - b| of the displayed values, formatted
    better: str | None  # the better model under the benchmark's direction; None when tied
    basis: str  # "binomial", "stderr", "partial" (one side's stderr only), "few" (too few items) or "tolerance"
    margin: str | None  # 95% half-width of the difference, formatted (None for tolerance)
    exceeds: bool  # the difference is larger than its margin (or the tolerance)
    known: str | None = None  # for "partial": the model whose uncertainty is known
    unrounded: str | None = None  # the gap before rounding, when only rounding made it exceed


@dataclass(frozen=True)
class Fact:
    kind: str
    data: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"kind": self.kind, **_plain(self.data)}


@dataclass(frozen=True)
class Analysis:
    facts: tuple[Fact, ...]
    comparisons: int  # how many gaps were tested for significance on this report
    bonferroni_z: float  # the z a Bonferroni correction over those tests would demand
    bonferroni_leads: int  # gaps that still exceed their margin at that z
    uncertainty: str  # "all", "some", "none": which benchmarks have n or stderr
    scales: dict[str, float | None]  # per benchmark: 100 (percent), 1 (fraction) or None (not a proportion)

    def of_kind(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]


def _plain(value):
    if isinstance(value, Gap):
        return asdict(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# --- uncertainty ----------------------------------------------------------------------------


def proportion_scales(report: Report) -> dict[str, float | None]:
    """Per benchmark, whether its scores are proportions: 100 (percent), 1 (fractions) or None.

    Read for the whole report when all its scores fit one reading, so a column of low
    percentages is not taken for fractions; otherwise (a report that mixes units) per benchmark,
    so an accuracy column with ``n`` keeps its binomial margin beside a perplexity column.
    """
    overall = proportion_scale([s.value for m in report.models for s in m.scores.values()], report.y_range, report.y_title)
    if overall is not None:
        return {b.name: overall for b in report.benchmarks}
    return {b.name: proportion_scale([m.scores[b.name].value for m in report.models if b.name in m.scores], report.y_range, report.y_title)
            for b in report.benchmarks}


def standard_error(score, benchmark: Benchmark, scales: dict[str, float | None]) -> tuple[float | None, str | None]:
    """(standard error, basis) of one score: its stderr, else binomial from n, else None."""
    scale = scales.get(benchmark.name)
    if score.stderr:  # a stderr of 0 is no estimate (one sample, lighteval's n=1), not certainty
        return score.stderr, "stderr"
    if benchmark.n and scale:
        p = min(max(score.shown / scale, 0.0), 1.0)
        if min(p, 1 - p) * benchmark.n < MIN_BINOMIAL_COUNT:
            return None, "few"  # the normal margin is unreliable (zero at 0% and 100%)
        return math.sqrt(p * (1 - p) / benchmark.n) * scale, "binomial"
    return None, None


def compare(report: Report, benchmark: Benchmark, a: Model, b: Model, scales: dict[str, float | None]) -> Gap:
    """One gap and its verdict. The sentence shows the rounded values, but a lead must hold
    for the values as given too: at a coarse ``precision`` rounding can turn 50.5 vs 50.4 into
    51 vs 50, and a 0.1 gap is no lead however it is shown."""
    sa, sb = a.scores[benchmark.name], b.scores[benchmark.name]
    diff = sa.shown - sb.shown
    shown_diff = report.fmt(abs(diff))
    if float(shown_diff) == 0:
        better = None
    elif (diff > 0) == benchmark.higher_is_better:
        better = a.name
    else:
        better = b.name
    se_a, basis_a = standard_error(sa, benchmark, scales)
    se_b, basis_b = standard_error(sb, benchmark, scales)
    known = None
    if "few" in (basis_a, basis_b):
        # Too few items away from 0% or 100% for a normal margin: no lead is claimed.
        return Gap(benchmark.name, a.name, b.name, sa.display, sb.display, shown_diff, better, "few", None, False)
    if se_a is not None and se_b is not None:
        basis = "stderr" if "stderr" in (basis_a, basis_b) else "binomial"
        margin = Z95 * math.sqrt(se_a**2 + se_b**2)
    elif se_a is not None or se_b is not None:
        # One side's uncertainty alone is only a lower bound on the margin, so it can show a
        # tie but never prove a lead by itself: the tolerance still applies to the other side.
        # The larger of the two is the threshold (margin None: the tolerance governs).
        basis = "partial"
        known_se, known = (se_a, a.name) if se_a is not None else (se_b, b.name)
        margin = Z95 * known_se
        if float(report.fmt(margin)) < report.tolerance:
            margin = None
    else:
        basis, margin = "tolerance", None
    margin_text = report.fmt(margin) if margin is not None else None
    threshold = float(margin_text) if margin_text is not None else report.tolerance
    exceeds = better is not None and float(shown_diff) > threshold
    unrounded = None
    raw_diff = abs(sa.value - sb.value)
    if exceeds and raw_diff <= (margin if margin is not None else report.tolerance):
        # Only rounding makes it look like a lead: say so, with the digits that show it.
        exceeds = False
        finer = min(report.precision + 2, 8)
        unrounded = format_number(raw_diff, finer)
        if margin is not None:
            margin_text = format_number(margin, finer)
    return Gap(benchmark.name, a.name, b.name, sa.display, sb.display, shown_diff, better, basis, margin_text, exceeds, known, unrounded)


# --- the analysis ---------------------------------------------------------------------------


def analyse(report: Report) -> Analysis:
    scales = proportion_scales(report)
    facts: list[Fact] = []
    facts += _extremes(report)
    winners = [_winner(report, b, scales) for b in report.benchmarks]
    winners = [w for w in winners if w is not None]
    leader = _leader(report, winners)
    if leader:
        facts.append(leader)
    facts += winners
    consistency = _consistency(report)
    if consistency:
        facts.append(consistency)
    facts += _pairs(report, scales)
    mean = _best_mean(report)
    if mean:
        facts.append(mean)
    missing = _missing(report)
    if missing:
        facts.append(missing)

    distinct = {(g.benchmark, frozenset((g.a, g.b))): g for f in facts for g in _gaps_in(f)}  # a pair may also be a winner
    tested = [g for g in distinct.values() if g.basis != "tolerance" and g.margin is not None and g.better is not None]
    m = max(len(tested), 1)
    z_adjusted = _normal_quantile(1 - 0.05 / (2 * m))
    adjusted = 0
    for g in tested:
        se = float(g.margin) / Z95 if g.margin else 0.0
        if float(g.difference) > z_adjusted * se:
            adjusted += 1
    with_uncertainty = [b for b in report.benchmarks if has_uncertainty(report, b, scales)]
    uncertainty = "all" if len(with_uncertainty) == len(report.benchmarks) else ("some" if with_uncertainty else "none")
    return Analysis(tuple(facts), len(tested), z_adjusted, adjusted, uncertainty, scales)


def _gaps_in(fact: Fact) -> list[Gap]:
    found = []
    for key, value in fact.data.items():
        if key in ("smallest", "largest"):
            continue  # the same comparisons as in "gaps", named again for the sentence
        if isinstance(value, Gap):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            found += [v for v in value if isinstance(v, Gap)]
    # Winner gaps are repeated inside the leader fact; count each comparison once.
    return found if fact.kind != "leader" else []


def has_uncertainty(report: Report, benchmark: Benchmark, scales: dict[str, float | None]) -> bool:
    if benchmark.n and scales.get(benchmark.name):
        return True
    scores = [m.scores[benchmark.name] for m in report.models if benchmark.name in m.scores]
    return bool(scores) and all(s.stderr for s in scores)


def _ranked(report: Report, benchmark: Benchmark) -> list[Model]:
    """Models with a score, best first (by the displayed value); file order breaks ties."""
    have = [m for m in report.models if benchmark.name in m.scores]
    sign = -1 if benchmark.higher_is_better else 1
    return sorted(have, key=lambda m: sign * m.scores[benchmark.name].shown)


def _winner(report: Report, benchmark: Benchmark, scales: dict[str, float | None]) -> Fact | None:
    ranked = _ranked(report, benchmark)
    if not ranked:
        return None
    top_value = ranked[0].scores[benchmark.name].shown
    tied = [m.name for m in ranked if m.scores[benchmark.name].shown == top_value]
    data = {
        "benchmark": benchmark.name,
        "higher_is_better": benchmark.higher_is_better,
        "best": tied,
        "best_display": ranked[0].scores[benchmark.name].display,
        "models_scored": len(ranked),
    }
    if len(tied) < len(ranked):
        runner = ranked[len(tied)]
        data["runner_up"] = runner.name
        data["gap"] = compare(report, benchmark, ranked[0], runner, scales)
        data["n"] = benchmark.n
    return Fact("winner", data)


def _leader(report: Report, winners: list[Fact]) -> Fact | None:
    if len(report.models) < 2 or not winners:
        return None
    counts: dict[str, int] = {}
    for fact in winners:
        if fact.data["models_scored"] < 2 or len(fact.data["best"]) == fact.data["models_scored"]:
            continue  # one score, or every model tied: nobody leads there
        for name in fact.data["best"]:
            counts[name] = counts.get(name, 0) + 1
    contested = [f for f in winners if 2 <= f.data["models_scored"] > len(f.data["best"])]
    if not counts or not contested:
        return None
    top = max(counts.values())
    leaders = [m.name for m in report.models if counts.get(m.name) == top]
    grouped: dict[tuple[str, ...], list[str]] = {}  # "X is best on A, B and C", not three clauses
    for f in contested:
        if not set(leaders) & set(f.data["best"]):
            grouped.setdefault(tuple(f.data["best"]), []).append(f.data["benchmark"])
    exceptions = [{"best": list(best), "benchmarks": benches} for best, benches in grouped.items()]
    shared = [f.data["benchmark"] for f in contested if len(f.data["best"]) > 1 and set(leaders) & set(f.data["best"])]
    clear = [f.data["benchmark"] for f in contested if len(f.data["best"]) == 1 and f.data["best"][0] in leaders and "gap" in f.data and f.data["gap"].exceeds]
    return Fact("leader", {
        "leaders": leaders,
        "count": top,
        "of": len(contested),
        "uncontested": len(report.benchmarks) - len(contested),  # one score, or all tied
        "exceptions": exceptions,
        "shared": shared,
        "clear_leads": clear,
    })


def _extremes(report: Report) -> list[Fact]:
    """Easiest / hardest benchmark: where each model has its best / worst score.

    Only meaningful when every benchmark points the same way (comparing an error rate with an
    accuracy says nothing), and when at least two benchmarks are compared.
    """
    directions = {b.higher_is_better for b in report.benchmarks}
    if len(report.benchmarks) < 2 or len(directions) != 1:
        return []
    higher = directions.pop()
    facts = []
    for kind, want_high in (("highest", True), ("lowest", False)):
        per_model: dict[str, list[str]] = {}
        for model in report.models:
            scored = [b for b in report.benchmarks if b.name in model.scores]
            if len(scored) < 2:
                continue
            values = [model.scores[b.name].shown for b in scored]
            if min(values) == max(values):
                continue  # equal everywhere: this model has no highest or lowest benchmark
            target = max(values) if want_high else min(values)
            per_model[model.name] = [b.name for b, v in zip(scored, values) if v == target]
        if not per_model:
            continue
        votes: dict[str, int] = {}
        for names in per_model.values():
            for name in names:
                votes[name] = votes.get(name, 0) + 1
        top = max(votes.values())
        candidates = [b.name for b in report.benchmarks if votes.get(b.name) == top]
        benchmark = candidates[0]
        agree = [m for m, names in per_model.items() if benchmark in names]
        if len(agree) * 2 <= len(per_model):
            continue  # no benchmark is the extreme for most models: there is nothing to state
        others = {m: names for m, names in per_model.items() if benchmark not in names}
        by_name = {m.name: m for m in report.models}
        values = [by_name[m].scores[benchmark].shown for m in agree]
        data = {
            "benchmark": benchmark,
            "models": len(per_model),
            "agree": len(agree),
            "exceptions": [{"model": m, "benchmarks": names} for m, names in others.items()],
            "higher_is_better": higher,
            "unique": len(candidates) == 1,
            "without_score": [m.name for m in report.models if benchmark not in m.scores],
            # Benchmarks every agreeing model scores equally well (or badly) on: naming only
            # the first would make a tie look unique.
            "tied_with": [c for c in candidates[1:] if all(c in per_model[m] for m in agree)] if len(agree) == len(per_model) else [],
        }
        if len(agree) == len(per_model):
            # A bound every model passes, stated only because it is true.
            if want_high:
                low = min(values)
                data["bound"] = _round_bound(low, below=True)
                data["bound_strict"] = float(data["bound"]) < low
                data["extreme_display"] = report.fmt(low)
            else:
                high = max(values)
                data["bound"] = _round_bound(high, below=False)
                data["bound_strict"] = float(data["bound"]) > high
                data["extreme_display"] = report.fmt(high)
        facts.append(Fact(kind, data))
    return facts


def _round_bound(value: float, *, below: bool) -> str:
    """The whole number at or just below (above) ``value``: 94.3 -> "94", 59.7 -> "60"."""
    return str(int(math.floor(value) if below else math.ceil(value)))


def _consistency(report: Report) -> Fact | None:
    """Kendall's W over models scored on every benchmark, and the most reordering benchmark."""
    if len(report.benchmarks) < 2:
        return None
    complete = [m for m in report.models if all(b.name in m.scores for b in report.benchmarks)]
    if len(complete) < 3 or len(complete) > MAX_CONSISTENCY_MODELS:
        return None
    all_ranks = {b.name: _ranks(complete, b) for b in report.benchmarks}
    # A benchmark on which every model ties has no order: it would drag W down and has no
    # defined correlation, so it is set aside and named.
    unordered = [b.name for b in report.benchmarks if len(set(all_ranks[b.name])) == 1]
    ranks = {name: r for name, r in all_ranks.items() if name not in unordered}
    if len(ranks) < 2:
        return None
    w = kendalls_w(list(ranks.values()))
    if w is None:
        return None
    reorder = []
    for name, own in ranks.items():
        others = [r for o, r in ranks.items() if o != name]
        consensus = [sum(r[i] for r in others) / len(others) for i in range(len(complete))]
        rho = spearman(own, consensus)
        if rho is not None:
            reorder.append((rho, name))
    first = next(iter(ranks.values()))
    identical = all(r == first for r in ranks.values())
    # With two benchmarks each one's ρ against the other is the same number: none stands out.
    rho, most = min(reorder) if reorder and not identical and len(ranks) >= 3 else (None, None)
    return Fact("consistency", {
        "models": len(complete),
        "benchmarks": len(ranks),
        "unordered": unordered,
        "w": round(w, 2),
        "identical_order": identical,
        "most_reordering": most,
        "rho": None if rho is None else round(rho, 2),
        "left_out": [m.name for m in report.models if m not in complete],
    })


def _ranks(models: list[Model], benchmark: Benchmark) -> list[float]:
    """Average ranks (1 = best) of the displayed values, ties sharing their mean rank."""
    sign = -1 if benchmark.higher_is_better else 1
    values = [sign * m.scores[benchmark.name].shown for m in models]
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def kendalls_w(rankings: list[list[float]]) -> float | None:
    """Kendall's coefficient of concordance with the tie correction; None when undefined."""
    m, n = len(rankings), len(rankings[0])
    totals = [sum(r[i] for r in rankings) for i in range(n)]
    mean = sum(totals) / n
    s = sum((t - mean) ** 2 for t in totals)
    ties = 0.0
    for ranking in rankings:
        counts: dict[float, int] = {}
        for value in ranking:
            counts[value] = counts.get(value, 0) + 1
        ties += sum(t**3 - t for t in counts.values())
    denominator = m**2 * (n**3 - n) - m * ties
    return 12 * s / denominator if denominator > 0 else None


def spearman(x: list[float], y: list[float]) -> float | None:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else None


def _pairs(report: Report, scales: dict[str, float | None]) -> list[Fact]:
    """Pairs that differ in one attribute: same size and another family, or same family and
    another size. Their gap on each shared benchmark is what a reader wants to see."""
    facts = []
    candidates = [m for m in report.models if m.family or m.params]
    if len(candidates) > 400:
        candidates = candidates[:400]  # bounded work on huge reports; file order decides
    for a, b in combinations(candidates, 2):
        if len(facts) >= MAX_PAIRS:
            break
        if a.params and a.params == b.params and a.family and b.family and a.family != b.family:
            kind, shared = "family_pair", {"params": a.params}
        elif a.family and a.family == b.family and a.params and b.params and a.params != b.params:
            kind, shared = "scale_pair", {"family": a.family}
            if a.params_b is not None and b.params_b is not None and a.params_b > b.params_b:
                a, b = b, a  # the smaller model first, so "the larger model" reads naturally
        else:
            continue
        gaps = [compare(report, bench, a, b, scales) for bench in report.benchmarks if bench.name in a.scores and bench.name in b.scores]
        if not gaps:
            continue
        a_better = [g.benchmark for g in gaps if g.better == a.name]
        b_better = [g.benchmark for g in gaps if g.better == b.name]
        tied = [g.benchmark for g in gaps if g.better is None]
        ordered = sorted(gaps, key=lambda g: (float(g.difference), report.benchmarks.index(report.benchmark(g.benchmark))))
        facts.append(Fact(kind, {
            "a": a.name,
            "b": b.name,
            "a_family": a.family,
            "b_family": b.family,
            "a_params": a.params,
            "b_params": b.params,
            **shared,
            "gaps": gaps,
            "a_better": a_better,
            "b_better": b_better,
            "tied": tied,
            "smallest": ordered[0],
            "largest": ordered[-1],
            "exceeding": [g.benchmark for g in gaps if g.exceeds],
        }))
    return facts


def _best_mean(report: Report) -> Fact | None:
    """Highest mean among models scored on every benchmark (means of unequal coverage differ in kind)."""
    counted = [b for b in report.benchmarks if b.higher_is_better]
    if len(counted) < 2 or len(report.models) < 2:
        return None
    complete = [m for m in report.models if all(b.name in m.scores for b in counted)]
    if len(complete) < 2:
        return None
    means = {m.name: report.fmt(sum(m.scores[b.name].shown for b in counted) / len(counted)) for m in complete}
    by_name = {m.name: m for m in complete}
    top = max(float(v) for v in means.values())
    best = [name for name, value in means.items() if float(value) == top]
    rest = sorted((float(v), n) for n, v in means.items() if n not in best)
    data = {"best": best, "mean": report.fmt(top), "benchmarks": len(counted), "complete": len(complete),
            "lowered_out": [b.name for b in report.benchmarks if not b.higher_is_better]}
    if rest:
        runner = rest[-1][1]
        data["next"] = runner
        data["next_mean"] = means[runner]
        data.update(_mean_gap(report, counted, by_name[best[0]], by_name[runner], top - float(means[runner])))
    return Fact("mean", data)


def _mean_gap(report: Report, counted: list[Benchmark], a: Model, b: Model, difference: float) -> dict:
    """Whether two means differ by more than their uncertainty: the 95% margin of the
    difference of means from every known standard error. When some are unknown, the known
    ones alone give a lower bound (a gap within it is surely a tie, and it never lowers the
    tolerance); with none, the tolerance. As for single gaps, rounding cannot make a lead."""
    scales = proportion_scales(report)
    variance, known, unknown = 0.0, 0, 0
    for bench in counted:
        for model in (a, b):
            se, _ = standard_error(model.scores[bench.name], bench, scales)
            if se is None:
                unknown += 1
            else:
                known += 1
                variance += se**2
    margin = Z95 * math.sqrt(variance) / len(counted) if known else None
    if margin is not None and unknown and float(report.fmt(margin)) < report.tolerance:
        margin = None
    result = {"difference": report.fmt(difference), "margin": report.fmt(margin) if margin is not None else None,
              "partial": margin is not None and unknown > 0, "unrounded": None}
    threshold = float(result["margin"]) if margin is not None else report.tolerance
    result["exceeds"] = float(result["difference"]) > threshold
    raw = abs(sum(a.scores[bench.name].value - b.scores[bench.name].value for bench in counted) / len(counted))
    if result["exceeds"] and raw <= (margin if margin is not None else report.tolerance):
        finer = min(report.precision + 2, 8)
        result.update(exceeds=False, unrounded=format_number(raw, finer),
                      margin=format_number(margin, finer) if margin is not None else None)
    return result


def _missing(report: Report) -> Fact | None:
    gaps = [
        {"model": m.name, "benchmarks": [b.name for b in report.benchmarks if b.name not in m.scores]}
        for m in report.models
        if any(b.name not in m.scores for b in report.benchmarks)
    ]
    if not gaps:
        return None
    per_benchmark = [
        {"benchmark": b.name, "missing": sum(1 for m in report.models if b.name not in m.scores)} for b in report.benchmarks
    ]
    return Fact("missing", {
        "models": gaps if len(gaps) <= MAX_LISTED_MISSING else [],
        "count": len(gaps),
        "total_models": len(report.models),
        "benchmarks": len(report.benchmarks),
        "per_benchmark": [entry for entry in per_benchmark if entry["missing"]],
    })


def _normal_quantile(p: float) -> float:
    """Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9)."""
    a = [-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02, 1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00]
    b = [-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02, 6.680131188771972e01, -1.328068155288572e01]
    c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00, -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00]
    d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00]
    low = 0.02425
    if p < low:
        q = math.sqrt(-2 * math.log(p))
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    if p > 1 - low:
        return -_normal_quantile(1 - p)
    q = p - 0.5
    r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
