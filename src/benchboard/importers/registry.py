"""The readers, in detection order, and picking one for a file.

Every format is a module with ``name``, ``harness``, ``can_read(path)`` and ``read(path,
options)`` (see ``common.Reader``); detection asks each in turn and no format is a special case.
Order matters only where layouts could overlap: the specific JSON layouts first, the
OpenCompass results JSON (a flat object of numbers) last.
"""

from __future__ import annotations

from pathlib import Path

from benchboard.importers import alpacaeval, evalscope, everyevalever, files, helm, inspectai, lighteval, lmeval, lmeval03, mteb, opencompass, plugins
from benchboard.importers.common import ImportProblem, Reader

BUILTIN: tuple[Reader, ...] = (lighteval, lmeval, lmeval03, evalscope, inspectai, mteb, helm, alpacaeval, everyevalever, opencompass)
# Third-party readers (importers/plugins.py) are asked after the specific built-in layouts and
# before OpenCompass's results JSON, which matches any flat object of numbers.
PLUGINS, PLUGIN_WARNINGS = plugins.discover(frozenset(r.name for r in BUILTIN))
READERS: tuple[Reader, ...] = (*BUILTIN[:-1], *(p.reader for p in PLUGINS), BUILTIN[-1])
BY_NAME: dict[str, Reader] = {reader.name: reader for reader in READERS}
FORMAT_NAMES = ("auto", *BY_NAME)
ALIASES = {
    "lm-evaluation-harness": "lm-eval", "lm_eval": "lm-eval", "lmeval": "lm-eval",
    "lm-eval-03": "lm-eval-0.3", "lmeval-0.3": "lm-eval-0.3", "inspect-ai": "inspect", "inspect_ai": "inspect",
    "alpaca_eval": "alpacaeval", "alpaca-eval": "alpacaeval",
    "eee": "every-eval-ever", "every_eval_ever": "every-eval-ever", "everyevalever": "every-eval-ever",
}

# Layouts of harnesses benchboard does not read, recognised only to say so (docs/importers.md).


def _other_layout(path: Path) -> str | None:
    """A sentence naming a harness whose files benchboard recognises but does not read."""
    if files.is_zip(path) and files.zip_member(path, "_journal/start.json") is not None:
        return ("an inspect-ai .eval log without header.json: the evaluation is still running or was killed "
                "before it wrote its results; import the log once the evaluation has finished")
    data = files.json_data(path)
    if isinstance(data, dict):
        if "adapter_spec" in data and "scenario_spec" in data:
            return "a HELM run_spec.json, which holds settings, not scores; give the stats.json beside it (or both)"
        if isinstance(data.get("config"), dict) and any(
            isinstance(v, dict) and any(str(k).startswith("pass@") for k in v) for k in data for v in [data[k]]
        ):
            return ("bigcode-evaluation-harness output ({\"TASK\": {\"pass@1\": ...}, \"config\": ...}), which is not read; "
                    "write a result file by hand (docs/format.md)")
        if data and all(isinstance(v, dict) and "origin_prompt" in v for v in list(data.values())[:3]):
            return ("OpenCompass per-sample predictions or judgements (a JSON of samples with origin_prompt), not scores; "
                    "give the run's summary/summary_*.csv (or a subjective run's report.csv)")
        if "score" in data and any(":std" in str(k) for k in data):
            return ("simple-evals output ({\"score\": ..., \"score:std\": ...}), which is not read; "
                    "write a result file by hand (docs/format.md)")
    return None


def detect(path: Path) -> Reader:
    """The reader whose format the file's content matches; a clear error otherwise."""
    for reader in READERS:
        if reader.can_read(path):
            return reader
    raise ImportProblem(unknown_message(path))


def unknown_message(path: Path, forced: str | None = None) -> str:
    other = _other_layout(path)
    looks = files.describe(path)
    if other:
        return f"{path}: this is {other}"
    if files.json_data(path) is None and files.text(path) is not None and files.text(path).lstrip()[:1] in ("{", "["):
        files.json_object(path)  # raises the JSON syntax error with line and column
    if isinstance(files.json_data(path), list) and not forced:
        found = type(files.json_data(path)).__name__
        return f"{path}: expected a JSON object at the top level, found a {found} (is this a results file? it is {looks})"
    names = ", ".join(BY_NAME)
    tried = f"does not look like {forced} results" if forced else "not a results file of a known harness"
    return (
        f"{path}: {tried} (it is {looks}; formats read: {names}; "
        "see docs/importers.md for what each looks like, or name the format: build-site import FORMAT FILE ...)"
    )


def reader_for(path: Path, fmt: str) -> Reader:
    """The reader to use: the forced one if it can read the file, else a message naming the one that can."""
    files.check_file(path)
    if fmt == "auto":
        return detect(path)
    reader = BY_NAME[fmt]
    if reader.can_read(path):
        return reader
    match = next((r for r in READERS if r is not reader and r.can_read(path)), None)
    if match is not None:
        raise ImportProblem(
            f"{path}: does not look like {fmt} results; it looks like {match.name} "
            f"(run build-site import {match.name} FILE ..., or leave the format out to detect it)"
        )
    raise ImportProblem(unknown_message(path, fmt))
