"""A catalogue of bad contributor input, each pinned to the exact problem a contributor would read.

Every row copies the tiny fixture (a complete, valid dataset), breaks one thing, and asserts that
``load_all`` raises ``DataError`` listing a problem whose text is exactly
``file:line: record: field: message``. The messages are the user interface of this project: a
contributor fixing a pull request sees nothing else, so each expected string below was read and
judged for whether it names the right file, line, record and field and says what to do.

Rows marked xfail(strict=True) document a plugin bug or an unclear message; the expected string is
what the message *should* be, so the row starts passing (and must be unmarked) once it is fixed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.plugin import load_all
from actionplan.problems import DataError

FIXTURE = Path(__file__).parent / "fixtures" / "tiny"
ACTIONPLAN = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "actionplan"

Mutation = Callable[[Path], None]


# -- mutations: each returns a function that breaks one file of a copied fixture ----------------

def edit(rel: str, old: str, new: str) -> Mutation:
    """Replace the single occurrence of ``old`` in ``rel`` (failing loudly if the fixture drifted)."""

    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{rel}: {old!r} occurs {text.count(old)} times; the fixture changed"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return apply


def write(rel: str, text: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / rel).write_text(text, encoding="utf-8")

    return apply


def write_bytes(rel: str, transform: Callable[[bytes], bytes]) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_bytes(transform(path.read_bytes()))

    return apply


def delete(rel: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / rel).unlink()

    return apply


def to_directory(rel: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()
        (root / rel / "stray.yaml").write_text("a: 1\n", encoding="utf-8")

    return apply


def chain(*mutations: Mutation) -> Mutation:
    def apply(root: Path) -> None:
        for m in mutations:
            m(root)

    return apply


def copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "site-src"
    shutil.copytree(FIXTURE, root)
    return root


def load(root: Path) -> object:
    return load_all(root / "data", root / "content" / "commentary", root)


def problems_of(root: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(root)
    return [str(p) for p in info.value.problems]


# -- frequently touched fixture snippets -------------------------------------------------------

PLAN = "data/plan.yaml"
P1 = "data/pillars/I.yaml"
P2 = "data/pillars/II.yaml"
FOOTNOTES = "data/footnotes.yaml"
AGENCIES = "data/agencies.yaml"
GLOSSARY = "data/glossary.yaml"
ZH1 = "data/translations/zh/I.yaml"
ZH2 = "data/translations/zh/II.yaml"
ZHP = "data/translations/zh/plan.yaml"
C01 = "content/commentary/C01.md"
C02 = "content/commentary/C02.md"
C03 = "content/commentary/C03.md"

A111_LEAD = "    lead: [OSTP]\n    lead_text: Led by the Office of Science and Technology Policy (OSTP)\n"
A112 = """\
  - id: I.1.2
    printed_page: 4
    text: Review all Federal Trade Commission (FTC) investigations & <orders>.
    lead: []
    agencies: [FTC]
    notes:
    - kind: as-printed
      text: A note of ours.
