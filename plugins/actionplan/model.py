"""Typed, frozen records of the plan and the commentary.

Every record carries a ``Where`` so that any later check can point a contributor at the exact
file and line that produced it, long after the YAML has been parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Where:
    """A position in a source file; ``line`` is 1-based, 0 when unknown."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Note:
    """Our editorial annotation on a unit, e.g. a typo we keep as printed."""

    kind: str
    text: str


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    where: Where


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    acronym: str | None
    where: Where


@dataclass(frozen=True)
class Action:
    id: str
    printed_page: int
    text: str
    lead: tuple[str, ...]
    lead_text: str | None
    agencies: tuple[str, ...]
    notes: tuple[Note, ...]
    where: Where
    kind: str = "action"

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(self.text)


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    printed_page: int
    intro: tuple[str, ...]
    actions: tuple[Action, ...]
    notes: tuple[Note, ...]
    where: Where
    kind: str = "goal"

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


@dataclass(frozen=True)
class Pillar:
    id: str
    title: str
    printed_page: int
    intro: tuple[str, ...]
    goals: tuple[Goal, ...]
    where: Where
    kind: str = "pillar"

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str


@dataclass(frozen=True)
class Intro:
    id: str
    title: str
    printed_page: int
    intro: tuple[str, ...]
    signatories: tuple[Signatory, ...]
    where: Where
    kind: str = "intro"

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


@dataclass(frozen=True)
class Epigraph:
    text: str
    attribution: str
    role: str
    printed_page: str
    pdf_page: int


@dataclass(frozen=True)
class Claim:
    """A figure the commentary states about the plan, checked against the data at build time."""

    id: str
    quote: str
    metric: str
    scope: str
    expected: int
    holds: bool
    where: Where


@dataclass(frozen=True)
class Critique:
    id: str
    kind: str
    position: int
    paragraph: int
    targets: tuple[str, ...]
    text: str
    en: str | None
    editorial: str | None
    claims: tuple[Claim, ...]
    where: Where
    lines: dict[str, int] = field(default_factory=dict)  # line of each front-matter field


@dataclass(frozen=True)
class GlossaryTerm:
    en: str
    zh: str
    note: str | None
    where: Where


@dataclass(frozen=True)
class Translation:
    """Our unofficial translation of one unit's text fields (keys as in the original)."""

    unit: str
    fields: dict[str, str | tuple[str, ...]]
    where: Where
    lines: dict[str, int] = field(default_factory=dict)  # line of each field (agencies: of each agency)


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    summary_en: str
    summary_zh: str
    units: tuple[str, ...]
    where: Where


@dataclass(frozen=True)
class Plan:
    title: str
    publisher: str
    published: str
    pdf_url: str
    pdf_page_offset: int
    counts: dict[str, int]
    epigraph: Epigraph
    intro: Intro
    pillars: tuple[Pillar, ...]
    footnotes: tuple[Footnote, ...]
    agencies: tuple[Agency, ...]
    glossary: tuple[GlossaryTerm, ...] = ()
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)
    critiques: tuple[Critique, ...] = ()
    releases: tuple[Release, ...] = ()
    data_dir: str = "data"  # as shown in messages, relative to the site root
    source: Where = Where("data/plan.yaml")
    lines: dict[str, int] = field(default_factory=dict)  # plan.yaml: line of each key, and "counts.<what>"
    # Translation entries that failed the schema: not reported again as "missing".
    broken_translations: tuple[str, ...] = ()
    # Pillars named in plan.yaml whose file could not be loaded: checks that would only echo that
    # failure (order, counts, references into the pillar) are skipped, so one slip is one problem.
    missing_pillars: tuple[str, ...] = ()

    def pdf_page(self, printed_page: int) -> int:
        return printed_page + self.pdf_page_offset


def footnote_refs(*texts: str) -> tuple[int, ...]:
    """Footnote numbers cited by ``[^N]`` markers, in order of first appearance."""
    import re

    seen: list[int] = []
    for text in texts:
        for m in re.finditer(r"\[\^(\d+)\]", text):
            n = int(m.group(1))
            if n not in seen:
                seen.append(n)
    return tuple(seen)
