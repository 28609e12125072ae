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

import re
from collections.abc import Callable
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, model_validator

from .fields import (
    CRITIQUE_KINDS,
    ID_RE,
    ActionId,
    AgencyId,
    Bool,
    Count,
    CritiqueId,
    Date,
    GoalId,
    Id,
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

class Record(BaseModel):
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
        if isinstance(obj, Record):
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


_MARKER = re.compile(r"\[\^(\d+)\]")


def footnote_refs(*texts: str) -> tuple[int, ...]:
    """Footnote numbers cited by ``[^N]`` markers, in order of first appearance."""
    seen: list[int] = []
    for text in texts:
        for m in _MARKER.finditer(text):
            n = int(m.group(1))
            if n not in seen:
                seen.append(n)
    return tuple(seen)


# -- data/pillars/<ID>.yaml ---------------------------------------------------------------------

class Note(Record):
    """Our editorial annotation on a unit, e.g. a typo we keep as printed."""

    kind: Annotated[str, Text(enum=("as-printed", "repeated", "editorial"))]
    text: Str


class Action(Record):
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


class Goal(Record):
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


class Pillar(Record):
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

class Signatory(Record):
    name: Str
    role: Str


class Intro(Record):
    kind: ClassVar[str] = "intro"
    id: Annotated[str, Text(enum=("intro",))]
    title: Title
    printed_page: Page
    intro: Annotated[tuple[Str, ...], Field(min_length=1)]
    signatories: tuple[Signatory, ...] = ()

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


class Epigraph(Record):
    text: Str
    attribution: Str
    role: Str
    printed_page: Str
    pdf_page: Page


class Counts(Record):
    pillars: Page
    goals: Page
    actions: Page


class PlanFile(Record):
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

class Footnote(Record):
    kind_name: ClassVar[str] = "footnote"
    key: ClassVar[str] = "number"
    number: Page
    text: Str


class Agency(Record):
    kind_name: ClassVar[str] = "agency"
    id: AgencyId
    name: Title
    acronym: Annotated[str, Text(max_len=40)] | None = None


class GlossaryTerm(Record):
    kind_name: ClassVar[str] = "term"
    key: ClassVar[str] = "en"
    en: Annotated[str, Text(max_len=200)]
    zh: Annotated[str, Text(max_len=200)]
    note: Str | None = None


class Summary(Record):
    en: Str
    zh: Str


# The ID of a record entry is its URL (record/<ID>/): lower case, digits and hyphens.
InstrumentId = Annotated[str, Text(pattern=r"[a-z0-9][a-z0-9\-]*", max_len=80,
                                   hint="an ID of lower-case letters, digits and hyphens (it is the URL record/<ID>/), e.g. eo-14318")]


class Release(Record):
    kind_name: ClassVar[str] = "release"
    key: ClassVar[str] = "version"
    version: Version
    date: Date
    summary: Summary
    units: tuple[Id, ...]
    # The entries of data/record.yaml this release added or changed: each is an entry of the
    # change feed, dated by the release that published it.
    record: tuple[InstrumentId, ...] = ()

    @property
    def summary_en(self) -> str:
        return self.summary.en

    @property
    def summary_zh(self) -> str:
        return self.summary.zh


class TranslatedSignatory(Record):
    role: Str


class TranslatedUnit(Record):
    title: Title | None = None
    intro: Annotated[tuple[Str, ...], Field(min_length=1)] | None = None
    text: Str | None = None
    role: Str | None = None
    signatories: tuple[TranslatedSignatory, ...] | None = None


class TranslationFile(Record):
    """translations/<lang>/*.yaml: unofficial translations by unit ID"""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, TranslatedUnit] = Field(init=False)  # type: ignore[assignment]
    agencies: dict[str, Title] | None = None


# -- content/commentary/<ID>.md front matter ---------------------------------------------------

class Claim(Record):
    """A figure the commentary states about the plan, checked against the data at build time."""

    kind_name: ClassVar[str] = "claim"
    id: Annotated[str, Text(pattern=ID_RE, max_len=60)]
    quote: Annotated[str, Text(max_len=200)]
    metric: Annotated[str, Text(enum=("pillars", "goals", "actions"))]
    scope: Annotated[str, Text(enum=("plan", "I", "II", "III"))]
    expected: Count
    holds: Bool = True


class Critique(Record):
    """front matter of a commentary unit (content/commentary/<ID>.md); its body is ``text``"""

    kind_name: ClassVar[str] = "critique"
    id: CritiqueId
    kind: Annotated[str, Text(enum=CRITIQUE_KINDS)]
    position: Page
    paragraph: Page
    targets: Annotated[tuple[Id, ...], Field(min_length=1)]
    en: Str | None = None
    editorial: Str | None = None
    claims: tuple[Claim, ...] = ()
    _text: str = PrivateAttr(default="")

    @property
    def text(self) -> str:
        """The commentary's words (the file's body), verbatim."""
        return self._text

    def with_body(self, text: str, body_line: int | None = None) -> Critique:
        """A copy of this unit with ``text`` as its body (which starts at ``body_line``)."""
        copy = self.model_copy()
        copy._text = text
        copy._lines = {**self._lines, "body": self._lines.get("body", 0) if body_line is None else body_line}
        copy._file, copy._line = self._file, self._line
        return copy


# -- data/redirects.yaml -------------------------------------------------------------------------

class Redirect(Record):
    """A moved URL: ``old`` (a site-relative directory URL, no longer a page) now lives at ``new``."""

    old: SiteDir
    new: SiteDir
