"""The record of official instruments since the plan: the timeline and one page per instrument."""

from __future__ import annotations

from .. import paths, record_views, text
from ..index import newest_first
from ..instruments import INSTRUMENT_KINDS, PLAN_DATE, hosts_of
from ..model import PRESIDENT, Instrument, Where
from ..render import Renderer
from ..templating import Page


def instrument_page(r: Renderer, i: Instrument) -> Page:
    src = paths.instrument(i.id)
    units = [{**r.target_view(src, link.unit), "relation": link.relation, "rel_label": r.L[f"rel_{link.relation}"],
              "evidence": link.evidence, "section": link.section} for link in i.units]
    shown = (i.title_zh if r.lang == "zh" else None) or i.title  # our Chinese title on Chinese pages, where we have one
    title = f"{i.number} · {text.excerpt(shown, 60)}" if i.number else text.excerpt(shown, 80)
    meta = {"title": title, "instrument": i.id,
            "description": ", ".join(x for x in (i.number, i.title, i.citation) if x) + f" ({i.published})"}
    ref = i.reference
    return r.page("instrument.md.j2", src, i.where, meta, v=record_views.instrument_view(r, i, src), i=i, units=units,
                  ref=ref[1] if ref else None, ref_type=r.L[f"idtype_{ref[0]}"] if ref else None, total=len(r.plan.record),
                     index=paths.rel_md(src, paths.RECORD),
                     search={"uid": i.id, "kind": "record", "pillar": "", "title": f"{i.number or ''} {i.title}".strip()})


def record_page(r: Renderer) -> Page:
    src = paths.RECORD
    items = [record_views.instrument_entry(r, i, src) for i in reversed(newest_first(r.plan.record))]  # oldest first: a timeline
    since = [x for x in items if not x["i"].background]
    issuers = sorted({i.issuer for i in r.plan.record}, key=lambda a: (a != PRESIDENT, a.lower()))
    kinds = [k for k in INSTRUMENT_KINDS if any(i.kind == k for i in r.plan.record)]
    return r.page("record.md.j2", src, Where("data/record.yaml", 1), {"title": r.L["timeline"]},
                     since=since, background=[x for x in items if x["i"].background], plan_date=PLAN_DATE, plan_date_words=r.date_words(PLAN_DATE),
                     newest=since[-1]["i"].published if since else PLAN_DATE,
                     pillars=[p.id for p in r.plan.pillars], issuers=[(a, record_views.issuer_name(r, a)) for a in issuers],
                     kinds=[(k, r.L[f"rkind_{k}"]) for k in kinds], total=len(items), hosts=r.L["src_sep"].join(hosts_of(r.plan.record)),
                     feed=r.file_link(src, paths.feed(r.lang), paths.DEFAULT_LANG))
