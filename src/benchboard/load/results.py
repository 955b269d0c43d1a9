"""Result files: one YAML comparison -> a validated ``model.Report``, every problem at once.

Checks a schema cannot express (duplicates, undeclared benchmarks, NaN, look-alike names, paths
leaving OUT) follow the schema check in plain code, and run even on a file with schema errors,
so one run lists everything. Valid files are cached by content (cache.py).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace
from pathlib import Path

from benchboard.load import cache as report_cache
from benchboard.load import dates, sizes
from benchboard.errors import ContentError, Problems
from benchboard.model import (MAX_NAME_CHARS, Benchmark, Model, Report, Score, SiteConfig, Source, format_number, looks_blank,
                              invisible_characters, name_form, proportion_scale, token_kind, visible_form)
from benchboard.load.paths import display_path
from benchboard.load.slugs import RESERVED_SLUGS, SLUG_OK, slugify, suggest
from benchboard.load.validate import check_schema, where
from benchboard.load.yamlsource import CONTROL_CHARACTERS, Document, parse_yaml, read_text


MAX_MODELS = 10_000


MAX_BENCHMARKS = 200
# Scores on the whole site, over all reports: a site holds ~6 KB of page data per score (80,000
# at 1,000 reports build in ~0.5 GB); ten files of 10,000 models each took 3 GB and four
# minutes, and a few more would exhaust a CI runner's memory. Past this the build stops at the
# file that crosses it.
MAX_SITE_SCORES = 200_000


MAX_PRECISION = 6


MAX_MAGNITUDE = 1e15  # scores beyond this lose their decimals in float arithmetic


MAX_CACHED_BYTES = 1024 * 1024  # bigger files are re-read each time (they are rare and few)




def cached_load(path: Path, content: Path, problems: Problems, config: SiteConfig) -> Report | None:
    """load_report_file, answered from the cache for a file seen before with the same bytes."""
    display = display_path(path, content)
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
    display = display_path(path, content)
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
            valid = check_schema(doc, "result", problems)
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


def _build_report(
    doc: Document, path: Path, problems: Problems, config: SiteConfig, schema_ok: bool
) -> Report | None:
    data = doc.data
    err = lambda loc, msg, key=False: problems.error(doc.path, *(doc.key_at(loc) if key else doc.at(loc)), msg)  # noqa: E731
    warn = lambda loc, msg: problems.warning(doc.path, *doc.at(loc), msg)  # noqa: E731

    slug = data.get("slug") if isinstance(data.get("slug"), str) else slugify(path.stem)
    if "slug" in data and not (slug and SLUG_OK.match(slug) and ".." not in slug):
        if ".." in str(slug):
            err(("slug",), f"slug {slug!r} would put the page outside the output directory (use a plain name)")
    elif not slug or not SLUG_OK.match(slug) or ".." in slug:
        err((), (
            f"file name {path.name!r} does not give a safe URL for the report page (rename it "
            "with letters, digits and '-', or set slug:)"
        ))
    elif slug in RESERVED_SLUGS:
        err(("slug",) if "slug" in data else (), f"the name {slug!r} is reserved for the site itself (rename the file or set slug:)")

    _check_lengths(data, err)
    _published_tokens(data, warn)
    default_hib = data.get("higher_is_better", True) is not False
    benchmarks: list[Benchmark] = []
    seen: dict[str, int] = {}
    bench_forms: dict[str, tuple[str, int]] = {}
    declared_list = _list_of_dicts(data.get("benchmarks"))
    for i, entry in declared_list:
        if not isinstance(entry.get("name"), str):
            continue
        name = name_form(entry["name"])
        if looks_blank(name):
            err(("benchmarks", i, "name"), "benchmark name is blank (give it a name)")
            continue
        if len(name) > MAX_NAME_CHARS:
            continue  # _check_lengths reported it
        if name in seen:
            err(("benchmarks", i, "name"), (
                f"duplicate benchmark name {name!r} ({_also(doc, 'benchmarks', seen[name], entry['name'])}; "
                "names must be unique)"))
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
                where=_positions(doc, ("benchmarks", i), entry),
            )
        )

    model_list = _list_of_dicts(data.get("models"))

    # Each column's decimals, decided once here: the file's `precision:` for every column, else
    # the most decimals written in that column's scores ("80.0" beside "0.41": 1 and 2), so a
    # score is one string (Score.display) in the table, the chart, the text and the data files.
    precision = data.get("precision")
    if not isinstance(precision, int) or isinstance(precision, bool) or not 0 <= precision <= MAX_PRECISION:
        written = _written_precisions(doc)
        precision = min(max(written.values(), default=0), MAX_PRECISION) if doc.raw_numbers else 1
        benchmarks = [replace(b, precision=min(written.get(b.name, precision), MAX_PRECISION)) for b in benchmarks]
    else:
        benchmarks = [replace(b, precision=precision) for b in benchmarks]
    decimals = {b.name: b.precision for b in benchmarks}

    declared = [b.name for b in benchmarks]
    report_date = _date_at(data, ("date",), "", err)
    run_dates = _by_name((data.get("source") or {}).get("models")) if isinstance(data.get("source"), dict) else {}
    models: list[Model] = []
    model_seen: dict[str, int] = {}
    model_forms: dict[str, tuple[str, int]] = {}
    for i, entry in model_list:
        if not isinstance(entry.get("name"), str):
            continue
        name = name_form(entry["name"])
        if looks_blank(name):
            err(("models", i, "name"), "model name is blank (give it a name)")
            continue
        if len(name) > MAX_NAME_CHARS:
            continue  # _check_lengths reported it
        if name in model_seen:
            err(("models", i, "name"), (
                f"duplicate model name {name!r} ({_also(doc, 'models', model_seen[name], entry['name'])}); each model "
                "appears once per file: merge its scores or rename one"
            ))
            continue
        if _lookalike(name, i, model_forms, ("models", i, "name"), "model", err, warn):
            continue
        model_seen[name] = i
        run = run_dates.get(name)
        model_date = (_date_at(entry, ("models", i, "date"), f" of {name!r}", err)
                      or dates.run_day(run.get("date") if isinstance(run, dict) else None) or report_date)
        scores: dict[str, Score] = {}
        keys: dict[str, object] = {}  # benchmark -> the key its score was written under
        raw_scores = entry.get("scores") if isinstance(entry.get("scores"), dict) else {}
        for key, raw in raw_scores.items():
            loc = ("models", i, "scores", key)
            bench = name_form(str(key))
            if bench not in seen:
                expected = suggest(bench, declared, "declared", None)
                err(loc, f"score for {key!r}, which is not a declared benchmark ({expected})", key=True)
                continue
            if bench in keys:
                err(loc, (
                    f"a second score for {bench!r} of {name!r} (written {key!r} here, {keys[bench]!r} at line "
                    f"{doc.key_at(('models', i, 'scores', keys[bench]))[0]}; white space counts as one space): keep one"), key=True)
                continue
            keys[bench] = key
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
                display=format_number(value, decimals[bench]),
                stderr=float(stderr) if stderr is not None else None,
                date=(_date_at(raw, loc + ("date",), f" of {name!r} on {bench!r}", err)
                      if isinstance(raw, dict) else None) or model_date,
            )
        models.append(
            Model(
                name=name,
                scores=scores,
                family=entry.get("family"),
                params=entry.get("params"),
                params_b=sizes.parse_params(entry.get("params")),
                url=entry.get("url"),
                where=_positions(doc, ("models", i), entry),
            )
        )

    y_range = data.get("y_range")
    if not (isinstance(y_range, list) and len(y_range) == 2 and all(_is_number(v) for v in y_range)):
        y_range = None
    if y_range is not None:
        if not all(math.isfinite(v) for v in y_range) or y_range[0] >= y_range[1]:
            err(("y_range",), f"y_range must be [min, max] with min < max, got {y_range}")
            return None
        if y_range[1] - y_range[0] < MIN_Y_SPAN * max(1.0, abs(y_range[0]), abs(y_range[1])):
            err(("y_range",), f"y_range {y_range} is too narrow to draw an axis on (its gridlines could not be told "
                              "apart); widen it or leave y_range out to let the chart choose")
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
    if isinstance(data.get("precision"), int) and data.get("precision") == precision:
        _check_declared_precision(benchmarks, models, precision, warn)

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
        tolerance_declared="tolerance" in data or config.tolerance_set,
        citation=data.get("citation"),
        date=report_date,
    )


def _also(doc: Document, group: str, first: int, written: str) -> str:
    """Where the first of two entries with one name stands, and both spellings when white space
    made them one name (`Foo  Bar` after `Foo Bar`), so the author can find and fix both."""
    line = doc.at((group, first, "name"))[0]
    other = doc.data[group][first]["name"]
    spelled = f"; written {written!r} here and {other!r} there, and white space counts as one space" if other != written else ""
    return f"also {group}[{first}] at line {line}{spelled}"


def _by_name(runs) -> dict:
    """`source.models` keyed by the names as the models are kept (name_form), so a run is found
    whatever white space its key was written with; the first of two keys that become one wins."""
    if not isinstance(runs, dict):
        return {}
    found: dict = {}
    for model, values in runs.items():
        found.setdefault(name_form(str(model)), values)
    return found


def _date_at(mapping: dict, location: tuple, what: str, err) -> str | None:
    """A `date:` of the file, a model or a score as YYYY-MM-DD; a bad one is an error at its line."""
    if not isinstance(mapping.get("date"), str):
        return None  # absent, or not text: the schema check reported it
    wrong = dates.problem(mapping["date"], what)
    if wrong:
        err(location, wrong)
        return None
    return dates.run_day(mapping["date"])


def _check_lengths(data: dict, err) -> None:
    """Names, titles and labels end up in the chart, where a 1 MB name takes minutes to lay
    out: each is capped, checked before any of that work."""
    def check(location: tuple, value) -> None:
        if isinstance(value, str) and len(value) > MAX_NAME_CHARS:
            err(location, f"{where(location)} is {len(value):,} characters long, over the limit of {MAX_NAME_CHARS} (shorten it)")

    for key in ("title", "y_title"):
        check((key,), data.get(key))
    for group, keys in (("benchmarks", ("name", "metric")), ("models", ("name", "family", "params"))):
        for i, entry in _list_of_dicts(data.get(group)):
            for key in keys:
                check((group, i, key), entry.get(key))


def _published_tokens(data: dict, warn) -> None:
    """A run setting shaped like a well-known token (model.TOKEN_KINDS: a Hugging Face token, an
    API key) would be published on the model pages, the report and api/scores.json: warned at its line."""
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    models = source.get("models") if isinstance(source.get("models"), dict) else {}
    for model, settings in models.items():
        for key, value in (settings.items() if isinstance(settings, dict) else ()):
            kind = token_kind(value) if isinstance(value, str) else None
            if kind:
                warn(("source", "models", model, key), f"source.models.{model}.{key} holds a value shaped like {kind}; "
                     "remove it: this site publishes run settings (and revoke the token if a build with it was published)")


def _lookalike(name: str, index: int, forms: dict[str, tuple[str, int]], location: tuple, kind: str, err, warn) -> bool:
    """Names a reader cannot tell apart: the same text in another Unicode form is an error
    (the legend would show two identical entries); a difference only in case is a warning.
    ``forms`` maps the NFC and case-folded forms of the names seen so far to (name, index)."""
    normal = unicodedata.normalize("NFC", name)
    seen = "\1" + visible_form(name)  # keys apart from the NFC and folded forms
    folded = "\0" + seen[1:].casefold()
    if normal in forms:
        other, at = forms[normal]
        err(location, (
            f"{kind} name {name!r} looks identical to {other!r} ({kind}s[{at}]) but is encoded "
            "differently (Unicode normalisation); type both the same way or rename one"
        ))
        return True
    if seen in forms:
        other, at = forms[seen]
        hidden = ", ".join(f"U+{ord(c):04X}" for c in invisible_characters(name + other))
        err(location, (
            f"{kind} name {name!r} looks identical to {other!r} ({kind}s[{at}]): they differ only in "
            f"characters that draw nothing ({hidden}); remove them, or rename one"
        ))
        return True
    if folded in forms:
        other, at = forms[folded]
        warn(location, f"{kind} name {name!r} differs from {other!r} ({kind}s[{at}]) only in case; is it the same {kind}?")
    forms.setdefault(normal, (name, index))
    forms.setdefault(seen, (name, index))
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


def _positions(doc: Document, location: tuple, entry: dict) -> dict[str, tuple[int, int]]:
    """Where each key of an entry stands (and "" for the entry itself), kept on the model so a
    later message (the registries') can be placed without parsing the file again."""
    found = {"": doc.at(location)}
    for key in entry:
        if isinstance(key, str):
            found[key] = doc.at((*location, key))
    return found


def _list_of_dicts(value) -> list[tuple[int, dict]]:
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)] if isinstance(value, list) else []


