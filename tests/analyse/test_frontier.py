"""Frontier views: the Pareto computation (pure), the views' data (placed, missing, mixtures,
steps by the verdict rule), and the drawn page (SVG, sentences, text alternative)."""

from __future__ import annotations

import random
import re

from benchboard.analyse.frontier import Point, front, steps
from benchboard.load.content import load_site
from benchboard.views import frontier as frontier_views
from benchboard.views.site import site_views

from helpers import write_tree


def _brute(points, lower=True, higher=True):
    def better_eq(a, b):  # a at least as good as b on both
        return (a.x <= b.x if lower else a.x >= b.x) and (a.y >= b.y if higher else a.y <= b.y)

    return {i for i, p in enumerate(points)
            if not any(better_eq(q, p) and (q.x, q.y) != (p.x, p.y) for q in points)}


def test_front_is_the_non_dominated_points_in_x_order():
    points = [Point("a", 8, 60), Point("b", 70, 75), Point("c", 32, 58), Point("d", 32, 66), Point("e", 405, 75)]
    on = front(points)
    assert [points[i].key for i in on] == ["a", "d", "b"]  # e: as good as b, larger; c: below d at the same size


def test_equal_points_share_the_front_and_directions_flip():
    points = [Point("a", 8, 60), Point("b", 8, 60), Point("c", 1, 10)]
    assert sorted(points[i].key for i in front(points)) == ["a", "b", "c"]
    assert [points[i].key for i in front(points, x_lower_better=False)] == ["a", "b"]
    assert [points[i].key for i in front(points, y_higher_better=False)] == ["c"]


def test_front_matches_brute_force_on_random_points():
    rng = random.Random(7)
    for _ in range(300):
        points = [Point(f"m{i}", rng.choice([1, 2, 3, 5, 8]), rng.choice([10, 20, 30, 40])) for i in range(rng.randint(1, 12))]
        for lower in (True, False):
            for higher in (True, False):
                assert set(front(points, lower, higher)) == _brute(points, lower, higher)


def test_steps_take_the_verdict_of_the_better_scoring_neighbour():
    points = [Point("small", 8, 60), Point("big", 70, 75), Point("same", 70, 75)]
    on = front(points)
    asked = []

    def verdict(i, j):
        asked.append((points[i].key, points[j].key))
        return "within"

    found = steps(points, on, verdict)
    assert [(s.cheaper, s.better, s.outcome) for s in found] == [("small", "big", "within")]
    assert asked == [("big", "small")]


SITE = {
    "site.yaml": """
        title: T
        frontier:
          fields:
            - {key: price_per_mtok, title: Price (USD per million tokens), lower_is_better: true}
    """,
    "models.yaml": """
        models:
          - {name: Small, family: F, params: 8B, released: 2024-01-05, fields: {price_per_mtok: 0.2}}
          - {name: Big, family: F, params: 70B, released: 2024-06-01, fields: {price_per_mtok: 0.9}}
          - {name: Moe, family: G, params: {total: 47B, active: 13B}, released: 2024-03-01}
          - {name: Nosize, family: G, params: unknown}
    """,
    "results/r.yaml": """
        title: R
        benchmarks: [{name: A, n: 2000}]
        y_title: Accuracy (%)
        models:
          - {name: Small, scores: {A: 50.0}}
          - {name: Big, scores: {A: 80.0}}
          - {name: Moe, scores: {A: 60.0}}
          - {name: Nosize, scores: {A: 90.0}}
    """,
}


def _views(tmp_path):
    site, _ = load_site(write_tree(tmp_path / "c", SITE))
    pages = site_views(site).pages
    bench = next(p for p in pages if p.template == "benchmark.html")
    return site, bench.context["frontiers"]


def test_models_without_the_field_are_listed_never_placed(tmp_path):
    _, found = _views(tmp_path)
    by_axis = {v.axis: v for v in found}
    assert set(by_axis) == {"params", "active", "released", "price_per_mtok"}
    params = by_axis["params"]
    assert params.missing == ("Nosize",)
    assert "Nosize" not in {p.key for p in params.points}
    assert all(p.x > 0 for v in found for p in v.points)
    assert set(by_axis["price_per_mtok"].missing) == {"Moe", "Nosize"}
    assert by_axis["released"].missing == ("Nosize",)


