"""Site search (issue 14): the Pagefind box typed in Chromium, on any engine's build.

The site comes from the ``search_site`` fixture: each engine's build (MkDocs, ProperDocs,
Zensical; ``actionplan build`` runs Pagefind over both languages), so every engine must give
the same top results; ``SEARCH_SITE=<folder>`` points it at a site built elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import bench_script, local_only

pytestmark = pytest.mark.browser

BENCH = bench_script("search_bench")
SUBSET = [q for q in BENCH.load_queries() if q.get("test")]


def test_the_subset_is_twenty_queries_in_both_languages() -> None:
    assert len(SUBSET) == 20
    assert {q["lang"] for q in SUBSET} == {"zh", "en"}


@pytest.fixture(scope="session")
def search_site(engine_site: tuple[str, Path]) -> Path:
    """Each engine's build of the site (``SEARCH_SITE=<folder>``: a site built elsewhere)."""
    if given := os.environ.get("SEARCH_SITE"):
        return Path(given)
    return engine_site[1]


@pytest.fixture(scope="session")
def search_server(search_site: Path):  # type: ignore[no-untyped-def]
    with BENCH.serve(search_site) as base:
        yield base


def _page(browser, base: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    outside = local_only(page, base)
    page.on("request", lambda r: requests.append(r.url))
    return context, page, requests, outside


@pytest.mark.slow
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


@pytest.mark.slow
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


SAMPLES = ["可解释性", "AI北约", "美国AI北约，数据中心", "上", "中国 国家", "I.3.5 全栈出口、开放权重", "no Han at all",
           "环境,从硬件(芯片认证)到软件,构建“全栈”;抵御"]


@pytest.mark.slow
def test_the_box_tokenizes_and_reads_back_as_the_index_does(browser, search_server: str) -> None:  # type: ignore[no-untyped-def]
    from actionplan.search import bigram_tokens, decode_tokens, indexed_copy

    context, page, _, _ = _page(browser, search_server)
    page.goto(search_server, wait_until="networkidle")
    for s in SAMPLES:
        # the query side: Han runs become the index's tokens, the rest stays as typed
        js = page.evaluate("s => window.apSearch.bigrams(s)", s)
        assert [t for t in js.split() if t.startswith("zz")] == bigram_tokens(s), s
        # the display side: what the index stores reads back as Python reads it
        stored = indexed_copy(f'<html lang="zh"><p>{s}</p></html>').split("<p>")[1].split("</p>")[0]
        assert page.evaluate("s => window.apSearch.decode(s)", stored) == decode_tokens(stored), s
    context.close()


@pytest.mark.slow
def test_more_results_load_on_request_and_take_the_focus(browser, search_server: str) -> None:  # type: ignore[no-untyped-def]
    context, page, requests, _ = _page(browser, search_server)
    page.goto(search_server, wait_until="networkidle")
    engine = BENCH.Pagefind()
    engine.open(page)
    page.locator(engine.box).fill("人工智能")
    engine.wait(page, "人工智能")
    fragments = [u for u in requests if "/pagefind/fragment/" in u]
    assert page.locator(".ap-search__item").count() == 5 and len(fragments) == 5  # the text of the first 5 only
    more = page.locator(".ap-search__more")
    assert more.is_visible()
    more.click()
    page.wait_for_function("() => document.querySelectorAll('.ap-search__item').length === 10")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.ap-search__link')[5]")
    assert len([u for u in requests if "/pagefind/fragment/" in u]) == 10
    context.close()
