"""An independent checker: re-derives every claim of a report page from the raw data.

It never calls the generator's helpers (no import from benchboard except to read the
results it checks). Units, intervals (Wilson by the quadratic, Newcombe, Fisher's exact test in
exact fractions), verdicts, ranks, facts and Kendall's W are recomputed here in their own
simple way; then every fact, every row of the "All comparisons" table, every interval and rank
in the data table, and every sentence is compared with them. A sentence may use a word of
evidence ("lead", "ahead", "clear", "significant", "beyond the uncertainty") only where the
re-derived verdict is a lead. ``TALLY`` counts reports, sentences and claims checked.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from decimal import Decimal
from fractions import Fraction

Z = 1.959963984540054
TALLY: Counter = Counter()
EVIDENCE = re.compile(r"\b(lead|leads|ahead|clear|clearly|significant|significantly|outperforms|beats)\b|beyond the uncertainty|larger than the uncertainty")


def exact(value) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(Decimal(str(value)))


def fmt(value, precision: int) -> str:
    """Half up (away from zero at .5) in exact arithmetic."""
    x = exact(value)
    scaled = abs(x) * 10**precision
    whole = math.floor(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    digits = str(whole).rjust(precision + 1, "0")
    text = digits if precision == 0 else digits[:-precision] + "." + digits[-precision:]
    return ("-" + text) if x < 0 and whole else text


def ends(lo, hi, precision: int) -> tuple[str, str]:
    """An interval's ends as documented (docs/format.md): at the column's precision, with up to
    three more decimals while two different ends would show as one number."""
    for extra in range(4):
        a, b = fmt(lo, precision + extra), fmt(hi, precision + extra)
        if a != b or lo == hi or extra == 3:
            return a, b


def nonzero(value, precision: int) -> str:
    """A standard error as documented: up to three more decimals while it would show as zero."""
    for extra in range(4):
        text = fmt(value, precision + extra)
        if exact(text) != 0 or extra == 3:
            return text


def shown(report, model, bench) -> Fraction:
    return exact(fmt(model.scores[bench.name].value, report.decimals(bench)))  # at its column's precision


# --- units -------------------------------------------------------------------------------

def _range_scale(values):
    """1 (all in 0..1), 100 (all in 0..100) or None."""
    if values and all(0 <= v <= 1 for v in values):
        return 1
    if values and all(0 <= v <= 100 for v in values):
        return 100
    return None


_DECLARED = {"percent": ("percent", 100, "%", " points"), "%": ("percent", 100, "%", " points"),
             "fraction": ("fraction", 1, "", ""), "proportion": ("fraction", 1, "", ""),
             "points": ("points", None, " points", " points"), "elo": ("Elo", None, " Elo", " Elo"),
             "ms": ("ms", None, " ms", " ms"), "s": ("s", None, " s", " s"), "tokens/s": ("tokens/s", None, " tokens/s", " tokens/s")}
PERCENT = {"key": "percent", "scale": 100, "suffix": "%", "word": " points", "group": "percent"}
# Metrics that are no share of items, read in this checker's own way (words of the metric).
_NO_SHARE_WORDS = {"perplexity", "ppl", "bpb", "bpc", "loss", "nll", "mcc", "matthews", "pearson", "spearman", "kendall",
                   "correlation", "elo", "bleu", "sacrebleu", "chrf", "chrf++", "meteor", "ter", "latency", "ms",
                   "second", "seconds", "throughput", "entropy", "likelihood", "bpt"}


def _no_share(metric) -> bool:
    text = (metric or "").casefold()
    words = re.split(r"[^a-z0-9+]+", text)
    return ("bits per" in text.replace("_", " ") or "tokens/s" in text
            or any(w in _NO_SHARE_WORDS or w.endswith("perplexity") or w.startswith("rouge") for w in words))


def _own_unit(report, bench) -> dict:
    """A column's unit from its own declaration, values and metric (the axis title only
    beside values that fit it), before its neighbours are looked at."""
    if bench.unit:
        key = bench.unit.strip()
        k, scale, suffix, word = _DECLARED.get(key.casefold(), (key, None, " " + key, " " + key))
        return {"key": k, "scale": scale, "suffix": suffix, "word": word, "group": k}
    values = [m.scores[bench.name].value for m in report.models if bench.name in m.scores]
    says = lambda text: "%" in (text or "").casefold() or "percent" in (text or "").casefold()  # noqa: E731
    if not values:  # nobody scored it: only its metric's own "%" here; its neighbours, n or axis title in unit()
        return dict(PERCENT) if says(bench.metric) else {"key": "", "scale": None, "suffix": "", "word": "", "group": ""}
    scale = _range_scale(values)
    wide_axis = bool(report.y_range) and report.y_range[1] > 1
    if _no_share(bench.metric) and not says(bench.metric):
        return {"key": "", "scale": None, "suffix": "", "word": "", "group": ""}
    if scale == 1 and not says(bench.metric) and not wide_axis:
        return {"key": "fraction", "scale": 1, "suffix": "", "word": "", "group": "fraction"}
    if scale is not None and (says(bench.metric) or says(report.y_title) or bench.n):
        return dict(PERCENT)
    return {"key": "", "scale": None, "suffix": "", "word": "", "group": ""}


def unit(report, bench) -> dict:
    """{"key", "scale", "suffix", "word", "group"} for one benchmark: its own reading, then an
    unknown 0–100 column beside a percent column of its direction is percent unless its metric
    is no share, and unknown units share a group only when all unknown columns lie in one range."""
    own = {b.name: _own_unit(report, b) for b in report.benchmarks}
    mine = own[bench.name]
    if mine["key"]:
        return mine
    values = lambda b: [m.scores[b.name].value for m in report.models if b.name in m.scores]  # noqa: E731
    if not values(bench):  # an unscored column saying nothing: the one unit of the scored columns of its direction
        theirs = [unit(report, b) for b in report.benchmarks if values(b) and b.higher_is_better == bench.higher_is_better]
        if not _no_share(bench.metric) and len({u["group"] for u in theirs}) == 1:
            return dict(theirs[0])
        if not _no_share(bench.metric) and not theirs and (bench.n or "%" in (report.y_title or "") or "percent" in (report.y_title or "").casefold()):
            return dict(PERCENT)
        return {**mine, "group": ""}
    beside = any(own[b.name]["key"] == "percent" and b.higher_is_better == bench.higher_is_better for b in report.benchmarks)
    if beside and not _no_share(bench.metric) and _range_scale(values(bench)) == 100:
        return dict(PERCENT)
    unknown = [b for b in report.benchmarks if not own[b.name]["key"] and values(b)]
    ranges = {_range_scale(values(b)) for b in unknown}
    return {**mine, "group": "" if len(unknown) == 1 or (len(ranges) == 1 and None not in ranges) else "?" + bench.name}


def one_scale(report) -> bool:
    return (len({unit(report, b)["group"] for b in report.benchmarks}) == 1
            and len({b.higher_is_better for b in report.benchmarks}) == 1)


# --- intervals and tests ----------------------------------------------------------------

def wilson(p, n, z=Z):
    """Roots of (p − q)² = z²·q(1−q)/n: the Wilson interval as a quadratic in q."""
    a = 1 + z * z / n
    b = -(2 * p + z * z / n)
    c = p * p
    root = math.sqrt(max(b * b - 4 * a * c, 0.0))
    return max(0.0, (-b - root) / (2 * a)), min(1.0, (-b + root) / (2 * a))


def newcombe(p1, n1, p2, n2, z=Z):
    l1, u1 = wilson(p1, n1, z)
    l2, u2 = wilson(p2, n2, z)
    return p1 - p2 - math.hypot(p1 - l1, u2 - p2), p1 - p2 + math.hypot(u1 - p1, p2 - l2)


def fisher(x1, n1, x2, n2) -> float:
    k = x1 + x2
    if n1 + n2 <= 600:
        def prob(i):
            return Fraction(math.comb(n1, i) * math.comb(n2, k - i), math.comb(n1 + n2, k))
        observed = prob(x1)
        return float(sum(prob(i) for i in range(max(0, k - n2), min(n1, k) + 1) if prob(i) <= observed))
    def logp(i):
        return (math.lgamma(n1 + 1) - math.lgamma(i + 1) - math.lgamma(n1 - i + 1) + math.lgamma(n2 + 1) - math.lgamma(k - i + 1)
                - math.lgamma(n2 - k + i + 1) - math.lgamma(n1 + n2 + 1) + math.lgamma(k + 1) + math.lgamma(n1 + n2 - k + 1))
    observed = logp(x1)
    return min(1.0, sum(math.exp(logp(i)) for i in range(max(0, k - n2), min(n1, k) + 1) if logp(i) <= observed + 1e-7))


def known(report, bench, model):
    score = model.scores[bench.name]
    if score.stderr is not None and score.stderr > 0:
        return ("se", score.stderr)
    u = unit(report, bench)
    value = float(shown(report, model, bench))  # intervals and tests rest on the values as shown
    if bench.n and u["scale"] and 0 <= value <= u["scale"]:
        return ("p", value / u["scale"], bench.n, Fraction(1, 10 ** report.decimals(bench)) / Fraction(u["scale"]))
    return None


def _count(k):
    """The number of items the shown proportion is: the only k of n whose k/n rounds (half
    up, at the shown precision) to the shown value, else None (docs/observations.md)."""
    p, n, step = Fraction(k[1]).limit_denominator(10 ** 9), k[2], k[3]
    near = range(max(0, math.floor((p - step) * n)), min(n, math.ceil((p + step) * n)) + 1)
    fits = [c for c in near if p - step / 2 <= Fraction(c, n) < p + step / 2 or Fraction(c, n) == p]
    return fits[0] if len(fits) == 1 else None


def _interval(report, bench, a, b, z):
    ka, kb = known(report, bench, a), known(report, bench, b)
    if ka is None or kb is None:
        return None, None, None
    sign = 1 if bench.higher_is_better else -1
    scale = unit(report, bench)["scale"] or 1
    if ka[0] == kb[0] == "p":
        lo, hi = newcombe(ka[1], ka[2], kb[1], kb[2], z)
        lo, hi = (lo * scale, hi * scale) if sign > 0 else (-hi * scale, -lo * scale)
        counts = (_count(ka), _count(kb))
        exact_test = None not in counts and ka[2] + kb[2] <= 500  # the documented limit of Fisher's test
        return (lo, hi), ("fisher" if exact_test else "newcombe"), counts
    def se(k):
        if k[0] == "se":
            return k[1]
        lo, hi = wilson(k[1], k[2])
        return (hi - lo) / (2 * Z) * scale
    raw = sign * float(shown(report, a, bench) - shown(report, b, bench))
    half = z * math.sqrt(se(ka) ** 2 + se(kb) ** 2)
    return (raw - half, raw + half), "normal", None


def _holds(report, bench, a, b, z, alpha) -> bool:
    interval, method, counts = _interval(report, bench, a, b, z)
    if interval is None:
        return False
    if method == "fisher":
        return fisher(counts[0], bench.n, counts[1], bench.n) < alpha
    return interval[0] > 0


def tolerance_of(report):
    if not report.tolerance_declared:  # only a declared tolerance makes "practically equal"
        return None
    return exact(str(report.tolerance)) if len({unit(report, b)["group"] for b in report.benchmarks}) == 1 else None


def verdict(report, bench, x, y) -> dict:
    """What a careful reader concludes about x vs y on bench."""
    vx, vy = shown(report, x, bench), shown(report, y, bench)
    if vx != vy and ((vx > vy) != bench.higher_is_better):
        x, y, vx, vy = y, x, vy, vx
    gap = abs(vx - vy)
    out = {"a": x.name, "b": y.name, "gap": fmt(gap, report.decimals(bench)), "better": x.name if vx != vy else None,
           "method": None, "low": None, "high": None}
    interval, method, _ = _interval(report, bench, x, y, Z)
    if vx == vy:
        return {**out, "outcome": "equal"}
    if interval is None:
        tol = tolerance_of(report)
        raw = abs(exact(x.scores[bench.name].value) - exact(y.scores[bench.name].value))
        close = tol is not None and gap <= tol and raw <= tol
        return {**out, "outcome": "practically_equal" if close else "untested"}
    lo, hi = interval
    scale = unit(report, bench)["scale"]
    if scale:  # two proportions differ by at most the whole scale (the shown interval stops there)
        lo, hi = max(lo, -scale), min(hi, scale)
    p = report.decimals(bench)
    while p < report.decimals(bench) + 3 and (exact(fmt(lo, p)) == 0) != (lo == 0):
        p += 1  # the side of zero shown
    start = p
    while p < start + 3 and lo != hi and fmt(lo, p) == fmt(hi, p):
        p += 1  # and never one number for two different ends
    lead = _holds(report, bench, x, y, Z, 0.05)
    if method == "fisher" and (lo > 0) != lead:  # the row gives Fisher's p instead of a contradicting interval
        return {**out, "outcome": "lead" if lead else "within", "method": method, "low": None, "high": None}
    return {**out, "outcome": "lead" if lead else "within", "method": method, "low": fmt(lo, p), "high": fmt(hi, p)}


# --- the checks ---------------------------------------------------------------------------

def _model(report, name):
    return next(m for m in report.models if m.name == name)


def _bench(report, name):
    return next(b for b in report.benchmarks if b.name == name)


def claim(problems, ok: bool, message: str) -> None:
    TALLY["claims"] += 1
    if not ok:
        problems.append(message)


def check(report, analysis, text=None) -> list[str]:
    TALLY["reports"] += 1
    problems: list[str] = []
    verdicts = {}
    for v in analysis.comparisons:
        bench, a, b = _bench(report, v.benchmark), _model(report, v.a), _model(report, v.b)
        want = verdict(report, bench, a, b)
        verdicts[(v.benchmark, frozenset((v.a, v.b)))] = want
        for key, value in want.items():
            claim(problems, getattr(v, key) == value, f"comparison {v.benchmark} {v.a}/{v.b}: {key} is {getattr(v, key)!r}, data give {value!r}")
        if v.low is not None:  # a row never contradicts itself: its interval says what its verdict says
            claim(problems, (exact(v.low) > 0) == (v.outcome == "lead"),
                  f"comparison {v.benchmark} {v.a}/{v.b}: interval {v.low} to {v.high} beside {v.outcome}")
            claim(problems, exact(v.low) <= exact(v.gap) <= exact(v.high),
                  f"comparison {v.benchmark} {v.a}/{v.b}: gap {v.gap} outside its interval {v.low} to {v.high}")
    tested = [v for v in analysis.comparisons if verdicts[(v.benchmark, frozenset((v.a, v.b)))]["outcome"] in ("lead", "within")]
    alpha = 0.05 / max(len(tested), 1)
    z = -_inverse_normal(alpha / 2)
    claim(problems, abs(analysis.bonferroni_z - z) < 1e-6, f"Bonferroni z {analysis.bonferroni_z} but {len(tested)} tests give {z}")
    for v in analysis.comparisons:
        if v.outcome == "lead":
            bench, a, b = _bench(report, v.benchmark), _model(report, v.a), _model(report, v.b)
            claim(problems, v.bonferroni_lead == _holds(report, bench, a, b, z, alpha), f"Bonferroni verdict of {v.benchmark} {v.a}/{v.b} wrong")
    _check_winners(report, analysis, verdicts, problems)
    facts = {f.kind: f.as_dict() for f in analysis.facts}
    kinds = [f.kind for f in analysis.facts]
    for fact in (f.as_dict() for f in analysis.facts):
        kind = fact["kind"]
        if kind in ("highest", "lowest"):
            _check_extreme(report, fact, problems)
        elif kind == "leader":
            _check_leader(report, analysis, fact, verdicts, problems)
        elif kind in ("family_pair", "scale_pair"):
            _check_pair(report, fact, verdicts, problems)
        elif kind == "mean":
            _check_mean(report, fact, problems)
        elif kind == "missing":
            _check_missing(report, fact, problems)
        elif kind == "tied":
            _check_tied(report, fact, problems)
        elif kind == "scope":
            claim(problems, not one_scale(report), "scope: the benchmarks do share one unit and direction")
    claim(problems, ("scope" in kinds) == (len(report.benchmarks) > 1 and not one_scale(report)), "scope note present/absent wrongly")
    if not one_scale(report):
        claim(problems, not ({"highest", "lowest", "mean"} & set(kinds)) and analysis.consistency is None,
              "a cross-benchmark statement across units or directions")
    if analysis.consistency:
        _check_consistency(report, analysis.consistency, problems)
    orders = [_best(report, b) for b in report.benchmarks]
    all_level = not any(len(best) < len(scored) for best, scored in orders) and any(len(scored) >= 2 for _, scored in orders)
    claim(problems, ("tied" in kinds) == (all_level and len(report.models) >= 2), "tied observation present/absent wrongly")
    has_missing = any(b.name not in m.scores for m in report.models for b in report.benchmarks)
    claim(problems, has_missing == ("missing" in facts), "missing-data observation does not match the data")
    _check_cells(report, analysis, problems)
    if text is not None:
        problems += check_sentences(report, analysis, text, verdicts)
    return problems


def _inverse_normal(p: float) -> float:
    """Φ⁻¹ by bisection on erf: slow and obviously right."""
    lo, hi = -40.0, 40.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 0.5 * math.erfc(-mid / math.sqrt(2)) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _best(report, bench):
    scored = [m for m in report.models if bench.name in m.scores]
    if not scored:
        return [], []
    values = [shown(report, m, bench) for m in scored]
    top = max(values) if bench.higher_is_better else min(values)
    return [m.name for m, v in zip(scored, values) if v == top], scored


def _check_tied(report, fact, problems):
    """Said only when no benchmark has two different shown top-and-below values; names exactly
    the benchmarks on which two or more scored models all show one value."""
    level, contested = [], False
    for bench in report.benchmarks:
        best, scored = _best(report, bench)
        if len(best) < len(scored):
            contested = True
        elif len(scored) >= 2:
            level.append(bench.name)
    claim(problems, not contested and len(report.models) >= 2, "tied: a benchmark does order two models")
    claim(problems, [b["benchmark"] for b in fact["benchmarks"]] == level, f"tied: {fact['benchmarks']} but data give {level}")
    for b in fact["benchmarks"]:
        bench = _bench(report, b["benchmark"])
        values = {shown(report, m, bench) for m in report.models if bench.name in m.scores}
        claim(problems, len(values) == 1 and exact(b["display"]) in values, f"tied: {b['benchmark']} shows {values}, not {b['display']}")


def _check_winners(report, analysis, verdicts, problems):
    by_bench = {w["benchmark"]: w for w in analysis.winners}
    for bench in report.benchmarks:
        best, scored = _best(report, bench)
        if not scored:
            continue
        w = by_bench.get(bench.name)
        claim(problems, w is not None and w["best"] == best, f"winner {bench.name}: {w and w['best']} but data give {best}")
        rest = [m for m in scored if m.name not in best]
        if not rest or w is None:
            claim(problems, w is None or "runners_up" not in w, f"winner {bench.name}: a runner-up where all tie")
            continue
        values = [shown(report, m, bench) for m in rest]
        second = max(values) if bench.higher_is_better else min(values)
        runners = [m.name for m, v in zip(rest, values) if v == second]
        claim(problems, w.get("runners_up") == runners, f"winner {bench.name}: runners-up {w.get('runners_up')} but data give {runners}")
        outcomes = {verdict(report, bench, _model(report, x), _model(report, y))["outcome"] for x in best for y in runners}
        weakest = next((o for o in ("equal", "untested", "practically_equal", "within") if o in outcomes), "lead")
        claim(problems, w.get("status") == weakest, f"winner {bench.name}: status {w.get('status')} but the weakest verdict is {weakest}")


def _check_extreme(report, fact, problems):
    claim(problems, one_scale(report), f"{fact['kind']}: stated across different units or directions")
    scale = unit(report, _bench(report, fact["benchmark"]))["scale"]
    if "bound" in fact:  # only a bound that says something: inside a known range, never "above 0 ms"
        claim(problems, scale is not None and 0 < int(fact["bound"]) < scale, f"{fact['kind']}: vacuous bound {fact['bound']}")
    high = fact["kind"] == "highest"
    per_model = {}
    for m in report.models:
        values = {b.name: shown(report, m, b) for b in report.benchmarks if b.name in m.scores}
        if len(values) < 2 or len(set(values.values())) == 1:
            continue
        target = max(values.values()) if high else min(values.values())
        per_model[m.name] = [n for n, v in values.items() if v == target]
    agree = [m for m, names in per_model.items() if fact["benchmark"] in names]
    claim(problems, fact["agree"] == len(agree) and fact["models"] == len(per_model),
          f"{fact['kind']}: agree {fact['agree']}/{fact['models']}, data give {len(agree)}/{len(per_model)}")
    claim(problems, len(agree) * 2 > len(per_model), f"{fact['kind']}: not a majority")
    if "bound" in fact:
        values = [shown(report, _model(report, m), _bench(report, fact["benchmark"])) for m in agree]
        bound = Fraction(int(fact["bound"]))
        if high:
            ok = all(v > bound for v in values) if fact["bound_strict"] else all(v >= bound for v in values)
        else:
            ok = all(v < bound for v in values) if fact["bound_strict"] else all(v <= bound for v in values)
        claim(problems, ok, f"{fact['kind']}: bound {fact['bound']} is false")
        claim(problems, fact["suffix"] == unit(report, _bench(report, fact["benchmark"]))["suffix"], f"{fact['kind']}: wrong unit suffix")


def _check_leader(report, analysis, fact, verdicts, problems):
    counts, contested = {}, []
    for bench in report.benchmarks:
        best, scored = _best(report, bench)
        if len(scored) < 2 or len(best) == len(scored):
            continue
        contested.append(bench)
        for name in best:
            counts[name] = counts.get(name, 0) + 1
    top = max(counts.values())
    leaders = [m.name for m in report.models if counts.get(m.name) == top]
    claim(problems, fact["leaders"] == leaders and fact["count"] == top and fact["of"] == len(contested),
          f"leader: {fact['leaders']} {fact['count']}/{fact['of']} but data give {leaders} {top}/{len(contested)}")
    status = {w["benchmark"]: w.get("status") for w in analysis.winners}
    tied = [b.name for b in contested if set(leaders) & set(_best(report, b)[0]) and len(_best(report, b)[0]) > 1]
    mine = [b.name for b in contested if set(leaders) & set(_best(report, b)[0]) and b.name not in tied]
    # A shared top leads nobody: it is a tie, with the group's weakest verdict over the next model.
    group = {"lead": "tie_leads", "within": "tie_within", "untested": "tie_untested", "practically_equal": "tie_untested"}
    for key in ("tie_leads", "tie_within", "tie_untested"):
        claim(problems, sorted(fact[key]) == sorted(b for b in tied if group[status[b]] == key), f"leader: {key} do not match the verdicts")
    claim(problems, sorted(fact["leads"]) == sorted(b for b in mine if status[b] == "lead"), "leader: leads do not match the verdicts")
    claim(problems, sorted(fact["within"]) == sorted(b for b in mine if status[b] == "within"), "leader: within do not match the verdicts")
    claim(problems, sorted(fact["untested"]) == sorted(b for b in mine if status[b] in ("untested", "practically_equal")), "leader: untested do not match")


def size(text):
    """(total, is_mixture) in billions as a Fraction, or None; independent of the generator."""
    if not text:
        return None
    t = " ".join(str(text).split()).lower()
    mult = {"k": Fraction(1, 10**6), "m": Fraction(1, 1000), "b": Fraction(1), "t": Fraction(1000), "": Fraction(1)}
    number = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([kmbt]?)"
    def val(g):
        return Fraction(Decimal(g[0].replace(",", "") + (g[1] or ""))) * mult[g[2]]
    m = re.fullmatch(number, t)
    if m:
        return (val(m.groups()), False, None)
    m = re.fullmatch(number + r"\s*[-_ ]\s*a\s*" + number, t)
    if m:
        return (val(m.groups()[:3]), True, val(m.groups()[3:]))
    active = re.search(number + r"\s*active", t)
    active = val(active.groups()) if active else None
    experts = re.match(r"^(\d+)\s*[x×]\s*" + number, t)
    if experts:
        total = re.search(number + r"\s*total", t)
        if total:
            return (val(total.groups()), True, active)
        return (None, True, (int(experts.group(1)), val(experts.groups()[1:])))
    m = re.match(number + r"\s*\(", t)
    if m and active is not None:
        return (val(m.groups()), True, active)
    return "unknown"


def _check_pair(report, fact, verdicts, problems):
    a, b = _model(report, fact["a"]), _model(report, fact["b"])
    sa, sb = size(a.params), size(b.params)
    if fact["kind"] == "family_pair":
        claim(problems, a.family and b.family and a.family != b.family, "family_pair: families do not differ")
        claim(problems, sa not in (None, "unknown") and sa == sb, f"family_pair: sizes {a.params}/{b.params} are not equal numbers")
    else:
        claim(problems, a.family and a.family == b.family, "scale_pair: not one family as the content states")
        claim(problems, sa not in (None, "unknown") and sb not in (None, "unknown") and None not in (sa[0], sb[0]) and sa[0] < sb[0],
              f"scale_pair: sizes {a.params}/{b.params} are not ordered numbers, smaller first")
    shared = [bn for bn in report.benchmarks if bn.name in a.scores and bn.name in b.scores]
    want = {bn.name: verdict(report, bn, a, b) for bn in shared}
    higher = lambda name: [n for n, v in want.items() if v["better"] == name]  # noqa: E731
    claim(problems, fact["a_higher"] == higher(a.name) and fact["b_higher"] == higher(b.name), f"{fact['kind']}: direction lists wrong")
    claim(problems, sorted(x["benchmark"] for x in fact["leads"]) == sorted(n for n, v in want.items() if v["outcome"] == "lead"), f"{fact['kind']}: leads wrong")
    claim(problems, sorted(fact["within"]) == sorted(n for n, v in want.items() if v["outcome"] == "within"), f"{fact['kind']}: within wrong")
    claim(problems, sorted(fact["untested"]) == sorted(n for n, v in want.items() if v["outcome"] in ("untested", "practically_equal")), f"{fact['kind']}: untested wrong")
    unequal = [(n, v) for n, v in want.items() if v["better"]]
    if len({unit(report, _bench(report, n))["group"] for n, _ in unequal}) > 1:
        claim(problems, fact["smallest_gap"] is None and fact["largest_gap"] is None, f"{fact['kind']}: gaps ranked across units")
    elif unequal:
        gaps = [exact(v["gap"]) for _, v in unequal]
        claim(problems, exact(fact["smallest_gap"]) == min(gaps) and exact(fact["largest_gap"]) == max(gaps), f"{fact['kind']}: smallest/largest gap wrong")


def _check_mean(report, fact, problems):
    claim(problems, one_scale(report) and report.benchmarks[0].higher_is_better, "mean across units or directions")
    complete = [m for m in report.models if all(b.name in m.scores for b in report.benchmarks)]
    means = {m.name: sum(shown(report, m, b) for b in report.benchmarks) / len(report.benchmarks) for m in complete}
    precision = report.decimals_over(report.benchmarks)  # a mean: the most decimals of its columns
    display = {n: fmt(v, precision) for n, v in means.items()}
    top = max(exact(v) for v in display.values())
    claim(problems, fact["best"] == [n for n, v in display.items() if exact(v) == top] and fact["mean"] == fmt(top, precision),
          f"mean: {fact['best']} {fact['mean']} but data give {display}")
    if "next" in fact:
        # Every model at the runner-up mean is named; the stated gap is the difference of the
        # two shown means (a reader can check it by hand).
        second = max(exact(v) for n, v in display.items() if n not in fact["best"])
        claim(problems, fact["next"] == [n for n, v in display.items() if exact(v) == second],
              f"mean: runners-up {fact['next']} but data give {display}")
        claim(problems, exact(fact["difference"]) == top - second and exact(fact["next_mean"]) == second,
              f"mean: gap {fact['difference']} is not {top} − {second}")
        verdicts = [_mean_pair(report, a, b, float(top - second)) for a in fact["best"] for b in fact["next"]]
        if None in verdicts:
            claim(problems, fact["outcome"] == "untested", "mean: called tested without every uncertainty")
        else:
            claim(problems, fact["outcome"] == ("lead" if all(verdicts) else "within"), "mean: verdict wrong")


def _mean_pair(report, a, b, gap):
    """Whether a's mean leads b's beyond the uncertainty (None: untested)."""
    ses = []
    for bench in report.benchmarks:
        for name in (a, b):
            k = known(report, bench, _model(report, name))
            if k is None:
                return None
            if k[0] == "se":
                ses.append(k[1])
            else:
                lo, hi = wilson(k[1], k[2])
                ses.append((hi - lo) / (2 * Z) * unit(report, bench)["scale"])
    half = Z * math.sqrt(sum(s * s for s in ses)) / len(report.benchmarks)
    return gap - half > 0  # around the shown gap


def _check_missing(report, fact, problems):
    want = [{"model": m.name, "benchmarks": [b.name for b in report.benchmarks if b.name not in m.scores]}
            for m in report.models if any(b.name not in m.scores for b in report.benchmarks)]
    claim(problems, fact["count"] == len(want) and (not fact["models"] or fact["models"] == want), "missing: wrong list")
    higher = [b for b in report.benchmarks if b.higher_is_better]
    mean_shown = bool(higher) and len({unit(report, b)["group"] for b in higher}) == 1  # one unit, or no Mean
    claim(problems, bool(fact["mean_over"]) == mean_shown, "missing: describes a Mean the table does not show")


def _ranks(values, higher):
    ranks = []
    for v in values:
        better = sum(1 for w in values if (w > v if higher else w < v))
        same = sum(1 for w in values if w == v)
        ranks.append(Fraction(2 * better + same + 1, 2))
    return ranks


def _check_consistency(report, fact, problems):
    claim(problems, one_scale(report), "consistency across units or directions")
    complete = [m for m in report.models if all(b.name in m.scores for b in report.benchmarks)]
    rankings = [_ranks([shown(report, m, b) for m in complete], b.higher_is_better) for b in report.benchmarks]
    rankings = [r for r in rankings if len(set(r)) > 1]
    m, n = len(rankings), len(complete)
    sums = [sum(r[i] for r in rankings) for i in range(n)]
    s = sum((x - Fraction(m * (n + 1), 2)) ** 2 for x in sums)
    ties = sum(sum(c**3 - c for c in Counter(r).values()) for r in rankings)
    w = 12 * s / (m * m * (n**3 - n) - m * ties)
    claim(problems, fact["w"] == fmt(w, 2), f"consistency: W {fact['w']} but data give {fmt(w, 2)} (exactly {w})")


def _check_cells(report, analysis, problems):
    """Every bar's interval (whisker and table) and every rank class in the table."""
    for bench in report.benchmarks:
        u = unit(report, bench)
        scored = [m for m in report.models if bench.name in m.scores]
        for model in scored:
            k = known(report, bench, model)
            got = analysis.intervals.get((model.name, bench.name))
            if k is None:
                claim(problems, got is None, f"interval on {model.name}/{bench.name} without a known uncertainty")
                continue
            if k[0] == "se":
                centre = float(shown(report, model, bench))
                lo, hi = centre - Z * k[1], centre + Z * k[1]
                if u["scale"]:  # a proportion's interval stops at 0 and the whole scale
                    lo, hi = max(lo, 0.0), min(hi, u["scale"])
            else:
                lo, hi = (x * u["scale"] for x in wilson(k[1], k[2]))
            text = "\u2013".join(ends(lo, hi, report.decimals(bench)))
            claim(problems, got is not None and got.text == text, f"interval on {model.name}/{bench.name}: {got and got.text} but data give {text}")
        if len(scored) > 60:
            continue  # beyond 60 models, ranks follow the shown values only (documented)
        vals = [shown(report, m, bench) for m in scored]

        def beats(i, j):
            if not (vals[i] > vals[j] if bench.higher_is_better else vals[i] < vals[j]):
                return False
            return verdict(report, bench, scored[i], scored[j])["outcome"] == "lead"  # untested orders nothing

        for i, model in enumerate(scored):
            best = 1 + sum(1 for j in range(len(scored)) if j != i and beats(j, i))
            worst = len(scored) - sum(1 for j in range(len(scored)) if j != i and beats(i, j))
            want = str(best) if best == worst else f"{best}\u2013{worst}"
            claim(problems, analysis.ranks[bench.name][model.name] == want, f"rank of {model.name} on {bench.name}: {analysis.ranks[bench.name][model.name]} but data give {want}")


