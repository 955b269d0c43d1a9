"""Import recipes: one YAML file (e.g. content/imports/NAME.yaml) that records an import, so
next month's re-import is ``build-site import --recipe content/imports/NAME.yaml --force``.

A recipe holds the inputs (globs), the output and every option of ``build-site import`` under
its own key. Paths are relative to the recipe's folder, so it works from any directory. A
recipe is read with positions: an unknown key, a wrong type, a missing file or a glob that
matches nothing is ``RECIPE:LINE:COL: what is wrong (how to fix)``. ``--save-recipe FILE``
writes the recipe of the import it ran, which re-runs to the same result file.
"""

from __future__ import annotations

import difflib
import glob
import math
import os
from pathlib import Path

import yaml

from benchboard.errors import Problems
from benchboard.importers.common import ImportProblem
from benchboard.importers.registry import FORMAT_NAMES
from benchboard.load.paths import atomic_write
from benchboard.load.yamlsource import Document, parse_yaml, read_text

GROUP_MODES = ("auto", "mean", "subtasks")
HEADER = "# build-site import recipe: re-run with `build-site import --recipe {path} --force`. Paths are relative to this file.\n"

# key -> (argparse attribute, kind, what to write); the order is the order a saved recipe uses.
KEYS = {
    "format": ("format", "format", "one of: " + ", ".join(FORMAT_NAMES)),
    "inputs": ("inputs", "paths", "a list of files or globs, e.g. [../../runs/*/results_*.json]"),
    "output": ("output", "path", "the result file to write, e.g. ../results/NAME.yaml"),
    "title": ("title", "text", "the report title"),
    "description": ("description", "text", "the report description"),
    "tasks": ("tasks", "texts", "a list of task globs, e.g. ['leaderboard_*']"),
    "groups": ("groups", "groups", "one of: " + ", ".join(GROUP_MODES)),
    "metric": ("metric", "text", "the metric for every task that has it, e.g. acc"),
    "metrics": ("metric", "mapping", "a mapping TASK: METRIC"),
    "filter": ("filter", "text", "the lm-eval filter for every task, e.g. strict-match"),
    "filters": ("filter", "mapping", "a mapping TASK: FILTER"),
    "renames": ("rename", "mapping", "a mapping TASK: NAME"),
    "model_names": ("model_name", "names", "a list of names (one per run, in file order) or a mapping OLD: NEW"),
    "keep_org": ("keep_org", "bool", "true or false"),
    "scale": ("scale", "number", "a finite number above 0"),
    "precision": ("precision", "int", "a whole number of decimals, 0 to 6"),
}
# argparse defaults: a command-line option differing from these was given.
DEFAULTS = {"format": None, "title": None, "description": None, "tasks": [], "groups": "auto", "metric": [], "filter": [],
            "rename": [], "model_name": [], "keep_org": False, "scale": None, "precision": None}


def _problem(doc: Document, location: tuple, message: str, key: bool = False) -> ImportProblem:
    line, col = doc.key_at(location) if key else doc.at(location)
    return ImportProblem(f"{doc.path}:{line}:{col}: {message}")


def _typed(doc: Document, key: str, value, kind: str, what: str):
    """The value of ``key`` checked against its kind; an ImportProblem at its position if not."""
    where = (key,)
    ok = {
        "text": lambda v: isinstance(v, str) and v.strip() != "",
        "format": lambda v: v in FORMAT_NAMES,
        "groups": lambda v: v in GROUP_MODES,
        "path": lambda v: isinstance(v, str) and v.strip() != "",
        "paths": lambda v: isinstance(v, list) and v and all(isinstance(x, str) and x.strip() for x in v),
        "texts": lambda v: isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v),
        "mapping": lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) and x.strip() for k, x in v.items()),
        "names": lambda v: (isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v))
        or (isinstance(v, dict) and all(isinstance(x, str) and x.strip() for x in v.values())),
        "bool": lambda v: isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v > 0,
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 6,
    }[kind]
    if not ok(value):
        raise _problem(doc, where, f"{key}: {value!r} is not valid here (give {what})")
    return value


def read_recipe(path: Path) -> tuple[Document, dict]:
    """The recipe's document and its checked values, by key."""
    problems = Problems()
    display = str(path)
    if not path.is_file():
        raise ImportProblem(f"{display}: no such recipe file (check the path; build-site import ... --save-recipe FILE writes one)")
    text = read_text(path, display, problems)
    doc = parse_yaml(text, display, problems) if text is not None else None
    if doc is None:
        raise ImportProblem("; ".join(str(p) for p in problems.errors))
    if not isinstance(doc.data, dict):
        raise _problem(doc, (), "a recipe is a mapping of keys (inputs:, output:, and options; see docs/importers.md)")
    values = {}
    for key, value in doc.data.items():
        if key not in KEYS:
            close = difflib.get_close_matches(str(key).replace("-", "_").lower(), list(KEYS), n=1)
            hint = f"did you mean {close[0]}?" if close else "known keys: " + ", ".join(KEYS)
            raise _problem(doc, (key,), f"unknown key {key!r} ({hint})", key=True)
        values[key] = _typed(doc, key, value, *KEYS[key][1:])
    for needed in ("inputs", "output"):
        if needed not in values:
            raise _problem(doc, (), f"the recipe has no {needed}: (add {needed}: {KEYS[needed][2]})")
    return doc, values


