"""Import what evaluation harnesses write: harness outputs -> one benchboard result file.

``build-site import [FORMAT] FILES... -o content/results/NAME.yaml``

- ``registry``: the readers (one module per format, each ``name``/``can_read``/``read``) and
  detection, a loop over them;
- ``agreement``: reading every file and settling one metric (and lm-eval filter) per task;
- ``merging``: runs -> one document (scale per metric, names, provenance, warnings);
- ``output``: YAML, validated by the real loader, written atomically;
- ``cli``: the ``import`` subcommand (``add_parser(subparsers)``, ``run(args) -> exit code``).

See docs/importers.md.
"""

from __future__ import annotations

from benchboard.importers.agreement import read_runs
from benchboard.importers.cli import GROUP_MODES, add_parser, run
from benchboard.importers.common import ImportProblem
from benchboard.importers.merging import merge
from benchboard.importers.output import schema_comment, to_yaml, validate, write
from benchboard.importers.registry import BY_NAME, FORMAT_NAMES, READERS, detect

FORMATS = BY_NAME

__all__ = [
    "add_parser", "run", "detect", "read_runs", "merge", "to_yaml", "validate", "write", "schema_comment",
    "ImportProblem", "FORMATS", "FORMAT_NAMES", "READERS", "GROUP_MODES",
]
