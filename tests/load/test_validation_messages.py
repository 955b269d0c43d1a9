"""Every bad-input case: a clear path:line:col message, exit 1, no traceback, OUT untouched.

Each case runs build-site in-process (helpers.cli: the same main(), exit code and stderr);
test_all_problems_reported_in_one_run and test_usage_errors_exit_2 run the real command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import VALID_RESULT, cli, run_cli, snapshot, write_tree

GOOD_HEAD = "title: T\nbenchmarks:\n  - {name: Alpha}\n  - {name: Beta}\n"

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
)

# (file name, content, expected line, message fragment)
CASES = [
    ("not-yaml.yaml", "title: [unclosed\nbenchmarks: x\n", 2, "not valid YAML"),
    ("tabs.yaml", "title: T\nbenchmarks:\n\t- {name: Alpha}\n", 3, "tab character in indentation"),
    ("top-list.yaml", "- title: T\n", 1, "top level must be a mapping"),
    ("no-title.yaml", "benchmarks: [{name: A}]\nmodels: [{name: m, scores: {A: 1}}]\n", 1, "missing required key 'title'"),
    ("blank-title.yaml", "title: '   '\nbenchmarks: [{name: A}]\nmodels: [{name: m, scores: {A: 1}}]\n", 1, "title has an invalid value '   ' (expected text that is not only spaces)"),
    ("impossible-date.yaml", "title: T\nbenchmarks: [{name: A, released: 2024-02-30}]\nmodels: [{name: m, scores: {A: 1}}]\n", 2, "released '2024-02-30' of benchmark 'A' is not a date"),
    ("no-benchmarks.yaml", "title: T\nmodels: [{name: m, scores: {}}]\n", 1, "missing required key 'benchmarks'"),
    ("no-models.yaml", "title: T\nbenchmarks: [{name: A}]\n", 1, "missing required key 'models'"),
    ("empty-models.yaml", "title: T\nbenchmarks: [{name: A}]\nmodels: []\n", 3, "models is empty"),
    ("undeclared.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: 1, Betta: 2}\n", 7, "'Betta', which is not a declared benchmark (did you mean 'Beta'?)"),
    ("dup-model.yaml", GOOD_HEAD + "models:\n  - {name: m, scores: {Alpha: 1}}\n  - {name: m, scores: {Alpha: 2}}\n", 7, "duplicate model name 'm'"),
    ("dup-bench.yaml", "title: T\nbenchmarks:\n  - {name: Alpha}\n  - {name: Alpha}\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 4, "duplicate benchmark name 'Alpha'"),
    ("non-numeric.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: abc}\n", 7, "must be a number or a mapping"),
    ("percent.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: '72.5%'}\n", 7, "write the number without quotes or %: 72.5"),
    ("nan.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: .nan}\n", 7, "is nan (expected a finite number"),
    ("inf.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: -.inf}\n", 7, "is -inf (expected a finite number"),
    ("unknown-key.yaml", GOOD_HEAD + "y_titel: Accuracy\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 5, "unknown key 'y_titel' in the top level (did you mean 'y_title'?)"),
    ("unknown-nested.yaml", GOOD_HEAD + "models:\n  - name: m\n    familly: F\n    scores: {Alpha: 1}\n", 7, "unknown key 'familly' in models[0] (did you mean 'family'?)"),
    ("tag.yaml", GOOD_HEAD + "models:\n  - name: !!python/object/apply:os.system ['echo pwned']\n    scores: {Alpha: 1}\n", 6, "is not allowed"),
    ("custom-tag.yaml", GOOD_HEAD + "models: !include other.yaml\n", 5, "is not allowed"),
    ("laughs.yaml", LAUGHS, 1, "expands to more than"),
    ("dup-key.yaml", "title: A\ntitle: B\nbenchmarks: [{name: A}]\nmodels: [{name: m, scores: {A: 1}}]\n", 2, "duplicate key 'title' (first used on line 1"),
    ("bad-slug.yaml", "slug: ../../outside\n" + GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\n", 1, "slug '../../outside' would put the page outside the output directory"),
    ("\u2605.yaml", GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\n", 1, "does not give a safe URL"),
    ("assets.yaml", GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\n", 1, "reserved for the site itself"),
    # every name the site writes at its top: a report named "changes" replaced the changelog, "feed.xml" failed as a disk error
    ("changes.yaml", GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\n", 1, "the name 'changes' is reserved for the site itself"),
    ("feed-slug.yaml", "slug: feed.xml\n" + GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\n", 1, "the name 'feed.xml' is reserved"),
    ("boards.yaml", GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\n", 1, "the name 'boards' is reserved for the site itself"),
    # numbers past the largest float (400 digits) stopped the build with an OverflowError (exit 4)
    ("big-int.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: " + "9" * 400 + "}\n", 7, "(400 characters) is too large to read as a number"),
    # past Python's 4,300 digits for a conversion (a hex number, a leading zero): refused the same, not a ValueError
    ("huge-hex.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: 0x" + "f" * 4000 + "}\n", 7, "(4002 characters) is too large"),
    ("huge-zero.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: 0" + "1" * 5000 + "}\n", 7, "(5001 characters) is too large"),
    ("big-n.yaml", "title: T\nbenchmarks:\n  - {name: Alpha, n: " + "9" * 300 + ", unit: percent}\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 3,
     "is greater than the maximum of 1000000000000"),
    ("big-range.yaml", GOOD_HEAD + "y_range: [-1e308, 1e308]\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 5, "is less than the minimum of -1000000000000000"),
    ("tiny-range.yaml", GOOD_HEAD + "y_range: [0, 5e-324]\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 5, "is too narrow to draw an axis on"),
    ("y-range.yaml", GOOD_HEAD + "y_range: [100, 0]\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 5, "min < max"),
    ("bad-n.yaml", "title: T\nbenchmarks:\n  - {name: Alpha, n: 0}\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 3, "0 is less than the minimum of 1"),
    ("negative-stderr.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: {value: 1, stderr: -2}}\n", 7, "minimum"),
    ("empty.yaml", "", 1, "file is empty"),
    ("blank-name.yaml", GOOD_HEAD + "models:\n  - {name: '  ', scores: {Alpha: 1}}\n", 6, "model name is blank"),
    # A mapping score with a wrong-typed field once vanished without a word (exit 0).
    ("quoted-value.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: {value: '80'}}\n", 7, "scores.Alpha.value must be a number, got the text '80' (write the number without quotes or %: 80)"),
    ("quoted-stderr.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: {value: 80, stderr: '0.5'}}\n", 7, "scores.Alpha.stderr must be a number"),
    ("null-stderr.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: {value: 80, stderr: null}}\n", 7, "got nothing (null) (give a value or remove the key)"),
    ("bool-value.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: {value: true}}\n", 7, "got the boolean true"),
    ("n-inf.yaml", "title: T\nbenchmarks:\n  - {name: Alpha, n: .inf}\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 3, "benchmarks[0].n"),
    ("huge.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: 1e308}\n", 7, "beyond ±1e15"),
    ("tolerance-inf.yaml", GOOD_HEAD + "tolerance: .inf\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 5, "tolerance is '.inf' (expected a finite number)"),
    ("tolerance-nan.yaml", GOOD_HEAD + "tolerance: .nan\nmodels: [{name: m, scores: {Alpha: 1}}]\n", 5, "tolerance is '.nan' (expected a finite number)"),
    ("source-number.yaml", GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\nsource: 5\n", 6, "source must be a mapping"),
    ("source-types.yaml", GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\nsource: {harness: [1], warnings: 5}\n", 6, "source.warnings must be a list"),
    # Control characters cannot appear in SVG or HTML; the chart renderer used to abort on them.
    ("control-name.yaml", GOOD_HEAD + 'models:\n  - name: "m\\x01"\n    scores: {Alpha: 1}\n', 6, "control character U+0001"),
    ("control-key.yaml", GOOD_HEAD + 'models:\n  - name: m\n    scores: {"Alpha\\x08": 1}\n', 7, "control character U+0008"),
    ("yaml11-base60.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: 1:30}\n", 7, "YAML 1.1 read this as base 60"),
    ("yaml11-underscore.yaml", GOOD_HEAD + "models:\n  - name: m\n    scores: {Alpha: 1_000}\n", 7, "write the number without underscores: 1000"),
    ("nfc-nfd.yaml", GOOD_HEAD + "models:\n  - {name: \"Mod\\u00e8le\", scores: {Alpha: 1}}\n  - {name: \"Mode\\u0300le\", scores: {Alpha: 2}}\n", 7, "looks identical to 'Modèle' (models[0]) but is encoded differently"),
    ("control-title.yaml", 'title: "a\\x00b"\nbenchmarks: [{name: Alpha}]\nmodels: [{name: m, scores: {Alpha: 1}}]\n', 1, "control character U+0000"),
]


def _previous_build(tmp_path: Path) -> Path:
    """An OUT that looks like an earlier build, to prove a failed build leaves it alone."""
    out = tmp_path / "site"
    write_tree(out, {".benchboard-build": "previous\n", "index.html": "<p>previous build</p>\n", "r/index.html": "old\n"})
    return out


@pytest.mark.parametrize("name, text, line, fragment", CASES, ids=[c[0] for c in CASES])
def test_bad_result_file(tmp_path, name, text, line, fragment):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: S\n", f"results/{name}": text})
    out = _previous_build(tmp_path)
    before = snapshot(out)
    result = cli(content, out)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    location = f"content/results/{name}:{line}:" if line else f"content/results/{name}: "
    matching = [l for l in result.stderr.splitlines() if l.startswith(location) and fragment in l]
    assert matching, f"expected {location} ... {fragment!r} in:\n{result.stderr}"
    assert "warning:" not in result.stderr  # no echoes of the error ("no model has a score ...")
    assert f"{out} was not changed" in result.stderr
    assert snapshot(out) == before


def test_all_problems_reported_in_one_run(tmp_path):
    files = {f"results/{name}": text for name, text, _, _ in CASES}
    content = write_tree(tmp_path / "content", {"site.yaml": "title: S\n", **files})
    result = run_cli(content, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for name, _, line, fragment in CASES:
        location = f"content/results/{name}:{line}:" if line else f"content/results/{name}: "
        assert any(l.startswith(location) and fragment in l for l in result.stderr.splitlines()), name
    assert not (tmp_path / "out").exists()


def test_non_utf8_bytes(tmp_path):
    content = write_tree(tmp_path / "content", {"results/latin1.yaml": b"title: Caf\xe9\nbenchmarks: []\n"})
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1
    assert "content/results/latin1.yaml:1:11: invalid UTF-8 byte 0xe9 (save the file as UTF-8)" in result.stderr


def test_file_over_size_bound_is_refused_quickly(tmp_path):
    big = "title: T\nbenchmarks: [{name: A}]\nmodels:\n" + "# padding padding padding padding\n" * 200_000
    content = write_tree(tmp_path / "content", {"results/big.yaml": big})
    result = cli(content, tmp_path / "out", timeout=30)
    assert result.returncode == 1
    assert re.search(r"content/results/big\.yaml: file is \d+\.\d MB, over the 5 MiB limit", result.stderr)


def test_every_model_and_benchmark_limit(tmp_path):
    models = "".join(f"  - {{name: m{i}, scores: {{A: 1}}}}\n" for i in range(10_001))
    content = write_tree(tmp_path / "content", {"results/many.yaml": "title: T\nbenchmarks: [{name: A}]\nmodels:\n" + models})
    result = cli(content, tmp_path / "out", timeout=60)
    assert result.returncode == 1
    assert "10,001 models, over the limit of 10,000 per report" in result.stderr


def test_warnings_print_and_strict_makes_them_errors(tmp_path):
    text = "title: T\ny_range: [30, 100]\nbenchmarks:\n  - {name: Alpha}\n  - {name: Nobody}\nmodels:\n  - {name: m, scores: {Alpha: 12.5}}\n"
    content = write_tree(tmp_path / "content", {"results/w.yaml": text})
    out = tmp_path / "out"
    result = cli(content, out)
    assert result.returncode == 0, result.stderr
    assert "content/results/w.yaml:7:31: warning: m on Alpha: 12.5 is outside y_range [30.0, 100.0]" in result.stderr
    assert "content/results/w.yaml:5:5: warning: no model has a score for benchmark 'Nobody'" in result.stderr
    before = snapshot(out)
    strict = cli(content, out, "--strict")
    assert strict.returncode == 1
    assert "is outside y_range" in strict.stderr and "(an error with --strict)" in strict.stderr
    assert snapshot(out) == before


def test_site_yaml_unknown_key_and_bad_url(tmp_path):
    content = write_tree(tmp_path / "content", {
        "site.yaml": "title: S\nbase_ulr: https://x.org/\nrepo_url: github.com/x\n",
        "results/ok.yaml": VALID_RESULT,
    })
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1
    assert "content/site.yaml:2:1: unknown key 'base_ulr' in the top level (did you mean 'base_url'?)" in result.stderr
    assert "content/site.yaml:3:11: repo_url has an invalid value 'github.com/x'" in result.stderr


def test_page_front_matter_errors(tmp_path):
    content = write_tree(tmp_path / "content", {
        "results/ok.yaml": VALID_RESULT,
        "pages/about.md": "---\ntitle: About\nordre: 2\n---\n# About\n",
        "pages/broken.md": "---\ntitle: [x\n---\nbody\n",
    })
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1
    assert "content/pages/about.md:3:1: unknown front-matter key 'ordre' (did you mean 'order'?)" in result.stderr
    assert "content/pages/broken.md:" in result.stderr and "not valid YAML" in result.stderr


def test_page_front_matter_slug_and_unclosed(tmp_path):
    content = write_tree(tmp_path / "content", {
        "results/ok.yaml": VALID_RESULT,
        "pages/p.md": "---\ntitle: P\nslug: Bad Slug\n---\nbody\n",
        "pages/open.md": "---\ntitle: x\n",
    })
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1
    assert "content/pages/p.md:3:7: slug 'Bad Slug' is not a safe URL segment" in result.stderr
    assert "content/pages/open.md:1:1: front matter opened with '---' is never closed" in result.stderr


def test_scientific_notation_is_a_number(tmp_path):
    """YAML 1.2 reads 5e1 and 1e-2 as numbers; PyYAML's 1.1 rules would read them as text."""
    content = write_tree(tmp_path / "content", {"results/r.yaml": (
        "title: T\nbenchmarks: [{name: A, n: 1e3}]\nmodels:\n"
        "  - {name: m1, scores: {A: {value: 5e1, stderr: 1e-2}}}\n  - {name: m2, scores: {A: 4.5E+1}}\n"
    )})
    result = cli(content, tmp_path / "out", "--no-png")
    assert result.returncode == 0, result.stderr
    table = (tmp_path / "out/r/data.csv").read_text()
    assert "50" in table and "45" in table
    assert "1000.0" not in (tmp_path / "out/r/index.html").read_text()  # n stays a count


