"""Page data for the leaderboard controls (board.js): boards and the model and benchmark lists.

The controls are progressive enhancement over the full HTML table, so the browser must not
compute anything the Python side does not: every shown value, interval, rank (tie class) and
pairwise verdict is computed here and embedded in the page as JSON (no fetch(), so file://
works). The script only filters, sorts, selects and formats what it is given.
"""

from __future__ import annotations

import json

from benchboard.analyse import verdicts
from benchboard.views.jsonembed import embed, embed_json  # noqa: F401  (embed_json: the one embedder)
from benchboard.load.units import units as unit_table
from benchboard.analyse.verdicts import score_interval
from benchboard.load.units import column_unit
from benchboard.analyse.boards import WIN_RATE_PRECISION, Board, BoardRow, pair_outcome
from benchboard.model import UNKNOWN, Benchmark, Model, Report, interval_ends
from benchboard.load.sizes import parse_params
from benchboard.views import chartspec, chartstyle

MAX_PAIR_MODELS = 200  # pairwise verdicts grow as n² (200 models: 19,900 pairs, 20 KB a column); above, no gap table
MAX_LIST_SCORES = 10_000  # score cells (a report's models × benchmarks) the model list embeds for its compare panel
MAX_LIST_VERDICTS = 100_000  # verdict letters (bytes) the model list embeds over all its reports: ~17 µs each to compute
FILTER_FIELDS = (("family", "Family"), ("open_weights", "Open weights"))  # registry fields that are categories
NOT_STATED = "not stated"


def pair_verdict(board: Board, a: BoardRow, b: BoardRow) -> str:
    """The board's verdict on two rows' aggregates, as one letter: "a" (the first is ahead),
    "b" (the second is), "t" (tied: equal shown values), "w" (a gap within its uncertainty),
    "u" (untested), "n" (not both ranked: an unranked row's aggregate rests on other columns).
    boards.pair_outcome decides it, the same rule the board's ranks follow."""
    if not (a.ranked and b.ranked):
        return "n"
    found, better = pair_outcome(board.basis, a, b, board.higher_is_better,
                                 [(c.report, c.benchmark) for c in board.columns])
    if found == verdicts.LEAD:
        return "a" if better == 0 else "b"
    return _LETTER[found]


_LETTER = {verdicts.EQUAL: "t", verdicts.WITHIN: "w", verdicts.UNTESTED: "u", verdicts.PRACTICALLY_EQUAL: "u"}


def score_verdict(report: Report, benchmark: Benchmark, a: Model | None, b: Model | None, context: tuple) -> str:
    """The same letters for two scores of one column, from the report pages' own verdict
    (verdicts.compare: Fisher's exact test, Newcombe's interval or the normal one), so the
    compare panel can never disagree with the report's "All comparisons" table. Practically
    equal (within the tolerance) is "u": the order is not tested."""
    if a is None or b is None or benchmark.name not in a.scores or benchmark.name not in b.scores:
        return "n"
    unit_of, tolerance = context
    found, better = verdicts.outcome(report, benchmark, a, b, unit_of[benchmark.name], tolerance)
    if found == verdicts.LEAD:
        return "a" if better == a.name else "b"
    return _LETTER[found]


def _yes_no(value) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return UNKNOWN if value == UNKNOWN else NOT_STATED


def _facts(model: Model | None, family: str | None, params: str | None) -> dict:
    """Registry facts a visitor filters by: categories, and the size in billions."""
    info = model.info if model else None
    size = model.params_b if model and model.params_b is not None else (info.params_b if info else None)
    if size is None:
        size = parse_params(params)
    return {
        "aliases": list(info.aliases) if info else [],
        "family": family or NOT_STATED,
        "open_weights": _yes_no(info.open_weights if info else None),
        "params": params or "",
        "size": size,
    }


def row_family(row: dict) -> str | None:
    return None if row["family"] == NOT_STATED else row["family"].casefold()


