"""An independent checker: re-derives every observation from the report data.

It never calls the analyser's helpers; it recomputes maxima, ties, differences, margins of
error, counts and rank statistics in its own simple way and compares them with the facts and
the sentences the generator produced. Any mismatch is a list of strings describing it.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

Z = 1.959963984540054


def fmt(value: float, precision: int) -> str:
    text = str(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP))
    return text[1:] if text.startswith("-") and Decimal(text) == 0 else text


def shown(report, model, bench) -> float | None:
    score = model.scores.get(bench.name)
    return None if score is None else float(fmt(score.value, report.precision))


def scale_of(report, bench) -> float | None:
    """100 (percent), 1 (fractions) or None for this benchmark's scores: the whole report's
    reading when every score fits one, else this benchmark's own."""
    overall = _scale([s.value for m in report.models for s in m.scores.values()], report)
    if overall is not None:
        return overall
    return _scale([m.scores[bench.name].value for m in report.models if bench.name in m.scores], report)


def _scale(values, report) -> float | None:
    percent_title = "%" in (report.y_title or "")
    if report.y_range and report.y_range[1] <= 1 and all(0 <= v <= 1 for v in values):
        return 1.0
    if values and all(0 <= v <= 1 for v in values) and not percent_title:
        return 1.0
    if all(0 <= v <= 100 for v in values):
        return 100.0
    return None


def standard_error_of(report, model, bench) -> float | None:
    score = model.scores[bench.name]
    if score.stderr is not None and score.stderr > 0:  # 0 is no estimate
        return score.stderr
    scale = scale_of(report, bench)
    if bench.n and scale:
        p = min(max(shown(report, model, bench) / scale, 0.0), 1.0)
        if bench.n * p < 5 or bench.n * (1 - p) < 5:
            return "few"
        return math.sqrt(p * (1 - p) / bench.n) * scale
    return None


def expected_gap(report, bench, a, b) -> dict:
    """What a reader computes for 'a vs b on bench' with pencil and paper."""
    va, vb = shown(report, a, bench), shown(report, b, bench)
    diff_text = fmt(abs(va - vb), report.precision)
    if float(diff_text) == 0:
        better = None
    else:
        a_higher = va > vb
        better = a.name if a_higher == bench.higher_is_better else b.name
    ses = [standard_error_of(report, model, bench) for model in (a, b)]
    raw_margin = None
    if "few" in ses:  # binomial with fewer than 5 items on one side: no margin, no lead
        return {"a_display": fmt(a.scores[bench.name].value, report.precision), "b_display": fmt(b.scores[bench.name].value, report.precision),
                "difference": diff_text, "better": better, "margin": None, "exceeds": False, "unrounded": None}
    if None in ses and ses != [None, None]:  # one known standard error: a lower bound on the margin
        raw_margin = Z * (ses[0] if ses[0] is not None else ses[1])
        if float(fmt(raw_margin, report.precision)) < report.tolerance:  # never below the tolerance
            raw_margin = None
    elif None not in ses:
        raw_margin = Z * math.sqrt(ses[0] ** 2 + ses[1] ** 2)
    margin = fmt(raw_margin, report.precision) if raw_margin is not None else None
    exceeds = better is not None and float(diff_text) > (float(margin) if margin else report.tolerance)
    unrounded = None
    raw_diff = abs(a.scores[bench.name].value - b.scores[bench.name].value)
    if exceeds and raw_diff <= (raw_margin if raw_margin is not None else report.tolerance):
        exceeds = False  # a lead only at the shown precision, not in the data
        finer = min(report.precision + 2, 8)
        unrounded = fmt(raw_diff, finer)
        margin = fmt(raw_margin, finer) if raw_margin is not None else None
    return {"a_display": fmt(a.scores[bench.name].value, report.precision), "b_display": fmt(b.scores[bench.name].value, report.precision),
            "difference": diff_text, "better": better, "margin": margin, "exceeds": exceeds, "unrounded": unrounded}


def _model(report, name):
    return next(m for m in report.models if m.name == name)


def _bench(report, name):
    return next(b for b in report.benchmarks if b.name == name)


