"""Names Vega would misread (issue 23): models and benchmarks named after Object.prototype's
members, or holding U+2028/U+2029, build (exit 0, never 4) and chart under their own names.
Vega sees only keys ("m0", "b0", "c0"); the names travel in the spec's bb_labels parameter."""

from __future__ import annotations

import json

from helpers import run_cli, write_tree

PROTO = ["constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
         "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString"]
NAMES = [*PROTO, "line\u2028separator", "para\u2029separator"]  # 14 models: two are outside the static chart (max_bars 12)
BENCHMARKS = ["toString", "constructor", "x\u2028y", "__proto__"]


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar (\u2028 escaped)


def hostile_names_site() -> dict[str, str]:
    models = "\n".join(f"  - name: {_yaml(n)}\n    scores: {{{', '.join(f'{_yaml(b)}: {30 + (i * 7 + j * 3) % 50}' for j, b in enumerate(BENCHMARKS))}}}"
                       for i, n in enumerate(NAMES))
    result = "title: Names\nbenchmarks:\n" + "".join(f"  - {{name: {_yaml(b)}, n: 200}}\n" for b in BENCHMARKS) + f"models:\n{models}\n"
    return {"site.yaml": "title: Names\n", "results/names.yaml": result}


def test_prototype_and_separator_names_build(tmp_path):
    content = write_tree(tmp_path / "content", hostile_names_site())
    out = tmp_path / "out"
    result = run_cli(content, out, "--no-png")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    spec = json.loads((out / "names/chart.vl.json").read_text())
    labels = next(p["value"] for p in spec["params"] if p["name"] == "bb_labels")
    assert {labels[k] for k in labels if k.startswith("m")} <= set(NAMES) and len([k for k in labels if k.startswith("m")]) == 12
    assert {labels[k] for k in labels if k.startswith("b")} == set(BENCHMARKS)
    for row in spec["data"]["values"]:  # Vega indexes and sorts keys only
        assert row["model"] in labels and row["benchmark"] in labels and row["model"] not in NAMES
    svg = (out / "names/chart.svg").read_text()
    assert ">constructor</text>" in svg and ">valueOf</text>" in svg and ">toString</text>" in svg  # legend and axis show the names


def test_the_compare_spec_uses_keys():
    from benchboard.views.boarddata import compare_spec

    for unit in ("%", None):
        spec = compare_spec("T", BENCHMARKS, unit, lower=["constructor"])
        labels = spec["params"][0]["value"]
        assert sorted(labels.values()) == sorted(BENCHMARKS)
        text = json.dumps(spec)
        for name in ("toString", "constructor", "__proto__"):
            assert text.count(json.dumps(name)) == 1, name  # only as a label, never a sort value or in an expression
        assert "\\u2028" not in text.replace(json.dumps("x\u2028y"), "")


def test_the_compare_spec_draws_hostile_names():
    """The spec as board.js fills it (keys, bb_labels extended with the models), drawn by Vega."""
    import vl_convert as vlc

    from benchboard.chart.draw import VL_VERSION
    from benchboard.views.boarddata import compare_spec

    for unit in ("%", None):
        spec = compare_spec("T", BENCHMARKS, unit, lower=["constructor"])
        labels = spec["params"][0]["value"]
        keys = [f"m{i}" for i in range(len(NAMES))]
        labels.update(zip(keys, NAMES))
        spec["data"]["values"] = [{"column": f"c{j}", "model": keys[i], "value": 40 + i + j, "lo": None, "hi": None, "tooltip": "t"}
                                  for i in range(len(NAMES)) for j in range(len(BENCHMARKS))]
        for layer in (spec.get("spec") or spec)["layer"]:
            layer["encoding"]["xOffset"]["sort"] = keys
            if "color" in layer["encoding"]:
                layer["encoding"]["color"]["sort"] = layer["encoding"]["color"]["scale"]["domain"] = keys
        svg = vlc.vegalite_to_svg(spec, vl_version=VL_VERSION)
        for name in ("constructor", "valueOf", "__proto__", "toString ↑", "constructor ↓"):
            assert f">{name}</text>" in svg, (unit, name)