def _filters(rows: list[dict], fields=FILTER_FIELDS, least: int = 1) -> list[dict]:
    """The categorical filters the rows support: a field only when some row states it (and,
    for the benchmark list, when it has at least two values to choose between)."""
    found = []
    for key, label in fields:
        values = sorted({r[key] for r in rows}, key=lambda v: (v in (NOT_STATED, UNKNOWN), v.casefold()))
        if any(v != NOT_STATED for v in values) and len(values) >= least:
            found.append({"key": key, "label": label, "options": values})
    return found


def board_view(board: Board, styles: dict | None = None) -> dict:
    """What _board_controls.html needs for one board: its filters and the page data;
    ``styles`` are the site's chart colours (chartstyle.site_styles) for its compare chart."""
    precisions = [c.report.decimals(c.benchmark) for c in board.columns]  # each column's, as its scores are shown
    units = [column_unit(c.report, c.benchmark) for c in board.columns]
    per_report = {c.report.slug: unit_table(c.report) for c in board.columns}  # once a report
    unit_tables = [per_report[c.report.slug] for c in board.columns]
    agg_precision = max(precisions, default=1) if board.aggregate == "mean" else WIN_RATE_PRECISION
    rows, models_at = [], []
    for row in board.rows:
        model = next(hit for hit in row.at if hit)[1]
        values, shown, lows, highs, ends, at = [], [], [], [], [], []
        for index, (column, cell) in enumerate(zip(board.columns, row.cells)):
            hit = row.at[index]
            score = hit[1].scores.get(column.benchmark.name) if hit else None
            at.append(hit[1] if hit else None)
            values.append(cell.value)
            shown.append(cell.display if cell.value is not None else None)
            known = score_interval(hit[0], column.benchmark, hit[1], unit_tables[index][column.benchmark.name]) if score else None
            lows.append(None if known is None else round(known[0], 6))  # the report page's whisker
            highs.append(None if known is None else round(known[1], 6))
            ends.append(None if known is None else interval_ends(known[0], known[1], precisions[index]))  # as every page says it
        models_at.append(at)
        rows.append({
            "name": row.name, "rank": row.rank, "ranked": row.ranked,
            "v": values, "d": shown, "lo": lows, "hi": highs, "it": ends,
            "agg": row.aggregate.value, "aggd": row.aggregate.display if row.aggregate.value is not None else None,
            "cov": f"{row.coverage[0]}/{row.coverage[1]}",
            **_facts(model, row.family, model.params),
        })
    any_ranked = any(r["ranked"] for r in rows)
    family = any(row.family for row in board.rows)  # the table's Family column, last: the scores come first on a phone
    one = len(board.columns) == 1  # its one column is the score: the table shows no aggregate column (_board.html)
    for index, r in enumerate(rows):  # sort values, aligned with "keys"; a partial mean is not comparable
        r["c"] = [index if r["ranked"] else None, r["name"].casefold(), *([] if one else [r["agg"] if r["ranked"] or not any_ranked else None]),
                  *r["v"], int(r["cov"].split("/")[0]), *([row_family(r)] if family else [])]
    sources = column_sources(board.columns)
    labels = distinct_labels([c.benchmark.label + (f" in {source}" if source else "") for c, source in zip(board.columns, sources)])
    data = {
        "kind": "board", "title": board.title, "columns": labels,
        "keys": ["rank", "model", *([] if one else ["agg"]), *(f"c{k}" for k in range(len(labels))), "cov", *(["family"] if family else [])],
        "aggregate": "Mean" if board.aggregate == "mean" else "Win rate (%)",
        "rows": rows,
        "pairs": _pairs(board, models_at, per_report) if len(rows) <= MAX_PAIR_MODELS else None,
        "precision": precisions + [agg_precision],
        "spec": compare_spec(board.title, labels, units,
                             [label for label, c in zip(labels, board.columns) if not c.benchmark.higher_is_better]),
    }
    if one:  # no aggregate beside its one column, in the gap table and downloads as in the table (board.js concatenates [])
        data["aggregate"] = []
        for r in rows:
            r["aggd"] = []
    data["fills"], data["spare"] = _fills(rows, styles), spare_fills(styles)
    reports = list({c.report.slug: c.report for c in board.columns}.values())
    return {"id": board.id, "kind": "board", "target": f"{board.id}-table", "noun": "models", "filters": _filters(rows),
            "family_column": family, "sources": sources, "rule": _rule(board),
            "size": any(r["size"] is not None for r in rows), "compare": True, "json": embed(data),
            "reports": reports, "max_pairs": MAX_PAIR_MODELS}


