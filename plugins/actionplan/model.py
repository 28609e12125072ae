"""Typed, frozen records of the plan and the commentary.

The records of each file are declared once, in ``records`` (pydantic), and re-exported here; this
module adds only the aggregates built from several files (``Plan``, ``Translation``). Every record
carries a ``Where`` so that any later check can point a contributor at the exact file and line that
produced it, long after the YAML has been parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .commentary import Claim, CommentaryUnit
from .instruments import Instrument, UnitLink
from .problems import Where
from .provenance import CommentarySource, Repost
from .records import (
    Action,
    Agency,
    Epigraph,
    Footnote,
    GlossaryTerm,
    Goal,
    Intro,
    Note,
    Pillar,
    Redirect,
    Release,
    Signatory,
    footnote_refs,
)

# The issuer of presidential documents (executive orders, memoranda) in data/record.yaml: every
# other issuer is an agency of data/agencies.yaml.
PRESIDENT = "President"

__all__ = [
    "PRESIDENT",
    "Action",
    "Agency",
    "Claim",
    "CommentarySource",
    "CommentaryUnit",
    "Epigraph",
    "Footnote",
    "GlossaryTerm",
    "Goal",
    "Instrument",
    "Intro",
    "Note",
    "Pillar",
    "Plan",
    "Redirect",
    "Release",
    "Repost",
    "Signatory",
    "Translation",
    "UnitLink",
    "Where",
    "footnote_refs",
]


@dataclass(frozen=True)
class Translation:
    """Our unofficial translation of one unit's text fields (keys as in the original)."""

    unit: str
    fields: dict[str, str | tuple[str, ...]]
    where: Where
    lines: dict[str, int] = field(default_factory=dict)  # line of each field (agencies: of each agency)


@dataclass(frozen=True)
class Plan:
    """The whole edition: plan.yaml's fields (``records.PlanFile``) with everything it names."""

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
    critiques: tuple[CommentaryUnit, ...] = ()
    releases: tuple[Release, ...] = ()  # data/changelog.yaml, newest first (at least one)
    redirects: tuple[Redirect, ...] = ()  # data/redirects.yaml, in file order
    record: tuple[Instrument, ...] = ()  # data/record.yaml, in file order
    commentary_source: CommentarySource | None = None  # data/commentary.yaml: the commentary's provenance
    data_dir: str = "data"  # as shown in messages, relative to the site root
    source: Where = Where("data/plan.yaml")  # noqa: RUF009 - a frozen value
    lines: dict[str, int] = field(default_factory=dict)  # plan.yaml: line of each key, and "counts.<what>"
    # Translation entries that failed the schema: not reported again as "missing".
    broken_translations: tuple[str, ...] = ()
    # Pillars named in plan.yaml whose file could not be loaded: checks that would only echo that
    # failure (order, counts, references into the pillar) are skipped, so one slip is one problem.
    missing_pillars: tuple[str, ...] = ()
    # Whether data/record.yaml was read whole; where it was not, releases' references into it are
    # not checked (its own problems are reported, and an "unknown instrument" would only echo them).
    record_whole: bool = True

    @property
    def version(self) -> str:
        """The edition's version: the newest release in data/changelog.yaml (its one home)."""
        return self.releases[0].version if self.releases else "0.0.0"

    @property
    def date(self) -> str:
        """The date of the newest release."""
        return self.releases[0].date if self.releases else ""

    def pdf_page(self, printed_page: int) -> int:
        return printed_page + self.pdf_page_offset

    # -- the plan's tree: walked here, and nowhere else ------------------------------------

    def goals(self, pillar: str | None = None) -> Iterator[Goal]:
        """Every goal in reading order (of one pillar, given its ID)."""
        for p in self.pillars:
            if pillar is None or p.id == pillar:
                yield from p.goals

    def actions(self, pillar: str | None = None) -> Iterator[Action]:
        """Every recommended policy action in reading order (of one pillar, given its ID)."""
        for g in self.goals(pillar):
            yield from g.actions

    def units(self) -> Iterator[Intro | Pillar | Goal | Action]:
        """Every citable unit of the plan in reading order: the introduction, then each pillar
        followed by its goals, each goal followed by its actions."""
        yield self.intro
        for p in self.pillars:
            yield p
            for g in p.goals:
                yield g
                yield from g.actions

    def unit_ids(self) -> list[str]:
        """The IDs of ``units()``, in the same order."""
        return [u.id for u in self.units()]

    def count(self, metric: str, scope: str = "plan") -> int | None:
        """How many ``pillars``, ``goals`` or ``actions`` the plan (``scope`` "plan") or one pillar
        (its ID) holds; ``None`` for a scope that names no pillar. Commentary claims are checked
        against this, and pages print it."""
        pillars = [p for p in self.pillars if scope in ("plan", p.id)]
        if not pillars:
            return None
        if metric == "pillars":
            return len(pillars)
        if metric == "goals":
            return sum(len(p.goals) for p in pillars)
        return sum(len(g.actions) for p in pillars for g in p.goals)

    def texts(self) -> dict[str, dict[str, object]]:
        """The translatable fields of every unit, keyed as in translation files."""
        out: dict[str, dict[str, object]] = {
            "plan": {"title": self.title},
            "epigraph": {"text": self.epigraph.text, "role": self.epigraph.role},
            "intro": {"title": self.intro.title, "intro": self.intro.intro,
                      "signatories": tuple(s.role for s in self.intro.signatories)},
            "agencies": {a.id: a.name for a in self.agencies},
        }
        for u in self.units():
            if isinstance(u, Action):
                out[u.id] = {"text": u.text}
            elif not isinstance(u, Intro):
                out[u.id] = {"title": u.title, "intro": u.intro}
        return out

    def counts_found(self) -> dict[str, int]:
        """The plan's pillars, goals and actions as the data holds them."""
        return {m: self.count(m) or 0 for m in ("pillars", "goals", "actions")}
