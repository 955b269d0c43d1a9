"""A model's family and size given inline in one result file are the model's on every page (load/registry.py)."""

from __future__ import annotations


def test_a_size_given_in_one_file_is_the_models_in_every_report(tmp_path):
    """Zeta-1B's params are in speed.yaml only (no models.yaml): its arena report places it at
    1B too, as its model page does (a review found arena's frontier saying "not placed: no
    parameters given"); two files giving different sizes keep their own, with a warning."""
    from helpers import load_tree

    site, warnings = load_tree(tmp_path, {
        "results/speed.yaml": "title: Speed\nbenchmarks: [{name: T}]\nmodels:\n  - {name: Zeta-1B, params: 1B, family: Z, scores: {T: 50}}\n"
                              "  - {name: Big, params: 70B, scores: {T: 10}}\n",
        "results/arena.yaml": "title: Arena\nbenchmarks: [{name: A}]\nmodels:\n  - {name: Zeta-1B, scores: {A: 1000}}\n"
                              "  - {name: Big, params: 70.0B, scores: {A: 1200}}\n",
        "results/other.yaml": "title: Other\nbenchmarks: [{name: O}]\nmodels:\n  - {name: Big, params: 65B, scores: {O: 1}}\n",
    })
    zeta = {r.slug: next(m for m in r.models if m.name == "Zeta-1B") for r in site.reports if any(m.name == "Zeta-1B" for m in r.models)}
    assert {slug: (m.params, m.params_b, m.family) for slug, m in zeta.items()} == {
        "speed": ("1B", 1.0, "Z"), "arena": ("1B", 1.0, "Z")}
    said = [str(w) for w in warnings]
    assert any("params '65B' of 'Big' differs from" in w and "give it once in models.yaml" in w for w in said), said
    assert not any("70.0B" in w for w in said)  # 70.0B is 70B
