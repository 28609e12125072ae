"""Issue 25: every word of ours in the reader's language, and the commentary's provenance wherever
the commentary is.

The language test reads the visible text of every generated and authored page of one language's
build and looks for prose of the other language outside elements that say they are in it
(``lang``). Excepted, as the issue asks: official English quoted or printed as a title or proper
name (a run found in the plan, its footnotes, the agencies or the record), URLs, citations (``pre``,
``code`` and the format names, ``translate="no"``), the theme's language switch (links with
``hreflang``: each language's name in itself) and hidden text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from actionplan import cite, export, paths
from actionplan.index import Index
from actionplan.problems import DataError
from actionplan.render import Renderer

from .conftest import ROOT

SKIP = {"script", "style", "pre", "code", "svg", "title", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Four or more English words in a row: prose, not a stray name or abbreviation.
EN_RUN = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ ,;:()/&]+[A-Za-z][A-Za-z'’\-]*){3,}")
ZH_CHAR = re.compile(r"[\u3400-\u9fff]")


class Visible(HTMLParser):
    """The text a reader sees, without what is marked as the other language or as a name."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang, self.stack, self.out = lang, [], []  # type: ignore[var-annotated]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        other = a.get("lang") is not None and not (a.get("lang") or "").lower().startswith(self.lang)
        skip = tag in SKIP or other or "hidden" in a or a.get("translate") == "no" or "hreflang" in a
        self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(skip for _, skip in self.stack):
            self.out.append(data)


def visible(html: str, lang: str) -> str:
    parser = Visible(lang)
    parser.feed(html)
    return re.sub(r"https?://\S+", " ", " ".join(" ".join(parser.out).split()))


def official_english(index: Index) -> str:
    """Every English text the plan and the record print (titles, names, quotations), normalised."""
    plan = index.plan
    texts: list[str] = [plan.title, plan.epigraph.text, plan.intro.title, *plan.intro.intro]
    texts += [x for s in plan.intro.signatories for x in (s.name, s.role)]
    for u in index.units.values():
        texts += [getattr(u, "title", ""), getattr(u, "text", ""), *getattr(u, "intro", ())]
    texts += [f.text for f in plan.footnotes] + [a.name for a in plan.agencies]
    texts += [x for i in plan.record for x in (i.title, *(link.evidence for link in i.units))]
    return " ".join(" ".join(re.sub(r"\[\^\d+\]", "", t).split()) for t in texts if t)


def pages_of(site: Path, lang: str) -> list[Path]:
    out = []
    for p in sorted(site.rglob("index.html")):
        rel = p.relative_to(site).as_posix()
        if rel.startswith(("v/", "id/", "en/id/")) or rel.startswith("en/") != (lang == "en"):
            continue
        if 'http-equiv="refresh"' not in (text := p.read_text(encoding="utf-8")) and "<article" in text:
            out.append(p)
    return out


@pytest.mark.slow
def test_no_english_prose_of_ours_on_chinese_pages(site: Path, index: Index) -> None:
    printed = official_english(index)
    found = []
    for page in pages_of(site, "zh"):
        body = page.read_text(encoding="utf-8").split("<body", 1)[1]
        for run in EN_RUN.findall(visible(body, "zh")):
            if run.strip(" ,;:()/&") not in printed:
                found.append(f"{page.relative_to(site).as_posix()}: {run!r}")
    assert not found, "English prose on Chinese pages:\n" + "\n".join(found[:40])


@pytest.mark.slow
def test_no_chinese_outside_marked_spans_on_english_pages(site: Path) -> None:
    found = []
    for page in pages_of(site, "en"):
        body = page.read_text(encoding="utf-8").split("<body", 1)[1]
        text = visible(body, "en")
        for m in ZH_CHAR.finditer(text):
            found.append(f"{page.relative_to(site).as_posix()}: {text[max(0, m.start() - 20):m.end() + 20]!r}")
            break
    assert not found, "Chinese outside lang=zh on English pages:\n" + "\n".join(found[:40])


