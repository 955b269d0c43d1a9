"""``build-site import``: its options, and the run from files to one written result file."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from benchboard.errors import printable as printed  # every printed line: one function (errors.printable)
from benchboard.importers.agreement import read_runs
from benchboard.importers.appending import append
from benchboard.importers.common import ImportProblem, Options, bad_character
from benchboard.importers.merging import merge, pairs
from benchboard.importers.output import to_yaml, validate, write
from benchboard.errors import printable
from benchboard.importers.recipes import apply_recipe, recipe_of, save_recipe
from benchboard.importers.registry import ALIASES, FORMAT_NAMES, PLUGIN_WARNINGS

GROUP_MODES = ("auto", "mean", "subtasks")

USAGE = "build-site import [FORMAT] FILES... -o OUT.yaml [options]"

DESCRIPTION = """\
Convert the result files an evaluation harness wrote into one benchboard result file:
models as rows, benchmarks as columns, one report page.

FORMAT is one of: auto (the default: detect each file), lm-eval (0.4), lm-eval-0.3,
lighteval, evalscope, inspect (.eval or .json log), mteb, helm (stats.json, groups/*.json),
alpacaeval (leaderboard CSV), opencompass (summary .csv/.txt/.md, results/MODEL/DATASET.json),
every-eval-ever (an Every Eval Ever aggregate log).
It may be left out, or given as --format FORMAT.

Order: models in the order of the FILES (OpenCompass, AlpacaEval, HELM: their own order), benchmarks
in the order first seen. A score's scale follows its metric: accuracies and other 0-1 shares
become percentages (unit: percent), other metrics keep their numbers and unit (perplexity,
MCC, ...). A task one model lacks is a missing score, not an error. A benchmark has one metric
for every run: the preferred one if all runs have it, else the best they share; none shared is
an error. n (items) is written only for proportions (accuracies). Two runs of one model on the
same task are kept apart under names saying which run each is. When the runs used different
settings (sampling, few-shot, limit, harness version) the file gets a warning, shown on the
report page. No local path is written: files by name, local model paths by their last part
(never a user's home folder). No credential is written: tokens, API keys and passwords in
the run settings are replaced by "(removed: a credential)", with a note. A judge (AlpacaEval's
annotator, an inspect model-graded scorer's model) is part of the benchmark's name.
"""

EPILOG = """\
defaults:
  metric   lm-eval: acc_norm > acc > exact_match > prompt_level_strict_acc > inst_level_strict_acc > ...
           lighteval: em > quasi_exact_match > exact_match > acc_norm > acc > ...
           evalscope: mean_acc > AverageAccuracy > ...; OpenCompass: the first metric row
           inspect: accuracy > mean > ...; MTEB: main_score; HELM: the run group's main metric
           AlpacaEval: length_controlled_winrate where every row has it, else win_rate
           all runs of a task get one metric: the first above that every run has a number for
  filter   lm-eval: none if the task has it, else its first filter (again one that every run has)
  groups   auto: top-level tasks; a group without an aggregate is replaced by its subtasks

examples:
  build-site import lm-eval results/*/results_*.json -o content/results/open-llm.yaml \\
      --title "Open LLM tasks" --groups mean --rename leaderboard_bbh=BBH --rename leaderboard_gpqa=GPQA
  build-site import outputs/default/*/summary/summary_*.csv -o content/results/oc.yaml
  build-site import reports/*/math_500.json -o content/results/math.yaml --precision 2
  build-site import logs/*.eval -o content/results/inspect.yaml

Errors print "FILE: what is wrong (how to fix)" and exit 1. See docs/importers.md.
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``import`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "import",
        help="convert harness result files (lm-eval, lighteval, evalscope, OpenCompass, inspect, MTEB, AlpacaEval) into a result file",
        usage=USAGE,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="*", metavar="[FORMAT] FILES", help="optional format, then the harness's result files")
    parser.add_argument("-o", "--output", default=None, metavar="OUT.yaml", help="result file to write, e.g. content/results/NAME.yaml ('-' prints it); its folder must exist "
                        "(a missing content/results/ is created)")
    parser.add_argument("--format", choices=FORMAT_NAMES, default=None, help="force the format of every file (default: auto)")
    parser.add_argument("--title", default=None, metavar="TEXT", help="report title (default: from the output file name)")
    parser.add_argument("--description", default=None, metavar="TEXT", help="report description (default: 'Imported from HARNESS VERSION results.')")
    parser.add_argument("--metric", action="append", default=[], metavar="METRIC|TASK=METRIC",
                        help="metric to import: for every task that has it, or for one task (repeatable)")
    parser.add_argument("--filter", action="append", default=[], metavar="FILTER|TASK=FILTER",
                        help="lm-eval filter, e.g. strict-match (default: none, else the task's first; repeatable)")
    parser.add_argument("--tasks", action="append", default=[], metavar="PATTERN",
                        help="only tasks whose key matches this glob, e.g. 'leaderboard_*' (repeatable)")
    parser.add_argument("--groups", choices=GROUP_MODES, default="auto",
                        help="lm-eval groups: auto (harness aggregates, else subtasks), mean (one column per group, "
                        "item-weighted mean of its subtasks when the harness gave none), subtasks (leaf tasks only)")
    parser.add_argument("--rename", action="append", default=[], metavar='TASK="NAME"',
                        help="display name of a benchmark, by task key or shown name (repeatable)")
    parser.add_argument("--model-name", action="append", default=[], metavar="NAME|OLD=NEW",
                        help="model names: one per run in file order, or OLD=NEW (repeatable; not blank, no control characters)")
    parser.add_argument("--keep-org", action="store_true", help="keep the organisation in model names (deepseek-ai/...)")
    parser.add_argument("--scale", type=float, default=None, metavar="FACTOR",
                        help="multiply every score and stderr by this, a finite number > 0 (default: 100 for 0-1 accuracies and shares, else 1)")
    parser.add_argument("--precision", type=int, default=None, metavar="DECIMALS",
                        help="decimals shown (default: the finest a column needs: 1 for percentages, else 3 for scores within ±1, 2 under 100, 1 above); values keep full precision")
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    parser.add_argument("--recipe", default=None, metavar="RECIPE.yaml",
                        help="take inputs, output and options from a recipe (e.g. content/imports/NAME.yaml); FILES and -o given replace its own")
    parser.add_argument("--append", action="store_true",
                        help="add the runs to the existing OUT (new models, new tasks, dated reruns) with the checks of a merge")
    parser.add_argument("--save-recipe", default=None, metavar="RECIPE.yaml",
                        help="write the recipe of this import, to re-run it with --recipe (e.g. content/imports/NAME.yaml)")
    return parser


def _options(args: argparse.Namespace) -> Options:
    options = Options(tasks=list(args.tasks or []), groups=args.groups or "auto", keep_org=bool(args.keep_org))
    for item in args.metric or []:
        if "=" in item:
            options.task_metric.update(pairs([item], "--metric"))
        elif options.metric not in (None, item):
            raise ImportProblem(f"--metric given twice ({options.metric}, {item}); for one task use --metric TASK=METRIC")
        else:
            options.metric = item.strip()
    for item in args.filter or []:
        if "=" in item:
            options.task_filter.update(pairs([item], "--filter"))
        else:
            options.filter = item.strip()
    return options


def _check_output_folder(output: Path) -> None:
    """OUT's folder must exist; only a missing content/results/ (or results/) is created."""
    folder, missing = output.parent, []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder.name)
        folder = folder.parent
    if not folder.is_dir():
        raise ImportProblem(f"{output}: {folder} is a file, not a folder (check the path)")
    if missing and missing[::-1] not in (["results"], ["content", "results"]):
        top = folder / missing[-1]
        also = f", nor does {top}" if top != output.parent else ""
        raise ImportProblem(
            f"{output}: the folder {output.parent} does not exist{also} (check the path, or create the folder first; "
            "only a missing content/results/ folder is created)"
        )


def _check_texts(args: argparse.Namespace, renames: dict[str, str]) -> None:
    """Names and text given as options: nothing blank, nothing the site refuses."""
    given = [("--title", args.title), ("--description", args.description)]
    given += [("--rename", f"{key}={value}") for key, value in renames.items()]
    for item in args.model_name or []:
        if "=" in item:
            given.append(("--model-name", item))
        elif not item.strip():
            raise ImportProblem(
                f"--model-name {item!r}: a model name cannot be blank "
                "(give the name to show, one per run in file order, e.g. --model-name Llama-3.1-8B-Instruct)"
            )
        else:
            given.append(("--model-name", item))
    if args.title is not None and not args.title.strip():
        raise ImportProblem(f"--title {args.title!r}: the title cannot be blank (leave --title out to take it from the file name)")
    for flag, text in given:
        bad = bad_character(text) if text is not None else None
        if bad and not (flag == "--model-name" and "=" in text and not bad_character(text.partition("=")[2])):
            raise ImportProblem(f"{flag} {text!r}: holds {bad}, which the site refuses (type it without that character)")


def run(args: argparse.Namespace) -> int:
    """Run ``build-site import``; returns the exit code (0 written, 1 a problem, printed)."""
    for warning in PLUGIN_WARNINGS:
        print(printable(f"build-site import: warning: {warning}"), file=sys.stderr)
    try:
        if getattr(args, "recipe", None):
            apply_recipe(args)
        if args.output is None:
            raise ImportProblem("-o OUT.yaml: no output file given (e.g. -o content/results/NAME.yaml, or --recipe RECIPE.yaml)")
        inputs = [str(i) for i in args.inputs]
        fmt = args.format
        first = ALIASES.get(inputs[0], inputs[0]) if inputs else None
        if first in FORMAT_NAMES and not Path(inputs[0]).exists():
            inputs.pop(0)
            if fmt not in (None, first):
                raise ImportProblem(f"{first}: the format is given twice ({first} and --format {fmt}); give it once")
            fmt = first
        fmt = fmt or "auto"
        if not inputs:
            raise ImportProblem("FILES: no input files given (e.g. build-site import lm-eval out/*/results_*.json -o OUT.yaml)")
        if args.precision is not None and not 0 <= args.precision <= 6:
            raise ImportProblem(f"--precision {args.precision}: give 0 to 6 decimals")
        if args.scale is not None and not (args.scale > 0 and math.isfinite(args.scale)):
            raise ImportProblem(f"--scale {args.scale}: give a finite positive number (100 for percent, 1 to keep the numbers)")
        output = None if args.output == "-" else Path(args.output)
        if output is not None and output.suffix not in (".yaml", ".yml"):
            raise ImportProblem(f"{output}: the output should be a .yaml file under content/results/ (e.g. -o content/results/NAME.yaml)")
        if getattr(args, "append", False) and (output is None or not output.is_file()):
            raise ImportProblem(f"{args.output}: --append adds runs to an existing result file, and there is none (leave out --append to write it)")
        if output is not None and output.exists() and not args.force and not getattr(args, "append", False):
            raise ImportProblem(f"{output}: exists already (pass --force to overwrite it)")
        if output is not None:
            _check_output_folder(output)
        elif getattr(args, "save_recipe", None):
            raise ImportProblem(f"--save-recipe {args.save_recipe}: a recipe records the file it writes; give -o FILE, not -o -")
        options = _options(args)
        renames = pairs(args.rename or [], "--rename")
        _check_texts(args, renames)
        runs = read_runs(inputs, fmt, options)
        stem = output.stem if output is not None else "imported"
        title = args.title or stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Imported results"
        if bad_character(title):
            raise ImportProblem(f"{output}: the file name holds {bad_character(title)}, which the site refuses in the title it gives (rename the file, or give --title)")
        document = merge(runs, title=title, renames=renames, scale=args.scale, precision=args.precision,
                         model_names=list(args.model_name or []), description=args.description, notes=options.notes)
        if getattr(args, "append", False):
            origins: dict[str, list[str]] = {}
            for one in runs:
                origins.setdefault(one.model, []).append(Path(one.file).name)
            document = append(document, output, origins, options.notes)
        text = to_yaml(document, output)
        validate(text, output.name if output is not None else "imported.yaml")
        if output is None:
            sys.stdout.write(text)
        else:
            write(text, output)
        if getattr(args, "save_recipe", None):
            save_recipe(recipe_of(args, fmt, inputs, Path(args.save_recipe)), Path(args.save_recipe))
    except ImportProblem as exc:
        print(printed(str(exc)), file=sys.stderr)
        if "no scores found" in str(exc) and "options" in locals():  # why each task was left out
            for warning in dict.fromkeys(options.warnings):
                print(printed(f"warning: {warning}"), file=sys.stderr)
        return 1
    except OSError as exc:
        print(printed(f"{exc.filename or args.output}: cannot write ({exc.strerror})"), file=sys.stderr)
        return 1
    for note in dict.fromkeys(options.notes):
        print(printed(f"note: {note}"), file=sys.stderr)
    for warning in [*dict.fromkeys(options.warnings), *document["source"].get("warnings", [])]:
        print(printed(f"warning: {warning}"), file=sys.stderr)
    if output is not None:
        models, benchmarks = len(document["models"]), len(document["benchmarks"])
        print(printed(f"wrote {output}: {models} model{'s' * (models != 1)} x {benchmarks} benchmark{'s' * (benchmarks != 1)}"))
    return 0
