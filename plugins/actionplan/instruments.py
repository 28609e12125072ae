"""data/record.yaml: the official instruments since the plan, each with the units it relates to."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from .fields import AgencyId, Bilingual, Bool, Date, Id, Text, Title, Url
from .records import InstrumentId, Sourced

# -- data/record.yaml ----------------------------------------------------------------------------

INSTRUMENT_KINDS = ("executive order", "memorandum", "notice", "rule", "report")
RELATIONS = ("implements", "related")
PLAN_DATE = "2025-07-23"  # the plan's release: the record runs from this day (background entries before it)
Citation = Annotated[str, Text(pattern=r"[1-9][0-9]{0,2} FR [1-9][0-9]{0,5}", max_len=20,
                               hint="a Federal Register citation: volume, FR, first page, e.g. 90 FR 35385")]
FrDoc = Annotated[str, Text(pattern=r"[0-9]{4}-[0-9]{5}", max_len=10, hint="an FR document number such as 2025-14212")]
Evidence = Annotated[str, Text(max_len=600)]


class UnitLink(Sourced):
    """One plan unit an instrument relates to: how (``relation``) and in whose words (``evidence``)."""

    kind_name: ClassVar[str] = ""
    unit: Id
    relation: Annotated[str, Text(enum=RELATIONS)]
    evidence: Evidence


class Instrument(Sourced):
    """record.yaml: one official instrument (order, memorandum, notice, rule, report) since the plan"""

    kind_name: ClassVar[str] = "instrument"
    id: InstrumentId
    kind: Annotated[str, Text(enum=INSTRUMENT_KINDS)]
    number: Annotated[str, Text(max_len=60, one_line=True)]
    fr_doc: FrDoc | None = None
    title: Title
    title_zh: Title | None = None
    issuer: AgencyId
    signed: Date | None
    published: Date
    citation: Citation
    url: Url
    background: Bool = False
    note: Bilingual | None = None
    units: Annotated[tuple[UnitLink, ...], Field(min_length=1)]
