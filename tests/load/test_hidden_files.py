"""Hidden files in results/ and pages/ (a draft, an editor's copy, macOS's "._" resource file)
are skipped with a warning, never read or published, as static/ already refuses dot-paths."""

from pathlib import Path

from helpers import build_site, write_tree

from benchboard.load.content import load_site

GOOD = "title: Real\nbenchmarks: [{name: A}]\nmodels: [{name: m, scores: {A: 50.5}}]\n"


def test_hidden_result_files_and_pages_are_skipped_with_a_warning(tmp_path):
    content = write_tree(tmp_path / "content", {
        "results/real.yaml": GOOD,
        "results/.draft.yaml": GOOD.replace("Real", "Draft"),
        "results/._real.yaml": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \xff\xfe",  # AppleDouble, not YAML
        "pages/about.md": "# About\n\nText.\n",
        "pages/.notes.md": "# Private notes\n",
    })
    site, warnings = load_site(content)  # a content error would raise
    assert [r.title for r in site.reports] == ["Real"] and [p.slug for p in site.pages] == ["about"]
    skipped = {w.path for w in warnings if "hidden file" in w.message}
    assert {"/".join(Path(w).parts[-2:]) for w in skipped} == {"results/.draft.yaml", "results/._real.yaml", "pages/.notes.md"}
    build_site(content, tmp_path / "site")
    published = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "site").rglob("*.html"))
    assert "Draft" not in published and "Private notes" not in published