def test_mixtures_are_placed_by_total_or_active_and_said_which(tmp_path):
    _, found = _views(tmp_path)
    by_axis = {v.axis: v for v in found}
    total = {p.key: p.x for p in by_axis["params"].points}
    active = {p.key: p.x for p in by_axis["active"].points}
    assert total["Moe"] == 47 and active["Moe"] == 13 and active["Small"] == 8
    assert "total" in by_axis["params"].x_title and "active" in by_axis["active"].x_title
    assert by_axis["params"].mixtures == ("Moe",)
    # by total: Small (8B) and Big (70B) are on it, Moe (47B, 60) too; by active Moe (13B) sits between
    assert by_axis["params"].front == ("Small", "Moe", "Big")
    assert by_axis["active"].front == ("Small", "Moe", "Big")


def test_step_claims_follow_the_reports_verdict(tmp_path):
    _, found = _views(tmp_path)
    params = next(v for v in found if v.axis == "params")
    # n = 2000: 50% against 60% is a lead by Fisher/Newcombe; the report's own verdict says so
    assert [(s.cheaper, s.better, s.outcome) for s in params.steps] == [("Small", "Moe", "lead"), ("Moe", "Big", "lead")]


def test_without_uncertainty_the_step_is_untested(tmp_path):
    files = dict(SITE)
    files["results/r.yaml"] = files["results/r.yaml"].replace("{name: A, n: 2000}", "{name: A}")
    site, _ = load_site(write_tree(tmp_path / "c", files))
    bench = next(p for p in site_views(site).pages if p.template == "benchmark.html")
    params = next(v for v in bench.context["frontiers"] if v.axis == "params")
    assert {s.outcome for s in params.steps} == {"untested"}


def test_the_page_draws_the_views_with_text_and_a_complete_table(tmp_path):
    from benchboard.commands.build import build

    write_tree(tmp_path / "c", {**SITE, "results/r.yaml": SITE["results/r.yaml"]})
    build(tmp_path / "c", tmp_path / "out", png=False)
    html = (tmp_path / "out" / "benchmarks" / "a" / "index.html").read_text()
    assert html.count('class="chart frontier-view"') == 4
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="fr-a-r-params-title"', html)
    text = re.sub(r"<[^>]+>", "", html)
    assert "On the frontier (3 models placed by parameters): Small (8B, 50.0), Moe (47B, 60.0), Big (70B, 80.0)." in text
    assert "Moe scores higher than Small, beyond the uncertainty." in text
    assert "Not placed (no parameters given): Nosize." in text
    assert "Mixtures of experts are placed by their total parameters: Moe." in text
    # the table after each chart lists every model, placed or not
    table = html.split('class="frontier-table"')[1].split("</table>")[0]
    assert all(name in table for name in ("Small", "Big", "Moe", "Nosize"))
    board = next((tmp_path / "out" / "boards").glob("*/index.html")).read_text()
    assert board.count('class="chart frontier-view"') == 4  # the board's views, on its own page
    index = (tmp_path / "out" / "index.html").read_text()
    assert 'class="chart frontier-view"' not in index and "#frontier\">Score against size" in index  # linked


def test_no_frontier_when_disabled(tmp_path):
    files = dict(SITE)
    files["site.yaml"] = "title: T\nfrontier: {enabled: false}\n"
    site, _ = load_site(write_tree(tmp_path / "c", files))
    assert all(not p.context.get("frontiers") or not any(p.context["frontiers"].values())
               if isinstance(p.context.get("frontiers"), dict) else not p.context.get("frontiers")
               for p in site_views(site).pages)
    assert frontier_views.MIN_PLACED == 2


