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

A commentary unit's words are not ours: its citation carries the commentary's ``Source``
(data/commentary.yaml). Its author stays unknown until established, never guessed: GB/T 7714
writes 佚名 / Anon (§8.1.2), APA and Chicago begin with the title, BibTeX, RIS and CSL-JSON leave
the author out; our editors are the edition's editors (``editor``, RIS ``A2``), and every format names
the repost our text is taken from, with its address.

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
class Source:
    """Where a commentary unit's words come from: the author once established (``None`` until
    then), the repost our text is taken from, and what is not established, in the page's language."""

    author: str | None
    outlet: str  # the repost's site, e.g. "NetEase News (163.com)"
    url: str  # the repost's address
    unknown: str  # e.g. "author, title and first publication not established"

    def note(self, lang: str) -> str:
        """One clause naming the source, for a note field."""
        if lang == "zh":
            return f"评论原文据{self.outlet}转载：{self.url}" + (f"；{self.unknown}" if self.unknown else "")
        return f"Commentary text as reposted by {self.outlet}: {self.url}" + (f"; {self.unknown}" if self.unknown else "")


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
    source: Source | None = None  # a commentary unit's: its author is ``source.author``, ours are its editors

    @property
    def by(self) -> str | None:
        """Who wrote the words cited: the corporate author, or a commentary's author (``None``: unknown)."""
        return self.source.author if self.source else self.author

    @property
    def editor(self) -> str | None:
        """Our editors, where the words cited are a commentary's."""
        return self.author if self.source else None

    @property
    def bib_key(self) -> str:
        return "aiap-" + self.key.replace(".", "-") + ("" if self.lang == "zh" else "-en")


def citation_of(site: Site, key: str, lang: str, title: str, url: str, updated: str, versioned_url: str | None = None,
                source: Source | None = None) -> Citation:
    return Citation(key, lang, title, site.editors(lang), site.title(lang), site.version, updated, url, versioned_url, source)


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


def _zh_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def citations(r: Citation) -> dict[str, str]:
    """The ready-to-copy citations, in ``FORMATS`` order, their access clauses marked. The exact
    locator (the versioned URL, once the edition exists) leads, the permalink beside it; APA on a
    Chinese page follows the Chinese conventions of APA 7 throughout (dates, version, retrieval)."""
    loc = r.versioned_url or r.url
    zh = r.lang == "zh"
    src = r.source
    by = r.by or ("佚名" if zh else "Anon")  # GB/T 7714-2015 §8.1.2: an unknown author
    gbt_tail = "" if src is None else f" {src.note(r.lang)}."
    tail = "" if src is None else f"{src.note(r.lang)}. "
    permalink = "" if r.versioned_url is None else (f"永久链接：{r.url}" if zh else f"Permalink: {r.url}")
    edited = (f"，{r.editor}编" if zh else f", edited by {r.editor}") if src is not None else ""
    if zh:
        version = f"（{r.version}版）"
        apa_head = f"{r.by}. ({_zh_date(r.updated)}). {r.title}{version}" if r.by else f"{r.title}{version}. ({_zh_date(r.updated)})"
        apa = f"{apa_head}. {r.container}{edited}. {tail}" + _access(f"{ACCESSED}检索，取自 ") + loc + \
            (f"（{permalink}）" if permalink else "")
    else:
        apa_head = f"{r.by}. ({_apa_date(r.updated)}). {r.title} (Version {r.version})" if r.by else \
            f"{r.title} (Version {r.version}). ({_apa_date(r.updated)})"  # APA 7: no author, the title leads
        apa = f"{apa_head}. {r.container}{edited}. {tail}" + _access(f"Retrieved {ACCESSED_LONG}, from ") + loc + \
            (f" ({permalink[0].lower()}{permalink[1:]})" if permalink else "")
    beside = f" {permalink}." if permalink else ""
    return {
        "GB/T 7714-2015": (
            f"{by}. {r.container}：{r.title}[EB/OL]. {r.version}版. ({r.updated}){_access(f'[{ACCESSED}]')}. {loc}.{beside}{gbt_tail}"
            if zh else
            f"{by}. {r.container}: {r.title}[EB/OL]. Version {r.version}. ({r.updated}){_access(f'[{ACCESSED}]')}. {loc}.{beside}{gbt_tail}"
        ),
        "APA 7": apa,
        "Chicago": (
            (f"{r.by}. " if r.by else "") + f"“{r.title}.” {r.container}{'' if src is None else f', edited by {r.editor}'}, "
            f"version {r.version}. {tail}Last modified {long_date(r.updated)}. {_access(f'Accessed {ACCESSED_LONG}. ')}{loc}.{beside}"
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


def _bib_url(value: str) -> str:
    """A BibTeX url field: taken verbatim by biblatex and the url package, so not LaTeX-escaped;
    only what would end the field (braces, a backslash) or the line is kept out (our URLs never hold them)."""
    return "".join(c for c in " ".join(value.split()) if c not in "{}\\")


def _ris(value: str) -> str:
    """A RIS field value: one line (a line break would start a tag of its own, "UR  - …" or "ER  -")."""
    return " ".join(value.split())


def bibtex(r: Citation, access: bool = False) -> str:
    lines = [
        f"@misc{{{r.bib_key},",
        *([f"  author = {{{{{_bib(r.by)}}}}},"] if r.by else []),
        *([f"  editor = {{{{{_bib(r.editor)}}}}},"] if r.editor else []),
        f"  title = {{{{{_bib(r.title)}}}}},",
        f"  howpublished = {{{_bib(r.container)}, version {_bib(r.version)}}},",
        f"  year = {{{r.updated[:4]}}},",
        f"  version = {{{_bib(r.version)}}},",
        f"  url = {{{_bib_url(r.versioned_url or r.url)}}},",
    ]
    if access:
        lines[-1] += _access(f"\n  urldate = {{{ACCESSED}}},")
    lines.append(f"  note = {{Last modified {r.updated}" + (f"; permalink {_bib(r.url)}" if r.versioned_url else "")
                 + (f"; {_bib(r.source.note(r.lang))}" if r.source else "") + "}")
    lines.append("}")
    return "\n".join(lines)


def ris(r: Citation, access: bool = False) -> str:
    lines = [
        "TY  - ELEC",
        *([f"AU  - {_ris(r.by)}"] if r.by else []),
        *([f"A2  - {_ris(r.editor)}"] if r.editor else []),  # a secondary author: the editor
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
    if r.source:
        lines.append(f"N1  - {_ris(r.source.note(r.lang))}")
    lines.append("ER  - ")
    return "\n".join(lines)


def csl(r: Citation) -> dict[str, Any]:
    """The record as a CSL-JSON item (a web page by an institution)."""
    y, m, d = (int(x) for x in r.updated.split("-"))
    item: dict[str, Any] = {
        "id": r.bib_key, "type": "webpage", "title": r.title,
        **({"author": [{"literal": r.by}]} if r.by else {}), **({"editor": [{"literal": r.editor}]} if r.editor else {}),
        "container-title": r.container, "version": r.version, "issued": {"date-parts": [[y, m, d]]},
        "URL": r.versioned_url or r.url, "language": "zh-CN" if r.lang == "zh" else "en-US",
    }
    notes = ([f"Permalink: {r.url}"] if r.versioned_url else []) + ([r.source.note(r.lang)] if r.source else [])
    if notes:
        item["note"] = "; ".join(notes)
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
