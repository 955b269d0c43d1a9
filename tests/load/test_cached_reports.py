"""A report read back from the cache of validated files is the report the loader made: every
field, positions included (a cached `where` came back with lists for tuples, so each second
build of a site gave its pages other digests and re-rendered them all)."""

from __future__ import annotations

import dataclasses

from benchboard.load.content import load_site
from benchboard.output import pagecache
from benchboard.render.site import common_context
from benchboard.views.site import site_views
from helpers import EXAMPLE


def _state(monkeypatch, cache):
    monkeypatch.setenv("BENCHBOARD_CACHE_DIR", str(cache))
    site, _ = load_site(EXAMPLE)
    views = site_views(site)
    return site, pagecache.page_digests(views.pages, common_context(site), "theme")


def test_a_cached_report_equals_a_fresh_one(tmp_path, monkeypatch):
    fresh, fresh_pages = _state(monkeypatch, tmp_path / "cache")  # a cold cache: loaded, then stored
    cached, cached_pages = _state(monkeypatch, tmp_path / "cache")  # read back
    assert len(fresh.reports) == len(cached.reports) >= 2
    for a, b in zip(fresh.reports, cached.reports):
        for x, y in [(a, b), *zip(a.benchmarks, b.benchmarks), *zip(a.models, b.models)]:
            for f in dataclasses.fields(x):
                assert getattr(x, f.name) == getattr(y, f.name), (type(x).__name__, f.name)
                assert repr(getattr(x, f.name)) == repr(getattr(y, f.name)), (type(x).__name__, f.name)
    assert fresh_pages == cached_pages
