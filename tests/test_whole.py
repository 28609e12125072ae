"""The whole plan on one page (pages/whole.py) and the PDF of the annotated edition printed from it
(pdf.py): every unit in order with its permalink and its critiques, in both languages; the PDFs'
pages, bookmarks, text, fonts; nothing fetched from another host.

The page's tests run on the tiny fixture (fast) and on the real built site (``slow``); the PDFs
are printed from the real built site into a temporary folder (``slow``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from actionplan import paths, pdf
from actionplan.index import Index
from actionplan.labels import LABELS
from actionplan.model import Action
from actionplan.pages.whole import whole_page
from actionplan.render import Renderer
from actionplan.site import load_all

from .conftest import TINY
from .sitecheck import MADE_BY_PDF

SITE_URL = "https://example.org/tiny/"


@pytest.fixture(scope="module")
def tiny_ix() -> Index:
    return load_all(TINY / "data", TINY / "content" / "commentary", TINY)


@pytest.mark.parametrize("lang", paths.LANGS)
def test_every_unit_in_order_with_its_permalink_and_critiques(tiny_ix: Index, lang: str) -> None:
    r = Renderer(tiny_ix, lang, SITE_URL, None)
    page = whole_page(r)
    assert page.src == paths.WHOLE
    body = page.content
    anchors = re.findall(r"^#{2,4} .* \{#([^ }]+) \}$", body, flags=re.M)
    assert anchors == tiny_ix.plan.unit_ids()  # every unit, once, in reading order
    sections = re.split(r'^<section class="ap-whole-unit', body, flags=re.M)[1:]
    assert len(sections) == len(anchors)
    for uid, section in zip(anchors, sections, strict=True):
        assert f"{SITE_URL}{paths.prefix(lang)}plan/{uid}/" in section  # the unit's permalink
        crit = tiny_ix.critiques_of.get(uid, [])
        for c in crit:
            assert f"(../commentary/{c.id}.md)" in section  # a marker linking the critique
        if crit:
            assert LABELS[lang]["whole_critiques"].format(n=len(crit)) in section
        u = tiny_ix.units[uid]
        if isinstance(u, Action) and u.lead:
            assert f"[{u.lead[0]}](../agencies/{u.lead[0]}.md)" in section  # the lead
    assert any(tiny_ix.critiques_of.get(uid) for uid in anchors)  # the fixture has critiques to mark
    # the footnotes once, at the end, for every reference
    refs = set(re.findall(r'href="#fn-(\d+)"', body))
    assert refs and refs <= set(re.findall(r'id="fn-(\d+)"', body))
    # the edition and date on top, in this language's words
    assert LABELS[lang]["whole_edition"].format(version=r.site.version, date=r.date_words(tiny_ix.plan.date)) in body


def test_the_pdfs_go_where_the_links_and_the_link_checker_expect(tmp_path: Path) -> None:
    assert tuple(pdf.pdf_file(tmp_path, lang).relative_to(tmp_path).as_posix() for lang in paths.LANGS) == MADE_BY_PDF


def test_the_pdf_step_reads_only_the_built_site(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.css").write_text("p{}", encoding="utf-8")
    fetch = pdf.local_fetcher(tmp_path, "https://example.org/x/")
    assert fetch("https://example.org/x/assets/a.css")["string"] == b"p{}"
    assert fetch((tmp_path / "assets" / "a.css").as_uri())["mime_type"] == "text/css"
    for bad in ("https://cdn.example.com/a.css", "https://example.org/x/../../etc/passwd", "file:///etc/passwd",
                "https://example.org/x/assets/missing.css", "data:text/css,p{}"):
        with pytest.raises(ValueError):
            fetch(bad)
    with pytest.raises(pdf.PdfError, match="build the site first"):
        pdf.render(tmp_path, "zh")


# -- the real site --------------------------------------------------------------------------------


class _Units(HTMLParser):
    """The whole page's unit sections in order: id, permalink, critique links, ids on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.units: list[dict[str, Any]] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "section" and "ap-whole-unit" in (a.get("class") or ""):
            self.units.append({"id": a.get("aria-labelledby"), "permalink": None, "links": []})
        elif tag == "a" and self.units:
            if "ap-permalink" in (a.get("class") or "") and self.units[-1]["permalink"] is None:
                self.units[-1]["permalink"] = a.get("href")
            self.units[-1]["links"].append(a.get("href") or "")


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_the_built_whole_page(site: Path, index: Index, lang: str) -> None:
    import json

    site_url = json.loads((site / "export" / "plan.json").read_text(encoding="utf-8"))["site_url"]
    p = _Units()
    p.feed((site / paths.site_path(paths.WHOLE, lang) / "index.html").read_text(encoding="utf-8"))
    assert [u["id"] for u in p.units] == index.order == index.plan.unit_ids()
    assert len(p.ids) == len(set(p.ids))  # no id twice on the page
    for u in p.units:
        assert u["permalink"] == site_url + paths.site_path(paths.unit(u["id"]), lang)
        for c in index.critiques_of.get(u["id"], []):
            assert f"../../commentary/{c.id}/" in u["links"]
    home = (site / paths.prefix(lang) / "index.html").read_text(encoding="utf-8")
    assert 'href="plan/whole/"' in home and 'href="plan/whole/annotated-edition.pdf"' in home


# -- the PDFs -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    return {lang: pdf.render(site, lang, out / f"{lang}.pdf") for lang in paths.LANGS}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_the_pdf_has_contents_bookmarks_every_action_and_embedded_fonts(pdfs: dict[str, Path], index: Index, lang: str) -> None:
    from pypdf import PdfReader

    from .conftest import ARTIFACTS

    (ARTIFACTS / "pdf").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "pdf" / f"whole-{lang}.pdf").write_bytes(pdfs[lang].read_bytes())
    reader = PdfReader(pdfs[lang])
    assert len(reader.pages) > 30  # a title page, the contents, ~140 units

    def titles(items: list[Any]) -> list[str]:
        return [t for x in items for t in (titles(x) if isinstance(x, list) else [x.title])]

    marks = titles(reader.outline)
    L = LABELS[lang]
    assert len(marks) == len(index.order) + 1  # every unit, and the footnotes
    assert marks[0] == L["intro"] and marks[-1] == L["footnotes"]
    assert all(f"{L['action']} {a.id}" in marks for a in index.plan.actions())
    pages = [_flat(pg.extract_text()) for pg in reader.pages]
    whole = "".join(pages)
    assert index.plan.version in pages[0]  # the edition on the title page
    assert re.search(r"(\.){10,}\d+", pages[1])  # the contents, with page numbers
    zh = index.plan.translations["zh"]
    for a in index.plan.actions():
        heading = _flat(f"{L['action']} {a.id}")
        at = whole.find(heading + "永久链接" if lang == "zh" else heading + "Permalink")
        assert at >= 0, a.id
        start = _flat(str(zh[a.id].fields["text"]))[:12] if lang == "zh" else _flat(a.text)[:40]
        assert start in whole[at:at + 3000], a.id  # the action's text, right after its heading
        assert f"plan/{a.id}/" in whole[at:at + 600]  # its permalink
    for page in reader.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            f = f.get_object()
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            assert desc is not None, f
            assert any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")), f.get("/BaseFont")
