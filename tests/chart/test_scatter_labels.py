"""Point labels of the frontier scatter keep off the frontier's step line where a side allows."""

from __future__ import annotations

from benchboard.chart import scatter
from benchboard.views.frontier import FrontierView, Placed


def _view(points, lower=True):
    placed = tuple(Placed(k, None, "F", x, "x", None, y, "y", None, None, None, front, False) for k, x, y, front in points)
    return FrontierView("v", "params", "t", "Parameters (log scale)", "Score", "log", lower, True, placed,
                        (), (), (), (), (), "scores")


def _crosses(view, sides, width=scatter.WIDTH, height=scatter.HEIGHT):
    xd, yd = scatter._x_domain(view), scatter._y_domain(view)
    at = scatter._pixels(view, xd, yd, width, height)
    line = scatter._front_segments(view, at)
    found = []
    for i, side in sides.items():
        x, y = at[i]
        size = scatter.CHAR_PX * len(view.points[i].key)
        left = x + scatter.LABEL_DX if side == "right" else x - scatter.LABEL_DX - size
        box = (left, y - scatter.LABEL_PX / 2, left + size, y + scatter.LABEL_PX / 2)
        found += [view.points[i].key for segment in line if scatter._overlap(box, segment)]
    return found


def test_labels_avoid_the_step_line_when_a_side_is_free():
    view = _view([("Small", 8, 40, True), ("Mid", 30, 60, True), ("Big", 70, 80, True), ("Off", 50, 58, False)])
    xd, yd = scatter._x_domain(view), scatter._y_domain(view)
    sides = scatter.place_labels(view, xd, yd)
    assert set(sides) == {0, 1, 2, 3}  # every label fits on 420 px
    assert _crosses(view, sides) == []
    assert sides[1] == "left"  # the line leaves Mid on its right


def test_segments_follow_the_drawn_step_in_both_directions():
    for lower in (True, False):
        view = _view([("A", 8, 40, True), ("B", 70, 80, True)] if lower else [("A", 8, 80, True), ("B", 70, 40, True)], lower)
        xd, yd = scatter._x_domain(view), scatter._y_domain(view)
        at = scatter._pixels(view, xd, yd)
        (h, v) = scatter._front_segments(view, at)
        corner = (at[1][0], at[0][1]) if lower else (at[1][0], at[0][1])
        assert h[0] <= corner[0] <= h[2] and v[1] <= corner[1] <= v[3]