"""
ZH_A112 = "I.1.2:\n  text: 审查联邦贸易委员会（FTC）的所有调查。\n"
XFAIL = pytest.mark.xfail


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


CASES = [
    # -- YAML syntax and encoding ------------------------------------------------------------
    pytest.param(
        edit(PLAN, "publisher: The White House", "publisher: [The White House"),
        "data/plan.yaml:3: YAML syntax error: expected ',' or ']', but got ':'",
        id="yaml-unclosed-flow-sequence",
    ),
    pytest.param(
        edit(P1, "  title: Remove Red Tape", "\ttitle: Remove Red Tape"),
        "",
        id="yaml-tab-indentation",
    ),
    pytest.param(
        edit(P1, "    lead: [OSTP]\n", "    printed_page: 4\n    lead: [OSTP]\n"),
        "data/pillars/I.yaml:16: printed_page: duplicate key in a mapping",
        id="yaml-duplicate-key",
    ),
    pytest.param(
        edit(C02, "kind: critique\n", "kind: critique\nkind: risk\n"),
        "",
        id="front-matter-duplicate-key",
    ),
    pytest.param(
        edit(AGENCIES, "- id: OSTP", "- id: OSTP\n---\n- id: X"),
        "",
        id="yaml-two-documents",
    ),
    pytest.param(
        write_bytes(P1, lambda b: b.replace("America’s".encode(), b"America\x92s")),
        "",
        id="non-utf8-byte",
    ),
    pytest.param(
        write_bytes(AGENCIES, lambda b: b"\xef\xbb\xbf" + b),
        "data/agencies.yaml:1: starts with a byte-order mark; save as UTF-8 without BOM",
        id="byte-order-mark",
    ),
    pytest.param(
        write_bytes(GLOSSARY, lambda b: b.replace(b"\n", b"\r\n")),
        "data/glossary.yaml:1: has CR/CRLF line endings; use LF",
        id="crlf-line-endings",
    ),
    pytest.param(
        edit(P2, "Stabilize the grid", "Stabilize\x07 the grid"),
        "",
        id="raw-control-character",
    ),
    pytest.param(
        edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: "Stabilize the grid\\a of today as much as possible."'),
        "",
        id="escaped-control-character",
    ),
    pytest.param(
        edit(P1, "- id: I.1.2", "- id: I.1\u200b.2"),
        "",
        id="zero-width-space-in-id",
    ),
    # -- wrong types, missing, unknown and empty fields -------------------------------------
    pytest.param(
        edit(P1, "    printed_page: 4\n    text: Review", '    printed_page: "four"\n    text: Review'),
        "",
        id="string-for-printed-page",
    ),
    pytest.param(
        edit(P1, "text: Review all Federal Trade Commission (FTC) investigations & <orders>.", "text: {Review: all}"),
        "",
        id="mapping-for-text",
    ),
    pytest.param(
        edit(P1, "title: Encourage Open-Source and Open-Weight AI", "title: [Encourage, Open-Source]"),
        "",
        id="list-for-title",
    ),
    pytest.param(
        edit(P2, "    lead: []\n    agencies: []\n", "    lead: []\n"),
        "",
        id="missing-required-field",
    ),
    pytest.param(
        edit(AGENCIES, "  name: Federal Trade Commission\n", ""),
        "",
        id="missing-agency-name",
    ),
    pytest.param(
        edit(P1, "    lead_text: Led by the Office", "    lead_txt: Led by the Office"),
        "",
        id="misspelled-field",
    ),
    pytest.param(
        edit(PLAN, "publisher: The White House", "publsher: The White House"),
        "",
        id="misspelled-top-level-field",
    ),
    pytest.param(
        edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: ""'),
        "",
        id="empty-string",
    ),
    pytest.param(
        edit(P2, "title: Develop a Grid to Match the Pace of AI Innovation", 'title: "   "'),
        "",
        id="blank-string",
    ),
    pytest.param(
        edit(P2, "    lead: []\n    agencies: []\n", "    lead:\n    agencies: []\n"),
        "",
        id="null-for-list",
    ),
    pytest.param(
        edit(P2, "text: Stabilize the grid of today as much as possible.", "text: " + "x" * 50_000),
        "",
        id="absurdly-long-text",
    ),
    pytest.param(
        edit(PLAN, "pdf_url: https://", "pdf_url: http://"),
        "",
        id="pdf-url-not-https",
    ),
    pytest.param(
        edit(PLAN, "pillars: [I, II]", "pillars: [I, IV]"),
        "",
        id="unknown-pillar-in-plan",
    ),
    pytest.param(
        write(AGENCIES, "OSTP: Office of Science and Technology Policy\n"),
        "",
        id="mapping-instead-of-list",
    ),
    # -- identity and order --------------------------------------------------------------------
    pytest.param(
        edit(P1, "  - id: I.2.1", "  - id: I.1.2"),
        "",
        id="duplicate-unit-id",
    ),
    pytest.param(
        edit(P1, "- id: I.2\n", "- id: I.3\n"),
        "",
        id="goal-id-not-its-position",
    ),
    pytest.param(
        chain(edit(P1, "  - id: I.1.1", "  - id: I.1.X"), edit(P1, "  - id: I.1.2", "  - id: I.1.1"), edit(P1, "  - id: I.1.X", "  - id: I.1.2")),
        "",
        id="actions-out-of-order",
    ),
    pytest.param(
        edit(PLAN, "pillars: [I, II]", "pillars: [II, I]"),
        "",
        id="pillars-out-of-order",
    ),
    pytest.param(
        edit(P1, "    printed_page: 4\n    text: Review", "    printed_page: 2\n    text: Review"),
        "",
        id="printed-page-goes-back",
    ),
    # -- agencies and leads --------------------------------------------------------------------
    pytest.param(
        edit(P1, "lead: [OSTP]", "lead: [OSPT]"),
        "",
        id="unknown-agency-in-lead",
    ),
    pytest.param(
        edit(P1, "agencies: [FTC]", "agencies: [FCC]"),
        "",
        id="unknown-agency-in-agencies",
    ),
    pytest.param(
        edit(P1, "lead: [DOC, NIST]", "lead: [DOC, NIST, FTC]"),
        "",
        id="lead-not-named-in-text",
    ),
    pytest.param(
        edit(P1, "agencies: [FTC]", "agencies: [FTC, FTC]"),
        "",
        id="agency-listed-twice",
    ),
    pytest.param(
        edit(P1, "    lead: [OSTP]\n    lead_text: Led by the Office of Science and Technology Policy (OSTP)\n    agencies: []",
             "    lead: [OSTP]\n    lead_text: Led by the Office of Science and Technology Policy (OSTP)\n    agencies: [OSTP]"),
        "",
        id="agency-both-lead-and-named",
    ),
    pytest.param(
        edit(P1, "    lead_text: Led by the Office of Science and Technology Policy (OSTP)\n", ""),
        "",
        id="lead-without-lead-text",
    ),
    pytest.param(
        edit(P1, "lead_text: Led by the Office of Science and Technology Policy (OSTP)", "lead_text: Led by the OSTP"),
        "",
        id="lead-text-not-verbatim",
    ),
    pytest.param(
        edit(P1, "lead_text: Led by DOC through NIST", "lead_text: DOC through NIST"),
        "",
        id="lead-text-without-led-by",
    ),
    pytest.param(
        edit(P1, A111_LEAD, "    lead: []\n"),
        "",
        id="led-by-but-no-lead",
    ),
    pytest.param(
        edit(P2, "    lead: []\n    agencies: []", "    lead: [DOC]\n    lead_text: Stabilize\n    agencies: []"),
        "",
        id="lead-without-led-by-in-text",
    ),
    pytest.param(
        edit(AGENCIES, "- id: FTC\n", "- id: OSTP\n"),
        "",
        id="duplicate-agency-id",
    ),
    # -- footnotes --------------------------------------------------------------------------------
    pytest.param(
        chain(edit(P2, "as much as possible.", "as much as possible.[^9]"), edit(ZH2, "尽可能稳定现有电网。", "尽可能稳定现有电网。[^9]")),
        "",
        id="unknown-footnote-marker",
    ),
    pytest.param(
        edit(FOOTNOTES, "  text: Executive Order 14110 of October 30, 2023.\n",
             "  text: Executive Order 14110 of October 30, 2023.\n- number: 3\n  text: An orphan.\n"),
        "",
        id="footnote-cited-by-no-unit",
    ),
    pytest.param(
        chain(edit(FOOTNOTES, "- number: 1", "- number: X"), edit(FOOTNOTES, "- number: 2", "- number: 1"), edit(FOOTNOTES, "- number: X", "- number: 2")),
        "",
        id="footnotes-out-of-order",
    ),
    pytest.param(
        edit(FOOTNOTES, "- number: 2", "- number: 1"),
        "",
        id="duplicate-footnote-number",
    ),
    # -- commentary -----------------------------------------------------------------------------
    pytest.param(
        write(C03, "电网是风险所在。\n"),
        "",
        id="commentary-without-front-matter",
    ),
    pytest.param(
        edit(C02, "targets: [I.1.1]", "targets: [I.1.1"),
        "",
        id="commentary-broken-front-matter",
    ),
    pytest.param(
        edit(C02, "kind: critique", "kind: rant"),
        "",
        id="commentary-unknown-kind",
    ),
    pytest.param(
        edit(C02, "targets: [I.1.1]", "targets: [I.1.9]"),
        "",
        id="commentary-unknown-target",
    ),
    pytest.param(
        edit(C02, "targets: [I.1.1]", "targets: []"),
        "",
        id="commentary-empty-targets",
    ),
    pytest.param(
        edit(C03, "id: C03", "id: C02"),
        "",
        id="duplicate-critique-id",
    ),
    pytest.param(
        edit(C03, "position: 3", "position: 4"),
        "",
        id="commentary-position-gap",
    ),
    pytest.param(
        edit(C03, "paragraph: 2", "paragraph: 0"),
        "",
        id="commentary-paragraph-zero",
    ),
    pytest.param(
        edit(C03, "\n---\n", "\n---\n\n"),
        "",
        id="commentary-empty-body",
    ),
    pytest.param(
        edit(C01, "quote: 两大支柱", "quote: 三大支柱"),
        "",
        id="claim-quote-not-in-text",
    ),
    pytest.param(
        edit(C01, "expected: 2", "expected: 3"),
        "",
        id="claim-no-longer-holds",
    ),
    pytest.param(
        edit(C01, "expected: 2", "expected: 2\n    holds: false"),
        "",
        id="claim-marked-false-but-holds",
    ),
    # -- files ---------------------------------------------------------------------------------
    pytest.param(to_directory(FOOTNOTES), "", id="data-file-is-a-directory"),
    pytest.param(delete(AGENCIES), "", id="agencies-file-missing"),
    pytest.param(delete(P2), "", id="pillar-file-missing"),
    # -- translations --------------------------------------------------------------------------
    pytest.param(edit(ZH1, ZH_A112, ""), "", id="translation-missing"),
    pytest.param(
        edit(ZH1, "  - 美国必须拥有世界上最强大的人工智能系统。\n", "  - 美国必须拥有世界上最强大的人工智能系统。\n  - 第二段。\n"),
        "",
        id="translation-paragraph-count",
    ),
    pytest.param(
        edit(ZH1, "官僚主义繁文缛节的束缚。[^2]", "官僚主义繁文缛节的束缚。"),
        "",
        id="translation-drops-footnote-marker",
    ),
    pytest.param(
        edit(ZH2, "尽可能稳定现有电网。", "尽可能稳定现有电力网络。"),
        "",
        id="glossary-inconsistent",
    ),
    pytest.param(
        edit(ZH1, ZH_A112, ZH_A112 + "I.1.3:\n  text: 不存在的行动。\n"),
        "",
        id="translation-of-unknown-unit",
    ),
    pytest.param(
        edit(ZH1, ZH_A112, ZH_A112 + "  title: 多余的标题\n"),
        "",
        id="translation-of-unknown-field",
    ),
    pytest.param(
        edit(ZH2, "II.1.1:\n", "I.1.1:\n  text: 重复。\nII.1.1:\n"),
        "",
        id="translated-twice",
    ),
    # -- counts ----------------------------------------------------------------------------------
    pytest.param(chain(edit(P1, A112, ""), edit(ZH1, ZH_A112, "")), "", id="counts-do-not-match"),
]


@pytest.mark.parametrize(("mutate", "expected"), CASES)
def test_bad_input_is_reported(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    root = copy_fixture(tmp_path)
    mutate(root)
    found = problems_of(root)
    assert expected in found, "\n".join(found)
