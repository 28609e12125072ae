"""Real-browser checks (issues #4, #5, #7): Debian chromium via Playwright against 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from .conftest import ARTIFACTS, ROOT, local_only

# slow as well: the `server` fixture serves the real site, built whole.
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def an_instrument() -> str:
    """The first instrument of the record that bears on a unit: the record grows and changes, so the
    instrument page visited is taken from it rather than pinned."""
    entries = yaml.safe_load((ROOT / "data" / "record.yaml").read_text(encoding="utf-8"))
    return next(str(e["id"]) for e in entries if e.get("units"))


PAGE_TYPES = {
    "home": "", "pillar": "plan/II/", "goal": "plan/I.3/", "action": "plan/I.3.5/", "critique": "commentary/C19/",
    "agency": "agencies/DOC/", "commentary": "commentary/", "coverage": "commentary/coverage/", "ids": "ids/",
    "record": "record/", "instrument": f"record/{an_instrument()}/",
}


def new_page(browser, width: int = 1280, **kw):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, **kw)
    return context, context.new_page()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_request_leaves_localhost(browser, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    outside = local_only(page, server)
    missing = []
    for path in PAGE_TYPES.values():
        response = page.goto(server + lang + path, wait_until="networkidle")
        if not (response and response.ok):  # every page type visited exists (the instrument is taken from the data)
            missing.append(lang + path)
    context.close()
    assert not outside, outside
    assert not missing, missing


def test_navigation_as_a_reader_does_it(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    page.goto(server)
    page.locator("#contents ~ h3 a", has_text="支柱 III").first.click()
    assert page.url.endswith("/plan/III/")
    page.locator("#children + div a", has_text="目标 III.1").first.click()
    assert page.url.endswith("/plan/III.1/")
    page.locator("#children + div a", has_text="行动 III.1.1").first.click()
    assert page.url.endswith("/plan/III.1.1/")
    assert page.locator("h1").inner_text().startswith("行动 III.1.1")
    page.locator("blockquote.ap-critique a", has_text="C19").first.click()
    assert page.url.endswith("/commentary/C19/")
    page.locator("#targets + div a", has_text="行动 III.1.1").first.click()
    assert page.url.endswith("/plan/III.1.1/")
    page.locator(".ap-crumbs a", has_text="目标 III.1").click()
    assert page.url.endswith("/plan/III.1/")
    page.go_back()
    page.locator(".ap-prevnext a.ap-next").click()
    assert page.url.endswith("/plan/III.2/")
    page.locator(".ap-prevnext a.ap-prev").click()
    assert page.url.endswith("/plan/III.1.1/")
    page.goto(server + "plan/I.1.1/")
    page.locator("#lead + div a", has_text="OSTP").click()
    assert page.url.endswith("/agencies/OSTP/")
    page.locator("#leads + div a", has_text="I.1.1").click()
    assert page.url.endswith("/plan/I.1.1/")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_representative_pages(browser, server: str, width: int) -> None:  # type: ignore[no-untyped-def]
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    context, page = new_page(browser, width)
    for name in ("home", "goal", "action", "critique", "agency"):
        for lang in ("", "en/"):
            page.goto(server + lang + PAGE_TYPES[name], wait_until="networkidle")
            path = out / f"{name}-{lang.strip('/') or 'zh'}-{width}.png"
            page.screenshot(path=str(path), full_page=False)
            assert path.stat().st_size > 10_000
    context.close()


def test_cjk_text_renders_in_a_cjk_font(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    page.goto(server + "plan/I.3.5/", wait_until="networkidle")
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    doc = cdp.send("DOM.getDocument")
    node = cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": "p.ap-trans:not(.ap-label)"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    names = [f["familyName"] for f in fonts]
    assert any("CJK" in n or "Han" in n for n in names), names
    context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_accessibility_axe_core_finds_nothing_serious(browser, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    import axe_playwright_python

    axe_js = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    context, page = new_page(browser)
    problems = []
    for name, path in [*PAGE_TYPES.items(), ("search box open", "plan/I.3/")]:
        page.goto(server + lang + path, wait_until="networkidle")
        if name == "search box open":  # the dialog with results, "more" and filters showing
            search(page, "数据中心" if lang == "" else "data centers")
        page.add_script_tag(content=axe_js)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"][:3]]
                problems.append(f"{lang}{name}: {v['id']} ({v['impact']}): {v['help']} {targets}")
    context.close()
    assert not problems, "\n".join(problems)


def test_keyboard_reaches_search_and_language_switch(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    page.goto(server + "plan/I.3.5/", wait_until="networkidle")
    reached: set[str] = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        desc = page.evaluate("""() => { const e = document.activeElement;
            return (e.getAttribute('aria-label') || '') + '|' + (e.getAttribute('name') || '') + '|' + e.tagName; }""")
        if desc.startswith(("搜索（快捷键 /）|", "Search (shortcut /)|")) and desc.endswith("|BUTTON"):
            reached.add("search")
        if desc.startswith(("选择当前语言", "Select language")) or "语言" in desc.split("|")[0]:
            reached.add("language")
    assert reached == {"search", "language"}, reached
    context.close()


def test_language_switch_keeps_the_unit(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    page.goto(server + "plan/II.3.1/")
    page.locator(".md-header .md-select button").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    assert page.url.endswith("/en/plan/II.3.1/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header .md-select button").hover()
    page.locator('.md-select__link[hreflang="zh"]').click()
    assert page.url.endswith("/plan/II.3.1/") and "/en/" not in page.url
    context.close()


def search(page, words: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The site's search box (search.js over Pagefind), typed with fill() as an input method commits text."""
    page.locator(".ap-search-button").click()
    page.wait_for_function("() => window.apSearch && window.apSearch.ready()", timeout=20_000)
    page.locator("input.ap-search__input").fill(words)
    page.wait_for_function("q => document.getElementById('ap-search-results').getAttribute('data-query') === q", arg=words,
                           timeout=20_000)
    return page.eval_on_selector_all(".ap-search__link", "els => els.map(e => e.href)")