# --- sentences ----------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?")


def allowed_numbers(report, analysis) -> set[str]:
    allowed = {"0", "1", "95", "1.96", str(report.tolerance)}
    allowed |= {str(i) for i in range(0, max(len(report.models), len(report.benchmarks)) + 2)}
    for bench in report.benchmarks:
        if bench.n:
            allowed.add(str(bench.n))
        scored = [m for m in report.models if bench.name in m.scores]
        for m in scored:
            v = shown(report, m, bench)
            allowed |= {fmt(v, report.decimals(bench)), str(math.floor(v)), str(math.ceil(v))}
        for i, a in enumerate(scored):
            for b in scored[i + 1:]:
                allowed.add(fmt(abs(shown(report, a, bench) - shown(report, b, bench)), report.decimals(bench)))
    complete = [m for m in report.models if all(b.name in m.scores for b in report.benchmarks)]
    means = {m.name: sum(shown(report, m, b) for b in report.benchmarks) / len(report.benchmarks) for m in complete} if report.benchmarks else {}
    mean_precision = report.decimals_over(report.benchmarks)  # a mean: the most decimals of its columns
    allowed |= {fmt(v, mean_precision) for v in means.values()}
    shown_means = {fmt(v, mean_precision) for v in means.values()}
    allowed |= {fmt(exact(a) - exact(b), mean_precision) for a in shown_means for b in shown_means}
    for m in report.models:
        if m.params:
            allowed |= set(_NUMBER.findall(m.params))
    return allowed


