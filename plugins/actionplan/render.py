"""Model + index -> page sources: front matter over a Markdown body, one language at a time.

The engine renders these pages like any page a person wrote: Python-Markdown with the site's
``markdown_extensions``, its table of contents and anchors, and its link validation, since
pages link to each other as relative ``.md`` paths (``paths.rel_md``). Raw HTML appears only
where Markdown has no form for it (the parallel-text sections, buttons, the SVG figure) and
for links into the other language's build, which is a separate build that no engine checks.

Templates are rendered with autoescape on, and the escape of every value is ``text.md_text``
(see ``_env``): a value reaches the page inert unless ``text.py`` made it ``Markup``. Nothing
here knows an engine: the MkDocs adapter hands the returned pages to MkDocs as
``File.generated``, and ``actionplan generate`` writes them to a folder.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup

from . import cite, paths, text
from .index import Index, Unit, newest_first
from .instruments import INSTRUMENT_KINDS, PLAN_DATE
from .labels import LABELS
from .model import PRESIDENT, Action, Critique, Instrument, Pillar, Where
from .svg import figure, record_figure


@dataclass(frozen=True)
class Page:
    """A page source: ``src`` is its path in the language's docs folder (``plan/I.1.md``)."""

    src: str
    content: str
    source: Where  # the data file (and line) that "edit this page" opens


# How the templates are compiled. Jinja's bytecode cache checks an entry against its template's
# source only, so everything else that shapes the compiled code (these options, the Jinja
# release, whether values are finalized) goes into the cache files' names: change any of it and
# the old entries are simply never read again.
_OPTIONS: dict[str, Any] = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    # attr_list's "{#id}" would open a Jinja comment: comments are "{## … ##}" instead.
    "comment_start_string": "{##",
    "comment_end_string": "##}",
}
_COMPILED_BY = hashlib.sha256(repr((jinja2.__version__, sorted(_OPTIONS.items()), "finalize=md_text")).encode()).hexdigest()[:16]
TEMPLATE_CACHE_PREFIX = "actionplan-templates-"


class _Bytecode(jinja2.FileSystemBytecodeCache):
    """Jinja's documented on-disk cache of compiled templates, in the user's private temp folder
    (created 0700 and checked to be the user's own by Jinja).

    Compiling our templates costs about as much as rendering every page of a language, and each
    build is a new process. An entry is found by the template's name and the way it is compiled
    (``_COMPILED_BY``, in the file name) and checked against its source, so a changed template,
    option or Jinja release is never served stale; a cache that cannot be written only costs the
    compile again."""

    def __init__(self) -> None:
        super().__init__(pattern=f"{TEMPLATE_CACHE_PREFIX}{_COMPILED_BY}-%s.cache")

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode() -> _Bytecode | None:
    try:
        return _Bytecode()
    except (OSError, RuntimeError):  # no private temp folder to be had: compile every time
        return None


def clear_template_cache() -> int:
    """Remove our compiled templates from the cache (the benchmark's cold builds); how many."""
    cache = _bytecode()
    if cache is None:
        return 0
    gone = 0
    for f in Path(cache.directory).glob(f"{TEMPLATE_CACHE_PREFIX}*.cache"):
        with contextlib.suppress(OSError):
            f.unlink()
            gone += 1
    return gone


@functools.cache
def _env() -> jinja2.Environment:
    """One template environment per process: both renderers of a build share its compiled templates."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("actionplan", "templates"),
        bytecode_cache=_bytecode(),
        undefined=jinja2.StrictUndefined,
        **_OPTIONS,
    )
    # Autoescape, our way: every printed value is made inert for HTML *and* Markdown
    # (text.md_text) unless it is Markup already. Jinja escapes with markupsafe only what
    # `finalize` hands back unmarked, and md_text hands back Markup, so nothing is escaped twice.
    env.finalize = text.md_text
    env.filters["inline"] = text.md_inline
    env.filters["fn"] = text.md_footnote
    env.filters["pre"] = text.pre
    env.filters["cite_pre"] = text.cite_pre
    env.filters["url"] = text.url
    env.filters["excerpt"] = text.excerpt
    return env


SITE = cite.Site(
    # An institution, named without a comma: importers read "A, B" as surname and given name.
    editors_en="Editors of America’s AI Action Plan (annotated edition)",
    editors_zh="《美国人工智能行动计划·注释本》编辑组",
    title_en="America’s AI Action Plan, annotated", title_zh="美国人工智能行动计划·注释本",
    version="0.0.0",
)


def compare_query(uid: str, old: str, new: str) -> str:
    """The compare page's query for one unit between two releases: ``unit=I.1&from=1.0.0&to=1.0.1``."""
    return f"unit={uid}&from={old}&to={new}"


