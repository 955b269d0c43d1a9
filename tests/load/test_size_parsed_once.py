"""load/sizes.parse_size parses each distinct `params` text once (the frontier views ask for a
model's size many times a build): the same text gives the same Size, and the memo never
mixes texts up or hides what a text says."""

from __future__ import annotations

from decimal import Decimal

from benchboard.load import sizes


def test_a_text_is_parsed_once_and_gives_the_same_size():
    sizes._parse.cache_clear()
    first = sizes.parse_size("8x7B, 47B total, 13B active")
    again = sizes.parse_size("8x7B, 47B total, 13B active")
    assert again is first
    info = sizes._parse.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_the_memo_keeps_each_text_its_own():
    sizes._parse.cache_clear()
    for _ in range(2):
        assert sizes.parse_size("7B") == sizes.Size(Decimal(7))
        assert sizes.parse_size("1,500M") == sizes.Size(Decimal("1.5"))
        assert sizes.parse_size("47B-A13B") == sizes.Size(Decimal(47), Decimal(13))
        assert sizes.parse_size("seven") is None and sizes.parse_size(None) is None
        assert sizes.parse_size(7) == sizes.Size(Decimal(7))  # a number in YAML reads as its text
    assert sizes._parse.cache_info().misses == 5  # "7B", "1,500M", "47B-A13B", "seven", "7"