def _names_in(sentence: str, names: list[str], after: str) -> list[str]:
    """Names listed right after a phrase such as "within the uncertainty on "."""
    if after not in sentence:
        return []
    rest = sentence.split(after, 1)[1]
    return [n for n in names if re.match(rf"(?:[^;.]*?(?:, | and )?){re.escape(n)}(?=[,;. ]| and|$)", rest) and n in rest.split(";")[0]]


def check_sentences(report, analysis, text, verdicts) -> list[str]:
    problems = []
    allowed = allowed_numbers(report, analysis)
    names = sorted({m.name for m in report.models} | {b.name for b in report.benchmarks}
                   | {m.family for m in report.models if m.family} | {m.params for m in report.models if m.params}, key=len, reverse=True)
    bench_names = [b.name for b in report.benchmarks]
    for observation in text.observations:
        TALLY["sentences"] += 1
        sentence, fact = observation.text, observation.fact
        stripped = sentence
        for name in names:
            stripped = stripped.replace(name, " ")
        for number in _NUMBER.findall(stripped):
            claim(problems, number.lstrip("+") in allowed, f"{fact['kind']}: number {number} in {sentence!r} is not derivable from the data")
        # Words of evidence only with a re-derived lead behind them.
        leads = []
        if fact["kind"] == "leader":
            leads = fact["leads"] + fact["tie_leads"]
            for b in fact["shared"]:  # a tied top is never called one model's lead
                claim(problems, not re.search(rf"\blead\b[^.;]*\b{re.escape(b)}\b", sentence.split(" On ")[0]),
                      f"leader: a lead stated on the tied {b}: {sentence!r}")
        elif fact["kind"] in ("family_pair", "scale_pair"):
            leads = [x["benchmark"] for x in fact["leads"]]
        elif fact["kind"] == "mean":
            leads = ["mean"] if fact.get("outcome") == "lead" else []
        evidence = EVIDENCE.search(stripped)
        claim(problems, bool(evidence) == bool(leads), f"{fact['kind']}: evidence words {evidence and evidence.group()!r} but re-derived leads {leads}: {sentence!r}")
        if leads and fact["kind"] != "mean":
            said = _names_in(sentence, bench_names, "a lead beyond the uncertainty on ")
            if fact["kind"] == "leader":
                leads = fact["leads"]
            claim(problems, sorted(said) == sorted(leads), f"{fact['kind']}: leads said {said}, data give {leads}: {sentence!r}")
        for phrase, key in (("within the uncertainty on ", "within"), ("untested on ", "untested")):
            listed = fact.get(key) or []
            if phrase in sentence and len(listed) <= 3:
                said = _names_in(sentence, bench_names, phrase)
                claim(problems, sorted(said) == sorted(listed), f"{fact['kind']}: {key} said {said}, data give {listed}: {sentence!r}")
        if fact["kind"] in ("family_pair", "scale_pair"):  # a pair sentence names both models
            claim(problems, fact["a"] in sentence and fact["b"] in sentence, f"{fact['kind']}: a model not named: {sentence!r}")
        if fact["kind"] in ("family_pair", "scale_pair") and fact.get("smallest_gap") and fact["smallest_gap"] != fact["largest_gap"]:
            a, b = _model(report, fact["a"]), _model(report, fact["b"])
            gaps = {bn.name: verdict(report, bn, a, b)["gap"] for bn in report.benchmarks if bn.name in a.scores and bn.name in b.scores}
            unequal = {n: exact(g) for n, g in gaps.items() if exact(g) != 0}
            low, high = min(unequal.values()), max(unequal.values())
            first = [n for n, g in unequal.items() if g == low]
            last = [n for n, g in unequal.items() if g == high]
            word = " point" if fact["gap_word"] == " points" and gaps[first[0]] == "1" else fact["gap_word"]  # "1 point", "2 points"
            claim(problems, f"by {gaps[first[0]]}{word} ({first[0]}" in sentence  # each gap at its column's precision
                  and f"to {gaps[last[0]]} ({last[0]}" in sentence, f"{fact['kind']}: pair gap range misstated: {sentence!r}")
        # Units: "%" only after percent values, "points" only for percent or points.
        if fact["kind"] == "tied":  # each shared score with its own unit: % exactly on percent columns, read
            # beside its benchmark's name ("0% on B2", "on B2 (0%)"): "0%" of one column is no "0" of another
            def with_percent(b) -> bool:
                d, n = b["display"], b["benchmark"]
                return (f"{d}% on {n}" in sentence or f"on {n} ({d}%)" in sentence  # (stripped has no names)
                        or f"on {n} show the same score ({d}%)" in sentence)  # tied.txt's "the 2 models scored on B0 show ..."
            claim(problems, all(with_percent(b) == (unit(report, _bench(report, b["benchmark"]))["key"] == "percent")
                                for b in fact["benchmarks"]), f"tied: a value's unit misstated: {sentence!r}")

            def with_points(b) -> bool:  # the same for a column in points ("0 on B0, 0 points on B1")
                d, n = b["display"], b["benchmark"]
                return (f"{d} points on {n}" in sentence or f"on {n} ({d} points)" in sentence
                        or f"on {n} show the same score ({d} points)" in sentence)
            claim(problems, all(with_points(b) == (unit(report, _bench(report, b["benchmark"]))["key"] == "points")
                                for b in fact["benchmarks"]), f"tied: a value's unit misstated: {sentence!r}")
        elif "%" in stripped:
            claim(problems, fact["kind"] in ("highest", "lowest", "mean") and all(unit(report, b)["key"] == "percent" for b in report.benchmarks),
                  f"{fact['kind']}: % printed for a benchmark not in percent: {sentence!r}")
        if " points" in stripped and fact["kind"] == "scope":  # it names units: "points" must be one of them
            claim(problems, any(unit(report, b)["key"] == "points" for b in report.benchmarks),
                  f"scope: 'points' named as a unit no benchmark has: {sentence!r}")
        elif " points" in stripped and fact["kind"] != "tied":  # (tied: each value's own unit, checked above)
            claim(problems, all(unit(report, b)["word"] == " points" for b in report.benchmarks if b.name in sentence) or fact.get("gap_word") == " points",
                  f"{fact['kind']}: 'points' for a unit that is not points: {sentence!r}")
        if re.search(r"\b(highest|lowest)-scoring\b", stripped):  # "highest" only where higher is better
            claim(problems, fact["kind"] in ("highest", "lowest") and fact["higher_is_better"], f"{fact['kind']}: 'highest-scoring' where lower is better: {sentence!r}")
        if fact["kind"] in ("highest", "lowest") and not fact["higher_is_better"]:
            claim(problems, ("worst" if fact["kind"] == "highest" else "best") in stripped, f"{fact['kind']}: not called worst/best by direction: {sentence!r}")
        if re.search(r"\bhigher\b", stripped) and fact["kind"] in ("family_pair", "scale_pair"):
            claim(problems, all(b.higher_is_better for b in report.benchmarks), f"{fact['kind']}: 'higher' where lower is better: {sentence!r}")
        claim(problems, not re.search(r"[a-z)][.;:,][A-Za-z(]", stripped), f"{fact['kind']}: no space after punctuation in {sentence!r}")
        claim(problems, not re.search(r"\ball [012]\b", stripped), f"{fact['kind']}: 'all' with a count of two or fewer in {sentence!r}")
    # Interpretation: evidence words only when a re-derived winner verdict is a lead.
    TALLY["sentences"] += 1
    leads_anywhere = any(w.get("status") == "lead" for w in analysis.winners)
    stated = EVIDENCE.search(text.interpretation)
    claim(problems, not stated or leads_anywhere, f"interpretation: evidence words {stated and stated.group()!r} without a lead")
    # Methods: the Bonferroni count is over the table's own verdicts.
    TALLY["sentences"] += 1
    match = re.search(r"(\d+) comparisons in the table have a known uncertainty; .*? would keep (\d+) of their (\d+) lead", text.methods)
    tested = [v for v in verdicts.values() if v["outcome"] in ("lead", "within")]
    leads = [k for k, v in verdicts.items() if v["outcome"] == "lead"]
    if match:
        alpha = 0.05 / len(tested)
        z = -_inverse_normal(alpha / 2)
        kept = sum(1 for (bench, pair) in leads if _holds(report, _bench(report, bench), *[_model(report, n) for n in
                   sorted(pair, key=lambda n: -1 if verdicts[(bench, pair)]["a"] == n else 1)], z, alpha))
        claim(problems, (int(match.group(1)), int(match.group(2)), int(match.group(3))) == (len(tested), kept, len(leads)),
              f"methods: Bonferroni note {match.groups()} but the table gives {len(tested)}, {kept}, {len(leads)}")
    else:
        claim(problems, not leads or len(tested) < 2, "methods: leads in the table but no Bonferroni note")
    # Methods: the rank column's own tests (every pair of different shown scores, up to 60 a
    # column), counted and corrected as a family of their own.
    TALLY["sentences"] += 1
    rank_verdicts = []
    for bench in report.benchmarks:
        scored = [m for m in report.models if bench.name in m.scores]
        if len(scored) > 60:
            continue
        for i, x in enumerate(scored):
            for y in scored[i + 1:]:
                if shown(report, x, bench) != shown(report, y, bench):
                    rank_verdicts.append((bench, x, y, verdict(report, bench, x, y)))
    rank_tested = [r for r in rank_verdicts if r[3]["outcome"] in ("lead", "within")]
    rank_leads = [r for r in rank_tested if r[3]["outcome"] == "lead"]
    match = re.search(r"The rank column rests on (\d+) tests? of a pair of scores with a known uncertainty, each at the 95% level"
                      r"(?: and not corrected for multiple comparisons(?:: a Bonferroni correction over them would keep (\d+) of their (\d+) leads?)?)?\.",
                      text.methods)
    claim(problems, bool(match) == bool(rank_leads), f"methods: rank tests note {bool(match)} but {len(rank_leads)} rank leads")
    if match:
        claim(problems, int(match.group(1)) == len(rank_tested), f"methods: {match.group(1)} rank tests, the data give {len(rank_tested)}")
        from benchboard.analyse.report import MAX_CORRECTED_RANK_LEADS  # a policy: past it no correction is given

        claim(problems, (match.group(2) is None) == (len(rank_tested) < 2 or len(rank_leads) > MAX_CORRECTED_RANK_LEADS),
              f"methods: rank correction given or left out wrongly ({len(rank_leads)} leads)")
        if match.group(2) is not None:
            alpha = 0.05 / len(rank_tested)
            z = -_inverse_normal(alpha / 2)
            kept = sum(1 for bench, x, y, v in rank_leads
                       if _holds(report, bench, *((x, y) if v["a"] == x.name else (y, x)), z, alpha))
            claim(problems, (match.group(2), match.group(3)) == (str(kept), str(len(rank_leads))),
                  f"methods: rank Bonferroni {match.groups()} but the data give {kept} of {len(rank_leads)}")
    # Methods: units declared or inferred as the content has them; a tolerance only when declared.
    units_note = re.search(r"Units?: ([^.]*(?:\(0–1\))?[^.]*)\.", text.methods).group(1)
    declared = [b.name for b in report.benchmarks if b.unit]
    claim(problems, ("declared" in units_note) == bool(declared) and ("inferred" in units_note) == (len(declared) < len(report.benchmarks)),
          f"methods: units note {units_note!r} but declared units on {declared}")
    claim(problems, ("tolerance declared" in text.methods) == (tolerance_of(report) is not None
                                                                and any(v["outcome"] == "practically_equal" for v in verdicts.values())),
          f"methods: tolerance named but none declared (or the reverse): {text.methods!r}")
    for row in text.comparisons:
        TALLY["table rows"] += 1
        want = verdicts[(row["benchmark"], frozenset((row["a"], row["b"])))]
        claim(problems, row["outcome"] == want["outcome"] and row["gap"] == want["gap"], f"table row {row['benchmark']} {row['a']}/{row['b']} disagrees with the data")
    for (model, bench), cell in text.cells.items():
        got = analysis.intervals.get((model, bench))
        claim(problems, cell["interval"] == (got.text if got else None), f"table cell {model}/{bench}: interval differs from the chart's")
    return problems


