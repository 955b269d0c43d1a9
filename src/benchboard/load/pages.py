"""Markdown pages: ``pages/*.md`` with YAML front matter -> ``model.Page``."""

from __future__ import annotations

import math
import re
from pathlib import Path

from benchboard.errors import Problems
from benchboard.load.slugs import suggest
from benchboard.model import MAX_NAME_CHARS, UNWRITABLE, Page, SiteConfig
from benchboard.load.paths import display_path, unsafe
from benchboard.load.slugs import RESERVED_SLUGS, SLUG_OK, slugify
from benchboard.load.validate import describe
from benchboard.load.yamlsource import CONTROL_CHARACTERS, parse_yaml, read_text


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


_PAGE_KEYS = ("title", "order", "slug")


def load_pages(content: Path, problems: Problems, config: SiteConfig) -> list[Page]:
    folder = content / "pages"
    if not folder.is_dir():
        return []
    pages = []
    for path in sorted(folder.glob("*.md")):
        display = display_path(path, content)
        if path.name.startswith("."):  # a draft, an editor's copy, macOS's "._" file: as results/ does
            problems.warning(display, 0, 0, "skipped: a hidden file (a name starting with '.') is never read or published; rename it to publish it")
            continue
        if CONTROL_CHARACTERS.search(display):
            problems.error(display.encode("unicode_escape").decode("ascii"), 0, 0, "the file name holds a control character (rename the file)")
            continue
        if unsafe(path, content, problems):
            continue
        text = read_text(path, display, problems)
        if text is None:
            continue
        bad = UNWRITABLE.search(text)
        if bad is not None:  # a web page cannot hold it (and a template override's output check would refuse it)
            line = text.count("\n", 0, bad.start()) + 1
            problems.error(display, line, bad.start() - text.rfind("\n", 0, bad.start()),
                           f"the page holds U+{ord(bad.group()):04X}, a control character no web page can hold (delete it)")
            continue
        meta: dict = {}
        body = text
        match = _FRONT_MATTER.match(text)
        if not match and re.match(r"---[ \t]*\r?\n", text):
            problems.error(display, 1, 1, "front matter opened with '---' is never closed (add a line '---' after it)")
            continue
        if match:
            doc = parse_yaml(match.group(1), display, problems, line_offset=1)
            if doc is None:
                continue
            if doc.data is not None and not isinstance(doc.data, dict):
                problems.error(display, 2, 1, "front matter must be a mapping (title: ..., order: ...)")
                continue
            meta = doc.data or {}
            body = text[match.end():]
            bad = False
            for key in meta:
                if key not in _PAGE_KEYS:
                    expected = suggest(key, list(_PAGE_KEYS), "allowed", None)
                    problems.error(display, *doc.key_at((key,)), f"unknown front-matter key {key!r} ({expected})")
                    bad = True
            order = meta.get("order", 0)
            if isinstance(order, bool) or not isinstance(order, (int, float)) or not math.isfinite(order):
                problems.error(display, *doc.at(("order",)), f"order must be a number, got {describe(order)}")
                bad = True
            title = meta.get("title")
            if title is not None and not isinstance(title, str):
                problems.error(display, *doc.at(("title",)), f"title must be text, got {describe(title)}")
                bad = True
            if bad:
                continue
        title = meta.get("title") or _first_heading(body) or path.stem.replace("-", " ").capitalize()
        if len(title) > MAX_NAME_CHARS:
            problems.error(display, *(doc.at(("title",)) if "title" in meta else (0, 0)),
                           f"page title is {len(title):,} characters long, over the limit of {MAX_NAME_CHARS} (shorten it)")
            continue
        slug = meta.get("slug") or slugify(path.stem)
        where = doc.at(("slug",)) if "slug" in meta else (0, 0)
        if not isinstance(slug, str) or not slug or not SLUG_OK.match(slug) or ".." in slug:
            if "slug" in meta:
                problems.error(display, *where, (
                    f"slug {slug!r} is not a safe URL segment (expected lowercase letters, digits, "
                    "'.', '_' or '-', starting with a letter or digit)"
                ))
            else:
                problems.error(display, 0, 0, f"page name {path.name!r} does not give a safe URL (rename it with letters, digits and '-', or set slug:)")
            continue
        if slug in RESERVED_SLUGS:
            problems.error(display, *where, f"the name {slug!r} is reserved for the site itself (rename the page or set another slug:)")
            continue
        pages.append(Page(slug=slug, path=display, title=str(title).strip(), order=float(meta.get("order", 0)), markdown=body))
    pages.sort(key=lambda p: (p.order, p.title.casefold(), p.slug))
    return pages


def _first_heading(markdown_text: str) -> str | None:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", markdown_text, re.M)
    return match.group(1) if match else None