def check_gap(report, gap: dict, problems: list[str], where: str) -> None:
    want = expected_gap(report, _bench(report, gap["benchmark"]), _model(report, gap["a"]), _model(report, gap["b"]))
    for key, value in want.items():
        if gap[key] != value:
            problems.append(f"{where}: {key} is {gap[key]!r}, data give {value!r}")


def best_on(report, bench) -> tuple[list[str], list]:
    scored = [(shown(report, m, bench), m) for m in report.models if bench.name in m.scores]
    if not scored:
        return [], []
    values = [v for v, _ in scored]
    top = max(values) if bench.higher_is_better else min(values)
    return [m.name for v, m in scored if v == top], scored


def check(report, analysis, text=None) -> list[str]:
    """Every mismatch between the facts (and sentences) and the data."""
    problems: list[str] = []
    facts = [f.as_dict() for f in analysis.facts]
    for fact in facts:
        kind = fact["kind"]
        where = f"{kind} {fact.get('benchmark', '')}".strip()
        if kind == "winner":
            bench = _bench(report, fact["benchmark"])
            best, scored = best_on(report, bench)
            if fact["best"] != best:
                problems.append(f"{where}: best {fact['best']} but data give {best}")
            if fact["models_scored"] != len(scored):
                problems.append(f"{where}: models_scored wrong")
            rest = [(v, m) for v, m in scored if m.name not in best]
            if rest:
                key = (lambda vm: -vm[0]) if bench.higher_is_better else (lambda vm: vm[0])
                runner_value = sorted(rest, key=key)[0][0]
                runners = [m.name for v, m in rest if v == runner_value]
                if fact.get("runner_up") not in runners:
                    problems.append(f"{where}: runner-up {fact.get('runner_up')} not among {runners}")
                else:
                    check_gap(report, fact["gap"], problems, where)
                    if fact["gap"]["better"] != fact["gap"]["a"]:
                        problems.append(f"{where}: the winner is not better than the runner-up")
            elif "runner_up" in fact:
                problems.append(f"{where}: runner-up named although all scored models tie")
        elif kind in ("highest", "lowest"):
            _check_extreme(report, fact, problems)
        elif kind == "leader":
            _check_leader(report, fact, problems)
        elif kind in ("family_pair", "scale_pair"):
            a, b = _model(report, fact["a"]), _model(report, fact["b"])
            if kind == "family_pair" and not (a.params == b.params and a.family != b.family):
                problems.append(f"{kind}: {a.name}/{b.name} do not differ in family only")
            if kind == "scale_pair" and not (a.family == b.family and a.params != b.params):
                problems.append(f"{kind}: {a.name}/{b.name} do not differ in size only")
            shared = [bn for bn in report.benchmarks if bn.name in a.scores and bn.name in b.scores]
            if [g["benchmark"] for g in fact["gaps"]] != [bn.name for bn in shared]:
                problems.append(f"{kind}: benchmarks compared differ from the shared ones")
            for gap in fact["gaps"]:
                check_gap(report, gap, problems, f"{kind} {gap['benchmark']}")
            diffs = [float(g["difference"]) for g in fact["gaps"]]
            if float(fact["smallest"]["difference"]) != min(diffs) or float(fact["largest"]["difference"]) != max(diffs):
                problems.append(f"{kind}: smallest/largest gap wrong")
            for side, name in (("a_better", a.name), ("b_better", b.name)):
                want = [g["benchmark"] for g in fact["gaps"] if g["better"] == name]
                if fact[side] != want:
                    problems.append(f"{kind}: {side} {fact[side]} but data give {want}")
        elif kind == "consistency":
            _check_consistency(report, fact, problems)
        elif kind == "missing":
            want = [
                {"model": m.name, "benchmarks": [bn.name for bn in report.benchmarks if bn.name not in m.scores]}
                for m in report.models if any(bn.name not in m.scores for bn in report.benchmarks)
            ]
            if fact["count"] != len(want) or (fact["models"] and fact["models"] != want):
                problems.append("missing: wrong list of missing scores")
            counts = [{"benchmark": bn.name, "missing": sum(1 for m in report.models if bn.name not in m.scores)} for bn in report.benchmarks]
            if fact["per_benchmark"] != [c for c in counts if c["missing"]]:
                problems.append("missing: wrong counts per benchmark")
        elif kind == "mean":
            counted = [bn for bn in report.benchmarks if bn.higher_is_better]
            complete = [m for m in report.models if all(bn.name in m.scores for bn in counted)]
            means = {m.name: fmt(sum(shown(report, m, bn) for bn in counted) / len(counted), report.precision) for m in complete}
            top = max(float(v) for v in means.values())
            if fact["best"] != [n for n, v in means.items() if float(v) == top] or fact["mean"] != fmt(top, report.precision):
                problems.append(f"mean: best {fact['best']} {fact['mean']} but data give {means}")
            if "next" in fact:
                difference = fmt(top - float(means[fact["next"]]), report.precision)
                ses = [standard_error_of(report, _model(report, name), bn) for bn in counted for name in (fact["best"][0], fact["next"])]
                known = [se for se in ses if isinstance(se, float)]  # "few" and None: unknown
                raw_margin = Z * math.sqrt(sum(se**2 for se in known)) / len(counted) if known else None
                partial = bool(known) and len(known) < len(ses)
                if partial and float(fmt(raw_margin, report.precision)) < report.tolerance:
                    raw_margin, partial = None, False
                margin = fmt(raw_margin, report.precision) if raw_margin is not None else None
                exceeds = float(difference) > (float(margin) if margin else report.tolerance)
                a_model, b_model = _model(report, fact["best"][0]), _model(report, fact["next"])
                raw = abs(sum(a_model.scores[bn.name].value - b_model.scores[bn.name].value for bn in counted) / len(counted))
                if exceeds and raw <= (raw_margin if raw_margin is not None else report.tolerance):
                    exceeds = False  # only rounding made the means look apart
                    margin = fmt(raw_margin, min(report.precision + 2, 8)) if raw_margin is not None else None
                if fact["margin"] != margin or fact["partial"] != partial:
                    problems.append(f"mean: margin {fact['margin']} but data give {margin}")
                if fact["difference"] != difference or fact["exceeds"] != exceeds:
                    problems.append(f"mean: gap {fact['difference']} / exceeds {fact['exceeds']} but data give {difference}, {exceeds}")
    _check_coverage(report, facts, problems)
    if text is not None:
        problems += check_sentences(report, facts, text)
    return problems


