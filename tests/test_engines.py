"""The edition on every engine we support (issue 13): MkDocs (the primary, from the project with
our plugin), ProperDocs (the same, plugin and all) and Zensical (from ``actionplan generate``).

Each engine's build must serve every published URL, show every action's official text and its
translation, link the commentary both ways, and load nothing from another host.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from actionplan import registry
from actionplan.index import Index
from actionplan.text import plain

from .conftest import ROOT

# slow: the real site built by every engine (MkDocs, ProperDocs, Zensical).
pytestmark = pytest.mark.slow


class Requests(HTMLParser):
    """The URLs a page makes the browser fetch by itself (not links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio", "embed") and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and set((a.get("rel") or "").split()) & {"stylesheet", "preload", "modulepreload", "icon", "manifest", "preconnect",
                                                                 "dns-prefetch"}:
            self.urls.append(a.get("href") or "")
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"] or "")


def off_site(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) and not url.startswith("data:")


def test_every_published_url_and_anchor_is_served(engine_site: tuple[str, Path]) -> None:
    engine, site = engine_site
    published = registry.loads((ROOT / registry.REGISTRY).read_text(encoding="utf-8"))
    assert registry.check(site, published) == [], engine


def test_every_action_shows_its_official_text_and_translation(engine_site: tuple[str, Path], index: Index) -> None:
    engine, site = engine_site
    zh = index.plan.translations["zh"]
    for lang_dir in ("", "en/"):
        for p in index.plan.pillars:
            for g in p.goals:
                for a in g.actions:
                    page = (site / f"{lang_dir}plan/{a.id}/index.html").read_text(encoding="utf-8")
                    text = re.sub(r"<[^>]+>", "", page)
                    text = " ".join(text.replace("&amp;", "&").replace("&quot;", '"').replace("&#39;", "'").split())
                    assert plain(a.text)[:200] in text, (engine, lang_dir, a.id)
                    assert plain(zh[a.id].fields["text"])[:60] in text, (engine, lang_dir, a.id)


def test_commentary_links_work_both_ways(engine_site: tuple[str, Path], index: Index) -> None:
    engine, site = engine_site
    for lang_dir in ("", "en/"):
        for c in index.plan.critiques:
            crit = (site / f"{lang_dir}commentary/{c.id}/index.html").read_text(encoding="utf-8")
            for t in c.targets:
                target = "" if t == "plan" else f"plan/{t}/"
                page = (site / f"{lang_dir}{target}index.html").read_text(encoding="utf-8")
                back = "" if t == "plan" else "../../"  # from the home page, or from plan/<ID>/
                assert f'href="{back}commentary/{c.id}/"' in page, (engine, lang_dir, t, c.id)
                forth = "../../" if t == "plan" else f"../../plan/{t}/"
                assert f'href="{forth}"' in crit, (engine, lang_dir, c.id, t)


def test_no_page_requests_another_host(engine_site: tuple[str, Path]) -> None:
    engine, site = engine_site
    found = []
    for page in site.rglob("*.html"):
        parser = Requests()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {u}" for u in parser.urls if off_site(u)]
    for css in site.rglob("*.css"):
        found += [f"{css.relative_to(site)}: {u}" for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text(errors="replace"))]
    assert not found, (engine, found[:10])


@pytest.fixture(scope="session")
def engine_server(engine_site: tuple[str, Path]) -> Iterator[tuple[str, str]]:
    engine, site = engine_site

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield engine, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.browser
def test_pages_load_nothing_from_another_host_in_a_browser(engine_server: tuple[str, str], browser) -> None:  # type: ignore[no-untyped-def]
    engine, base = engine_server
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        for path in ("", "plan/I.1.1/", "commentary/C19/", "en/", "en/plan/III.6.4/", "en/agencies/OSTP/"):
            response = page.goto(base + path, wait_until="networkidle")
            assert response is not None and response.status == 200, (engine, path)
            assert page.locator("h1").count() == 1, (engine, path)
    finally:
        context.close()
    assert requested and all(u.startswith(base) for u in requested), (engine, [u for u in requested if not u.startswith(base)][:5])


@pytest.mark.browser
def test_reading_in_place_works_on_every_engine(engine_server: tuple[str, str], browser) -> None:  # type: ignore[no-untyped-def]
    """Issue 23: the paragraph pairs align, a footnote opens in place and a unit link previews, whatever
    engine built the site (the markup, CSS and script are ours, not an engine's)."""
    engine, base = engine_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base + "plan/intro/")
        tops = page.evaluate("""() => Array.from(document.querySelectorAll('.ap-pair:not(.ap-pair-head)')).map(p =>
            [p.querySelector(':scope > .ap-orig').getBoundingClientRect().top, p.querySelector(':scope > .ap-trans').getBoundingClientRect().top])""")
        assert tops and all(abs(a - b) < 24 for a, b in tops), (engine, tops)
        page.locator("a.ap-fnref").first.click()
        page.wait_for_function("() => { const b = document.getElementById('ap-pop'); return b && !b.hidden; }")
        assert page.url.endswith("plan/intro/"), engine
        page.keyboard.press("Escape")
        page.goto(base + "plan/I.3/")
        page.locator("#children + div a[href$='I.3.5/']").first.hover()
        page.wait_for_function("() => { const b = document.getElementById('ap-pop'); return b && !b.hidden; }")
        assert "I.3.5" in page.locator("#ap-pop").inner_text(), engine
    finally:
        context.close()
