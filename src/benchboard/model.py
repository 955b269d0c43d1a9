"""The typed, validated content model every later stage reads.

Loading produces these objects and nothing downstream ever looks at raw YAML again, so
analysis, charting and rendering can trust names, numbers and ordering without re-checking.
All numbers that a reader sees are formatted once here (``Score.display``) so chart labels,
table cells and generated prose can never disagree on rounding.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Context, Decimal, ROUND_HALF_UP
from functools import cache
from fractions import Fraction

MAX_NAME_CHARS = 200  # names, titles and labels: longer ones make charts take minutes
# Characters no text of the model may hold: C0 controls but tab and newlines, DEL, non-characters,
# surrogates, and the bidirectional embedding, override and isolate controls (U+202A-U+202E,
# U+2066-U+2069): one of those in a name reverses the text shown after it, so a page would show
# a sentence ("A leads B by 3.2") the site never wrote ("Trojan Source"). Right-to-left names
# need none of them: the browser orders Arabic and Hebrew by itself.
# Not XML characters: no HTML page, SVG or feed may hold them (C0 controls but tab and line
# ends, lone surrogates, U+FFFE and U+FFFF); what a Markdown page or a template writes is checked.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
# Characters that draw nothing: every format character (Unicode category Cf: zero-width space,
# joiners, word joiner, BOM, soft hyphen, tag characters, musical and shorthand format controls,
# interlinear annotation), and every other Default_Ignorable_Code_Point (below: the combining
# grapheme joiner, Hangul fillers, Khmer inherent vowels, variation selectors VS1-VS256 and
# Mongolian's, and the code points Unicode reserves as ignorable). Two names that differ only in
# these look identical on every page ("M1" and "M\u200b1", "GPT-4" and "GPT-\U000e00414"), so
# they must not name two models. A name may still hold them (a ZWJ in an emoji sequence or
# Indic text); only the comparison leaves them out. Cf is asked of unicodedata, so a Python
# with newer Unicode data knows its new format characters.
_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u3164\ufe00-\ufe0f\uffa0"
                        "\ufff0-\ufff8\U000e0000-\U000e0fff]")


# Format characters that are drawn: Unicode's Prepended_Concatenation_Mark (an Arabic number
# sign, a Syriac abbreviation mark), which are not default-ignorable.
_DRAWN_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd")


def draws_nothing(char: str) -> bool:
    """Whether ``char`` is a format character (Cf) other than a drawn concatenation mark, or
    another Default_Ignorable_Code_Point."""
    return (unicodedata.category(char) == "Cf" and char not in _DRAWN_FORMAT) or _IGNORABLE.match(char) is not None


def looks_blank(text: str) -> bool:
    """Whether ``text`` draws nothing a reader can see: empty, white space, characters that draw
    nothing, or the Braille blank (a name of only U+200D read as an empty link)."""
    return all(c.isspace() or c == "\u2800" or draws_nothing(c) for c in text)


def invisible_characters(text: str) -> list[str]:
    """The characters of ``text`` that draw nothing, each once, in order."""
    return [] if text.isascii() else list(dict.fromkeys(c for c in text if draws_nothing(c)))


# Values shaped like the access tokens of well-known services, whatever key holds them: run
# settings are published (model pages, the report, api/scores.json), so the importers replace
# these (importers/credentials.without_credentials) and the build warns about one in a result file.
# A token is random: "sk-" keys hold a digit, which hyphenated words ("sk-learn-...") do not.
TOKEN_KINDS = {
    "a Hugging Face token": r"hf_[A-Za-z0-9]{20,}",
    "an API key (sk-...)": r"sk-(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{20,}",
    "a GitHub token": r"gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}",
    "a GitLab token": r"glpat-[A-Za-z0-9_-]{20,}",
    "an AWS access key id": r"(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])",
    "a Google API key": r"AIza[0-9A-Za-z_-]{35}",
    "a Slack token": r"xox[abposr]-[A-Za-z0-9-]{10,}",
    # a token has digits or punctuation (a JWT's dots): not "Bearer authentication"
    "a bearer token": r"(?i:bearer)\s+(?=[A-Za-z]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{12,}",
    "an HTTP basic credential": r"(?i:basic)\s+(?=[A-Za-z+/]*[0-9=])[A-Za-z0-9+/]{8,}={0,2}",
}
TOKEN_SHAPE = re.compile("(?<![A-Za-z0-9])(?:" + "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(TOKEN_KINDS.values())) + ")")


def token_kind(text: str) -> str | None:
    """What the first token-shaped value in ``text`` looks like ("a Hugging Face token"), else None."""
    found = TOKEN_SHAPE.search(text)
    return list(TOKEN_KINDS)[int(found.lastgroup[1:])] if found else None


def name_form(text: str) -> str:
    """A model's or benchmark's name as it is kept, wherever it is read (a result file, a score's
    key, `source.models`, a registry, a board column): trimmed, and every run of white space
    (spaces, tabs, newlines, the no-break and other Unicode spaces) one ASCII space. A page shows
    any such run as one space, so "Foo  Bar", "Foo\tBar" and "Foo\u00a0Bar" are the one name
    "Foo Bar" (as "m " is "m"), never two models no reader can tell apart."""
    return " ".join(text.split())


def visible_form(name: str) -> str:
    """A name as a reader sees it: Unicode NFC, without characters that draw nothing. Two names
    with one visible form cannot be told apart on a page."""
    if name.isascii():  # (no ASCII character is a format character)
        return name
    return unicodedata.normalize("NFC", "".join(c for c in name if not draws_nothing(c)))


_EXACT = Context(prec=400)  # enough digits for any float (1e308) at any precision we allow


@cache
def _quantum(precision: int) -> Decimal:
    return Decimal(1).scaleb(-precision)


def half_up(value, precision: int) -> str:
    """The one rounding a reader sees: half up in decimal (59.65 -> "59.7", 51.25 -> "51.3"),
    never through binary nor banker's rounding. Takes a float, int, Decimal or Fraction; a
    float is read by its shortest repr (the number as written). Never "-0.0". (A site of
    5,000 models rounds ~300,000 numbers: one fixed context, passed to each operation, instead
    of a local context entered per call, halves its cost.)"""
    quantum = _quantum(precision)
    if isinstance(value, Fraction):
        # Away from zero at exactly half, as ROUND_HALF_UP does for the other types.
        scaled = abs(value) * 10**precision
        rounded = scaled.numerator // scaled.denominator
        if scaled - rounded >= Fraction(1, 2):
            rounded += 1
        exact_value = Decimal(-rounded if value < 0 else rounded).scaleb(-precision, context=_EXACT)
    elif isinstance(value, Decimal):
        exact_value = value.quantize(quantum, rounding=ROUND_HALF_UP, context=_EXACT)
    else:
        exact_value = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP, context=_EXACT)
    text = f"{exact_value:f}"
    if precision > 0 and "." not in text:
        text += "." + "0" * precision
    if text.startswith("-") and not exact_value:
        text = text[1:]  # never show "-0.0"
    return text


MAX_EXTRA_DECIMALS = 3  # at most this many decimals past a column's, to keep an uncertainty visible


def interval_ends(low: float, high: float, precision: int) -> tuple[str, str]:
    """An interval's two ends at ``precision``, with one more decimal (up to MAX_EXTRA_DECIMALS)
    while two different ends would show as one number: a stderr of 0.01 reads "4.98–5.02",
    never "5.0–5.0", which says there is no uncertainty. Every page's interval text uses it."""
    p = precision
    while p < precision + MAX_EXTRA_DECIMALS and low != high and half_up(low, p) == half_up(high, p):
        p += 1
    return half_up(low, p), half_up(high, p)