def _check_extreme(report, fact, problems):
    high = fact["kind"] == "highest"
    per_model = {}
    for m in report.models:
        values = {bn.name: shown(report, m, bn) for bn in report.benchmarks if bn.name in m.scores}
        if len(values) < 2 or len(set(values.values())) == 1:
            continue  # fewer than two scores, or all equal: no highest or lowest benchmark
        target = max(values.values()) if high else min(values.values())
        per_model[m.name] = [name for name, v in values.items() if v == target]
    agree = [m for m, names in per_model.items() if fact["benchmark"] in names]
    if fact["agree"] != len(agree) or fact["models"] != len(per_model):
        problems.append(f"{fact['kind']}: agree {fact['agree']}/{fact['models']}, data give {len(agree)}/{len(per_model)}")
    votes = {}
    for names in per_model.values():
        for name in names:
            votes[name] = votes.get(name, 0) + 1
    if votes and votes.get(fact["benchmark"], 0) != max(votes.values()):
        problems.append(f"{fact['kind']}: {fact['benchmark']} is not the most common {fact['kind']} benchmark")
    if "bound" in fact:
        values = [shown(report, _model(report, m), _bench(report, fact["benchmark"])) for m in agree]
        bound = float(fact["bound"])
        if high:
            ok = all(v > bound for v in values) if fact["bound_strict"] else all(v >= bound for v in values)
        else:
            ok = all(v < bound for v in values) if fact["bound_strict"] else all(v <= bound for v in values)
        if not ok:
            problems.append(f"{fact['kind']}: bound {fact['bound']} is false for {values}")


