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
        "《美国人工智能行动计划·注释本》编辑组. 美国人工智能行动计划·注释本：行动 I.1.1[EB/OL]. 0.0.1版. "
        f"(2026-11-01){o}[{{ACCESSED}}]{e}. {url}."
    )
    assert c["APA 7"] == (
        "《美国人工智能行动计划·注释本》编辑组. (2026, November 1). 行动 I.1.1 (Version 0.0.1). "
        f"美国人工智能行动计划·注释本. {o}Retrieved {{ACCESSED_LONG}}, from {e}{url}"
    )
    assert c["Chicago"] == (
        "《美国人工智能行动计划·注释本》编辑组. “行动 I.1.1.” 美国人工智能行动计划·注释本, "
        f"version 0.0.1. Last modified November 1, 2026. {o}Accessed {{ACCESSED_LONG}}. {e}{url}."
    )
    assert c["BibTeX"] == (
        "@misc{aiap-I-1-1,\n"
        "  author = {{《美国人工智能行动计划·注释本》编辑组}},\n"
        "  title = {{行动 I.1.1}},\n"
        "  howpublished = {美国人工智能行动计划·注释本, version 0.0.1},\n"
        "  year = {2026},\n"
        "  version = {0.0.1},\n"
        f"  url = {{{url}}},{o}\n"
        f"  urldate = {{{{ACCESSED}}}},{e}\n"
        "  note = {Last modified 2026-11-01}\n"
        "}"
    )
    assert c["RIS"] == (
        "TY  - ELEC\nAU  - 《美国人工智能行动计划·注释本》编辑组\nTI  - 行动 I.1.1\n"
        f"T2  - 美国人工智能行动计划·注释本\nET  - 0.0.1\nPY  - 2026\nDA  - 2026/11/01\nLA  - zh{o}\nY2  - {{ACCESSED_SLASHED}}{e}\n"
        f"UR  - {url}\nER  - "
    )


def test_critique_citations(tiny_index: Index) -> None:
    c = {k: cite.without_access(v) for k, v in cites(tiny_index, "C02", paths.critique("C02"), "en").items()}
    url = "https://ai-action-plan-annotated.github.io/action-plan/en/commentary/C02/"
    assert c["GB/T 7714-2015"] == (
        f"{EDITORS}. America’s AI Action Plan, annotated: Commentary unit C02[EB/OL]. Version 0.0.1. (2026-11-01). {url}."
    )
    assert c["APA 7"].startswith(f"{EDITORS}. (2026, November 1). Commentary unit C02 (Version 0.0.1).")
    assert c["Chicago"].endswith(f"Last modified November 1, 2026. {url}.")
    assert c["BibTeX"].startswith("@misc{aiap-C02-en,\n") and f"  url = {{{url}}},\n" in c["BibTeX"]
    assert "TI  - Commentary unit C02\n" in c["RIS"] and f"UR  - {url}\n" in c["RIS"]


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
