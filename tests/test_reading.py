"""Reading as a reader does (issue 23): the two languages paragraph by paragraph, the ¶ target shown,
the place kept across a language switch. Debian chromium via Playwright, at 1280 and 390 px."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every kind of page that has paragraphs: the introduction, a pillar, a goal, an action, a critique.
PARAGRAPH_PAGES = ["plan/intro/", "plan/II/", "plan/I.3/", "plan/I.3.5/", "commentary/C19/"]
LINE = 24  # px: one line of body text at the theme's size


def _page(browser, width: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    return context, context.new_page()


def _pairs(page) -> list[tuple[float, float, float]]:  # type: ignore[no-untyped-def]
    """(top of the original, top of the translation, bottom of the original) of each paragraph pair."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('.ap-pair:not(.ap-pair-head)')).map(pair => {
        const o = pair.querySelector(':scope > .ap-orig').getBoundingClientRect();
        const t = pair.querySelector(':scope > .ap-trans').getBoundingClientRect();
        return [o.top + scrollY, t.top + scrollY, o.bottom + scrollY];
    })""")


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", PARAGRAPH_PAGES)
def test_each_paragraph_sits_beside_its_translation_on_a_wide_screen(browser, server: str, lang: str, path: str) -> None:  # type: ignore[no-untyped-def]
    context, page = _page(browser, 1280)
    page.goto(server + lang + path)
    pairs = _pairs(page)
    assert pairs, path
    for n, (orig, trans, _) in enumerate(pairs, 1):
        assert abs(orig - trans) < LINE, (path, n, orig, trans)
    context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", PARAGRAPH_PAGES)
def test_on_a_phone_each_translation_follows_its_original(browser, server: str, lang: str, path: str) -> None:  # type: ignore[no-untyped-def]
    context, page = _page(browser, 390)
    page.goto(server + lang + path)
    tops = []
    for orig, trans, orig_bottom in _pairs(page):
        assert trans >= orig_bottom, (path, orig, trans)  # below its original, not beside it
        tops += [orig, trans]
    assert tops == sorted(tops), f"{path}: original, translation, original, translation… in order"
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_paragraph_a_link_points_at_is_highlighted(browser, server: str, lang: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context, page = _page(browser, width)
    page.goto(server + lang + "plan/intro/")
    page.locator("#p3-zh .ap-pin").click()  # the ¶ beside the Chinese paragraph points at the pair
    assert page.url.endswith("#p3")
    colours = page.evaluate("""() => Array.from(document.querySelectorAll('.ap-pair:not(.ap-pair-head)'))
        .map(p => getComputedStyle(p).backgroundColor)""")
    plain = "rgba(0, 0, 0, 0)"
    assert colours[2] != plain and all(c == plain for n, c in enumerate(colours) if n != 2), colours
    # …and it is in view, under the header, with its translation.
    box = page.locator("#p3").bounding_box()
    assert box and 40 < box["y"] < 300, box
    context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_three_reading_modes_apply_to_every_pair(browser, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context, page = _page(browser, 1280)
    page.goto(server + lang + "plan/intro/")
    shown = "() => [document.querySelectorAll('.ap-pair > .ap-orig'), document.querySelectorAll('.ap-pair > .ap-trans')]" \
            ".map(list => Array.from(list).filter(e => e.offsetParent !== null).length)"
    both = page.evaluate(shown)
    assert both[0] == both[1] > 5
    page.locator('[data-ap-show="orig"]').click()
    assert page.evaluate(shown) == [both[0], 0]
    page.locator('[data-ap-show="trans"]').click()
    assert page.evaluate(shown) == [0, both[1]]
    page.locator('[data-ap-show="both"]').click()
    assert page.evaluate(shown) == both
    context.close()


@pytest.mark.parametrize(("lang", "other"), [("", "en/"), ("en/", "")])
def test_switching_language_keeps_the_paragraph(browser, server: str, lang: str, other: str) -> None:  # type: ignore[no-untyped-def]
    context, page = _page(browser, 1280)
    page.goto(server + lang + "plan/intro/")
    page.locator("#p3 .ap-pin").click()  # the reader's place changes after the page loaded
    page.locator("a.ap-other-lang").first.click()
    page.wait_for_load_state()
    assert page.url == server + other + "plan/intro/#p3"
    # The theme's own language selector (in the header) keeps it too.
    page.goto(server + lang + "plan/II/#p2")
    page.locator(f'.md-select__link[hreflang="{"en" if lang == "" else "zh"}"]').dispatch_event("click")
    page.wait_for_url(server + other + "plan/II/#p2")
    context.close()


# -- in place: footnotes and previews ------------------------------------------------------------------

def _open_box(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.evaluate("() => { const b = document.getElementById('ap-pop'); return !!b && !b.hidden && b.offsetHeight > 0; }"))


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_footnote_opens_in_place_by_mouse_and_keyboard(browser, server: str, lang: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context, page = _page(browser, width)
    page.goto(server + lang + "plan/intro/")
    ref = page.locator("a.ap-fnref").nth(2)
    note_id = (ref.get_attribute("href") or "")[1:]
    note = " ".join((page.locator(f"#{note_id}").text_content() or "").split())[:60]
    ref.click()
    assert _open_box(page) and page.url.endswith("plan/intro/"), "opened where the reader is, not at the list"
    box = page.locator("#ap-pop")
    assert box.get_attribute("role") == "dialog" and note in " ".join(box.inner_text().split())
    assert page.evaluate("document.activeElement.classList.contains('ap-pop-close')")
    r, b = ref.bounding_box(), box.bounding_box()
    assert r and b
    if width == 390:  # a sheet along the bottom that leaves the marker in view
        assert b["y"] + b["height"] >= 843 and r["y"] + r["height"] <= b["y"] and r["y"] >= 0, (r, b)
    else:  # beside the marker, not over it
        assert b["y"] >= r["y"] + r["height"] or b["y"] + b["height"] <= r["y"], (r, b)
    page.keyboard.press("Escape")
    assert not _open_box(page) and page.evaluate("document.activeElement.classList.contains('ap-fnref')")
    page.keyboard.press("Enter")  # the marker has the focus back: the keyboard opens it again
    assert _open_box(page)
    page.locator(".ap-pop-close").click()
    assert not _open_box(page)
    context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_footnote_list_leads_back_to_each_place_it_is_cited(browser, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context, page = _page(browser, 1280)
    page.goto(server + lang + "plan/intro/")
    backs = page.evaluate("""() => Array.from(document.querySelectorAll('ol.ap-footnotes a.ap-fn-back')).map(a => [
        a.closest('li').id, a.getAttribute('href'), (document.querySelector(a.getAttribute('href')) || {}).getAttribute?.('href')])""")
    refs = page.locator("a.ap-fnref").count()
    assert len(backs) == refs > 0
    assert all(target == "#" + li for li, _, target in backs), backs
    page.locator("ol.ap-footnotes a.ap-fn-back").first.click()
    assert page.url.endswith(backs[0][1])
    context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_link_to_another_unit_shows_what_it_is_on_hover_and_focus(browser, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context, page = _page(browser, 1280)
    page.goto(server + lang + "plan/I.3/")
    link = page.locator("#children + div a[href$='I.3.5/']").first
    link.hover()
    page.wait_for_function("() => { const b = document.getElementById('ap-pop'); return b && !b.hidden; }")
    box = page.locator("#ap-pop")
    assert box.get_attribute("role") == "tooltip" and "I.3.5" in box.inner_text()
    expected = "商务部" if lang == "" else "Led by DOC"
    assert expected in box.inner_text()
    page.mouse.move(5, 5)
    page.wait_for_function("() => document.getElementById('ap-pop').hidden")
    page.keyboard.press("Tab")  # the keyboard: focus shows the preview too
    link.focus()
    page.wait_for_function("() => { const b = document.getElementById('ap-pop'); return !b.hidden; }")
    assert link.get_attribute("aria-describedby") == "ap-pop"
    context.close()


def test_a_phone_taps_through_a_unit_link_without_a_preview(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server + "plan/I.3/")
    page.locator("#children + div a[href$='I.3.5/']").first.tap()
    page.wait_for_url("**/plan/I.3.5/")
    assert not _open_box(page)
    context.close()
