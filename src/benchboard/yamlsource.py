"""Read YAML safely and remember where every value came from.

PyYAML's loaders drop source positions and happily expand billion-laughs aliases, accept
duplicate keys and construct tagged objects. We compose the node graph (C parser when
available) and convert it ourselves, so every value keeps its line and column, duplicate keys
and foreign tags are errors, and alias expansion is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from benchboard.errors import Problems

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 5 * 1024 * 1024  # a 5,000-model x 10-benchmark file is about 1.5 MB
MAX_NODES = 1_000_000  # values after alias expansion; bounds billion-laughs documents

# Fields whose scalar values are text even when they look like numbers ("name: 2024").
TEXT_FIELDS = frozenset(
    {"title", "description", "y_title", "name", "family", "params", "metric", "url", "slug"}
)

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = SafeConstructor()

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


class _TooLarge(Exception):
    pass


def read_text(path: Path, display: str, problems: Problems) -> str | None:
    """Read a UTF-8 file within the size bound; report the first bad byte with its position."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.error(display, 0, 0, f"cannot read the file: {exc.strerror}")
        return None
    if size > MAX_FILE_BYTES:
        problems.error(
            display,
            0,
            0,
            f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES // (1024 * 1024)} MiB limit "
            "for one content file (split the comparison into several result files)",
        )
        return None
    data = path.read_bytes()
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
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.error(display, line + line_offset, col, _explain_yaml_error(exc, text, mark))
        return None
    except yaml.YAMLError as exc:  # e.g. a second document in the stream
        problems.error(display, 1 + line_offset, 1, f"not valid YAML: {exc}")
        return None
    doc = Document(data=None, path=display)
    if root is None:
        return doc
    converter = _Converter(doc, problems, line_offset)
    try:
        doc.data = converter.convert(root, ())
    except _TooLarge:
        line, col = root.start_mark.line + 1 + line_offset, root.start_mark.column + 1
        problems.error(
            display,
            line,
            col,
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


class _Converter:
    def __init__(self, doc: Document, problems: Problems, line_offset: int):
        self.doc = doc
        self.problems = problems
        self.offset = line_offset
        self.count = 0

    def _pos(self, node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def _fail(self, node, message: str, location: tuple) -> None:
        line, col = self._pos(node)
        self.problems.error(self.doc.path, line, col, message)
        self.doc.rejected.add(location)

    def convert(self, node, location: tuple):
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.doc.positions[location] = self._pos(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, location)
        if isinstance(node, SequenceNode):
            if node.tag != f"{_TAG}seq":
                self._fail(node, f"YAML tag {node.tag!r} is not allowed (remove the tag)", location)
                return None
            return [self.convert(item, location + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, location)

    def _mapping(self, node: MappingNode, location: tuple) -> dict | None:
        if node.tag != f"{_TAG}map":
            self._fail(node, f"YAML tag {node.tag!r} is not allowed (remove the tag)", location)
            return None
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                self._fail(key_node, "YAML merge keys ('<<') are not supported (write the keys out)", location)
                continue
            if not isinstance(key_node, ScalarNode):
                self._fail(key_node, "a key must be plain text, not a list or mapping", location)
                continue
            key = key_node.value
            if key in result:
                first = self.doc.key_positions.get(location + (key,), (0, 0))[0]
                self._fail(key_node, f"duplicate key {key!r} (first used on line {first}; keep one)", location + (key,))
                continue
            self.doc.key_positions[location + (key,)] = self._pos(key_node)
            if (
                key in TEXT_FIELDS
                and isinstance(value_node, ScalarNode)
                and value_node.tag in (f"{_TAG}int", f"{_TAG}float")
            ):
                self.count += 1
                self.doc.positions[location + (key,)] = self._pos(value_node)
                result[key] = value_node.value  # keep "2024" and "1.5" as written
                continue
            result[key] = self.convert(value_node, location + (key,))
        return result

    def _scalar(self, node: ScalarNode, location: tuple):
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._fail(node, f"YAML tag {tag!r} is not allowed (remove the tag; plain values only)", location)
            return None
        if tag in (f"{_TAG}str", f"{_TAG}timestamp"):
            return node.value
        try:
            if tag == f"{_TAG}null":
                return None
            if tag == f"{_TAG}bool":
                return _constructor.construct_yaml_bool(node)
            if tag == f"{_TAG}int":
                value = _constructor.construct_yaml_int(node)
            else:
                value = _constructor.construct_yaml_float(node)
        except (ConstructorError, ValueError):
            self._fail(node, f"cannot read {node.value!r} as a number", location)
            return None
        self.doc.raw_numbers[location] = node.value
        return value