def _shown(path: Path) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def expand_inputs(doc: Document, patterns: list[str], folder: Path) -> list[str]:
    """Each input, a file or a glob relative to ``folder``, as files (a glob's in sorted order)."""
    found: list[str] = []
    for i, pattern in enumerate(patterns):
        full = folder / os.path.expanduser(pattern)
        if glob.has_magic(pattern):
            matches = sorted(glob.glob(str(full), recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files:
                raise _problem(doc, ("inputs", i), f"inputs: {pattern!r} matches no file (relative to {_shown(folder) or '.'}; check the pattern)")
        else:
            if not full.is_file():
                raise _problem(doc, ("inputs", i), f"inputs: {pattern!r}: no such file (relative to {_shown(folder) or '.'}; check the path)")
            files = [str(full)]
        found += [_shown(Path(f)) for f in files]
    return found


def apply_recipe(args) -> None:
    """Fill ``args`` (build-site import's namespace) from ``args.recipe``: the recipe's inputs
    unless FILES are given, its output unless -o is, and its options; an option given both in
    the recipe and on the command line is an error naming both."""
    path = Path(args.recipe)
    doc, values = read_recipe(path)
    folder = path.parent
    for key, value in values.items():
        attribute = KEYS[key][0]
        if key in ("inputs", "output"):
            continue
        given = getattr(args, attribute)
        if given not in (DEFAULTS[attribute], None) and not (isinstance(given, list) and not given):
            raise _problem(doc, (key,), f"{key} is set here and on the command line ({given!r}); give it in one place", key=True)
    for key, value in values.items():
        attribute = KEYS[key][0]
        if key == "inputs":
            if not args.inputs:
                args.inputs = expand_inputs(doc, value, folder)
                args.recipe_inputs = list(value)
        elif key == "output":
            if args.output is None:
                args.output = _shown(folder / value)
        elif key in ("metrics", "filters", "renames"):
            getattr(args, attribute).extend(f"{task}={choice}" for task, choice in value.items())
        elif key == "model_names":
            args.model_name = [f"{old}={new}" for old, new in value.items()] if isinstance(value, dict) else list(value)
        elif key in ("metric", "filter"):
            getattr(args, attribute).insert(0, value)
        else:
            setattr(args, attribute, value)


def _split(items: list[str]) -> tuple[str | None, dict[str, str]]:
    whole, per_task = None, {}
    for item in items:
        if "=" in item:
            task, _, choice = item.partition("=")
            per_task[task.strip()] = choice.strip()
        else:
            whole = item.strip()
    return whole, per_task


def recipe_of(args, fmt: str, inputs: list[str], recipe_path: Path) -> dict:
    """The recipe that re-runs this import, paths relative to ``recipe_path``'s folder."""
    if args.output == "-":
        raise ImportProblem(f"--save-recipe {recipe_path}: a recipe records the file it writes; give -o FILE, not -o -")
    folder = recipe_path.resolve().parent

    def rel(path: str) -> str:
        return Path(os.path.relpath(Path(path).resolve(), folder)).as_posix()

    recipe: dict = {}
    if fmt and fmt != "auto":
        recipe["format"] = fmt
    patterns = getattr(args, "recipe_inputs", None)
    if patterns is not None and getattr(args, "recipe", None):  # re-saving a recipe keeps its globs
        source = Path(args.recipe).resolve().parent
        recipe["inputs"] = [Path(os.path.relpath(source / p, folder)).as_posix() for p in patterns]
    else:
        recipe["inputs"] = [rel(p) for p in inputs]
    recipe["output"] = rel(args.output)
    for key in ("title", "description"):
        if getattr(args, key) is not None:
            recipe[key] = getattr(args, key)
    if args.tasks:
        recipe["tasks"] = list(args.tasks)
    if args.groups and args.groups != "auto":
        recipe["groups"] = args.groups
    for flag, single, many in (("metric", "metric", "metrics"), ("filter", "filter", "filters")):
        whole, per_task = _split(getattr(args, flag) or [])
        if whole:
            recipe[single] = whole
        if per_task:
            recipe[many] = per_task
    if args.rename:
        recipe["renames"] = _split(args.rename)[1]
    if args.model_name:
        names = list(args.model_name)
        recipe["model_names"] = _split(names)[1] if all("=" in n for n in names) else names
    if args.keep_org:
        recipe["keep_org"] = True
    if args.scale is not None:
        recipe["scale"] = args.scale
    if args.precision is not None:
        recipe["precision"] = args.precision
    return recipe


def save_recipe(recipe: dict, path: Path) -> None:
    """Write the recipe (its folder is created, e.g. content/imports/)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER.format(path=path.as_posix()) + yaml.safe_dump(recipe, sort_keys=False, allow_unicode=True, width=100)
    atomic_write(path, text.encode("utf-8"))
