"""The theme sandbox's fast attribute lookup (render/theme._Sandbox.getattr) answers exactly as
jinja2's SandboxedEnvironment does: dict keys and dict methods, data attributes of plain
objects, unsafe names refused, str.format still through jinja2's checked wrapper."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from benchboard.render import theme


@dataclass
class Row:
    name: str
    score: float

    def shout(self) -> str:
        return self.name.upper()


def _pair():
    ours = theme.environment()
    reference = SandboxedEnvironment(autoescape=True, undefined=ours.undefined)
    return ours, reference


CASES = [
    ("{{ d.a }}", {"d": {"a": 1}}),
    ("{{ d.items() | list }}", {"d": {"a": 1}}),
    ("{{ d['items'] }}", {"d": {"items": 3}}),
    ("{{ d.missing is defined }}", {"d": {"a": 1}}),
    ("{{ d._private }}", {"d": {"_private": "kept: a key, not an attribute"}}),
    ("{{ r.name }} {{ r.score }} {{ r.shout() }}", {"r": Row("a<b", 1.5)}),
    ("{{ r.nothing is defined }}", {"r": Row("a", 1)}),
    ("{{ '{}-{}'.format(r.name, 2) }}", {"r": Row("x", 1)}),
    ("{{ s.upper() }} {{ s.__class__ is defined }}", {"s": "text"}),
    ("{{ f.__name__ is defined }}", {"f": len}),
    ("{{ rows | map(attribute='score') | sum }}", {"rows": [Row("a", 1), Row("b", 2.5)]}),
]


@pytest.mark.parametrize("source, data", CASES)
def test_the_fast_lookup_renders_as_jinja2_does(source, data):
    ours, reference = _pair()
    assert ours.from_string(source).render(**data) == reference.from_string(source).render(**data)


@pytest.mark.parametrize("source", [
    "{{ r.shout.__func__ }}",
    "{{ r.__class__.__mro__ }}",
    "{{ f.__globals__ }}",
    "{{ r.__init__.__globals__ }}",
])
def test_unsafe_names_stay_refused(source):
    ours = theme.environment()
    data = {"r": Row("a", 1), "f": len}
    with pytest.raises((SecurityError, jinja2.UndefinedError)):
        ours.from_string(source).render(**data)


def test_str_format_keeps_the_width_check():
    ours = theme.environment()
    with pytest.raises(theme.TemplateTooCostly):
        ours.from_string("{{ s.format(1) }}").render(s="{:>999999999}")
