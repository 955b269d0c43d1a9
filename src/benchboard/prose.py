"""Words: facts -> sentences, through jinja2 templates a site can override.

Each observation is a structured fact (``analyse``) rendered by
``templates/observations/<kind>.txt``. Data reaches templates only as variables, so a model
named ``{{ 7*7 }}`` or ``</script>`` is printed as text and escaped for HTML. Every sentence has
an HTML form (escaped ``Markup``) and a plain-text form (for JSON and the SVG description).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from benchboard.analyse import Analysis, Fact, has_uncertainty
from benchboard.layout import Layout
from benchboard.model import Report

LEADS = {
    "highest": "Highest overall performance",
    "lowest": "Lowest scores",
    "leader": "Leader",
    "winner": "Top of {benchmark}",
    "consistency": "Ranking consistency",
    "family_pair": "Performance gap",
    "scale_pair": "Scale within a family",
    "mean": "Highest mean",
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


def unit_of(report: Report) -> str:
    """ "%" when the axis title says the scores are percentages; otherwise no unit."""
    return "%" if "%" in (report.y_title or "") else ""


def _render(env: jinja2.Environment, template: str, **context) -> Markup:
    html = env.get_template(template).render(**context)
    return Markup(" ".join(html.split()))


def report_text(report: Report, analysis: Analysis, env: jinja2.Environment, layout: Layout) -> ReportText:
    unit = unit_of(report)
    tolerance = report.tolerance_text
    all_higher = all(b.higher_is_better for b in report.benchmarks)
    observations = []
    for fact in analysis.facts:
        data = fact.as_dict()
        sentence = _render(
            env, f"observations/{fact.kind}.txt", fact=data, unit=unit, tolerance=tolerance,
            total_models=len(report.models), all_higher=all_higher,
        )
        lead = _lead(fact)
        observations.append(Observation(fact.kind, lead, sentence, sentence.unescape(), data))
    overview = _overview(report)
    components = _components(report, layout)
    return ReportText(
        overview=overview,
        components=components,
        observations=observations,
        interpretation=_interpretation(report, analysis),
        methods=_methods(report, analysis),
        chart_title=report.title,
        chart_description=" ".join([overview, *components]),
    )


def _lead(fact: Fact) -> str:
    if not fact.data.get("higher_is_better", True) and fact.kind in LEADS_LOWER:
        return LEADS_LOWER[fact.kind]
    return LEADS[fact.kind].format(**fact.data)


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


def _components(report: Report, layout: Layout) -> list[str]:
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
    if layout.note:
        items.append(f"The chart shows the {layout.note}.")
    if layout.clamped:
        cases = _names([f"{m} on {b}" for m, b in layout.clamped])
        items.append(f"Scores outside the axis range are drawn at its edge and marked with a triangle: {cases}.")
    return items


def _interpretation(report: Report, analysis: Analysis) -> str:
    """Restates what the observations established; says nothing about causes."""
    sentences = []
    leader = analysis.of_kind("leader")
    if leader:
        fact = leader[0].data
        if len(fact["leaders"]) == 1:
            name = fact["leaders"][0]
            where = f"all {fact['of']} benchmarks" if fact["count"] == fact["of"] else f"{fact['count']} of {fact['of']} benchmarks"
            where = where.replace("all 1 benchmarks", "the only benchmark").replace("all 2 ", "both ")
            where += " where the scores differ" if fact["uncontested"] else ""
            sentence = f"{name} has the best score on {where}"
            unclear = fact["count"] - len(fact["clear_leads"])
            if unclear and fact["clear_leads"]:
                sentence += f", but its lead is within the uncertainty on {unclear} of them"
            elif unclear == 1 == fact["count"]:
                sentence += ", but that lead is not larger than the uncertainty"
            elif unclear:
                sentence += ", but none of those leads is larger than the uncertainty"
            sentences.append(sentence + ".")
        else:
            sentences.append(f"No single model leads: {_names(fact['leaders'])} share the most first places.")
    for kind, word in (("highest", "highest"), ("lowest", "lowest")):
        facts = analysis.of_kind(kind)
        if facts and facts[0].data["agree"] == facts[0].data["models"] and facts[0].data["models"] > 1:
            benches = _names([facts[0].data["benchmark"], *facts[0].data["tied_with"]])
            if facts[0].data["models"] == len(report.models):
                sentences.append(f"Every model scores {word} on {benches}.")
            else:  # models with fewer than two different scores have no highest or lowest
                sentences.append(
                    f"Each of the {facts[0].data['models']} models with unequal scores on two or more benchmarks "
                    f"scores {word} on {benches}."
                )
    if analysis.uncertainty != "all":
        sentences.append(
            "Where no uncertainty is given, small gaps are judged only against a fixed tolerance, so they are weaker evidence."
        )
    columns = [[m.scores[b.name].shown for m in report.models if b.name in m.scores] for b in report.benchmarks]
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
    parts = [
        f"Scores are shown with {_plural(report.precision, 'decimal')}, rounded half up, and every difference is computed from the shown values.",
        "A gap counts as a lead only when it is larger than its 95% margin of error, 1.96 × √(se₁² + se₂²),",
    ]
    with_n = [b for b in report.benchmarks if b.n and analysis.scales.get(b.name)]
    if with_n:
        counts = ", ".join(f"{b.name}: {b.n}" for b in with_n)
        parts.append(
            f"where a score's standard error is its reported one or, for a benchmark of n items, √(p(1−p)/n) with p the score as a proportion ({counts} items); "
            "that binomial margin is used only where n·p and n·(1−p) are both at least 5, and elsewhere no lead is claimed."
        )
    else:
        parts.append("where a score's standard error is the one reported with it.")
    lacking = [b for b in report.benchmarks if not has_uncertainty(report, b, analysis.scales)]
    partial = [b.name for b in lacking if any(b.name in m.scores and m.scores[b.name].stderr for m in report.models)]
    without = [b.name for b in lacking if b.name not in partial]
    if partial:
        parts.append(
            f"On {_names(partial)} only some scores have a standard error: a gap between a score with one and a score "
            "without is judged against the margin from the known standard error alone (a lower bound on the real margin) "
            f"or the {report.tolerance_text}-point tolerance, whichever is larger."
        )
    if without:
        tolerance = report.tolerance_text
        parts.append(
            f"No uncertainty was given for {_names(without)}: there a gap counts as a lead only when it is larger than "
            f"{tolerance} point{'' if tolerance == '1' else 's'}."
        )
    if analysis.comparisons > 1:
        parts.append(
            f"Only the comparisons stated above are tested ({analysis.comparisons} with a margin of error), which keeps chance findings few; "
            f"a Bonferroni correction over all of them (z = {analysis.bonferroni_z:.2f} instead of 1.96) would leave {_count_leads(analysis.bonferroni_leads)}."
        )
    return " ".join(parts)


def _count_leads(count: int) -> str:
    return {0: "no clear lead", 1: "1 clear lead"}.get(count, f"{count} clear leads")


def observations_json(report: Report, analysis: Analysis, text: ReportText) -> str:
    """The facts with their sentences, for reuse and for checking (deterministic)."""
    document = {
        "report": report.title,
        "source": report.path,
        "comparisons_tested": analysis.comparisons,
        "bonferroni_z": round(analysis.bonferroni_z, 4),
        "observations": [{"lead": o.lead, "sentence": o.text, "fact": o.fact} for o in text.observations],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
