"""Load and validate: CONTENT/ -> model.Site, or every problem at once.

The JSON Schemas in ``schemas/`` are the single description of the format: editors use them
for completion and this module validates against them, translating each schema error into
``path:line:col: what is wrong (what was expected)``. Checks a schema cannot express
(duplicates, undeclared benchmarks, NaN, paths leaving OUT) follow in plain code.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema

from benchboard import cache as report_cache
from benchboard import config as site_config
from benchboard import paths, registry, sizes
from benchboard.errors import ContentError, Problems
from benchboard.model import (
    Benchmark,
    Model,
    Page,
    Report,
    Score,
    Site,
    SiteConfig,
    Source,
    format_number,
    proportion_scale,
)
from benchboard.yamlsource import CONTROL_CHARACTERS, Document, parse_yaml, read_text

MAX_MODELS = 10_000
MAX_BENCHMARKS = 200
MAX_PRECISION = 6
MAX_MAGNITUDE = 1e15  # scores beyond this lose their decimals in float arithmetic
MAX_CACHED_BYTES = 1024 * 1024  # bigger files are re-read each time (they are rare and few)
MAX_NAME_CHARS = 200  # names, titles and labels: longer ones make charts take minutes
RESERVED_SLUGS = frozenset({"assets", "schema", "404", "index", "sitemap.xml", "robots.txt", "index.html", "404.html"})
_SLUG_OK = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@cache
def schema(name: str) -> dict:
    return json.loads(resources.files("benchboard").joinpath(f"schemas/{name}.schema.json").read_text())


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(schema(name))


def load_site(content: Path, *, base_url: str | None = None) -> tuple[Site, list]:
    """Read everything under CONTENT; returns the site and its warnings, or raises ContentError."""
    problems = Problems()
    if not content.is_dir():
        problems.error(str(content), 0, 0, "content directory not found (expected CONTENT/results/*.yaml)")
        raise ContentError(problems.items)
    for name in ("results", "pages", "static", "templates"):
        _unsafe(content / name, content, problems, "dir")
    if problems.errors:
        raise ContentError(problems.items)  # a linked-away folder: nothing in it may be read
    config = _load_config(content, problems, base_url)
    reports = _load_reports(content, problems, config)
    pages = _load_pages(content, problems, config)
    static = _list_static(content, problems, config)
    reports = registry.resolve(content, config, reports, pages, static, problems, _check_schema)
    _check_collisions(reports, pages, static, problems)
    if problems.errors:
        raise ContentError(problems.items)
    site = Site(config=config, reports=tuple(reports), pages=tuple(pages), static_files=tuple(static))
    return site, problems.warnings


def _load_config(content: Path, problems: Problems, base_url: str | None) -> SiteConfig:
    path = content / "site.yaml"
    if not (path.exists() or path.is_symlink()):
        path = content / "site.yml"
    data: dict = {}
    doc = None
    if (path.exists() or path.is_symlink()) and not _unsafe(path, content, problems):
        display = _display(path, content)
        text = read_text(path, display, problems)
        doc = parse_yaml(text, display, problems) if text is not None else None
        if doc is not None and doc.data is not None:
            if _check_schema(doc, "site", problems):
                data = doc.data
    return site_config.from_mapping(data, base_url_override=base_url, problems=problems, doc=doc)


def _load_reports(content: Path, problems: Problems, config: SiteConfig) -> list[Report]:
    folder = content / "results"
    if not folder.is_dir():
        problems.error(
            _display(folder, content), 0, 0,
            "no results/ folder (put one YAML file per comparison in CONTENT/results/)",
        )
        return []
    reports = []
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    for path in sorted(set(folder.iterdir()) - set(files)):
        if not path.name.startswith("."):
            problems.warning(_display(path, content), 0, 0, "ignored: result files end in .yaml or .yml")
    if not files:
        problems.error(_display(folder, content), 0, 0, "no result files (add results/NAME.yaml)")
    for path in files:
        if _unsafe(path, content, problems):
            continue
        report = _cached_load(path, content, problems, config)
        if report is not None:
            reports.append(report)
    reports.sort(key=lambda r: (r.order if r.order is not None else math.inf, r.title.casefold(), r.slug))
    return reports


def _cached_load(path: Path, content: Path, problems: Problems, config: SiteConfig) -> Report | None:
    """load_report_file, answered from the cache for a file seen before with the same bytes."""
    display = _display(path, content)
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_CACHED_BYTES else None
    except OSError:
        data = None
    cache_key = report_cache.key(data, display, config) if data is not None else None
    hit = report_cache.get(cache_key) if cache_key else None
    if hit is not None:
        report, warnings = hit
        problems.items.extend(warnings)
        return report
    before = len(problems.items)
    report = load_report_file(path, content, problems, config)
    found = problems.items[before:]
    if report is not None and cache_key and not any(p.severity == "error" for p in found):
        report_cache.put(cache_key, report, found)
    return report


def load_report_file(
    path: Path, content: Path, problems: Problems | None = None, config: SiteConfig | None = None
) -> Report | None:
    """Load one result file. Without ``problems`` it raises ContentError on any error."""
    own = problems is None
    problems = problems if problems is not None else Problems()
    config = config or SiteConfig()
    display = _display(path, content)
    before = len(problems.errors)
    if CONTROL_CHARACTERS.search(display):
        problems.error(display.encode("unicode_escape").decode("ascii"), 0, 0, "the file name holds a control character (rename the file)")
        if own:
            raise ContentError(problems.items)
        return None
    text = read_text(path, display, problems)
    doc = parse_yaml(text, display, problems) if text is not None else None
    report = None
    if doc is not None:
        if doc.data is None:
            problems.error(display, 1, 1, "file is empty (expected title:, benchmarks: and models:)")
        elif _over_limits(doc, problems):
            pass  # validating a file that will be refused anyway would only waste seconds
        else:
            valid = _check_schema(doc, "result", problems)
            if isinstance(doc.data, dict):
                # Semantic checks run even on a file with schema errors, so one run lists
                # every problem; they skip entries the schema already rejected.
                report = _build_report(doc, path, problems, config, valid)
    if len(problems.errors) > before:
        report = None
        # Warnings about a file with errors are mostly echoes of them (a rejected score makes
        # "no model has a score"); show them once the errors are fixed.
        problems.items[:] = [p for p in problems.items if not (p.path == display and p.severity == "warning")]
    if own and problems.errors:
        raise ContentError(problems.items)
    return report


def _over_limits(doc: Document, problems: Problems) -> bool:
    if not isinstance(doc.data, dict):
        return False
    over = False
    for key, limit in (("models", MAX_MODELS), ("benchmarks", MAX_BENCHMARKS)):
        items = doc.data.get(key)
        if isinstance(items, list) and len(items) > limit:
            problems.error(doc.path, *doc.at((key,)), f"{len(items):,} {key}, over the limit of {limit:,} per report (split the file)")
            over = True
    return over


def _display(path: Path, content: Path) -> str:
    """Name files as the user sees them: "content/results/x.yaml", whatever the cwd."""
    try:
        return (Path(content.resolve().name) / path.relative_to(content)).as_posix()
    except ValueError:
        return str(path)


# --- schema errors -> readable messages ---------------------------------------------------

_TYPE_WORDS = {
    "object": "a mapping (key: value)",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
}


def _describe(value) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    return f"the number {value!r}"


def _where(location: tuple) -> str:
    parts = []
    for part in location:
        parts.append(f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else str(part)))
    return "".join(parts) or "the top level"


def _check_schema(doc: Document, name: str, problems: Problems) -> bool:
    if not isinstance(doc.data, dict):
        line, col = doc.at(())
        problems.error(
            doc.path, line, col,
            f"the top level must be a mapping of keys (title:, ...), not {_describe(doc.data)}",
        )
        return False
    ok = not doc.rejected and _all_finite(doc, problems)
    for error in _validator(name).iter_errors(doc.data):
        ok = False
        path = tuple(error.absolute_path)
        if any(path[: len(bad)] == bad for bad in doc.rejected):
            continue  # already reported while reading the YAML
        for location, message, on_key in _explain(error, doc):
            line, col = doc.key_at(location) if on_key else doc.at(location)
            problems.error(doc.path, line, col, message)
    return ok


def _all_finite(doc: Document, problems: Problems) -> bool:
    """JSON Schema cannot say "finite": .nan passes every minimum. Scores and y_range have
    their own, more specific messages; every other number is checked here."""
    ok = True
    for location, raw in doc.raw_numbers.items():
        if (len(location) >= 3 and location[0] == "models" and location[2] == "scores") or location[:1] == ("y_range",):
            continue
        value = _value_at(doc.data, location)
        if isinstance(value, float) and not math.isfinite(value):
            problems.error(doc.path, *doc.at(location), f"{_where(location)} is {raw!r} (expected a finite number)")
            doc.rejected.add(location)  # said once: the schema's type error would repeat it
            ok = False
    return ok


def _value_at(data, location: tuple):
    for part in location:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _explain(error: jsonschema.ValidationError, doc: Document):
    location = tuple(error.absolute_path)
    field = _where(location)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(allowed)):
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            expected = f"did you mean {hint[0]!r}?" if hint else "allowed: " + ", ".join(allowed)
            yield location + (key,), f"unknown key {key!r} in {field} ({expected})", True
        return
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        key = missing[0] if missing else error.message
        hint = {
            "title": "add title: followed by the page title",
            "benchmarks": "add benchmarks: with a list of {name: ...}",
            "models": "add models: with a list of {name: ..., scores: {...}}",
            "name": "add name: ...",
            "scores": "add scores: {BENCHMARK: value, ...}",
            "value": "add value: followed by the score",
        }.get(key, f"add {key}:")
        yield location, f"missing required key {key!r} in {field} ({hint})", False
        return
    if error.validator == "minItems" and not error.instance:
        yield location, f"{field} is empty (expected at least one entry)", False
        return
    if error.validator in ("minItems", "maxItems"):
        yield location, f"{field} must have exactly 2 numbers [min, max], got {len(error.instance)}", False
        return
    if error.validator == "anyOf" and isinstance(error.instance, dict) and error.context:
        # The number alternative fails with a bare type error on the mapping itself; anything
        # deeper (value: "80", stderr: null) is the user's real mistake and must be reported.
        for sub in error.context:
            if not (sub.validator == "type" and not sub.relative_path):
                yield from _explain(sub, doc)
        return
    if error.validator == "anyOf" and "scores" in location:
        yield location, (
            f"score {field} must be a number or a mapping {{value: NUMBER, stderr: NUMBER}}, "
            f"got {_describe(error.instance)}" + _number_hint(error.instance)
        ), False
        return
    if error.validator == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else expected[0]
        yield location, (
            f"{field} must be {_TYPE_WORDS.get(expected, expected)}, got {_describe(error.instance)}"
            + (" (give a value or remove the key)" if error.instance is None else _number_hint(error.instance))
        ), False
        return
    if error.validator == "pattern":
        if location and location[-1] == "slug" and ".." in str(error.instance):
            return  # _build_report says it would leave the output directory, which is the point
        yield location, f"{field} has an invalid value {error.instance!r} (expected {_pattern_hint(location)})", False
        return
    if error.validator in ("minimum", "maximum", "minLength"):
        yield location, f"{field}: {error.message}", False
        return
    yield location, f"{field}: {error.message}", False


def _number_hint(value) -> str:
    if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9][0-9_]*(\.[0-9_]*)?", value.strip()) and "_" in value:
        return f" (write the number without underscores: {value.strip().replace('_', '')})"
    if isinstance(value, str) and re.fullmatch(r"[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?", value.strip()):
        return " (YAML 1.1 read this as base 60; write the number as a plain decimal)"
    if isinstance(value, str):
        stripped = value.strip().rstrip("%").strip()
        try:
            float(stripped)
        except ValueError:
            return ""
        return f" (write the number without quotes or %: {stripped})"
    return ""


def _pattern_hint(location: tuple) -> str:
    last = location[-1] if location else ""
    return {
        "base_url": "an absolute URL such as https://user.github.io/repo/, without spaces, query or fragment",
        "repo_url": "an absolute URL such as https://github.com/user/repo",
        "slug": "lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
        "language": "a language tag such as en or en-GB",
    }.get(last, "a colour like #0072B2" if "palette" in location else "see the schema")


# --- semantic checks and model building ---------------------------------------------------


def _build_report(
    doc: Document, path: Path, problems: Problems, config: SiteConfig, schema_ok: bool
) -> Report | None:
    data = doc.data
    err = lambda loc, msg, key=False: problems.error(doc.path, *(doc.key_at(loc) if key else doc.at(loc)), msg)  # noqa: E731
    warn = lambda loc, msg: problems.warning(doc.path, *doc.at(loc), msg)  # noqa: E731

    slug = data.get("slug") if isinstance(data.get("slug"), str) else slugify(path.stem)
    if "slug" in data and not (slug and _SLUG_OK.match(slug) and ".." not in slug):
        if ".." in str(slug):
            err(("slug",), f"slug {slug!r} would put the page outside the output directory (use a plain name)")
    elif not slug or not _SLUG_OK.match(slug) or ".." in slug:
        err((), (
            f"file name {path.name!r} does not give a safe URL for the report page (rename it "
            "with letters, digits and '-', or set slug:)"
        ))
    elif slug in RESERVED_SLUGS:
        err(("slug",) if "slug" in data else (), f"the name {slug!r} is reserved for the site itself (rename the file or set slug:)")

    _check_lengths(data, err)
    default_hib = data.get("higher_is_better", True) is not False
    benchmarks: list[Benchmark] = []
    seen: dict[str, int] = {}
    bench_forms: dict[str, tuple[str, int]] = {}
    declared_list = _list_of_dicts(data.get("benchmarks"))
    for i, entry in declared_list:
        if not isinstance(entry.get("name"), str):
            continue
        name = entry["name"].strip()
        if not name:
            err(("benchmarks", i, "name"), "benchmark name is blank (give it a name)")
            continue
        if len(name) > MAX_NAME_CHARS:
            continue  # _check_lengths reported it
        if name in seen:
            err(("benchmarks", i, "name"), f"duplicate benchmark name {name!r} (also benchmarks[{seen[name]}]; names must be unique)")
            continue
        if _lookalike(name, i, bench_forms, ("benchmarks", i, "name"), "benchmark", err, warn):
            continue
        seen[name] = i
        benchmarks.append(
            Benchmark(
                name=name,
                metric=entry.get("metric"),
                n=_count(entry.get("n")),
                higher_is_better=entry.get("higher_is_better", default_hib) is not False,
                description=entry.get("description"),
                unit=entry.get("unit"),
                released=entry.get("released"),
            )
        )

    model_list = _list_of_dicts(data.get("models"))

    precision = data.get("precision")
    if not isinstance(precision, int) or isinstance(precision, bool) or not 0 <= precision <= MAX_PRECISION:
        precision = _written_precision(doc)

    declared = [b.name for b in benchmarks]
    models: list[Model] = []
    model_seen: dict[str, int] = {}
    model_forms: dict[str, tuple[str, int]] = {}
    for i, entry in model_list:
        if not isinstance(entry.get("name"), str):
            continue
        name = entry["name"].strip()
        if not name:
            err(("models", i, "name"), "model name is blank (give it a name)")
            continue
        if len(name) > MAX_NAME_CHARS:
            continue  # _check_lengths reported it
        if name in model_seen:
            err(("models", i, "name"), (
                f"duplicate model name {name!r} (also models[{model_seen[name]}]); each model "
                "appears once per file: merge its scores or rename one"
            ))
            continue
        if _lookalike(name, i, model_forms, ("models", i, "name"), "model", err, warn):
            continue
        model_seen[name] = i
        scores: dict[str, Score] = {}
        raw_scores = entry.get("scores") if isinstance(entry.get("scores"), dict) else {}
        for bench, raw in raw_scores.items():
            loc = ("models", i, "scores", bench)
            if bench not in seen:
                hint = difflib.get_close_matches(bench, declared, n=1, cutoff=0.6)
                expected = f"did you mean {hint[0]!r}?" if hint else "declared: " + ", ".join(declared)
                err(loc, f"score for {bench!r}, which is not a declared benchmark ({expected})", key=True)
                continue
            value = raw.get("value") if isinstance(raw, dict) else raw
            stderr = raw.get("stderr") if isinstance(raw, dict) else None
            if not _is_number(value) or (stderr is not None and not _is_number(stderr)):
                continue  # the schema check reported it
            bad = False
            for what, number in (("score", value), ("stderr", stderr)):
                if number is not None and not math.isfinite(number):
                    err(loc, f"{what} for {bench!r} of {name!r} is {number!r} (expected a finite number; leave the benchmark out if there is no score)")
                    bad = True
                elif number is not None and abs(number) >= MAX_MAGNITUDE:
                    err(loc, (
                        f"{what} for {bench!r} of {name!r} is {number:g}, beyond ±1e15 (differences "
                        "this large cannot be computed exactly; rescale the metric)"
                    ))
                    bad = True
            if bad:
                continue
            scores[bench] = Score(
                value=float(value),
                display=format_number(value, precision),
                stderr=float(stderr) if stderr is not None else None,
            )
        models.append(
            Model(
                name=name,
                scores=scores,
                family=entry.get("family"),
                params=entry.get("params"),
                params_b=sizes.parse_params(entry.get("params")),
                url=entry.get("url"),
            )
        )

    y_range = data.get("y_range")
    if not (isinstance(y_range, list) and len(y_range) == 2 and all(_is_number(v) for v in y_range)):
        y_range = None
    if y_range is not None:
        if not all(math.isfinite(v) for v in y_range) or y_range[0] >= y_range[1]:
            err(("y_range",), f"y_range must be [min, max] with min < max, got {y_range}")
            return None
        y_range = (float(y_range[0]), float(y_range[1]))
        for i, model in enumerate(models):
            for bench, score in model.scores.items():
                if not y_range[0] <= score.value <= y_range[1]:
                    warn(("models", i, "scores", bench), (
                        f"{model.name} on {bench}: {score.display} is outside y_range "
                        f"[{format_number(y_range[0], precision)}, {format_number(y_range[1], precision)}] "
                        "(the bar is clamped and marked; widen y_range to draw it in full)"
                    ))
    for i, bench in enumerate(benchmarks):
        if not any(bench.name in m.scores for m in models):
            warn(("benchmarks", i), f"no model has a score for benchmark {bench.name!r}")

    if not schema_ok:
        return None  # the checks above have spoken; the rest trusts the schema's types
    source = _source(data.get("source"))
    return Report(
        slug=slug,
        path=doc.path,
        title=data["title"].strip(),
        benchmarks=tuple(benchmarks),
        models=tuple(models),
        precision=precision,
        description=data.get("description"),
        y_title=data.get("y_title"),
        y_range=y_range,
        higher_is_better=default_hib,
        interpretation=data.get("interpretation"),
        tolerance=data.get("tolerance", _default_tolerance(config, models, y_range, data.get("y_title"))),
        max_bars=data.get("max_bars", config.max_bars),
        source=source,
        order=data.get("order"),
    )


def _check_lengths(data: dict, err) -> None:
    """Names, titles and labels end up in the chart, where a 1 MB name takes minutes to lay
    out: each is capped, checked before any of that work."""
    def check(location: tuple, value) -> None:
        if isinstance(value, str) and len(value) > MAX_NAME_CHARS:
            err(location, f"{_where(location)} is {len(value):,} characters long, over the limit of {MAX_NAME_CHARS} (shorten it)")

    for key in ("title", "y_title"):
        check((key,), data.get(key))
    for group, keys in (("benchmarks", ("name", "metric")), ("models", ("name", "family", "params"))):
        for i, entry in _list_of_dicts(data.get(group)):
            for key in keys:
                check((group, i, key), entry.get(key))


def _lookalike(name: str, index: int, forms: dict[str, tuple[str, int]], location: tuple, kind: str, err, warn) -> bool:
    """Names a reader cannot tell apart: the same text in another Unicode form is an error
    (the legend would show two identical entries); a difference only in case is a warning.
    ``forms`` maps the NFC and case-folded forms of the names seen so far to (name, index)."""
    normal = unicodedata.normalize("NFC", name)
    folded = "\0" + normal.casefold()  # a separate key space from the NFC forms
    if normal in forms:
        other, at = forms[normal]
        err(location, (
            f"{kind} name {name!r} looks identical to {other!r} ({kind}s[{at}]) but is encoded "
            "differently (Unicode normalisation); type both the same way or rename one"
        ))
        return True
    if folded in forms:
        other, at = forms[folded]
        warn(location, f"{kind} name {name!r} differs from {other!r} ({kind}s[{at}]) only in case; is it the same {kind}?")
    forms.setdefault(normal, (name, index))
    forms.setdefault(folded, (name, index))
    return False


def _default_tolerance(config: SiteConfig, models: list[Model], y_range, y_title) -> float:
    """0.5 points suits percentages; on scores written as fractions (0.72) it would be 50
    percentage points and call nearly every gap a tie, so it becomes 0.005 there."""
    if config.tolerance_set:
        return config.tolerance
    values = [s.value for m in models for s in m.scores.values()]
    if values and proportion_scale(values, y_range, y_title) == 1.0:
        return config.tolerance / 100
    return config.tolerance


def _list_of_dicts(value) -> list[tuple[int, dict]]:
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)] if isinstance(value, list) else []


def _count(value) -> int | None:
    """``n: 1e3`` reads as 1000.0; anything not a whole number the schema has reported."""
    if _is_number(value) and math.isfinite(value) and float(value).is_integer():
        return int(value)
    return None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _written_precision(doc: Document) -> int:
    """The most decimals written in any score: "70.0" keeps one decimal although 70.0 == 70."""
    most = 0
    for location, raw in doc.raw_numbers.items():
        if len(location) >= 4 and location[0] == "models" and location[2] == "scores":
            if location[-1] == "stderr":
                continue
            text = raw.lower().replace("_", "")
            if "e" in text:
                mantissa, _, exponent = text.partition("e")
                decimals = len(mantissa.partition(".")[2]) - int(exponent or 0)
            else:
                decimals = len(text.partition(".")[2])
            most = max(most, decimals)
    return min(max(most, 0), MAX_PRECISION) if doc.raw_numbers else 1


def _source(data: dict | None) -> Source | None:
    if not data:
        return None
    settings = {
        str(model): {str(k): "" if v is None else str(v) for k, v in values.items()}
        for model, values in (data.get("models") or {}).items()
    }
    return Source(
        harness=data.get("harness"),
        version=data.get("version"),
        files=tuple(data.get("files") or ()),
        settings=settings,
        warnings=tuple(data.get("warnings") or ()),
    )


def slugify(text: str) -> str:
    """File stem -> URL segment: lowercase ASCII letters, digits and single dashes."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower())
    slug = re.sub(r"-{2,}", "-", slug).strip("-.")
    return slug