MIN_Y_SPAN = 1e-9  # a y_range narrower than this (relative to its ends) has no drawable gridlines


def _count(value) -> int | None:
    """``n: 1e3`` reads as 1000.0; anything not a whole number the schema has reported."""
    if _is_number(value) and math.isfinite(value) and float(value).is_integer():
        return int(value)
    return None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_declared_precision(benchmarks, models, precision: int, warn) -> None:
    """`precision:` applies to every column; where it rounds a column's scores out of shape
    (0.81 and 0.55 at `precision: 0` both read 1, 0.2 reads 0: their gaps, intervals and ties
    then rest on numbers that are not the scores), the author hears of it at `precision`."""
    for bench in benchmarks:
        scores = [m.scores[bench.name] for m in models if bench.name in m.scores]
        if not scores:
            continue
        span = max(s.value for s in scores) - min(s.value for s in scores)
        lost = [s for s in scores if abs(s.shown - s.value) > 0.1 * max(abs(s.value), span)]
        if lost:
            shown = ", ".join(f"{format_number(s.value, MAX_PRECISION).rstrip('0').rstrip('.')} as {s.display}" for s in lost[:3])
            warn(("precision",), f"precision: {precision} shows {bench.name}'s scores far from their values ({shown}"
                                 f"{', …' if len(lost) > 3 else ''}); raise precision, or leave it out to show each column "
                                 "with the decimals its scores are written with")


