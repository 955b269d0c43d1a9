"""Where a score came from, whether a column's scores are comparable, and contamination risk.

A number on a board is only as good as the run behind it: two scores of one column produced
with 0 and 5 shots, or greedy and sampled decoding, are not the same measurement. The facts
come from the result file's ``source:`` block (written by the importers, or by hand); this
module only reads them, and says nothing it cannot read there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from benchboard.model import UNKNOWN, Benchmark, Model, Report

# Settings that change what a score measures. Identity and bookkeeping (model_args' model
# path, date, batch size) differ between any two runs and are shown, not compared.
COMPARED = (
    "num_fewshot", "n_shot", "fewshot", "gen_kwargs", "generation", "temperature", "top_p", "top_k",
    "max_tokens", "max_new_tokens", "chat_template", "apply_chat_template", "system_instruction",
    "system_prompt", "dtype", "limit", "version", "harness_version",
    "judge",  # the model that graded a model-graded scorer (inspect): another judge, another measure
)
_DTYPE = re.compile(r"(?:^|,)\s*dtype=([^,]+)")


@dataclass(frozen=True)
class Provenance:
    """One model's run in one result file (every score of that model there shares it)."""

    file: str  # result file, relative to CONTENT's parent ("content/results/x.yaml")
    harness: str | None = None
    version: str | None = None
    settings: tuple[tuple[str, str], ...] = ()  # as written in source.models
    date: str | None = None
    named: str | None = None  # the result file's name for the model, when models.yaml gives it another
    own_version: bool = False  # the version is this model's run's (source.models), not the file's list

    @property
    def compared(self) -> dict[str, str]:
        """The settings that decide comparability, with dtype read out of model_args."""
        values = {k: v for k, v in self.settings if k in COMPARED and v != ""}
        args = dict(self.settings).get("model_args", "")
        match = _DTYPE.search(args)
        if match and "dtype" not in values:
            values["dtype"] = match.group(1).strip()
        if self.version and "version" not in values and "harness_version" not in values:
            values["harness version"] = self.version
        return values

    @property
    def summary(self) -> str:
        """One line for a table cell's disclosure."""
        parts = [self.file]
        if self.named:
            parts.append(f"named {self.named} there")
        if self.harness:
            parts.append(self.harness + (f" {self.version}" if self.version else ""))
        parts += [f"{k}: {v}" for k, v in self.settings if k != "date"]
        if self.date:
            parts.append(f"run {self.date}")
        return "; ".join(parts)

    @property
    def detailed(self) -> bool:
        """Whether there is more to say than the file name (only then is a marker worth it)."""
        return bool(self.harness or self.settings or self.named)


def of(report: Report, model: Model) -> Provenance:
    source = report.source
    first = next(iter(model.scores.values()), None)  # the run's day, when its scores share one (load/dates.py)
    day = first.date if first is not None and all(s.date == first.date for s in model.scores.values()) else None
    if source is None:
        return Provenance(report.path, date=day, named=model.file_name)
    settings = source.settings.get(model.source_name, {})
    own = settings.get("harness_version") or settings.get("version")  # the run's own, where recorded
    return Provenance(
        file=report.path, harness=source.harness, version=str(own) if own else source.version,
        settings=tuple((k, v) for k, v in settings.items() if not (own and k in ("harness_version", "version"))),
        date=settings.get("date") or day, named=model.file_name, own_version=bool(own),
    )


def differences(runs: list[Provenance]) -> tuple[str, ...]:
    """What differs between the runs behind one column: "gen_kwargs: A / B". A setting only
    some runs record is not counted (unknown is not different); a harness version field that
    lists several versions ("git 0230356, git 5c006ed") is itself a difference."""
    found: list[str] = []
    keys: list[str] = []
    for run in runs:
        keys += [k for k in run.compared if k not in keys]
    for key in keys:
        values = list(dict.fromkeys(run.compared[key] for run in runs if key in run.compared))
        if key == "harness version" and len(values) == 1 and "," in values[0]:
            values = [v.strip() for v in values[0].split(",")]
        if len(values) > 1:  # sorted: two columns with the same difference say it the same way
            found.append(f"{key}: " + " / ".join(sorted(values, key=str)))
    return tuple(found)


@dataclass(frozen=True)
class Contamination:
    """The facts behind a † mark; the sentence is the template's (_table.html)."""

    model: str
    basis: str  # "knowledge cutoff" or "release"
    date: str
    benchmark: str
    released: str


def contamination(model: Model, benchmark: Benchmark) -> Contamination | None:
    """Why the score may be contaminated, or None: the model's knowledge cutoff (else its
    release) is after the benchmark's release, so its items may be in the training data.
    Month-only dates count as the whole month, so a possible overlap is marked."""
    info = model.info
    if benchmark.released is None or info is None:
        return None
    for basis, date in (("knowledge cutoff", info.knowledge_cutoff), ("release", info.released)):
        if date and date != UNKNOWN:
            if _last_day(date) > _first_day(benchmark.released):
                return Contamination(model.key, basis, date, benchmark.name, benchmark.released)
            return None
    return None


def _first_day(date: str) -> str:
    return date if len(date) == 10 else f"{date}-01"


def _last_day(date: str) -> str:
    return date if len(date) == 10 else f"{date}-31"  # compared as text: "-31" ends any month
