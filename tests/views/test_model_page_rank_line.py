"""A model page's rank line says what the board's rank rests on (review S4): on a board that
ranks by shown values only (over 60 models on one column) it says so, as the board does, and a
one-column board's aggregate is the model's score, not a "mean"."""

from __future__ import annotations

import re
from html import unescape

from helpers import build_site, write_tree


def _rank_line(out, model_slug):
    page = (out / "models" / model_slug / "index.html").read_text()
    section = page.split('id="boards-heading"', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", section)))


def test_a_shown_value_ranking_is_said_on_the_model_page(tmp_path):
    rows = "\n".join(f"  - {{name: m{i:02d}, scores: {{A: {90 - i * 0.5:.1f}}}}}" for i in range(70))
    content = write_tree(tmp_path / "content", {"results/many.yaml": f"title: Many\nbenchmarks: [{{name: A, n: 500}}]\nmodels:\n{rows}\n"})
    build_site(content, tmp_path / "out")
    line = _rank_line(tmp_path / "out", "m00")
    assert "rank 1 of 70 ranked models by the shown scores only (too many models to test every pair, as the board says), score 90.0." in line


def test_a_small_one_column_board_states_the_score_without_the_qualifier(tmp_path):
    content = write_tree(tmp_path / "content", {"results/few.yaml": "title: Few\nbenchmarks: [{name: A, n: 500}]\nmodels:\n"
                                                "  - {name: p, scores: {A: 90.0}}\n  - {name: q, scores: {A: 60.0}}\n"})
    build_site(content, tmp_path / "out")
    line = _rank_line(tmp_path / "out", "p")
    assert "rank 1 of 2 ranked models, score 90.0." in line and "shown scores only" not in line
