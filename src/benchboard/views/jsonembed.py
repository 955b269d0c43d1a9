"""The one JSON embedder: data in a page's <script type="application/json">, safe from breakout.

A leaf module (no imports from the package), so both the page data (views) and the rendered
pages (render) use this one function without lengthening either's import chain.
"""

from __future__ import annotations

import json


def embed_json(text: str) -> str:
    """JSON text made safe inside <script type="application/json">: <, > and & escaped, so no
    "</script>" (nor "<!--") can break out of the element."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def embed(data) -> str:
    """Data as compact JSON, safe inside <script type="application/json">."""
    return embed_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