# --- the site: boards, compare panels, model pages, benchmark pages -------------------------
# Each is re-derived from the raw scores with the checks above (units, intervals, verdicts), in
# this module's own code, then compared with what the generator put on the page.

def _key(model) -> str:
    return model.canonical or model.name


def _score_se(report, bench, model):
    k = known(report, bench, model)
    if k is None:
        return None
    if k[0] == "se":
        return k[1]
    lo, hi = wilson(k[1], k[2])
    return (hi - lo) / (2 * Z) * unit(report, bench)["scale"]


def own_interval(report, bench, model):
    """A score's 95% interval (low, high) as floats, or None: Wilson from n, else ±Z·stderr."""
    k = known(report, bench, model)
    if k is None:
        return None
    if k[0] == "se":
        value = float(shown(report, model, bench))
        scale = unit(report, bench)["scale"]  # a proportion's interval stops at 0 and the whole scale
        low, high = value - Z * k[1], value + Z * k[1]
        return (max(low, 0.0), min(high, scale)) if scale else (low, high)
    return tuple(x * unit(report, bench)["scale"] for x in wilson(k[1], k[2]))


def board_truth(board) -> dict:
    """Re-derived board: {"aggregate": {key: shown}, "ranked": [keys], "rank": {key: text},
    "letter": fn(key_a, key_b) -> the aggregate's verdict letter}; None ranks when the board is
    too large for pairwise verdicts (then only the aggregates are re-derived)."""
    columns = [(c.report, c.benchmark) for c in board.columns]
    at: dict[str, dict[int, object]] = {}
    for i, (report, bench) in enumerate(columns):
        for model in report.models:
            at.setdefault(_key(model), {})[i] = model
    has = lambda key, i: i in at[key] and columns[i][1].name in at[key][i].scores  # noqa: E731
    full = [k for k in at if columns and all(has(k, i) for i in range(len(columns)))]
    ranked = full if len(full) >= 2 else []
    precision = max((r.decimals(b) for r, b in columns), default=1)
    value: dict[str, Fraction] = {}
    if board.aggregate == "mean":
        for key in at:
            present = [shown(columns[i][0], at[key][i], columns[i][1]) for i in range(len(columns)) if has(key, i)]
            if present:
                value[key] = sum(present) / len(present)
        aggregate = {k: fmt(v, precision) for k, v in value.items()}
    else:
        n = len(ranked)
        for key in ranked:
            total = Fraction(0)
            for i, (report, bench) in enumerate(columns):
                mine = shown(report, at[key][i], bench)
                for other in ranked:
                    if other != key:
                        theirs = shown(report, at[other][i], bench)
                        total += Fraction(1, 2) if mine == theirs else Fraction(int((mine > theirs) == bench.higher_is_better))
            value[key] = 100 * total / ((n - 1) * len(columns))
        aggregate = {k: fmt(v, 1) for k, v in value.items()}
    higher = board.higher_is_better

    def lead_of(i, key_a, key_b):
        """The better key if the report's verdict on column i is a lead, else None."""
        report, bench = columns[i]
        v = verdict(report, bench, at[key_a][i], at[key_b][i])
        if v["outcome"] != "lead":
            return None
        return key_a if v["a"] == at[key_a][i].name else key_b

    bounds = {}
    if board.aggregate != "mean" and len(columns) > 1 and 2 <= len(ranked) <= 200:
        n = len(ranked)
        for key in ranked:
            won = lost = 0
            for i in range(len(columns)):
                for other in ranked:
                    if other != key:
                        winner = lead_of(i, key, other)
                        won += winner == key
                        lost += winner == other
            bounds[key] = (Fraction(100 * won, (n - 1) * len(columns)), 100 - Fraction(100 * lost, (n - 1) * len(columns)))
    errors = {}
    if board.aggregate == "mean" and len(columns) > 1:
        for key in ranked:
            ses = [_score_se(columns[i][0], columns[i][1], at[key][i]) for i in range(len(columns))]
            errors[key] = None if None in ses else math.sqrt(sum(s * s for s in ses)) / len(columns)

    def outcome(a, b):
        """("lead", better) / ("within" | "untested" | "equal", None) on the aggregates."""
        if aggregate[a] == aggregate[b]:
            return "equal", None
        better = a if (exact(aggregate[a]) > exact(aggregate[b])) == higher else b
        if len(columns) == 1:  # one column: the report's own verdict, whatever the aggregate
            v = verdict(columns[0][0], columns[0][1], at[a][0], at[b][0])
            if v["outcome"] == "lead":
                return "lead", (a if v["a"] == at[a][0].name else b)
            return ("untested" if v["outcome"] == "practically_equal" else v["outcome"]), None
        if board.aggregate == "mean":
            if errors[a] is None or errors[b] is None:
                return "untested", None
            gap = abs(float(exact(aggregate[a]) - exact(aggregate[b])))  # the shown means
            return ("lead", better) if gap > Z * math.hypot(errors[a], errors[b]) else ("within", None)
        if bounds[a][0] > bounds[b][1]:
            return "lead", a
        if bounds[b][0] > bounds[a][1]:
            return "lead", b
        return ("within" if all(bounds[k] != (0, 100) for k in (a, b)) else "untested"), None

    too_large = (len(columns) == 1 and len(ranked) > 60) or len(ranked) > 200
    rank = None
    if not too_large:
        beats = {(a, b) for a in ranked for b in ranked if a != b and outcome(a, b) == ("lead", a)}
        n = len(ranked)
        rank = {}
        for key in ranked:
            best = 1 + sum(1 for other in ranked if (other, key) in beats)
            worst = n - sum(1 for other in ranked if (key, other) in beats)
            rank[key] = str(best) if best == worst else f"{best}\u2013{worst}"

    def letter(a, b):
        if a not in ranked or b not in ranked:
            return "n"
        found, better = outcome(a, b)
        if found == "lead":
            return "a" if better == a else "b"
        return {"equal": "t", "within": "w", "untested": "u"}[found]

    return {"aggregate": aggregate, "ranked": ranked, "rank": rank, "letter": letter, "at": at, "columns": columns}


