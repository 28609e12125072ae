"""The plan's own pages: the home page (contents and figures), each unit of the plan, the footnotes."""

from __future__ import annotations

from markupsafe import Markup

from .. import cite, paths, record_views, svg
from ..index import Unit
from ..model import Action, Pillar, Where
from ..render import Renderer, compare_query
from ..templating import Page
from ..views import UnitView, context


def figure_boxes(r: Renderer) -> list[svg.Box]:
    """The pillars and goals as the figure draws them, titled in ``r``'s language."""
    return [svg.Box(p.id, r.title(p.id), goals=tuple(svg.Box(g.id, r.title(g.id), len(g.actions)) for g in p.goals))
            for p in r.plan.pillars]


def unit_page(r: Renderer, uid: str) -> Page:
    ix, L = r.ix, r.L
    u: Unit = ix.units[uid]
    src = paths.unit(uid)
    crumbs = [(r.label(a), r.link(src, a)) for a in ix.ancestors(uid)]
    is_action = isinstance(u, Action)
    if isinstance(u, Action):
        orig = [u.text]
        zh_t = r.tr(uid, "text")
        trans = [zh_t] if zh_t else None
        title_en = title_zh = None
    else:
        orig = list(u.intro)
        zh_i = r.tr(uid, "intro")
        trans = list(zh_i) if zh_i else None
        title_en, title_zh = u.title, r.tr(uid, "title")
    children = [{"id": c, "label": r.label(c), "title": r.title(c, 90), "link": r.link(src, c),
                 "critiques": len(ix.critiques_of.get(c, []))} for c in ix.children.get(uid, [])]
    prev_id, next_id = ix.prev(uid), ix.next(uid)
    # Where the reader is: the unit among its siblings (the goal's actions, the pillar's goals, the pillars).
    parent = ix.parent.get(uid)
    if isinstance(u, Pillar):
        sib_ids, sib_label = [p.id for p in r.plan.pillars], L["siblings_pillars"]
    elif parent is not None:
        sib_ids = ix.children[parent]
        sib_label = L["siblings_actions" if is_action else "siblings_goals"].format(id=parent)
    else:
        sib_ids, sib_label = [], ""
    siblings = [{"id": s, "link": r.link(src, s), "current": s == uid} for s in sib_ids]

    def ag(aid: str) -> dict[str, str]:
        a = ix.agencies[aid]
        return {"id": aid, "name": a.name, "zh": r.agency_zh(aid) or "", "link": paths.rel_md(src, paths.agency(aid))}

    # Specific to the page, in its language: the unit's label (the plan prints one action twice)
    # and the start of its text, translated on Chinese pages.
    description = r.described(r.label(uid), " ".join(trans if r.lang == "zh" and trans else orig))
    cit = r.citation(uid, src, description)
    pdf_page = r.plan.pdf_page(u.printed_page)
    official = cite.official(r.plan.title, r.plan.publisher, r.plan.pdf_url, u.printed_page, pdf_page)
    title = r.page_title(uid)
    meta = {"title": title, "description": description, "unit": uid, "kind": u.kind,
            "printed_page": u.printed_page, "head": cit.head}
    changed = changed_in(r, uid)
    view = UnitView(
        u=u, uid=uid, label=r.label(uid), crumbs=crumbs, orig=orig, trans=trans, title_en=title_en, title_zh=title_zh,
        children=children, is_action=is_action, siblings=siblings, siblings_label=sib_label,
        prev=(r.label(prev_id), r.link(src, prev_id)) if prev_id else None,
        next=(r.label(next_id), r.link(src, next_id)) if next_id else None,
        lead=[ag(a) for a in getattr(u, "lead", ())], named=[ag(a) for a in getattr(u, "agencies", ())],
        lead_text=getattr(u, "lead_text", None), footnotes=[ix.footnotes[n] for n in u.footnotes],
        pdf_page=pdf_page, pdf_url=r.plan.pdf_url,
        critiques=[r.crit_view(c, src) for c in ix.critiques_of.get(uid, [])],
        record=record_views.record_views(r, uid, src), record_below=ix.instruments_below(uid), timeline=paths.rel_md(src, paths.RECORD),
        below=ix.critique_count_below(uid), notes=list(getattr(u, "notes", ())), source=r.source_link(u.where),
        signatories=getattr(u, "signatories", ()), sig_roles=r.tr("intro", "signatories") or (),
        footnotes_src=paths.rel_md(src, paths.FOOTNOTES),
        children_label=L["children_goals"] if isinstance(u, Pillar) else L["children_actions"],
        official=list(official.items()),
        pins=[] if is_action else [paths.paragraph(i + 1) for i in range(len(orig))],
        compare_link=paths.rel_url(paths.site_path(src, r.lang), paths.site_path(paths.COMPARE, r.lang))
        + (f"?{compare_query(uid, changed[1], changed[0])}" if changed else f"?unit={uid}"),
        changed_in=r.L["changed_in"].format(version=changed[0]) if changed else None,
        search={"uid": uid, "kind": u.kind, "pillar": "" if uid == "intro" else uid.split(".")[0],
                "title": r.label(uid) if uid == "intro" else r.title(uid, 60)},
        cit=cit, goal=(r.label(parent), r.title(parent), r.link(src, parent)) if is_action and parent else None,
    )
    return r.page("unit.md.j2", src, u.where, meta, **context(view))


