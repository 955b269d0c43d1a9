"""Every Eval Ever (evaleval/every_eval_ever) aggregate logs of a report: one per model.

Follows the project's ``eval.schema.json`` (schema_version 0.3.0): one log per model with every
benchmark of the report in ``evaluation_results``; ``source_type: documentation`` (a report
holds aggregate numbers, not per-item outputs); a proportion (unit percent or fraction) is
written on the 0-1 scale with ``metric_unit: proportion``, its standard error and interval
converted with it and the number as the site shows it kept in ``details``; other units keep
their numbers, unbounded (``"-Infinity"``/``"Infinity"``), as the project asks rather than
inventing a range. The 95% interval is verdicts.score_interval's, the one the site shows.
``evaluation_id`` is keyed on the report, the model and the run date, never on the time of
export, so a re-export is the same record; ``retrieved_timestamp`` is the export time.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

from benchboard.analyse import provenance
from benchboard.analyse.verdicts import score_interval
from benchboard.load.slugs import slug_text
from benchboard.load.units import units
from benchboard.model import Model, Report, SiteConfig

SCHEMA_VERSION = "0.3.0"
RELATIONSHIPS = ("first_party", "third_party", "collaborative", "other")
# benchboard metric names -> the registry's canonical metric ids (only the unambiguous ones).
METRIC_IDS = {"acc": "accuracy", "accuracy": "accuracy", "exact_match": "exact-match", "em": "exact-match",
              "pass@1": "pass-at-1", "f1": "f1"}
INTERVAL_METHODS = {"wilson": "wilson score interval from n", "stderr": "normal: score ± 1.96 standard errors"}


def _strings(values: dict) -> dict[str, str]:
    return {str(k): str(v) for k, v in values.items() if v is not None and v != ""}


def _scaled(value: float, scale: float | None) -> float:
    """value / scale in decimal: 46.8 / 100 is 0.468, not 0.46799999999999997."""
    if not scale or scale == 1:
        return value
    return float(Decimal(repr(value)) / Decimal(repr(scale)))


def _model_info(model: Model) -> dict:
    info = model.info
    name = model.key
    hub = re.fullmatch(r"https://huggingface\.co/([\w.-]+/[\w.-]+)/?", (info.url if info else None) or model.url or "")
    if "/" not in name and hub:
        name = hub.group(1)  # the model's Hugging Face id, from its registry (or result file) link
    developer = name.split("/", 1)[0] if "/" in name else None
    availability = "unknown"
    if info is not None and info.open_weights is True:
        availability = "open_weights"
    elif info is not None and info.open_weights is False:
        availability = "closed_weights"
    details = {"deployment_type": "unknown", "model_availability": availability}
    details.update(_strings({"name_in_report": model.source_name if model.source_name != name else None, "family": model.family,
                             "params": model.params, "params_billions": model.params_b,
                             "released": info.released if info else None, "url": (info.url if info else None) or model.url}))
    result = {"name": model.key, "id": name}
    if developer:
        result["developer"] = developer
    result["additional_details"] = details
    return result


def _result(report: Report, bench, model: Model, unit, run: provenance.Provenance) -> dict:
    score = model.scores[bench.name]
    proportion = unit.scale is not None  # 100 (percent) or 1 (fraction)
    scale = unit.scale if proportion else None
    metric_config: dict = {"evaluation_description": f"{bench.metric or 'Score'} on {bench.name}" + (f": {bench.description}" if bench.description else "")}
    metric_id = METRIC_IDS.get((bench.metric or "").strip().lower())
    if metric_id:
        metric_config["metric_id"] = metric_id
    if bench.metric:
        metric_config["metric_name"] = bench.metric
    metric_config["metric_unit"] = "proportion" if proportion else (unit.key or "points")
    metric_config["lower_is_better"] = not bench.higher_is_better
    metric_config["score_type"] = "continuous"
    metric_config["min_score"] = 0.0 if proportion else "-Infinity"
    metric_config["max_score"] = 1.0 if proportion else "Infinity"
    details = _strings({"display": score.display, "unit_on_site": unit.key or None, "report": report.title})
    score_details: dict = {"score": _scaled(score.value, scale), "details": details}
    uncertainty: dict = {}
    if score.stderr:
        uncertainty["standard_error"] = {"value": _scaled(score.stderr, scale), "method": "as reported in the result file"}
    interval = score_interval(report, bench, model, unit)
    if interval is not None:
        uncertainty["confidence_interval"] = {"lower": _scaled(interval[0], scale), "upper": _scaled(interval[1], scale),
                                              "confidence_level": 0.95, "method": INTERVAL_METHODS.get(interval[2], interval[2])}
    if bench.n:
        uncertainty["num_samples"] = int(bench.n)
    if uncertainty:
        score_details["uncertainty"] = uncertainty
    result = {
        "evaluation_result_id": f"{slug_text(bench.name) or 'benchmark'}/{slug_text(bench.metric or '') or 'score'}",
        "evaluation_name": bench.name,
        "source_data": {"dataset_name": bench.name, "source_type": "other",
                        **({"additional_details": {"released": bench.released}} if bench.released else {})},
        "metric_config": metric_config,
        "score_details": score_details,
    }
    if run.date:
        result["evaluation_timestamp"] = run.date
    settings = {k: v for k, v in run.settings if k != "date"}
    if settings:
        result["generation_config"] = {"additional_details": _strings(settings)}
    return result


def model_log(report: Report, config: SiteConfig, model: Model, *, retrieved: str, organization: str | None,
              relationship: str) -> dict:
    """The aggregate log of one model's scores in one report."""
    unit_of = units(report)
    run = provenance.of(report, model)
    source: dict = {"source_name": config.title, "source_type": "documentation",
                    "source_organization_name": organization or config.title, "evaluator_relationship": relationship}
    if config.base_url:
        source["source_organization_url"] = config.base_url
    source["additional_details"] = _strings({"report": report.title, "result_file": report.path,
                                             "report_url": f"{config.base_url}{report.slug}/" if config.base_url else None,
                                             "exported_by": "benchboard"})
    log = {
        "schema_version": SCHEMA_VERSION,
        "evaluation_id": "/".join(filter(None, (report.slug, model.key, run.date))),
        "retrieved_timestamp": retrieved,
        "source_metadata": source,
        "model_info": _model_info(model),
        "eval_library": {"name": (report.source.harness if report.source and report.source.harness else "unknown"),
                         "version": (report.source.version if report.source and report.source.version else "unknown")},
        "evaluation_results": [_result(report, b, model, unit_of[b.name], run) for b in report.benchmarks if b.name in model.scores],
    }
    if run.date:
        log["evaluation_timestamp"] = run.date
    return log


def _part(text: str) -> str:
    """A portable path component (the project's data/<collection>/<developer>/<model>/ layout)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "unknown"


def report_logs(report: Report, config: SiteConfig, *, retrieved: str, organization: str | None = None,
                relationship: str = "other") -> list[tuple[str, dict]]:
    """(relative path, log) for every model of the report with a score:
    REPORT/DEVELOPER/MODEL/UUID.json, the UUID derived from the evaluation_id."""
    found = []
    for model in report.models:
        if not model.scores:
            continue
        log = model_log(report, config, model, retrieved=retrieved, organization=organization, relationship=relationship)
        developer = log["model_info"].get("developer", "unknown")
        name = log["model_info"]["id"].split("/", 1)[-1]
        file_id = uuid.uuid5(uuid.NAMESPACE_URL, "benchboard:" + log["evaluation_id"])
        found.append((f"{_part(report.slug)}/{_part(developer)}/{_part(name)}/{file_id}.json", log))
    return found
