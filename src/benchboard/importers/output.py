"""Writing the result file: YAML text, checked by the real loader, written atomically."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from benchboard.importers.common import ImportProblem
from benchboard.load.paths import atomic_write


def schema_comment(output: Path) -> str:
    """A yaml-language-server line pointing at the schema benchboard ships, relative to OUT.

    Written only when OUT is in the same project (git work tree) as benchboard's own files, as
    in this repository; elsewhere a relative path into an installation would not be portable.
    """
    schema = Path(__file__).resolve().parent.parent / "schemas" / "result.schema.json"
    folder = output.resolve().parent
    root = next((p for p in (folder, *folder.parents) if (p / ".git").exists()), None)
    if not schema.is_file() or root is None or root not in schema.parents:
        return ""
    return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}\n"


# Text a YAML 1.2 reader takes for a number, a boolean or null although PyYAML (YAML 1.1)
# writes it unquoted: "1e+300", "0o17", ".NaN", "~". Quoted, it stays the text it is.
NOT_TEXT = re.compile(
    r"[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+|"
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"
)


class _Dumper(yaml.SafeDumper):
    def represent_str(self, data: str):
        if data and NOT_TEXT.fullmatch(data):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)


_Dumper.add_representer(str, _Dumper.represent_str)


def to_yaml(document: dict, output: Path | None = None) -> str:
    header = schema_comment(output) if output is not None else ""
    header += "# Written by build-site import from the files listed under source; edit freely.\n"
    return header + yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def validate(text: str, name: str) -> None:
    """Load the file with the real loader, as the build will; a failure is a bug in the importer."""
    try:
        from benchboard.errors import ContentError
        from benchboard.load.results import load_report_file
    except ImportError:  # the loader is not there (partial install): nothing to check against
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "results" / name
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        try:
            load_report_file(path, Path(tmp))
        except ContentError as exc:
            problems = getattr(exc, "problems", None) or [exc]
            raise ImportProblem(
                "the converted file does not validate (a bug in build-site import; please report it): "
                + "; ".join(str(p) for p in problems)
            ) from None


def write(text: str, output: Path) -> None:
    atomic_write(output, text.encode("utf-8"))
