"""Reading every input file and settling one metric (and one lm-eval filter) per task.

A column holds one metric: when the files picked different metrics for a task, they are read
again with the best metric every run has (a note says which), and none shared is an error.
Options that matched nothing (a --metric, --tasks or --filter that does not exist) are errors
that name what exists.
"""

from __future__ import annotations

from pathlib import Path

from benchboard.importers import registry
from benchboard.importers.common import ImportProblem, Options, Run, preferred, printable, public_text
from benchboard.importers.credentials import public_settings, without_credentials

MAX_PASSES = 4  # reading again with the metrics, then the filters, every run shares


def read_runs(paths: list[str], fmt: str, options: Options) -> list[Run]:
    """Read every file; then, where the runs picked different metrics (or lm-eval filters) for
    one task, read again with the one they all have, so that a column holds one metric."""
    loaded = [(Path(path), registry.reader_for(Path(path), fmt)) for path in paths]
    agreement_notes: list[str] = []
    for _ in range(MAX_PASSES):
        options.start_reading()
        runs = [run for path, reader in loaded for run in _read_one(path, reader, options)]
        if not _agree(runs, options, agreement_notes):
            break
    options.notes += agreement_notes
    removed: dict[str, list[str]] = {}  # file -> credentials taken out of its runs' settings
    for run in runs:  # provenance: no credential, no local path published, nothing the site would refuse
        run.version = printable(public_text(without_credentials(run.version)[0])) if run.version else run.version
        run.settings, gone = public_settings(run.settings)
        run.warnings = [without_credentials(w)[0] for w in run.warnings]
        removed.setdefault(run.file, []).extend(gone)
        for score in run.scores:
            score.fewshot = printable(score.fewshot) if score.fewshot else score.fewshot
            score.settings, gone = public_settings(score.settings)
            removed[run.file].extend(gone)
            if "paths" in score.settings:  # said once, for the model
                run.settings["paths"] = score.settings.pop("paths")
    for path, gone in removed.items():
        if gone:
            options.notes.append(
                f"{path}: removed credentials from the run settings: {'; '.join(dict.fromkeys(gone))}; the site "
                "publishes run settings (pass tokens and keys through the environment, not model_args)"
            )
    _check_options_used(runs, options)
    return runs


def _read_one(path: Path, reader, options: Options) -> list[Run]:
    try:
        return reader.read(path, options)
    except ImportProblem:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, IndexError, RecursionError) as exc:
        raise ImportProblem(
            f"{path}: unexpected {reader.name} layout ({type(exc).__name__}: {exc}); please report it with the file attached"
        ) from None


def _shared(offers: dict) -> tuple:
    """The first file's offer, and what every file offers, in that file's order."""
    first = next(iter(offers.values()))
    return first, [x for x in first.available if all(x in o.available for o in offers.values())]


