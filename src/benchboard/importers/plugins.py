"""Readers from other packages: the ``benchboard.readers`` entry-point group.

A package adds a harness format without a fork by declaring, in its pyproject.toml::

    [project.entry-points."benchboard.readers"]
    myharness = "my_package.reader"     # a module (or object) with name, harness, can_read, read

Only installed packages are read (the user chose to install them); nothing in CONTENT can
name code to load. A plugin that fails to import, lacks the Reader attributes, or takes a
built-in reader's name is left out with a warning, never a traceback (docs/importers.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points

GROUP = "benchboard.readers"
_NEEDED = ("name", "harness", "can_read", "read")


@dataclass(frozen=True)
class Plugin:
    reader: object
    entry: str  # "myharness = my_package.reader"
    distribution: str  # "my-package 1.2.0", or "" when the entry point has no distribution


@cache
def discover(builtin: frozenset[str]) -> tuple[tuple[Plugin, ...], tuple[str, ...]]:
    """The installed third-party readers, in entry-point name order, and a warning for each
    one left out. ``builtin`` holds the built-in readers' names, which a plugin cannot take."""
    found, warnings, names = [], [], set(builtin)
    for point in sorted(entry_points(group=GROUP), key=lambda p: (p.name, p.value)):
        dist = f"{point.dist.name} {point.dist.version}" if point.dist is not None else ""
        where = f"reader plugin {point.name!r} ({point.value}{', from ' + dist if dist else ''})"
        try:
            reader = point.load()
        except Exception as exc:  # a broken plugin must not break `build-site import`
            warnings.append(f"{where} could not be loaded ({type(exc).__name__}: {exc}); left out")
            continue
        missing = [attr for attr in _NEEDED if not hasattr(reader, attr)]
        if missing:
            warnings.append(f"{where} has no {', '.join(missing)} (a reader needs {', '.join(_NEEDED)}); left out")
            continue
        if not isinstance(reader.name, str) or not reader.name or reader.name in names:
            warnings.append(f"{where} is named {reader.name!r}, which another reader has; left out")
            continue
        names.add(reader.name)
        found.append(Plugin(reader, f"{point.name} = {point.value}", dist))
    return tuple(found), tuple(warnings)