def test_labels_never_overlap_each_other_or_other_points():
    from benchboard.chart import scatter
    from benchboard.views.frontier import FrontierView, Placed

    rng = random.Random(3)
    points = tuple(Placed(f"Model {i:03d}", None, "F", rng.uniform(1, 400), "x", None, rng.uniform(20, 90), "y",
                          None, None, None, i < 3, False) for i in range(60))
    view = FrontierView("v", "params", "t", "Parameters (log scale)", "Score", "log", True, True, points,
                        (), (), (), (), (), "scores")
    xd, yd = scatter._x_domain(view), scatter._y_domain(view)
    for width, height in ((scatter.WIDTH, scatter.HEIGHT), (scatter.NARROW_WIDTH, scatter.NARROW_HEIGHT)):  # page, phone
        sides = scatter.place_labels(view, xd, yd, width, height)
        assert 0 < len(sides) < len(points)  # some fit, not all: 60 points
        at = scatter._pixels(view, xd, yd, width, height)
        boxes = []
        for i, side in sides.items():
            x, y = at[i]
            size = scatter.CHAR_PX * len(points[i].key)
            left = x + scatter.LABEL_DX if side == "right" else x - scatter.LABEL_DX - size
            boxes.append((i, (left, y - scatter.LABEL_PX / 2, left + size, y + scatter.LABEL_PX / 2)))
        for n, (i, a) in enumerate(boxes):
            assert 0 <= a[0] and a[2] <= width
            assert not any(scatter._overlap(a, b) for _, b in boxes[n + 1:])
            assert not any(j != i and scatter._overlap(a, (px - scatter.POINT_PX, py - scatter.POINT_PX, px + scatter.POINT_PX, py + scatter.POINT_PX))
                           for j, (px, py) in enumerate(at))


def test_board_steps_follow_the_boards_rule(tmp_path):
    """On a board whose every score has an uncertainty, a step is a lead only where the board's
    own letter for the pair says so (boarddata.pair_verdict, which the compare panel shows and
    the ranks follow); this board has one column, so that letter is the report's verdict and the
    words name that rule ("scores"), not a test of means."""
    from benchboard.analyse.boards import site_boards
    from benchboard.views.boarddata import pair_verdict

    site, _ = load_site(write_tree(tmp_path / "c", SITE))
    page = next(p for p in site_views(site).pages if p.template == "board.html")
    board_id, views = page.context["board"].id, page.context["frontiers"]
    params = next(v for v in views if v.axis == "params")
    assert params.rule == "scores"
    board = next(b for b in site_boards(site) if b.id == board_id)
    rows = {r.name: r for r in board.rows}
    for step in params.steps:
        letter = pair_verdict(board, rows[step.better], rows[step.cheaper])
        assert step.outcome == {"a": "lead", "b": "lead", "w": "within", "u": "untested", "t": "equal"}[letter]
    assert {s.outcome for s in params.steps} == {"lead"}


def test_a_one_column_boards_frontier_shows_each_scores_own_interval(tmp_path):
    """A one-column board's aggregate is the score itself: its frontier gives the interval the
    report table, the model and benchmark pages give (Wilson from n: 64 of 100 is 54–73, not the
    normal approximation's 55–73), and words a lead by the report's own verdict."""
    site, _ = load_site(write_tree(tmp_path / "c", {
        "models.yaml": "models: [{name: small, params: 7B}, {name: big, params: 70B}]\n",
        "results/fr.yaml": """\
            title: Frontier verdict
            benchmarks: [{name: A, metric: acc, unit: percent, n: 100}]
            models: [{name: small, scores: {A: 50}}, {name: big, scores: {A: 64}}]
            """}))
    page = next(p for p in site_views(site).pages if p.template == "board.html")
    params = next(v for v in page.context["frontiers"] if v.axis == "params")
    assert params.rule == "scores"
    texts = {p.key: p.interval_text for p in params.points}
    assert texts == {"big": "54–73", "small": "40–60"}
    bench = next(p for p in site_views(site).pages if p.template == "benchmark.html")
    entries = {e.model.key: "–".join(e.interval) for e in bench.context["benchmark"].entries}
    assert entries == texts  # one interval per score, on every page