def check_board(board) -> list[str]:
    """Every row's aggregate and rank (tie class) re-derived from the raw scores."""
    problems: list[str] = []
    truth = board_truth(board)
    for row in board.rows:
        want = truth["aggregate"].get(row.name)
        if want is not None:
            claim(problems, row.aggregate.display == want, f"board {board.title}: {row.name}'s aggregate {row.aggregate.display}, data give {want}")
        claim(problems, row.ranked == (row.name in truth["ranked"]), f"board {board.title}: {row.name} ranked wrongly")
        if truth["rank"] is not None and row.ranked:
            claim(problems, row.rank == truth["rank"][row.name], f"board {board.title}: {row.name} ranked {row.rank}, data give {truth['rank'][row.name]}")
        for i, cell in enumerate(row.cells):
            model = truth["at"][row.name].get(i)
            report, bench = truth["columns"][i]
            score = model.scores.get(bench.name) if model is not None else None
            if score is not None:
                claim(problems, cell.display == fmt(score.value, report.decimals(bench)), f"board {board.title}: {row.name} cell {cell.display}")
                want_se = nonzero(score.stderr, report.decimals(bench)) if score.stderr else None
                claim(problems, cell.stderr == want_se, f"board {board.title}: {row.name} stderr shown {cell.stderr!r}, data give {want_se!r}")
    TALLY["boards"] += 1
    return problems


