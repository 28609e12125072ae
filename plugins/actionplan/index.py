"""Lookups and reverse links built once from the validated model.

Rendering asks "who leads this?", "what critiques this?", "what comes next?" hundreds of times;
answering from precomputed maps keeps the build linear in the size of the plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .model import Action, Agency, CommentaryUnit, Footnote, Goal, Instrument, Intro, Pillar, Plan, UnitLink

Unit = Intro | Pillar | Goal | Action


@dataclass
class Index:
    plan: Plan
    units: dict[str, Unit] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    parent: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    leads: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    footnotes: dict[int, Footnote] = field(default_factory=dict)
    cited_by: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    critiques: dict[str, CommentaryUnit] = field(default_factory=dict)
    critiques_of: dict[str, list[CommentaryUnit]] = field(default_factory=lambda: defaultdict(list))
    instruments: dict[str, Instrument] = field(default_factory=dict)
    # unit ID -> (instrument, its link to the unit), newest first: the unit's "Since the plan"
    record_of: dict[str, list[tuple[Instrument, UnitLink]]] = field(default_factory=lambda: defaultdict(list))

    @cached_property
    def position(self) -> dict[str, int]:
        """Each unit's place in ``order`` (complete once ``build`` returns); ``order.index`` per
        page made a build quadratic in the number of units."""
        return {uid: i for i, uid in enumerate(self.order)}

    def prev(self, uid: str) -> str | None:
        i = self.position[uid]
        return self.order[i - 1] if i > 0 else None

    def next(self, uid: str) -> str | None:
        i = self.position[uid]
        return self.order[i + 1] if i + 1 < len(self.order) else None

    def ancestors(self, uid: str) -> list[str]:
        out = []
        while uid in self.parent:
            uid = self.parent[uid]
            out.append(uid)
        return list(reversed(out))

    def descendants(self, uid: str) -> list[str]:
        out: list[str] = []
        for c in self.children.get(uid, []):
            out.append(c)
            out.extend(self.descendants(c))
        return out

    def instruments_below(self, uid: str) -> int:
        """How many instruments relate to the units below ``uid`` (not to ``uid`` itself)."""
        return len({i.id for d in self.descendants(uid) for i, _ in self.record_of.get(d, [])})

    def critique_count_below(self, uid: str) -> int:
        return len({c.id for d in self.descendants(uid) for c in self.critiques_of.get(d, [])})


def build(plan: Plan) -> Index:
    ix = Index(plan)
    ix.agencies = {a.id: a for a in plan.agencies}
    ix.footnotes = {f.number: f for f in plan.footnotes}
    ix.units["intro"] = plan.intro
    ix.order.append("intro")
    for n in plan.intro.footnotes:
        ix.cited_by[n].append("intro")
    for p in plan.pillars:
        ix.units[p.id] = p
        ix.order.append(p.id)
        ix.children[p.id] = [g.id for g in p.goals]
        for n in p.footnotes:
            ix.cited_by[n].append(p.id)
        for g in p.goals:
            ix.units[g.id] = g
            ix.order.append(g.id)
            ix.parent[g.id] = p.id
            ix.children[g.id] = [a.id for a in g.actions]
            for n in g.footnotes:
                ix.cited_by[n].append(g.id)
            for a in g.actions:
                ix.units[a.id] = a
                ix.order.append(a.id)
                ix.parent[a.id] = g.id
                for n in a.footnotes:
                    ix.cited_by[n].append(a.id)
                for aid in a.lead:
                    ix.leads[aid].append(a.id)
                for aid in a.agencies:
                    ix.names[aid].append(a.id)
    for c in plan.critiques:
        ix.critiques[c.id] = c
        for t in c.targets:
            ix.critiques_of[t].append(c)
    for inst in newest_first(plan.record):
        ix.instruments[inst.id] = inst
        for link in inst.units:
            ix.record_of[link.unit].append((inst, link))
    return ix


def newest_first(record: tuple[Instrument, ...]) -> list[Instrument]:
    """Instruments by publication date, newest first (then by date signed, then by ID, for a stable order)."""
    return sorted(record, key=lambda i: (i.published, i.signed or "", i.id), reverse=True)