_PARAMS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmbt])?\s*$", re.IGNORECASE)


def parse_params(text: str | None) -> float | None:
    """ "32B" -> 32.0, "1.5B" -> 1.5, "350M" -> 0.35 (billions); anything else -> None."""
    if not text:
        return None
    match = _PARAMS.match(str(text))
    if not match:
        return None
    scale = {"k": 1e-6, "m": 1e-3, "b": 1.0, "t": 1e3, None: 1.0}[(match.group(2) or "").lower() or None]
    return float(match.group(1)) * scale


# --- pages and static files ---------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)
_PAGE_KEYS = ("title", "order", "slug")


def _load_pages(content: Path, problems: Problems, config: SiteConfig) -> list[Page]:
    folder = content / "pages"
    if not folder.is_dir():
        return []
    pages = []
    for path in sorted(folder.glob("*.md")):
        display = _display(path, content)
        if CONTROL_CHARACTERS.search(display):
            problems.error(display.encode("unicode_escape").decode("ascii"), 0, 0, "the file name holds a control character (rename the file)")
            continue
        if _unsafe(path, content, problems):
            continue
        text = read_text(path, display, problems)
        if text is None:
            continue
        meta: dict = {}
        body = text
        match = _FRONT_MATTER.match(text)
        if not match and re.match(r"---[ \t]*\r?\n", text):
            problems.error(display, 1, 1, "front matter opened with '---' is never closed (add a line '---' after it)")
            continue
        if match:
            doc = parse_yaml(match.group(1), display, problems, line_offset=1)
            if doc is None:
                continue
            if doc.data is not None and not isinstance(doc.data, dict):
                problems.error(display, 2, 1, "front matter must be a mapping (title: ..., order: ...)")
                continue
            meta = doc.data or {}
            body = text[match.end():]
            bad = False
            for key in meta:
                if key not in _PAGE_KEYS:
                    hint = difflib.get_close_matches(key, _PAGE_KEYS, n=1)
                    expected = f"did you mean {hint[0]!r}?" if hint else "allowed: " + ", ".join(_PAGE_KEYS)
                    problems.error(display, *doc.key_at((key,)), f"unknown front-matter key {key!r} ({expected})")
                    bad = True
            order = meta.get("order", 0)
            if isinstance(order, bool) or not isinstance(order, (int, float)) or not math.isfinite(order):
                problems.error(display, *doc.at(("order",)), f"order must be a number, got {_describe(order)}")
                bad = True
            title = meta.get("title")
            if title is not None and not isinstance(title, str):
                problems.error(display, *doc.at(("title",)), f"title must be text, got {_describe(title)}")
                bad = True
            if bad:
                continue
        title = meta.get("title") or _first_heading(body) or path.stem.replace("-", " ").capitalize()
        if len(title) > MAX_NAME_CHARS:
            problems.error(display, *(doc.at(("title",)) if "title" in meta else (0, 0)),
                           f"page title is {len(title):,} characters long, over the limit of {MAX_NAME_CHARS} (shorten it)")
            continue
        slug = meta.get("slug") or slugify(path.stem)
        where = doc.at(("slug",)) if "slug" in meta else (0, 0)
        if not isinstance(slug, str) or not slug or not _SLUG_OK.match(slug) or ".." in slug:
            if "slug" in meta:
                problems.error(display, *where, (
                    f"slug {slug!r} is not a safe URL segment (expected lowercase letters, digits, "
                    "'.', '_' or '-', starting with a letter or digit)"
                ))
            else:
                problems.error(display, 0, 0, f"page name {path.name!r} does not give a safe URL (rename it with letters, digits and '-', or set slug:)")
            continue
        if slug in RESERVED_SLUGS:
            problems.error(display, *where, f"the name {slug!r} is reserved for the site itself (rename the page or set another slug:)")
            continue
        pages.append(Page(slug=slug, path=display, title=str(title).strip(), order=float(meta.get("order", 0)), markdown=body))
    pages.sort(key=lambda p: (p.order, p.title.casefold(), p.slug))
    return pages


