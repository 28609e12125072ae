"""The declared shape of ``export/plan.json``: the ``*Out`` records, whose fields reuse the data's
constrained types, and ``export_schema`` (published as ``export/plan.schema.json``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .fields import CRITIQUE_KINDS, ActionId, AgencyId, Bilingual, CritiqueId, GoalId, Page, PillarId, Text, Url, Version
from .filespec import clean_schema
from .instruments import INSTRUMENT_KINDS, REFERENCE_TYPES, RELATIONS
from .provenance import CommentarySource
from .records import InstrumentId

# -- export/plan.json ---------------------------------------------------------------------------

class Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


PageUrl = Annotated[str, Field(pattern=r"^(?:[^/].*/)?$")]
AnyText = str  # exported text may hold what the sources hold; its constraints are the input's


class TextEn(Out):
    en: AnyText
    zh: str | None


class TextZh(Out):
    zh: AnyText
    en: str | None


class ParasEn(Out):
    en: Annotated[tuple[AnyText, ...], Field(min_length=1)]
    zh: tuple[str, ...] | None


class UnitOut(Out):
    url: PageUrl
    url_en: PageUrl
    printed_page: Page
    pdf_page: Page
    footnotes: tuple[Page, ...]


class NoteOut(Out):
    kind: Annotated[str, Text(enum=("as-printed", "repeated", "editorial"))]
    text: Bilingual  # our note, in both languages


class ActionOut(UnitOut):
    id: ActionId
    text: TextEn
    lead: tuple[AgencyId, ...]
    lead_text: str | None
    agencies: tuple[AgencyId, ...]
    notes: tuple[NoteOut, ...]


class GoalOut(UnitOut):
    id: GoalId
    title: TextEn
    intro: ParasEn
    actions: Annotated[tuple[ActionOut, ...], Field(min_length=1)]


class PillarOut(UnitOut):
    id: PillarId
    title: TextEn
    intro: ParasEn
    goals: Annotated[tuple[GoalOut, ...], Field(min_length=1)]


class IntroOut(UnitOut):
    id: Literal["intro"]
    title: TextEn
    intro: ParasEn


class AgencyOut(Out):
    id: AgencyId
    name: TextEn
    acronym: str | None
    url: PageUrl
    leads: tuple[str, ...]
    named_in: tuple[str, ...]


class FootnoteOut(Out):
    number: Page
    text: AnyText
    cited_by: tuple[str, ...]


class CritiqueOut(Out):
    id: CritiqueId
    kind: Annotated[str, Text(enum=CRITIQUE_KINDS)]
    text: TextZh
    targets: Annotated[tuple[str, ...], Field(min_length=1)]
    url: PageUrl
    url_en: PageUrl
    position: Page
    paragraph: Page
    editorial: Bilingual | None  # our note, in both languages


class ClaimOut(Out):
    id: str
    critique: CritiqueId
    quote: str
    metric: Annotated[str, Text(enum=("pillars", "goals", "actions"))]
    scope: str
    expected: int
    computed: int | None
    holds: bool


class RecordUnitOut(Out):
    unit: str
    relation: Annotated[str, Text(enum=RELATIONS), Field(description=(
        "orders: the instrument's operative text (not its preamble) directs or takes the step the unit describes, "
        "in the sentence quoted; it says what was ordered, not what has happened since. cites: the quoted sentence names "
        "the plan, but the operative text does not direct the step. related: the editors' judgement that it bears on the unit."))]
    evidence: AnyText
    section: str | None  # where in the instrument the evidence is, as printed


class ReferenceOut(Out):
    """The instrument's own identifier, typed: a Federal Register citation, or its own number."""

    type: Annotated[str, Text(enum=REFERENCE_TYPES)]
    value: str


class RecordOut(Out):
    """One entry of data/record.yaml: an official instrument and the plan units it relates to."""

    id: InstrumentId
    kind: Annotated[str, Text(enum=INSTRUMENT_KINDS)]
    number: str | None
    fr_doc: str | None
    title: TextEn
    issuer: AgencyId
    signed: str | None
    published: str
    citation: str | None  # the Federal Register citation, for an instrument printed there
    reference: ReferenceOut | None  # None: cited by title, issuer, date and address alone
    source_url: Url
    background: bool
    note: Bilingual | None  # our note, in both languages
    url: PageUrl
    url_en: PageUrl
    units: Annotated[tuple[RecordUnitOut, ...], Field(min_length=1)]


# 2.0: our notes {en, zh}; commentary_source. 3.0: the record's relations are orders / cites / related
# (implements is gone), number and citation may be null (kinds without them), reference, section.
EXPORT_SCHEMA_VERSION = "3.0"


class PlanOut(Out):
    """America's AI Action Plan, annotated: export/plan.json"""

    model_config = ConfigDict(extra="forbid", frozen=True, title="America's AI Action Plan, annotated: export/plan.json")
    schema_version: Literal["3.0"]
    dataset_version: Version
    title: str
    publisher: str
    published: str
    source_pdf: Url
    site_url: str
    licence: str
    commentary_source: CommentarySource  # where the commentary comes from; null: not established
    intro: IntroOut
    pillars: Annotated[tuple[PillarOut, ...], Field(min_length=1)]
    agencies: tuple[AgencyOut, ...]
    footnotes: tuple[FootnoteOut, ...]
    critiques: tuple[CritiqueOut, ...]
    claims: tuple[ClaimOut, ...]
    record: tuple[RecordOut, ...]


def export_schema() -> dict[str, Any]:
    """JSON Schema of ``export/plan.json`` (published beside it as ``export/plan.schema.json``)."""
    body = clean_schema(PlanOut.model_json_schema())
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "America's AI Action Plan, annotated: export/plan.json", **body}
