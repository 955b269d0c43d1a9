"""Words: facts -> sentences, through jinja2 templates a site can override.

Python decides what is true (which case applies, the counts, the names, the formatted numbers)
in the pure ``*_facts`` functions below; the templates decide the words:
``templates/observations/<kind>.txt`` for each Key observation, ``templates/text/<part>.txt``
for everything else a reader sees (docs/wording.md lists them and their variables). Data
reaches templates only as variables, so a model named ``{{ 7*7 }}`` or ``</script>`` is printed
as text and escaped for HTML. Every sentence has an HTML form (escaped ``Markup``) and a
plain-text form (for JSON, the SVG description and the chart's own text).
"""

from __future__ import annotations

from decimal import Decimal

import json
from dataclasses import dataclass, field
from functools import cache

import jinja2
from markupsafe import Markup

from benchboard.analyse.report import MAX_RANKED_MODELS, Analysis
from benchboard.chart.draw import ChartWords
from benchboard.chart.layout import Layout, clamp_side, domain_of
from benchboard.analyse.tables import mean_columns
from benchboard.model import Report, half_up
from benchboard.render.written import render_text
from benchboard.analyse.verdicts import LEAD

# One template's words. The longest the theme writes (a legend of thousands of drawn models
# with 200-character names) stays under 3 MB; the bound stops a site's template that prints
# 100 kB a turn in a loop, which would fill memory long before the time limit struck.
MAX_TEXT_CHARS = 5_000_000
# The words vl-convert lays out in a chart (its subtitle, panel titles) or writes into each bar
# (the tooltip): 100,000 characters in a subtitle cost minutes of native time no deadline stops.
# Above what the theme itself can write: the whisker sentence names up to twelve columns or
# "model on benchmark" pairs of names of up to 200 characters (~4,400 characters in all).
MAX_CHART_CHARS = 8_000
CHART_DRAWN = frozenset({"text/whiskers.txt", "text/chart_selection.txt", "text/chart_subtitle.txt", "text/panel_title.txt",
                         "text/tooltip.txt"})


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
    mean_note: str | None = None  # what the table's Mean is over, or why there is none
    chart_words: ChartWords | None = None  # for chart.render_chart


def _render(env: jinja2.Environment, template: str, **context) -> Markup:
    """One template as one sentence (or paragraph): its line breaks and indents are layout.
    Streamed (render/written.py), so that output beyond its limit (MAX_TEXT_CHARS; the words a
    chart draws, MAX_CHART_CHARS) or a character no page can hold is stopped inside the
    template, and the error names the site's file and line like any template error."""
    limit = MAX_CHART_CHARS if template in CHART_DRAWN else MAX_TEXT_CHARS
    return Markup(" ".join(render_text(env, template, limit, **context).split()))


def _text(env: jinja2.Environment, template: str, **context) -> str:
    return _render(env, template, **context).unescape()


def report_text(report: Report, analysis: Analysis, env: jinja2.Environment, layout: Layout) -> ReportText:
    all_higher = all(b.higher_is_better for b in report.benchmarks)
    observations = []
    for fact in analysis.facts:
        data = fact.as_dict()
        sentence = _render(env, f"observations/{fact.kind}.txt", fact=data, tolerance=analysis.tolerance,
                           total_models=len(report.models), all_higher=all_higher)
        lead = _text(env, "text/leads.txt", kind=fact.kind, fact=data)
        observations.append(Observation(fact.kind, lead, sentence, sentence.unescape(), data))
    chart = chart_words(report, layout, env, analysis.intervals, analysis.units)
    overview = _text(env, "text/overview.txt", **overview_facts(report, layout))
    components = _components(report, layout, env, chart)
    mean = mean_columns(report)[1]
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
        interpretation=_text(env, "text/interpretation.txt", **interpretation_facts(report, analysis)),
        methods=_text(env, "text/methods.txt", **methods_facts(report, analysis)),
        chart_title=report.title,
        chart_description=" ".join([overview, *components]),
        comparisons=[_comparison_row(report, analysis, v) for v in
                     sorted(analysis.comparisons, key=lambda v: [b.name for b in report.benchmarks].index(v.benchmark))],
        cells=cells,
        table_note=_text(env, "text/table_note.txt", **table_note_facts(analysis)),
        chart_note=chart.subtitle,
        mean_note=_text(env, "text/mean_note.txt", mean=mean) if mean else None,
        chart_words=chart,
    )


