"""Site search (issue 14): the Pagefind box typed in Chromium, on any engine's build.

The site comes from the ``search_site`` fixture: ``SEARCH_SITE=<folder>`` points it at any engine's
built site (with ``pagefind/`` from ``actionplan.search.index_site`` and search.js wired in);
otherwise it is a copy of the session's ``site`` with search.js/css put in and the index built,
so these tests run today, before the templates and the config carry search themselves.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT, bench_script

pytestmark = pytest.mark.browser

BENCH = bench_script("search_bench")
SUBSET = [q for q in BENCH.load_queries() if q.get("test")]


def test_the_subset_is_twenty_queries_in_both_languages() -> None:
    assert len(SUBSET) == 20
    assert {q["lang"] for q in SUBSET} == {"zh", "en"}


@pytest.fixture(scope="session")
def search_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if given := os.environ.get("SEARCH_SITE"):
        return Path(given)
    site: Path = request.getfixturevalue("site")
    out = tmp_path_factory.mktemp("search") / "site"
    shutil.copytree(site, out)
    for name in ("search.js", "search.css"):
        shutil.copy2(ROOT / "content" / "assets" / name, out / "assets" / name)
    # Today's pages load Material's search; these tests are about ours: take Material's out and
    # put ours in, as the engine's config will (extra_javascript / extra_css).
    for f in out.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        m = re.search(r'<script src="((?:\.\./)*)assets/actionplan\.js"></script>', text)
        if not m:
            continue
        rel = m.group(1)
        text = text.replace(m.group(0), m.group(0) + f'<script src="{rel}assets/search.js"></script>', 1)
        text = text.replace("</head>", f'<link rel="stylesheet" href="{rel}assets/search.css"></head>', 1)
        text = re.sub(r'"search": "[^"]*search\.[0-9a-f]+\.min\.js"', '"search": null', text)
        f.write_text(text, encoding="utf-8")
    shutil.rmtree(out / "search", ignore_errors=True)
    shutil.rmtree(out / "en" / "search", ignore_errors=True)
    from actionplan.search import index_site

    index_site(out)
    return out


@pytest.fixture(scope="session")
def search_server(search_site: Path):  # type: ignore[no-untyped-def]
    with BENCH.serve(search_site) as base:
        yield base


def _page(browser, base: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    outside: list[str] = []
    host = urlsplit(base).netloc

    def route(r):  # type: ignore[no-untyped-def]
        if urlsplit(r.request.url).netloc != host and not r.request.url.startswith(("data:", "blob:")):
            outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.on("request", lambda r: requests.append(r.url))
    return context, page, requests, outside


@pytest.mark.parametrize("item", SUBSET, ids=[f"{q['lang']}:{q['q']}" for q in SUBSET])
def test_query_hits_the_top_5(browser, search_server: str, item: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    context, page, _, outside = _page(browser, search_server)
    page.goto(search_server + ("en/" if item["lang"] == "en" else ""), wait_until="networkidle")
    engine = BENCH.Pagefind()
    engine.open(page)
    page.locator(engine.box).fill(item["q"])
    engine.wait(page, item["q"])
    units = BENCH.ranked_units(engine.hrefs(page), search_server)
    context.close()
    assert not outside, outside
    rank = next((i + 1 for i, u in enumerate(units) if u in item["expect"]), None)
    assert rank is not None and rank <= 5, (item, units[:10])
    if item["type"] in ("id", "agency-acronym"):
        assert rank == 1, (item, units[:5])


@pytest.mark.parametrize("path", ["", "plan/I.3.5/", "en/", "en/commentary/C19/"])
def test_no_search_bytes_before_the_box_opens_and_none_off_host(browser, search_server: str, path: str) -> None:  # type: ignore[no-untyped-def]
    context, page, requests, outside = _page(browser, search_server)
    page.goto(search_server + path, wait_until="networkidle")
    page.wait_for_timeout(300)
    early = [u for u in requests if BENCH.SEARCH_URL.search(u)]
    assert not early, early
    page.keyboard.press("/")  # Material's shortcut opens ours
    page.wait_for_selector("#ap-search", state="visible")
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/pagefind.js'))")
    page.locator("input.ap-search__input").fill("AI")
    page.wait_for_selector(".ap-search__item", timeout=20_000)
    page.keyboard.press("Escape")
    assert page.locator("#ap-search").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('ap-search-button')")
    context.close()
    assert not outside, outside
