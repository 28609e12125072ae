"""Citations (issue #5): each format checked against strings written out by hand.

The strings are for the tiny fixture (its release 0.0.1 of 2026-11-01), never for the live data,
whose version and dates change with every release; the live data is checked for invariants.
"""

from __future__ import annotations

import pytest

from actionplan import cite, paths
from actionplan.index import Index
from actionplan.render import Renderer
from actionplan.site import load_all

from .conftest import TINY

SITE = "https://ai-action-plan-annotated.github.io/action-plan/"


@pytest.fixture(scope="module")
def tiny_index() -> Index:
    return load_all(TINY / "data", TINY / "content" / "commentary", TINY)


def cites(index: Index, uid: str, src: str, lang: str) -> dict[str, str]:
    r = Renderer(index, lang, SITE, None)
    return dict(r.citation(uid, src, "d").cites)


EDITORS = "Editors of America’s AI Action Plan (annotated edition)"


def test_action_citations(tiny_index: Index) -> None:
    c = cites(tiny_index, "I.1.1", paths.unit("I.1.1"), "zh")
    url = "https://ai-action-plan-annotated.github.io/action-plan/plan/I.1.1/"
    o, e = cite.ACCESS_OPEN, cite.ACCESS_CLOSE  # the access clause: shown and filled in by the page's script
    assert c["GB/T 7714-2015"] == (
        "《美国人工智能行动计划·注释本》编辑组. 美国人工智能行动计划·注释本：推荐政策行动 I.1.1（目标 I.1：消除繁文缛节和繁重监管）[EB/OL]. 0.0.1版. "
        f"(2026-11-01){o}[{{ACCESSED}}]{e}. {url}."
    )
    assert c["APA 7"] == (
        "《美国人工智能行动计划·注释本》编辑组. (2026年11月1日). 推荐政策行动 I.1.1（目标 I.1：消除繁文缛节和繁重监管）（0.0.1版）. "
        f"美国人工智能行动计划·注释本. {o}{{ACCESSED}}检索，取自 {e}{url}"
    )
    assert c["Chicago"] == (
        "《美国人工智能行动计划·注释本》编辑组. “推荐政策行动 I.1.1（目标 I.1：消除繁文缛节和繁重监管）.” 美国人工智能行动计划·注释本, "
        f"version 0.0.1. Last modified November 1, 2026. {o}Accessed {{ACCESSED_LONG}}. {e}{url}."
    )
    assert c["BibTeX"] == (
        "@misc{aiap-I-1-1,\n"
        "  author = {{《美国人工智能行动计划·注释本》编辑组}},\n"
        "  title = {{推荐政策行动 I.1.1（目标 I.1：消除繁文缛节和繁重监管）}},\n"
        "  howpublished = {美国人工智能行动计划·注释本, version 0.0.1},\n"
        "  year = {2026},\n"
        "  version = {0.0.1},\n"
        f"  url = {{{url}}},{o}\n"
        f"  urldate = {{{{ACCESSED}}}},{e}\n"
        "  note = {Last modified 2026-11-01}\n"
        "}"
    )
    assert c["RIS"] == (
        "TY  - ELEC\nAU  - 《美国人工智能行动计划·注释本》编辑组\nTI  - 推荐政策行动 I.1.1（目标 I.1：消除繁文缛节和繁重监管）\n"
        f"T2  - 美国人工智能行动计划·注释本\nET  - 0.0.1\nPY  - 2026\nDA  - 2026/11/01\nLA  - zh{o}\nY2  - {{ACCESSED_SLASHED}}{e}\n"
        f"UR  - {url}\nER  - "
    )


def test_critique_citations(tiny_index: Index) -> None:
    """A commentary unit's words are not ours and their author is not established: no format
    invents one (GB/T 7714 writes Anon / 佚名, APA and Chicago lead with the title), our editors are
    the editors, and every format names the repost our text is taken from, with its address."""
    c = {k: cite.without_access(v) for k, v in cites(tiny_index, "C02", paths.critique("C02"), "en").items()}
    url = "https://ai-action-plan-annotated.github.io/action-plan/en/commentary/C02/"
    repost = "https://m.163.com/news/article/KIB60MB905568V2L.html"
    source = f"Commentary text as reposted by NetEase News (163.com): {repost}; not established: title, author, first publication"
    assert c["GB/T 7714-2015"] == (
        f"Anon. America’s AI Action Plan, annotated: Commentary unit C02 (on Action I.1.1)[EB/OL]. Version 0.0.1. (2026-11-01). {url}. {source}."
    )
    assert c["APA 7"] == (f"Commentary unit C02 (on Action I.1.1) (Version 0.0.1). (2026, November 1). America’s AI Action Plan, annotated, "
                          f"edited by {EDITORS}. {source}. {url}")
    assert c["Chicago"] == (f"“Commentary unit C02 (on Action I.1.1).” America’s AI Action Plan, annotated, edited by {EDITORS}, version 0.0.1. "
                            f"{source}. Last modified November 1, 2026. {url}.")
    assert c["BibTeX"].startswith(f"@misc{{aiap-C02-en,\n  editor = {{{{{EDITORS}}}}},\n") and f"  url = {{{url}}},\n" in c["BibTeX"]
    assert "author" not in c["BibTeX"].replace("author, first", "") and f"; {source}}}" in c["BibTeX"]
    assert "TI  - Commentary unit C02 (on Action I.1.1)\n" in c["RIS"] and f"UR  - {url}\n" in c["RIS"] and "AU  -" not in c["RIS"]
    assert f"A2  - {EDITORS}\n" in c["RIS"] and f"N1  - {source}\n" in c["RIS"]
    zh = {k: cite.without_access(v) for k, v in cites(tiny_index, "C02", paths.critique("C02"), "zh").items()}
    assert zh["GB/T 7714-2015"].startswith("佚名. 美国人工智能行动计划·注释本：评论单元 C02（评论行动 I.1.1）[EB/OL]. 0.0.1版.")
    assert zh["GB/T 7714-2015"].endswith(f"评论原文据网易新闻（163.com）转载：{repost}；标题、作者、首发处尚未确定.")


def test_official_plan_citation_points_at_the_printed_page() -> None:
    o = cite.official("Winning the Race: America’s AI Action Plan", "The White House",
                      "https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf", 5, 8)
    assert o["APA 7"] == ("The White House. (2025). Winning the Race: America’s AI Action Plan (p. 5). "
                          "https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf#page=8")
    assert cite.without_access(o["GB/T 7714-2015"]) == ("The White House. Winning the Race: America’s AI Action Plan[R/OL]. Washington, D.C.: "
                                                        "The White House, 2025: 5. https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf#page=8.")


def test_last_changed_comes_from_the_changelog(index: Index) -> None:
    """Live data, for invariants only: a unit's date is its newest release's, or the first release's."""
    r = Renderer(index, "zh", SITE, None)
    for uid in ("I.3.5", "I.13.5", "C19"):
        changed = [rel for rel in index.plan.releases if uid in rel.units]
        expected = changed[0] if changed else index.plan.releases[-1]
        assert r.updated(uid) == (expected.date, expected.version)
    newest = index.plan.releases[0].version
    assert r.site.version == newest
    assert f"{newest}版" in dict(r.citation("I.3.5", paths.unit("I.3.5"), "d").cites)["GB/T 7714-2015"]


def test_dates_are_filled_in_long_form() -> None:
    assert cite.long_date("2026-11-28") == "November 28, 2026"
    assert cite.long_date("2025-07-01") == "July 1, 2025"
