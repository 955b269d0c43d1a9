"""The model registry (content/models.yaml) and what it does to loaded reports.

Result files name models however their harness did ("meta-llama/Llama-3.1-8B-Instruct" in one,
"Llama-3.1-8B-Instruct" in another). The registry says which names are one model, so boards
and model pages match them; it also holds the facts no result file should have to repeat
(release, knowledge cutoff, weights). A name it does not list is its own model, as before.
Validation follows the result files': the JSON Schema first (through the loader's checker,
passed in so this module does not import load.py), then plain-code checks with positions.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Callable

from benchboard.load.boardspecs import check_specs

from benchboard.load import paths, sizes
from benchboard.errors import Problems
from benchboard.model import UNKNOWN, Model, ModelInfo, Position, Report, SiteConfig, name_form
from benchboard.load.slugs import unique_slugs
from benchboard.load.yamlsource import Document, parse_yaml, read_text

_DATE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?\Z")


def is_date(text) -> bool:
    """YYYY-MM or YYYY-MM-DD naming a day that exists (2024-02-31 does not)."""
    match = _DATE.match(text) if isinstance(text, str) else None
    if not match:
        return False
    try:
        datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return False
    return True
SchemaCheck = Callable[[Document, str, Problems], bool]


def resolve(content: Path, config: SiteConfig, reports: list[Report], problems: Problems, check: SchemaCheck) -> list[Report]:
    """Reports with every model matched to its registry entry, canonical name and page slug;
    registry conflicts, bad dates and bad board declarations go to ``problems`` (URL clashes and the
    reserved names: load/content.py); a family or size one file gives is the model's in every report."""
    registry = load_registry(content, problems, check)
    lookup = {_normal(name): info for info in registry for name in (info.name, *info.aliases)}
    resolved = _shared_inline_facts([_resolve_report(content, report, lookup, problems) for report in reports], problems)
    _check_released(content, resolved, problems)
    slugs = model_slugs(resolved)
    resolved = [replace(r, models=tuple(replace(m, slug=slugs[m.key]) for m in r.models)) for r in resolved]
    check_specs(config.boards, resolved, problems)
    return resolved


def load_registry(content: Path, problems: Problems, check: SchemaCheck) -> list[ModelInfo]:
    doc = read_registry(content, "models", problems, check)
    return _entries(doc, problems) if doc is not None else []


def read_registry(content: Path, kind: str, problems: Problems, check: SchemaCheck) -> Document | None:
    """CONTENT/<kind>.yaml (or .yml) parsed and checked against <kind>.schema.json, or None
    (absent, unsafe, empty or invalid: the problems say which). Shared by models.yaml and
    benchmarks.yaml."""
    path = next((p for p in (content / f"{kind}.yaml", content / f"{kind}.yml") if p.exists() or p.is_symlink()), None)
    if path is None:
        return None
    display = (Path(content.resolve().name) / path.name).as_posix()
    unsafe = paths.problem(path, content)  # a link out of CONTENT is never read, nor quoted
    if unsafe:
        problems.error(display, 0, 0, unsafe)
        return None
    text = read_text(path, display, problems)
    doc = parse_yaml(text, display, problems) if text is not None else None
    if doc is None:
        return None
    if doc.data is None:
        problems.error(display, 1, 1, f"file is empty (expected {kind}: with a list of {{name: ...}}, or delete the file)")
        return None
    return doc if check(doc, kind, problems) else None


def _entries(doc: Document, problems: Problems) -> list[ModelInfo]:
    entries: list[ModelInfo] = []
    owner: dict[str, tuple[str, int]] = {}  # normalised name or alias -> (entry name, index)
    for i, entry in enumerate(doc.data["models"]):
        def err(key: tuple, message: str) -> None:
            problems.error(doc.path, *doc.at(("models", i, *key)), message)

        bad = False
        names = [(("name",), name_form(entry["name"]))] + [(("aliases", j), name_form(a)) for j, a in enumerate(entry.get("aliases", []))]
        for key, name in names:
            other = owner.get(_normal(name))
            if other is not None:
                err(key, f"{name!r} is already used by models[{other[1]}] ({other[0]!r}); a name or alias may belong to one model only")
                bad = True
            else:
                owner[_normal(name)] = (name_form(entry["name"]), i)
        for key in ("released", "knowledge_cutoff"):
            value = entry.get(key)
            if value is not None and value != UNKNOWN and not is_date(value):
                err((key,), f"{key} {value!r} is not a date (write YYYY-MM-DD or YYYY-MM of a day that exists, or unknown)")
                bad = True
        params = entry.get("params")
        total = active = None
        if isinstance(params, dict):
            total, active = sizes.parse_params(params["total"]), sizes.parse_params(params["active"])
            text = f"{params['total'].strip()} total, {params['active'].strip()} active"
            if total is None or active is None or active > total:
                err(("params",), f"params {params} must be two sizes such as {{total: 671B, active: 37B}}, active no larger than total")
                bad = True
        elif params is not None:
            text = params.strip()
            size = sizes.parse_size(text)
            total = float(size.total) if size is not None and size.total is not None else None
            if size is None and text != UNKNOWN:
                err(("params",), f"params {params!r} is not a size (write e.g. 8B, 350M or unknown; a mixture as {{total: ..., active: ...}})")
                bad = True
        else:
            text = None
        if bad:
            continue
        entries.append(ModelInfo(
            name=name_form(entry["name"]), where=Position(doc.path, *doc.at(("models", i))),
            aliases=tuple(name_form(a) for a in entry.get("aliases", [])), family=entry.get("family"),
            params=text, params_b=total, active_params_b=active, open_weights=entry.get("open_weights"),
            released=entry.get("released"), knowledge_cutoff=entry.get("knowledge_cutoff"),
            url=entry.get("url"), notes=entry.get("notes"),
            fields=tuple(sorted((str(k), float(v)) for k, v in (entry.get("fields") or {}).items())),
        ))
    return entries