@pytest.mark.parametrize("override, line, fragment", [
    ("{% if x %}\n", 1, "template syntax error: Unexpected end of template"),
    ("line one\n{{ no_such_variable.attr }}\n", 2, "template error: 'no_such_variable' is undefined"),
])
def test_broken_template_override_is_a_content_error(tmp_path, override, line, fragment):
    content = write_tree(tmp_path / "content", {
        "results/ok.yaml": VALID_RESULT,
        "templates/observations/leader.txt": override,
    })
    out = _previous_build(tmp_path)
    before = snapshot(out)
    result = cli(content, out, "--no-png")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"content/templates/observations/leader.txt:{line}:1: {fragment}" in result.stderr
    assert snapshot(out) == before


def test_missing_content_and_results(tmp_path):
    result = cli(tmp_path / "nope", tmp_path / "out")
    assert result.returncode == 1 and "content directory not found" in result.stderr
    (tmp_path / "empty").mkdir()
    result = cli(tmp_path / "empty", tmp_path / "out")
    assert result.returncode == 1 and "no results/ folder" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    result = run_cli()
    assert result.returncode == 2 and "usage: build-site" in result.stderr
    result = run_cli("content", "site", "--no-such-flag")
    assert result.returncode == 2


def test_an_escaping_slug_is_one_error_not_two(tmp_path):
    """The schema's pattern and the path check both catch '../x'; the reader needs one message."""
    text = "slug: ../../outside\n" + GOOD_HEAD + "models: [{name: m, scores: {Alpha: 1}}]\n"
    content = write_tree(tmp_path / "content", {"results/r.yaml": text})
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1
    lines = [l for l in result.stderr.splitlines() if l.startswith("content/results/r.yaml")]
    assert lines == ["content/results/r.yaml:1:7: slug '../../outside' would put the page outside the output directory (use a plain name)"]


