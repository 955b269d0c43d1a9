"""Fixtures shared by the tests (helpers live in helpers.py)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from helpers import EXAMPLE, VALID_RESULT, write_tree
from hypothesis import settings

# The README's test command (and so CI) draws the same examples on every run: a property test
# that finds a new counterexample on some later day must not turn an unrelated commit's CI red.
# The long runs (docs/testing.md: BENCHBOARD_FUZZ_LONG=1) draw new random examples each time,
# which is where counterexamples are looked for; a failure there is reproduced with the seed
# hypothesis prints.
settings.register_profile("benchboard-fixed", derandomize=True)
settings.register_profile("benchboard-random", derandomize=False)
settings.load_profile("benchboard-random" if os.environ.get("BENCHBOARD_FUZZ_LONG") == "1" else "benchboard-fixed")

_SAVED: dict[str, str | None] = {}
SHARED = "BENCHBOARD_TEST_SHARED_CACHE"


def pytest_configure(config):
    """The suite never reads or writes the user's ~/.cache (or anything else under HOME): a
    warm or stale cache there must not change a result, and a test run must not fill it. Set
    before collection, since a test module may build a theme environment at import. One cache
    for the whole run (cold at its start), shared by the xdist workers, so the suite pays the
    Altair import, the Vega bundle and each chart's drawing once; tests that need a cold cache
    make their own. (Each xdist worker runs this, with a HOME of its own.)"""
    home = Path(tempfile.mkdtemp(prefix="benchboard-test-home-"))
    _SAVED.update({name: os.environ.get(name) for name in ("HOME", "BENCHBOARD_CACHE_DIR", "XDG_CACHE_HOME", SHARED)})
    _SAVED["_home"] = str(home)
    os.environ["HOME"] = str(home)
    # One cache for the run's every process: the xdist controller makes it before its workers
    # start, and they inherit it; a chart drawn by one worker is not drawn again by the other
    # (chart/drawings.py: every entry is keyed by all it depends on and written atomically).
    if not os.environ.get(SHARED):
        os.environ[SHARED] = tempfile.mkdtemp(prefix="benchboard-test-cache-")
        _SAVED["_cache"] = os.environ[SHARED]
    os.environ["BENCHBOARD_CACHE_DIR"] = os.environ[SHARED]
    os.environ.pop("XDG_CACHE_HOME", None)


def pytest_unconfigure(config):
    home = _SAVED.pop("_home", None)
    cache = _SAVED.pop("_cache", None)  # the process that made the shared cache removes it
    if cache:
        shutil.rmtree(cache, ignore_errors=True)
    for name, value in _SAVED.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if home:
        shutil.rmtree(home, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    """The long modules first, so no long module starts last and leaves one worker running it
    alone at the end (with --dist loadscope and --no-loadscope-reorder, pyproject.toml, xdist
    hands out modules in this order): modules holding a test marked slow, then the browser
    modules (a site build and a browser each), then the rest; collection order otherwise, a
    module's tests together."""
    slow_modules = {item.module.__name__ for item in items if item.get_closest_marker("slow") and item.module}

    def rank(item) -> int:
        if item.module is None:
            return 3
        if item.module.__name__ in slow_modules:
            return 0
        return 1 if item.module.__name__.startswith("browser.") else 2

    items.sort(key=rank)


@pytest.fixture(scope="session")
def private_home() -> Path:
    """The temporary HOME every test runs with (see pytest_configure)."""
    return Path(os.environ["HOME"])


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A minimal valid content tree."""
    return write_tree(tmp_path / "content", {"site.yaml": "title: Test site\n", "results/small.yaml": VALID_RESULT})


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example content (content/) built once per test run, in-process, exactly as the README's
    ``build-site content/ site/`` builds it (PNG as site.yaml says), and shared
    by every xdist worker and the browser tests' ``sites["example"]`` (browser/sites.py builds
    it under a lock): for the tests that only read the built example. Never write into it; a
    test that edits or rebuilds builds its own."""
    from browser.sites import built_site

    return built_site(tmp_path_factory, "example", EXAMPLE, png=None)