def _comparison_row(report: Report, analysis: Analysis, verdict) -> dict:
    row = verdict.as_dict()
    row["gap_word"] = analysis.units[verdict.benchmark].gap_word
    row["n"] = report.benchmark(verdict.benchmark).n
    return row


def chart_words(report: Report, layout: Layout, env: jinja2.Environment, intervals: dict, unit_of: dict) -> ChartWords:
    selection = layout.selection
    tooltips = {}
    for model in report.models:
        if model.name not in layout.fills:
            continue
        for bench in report.benchmarks:
            if bench.name in model.scores:
                facts = tooltip_facts(report, layout, model, bench, intervals, unit_of)
                tooltips[(model.name, bench.name)] = _text(env, "text/tooltip.txt", **facts)
    whiskers = _text(env, "text/whiskers.txt", **whisker_facts(report, intervals, layout.shown, layout))
    note = _text(env, "text/chart_selection.txt", **selection) if selection else None
    return ChartWords(
        subtitle=whiskers,
        note=note,
        drawn=_text(env, "text/chart_subtitle.txt", note=note, whiskers=whiskers),
        tooltips=tooltips,
        intervals=intervals,
        panel_titles=tuple(_text(env, "text/panel_title.txt", unit=p.unit, benchmarks=list(p.benchmarks), higher_is_better=p.higher_is_better)
                           for p in layout.panels) if len(layout.panels) > 1 else (),
    )


def tooltip_facts(report: Report, layout: Layout, model, bench, intervals: dict, unit_of: dict) -> dict:
    score = model.scores[bench.name]
    domain = domain_of(layout, bench.name)
    side = clamp_side(score.value, domain)
    interval = intervals.get((model.name, bench.name))
    return {"model": model.name, "benchmark": bench.name, "display": score.display, "unit": unit_of[bench.name].suffix,
            "interval": interval.text if interval else None, "clamp": side,
            "edge": report.fmt(domain[0] if side == "below" else domain[1], bench) if side else None}


def default_chart_words(report: Report, layout: Layout) -> ChartWords:
    """The chart's words from the theme alone, for a chart drawn outside a site build."""
    from benchboard.analyse.report import bar_intervals
    from benchboard.load.units import units

    unit_of = units(report)
    return chart_words(report, layout, _theme_environment(), bar_intervals(report, unit_of), unit_of)


@cache
def _theme_environment() -> jinja2.Environment:
    from benchboard.render.theme import environment

    return environment()


def whisker_facts(report: Report, intervals: dict, shown, layout: Layout | None = None) -> dict:
    """Which bars carry a 95% whisker, and which have none; the chart (its subtitle), its text
    alternative and the caption all say the same. Counts only the whiskers drawn. ``cut``: the
    whiskers an axis range the file declared (y_range) cuts at its edge ("model on benchmark"):
    every whisker drawn in part, a clamped bar's included; ``off``: those wholly past it, not
    drawn; an axis benchboard chooses holds every whisker (chart/layout.py)."""
    drawn = [m for m in report.models if m.name in shown]
    intervals = {key: i for key, i in intervals.items() if key[0] in shown}
    methods = {i.method for i in intervals.values()}
    cut, off = [], []
    if layout is not None:
        for (model, bench), interval in intervals.items():
            low, high = domain_of(layout, bench)
            if interval.high <= low or interval.low >= high:
                off.append(f"{model} on {bench}")  # wholly past the axis: not drawn at all
            elif interval.low < low or interval.high > high:
                cut.append(f"{model} on {bench}")  # drawn in part (a clamped bar's too: its whisker reaches into the axis)
    without = [b.name for b in report.benchmarks if any(b.name in m.scores and (m.name, b.name) not in intervals for m in drawn)]
    return {
        "bars": len(intervals) - len(off),
        "off": off,
        "wilson": "wilson" in methods,
        "stderr": "stderr" in methods,
        "without": without,
        # of those, the benchmarks where some drawn bar does have a whisker ("no whisker there"
        # would be false of them: a review found it beside the only benchmark's five whiskers)
        "some": [name for name in without if any((m.name, name) in intervals for m in drawn)],
        "cut": cut,
    }


