"""Drawings kept between builds: vl-convert's SVG of a spec, and the PNG of an SVG.

A drawing is a pure function of what is drawn (the spec, or the SVG and its scale) and of what
draws it (the vl-convert and Vega-Lite versions and the chart font's bytes), and it is most of a
report's build (~100-400 ms of vl-convert a chart, against a few ms for its page). Report
folders are already reused while nothing they show changes, but a new theme template, a new
benchboard version or a build into an empty OUT (a CI checkout, ``--force``) renders every
report again although its charts are the same; like Hugo's processed images (resources/_gen),
each drawing is kept in the user's cache (load/cache.py's folder) under a digest of exactly its
inputs, and drawn again only when one of them changes.

An entry's first line is its format, its key and a digest of its body, so a torn, altered or
misplaced file is a miss (drawn again), never a wrong chart. The cache folder is trusted as the
installed package is (it already holds the Vega bundle pages load, docs/security.md); content
cannot write there. The folder is bounded: past MAX_ENTRIES files or MAX_BYTES, the least
recently used drawings go (a hit marks its file).
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import vl_convert as vlc

from benchboard.load import cache as stored_cache

VL_VERSION = "6.4"  # the Vega-Lite version vl-convert renders; Altair 6 writes v6 specs
FONT_DIR = Path(__file__).resolve().parents[1] / "fonts"
FORMAT = "drawing-1"
MAX_ENTRIES = 20_000  # ~3 files a report (wide and phone SVG, PNG)
MAX_BYTES = 500_000_000  # a 10 x 8 report's three files are ~0.3 MB


def folder() -> Path:
    return stored_cache.cache_dir() / "drawings"


@cache
def engine() -> bytes:
    """What draws: vl-convert's version, the Vega-Lite version and the chart font's bytes."""
    digest = hashlib.sha256(f"{FORMAT}\0{vlc.__version__}\0{VL_VERSION}\0".encode())
    for font in sorted(FONT_DIR.glob("*.ttf")):
        digest.update(font.name.encode() + b"\0" + font.read_bytes())
    return digest.digest()


def svg(spec_json: str, draw) -> str:
    """The SVG of a spec (``spec_json``: the spec as vl-convert is given it, serialised with
    sorted keys), drawn by ``draw()`` on a miss."""
    key = hashlib.sha256(engine() + b"svg\0" + spec_json.encode("utf-8", "surrogatepass")).hexdigest()
    return _kept(key, "svg", lambda: draw().encode("utf-8", "surrogatepass")).decode("utf-8", "surrogatepass")


def png(svg_text: str, scale: float, draw) -> bytes:
    """The PNG of an SVG at ``scale``, rasterised by ``draw()`` on a miss."""
    key = hashlib.sha256(engine() + f"png\0{scale!r}\0".encode() + svg_text.encode("utf-8", "surrogatepass")).hexdigest()
    return _kept(key, "png", draw)


def _kept(key: str, suffix: str, make) -> bytes:
    path = folder() / f"{key}.{suffix}"
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        head, _, body = data.partition(b"\n")
        if head == _head(key, body):
            try:
                os.utime(path)  # recently used: kept when the folder is bounded
            except OSError:
                pass
            return body
    body = make()
    stored_cache._write_atomically(path, _head(key, body) + b"\n" + body)
    return body


def _head(key: str, body: bytes) -> bytes:
    return f"{FORMAT} {key} {hashlib.sha256(body).hexdigest()}".encode()


def finish() -> None:
    """Bound the folder (a build calls this once, after its reports are drawn)."""
    stored_cache.prune(folder(), MAX_ENTRIES, MAX_BYTES)
