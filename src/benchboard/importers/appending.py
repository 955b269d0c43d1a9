"""``build-site import ... --append``: new runs added to an existing result file.

The new runs are imported as usual (merging.merge: one metric per benchmark, scale by metric,
runs kept apart), then joined to the file with the same rules a merge applies across files:

- a benchmark keeps one metric, unit and direction: new runs of it with another are refused,
  naming the file's benchmark (FILE:LINE:COL) and the new file;
- ``n`` stays only when both give the same one (else it is dropped, with a note: margins then
  come from each score's stderr);
- a new model is a new row; a model already there gets the scores it lacks; a run whose scores
  equal the file's is the same result (kept once, a note says so); a second run of a model on a
  benchmark it already has a score for is kept apart under a name with its run date, and refused,
  naming both, when it has no date to tell it apart.
"""

from __future__ import annotations

from pathlib import Path

from benchboard.errors import Problems
from benchboard.importers.duplicates import equal_as_written
from benchboard.importers.common import ImportProblem
from benchboard.load.yamlsource import Document, parse_yaml, read_text
from benchboard.model import name_form


def _read(path: Path) -> Document:
    problems = Problems()
    text = read_text(path, str(path), problems)
    doc = parse_yaml(text, str(path), problems) if text is not None else None
    if doc is None:
        raise ImportProblem("; ".join(str(p) for p in problems.errors))
    data = doc.data
    if not (isinstance(data, dict) and isinstance(data.get("benchmarks"), list) and isinstance(data.get("models"), list)):
        raise ImportProblem(f"{path}: not a result file with benchmarks: and models: (--append adds runs to one; check -o)")
    return doc


def _where(doc: Document, location: tuple) -> str:
    line, col = doc.key_at(location)
    return f"{doc.path}:{line}:{col}"


def _same(a: dict, b: dict) -> bool:
    """One result given twice: the values (and stderrs, where both give one) equal as written
    (``duplicates.equal_as_written`` at full precision: 0.3 is not 0.33, whichever file wrote
    fewer digits; an import writes every number whole)."""
    x, y = a.get("value"), b.get("value")
    if x is None or y is None or not equal_as_written(float(x), None, float(y), None):
        return False
    sx, sy = a.get("stderr"), b.get("stderr")
    return sx is None or sy is None or equal_as_written(float(sx), None, float(sy), None)


def _value(score) -> dict:
    return score if isinstance(score, dict) else {"value": score}


