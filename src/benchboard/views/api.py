"""The site's data as JSON documents (api/*.json): the boards, models, benchmarks and every
score, read from the same objects the pages are laid out from (analyse/boards.py's boards,
views/catalog.py's model and benchmark pages and their entries, whose intervals are
verdicts.score_interval's, as on the report pages). Nothing here decides a fact anew: each value
is copied from the object a page shows it from.

The file names and keys are the site's API (docs/api.md): a key may be added, never renamed or
given another meaning without raising API_VERSION.
"""

from __future__ import annotations

from benchboard import __version__
from typing import TYPE_CHECKING

from benchboard.analyse import boards as board_rules
from benchboard.model import Site

if TYPE_CHECKING:  # annotations only
    from benchboard.analyse.boards import Board
    from benchboard.analyse.provenance import Contamination, Provenance
    from benchboard.views.catalog import BenchmarkPage, Entry, ModelPage

API_VERSION = 1
DOCUMENTS = ("site", "boards", "models", "benchmarks", "scores")


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _provenance(source: Provenance) -> dict:
    return {"file": source.file, "harness": source.harness, "version": source.version,
            "settings": dict(source.settings), "date": source.date}


def _contamination(mark: Contamination | None) -> dict | None:
    if mark is None:
        return None
    return {"basis": mark.basis, "model_date": mark.date, "benchmark_released": mark.released}


def _head(site: Site, name: str) -> dict:
    base = site.config.base_url
    return {"$schema": f"{base or '../'}schema/api/{name}.schema.json", "api_version": API_VERSION,
            "generator": {"name": "benchboard", "version": __version__}}


def _board(board: Board) -> dict:
    return {
        "id": board.id,
        "title": board.title,
        "description": board.description,
        "default": board.default,
        "rules": {
            "aggregate": board.aggregate,
            "higher_is_better": board.higher_is_better,
            "unit": board.unit,
            "ranked": "scored on every column",
            "ranks_from": "uncertainty" if board.by_uncertainty else "shown aggregate",
            "z": board_rules.Z if board.by_uncertainty else None,
        },
        "ranked_count": board.ranked_count,
        "columns": [{"report": c.report.slug if c.report else None, "benchmark": c.benchmark.name,
                     "metric": c.benchmark.metric, "benchmark_id": c.slug,
                     "higher_is_better": c.benchmark.higher_is_better,
                     "mixed_settings": list(c.mixed)} for c in board.columns],
        "rows": [{
            "model": row.name,
            "model_id": row.slug,
            "family": row.family,
            "ranked": row.ranked,
            "rank": row.rank if row.ranked else None,
            "rank_interval": list(row.rank_interval) if row.rank_interval else None,
            "aggregate": {"display": row.aggregate.display, "value": row.aggregate.value} if row.aggregate.value is not None else None,
            "coverage": {"scored": row.coverage[0], "columns": row.coverage[1]},
            "scores": [cell.display if cell.value is not None else None for cell in row.cells],
        } for row in board.rows],
    }


def _model(page: ModelPage) -> dict:
    info = page.info
    return {
        "id": page.slug,
        "name": page.name,
        "url": f"models/{page.slug}/",
        "names": list(page.names),
        "family": page.family,
        "params": page.params,
        "params_b": page.size_b,
        "registry": None if info is None else {
            "params": info.params, "params_b": info.params_b, "active_params_b": info.active_params_b,
            "open_weights": info.open_weights, "released": info.released,
            "knowledge_cutoff": info.knowledge_cutoff, "url": info.url,
        },
        "boards": [{"board": board.id, "ranked": row.ranked, "rank": row.rank if row.ranked else None,
                    "aggregate": row.aggregate.display if row.aggregate.value is not None else None} for board, row in page.boards],
        "reports": list(dict.fromkeys(report.slug for report, _ in page.runs)),
    }


def _benchmark(page: BenchmarkPage) -> dict:
    return {
        "id": page.slug,
        "name": page.name,
        "metric": page.metric,
        "url": f"benchmarks/{page.slug}/",
        "description": page.description,
        "released": page.released,
        "units": list(page.units),
        "higher_is_better": list(page.directions),
        "reports": [r.slug for r in page.reports],
        "models": page.models,
    }


def _score(entry: Entry, run: int) -> dict:
    score = entry.score
    interval = entry.interval
    return {
        "model": entry.model.key,
        "model_id": entry.model.slug,
        "name_in_report": entry.model.source_name,  # as the result file writes it (models.yaml may rename it)
        "report": entry.report.slug,
        "benchmark": entry.benchmark.name,
        "metric": entry.benchmark.metric,
        "benchmark_id": entry.benchmark_slug,
        "value": score.value,
        "display": score.display,
        "stderr": score.stderr,
        "n": entry.benchmark.n,
        "interval": None if interval is None else {"level": 0.95, "low": _number(interval[0]), "high": _number(interval[1]),
                                                   "display": [interval[0], interval[1]]},
        "unit": entry.unit or None,
        "higher_is_better": entry.benchmark.higher_is_better,
        "run": run,
        "contamination": _contamination(entry.contamination),
    }


def site_api(site: Site, boards: list[Board], models: list[ModelPage], benchmarks: list[BenchmarkPage]) -> dict[str, dict]:
    """Document name -> its JSON-able data (written as api/NAME.json)."""
    entries = [entry for page in benchmarks for entry in page.entries]  # every score once: catalog's entries
    runs: dict[tuple[str, str], int] = {}  # (report, the file's name) -> index in runs[]: one provenance per run
    run_list: list[dict] = []
    scores = []
    for entry in entries:
        key = (entry.report.slug, entry.model.source_name)
        if key not in runs:
            runs[key] = len(run_list)
            run_list.append({"report": key[0], "model": entry.model.key, "name_in_report": key[1], **_provenance(entry.source)})
        scores.append(_score(entry, runs[key]))
    config = site.config
    documents = {
        "site": {**_head(site, "site"), "title": config.title, "description": config.description,
                 "base_url": config.base_url, "language": config.language, "citation": config.citation,
                 "documents": {name: f"api/{name}.json" for name in DOCUMENTS},
                 "counts": {"reports": len(site.reports), "boards": len(boards), "models": len(models),
                            "benchmarks": len(benchmarks), "scores": len(entries)},
                 "reports": [{"id": r.slug, "title": r.title, "description": r.description, "url": f"{r.slug}/",
                              "data": f"{r.slug}/data.json", "csv": f"{r.slug}/data.csv", "chart": f"{r.slug}/chart.svg",
                              "source_file": r.path, "harness": r.source.harness if r.source else None,
                              "harness_version": r.source.version if r.source else None} for r in site.reports]},
        "boards": {**_head(site, "boards"), "boards": [_board(b) for b in boards]},
        "models": {**_head(site, "models"), "models": [_model(m) for m in models]},
        "benchmarks": {**_head(site, "benchmarks"), "benchmarks": [_benchmark(b) for b in benchmarks]},
        "scores": {**_head(site, "scores"), "runs": run_list, "scores": scores},
    }
    return documents