def _agree(runs: list[Run], options: Options, notes: list[str]) -> bool:
    """Settle, per task, one metric (then one lm-eval filter) that every run has.

    A task whose files picked different metrics gets the one they would all pick first: the
    preferred metric if every run has a number for it, else the best metric they share. No
    shared metric is an error: one column cannot hold values of different metrics. Returns
    whether anything new was settled (the files are then read again).
    """
    files = {}
    for run in runs:
        files.setdefault(run.file, []).append(run.model)

    def who(path: str) -> str:
        return f"{path} ({_listing(dict.fromkeys(files[path]), 5)})" if files.get(path) else path  # a leaderboard has 100 models

    changed = False
    for task, offers in options.offers.items():
        picks = {o.pick for o in offers.values()}
        if len(picks) < 2 or {options.renamed.get(p, p) for p in picks} == {options.agreed.get(task)}:
            continue  # one metric (or one under the names of two harness versions, settled)
        first, common = _shared(offers)
        current = {path: [options.renamed.get(m, m) for m in o.available] for path, o in offers.items()}
        if not common and (same := [m for m in dict.fromkeys(next(iter(current.values()))) if all(m in c for c in current.values())]):
            # One metric under the names of two harness versions (Pass@1, later mean_acc): one column.
            metric = preferred(same, tuple(options.renamed.get(m, m) for m in first.preference))
            options.agreed[task] = metric
            changed = True
            old = sorted({o.pick for o in offers.values() if o.pick != metric})
            notes.append(f"{task}: {', '.join(old)} is what older versions of the harness call {metric}; imported as {metric} for every run")
            continue
        if not common:
            listed = "; ".join(f"{who(path)}: {', '.join(o.available)}" for path, o in offers.items())
            raise ImportProblem(
                f"{task}: the runs have no metric in common ({listed}), and one column cannot mix metrics "
                f"(import these runs into separate result files, or pick tasks other than {task} with --tasks)"
            )
        metric = preferred(common, first.preference)
        options.agreed[task] = metric
        changed = True
        others = {path: o.pick for path, o in offers.items() if o.pick != metric}
        why = _why_not(others, offers, who)
        notes.append(f"{task}: imported {metric} for every run, the best metric they all have" + (f" ({why})" if why else ""))
    if changed:
        return True
    for (task, metric), offers in options.filter_offers.items():
        if len({o.pick for o in offers.values()}) < 2:
            continue
        first, common = _shared(offers)
        if not common:
            listed = "; ".join(f"{who(path)}: {', '.join(o.available)}" for path, o in offers.items())
            raise ImportProblem(
                f"{task}: the runs have no filter of {metric} in common ({listed}), and one column cannot mix them "
                f"(import these runs into separate result files, or pick another metric with --metric {task}=METRIC)"
            )
        chosen = "none" if "none" in common else options.filter if options.filter in common else common[0]
        options.agreed_filters[(task, metric)] = chosen
        changed = True
        notes.append(f"{task}: imported {metric} with the filter {chosen} for every run, the filter they all have")
    return changed


def _why_not(others: dict, offers: dict, who) -> str:
    """Why the runs' own picks (``others``) were not taken: the files without that metric; when
    every file has it (an AlpacaEval leaderboard picks win_rate where some length-controlled
    cells are empty, and says so itself), each file's own choice; never an empty list."""
    picked = ", ".join(dict.fromkeys(others.values()))
    lacking = [who(path) for path, o in offers.items() if any(p not in o.available for p in others.values())]
    if lacking:
        return f"{picked} is missing or not a number in {', '.join(lacking)}"
    return "the files' own first choices: " + "; ".join(f"{path}: {o.pick}" for path, o in offers.items())


def _check_options_used(runs: list[Run], options: Options) -> None:
    """Options that matched nothing are mistakes: say what exists instead."""
    seen = options.seen_metrics
    if options.tasks and not seen:
        raise ImportProblem(f"--tasks {' '.join(options.tasks)}: no task matches (run without --tasks to see the task names)")
    for task in options.task_metric:
        if task not in seen:
            raise ImportProblem(f"--metric {task}=...: no task {task!r} in the input (tasks: {_listing(seen)})")
    if options.metric and not any(run.scores for run in runs):
        metrics = sorted(set().union(*seen.values())) if seen else []
        raise ImportProblem(f"--metric {options.metric}: no task has this metric (metrics present: {', '.join(metrics) or 'none'})")
    if options.filter and options.seen_filters and options.filter not in options.seen_filters:
        raise ImportProblem(
            f"--filter {options.filter}: no task has this filter (filters present: {', '.join(sorted(options.seen_filters))})"
        )
    if options.metric:
        lacking = [t for t, metrics in seen.items() if options.metric not in metrics]
        if lacking:
            options.notes.append(f"--metric {options.metric}: left out {len(lacking)} task(s) without it: {_listing(lacking)}")


def _listing(items, limit: int = 12) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items)} in all)" if len(items) > limit else "")
