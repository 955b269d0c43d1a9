"""How every chart of the site draws a model and a column, decided once for all of them.

- ``site_styles``: one colour and hatch per model for the whole site (report charts, compare
  charts, model and benchmark pages), the same from build to build for the same content.
  Hatching follows the family (the registry's where known): families alternate hatched / solid
  in the order the registry (models.yaml) lists them, then families it does not know in order of
  first appearance in the site, so a family looks the same in every chart and a new report
  does not change the registry's families. Colours
  are the palette's, given greedily in site order (reports in order, models in file order) so
  that models drawn together (in one report, or on one declared board) differ: a model takes
  the first colour no model already drawn with it and hatched alike has, else the one the
  fewest of them have. The example's first report gets the palette in legend order.
- ``column_precision``: the decimals a column's labels are drawn with: its scores' own,
  decided once at load (``Report.decimals``), so a label is ``Score.display``.

This lives in views (not chart) because the compare charts are built here; chart/ reads it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchboard.model import Report, Site, SiteConfig

MIN_TEXT_PX = 10  # no chart text is drawn smaller than this (CSS px at 1:1 scale)
DEFAULT_PALETTE = SiteConfig().palette
HATCH_PATH = "M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4"


@dataclass(frozen=True)
class Style:
    colour: str  # "#RRGGBB"
    hatched: bool


def site_styles(site: Site) -> dict[str, Style]:
    """Model key (registry name, else the name as written) -> its style, for the whole site.
    Decided once per build (commands/build.py) and handed to every chart and page."""
    groups = [[m for m in r.models] for r in site.reports]
    by_slug = {r.slug: r for r in site.reports}
    for board in site.config.boards:  # a declared board draws models of several reports together
        seen, members = set(), []
        for column in board.columns:
            for model in (by_slug[column.report].models if column.report in by_slug else ()):
                if model.key not in seen:
                    seen.add(model.key)
                    members.append(model)
        groups.append(members)
    return assign(groups, site.config.palette)


def styles_for(table: dict[str, Style], report: Report) -> dict[str, Style]:
    """The site's styles (``site_styles``) of one report's models (what its folder depends on)."""
    return {m.key: table[m.key] for m in report.models}


def report_styles(report: Report, config: SiteConfig, styles: dict[str, Style] | None = None) -> dict[str, Style]:
    """Model name -> style for one report: from the site's styles, or (a chart drawn outside a
    site build) as the report alone would have them."""
    table = styles if styles is not None else assign([list(report.models)], config.palette)
    return {m.name: table[m.key] for m in report.models if m.key in table}


def assign(groups: list[list], palette: tuple[str, ...]) -> dict[str, Style]:
    """Models (with .key and .family) drawn together in each group -> styles; see the module."""
    families: dict[str, tuple] = {}  # family -> where it is first declared: registry line, else site order
    order: list = []
    seen: set[str] = set()
    for group in groups:
        for model in group:
            if model.family:
                info = getattr(model, "info", None)
                at = (0, info.where.line) if info is not None and info.family == model.family else (1, len(families))
                families[model.family] = min(families.get(model.family, at), at)
            if model.key not in seen:
                seen.add(model.key)
                order.append(model)
    ranked = sorted(families, key=lambda f: families[f])
    hatch = {family: len(ranked) > 1 and i % 2 == 0 for i, family in enumerate(ranked)}
    member_of: dict[str, list[int]] = {}
    for g, group in enumerate(groups):
        for model in group:
            member_of.setdefault(model.key, []).append(g)
    # per group: (hatched, colour index) -> how many of its models already have that style
    counts: list[dict[tuple[bool, int], int]] = [{} for _ in groups]
    styles: dict[str, Style] = {}
    for model in order:
        hatched = hatch.get(model.family or "", False)
        best = None
        for c in range(len(palette)):
            same = sum(counts[g].get((hatched, c), 0) for g in member_of[model.key])
            other = sum(counts[g].get((not hatched, c), 0) for g in member_of[model.key])
            key = (same, other, c)
            if best is None or key < best:
                best = key
                if same == other == 0:
                    break
        colour = best[2]
        styles[model.key] = Style(palette[colour], hatched)
        for g in set(member_of[model.key]):
            counts[g][(hatched, colour)] = counts[g].get((hatched, colour), 0) + 1
    return styles


def fill_of(style: Style) -> str:
    """A style as a Vega colour: the colour, or url(#id) of its hatch pattern, which the page
    (board.js) or the SVG (pattern_svg) defines. For any chart outside the report charts."""
    return f"url(#{pattern_id(style.colour)})" if style.hatched else style.colour


def pattern_id(colour: str) -> str:
    """The site-wide id of the hatch pattern of one colour (compare charts; board.js adds it)."""
    return "bb-hatch-" + colour.lstrip("#").lower()


def pattern_svg(pid: str, colour: str) -> str:
    """A hatch: the colour with white diagonal stripes, drawn in an upright tile."""
    return (f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{colour}"/>'
            f'<path d="{HATCH_PATH}" stroke="#ffffff" stroke-opacity="0.85" stroke-width="2.6"/>'
            "</pattern>")


def column_precision(report: Report, benchmark) -> int:
    """Decimals of a column's labels: its scores' own (``Report.decimals``, decided once at
    load), so a label is the string the table and the text show."""
    return report.decimals(benchmark)


def label_text(report: Report, benchmark, score, precision: int | None = None) -> str:
    """A score as its column's label: ``Score.display``, already at its column's precision
    (``precision``, the column's, is the same and is kept for the callers that pass it)."""
    return score.display