def _check_leader(report, fact, problems):
    counts = {}
    contested = 0
    for bench in report.benchmarks:
        best, scored = best_on(report, bench)
        if len(scored) < 2 or len(best) == len(scored):
            continue
        contested += 1
        for name in best:
            counts[name] = counts.get(name, 0) + 1
    top = max(counts.values())
    leaders = [m.name for m in report.models if counts.get(m.name) == top]
    if fact["leaders"] != leaders or fact["count"] != top or fact["of"] != contested:
        problems.append(f"leader: {fact['leaders']} {fact['count']}/{fact['of']} but data give {leaders} {top}/{contested}")


def _ranks(values, higher):
    order = sorted(range(len(values)), key=lambda i: -values[i] if higher else values[i])
    ranks = [0.0] * len(values)
    position = 0
    while position < len(order):
        same = [i for i in order if values[i] == values[order[position]]]
        average = position + (len(same) + 1) / 2
        for i in same:
            ranks[i] = average
        position += len(same)
    return ranks


def _check_consistency(report, fact, problems):
    complete = [m for m in report.models if all(bn.name in m.scores for bn in report.benchmarks)]
    rankings = [_ranks([shown(report, m, bn) for m in complete], bn.higher_is_better) for bn in report.benchmarks]
    unordered = [bn.name for bn, r in zip(report.benchmarks, rankings) if len(set(r)) == 1]
    if fact.get("unordered", []) != unordered:
        problems.append(f"consistency: benchmarks without an order {fact.get('unordered')} but data give {unordered}")
    rankings = [r for r in rankings if len(set(r)) > 1]  # all tied: no order to agree with
    m, n = len(rankings), len(complete)
    sums = [sum(r[i] for r in rankings) for i in range(n)]
    s = sum((x - m * (n + 1) / 2) ** 2 for x in sums)
    ties = sum(sum(c**3 - c for c in [r.count(v) for v in set(r)]) for r in rankings)
    w = 12 * s / (m * m * (n**3 - n) - m * ties) if m * m * (n**3 - n) - m * ties > 0 else None
    if fact["models"] != n or (w is not None and abs(fact["w"] - round(w, 2)) > 0.011):
        problems.append(f"consistency: W {fact['w']} but data give {w} over {n} models")
    if fact["identical_order"] != all(r == rankings[0] for r in rankings):
        problems.append("consistency: identical_order wrong")


def _check_coverage(report, facts, problems):
    """Every benchmark with two or more scores gets a winner fact; missing data is reported."""
    winners = {f["benchmark"] for f in facts if f["kind"] == "winner"}
    for bench in report.benchmarks:
        if any(bench.name in m.scores for m in report.models) and bench.name not in winners:
            problems.append(f"no winner fact for {bench.name}")
    has_missing = any(bn.name not in m.scores for m in report.models for bn in report.benchmarks)
    if has_missing != any(f["kind"] == "missing" for f in facts):
        problems.append("missing-data observation does not match the data")


_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?")


def allowed_numbers(report) -> set[str]:
    """Numbers a sentence may contain: shown values, their differences, margins, counts..."""
    tolerance = ("%.10f" % report.tolerance).rstrip("0").rstrip(".")  # as written, not rounded
    allowed = {tolerance, "1", "0", "1.96", "95", "2", "5"}  # 5: the n·p rule for binomial margins
    allowed |= {str(i) for i in range(0, max(len(report.models), len(report.benchmarks)) + 2)}
    for bench in report.benchmarks:
        if bench.n:
            allowed.add(str(bench.n))
        scored = [m for m in report.models if bench.name in m.scores]
        for m in scored:
            allowed.add(fmt(m.scores[bench.name].value, report.precision))
            value = shown(report, m, bench)
            allowed.add(str(int(math.floor(value))))
            allowed.add(str(int(math.ceil(value))))
        for i, a in enumerate(scored):
            for b in scored[i + 1 :]:
                gap = expected_gap(report, bench, a, b)
                allowed.add(gap["difference"])
                if gap["margin"]:
                    allowed.add(gap["margin"])
                if gap["unrounded"]:
                    allowed.add(gap["unrounded"])
    return allowed