def _first_heading(markdown_text: str) -> str | None:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", markdown_text, re.M)
    return match.group(1) if match else None


ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".xml", ".xsl", ".xslt"})


def _list_static(content: Path, problems: Problems, config: SiteConfig) -> list[str]:
    folder = content / "static"
    if not folder.is_dir():
        return []
    files = []
    for path, problem in paths.walk(folder, content):
        if problem:
            problems.error(_display(path, content), 0, 0, problem)
            continue
        if path.suffix.lower() in ACTIVE_SUFFIXES and not config.static_scripts:
            problems.error(_display(path, content), 0, 0, (
                f"a {path.suffix} file can run script on the site when opened; static/ takes images, "
                "fonts, PDFs and data (convert it, e.g. SVG to PNG, or set static_scripts: true in "
                "site.yaml if every contributor is trusted)"
            ))
        files.append(path.relative_to(folder).as_posix())
    return files


def _unsafe(path: Path, content: Path, problems: Problems, kind: str = "file") -> bool:
    """Record why ``path`` may not be read (a link leaving CONTENT, a folder or FIFO where a
    file belongs); a missing folder is simply absent."""
    if kind == "dir" and not (path.exists() or path.is_symlink()):
        return False
    problem = paths.problem(path, content, kind)
    if problem:
        problems.error(_display(path, content), 0, 0, problem)
    return problem is not None


def _check_collisions(reports: list[Report], pages: list[Page], static: list[str], problems: Problems) -> None:
    owners: dict[str, str] = {}
    for item in [*reports, *pages]:
        if item.slug in owners:
            problems.error(item.path, 0, 0, f"gives the same URL /{item.slug}/ as {owners[item.slug]} (rename one, or set slug:)")
        else:
            owners[item.slug] = item.path
    generated_top = {"index.html", "404.html", "assets", "schema", "sitemap.xml", "robots.txt", ".nojekyll", ".benchboard-build"}
    for rel in static:
        top = rel.split("/", 1)[0]
        if top in generated_top or top in owners:
            problems.error(f"static/{rel}", 0, 0, "would overwrite a file the site generates (rename or move it)")
