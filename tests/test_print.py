"""A unit page on paper (content/assets/print.css): the controls gone, and the version, date,
permalink and citation on the first page. Chromium prints it, as a reader's browser does; the
screenshots and PDFs land in test-artifacts/print/ to be looked at."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from actionplan.index import Index

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HIDDEN = (".md-header", ".md-sidebar--primary", ".md-search", ".ap-toggle", ".ap-toggle button", ".ap-cite-tabs",
          "input[type=radio]", ".ap-cite-dl", ".ap-copy", ".ap-compare-link", ".ap-source", ".ap-prevnext", ".md-footer",
          ".md-content__button")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_printed_unit_page_shows_text_version_permalink_and_citation_not_controls(
        browser, server: str, index: Index, lang: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + lang + "plan/I.3.5/", wait_until="networkidle")
    page.emulate_media(media="print")
    out = ARTIFACTS / "print"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"I.3.5-{lang.strip('/') or 'zh'}.png"), full_page=True)
    for sel in HIDDEN:
        shown = [i for i in range(page.locator(sel).count()) if page.locator(sel).nth(i).is_visible()]
        assert not shown, f"{sel} is printed"
    assert page.locator(".ap-permalink").first.is_visible()
    assert page.locator(".ap-print-head").is_visible()  # edition, date and address on top
    assert index.plan.date in page.locator(".ap-print-head").inner_text()  # the edition's date, not the unit's
    cite = page.locator(".ap-cite-item pre").filter(visible=True).first
    assert cite.is_visible()
    # The citation comes before the text: it prints on page one.
    assert page.locator(".ap-cite").bounding_box()["y"] < page.locator(".ap-parallel").bounding_box()["y"]
    # ... and after the title: the heading, its other-language title and the permalink line come first.
    assert page.locator("h1").bounding_box()["y"] < page.locator(".ap-meta").bounding_box()["y"] < page.locator(".ap-cite").bounding_box()["y"]
    pdf = tmp_path / "I.3.5.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    (out / f"I.3.5-{lang.strip('/') or 'zh'}.pdf").write_bytes(pdf.read_bytes())
    # NFKC: Chromium's PDF maps some CJK glyphs to Kangxi radicals (⾏ for 行) when text is extracted.
    def flat(text: str) -> str:
        return unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))

    first = flat(PdfReader(str(pdf)).pages[0].extract_text())
    assert "plan/I.3.5/" in first  # the permalink
    assert index.plan.version in first  # the edition's version (the version bar)
    assert page.locator(".ap-cite-meta time").first.inner_text() in first  # the date of this unit's text
    assert flat(cite.inner_text())[:40] in first  # the citation
    for word in ("仅原文", "下载引用", "比较版本", "查看数据源", "Download citation", "Compare versions", "View the data source"):
        assert flat(word) not in first, word
    # A hub page prints its edition, date and address on top too.
    page.goto(server + lang + "agencies/OSTP/", wait_until="networkidle")
    page.emulate_media(media="print")
    top = page.locator(".ap-print-head")
    assert top.is_visible() and index.plan.version in top.inner_text() and index.plan.date in top.inner_text()
    assert top.inner_text().rstrip().endswith(lang + "agencies/OSTP/")
    # A goal's title in the other language stays under its heading, above the citation.
    page.goto(server + lang + "plan/II.2/", wait_until="networkidle")
    page.emulate_media(media="print")
    page.screenshot(path=str(out / f"II.2-{lang.strip('/') or 'zh'}.png"), full_page=True)
    assert page.locator("h1").bounding_box()["y"] < page.locator(".ap-subtitle").first.bounding_box()["y"] \
        < page.locator(".ap-cite").bounding_box()["y"]
    context.close()
