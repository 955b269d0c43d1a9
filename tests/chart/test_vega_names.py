"""Names Vega would misread (issue 23): models and benchmarks named after Object.prototype's
members, or holding U+2028/U+2029, build (exit 0, never 4) and chart under their own names.
Vega sees only keys ("m0", "b0", "c0"); the names travel in the spec's bb_labels parameter."""

from __future__ import annotations

import json

from helpers import cli, write_tree

from benchboard.model import name_form
from hostile_content import VEGA_BENCHMARKS, VEGA_NAMES, hostile_names_site


def _labels(spec: dict) -> dict:
    """key -> text: the bb_labels parameter (the seed's grouped chart) or the object literal the
    label expressions read (every other layout, views/chartspec.inline_labels)."""
    params = {p["name"]: p["value"] for p in spec.get("params", [])}
    if "bb_labels" in params:
        return params["bb_labels"]
    found = {}
    for expr in _exprs(spec):
        if "})[datum.value], 1)" in expr:  # slice(({"b0": "_text", ...})[datum.value], 1)
            literal = json.loads(expr[expr.index("({") + 1: expr.index("})[datum.value]") + 1])
            found.update({k: v[1:] for k, v in literal.items()})
    return found


def _exprs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "labelExpr":
                yield value
            else:
                yield from _exprs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _exprs(value)


def test_prototype_and_separator_names_build(tmp_path):
    content = write_tree(tmp_path / "content", hostile_names_site())
    out = tmp_path / "out"
    result = cli(content, out, "--no-png")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    spec = json.loads((out / "names/chart.vl.json").read_text())
    labels = _labels(spec)
    # names as the loader keeps them: the line and paragraph separators are white space, one
    # space (model.name_form); the prototype names reach Vega as they are
    NAMES, BENCHMARKS = [name_form(n) for n in VEGA_NAMES], [name_form(b) for b in VEGA_BENCHMARKS]
    assert {labels[k] for k in labels if k.startswith("m")} <= set(NAMES) and len([k for k in labels if k.startswith("m")]) == 12
    # benchmark names: in the x labels' literal, or (ranked panels, whose literals hold only the
    # models they show) in each panel's title expression, a JSON string behind "_"
    named = {labels[k].split("\u241f")[0] for k in labels if k.startswith("b")}
    titles = json.dumps(spec, ensure_ascii=False)
    named |= {b for b in BENCHMARKS if json.dumps("_" + b, ensure_ascii=True).replace("\\", "\\\\").replace('"', '\\"') in titles}
    assert named == set(BENCHMARKS)
    for row in spec["data"]["values"]:  # Vega indexes and sorts keys only
        assert row["model"] in labels and row["benchmark"] not in BENCHMARKS and row["model"] not in NAMES
    for expr in _exprs(spec):  # a name is only ever a JSON string value, its non-ASCII escaped
        assert "\u2028" not in expr and "\u2029" not in expr
    svg = (out / "names/chart.svg").read_text()
    assert ">constructor</text>" in svg and ">valueOf</text>" in svg and ">toString</text>" in svg  # legend and axis show the names


def test_the_compare_spec_holds_no_name_vega_reads():
    """The compare spec's layers sort and colour by keys board.js assigns; the column names are
    only in usermeta (board.js's own data), never a sort value, domain or expression."""
    from benchboard.views.boarddata import compare_spec

    for units in (["percent"] * 4, [None, "ms", None, "Elo"]):
        spec = compare_spec("T", VEGA_BENCHMARKS, units, lower=["constructor"])
        layers = json.dumps(spec["usermeta"]["layers"])
        for name in ("toString", "constructor", "__proto__"):
            assert json.dumps(name) not in layers, name
        assert all("bb_labels[datum.value]" in e for e in _exprs(spec["usermeta"]["layers"]))
        assert sorted(c for g in spec["usermeta"]["groups"] for c in g["columns"]) == sorted(VEGA_BENCHMARKS)


def test_a_name_holding_the_label_lookup_s_own_end_builds(tmp_path):
    """A model named like the end of the label lookup (``})[datum.value], 1)``) in a ranked and a
    wrapped chart: the build reads the lookup's names with a JSON decoder when it leaves out the
    limits no label reaches (chart/measure.py), so it builds and draws the name (it once exited 4)."""
    evil = "Evil})[datum.value], 1) \"q\""
    models = "\n".join(f"  - name: {json.dumps(n)}\n    scores: {{B One: {40 + i}, B Two: {50 + i}}}"
                       for i, n in enumerate([evil] + [f"Model {i}" for i in range(11)]))
    result_yaml = "title: Lookup\nbenchmarks:\n  - {name: B One, n: 200}\n  - {name: B Two, n: 200}\nmodels:\n" + models + "\n"
    content = write_tree(tmp_path / "content", {"site.yaml": "title: Lookup\n", "results/lookup.yaml": result_yaml})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 0, result.stderr
    svg = (tmp_path / "out/lookup/chart.svg").read_text()
    assert "Evil})[datum.value], 1) &quot;q&quot;" in svg or "Evil})[datum.value], 1) \"q\"" in svg
