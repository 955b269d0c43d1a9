"""Two runs of one model on one task: one result given twice, or two runs kept apart.

A result can reach an import twice: the same file copied, a harness summary beside its own
results file (an OpenCompass ``summary_*.csv`` and ``results/MODEL/DATASET.json``), a HELM
``run_spec.json`` beside its ``stats.json``, a row of a shared leaderboard in two snapshots of it
(AlpacaEval's ``results/MODEL/ANNOTATOR/leaderboard.csv``). Such a pair is imported once.

Two scores are one result only when every one of these holds:

- their files can hold one run (``one_run``): of one harness, and of different kinds (a summary
  beside its results), in one folder, or both rows of a shared leaderboard table; not run at
  different times (both dated, the dates differ); and every setting both runs record agrees
  (num_fewshot 0 and 5, batch sizes 16 and 4: two runs, whatever their numbers), except the
  listing a leaderboard shows a row in (``LISTING``);
- they agree on metric, few-shot count and item count where both give one;
- their values (and stderrs, where both give one) are equal at the precision *both* were written
  with (``equal_as_written``): numbers a harness wrote at full precision exactly (to 9
  significant digits, so a recomputation's float noise is no difference), a number a
  summary rounded to 2 decimals (``TaskScore.decimals``) with any that rounds to it
  (70.52 and 70.51597051597052). A full-precision 0.3 is not 0.33: JSON drops trailing zeros, so
  "0.3" is the number 0.3, not 0.33 written with fewer digits.

Everything else is two runs, named after what tells them apart (``distinguish``).
"""

from __future__ import annotations

import math
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_EVEN, Context, Decimal, localcontext
from pathlib import Path

from benchboard.importers.common import ImportProblem, Run, TaskScore


def equal_as_written(x: float, x_places: int | None, y: float, y_places: int | None) -> bool:
    """Equal at the precision both numbers were written with: ``None`` is full precision (equal
    only when equal, to 9 significant digits: AlpacaEval's snapshots of one leaderboard recompute
    16.98534361236025 as 16.98534361252407), a number of decimal places a rounding (equal when
    the other rounds to it)."""
    if x_places is None and y_places is None:  # equal but for the float noise of a recomputation
        return math.isclose(x, y, rel_tol=1e-9, abs_tol=0.0)
    places = min(p for p in (x_places, y_places) if p is not None)
    step = Decimal(1).scaleb(-places)
    # the exact binary value, rounded as a harness's "%.2f" rounds it, in a context wide enough
    # for any float (the default 28 digits raised InvalidOperation on 1e26 before the importer's
    # own range check could refuse it)
    with localcontext(Context(prec=800, Emax=MAX_EMAX, Emin=MIN_EMIN)):
        return Decimal(x).quantize(step, ROUND_HALF_EVEN) == Decimal(y).quantize(step, ROUND_HALF_EVEN)


def same_result(a: TaskScore, b: TaskScore) -> bool:
    """Whether two scores of one task are one result given twice (see the module's docstring);
    whether their files can hold one run is ``one_run``'s question."""
    def differ(x, y) -> bool:
        return x is not None and y is not None and x != y

    if a.metric != b.metric or differ(a.fewshot, b.fewshot) or differ(a.n, b.n) or differ(a.subsets, b.subsets):
        return False
    if any(a.settings[key] != b.settings[key] for key in a.settings.keys() & b.settings.keys()):
        return False  # another split or dataset revision (MTEB): another result
    if not equal_as_written(a.value, a.decimals, b.value, b.decimals):
        return False
    return a.stderr is None or b.stderr is None or equal_as_written(a.stderr, a.decimals, b.stderr, b.decimals)


# Settings that say how a leaderboard lists a result, not how it was made: AlpacaEval moved rows
# between its "minimal" and "verified" listings without re-running them.
LISTING = frozenset({"leaderboard_mode"})