def column_sources(columns, shown: str = "label") -> list[str | None]:
    """Each column's report title where another column of the board has its label (the same
    benchmark from two reports): the table's header says "GSM8K (exact_match) in Report one",
    and the compare chart, gap table and download name the column the same way. ``shown``:
    what the header shows of the benchmark, "label" (name and metric) or "name" (the index's)."""
    labels = [getattr(c.benchmark, shown) for c in columns]
    found = []
    for column, label in zip(columns, labels):
        title = column.report.title if column.report else None
        if labels.count(label) < 2 or title is None:
            found.append(None)
        elif len({c.report.slug for c in columns if getattr(c.benchmark, shown) == label and c.report.title == title}) > 1:
            found.append(f"{title} ({column.report.slug})")  # two reports of one title
        else:
            found.append(title)
    return found


def distinct_labels(labels: list[str]) -> list[str]:
    """The compare data's column names, one per column: board.js keys the chart's groups and the
    gap table's headers by them, so two equal names drew one group with both columns' bars.
    A name still shared (a benchmark "A (x)" beside "A" of metric x in one report) gets its
    column's position."""
    return [f"{label} (column {k + 1})" if labels.count(label) > 1 else label for k, label in enumerate(labels)]


def _rule(board: Board) -> dict:
    """The facts the compare panel's note words (_board_controls.html): which rule decides the
    aggregate's verdict (boards.pair_outcome, by board.basis), what the aggregate is, and
    whether the page carries the verdicts at all (board_view's "pairs")."""
    return {"basis": "column" if len(board.columns) == 1 else board.basis, "aggregate": board.aggregate,
            "pairs": len(board.rows) <= MAX_PAIR_MODELS}


def spare_fills(styles: dict | None) -> list[str]:
    """Every fill a compare chart may give a model instead of its site style when two of the
    models ticked share one (a site of more models than the palette has colours and hatches):
    the site's colours solid, then hatched, then the default palette's others. board.js takes
    the first that no ticked model has, so no two bars of one chart look alike."""
    colours = list(dict.fromkeys([s.colour for s in (styles or {}).values()] + list(chartstyle.DEFAULT_PALETTE)))
    return [chartstyle.fill_of(chartstyle.Style(c, hatched)) for hatched in (False, True) for c in colours]


def _fills(rows: list[dict], styles: dict | None) -> list[str]:
    """Each row's chart fill as an index ("s") into the returned list: the model's colour, or
    url(#id) of its hatch pattern (board.js adds the pattern; chartstyle.pattern_svg)."""
    fills: list[str] = []
    for index, row in enumerate(rows):
        style = (styles or {}).get(row["name"]) or chartstyle.Style(chartstyle.DEFAULT_PALETTE[index % 8], False)
        fill = chartstyle.fill_of(style)
        if fill not in fills:
            fills.append(fill)
        row["s"] = fills.index(fill)
    return fills


def _pairs(board: Board, models: list[list[Model | None]], unit_tables: dict) -> list[str]:
    """The verdict of every pair i < j (board order): one string per column, then (on a board of
    several columns) one for the aggregate, the pair's letter at i·(2n − i − 1)/2 + (j − i − 1) — 5 bytes a pair on a board
    of four columns. The column letters are the report pages' verdicts; the aggregate's is the
    board's own (the rule its ranks follow). The gap beside it is the difference of the two
    shown values, which board.js subtracts at the column's precision (no statistics there)."""
    contexts = {c.report.slug: (unit_tables[c.report.slug], verdicts.report_tolerance(c.report, unit_tables[c.report.slug]))
                for c in board.columns}
    one_column = len(board.columns) == 1  # its one column is its score: no aggregate letters (the table shows none)
    found: list[list[str]] = [[] for _ in range(len(board.columns) + (0 if one_column else 1))]
    rows = board.rows
    for i, a in enumerate(rows):
        for j in range(i + 1, len(rows)):
            b = rows[j]
            for k, column in enumerate(board.columns):
                found[k].append(score_verdict(column.report, column.benchmark, models[i][k], models[j][k],
                                              contexts[column.report.slug]))
            if not one_column:
                found[-1].append(pair_verdict(board, a, b))
    return ["".join(letters) for letters in found]


