"""The frontier scatter's spec gives Vega no content string as expression text or as a key
(as tests/test_vega_names.py holds the bar charts to): models and families are keys, titles go
through chartspec.safe_text, the legend reads an object literal; such a site builds."""

from __future__ import annotations

import json

from benchboard.chart import scatter
from benchboard.load.content import load_site
from benchboard.views.site import site_views

from helpers import write_tree

HOSTILE = ["constructor", "toString", "__proto__", "valueOf", "hasOwnProperty", "a\u2028b"]

SITE = {
    "site.yaml": "title: constructor\nfrontier:\n  fields:\n    - {key: price, title: toString, lower_is_better: true}\n",
    "models.yaml": "models:\n" + "".join(
        f"  - {{name: {json.dumps(n)}, family: {json.dumps(HOSTILE[(i + 1) % len(HOSTILE)])}, params: {3 + 9 * i}B,"
        f" released: 2024-0{i + 1}-01, fields: {{price: {0.1 * (i + 1):.1f}}}}}\n" for i, n in enumerate(HOSTILE)),
    "results/r.yaml": "title: R\nbenchmarks: [{name: constructor, n: 500}]\nmodels:\n" + "".join(
        f"  - {{name: {json.dumps(n)}, scores: {{constructor: {40 + 7 * i}}}}}\n" for i, n in enumerate(HOSTILE)),
}


def _strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str):
        yield key, node


def test_no_name_is_vega_expression_text_and_the_views_draw(tmp_path):
    site, _ = load_site(write_tree(tmp_path / "c", SITE))
    bench = next(p for p in site_views(site).pages if p.template == "benchmark.html")
    views = bench.context["frontiers"]
    assert {v.axis for v in views} >= {"params", "released", "price"}
    for view in views:
        found, _ = scatter.spec(view, site.config)
        for row in found["data"]["values"]:
            assert row["model"].startswith("m") and row["family"].startswith("f")  # keys where Vega indexes
        for key, text in _strings({k: v for k, v in found.items() if k not in ("data", "datasets")}):
            if key in ("expr", "labelExpr", "filter"):
                assert "\u2028" not in text
                for name in HOSTILE[:5]:  # a name only as a JSON string behind "_", sliced off
                    assert json.dumps(name) not in text, (key, text)
            else:
                assert text not in HOSTILE, (key, text)  # never a title, domain or sort value
        drawn = scatter.render(view, site.config, "a description")
        assert drawn.svg.startswith("<svg") and ">constructor</text>" in drawn.svg  # the y title and legend name it
