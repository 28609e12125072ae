"""One language of the edition: its words, links, citation metadata and the views pages share.

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

import json
from typing import Any

from . import abbr, cite, paths, provenance, text
from .index import Index
from .instruments import hosts_of
from .labels import LABELS
from .model import Action, CommentaryUnit, Where
from .templating import Page, environment
from .views import CitationView

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
        self.env = environment()
        self._critique_position = {c.id: i for i, c in enumerate(self.plan.critiques)}
        self.published = published  # releases whose frozen editions (v/<version>/) exist
        self.abbr = abbr.Abbreviations.of(self.plan, lang)  # the acronyms a page explains (``|abbr``)

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

    def page_title(self, uid: str) -> str:
        """A unit page's title (its front matter's, and its entry's in the navigation)."""
        return f"{self.label(uid)} · {self.title(uid, 40)}" if uid != "intro" else self.label(uid)

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

    def date_words(self, iso: str) -> str:
        """A date of the data (``YYYY-MM`` or ``YYYY-MM-DD``) in this language's words: "July 2025", "2025 年 7 月"."""
        year, month, *day = (int(x) for x in iso.split("-"))
        words = {"year": year, "month": month, "month_name": self.L["month_names"].split()[month - 1]}
        return self.L["date_day"].format(day=day[0], **words) if day else self.L["date_month"].format(**words)

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
        """A unit's one title in every citation format, telling units apart: an action names its goal
        ("Recommended Policy Action I.3.5 (Goal I.3: …)"), a commentary unit what it discusses."""
        lang = lang or self.lang
        L = LABELS[lang]
        if uid in self.ix.critiques:
            targets = L["src_sep"].join(L["cite_whole_plan"] if t == "plan" else self.label(t, lang) for t in self.ix.critiques[uid].targets)
            return L["cite_commentary_title"].format(id=uid, targets=targets)
        u = self.ix.units[uid]
        if uid == "intro":
            return self.label(uid, lang)
        if isinstance(u, Action):
            return L["cite_action_title"].format(id=uid, goal=self.cite_title(uid.rsplit(".", 1)[0], lang))
        zh = self.tr(uid, "title")
        return f"{self.label(uid, lang)}{L['label_sep']}{zh if lang == 'zh' and zh else u.title}"

    def cite_record(self, uid: str, src: str, lang: str | None = None) -> cite.Citation:
        """The citation record of a unit's page in ``lang`` (this build's language by default)."""
        lang = lang or self.lang
        date, _ = self.updated(uid)
        source = None if uid not in self.ix.critiques else \
            provenance.cite_source(provenance.required(self.plan.commentary_source, f"critique {uid}"), lang, LABELS[lang])
        # The exact locator beside the permalink, once this release's edition exists (never before).
        versioned = self.versioned_link(src, lang) if self.site.version in self.published else None
        return cite.citation_of(self.site, uid, lang, self.cite_title(uid, lang), self.permalink(src, lang), date,
                                versioned_url=versioned, source=source)

    def head(self, src: str, title: str, description: str, date: str, kind: str = "WebPage") -> dict[str, Any]:
        """What the theme override prints into a page's head: citation metadata (Highwire
        ``citation_*``, Dublin Core), OpenGraph, the language alternates and JSON-LD. Values are
        plain text here; the template escapes each (``tojson`` for the JSON-LD)."""
        url = self.permalink(src)
        author = self.site.editors(self.lang)
        container = self.site.title(self.lang)
        root = self.permalink(paths.HOME, self.lang)
        plan = self.plan
        ld: dict[str, Any] = {
            "@context": "https://schema.org", "@type": kind, "@id": url, "url": url, "name": title,
            "description": description, "inLanguage": self.L["locale_bcp47"],
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
            "publisher": container, "container": container, "lang": self.lang, "version": self.site.version, "released": plan.date,
            "source": plan.pdf_url, "locale": self.L["locale_og"], "locale_other": self.L["locale_og_other"],
            # This page in each language, relative to this page: the MkDocs adapter hands them to
            # the theme (its documented extra.alternate), which prints them as the page's hreflang
            # pair and as its language selector's links. Relative, because the theme's script
            # fetches sitemap.xml beside every <link rel="alternate">: an absolute address would
            # make a preview or a mirror load from the published host.
            "switch": [{"lang": x, "link": paths.rel_url(paths.site_path(src, self.lang), paths.site_path(src, x))}
                       for x in paths.LANGS],
            "x_default": paths.rel_url(paths.site_path(src, self.lang), paths.site_path(src, paths.DEFAULT_LANG)),
            "feed": self.file_link(src, paths.feed(self.lang), paths.DEFAULT_LANG),
            "ld": ld,
        }

    def citation(self, uid: str, src: str, description: str) -> CitationView:
        """The cite-this panel, its downloads and the head metadata of a unit's page."""
        date, version = self.updated(uid)
        rec = self.cite_record(uid, src)
        formats = cite.citations(rec)
        first = self.L["cite_first"]
        downloads = [(ext, self.file_link(src, paths.cite_file(uid, ext), self.lang), f"{rec.bib_key}.{ext}") for ext in paths.CITE_EXTS]
        this_version = rec.versioned_url or ""
        head = self.head(src, rec.title, description, date)
        if this_version:
            head["versioned_url"] = this_version
        pin_label = f"{self.L['commentary_unit']} {uid}" if uid in self.ix.critiques else self.label(uid)
        return CitationView(cites=list(formats.items()), cite_first=first, updated=date, version=version,
                            head=head, site_version=self.site.version, downloads=downloads, cite_record=rec,
                            this_version=this_version, this_version_live=bool(this_version),
                            pin_example=cite.pinpoint(pin_label, 2), pin_label=pin_label, pin_anchor=paths.paragraph(2))

    def described(self, label: str, body: str) -> str:
        return f"{label}{self.L['label_sep']}{text.excerpt(body, 150)}"

    def hub(self, src: str, title: str, description: str, **meta: Any) -> dict[str, Any]:
        """Front matter of a hub page (home, overviews, an agency): title, description and head."""
        date = self.plan.releases[0].date if self.plan.releases else "1970-01-01"
        return {"title": title, "description": description, **meta,
                "head": self.head(src, title, description, date, "CollectionPage")}

    def crit_view(self, c: CommentaryUnit, from_src: str) -> dict[str, Any]:
        return {"id": c.id, "kind": self.L[f"kind_{c.kind}"], "text": c.text, "en": c.en,
                "link": paths.rel_md(from_src, paths.critique(c.id))}

    def target_view(self, src: str, t: str) -> dict[str, str]:
        return {"id": t, "label": self.label(t), "title": self.title(t, 60) if t != "plan" else "", "link": self.link(src, t)}

    def claim_views(self, c: CommentaryUnit) -> list[dict[str, Any]]:
        out = []
        for cl in c.claims:
            got = self.plan.count(cl.metric, cl.scope)
            out.append({"c": cl, "computed": got, "holds": got == cl.expected})
        return out

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
            "other_name": self.L["other_name"], "permalink": self.permalink(src), "abbrs": self.abbr.page(),
            "record_total": len(self.plan.record), "record_hosts": self.L["src_sep"].join(hosts_of(self.plan.record)), **extra,
        }

    def page(self, template: str, src: str, where: Where, meta: dict[str, Any], **ctx: Any) -> Page:
        body = self.env.get_template(template).render(**self.common(src, **ctx))
        return Page(src, self.front(src, **meta) + body, where)
