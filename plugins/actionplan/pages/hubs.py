"""The finding aids: agencies, the ID index, the changelog and the compare page."""

from __future__ import annotations

import json

from .. import paths, record_views, text
from ..fields import version_key
from ..index import Index, newest_first
from ..labels import LABELS
from ..model import Where
from ..render import Renderer, compare_query
from ..templating import Page


def agency_page(r: Renderer, aid: str) -> Page:
    src = paths.agency(aid)
    a = r.ix.agencies[aid]

    def items(ids: list[str]) -> list[dict[str, str]]:
        return [{"id": i, "link": r.link(src, i), "title": r.title(i, 90)} for i in ids]

    zh = r.agency_zh(aid)
    name = zh if r.lang == "zh" and zh else a.name
    title = f"{name} ({a.acronym})" if a.acronym else name
    description = r.L["desc_agency"].format(name=title, leads=len(r.ix.leads.get(aid, [])),
                                               named=len(r.ix.names.get(aid, [])))
    meta = r.hub(src, title, description, agency=aid)
    return r.page("agency.md.j2", src, a.where, meta, a=a, name=name, leads=items(r.ix.leads.get(aid, [])),
                     named=items(r.ix.names.get(aid, [])), index=paths.rel_md(src, paths.AGENCIES),
                     instruments=[record_views.instrument_entry(r, i, src) for i in newest_first(r.plan.record) if i.issuer == aid],
                     search={"uid": aid, "kind": "agency", "pillar": "", "title": meta["title"]})


def agencies_page(r: Renderer) -> Page:
    src = paths.AGENCIES
    rows = [{"id": a.id, "name": a.name, "zh": r.agency_zh(a.id) or "", "link": paths.rel_md(src, paths.agency(a.id)),
             "leads": len(r.ix.leads.get(a.id, [])), "named": len(r.ix.names.get(a.id, []))}
            for a in sorted(r.plan.agencies, key=lambda a: a.id.lower())]
    return r.page("agencies.md.j2", src, Where("data/agencies.yaml", 1), r.hub(src, r.L["agencies"], r.L["desc_agencies"].format(n=len(rows))),
                     rows=rows)


def ids_page(r: Renderer) -> Page:
    src = paths.IDS
    rows = [r.target_view(src, uid) for uid in r.ix.order]
    crit = [{"id": c.id, "link": paths.rel_md(src, paths.critique(c.id)),  # an excerpt in the page's language
             "title": text.excerpt(c.en, 60) if r.lang == "en" and c.en else text.excerpt(c.text, 30)}
            for c in r.plan.critiques]
    known = short_links(r.ix)
    meta = r.hub(src, r.L["ids"], r.L["desc_ids"], search={"exclude": True})
    return r.page("ids.md.j2", src, Where("data/plan.yaml", 1), meta, rows=rows, crit=crit,
                     known=json.dumps(known, sort_keys=True), rel_base=paths.rel_url(paths.url(src), ""))


def short_links(ix: Index) -> dict[str, str]:
    """Every ID a reader may type (a unit's, a commentary unit's, an agency's) → its page's URL
    within a language's build: the ``id/<ID>/`` short links and the ID boxes resolve the same.
    An agency whose ID a unit or commentary unit already has, in any case, is left out."""
    known = {uid: paths.url(paths.unit(uid)) for uid in ix.order}
    known.update({cid: paths.url(paths.critique(cid)) for cid in ix.critiques})
    taken = {k.lower() for k in known}
    known.update({aid: paths.url(paths.agency(aid)) for aid in ix.agencies if aid.lower() not in taken})
    return known


def not_found(ix: Index) -> dict[str, object]:
    """What the 404 page (overrides/404.html) shows, in each language: one page answers every missing
    path of the site (GitHub Pages serves the root's 404.html), and its script shows the language of
    the path asked for (every language without script)."""
    return {"known": json.dumps(short_links(ix), sort_keys=True),
            "langs": [{"lang": x, "tag": "zh-Hans" if x == "zh" else x, "prefix": paths.prefix(x),
                       **{k: LABELS[x][k] for k in ("nf_title", "nf_lead", "nf_search", "goto_label", "goto_go",
                                                    "goto_no_such", "contents", "ids")}}
                      for x in paths.LANGS]}


def changelog_page(r: Renderer) -> Page:
    src = paths.CHANGELOG
    here = paths.site_path(src, r.lang)
    up = paths.rel_url(here, "")
    compare = paths.rel_url(here, paths.site_path(paths.COMPARE, r.lang))
    releases = []
    for i, rel in enumerate(r.plan.releases):
        # A release's changes are compared with the newest published release before it.
        before = next((o.version for o in r.plan.releases[i + 1:] if o.version in r.published), None)
        live = rel.version in r.published
        releases.append({
            "r": rel, "summary": rel.summary_zh if r.lang == "zh" else rel.summary_en,
            "units": [(u, r.any_link(src, u)) for u in rel.units],
            "record": [(inst.number, paths.rel_md(src, paths.instrument(inst.id))) for inst in r.plan.record if inst.id in rel.record],
            "edition": up + paths.versioned(paths.site_path(paths.HOME, r.lang), rel.version) if live else None,
            # the PDF frozen with the edition (make archive prints it into v/<version>/)
            "pdf": up + paths.versioned(paths.prefix(r.lang) + paths.WHOLE_PDF, rel.version)
                   if live and version_key(rel.version) >= version_key(paths.WHOLE_SINCE) else None,
            "pdf_name": paths.whole_pdf_name(r.lang, rel.version),
            "diffs": [(u, f"{compare}?{compare_query(u, before, rel.version)}") for u in rel.units] if live and before else [],
        })
    return r.page("changelog.md.j2", src, Where("data/changelog.yaml", 1), r.hub(src, r.L["changelog"], r.L["desc_changelog"]),
                     releases=releases, feed=r.file_link(src, paths.feed(r.lang), paths.DEFAULT_LANG),
                     whole=paths.rel_md(src, paths.WHOLE), whole_pdf=r.file_link(src, paths.WHOLE_PDF, r.lang),
                     whole_pdf_name=paths.whole_pdf_name(r.lang, r.site.version), version=r.site.version)


def compare_page(r: Renderer) -> Page:
    """Compare one unit between two published releases: the page reads each release's
    ``export/units/<ID>.json`` from its frozen edition and shows the differences (assets/editions.js)."""
    src = paths.COMPARE
    here = paths.site_path(src, r.lang)
    units = [(uid, r.label(uid)) for uid in r.ix.order] + [(c.id, f"{r.L['commentary_unit']} {c.id}") for c in r.plan.critiques]
    return r.page("compare.md.j2", src, Where("data/changelog.yaml", 1), {"title": r.L["compare"], "search": {"exclude": True}},
                     units=units, up=paths.rel_url(here, ""), versions_json=paths.VERSIONS, editions=paths.EDITIONS,
                     published=[rel.version for rel in r.plan.releases if rel.version in r.published],
                     fields=json.dumps({k[4:]: v for k, v in r.L.items() if k.startswith("cmp_")}, ensure_ascii=False, sort_keys=True))