def nonzero_half_up(value: float, precision: int) -> str:
    """A non-zero magnitude (a standard error) at ``precision``, with one more decimal (up to
    MAX_EXTRA_DECIMALS) while it would show as zero: "±0.01", never "±0.0"."""
    p = precision
    while p < precision + MAX_EXTRA_DECIMALS and value != 0 and Decimal(half_up(value, p)) == 0:
        p += 1
    return half_up(value, p)


def format_number(value: float, precision: int) -> str:
    """A score at ``precision`` decimals: ``half_up`` (kept as the name loaders and tests use)."""
    return half_up(value, precision)


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
    # Where its keys stand in the result file (key -> (line, col)), for messages placed after
    # loading (the registries): kept from the one parse, never re-read. Not part of equality.
    where: dict = field(default_factory=dict, compare=False, repr=False)
    # Set after loading from content/benchmarks.yaml (load/benchmarks.py): the name it is
    # shown and joined by across reports, and the registry entry (None: not in the registry).
    canonical: str | None = None
    info: BenchmarkInfo | None = field(default=None, compare=False, repr=False)
    file_name: str | None = None  # the result file's spelling, when the registry renamed it ("hellaswag")
    # Decimals its scores are shown with, decided once at load (load/results.py): the report's
    # `precision:` when given, else the most decimals written in this column. None on a
    # Benchmark built by hand: the report's precision (Report.decimals).
    precision: int | None = None

    @property
    def source_name(self) -> str:
        """The name the result file uses (board declarations in site.yaml may use it too)."""
        return self.file_name or self.name

    @property
    def label(self) -> str:
        """Axis/table label: "AIME 2024 (Pass@1)"."""
        return f"{self.name} ({self.metric})" if self.metric else self.name


