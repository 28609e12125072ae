"""The commentary: each unit with the plan units it discusses, the whole text, and its coverage of the plan."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .. import cite, paths, provenance, record_views, svg, text
from ..model import CommentaryUnit, Where
from ..render import Renderer
from ..templating import Page
from ..views import context
from .plan import figure_boxes


def source_view(r: Renderer, src: str, what: str) -> dict[str, Any]:
    """What a page shows of the commentary's provenance (data/commentary.yaml), in ``r``'s language;
    a page of the commentary without it is refused (``provenance.required``)."""
    cs = provenance.required(r.plan.commentary_source, what)
    first = cs.first_published
    first_words = first and ", ".join(x for x in (first.outlet.of(r.lang), first.date, first.url) if x)
    return {
        "fields": [{"label": r.L["src_title"], "value": cs.title}, {"label": r.L["src_author"], "value": cs.author},
                   {"label": r.L["src_first_published"], "value": first_words}],
        "reposts": [{"outlet": p.outlet.of(r.lang), "url": p.url, "script": p.script, "recorded": p.recorded, "ours": p.ours,
                     "about": p.about.of(r.lang)} for p in cs.reposts],
        "excerpt": cs.excerpt.of(r.lang), "recorded_note": cs.recorded_note.of(r.lang), "use": cs.use.of(r.lang),
        "more": paths.rel_md(src, paths.COMMENTARY),
    }


def without_author(head: dict[str, Any], rec: cite.Citation) -> dict[str, Any]:
    """A commentary unit's head metadata (Highwire, Dublin Core, JSON-LD), as its citations say it:
    no author while none is established (never our editors), our editors as editors, and the
    repost our text is taken from as its source."""
    src = rec.source
    assert src is not None
    ld = {k: v for k, v in head["ld"].items() if k != "author"}
    if rec.by:
        ld["author"] = {"@type": "Person", "name": rec.by}
    ld["editor"] = {"@type": "Organization", "name": rec.author}
    ld["isBasedOn"] = [ld["isBasedOn"], {"@type": "WebPage", "url": src.url, "publisher": {"@type": "Organization", "name": src.outlet}}]
    head.update(author=rec.by, editor=rec.author, source=src.url, ld=ld)
    return head


def critique_page(r: Renderer, c: CommentaryUnit) -> Page:
    src = paths.critique(c.id)
    units = r.plan.critiques
    i = r._critique_position[c.id]
    before = units[i - 1] if i > 0 else None
    after = units[i + 1] if i + 1 < len(units) else None
    description = r.described(f"{r.L['commentary_unit']} {c.id}", c.text if r.lang == "zh" or not c.en else c.en)
    cit = r.citation(c.id, src, description)
    without_author(cit.head, cit.cite_record)
    shown = text.excerpt(c.en, 48) if r.lang == "en" and c.en else text.excerpt(c.text, 24)  # in the page's language
    meta = {"title": f"{r.L['commentary_unit']} {c.id} · {shown}", "critique": c.id,
            "description": description, "head": cit.head}
    return r.page(
        "critique.md.j2", src, c.where, meta, c=c, kind=r.L[f"kind_{c.kind}"], **context(cit),
        targets=[r.target_view(src, t) for t in c.targets],
        before=before and {"id": before.id, "link": paths.rel_md(src, paths.critique(before.id))},
        after=after and {"id": after.id, "link": paths.rel_md(src, paths.critique(after.id))},
        whole=paths.rel_md(src, paths.COMMENTARY), claims=r.claim_views(c), official=[], source=source_view(r, src, f"critique {c.id}"),
        record=[{"target": r.target_view(src, t), "items": record_views.record_views(r, t, src)}
                for t in c.targets if r.ix.record_of.get(t)],
        search={"uid": c.id, "kind": "commentary", "pillar": "",
                "title": text.excerpt(c.en if r.lang == "en" and c.en else c.text, 60)},
    )


def commentary_page(r: Renderer) -> Page:
    src = paths.COMMENTARY
    paragraphs: list[list[dict[str, Any]]] = []
    for c in r.plan.critiques:
        u = {"c": c, "kind": r.L[f"kind_{c.kind}"], "link": paths.rel_md(src, paths.critique(c.id)),
             "targets": [r.target_view(src, t) for t in c.targets]}
        if not paragraphs or paragraphs[-1][0]["c"].paragraph != c.paragraph:
            paragraphs.append([])
        paragraphs[-1].append(u)
    return r.page("commentary.md.j2", src, Where("content/commentary/", 0), r.hub(src, r.L["commentary"], r.L["desc_commentary"]),
                     paragraphs=paragraphs, coverage=paths.rel_md(src, paths.COVERAGE), source=source_view(r, src, "commentary"))


def coverage_page(r: Renderer) -> Page:
    src = paths.COVERAGE
    ix = r.ix
    rows: list[dict[str, Any]] = []
    for g in r.plan.goals():
        own = len(ix.critiques_of.get(g.id, []))
        acts = sum(len(ix.critiques_of.get(a.id, [])) for a in g.actions)
        touched = [a.id for a in g.actions if ix.critiques_of.get(a.id)]
        rows.append({"id": g.id, "title": r.title(g.id), "link": r.link(src, g.id), "own": own, "actions": acts,
                     "touched": [(t, r.link(src, t)) for t in touched], "total": own + acts})
    top = [{"id": t, "label": r.label(t), "link": r.link(src, t), "n": len(ix.critiques_of.get(t, []))}
           for t in ["plan", "intro", *[p.id for p in r.plan.pillars]]]
    peak = max([row["total"] for row in rows] + [1])
    return r.page("coverage.md.j2", src, Where("content/commentary/", 0), r.hub(src, r.L["coverage"], r.L["desc_coverage"]),
                     rows=rows, top=top, peak=peak, figure=Markup(svg.figure(figure_boxes(r), r.lang, src)), commentary=paths.rel_md(src, paths.COMMENTARY))
