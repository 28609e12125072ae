"""The record as the pages show it (instruments, their units and relations, the coverage), in one
language: the views the record's own pages, the unit, critique and agency pages and the home page share."""

from __future__ import annotations

from typing import Any

from . import paths
from .instruments import RELATIONS
from .model import PRESIDENT, Instrument
from .render import Renderer


def issuer_name(r: Renderer, issuer: str) -> str:
    if issuer == PRESIDENT:
        return r.L["issuer_President"]
    zh = r.agency_zh(issuer) if r.lang == "zh" else None
    return zh or r.ix.agencies[issuer].name


def instrument_view(r: Renderer, i: Instrument, from_src: str) -> dict[str, Any]:
    """An instrument as the templates show it: title as printed (English) and, in Chinese, our
    unofficial translation beside it when we have one."""
    refs = [x for x in (i.number, i.citation) if x]  # its own identifiers, as printed (a strategy may have none)
    return {"i": i, "link": paths.rel_md(from_src, paths.instrument(i.id)), "kind": r.L[f"rkind_{i.kind}"],
            "issuer": issuer_name(r, i.issuer), "title_zh": i.title_zh if r.lang == "zh" else None, "refs": refs,
            "relations": " ".join(rel for rel in RELATIONS if any(link.relation == rel for link in i.units))}


def instrument_entry(r: Renderer, i: Instrument, from_src: str) -> dict[str, Any]:
    """An instrument as a list shows it (the timeline, an agency's page): with the pillars it
    bears on and each unit it relates to, linked, with the relation."""
    pillars = sorted({link.unit.split(".")[0] for link in i.units if link.unit != "intro"}, key=("I", "II", "III").index)
    return {**instrument_view(r, i, from_src), "pillars": " ".join(pillars),
            "units": [(link.unit, r.link(from_src, link.unit), r.L[f"rel_{link.relation}"]) for link in i.units]}


def record_views(r: Renderer, uid: str, from_src: str) -> list[dict[str, Any]]:
    """The instruments related to ``uid``, newest first, each with its relation and evidence."""
    return [{**instrument_view(r, i, from_src), "relation": link.relation, "rel_label": r.L[f"rel_{link.relation}"],
             "evidence": link.evidence, "section": link.section} for i, link in r.ix.record_of.get(uid, [])]


def record_coverage(r: Renderer) -> list[dict[str, Any]]:
    """Per pillar: its actions, and for each relation those with an instrument since the plan that
    relates to them so (an action may count under more than one relation)."""
    rows = []
    for p in r.plan.pillars:
        actions = [a.id for a in r.plan.actions(p.id)]

        def having(relation: str, actions: list[str] = actions) -> int:
            return sum(1 for a in actions if any(link.relation == relation and not i.background
                                                 for i, link in r.ix.record_of.get(a, [])))

        rows.append({"id": p.id, "label": r.label(p.id), "link": r.link(paths.HOME, p.id), "actions": len(actions),
                     **{rel: having(rel) for rel in RELATIONS}})
    return rows
