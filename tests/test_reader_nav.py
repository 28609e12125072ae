"""What a reader sees of the way around (issue 17, "Readers"): the home page's compact table of
contents, the unit among its siblings, CJK text never slanted. Real chromium against 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ARTIFACTS

# slow: every test reads the real site, built whole (the `site` and `server` fixtures).
pytestmark = pytest.mark.slow

PHONE = 390  # CSS px: a common phone width
SCREEN = 844  # CSS px: that phone's screen height


def open_page(browser, url: str, width: int = 1280, **kw):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, **kw)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return context, page


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{name}.png"), full_page=False)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("js", [True, False])
def test_home_contents_fold_per_pillar_and_open_without_script(browser, server: str, index, lang: str, js: bool) -> None:  # type: ignore[no-untyped-def]
    pillars = index.plan.pillars
    context, page = open_page(browser, server + lang, PHONE, java_script_enabled=js)
    folds = page.locator("details.ap-toc-pillar")
    assert folds.count() == len(pillars)
    # Every pillar stays a visible heading with its link and anchor; its goals and actions are folded.
    for p in pillars:
        assert page.locator(f"h3#pillar-{p.id} a:not(.headerlink)").is_visible()
    first = pillars[0]
    action = first.goals[0].actions[0]
    link = page.locator("details.ap-toc-pillar a", has_text=re.compile(rf"^{re.escape(action.id)}$")).first
    assert not link.is_visible()
    # The fold says what it holds, and the keyboard opens it (a native disclosure: no script needed).
    summary = folds.first.locator("summary")
    n_actions = sum(len(g.actions) for g in first.goals)
    assert str(len(first.goals)) in summary.inner_text() and str(n_actions) in summary.inner_text()
    summary.focus()
    page.keyboard.press("Enter")
    assert folds.first.evaluate("d => d.open") and link.is_visible()
    # Still the full table of contents: every goal and action of the plan is linked.
    for p in pillars:
        for g in p.goals:
            assert page.locator(f'details.ap-toc-pillar a[href$="plan/{g.id}/"]').count() == 1
            for a in g.actions:
                assert page.locator(f'details.ap-toc-pillar a[href$="plan/{a.id}/"]').count() == 1
    if js:
        shot(page, f"home-toc-open-{lang.strip('/') or 'zh'}-{PHONE}")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_home_is_a_few_screens_on_a_phone(browser, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: about 20 screens at 390 px before the contents folded. The budget grew from 6 to 6.5
    screens with issue 27, which asks the home page's record coverage to define its relations and
    say which sources were searched (its chart, unreadable at this width, is left out on a phone)."""
    context, page = open_page(browser, server + lang, PHONE)
    height = page.evaluate("document.documentElement.scrollHeight")
    context.close()
    assert height < 6.5 * SCREEN, f"home page is {height} px ({height / SCREEN:.1f} screens) at {PHONE} px"


def test_home_page_has_its_own_commentary_heading(site: Path) -> None:
    from actionplan.labels import LABELS

    for lang, prefix in (("zh", ""), ("en", "en/")):
        html = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert LABELS[lang]["critiques_here"] not in html
        assert re.search(r'<h2 id="commentary">' + re.escape(LABELS[lang]["critiques_plan"]), html)


CJK_ITALIC = """() => {
  const cjk = /[\\u3400-\\u9fff\\uf900-\\ufaff]/;
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('');
    if (cjk.test(own) && getComputedStyle(el).fontStyle !== 'normal')
      bad.push(el.tagName + '.' + el.className + ': ' + own.trim().slice(0, 30));
  }
  return bad;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "en/", "plan/I.1.2/", "en/plan/I.1.2/", "commentary/C05/", "en/commentary/C05/", "commentary/"])
def test_no_chinese_text_is_set_in_italic(browser, server: str, path: str) -> None:  # type: ignore[no-untyped-def]
    """CJK fonts have no italic: the browser would slant the glyphs (the epigraph's translation did)."""
    context, page = open_page(browser, server + path)
    bad = page.evaluate(CJK_ITALIC)
    if path == "":
        # The check sees the epigraph: its translation is there, upright, while the English is italic.
        assert page.locator('.ap-epigraph blockquote[lang="zh-Hans"] p').first.evaluate("e => getComputedStyle(e).fontStyle") == "normal"
        assert page.locator('.ap-epigraph blockquote[lang="en"] p').first.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    context.close()
    assert not bad, bad


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, PHONE])
def test_unit_pages_show_the_unit_among_its_siblings(browser, server: str, index, width: int) -> None:  # type: ignore[no-untyped-def]
    plan = index.plan
    goal = plan.pillars[0].goals[0]
    action = goal.actions[1]
    cases = [("", action.id, [a.id for a in goal.actions]), ("en/", action.id, [a.id for a in goal.actions]),
             ("", goal.id, [g.id for g in plan.pillars[0].goals]), ("en/", plan.pillars[1].id, [p.id for p in plan.pillars])]
    for lang, uid, siblings in cases:
        context, page = open_page(browser, server + lang + f"plan/{uid}/", width)
        nav = page.locator("nav.ap-siblings")
        assert nav.is_visible()
        assert nav.locator('[aria-current="page"]').all_inner_texts() == [uid]
        assert nav.locator("a").all_inner_texts() == [s for s in siblings if s != uid]
        nav.locator("a").first.click()
        assert page.url.endswith(f"/plan/{siblings[0] if siblings[0] != uid else siblings[1]}/")
        # Compact: the sibling list takes at most two lines' worth of height on a phone.
        if lang == "" and uid == action.id:
            page.go_back()
            assert page.locator("nav.ap-siblings").bounding_box()["height"] < 60
            shot(page, f"unit-siblings-{uid}-{width}")
        context.close()


def test_intro_has_no_sibling_list(site: Path) -> None:
    html = (site / "plan" / "intro" / "index.html").read_text(encoding="utf-8")
    assert "ap-siblings" not in html


def test_no_aria_label_on_elements_that_cannot_be_named(site: Path) -> None:
    """The Nu Html Checker refuses aria-label on a span, div or p without a role (the coverage
    page's heat cells had one): the text is what assistive technology reads."""
    bad = []
    for f in sorted(site.rglob("*.html")):
        for m in re.finditer(r"<(span|div|p)\b([^>]*)>", f.read_text(encoding="utf-8")):
            if "aria-label=" in m.group(2) and "role=" not in m.group(2):
                bad.append(f"{f.relative_to(site)}: {m.group(0)[:120]}")
    coverage = (site / "commentary" / "coverage" / "index.html").read_text(encoding="utf-8")
    assert 'class="ap-heat"' in coverage
    assert not bad, bad[:10]


def test_the_build_performance_page_is_out_of_the_readers_way(site: Path) -> None:
    """Issue 17: readers do not need it; it stays a page (linked from the repository), in no menu."""
    from .conftest import ROOT

    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        nav = re.search(r"^nav:\n((?:[ -].*\n)+)", (ROOT / config).read_text(encoding="utf-8"), re.M)
        assert nav and "index.md" in nav.group(1) and "performance" not in nav.group(1), config
    linking = [str(f.relative_to(site)) for f in site.rglob("*.html")
               if "performance" not in f.parts and re.search(r'href="[^"]*performance/', f.read_text(encoding="utf-8"))]
    assert not linking, linking[:5]
    assert "构建性能" in (site / "performance" / "index.html").read_text(encoding="utf-8")