def test_the_language_scan_sees_what_it_should() -> None:
    """The scan itself: marked spans, names and hidden text are left out; anything else is seen."""
    html = ('<p>我们的注释 <span lang="en">Quoted official words here today</span> '
            '<strong translate="no">Chicago BibTeX RIS GB/T</strong> <a hreflang="en">English</a>'
            '<span hidden>hidden search words here</span> our own English prose left here</p>')
    assert EN_RUN.findall(visible(html, "zh")) == ["our own English prose left here"]
    assert ZH_CHAR.search(visible('<p>An English note <span lang="zh-Hans">评论原文</span>.</p>', "en")) is None


# -- the commentary's provenance -------------------------------------------------------------------

SOURCE = yaml.safe_load((ROOT / "data" / "commentary.yaml").read_text(encoding="utf-8"))
REPOSTS = [r["url"] for r in SOURCE["reposts"]]


def test_what_is_not_established_is_written_null_and_the_repost_of_our_text_is_named() -> None:
    """Title, author and first publication are present and null until someone establishes them."""
    assert {"title", "author", "first_published"} <= SOURCE.keys()
    assert SOURCE["title"] is None and SOURCE["author"] is None and SOURCE["first_published"] is None
    ours = [r for r in SOURCE["reposts"] if r.get("ours")]
    assert [r["url"] for r in ours] == ["https://m.163.com/news/article/KIB60MB905568V2L.html"]
    assert "https://hao.cnyes.com/post/213613" in REPOSTS


def test_every_citation_format_of_every_commentary_unit_names_the_repost(index: Index) -> None:
    """No format invents an author; each names the repost our text is taken from."""
    for lang in paths.LANGS:
        r = Renderer(index, lang, "https://example.org/", None)
        for cid in index.critiques:
            rec = r.cite_record(cid, paths.critique(cid))
            assert rec.by is None and rec.source is not None
            formats = {**cite.citations(rec), "BibTeX file": cite.bibtex(rec), "RIS file": cite.ris(rec),
                       "CSL-JSON": export.dumps([cite.csl(rec)])}
            for name, text in formats.items():
                assert REPOSTS[0] in text, (cid, lang, name)
            assert formats["GB/T 7714-2015"].startswith("佚名. " if lang == "zh" else "Anon. ")  # GB/T 7714-2015 §8.1.2
            assert formats["APA 7"].startswith(rec.title) and formats["Chicago"].startswith(f"“{rec.title}.”")
            assert "author =" not in formats["BibTeX file"] and "\nAU  -" not in formats["RIS file"] and "author" not in cite.csl(rec)


def test_an_export_or_a_critique_page_without_the_provenance_is_refused(index: Index) -> None:
    from actionplan.index import build
    from actionplan.pages.commentary import critique_page

    bare = build(replace(index.plan, commentary_source=None))
    with pytest.raises(DataError, match="provenance"):
        export.build(bare, "https://example.org/", bare.plan.version)
    with pytest.raises(DataError, match="provenance"):
        critique_page(Renderer(bare, "zh", "https://example.org/", None), bare.plan.critiques[0])


def test_the_export_carries_the_provenance(index: Index) -> None:
    doc = export.build(index, "https://example.org/", index.plan.version)
    assert doc["commentary_source"]["title"] is None and doc["commentary_source"]["author"] is None
    assert [r["url"] for r in doc["commentary_source"]["reposts"]] == REPOSTS
    assert REPOSTS[0] in doc["licence"]
    units = export.units(doc)
    assert all(units[c]["commentary_source"] == doc["commentary_source"] for c in index.critiques)


def test_the_open_data_pages_name_the_source_in_both_languages() -> None:
    """The authored licence lines name every repost (kept in step with data/commentary.yaml)."""
    for page in ("content/open-data.md", "content/en/open-data.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        assert all(url in text for url in REPOSTS), page
        assert "commentary/index.md#source" in text, page


@pytest.mark.slow
def test_the_provenance_shows_on_the_commentary_and_every_critique_page(site: Path, index: Index) -> None:
    for lang in paths.LANGS:
        pre = site / paths.prefix(lang)
        assert "commentary/#source" in (pre / "index.html").read_text(encoding="utf-8")  # the home page quotes the commentary too
        whole = (pre / "commentary" / "index.html").read_text(encoding="utf-8")
        assert 'id="source"' in whole and all(url in whole for url in REPOSTS)
        for cid in index.critiques:
            page = (pre / "commentary" / cid / "index.html").read_text(encoding="utf-8")
            assert 'class="ap-source"' in page and REPOSTS[0] in page, (lang, cid)
