"""The site's API files: api/NAME.json (data from views/api.py) and schema/api/NAME.schema.json."""

from __future__ import annotations

import json
from importlib import resources


def schema(name: str) -> dict:
    """The published JSON Schema of api/NAME.json."""
    return json.loads(resources.files("benchboard").joinpath(f"schemas/api/{name}.schema.json").read_text(encoding="utf-8"))


def _dump(data: dict, compact: bool = False) -> bytes:
    if compact:  # the data files: a 1,000-report site has 76,000 scores (50 MB indented, a third of it spaces)
        return (json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n").encode()
    return (json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode()


def api_files(documents: dict[str, dict], base_url: str | None) -> dict[str, bytes]:
    """api/NAME.json and its schema for every document; a schema gets an absolute $id when the
    site's address is known."""
    files = {}
    for name, data in documents.items():
        files[f"api/{name}.json"] = _dump(data, compact=True)
        published = schema(name)
        if base_url:
            published = {"$schema": published["$schema"], "$id": f"{base_url}schema/api/{name}.schema.json",
                         **{k: v for k, v in published.items() if k != "$schema"}}
        files[f"schema/api/{name}.schema.json"] = _dump(published)
    return files