def _normal(name: str) -> str:
    """How a result file's model name finds its registry entry: NFC, white space as name_form keeps it."""
    return unicodedata.normalize("NFC", name_form(name))


def _resolve_report(content: Path, report: Report, lookup: dict[str, ModelInfo], problems: Problems) -> Report:
    models = []
    seen: dict[str, str] = {}
    for model in report.models:
        info = lookup.get(_normal(model.name))
        if info is None:
            models.append(model)
            continue

        def at(key: str, model=model) -> tuple[int, int]:
            return tuple(model.where.get(key) or model.where.get("") or (0, 0))

        if info.name in seen:
            problems.error(report.path, *at("name"), (
                f"{model.name!r} and {seen[info.name]!r} are the same model in {info.where} ({info.name!r}); "
                "a model appears once per file (merge the entries, or fix models.yaml)"))
        seen[info.name] = model.name
        if model.family and info.family and model.family.strip() != info.family.strip():
            problems.error(report.path, *at("family"), (
                f"family {model.family!r} of {model.name!r} conflicts with {info.where} (family {info.family!r}); "
                "make them agree or remove one"))
        if model.params and info.params and _size_differs(model.params, info):
            problems.error(report.path, *at("params"), (
                f"params {model.params!r} of {model.name!r} conflicts with {info.where} (params {info.params!r}); "
                "make them agree or remove one"))
        registry_params = None if info.params == UNKNOWN else info.params
        models.append(replace(
            model, name=info.name, file_name=model.name if model.name != info.name else None,  # one name on every page
            canonical=info.name, info=info, family=model.family or info.family,
            params=model.params or registry_params,
            params_b=model.params_b if model.params_b is not None else info.params_b,
            url=model.url or info.url,
        ))
    return replace(report, models=tuple(models))


def _shared_inline_facts(reports: list[Report], problems: Problems) -> list[Report]:
    """A model's family and size, given in one result file and not in another (nor in
    models.yaml), are the model's on every page: the first file (in report order) that gives
    them decides, once. A report that left them out drew the model as of no size (its board's
    frontier said "not placed: no parameters given" while the model's page gave 1B). Two files
    that give different ones keep their own, with a warning saying where to decide it."""
    first: dict[tuple[str, str], tuple[Model, str]] = {}  # (model, "family" or "params") -> the model that gives it, its file
    for report in reports:
        for model in report.models:
            for key in ("family", "params"):
                value = getattr(model, key)
                if not value:
                    continue
                known = first.setdefault((model.key, key), (model, report.path))
                if not _same(key, getattr(known[0], key), value):
                    where = tuple(model.where.get(key) or model.where.get("") or (0, 0))
                    problems.warning(report.path, *where, (
                        f"{key} {value!r} of {model.key!r} differs from {known[1]}'s; each report shows its own "
                        f"(give it once in models.yaml)"))

    def completed(model: Model) -> Model:
        if not model.family and (model.key, "family") in first:
            model = replace(model, family=first[(model.key, "family")][0].family)
        if not model.params and (model.key, "params") in first:
            given = first[(model.key, "params")][0]
            model = replace(model, params=given.params, params_b=given.params_b)
        return model

    return [replace(r, models=tuple(completed(m) for m in r.models)) for r in reports]


def _same(key: str, a: str, b: str) -> bool:
    """Two files' family or size of one model agree (sizes as numbers: 8B = 8.0B)."""
    if key == "params" and sizes.parse_params(a) is not None and sizes.parse_params(b) is not None:
        return sizes.parse_params(a) == sizes.parse_params(b)
    return a.strip().casefold() == b.strip().casefold()


def _size_differs(inline: str, info: ModelInfo) -> bool:
    written = sizes.parse_params(inline)
    if written is None or info.params_b is None:
        return info.params != UNKNOWN and inline.strip().casefold() != (info.params or "").casefold()
    return abs(written - info.params_b) > 1e-9 * max(written, info.params_b)


def _check_released(content: Path, reports: list[Report], problems: Problems) -> None:
    for report in reports:
        for benchmark in report.benchmarks:
            if benchmark.released is not None and not is_date(benchmark.released):
                line, col = benchmark.where.get("released") or benchmark.where.get("") or (0, 0)
                problems.error(report.path, line, col, (
                    f"released {benchmark.released!r} of benchmark {benchmark.name!r} is not a date (write YYYY-MM-DD or YYYY-MM of a day that exists)"))


def model_slugs(reports: list[Report]) -> dict[str, str]:
    """Canonical name -> the model page's URL segment."""
    return unique_slugs(sorted({m.key for r in reports for m in r.models}), "model")