@pytest.mark.parametrize("url", ["https://x.com/a b/", "https://x.com/repo/?q=1", "https://x.com/#top", 'https://x.com/"><script>'])
def test_base_url_must_be_a_plain_absolute_url(tmp_path, url):
    """It is pasted into canonical links and the sitemap: no spaces, query, fragment or markup."""
    content = write_tree(tmp_path / "content", {"site.yaml": f"title: S\nbase_url: '{url}'\n", "results/ok.yaml": VALID_RESULT})
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1 and "content/site.yaml:2:11: base_url has an invalid value" in result.stderr
    flag = cli(write_tree(tmp_path / "c2", {"results/ok.yaml": VALID_RESULT}), tmp_path / "out2", "--base-url", url)
    assert flag.returncode == 2 and "argument --base-url: " in flag.stderr and "is not an absolute URL" in flag.stderr


def test_control_character_in_a_file_name(tmp_path):
    content = write_tree(tmp_path / "content", {"results/ok.yaml": VALID_RESULT, "results/a\x01b.yaml": VALID_RESULT})
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1
    assert "content/results/a\\x01b.yaml: the file name holds a control character (rename the file)" in result.stderr


def test_leading_zero_is_decimal_as_in_yaml_1_2(tmp_path):
    content = write_tree(tmp_path / "content", {"results/r.yaml": "title: T\nbenchmarks: [{name: A}]\nmodels: [{name: m, scores: {A: 010}}]\n"})
    assert cli(content, tmp_path / "out", "--no-png").returncode == 0
    assert json.loads((tmp_path / "out/r/data.json").read_text())["models"][0]["scores"]["A"]["value"] == 10


