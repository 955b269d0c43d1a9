"""Hostile corpora shared by the in-process tests and the browser tests: a site whose every text
field carries a script payload (tests/render/test_hostile_content.py, and in Chromium
tests/browser/test_hostile_build.py), names Vega would misread (tests/chart/test_vega_names.py,
tests/browser/test_compare_names.py), and names that start a formula in a spreadsheet of some
locale (tests/render/test_csv_locales.py, tests/browser/test_csv_download_locales.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

SECRET = "TOPSECRET-7f3a9c"  # in files outside CONTENT; must never be printed or published

# Script payloads: each would set window.__pwned (or open a dialog) if it ran.
MARKDOWN_PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    '<img src=x onerror="window.__pwned = \'img-onerror\'">',
    '<svg onload="window.__pwned = \'svg-onload\'"><circle r=5 /></svg>',
    '<details open ontoggle="window.__pwned = \'ontoggle\'"><summary>s</summary>x</details>',
    '[link <img src=x onerror="window.__pwned=\'in-link\'">](https://example.org/)',
    '## Heading <img src=x onerror="window.__pwned=\'in-heading\'">',
    "![image](x){: onerror=\"window.__pwned='attr-list'\" }",
    "A paragraph.\n{: onclick=\"window.__pwned='attr-list-p'\" }",
    "[plain](javascript:window.__pwned='js-link')",
    "[entity](javascript&#58;window.__pwned='entity-58')",
    "[colon](javascript&colon;window.__pwned='colon')",
    "[hex](javascript&#x3A;window.__pwned='hex-3a')",
    "[tab](jav&#x09;ascript:window.__pwned='tab')",
    "[ref][evil]\n\n[evil]: javascript:window.__pwned='reference'",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    '<a href="javascript:window.__pwned=\'raw-a\'">raw a</a>',
    '<a href="&#106;avascript:window.__pwned=\'raw-entity\'">raw entity</a>',
    '<iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe>',
    '<object data="javascript:window.__pwned=\'object\'"></object>',
    '<form action="javascript:window.__pwned=\'form\'"><button>go</button></form>',
    "<style>body { background: url(javascript:window.__pwned='style') }</style>",
    '<math><mi xlink:href="javascript:window.__pwned=\'math\'">m</mi></math>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=\'meta\'">',
    '<base href="javascript:window.__pwned=\'base\'//">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<input autofocus onfocus=\"window.__pwned='onfocus'\">",
    "`<script>window.__pwned='code'</script>` is shown as code",
]
MARKDOWN = "\n\n".join(MARKDOWN_PAYLOADS) + "\n"


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (escapes newlines and CR, unlike a plain one)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


CSV_NAMES = ["=9+9", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=2+2", "ok\r=9+9", "line\n=3+3", "=HYPERLINK(\"http://x\")"]


def hostile_site() -> dict[str, str]:
    """A site whose every text field carries a payload; it must still build (exit 0)."""
    names = [
        "<script>window.__pwned='name'</script>",
        '"><img src=x onerror="window.__pwned=\'name-attr\'">',
        "x\n::error::pwned by a model name",
        "y\r\n::add-mask::visible",
        *CSV_NAMES,
    ]
    models = "\n".join(f"  - name: {_yaml_text(n)}\n    family: {_yaml_text(n[:20])}\n    scores: {{A: {40 + i}, B: {60 - i}}}"
                       for i, n in enumerate(names))
    result = (
        f"title: {_yaml_text('<script>window.__pwned=1</script> Hostile')}\n"
        f"description: {_yaml_text('<img src=x onerror=alert(1)>')}\n"
        "y_range: [0, 50]\n"  # scores above 50 make warnings that print the raw names
        "benchmarks:\n  - {name: A, metric: '<b onmouseover=alert(1)>m</b>'}\n  - {name: B}\n"
        f"models:\n{models}\n"
        "interpretation: |\n" + "".join(f"  {line}\n" for line in MARKDOWN.splitlines())
    )
    page = "---\ntitle: \"<script>window.__pwned='page-title'</script>\"\n---\n# Hostile page\n\n" + MARKDOWN
    return {
        "site.yaml": (
            f"title: {_yaml_text('<script>window.__pwned=1</script>Site')}\n"
            f"description: {_yaml_text('</title><script>alert(1)</script>')}\n"
            "repo_url: https://github.com/o/r\n"
        ),
        "results/hostile.yaml": result,
        "pages/hostile-page.md": page,
        "pages/safe-mode.md": "# Safe mode page\n\n" + MARKDOWN,
    }


# Names that start a formula in a semicolon or tab locale, or look like a signed number.
CSV_LOCALE_NAMES = ["a;=1+1", "b\t=2+2", "c;+cmd|' /C calc'!A0", "d;-2+3", "e\t@SUM(A1)", "f;ok", "-3.2", "=9+9", "ok\r=9+9"]


# Names Vega would misread: Object.prototype's members, U+2028/U+2029.
PROTO = ["constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
         "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString"]
VEGA_NAMES = [*PROTO, "line\u2028separator", "para\u2029separator"]  # 14 models: two are outside the static chart (max_bars 12)
VEGA_BENCHMARKS = ["toString", "constructor", "x\u2028y", "__proto__"]


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar (\u2028 escaped)


def hostile_names_site() -> dict[str, str]:
    models = "\n".join(f"  - name: {_yaml(n)}\n    scores: {{{', '.join(f'{_yaml(b)}: {30 + (i * 7 + j * 3) % 50}' for j, b in enumerate(VEGA_BENCHMARKS))}}}"
                       for i, n in enumerate(VEGA_NAMES))
    result = "title: Names\nbenchmarks:\n" + "".join(f"  - {{name: {_yaml(b)}, n: 200}}\n" for b in VEGA_BENCHMARKS) + f"models:\n{models}\n"
    return {"site.yaml": "title: Names\n", "results/names.yaml": result}


# What every hostile build must show: the exit codes allowed, no traceback, no secret, no
# line a CI runner would take for a workflow command; and no secret in OUT.
def check_clean(result: subprocess.CompletedProcess, *codes: int) -> None:
    output = result.stdout + result.stderr
    assert result.returncode in codes, output
    assert "Traceback" not in output and "internal error" not in output, output
    assert SECRET not in output
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), f"a workflow command was printed: {line!r}"


def no_secret_in(out: Path) -> None:
    if out.exists():
        for path in out.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path
