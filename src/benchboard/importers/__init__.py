"""Import what evaluation harnesses write: harness outputs -> one benchboard result file.

Each format has its reader (one module each) turning a file into ``Run``s (one model's scores).
Here the runs are merged into one comparison — models in the order the files are given,
benchmarks in the order first seen — with provenance and a warning when runs used different
settings, and the result is validated by the real loader before it is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from benchboard.errors import ContentError
from benchboard.importers import evalscope, lighteval, lmeval, opencompass
from benchboard.importers.common import ImportError_, Options, Run

FORMATS = {"lm-eval": lmeval, "lighteval": lighteval, "evalscope": evalscope, "opencompass": opencompass}
FORMAT_NAMES = ("auto", *FORMATS)
SETTINGS_COMPARED = ("gen_kwargs", "num_fewshot", "limit", "max_samples", "mode")


def detect(text: str, path: str) -> str:
    """The format of one file, from its content (not its name)."""
    if opencompass.looks_like(text):
        return "opencompass"
    data = _json(text, path)
    for name in ("lighteval", "lm-eval", "evalscope"):
        if FORMATS[name].looks_like(data):
            return name
    raise ImportError_(
        f"{path}: not a results file of a known harness (looked for lm-evaluation-harness, lighteval, "
        "evalscope and OpenCompass layouts; force one with --format)"
    )


def _json(text: str, path: str) -> dict:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ImportError_(f"{path}:{getattr(exc, 'lineno', 1)}:{getattr(exc, 'colno', 1)}: not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    if not isinstance(data, dict):
        raise ImportError_(f"{path}: expected a JSON object at the top level")
    return data


def read_runs(paths: list[str], fmt: str, options: Options) -> list[Run]:
    runs: list[Run] = []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ImportError_(f"{path}: no such file") from None
        except UnicodeDecodeError as exc:
            raise ImportError_(f"{path}: not UTF-8 text (byte {exc.start}); is it a results file?") from None
        except OSError as exc:
            raise ImportError_(f"{path}: cannot read ({exc.strerror})") from None
        kind = detect(text, path) if fmt == "auto" else fmt
        try:
            if kind == "opencompass":
                if not opencompass.looks_like(text):
                    raise ImportError_(f"{path}: not an OpenCompass summary CSV (expected the header dataset,version,metric,mode,MODEL...)")
                runs += opencompass.read(text, path, options)
                continue
            data = _json(text, path)
            module = FORMATS[kind]
            if not module.looks_like(data):
                raise ImportError_(f"{path}: does not look like {kind} results (try --format auto)")
            runs.append(module.read(data, path, options))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise ImportError_(f"{path}: unexpected {kind} layout ({type(exc).__name__}: {exc})") from None
    return runs


def merge(runs: list[Run], *, title: str, renames: dict[str, str], scale: float | None, precision: int,
          model_names: list[str]) -> dict:
    """Runs -> a result-file document (plain data, in the documented key order)."""
    if model_names:
        if len(model_names) != len(runs):
            raise ImportError_(f"--model-name given {len(model_names)} times for {len(runs)} runs; give one per run, in file order")
        for run, name in zip(runs, model_names):
            run.model = name
    tasks: dict[str, dict] = {}
    models: dict[str, dict] = {}
    settings: dict[str, dict[str, str]] = {}
    warnings: list[str] = []
    for run in runs:
        model = models.setdefault(run.model, {})
        settings.setdefault(run.model, {}).update(run.settings)
        for score in run.scores:
            if score.task in model:
                raise ImportError_(f"{run.file}: {run.model} already has a score for {score.task} from another file; give each model/task once")
            info = tasks.setdefault(score.task, {"name": renames.get(score.task, score.name), "metric": score.metric, "n": score.n,
                                                 "higher_is_better": score.higher_is_better, "values": []})
            if info["metric"] != score.metric:
                warnings.append(f"{info['name']}: the runs report different metrics ({info['metric']} and {score.metric})")
            if score.n is not None and info["n"] not in (None, score.n):
                warnings.append(f"{info['name']}: the runs used different numbers of items ({info['n']} and {score.n})")
            info["values"].append(score.value)
            model[score.task] = score
    if not tasks:
        raise ImportError_("no scores found in the input (check --tasks and --metric)")
    names = [t["name"] for t in tasks.values()]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ImportError_(f"several tasks would be shown as {', '.join(map(repr, duplicates))}; tell them apart with --rename TASK=NAME")
    factors = {}
    for task, info in tasks.items():
        if scale is not None:
            factors[task] = scale
        else:
            factors[task] = 100.0 if all(0 <= v <= 1 for v in info["values"]) and info["higher_is_better"] else 1.0
    percent = all(f == 100.0 for f in factors.values()) or all(
        all(0 <= v * factors[t] <= 100 for v in info["values"]) for t, info in tasks.items()
    )
    for key in SETTINGS_COMPARED:
        values = {model: s.get(key) for model, s in settings.items() if s.get(key)}
        if len(set(values.values())) > 1:
            listed = "; ".join(f"{model}: {value}" for model, value in values.items())
            warnings.append(f"The runs used different {key.replace('_', ' ')} ({listed}); their scores may not be comparable.")
    metrics = {info["metric"] for info in tasks.values()}
    document: dict = {"title": title}
    harnesses = sorted({r.harness for r in runs})
    document["description"] = f"Imported from {', '.join(harnesses)} results ({len(runs)} file{'s' if len(runs) != 1 else ''})."
    y_metric = metrics.pop() if len(metrics) == 1 else "Score"
    if percent:
        document["y_title"] = f"{y_metric} (%)"
        document["y_range"] = [0, 100]
    else:
        document["y_title"] = y_metric
    document["precision"] = precision
    document["benchmarks"] = []
    for task, info in tasks.items():
        entry = {"name": info["name"], "metric": info["metric"]}
        if info["n"] is not None:
            entry["n"] = info["n"]
        entry["higher_is_better"] = info["higher_is_better"]
        document["benchmarks"].append(entry)
    document["models"] = []
    for name, scores in models.items():
        out = {}
        for task in tasks:
            if task not in scores:
                continue  # a task this model was not run on: a missing score, not an error
            s = scores[task]
            value = s.value * factors[task]
            out[tasks[task]["name"]] = {"value": value, "stderr": s.stderr * factors[task]} if s.stderr is not None else value
        document["models"].append({"name": name, "scores": out})
    versions = sorted({r.version for r in runs if r.version})
    document["source"] = {
        "harness": ", ".join(harnesses),
        **({"version": ", ".join(versions)} if versions else {}),
        "files": [r.file for r in runs if r.file] if len({r.file for r in runs}) == len(runs) else sorted({r.file for r in runs}),
        "models": {model: dict(sorted(s.items())) for model, s in settings.items() if s},
        **({"warnings": list(dict.fromkeys(warnings))} if warnings else {}),
    }
    return document


def to_yaml(document: dict) -> str:
    header = "# yaml-language-server: $schema=../../site/schema/result.schema.json\n# Written by build-site import; edit freely.\n"
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    result = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImportError_(f"{flag} {item!r}: expected TASK=VALUE")
        result[key.strip()] = value.strip().strip('"')
    return result


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="convert harness result files into a result file",
        description="Convert result files written by lm-evaluation-harness, lighteval, evalscope or OpenCompass "
        "into one benchboard result file (models as rows, benchmarks as columns).",
        epilog="Models appear in the order of the files; benchmarks in the order first seen. "
        "Example: build-site import out/*/results_*.json -o content/results/leaderboard.yaml --title 'Open LLM tasks' "
        "--rename leaderboard_gpqa_diamond='GPQA Diamond'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="[FORMAT] FILES", help=f"optional format ({', '.join(FORMAT_NAMES)}), then the result files")
    parser.add_argument("-o", "--output", required=True, type=Path, help="result file to write, e.g. content/results/NAME.yaml")
    parser.add_argument("--format", choices=FORMAT_NAMES, default=None, help="force a format (default: detect each file)")
    parser.add_argument("--title", default=None, help="report title (default: from the output file name)")
    parser.add_argument("--metric", action="append", default=[], metavar="METRIC|TASK=METRIC", help="metric to import, for all tasks or one (repeatable)")
    parser.add_argument("--filter", default=None, help="lm-eval filter (default: none, else the first)")
    parser.add_argument("--tasks", action="append", default=[], metavar="PATTERN", help="only tasks matching this glob (repeatable)")
    parser.add_argument("--rename", action="append", default=[], metavar="TASK=NAME", help="display name of a task (repeatable)")
    parser.add_argument("--scale", type=float, default=None, help="multiply scores by this (default: 100 for 0-1 scores)")
    parser.add_argument("--precision", type=int, default=1, help="decimals shown (default 1)")
    parser.add_argument("--model-name", action="append", default=[], help="name of each run's model, in file order (repeatable)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")


def run(args: argparse.Namespace) -> int:
    from benchboard.load import load_report_file

    try:
        inputs = list(args.inputs)
        fmt = args.format or "auto"
        if inputs and inputs[0] in FORMAT_NAMES and not Path(inputs[0]).exists():
            fmt = inputs.pop(0) if args.format is None else fmt
        if not inputs:
            raise ImportError_("no input files given")
        options = Options(filter=args.filter, tasks=args.tasks)
        for item in args.metric:
            if "=" in item:
                options.task_metric.update(_pairs([item], "--metric"))
            else:
                options.metric = item
        runs = read_runs(inputs, fmt, options)
        if options.metric and not any(r.scores for r in runs):
            raise ImportError_(f"no task has the metric {options.metric!r}")
        title = args.title or args.output.stem.replace("-", " ").replace("_", " ").capitalize()
        document = merge(runs, title=title, renames=_pairs(args.rename, "--rename"), scale=args.scale,
                         precision=args.precision, model_names=args.model_name)
        if args.output.exists() and not args.force:
            raise ImportError_(f"{args.output} exists; pass --force to overwrite it")
        text = to_yaml(document)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.output.with_name(args.output.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        try:
            load_report_file(tmp, tmp.parent)
        except ContentError as exc:  # a bug in the importer if it ever happens: never write a bad file
            tmp.unlink()
            raise ImportError_("the converted file does not validate: " + "; ".join(str(p) for p in exc.problems)) from None
        tmp.replace(args.output)
    except ImportError_ as exc:
        print(f"build-site import: {exc}", file=sys.stderr)
        return 1
    warnings = document["source"].get("warnings", [])
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {args.output}: {len(document['models'])} model{'s' if len(document['models']) != 1 else ''} × "
          f"{len(document['benchmarks'])} benchmark{'s' if len(document['benchmarks']) != 1 else ''}")
    return 0
