"""Model + index -> pages (one per unit, agency, critique, and the overview pages).

A page is front matter (read by MkDocs and the theme) over a body that is already HTML. The
body was Markdown until we measured where builds spend their time: Python-Markdown took about
40 % of every build to turn our own templates' Markdown into HTML we could write directly
(bench/results). So templates emit HTML with relative directory URLs, headings carry the ids
and permalinks the ``toc`` extension would add, and the plugin hands the body to MkDocs as the
page's content (``plugin.HtmlPage``). All contributor text goes through ``text`` (the one
escaping point). Nothing here knows MkDocs: the plugin turns the returned ``Page`` objects into
``File.generated`` files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jinja2

from . import cite, paths, text
from .index import Index, Unit
from .labels import LABELS
from .model import Action, Critique, Goal, Intro, Pillar, Where
from .svg import figure
from .validate import compute_claim


@dataclass(frozen=True)
class Page:
    src: str
    content: str
    source: Where  # the file (and line) an "edit this page" link should open


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("actionplan", "templates"),
        autoescape=False,  # escaping is done deliberately, by the filters below (text.py)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = text.inline_html
    env.filters["esc"] = text.html_text
    env.filters["fn"] = text.footnote_html
    env.filters["attr"] = text.attr
    env.filters["plain"] = text.plain
    env.filters["excerpt"] = text.excerpt
    return env


class Renderer:
    def __init__(self, ix: Index, site_url: str, repo_blob: str | None, site: cite.Site | None = None,
                 heading_link: tuple[str, str] | None = ("¶", "本节链接")) -> None:
        self.ix = ix
        self.plan = ix.plan
        self.site = site or cite.Site(
            editors_en="The editors of America’s AI Action Plan, annotated",
            editors_zh="《美国人工智能行动计划·注释本》编辑组",
            title_en="America’s AI Action Plan, annotated", title_zh="美国人工智能行动计划·注释本",
            version=self.plan.releases[0].version if self.plan.releases else "0.0.0",
        )
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.repo_blob = repo_blob
        self.env = _env()
        self.heading_link = heading_link  # (text, title) of the toc extension's permalink, if on
        self._critique_position = {c.id: i for i, c in enumerate(self.plan.critiques)}

    def heading(self, level: int, hid: str, inner: str, attrs: str = "") -> str:
        """A heading as the ``toc`` extension writes it (id, then the permalink): ``plugin.HtmlPage``
        reads the page's table of contents back from this form. ``inner`` is HTML already."""
        hid = text.attr(hid)
        link = ""
        if self.heading_link:
            mark, title = self.heading_link
            link = f'<a class="headerlink" href="#{hid}" title="{text.attr(title)}">{text.html_text(mark)}</a>'
        return f'<h{level} id="{hid}"{attrs}>{inner}{link}</h{level}>'

    # -- helpers ---------------------------------------------------------------------------
    def tr(self, uid: str, field: str, lang: str = "zh") -> Any:
        t = self.plan.translations.get(lang, {}).get(uid)
        return t.fields.get(field) if t else None

    def label(self, uid: str, lang: str) -> str:
        L = LABELS[lang]
        if uid == "plan":
            return L["whole_plan"]
        if uid == "intro":
            return L["intro"]
        kind = self.ix.units[uid].kind
        return f"{L[kind]} {uid}"

    def title(self, uid: str, lang: str, limit: int = 60) -> str:
        """A unit's heading text in ``lang``: goal/pillar titles, or an excerpt of an action."""
        if uid == "plan":
            return self.plan_title(lang)
        u = self.ix.units[uid]
        if isinstance(u, Action):
            zh = self.tr(uid, "text")
            return text.excerpt(zh if lang == "zh" and zh else u.text, limit)
        zh = self.tr(uid, "title")
        return zh if lang == "zh" and zh else u.title

    def plan_title(self, lang: str) -> str:
        zh = self.tr("plan", "title")
        return zh if lang == "zh" and zh else self.plan.title

    def permalink(self, src: str) -> str:
        return self.site_url + paths.url(src)

    def source_link(self, where: Where) -> str | None:
        if not self.repo_blob:
            return None
        return f"{self.repo_blob}{where.file}" + (f"#L{where.line}" if where.line else "")

    def updated(self, uid: str) -> tuple[str, str]:
        """(date, version) of the newest release that changed ``uid``; the first release otherwise."""
        releases = self.plan.releases
        for r in releases:
            if uid in r.units:
                return r.date, r.version
        if releases:
            return releases[-1].date, releases[-1].version
        return "1970-01-01", self.site.version

    def citation(self, uid: str, src: str, lang: str, label_en: str, label_zh: str, title: str) -> dict[str, Any]:
        """The cite-this panel and the head metadata (Highwire ``citation_*`` and Dublin Core) of a page."""
        date, version = self.updated(uid)
        url = self.permalink(src)
        formats = cite.citations(self.site, cite.Cited(uid, label_en, label_zh, url, date))
        site_title = self.site.title_zh if lang == "zh" else self.site.title_en
        editors = self.site.editors_zh if lang == "zh" else self.site.editors_en
        # Compact: overrides/main.html spells these out as citation_* and DC.* tags.
        head = {"title": f"{label_zh if lang == 'zh' else label_en}: {title}", "author": editors, "date": date,
                "url": url, "publisher": site_title, "lang": lang, "version": self.site.version, "source": self.plan.pdf_url}
        return {"cites": list(formats.items()), "updated": date, "version": version, "head": head,
                "site_version": self.site.version}

    def front(self, **meta: Any) -> str:
        """Front matter. Material prints ``title`` and ``description`` into the page unescaped
        (header, <title>, <meta>), so they are HTML-escaped here, once, for every page.

        Written as one key per line in JSON syntax (valid YAML): yaml.safe_dump took most of
        the plugin's time at scale, and flow values parse quickly on MkDocs' side too."""
        for key in ("title", "description"):
            if key in meta:
                meta[key] = text.attr(str(meta[key]))
        lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
        return "---\n" + "\n".join(lines) + "\n---\n\n"

    def link(self, from_src: str, uid: str, lang: str) -> str:
        return paths.rel_url(from_src, paths.unit(uid, lang))

    def crit_view(self, c: Critique, from_src: str, lang: str) -> dict[str, Any]:
        L = LABELS[lang]
        return {
            "id": c.id, "kind": L[f"kind_{c.kind}"], "text": c.text, "en": c.en,
            "link": paths.rel_url(from_src, paths.critique(c.id, lang)),
        }

    def common(self, src: str, lang: str, **extra: Any) -> dict[str, Any]:
        other = "en" if lang == "zh" else "zh"
        alt_src = paths.prefix(other) + src[len(paths.prefix(lang)):]
        return {
            "L": LABELS[lang], "lang": lang, "src": src, "h": self.heading,
            "home": paths.rel_url(src, paths.home(lang)), "alternate": paths.url(alt_src),
            "permalink": self.permalink(src), **extra,
        }

    # -- pages -------------------------------------------------------------------------------
    def unit_page(self, uid: str, lang: str) -> Page:
        ix, L = self.ix, LABELS[lang]
        u: Unit = ix.units[uid]
        src = paths.unit(uid, lang)
        crumbs = [(self.label(a, lang), self.link(src, a, lang)) for a in ix.ancestors(uid)]
        if isinstance(u, Action):
            orig = [u.text]
            zh_t = self.tr(uid, "text")
            trans = [zh_t] if zh_t else None
        else:
            orig = list(u.intro)
            zh_i = self.tr(uid, "intro")
            trans = list(zh_i) if zh_i else None
        title_en = None if isinstance(u, Action) else u.title
        title_zh = None if isinstance(u, Action) else self.tr(uid, "title")
        children = [
            {"id": c, "label": self.label(c, lang), "title": self.title(c, lang, 90), "link": self.link(src, c, lang),
             "critiques": len(ix.critiques_of.get(c, []))}
            for c in ix.children.get(uid, [])
        ]
        prev_id, next_id = ix.prev(uid), ix.next(uid)
        nav = {
            "prev": prev_id and (self.label(prev_id, lang), self.link(src, prev_id, lang)),
            "next": next_id and (self.label(next_id, lang), self.link(src, next_id, lang)),
        }
        agencies = ix.agencies
        def ag(aid: str) -> dict[str, str]:
            a = agencies[aid]
            zh_name = self.tr("agencies", "") if False else self._agency_zh(aid)
            return {"id": aid, "name": a.name, "zh": zh_name or "", "acronym": a.acronym or "",
                    "link": paths.rel_url(src, paths.agency(aid, lang))}
        footnotes = [ix.footnotes[n] for n in u.footnotes]
        cit = self.citation(uid, src, lang, self.label(uid, "en"), self.label(uid, "zh"), self.title(uid, lang, 80))
        pdf_page = self.plan.pdf_page(u.printed_page)
        official = cite.official(self.plan.title, self.plan.publisher, self.plan.pdf_url, u.printed_page, pdf_page)
        meta = {
            "title": f"{self.label(uid, lang)} · {self.title(uid, lang, 40)}" if uid != "intro" else self.label(uid, lang),
            "description": text.excerpt(" ".join(orig), 150),
            "lang": lang, "unit": uid, "kind": u.kind, "alternate": self.common(src, lang)["alternate"],
            "printed_page": u.printed_page, "head": cit["head"],
        }
        ctx = self.common(
            src, lang, u=u, uid=uid, label=self.label(uid, lang), crumbs=crumbs, orig=orig, trans=trans,
            title_en=title_en, title_zh=title_zh, children=children, nav=nav,
            lead=[ag(a) for a in getattr(u, "lead", ())], named=[ag(a) for a in getattr(u, "agencies", ())],
            lead_text=getattr(u, "lead_text", None), is_action=isinstance(u, Action),
            footnotes=footnotes, pdf_page=self.plan.pdf_page(u.printed_page), pdf_url=self.plan.pdf_url,
            critiques=[self.crit_view(c, src, lang) for c in ix.critiques_of.get(uid, [])],
            below=ix.critique_count_below(uid), notes=list(getattr(u, "notes", ())),
            source=self.source_link(u.where), signatories=getattr(u, "signatories", ()),
            sig_roles=self.tr("intro", "signatories") or (), footnotes_src=paths.rel_url(src, paths.footnotes(lang)),
            children_label=L["children_goals"] if isinstance(u, Pillar) else L["children_actions"],
            official=list(official.items()), **cit,
        )
        body = self.env.get_template("unit.html.j2").render(**ctx)
        return Page(src, self.front(**meta) + body, u.where)

    def _agency_zh(self, aid: str) -> str | None:
        t = self.plan.translations.get("zh", {}).get("agencies")
        if not t:
            return None
        value = t.fields.get(aid)
        return value if isinstance(value, str) else None

    def home_page(self, lang: str) -> Page:
        src = paths.home(lang)
        ix = self.ix
        pillars = []
        for p in self.plan.pillars:
            goals = []
            for g in p.goals:
                goals.append({
                    "id": g.id, "title": self.title(g.id, lang), "link": self.link(src, g.id, lang),
                    "actions": [{"id": a.id, "link": self.link(src, a.id, lang), "title": self.title(a.id, lang, 70)} for a in g.actions],
                })
            pillars.append({"id": p.id, "title": self.title(p.id, lang), "link": self.link(src, p.id, lang), "goals": goals})
        counts = {
            "pillars": len(self.plan.pillars), "goals": sum(len(p.goals) for p in self.plan.pillars),
            "actions": sum(len(g.actions) for p in self.plan.pillars for g in p.goals),
        }
        ep_zh = self.tr("epigraph", "text")
        ctx = self.common(
            src, lang, plan=self.plan, plan_title=self.plan_title(lang), pillars=pillars, counts=counts,
            intro_link=self.link(src, "intro", lang), epigraph=self.plan.epigraph, epigraph_zh=ep_zh,
            intro_title=self.title("intro", lang), figure=figure(self, src, lang),
            critiques=[self.crit_view(c, src, lang) for c in ix.critiques_of.get("plan", [])],
            commentary=paths.rel_url(src, paths.commentary(lang)), coverage=paths.rel_url(src, paths.coverage(lang)),
            agencies=paths.rel_url(src, paths.agencies(lang)), footnotes_src=paths.rel_url(src, paths.footnotes(lang)),
            ids=paths.rel_url(src, paths.ids(lang)),
        )
        meta = {"title": self.plan_title(lang), "lang": lang, "alternate": ctx["alternate"],
                "description": LABELS[lang]["counts"].format(**counts)}
        body = self.env.get_template("home.html.j2").render(**ctx)
        return Page(src, self.front(**meta) + body, Where("data/plan.yaml", 1))

    def agency_page(self, aid: str, lang: str) -> Page:
        src = paths.agency(aid, lang)
        a = self.ix.agencies[aid]
        def items(ids: list[str]) -> list[dict[str, str]]:
            return [{"id": i, "link": self.link(src, i, lang), "title": self.title(i, lang, 90)} for i in ids]
        zh = self._agency_zh(aid)
        name = zh if lang == "zh" and zh else a.name
        ctx = self.common(src, lang, a=a, zh=zh, leads=items(self.ix.leads.get(aid, [])),
                          named=items(self.ix.names.get(aid, [])), index=paths.rel_url(src, paths.agencies(lang)))
        meta = {"title": f"{name} ({a.acronym})" if a.acronym else name, "lang": lang, "agency": aid,
                "alternate": ctx["alternate"]}
        return Page(src, self.front(**meta) + self.env.get_template("agency.html.j2").render(**ctx), a.where)

    def agencies_page(self, lang: str) -> Page:
        src = paths.agencies(lang)
        rows = [
            {"id": a.id, "name": a.name, "zh": self._agency_zh(a.id) or "", "acronym": a.acronym or "",
             "link": paths.rel_url(src, paths.agency(a.id, lang)), "leads": len(self.ix.leads.get(a.id, [])),
             "named": len(self.ix.names.get(a.id, []))}
            for a in sorted(self.plan.agencies, key=lambda a: a.id.lower())
        ]
        ctx = self.common(src, lang, rows=rows)
        meta = {"title": LABELS[lang]["agencies"], "lang": lang, "alternate": ctx["alternate"]}
        return Page(src, self.front(**meta) + self.env.get_template("agencies.html.j2").render(**ctx), Where("data/agencies.yaml", 1))

    def footnotes_page(self, lang: str) -> Page:
        src = paths.footnotes(lang)
        rows = [{"f": f, "cited": [(self.label(u, lang), self.link(src, u, lang)) for u in self.ix.cited_by.get(f.number, [])]}
                for f in self.plan.footnotes]
        ctx = self.common(src, lang, rows=rows)
        meta = {"title": LABELS[lang]["all_footnotes"], "lang": lang, "alternate": ctx["alternate"]}
        return Page(src, self.front(**meta) + self.env.get_template("footnotes.html.j2").render(**ctx), Where("data/footnotes.yaml", 1))

    def target_view(self, src: str, t: str, lang: str) -> dict[str, str]:
        return {"id": t, "label": self.label(t, lang), "title": self.title(t, lang, 60) if t != "plan" else "",
                "link": self.link(src, t, lang)}

    def claim_views(self, c: Critique, lang: str) -> list[dict[str, Any]]:
        out = []
        for cl in c.claims:
            got = compute_claim(self.plan, cl.metric, cl.scope)
            out.append({"c": cl, "computed": got, "holds": got == cl.expected})
        return out

    def critique_page(self, c: Critique, lang: str) -> Page:
        src = paths.critique(c.id, lang)
        units = self.plan.critiques
        i = self._critique_position[c.id]
        before = units[i - 1] if i > 0 else None
        after = units[i + 1] if i + 1 < len(units) else None
        cit = self.citation(c.id, src, lang, f"Commentary unit {c.id}", f"评论单元 {c.id}", text.excerpt(c.text, 40))
        ctx = self.common(
            src, lang, c=c, kind=LABELS[lang][f"kind_{c.kind}"], **cit,
            targets=[self.target_view(src, t, lang) for t in c.targets],
            before=before and {"id": before.id, "link": paths.rel_url(src, paths.critique(before.id, lang))},
            after=after and {"id": after.id, "link": paths.rel_url(src, paths.critique(after.id, lang))},
            whole=paths.rel_url(src, paths.commentary(lang)) + f"#{c.id}", claims=self.claim_views(c, lang),
        )
        meta = {"title": f"{LABELS[lang]['commentary_unit']} {c.id} · {text.excerpt(c.text, 24)}", "lang": lang,
                "critique": c.id, "alternate": ctx["alternate"], "description": text.excerpt(c.text, 120), "head": cit["head"]}
        return Page(src, self.front(**meta) + self.env.get_template("critique.html.j2").render(**ctx), c.where)

    def commentary_page(self, lang: str) -> Page:
        src = paths.commentary(lang)
        units: list[dict[str, Any]] = [{"c": c, "kind": LABELS[lang][f"kind_{c.kind}"], "link": paths.rel_url(src, paths.critique(c.id, lang)),
                  "targets": [self.target_view(src, t, lang) for t in c.targets], "claims": self.claim_views(c, lang)}
                 for c in self.plan.critiques]
        paragraphs: list[list[dict[str, Any]]] = []
        for u in units:
            if not paragraphs or paragraphs[-1][0]["c"].paragraph != u["c"].paragraph:
                paragraphs.append([])
            paragraphs[-1].append(u)
        ctx = self.common(src, lang, paragraphs=paragraphs, coverage=paths.rel_url(src, paths.coverage(lang)))
        meta = {"title": LABELS[lang]["commentary"], "lang": lang, "alternate": ctx["alternate"]}
        return Page(src, self.front(**meta) + self.env.get_template("commentary.html.j2").render(**ctx),
                    Where("content/commentary/", 0))

    def coverage_page(self, lang: str) -> Page:
        src = paths.coverage(lang)
        ix = self.ix
        rows: list[dict[str, Any]] = []
        for p in self.plan.pillars:
            for g in p.goals:
                own = len(ix.critiques_of.get(g.id, []))
                acts = sum(len(ix.critiques_of.get(a.id, [])) for a in g.actions)
                touched = [a.id for a in g.actions if ix.critiques_of.get(a.id)]
                rows.append({"id": g.id, "title": self.title(g.id, lang), "link": self.link(src, g.id, lang),
                             "own": own, "actions": acts, "n_actions": len(g.actions),
                             "touched": [(t, self.link(src, t, lang)) for t in touched], "total": own + acts})
        top = [{"id": t, "label": self.label(t, lang), "link": self.link(src, t, lang),
                "n": len(ix.critiques_of.get(t, []))} for t in ["plan", "intro", *[p.id for p in self.plan.pillars]]]
        peak = max([r["total"] for r in rows] + [1])
        ctx = self.common(src, lang, rows=rows, top=top, peak=peak, figure=figure(self, src, lang),
                          commentary=paths.rel_url(src, paths.commentary(lang)))
        meta = {"title": LABELS[lang]["coverage"], "lang": lang, "alternate": ctx["alternate"]}
        return Page(src, self.front(**meta) + self.env.get_template("coverage.html.j2").render(**ctx), Where("content/commentary/", 0))

    def ids_page(self, lang: str) -> Page:
        src = paths.ids(lang)
        rows = [self.target_view(src, uid, lang) for uid in self.ix.order]
        crit = [{"id": c.id, "link": paths.rel_url(src, paths.critique(c.id, lang)), "title": text.excerpt(c.text, 30)}
                for c in self.plan.critiques]
        known = {uid: paths.url(paths.unit(uid, lang)) for uid in self.ix.order}
        known.update({c.id: paths.url(paths.critique(c.id, lang)) for c in self.plan.critiques})
        ctx = self.common(src, lang, rows=rows, crit=crit, known=json.dumps(known, sort_keys=True),
                          rel_base=paths.rel_url(src, paths.home(paths.DEFAULT_LANG)))
        meta = {"title": LABELS[lang]["ids"], "lang": lang, "alternate": ctx["alternate"], "search": {"exclude": True}}
        return Page(src, self.front(**meta) + self.env.get_template("ids.html.j2").render(**ctx), Where("data/plan.yaml", 1))

    def changelog_page(self, lang: str) -> Page:
        src = paths.changelog(lang)
        releases = [{"r": r, "summary": r.summary_zh if lang == "zh" else r.summary_en,
                     "units": [(u, self._any_link(src, u, lang)) for u in r.units]} for r in self.plan.releases]
        ctx = self.common(src, lang, releases=releases)
        meta = {"title": "更新记录" if lang == "zh" else "Changelog", "lang": lang, "alternate": ctx["alternate"]}
        return Page(src, self.front(**meta) + self.env.get_template("changelog.html.j2").render(**ctx), Where("data/changelog.yaml", 1))

    def _any_link(self, src: str, uid: str, lang: str) -> str:
        if uid in self.ix.critiques:
            return paths.rel_url(src, paths.critique(uid, lang))
        return self.link(src, uid, lang)

    def all_pages(self, langs: tuple[str, ...]) -> Iterator[Page]:
        """Every generated page, one at a time: the plugin packs each before the next is rendered,
        so the Markdown of the whole site never exists uncompressed at once."""
        for lang in langs:
            yield self.home_page(lang)
            yield from (self.unit_page(uid, lang) for uid in self.ix.order)
            yield from (self.agency_page(a.id, lang) for a in self.plan.agencies)
            yield self.agencies_page(lang)
            yield self.footnotes_page(lang)
            yield self.ids_page(lang)
            yield self.changelog_page(lang)
            if self.plan.critiques:
                yield from (self.critique_page(c, lang) for c in self.plan.critiques)
                yield self.commentary_page(lang)
                yield self.coverage_page(lang)


__all__ = ["Goal", "Intro", "Page", "Renderer"]
