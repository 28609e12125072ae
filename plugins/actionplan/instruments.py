"""data/record.yaml: the official instruments since the plan, each with the units it relates to.

What an instrument must carry depends on what it is: an executive order is printed in the Federal
Register and has a number; an NSF program solicitation has a solicitation number and no Federal
Register citation; an agency's strategy may have neither. ``KINDS`` says, per kind, which of the
instrument's own identifiers are required, so that nothing is asked that such an instrument lacks
(and nothing must be invented to pass the check)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit

from pydantic import ConfigDict, Field

from .fields import AgencyId, Bilingual, Bool, Date, Id, Text, Title, Url
from .records import InstrumentId, Sourced

# -- data/record.yaml ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of instrument: whether it is printed in the Federal Register (then ``citation`` and
    ``fr_doc`` are required), and what its own ``number`` is (``number_type``; ``None``: it has none
    we require), with an example for the messages and CONTRIBUTING."""

    fr: bool
    number_type: str | None
    example: str


KINDS: dict[str, Kind] = {
    "executive order": Kind(fr=True, number_type="executive order number", example="EO 14318"),
    "memorandum": Kind(fr=False, number_type=None, example="M-25-21"),
    "rule": Kind(fr=True, number_type=None, example="91 FR 1684"),
    "proposed rule": Kind(fr=True, number_type=None, example="90 FR 12345"),
    "notice": Kind(fr=True, number_type=None, example="90 FR 46422"),
    "solicitation": Kind(fr=False, number_type="solicitation number", example="NSF 25-546"),
    "guidance": Kind(fr=False, number_type=None, example=""),
    "strategy": Kind(fr=False, number_type=None, example=""),
    "framework": Kind(fr=False, number_type=None, example=""),
    "report": Kind(fr=False, number_type=None, example="NIST AI 800-2"),
    "docket": Kind(fr=False, number_type="docket number", example="RM26-4-000"),
    "order": Kind(fr=False, number_type="order or docket number", example="Order No. 1920"),
}
INSTRUMENT_KINDS = tuple(KINDS)
# The types of an instrument's own identifier (``Instrument.reference``), as the export names them.
REFERENCE_TYPES = ("federal register", "number", *sorted({k.number_type for k in KINDS.values() if k.number_type}))
# What contributors write for a kind, and the kind it is here.
KIND_INSTEAD = (
    ("program solicitation", "kind: solicitation"), ("funding opportunity", "kind: solicitation"),
    ("notice of funding opportunity", "kind: solicitation"), ("final rule", "kind: rule"),
    ("interim final rule", "kind: rule"), ("request for information", "kind: notice"), ("rfi", "kind: notice"),
    ("proposed priority", "kind: proposed rule (the kind of a Federal Register document follows the section it is printed in)"),
    ("final priority", "kind: rule (the kind of a Federal Register document follows the section it is printed in)"), ("nprm", "kind: proposed rule"),
    ("notice of proposed rulemaking", "kind: proposed rule"), ("presidential memorandum", "kind: memorandum"),
    ("omb memorandum", "kind: memorandum"), ("plan", "kind: strategy"), ("compliance plan", "kind: strategy"),
    ("ferc order", "kind: order"), ("fcc order", "kind: order"), ("draft report", "kind: report"),
    ("proceeding", "kind: docket"), ("eo", "kind: executive order"),
)
# How an instrument relates to a unit. `orders`: its operative text directs or takes the step;
# `cites`: it names the plan or the unit, without directing the step; `related`: our judgement.
RELATIONS = ("orders", "cites", "related")
RELATION_INSTEAD = (("implements", "relation: orders (its operative text directs the step) or cites (it only names the plan)"),
                    ("implemented", "relation: orders"), ("mentions", "relation: cites"), ("names", "relation: cites"))
PLAN_DATE = "2025-07-23"  # the plan's release: the record runs from this day (background entries before it)
Citation = Annotated[str, Text(pattern=r"[1-9][0-9]{0,2} FR [1-9][0-9]{0,5}", max_len=20,
                               hint="a Federal Register citation: volume, FR, first page, e.g. 90 FR 35385 (an instrument's own "
                                    "number, such as NSF 25-546 or RM26-4-000, goes in number; one not printed in the Federal "
                                    "Register has no citation: leave the field out)")]
FrDoc = Annotated[str, Text(pattern=r"[0-9]{4}-[0-9]{5}", max_len=10, hint="an FR document number such as 2025-14212")]
Evidence = Annotated[str, Text(max_len=600)]
Section = Annotated[str, Text(max_len=80, one_line=True)]


def hosts_of(record: Iterable[Instrument]) -> list[str]:
    """The hosts whose official texts the record was read on (``www.`` dropped), in order."""
    return sorted({(urlsplit(i.url).hostname or "").removeprefix("www.") for i in record})


class UnitLink(Sourced):
    """One plan unit an instrument relates to: how (``relation``), in whose words (``evidence``) and
    where in the instrument those words are (``section``, as printed)."""

    kind_name: ClassVar[str] = ""
    unit: Id
    relation: Annotated[str, Text(enum=RELATIONS, instead=RELATION_INSTEAD)]
    evidence: Evidence
    section: Section | None = None


def _per_kind(schema: dict[str, Any]) -> None:
    """The editor schema says per kind what is required, as ``validate.record`` checks it."""
    rules: list[dict[str, Any]] = []
    for name, k in KINDS.items():
        need = (["citation", "fr_doc"] if k.fr else []) + (["number"] if k.number_type else [])
        if need:
            rules.append({"if": {"properties": {"kind": {"const": name}}, "required": ["kind"]}, "then": {"required": need}})
    schema["allOf"] = rules


class Instrument(Sourced):
    """record.yaml: one official instrument since the plan (an order, a rule, a notice, a solicitation,
    a strategy…); what it must carry depends on its kind (see CONTRIBUTING, "The record")"""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_per_kind)  # Sourced's, and the per-kind rules
    kind_name: ClassVar[str] = "instrument"
    id: InstrumentId
    kind: Annotated[str, Text(enum=INSTRUMENT_KINDS, instead=KIND_INSTEAD)]
    number: Annotated[str, Text(max_len=60, one_line=True)] | None = None
    fr_doc: FrDoc | None = None
    title: Title
    title_zh: Title | None = None
    issuer: AgencyId
    signed: Date | None = None
    published: Date
    citation: Citation | None = None
    url: Url
    background: Bool = False
    note: Bilingual | None = None
    units: Annotated[tuple[UnitLink, ...], Field(min_length=1)]

    @property
    def reference(self) -> tuple[str, str] | None:
        """The instrument's own identifier, typed: ("federal register", "91 FR 1684"), ("solicitation
        number", "NSF 25-546")…; ``None`` for one cited by title, issuer and address alone."""
        if self.citation:
            return ("federal register", self.citation)
        if self.number:
            return (KINDS[self.kind].number_type or "number", self.number)
        return None

    @property
    def designation(self) -> str:
        """What the lists call it in one short phrase: its number, its FR document, or its title."""
        return self.number or (f"FR Doc. {self.fr_doc}" if self.fr_doc else self.title)