def compare_spec(title: str | None, columns: list[str], units: list[str | None], lower: list[str] = ()) -> dict:
    """The report chart's encoding (chartspec.bar_layers: value labels, hatching, whiskers,
    two-line x labels) for the compare panel; board.js lays it out for the panel's width (rows
    of groups, as the report chart wraps) and fills in the ticked models' values and their
    site colours. Columns of different units or directions get their own panel and y axis,
    since one axis across units would compare the incomparable."""
    groups: list[dict] = []
    for label, unit in zip(columns, units):
        higher = label not in lower
        key = [unit, higher]
        group = next((g for g in groups if g["key"] == key), None)
        if group is None:
            words = ", ".join(w for w in (unit, None if higher else "lower is better") if w)
            group = {"key": key, "columns": [], "title": f"Score ({words})" if words else "Score",
                     "zero": unit != "Elo", "domain": [0, 100] if unit == "percent" else [0, 1] if unit == "fraction" else None}
            groups.append(group)
        group["columns"].append(label)
    wide = chartspec.bar_layers([], [], [], [0, 1], [], None, False)
    legend = {k: v for k, v in wide[0]["encoding"]["color"]["legend"].items() if k not in ("aria", "labelExpr")}
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "config": chartspec.config(),
            "data": {"values": []}, "padding": {"top": 8, "left": 5, "right": 5, "bottom": 5}, "vconcat": [],
            "resolve": {"scale": {"x": "independent", "y": "independent", "xOffset": "independent", "color": "shared"}},
            "usermeta": {"groups": [{k: v for k, v in g.items() if k != "key"} for g in groups],
                         "layers": wide,
                         # a phone's panel past two columns: the report phone chart's sideways bars
                         "hlayers": chartspec.hbar_layers([], [], [], [0, 1], [], None, 110, legend)}}
    if title:  # the model list's charts go untitled under a heading naming the report, so reports share one spec
        spec["title"] = {"text": title, "anchor": "start", "fontSize": 15}
    return spec


def list_view(kind: str, items, reports=(), styles: dict | None = None) -> dict:
    """The model list (catalog.ModelPage) or the benchmark list (catalog.BenchmarkPage): one row
    per item with its search and filter facts, export fields and sort values ("c", aligned with
    "keys", the table's sortable columns); the model list also carries the compare data."""
    rows = []
    for item in items:
        if kind == "models":
            model = item.entries[0].model if item.entries else None
            row = {"name": item.name, **_facts(model, item.family, item.params),
                   "scores": len(item.entries), "reports": len(item.runs)}
            row["c"] = [item.name.casefold(), row_family(row), row["size"],
                        None if row["open_weights"] == NOT_STATED else row["open_weights"], row["scores"], row["reports"]]
        else:
            direction = ", ".join(("higher" if d else "lower") + " is better" for d in item.directions)
            row = {"name": item.name + (f" ({item.metric})" if item.metric else ""), "aliases": [],
                   "benchmark": item.name, "metric": item.metric or "", "direction": direction,
                   "unit": ", ".join(item.units) or UNKNOWN, "models": item.models, "reports": len(item.reports)}
            row["c"] = [item.name.casefold(), (item.metric or "").casefold() or None, direction,
                        ", ".join(item.units).casefold() or None, item.models, len(item.reports)]
        rows.append(row)
    if kind == "models":
        keys = ["model", "family", "params", "open_weights", "scores", "reports"]
        fields = ["name", "family", "params", "open_weights", "scores", "reports"]
        filters = _filters(rows, FILTER_FIELDS)
        if not any(r["open_weights"] != NOT_STATED for r in rows):  # no registry says it: no column
            keys.remove("open_weights")
            fields.remove("open_weights")
            for r in rows:
                del r["c"][3]
    else:
        keys = ["model", "metric", "direction", "unit", "models", "reports"]
        fields = ["benchmark", "metric", "direction", "unit", "models", "reports"]
        filters = _filters(rows, (("direction", "Direction"), ("unit", "Unit")), least=2)
    data = {"kind": "list", "title": "Models" if kind == "models" else "Benchmarks", "fields": fields, "keys": keys, "rows": rows}
    if kind == "models":
        data["reports"], data["specs"], omitted = list_compare(items, reports)
        data["fills"], data["spare"] = _fills(rows, styles), spare_fills(styles)
    return {"id": f"{kind}-list", "kind": "list", "target": f"{kind}-list", "noun": kind, "filters": filters, "sort_keys": keys,
            "max_verdicts": f"{MAX_LIST_VERDICTS:,}", "max_scores": f"{MAX_LIST_SCORES:,}",
            "carried": len(data.get("reports", ())), "omitted": omitted if kind == "models" else 0,
            "size": any(r.get("size") is not None for r in rows), "compare": kind == "models", "json": embed(data)}


