"""A right-to-left model name in a generated sentence is isolated (<bdi>), so it does not carry
the sentence's next words and numbers across it; left-to-right names are linked as before."""

from __future__ import annotations

from types import SimpleNamespace

from benchboard.render.theme import _model_links


def test_rtl_names_are_isolated_inside_their_links():
    models = [SimpleNamespace(name="نموذج عربي", slug="model-10806b"), SimpleNamespace(name="Qwen", slug="qwen")]
    html = str(_model_links("نموذج عربي leads Qwen by 20.0 points", models, "../"))
    assert html == ('<a href="../models/model-10806b/"><bdi>نموذج عربي</bdi></a> leads '
                    '<a href="../models/qwen/">Qwen</a> by 20.0 points')
