"""The whole plan on one page: every unit in reading order (``Plan.units()``), each with its official
text, our translation, its lead, its notes, markers for the critiques attached and its permalink;
the footnotes once, at the end. The PDF of the annotated edition is printed from this page
(``pdf.py``), so the page carries what the PDF needs: the edition and date on top, a contents list
whose links CSS paged media turns into page numbers, and each unit's heading as a running header."""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from .. import paths
from ..model import Action, Intro, Where
from ..render import Renderer
from ..templating import Page

# The heading level of each kind of unit on the page (the page's title is the one h1).
_LEVEL = {"intro": 2, "pillar": 2, "goal": 3, "action": 4}


def whole_units(r: Renderer, src: str) -> list[dict[str, Any]]:
    """Every unit of the plan in reading order, as the whole-plan page shows it."""
    ix = r.ix
    out: list[dict[str, Any]] = []
    for u in r.plan.units():
        uid = u.id
        if isinstance(u, Action):
            orig, zh = [u.text], r.tr(uid, "text")
            trans = [zh] if zh else None
            title_en, title_zh = None, None
        else:
            orig = list(u.intro)
            zh_i = r.tr(uid, "intro")
            trans = list(zh_i) if zh_i else None
            # The introduction's title is its label ("Introduction"): said once.
            title_en, title_zh = (None, None) if isinstance(u, Intro) else (u.title, r.tr(uid, "title"))
        out.append({
            "id": uid, "kind": u.kind, "level": _LEVEL[u.kind], "label": r.label(uid),
            "title": (title_zh if r.lang == "zh" and title_zh else title_en) if title_en else None,
            "subtitle": (title_en if r.lang == "zh" else title_zh) if title_en and title_zh else None,
            "pairs": list(zip_longest(orig, trans or [], fillvalue="")), "permalink": r.permalink(paths.unit(uid)), "link": r.link(src, uid),
            "lead": [{"id": a, "link": paths.rel_md(src, paths.agency(a))} for a in getattr(u, "lead", ())],
            "lead_text": getattr(u, "lead_text", None), "is_action": isinstance(u, Action),
            "notes": list(getattr(u, "notes", ())),
            "signatories": u.signatories if isinstance(u, Intro) else (),
            "critiques": [r.crit_view(c, src) for c in ix.critiques_of.get(uid, [])],
            "page": u.printed_page,
        })
    return out


def whole_page(r: Renderer) -> Page:
    """The whole plan on one page, in ``r``'s language (``paths.WHOLE``)."""
    src = paths.WHOLE
    L = r.L
    units = whole_units(r, src)
    counts = r.plan.counts_found()
    title = L["whole_title"]
    description = L["whole_desc"].format(**counts)
    meta = r.hub(src, title, description)
    cited = {n for u in r.plan.units() for n in u.footnotes}
    pdf = r.file_link(src, paths.WHOLE_PDF, r.lang)
    return r.page(
        "whole.md.j2", src, Where("data/plan.yaml", 1), meta,
        units=units, plan=r.plan, plan_title=r.plan_title(), version=r.site.version,
        date=r.date_words(r.plan.date) if r.plan.date else "", published=r.date_words(r.plan.published),
        edition=L["whole_edition"].format(version=r.site.version, date=r.date_words(r.plan.date) if r.plan.date else ""),
        counts=counts, footnotes=[f for f in r.plan.footnotes if f.number in cited],
        pdf=pdf, pdf_name=paths.whole_pdf_name(r.lang, r.site.version),
        site_title=r.site.title(r.lang), editors=r.site.editors(r.lang),
    )