def _check_pair_sentence(report, fact, sentence: str) -> list[str]:
    """A gap is called a lead only when the re-derived gap exceeds its uncertainty; any other
    unequal gap must be called a tie, and no pair sentence uses a bare win word."""
    problems = []
    a, b = _model(report, fact["a"]), _model(report, fact["b"])
    for bench in report.benchmarks:
        if bench.name not in a.scores or bench.name not in b.scores:
            continue
        gap = expected_gap(report, bench, a, b)
        if gap["better"] is None:
            continue
        as_lead = f"{bench.name} ({gap['better']} by {gap['difference']} vs "
        shown_gap = gap["difference"] + (f" ({gap['unrounded']} before rounding)" if gap["unrounded"] else "")
        as_tie = (f"{bench.name} ({shown_gap} within ", f"{bench.name}: {shown_gap} within ",
                  f"{bench.name} ({gap['difference']}, too few items", f"{bench.name}: {gap['difference']}, too few items")
        called_lead, called_tie = as_lead in sentence, any(t in sentence for t in as_tie)
        if gap["exceeds"] and not called_lead:
            problems.append(f"{fact['kind']}: {bench.name} exceeds its uncertainty but is not called a lead: {sentence!r}")
        if not gap["exceeds"] and (called_lead or not called_tie):
            problems.append(f"{fact['kind']}: {bench.name} is within its uncertainty but not called a tie: {sentence!r}")
    stripped = sentence
    for name in sorted({m.name for m in report.models} | {bn.name for bn in report.benchmarks}, key=len, reverse=True):
        stripped = stripped.replace(name, " ")
    for word in (" is better", " beats ", " wins ", " outperforms "):
        if word in stripped:
            problems.append(f"{fact['kind']}: win word {word.strip()!r} in {sentence!r}")
    return problems


def check_sentences(report, facts, text) -> list[str]:
    problems = []
    allowed = allowed_numbers(report)
    names = sorted({m.name for m in report.models} | {b.name for b in report.benchmarks}
                   | {m.family for m in report.models if m.family} | {m.params for m in report.models if m.params}, key=len, reverse=True)
    for observation in text.observations:
        sentence = observation.text
        stripped = sentence
        for name in names:
            stripped = stripped.replace(name, " ")
        fact = observation.fact
        extra = set()
        if fact["kind"] == "consistency":
            extra = {f"{fact['w']:.2f}"} | ({f"{fact['rho']:.2f}"} if fact.get("rho") is not None else set())
        if fact["kind"] == "mean":
            extra = {fact["mean"], fact.get("next_mean", ""), fact.get("difference", ""), fact.get("margin") or "", fact.get("unrounded") or ""}
            if "next" in fact:
                called_tie = "within" in sentence
                if called_tie == fact["exceeds"]:
                    problems.append(f"mean: verdict contradicts the fact: {sentence!r}")
        glued = re.search(r"[a-z)][.;:,][A-Za-z(]", stripped)
        if glued:
            problems.append(f"{observation.kind}: no space after punctuation at {glued.group()!r} in {sentence!r}")
        if re.search(r"\ball [012]\b", stripped):
            problems.append(f"{observation.kind}: 'all' with a count of two or fewer in {sentence!r}")
        for number in _NUMBER.findall(stripped):
            if number.lstrip("+") not in allowed | extra:
                problems.append(f"{observation.kind}: number {number} in {sentence!r} is not derivable from the data")
        if fact["kind"] == "winner" and "runner_up" in fact:
            if len(fact["best"]) == 1 and not sentence.startswith(fact["best"][0]):
                problems.append(f"winner sentence does not start with the winner: {sentence!r}")
            if fact["runner_up"] not in sentence:
                problems.append(f"winner sentence does not name the runner-up: {sentence!r}")
            statistically = any(w in sentence for w in ("indistinguishable", "counts as a tie", "not called a lead"))
            if fact["gap"]["exceeds"] == statistically:
                problems.append(f"winner sentence verdict contradicts the fact: {sentence!r}")
        if fact["kind"] in ("family_pair", "scale_pair"):
            problems += _check_pair_sentence(report, fact, sentence)
    return problems
