"""Which builds send their few changed reports to a worker while the site pages are made
(commands/build.builds_ahead): large sites by reports or by models, with a second core."""

from __future__ import annotations

from types import SimpleNamespace

from benchboard.commands import build


def _site(reports: int, models_each: int):
    return SimpleNamespace(reports=[SimpleNamespace(models=(None,) * models_each) for _ in range(reports)])


def test_a_large_site_builds_a_changed_report_ahead():
    one = [object()]
    assert build.builds_ahead(one, _site(build.AHEAD_FROM, 10), cores=2)
    assert build.builds_ahead(one, _site(1, build.AHEAD_FROM_MODELS), cores=2)  # one file of many models


def test_small_sites_many_reports_or_one_core_build_here():
    one = [object()]
    assert not build.builds_ahead(one, _site(10, 10), cores=2)
    assert not build.builds_ahead([], _site(build.AHEAD_FROM, 10), cores=2)
    assert not build.builds_ahead([object()] * build.PARALLEL_FROM, _site(build.AHEAD_FROM, 10), cores=2)
    assert not build.builds_ahead(one, _site(1, build.AHEAD_FROM_MODELS), cores=1)
