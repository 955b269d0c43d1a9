"""A report's chart for other pages: the embed page's address and the <iframe> snippet to copy.

The page itself (REPORT/embed/index.html, templates/embed.html) is the static SVG chart, its
title and a link back, with no script: it works in any iframe, from file:// and with JS off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from benchboard.model import Report, SiteConfig

CAPTION_PX = 96  # the embed page's title, caption and link under the chart


@dataclass(frozen=True)
class Embed:
    url: str  # the embed page: absolute with base_url, else relative to the report page
    absolute: bool
    width: int
    height: int
    snippet: str  # the <iframe> to copy, as text


def _size(svg: str) -> tuple[int, int]:
    root = re.search(r"<svg\b[^>]*>", svg)
    found = {}
    for name in ("width", "height"):
        match = re.search(rf'\b{name}="(\d+(?:\.\d+)?)"', root.group(0)) if root else None
        found[name] = round(float(match.group(1))) if match else None
    return found["width"] or 800, found["height"] or 400


def embed(report: Report, config: SiteConfig, svg: str) -> Embed:
    width, height = _size(svg)
    absolute = bool(config.base_url)
    url = f"{config.base_url}{report.slug}/embed/" if absolute else "embed/"
    height += CAPTION_PX
    snippet = (f'<iframe src="{escape(url)}" title="{escape(report.title)}" width="{width}" height="{height}" '
               f'style="border: 0; max-width: 100%;" loading="lazy"></iframe>')
    return Embed(url, absolute, width, height, snippet)
