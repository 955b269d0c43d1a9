"""lm-evaluation-harness 0.3 results JSON: ``results`` + ``versions`` + ``config``, metric keys
without filters (``acc``, ``acc_stderr``, ``acc_norm``, ``ppl``): most published lm-eval history.

The rows are rewritten into the 0.4 shape (``"acc,none"``) and read by the 0.4 reader, so
metric choice, agreement and settings follow one set of rules. 0.3 files carry no item counts
(no ``n``) and no harness version beyond the layout; the few-shot count is ``config.num_fewshot``
for every task.
"""

from __future__ import annotations

from pathlib import Path

from benchboard.importers import files, lmeval
from benchboard.importers.common import Options, Run, number

name = "lm-eval-0.3"
harness = lmeval.HARNESS


def looks_like(data: dict) -> bool:
    results = data.get("results")
    if not isinstance(results, dict) or not results or "configs" in data or "n-shot" in data:
        return False
    rows = [v for v in results.values() if isinstance(v, dict)]
    return (
        bool(rows)
        and ("versions" in data or "config" in data)
        and all("," not in k for row in rows for k in row)
        and any(number(v) is not None for row in rows for v in row.values())
    )


def can_read(path: Path) -> bool:
    data = files.json_data(path)
    return isinstance(data, dict) and looks_like(data)


def as_04(data: dict) -> dict:
    """The same numbers under 0.4 keys: "acc" -> "acc,none", "acc_stderr" -> "acc_stderr,none"."""
    results = {}
    for task, row in data["results"].items():
        if not isinstance(row, dict):
            continue
        converted = {"alias": task}
        for key, value in row.items():
            converted[f"{key},none"] = value
        results[task] = converted
    config = data.get("config") if isinstance(data.get("config"), dict) else {}
    shots = config.get("num_fewshot")
    out = {"results": results, "config": config}
    if isinstance(shots, int) and not isinstance(shots, bool):
        out["n-shot"] = {task: shots for task in results}
    return out


def read(path: Path, options: Options) -> list[Run]:
    data = files.json_object(path)
    return [lmeval.read_data(as_04(data), str(path), options, fallback_version="0.3")]
