"""The change feeds (Atom, RFC 4287): one per language, each in its own words.

``export/changes.atom`` is the English feed (its published address), ``export/changes.zh.atom``
the Chinese one (``paths.feed``); each language's pages link their own. Both list the same
releases, each changed unit and each instrument of the record a release added or updated; the
words come from ``labels`` and the release summaries from the changelog (``summary``, ``zh``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from . import paths
from .index import Index
from .instruments import PLAN_DATE, RELATIONS
from .labels import LABELS
from .render import Renderer

ATOM = "http://www.w3.org/2005/Atom"


def releases_of(ix: Index, r: Renderer) -> list[dict[str, Any]]:
    """The releases as the feed of ``r``'s language tells them, newest first (see ``atom``)."""
    L = LABELS[r.lang]
    changelog = r.permalink(paths.CHANGELOG)
    # Releases run newest first, so the last one written for an instrument is the oldest: the
    # release that added it. Later releases naming it updated it.
    first_named = {iid: rel.version for rel in ix.plan.releases for iid in rel.record}

    def entry(iid: str, version: str) -> dict[str, str]:
        i = ix.instruments[iid]
        title = " ".join(((i.title_zh if r.lang == "zh" else None) or i.title).split())
        relations = L["feed_list_sep"].join(
            L["feed_relation"].format(relation=L[f"feed_rel_{rel}"], units=", ".join(u.unit for u in i.units if u.relation == rel))
            for rel in RELATIONS if any(u.relation == rel for u in i.units))
        dates = (L["feed_signed"].format(signed=i.signed, published=i.published) if i.signed
                 else L["feed_published"].format(published=i.published))
        name = L["feed_name"].format(number=i.number, title=title) if i.number else title
        return {"id": iid, "name": name, "title": title, "url": r.permalink(paths.instrument(iid)),
                "official": i.url, "added": "added" if first_named.get(iid) == version else "updated",
                "about": L["feed_about"].format(name=name, dates=dates, relations=relations,
                                                citation=L["feed_list_sep"] + i.citation if i.citation else "")}

    return [{"version": rel.version, "date": rel.date,
             "summary": " ".join((rel.summary_zh if r.lang == "zh" else rel.summary_en).split()),
             "url": f"{changelog}#v{rel.version.replace('.', '-')}",
             "units": [{"id": u, "title": r.cite_title(u),
                        "url": r.permalink(paths.critique(u) if u in ix.critiques else paths.unit(u))} for u in rel.units],
             "record": [entry(iid, rel.version) for iid in rel.record if iid in ix.instruments]}
            for rel in ix.plan.releases]


# What XML 1.0 allows in a document (its Char production); ElementTree writes any string it is given.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """Text for a feed: a character XML forbids (which validation already refuses in the data)
    becomes U+FFFD, so no value can make the whole feed unreadable to a feed reader."""
    return _NOT_XML.sub("\ufffd", value)


def feed(ix: Index, r: Renderer) -> str:
    """The change feed of ``r``'s language (written by the root build, at ``paths.feed(lang)``)."""
    return atom(releases_of(ix, r), lang=r.lang, feed_url=r.permalink(paths.feed(r.lang), paths.DEFAULT_LANG),
                changelog_url=r.permalink(paths.CHANGELOG), title=LABELS[r.lang]["feed_title"].format(site=r.site.title(r.lang)),
                author=r.site.editors(r.lang))


def atom(releases: list[dict[str, Any]], *, lang: str, feed_url: str, changelog_url: str, title: str, author: str) -> str:
    """An Atom feed of the releases, newest first, and one entry per unit a release changed and per
    instrument of the record it added or updated. ``releases`` are ``{"version", "date", "summary",
    "url" (its changelog entry), "units": [{"id", "title", "url"}], "record": [{"id", "name",
    "title", "url" (its page), "official" (the official text), "added" ("added" or "updated"),
    "about"}]}``. Entry IDs are permanent; the Chinese feed's carry ``/zh``, so the two feeds
    never share an entry."""
    L = LABELS[lang]
    ET.register_namespace("", ATOM)
    host = urlsplit(feed_url).hostname or "localhost"
    first = min((r["date"] for r in releases), default=PLAN_DATE)
    suffix = "" if lang == "en" else f"/{lang}"

    def tag(*parts: str) -> str:
        return f"tag:{host},{first}:" + "/".join(parts) + suffix

    def el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        e = ET.SubElement(parent, f"{{{ATOM}}}{name}", {k: xml_text(v) for k, v in attrs.items()})
        if text is not None:
            e.text = xml_text(text)
        return e

    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": L["locale_bcp47"] if lang != "en" else "en"})
    el(root, "id", tag("changes"))
    el(root, "title", title)
    el(root, "updated", (releases[0]["date"] if releases else first) + "T00:00:00Z")
    el(el(root, "author"), "name", author)
    el(root, "link", rel="self", type="application/atom+xml", href=feed_url)
    el(root, "link", rel="alternate", type="text/html", href=changelog_url)
    for r in releases:
        stamp = r["date"] + "T00:00:00Z"
        e = el(root, "entry")
        el(e, "id", tag("release", r["version"]))
        el(e, "title", L["feed_release"].format(version=r["version"]))
        el(e, "updated", stamp)
        el(e, "link", rel="alternate", type="text/html", href=r["url"])
        el(e, "summary", r["summary"])
        for u in r["units"]:
            e = el(root, "entry")
            el(e, "id", tag("release", r["version"], u["id"]))
            el(e, "title", L["feed_unit_title"].format(title=u["title"], version=r["version"]))
            el(e, "updated", stamp)
            el(e, "link", rel="alternate", type="text/html", href=u["url"])
            el(e, "summary", L["feed_unit_summary"].format(title=u["title"], version=r["version"], date=r["date"], summary=r["summary"]))
        for i in r.get("record", []):
            added = i["added"] == "added"
            e = el(root, "entry")
            el(e, "id", tag("record", i["id"]) if added else tag("record", i["id"], r["version"]))
            el(e, "title", L["feed_added" if added else "feed_updated"].format(name=i["name"]))
            el(e, "updated", stamp)
            el(e, "link", rel="alternate", type="text/html", href=i["url"])
            el(e, "link", rel="related", type="text/html", href=i["official"], title=L["feed_official"])
            el(e, "category", term="record", label=L["feed_category"])
            el(e, "summary", i["about"] + " " + L["feed_added_in" if added else "feed_updated_in"].format(version=r["version"], date=r["date"]))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
