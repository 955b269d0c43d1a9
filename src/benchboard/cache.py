"""A cache of validated result files, so a rebuild re-reads only the files that changed.

Parsing and validating 1,000 result files takes over a second; a rebuild after editing one of
them should not pay that. Each valid file's Report (and its warnings) is stored as JSON —
not pickle, so a cache file can never run code — under the user's cache directory, keyed by
the file's bytes, its path, the site options and benchboard's own loader code.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path

from benchboard.errors import Problem
from benchboard.model import Benchmark, Model, Report, Score, SiteConfig, Source


def cache_dir() -> Path:
    root = os.environ.get("BENCHBOARD_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "benchboard"
    return Path(root)


@cache
def _loader_digest() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("load.py", "yamlsource.py", "model.py", "config.py", "cache.py", "schemas/result.schema.json"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def key(data: bytes, display: str, config: SiteConfig) -> str:
    digest = hashlib.sha256(_loader_digest().encode())
    for part in (display.encode(), repr(config).encode(), data):
        digest.update(part + b"\0")
    return digest.hexdigest()


def get(cache_key: str) -> tuple[Report, list[Problem]] | None:
    try:
        document = json.loads((cache_dir() / "reports" / f"{cache_key}.json").read_text(encoding="utf-8"))
        return _report(document["report"]), [Problem(**p) for p in document["warnings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(cache_key: str, report: Report, warnings: list[Problem]) -> None:
    folder = cache_dir() / "reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{cache_key}.{os.getpid()}.tmp"
        partial.write_text(json.dumps({"report": asdict(report), "warnings": [asdict(w) for w in warnings]}), encoding="utf-8")
        partial.replace(folder / f"{cache_key}.json")
    except OSError:
        pass  # an unwritable cache only costs time


def _report(data: dict) -> Report:
    source = data.get("source")
    return Report(
        **{**data,
           "benchmarks": tuple(Benchmark(**b) for b in data["benchmarks"]),
           "models": tuple(Model(**{**m, "scores": {k: Score(**s) for k, s in m["scores"].items()}}) for m in data["models"]),
           "y_range": tuple(data["y_range"]) if data.get("y_range") else None,
           "source": Source(**{**source, "files": tuple(source["files"]), "warnings": tuple(source["warnings"])}) if source else None},
    )