class Renderer:
    """The pages of one language (``lang``) of the edition."""

    def __init__(self, ix: Index, lang: str, site_url: str, repo_blob: str | None, published: tuple[str, ...] = ()) -> None:
        self.ix = ix
        self.plan = ix.plan
        self.lang = lang
        self.L = LABELS[lang]
        self.other = next(x for x in paths.LANGS if x != lang)
        version = self.plan.releases[0].version if self.plan.releases else "0.0.0"
        self.site = cite.Site(SITE.editors_en, SITE.editors_zh, SITE.title_en, SITE.title_zh, version)
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.repo_blob = repo_blob
        self.env = _env()
        self._critique_position = {c.id: i for i, c in enumerate(self.plan.critiques)}
        self.published = published  # releases whose frozen editions (v/<version>/) exist

    # -- words -------------------------------------------------------------------------------
    def tr(self, uid: str, field: str) -> Any:
        t = self.plan.translations.get("zh", {}).get(uid)
        return t.fields.get(field) if t else None

    def label(self, uid: str, lang: str | None = None) -> str:
        L = LABELS[lang or self.lang]
        if uid == "plan":
            return L["whole_plan"]
        if uid == "intro":
            return L["intro"]
        return f"{L[self.ix.units[uid].kind]} {uid}"

    def title(self, uid: str, limit: int = 60) -> str:
        """A unit's heading text: goal/pillar titles, or an excerpt of an action."""
        if uid == "plan":
            return self.plan_title()
        u = self.ix.units[uid]
        zh = self.tr(uid, "text" if isinstance(u, Action) else "title")
        if isinstance(u, Action):
            return text.excerpt(zh if self.lang == "zh" and zh else u.text, limit)
        return zh if self.lang == "zh" and zh else u.title

    def plan_title(self) -> str:
        zh = self.tr("plan", "title")
        return zh if self.lang == "zh" and zh else self.plan.title

    def agency_zh(self, aid: str) -> str | None:
        t = self.plan.translations.get("zh", {}).get("agencies")
        value = t.fields.get(aid) if t else None
        return value if isinstance(value, str) else None

    # -- links -------------------------------------------------------------------------------
    def link(self, from_src: str, uid: str) -> str:
        return paths.rel_md(from_src, paths.unit(uid))

    def any_link(self, from_src: str, uid: str) -> str:
        return paths.rel_md(from_src, paths.critique(uid) if uid in self.ix.critiques else paths.unit(uid))

    def permalink(self, src: str, lang: str | None = None) -> str:
        return self.site_url + paths.site_path(src, lang or self.lang)

    def file_link(self, src: str, path: str, lang: str) -> str:
        """A relative URL from this page to a file (not a page) of ``lang``'s build, for raw HTML."""
        return paths.relpath(paths.prefix(lang) + path, paths.site_path(src, self.lang).rstrip("/"))

    def versioned_link(self, src: str, lang: str | None = None) -> str:
        """The page's URL in this release's frozen edition (``…/v/1.1.0/plan/I.1/``): the exact
        locator of what a reader cites; the permalink (``permalink``) follows the latest release."""
        return self.site_url + paths.versioned(paths.site_path(src, lang or self.lang), self.site.version)

    def source_link(self, where: Where) -> str | None:
        if not self.repo_blob:
            return None
        return f"{self.repo_blob}{where.file}" + (f"#L{where.line}" if where.line else "")

    # -- shared pieces ---------------------------------------------------------------------
    def updated(self, uid: str) -> tuple[str, str]:
        """(date, version) of the newest release that changed ``uid``; the first release otherwise."""
        releases = self.plan.releases
        for r in releases:
            if uid in r.units:
                return r.date, r.version
        if releases:
            return releases[-1].date, releases[-1].version
        return "1970-01-01", self.site.version

    def cite_title(self, uid: str, lang: str | None = None) -> str:
        """A unit's one title in citations and metadata: its label, and the full heading where
        the unit has one (pillars, goals); never an excerpt, so it is the same in every format."""
        lang = lang or self.lang
        if uid in self.ix.critiques:
            return f"{LABELS[lang]['commentary_unit']} {uid}"
        u = self.ix.units[uid]
        if uid == "intro" or isinstance(u, Action):
            return self.label(uid, lang)
        zh = self.tr(uid, "title")
        return f"{self.label(uid, lang)}: {zh if lang == 'zh' and zh else u.title}"

    def record(self, uid: str, src: str, lang: str | None = None) -> cite.Record:
        """The citation record of a unit's page in ``lang`` (this build's language by default)."""
        lang = lang or self.lang
        date, _ = self.updated(uid)
        return cite.record(self.site, uid, lang, self.cite_title(uid, lang), self.permalink(src, lang), date)

    def head(self, src: str, title: str, description: str, date: str, kind: str = "WebPage") -> dict[str, Any]:
        """What the theme override prints into a page's head: citation metadata (Highwire
        ``citation_*``, Dublin Core), OpenGraph, the language alternates and JSON-LD. Values are
        plain text here; the template escapes each (``tojson`` for the JSON-LD)."""
        zh = self.lang == "zh"
        url = self.permalink(src)
        author = self.site.editors(self.lang)
        container = self.site.title(self.lang)
        root = self.permalink(paths.HOME, self.lang)
        plan = self.plan
        ld: dict[str, Any] = {
            "@context": "https://schema.org", "@type": kind, "@id": url, "url": url, "name": title,
            "description": description, "inLanguage": "zh-CN" if zh else "en-US",
            "author": {"@type": "Organization", "name": author},
            "publisher": {"@type": "Organization", "name": author},
            "dateModified": date, "version": self.site.version,
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "isPartOf": {"@type": "WebSite", "@id": root, "url": root, "name": container, "version": self.site.version},
            "isBasedOn": {"@type": "DigitalDocument", "name": plan.title, "url": plan.pdf_url, "encodingFormat": "application/pdf",
                          "datePublished": plan.published,
                          "publisher": {"@type": "GovernmentOrganization", "name": plan.publisher}},
        }
        return {
            "title": title, "description": description, "author": author, "date": date, "url": url,
            "publisher": container, "container": container, "lang": self.lang, "version": self.site.version,
            "source": plan.pdf_url, "locale": "zh_CN" if zh else "en_US", "locale_other": "en_US" if zh else "zh_CN",
            # This page in each language, relative to this page: the MkDocs adapter hands them to
            # the theme (its documented extra.alternate), which prints them as the page's hreflang
            # pair and as its language selector's links. Relative, because the theme's script
            # fetches sitemap.xml beside every <link rel="alternate">: an absolute address would
            # make a preview or a mirror load from the published host.
            "switch": [{"lang": x, "link": paths.rel_url(paths.site_path(src, self.lang), paths.site_path(src, x))}
                       for x in paths.LANGS],
            "x_default": paths.rel_url(paths.site_path(src, self.lang), paths.site_path(src, paths.DEFAULT_LANG)),
            "feed": self.file_link(src, paths.FEED, paths.DEFAULT_LANG),
            "ld": ld,
        }

    def citation(self, uid: str, src: str, description: str) -> dict[str, Any]:
        """The cite-this panel, its downloads and the head metadata of a unit's page."""
        date, version = self.updated(uid)
        rec = self.record(uid, src)
        formats = cite.citations(rec)
        first = "GB/T 7714-2015" if self.lang == "zh" else "APA 7"
        downloads = [(ext, self.file_link(src, paths.cite_file(uid, ext), self.lang), f"{rec.bib_key}.{ext}") for ext in paths.CITE_EXTS]
        this_version = self.versioned_link(src)
        head = self.head(src, rec.title, description, date)
        head["versioned_url"] = this_version
        pin_label = f"{self.L['commentary_unit']} {uid}" if uid in self.ix.critiques else self.label(uid)
        return {"cites": list(formats.items()), "cite_first": first, "updated": date, "version": version,
                "head": head, "site_version": self.site.version, "downloads": downloads, "cite_record": rec,
                "this_version": this_version, "this_version_live": self.site.version in self.published,
                "pin_example": cite.pinpoint(pin_label, 2), "pin_label": pin_label, "pin_anchor": paths.paragraph(2)}

    def described(self, label: str, body: str) -> str:
        return f"{label}{'：' if self.lang == 'zh' else ': '}{text.excerpt(body, 150)}"

    def hub(self, src: str, title: str, description: str, **meta: Any) -> dict[str, Any]:
        """Front matter of a hub page (home, overviews, an agency): title, description and head."""
        date = self.plan.releases[0].date if self.plan.releases else "1970-01-01"
        return {"title": title, "description": description, **meta,
                "head": self.head(src, title, description, date, "CollectionPage")}

    def crit_view(self, c: Critique, from_src: str) -> dict[str, Any]:
        return {"id": c.id, "kind": self.L[f"kind_{c.kind}"], "text": c.text, "en": c.en,
                "link": paths.rel_md(from_src, paths.critique(c.id))}

    def target_view(self, src: str, t: str) -> dict[str, str]:
        return {"id": t, "label": self.label(t), "title": self.title(t, 60) if t != "plan" else "", "link": self.link(src, t)}

    def claim_views(self, c: Critique) -> list[dict[str, Any]]:
        out = []
        for cl in c.claims:
            got = self.plan.count(cl.metric, cl.scope)
            out.append({"c": cl, "computed": got, "holds": got == cl.expected})
        return out

    # -- the record ----------------------------------------------------------------------------
    def issuer_name(self, issuer: str) -> str:
        if issuer == PRESIDENT:
            return self.L["issuer_President"]
        zh = self.agency_zh(issuer) if self.lang == "zh" else None
        return zh or self.ix.agencies[issuer].name

    def instrument_view(self, i: Instrument, from_src: str) -> dict[str, Any]:
        """An instrument as the templates show it: title as printed (English) and, in Chinese, our
        unofficial translation beside it when we have one."""
        return {"i": i, "link": paths.rel_md(from_src, paths.instrument(i.id)), "kind": self.L[f"rkind_{i.kind}"],
                "issuer": self.issuer_name(i.issuer), "title_zh": i.title_zh if self.lang == "zh" else None}

    def record_views(self, uid: str, from_src: str) -> list[dict[str, Any]]:
        """The instruments related to ``uid``, newest first, each with its relation and evidence."""
        return [{**self.instrument_view(i, from_src), "relation": link.relation, "rel_label": self.L[f"rel_{link.relation}"],
                 "evidence": link.evidence} for i, link in self.ix.record_of.get(uid, [])]

    def record_coverage(self) -> list[dict[str, Any]]:
        """Per pillar: its actions, those with an instrument (since the plan) that implements them, and
        those with a related one."""
        rows = []
        for p in self.plan.pillars:
            actions = [a.id for g in p.goals for a in g.actions]

            def having(relation: str, actions: list[str] = actions) -> int:
                return sum(1 for a in actions if any(link.relation == relation and not i.background
                                                     for i, link in self.ix.record_of.get(a, [])))

            rows.append({"id": p.id, "label": self.label(p.id), "link": self.link(paths.HOME, p.id), "actions": len(actions),
                         "implements": having("implements"), "related": having("related")})
        return rows

    def front(self, src: str, **meta: Any) -> str:
        """Front matter, one key per line in JSON syntax (valid YAML, read by every engine).

        Themes print ``title`` and ``description`` into the page without escaping (header,
        ``<title>``, ``<meta>``), so they are HTML-escaped here, once, for every page. Every page
        names its language, its counterpart in the other language (``alternate``, a site path)
        and its canonical permalink, which the theme override prints into the head."""
        for key in ("title", "description"):
            if key in meta:
                meta[key] = text.attr(str(meta[key]))
        meta.setdefault("lang", self.lang)
        meta.setdefault("alternate", {"lang": self.other, "path": paths.site_path(src, self.other)})
        lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
        return "---\n" + "\n".join(lines) + "\n---\n\n"

    def common(self, src: str, **extra: Any) -> dict[str, Any]:
        here = paths.site_path(src, self.lang)
        return {
            "L": self.L, "lang": self.lang, "src": src, "home": paths.rel_md(src, paths.HOME),
            "other_lang": self.other, "other_link": paths.rel_url(here, paths.site_path(src, self.other)),
            "other_name": "English" if self.other == "en" else "中文", "permalink": self.permalink(src), **extra,
        }

    def page(self, template: str, src: str, where: Where, meta: dict[str, Any], **ctx: Any) -> Page:
        body = self.env.get_template(template).render(**self.common(src, **ctx))
        return Page(src, self.front(src, **meta) + body, where)

    # -- pages -------------------------------------------------------------------------------
    def unit_page(self, uid: str) -> Page:
        ix, L = self.ix, self.L
        u: Unit = ix.units[uid]
        src = paths.unit(uid)
        crumbs = [(self.label(a), self.link(src, a)) for a in ix.ancestors(uid)]
        is_action = isinstance(u, Action)
        if isinstance(u, Action):
            orig = [u.text]
            zh_t = self.tr(uid, "text")
            trans = [zh_t] if zh_t else None
            title_en = title_zh = None
        else:
            orig = list(u.intro)
            zh_i = self.tr(uid, "intro")
            trans = list(zh_i) if zh_i else None
            title_en, title_zh = u.title, self.tr(uid, "title")
        children = [{"id": c, "label": self.label(c), "title": self.title(c, 90), "link": self.link(src, c),
                     "critiques": len(ix.critiques_of.get(c, []))} for c in ix.children.get(uid, [])]
        prev_id, next_id = ix.prev(uid), ix.next(uid)
        # Where the reader is: the unit among its siblings (the goal's actions, the pillar's goals, the pillars).
        parent = ix.parent.get(uid)
        if isinstance(u, Pillar):
            sib_ids, sib_label = [p.id for p in self.plan.pillars], L["siblings_pillars"]
        elif parent is not None:
            sib_ids = ix.children[parent]
            sib_label = L["siblings_actions" if is_action else "siblings_goals"].format(id=parent)
        else:
            sib_ids, sib_label = [], ""
        siblings = [{"id": s, "link": self.link(src, s), "current": s == uid} for s in sib_ids]

        def ag(aid: str) -> dict[str, str]:
            a = ix.agencies[aid]
            return {"id": aid, "name": a.name, "zh": self.agency_zh(aid) or "", "link": paths.rel_md(src, paths.agency(aid))}

        # Specific to the page, in its language: the unit's label (the plan prints one action twice)
        # and the start of its text, translated on Chinese pages.
        description = self.described(self.label(uid), " ".join(trans if self.lang == "zh" and trans else orig))
        cit = self.citation(uid, src, description)
        pdf_page = self.plan.pdf_page(u.printed_page)
        official = cite.official(self.plan.title, self.plan.publisher, self.plan.pdf_url, u.printed_page, pdf_page)
        title = f"{self.label(uid)} · {self.title(uid, 40)}" if uid != "intro" else self.label(uid)
        meta = {"title": title, "description": description, "unit": uid, "kind": u.kind,
                "printed_page": u.printed_page, "head": cit["head"]}
        return self.page(
            "unit.md.j2", src, u.where, meta,
            u=u, uid=uid, label=self.label(uid), crumbs=crumbs, orig=orig, trans=trans, title_en=title_en, title_zh=title_zh,
            children=children, is_action=is_action, siblings=siblings, siblings_label=sib_label,
            prev=prev_id and (self.label(prev_id), self.link(src, prev_id)),
            next=next_id and (self.label(next_id), self.link(src, next_id)),
            lead=[ag(a) for a in getattr(u, "lead", ())], named=[ag(a) for a in getattr(u, "agencies", ())],
            lead_text=getattr(u, "lead_text", None), footnotes=[ix.footnotes[n] for n in u.footnotes],
            pdf_page=pdf_page, pdf_url=self.plan.pdf_url,
            critiques=[self.crit_view(c, src) for c in ix.critiques_of.get(uid, [])],
            record=self.record_views(uid, src), record_below=ix.instruments_below(uid), timeline=paths.rel_md(src, paths.RECORD),
            below=ix.critique_count_below(uid), notes=list(getattr(u, "notes", ())), source=self.source_link(u.where),
            signatories=getattr(u, "signatories", ()), sig_roles=self.tr("intro", "signatories") or (),
            footnotes_src=paths.rel_md(src, paths.FOOTNOTES),
            children_label=L["children_goals"] if isinstance(u, Pillar) else L["children_actions"],
            official=list(official.items()), **cit,
            pins=[] if is_action else [paths.paragraph(i + 1) for i in range(len(orig))],
            compare_link=paths.rel_url(paths.site_path(src, self.lang), paths.site_path(paths.COMPARE, self.lang)) + f"?unit={uid}",
            search={"uid": uid, "kind": u.kind, "pillar": "" if uid == "intro" else uid.split(".")[0],
                    "title": self.label(uid) if uid == "intro" else self.title(uid, 60)},
        )

    def home_page(self) -> Page:
        src = paths.HOME
        pillars = [{"id": p.id, "title": self.title(p.id), "link": self.link(src, p.id),
                    "goals": [{"id": g.id, "title": self.title(g.id), "link": self.link(src, g.id),
                               "actions": [{"id": a.id, "link": self.link(src, a.id), "title": self.title(a.id, 70)} for a in g.actions]}
                              for g in p.goals],
                    "n_actions": sum(len(g.actions) for g in p.goals)}
                   for p in self.plan.pillars]
        counts = {"pillars": len(self.plan.pillars), "goals": sum(len(p.goals) for p in self.plan.pillars),
                  "actions": sum(len(g.actions) for p in self.plan.pillars for g in p.goals)}
        meta = self.hub(src, self.plan_title(), f"{self.site.title(self.lang)}: {self.L['counts'].format(**counts)}")
        return self.page(
            "home.md.j2", src, Where("data/plan.yaml", 1), meta,
            plan=self.plan, plan_title=self.plan_title(), pillars=pillars, counts=counts,
            intro_link=self.link(src, "intro"), epigraph=self.plan.epigraph, epigraph_zh=self.tr("epigraph", "text"),
            intro_title=self.title("intro"), figure=Markup(figure(self, src)),
            coverage_rows=self.record_coverage(), record_figure=Markup(record_figure(self, src, self.record_coverage())),
            timeline=paths.RECORD,
            critiques=[self.crit_view(c, src) for c in self.ix.critiques_of.get("plan", [])],
            commentary=paths.COMMENTARY, coverage=paths.COVERAGE, agencies=paths.AGENCIES,
            footnotes_src=paths.FOOTNOTES, ids=paths.IDS, changelog=paths.CHANGELOG,
        )

    def agency_page(self, aid: str) -> Page:
        src = paths.agency(aid)
        a = self.ix.agencies[aid]

        def items(ids: list[str]) -> list[dict[str, str]]:
            return [{"id": i, "link": self.link(src, i), "title": self.title(i, 90)} for i in ids]

        zh = self.agency_zh(aid)
        name = zh if self.lang == "zh" and zh else a.name
        title = f"{name} ({a.acronym})" if a.acronym else name
        description = self.L["desc_agency"].format(name=title, leads=len(self.ix.leads.get(aid, [])),
                                                   named=len(self.ix.names.get(aid, [])))
        meta = self.hub(src, title, description, agency=aid)
        return self.page("agency.md.j2", src, a.where, meta, a=a, name=name, leads=items(self.ix.leads.get(aid, [])),
                         named=items(self.ix.names.get(aid, [])), index=paths.rel_md(src, paths.AGENCIES),
                         search={"uid": aid, "kind": "agency", "pillar": "", "title": meta["title"]})

    def agencies_page(self) -> Page:
        src = paths.AGENCIES
        rows = [{"id": a.id, "name": a.name, "zh": self.agency_zh(a.id) or "", "link": paths.rel_md(src, paths.agency(a.id)),
                 "leads": len(self.ix.leads.get(a.id, [])), "named": len(self.ix.names.get(a.id, []))}
                for a in sorted(self.plan.agencies, key=lambda a: a.id.lower())]
        return self.page("agencies.md.j2", src, Where("data/agencies.yaml", 1), self.hub(src, self.L["agencies"], self.L["desc_agencies"].format(n=len(rows))),
                         rows=rows)

    def footnotes_page(self) -> Page:
        src = paths.FOOTNOTES
        rows = [{"f": f, "cited": [(self.label(u), self.link(src, u)) for u in self.ix.cited_by.get(f.number, [])]}
                for f in self.plan.footnotes]
        meta = self.hub(src, self.L["all_footnotes"], self.L["desc_footnotes"].format(n=len(rows)))
        return self.page("footnotes.md.j2", src, Where("data/footnotes.yaml", 1), meta,
                         rows=rows)

    def critique_page(self, c: Critique) -> Page:
        src = paths.critique(c.id)
        units = self.plan.critiques
        i = self._critique_position[c.id]
        before = units[i - 1] if i > 0 else None
        after = units[i + 1] if i + 1 < len(units) else None
        description = self.described(f"{self.L['commentary_unit']} {c.id}", c.text if self.lang == "zh" or not c.en else c.en)
        cit = self.citation(c.id, src, description)
        meta = {"title": f"{self.L['commentary_unit']} {c.id} · {text.excerpt(c.text, 24)}", "critique": c.id,
                "description": description, "head": cit["head"]}
        return self.page(
            "critique.md.j2", src, c.where, meta, c=c, kind=self.L[f"kind_{c.kind}"], **cit,
            targets=[self.target_view(src, t) for t in c.targets],
            before=before and {"id": before.id, "link": paths.rel_md(src, paths.critique(before.id))},
            after=after and {"id": after.id, "link": paths.rel_md(src, paths.critique(after.id))},
            whole=paths.rel_md(src, paths.COMMENTARY), claims=self.claim_views(c), official=[],
            record=[{"target": self.target_view(src, t), "items": self.record_views(t, src)}
                    for t in c.targets if self.ix.record_of.get(t)],
            search={"uid": c.id, "kind": "commentary", "pillar": "",
                    "title": text.excerpt(c.en if self.lang == "en" and c.en else c.text, 60)},
        )

    def commentary_page(self) -> Page:
        src = paths.COMMENTARY
        paragraphs: list[list[dict[str, Any]]] = []
        for c in self.plan.critiques:
            u = {"c": c, "kind": self.L[f"kind_{c.kind}"], "link": paths.rel_md(src, paths.critique(c.id)),
                 "targets": [self.target_view(src, t) for t in c.targets]}
            if not paragraphs or paragraphs[-1][0]["c"].paragraph != c.paragraph:
                paragraphs.append([])
            paragraphs[-1].append(u)
        return self.page("commentary.md.j2", src, Where("content/commentary/", 0), self.hub(src, self.L["commentary"], self.L["desc_commentary"]),
                         paragraphs=paragraphs, coverage=paths.rel_md(src, paths.COVERAGE))

    def coverage_page(self) -> Page:
        src = paths.COVERAGE
        ix = self.ix
        rows: list[dict[str, Any]] = []
        for p in self.plan.pillars:
            for g in p.goals:
                own = len(ix.critiques_of.get(g.id, []))
                acts = sum(len(ix.critiques_of.get(a.id, [])) for a in g.actions)
                touched = [a.id for a in g.actions if ix.critiques_of.get(a.id)]
                rows.append({"id": g.id, "title": self.title(g.id), "link": self.link(src, g.id), "own": own, "actions": acts,
                             "touched": [(t, self.link(src, t)) for t in touched], "total": own + acts})
        top = [{"id": t, "label": self.label(t), "link": self.link(src, t), "n": len(ix.critiques_of.get(t, []))}
               for t in ["plan", "intro", *[p.id for p in self.plan.pillars]]]
        peak = max([r["total"] for r in rows] + [1])
        return self.page("coverage.md.j2", src, Where("content/commentary/", 0), self.hub(src, self.L["coverage"], self.L["desc_coverage"]),
                         rows=rows, top=top, peak=peak, figure=Markup(figure(self, src)), commentary=paths.rel_md(src, paths.COMMENTARY))

    def ids_page(self) -> Page:
        src = paths.IDS
        rows = [self.target_view(src, uid) for uid in self.ix.order]
        crit = [{"id": c.id, "link": paths.rel_md(src, paths.critique(c.id)), "title": text.excerpt(c.text, 30)}
                for c in self.plan.critiques]
        known = {uid: paths.url(paths.unit(uid)) for uid in self.ix.order}
        known.update({c.id: paths.url(paths.critique(c.id)) for c in self.plan.critiques})
        meta = self.hub(src, self.L["ids"], self.L["desc_ids"], search={"exclude": True})
        return self.page("ids.md.j2", src, Where("data/plan.yaml", 1), meta, rows=rows, crit=crit,
                         known=json.dumps(known, sort_keys=True), rel_base=paths.rel_url(paths.url(src), ""))

    def changelog_page(self) -> Page:
        src = paths.CHANGELOG
        here = paths.site_path(src, self.lang)
        up = paths.rel_url(here, "")
        compare = paths.rel_url(here, paths.site_path(paths.COMPARE, self.lang))
        releases = []
        for i, r in enumerate(self.plan.releases):
            # A release's changes are compared with the newest published release before it.
            before = next((o.version for o in self.plan.releases[i + 1:] if o.version in self.published), None)
            live = r.version in self.published
            releases.append({
                "r": r, "summary": r.summary_zh if self.lang == "zh" else r.summary_en,
                "units": [(u, self.any_link(src, u)) for u in r.units],
                "record": [(inst.number, paths.rel_md(src, paths.instrument(inst.id))) for inst in self.plan.record if inst.id in r.record],
                "edition": up + paths.versioned(paths.site_path(paths.HOME, self.lang), r.version) if live else None,
                "diffs": [(u, f"{compare}?{compare_query(u, before, r.version)}") for u in r.units] if live and before else [],
            })
        return self.page("changelog.md.j2", src, Where("data/changelog.yaml", 1), self.hub(src, self.L["changelog"], self.L["desc_changelog"]),
                         releases=releases, feed=self.file_link(src, paths.FEED, paths.DEFAULT_LANG))

    def compare_page(self) -> Page:
        """Compare one unit between two published releases: the page reads each release's
        ``export/units/<ID>.json`` from its frozen edition and shows the differences (assets/editions.js)."""
        src = paths.COMPARE
        here = paths.site_path(src, self.lang)
        units = [(uid, self.label(uid)) for uid in self.ix.order] + [(c.id, f"{self.L['commentary_unit']} {c.id}") for c in self.plan.critiques]
        return self.page("compare.md.j2", src, Where("data/changelog.yaml", 1), {"title": self.L["compare"], "search": {"exclude": True}},
                         units=units, up=paths.rel_url(here, ""), versions_json=paths.VERSIONS, editions=paths.EDITIONS,
                         published=[r.version for r in self.plan.releases if r.version in self.published])

    def instrument_page(self, i: Instrument) -> Page:
        src = paths.instrument(i.id)
        units = [{**self.target_view(src, link.unit), "relation": link.relation, "rel_label": self.L[f"rel_{link.relation}"],
                  "evidence": link.evidence} for link in i.units]
        meta = {"title": f"{i.number} · {text.excerpt(i.title, 60)}", "instrument": i.id,
                "description": f"{i.number}, {i.title}, {i.citation} ({i.published})"}
        return self.page("instrument.md.j2", src, i.where, meta, v=self.instrument_view(i, src), i=i, units=units,
                         index=paths.rel_md(src, paths.RECORD),
                         search={"uid": i.id, "kind": "record", "pillar": "", "title": f"{i.number} {i.title}"})

    def record_page(self) -> Page:
        src = paths.RECORD
        items = []
        for i in reversed(newest_first(self.plan.record)):  # oldest first: a timeline
            pillars = sorted({link.unit.split(".")[0] for link in i.units if link.unit != "intro"}, key=("I", "II", "III").index)
            items.append({**self.instrument_view(i, src), "pillars": " ".join(pillars),
                          "units": [(link.unit, self.link(src, link.unit), self.L[f"rel_{link.relation}"]) for link in i.units]})
        since = [x for x in items if not x["i"].background]
        issuers = sorted({i.issuer for i in self.plan.record}, key=lambda a: (a != PRESIDENT, a.lower()))
        kinds = [k for k in INSTRUMENT_KINDS if any(i.kind == k for i in self.plan.record)]
        return self.page("record.md.j2", src, Where("data/record.yaml", 1), {"title": self.L["timeline"]},
                         since=since, background=[x for x in items if x["i"].background], plan_date=PLAN_DATE,
                         newest=since[-1]["i"].published if since else PLAN_DATE,
                         pillars=[p.id for p in self.plan.pillars], issuers=[(a, self.issuer_name(a)) for a in issuers],
                         kinds=[(k, self.L[f"rkind_{k}"]) for k in kinds], total=len(items),
                         feed=self.file_link(src, paths.FEED, paths.DEFAULT_LANG))

    def all_pages(self) -> Iterator[Page]:
        """Every generated page of this language."""
        yield self.home_page()
        yield from (self.unit_page(uid) for uid in self.ix.order)
        yield from (self.agency_page(a.id) for a in self.plan.agencies)
        yield self.agencies_page()
        yield self.footnotes_page()
        yield self.ids_page()
        yield self.changelog_page()
        yield self.compare_page()
        yield self.record_page()
        yield from (self.instrument_page(i) for i in self.plan.record)
        if self.plan.critiques:
            yield from (self.critique_page(c) for c in self.plan.critiques)
            yield self.commentary_page()
            yield self.coverage_page()