def one_run(a: Run, b: Run) -> bool:
    """Whether two files of one model can hold one result twice: of one harness; files of
    different kinds (a summary beside its results), in one folder, or rows of a shared
    leaderboard; not run at different times; and no setting both record differs."""
    pa, pb = Path(a.file), Path(b.file)
    if a.harness != b.harness:
        return False
    if not (pa.suffix != pb.suffix or pa.parent == pb.parent or (a.leaderboard and b.leaderboard)):
        return False
    return all(a.settings[key] == b.settings[key] for key in (a.settings.keys() & b.settings.keys()) - LISTING)


def _precision(score: TaskScore) -> float:
    return float("inf") if score.decimals is None else score.decimals


def distinguish(runs: list[Run], notes: list[str]) -> None:
    """Two runs of one model that both scored a task are different runs (another sampling, a
    later checkpoint, a rerun): each is named after what tells it apart (its date, else its
    file), never merged. The same result given twice (a summary and its results file) is kept
    once, at the finer precision."""
    by_model: dict[str, list[Run]] = {}
    for run in runs:
        by_model.setdefault(run.model, []).append(run)
    for model, group in by_model.items():
        if len(group) < 2:
            continue
        clashing: dict[int, Run] = {}
        twin: dict[int, Run] = {}  # a run that gave up a duplicate -> the run that kept it
        seen: dict[str, list[tuple[Run, TaskScore]]] = {}
        for run in group:
            for score in list(run.scores):
                if score.task not in seen:
                    seen[score.task] = [(run, score)]
                    continue
                for other, kept in seen[score.task]:
                    if Path(other.file).resolve() == Path(run.file).resolve():
                        raise ImportProblem(
                            f"{run.file}: {run.model} already has a score for {score.task} from the same file "
                            "(the file is given twice, or lists the model twice; give each file once)"
                        )
                duplicate = next(((o, k) for o, k in seen[score.task] if one_run(o, run) and same_result(k, score)), None)
                if duplicate is not None:
                    other, kept = duplicate
                    better = score if _precision(score) > _precision(kept) else kept
                    (run if better is kept else other).scores.remove(score if better is kept else kept)
                    twin[id(run if better is kept else other)] = other if better is kept else run
                    index = next(i for i, entry in enumerate(seen[score.task]) if entry[0] is other and entry[1] is kept)
                    seen[score.task][index] = (run if better is score else other, better)
                    how = "at full precision" if better.decimals is None else f"with {better.decimals} decimals"
                    notes.append(
                        f"{model}: {score.task} is the same result in {Path(other.file).name} and {Path(run.file).name}; "
                        f"imported once, {how} ({better.value!r})"
                    )
                    continue
                for other, _ in seen[score.task]:
                    clashing[id(other)] = other
                clashing[id(run)] = run
                seen[score.task].append((run, score))
        if not clashing:
            continue
        apart = [r for r in group if id(r) in clashing]
        dates = [r.settings.get("date", "") for r in apart]
        labels = dates if all(dates) and len(set(dates)) == len(dates) else _labels([Path(r.file) for r in apart])
        for run, label in zip(apart, labels):
            run.model = f"{model} ({label})"
        for run in group:  # a file whose every score was the same result as another's is that run
            if not run.scores and id(run) in twin and id(run) not in clashing:
                run.model = twin[id(run)].model
        notes.append(
            f"{model}: {len(apart)} runs scored the same tasks; kept apart as "
            + ", ".join(repr(r.model) for r in apart) + " (rename them with --model-name OLD=NEW)"
        )


def _labels(paths: list[Path]) -> list[str]:
    """For each path, the first part (from the file name up) that differs between them."""
    parts = [[p.stem, *[q.name for q in p.parents if q.name]] for p in paths]
    for depth in range(max(len(p) for p in parts)):
        names = [p[depth] if depth < len(p) else "" for p in parts]
        if len(set(names)) == len(names) and all(names):
            return names
    return [f"run {i}" for i in range(1, len(paths) + 1)]
