"""``build-site init DIR``: a starter project that builds and publishes on GitHub Pages."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from benchboard.commands.installspec import install_spec, readme_install, workflow_run
from benchboard.errors import printable

# The GitHub Pages workflow. The project's own .github/workflows/pages.yml is the same file
# with INSTALL replaced by "pip install ." (a test keeps the two in step); a starter gets the
# benchboard that ran init (installspec.py).
WORKFLOW = """\
name: Publish the site

on:
  push:
    branches: [main]
  # A pull request's result files are built and checked (--strict) before they are merged; a
  # pull request publishes nothing (pull_request, never pull_request_target: a fork's pull
  # request runs with a read-only token and no secrets).
  pull_request:
  workflow_dispatch:

# The build job runs code and reads content from pull requests: it gets no write permission
# and no stored git credentials. Only the deploy job, which runs no project code, may publish
# to Pages, and only from main.
permissions:
  contents: read

# One run at a time per branch, in order (a later push's site is never replaced by an earlier
# one's); a pull request's newer push cancels its older build.
concurrency:
  group: pages-${{{{ github.ref }}}}
  cancel-in-progress: ${{{{ github.event_name == 'pull_request' }}}}

jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: read  # configure-pages reads the site's published address; nothing is written
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
          fetch-depth: 0  # the whole history: the changelog, feed and score histories read it
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install benchboard
        run: {install}
      - id: pages
        uses: actions/configure-pages@v5
      # The published address (https://USER.github.io/REPO/, or a custom domain) makes links in
      # 404.html, which Pages serves at any depth, rooted; and gives sitemap.xml, canonical URLs
      # and og:image.
      - name: Build the site
        run: build-site content/ site/ --strict
        env:
          BENCHBOARD_BASE_URL: ${{{{ steps.pages.outputs.base_url }}}}/
      - uses: actions/upload-pages-artifact@v3
        if: github.ref == 'refs/heads/main' && github.event_name != 'pull_request'
        with:
          path: site
  deploy:
    needs: build
    if: github.ref == 'refs/heads/main' && github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

FILES = {
    "content/site.yaml": """\
# yaml-language-server: $schema=../site/schema/site.schema.json
title: My evaluation results
description: Scores of our models on public benchmarks.
# base_url: https://USER.github.io/REPO/
""",
    "content/results/example.yaml": """\
# yaml-language-server: $schema=../../site/schema/result.schema.json
# One comparison per file: one chart, one report page. See the docs for every key.
title: Example comparison
description: Replace these numbers with your own (or use build-site import on harness outputs).
y_title: Accuracy (%)
y_range: [0, 100]
benchmarks:
  - {name: MMLU, metric: 5-shot acc, n: 14042}
  - {name: GSM8K, metric: exact match, n: 1319}
  - {name: HumanEval, metric: pass@1, n: 164}
models:
  - name: Our model 7B
    family: Ours
    params: 7B
    scores: {MMLU: 63.4, GSM8K: 52.1, HumanEval: 31.7}
  - name: Baseline 7B
    family: Baseline
    params: 7B
    scores: {MMLU: 61.9, GSM8K: 47.5}
""",
    "content/pages/about.md": """\
---
title: About
order: 1
---
# About

How these results were produced: models, harness, settings.
""",
    ".gitignore": "site/\n",
}

README = """\
# Evaluation results

Built with benchboard.

```sh
{install}
build-site content/ site/     # build, then open site/index.html
build-site serve content/     # live preview while editing
```
{note}
Put one YAML file per comparison in `content/results/`, Markdown pages in `content/pages/`.
To publish on GitHub Pages: push to GitHub, then Settings → Pages → Source: GitHub Actions;
`.github/workflows/pages.yml` builds and deploys on every push to `main`, and builds (with
`--strict`, publishing nothing) every pull request.
"""

PLACEHOLDER_NOTE = """
**Before the first push**: say which benchboard the workflow installs. {problem}.
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "init",
        help="create a starter project",
        description="Create a starter project in DIR: content/ with an example result file and page, "
        "a GitHub Pages workflow and a README.",
    )
    parser.add_argument("directory", type=Path, metavar="DIR")
    parser.add_argument("--force", action="store_true", help="write into a non-empty DIR (existing files are overwritten)")


def write_files(target: Path, files: dict[str, str]) -> None:
    """Write the starter files under ``target``. A symbolic link found in DIR where a folder or
    a file goes is replaced, never written through: with --force, a checkout whose
    content/results or README.md linked elsewhere (~/.bashrc) had that target overwritten."""
    target.mkdir(parents=True, exist_ok=True)  # DIR itself is the user's choice, link or not
    for rel, text in files.items():
        path = target
        for part in Path(rel).parts[:-1]:
            path = path / part
            if path.is_symlink():
                path.unlink()
            path.mkdir(exist_ok=True)
        path = path / Path(rel).name
        if path.is_symlink():
            path.unlink()
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as handle:
            handle.write(text)


def run(args: argparse.Namespace) -> int:
    target: Path = args.directory
    if target.exists() and not target.is_dir():
        print(printable(f"build-site init: {target} is a file"), file=sys.stderr)
        return 1
    if target.is_dir() and any(target.iterdir()) and not args.force:
        print(printable(f"build-site init: {target} is not empty (choose a new directory, or pass --force)"), file=sys.stderr)
        return 1
    spec = install_spec()
    note = PLACEHOLDER_NOTE.format(problem=spec.problem) if spec.requirement is None else ""
    files = {**FILES, ".github/workflows/pages.yml": WORKFLOW.format(install=workflow_run(spec)),
             "README.md": README.format(install=readme_install(spec), note=note)}
    try:
        write_files(target, files)
    except OSError as exc:
        print(printable(f"build-site init: cannot write {exc.filename or target} ({exc.strerror})"), file=sys.stderr)
        return 1
    print(printable(f"created a starter project in {target}; next: build-site {target / 'content'} {target / 'site'}"))
    if spec.requirement is None:
        print(printable(f"build-site init: before the first push: {spec.problem}"), file=sys.stderr)
    else:
        print(printable(f"the workflow installs {spec.requirement}"))
    for note in spec.notes:
        print(printable(f"warning: {note}"), file=sys.stderr)
    return 0
