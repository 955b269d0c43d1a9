"""Model and benchmark page charts draw proportions on their whole scale (0–100%, 0–1), as the
report chart does: a single 42% score once filled the plot (the charts review)."""

from __future__ import annotations

from benchboard.chart import entity
from benchboard.views.site import Bar, EntityChart


def test_a_percent_chart_spans_0_to_100_and_others_fit_their_values():
    bars = (Bar("A", 42.0, "42.0"),)
    assert entity.domain(EntityChart("scores-1", "percent", True, bars, scale=100.0)) == (0.0, 100.0 + 100.0 * entity.HEADROOM)
    assert entity.domain(EntityChart("scores-1", "fraction (0–1)", True, (Bar("A", 0.35, "0.35"),), scale=1.0))[1] > 1.0
    plain = entity.domain(EntityChart("scores-1", "Elo", True, (Bar("A", 1205.0, "1205"),)))
    assert plain == (0.0, 1205.0 + 1205.0 * entity.HEADROOM)
    # a value outside the scale (a declared percent of 130) is drawn on its own extent
    assert entity.domain(EntityChart("scores-1", "percent", True, (Bar("A", 130.0, "130.0"),), scale=100.0))[1] > 130.0
    svg = entity.draw(EntityChart("scores-1", "percent", True, bars, scale=100.0), "cap")
    assert ">100</text>" in svg and ">42.0</text>" in svg
