"""Fixtures shared by the tests (helpers live in helpers.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import VALID_RESULT, write_tree


@pytest.fixture(scope="session", autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory):
    """The suite never reads or writes the user's ~/.cache (or anything else under HOME): a
    warm or stale cache there must not change a result, and a test run must not fill it.
    One cache for the whole session (cold at its start), so the suite pays the Altair import
    and the Vega bundle once; tests that need a cold cache make their own."""
    home = tmp_path_factory.mktemp("home")
    saved = {name: os.environ.get(name) for name in ("HOME", "BENCHBOARD_CACHE_DIR", "XDG_CACHE_HOME")}
    os.environ["HOME"] = str(home)
    os.environ["BENCHBOARD_CACHE_DIR"] = str(home / ".cache" / "benchboard")
    os.environ.pop("XDG_CACHE_HOME", None)
    yield home
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A minimal valid content tree."""
    return write_tree(tmp_path / "content", {"site.yaml": "title: Test site\n", "results/small.yaml": VALID_RESULT})
