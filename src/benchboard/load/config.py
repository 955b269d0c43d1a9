"""Site options from ``site.yaml``: validated by the site schema, then typed here."""

from __future__ import annotations

import re

from benchboard.errors import Problems
from benchboard.model import BoardColumn, BoardSpec, Position, SiteConfig
from benchboard.load.validate import schema
from benchboard.load.yamlsource import Document


def from_mapping(
    data: dict,
    *,
    base_url_override: str | None = None,
    problems: Problems | None = None,
    doc: Document | None = None,
) -> SiteConfig:
    """``data`` has passed the site schema; fill defaults and normalise URLs."""
    defaults = SiteConfig()
    base_url = base_url_override if base_url_override is not None else data.get("base_url")
    if base_url_override is not None and problems is not None:
        if not re.match(base_url_pattern(), base_url_override):
            problems.error("--base-url", 0, 0, (
                f"{base_url_override!r} is not an absolute URL without spaces, query or fragment "
                "(e.g. https://user.github.io/repo/)"
            ))
    if base_url and not base_url.endswith("/"):
        base_url += "/"  # relative resolution needs the trailing slash
    markdown = data.get("markdown") or {}
    return SiteConfig(
        title=(data.get("title") or defaults.title).strip(),
        description=data.get("description"),
        base_url=base_url or None,
        repo_url=data.get("repo_url"),
        palette=tuple(c.upper() for c in data["palette"]) if data.get("palette") else defaults.palette,
        max_bars=data.get("max_bars", defaults.max_bars),
        tolerance=float(data.get("tolerance", defaults.tolerance)),
        tolerance_set="tolerance" in data,
        png=data.get("png", defaults.png),
        markdown_safe=markdown.get("safe", defaults.markdown_safe),
        pages_raw_html=markdown.get("raw_html_pages", defaults.pages_raw_html),
        static_scripts=data.get("static_scripts", defaults.static_scripts),
        language=data.get("language", defaults.language),
        boards=_boards(data.get("boards") or [], doc),
        index_rows=data.get("index_rows", defaults.index_rows),
    )


def _boards(entries: list, doc: Document | None) -> tuple[BoardSpec, ...]:
    """Declared boards, each column with its position so boards.py can point at a bad one."""
    path = doc.path if doc is not None else "site.yaml"

    def at(location: tuple) -> Position:
        return Position(path, *(doc.at(location) if doc is not None else (0, 0)))

    boards = []
    for i, entry in enumerate(entries):
        columns = tuple(
            BoardColumn(column["report"], column.get("benchmark"), at(("boards", i, "columns", j)))
            for j, column in enumerate(entry["columns"])
        )
        boards.append(BoardSpec(
            title=entry["title"].strip(), columns=columns, where=at(("boards", i)),
            description=entry.get("description"), aggregate=entry.get("aggregate", "mean"),
        ))
    return tuple(boards)


def base_url_pattern() -> str:
    """The site schema's own rule, so --base-url and site.yaml accept the same URLs."""
    return schema("site")["properties"]["base_url"]["pattern"]