def test_default_tolerance_follows_a_fraction_scale(tmp_path):
    """0.5 "points" on scores written as 0.11 and 0.37 would call a 26-point gap practically equal."""
    result_file = "title: T\nbenchmarks: [{name: A}]\nmodels: [{name: m1, scores: {A: 0.11}}, {name: m2, scores: {A: 0.37}}]\n"
    content = write_tree(tmp_path / "content", {"results/r.yaml": result_file})
    assert cli(content, tmp_path / "out", "--no-png").returncode == 0
    said = (tmp_path / "out/r/observations.json").read_text()
    assert '"outcome": "untested"' in said and "practically_equal" not in said  # no uncertainty: the order is untested
    explicit = write_tree(tmp_path / "c2", {"site.yaml": "title: S\ntolerance: 0.5\n", "results/r.yaml": result_file})
    assert cli(explicit, tmp_path / "out2", "--no-png").returncode == 0
    assert '"outcome": "practically_equal"' in (tmp_path / "out2/r/observations.json").read_text()  # as the site set it


def test_registry_dates_must_name_a_day_that_exists(tmp_path):
    content = write_tree(tmp_path / "content", {
        "site.yaml": "title: S\n",
        "models.yaml": "models:\n  - {name: m, knowledge_cutoff: 2024-02-31, released: 2023-13}\n",
        "results/r.yaml": "title: T\nbenchmarks: [{name: A, released: 2024-02-29}]\nmodels: [{name: m, scores: {A: 1}}]\n",
    })
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert "content/models.yaml:2:33: knowledge_cutoff '2024-02-31' is not a date" in result.stderr
    assert "released '2023-13' is not a date" in result.stderr
    assert "2024-02-29" not in result.stderr  # a leap day exists


def test_blank_site_title_is_refused(tmp_path):
    content = write_tree(tmp_path / "content", {"site.yaml": "title: '  '\n", "results/r.yaml": VALID_RESULT})
    result = cli(content, tmp_path / "out")
    assert result.returncode == 1
    assert "content/site.yaml:1:8: title has an invalid value '  ' (expected text that is not only spaces)" in result.stderr



def test_an_exponent_longer_than_python_converts_is_read(tmp_path):
    """float() reads "1e000…01" (4,300 zeros) as 10.0; the column's written precision read the
    exponent with int() and crashed (exit 4, a second review)."""
    from helpers import load_tree

    site, _ = load_tree(tmp_path, {"results/r.yaml": "title: R\nbenchmarks: [{name: A}]\nmodels:\n"
                                   "  - {name: m, scores: {A: 1e" + "0" * 4300 + "1}}\n  - {name: k, scores: {A: 1.5e-" + "0" * 4300 + "1}}\n"})
    assert [m.scores["A"].display for m in site.reports[0].models] == ["10.00", "0.15"]  # one precision a column
