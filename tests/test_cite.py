"""Citations (issue #5): each format checked against strings written out by hand for two units."""

from __future__ import annotations

from actionplan import cite, paths
from actionplan.index import Index
from actionplan.render import Renderer

SITE = "https://ai-action-plan-annotated.github.io/action-plan/"


def cites(index: Index, uid: str, src: str, label_en: str, label_zh: str) -> dict[str, str]:
    r = Renderer(index, SITE, None)
    return dict(r.citation(uid, src, "zh", label_en, label_zh, "t")["cites"])


def test_action_citations(index: Index) -> None:
    c = cites(index, "I.3.5", paths.unit("I.3.5", "zh"), "Action I.3.5", "行动 I.3.5")
    url = "https://ai-action-plan-annotated.github.io/action-plan/plan/I.3.5/"
    assert c["GB/T 7714-2015"] == (
        "《美国人工智能行动计划·注释本》编辑组. 美国人工智能行动计划·注释本：行动 I.3.5[EB/OL]. 1.0.0版. "
        f"(2026-11-28)[{{ACCESSED}}]. {url}."
    )
    assert c["APA 7"] == (
        "The editors of America’s AI Action Plan, annotated. (2026, November 28). Action I.3.5 (Version 1.0.0). "
        f"America’s AI Action Plan, annotated. Retrieved {{ACCESSED_LONG}}, from {url}"
    )
    assert c["Chicago"] == (
        "The editors of America’s AI Action Plan, annotated. “Action I.3.5.” America’s AI Action Plan, annotated, "
        f"version 1.0.0. Last modified November 28, 2026. Accessed {{ACCESSED_LONG}}. {url}."
    )
    assert c["BibTeX"] == (
        "@misc{aiap-I-3-5,\n"
        "  author = {{The editors of America’s AI Action Plan, annotated}},\n"
        "  title = {{Action I.3.5}},\n"
        "  howpublished = {America’s AI Action Plan, annotated, version 1.0.0},\n"
        "  year = {2026},\n"
        "  version = {1.0.0},\n"
        f"  url = {{{url}}},\n"
        "  urldate = {{ACCESSED}},\n"
        "  note = {Last modified 2026-11-28}\n"
        "}"
    )
    assert c["RIS"] == (
        "TY  - ELEC\nAU  - The editors of America’s AI Action Plan, annotated\nTI  - Action I.3.5\n"
        "T2  - America’s AI Action Plan, annotated\nET  - 1.0.0\nPY  - 2026\nDA  - 2026/11/28\nY2  - {ACCESSED_SLASHED}\n"
        f"UR  - {url}\nER  - "
    )


def test_critique_citations(index: Index) -> None:
    c = cites(index, "C19", paths.critique("C19", "en"), "Commentary unit C19", "评论单元 C19")
    url = "https://ai-action-plan-annotated.github.io/action-plan/en/commentary/C19/"
    assert c["GB/T 7714-2015"] == (
        "《美国人工智能行动计划·注释本》编辑组. 美国人工智能行动计划·注释本：评论单元 C19[EB/OL]. 1.0.0版. "
        f"(2026-11-28)[{{ACCESSED}}]. {url}."
    )
    assert c["APA 7"].startswith("The editors of America’s AI Action Plan, annotated. (2026, November 28). Commentary unit C19 (Version 1.0.0).")
    assert c["Chicago"].endswith(f"Accessed {{ACCESSED_LONG}}. {url}.")
    assert c["BibTeX"].startswith("@misc{aiap-C19,\n") and f"  url = {{{url}}},\n" in c["BibTeX"]
    assert "TI  - Commentary unit C19\n" in c["RIS"] and f"UR  - {url}\n" in c["RIS"]


def test_official_plan_citation_points_at_the_printed_page() -> None:
    o = cite.official("Winning the Race: America’s AI Action Plan", "The White House",
                      "https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf", 5, 8)
    assert o["APA 7"] == ("The White House. (2025). Winning the Race: America’s AI Action Plan (p. 5). "
                          "https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf#page=8")
    assert o["GB/T 7714-2015"].startswith("The White House. Winning the Race: America’s AI Action Plan[R/OL]. Washington, D.C.: The White House, 2025: 5[")


def test_last_changed_comes_from_the_changelog(index: Index) -> None:
    r = Renderer(index, SITE, None)
    assert r.updated("I.3.5") == (index.plan.releases[-1].date, index.plan.releases[-1].version)


def test_dates_are_filled_in_long_form() -> None:
    assert cite.long_date("2026-11-28") == "November 28, 2026"
    assert cite.long_date("2025-07-01") == "July 1, 2025"
