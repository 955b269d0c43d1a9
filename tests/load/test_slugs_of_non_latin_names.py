"""A model or benchmark name with no ASCII letter or digit (Arabic, Hebrew, Chinese) gets a page
address of its own, derived from the name ("model-3fa9c1"), not "model" and "model-2" in an order
that another such name could change (design review)."""

from __future__ import annotations

from benchboard.load.slugs import unique_slugs

ARABIC, HEBREW = "نموذج عربي", "מודל עברי"


def test_non_latin_names_get_their_own_stable_slugs():
    one = unique_slugs([ARABIC, HEBREW], "model")
    assert one[ARABIC] != one[HEBREW] and all(s.startswith("model-") and len(s) == len("model-") + 6 for s in one.values())
    assert unique_slugs([HEBREW], "model")[HEBREW] == one[HEBREW]  # whatever other such names the site has
    assert unique_slugs(["中文模型", ARABIC, "Qwen"], "model")[ARABIC] == one[ARABIC]
    assert unique_slugs(["Qwen 7B"], "model") == {"Qwen 7B": "qwen-7b"}  # names with ASCII letters as before


def test_boards_of_non_latin_titles_are_named_by_their_titles_not_their_place():
    from benchboard.analyse.boards import board_ids

    first = board_ids(["الأول", "الثاني"])
    assert first[0] != first[1] and all(b.startswith("board-") and len(b) == len("board-") + 6 for b in first)
    assert board_ids(["Math", "الثاني"])[1] == first[1]  # a board before it renames nothing
