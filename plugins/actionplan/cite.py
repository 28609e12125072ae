"""Ready-to-copy citations of a unit: GB/T 7714-2015, APA 7, Chicago, BibTeX, RIS.

Readers cite unit permalinks in their own writing, so each format names the unit, the site,
the release and the canonical URL. The access date is the moment of copying, which a static
page cannot know: strings carry the placeholder ``{ACCESSED}`` (ISO date) / ``{ACCESSED_LONG}``
(English long date) that the page's script fills in when the reader copies (``{ACCESSED_SLASHED}`` for RIS).
"""

from __future__ import annotations

from dataclasses import dataclass

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ACCESSED = "{ACCESSED}"
ACCESSED_LONG = "{ACCESSED_LONG}"
ACCESSED_SLASHED = "{ACCESSED_SLASHED}"  # RIS writes dates as YYYY/MM/DD


@dataclass(frozen=True)
class Site:
    editors_en: str
    editors_zh: str
    title_en: str
    title_zh: str
    version: str


@dataclass(frozen=True)
class Cited:
    key: str  # e.g. "I.3.5"
    label_en: str  # e.g. "Action I.3.5"
    label_zh: str  # e.g. "行动 I.3.5"
    url: str
    updated: str  # ISO date of the unit's last change


def long_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{MONTHS[m - 1]} {d}, {y}"


def _apa_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}, {MONTHS[m - 1]} {d}"


def citations(site: Site, u: Cited) -> dict[str, str]:
    year = u.updated[:4]
    bib_key = "aiap-" + u.key.replace(".", "-")
    return {
        "GB/T 7714-2015": (
            f"{site.editors_zh}. {site.title_zh}：{u.label_zh}[EB/OL]. {site.version}版. "
            f"({u.updated})[{ACCESSED}]. {u.url}."
        ),
        "APA 7": (
            f"{site.editors_en}. ({_apa_date(u.updated)}). {u.label_en} (Version {site.version}). {site.title_en}. "
            f"Retrieved {ACCESSED_LONG}, from {u.url}"
        ),
        "Chicago": (
            f"{site.editors_en}. “{u.label_en}.” {site.title_en}, version {site.version}. "
            f"Last modified {long_date(u.updated)}. Accessed {ACCESSED_LONG}. {u.url}."
        ),
        "BibTeX": (
            f"@misc{{{bib_key},\n"
            f"  author = {{{{{site.editors_en}}}}},\n"
            f"  title = {{{{{u.label_en}}}}},\n"
            f"  howpublished = {{{site.title_en}, version {site.version}}},\n"
            f"  year = {{{year}}},\n"
            f"  version = {{{site.version}}},\n"
            f"  url = {{{u.url}}},\n"
            f"  urldate = {{{ACCESSED}}},\n"
            f"  note = {{Last modified {u.updated}}}\n"
            f"}}"
        ),
        "RIS": "\n".join([
            "TY  - ELEC",
            f"AU  - {site.editors_en}",
            f"TI  - {u.label_en}",
            f"T2  - {site.title_en}",
            f"ET  - {site.version}",
            f"PY  - {year}",
            f"DA  - {u.updated.replace('-', '/')}",
            f"Y2  - {ACCESSED_SLASHED}",
            f"UR  - {u.url}",
            "ER  - ",
        ]),
    }


def official(title: str, publisher: str, pdf_url: str, printed_page: int | str, pdf_page: int) -> dict[str, str]:
    """How to cite the official plan itself at this point (the page as printed)."""
    link = f"{pdf_url}#page={pdf_page}"
    return {
        "GB/T 7714-2015": f"{publisher}. {title}[R/OL]. Washington, D.C.: {publisher}, 2025: {printed_page}[{ACCESSED}]. {link}.",
        "APA 7": f"{publisher}. (2025). {title} (p. {printed_page}). {link}",
        "Chicago": f"{publisher}. {title}. Washington, DC: {publisher}, July 2025, {printed_page}. {link}.",
    }


def pinpoint(label: str, paragraph: int) -> str:
    """How a citation names one paragraph of a unit's official text: ``Goal I.1 ¶2``
    (its anchor is ``paths.paragraph(2)``, ``#p2``)."""
    return f"{label} ¶{paragraph}"
