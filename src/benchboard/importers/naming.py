"""Which model a run is, when the file does not say, and names the site accepts.

- A file whose only model word is a loading backend (``neox``, ``hf-causal``: see
  ``common.BACKEND_WORDS``) does not name its model: the run is named after the file (its name
  without the harness's own parts, ``results_DATE``, ``eval_results_DATE``), else after its
  folder, and a note says so. Two files of two models are then two models, not two runs of
  "neox".
- A name over the site's bound (``MAX_NAME_CHARS``) is shortened in the middle, keeping its
  start and its end (a revision, a checkpoint step, a run label), so that checkpoints stay
  apart and the import never writes a file its own validation refuses.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from benchboard.importers.common import GENERIC_PART, Options, Run
from benchboard.model import MAX_NAME_CHARS

# What harnesses put in a results file's name besides the model: lm-eval's results_DATE,
# gpt-neox evaluate.py's [PREFIX_]eval_results_MM-DD-YYYY-HH-MM(-SS).
BOILERPLATE = re.compile(
    r"(?:^|[_-])(?:eval_)?results?(?:[_-]\d{4}-\d\d-\d\dT[\d-]+(?:\.\d+)?|[_-]\d\d-\d\d-\d{4}(?:-\d\d){2,3})?$",
    re.IGNORECASE,
)
ELLIPSIS = "…"


def name_from_file(path: str) -> str | None:
    """The model a file is named after (``pythia-19m-deduped-step103000_eval_results_DATE.json``
    -> ``pythia-19m-deduped-step103000``), else its folder's name; None when neither says."""
    file = Path(path)
    stem = BOILERPLATE.sub("", file.stem).strip("_- ")
    if stem and not GENERIC_PART.fullmatch(stem):
        return stem
    folder = file.parent.name
    return folder if folder and not GENERIC_PART.fullmatch(folder) and folder not in ("results", ".", "..") else None


def unnamed_model(path: str, what: str, options: Options) -> str:
    """The name of a run whose file does not name its model (``what`` says what it has instead)."""
    name = name_from_file(path)
    if name:
        options.notes.append(f"{path}: the file does not name the model ({what}); named {name!r} after the file "
                             "(give the name with --model-name)")
        return name
    options.notes.append(f"{path}: the file does not name the model ({what}), nor does its name; give it with --model-name")
    return "unnamed model"


def bounded(name: str, limit: int = MAX_NAME_CHARS, tag: str = "") -> str:
    """A name within ``limit`` characters: the start, an ellipsis, then the end (from the last
    " @ ", " + " or " (" part when that is short, else the last 40 characters); ``tag`` (a short
    hash) goes before the end to tell apart two names that shorten alike."""
    if len(name) <= limit:
        return name
    cut = max(name.rfind(" @ "), name.rfind(" + "), name.rfind(" ("))
    tail = name[cut:] if 0 < cut and len(name) - cut <= limit // 2 else name[-40:]
    tail = (f" #{tag}" if tag else "") + tail
    return name[: limit - len(tail) - len(ELLIPSIS)].rstrip() + ELLIPSIS + tail


def bound_model_names(runs: list[Run], notes: list[str]) -> None:
    """Every model name within the site's bound, shortened readably; distinct names stay distinct."""
    long = list(dict.fromkeys(run.model for run in runs if len(run.model) > MAX_NAME_CHARS))
    if not long:
        return
    short = {name: bounded(name) for name in long}
    taken = [run.model for run in runs if run.model not in short]
    for name in long:
        if list(short.values()).count(short[name]) > 1 or short[name] in taken:
            short[name] = bounded(name, tag=hashlib.sha1(name.encode("utf-8")).hexdigest()[:6])
    for run in runs:
        run.model = short.get(run.model, run.model)
    for name, new in short.items():
        notes.append(f"the model name {name[:60]!r}... is {len(name)} characters, over the {MAX_NAME_CHARS} a name can be; "
                     f"shortened to {new!r} (give another with --model-name)")
