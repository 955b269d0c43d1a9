"""URL segments for generated pages, and did-you-mean hints: small helpers shared by the
registry, the boards and the model and benchmark pages."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata


def _slug(text: str, keep: str = "", strip: str = "-", fold: bool = True, limit: int | None = 80) -> str:
    """The one slug rule: lowercase ASCII letters, digits (and the characters in ``keep``),
    every other run of characters one dash, none of ``strip`` at either end.
    ``fold``: accents folded to ASCII first (é -> e) instead of becoming a dash."""
    if fold:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(rf"[^a-z0-9{re.escape(keep)}]+", "-", text.lower())
    slug = re.sub(r"-{2,}", "-", slug).strip(strip)
    return slug[:limit].strip(strip) if limit else slug


def slug_text(text: str) -> str:
    """Any name -> lowercase ASCII letters, digits and single dashes (possibly empty)."""
    return _slug(text)


def name_digest(name: str) -> str:
    """Six hex digits of a name's SHA-256: the URL segment of a name with no ASCII letter or
    digit (Arabic, Hebrew, Chinese), its own whatever other names the site has."""
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def unique_slugs(names: list[str], fallback: str) -> dict[str, str]:
    """Name -> slug, unique: in the given (stable) order, a clash takes "-2", "-3"; a name with
    no ASCII letter or digit gets ``fallback`` and six hex digits of its name's digest
    ("model-3fa9c1"): its own, whatever other such names the site has (two Arabic names were
    "model" and "model-2", in an order another name could change)."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = slug_text(name) or f"{fallback}-{name_digest(name)}"
        slug, count = base, 1
        while slug in taken:
            count += 1
            slug = f"{base}-{count}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


def suggest(name: str, choices: list[str], label: str = "known", limit: int | None = 12) -> str:
    """The one "did you mean": the closest choice, else the choices (the first ``limit``)
    after ``label`` ("known: A, B", "allowed: ...")."""
    hint = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if hint:
        return f"did you mean {hint[0]!r}?"
    shown = choices if limit is None else choices[:limit]
    return f"{label}: " + ", ".join(shown) + (" ..." if len(shown) < len(choices) else "")


def benchmark_slugs(reports) -> dict[tuple[str, str | None], str]:
    """(name, metric) -> benchmark page URL segment: the name alone when one metric uses it."""
    keys = list(dict.fromkeys((b.name, b.metric) for r in reports for b in r.benchmarks))
    metrics: dict[str, int] = {}
    for name, _ in keys:
        metrics[name] = metrics.get(name, 0) + 1
    labels = [name if metrics[name] == 1 else f"{name} {metric or 'score'}" for name, metric in keys]
    slugs = unique_slugs(sorted(set(labels)), "benchmark")
    return {key: slugs[label] for key, label in zip(keys, labels)}


# Every name the site writes at its top level (render/site.py, views/site.py, views/history.py,
# output/write.py): no report, page or static file may take one, or it would replace a page of
# the site's own (a report named "changes" hid the changelog; "feed.xml" failed as a disk error).
GENERATED_TOP = frozenset({"index.html", "404.html", "assets", "schema", "api", "sitemap.xml", "robots.txt", ".nojekyll",
                           ".benchboard-build", "models", "benchmarks", "boards", "changes", "feed.xml"})
# (CITATION.cff is the site's only when site.yaml has a citation: load/content.py checks it then)
RESERVED_SLUGS = GENERATED_TOP | {"404", "index"}


SLUG_OK = re.compile(r"^[a-z0-9][a-z0-9._-]*\Z")  # \Z: "$" would pass "base\n"


def slugify(text: str) -> str:
    """File stem -> URL segment: as slug_text, keeping "." and "_" (v1.2_final), with no
    accent folding nor length limit (the file's own name, checked against SLUG_OK)."""
    return _slug(text, keep="._", strip="-.", fold=False, limit=None)
