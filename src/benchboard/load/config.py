"""Site options from ``site.yaml``: validated by the site schema, then typed here."""

from __future__ import annotations

import os

from benchboard.errors import Problems
from benchboard.model import BoardColumn, BoardSpec, FrontierField, Position, SiteConfig, name_form
from benchboard.load.validate import pattern_matches, schema
from benchboard.load.yamlsource import Document


def from_mapping(
    data: dict,
    *,
    base_url_override: str | None = None,
    problems: Problems | None = None,
    doc: Document | None = None,
    environ: dict | None = None,
) -> SiteConfig:
    """``data`` has passed the site schema; fill defaults and normalise URLs."""
    defaults = SiteConfig()
    base_url = trusted_base_url(data, base_url_override, problems, doc, os.environ if environ is None else environ)
    markdown = data.get("markdown") or {}
    trusted = data.get("trusted") or {}
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
        trusted_static_types=tuple(sorted({t.lower() for t in trusted.get("static_types", ())})),
        trusted_static_files=tuple(sorted(set(trusted.get("static_files", ())))),
        language=data.get("language", defaults.language),
        citation=data.get("citation"),
        boards=_boards(data.get("boards") or [], doc),
        **_frontier_and_history(data),
        index_rows=data.get("index_rows", defaults.index_rows),
    )


def _frontier_and_history(data: dict) -> dict:
    """site.yaml frontier: and history: (docs/frontier-and-history.md), already schema-checked."""
    frontier, history = data.get("frontier") or {}, data.get("history") or {}
    fields = tuple(FrontierField(f["key"], f["title"].strip(), f.get("lower_is_better", True), f.get("log", False))
                   for f in frontier.get("fields") or ())
    defaults = SiteConfig()
    return {"frontier": frontier.get("enabled", True), "frontier_fields": fields,
            "history": history.get("enabled", True), "new_days": history.get("new_days", defaults.new_days),
            "max_commits": history.get("max_commits", defaults.max_commits)}


def _boards(entries: list, doc: Document | None) -> tuple[BoardSpec, ...]:
    """Declared boards, each column with its position so boards.py can point at a bad one."""
    path = doc.path if doc is not None else "site.yaml"

    def at(location: tuple) -> Position:
        return Position(path, *(doc.at(location) if doc is not None else (0, 0)))

    boards = []
    for i, entry in enumerate(entries):
        columns = tuple(
            BoardColumn(column["report"], name_form(column["benchmark"]) if isinstance(column.get("benchmark"), str) else None,
                        at(("boards", i, "columns", j)))
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


BASE_URL_ENV = "BENCHBOARD_BASE_URL"  # set by the deploy job; trusted like the command line


def trusted_base_url(data: dict, override: str | None, problems: Problems | None, doc: Document | None,
                     environ) -> str | None:
    """Where the site is published, from a trusted source only: ``--base-url``, then the
    environment's BENCHBOARD_BASE_URL, then site.yaml's ``base_url`` only when it is the Pages URL
    of the repository being built (GITHUB_REPOSITORY, set by GitHub Actions). site.yaml comes by
    pull request: a base_url it alone chose would name another origin in canonical, og:url,
    sitemap.xml and robots.txt. Always ends in "/"."""
    chosen, source = override, "--base-url"
    if chosen is None and environ.get(BASE_URL_ENV):
        chosen, source = environ[BASE_URL_ENV], BASE_URL_ENV
    if chosen is not None:
        if not pattern_matches(base_url_pattern(), chosen):
            if problems is not None:
                problems.error(source, 0, 0, (
                    f"{chosen!r} is not an absolute URL without spaces, query or fragment "
                    "(e.g. https://user.github.io/repo/)"
                ))
            return None
        return chosen if chosen.endswith("/") else chosen + "/"
    claimed = data.get("base_url")
    if not claimed:
        return None
    claimed = claimed if claimed.endswith("/") else claimed + "/"
    pages = pages_url(environ.get("GITHUB_REPOSITORY", ""))
    if pages is not None and claimed.lower() == pages.lower():
        return claimed
    if problems is not None:
        line, col = doc.at(("base_url",)) if doc is not None else (0, 0)
        path = doc.path if doc is not None else "site.yaml"
        why = (f"is not {pages}, the Pages URL of {environ['GITHUB_REPOSITORY']}" if pages
               else "cannot be checked against the repository's Pages URL outside GitHub Actions")
        problems.warning(path, line, col, (
            f"base_url {claimed} {why}, so it is not used: canonical links, sitemap.xml and robots.txt are "
            f"left out (a URL from content could name another site; pass --base-url URL to build-site, or set "
            f"{BASE_URL_ENV} in the workflow, for a custom domain)"
        ))
    return None


def pages_url(repository: str) -> str | None:
    """https://OWNER.github.io/REPO/ for "OWNER/REPO" (https://OWNER.github.io/ for the
    OWNER.github.io repository), or None."""
    owner, _, name = repository.partition("/")
    if not owner or not name or "/" in name:
        return None
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/"
    return f"https://{owner.lower()}.github.io/{name}/"
