"""A column nobody scored has no values to read a unit from: it is percent when its `n`, its
metric or the axis title says so (docs/format.md), else it takes its scored neighbours' one unit
(same direction), so an empty column never splits a report's mean or its highest/lowest facts
(review: an unscored benchmark with `n: 50` under "Accuracy (%)" was "no stated unit" and took
the report's mean away)."""

from __future__ import annotations

from benchboard.load.units import read_units
from helpers import load_tree


def _units(tmp_path, benchmarks: str, scores: str, y_title: str = "Accuracy (%)"):
    site, _ = load_tree(tmp_path, {"results/r.yaml": f"title: R\ny_title: {y_title}\nbenchmarks:\n{benchmarks}"
                                                    f"models:\n  - {{name: M1, scores: {{{scores}}}}}\n  - {{name: M2, scores: {{{scores}}}}}\n"})
    return {name: unit.key for name, unit in read_units(site.reports[0]).items()}


def test_an_unscored_column_with_n_is_percent(tmp_path):
    found = _units(tmp_path, "  - {name: A, n: 50}\n  - {name: B, n: 50}\n  - {name: Pending, n: 50}\n", "A: 96.0, B: 50.0")
    assert found == {"A": "percent", "B": "percent", "Pending": "percent"}


def test_an_unscored_column_saying_nothing_takes_its_neighbours_unit(tmp_path):
    found = _units(tmp_path, "  - {name: A}\n  - {name: B}\n  - {name: Pending}\n", "A: 0.96, B: 0.5", y_title="Score")
    assert found == {"A": "fraction", "B": "fraction", "Pending": "fraction"}
    found = _units(tmp_path, "  - {name: A, unit: ms, higher_is_better: false}\n  - {name: Pending, higher_is_better: false}\n",
                   "A: 120", y_title="Latency")
    assert found == {"A": "ms", "Pending": "ms"}


def test_an_unscored_column_keeps_a_unit_of_its_own_when_it_has_one(tmp_path):
    found = _units(tmp_path, "  - {name: A, n: 50}\n  - {name: PPL, metric: perplexity}\n", "A: 96.0")
    assert found == {"A": "percent", "PPL": ""}
    found = _units(tmp_path, "  - {name: A, n: 50}\n  - {name: Lower, higher_is_better: false}\n", "A: 96.0", y_title="Score")
    assert found == {"A": "percent", "Lower": ""}  # another direction: nothing to take


def test_an_unscored_column_with_n_among_fractions_is_a_fraction(tmp_path):
    """Its neighbours' one unit first: beside fraction columns an unscored column with n is a
    fraction, not percent (review: the page then said the report mixed units)."""
    found = _units(tmp_path, "  - {name: A, n: 50}\n  - {name: B, n: 50}\n  - {name: Pending, n: 50}\n", "A: 0.96, B: 0.5",
                   y_title="Score")
    assert found == {"A": "fraction", "B": "fraction", "Pending": "fraction"}


def test_an_unscored_declared_column_is_no_neighbour(tmp_path):
    found = _units(tmp_path, "  - {name: A}\n  - {name: B}\n  - {name: Later, unit: tokens/s}\n  - {name: Pending}\n",
                   "A: 0.96, B: 0.5", y_title="Score")
    assert found["Pending"] == "fraction" and found["Later"] == "tokens/s"