def home_page(r: Renderer) -> Page:
    src = paths.HOME
    pillars = [{"id": p.id, "title": r.title(p.id), "link": r.link(src, p.id),
                "goals": [{"id": g.id, "title": r.title(g.id), "link": r.link(src, g.id),
                           "actions": [{"id": a.id, "link": r.link(src, a.id), "title": r.title(a.id, 70)} for a in g.actions]}
                          for g in p.goals],
                "n_actions": sum(len(g.actions) for g in p.goals)}
               for p in r.plan.pillars]
    counts = r.plan.counts_found()
    coverage = record_views.record_coverage(r)  # the table and the chart show the same rows
    meta = r.hub(src, r.plan_title(), f"{r.site.title(r.lang)}: {r.L['counts'].format(**counts)}")
    return r.page(
        "home.md.j2", src, Where("data/plan.yaml", 1), meta,
        plan=r.plan, plan_title=r.plan_title(), pillars=pillars, counts=counts,
        intro_link=r.link(src, "intro"), epigraph=r.plan.epigraph, epigraph_zh=r.tr("epigraph", "text"),
        intro_title=r.title("intro"), published=r.date_words(r.plan.published), figure=Markup(svg.figure(figure_boxes(r), r.lang, src)),
        coverage_rows=coverage, record_figure=Markup(svg.record_figure(coverage, r.lang, src)),
        timeline=paths.RECORD,
        critiques=[r.crit_view(c, src) for c in r.ix.critiques_of.get("plan", [])], source=source_line(r),
        commentary=paths.COMMENTARY, coverage=paths.COVERAGE, agencies=paths.AGENCIES,
        footnotes_src=paths.FOOTNOTES, ids=paths.IDS, changelog=paths.CHANGELOG,
        whole=paths.WHOLE, whole_pdf=r.file_link(src, paths.WHOLE_PDF, r.lang), whole_pdf_name=paths.whole_pdf_name(r.lang, r.site.version),
    )


def footnotes_page(r: Renderer) -> Page:
    src = paths.FOOTNOTES
    rows = [{"f": f, "cited": [(r.label(u), r.link(src, u)) for u in r.ix.cited_by.get(f.number, [])]}
            for f in r.plan.footnotes]
    meta = r.hub(src, r.L["all_footnotes"], r.L["desc_footnotes"].format(n=len(rows)))
    return r.page("footnotes.md.j2", src, Where("data/footnotes.yaml", 1), meta,
                     rows=rows)


def source_line(r: Renderer) -> str | None:
    """One line naming the commentary's source, where the home page quotes the commentary."""
    cs = r.plan.commentary_source
    if cs is None or not r.plan.critiques:
        return None
    unknown = r.L["src_sep"].join(r.L[f"src_{f}"] for f in cs.unknown())
    return r.L["src_short"].format(outlet=cs.ours.outlet.of(r.lang), unknown=r.L["src_unknown"].format(fields=unknown) if unknown else "")


def changed_in(r: Renderer, uid: str) -> tuple[str, str] | None:
    """(the newest release that changed ``uid``, the published release before it) when both
    editions exist, so the compare page can show the change; None otherwise."""
    releases = r.plan.releases
    for i, rel in enumerate(releases):
        if uid in rel.units:
            before = next((o.version for o in releases[i + 1:] if o.version in r.published), None)
            return (rel.version, before) if rel.version in r.published and before else None
    return None