def append(document: dict, output: Path, origins: dict[str, list[str]], notes: list[str]) -> dict:
    """The existing result file at ``output`` with ``document``'s runs added. ``origins``:
    each new model's input files, to name them in a refusal."""
    doc = _read(output)
    old = doc.data
    combined = {k: v for k, v in old.items()}
    benchmarks = [dict(b) for b in old["benchmarks"]]
    index = {name_form(str(b.get("name"))): i for i, b in enumerate(benchmarks)}  # names as the loader reads them
    new_files = ", ".join(dict.fromkeys(f for files in origins.values() for f in files)) or "the new files"
    for entry in document["benchmarks"]:
        name = entry["name"]
        if name_form(name) not in index:
            index[name_form(name)] = len(benchmarks)
            benchmarks.append(dict(entry))
            continue
        mine = benchmarks[index[name_form(name)]]
        for key, default in (("metric", None), ("unit", None), ("higher_is_better", True)):
            have, got = mine.get(key, default), entry.get(key, default)
            if key == "unit" and have is None:
                continue  # the file left its unit to the site; the new runs' is compatible
            if have != got:
                raise ImportProblem(
                    f"{_where(doc, ('benchmarks', index[name_form(name)]))}: {name} has {key} {have!r} in this file, but the new runs "
                    f"({new_files}) give {key} {got!r}; a column holds one {key} (import the new runs with the file's "
                    f"{key}{', e.g. --metric TASK=' + str(have) if key == 'metric' else ''}, or --rename the task to keep it apart)"
                )
        if mine.get("n") != entry.get("n") and "n" in mine:
            del mine["n"]
            notes.append(f"{name}: the new runs scored another number of items than the file's n; n is left out "
                         "(margins come from each score's stderr)")
    models = [dict(m, scores=dict(m.get("scores") or {})) for m in old["models"]]
    by_name = {name_form(str(m.get("name"))): i for i, m in enumerate(models)}
    settings_new = (document.get("source") or {}).get("models") or {}
    renamed: dict[str, str] = {}
    for row in document["models"]:
        name = row["name"]
        if name_form(name) not in by_name:
            by_name[name_form(name)] = len(models)
            models.append({"name": name, "scores": dict(row["scores"])})
            continue
        i = by_name[name_form(name)]
        mine = models[i]
        spelled = {name_form(b): b for b in mine["scores"]}  # the file's own spelling of each benchmark
        overlap = [b for b in row["scores"] if name_form(b) in spelled]
        if all(_same(_value(mine["scores"][spelled[name_form(b)]]), row["scores"][b]) for b in overlap):
            if overlap:
                notes.append(f"{name}: {', '.join(overlap)} already in {output.name} with the same scores; kept once")
            for bench, score in row["scores"].items():
                mine["scores"].setdefault(spelled.get(name_form(bench), bench), score)
            continue
        date = (settings_new.get(name) or {}).get("date")
        clash = next(b for b in overlap if not _same(_value(mine["scores"][spelled[name_form(b)]]), row["scores"][b]))
        apart = f"{name} ({date})" if date else None
        if apart is None or name_form(apart) in by_name:
            files = ", ".join(origins.get(name, [])) or new_files
            raise ImportProblem(
                f"{_where(doc, ('models', i, 'scores', spelled[name_form(clash)]))}: {name} already has a score for {clash} here "
                f"({_value(mine['scores'][spelled[name_form(clash)]])['value']!r}), and the new run in {files} gives {row['scores'][clash]['value']!r}; "
                f"{'its date ' + repr(date) + ' names a row that exists too' if apart else 'the new run has no date to tell it apart'} "
                f"(name the new run with --model-name {name}=\"{name} (NEW RUN)\", or import it into another file)"
            )
        renamed[name] = apart
        by_name[name_form(apart)] = len(models)
        models.append({"name": apart, "scores": dict(row["scores"])})
        notes.append(f"{name}: a second run (of {date}) scored {clash} again; added as {apart!r} beside the file's row")
    combined["benchmarks"] = benchmarks
    combined["models"] = models
    if document.get("precision") is not None and old.get("precision") is not None:
        combined["precision"] = max(old["precision"], document["precision"])
    combined["source"] = _sources(old.get("source") or {}, document.get("source") or {}, renamed)
    return combined


def _joined(a: str | None, b: str | None) -> str | None:
    parts = [p.strip() for text in (a, b) if text for p in str(text).split(",")]
    return ", ".join(dict.fromkeys(parts)) or None


def _sources(old: dict, new: dict, renamed: dict[str, str]) -> dict:
    source = dict(old)
    for key in ("harness", "version"):
        value = _joined(old.get(key), new.get(key))
        if value:
            source[key] = value
    source["files"] = list(dict.fromkeys([*(old.get("files") or []), *(new.get("files") or [])]))
    settings = dict(old.get("models") or {})
    for model, values in (new.get("models") or {}).items():
        settings.setdefault(renamed.get(model, model), values)
    if settings:
        source["models"] = settings
    warnings = list(dict.fromkeys([*(old.get("warnings") or []), *(new.get("warnings") or [])]))
    if old.get("version") and new.get("version") and old.get("version") != new.get("version"):
        warnings.append(f"Runs used different harness versions ({old['version']} in the file, {new['version']} added); "
                        "task implementations may differ.")
    if warnings:
        source["warnings"] = warnings
    return source
