"""Every record of the plan, its translations and the commentary, declared once (pydantic v2).

Each class below is at the same time:

* the check of a data file or front matter (``filespec.validate_records`` translates pydantic's
  errors into our ``path:line: record: field: message`` problems, the lines coming from ``yamlsrc``);
* the typed, frozen record the rest of the code reads (``model`` re-exports these classes);
* the editor JSON Schema (``filespec.editor_schemas``, written to ``schemas/`` by ``actionplan schemas``).

The fields' types are ``fields``' constrained types; the record of official instruments is
declared in ``instruments``, and the export's shape in ``export_models``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, model_validator

from .fields import (
    MARKER,
    ActionId,
    AgencyId,
    Bilingual,
    Commit,
    Count,
    Date,
    GoalId,
    Id,
    Line,
    Page,
    PillarId,
    SiteDir,
    Str,
    Text,
    Title,
    Url,
    Version,
)
from .problems import Where

# -- the record base ---------------------------------------------------------------------------

class Sourced(BaseModel):
    """A frozen record that remembers the file and line it was read from (``where``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # Messages name a record "<kind> <key>" (e.g. "action I.1.2"), so a contributor reads the record
    # they must open, not a path to it; records without a kind are named by their parent.
    kind_name: ClassVar[str] = ""
    key: ClassVar[str] = "id"
    _file: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_where(cls, data: Any, handler: Callable[[Any], Any], info: ValidationInfo) -> Any:
        obj = handler(data)
        if isinstance(obj, Sourced):
            obj._file = (info.context or {}).get("file", "")
            obj._line = getattr(data, "line", 0)
            obj._lines = dict(getattr(data, "lines", {}) or {})
        return obj

    @property
    def where(self) -> Where:
        return Where(self._file, self._line)

    @property
    def lines(self) -> dict[str, int]:
        """The line of each field as written."""
        return self._lines


def footnote_refs(*texts: str) -> tuple[int, ...]:
    """Footnote numbers cited by ``[^N]`` markers, in order of first appearance."""
    seen: list[int] = []
    for text in texts:
        for m in MARKER.finditer(text):
            n = int(m.group(1))
            if n not in seen:
                seen.append(n)
    return tuple(seen)


# -- data/pillars/<ID>.yaml ---------------------------------------------------------------------

class Note(Sourced):
    """Our editorial annotation on a unit, e.g. a typo we keep as printed."""

    kind: Annotated[str, Text(enum=("as-printed", "repeated", "editorial"))]
    text: Bilingual


class Action(Sourced):
    kind_name: ClassVar[str] = "action"
    kind: ClassVar[str] = "action"
    id: ActionId
    printed_page: Page
    text: Str
    lead: tuple[Id, ...]
    lead_text: Str | None = None
    agencies: tuple[Id, ...]
    notes: tuple[Note, ...] = ()

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(self.text)


class Goal(Sourced):
    kind_name: ClassVar[str] = "goal"
    kind: ClassVar[str] = "goal"
    id: GoalId
    title: Title
    printed_page: Page
    intro: Annotated[tuple[Str, ...], Field(min_length=1)]
    actions: Annotated[tuple[Action, ...], Field(min_length=1)]
    notes: tuple[Note, ...] = ()

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


class Pillar(Sourced):
    """pillars/<ID>.yaml: one pillar with its goals and actions"""

    kind_name: ClassVar[str] = "pillar"
    kind: ClassVar[str] = "pillar"
    id: PillarId
    title: Title
    printed_page: Page
    intro: Annotated[tuple[Str, ...], Field(min_length=1)]
    goals: Annotated[tuple[Goal, ...], Field(min_length=1)]

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


# -- data/plan.yaml ----------------------------------------------------------------------------

class Signatory(Sourced):
    name: Str
    role: Str


class Intro(Sourced):
    kind: ClassVar[str] = "intro"
    id: Annotated[str, Text(enum=("intro",))]
    title: Title
    printed_page: Page
    intro: Annotated[tuple[Str, ...], Field(min_length=1)]
    signatories: tuple[Signatory, ...] = ()

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


class Epigraph(Sourced):
    text: Str
    attribution: Str
    role: Str
    printed_page: Str
    pdf_page: Page


class Counts(Sourced):
    pillars: Page
    goals: Page
    actions: Page


class PlanFile(Sourced):
    """plan.yaml: the plan's front matter and introduction"""

    title: Title
    publisher: Title
    published: Annotated[str, Text(pattern=r"[0-9]{4}-[0-9]{2}")]
    pdf_url: Url
    pdf_page_offset: Count
    counts: Counts
    epigraph: Epigraph
    intro: Intro
    pillars: Annotated[tuple[PillarId, ...], Field(min_length=1)]


# -- the other data files ----------------------------------------------------------------------

class Footnote(Sourced):
    kind_name: ClassVar[str] = "footnote"
    key: ClassVar[str] = "number"
    number: Page
    text: Str


class Agency(Sourced):
    kind_name: ClassVar[str] = "agency"
    id: AgencyId
    name: Title
    acronym: Annotated[str, Text(max_len=40)] | None = None


# An acronym as the plan prints it (matched whole-word, case-sensitively): NEPA, FAST-41, R&D.
Acronym = Annotated[str, Text(pattern=r"[A-Z][A-Za-z0-9&\-]*[A-Z0-9]", max_len=20,
                              hint="an acronym as the plan prints it (Latin capitals, digits, & or -), e.g. NEPA or FAST-41")]


class GlossaryTerm(Sourced):
    kind_name: ClassVar[str] = "term"
    key: ClassVar[str] = "en"
    en: Annotated[str, Text(max_len=200)]
    zh: Annotated[str, Text(max_len=200)]
    note: Str | None = None
    # The acronym of the term (``en``/``zh`` are then its full names): explained wherever it
    # stands on a unit page (abbr.py), and named in full at its first mention in a unit's
    # translation (validate/translations.py).
    acronym: Acronym | None = None
    # The English full name is ours: the plan prints only the acronym.
    ours: bool = False


class Summary(Sourced):
    en: Line
    zh: Line


# The ID of a record entry is its URL (record/<ID>/): lower case, digits and hyphens.
InstrumentId = Annotated[str, Text(pattern=r"[a-z0-9][a-z0-9\-]*", max_len=80,
                                   hint="an ID of lower-case letters, digits and hyphens (it is the URL record/<ID>/), e.g. eo-14318")]


class Release(Sourced):
    kind_name: ClassVar[str] = "release"
    key: ClassVar[str] = "version"
    version: Version
    date: Date
    summary: Summary
    units: tuple[Id, ...]
    # The entries of data/record.yaml this release added or changed: each is an entry of the
    # change feed, dated by the release that published it.
    record: tuple[InstrumentId, ...] = ()
    # The commit whose tree is this release, recorded when it is published (``actionplan
    # publish``): the edition under v/<version>/ is built from it, the next release diffs from it,
    # and from then on the entry is frozen (published.py).
    commit: Commit | None = None

    @property
    def summary_en(self) -> str:
        return self.summary.en

    @property
    def summary_zh(self) -> str:
        return self.summary.zh


class TranslatedSignatory(Sourced):
    role: Str


class TranslatedUnit(Sourced):
    title: Title | None = None
    intro: Annotated[tuple[Str, ...], Field(min_length=1)] | None = None
    text: Str | None = None
    role: Str | None = None
    signatories: tuple[TranslatedSignatory, ...] | None = None


class TranslationFile(Sourced):
    """translations/<lang>/*.yaml: unofficial translations by unit ID"""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, TranslatedUnit] = Field(init=False)  # type: ignore[assignment]
    agencies: dict[str, Title] | None = None


# -- data/redirects.yaml -------------------------------------------------------------------------

class Redirect(Sourced):
    """A moved URL: ``old`` (a site-relative directory URL, no longer a page) now lives at ``new``."""

    old: SiteDir
    new: SiteDir
