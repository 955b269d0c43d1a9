"""Validate a parsed YAML document against the JSON Schemas in ``schemas/``.

The schemas are the single description of the format: editors use them for completion and
this module checks documents against them, translating each schema error into
``path:line:col: what is wrong (what was expected)`` for every file the loaders read.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources

import jsonschema

from benchboard.errors import Problems
from benchboard.load.slugs import suggest
from benchboard.load.yamlsource import Document


@cache
def schema(name: str) -> dict:
    return json.loads(resources.files("benchboard").joinpath(f"schemas/{name}.schema.json").read_text())


@cache
def _python_pattern(pattern: str) -> re.Pattern:
    """A schema pattern with JSON Schema's (ECMA-262) meaning in Python: "$" matches only at the
    very end. Python's "$" also matches before a final newline, so "base\\n" passed a slug
    pattern and a URL ending in a newline split a robots.txt line."""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def pattern_matches(pattern: str, text: str) -> bool:
    """Whether ``text`` matches a schema ``pattern`` (searched, as JSON Schema does)."""
    return _python_pattern(pattern).search(text) is not None


def _pattern(validator, pattern, instance, _schema):
    if validator.is_type(instance, "string") and not pattern_matches(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    return _Validator(schema(name))


_TYPE_WORDS = {
    "object": "a mapping (key: value)",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
}


def describe(value) -> str:
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


def where(location: tuple) -> str:
    parts = []
    for part in location:
        parts.append(f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else str(part)))
    return "".join(parts) or "the top level"


def check_schema(doc: Document, name: str, problems: Problems) -> bool:
    if not isinstance(doc.data, dict):
        line, col = doc.at(())
        problems.error(
            doc.path, line, col,
            f"the top level must be a mapping of keys (title:, ...), not {describe(doc.data)}",
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
            problems.error(doc.path, *doc.at(location), f"{where(location)} is {raw!r} (expected a finite number)")
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
    field = where(location)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(allowed)):
            expected = suggest(key, allowed, "allowed", None)
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
            f"got {describe(error.instance)}" + _number_hint(error.instance)
        ), False
        return
    if error.validator == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else expected[0]
        yield location, (
            f"{field} must be {_TYPE_WORDS.get(expected, expected)}, got {describe(error.instance)}"
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
        "url": "an absolute http(s) URL such as https://example.org/page, without spaces, quotes or < >",
        "slug": "lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
        "language": "a language tag such as en or en-GB",
        "title": "text that is not only spaces",
    }.get(last, _TRUSTED_HINTS.get(location[-2] if len(location) > 1 else "",
                                   "a colour like #0072B2" if "palette" in location else "see the schema"))


_TRUSTED_HINTS = {
    "static_types": "an extension such as .mp4",
    "static_files": "a path under static/ such as CNAME, without control characters",
}