def list_compare(items, reports) -> tuple[list[dict], list[dict], int]:
    """Per report with two or more listed models: their shown scores, intervals and the report
    page's pairwise verdicts, so the model list compares scores only within one report (one run).
    The verdicts grow as n² a report: a report over MAX_PAIR_MODELS models, or past the page's
    budget of MAX_LIST_VERDICTS letters (reports in site order), carries none, and the panel
    sends the reader to that report's page, which has them all. The scores are capped too, at
    MAX_LIST_SCORES cells (models × benchmarks, ~30 bytes each): the reports past it are left
    out, counted in the third value, and the panel says so. Reports whose charts would be
    alike (same columns, unit and directions) share one spec: the second list, by index."""
    at = {item.name: i for i, item in enumerate(items)}
    found, budget, cells, specs, omitted = [], MAX_LIST_VERDICTS, MAX_LIST_SCORES, {}, 0
    for report in reports:
        models, seen = [], set()
        for model in report.models:  # in the report's order; the first entry of a name
            if model.key in at and model.key not in seen:
                seen.add(model.key)
                models.append(model)
        if len(models) < 2:
            continue
        if len(models) * len(report.benchmarks) > cells:
            omitted += 1
            continue
        cells -= len(models) * len(report.benchmarks)
        unit_of = unit_table(report)
        benches = report.benchmarks
        units = [column_unit(report, b) for b in benches]
        labels = distinct_labels([b.label for b in benches])
        lower = [label for label, b in zip(labels, benches) if not b.higher_is_better]
        values, shown, lows, highs, ends = [], [], [], [], []
        for model in models:
            row = [[], [], [], [], []]
            for bench in benches:
                score = model.scores.get(bench.name)
                known = score_interval(report, bench, model, unit_of[bench.name]) if score else None
                row[0].append(score.shown if score else None)
                row[1].append(score.display if score else None)
                row[2].append(None if known is None else round(known[0], 6))
                row[3].append(None if known is None else round(known[1], 6))
                row[4].append(None if known is None else interval_ends(known[0], known[1], report.decimals(bench)))
            for part, target in zip(row, (values, shown, lows, highs, ends)):
                target.append(part)
        cost = len(models) * (len(models) - 1) // 2 * len(benches)
        pairs = None
        if len(models) <= MAX_PAIR_MODELS and cost <= budget:
            budget -= cost
            context = (unit_of, verdicts.report_tolerance(report, unit_of))
            pairs = ["".join(score_verdict(report, bench, a, models[j], context)
                             for i, a in enumerate(models) for j in range(i + 1, len(models))) for bench in benches]
        found.append({
            "title": report.title, "href": f"../{report.slug}/", "m": [at[m.key] for m in models],
            # each column's decimals (the gaps board.js writes); the shown values are the chart's labels
            "columns": labels, "precision": [report.decimals(b) for b in benches], "v": values, "d": shown, "lo": lows, "hi": highs, "it": ends,
            "pairs": pairs,
            "spec": specs.setdefault(json.dumps([labels, units, lower]), len(specs)),
        })
    return found, [compare_spec(None, *json.loads(key)) for key in specs], omitted
