"""``build-site export CONTENT OUT``: each report as Every Eval Ever aggregate logs.

One JSON log per model and report, at OUT/REPORT/DEVELOPER/MODEL/UUID.json (the layout of the
project's data/ folder), valid against its eval.schema.json (views/everyevalever.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchboard.errors import ContentError, printable
from benchboard.load.content import load_site
from benchboard.load.paths import atomic_write
from benchboard.views.everyevalever import RELATIONSHIPS, report_logs


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export each report as Every Eval Ever aggregate logs",
        description="Write each report of CONTENT as Every Eval Ever aggregate logs (evaleval/every_eval_ever, "
        "schema 0.3.0): one JSON file per model and report, at OUT/REPORT/DEVELOPER/MODEL/UUID.json. "
        "Re-exporting writes the same files (the UUID comes from the report, model and run date); only "
        "retrieved_timestamp changes (set SOURCE_DATE_EPOCH to fix it).",
    )
    parser.add_argument("content", type=Path, metavar="CONTENT")
    parser.add_argument("out", type=Path, metavar="OUT", help="folder to write into (created; existing logs of the same id are replaced)")
    parser.add_argument("--organization", default=None, metavar="NAME",
                        help="source_organization_name: who publishes these results (default: the site's title)")
    parser.add_argument("--relationship", choices=RELATIONSHIPS, default="other",
                        help="evaluator_relationship: how the evaluator relates to the models' developers (default: other)")


def run(args: argparse.Namespace) -> int:
    try:
        site, warnings = load_site(args.content)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    retrieved = epoch if epoch.isdigit() else f"{time.time():.6f}"
    if args.out.exists() and not args.out.is_dir():
        print(printable(f"build-site export: {args.out} is a file (give a folder)"), file=sys.stderr)
        return 1
    count = 0
    try:
        for report in site.reports:
            for rel, log in report_logs(report, site.config, retrieved=retrieved, organization=args.organization,
                                        relationship=args.relationship):
                path = args.out / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, (json.dumps(log, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode())
                count += 1
    except OSError as exc:
        print(printable(f"{exc.filename or args.out}: cannot write ({exc.strerror})"), file=sys.stderr)
        return 1
    print(printable(f"wrote {count} Every Eval Ever log{'s' * (count != 1)} for {len(site.reports)} report{'s' * (len(site.reports) != 1)} -> {args.out}"))
    return 0