def check_compare_panel(board, data: dict) -> list[str]:
    """The board's compare panel (board.js page data): shown values, intervals, and the letter
    of every pair on every column and on the aggregate, re-derived."""
    problems: list[str] = []
    truth = board_truth(board)
    keys = [row["name"] for row in data["rows"]]
    claim(problems, keys == [r.name for r in board.rows], f"panel {board.title}: rows not in board order")
    for row in data["rows"]:
        for i, (report, bench) in enumerate(truth["columns"]):
            model = truth["at"][row["name"]].get(i)
            score = model.scores.get(bench.name) if model is not None else None
            claim(problems, row["d"][i] == (fmt(score.value, report.decimals(bench)) if score else None), f"panel {board.title}: {row['name']} value")
            want = own_interval(report, bench, model) if score else None
            got = None if row["lo"][i] is None else (row["lo"][i], row["hi"][i])
            claim(problems, (want is None) == (got is None) and (want is None or max(abs(want[0] - got[0]), abs(want[1] - got[1])) < 1e-5),
                  f"panel {board.title}: {row['name']} interval {got}, data give {want}")
    if data.get("pairs") is None:
        return problems
    n = len(keys)
    for i in range(n):
        for j in range(i + 1, n):
            at = i * (2 * n - i - 1) // 2 + (j - i - 1)
            a, b = keys[i], keys[j]
            for k, (report, bench) in enumerate(truth["columns"]):
                ma, mb = truth["at"][a].get(k), truth["at"][b].get(k)
                if ma is None or mb is None or bench.name not in ma.scores or bench.name not in mb.scores:
                    want = "n"
                else:
                    v = verdict(report, bench, ma, mb)
                    want = {"equal": "t", "within": "w", "untested": "u", "practically_equal": "u"}.get(v["outcome"]) or ("a" if v["a"] == ma.name else "b")
                claim(problems, data["pairs"][k][at] == want, f"panel {board.title}: {a} vs {b} on {bench.name}: {data['pairs'][k][at]}, data give {want}")
            if truth["rank"] is not None:
                want = truth["letter"](a, b)
                claim(problems, data["pairs"][-1][at] == want, f"panel {board.title}: {a} vs {b} aggregate {data['pairs'][-1][at]}, data give {want}")
    TALLY["panels"] += 1
    return problems


