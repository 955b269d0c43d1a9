"""Names that differ only in characters that draw nothing are caught for every such character,
not a hand-kept list: every format character (Unicode category Cf) and every other
Default_Ignorable_Code_Point. A TAG character (U+E0041), a variation selector past VS16
(U+E0100), a musical format control (U+1D173) or an interlinear annotation (U+FFF9) once made
two board rows that both read "GPT-4", the fake one ranked first."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from benchboard.model import draws_nothing, visible_form
from helpers import cli, write_tree

HIDDEN = ["\U000e0041", "\U000e0100", "\U0001d173", "\ufff9", "\u180f", "\u2065", "\U000e0001", "\U0001bca0", "\u2061"]


def _result(first: str, second: str | None = None) -> str:
    models = [f'  - {{name: "{first}", scores: {{A: 10}}}}'] + ([f'  - {{name: "{second}", scores: {{A: 99}}}}'] if second else [])
    return "title: T\nbenchmarks: [{name: A}]\nmodels:\n" + "\n".join(models) + "\n"


def _escaped(char: str) -> str:
    return f"\\U{ord(char):08x}" if ord(char) > 0xFFFF else f"\\u{ord(char):04x}"


@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_names_differing_only_in_any_ignorable_character_are_an_error(tmp_path, char):
    fake = "GPT-" + _escaped(char) + "4"
    for folder, files, where in (("one", {"results/one.yaml": _result("GPT-4", fake)}, "one.yaml:5:"),
                                 ("two", {"results/one.yaml": _result("GPT-4"), "results/two.yaml": _result(fake)}, "two.yaml:4:")):
        write_tree(tmp_path / folder, files)
        done = cli(tmp_path / folder, tmp_path / f"{folder}-site", "-q", "--no-png")
        assert done.returncode == 1, done.stderr
        assert f"{folder}/results/{where}" in done.stderr and "looks identical to 'GPT-4'" in done.stderr
        assert f"U+{ord(char):04X}" in done.stderr or folder == "two"  # (one file's message lists them)
        assert "Traceback" not in done.stderr and not (tmp_path / f"{folder}-site").exists()


def test_every_format_and_default_ignorable_character_draws_nothing():
    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    # but the prepended concatenation marks, which are drawn (an Arabic number sign: the code review)
    drawn = "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
    assert len(cf) > 150 and all(draws_nothing(c) for c in cf if c not in drawn)
    assert not any(draws_nothing(c) for c in drawn)
    others = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180F, 0x2065, 0x3164, 0xFE00, 0xFE0F, 0xFFA0, 0xFFF0,
              0xFFF8, 0xE0000, 0xE0080, 0xE0100, 0xE01EF, 0xE0FFF]
    assert all(draws_nothing(chr(c)) for c in others)
    assert not any(draws_nothing(c) for c in "aZ9 -_.\u00e9\u05d0\u0627\uff2d\u3000\u0301")


def test_a_joiner_inside_one_name_still_builds(tmp_path):
    """A ZWJ or ZWNJ that an emoji sequence or Indic text needs is kept in the name."""
    names = ("\U0001f469\u200d\U0001f4bb coder", "\u0915\u094d\u200c\u0937 model")
    write_tree(tmp_path / "content", {"results/r.yaml": _result(*names)})
    done = cli(tmp_path / "content", tmp_path / "site", "-q", "--no-png")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "r" / "index.html").read_text(encoding="utf-8")
    assert all(name in page for name in names)
    assert visible_form(names[0]) == "\U0001f469\U0001f4bb coder"
