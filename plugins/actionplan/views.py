"""What a template receives, as typed records: mypy checks each page's side of the contract.

A view is a frozen dataclass whose fields are the names its template reads. ``context`` hands the
fields to Jinja as they are (a nested view's fields are spread beside its owner's, since the
templates read them unqualified), so a field renamed or mistyped here fails ``mypy --strict``, and a
name a template reads but no view gives fails the build (the environment's ``StrictUndefined``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from .cite import Citation
from .index import Unit
from .model import Footnote, Note, Signatory

Link = tuple[str, str]  # (label, relative link)


def context(view: Any) -> dict[str, Any]:
    """The view's fields by name, a nested view's spread in place (not deep-copied, not converted)."""
    out: dict[str, Any] = {}
    for f in fields(view):
        value = getattr(view, f.name)
        if is_dataclass(value) and not isinstance(value, type) and getattr(value, "spread", False):
            out.update(context(value))
        else:
            out[f.name] = value
    return out


@dataclass(frozen=True)
class CitationView:
    """The cite-this panel of a unit's page, its downloads and its head metadata."""

    spread = True  # its fields sit beside the page's own in the template

    cites: list[tuple[str, str]]  # (format, citation), in the order shown
    cite_first: str  # the format shown first in this language
    updated: str  # the date of the release that last changed the unit
    version: str  # that release
    head: dict[str, Any]  # what the theme override prints into the head (render.Renderer.head)
    site_version: str  # this edition's version
    downloads: list[tuple[str, str, str]]  # (extension, link, file name)
    cite_record: Citation
    this_version: str  # the page's URL in this release's frozen edition
    this_version_live: bool  # whether that edition is published
    pin_example: str
    pin_label: str
    pin_anchor: str


@dataclass(frozen=True)
class UnitView:
    """``unit.md.j2``: one unit of the plan (the introduction, a pillar, a goal or an action)."""

    u: Unit
    uid: str
    label: str
    crumbs: list[Link]  # the unit's ancestors, outermost first
    orig: list[str]  # the official paragraphs (an action: its one text)
    trans: list[str] | None  # our translation of them, paragraph for paragraph
    title_en: str | None
    title_zh: str | None
    children: list[dict[str, Any]]
    is_action: bool
    siblings: list[dict[str, Any]]
    siblings_label: str
    prev: Link | None
    next: Link | None
    lead: list[dict[str, str]]
    named: list[dict[str, str]]
    lead_text: str | None
    footnotes: list[Footnote]
    pdf_page: int
    pdf_url: str
    critiques: list[dict[str, Any]]
    record: list[dict[str, Any]]  # the official instruments related to the unit
    record_below: int  # instruments related to the units below it
    timeline: str
    below: int  # commentary units attached below it
    notes: list[Note]
    source: str | None  # "view source" link of the data, where the repository is known
    signatories: tuple[Signatory, ...]
    sig_roles: Any  # the translated signatories' roles
    footnotes_src: str
    children_label: str
    official: list[tuple[str, str]]  # the official plan's citation at this point, per format
    pins: list[str]  # the paragraph anchors (¶ links)
    compare_link: str  # the compare page, on the unit's newest change where there is one to show
    changed_in: str | None  # "Changed in 1.1.0", where both editions of that change exist
    search: dict[str, str]  # what the search index records of the page
    cit: CitationView
    goal: tuple[str, str, str] | None = None  # an action's goal: its label, title and link
