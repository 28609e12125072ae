"""A reader's walk through every kind of page (issue 23): no failed request and no console error,
the search's language toggle, nothing scrolling sideways on a phone. Real chromium against 127.0.0.1,
at a desktop's and a phone's width, in both languages."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import ARTIFACTS, ROOT
from .test_browser import search

# browser and slow: every test reads the real site, built whole (the `site` fixture, served by `pages`).
pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (1280, 390)
KINDS = {
    "home": "", "intro": "plan/intro/", "pillar": "plan/II/", "goal": "plan/II.2/", "action": "plan/II.2.3/",
    "commentary unit": "commentary/C05/", "coverage": "commentary/coverage/", "record": "record/",
    "agencies": "agencies/", "agency": "agencies/DOC/", "ids": "ids/", "404": "plan/I.99.9/",
}


@pytest.fixture(scope="module")
def pages(site: Path) -> Iterator[str]:
    """The built site as GitHub Pages serves it: under site_url's path (``/action-plan/``), and the
    root's 404.html, with status 404, for any path that names no file."""
    default = re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert default, "mkdocs.yml names a default site_url"
    mount = urlsplit(default.group(1)).path

    class Pages(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def translate_path(self, path: str) -> str:
            inside = path.startswith(mount)
            return super().translate_path("/" + path[len(mount):] if inside else "/-outside-site_url-/")

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            if code != 404:
                super().send_error(code, message, explain)
                return
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Pages, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{mount}"
    httpd.shutdown()


class Watch:
    """Every failed request, every response of 400 or more and every console error of a page."""

    def __init__(self, page: Any, missing: tuple[str, ...]) -> None:
        self.problems: list[str] = []
        self.missing = missing  # the paths meant to answer 404
        # A console message names the resource it is about (its location); the page's URL when the
        # message is handled may already be the next one's, so a late 404 of a page meant to answer
        # 404 would be blamed on the page after it.
        page.on("console", lambda m: m.type == "error" and self.note(f"console: {m.text} ({m.location.get('url') or page.url})"))
        page.on("pageerror", lambda e: self.note(f"script error: {e} ({page.url})"))
        page.on("requestfailed", lambda r: self.note(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and not r.url.endswith(self.missing) and self.note(f"{r.status}: {r.url}"))

    def note(self, what: str) -> None:
        # The 404 page's own status is logged by Chromium as a console error naming no URL.
        if "status of 404" in what and what.endswith(tuple(f"{m})" for m in self.missing)):
            return
        self.problems.append(what)


def _page(browser: Any, width: int, missing: tuple[str, ...] = ()) -> tuple[Any, Any, Watch]:
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844})
    page = context.new_page()
    return context, page, Watch(page, missing)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_no_page_kind_fails_a_request_or_logs_an_error(browser, pages: str, lang: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context, page, watch = _page(browser, width, (lang + KINDS["404"],))
    sideways = []
    for kind, path in KINDS.items():
        response = page.goto(pages + lang + path, wait_until="networkidle")
        assert response is not None and (response.ok or kind == "404"), (kind, response and response.status)
        # no table, figure or code block scrolls sideways, nor the page
        wide = page.evaluate("""() => [document.documentElement, ...document.querySelectorAll(
            '.md-typeset__scrollwrap, .md-typeset__table, .md-typeset pre, .md-typeset svg')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + '.' + (e.className.baseVal ?? e.className))""")
        if wide:
            sideways.append((kind, wide))
    # the search box, with results in both languages and back
    page.goto(pages + lang + KINDS["goal"], wait_until="networkidle")
    search(page, "芯片" if lang == "" else "chips")
    page.locator("#ap-search-both").check()
    page.locator("#ap-search-both").uncheck()
    context.close()
    assert not watch.problems, "\n".join(watch.problems)
    assert not sideways, sideways


def _status(page: Any) -> str:
    return str(page.locator("#ap-search-results").get_attribute("data-query")) + " | " + page.locator(".ap-search__status").inner_text()


@pytest.mark.parametrize(("lang", "words"), [("", "芯片"), ("en/", "semiconductor")])
def test_unticking_both_languages_restores_this_languages_results(browser, pages: str, lang: str, words: str) -> None:  # type: ignore[no-untyped-def]
    context, page, _ = _page(browser, 1280)
    page.goto(pages + lang, wait_until="networkidle")
    alone = search(page, words)
    before = _status(page)
    page.locator("#ap-search-both").check()
    page.wait_for_function("n => document.querySelectorAll('.ap-search__lang').length > 0", arg=None, timeout=20_000)
    both = page.eval_on_selector_all(".ap-search__link", "els => els.map(e => e.href)")
    assert any(("/en/" in h) != (lang == "en/") for h in both) or _status(page) != before  # the other language came in
    page.locator("#ap-search-both").uncheck()
    page.wait_for_function("() => document.querySelectorAll('.ap-search__lang').length === 0", timeout=20_000)
    page.wait_for_timeout(500)  # the query after the untick has settled
    assert _status(page) == before
    assert page.eval_on_selector_all(".ap-search__link", "els => els.map(e => e.href)") == alone
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "title", "typed", "lands"), [
    ("", "找不到这个页面", "doc", "agencies/DOC/"),
    ("en/", "Page not found", "i-3-5", "plan/I.3.5/"),
])
def test_the_404_page_speaks_the_paths_language_and_resolves_an_id(browser, pages: str, lang: str, title: str, typed: str,  # type: ignore[no-untyped-def]
                                                                  lands: str, width: int) -> None:
    context, page, watch = _page(browser, width, ("plan/I.99.9/", "x/y/z/"))
    for missing in ("plan/I.99.9/", "x/y/z/"):  # any depth: GitHub Pages serves the one root 404.html
        response = page.goto(pages + lang + missing, wait_until="networkidle")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == title  # one heading, in the path's language
        assert page.locator("[data-md-component=announce] .md-banner").count() == 0  # no empty version strip
        links = page.locator(".ap-404-lang:visible a").evaluate_all("els => els.map(e => new URL(e.href).pathname)")
        assert links == [urlsplit(pages).path + lang, urlsplit(pages).path + lang + "ids/"]  # the contents, the IDs
    page.locator(".ap-404-lang:visible input").fill(typed)
    page.locator(".ap-404-lang:visible input").press("Enter")
    page.wait_for_url("**/" + lang + lands, wait_until="networkidle")
    # the short links the box stands for: an agency's and a commentary unit's, in any case
    for short, target in (("id/doc/", "agencies/DOC/"), ("id/c05/", "commentary/C05/")):
        page.goto(pages + short, wait_until="networkidle")
        assert page.url.endswith("/" + target), page.url
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "goal"), [("", "目标 II.2"), ("en/", "Goal II.2")])
def test_the_menu_marks_the_readers_goal_and_an_action_names_its_goal(browser, pages: str, lang: str, goal: str,  # type: ignore[no-untyped-def]
                                                                     width: int) -> None:
    context, page, watch = _page(browser, width)
    page.goto(pages + lang + "plan/II.2.3/", wait_until="networkidle")
    # the action's page names its goal, with its title, and links it
    named = page.locator(".ap-goal-of")
    assert named.inner_text().startswith(goal + " · ") and len(named.inner_text()) > len(goal) + 6
    assert named.locator("a").get_attribute("href") == "../II.2/"
    if width < 500:  # the phone's drawer opens on the reader's pillar, its goals listed
        page.locator(".md-header label[for=__drawer]").click()
        page.wait_for_timeout(500)
    menu = page.locator(".md-nav--primary")
    # the pillar's goals are there, the reader's goal marked (the theme's active item, in weight and colour)
    marked = menu.locator(".md-nav__item--active > a.md-nav__link", has_text=goal)
    assert marked.count() == 1 and marked.is_visible()
    assert int(marked.evaluate("e => getComputedStyle(e).fontWeight")) >= 700
    other = menu.locator('a[href="../II.3/"]')
    assert other.count() == 1 and other.is_visible()
    assert int(other.evaluate("e => getComputedStyle(e).fontWeight")) < 700
    assert menu.locator('a[href="../I.1/"]').count() == 0  # another pillar's goals: not in this page
    # the goal's own page: the goal is the theme's current page
    page.goto(pages + lang + "plan/II.2/", wait_until="networkidle")
    assert page.locator(".md-nav--primary .md-nav__link--active", has_text=goal).count() >= 1
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_goals_figure_reads_and_taps_at_both_widths(browser, pages: str, lang: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context, page, watch = _page(browser, width)
    for path in ("", "commentary/coverage/"):  # the home page's figure, and the coverage page's
        page.goto(pages + lang + path, wait_until="networkidle")
        figure = page.locator(".ap-goals-figure")
        assert figure.count() == 1
        figure.scroll_into_view_if_needed()
        boxes = figure.evaluate("""f => {
            const texts = [...f.querySelectorAll('*')].filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
            const links = [...f.querySelectorAll('a')].map(a => { const r = a.getBoundingClientRect();
                return {x: r.left, y: r.top, w: r.width, h: r.height, over: a.scrollWidth > a.clientWidth + 1 || a.scrollHeight > a.clientHeight + 1}; });
            return {smallest: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))), links: links,
                    wide: f.scrollWidth > f.clientWidth + 1};
        }""")
        assert boxes["smallest"] >= 12, boxes["smallest"]
        links = boxes["links"]
        assert len(links) > 20  # the pillars and every goal
        assert all(b["w"] >= 24 and b["h"] >= 24 for b in links), [b for b in links if b["w"] < 24 or b["h"] < 24][:3]
        assert not any(b["over"] for b in links) and not boxes["wide"]  # no title runs out of its box
        for i, a in enumerate(links):  # no two targets overlap
            for b in links[i + 1:]:
                apart_x = a["x"] + a["w"] <= b["x"] + 0.5 or b["x"] + b["w"] <= a["x"] + 0.5
                assert apart_x or a["y"] + a["h"] <= b["y"] + 0.5 or b["y"] + b["h"] <= a["y"] + 0.5, (a, b)
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    page.goto(pages + lang + "#figure", wait_until="networkidle")
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"goals-figure-{lang.strip('/') or 'zh'}-{width}.png"))
    context.close()
    assert not watch.problems, "\\n".join(watch.problems)