@dataclass(frozen=True)
class Score:
    value: float
    display: str  # value formatted at its column's precision (Report.decimals); the only string ever shown
    stderr: float | None = None  # standard error in the same units as value
    date: str | None = None  # YYYY-MM-DD it was run: its own `date:`, else its model's, its run's (source), the file's

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
    where: dict = field(default_factory=dict, compare=False, repr=False)  # key -> (line, col) in its result file
    # The name as the result file spells it, when the registry gave the model another
    # (``name`` is then the registry's, shown everywhere; this one stays in provenance).
    file_name: str | None = None

    @property
    def source_name(self) -> str:
        """The name the result file uses (its source: settings are keyed by it)."""
        return self.file_name or self.name

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
    fields: tuple[tuple[str, float], ...] = ()  # numeric facts (models.yaml fields:), e.g. price_per_mtok

    def field(self, key: str) -> float | None:
        return dict(self.fields).get(key)


@dataclass(frozen=True)
class FrontierField:
    """A numeric registry field a site declares as a frontier view's x axis (site.yaml frontier.fields)."""

    key: str
    title: str
    lower_is_better: bool = True
    log: bool = False


@dataclass(frozen=True)
class BenchmarkInfo:
    """One entry of content/benchmarks.yaml: facts about a benchmark, whatever file scored it."""

    name: str
    where: Position
    aliases: tuple[str, ...] = ()
    description: str | None = None
    url: str | None = None
    category: str | None = None
    released: str | None = None
    n: int | None = None
    unit: str | None = None
    higher_is_better: bool | None = None  # from `direction:`; None: not stated
    citation: str | None = None
    shipped: bool = False  # from benchboard's own table of harness task names, not the site's file


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
    precision: int = 1  # `precision:` as given, else the most decimals of any column (Benchmark.precision)
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
    citation: dict | None = None  # `citation:` as validated (views/citation.py); the site's fills what it leaves out
    date: str | None = None  # YYYY-MM-DD, the file's own `date:` (load/dates.py)

    @property
    def updated(self) -> str | None:
        """The newest run date of the report: its own date or any score's (YYYY-MM-DD)."""
        days = [s.date for m in self.models for s in m.scores.values() if s.date]
        if self.date:
            days.append(self.date)
        return max(days) if days else None
    # Each benchmark's unit (name -> load.units.Unit), decided once when the site is loaded
    # (load.content.load_site) and read by every later stage; None on a Report built by hand.
    unit_of: dict | None = field(default=None, compare=False, repr=False)

    def benchmark(self, name: str) -> Benchmark:
        """By its name, or by the result file's spelling when the registry renamed it."""
        for benchmark in self.benchmarks:
            if benchmark.name == name:
                return benchmark
        for benchmark in self.benchmarks:
            if benchmark.file_name == name:
                return benchmark
        raise KeyError(name)

    def decimals(self, benchmark: Benchmark | str) -> int:
        """Decimals a column's scores are shown with (its Benchmark's, decided at load; the
        report's precision on one built by hand): every number about that column uses them."""
        bench = benchmark if isinstance(benchmark, Benchmark) else self.benchmark(benchmark)
        return self.precision if bench.precision is None else bench.precision

    def decimals_over(self, benchmarks) -> int:
        """Decimals for a number over several columns (a mean): the most any of them shows."""
        return max((self.decimals(b) for b in benchmarks), default=self.precision)

    def fmt(self, value: float, benchmark: Benchmark | str | None = None) -> str:
        """A number at a column's precision (``benchmark``), else at the report's."""
        return format_number(value, self.precision if benchmark is None else self.decimals(benchmark))

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
    static_scripts: bool = False  # site.yaml static_scripts: static/ may hold any type (.html/.svg/.js ...)
    trusted_static_types: tuple[str, ...] = ()  # site.yaml trusted.static_types: extra suffixes static/ publishes
    trusted_static_files: tuple[str, ...] = ()  # site.yaml trusted.static_files: control/dot files published as named
    language: str = "en"
    citation: dict | None = None  # `citation:` as validated: the Cite box and CITATION.cff (views/citation.py)
    # Declared boards; empty = one board per report. Left out of repr, which keys the validated
    # file cache and each report folder's digest: no report page depends on the boards.
    boards: tuple[BoardSpec, ...] = field(default=(), repr=False)
    # Frontier views and history (docs/frontier-and-history.md); site pages only, so out of repr too.
    frontier: bool = field(default=True, repr=False)
    frontier_fields: tuple[FrontierField, ...] = field(default=(), repr=False)
    history: bool = field(default=True, repr=False)
    new_days: int = field(default=14, repr=False)
    max_commits: int = field(default=500, repr=False)
    index_rows: int = field(default=10, repr=False)  # rows of each board on the index (the rest on its board page)


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    reports: tuple[Report, ...]
    pages: tuple[Page, ...]
    static_files: tuple[str, ...] = ()  # paths relative to content/static
