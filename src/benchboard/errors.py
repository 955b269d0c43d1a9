"""Errors a user can act on, and the exit codes they map to.

Content mistakes are collected, not raised one at a time, so a single run reports every
problem in every file; the CLI prints them as ``path:line:col: message`` and never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EXIT_OK = 0
EXIT_CONTENT = 1  # the content has problems (listed)
EXIT_USAGE = 2  # bad command line (argparse's own code)
EXIT_OUTPUT = 3  # OUT refused: not a previous build, nested with CONTENT, not a directory
EXIT_INTERNAL = 4  # a bug in benchboard: please report it


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]")


def escaped(text: str, characters: re.Pattern) -> str:
    """The one escaper: each character ``characters`` matches written as Python writes it in a
    string literal (\\x01, \\n, \\ufffe, \\ud800). Used for CLI messages (``printable``) and
    for imported provenance text (importers.common.printable, with the characters YAML refuses)."""
    return characters.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def printable(text: str) -> str:
    """One line that a CI runner cannot take for a command: control characters (newlines
    in a file or model name included) are shown escaped, and a line that would begin with
    "::" (GitHub Actions obeys "::add-mask::", "::error::" ...) is prefixed."""
    text = escaped(text, _UNPRINTABLE)
    return "> " + text if text.lstrip().startswith("::") else text


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col}"
        prefix = "warning: " if self.severity == "warning" else ""
        return printable(f"{where}: {prefix}{self.message}")


class ContentError(Exception):
    """The content cannot be built; ``problems`` lists every error found (and warnings)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.col, p.message))
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in the content")

    def __reduce__(self):  # survives the trip back from a worker process
        return (type(self), (self.problems,))


class OutputRefused(Exception):
    """OUT cannot be (re)placed safely; the message says why and what to do."""


class Problems:
    """Collects problems during loading; tracks whether any is an error."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, path: str, line: int, col: int, message: str) -> None:
        self.items.append(Problem(path, line, col, message, "error"))

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        self.items.append(Problem(path, line, col, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]
