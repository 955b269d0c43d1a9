"""Model sizes as numbers: "1.5B", "1.5b" and "1,500M" are one size; "8x7B" is a mixture.

Comparing sizes as strings made 7B and 7.0B a "scale" pair and put 8x7B anywhere. Sizes are
parsed in exact decimals (so 1.5B equals 1,500M exactly) and a mixture of experts keeps what
its text gives: the expert count and size, and its total and active counts when written
("8x7B", "47B-A13B", "47B (13B active)", "8x7B, 47B total, 13B active").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation

_UNITS = {"k": Decimal("1e-6"), "m": Decimal("1e-3"), "b": Decimal(1), "t": Decimal(1000)}
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([kmbt])?"
_SIMPLE = re.compile(rf"^{_NUMBER}$", re.I)
_MIXTURE = re.compile(rf"^(\d+)\s*[x×]\s*{_NUMBER}$", re.I)
_ACTIVE = re.compile(rf"^{_NUMBER}\s*[-_ ]\s*a\s*{_NUMBER}$", re.I)  # 47B-A13B
_PARTS = re.compile(rf"{_NUMBER}\s*(total|active)|(total|active)\s*:?\s*{_NUMBER}", re.I)


@dataclass(frozen=True)
class Size:
    """Billions of parameters. ``total`` is None when a mixture does not state it."""

    total: Decimal | None
    active: Decimal | None = None
    experts: int | None = None
    expert: Decimal | None = None  # size of one expert

    @property
    def mixture(self) -> bool:
        return self.experts is not None or (self.active is not None and self.active != self.total)


def _billions(whole: str, fraction: str | None, unit: str | None) -> Decimal:
    number = Decimal(whole.replace(",", "") + ("." + fraction if fraction else ""))
    return (number * _UNITS[(unit or "b").lower()]).normalize()


def parse_size(text: str | None) -> Size | None:
    """The size a `params` text states, or None when it states none we can read. Parsed once
    per distinct text: a site of 5,000 models asked for their sizes 250,000 times (the
    frontier views), of a handful of texts."""
    if text is None:
        return None
    return _parse(str(text))


@lru_cache(maxsize=4096)
def _parse(text: str) -> Size | None:
    text = " ".join(text.split())
    if not text or len(text) > 80:
        return None
    try:
        match = _SIMPLE.match(text)
        if match:
            return Size(_billions(*match.groups()))
        match = _ACTIVE.match(text)
        if match:
            g = match.groups()
            return Size(_billions(*g[0:3]), _billions(*g[3:6]))
        head, _, rest = text.partition(",") if "(" not in text else text.partition("(")
        head = head.strip()
        mixture = _MIXTURE.match(head)
        simple = _SIMPLE.match(head)
        total = active = None
        experts = expert = None
        if mixture:
            experts, expert = int(mixture.group(1)), _billions(*mixture.groups()[1:4])
        elif simple and rest:
            total = _billions(*simple.groups())
        elif not rest:
            return None
        for part in _PARTS.finditer(rest.rstrip(")")):
            g = part.groups()
            kind = (g[3] or g[4]).lower()
            value = _billions(*g[0:3]) if g[0] else _billions(*g[5:8])
            if kind == "total":
                total = value
            else:
                active = value
        if not mixture and active is None:
            return None
        return Size(total, active, experts, expert)
    except (InvalidOperation, KeyError):
        return None


def parse_params(text: str | None) -> float | None:
    """Total size in billions as a float (Model.params_b), None when not stated."""
    size = parse_size(text)
    return float(size.total) if size is not None and size.total is not None else None


def same_size(a: str | None, b: str | None) -> bool | None:
    """Whether two `params` texts state one size; None when they cannot be compared.

    A mixture and a dense model are never the same size (their active counts differ). Two
    mixtures are the same size when their stated totals and active counts agree, or, with no
    total stated, when their experts agree ("8x7B" and "8 x 7b").
    """
    sa, sb = parse_size(a), parse_size(b)
    if sa is None or sb is None:
        return None
    if sa.mixture != sb.mixture:
        return False
    if not sa.mixture:
        return sa.total == sb.total
    if sa.total is not None and sb.total is not None:
        return sa.total == sb.total and sa.active == sb.active
    if sa.total is None and sb.total is None and sa.experts is not None:
        return (sa.experts, sa.expert) == (sb.experts, sb.expert) or None
    return None


def order_key(text: str | None) -> Decimal | None:
    """What orders two sizes: the stated total; None when a mixture does not state one."""
    size = parse_size(text)
    return None if size is None else size.total
