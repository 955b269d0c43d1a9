"""Command line: ``build-site CONTENT OUT`` plus the serve/init/deploy/import commands.

Content mistakes print ``path:line:col: message`` lines and exit 1; nothing a user can cause
shows a traceback. Only a bug in benchboard itself (exit 4) prints one, asking for a report.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from benchboard import __version__
from benchboard.errors import (
    EXIT_CONTENT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_OUTPUT,
    ContentError,
    OutputRefused,
    printable,
)

COMMANDS = ("build", "serve", "init", "deploy", "import", "export")

EXIT_CODES = """\
exit codes:
  0  built (warnings, if any, were printed)
  1  the content has problems: each is printed as path:line:col: message
  2  bad command line
  3  OUT refused: not a previous build (use --force), a file, nested with CONTENT, a link,
     a mount point, home or a git work tree (never replaced), or a full/read-only disk
  4  internal error in benchboard (please report it with the printed traceback)
"""

DESCRIPTION = """\
Build a static report site from evaluation results.

CONTENT holds site.yaml, results/*.yaml (one comparison per file: one report page and
chart), optional pages/*.md and static/. OUT receives the site, ready for GitHub Pages; it
is replaced atomically, and the previous site stays if the build fails.
"""

EPILOG = f"""\
other commands:
  build-site serve CONTENT [--port 8000]   build, serve on 127.0.0.1, rebuild on change
  build-site init DIR                      create a starter project with a Pages workflow
  build-site deploy [--site site]          push the built site to the gh-pages branch
  build-site import FILES... -o OUT.yaml   convert harness results (lm-eval, inspect, MTEB, ...)
  build-site export CONTENT OUT            each report as Every Eval Ever aggregate logs
  (build-site COMMAND --help for each)

{EXIT_CODES}
examples:
  build-site content/ site/
  build-site content/ site/ --strict --base-url https://user.github.io/repo/
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each stage's timing")


def _base_url(text: str) -> str:
    """A bad --base-url is a usage error (exit 2), checked by the site schema's own rule."""
    from benchboard.load.config import base_url_pattern
    from benchboard.load.validate import pattern_matches

    if not pattern_matches(base_url_pattern(), text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an absolute URL without spaces, query or fragment (e.g. https://user.github.io/repo/)"
        )
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build-site",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("content", type=Path, metavar="CONTENT", help="content directory (e.g. content/)")
    parser.add_argument("out", type=Path, metavar="OUT", help="output directory (e.g. site/)")
    parser.add_argument("--strict", action="store_true", help="treat warnings (e.g. a score outside y_range) as errors")
    parser.add_argument("--force", action="store_true", help="replace OUT even if it is not a previous build "
                        "(never home, /, a mount point or a folder holding .git; the old folder is removed only "
                        "once the new site is in place)")
    parser.add_argument("--base-url", metavar="URL", type=_base_url, help="URL the site is published at (overrides "
                        "BENCHBOARD_BASE_URL and site.yaml base_url; see docs/security.md)")
    parser.add_argument("--no-png", dest="png", action="store_false", default=None, help="skip chart.png files (faster)")
    parser.add_argument("--version", action="version", version=f"benchboard {__version__}")
    _common(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            command, rest = argv[0], argv[1:]
            if command == "build":
                return _build(build_parser().parse_args(rest))
            return _subcommand(command, rest)
        return _build(build_parser().parse_args(argv))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except MemoryError:  # content larger than this machine holds (the site-wide limits are in docs/security.md)
        print("build-site: the build ran out of memory and stopped; the output folder was not changed (split the results "
              "into several sites, or build on a machine with more memory)", file=sys.stderr)
        return EXIT_CONTENT
    except Exception:  # a bug, not a content mistake: say so and show where
        traceback.print_exc()
        print(f"\nbuild-site {__version__}: internal error; please report it with the traceback above.", file=sys.stderr)
        return EXIT_INTERNAL


def _build(args: argparse.Namespace) -> int:
    from benchboard.commands.build import build

    try:
        result = build(args.content, args.out, strict=args.strict, force=args.force, base_url=args.base_url, png=args.png)
    except ContentError as exc:
        report_problems(exc.problems)
        errors = sum(1 for p in exc.problems if p.severity == "error")
        print(printable(f"build-site: {errors} error{'s' if errors != 1 else ''}; {args.out} was not changed"), file=sys.stderr)
        return EXIT_CONTENT
    except OutputRefused as exc:
        print(printable(f"build-site: {exc}"), file=sys.stderr)
        return EXIT_OUTPUT
    if not args.quiet:
        report_problems(result.warnings)
        if args.verbose:
            for stage, seconds in result.timings.items():
                print(f"  {seconds:6.2f} s  {stage}")
        print(printable(result.summary()))
    return EXIT_OK


def report_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _subcommand(command: str, rest: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build-site")
    subparsers = parser.add_subparsers(dest="command", required=True)
    if command == "import":
        from benchboard import importers

        importers.add_parser(subparsers)
        args = parser.parse_args([command, *rest])
        return importers.run(args)
    if command == "serve":
        from benchboard.commands import serve

        serve.add_parser(subparsers)
        return serve.run(parser.parse_args([command, *rest]))  # each rebuild is a child build-site process
    if command == "init":
        from benchboard.commands import starter

        starter.add_parser(subparsers)
        return starter.run(parser.parse_args([command, *rest]))
    if command == "deploy":
        from benchboard.commands import deploy

        deploy.add_parser(subparsers)
        return deploy.run(parser.parse_args([command, *rest]))
    if command == "export":
        from benchboard.commands import export

        export.add_parser(subparsers)
        return export.run(parser.parse_args([command, *rest]))
    raise AssertionError(command)