def _unit_name(u: dict) -> str:
    return {"percent": "percent", "fraction": "fraction (0–1)", "": "no stated unit"}.get(u["key"], u["key"]) if not u["group"].startswith("?") else f"no stated unit ({u['group'][1:]})"


def check_model_pages(site, boards, pages) -> list[str]:
    """Every model page: each rank line is the re-derived class on that board; every score of the
    model on the site is listed, with its re-derived interval."""
    problems: list[str] = []
    truths = {id(b): board_truth(b) for b in boards}
    for page in pages:
        for board, row in page.boards:
            truth = truths[id(board)]
            if truth["rank"] is not None and row.ranked:
                claim(problems, row.rank == truth["rank"][page.name], f"model page {page.name}: rank {row.rank} on {board.title}, data give {truth['rank'][page.name]}")
        want = {(r.slug, b.name) for r in site.reports for m in r.models if _key(m) == page.name for b in r.benchmarks if b.name in m.scores}
        got = {(e.report.slug, e.benchmark.name) for e in page.entries}
        claim(problems, got == want, f"model page {page.name}: scores {sorted(got ^ want)} missing or extra")
        for e in page.entries:
            k = own_interval(e.report, e.benchmark, e.model)
            want_interval = None if k is None else ends(k[0], k[1], e.report.decimals(e.benchmark))
            claim(problems, e.interval == want_interval, f"model page {page.name}: interval on {e.benchmark.name} {e.interval}, data give {want_interval}")
            claim(problems, e.unit == _unit_name(unit(e.report, e.benchmark)), f"model page {page.name}: unit {e.unit!r} on {e.benchmark.name}")
        TALLY["model pages"] += 1
    return problems


