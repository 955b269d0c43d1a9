"""The typed, validated content model every later stage reads.

Loading produces these objects and nothing downstream ever looks at raw YAML again, so
analysis, charting and rendering can trust names, numbers and ordering without re-checking.
All numbers that a reader sees are formatted once here (``Score.display``) so chart labels,
table cells and generated prose can never disagree on rounding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, ROUND_HALF_UP, localcontext

MAX_NAME_CHARS = 200  # names, titles and labels: longer ones make charts take minutes


def format_number(value: float, precision: int) -> str:
    """Round half up (not banker's rounding) at ``precision`` decimals: 59.65 -> "59.7"."""
    quantum = Decimal(1).scaleb(-precision)
    with localcontext() as exact:
        exact.prec = 400  # enough digits for any float (1e308) at any precision we allow
        text = str(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]  # never show "-0.0"
    return text


def proportion_scale(values: list[float], y_range, y_title: str | None) -> float | None:
    """Whether these scores are proportions: 100 (percent), 1 (fractions) or None (other units).
    One reading for the analysis (binomial margins) and the loader (default tolerance)."""
    if y_range and y_range[1] <= 1 and all(0 <= v <= 1 for v in values):
        return 1.0
    if values and all(0 <= v <= 1 for v in values) and "%" not in (y_title or ""):
        return 1.0
    if all(0 <= v <= 100 for v in values):
        return 100.0
    return None


@dataclass(frozen=True)
class Position:
    """Where a value came from, for error messages and provenance."""

    path: str
    line: int  # 1-based
    col: int  # 1-based

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Benchmark:
    name: str
    metric: str | None = None
    n: int | None = None  # items in the benchmark, drives the binomial uncertainty
    higher_is_better: bool = True
    description: str | None = None
    unit: str | None = None  # as declared; None = infer from the scores (see analyse)
    released: str | None = None  # ISO date (YYYY-MM-DD or YYYY-MM) the items became public

    @property
    def label(self) -> str:
        """Axis/table label: "AIME 2024 (Pass@1)"."""
        return f"{self.name} ({self.metric})" if self.metric else self.name


@dataclass(frozen=True)
class Score:
    value: float
    display: str  # value formatted at the report's precision; the only string ever shown
    stderr: float | None = None  # standard error in the same units as value

    @property
    def shown(self) -> float:
        """The displayed number as a float, used for every difference a reader can check."""
        return float(self.display)


@dataclass(frozen=True)
class Model:
    name: str
    scores: dict[str, Score]  # benchmark name -> score; a missing benchmark is absent
    family: str | None = None
    params: str | None = None  # as written ("32B")
    params_b: float | None = None  # parsed size in billions, None when not parseable
    url: str | None = None
    # Set after loading, from the registry (registry.py): the name the model is matched and
    # shown by across reports, its page, and its registry facts (None: not in models.yaml).
    canonical: str | None = None
    slug: str | None = None
    info: ModelInfo | None = None

    def score(self, benchmark: str) -> Score | None:
        return self.scores.get(benchmark)

    @property
    def key(self) -> str:
        """The name that identifies the model across reports."""
        return self.canonical or self.name


UNKNOWN = "unknown"


@dataclass(frozen=True)
class ModelInfo:
    """One entry of content/models.yaml: facts about a model, whatever file scored it.
    Dates are ISO text (YYYY-MM-DD or YYYY-MM) or "unknown"; None means not given."""

    name: str
    where: Position
    aliases: tuple[str, ...] = ()
    family: str | None = None
    params: str | None = None  # as written: "8B", or "671B total, 37B active"
    params_b: float | None = None  # total parameters in billions
    active_params_b: float | None = None  # mixtures: parameters active per token
    open_weights: bool | str | None = None  # True, False or "unknown"
    released: str | None = None
    knowledge_cutoff: str | None = None
    url: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Source:
    """Provenance of imported results (harness, settings), shown on the report page."""

    harness: str | None = None
    version: str | None = None
    files: tuple[str, ...] = ()
    settings: dict[str, dict[str, str]] = field(default_factory=dict)  # model -> setting -> value
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """One result file: one comparison, one chart, one page."""

    slug: str  # output directory name, validated to stay inside OUT
    path: str  # the source file, relative to CONTENT
    title: str
    benchmarks: tuple[Benchmark, ...]
    models: tuple[Model, ...]
    precision: int = 1
    description: str | None = None
    y_title: str | None = None
    y_range: tuple[float, float] | None = None
    higher_is_better: bool = True
    interpretation: str | None = None  # author's Markdown
    tolerance: float = 0.5  # tie threshold in points when no uncertainty is known
    max_bars: int = 12  # models drawn in the chart; the table always lists all
    source: Source | None = None
    order: float | None = None
    tolerance_declared: bool = False  # `tolerance:` in the result file or site.yaml: only then does "practically equal" apply

    def benchmark(self, name: str) -> Benchmark:
        for benchmark in self.benchmarks:
            if benchmark.name == name:
                return benchmark
        raise KeyError(name)

    def fmt(self, value: float) -> str:
        return format_number(value, self.precision)

    @property
    def tolerance_text(self) -> str:
        """The tolerance as written (0.25 stays 0.25 at one decimal): rounding it to the
        report's precision would misstate the threshold a sentence claims a gap exceeds."""
        return format(Decimal(repr(float(self.tolerance))).normalize(), "f")


@dataclass(frozen=True)
class Page:
    """A Markdown page from content/pages."""

    slug: str
    path: str
    title: str
    order: float
    markdown: str


@dataclass(frozen=True)
class BoardColumn:
    """A board column as declared in site.yaml: a report's benchmark (all of them if None)."""

    report: str  # report slug
    benchmark: str | None
    where: Position


@dataclass(frozen=True)
class BoardSpec:
    """A board declared in site.yaml; boards.py checks and fills it."""

    title: str
    columns: tuple[BoardColumn, ...]
    where: Position
    description: str | None = None
    aggregate: str = "mean"  # "mean" or "win_rate"


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Evaluation results"
    description: str | None = None
    base_url: str | None = None  # absolute URL where the site is published, ending in "/"
    repo_url: str | None = None
    palette: tuple[str, ...] = (
        # Okabe-Ito, the colour-blind-safe qualitative palette, without its black.
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#D55E00",
        "#56B4E9",
        "#CC79A7",
        "#F0E442",
        "#999999",
    )
    max_bars: int = 12
    tolerance: float = 0.5
    tolerance_set: bool = False  # site.yaml gave it (else a fraction-scale report scales it down)
    png: bool = True
    markdown_safe: bool = False
    pages_raw_html: bool = False  # site.yaml markdown.raw_html_pages: pages skip the sanitiser
    static_scripts: bool = False  # site.yaml static_scripts: static/ may hold .html/.svg/.js
    language: str = "en"
    # Declared boards; empty = one board per report. Left out of repr, which keys the validated
    # file cache and each report folder's digest: no report page depends on the boards.
    boards: tuple[BoardSpec, ...] = field(default=(), repr=False)
    index_rows: int = field(default=10, repr=False)  # rows of each board on the index (the rest on its board page)


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    reports: tuple[Report, ...]
    pages: tuple[Page, ...]
    static_files: tuple[str, ...] = ()  # paths relative to content/static