def table_note_facts(analysis: Analysis) -> dict:
    return {"intervals": bool(analysis.intervals), "by_value": list(analysis.ranks_by_value),
            "too_many": list(analysis.ranks_too_many), "max_ranked": MAX_RANKED_MODELS}


def overview_facts(report: Report, layout: Layout) -> dict:
    metrics = {b.metric for b in report.benchmarks}
    source = report.source if report.source and report.source.harness else None
    return {
        "models": len(report.models),
        "drawn": len(layout.shown),  # the chart compares only these when max_bars leaves some out
        "benchmarks": [b.name for b in report.benchmarks],
        "metric": next(iter(metrics)) if len(metrics) == 1 else None,
        "lower": [b.name for b in report.benchmarks if not b.higher_is_better],
        "harness": source.harness if source else None,
        "version": source.version if source else None,
        "source_file": report.path,
        "kind": layout.kind,
    }


def chart_facts(report: Report, layout: Layout, selection: str | None) -> dict:
    """What the chart draws, for its text alternative (text/components.txt)."""
    low, high = (report.fmt(v) if v != int(v) else str(int(v)) for v in layout.y_domain)
    return {
        "labels": [b.label for b in report.benchmarks],
        "y_title": report.y_title,
        "low": low,
        "high": high,
        "step": str(int(layout.y_step)) if layout.y_step == int(layout.y_step) else repr(layout.y_step),
        "zero": "included" if layout.includes_zero else "above" if layout.y_domain[0] > 0 else "below",
        "legend": [{"name": name, "colour": layout.fills[name].colour, "hatched": layout.fills[name].hatched}
                   for name in layout.shown],
        "hatched": [family for family, is_hatched in layout.family_styles if is_hatched],
        "solid": [family for family, is_hatched in layout.family_styles if not is_hatched],
        "precision": report.precision,
        "selection": selection,
        "clamped": [{"model": m, "benchmark": b} for m, b in layout.clamped],
        "kind": layout.kind,
        "order": layout.order_basis if layout.order else None,
        "panels": [_panel_facts(report, p) for p in layout.panels] if len(layout.panels) > 1 else [],
        "precisions": sorted({d for p in layout.panels for d in p.precisions}) or [report.precision],
        "by_decimals": by_decimals(report),
    }


def by_decimals(report: Report) -> list[dict]:
    """The columns grouped by the decimals their scores are shown with (Report.decimals), in
    file order: [{"decimals": 1, "benchmarks": [...]}, ...]; one group when all agree."""
    groups: dict[int, list[str]] = {}
    for b in report.benchmarks:
        groups.setdefault(report.decimals(b), []).append(b.name)
    return [{"decimals": d, "benchmarks": names} for d, names in groups.items()]


def _panel_facts(report: Report, panel) -> dict:
    # the axis's ends as its labels print them: at the gridline step's decimals ("2.5" with a
    # step of 0.5), not at the report's widest column's ("2.500")
    step = Decimal(repr(panel.y_step)).normalize()  # 5e-05 is 0.00005: five decimals, never read from "5e-05"
    decimals = max(0, -step.as_tuple().exponent)
    low, high = (half_up(v, decimals) if v != int(v) else str(int(v)) for v in panel.y_domain)
    return {"unit": panel.unit, "higher_is_better": panel.higher_is_better,
            "labels": [report.benchmark(n).label for n in panel.benchmarks], "low": low, "high": high,
            "step": format(step, "f"),
            "zero": "included" if panel.y_domain[0] <= 0 <= panel.y_domain[1] else "above" if panel.y_domain[0] > 0 else "below",
            "precisions": sorted(set(panel.precisions))}


