"""How a unit is cited: one record per page, and every format made from it.

A page's ``Citation`` holds what every format says: the corporate author, the unit's title, the
site (container), the release, the permalink and, once versioned editions exist, the exact
locator (``versioned_url``, ``None`` until then). The formats are made from the record only, so
the title, author and URL are the same in GB/T 7714-2015, APA 7, Chicago, BibTeX, RIS, CSL-JSON
and the page head (Highwire ``citation_*``, Dublin Core, JSON-LD).

The author is an institution, and must reach reference managers whole: its name has no comma
(RIS and Zotero's importers read "A, B" as surname A, given name B; Zotero's RIS importer keeps a
name without a comma as one field, an institutional author), BibTeX wraps it in a second pair of
braces, CSL-JSON gives it as ``{"literal": …}``.

The access date is the moment of reading, which a static page cannot know. Text for the page
carries each access clause between ``ACCESS_OPEN`` and ``ACCESS_CLOSE``, with the placeholders
``{ACCESSED}`` (ISO date), ``{ACCESSED_LONG}`` (English long date) and ``{ACCESSED_SLASHED}``
(RIS): the page shows nothing of the clause until its script fills in today's date (see
``text.cite_pre``); the downloadable files leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ACCESSED = "{ACCESSED}"
ACCESSED_LONG = "{ACCESSED_LONG}"
ACCESSED_SLASHED = "{ACCESSED_SLASHED}"  # RIS writes dates as YYYY/MM/DD
ACCESS_OPEN = "\ue000"  # private-use characters, which the plan and its translation do not use
ACCESS_CLOSE = "\ue001"
FORMATS = ("GB/T 7714-2015", "APA 7", "Chicago", "BibTeX", "RIS")


@dataclass(frozen=True)
class Site:
    editors_en: str
    editors_zh: str
    title_en: str
    title_zh: str
    version: str

    def editors(self, lang: str) -> str:
        return self.editors_zh if lang == "zh" else self.editors_en

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True)
class Citation:
    """What a page's citations say. ``title`` is the unit's full, stable title in the page's
    language (never an excerpt); ``url`` the permalink; ``versioned_url`` the address of this
    release's fixed copy, once the edition publishes one (the exact locator)."""

    key: str  # e.g. "I.3.5"
    lang: str  # the page's language
    title: str  # e.g. "Action I.3.5", "Goal I.1: Remove Red Tape and Onerous Regulation"
    author: str  # the corporate author, whole
    container: str  # the edition's title
    version: str  # the release cited
    updated: str  # ISO date of the unit's last change
    url: str  # the permalink
    versioned_url: str | None = None

    @property
    def bib_key(self) -> str:
        return "aiap-" + self.key.replace(".", "-") + ("" if self.lang == "zh" else "-en")


def citation_of(site: Site, key: str, lang: str, title: str, url: str, updated: str, versioned_url: str | None = None) -> Citation:
    return Citation(key, lang, title, site.editors(lang), site.title(lang), site.version, updated, url, versioned_url)


def long_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{MONTHS[m - 1]} {d}, {y}"


def _apa_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}, {MONTHS[m - 1]} {d}"


def _access(clause: str) -> str:
    return f"{ACCESS_OPEN}{clause}{ACCESS_CLOSE}"


def without_access(text: str) -> str:
    """The text with its access clauses left out (what a file or a page without script shows)."""
    out, _, rest = text.partition(ACCESS_OPEN)
    while rest:
        _, _, after = rest.partition(ACCESS_CLOSE)
        more, _, rest = after.partition(ACCESS_OPEN)
        out += more
    return out


def citations(r: Citation) -> dict[str, str]:
    """The ready-to-copy citations, in ``FORMATS`` order, their access clauses marked."""
    loc = r.versioned_url or r.url
    return {
        "GB/T 7714-2015": (
            f"{r.author}. {r.container}：{r.title}[EB/OL]. {r.version}版. ({r.updated}){_access(f'[{ACCESSED}]')}. {loc}."
            if r.lang == "zh" else
            f"{r.author}. {r.container}: {r.title}[EB/OL]. Version {r.version}. ({r.updated}){_access(f'[{ACCESSED}]')}. {loc}."
        ),
        "APA 7": (
            f"{r.author}. ({_apa_date(r.updated)}). {r.title} (Version {r.version}). {r.container}. "
            + _access(f"Retrieved {ACCESSED_LONG}, from ") + loc
        ),
        "Chicago": (
            f"{r.author}. “{r.title}.” {r.container}, version {r.version}. "
            f"Last modified {long_date(r.updated)}. {_access(f'Accessed {ACCESSED_LONG}. ')}{loc}."
        ),
        "BibTeX": bibtex(r, access=True),
        "RIS": ris(r, access=True),
    }


