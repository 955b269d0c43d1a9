"""Words: facts -> sentences, through jinja2 templates a site can override.

Each observation is a structured fact (``analyse``) rendered by
``templates/observations/<kind>.txt``. Data reaches templates only as variables, so a model
named ``{{ 7*7 }}`` or ``</script>`` is printed as text and escaped for HTML. Every sentence has
an HTML form (escaped ``Markup``) and a plain-text form (for JSON and the SVG description).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from benchboard.analyse import MAX_RANKED_MODELS, Analysis, Fact
from benchboard.layout import Layout
from benchboard.model import Report
from benchboard.verdicts import LEAD

LEADS = {
    "highest": "Highest scores",
    "lowest": "Lowest scores",
    "leader": "Top model",
    "family_pair": "Same size ({a_params}), different family",
    "scale_pair": "Same family ({a_family}), {a_params} vs {b_params}",
    "mean": "Highest mean",
    "scope": "Not compared across benchmarks",
    "missing": "Missing data",
}
LEADS_LOWER = {"highest": "Highest values (worst results)", "lowest": "Lowest values (best results)"}


@dataclass(frozen=True)
class Observation:
    kind: str
    lead: str
    sentence: Markup  # escaped HTML
    text: str  # the same sentence as plain text
    fact: dict


@dataclass(frozen=True)
class ReportText:
    overview: str
    components: list[str]
    observations: list[Observation]
    interpretation: str
    methods: str
    chart_title: str
    chart_description: str
    comparisons: list[dict] = field(default_factory=list)  # every verdict, for the "All comparisons" table
    cells: dict = field(default_factory=dict)  # (model, benchmark) -> {"interval": "54.9–85.4", "rank": "1–4"}
    table_note: str = ""  # what the interval and rank in each cell mean
    chart_note: str = ""  # which bars have whiskers and which have none


def _render(env: jinja2.Environment, template: str, **context) -> Markup:
    html = env.get_template(template).render(**context)
    return Markup(" ".join(html.split()))


def report_text(report: Report, analysis: Analysis, env: jinja2.Environment, layout: Layout) -> ReportText:
    all_higher = all(b.higher_is_better for b in report.benchmarks)
    observations = []
    for fact in analysis.facts:
        data = fact.as_dict()
        sentence = _render(env, f"observations/{fact.kind}.txt", fact=data, tolerance=analysis.tolerance,
                           total_models=len(report.models), all_higher=all_higher)
        observations.append(Observation(fact.kind, _lead(fact), sentence, sentence.unescape(), data))
    overview = _overview(report)
    components = _components(report, layout, analysis)
    cells = {}
    for model in report.models:
        for bench in report.benchmarks:
            if bench.name in model.scores:
                interval = analysis.intervals.get((model.name, bench.name))
                cells[(model.name, bench.name)] = {"interval": interval.text if interval else None,
                                                   "rank": analysis.ranks.get(bench.name, {}).get(model.name)}
    return ReportText(
        overview=overview,
        components=components,
        observations=observations,
        interpretation=_interpretation(report, analysis),
        methods=_methods(report, analysis),
        chart_title=report.title,
        chart_description=" ".join([overview, *components]),
        comparisons=[_comparison_row(report, analysis, v) for v in
                     sorted(analysis.comparisons, key=lambda v: [b.name for b in report.benchmarks].index(v.benchmark))],
        cells=cells,
        table_note=_table_note(report, analysis),
        chart_note=chart_note(report, analysis, layout),
    )


def _comparison_row(report: Report, analysis: Analysis, verdict) -> dict:
    row = verdict.as_dict()
    row["gap_word"] = analysis.units[verdict.benchmark].gap_word
    row["n"] = report.benchmark(verdict.benchmark).n
    return row


def chart_note(report: Report, analysis: Analysis, layout: Layout) -> str:
    return whisker_note(report, analysis.intervals, layout.shown)


def whisker_note(report: Report, intervals: dict, shown) -> str:
    """Which bars carry a 95% whisker, and which have none; the chart (its subtitle), its text
    alternative and the caption all say the same. Counts only the bars drawn."""
    drawn = [m for m in report.models if m.name in shown]
    intervals = {key: i for key, i in intervals.items() if key[0] in shown}
    whiskers = len(intervals)
    without = [b.name for b in report.benchmarks
               if any(b.name in m.scores and (m.name, b.name) not in intervals for m in drawn)]
    if not whiskers:
        return "No uncertainty is given for any score, so no bar has a whisker."
    methods = {i.method for i in intervals.values()}
    how = " or ".join(filter(None, ["Wilson interval from n items" if "wilson" in methods else "",
                                     "±1.96 standard errors" if "stderr" in methods else ""]))
    note = f"Whiskers: 95% intervals ({how}) on {_plural(whiskers, 'bar')}."
    if without:
        listed = _names(without) if len(without) <= 3 else f"{len(without)} benchmarks"  # the subtitle is one line
        note += f" No uncertainty given for {listed}: no whisker there."
    return note


def _table_note(report: Report, analysis: Analysis) -> str:
    parts = []
    if analysis.intervals:
        parts.append("Under each score: its 95% interval (where an uncertainty is known) and its rank on that benchmark.")
    else:
        parts.append("Under each score: its rank on that benchmark.")
    parts.append("A rank such as 1–3 means the data place the model anywhere from 1st to 3rd: "
                 "models share ranks where their gap is within the uncertainty or they are equal as shown.")
    if analysis.ranks_by_value:
        parts.append(f"On {_names(list(analysis.ranks_by_value))} no uncertainty is known for some scores; those are ranked by their shown values only.")
    if analysis.ranks_too_many:
        parts.append(f"On {_names(list(analysis.ranks_too_many))}, with more than {MAX_RANKED_MODELS} scores, ranks follow the shown values only.")
    return " ".join(parts)


def _lead(fact: Fact) -> str:
    if not fact.data.get("higher_is_better", True) and fact.kind in LEADS_LOWER:
        return LEADS_LOWER[fact.kind]
    return LEADS[fact.kind].format(**{k: v for k, v in fact.data.items() if isinstance(v, (str, int, type(None)))})


def _names(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _overview(report: Report) -> str:
    metrics = {b.metric for b in report.benchmarks}
    names = _names([b.name for b in report.benchmarks])
    text = f"A grouped bar chart comparing {_plural(len(report.models), 'model')} on {_plural(len(report.benchmarks), 'benchmark')} ({names})"
    if len(metrics) == 1 and None not in metrics:
        text += f", all measured by {metrics.pop()}"
    directions = {b.higher_is_better for b in report.benchmarks}
    if directions == {True}:
        text += "; higher is better."
    elif directions == {False}:
        text += "; lower is better."
    else:
        lower = [b.name for b in report.benchmarks if not b.higher_is_better]
        text += f"; higher is better except on {_names(lower)}, where lower is better."
    if report.source and report.source.harness:
        version = f" {report.source.version}" if report.source.version else ""
        text += f" The scores were imported from {report.source.harness}{version} results."
    text += f" Source file: {report.path}."
    return text


def _components(report: Report, layout: Layout, analysis: Analysis) -> list[str]:
    labels = [b.label for b in report.benchmarks]
    low, high = (report.fmt(v) if v != int(v) else str(int(v)) for v in layout.y_domain)
    step = str(int(layout.y_step)) if layout.y_step == int(layout.y_step) else repr(layout.y_step)
    y = f"Y axis: {report.y_title + ', ' if report.y_title else ''}from {low} to {high}, with gridlines every {step}."
    if not layout.includes_zero:
        y += (
            f" The axis starts at {low}, not at zero, so bar lengths exaggerate the differences between models."
            if layout.y_domain[0] > 0 else
            f" The axis ends at {high}, below zero, so bar lengths exaggerate the differences between models."
        )
    items = [
        f"X axis: the {_plural(len(labels), 'benchmark')} in file order, each labelled with its name and metric: {_names(labels)}.",
        y,
    ]
    legend = []
    for name in layout.shown:
        fill = layout.fills[name]
        legend.append(f"{name} ({fill.colour_name}, {fill.style})")
    hatched = [family for family, is_hatched in layout.family_styles if is_hatched]
    solid = [family for family, is_hatched in layout.family_styles if not is_hatched]
    styles = ""
    if hatched:
        styles = f" Models of the {_names(hatched)} famil{'y' if len(hatched) == 1 else 'ies'} are hatched with diagonal stripes"
        styles += f"; {_names(solid)} models are solid." if solid else "."
    items.append(f"Legend (top right): {_plural(len(layout.shown), 'model')} in file order, one colour each: {'; '.join(legend)}.{styles}")
    items.append(f"Each bar is labelled with its score at {_plural(report.precision, 'decimal')}; a missing score has no bar.")
    items.append(chart_note(report, analysis, layout))
    if layout.note:
        items.append(f"The chart shows the {layout.note}.")
    if layout.clamped:
        cases = _names([f"{m} on {b}" for m, b in layout.clamped])
        items.append(f"Scores outside the axis range are drawn at its edge and marked with a triangle: {cases}.")
    return items


def _interpretation(report: Report, analysis: Analysis) -> str:
    """Restates what the observations established, with direction; says nothing about causes."""
    sentences = []
    leader = analysis.of_kind("leader")
    if leader:
        fact = leader[0].data
        best = "highest" if fact["all_higher"] else "best"
        if len(fact["leaders"]) == 1:
            where = f"all {fact['of']} benchmarks" if fact["count"] == fact["of"] else f"{fact['count']} of {fact['of']} benchmarks"
            where = where.replace("all 1 benchmarks", "the only benchmark").replace("all 2 ", "both ")
            where += " where the scores differ" if fact["uncontested"] else ""
            if fact["ties"]:
                # A shared top is no lead: say so, then the evidence where it is alone at the top.
                others = sorted({n for t in fact["ties"] for n in t["best"]} - set(fact["leaders"]))
                shared = f"shared with {_names(others)} on {_names(fact['shared'])}" if len(fact["ties"]) == 1 else f"shared on {_names(fact['shared'])}"
                alone = fact["count"] - len(fact["ties"])
                if not alone:
                    rest = ""
                elif fact["leads"] and len(fact["leads"]) == alone:
                    rest = f"; where it is alone at the top, a lead beyond the uncertainty on {_names(fact['leads'])}"
                elif fact["leads"]:
                    rest = f"; where it is alone at the top, a lead beyond the uncertainty on {len(fact['leads'])} of {alone}"
                else:
                    rest = "; where it is alone at the top, the data do not establish that order"
                sentences.append(f"{fact['leaders'][0]} has the {best} score on {where}, {shared}{rest}.")
            elif fact["leads"] and len(fact["leads"]) == fact["count"]:
                sentences.append(f"{fact['leaders'][0]} has the {best} score on {where}, each a lead beyond the uncertainty.")
            elif fact["leads"]:
                sentences.append(f"{fact['leaders'][0]} has the {best} score on {where}, a lead beyond the uncertainty on {len(fact['leads'])} of them.")
            else:
                sentences.append(f"{fact['leaders'][0]} has the {best} score on {where}, but the data do not establish that order at the top.")
        else:
            sentences.append(f"No single model has the {best} score most often: {_names(fact['leaders'])} share the most first places.")
    for kind in ("highest", "lowest"):
        facts = analysis.of_kind(kind)
        if facts and facts[0].data["agree"] == facts[0].data["models"] > 1:
            data = facts[0].data
            benches = _names([data["benchmark"], *data["tied_with"]])
            if data["higher_is_better"]:
                what = "best" if kind == "highest" else "worst"
            else:
                what = "worst" if kind == "highest" else "best"
            who = "Every model" if data["models"] == len(report.models) else f"Each of the {data['models']} models with unequal scores"
            sentences.append(f"{who} has its {what} result on {benches}.")
    if analysis.consistency:
        c = analysis.consistency
        w = float(c["w"])
        agree = "agree almost completely" if w >= 0.9 else "largely agree" if w >= 0.7 else "agree moderately" if w >= 0.5 else "agree weakly" if w >= 0.3 else "barely agree"
        sentences.append(
            f"The benchmarks' orders of the {c['models']} models scored on all of them {agree} "
            f"(Kendall's W = {c['w']} by the shown values, ignoring uncertainty; 1 would be the same order everywhere)."
        )
    if analysis.uncertainty != "all":
        sentences.append("Where no uncertainty is given, the order of the scores is not tested.")
    columns = [[m.scores[b.name].display for m in report.models if b.name in m.scores] for b in report.benchmarks]
    if len(report.models) == 1:
        sentences.append("These are the measured scores of one model; there is no other model to compare it with.")
    elif not any(len(c) > 1 for c in columns):
        sentences.append("No benchmark has scores from two models, so no two models are compared here.")
    elif any(len(set(c)) > 1 for c in columns):
        sentences.append("These are measured scores only: the data say nothing about why the models differ.")
    else:
        sentences.append("No two models differ at the shown precision on any benchmark they share.")
    return " ".join(sentences)


def _methods(report: Report, analysis: Analysis) -> str:
    parts = [f"Scores are shown with {_plural(report.precision, 'decimal')}, rounded half up in decimal; gaps and means are computed exactly from the shown values."]
    parts.append(_units_note(report, analysis))
    if analysis.comparisons:
        parts.append(
            "Each comparison in the table below has one verdict: a lead only where the 95% interval of the difference excludes zero, "
            "from both standard errors (normal, 1.96 × √(se₁² + se₂²)) or, for proportions with n items, Newcombe's score interval "
            "for a difference of proportions, which holds at small n and near 0% or 100% "
            "(when both scores are whole counts of at most 500 items in all, Fisher's exact test decides instead)."
        )
        parts.append("Where either score has no uncertainty the order is untested; one side's standard error alone is not enough.")
    if analysis.tolerance is not None and any(v.outcome == "practically_equal" for v in analysis.comparisons):
        gap_word = analysis.units[report.benchmarks[0].name].gap_word  # one unit: the tolerance applies only then
        parts.append(f"Untested gaps of at most {analysis.tolerance}{gap_word} (the tolerance declared for this report) are called practically equal.")
    tested = analysis.tested
    if len(tested) > 1:
        leads = [v for v in tested if v.outcome == LEAD]
        kept = [v for v in leads if v.bonferroni_lead]
        if leads:
            parts.append(
                f"{len(tested)} comparisons have a known uncertainty; a Bonferroni correction over them (z = {_z(analysis.bonferroni_z)} instead of 1.96) "
                f"would keep {len(kept)} of their {len(leads)} lead{'' if len(leads) == 1 else 's'}."
            )
        else:
            parts.append(f"None of the {len(tested)} comparisons with a known uncertainty is a lead, so no correction for multiple comparisons is needed.")
    return " ".join(parts)


def _units_note(report: Report, analysis: Analysis) -> str:
    """Each unit, and whether the content declared it (`unit:`) or it was inferred, and from what."""
    groups: dict[tuple[str, bool], list[str]] = {}
    for b in report.benchmarks:
        unit = analysis.units[b.name]
        groups.setdefault((unit.name, unit.inferred), []).append(b.name)
    source = "inferred from the scores and the axis title" if report.y_title else "inferred from the scores"
    names = {name for name, _ in groups}
    parts = []
    for (name, inferred), benches in groups.items():
        how = source if inferred else "declared"
        whole = len(groups) == 1
        parts.append(f"{name} ({how})" if whole else f"{name} ({how}, on {_names(benches)})")
    return f"Unit{'s' if len(names) > 1 else ''}: {'; '.join(parts)}."


def _z(z: float) -> str:
    from benchboard.stats import half_up
    return half_up(z, 2)


def observations_json(report: Report, analysis: Analysis, text: ReportText) -> str:
    """The facts with their sentences and every verdict, for reuse and for checking (deterministic)."""
    document = {
        "report": report.title,
        "source": report.path,
        "comparisons_tested": len(analysis.tested),
        "bonferroni_z": round(analysis.bonferroni_z, 4),
        "observations": [{"lead": o.lead, "sentence": o.text, "fact": o.fact} for o in text.observations],
        "comparisons": text.comparisons,
        "units": {name: unit.key for name, unit in analysis.units.items()},
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
