"""The report's chart-spec.js: the interactive chart's specs, kept out of the page and inert."""

import json

from benchboard.render.site import chart_spec_script


def _specs(script: bytes) -> dict:
    text = script.decode()
    head, _, body = text.partition("window.benchboardChartSpecs = ")
    assert head.startswith("//") and body.endswith(";\n")
    return json.loads(body[:-2])


def test_hostile_strings_stay_data():
    wide = json.dumps({"title": "</script><script>alert(1)</script><!-- \u2028\u2029 & >", "data": {"values": [1]}}, ensure_ascii=False)
    narrow = json.dumps({"title": "x\u2028y"}, ensure_ascii=False)
    script = chart_spec_script(wide, narrow)
    text = script.decode()
    assert "<" not in text and ">" not in text.replace("=>", "") and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text  # line terminators in older script engines
    specs = _specs(script)
    assert specs["wide"] == json.loads(wide) and specs["narrow"] == json.loads(narrow)


def test_a_report_without_a_phone_layout_says_so():
    assert _specs(chart_spec_script('{"mark":"bar"}', None)) == {"wide": {"mark": "bar"}, "narrow": None}
