"""A board page's table and the controls' sort keys (views/boarddata.board_view) follow one
column order: Rank, Model, the aggregate (beside the name, so that a phone's first screen shows a
score, review R9), the benchmark columns, Coverage, and Family last, only when a row has one."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from helpers import build_site, write_tree

REPORT = """\
title: R
benchmarks: [{name: A, unit: percent}, {name: B, unit: percent}]
models:
  - {name: M%s, scores: {A: 61.0, B: 70.0}}
  - {name: N, scores: {A: 55.0, B: 71.0}}
"""


def _headers_and_keys(out):
    [page] = (out / "boards").glob("*/index.html")
    text = page.read_text(encoding="utf-8")
    head = text.split('<table class="data sortable board"', 1)[1].split("</thead>", 1)[0]
    headers = [unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", head, re.S)]
    [data] = [json.loads(m) for m in re.findall(r'<script type="application/json" class="bb-data">(.*?)</script>', text, re.S)]
    row = text.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
    return headers, data["keys"], cells


@pytest.mark.parametrize("family", [False, True], ids=["no family", "a family"])
def test_each_header_has_its_sort_key(tmp_path, family):
    models = "\n  - {name: M, family: Fam}\n" if family else ""
    content = write_tree(tmp_path / "content", {"results/r.yaml": REPORT % (", family: Fam" if family else ""),
                                                **({"models.yaml": "models:" + models} if family else {})})
    build_site(content, tmp_path / "out")
    headers, keys, cells = _headers_and_keys(tmp_path / "out")
    assert len(headers) == len(keys) == len(cells)
    assert [h.split(" ")[0] for h in headers[:3]] == ["Rank", "Model", "Mean"]
    assert keys[:3] == ["rank", "model", "agg"] and keys[3:5] == ["c0", "c1"] and keys[5] == "cov"
    assert headers[5] == "Coverage" and cells[5] == "2/2"
    assert (headers[-1], keys[-1]) == (("Family", "family") if family else ("Coverage", "cov"))
