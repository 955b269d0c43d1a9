"""Which files of CONTENT/static/ are published: an allowlist, not a blocklist.

static/ is copied to the site's root, on the site's origin. A file a browser runs as a
document (.html, .svg, .xht, .xsd, .rng served as XML, ...) would run a contributor's script
as the site; a dot-folder (.git, .github, .well-known) or a root control file (CNAME,
_headers) configures git, CI or the host instead of being read. So only inert types are
published: raster images, fonts, CSS, PDF, plain text, CSV and JSON. Everything else needs an
explicit opt-in in site.yaml's ``trusted:`` options (docs/security.md), which a reviewer sees.
"""

from __future__ import annotations

import os
from pathlib import Path

from benchboard.errors import Problems
from benchboard.load import paths
from benchboard.load.paths import display_path
from benchboard.model import SiteConfig

INERT_TYPES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp",  # raster images (not SVG)
    ".woff", ".woff2", ".ttf", ".otf",  # fonts
    ".css", ".pdf", ".txt", ".csv", ".json",
    ".cff", ".bib",  # citation files (CITATION.cff, BibTeX): plain text no browser runs
})
# At the site's root these configure a host, a crawler or Jekyll instead of being read.
ROOT_CONTROL_FILES = frozenset({
    "cname", "_headers", "_redirects", "_config.yml", "_config.yaml", "_routes.json", "vercel.json",
    "netlify.toml", "staticwebapp.config.json", "firebase.json", "robots.txt", "ads.txt", "app-ads.txt",
    "sitemap.xml", "security.txt",
})
NEVER = frozenset({".git", ".github"})  # never published, not even when named: git and CI read them

_TYPES = "raster images (.png, .jpg, .gif, .webp, .avif, .ico), fonts, .css, .pdf, .txt, .csv, .json, .cff and .bib"


def never_published(rel: str) -> bool:
    """A path (relative to static/) inside .git or .github, in any case."""
    return any(part.lower() in NEVER for part in rel.split("/"))


def list_static(content: Path, problems: Problems, config: SiteConfig) -> list[str]:
    """The files of static/ to publish, relative to it; refusals recorded in ``problems``."""
    folder = content / "static"
    if not folder.is_dir():
        return []
    named = {rel for rel in config.trusted_static_files if not never_published(rel)}
    named_dirs = {"/".join(rel.split("/")[:i]) for rel in named for i in range(1, rel.count("/") + 1)}
    files = []
    for path, problem in _walk(folder, content, named_dirs, problems):
        rel = path.relative_to(folder).as_posix()
        where = display_path(path, content)
        if problem:
            problems.error(where, 0, 0, problem)
            continue
        if rel in named:
            files.append(rel)
            continue
        why = refusal(rel, config)
        if why is None:
            files.append(rel)
        elif why[0] == "warning":
            problems.warning(where, 0, 0, why[1])
        else:
            problems.error(where, 0, 0, why[1])
    return files


def refusal(rel: str, config: SiteConfig) -> tuple[str, str] | None:
    """("error" | "warning", message) when the file at ``rel`` may not be published, else None."""
    name = rel.rsplit("/", 1)[-1]
    if any(part.startswith(".") for part in rel.split("/")):
        return "warning", _DOT
    if "/" not in rel and name.lower() in ROOT_CONTROL_FILES:
        return "error", (
            f"{name} at the site's root configures the host or crawlers instead of being read, so it is "
            f"not published (move it into a folder, or, if the maintainers mean it, name it in site.yaml: "
            f"trusted: {{static_files: [{name}]}})"
        )
    suffix = os.path.splitext(name)[1].lower()
    if suffix in INERT_TYPES or config.static_scripts or suffix in config.trusted_static_types:
        return None
    what = f"a {suffix} file" if suffix else "a file without an extension"
    return "error", (
        f"{what} can run script on the site when opened, or is not a type browsers treat as inert; "
        f"static/ publishes only {_TYPES} (convert it, e.g. SVG to PNG, or, if every contributor is "
        f"trusted, list it in site.yaml: trusted: {{static_types: [{suffix or name}]}})"
    )


_DOT = ("not published: names starting with \".\" (.git, .github, .well-known, .DS_Store) configure git, CI "
        "or the host (remove it; a file the site must serve, such as .well-known/security.txt, can be named "
        "in site.yaml: trusted: {static_files: [...]}; .git and .github never are)")


def _walk(folder: Path, content: Path, named_dirs: set[str], problems: Problems):
    """(path, problem or None) for every file under ``folder``, sorted, like paths.walk, but
    a dot-folder is reported once and never entered (static/.git can hold 100,000 objects),
    unless a named file lies inside it."""
    deep: list[Path] = []
    for base, dirs, files in paths.walk_tree(folder, paths.MAX_FOLDER_DEPTH - 1, deep.append):
        while deep:
            yield deep.pop(0), paths.TOO_DEEP
        keep = []
        for d in sorted(dirs):
            rel = (base / d).relative_to(folder).as_posix()
            if d.startswith(".") and rel not in named_dirs:
                problems.warning(display_path(base / d, content), 0, 0, _DOT)
            else:
                keep.append(d)
        dirs[:] = keep
        for name in sorted(files + [d for d in dirs if (base / d).is_symlink()]):
            path = base / name
            if path.is_symlink() and path.is_dir() and paths.problem(path, content, "dir") is None:
                continue  # a linked folder inside CONTENT: not followed (its files are found where they are)
            yield path, paths.problem(path, content)
    while deep:
        yield deep.pop(0), paths.TOO_DEEP
