"""Past frontier.MAX_PLACED models no frontier view is drawn (a cloud no label can name, and
seconds of vl-convert a view), and the board and benchmark pages say why."""

from helpers import build_site, write_tree

from benchboard.views import frontier


def _site(models: int) -> dict[str, str]:
    rows = "".join(f"  - {{name: m{i}, params: {i + 1}B, scores: {{MMLU: {40 + i}.5}}}}\n" for i in range(models))
    return {"site.yaml": "title: Crowd\n", "results/crowd.yaml": f"title: Crowd\nbenchmarks: [{{name: MMLU}}]\nmodels:\n{rows}"}


def test_crowded_counts_only_past_the_bound():
    config = type("C", (), {"frontier": True})()
    assert frontier.crowded(config, frontier.MAX_PLACED) == 0
    assert frontier.crowded(config, frontier.MAX_PLACED + 1) == frontier.MAX_PLACED + 1
    assert frontier.crowded(type("C", (), {"frontier": False})(), 10_000) == 0  # frontier views off: nothing to explain


def test_a_crowded_page_says_why_it_has_no_frontier(tmp_path, monkeypatch):
    monkeypatch.setattr(frontier, "MAX_PLACED", 3)
    build_site(write_tree(tmp_path / "few", _site(3)), tmp_path / "few-site")
    few = (tmp_path / "few-site/benchmarks/mmlu/index.html").read_text(encoding="utf-8")
    assert 'id="frontier"' in few and "frontier-note" not in few
    build_site(write_tree(tmp_path / "many", _site(4)), tmp_path / "many-site")
    for page in ("benchmarks/mmlu/index.html", "boards/crowd/index.html"):
        html = (tmp_path / "many-site" / page).read_text(encoding="utf-8")
        assert 'id="frontier"' not in html, page
        assert "No frontier view (score against size or release date): 4 models are more than one scatter plot shows readably (at most 3)" in html, page


def test_the_early_test_asks_what_views_would(monkeypatch):
    """benchmark_views skips making candidates (an interval per score) when no axis would place
    MIN_PLACED..MAX_PLACED models: the same test as views(), asked of the models first."""
    from benchboard.model import Model

    sized = [Model(f"m{i}", {}, params=f"{i + 1}B", params_b=float(i + 1)) for i in range(4)]  # as the loader parses it
    bare = [Model(f"m{i}", {}) for i in range(4)]
    assert frontier._some_axis_places(sized, ())
    assert not frontier._some_axis_places(bare, ())  # no size, no date: nothing to place
    assert not frontier._some_axis_places(sized[:1], ())  # one point is no frontier
    monkeypatch.setattr(frontier, "MAX_PLACED", 3)
    assert not frontier._some_axis_places(sized, ())  # more than one view shows