@pytest.mark.parametrize(("lang", "words", "expect"), [
    ("", "黑客马拉松", "/plan/I.10.3/"),       # only in the Chinese translation of I.10.3
    ("", "监管沙盒", "/plan/I.4.1/"),
    ("", "hackathon", "/plan/I.10.3/"),        # English words are found on the Chinese site
    ("en/", "hackathon", "/en/plan/I.10.3/"),
    ("en/", "开放权重", "/en/plan/I.3"),        # and Chinese words on the English site (I.3 or its actions)
])
def test_search_in_both_languages(browser, server: str, lang: str, words: str, expect: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    page.goto(server + lang + "plan/I.1.1/", wait_until="networkidle")
    hrefs = search(page, words)
    assert any(urlsplit(h).path.startswith(expect) for h in hrefs), hrefs
    if lang == "":
        assert not any("/en/" in h for h in hrefs), hrefs  # results stay in the reader's language
    context.close()


def test_original_translation_control_works_and_persists(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    page.goto(server + "plan/I.1.1/")
    assert page.locator(".ap-pair > .ap-orig").first.is_visible() and page.locator(".ap-pair > .ap-trans").first.is_visible()
    page.locator('[data-ap-show="orig"]').click()
    assert page.locator(".ap-pair > .ap-orig").first.is_visible() and not page.locator(".ap-pair > .ap-trans").first.is_visible()
    page.goto(server + "en/plan/II.2.1/")
    assert not page.locator(".ap-pair > .ap-trans").first.is_visible()
    assert page.locator('[data-ap-show="orig"]').get_attribute("aria-pressed") == "true"
    page.locator('[data-ap-show="trans"]').click()
    page.goto(server + "commentary/C19/")
    assert page.locator(".ap-pair > .ap-trans").first.is_visible() and not page.locator(".ap-pair > .ap-orig").first.is_visible()
    page.locator('[data-ap-show="both"]').click()
    assert page.locator(".ap-pair > .ap-orig").first.is_visible() and page.locator(".ap-pair > .ap-trans").first.is_visible()
    context.close()


def test_copy_buttons_put_the_right_text_on_the_clipboard(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(server + "plan/I.3.5/")
    page.locator(".ap-meta .ap-copy").click()
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    today = page.evaluate("""(() => { const d = new Date(), p = (n) => String(n).padStart(2, '0');
        return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()); })()""")
    page.locator('button[aria-label="复制 GB/T 7714-2015"]').first.click()
    gbt = page.evaluate("navigator.clipboard.readText()")
    assert "推荐政策行动 I.3.5（目标 I.3：" in gbt and "）[EB/OL]" in gbt and f"[{today}]" in gbt and canonical in gbt and "{ACCESSED}" not in gbt
    page.locator("label.ap-cite-tab", has_text="BibTeX").click()  # one format at a time
    page.locator('button[aria-label="复制 BibTeX"]').click()
    bib = page.evaluate("navigator.clipboard.readText()")
    assert bib.startswith("@misc{aiap-I-3-5,\n") and f"  urldate = {{{today}}},\n" in bib
    page.locator("label.ap-cite-tab", has_text="RIS").click()
    page.locator('button[aria-label="复制 RIS"]').first.click()
    ris = page.evaluate("navigator.clipboard.readText()").split("\n")
    assert ris[0] == "TY  - ELEC" and f"Y2  - {today.replace('-', '/')}" in ris and ris[-1] == "ER  - "
    context.close()


def test_one_citation_format_at_a_time_remembered_across_pages(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    page.goto(server + "plan/I.3.5/")
    items = page.locator(".ap-cite-item[data-ap-fmt]")
    assert [items.nth(i).is_visible() for i in range(5)] == [True, False, False, False, False]  # GB/T 7714 first in Chinese
    page.locator("label.ap-cite-tab", has_text="BibTeX").click()
    assert [items.nth(i).is_visible() for i in range(5)] == [False, False, False, True, False]
    page.goto(server + "commentary/C19/")
    assert page.locator('input[name="ap-cite-fmt"][data-ap-fmt-name="BibTeX"]').is_checked()
    assert page.locator(".ap-cite-item[data-ap-fmt='4']").is_visible() and not page.locator(".ap-cite-item[data-ap-fmt='1']").is_visible()
    context.close()


def test_without_script_the_cite_panel_shows_no_placeholder(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser, java_script_enabled=False)
    page.goto(server + "en/plan/I.3.5/")
    panel = page.locator(".ap-cite").inner_text()
    assert "{ACCESSED" not in panel and "Retrieved" not in panel
    items = page.locator(".ap-cite-item[data-ap-fmt]")
    assert [items.nth(i).is_visible() for i in range(5)] == [False, True, False, False, False]  # APA first in English
    page.locator("label.ap-cite-tab", has_text="Chicago").click()  # radio buttons work without script
    assert items.nth(2).is_visible() and not items.nth(1).is_visible()
    context.close()


def test_id_box_goes_to_any_spelling(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context, page = new_page(browser)
    for typed, expect in [("i-3-5", "/plan/I.3.5/"), ("II/1", "/plan/II.1/"), ("c7", "/commentary/C07/"), ("iii.7.3", "/plan/III.7.3/")]:
        page.goto(server + "ids/")
        page.fill("#ap-goto-input", typed)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(expect) + "$"))
    page.goto(server + "ids/")
    page.fill("#ap-goto-input", "IV.9")
    page.keyboard.press("Enter")
    assert "没有这个编号" in page.locator(".ap-goto-msg").inner_text()
    page.goto(server + "id/i/3/5/")
    page.wait_for_url(re.compile(r"/plan/I\.3\.5/$"))
    context.close()


def test_print_keeps_text_id_permalink_and_citation(browser, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    context, page = new_page(browser)
    page.goto(server + "plan/I.3.5/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    pdf = tmp_path / "I.3.5.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "print" / "I.3.5.pdf").write_bytes(pdf.read_bytes())
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    text = text.replace("- ", "-")  # a line broken after a hyphen ("open- weight") reads as one word
    assert "I.3.5" in text
    assert "convene stakeholders to help drive adoption of open-source and open-weight models" in text
    assert "plan/I.3.5/" in text  # the permalink
    assert "[EB/OL]" in text  # the citation
    assert "America's AI Action Plan, annotated" not in text.split("I.3.5")[0][:0]  # no header chrome before the ID
    context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_timeline_filters_by_pillar_issuer_kind_and_relation(browser, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The filter shows only the entries that match; without JavaScript it stays hidden and all are shown."""
    context, page = new_page(browser)
    page.goto(server + lang + "record/")
    items = page.locator(".ap-tl-item")
    total = items.count()
    assert total > 1 and page.locator("form.ap-tl-filter").is_visible()

    def shown() -> list[str]:
        return [items.nth(i).get_attribute("id") or "" for i in range(total) if items.nth(i).is_visible()]

    assert len(shown()) == total
    pillars = {i: (items.nth(i).get_attribute("data-pillar") or "").split() for i in range(total)}
    page.select_option("select[name=pillar]", "II")
    want = [items.nth(i).get_attribute("id") for i in range(total) if "II" in pillars[i]]
    assert shown() == want and 0 < len(want) < total
    assert f"{len(want)}" in (page.locator("form.ap-tl-filter output").text_content() or "")
    page.select_option("select[name=pillar]", "")
    page.select_option("select[name=kind]", "notice")
    assert shown() and all(items.nth(i).get_attribute("data-kind") == "notice" for i in range(total) if items.nth(i).is_visible())
    page.select_option("select[name=agency]", "President")
    assert shown() == [], "no presidential notice"
    page.select_option("select[name=agency]", "")
    page.select_option("select[name=kind]", "")
    page.select_option("select[name=relation]", "orders")
    rels = {i: (items.nth(i).get_attribute("data-relation") or "").split() for i in range(total)}
    want = [items.nth(i).get_attribute("id") for i in range(total) if "orders" in rels[i]]
    assert shown() == want and 0 < len(want) < total
    context.close()
    context, page = new_page(browser, java_script_enabled=False)
    page.goto(server + lang + "record/")
    assert not page.locator("form.ap-tl-filter").is_visible()
    assert all(page.locator(".ap-tl-item").nth(i).is_visible() for i in range(total))
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("lang", "omb"), [("", "管理和预算办公室 · Office of Management and Budget"),
                                           ("en/", "Office of Management and Budget · 管理和预算办公室")])
def test_an_acronym_shows_its_expansion_on_hover_focus_and_tap(browser, server: str, lang: str, omb: str,  # type: ignore[no-untyped-def]
                                                                 width: int) -> None:
    """Issue #28: a reader who lands on I.1.3 from a citation learns what OMB is where it stands:
    on hover, on keyboard focus (the Tab key, not a script's focus()) and on tap, in both languages
    and at a phone's width; the theme ties the shown explanation to the acronym (aria-describedby)."""
    context, page = new_page(browser, width, has_touch=True)
    page.goto(server + lang + "plan/I.1.3/", wait_until="networkidle")
    tip = page.locator(".md-tooltip2--active")
    first = page.locator(".ap-orig abbr").first
    assert first.inner_text() == "OMB" and first.get_attribute("tabindex") == "0"

    first.hover()
    tip.wait_for(state="visible")
    assert tip.inner_text() == omb
    page.mouse.move(1, 1)
    tip.wait_for(state="detached")

    page.locator('[data-ap-show="trans"]').focus()  # the control just before the texts
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    assert page.evaluate("document.activeElement.textContent") == "OMB"
    tip.wait_for(state="visible")
    assert tip.inner_text() == omb
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == tip.get_attribute("id")
    page.wait_for_timeout(300)  # the tooltip fades in: let the artifact show it
    page.screenshot(path=str(ARTIFACTS / f"acronym-{lang.strip('/') or 'zh'}-{width}.png"))
    page.keyboard.press("Shift+Tab")
    tip.wait_for(state="detached")

    later = page.locator(".ap-trans abbr").first  # a later mention: focusable by tap, not a Tab stop
    assert later.get_attribute("tabindex") == "-1"
    later.tap()
    tip.wait_for(state="visible")
    assert tip.inner_text() == omb
    context.close()
