"""A site's template overrides share one budget per build process: MAX_TEMPLATE_SECONDS of CPU
time for all pages and text (a page under its 20 s deadline, times thousands of model pages,
was hours), MAX_PAGE_CHARS per page, stopped while it streams, and MAX_OUTPUT_CHARS for all
pages (100 MB a page once filled a disk). Past any, the build stops with a content error naming
the template, exit 1, OUT as it was. The theme alone has no budget. The limits are shrunk here,
so no test waits for real time."""

from __future__ import annotations

import re

import pytest

from benchboard.render import theme
from helpers import build_site, cli, snapshot, write_tree

MODELS = "\n".join(f"  - {{name: m{i}, scores: {{A: {i}.0}}}}" for i in range(10))
RESULT = f"title: T\nbenchmarks: [{{name: A}}]\nmodels:\n{MODELS}\n"
BURN = "{% for i in range(2000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"  # ~60 ms of CPU


def _site(tmp_path, model_page: str | None = None):
    files = {"results/r.yaml": RESULT}
    if model_page is not None:
        files["templates/model.html"] = "{% extends 'theme/model.html' %}{% block head %}\n" + model_page + "\n{{ super() }}{% endblock %}"
    content = write_tree(tmp_path / "content", files)
    out = tmp_path / "out"
    build_site(content, out)  # the previous site, built within the real limits
    return content, out, snapshot(out)


def _refused(content, out, before) -> str:
    done = cli(content, out, "-q", "--no-png")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert snapshot(out) == before
    return done.stderr


def test_the_site_templates_cpu_time_is_bounded_in_all(tmp_path, monkeypatch):
    content, out, before = _site(tmp_path, "{# a cheap version first #}")
    (content / "templates" / "model.html").write_text(
        "{% extends 'theme/model.html' %}{% block head %}\n" + BURN + "\n{{ super() }}{% endblock %}")
    monkeypatch.setattr(theme, "MAX_TEMPLATE_SECONDS", 0.2)  # 300 s in a real build; ten pages burn ~0.6 s
    stderr = _refused(content, out, before)
    # at the line the timer stopped, or, spent between two pages, the override that spent most
    assert re.search(r"content/templates/model\.html(:\d+:\d+)?: template error: the site's templates took over 0\.2 s "
                     r"of CPU time in all .*stopped at rendering model\.html", stderr), stderr


def test_a_spent_budget_names_the_override_even_when_a_theme_page_is_running(tmp_path, monkeypatch):
    content, out, before = _site(tmp_path, "{# only extends the theme's #}")
    (content / "results" / "r.yaml").write_text(RESULT.replace("title: T", "title: T2"))
    monkeypatch.setattr(theme, "MAX_TEMPLATE_SECONDS", 0)
    stderr = _refused(content, out, before)
    assert re.search(r"content/templates(/model\.html:\d+:\d+)?: template error: the site's templates took over 0 s", stderr), stderr


def test_one_page_is_stopped_at_its_size_while_it_streams(tmp_path, monkeypatch):
    content, out, before = _site(tmp_path, "ok")
    (content / "templates" / "model.html").write_text(
        "{% extends 'theme/model.html' %}{% block head %}\n<!--{% for i in range(100) %}{{ 'x' * 10000 }}{% endfor %}-->\n"
        "{{ super() }}{% endblock %}")  # 1,000,000 characters
    monkeypatch.setattr(theme, "MAX_PAGE_CHARS", 200_000)  # 64 MiB in a real build
    stderr = _refused(content, out, before)
    assert re.search(r"content/templates/model\.html:2:\d+: template error: model\.html wrote over 200,000 characters", stderr), stderr


def test_all_pages_are_bounded_in_size(tmp_path, monkeypatch):
    content, out, before = _site(tmp_path, "ok")
    (content / "templates" / "model.html").write_text(
        "{% extends 'theme/model.html' %}{% block head %}\n<!--{% for i in range(10) %}{{ 'x' * 10000 }}{% endfor %}-->\n"
        "{{ super() }}{% endblock %}")  # 100,000 characters a page, ten pages
    monkeypatch.setattr(theme, "MAX_OUTPUT_CHARS", 500_000)  # 2 GiB in a real build
    stderr = _refused(content, out, before)
    assert re.search(r"content/templates/model\.html:2:\d+: template error: the site's pages are over 500,000 characters "
                     r"in all, stopped at model\.html", stderr), stderr


@pytest.mark.parametrize("limit", ["MAX_TEMPLATE_SECONDS", "MAX_OUTPUT_CHARS"])
def test_the_theme_alone_has_no_budget(tmp_path, monkeypatch, limit):
    content, out, _ = _site(tmp_path)
    assert theme.environment(content).budget is None
    monkeypatch.setattr(theme, limit, 0)
    (content / "results" / "r.yaml").write_text(RESULT.replace("title: T", "title: T2"))
    assert cli(content, out, "-q", "--no-png").returncode == 0
