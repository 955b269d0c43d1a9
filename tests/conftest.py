"""Fixtures shared by the tests (helpers live in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import VALID_RESULT, write_tree


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A minimal valid content tree."""
    return write_tree(tmp_path / "content", {"site.yaml": "title: Test site\n", "results/small.yaml": VALID_RESULT})
