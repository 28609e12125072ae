"""One body, one name: ``check_agency_names`` on fixture records, through ``load_all`` on the tiny
fixture, and on the live data (an invariant: it passes)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from actionplan.load import load_plan
from actionplan.model import (
    Action,
    Agency,
    Epigraph,
    GlossaryTerm,
    Goal,
    Intro,
    Pillar,
    Plan,
    Signatory,
    Translation,
    Where,
)
from actionplan.names import check_agency_names
from actionplan.problems import DataError, Problem
from actionplan.site import load_all

ROOT = Path(__file__).resolve().parents[1]


def at(record: Any, where: Where) -> Any:
    """A record as the loader makes it: remembering the file and line it came from."""
    record._file, record._line = where.file, where.line
    return record
TINY = Path(__file__).parent / "fixtures" / "tiny"
ZH = "data/translations/zh/I.yaml"
INDEX = "data/translations/zh/plan.yaml"

AGENCIES = (
    at(Agency(id="DOS", name="Department of State", acronym="DOS"), Where("data/agencies.yaml", 2)),
    at(Agency(id="OPM", name="Office of Personnel Management", acronym=None), Where("data/agencies.yaml", 5)),
    at(Agency(id="CHIPS-PO", name="CHIPS Program Office", acronym=None), Where("data/agencies.yaml", 7)),
)
INDEX_NAMES = {"DOS": "美国国务院", "OPM": "人事管理局", "CHIPS-PO": "芯片计划办公室"}
INDEX_LINES = {"DOS": 4, "OPM": 5, "CHIPS-PO": 6}


def plan_of(english: str, chinese: str, *, goal_intro: tuple[str, str] | None = None,
            glossary: tuple[GlossaryTerm, ...] = (), index: dict[str, str] | None = None) -> Plan:
    """A one-action plan whose action I.1.1 reads ``english`` and is translated ``chinese``."""
    action = at(Action(id="I.1.1", printed_page=1, text=english, lead=(), lead_text=None, agencies=(), notes=()), Where(ZH, 3))
    g_en, g_zh = goal_intro or ("A goal.", "一个目标。")
    goal = at(Goal(id="I.1", title="Goal", printed_page=1, intro=(g_en,), actions=(action,), notes=()), Where(ZH, 1))
    pillar = at(Pillar(id="I", title="Pillar", printed_page=1, intro=("A pillar.",), goals=(goal,)), Where(ZH, 1))
    units = {
        "agencies": Translation("agencies", dict(index if index is not None else INDEX_NAMES), Where(INDEX, 3), dict(INDEX_LINES)),
        "I.1": Translation("I.1", {"title": "目标", "intro": (g_zh,)}, Where(ZH, 1), {"title": 2, "intro": 3}),
        "I.1.1": Translation("I.1.1", {"text": chinese}, Where(ZH, 7), {"text": 8}),
    }
    return Plan(
        title="Plan", publisher="P", published="2025-07", pdf_url="https://example.org/plan.pdf", pdf_page_offset=0,
        counts={}, epigraph=Epigraph(text="Text.", attribution="Someone", role="Role", printed_page="i", pdf_page=1),
        intro=at(Intro(id="intro", title="Introduction", printed_page=1, intro=("Intro.",), signatories=(Signatory(name="A", role="Role"),)),
                 Where("data/plan.yaml", 1)),
        pillars=(pillar,), footnotes=(), agencies=AGENCIES, glossary=glossary, translations={"zh": units},
    )


CASES = [
    pytest.param("With input from the Office of Personnel Management.", "在人事管理局的参与下。", [], id="index-name-used"),
    pytest.param("With input from the Office of Personnel Management.", "在人事管理办公室的参与下。",
                 ["data/translations/zh/I.yaml:8: I.1.1: text: agency OPM: 'Office of Personnel Management' must be named "
                  "'人事管理局' as in the agency index (data/translations/zh/plan.yaml:5)"], id="another-name"),
    pytest.param("Led by DOC’s revamped CHIPS Program Office, continue.", "由DOC经过改组的CHIPS计划办公室牵头，继续。",
                 ["data/translations/zh/I.yaml:8: I.1.1: text: agency CHIPS-PO: 'CHIPS Program Office' must be named "
                  "'芯片计划办公室' as in the agency index (data/translations/zh/plan.yaml:6)"], id="chips"),
    pytest.param("The Department of State (DOS) should coordinate.", "国务院（DOS）应协调。",
                 ["data/translations/zh/I.yaml:8: I.1.1: text: agency DOS: 'Department of State' must be named "
                  "'美国国务院' as in the agency index (data/translations/zh/plan.yaml:4)"], id="bare-state-council"),
    pytest.param("The Department of State (DOS) should coordinate.", "美国国务院（DOS）应协调。", [], id="prefixed"),
    pytest.param("Led by DOS and DOC, advocate.", "由DOS和DOC牵头，倡导。", [], id="acronym-only-needs-nothing"),
    pytest.param("Led by the department of state, advocate.", "由国务院牵头，倡导。", [], id="case-sensitive"),
    pytest.param("The Department of Statehood.", "国务院。", [], id="whole-words-only"),
    pytest.param("The Office of Personnel Management and the Department of State.", "人事管理办公室和国务院。",
                 ["data/translations/zh/I.yaml:8: I.1.1: text: agency DOS: 'Department of State' must be named "
                  "'美国国务院' as in the agency index (data/translations/zh/plan.yaml:4)",
                  "data/translations/zh/I.yaml:8: I.1.1: text: agency OPM: 'Office of Personnel Management' must be named "
                  "'人事管理局' as in the agency index (data/translations/zh/plan.yaml:5)"], id="every-agency-reported"),
]


@pytest.mark.parametrize(("english", "chinese", "expected"), CASES)
def test_action_text(english: str, chinese: str, expected: list[str]) -> None:
    assert sorted(str(p) for p in check_agency_names(plan_of(english, chinese))) == expected


def test_paragraphs_are_compared_one_to_one() -> None:
    """A goal's intro paragraph is checked against its own translation, at the field's line."""
    plan = plan_of("Act.", "行动。", goal_intro=("Work with the Department of State.", "与国务院合作。"))
    assert [str(p) for p in check_agency_names(plan)] == [
        "data/translations/zh/I.yaml:3: I.1: intro: agency DOS: 'Department of State' must be named "
        "'美国国务院' as in the agency index (data/translations/zh/plan.yaml:4)"]


@pytest.mark.parametrize(("term_zh", "expected"), [
    pytest.param("美国国务院", [], id="glossary-agrees"),
    pytest.param("国务院", ["data/glossary.yaml:9: glossary 'Department of State': zh: '国务院' differs from '美国国务院', "
                          "the agency index's name for DOS (data/translations/zh/plan.yaml:4)"], id="glossary-differs"),
])
def test_glossary_agrees_with_index(term_zh: str, expected: list[str]) -> None:
    term = at(GlossaryTerm(en="Department of State", zh=term_zh, note=None), Where("data/glossary.yaml", 9))
    assert [str(p) for p in check_agency_names(plan_of("Act.", "行动。", glossary=(term,)))] == expected


def test_untranslated_agency_is_left_to_the_translation_checks() -> None:
    plan = plan_of("With input from the Office of Personnel Management.", "在某机构的参与下。",
                   index={"DOS": "美国国务院", "CHIPS-PO": "芯片计划办公室"})
    assert check_agency_names(plan) == []


def test_load_all_reports_it(tmp_path: Path) -> None:
    """Wired into load_all, so ``actionplan check`` and every build refuse a mismatch."""
    root = tmp_path / "site"
    shutil.copytree(TINY, root)
    path = root / ZH
    text = path.read_text(encoding="utf-8")
    assert text.count("由白宫科技政策办公室（OSTP）牵头") == 1
    path.write_text(text.replace("由白宫科技政策办公室（OSTP）牵头", "由科技政策办公室（OSTP）牵头"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_all(root / "data", root / "content" / "commentary", root)
    # The acronym's first mention is no longer its index name in brackets either (validate/translations.py).
    assert [str(p) for p in info.value.problems] == [
        "data/translations/zh/I.yaml:10: I.1.1: text: acronym 'OSTP': its first mention on the page is bare; write 白宫科技政策办公室（OSTP）",
        "data/translations/zh/I.yaml:10: I.1.1: text: agency OSTP: 'Office of Science and Technology Policy' must be named "
        "'白宫科技政策办公室' as in the agency index (data/translations/zh/plan.yaml:13)"]


def test_live_data_passes() -> None:
    problems: list[Problem] = []
    plan = load_plan(ROOT / "data", ROOT, problems)
    assert plan is not None and problems == []
    assert [str(p) for p in check_agency_names(plan)] == []
