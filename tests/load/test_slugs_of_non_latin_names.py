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