def check_benchmark_pages(site, pages) -> list[str]:
    """Every benchmark page: all the site's scores on that benchmark (by name and metric), best
    first within each report, each with its re-derived unit (never the axis title), direction
    and interval."""
    problems: list[str] = []
    for page in pages:
        want = {(r.slug, _key(m)) for r in site.reports for b in r.benchmarks if (b.name, b.metric) == (page.name, page.metric)
                for m in r.models if b.name in m.scores}
        got = {(e.report.slug, e.model.key) for e in page.entries}
        claim(problems, got == want, f"benchmark page {page.name}: scores {sorted(got ^ want)} missing or extra")
        for e in page.entries:
            u = unit(e.report, e.benchmark)
            claim(problems, e.unit == _unit_name(u), f"benchmark page {page.name}: unit {e.unit!r}, data give {_unit_name(u)!r}")
            claim(problems, not e.report.y_title or e.unit != e.report.y_title or e.benchmark.unit == e.report.y_title,
                  f"benchmark page {page.name}: the axis title {e.report.y_title!r} given as a unit")
        units = tuple(dict.fromkeys(_unit_name(unit(r, b)) for r in page.reports for b in r.benchmarks
                                    if (b.name, b.metric) == (page.name, page.metric) and unit(r, b)["key"]))
        claim(problems, page.units == units, f"benchmark page {page.name}: units {page.units}, data give {units}")
        for report in page.reports:
            mine = [e for e in page.entries if e.report is report]
            values = [shown(report, e.model, e.benchmark) for e in mine]
            ordered = sorted(values, reverse=mine[0].benchmark.higher_is_better) if mine else []
            claim(problems, values == ordered, f"benchmark page {page.name}: {report.slug} not best first")
        TALLY["benchmark pages"] += 1
    return problems


def check_site(site) -> list[str]:
    """Boards, their compare panels, model pages and benchmark pages of a loaded site."""
    import json

    from benchboard.analyse.boards import site_boards
    from benchboard.views import boarddata, catalog

    problems: list[str] = []
    boards = site_boards(site)
    for board in boards:
        problems += check_board(board)
        text = boarddata.board_view(board)["json"]
        data = json.loads(text)  # its \u003c escapes are JSON's own
        problems += check_compare_panel(board, data)
    problems += check_model_pages(site, boards, catalog.model_pages(site, boards))
    problems += check_benchmark_pages(site, catalog.benchmark_pages(site))
    return problems
