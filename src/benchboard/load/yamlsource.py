"""Read YAML safely and remember where every value came from.

PyYAML's loaders drop source positions and happily expand billion-laughs aliases, accept
duplicate keys and construct tagged objects. We compose the node graph (C parser when
available) and convert it ourselves, so every value keeps its line and column, duplicate keys
and foreign tags are errors, and alias expansion is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from benchboard.load import paths
from benchboard.errors import Problems
from benchboard.model import BIDI_CONTROLS, CONTROL_CHARACTERS  # noqa: F401  (the loaders read it from here)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 5 * 1024 * 1024  # a 5,000-model x 10-benchmark file is about 1.5 MB
MAX_NODES = 1_000_000  # values after alias expansion; bounds billion-laughs documents
MAX_DEPTH = 64  # nesting of lists and mappings; a result file needs 5, recursion fails near 500

# Fields whose scalar values are text even when they look like numbers ("name: 2024").
TEXT_FIELDS = frozenset(
    {"title", "description", "y_title", "name", "family", "params", "metric", "url", "slug"}
)

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
# Characters XML 1.0 forbids: they cannot appear in the SVG chart or the HTML, so refuse them
# at the source rather than let a renderer abort on them. Unpaired surrogates cannot come from
# YAML, but JSON can spell them ("\ud800"), and the importer shares this rule.
_EXPONENT_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$")
_YAML11_ONLY = re.compile(r"[:_]|^[-+]?0b")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")
_constructor = SafeConstructor()
_resolver = Resolver()

Path_ = tuple  # a location inside the document: keys and list indices


@dataclass
class Document:
    """A parsed YAML document: plain Python data plus a position for every value and key."""

    data: object
    path: str
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    raw_numbers: dict[tuple, str] = field(default_factory=dict)
    rejected: set[tuple] = field(default_factory=set)  # values already reported as errors

    def at(self, location: tuple) -> tuple[int, int]:
        """Position of the value at ``location``, or of its nearest parent that has one."""
        while location not in self.positions and location:
            location = location[:-1]
        return self.positions.get(location, (1, 1))

    def key_at(self, location: tuple) -> tuple[int, int]:
        return self.key_positions.get(location) or self.at(location)


def _unreadable(event, tag: str) -> str:
    """What is wrong with a value its tag (``!!bool``, ``!!int``, ``!!float``, written or
    implied) cannot read, and the fix."""
    text = event.value[:40]
    untag = f", or remove the tag {tag.replace(_TAG, '!!')}" if event.tag not in (None, "!") else ""
    if tag == f"{_TAG}bool":
        return f"cannot read {text!r} as true or false (write true or false{untag})"
    return f"cannot read {text!r} as a number (write a number such as 12 or 0.5{untag})"


class _TooLarge(Exception):
    pass


class _TooDeep(Exception):
    pass


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """Read a UTF-8 regular file within the size bound; report the first bad byte with its
    position. (Whether the path may be read at all is paths.problem's question, asked first.)"""
    try:
        data = paths.read_regular(path, MAX_FILE_BYTES)
    except paths.TooLarge as exc:
        problems.error(
            display,
            0,
            0,
            f"file is {exc.size / 1e6:.1f} MB, over the {MAX_FILE_BYTES // (1024 * 1024)} MiB limit "
            "for one content file (split the comparison into several result files)",
        )
        return None
    except paths.Unreadable as exc:
        problems.error(display, 0, 0, str(exc))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.error(
            display,
            line,
            col,
            f"invalid UTF-8 byte 0x{data[exc.start]:02x} (save the file as UTF-8)",
        )
        return None
    return text.removeprefix("\ufeff")


def parse_yaml(text: str, display: str, problems: Problems, line_offset: int = 0) -> Document | None:
    """Parse one YAML document; on failure record a problem and return None."""
    doc = Document(data=None, path=display)
    builder = _Builder(doc, problems, line_offset)
    try:
        doc.data = builder.build(yaml.parse(text, Loader=Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.error(display, line + line_offset, col, _explain_yaml_error(exc, text, mark))
        return None
    except yaml.YAMLError as exc:
        problems.error(display, 1 + line_offset, 1, f"not valid YAML: {exc}")
        return None
    except _TooDeep as exc:
        line, col = exc.args
        problems.error(display, line, col, f"values nested more than {MAX_DEPTH} levels deep (flatten the structure)")
        return None
    except _TooLarge:
        problems.error(
            display,
            1 + line_offset,
            1,
            f"document expands to more than {MAX_NODES:,} values (YAML aliases expanding "
            "exponentially?); write the values out or split the file",
        )
        return None
    return doc


def _explain_yaml_error(exc: yaml.MarkedYAMLError, text: str, mark) -> str:
    problem = exc.problem or str(exc)
    at = text.splitlines()[mark.line][mark.column:mark.column + 1] if mark and mark.line < len(text.splitlines()) else ""
    if at == "\t" or "'\\t'" in problem:
        return "tab character in indentation (YAML indents with spaces: replace the tab with spaces)"
    context = f" {exc.context}" if exc.context else ""
    return f"not valid YAML: {problem}{context}"


class _Builder:
    """Builds Python values straight from parser events (faster than composing nodes).

    Aliases reuse the anchored value; their expanded size still counts toward MAX_NODES, so a
    billion-laughs document is refused before anything walks it.
    """

    def __init__(self, doc: Document, problems: Problems, line_offset: int):
        self.doc = doc
        self.problems = problems
        self.offset = line_offset
        self.count = 0
        self.anchors: dict[str, tuple[object, int]] = {}  # anchor -> (value, expanded size)

    def _pos(self, event) -> tuple[int, int]:
        return event.start_mark.line + 1 + self.offset, event.start_mark.column + 1

    def _fail(self, event, message: str, location: tuple) -> None:
        self.problems.error(self.doc.path, *self._pos(event), message)
        self.doc.rejected.add(location)

    def _add(self, size: int) -> None:
        self.count += size
        if self.count > MAX_NODES:
            raise _TooLarge

    def build(self, events):
        events = iter(events)
        data = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                if data is not None or self.count:
                    raise yaml.YAMLError("more than one document in the file (remove the '---' separators)")
                data, _ = self._value(next(events), events, (), None)
        return data

    def _value(self, event, events, location: tuple, key: str | None):
        """Returns (value, expanded size) for the value starting at ``event``."""
        self.doc.positions[location] = self._pos(event)
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                self._fail(event, f"unknown alias *{event.anchor}", location)
                return None, 1
            value, size = self.anchors[event.anchor]
            self._add(size)
            return value, size
        self._add(1)
        if len(location) >= MAX_DEPTH and isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            raise _TooDeep(*self._pos(event))
        if isinstance(event, yaml.MappingStartEvent):
            value, size = self._mapping(event, events, location)
        elif isinstance(event, yaml.SequenceStartEvent):
            value, size = self._sequence(event, events, location)
        else:
            value, size = self._scalar(event, location, key), 1
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        return value, size

    def _check_tag(self, event, expected: str, location: tuple) -> bool:
        if event.tag is None or event.tag in ("!", f"{_TAG}{expected}"):
            return True
        self._fail(event, f"YAML tag {event.tag!r} is not allowed (remove the tag; plain values only)", location)
        return False

    def _sequence(self, start, events, location: tuple):
        ok = self._check_tag(start, "seq", location)
        items, size = [], 1
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                break
            value, n = self._value(event, events, location + (len(items),), None)
            items.append(value)
            size += n
        return (items if ok else None), size

    def _mapping(self, start, events, location: tuple):
        ok = self._check_tag(start, "map", location)
        result: dict = {}
        size = 1
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                break
            if not isinstance(event, yaml.ScalarEvent):
                self._fail(event, "a key must be plain text, not a list or mapping", location)
                self._skip(event, events)
                self._skip(next(events), events)
                continue
            key = event.value
            value_event = next(events)
            if not self._text_ok(event, key, location):
                self._skip(value_event, events)
                continue
            if key == "<<" and event.implicit[0]:
                self._fail(event, "YAML merge keys ('<<') are not supported (write the keys out)", location)
                self._skip(value_event, events)
                continue
            if key in result:
                first = self.doc.key_positions.get(location + (key,), (0, 0))[0]
                self._fail(event, f"duplicate key {key!r} (first used on line {first}; keep one)", location + (key,))
                self._skip(value_event, events)
                continue
            self.doc.key_positions[location + (key,)] = self._pos(event)
            value, n = self._value(value_event, events, location + (key,), key)
            result[key] = value
            size += n
        return (result if ok else None), size

    def _skip(self, event, events) -> None:
        depth = 1 if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) else 0
        while depth:
            event = next(events)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1

    def _text_ok(self, event, text: str, location: tuple) -> bool:
        bad = CONTROL_CHARACTERS.search(text)
        if bad and bad.group() in BIDI_CONTROLS:
            self._fail(event, (
                f"bidirectional control character U+{ord(bad.group()):04X} in {text[:40]!r} (remove it: "
                "it reverses the text shown after it, so a page would not say what the file says)"
            ), location)
        elif bad:
            self._fail(event, (
                f"control character U+{ord(bad.group()):04X} in {text[:40]!r} (remove it: "
                "text may hold tabs and line breaks but no other control characters)"
            ), location)
        return not bad

    def _scalar(self, event, location: tuple, key: str | None):
        plain = event.implicit[0]
        if event.tag is not None and event.tag != "!":
            tag = event.tag
            if tag not in _SCALAR_TAGS:
                self._fail(event, f"YAML tag {tag!r} is not allowed (remove the tag; plain values only)", location)
                return None
        elif plain:
            tag = _resolver.resolve(ScalarNode, event.value, (True, False))
            if tag == f"{_TAG}str" and _EXPONENT_FLOAT.match(event.value):
                tag = f"{_TAG}float"  # YAML 1.2 reads 1e-2 and 5e1 as numbers; PyYAML's 1.1 rules don't
            elif tag in (f"{_TAG}int", f"{_TAG}float") and _YAML11_ONLY.search(event.value):
                tag = f"{_TAG}str"  # 1:30 (base 60), 1_000, 0b101: numbers only in YAML 1.1
            elif tag == f"{_TAG}int" and _LEADING_ZERO.match(event.value):
                if key in TEXT_FIELDS:
                    return event.value
                try:
                    value = int(event.value, 10)  # YAML 1.2: 010 is ten, not octal eight
                except ValueError:  # over Python's 4,300 digits for a conversion
                    value = None
                if not self._float_ok(event, value, location):
                    return None
                self.doc.raw_numbers[location] = event.value
                return value if key not in TEXT_FIELDS else event.value
        else:
            return event.value if self._text_ok(event, event.value, location) else None  # quoted: text
        if tag in (f"{_TAG}str", f"{_TAG}timestamp"):
            return event.value if self._text_ok(event, event.value, location) else None
        if key in TEXT_FIELDS and tag in (f"{_TAG}int", f"{_TAG}float"):
            return event.value  # "name: 2024" stays "2024", as written
        node = ScalarNode(tag, event.value)
        try:
            if tag == f"{_TAG}null":
                return None
            if tag == f"{_TAG}bool":
                return _constructor.construct_yaml_bool(node)
            if tag == f"{_TAG}int":
                value = _constructor.construct_yaml_int(node)
            else:
                value = _constructor.construct_yaml_float(node)
        except ValueError as exc:
            if tag == f"{_TAG}int" and "Exceeds the limit" in str(exc):  # over Python's 4,300 digits for a conversion
                value = None
            else:
                self._fail(event, _unreadable(event, tag), location)
                return None
        except (ConstructorError, KeyError, IndexError, TypeError, OverflowError):
            # an explicit tag on text that is not of its kind: PyYAML's constructors raise
            # KeyError for "!!bool foo" and IndexError for "!!int ''", "!!int '-'", "!!float ''"
            self._fail(event, _unreadable(event, tag), location)
            return None
        if (value is None or type(value) is int) and not self._float_ok(event, value, location):
            return None
        self.doc.raw_numbers[location] = event.value
        return value

    def _float_ok(self, event, value: int | None, location: tuple) -> bool:
        """Every number is read as a float somewhere (a score, n, a range, a page's order): an
        integer past the largest float (~1.8e308, 309 digits) cannot be, and would stop the
        build with an OverflowError far from its line; ``value`` None: one too long for Python
        to convert at all (over 4,300 digits). Refused here, where its line is known."""
        try:
            if value is None:
                raise OverflowError
            float(value)
        except OverflowError:
            self._fail(event, f"the number on this line ({len(event.value.lstrip('+-'))} characters) is too large to read as a "
                              "number; write a value below 1e308 (scores are limited to ±1e15)", location)
            return False
        return True