def _written_precisions(doc: Document) -> dict[str, int]:
    """Per column (its key under `scores`), the most decimals written in its scores: "70.0"
    keeps one decimal although 70.0 == 70; "1200" has none. A column without scores is absent."""
    most: dict[str, int] = {}
    for location, raw in doc.raw_numbers.items():
        if len(location) >= 4 and location[0] == "models" and location[2] == "scores":
            if location[-1] == "stderr":
                continue
            text = raw.lower().replace("_", "")
            if "e" in text:
                mantissa, _, exponent = text.partition("e")
                sign = -1 if exponent.startswith("-") else 1
                digits = exponent.lstrip("+-").lstrip("0") or "0"  # "1e-000…01" (int() converts at most 4,300 digits)
                power = sign * int(digits) if len(digits) < 20 else 0  # (a longer one read as 0 or refused as out of range)
                decimals = len(mantissa.partition(".")[2]) - power
            else:
                decimals = len(text.partition(".")[2])
            column = name_form(str(location[3]))
            most[column] = max(most.get(column, 0), decimals, 0)
    return most


def _source(data: dict | None) -> Source | None:
    if not data:
        return None
    settings = {
        model: {str(k): "" if v is None else str(v) for k, v in values.items()}
        for model, values in _by_name(data.get("models")).items()
    }
    return Source(
        harness=data.get("harness"),
        version=data.get("version"),
        files=tuple(data.get("files") or ()),
        settings=settings,
        warnings=tuple(data.get("warnings") or ()),
    )
