"""How to cite the site or one report: BibTeX for the Cite box, CITATION.cff for the site root.

``citation:`` in site.yaml (authors required) and in a result file (every key optional: the
site's fills what it leaves out, the title is the report's) are validated by the schemas; this
module only formats them. An author with a comma is a person ("Family, Given"), one without is
an organisation, written as is (braced in BibTeX, ``name:`` in CFF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from benchboard.model import Report, SiteConfig

CFF_MESSAGE = "If you use these results, please cite them as below."
_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
          "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class Cite:
    """One citation, ready to lay out: ``bibtex`` is the whole entry; ``cff`` is the site's
    CITATION.cff (None for a report: the site root holds one file)."""

    key: str
    title: str
    bibtex: str
    cff: str | None = None


def _latex(text: str) -> str:
    return "".join(_LATEX.get(c, c) for c in text)


def _author_bibtex(author: str) -> str:
    if "," in author:
        family, _, given = author.partition(",")
        return f"{_latex(family.strip())}, {_latex(given.strip())}"
    return "{" + _latex(author.strip()) + "}"


def _year(citation: dict) -> int | None:
    if citation.get("year") is not None:
        return int(citation["year"])
    return int(citation["date"][:4]) if citation.get("date") else None


def _key(citation: dict, title: str) -> str:
    if citation.get("key"):
        return citation["key"]
    first = citation["authors"][0]
    name = first.partition(",")[0] if "," in first else first.split()[0]
    word = next((w for w in re.findall(r"[A-Za-z0-9]+", title) if len(w) > 3), "results")
    base = re.sub(r"[^a-z0-9]", "", name.lower()) or "results"
    return f"{base}{_year(citation) or ''}{word.lower()}"


def _bibtex(kind: str, key: str, citation: dict, title: str, url: str | None, note: str | None) -> str:
    fields = [("title", "{" + _latex(title) + "}"), ("author", " and ".join(_author_bibtex(a) for a in citation["authors"]))]
    year = _year(citation)
    if year:
        fields.append(("year", str(year)))
    if citation.get("version"):
        fields.append(("version", _latex(citation["version"])))
    if citation.get("doi"):
        fields.append(("doi", citation["doi"]))
    if url:
        fields += [("url", url), ("howpublished", r"\url{" + url + "}")]
    if note:
        fields.append(("note", _latex(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _cff(config: SiteConfig, citation: dict, title: str) -> str:
    authors = []
    for author in citation["authors"]:
        if "," in author:
            family, _, given = author.partition(",")
            authors.append({"family-names": family.strip(), "given-names": given.strip()})
        else:
            authors.append({"name": author.strip()})
    document: dict = {"cff-version": "1.2.0", "message": CFF_MESSAGE, "type": "dataset", "title": title, "authors": authors}
    if config.description:
        document["abstract"] = config.description
    for key, cff_key in (("version", "version"), ("doi", "doi"), ("license", "license"), ("date", "date-released")):
        if citation.get(key):
            document[cff_key] = citation[key]
    url = citation.get("url") or config.base_url
    if url:
        document["url"] = url
    if config.repo_url:
        document["repository-code"] = config.repo_url
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1000)


def site_cite(config: SiteConfig) -> Cite | None:
    """The site's citation, or None when site.yaml gives none."""
    citation = config.citation
    if not citation:
        return None
    title = citation.get("title") or config.title
    key = _key(citation, title)
    url = citation.get("url") or config.base_url
    return Cite(key, title, _bibtex("misc", key, citation, title, url, None), _cff(config, citation, title))


def report_cite(report: Report, config: SiteConfig) -> Cite | None:
    """One report's citation: its own ``citation:`` over the site's; None when neither gives
    authors."""
    own = report.citation or {}
    citation = {**(config.citation or {}), **own}
    if not citation.get("authors"):
        return None
    if "title" not in own:
        citation["title"] = report.title
    title = citation["title"]
    key = own.get("key") or f"{_key(config.citation or citation, config.title)}-{report.slug}"
    if "url" in own:
        url = own["url"]
    else:
        url = f"{config.base_url}{report.slug}/" if config.base_url else None
    note = f"Part of {config.title}" if title != config.title else None
    return Cite(key, title, _bibtex("misc", key, citation, title, url, note))
