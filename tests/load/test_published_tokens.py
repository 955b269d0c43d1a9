"""A result file written by hand (or by an older importer) may carry a credential in its run
settings, which the site publishes on the model pages, the report and api/scores.json. The build
warns at the setting's line when a ``source.models`` value is shaped like a well-known token."""

from helpers import write_tree

from benchboard.load.content import load_site

RESULT = """\
title: Run
benchmarks: [{name: A}]
models:
  - {name: m, scores: {A: 50.5}}
  - {name: n, scores: {A: 40.5}}
source:
  harness: lm-evaluation-harness
  models:
    m:
      model_args: pretrained=org/m,token=hf_AbCdEfGhIjKlMnOpQrStUvWxYz123456
      dtype: auto
    n:
      model_args: pretrained=org/n,use_auth_token=True,pad_token=<pad>
      base_url: https://api.example.com/v1
"""


def test_a_token_shaped_setting_is_warned_about_at_its_line(tmp_path):
    content = write_tree(tmp_path / "content", {"results/run.yaml": RESULT})
    _, warnings = load_site(content)
    found = [w for w in warnings if "shaped like" in w.message]
    assert [(w.path.endswith("results/run.yaml"), w.line, w.severity) for w in found] == [(True, 10, "warning")]
    assert found[0].message == (
        "source.models.m.model_args holds a value shaped like a Hugging Face token; remove it: this site publishes "
        "run settings (and revoke the token if a build with it was published)")


def test_settings_without_a_token_are_not_warned_about(tmp_path):
    content = write_tree(tmp_path / "content", {"results/run.yaml": RESULT.replace("token=hf_", "revision=v")})
    _, warnings = load_site(content)
    assert not [w for w in warnings if "shaped like" in w.message]