# LaTeX's special characters, as BibTeX hands a field to LaTeX: each written so that LaTeX prints it.
_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
          "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib(value: str) -> str:
    """A BibTeX field value, safe by construction: one line, and every character that means something
    to BibTeX (braces end the field) or to LaTeX (% comments out the rest, & $ # _ ~ ^ \\ are commands)
    escaped, so a title stays one field and prints as written."""
    return "".join(_LATEX.get(c, c) for c in " ".join(value.split()))


def _ris(value: str) -> str:
    """A RIS field value: one line (a line break would start a tag of its own, "UR  - …" or "ER  -")."""
    return " ".join(value.split())


def bibtex(r: Citation, access: bool = False) -> str:
    lines = [
        f"@misc{{{r.bib_key},",
        f"  author = {{{{{_bib(r.author)}}}}},",
        f"  title = {{{{{_bib(r.title)}}}}},",
        f"  howpublished = {{{_bib(r.container)}, version {_bib(r.version)}}},",
        f"  year = {{{r.updated[:4]}}},",
        f"  version = {{{_bib(r.version)}}},",
        f"  url = {{{_bib(r.versioned_url or r.url)}}},",
    ]
    if access:
        lines[-1] += _access(f"\n  urldate = {{{ACCESSED}}},")
    lines.append(f"  note = {{Last modified {r.updated}" + (f"; permalink {_bib(r.url)}" if r.versioned_url else "") + "}")
    lines.append("}")
    return "\n".join(lines)


def ris(r: Citation, access: bool = False) -> str:
    lines = [
        "TY  - ELEC",
        f"AU  - {_ris(r.author)}",
        f"TI  - {_ris(r.title)}",
        f"T2  - {_ris(r.container)}",
        f"ET  - {_ris(r.version)}",
        f"PY  - {r.updated[:4]}",
        f"DA  - {r.updated.replace('-', '/')}",
        f"LA  - {_ris(r.lang)}",
    ]
    if access:
        lines[-1] += _access(f"\nY2  - {ACCESSED_SLASHED}")
    lines.append(f"UR  - {_ris(r.versioned_url or r.url)}")
    if r.versioned_url:
        lines.append(f"L2  - {_ris(r.url)}")
    lines.append("ER  - ")
    return "\n".join(lines)


def csl(r: Citation) -> dict[str, Any]:
    """The record as a CSL-JSON item (a web page by an institution)."""
    y, m, d = (int(x) for x in r.updated.split("-"))
    item: dict[str, Any] = {
        "id": r.bib_key, "type": "webpage", "title": r.title, "author": [{"literal": r.author}],
        "container-title": r.container, "version": r.version, "issued": {"date-parts": [[y, m, d]]},
        "URL": r.versioned_url or r.url, "language": "zh-CN" if r.lang == "zh" else "en-US",
    }
    if r.versioned_url:
        item["note"] = f"Permalink: {r.url}"
    return item


def official(title: str, publisher: str, pdf_url: str, printed_page: int | str, pdf_page: int) -> dict[str, str]:
    """How to cite the official plan itself at this point (the page as printed)."""
    link = f"{pdf_url}#page={pdf_page}"
    return {
        "GB/T 7714-2015": f"{publisher}. {title}[R/OL]. Washington, D.C.: {publisher}, 2025: {printed_page}{_access(f'[{ACCESSED}]')}. {link}.",
        "APA 7": f"{publisher}. (2025). {title} (p. {printed_page}). {link}",
        "Chicago": f"{publisher}. {title}. Washington, DC: {publisher}, July 2025, {printed_page}. {link}.",
    }


def pinpoint(label: str, paragraph: int) -> str:
    """How a citation names one paragraph of a unit's official text: ``Goal I.1 ¶2``
    (its anchor is ``paths.paragraph(2)``, ``#p2``)."""
    return f"{label} ¶{paragraph}"