def _components(report: Report, layout: Layout, env: jinja2.Environment, chart: ChartWords) -> list[str]:
    """The chart's complete text alternative: one list item per part, in reading order."""
    facts = chart_facts(report, layout, chart.note)
    items = [_text(env, "text/components.txt", part=part, chart=facts) for part in ("x_axis", "y_axis", "legend", "labels")]
    items.append(chart.subtitle)
    for part in ("selection", "clamped"):
        if facts[part]:
            items.append(_text(env, "text/components.txt", part=part, chart=facts))
    return items


def interpretation_facts(report: Report, analysis: Analysis) -> dict:
    """What the Interpretation may restate: the observations' established facts, with direction."""
    leader = analysis.of_kind("leader")
    leader = leader[0].data if leader else None
    extremes = []
    for kind in ("highest", "lowest"):
        facts = analysis.of_kind(kind)
        if facts and facts[0].data["agree"] == facts[0].data["models"] > 1:
            data = facts[0].data
            extremes.append({"benchmarks": [data["benchmark"], *data["tied_with"]],
                             "best": (kind == "highest") == data["higher_is_better"],
                             "models": data["models"], "every": data["models"] == len(report.models)})
    consistency = None
    if analysis.consistency:
        c = analysis.consistency
        # "identical": every benchmark orders the models alike (W is exactly 1); "near_one": W
        # rounds to 1.00 although the orders differ, so "W = 1.00" would claim what is not so.
        consistency = {"models": c["models"], "w": c["w"], "value": float(c["w"]), "identical": c["identical_order"],
                       "near_one": c["w"] == "1.00" and not c["identical_order"]}
    columns = [[m.scores[b.name].display for m in report.models if b.name in m.scores] for b in report.benchmarks]
    if len(report.models) == 1:
        closing = "one_model"
    elif not any(len(c) > 1 for c in columns):
        closing = "not_shared"
    elif any(len(set(c)) > 1 for c in columns):
        closing = "differ"
    else:
        closing = "equal"
    return {
        "all_higher": leader["all_higher"] if leader else all(b.higher_is_better for b in report.benchmarks),
        "leader": leader,
        # who shares its top, and on how many benchmarks it is alone at the top
        "others": sorted({n for t in leader["ties"] for n in t["best"]} - set(leader["leaders"])) if leader else [],
        "alone": leader["count"] - len(leader["ties"]) if leader else 0,
        "extremes": extremes,
        "consistency": consistency,
        "untested": analysis.uncertainty != "all",
        "closing": closing,
    }


def methods_facts(report: Report, analysis: Analysis) -> dict:
    groups: dict[tuple[str, bool, bool], list[str]] = {}
    for b in report.benchmarks:
        unit = analysis.units[b.name]
        groups.setdefault((unit.name, unit.inferred, unit.from_axis_title), []).append(b.name)
    practically_equal = analysis.tolerance is not None and any(v.outcome == "practically_equal" for v in analysis.comparisons)
    tested = analysis.tested
    leads = [v for v in tested if v.outcome == LEAD]
    return {
        "precision": report.precision,
        "precisions": by_decimals(report),
        "units": [{"name": name, "declared": not inferred, "axis_title": titled, "benchmarks": benches}
                  for (name, inferred, titled), benches in groups.items()],
        "axis_title": any(titled for _, _, titled in groups),  # some unit was inferred with the axis title
        "comparisons": bool(analysis.comparisons),
        "tolerance": analysis.tolerance if practically_equal else None,
        # one unit across the report: the tolerance applies only then
        "gap_word": analysis.units[report.benchmarks[0].name].gap_word if practically_equal else "",
        "tested": len(tested),
        "leads": len(leads),
        "kept": sum(1 for v in leads if v.bonferroni_lead),
        "z": _z(analysis.bonferroni_z),
        "rank_tests": analysis.rank_tests[0], "rank_leads": analysis.rank_tests[1], "rank_kept": analysis.rank_tests[2],
    }


def _z(z: float) -> str:
    from benchboard.analyse.stats import half_up
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
