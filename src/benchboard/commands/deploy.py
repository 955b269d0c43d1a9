"""``build-site deploy``: push the built site to a gh-pages branch, as ``mkdocs gh-deploy`` does."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from benchboard.errors import printable
from benchboard.output.write import MARKER


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "deploy",
        help="push the built site to the gh-pages branch",
        description="Commit the built site to a branch (gh-pages by default) with ghp-import and push it. "
        "Use this for GitHub Pages' 'Deploy from a branch'; the Actions workflow from build-site init "
        "needs no deploy step.",
    )
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--branch", default="gh-pages", help="branch to write (default: gh-pages)")
    parser.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    parser.add_argument("--message", default="Deploy site built by benchboard", help="commit message")
    parser.add_argument("--no-push", dest="push", action="store_false", help="commit to the branch but do not push")


def run(args: argparse.Namespace) -> int:
    import ghp_import

    site: Path = args.site
    if not (site / MARKER).is_file():
        print(printable(f"build-site deploy: {site} is not a site built by build-site (build it first: build-site content/ {site})"), file=sys.stderr)
        return 1
    refused = _unpushable(site)
    if refused:
        print(printable(f"build-site deploy: {site / refused} would configure git or CI on the {args.branch} branch, not be "
                        f"published; refusing to push it (remove it and rebuild: build-site never writes it)"), file=sys.stderr)
        return 1
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=site, capture_output=True, text=True)
    if inside.returncode != 0:
        print(printable(f"build-site deploy: {site} is not inside a git repository"), file=sys.stderr)
        return 1
    try:
        ghp_import.ghp_import(str(site), mesg=args.message, remote=args.remote, branch=args.branch,
                              push=args.push, nojekyll=True, no_history=False)
    except ghp_import.GhpError as exc:
        print(printable(f"build-site deploy: {exc.message if hasattr(exc, 'message') else exc}"), file=sys.stderr)
        return 1
    print(printable(f"deployed {site} to {args.branch}" + (f" and pushed to {args.remote}" if args.push else "")))
    return 0


def _unpushable(site: Path) -> str | None:
    """The first path in the site (relative) that git or GitHub would obey rather than serve: a
    .git or .github folder or file anywhere (a workflow on the pushed branch runs with the
    repository's secrets), or a symbolic link (it would be committed as a link)."""
    for directory, dirs, files in os.walk(site):
        base = Path(directory)
        for name in sorted(dirs + files):
            if name.lower() in (".git", ".github") or (base / name).is_symlink():
                return (base / name).relative_to(site).as_posix()
    return None
