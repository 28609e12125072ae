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
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan import cli
from actionplan.problems import DataError
from actionplan.site import load_all

FIXTURE = Path(__file__).parent / "fixtures" / "tiny"
# The command as the running interpreter runs it (its environment and PYTHONPATH), never a fixed .venv path.
ACTIONPLAN = [sys.executable, "-m", "actionplan.cli"]

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


def symlink(rel: str, target: str) -> Mutation:
    """``rel`` becomes a symbolic link to ``target`` (absolute, or relative to ``rel``'s folder)."""

    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)

    return apply


def fifo(rel: str) -> Mutation:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        os.mkfifo(path)

    return apply


def rename(old: str, new: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / old).rename(root / new)

    return apply


def make_file(rel: str, text: str = "x\n") -> Mutation:
    def apply(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    return apply


def laughs(indent: str = "") -> str:
    """Nine lines of nested aliases, ten wide: 10**8 values once expanded (the classic 'billion laughs')."""
    lines = [f"{indent}a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{indent}a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def add_agency(ident: str, name: str = "Index Office") -> Mutation:
    return edit(AGENCIES, "- id: NIST\n", f"- id: {ident}\n  name: {name}\n- id: NIST\n")


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
RECORD = "data/record.yaml"

A111_LEAD = "    lead: [OSTP]\n    lead_text: Led by the Office of Science and Technology Policy (OSTP)\n"
A112 = """\
  - id: I.1.2
    printed_page: 4
    text: Review all Federal Trade Commission (FTC) investigations & <orders>.
    lead: []
    agencies: [FTC]
    notes:
    - kind: as-printed
      text: {en: A note of ours., zh: 本站的一条注。}
"""
ZH_A112 = "I.1.2:\n  text: 审查联邦贸易委员会（FTC）的所有调查。\n"
ZH_INTRO = "intro:\n  title: 引言\n  intro:\n  - 美国正处于一场争夺人工智能全球主导地位的竞赛之中。[^1]\n  signatories:\n  - role: 总统科技助理\n"
C03_FRONT = "---\nid: C03\nkind: risk\nposition: 3\nparagraph: 2\ntargets: [II.1]\nen: The grid is a risk.\n---\n"


def add_orphan_footnote() -> Mutation:
    last = "  text: Executive Order 14110 of October 30, 2023.\n"
    return edit(FOOTNOTES, last, last + "- number: 3\n  text: An orphan.\n")


def row(name: str, mutate: Mutation, expected: str, bug: str | None = None) -> object:
    """One catalogue row; ``bug`` marks a known plugin defect (the expected string is the fixed message)."""
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(mutate, expected, id=name, marks=marks)


# Schema problems name the innermost record with an identifier ("action I.1.2") and the path
# inside it ("printed_page"), as the semantic checks do.
CASES = [
    # -- YAML syntax and encoding ------------------------------------------------------------
    row("yaml-unclosed-flow-sequence", edit(PLAN, "publisher: The White House", "publisher: [The White House"),
        "data/plan.yaml:3: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence that starts at line 2)"),
    row("yaml-tab-indentation", edit(P1, "  title: Remove Red Tape", "\ttitle: Remove Red Tape"),
        "data/pillars/I.yaml:8: YAML syntax error: found character '\\t' that cannot start any token (indent with spaces, not tabs)"),
    row("yaml-duplicate-key", edit(P1, A111_LEAD, "    printed_page: 4\n" + A111_LEAD),
        "data/pillars/I.yaml:16: printed_page: duplicate key in a mapping"),
    row("front-matter-duplicate-key", edit(C02, "kind: critique\n", "kind: critique\nkind: risk\n"),
        "content/commentary/C02.md:4: kind: duplicate key in a mapping"),
    row("yaml-two-documents", edit(AGENCIES, "- id: FTC\n", "---\n- id: FTC\n"),
        "data/agencies.yaml:4: YAML syntax error: expected a single document in the stream, but found another document"),
    row("yaml-recursive-alias", write(AGENCIES, "&a [*a]\n"),
        "data/agencies.yaml:1: YAML syntax error: found unconstructable recursive node"),
    row("yaml-python-tag", write(AGENCIES, "!!python/object:os.system {}\n"),
        "data/agencies.yaml:1: YAML syntax error: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system'"),
    row("non-utf8-byte", write_bytes(P1, lambda b: b.replace("America’s".encode(), b"America\x92s")),
        "data/pillars/I.yaml:11: not valid UTF-8 (byte 0x92)"),
    row("byte-order-mark", write_bytes(AGENCIES, lambda b: b"\xef\xbb\xbf" + b),
        "data/agencies.yaml:1: starts with a byte-order mark; save as UTF-8 without BOM"),
    row("crlf-line-endings", write_bytes(GLOSSARY, lambda b: b.replace(b"\n", b"\r\n")),
        "data/glossary.yaml:1: has CR/CRLF line endings; use LF"),
    row("raw-control-character", edit(P2, "Stabilize the grid", "Stabilize\x07 the grid"),
        "data/pillars/II.yaml:15: YAML syntax error: unacceptable character #x0007: special characters are not allowed"),
    row("escaped-control-character",
        edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: "Stabilize the grid\\a of today as much as possible."'),
        "data/pillars/II.yaml:15: action II.1.1: text: contains an invisible or control character U+0007"),
    row("zero-width-space-in-id", edit(P1, "- id: I.1.2", "- id: I.1\u200b.2"),
        "data/pillars/I.yaml:19: action I.1\\u200b.2: id: contains an invisible or control character U+200B"),
    row("zero-width-space-in-translation-key", edit(ZH2, "II.1.1:", "II.1.1\u200b:"),
        "data/translations/zh/II.yaml:9: II.1.1\\u200b: contains an invisible or control character U+200B"),
    # -- empty documents -----------------------------------------------------------------------
    row("empty-agencies-file", write(AGENCIES, ""), "data/agencies.yaml: file is empty"),
    row("null-plan-file", write(PLAN, "~\n"), "data/plan.yaml: file is empty"),
    row("empty-pillar-file", write(P2, ""), "data/pillars/II.yaml: file is empty"),
    row("empty-front-matter", write(C03, "---\n\n---\n电网是风险所在。\n"), "content/commentary/C03.md:1: critique C03: the front matter is empty"),
    # -- wrong types, missing, unknown and empty fields -------------------------------------
    row("string-for-printed-page", edit(P1, "    printed_page: 4\n    text: Review", '    printed_page: "four"\n    text: Review'),
        "data/pillars/I.yaml:20: action I.1.2: printed_page: expected an integer, got string"),
    row("string-for-pillar-printed-page", edit(P2, "printed_page: 14", "printed_page: fourteen"),
        "data/pillars/II.yaml:3: pillar II: printed_page: expected an integer, got string"),
    row("boolean-for-printed-page", edit(P2, "printed_page: 14", "printed_page: yes"),
        "data/pillars/II.yaml:3: pillar II: printed_page: expected an integer, got boolean"),
    row("mapping-for-text", edit(P1, "text: Review all Federal Trade Commission (FTC) investigations & <orders>.", "text: {Review: all}"),
        "data/pillars/I.yaml:21: action I.1.2: text: expected a string, got mapping"),
    row("list-for-title", edit(P1, "title: Encourage Open-Source and Open-Weight AI", "title: [Encourage, Open-Source]"),
        "data/pillars/I.yaml:28: goal I.2: title: expected a string, got list"),
    row("date-for-string", edit(PLAN, "published: 2025-07", "published: !!timestamp 2025-07-01"),
        "data/plan.yaml:3: plan: published: expected a string, got date"),
    row("missing-required-field", edit(P2, "    lead: []\n    agencies: []\n", "    lead: []\n"),
        "data/pillars/II.yaml:13: action II.1.1: agencies: required field is missing"),
    row("missing-agency-name", edit(AGENCIES, "  name: Federal Trade Commission\n", ""),
        "data/agencies.yaml:4: agency FTC: name: required field is missing"),
    row("misspelled-field", edit(P1, "    lead_text: Led by the Office", "    lead_txt: Led by the Office"),
        "data/pillars/I.yaml:17: action I.1.1: lead_txt: unknown field (known: id, printed_page, text, lead, lead_text, agencies, notes)"),
    row("misspelled-top-level-field", edit(PLAN, "publisher: The White House", "publsher: The White House"),
        "data/plan.yaml:2: plan: publsher: unknown field (known: title, publisher, published, pdf_url, pdf_page_offset, counts, epigraph, intro, pillars)"),
    row("empty-string", edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: ""'),
        "data/pillars/II.yaml:15: action II.1.1: text: must not be empty"),
    row("blank-string", edit(P2, "title: Build American AI Infrastructure", 'title: "   "'),
        "data/pillars/II.yaml:2: pillar II: title: must not be empty"),
    row("null-for-list", edit(P2, "    lead: []\n", "    lead:\n"),
        "data/pillars/II.yaml:16: action II.1.1: lead: expected a list, got nothing"),
    row("absurdly-long-text", edit(P2, "text: Stabilize the grid of today as much as possible.", "text: " + "x" * 50_000),
        "data/pillars/II.yaml:15: action II.1.1: text: too long (50000 characters, at most 20000)"),
    row("unknown-note-kind", edit(P1, "kind: as-printed", "kind: typo"),
        "data/pillars/I.yaml:25: action I.1.2: notes[0].kind: 'typo' is not one of: as-printed, repeated, editorial"),
    row("pdf-url-not-https", edit(PLAN, "pdf_url: https://", "pdf_url: http://"),
        "data/plan.yaml:4: plan: pdf_url: 'http://www.whitehouse.gov/wp-content/uploads/2025/07/America' must be an https:// URL"),
    row("unknown-pillar-in-plan", edit(PLAN, "pillars: [I, II]", "pillars: [I, IV]"),
        "data/plan.yaml:25: plan: pillars[1]: 'IV' is not one of: I, II, III"),
    row("no-pillars-in-plan", edit(PLAN, "pillars: [I, II]", "pillars: []"),
        "data/plan.yaml:25: plan: pillars: needs at least 1 item(s)"),
    row("mapping-instead-of-list", write(AGENCIES, "OSTP: Office of Science and Technology Policy\n"),
        "data/agencies.yaml:1: agency: expected a list, got mapping"),
    row("integer-agency-id", edit(AGENCIES, "- id: FTC", "- id: 12"),
        "data/agencies.yaml:4: agency 12: id: expected a string, got integer"),
    # -- identity and order --------------------------------------------------------------------
    row("duplicate-unit-id", edit(P1, "  - id: I.2.1", "  - id: I.1.2"),
        "data/pillars/I.yaml:33: unit I.1.2: id: duplicate ID (first at data/pillars/I.yaml:19)"),
    row("goal-id-not-its-position", edit(P1, "- id: I.2\n", "- id: I.3\n"),
        "data/pillars/I.yaml:27: goal I.3: id: does not match its position: expected I.2"),
    row("actions-out-of-order",
        chain(edit(P1, "  - id: I.1.1", "  - id: I.1.X"), edit(P1, "  - id: I.1.2", "  - id: I.1.1"), edit(P1, "  - id: I.1.X", "  - id: I.1.2")),
        "data/pillars/I.yaml:13: action I.1.2: id: does not match its position: expected I.1.1"),
    row("pillars-out-of-order", edit(PLAN, "pillars: [I, II]", "pillars: [II, I]"),
        "data/plan.yaml:25: plan: pillars: must list the pillars in the plan's order (I, II, III), not II, I"),
    row("pillar-file-holds-another-pillar", edit(P2, "id: II\n", "id: I\n"),
        "data/pillars/II.yaml:1: pillar I: id: the file pillars/II.yaml must hold pillar II"),
    row("printed-page-goes-back", edit(P1, "    printed_page: 4\n    text: Review", "    printed_page: 2\n    text: Review"),
        "data/pillars/I.yaml:19: action I.1.2: printed_page: 2 is before the previous unit's page 3"),
    row("pillar-printed-page-goes-back", edit(P2, "printed_page: 14", "printed_page: 1"),
        "data/pillars/II.yaml:1: pillar II: printed_page: 1 is before the previous unit's page 5"),
    # -- agencies and leads --------------------------------------------------------------------
    row("unknown-agency-in-lead", edit(P1, "lead: [OSTP]", "lead: [OSPT]"),
        "data/pillars/I.yaml:13: action I.1.1: lead: unknown agency 'OSPT' (not in agencies.yaml)"),
    row("unknown-agency-in-agencies", edit(P1, "agencies: [FTC]", "agencies: [FCC]"),
        "data/pillars/I.yaml:19: action I.1.2: agencies: unknown agency 'FCC' (not in agencies.yaml)"),
    row("lead-not-named-in-text", edit(P1, "lead: [DOC, NIST]", "lead: [DOC, NIST, FTC]"),
        "data/pillars/I.yaml:33: action I.2.1: lead: 'FTC' is not named in the action's text"),
    row("agency-listed-twice", edit(P1, "agencies: [FTC]", "agencies: [FTC, FTC]"),
        "data/pillars/I.yaml:19: action I.1.2: agencies: 'FTC' listed twice"),
    row("agency-both-lead-and-named", edit(P1, A111_LEAD + "    agencies: []", A111_LEAD + "    agencies: [OSTP]"),
        "data/pillars/I.yaml:13: action I.1.1: agencies: OSTP already listed under lead"),
    row("lead-without-lead-text", edit(P1, "    lead_text: Led by the Office of Science and Technology Policy (OSTP)\n", ""),
        "data/pillars/I.yaml:13: action I.1.1: lead_text: required when lead is set: the 'Led by …' words as printed"),
    row("lead-text-not-verbatim", edit(P1, "lead_text: Led by the Office of Science and Technology Policy (OSTP)", "lead_text: Led by the OSTP"),
        "data/pillars/I.yaml:13: action I.1.1: lead_text: is not a verbatim part of the action's text"),
    row("lead-text-without-led-by", edit(P1, "lead_text: Led by DOC through NIST", "lead_text: DOC through NIST"),
        "data/pillars/I.yaml:33: action I.2.1: lead_text: must start from the printed words 'Led by' / 'led by'"),
    row("led-by-but-no-lead", edit(P1, A111_LEAD, "    lead: []\n"),
        "data/pillars/I.yaml:13: action I.1.1: lead: the text says 'led by' but no lead agency is recorded"),
    row("lowercase-led-by-but-no-lead", edit(P2, "text: Stabilize the grid", "text: Stabilize (led by nobody) the grid"),
        "data/pillars/II.yaml:13: action II.1.1: lead: the text says 'led by' but no lead agency is recorded"),
    row("lead-but-text-has-no-led-by", edit(P2, "    lead: []\n    agencies: []", "    lead: [DOC]\n    lead_text: Stabilize\n    agencies: []"),
        "data/pillars/II.yaml:13: action II.1.1: lead: only an agency the text introduces with 'Led by' / 'led by' is a lead"),
    row("duplicate-agency-id", edit(AGENCIES, "- id: FTC\n", "- id: OSTP\n"),
        "data/agencies.yaml:4: agency OSTP: id: duplicate ID (first at data/agencies.yaml:1)"),
    # -- footnotes --------------------------------------------------------------------------------
    row("unknown-footnote-marker",
        chain(edit(P2, "as much as possible.", "as much as possible.[^9]"), edit(ZH2, "尽可能稳定现有电网。", "尽可能稳定现有电网。[^9]")),
        "data/pillars/II.yaml:13: action II.1.1: text: cites footnote [^9], which is not in footnotes.yaml"),
    row("unknown-footnote-marker-in-intro", edit(P1, "are made freely available.", "are made freely available.[^9]"),
        "data/pillars/I.yaml:27: goal I.2: intro: cites footnote [^9], which is not in footnotes.yaml"),
    row("unknown-footnote-marker-in-title",
        chain(edit(P2, "title: Develop a Grid to", "title: Develop a Grid[^9] to"), edit(ZH2, "相匹配的电网", "相匹配的电网[^9]")),
        "data/pillars/II.yaml:7: goal II.1: title: cites footnote [^9], which is not in footnotes.yaml"),
    row("footnote-cited-by-no-unit",
        add_orphan_footnote(),
        "data/footnotes.yaml:5: footnote 3: number: is cited by no unit"),
    row("footnotes-out-of-order",
        chain(edit(FOOTNOTES, "- number: 1", "- number: X"), edit(FOOTNOTES, "- number: 2", "- number: 1"), edit(FOOTNOTES, "- number: X", "- number: 2")),
        "data/footnotes.yaml:1: footnote 2: number: out of order: expected 1"),
    row("duplicate-footnote-number", edit(FOOTNOTES, "- number: 2", "- number: 1"),
        "data/footnotes.yaml:3: footnote 1: number: duplicate number (first at data/footnotes.yaml:1)"),
    # -- commentary -----------------------------------------------------------------------------
    row("commentary-without-front-matter", write(C03, "电网是风险所在。\n"),
        "content/commentary/C03.md:1: critique C03: needs YAML front matter between '---' lines at the top"),
    row("commentary-broken-front-matter", edit(C02, "targets: [I.1.1]", "targets: [I.1.1"),
        "content/commentary/C02.md:7: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence that starts at line 6)"),
    row("commentary-unknown-kind", edit(C02, "kind: critique", "kind: rant"),
        "content/commentary/C02.md:3: critique C02: kind: 'rant' is not one of: background, structure, critique, risk, caption"),
    row("commentary-unknown-target", edit(C02, "targets: [I.1.1]", "targets: [I.1.9]"),
        "content/commentary/C02.md:6: critique C02: targets: unknown unit 'I.1.9'"),
    row("commentary-target-twice", edit(C02, "targets: [I.1.1]", "targets: [I.1.1, I.1.1]"),
        "content/commentary/C02.md:6: critique C02: targets: 'I.1.1' listed twice"),
    row("commentary-empty-targets", edit(C02, "targets: [I.1.1]", "targets: []"),
        "content/commentary/C02.md:6: critique C02: targets: needs at least 1 item(s)"),
    row("duplicate-critique-id", edit(C03, "id: C03", "id: C02"),
        "content/commentary/C03.md:1: critique C02: id: duplicate ID (first at content/commentary/C02.md:1)"),
    row("commentary-position-gap", edit(C03, "position: 3", "position: 4"),
        "content/commentary/C03.md:4: critique C03: position: expected 3: positions run 1, 2, 3 … without gaps"),
    row("commentary-paragraph-goes-back", edit(C02, "paragraph: 1", "paragraph: 3"),
        "content/commentary/C03.md:5: critique C03: paragraph: goes back from paragraph 3"),
    row("commentary-paragraph-zero", edit(C03, "paragraph: 2", "paragraph: 0"),
        "content/commentary/C03.md:5: critique C03: paragraph: must be at least 1"),
    row("commentary-empty-body", write(C03, C03_FRONT + "\n  \n"),
        "content/commentary/C03.md:9: critique C03: body: the quoted commentary text is empty"),
    row("commentary-zero-width-space-in-id", edit(C03, "id: C03", "id: C0\u200b3"),
        "content/commentary/C03.md:2: critique C0\\u200b3: id: contains an invisible or control character U+200B"),
    row("claim-quote-not-in-text", edit(C01, "quote: 两大支柱", "quote: 三大支柱"),
        "content/commentary/C01.md:9: claim K-plan-pillars: quote: is not a verbatim part of the unit's text"),
    row("claim-no-longer-holds", edit(C01, "expected: 2", "expected: 3"),
        "content/commentary/C01.md:9: claim K-plan-pillars: holds: recorded as holding, but it does not hold: "
        "the data has 2 pillars in plan, the commentary says 3"),
    row("claim-marked-false-but-holds", edit(C01, "expected: 2", "expected: 2\n    holds: false"),
        "content/commentary/C01.md:9: claim K-plan-pillars: holds: recorded as not holding, but it holds: "
        "the data has 2 pillars in plan, the commentary says 2"),
    row("claim-scope-not-in-data", edit(C01, "scope: plan", "scope: III"),
        "content/commentary/C01.md:9: claim K-plan-pillars: scope: the data has no pillar III"),
    row("duplicate-claim-id",
        edit(C01, "    expected: 2\n", "    expected: 2\n  - id: K-plan-pillars\n    quote: 两大支柱\n    metric: pillars\n    scope: plan\n    expected: 2\n"),
        "content/commentary/C01.md:14: claim K-plan-pillars: id: duplicate ID (first at content/commentary/C01.md:9)"),
    # -- files ---------------------------------------------------------------------------------
    row("data-file-is-a-directory", to_directory(FOOTNOTES), "data/footnotes.yaml: is a directory, expected a file"),
    row("commentary-file-is-a-directory", lambda root: (root / "content/commentary/C04.md").mkdir(),
        "content/commentary/C04.md: is a directory, expected a file"),
    row("agencies-file-missing", delete(AGENCIES), "data/agencies.yaml: file is missing"),
    row("pillar-file-missing", delete(P2), "data/pillars/II.yaml: file is missing"),
    row("commentary-folder-missing", lambda root: shutil.rmtree(root / "content/commentary"), "content/commentary: commentary directory is missing"),
    # -- translations --------------------------------------------------------------------------
    row("translation-missing", edit(ZH1, ZH_A112, ""), "data/translations/zh/: I.1.2: text: missing zh translation"),
    row("translation-paragraph-count",
        edit(ZH1, "  - 美国必须拥有世界上最强大的人工智能系统。\n", "  - 美国必须拥有世界上最强大的人工智能系统。\n  - 第二段。\n"),
        "data/translations/zh/I.yaml:1: I: intro: must have 1 paragraph(s) like the original"),
    row("translation-string-for-paragraphs", edit(ZH2, "  intro:\n  - 人工智能是", "  intro: 人工智能是"),
        "data/translations/zh/II.yaml:3: II: intro: expected a list, got string"),
    row("translation-signatory-count", edit(ZHP, "  - role: 总统科技助理\n", "  - role: 总统科技助理\n  - role: 另一位\n"),
        "data/translations/zh/plan.yaml:6: intro: signatories: must have 1 item(s) like the original"),
    row("translation-signatories-string", edit(ZHP, ZH_INTRO, "intro:\n  signatories: 总统科技助理\n"),
        "data/translations/zh/plan.yaml:7: intro: signatories: expected a list, got string"),
    row("translation-drops-footnote-marker", edit(ZH1, "官僚主义繁文缛节的束缚。[^2]", "官僚主义繁文缛节的束缚。"),
        "data/translations/zh/I.yaml:5: I.1: intro: footnote markers ['2'] of the original must appear in the translation"),
    row("translation-adds-footnote-marker", edit(ZH2, "尽可能稳定现有电网。", "尽可能稳定现有电网。[^1]"),
        "data/translations/zh/II.yaml:9: II.1.1: text: footnote markers ['1'] do not match the original's []"),
    row("glossary-inconsistent", edit(ZH2, "尽可能稳定现有电网。", "尽可能稳定现有电力网络。"),
        "data/translations/zh/II.yaml:9: II.1.1: text: glossary: 'grid' must be rendered '电网'"),
    # Acronyms (#28): the first mention on a unit's page names the body in full, 商务部（DOC）.
    row("translation-bare-first-acronym", edit(ZH1, "由商务部（DOC）通过", "由DOC通过"),
        "data/translations/zh/I.yaml:18: I.2.1: text: acronym 'DOC': its first mention on the page is bare; write 商务部（DOC）"),
    row("translation-acronym-half-width-brackets", edit(ZH1, "由商务部（DOC）通过", "由商务部(DOC)通过"),
        "data/translations/zh/I.yaml:18: I.2.1: text: acronym 'DOC': its first mention on the page is bare; write 商务部（DOC）"),
    row("translation-acronym-other-name", edit(ZH1, "通过美国国家标准与技术研究院（NIST）", "通过国家标准局（NIST）"),
        "data/translations/zh/I.yaml:18: I.2.1: text: acronym 'NIST': its first mention on the page is bare; write 美国国家标准与技术研究院（NIST）"),
    row("glossary-acronym-declared-twice", edit(GLOSSARY, "- en: grid\n", "- en: Commerce\n  zh: 商务\n  acronym: DOC\n- en: grid\n"),
        "data/glossary.yaml:3: term Commerce: acronym: 'DOC' is declared already (agency DOC, data/agencies.yaml:7): one acronym, one meaning"),
    row("glossary-acronym-lower-case", edit(GLOSSARY, "  zh: 电网\n", "  zh: 电网\n  acronym: grid\n"),
        "data/glossary.yaml:5: term grid: acronym: 'grid' is not an acronym as the plan prints it (Latin capitals, digits, & or -), e.g. NEPA or FAST-41"),
    row("translation-of-unknown-unit", edit(ZH1, ZH_A112, ZH_A112 + "I.1.3:\n  text: 不存在的行动。\n"),
        "data/translations/zh/I.yaml:13: I.1.3: translates a unit that does not exist"),
    row("translation-of-unknown-field", edit(ZH1, ZH_A112, ZH_A112 + "  title: 多余的标题\n"),
        "data/translations/zh/I.yaml:13: I.1.2: title: the original has no such field"),
    row("translation-misspelled-field", edit(ZHP, "  title: 引言\n", "  titel: 引言\n"),
        "data/translations/zh/plan.yaml:7: intro: titel: unknown field (known: title, intro, text, role, signatories)"),
    row("translation-of-unknown-agency", edit(ZHP, "  NIST: 美国国家标准与技术研究院\n", "  NIST: 美国国家标准与技术研究院\n  FCC: 联邦通信委员会\n"),
        "data/translations/zh/plan.yaml:17: agencies: FCC: no such agency in agencies.yaml"),
    row("translation-agency-as-list", edit(ZHP, "  FTC: 联邦贸易委员会", "  FTC: [联邦贸易委员会]"),
        "data/translations/zh/plan.yaml:14: agencies: FTC: expected a string, got list"),
    row("translated-twice", edit(ZH2, "II.1.1:\n", "I.1.1:\n  text: 重复。\nII.1.1:\n"),
        "data/translations/zh/II.yaml:9: I.1.1: translated twice (also data/translations/zh/I.yaml:9)"),
    # -- counts and changelog ------------------------------------------------------------------
    row("counts-do-not-match", chain(edit(P1, A112, ""), edit(ZH1, ZH_A112, "")),
        "data/plan.yaml:9: plan: counts.actions: the official plan has 4 actions, the data has 3"),
    row("changelog-unknown-unit", edit("data/changelog.yaml", "units: [I.1.1]", "units: [I.1.9]"),
        "data/changelog.yaml:1: release 0.0.1: units: unknown unit 'I.1.9'"),
    row("changelog-unknown-instrument", edit("data/changelog.yaml", "record: [eo-14318,", "record: [eo-14399,"),
        "data/changelog.yaml:7: release 0.0.1: record[0]: unknown instrument 'eo-14399' (not in record.yaml)"),
    row("changelog-instrument-twice", edit("data/changelog.yaml", "record: [eo-14318,", "record: [eo-14318, eo-14318,"),
        "data/changelog.yaml:7: release 0.0.1: record[1]: 'eo-14318' listed twice"),
    row("changelog-instrument-after-release", edit("data/changelog.yaml", "date: 2026-11-01", "date: 2025-08-01"),
        "data/changelog.yaml:7: release 0.0.1: record[1]: 'ostp-rfi-2025-18737' was published on 2025-09-26, after this release (2025-08-01)"),
    row("changelog-commit-abbreviated", edit("data/changelog.yaml", "date: 2026-11-01", "date: 2026-11-01\n  commit: d8a88db"),
        "data/changelog.yaml:3: release 0.0.1: commit: 'd8a88db' does not match [0-9a-f]{40}"),
    row("changelog-commit-uppercase", edit("data/changelog.yaml", "date: 2026-11-01", "date: 2026-11-01\n  commit: " + "D8A88DBF" * 5),
        "data/changelog.yaml:3: release 0.0.1: commit: '" + "D8A88DBF" * 5 + "' does not match [0-9a-f]{40}"),
    row("changelog-record-not-a-list", edit("data/changelog.yaml", "record: [eo-14318, ostp-rfi-2025-18737]", "record: eo-14318"),
        "data/changelog.yaml:7: release 0.0.1: record: expected a list, got string"),
    # -- the record (data/record.yaml) ---------------------------------------------------------
    row("record-url-not-a-government-host", edit(RECORD, "https://www.federalregister.gov/", "https://www.federalregister.com/"),
        "data/record.yaml:44: instrument eo-14179: url: 'www.federalregister.com' is not a government host: the "
        "official text must be on govinfo.gov, federalregister.gov, whitehouse.gov or an agency's .gov site"),
    row("record-url-not-https", edit(RECORD, "url: https://www.govinfo.gov/content/pkg/FR-2025-07-28", "url: http://www.govinfo.gov/content/pkg/FR-2025-07-28"),
        "data/record.yaml:11: instrument eo-14318: url: 'http://www.govinfo.gov/content/pkg/FR-2025-07-28/html/2025-1' must be an https:// URL"),
    row("record-govinfo-url-of-another-day", edit(RECORD, "pkg/FR-2025-09-26/", "pkg/FR-2025-09-25/"),
        'data/record.yaml:25: instrument ostp-rfi-2025-18737: url: is the Federal Register of 2025-09-25, but published is 2025-09-26'),
    row("record-govinfo-url-of-another-document", edit(RECORD, "fr_doc: 2025-18737", "fr_doc: 2025-18738"),
        'data/record.yaml:25: instrument ostp-rfi-2025-18737: url: is FR Doc 2025-18737, but fr_doc is 2025-18738'),
    row("record-citation-format", edit(RECORD, "citation: 90 FR 35385", "citation: 90 F.R. 35385"),
        "data/record.yaml:10: instrument eo-14318: citation: '90 F.R. 35385' is not a Federal Register citation: volume, FR, first page, e.g. 90 FR 35385"
        " (an instrument's own number, such as NSF 25-546 or RM26-4-000, goes in number; one not printed in the Federal "
        "Register has no citation: leave the field out)"),
    row("record-fr-doc-format", edit(RECORD, "fr_doc: 2025-14212", "fr_doc: 2025-1421"),
        "data/record.yaml:4: instrument eo-14318: fr_doc: '2025-1421' is not an FR document number such as 2025-14212"),
    row("record-unknown-kind", edit(RECORD, "kind: notice", "kind: press release"),
        "data/record.yaml:17: instrument ostp-rfi-2025-18737: kind: 'press release' is not one of: executive order, "
        'memorandum, rule, proposed rule, notice, solicitation, guidance, strategy, framework, report, docket, order'),
    row("record-unknown-unit", edit(RECORD, "unit: II.1.1", "unit: II.1.9"),
        "data/record.yaml:13: instrument eo-14318: units[0].unit: unknown unit 'II.1.9'"),
    row("record-unit-listed-twice", edit(RECORD, "  - unit: I.1\n", "  - unit: I.1.1\n"),
        "data/record.yaml:32: instrument ostp-rfi-2025-18737: units[1].unit: 'I.1.1' listed twice"),
    row("record-unknown-relation", edit(RECORD, "relation: orders", "relation: implemented"),
        "data/record.yaml:29: instrument ostp-rfi-2025-18737: units[0].relation: 'implemented' is not one of: orders, cites, related; write relation: orders"),
    row("record-evidence-two-sentences", edit(RECORD, "input on regulatory reform.", "input on regulatory reform. It asks for more."),
        'data/record.yaml:34: instrument ostp-rfi-2025-18737: units[1].evidence: holds 2 sentences: quote at most one sentence of the instrument, verbatim'),
    row("record-evidence-empty", edit(RECORD, "evidence: To maintain this leadership, we must develop AI systems.", 'evidence: ""'),
        'data/record.yaml:49: instrument eo-14179: units[0].evidence: must not be empty'),
    row("record-evidence-missing", edit(RECORD, "    evidence: To maintain this leadership, we must develop AI systems.\n", ""),
        'data/record.yaml:47: instrument eo-14179: units[0].evidence: required field is missing'),
    row("record-no-units", edit(RECORD, "  units:\n  - unit: I.2.1"
                                       "\n    relation: related\n    evidence: To maintain this leadership, we must develop AI systems.\n", "  units: []\n"),
        'data/record.yaml:46: instrument eo-14179: units: needs at least 1 item(s)'),
    row("record-published-before-signed", edit(RECORD, "signed: '2025-07-23'", "signed: '2025-07-29'"),
        'data/record.yaml:9: instrument eo-14318: published: 2025-07-28 is before the date signed, 2025-07-29'),
    row("record-before-the-plan-not-background", edit(RECORD, "  background: true\n", ""),
        'data/record.yaml:41: instrument eo-14179: signed: 2025-01-23 is before the plan (2025-07-23): an instrument '
        'from before the plan is marked background: true'),
    row("record-background-after-the-plan", edit(RECORD, "  citation: 90 FR 35385\n", "  citation: 90 FR 35385\n  background: true\n"),
        'data/record.yaml:11: instrument eo-14318: background: only an instrument from before the plan (2025-07-23) is background; this one is of 2025-07-23'),
    row("record-not-a-calendar-date", edit(RECORD, "published: '2025-01-31'", "published: '2025-02-30'"),
        "data/record.yaml:42: instrument eo-14179: published: '2025-02-30' is not a calendar date (YYYY-MM-DD)"),
    row("record-unknown-issuer", edit(RECORD, "issuer: OSTP", "issuer: OSPT"),
        "data/record.yaml:21: instrument ostp-rfi-2025-18737: issuer: unknown issuer 'OSPT': an agency ID from agencies.yaml, or 'President'"),
    row("record-duplicate-id", edit(RECORD, "- id: eo-14179", "- id: eo-14318"),
        'data/record.yaml:35: instrument eo-14318: id: duplicate ID (first at data/record.yaml:1)'),
    row("record-reserved-id", edit(RECORD, "- id: eo-14179", "- id: index"),
        "data/record.yaml:35: instrument index: id: 'index' is a path the site itself uses; choose another ID"),
    row("record-upper-case-id", edit(RECORD, "- id: eo-14179", "- id: EO-14179"),
        "data/record.yaml:35: instrument EO-14179: id: 'EO-14179' is not an ID of lower-case letters, digits and "
        "hyphens (it is the URL record/<ID>/), e.g. eo-14318"),
    row("record-misspelled-field", edit(RECORD, "  note: {en: A note", "  notes: {en: A note"),
        'data/record.yaml:26: instrument ostp-rfi-2025-18737: notes: unknown field (known: id, kind, number, fr_doc, '
        'title, title_zh, issuer, signed, published, citation, url, background, note, units)'),
    row("record-file-missing", delete(RECORD),
        'data/record.yaml: file is missing'),
    # -- what each kind of instrument carries (issue 27): nothing a contributor must invent -----------
    row("record-kind-in-other-words", edit(RECORD, "kind: solicitation", "kind: program solicitation"),
        "data/record.yaml:51: instrument nsf-25-546-nairr-oc: kind: 'program solicitation' is not one of: executive "
        'order, memorandum, rule, proposed rule, notice, solicitation, guidance, strategy, framework, report, docket, '
        'order; write kind: solicitation'),
    row("record-solicitation-without-its-number", edit(RECORD, "  number: NSF 25-546\n", ""),
        'data/record.yaml:51: instrument nsf-25-546-nairr-oc: number: a solicitation has its own solicitation number: '
        'write number: as printed (e.g. NSF 25-546)'),
    row("record-own-number-as-citation", edit(RECORD, "  number: NSF 25-546\n", "  number: NSF 25-546\n  citation: NSF 25-546\n"),
        "data/record.yaml:53: instrument nsf-25-546-nairr-oc: citation: 'NSF 25-546' is not a Federal Register "
        "citation: volume, FR, first page, e.g. 90 FR 35385 (an instrument's own number, such as NSF 25-546 or "
        'RM26-4-000, goes in number; one not printed in the Federal Register has no citation: leave the field out)'),
    row("record-fr-kind-without-citation", edit(RECORD, "  citation: 90 FR 35385\n", ""),
        'data/record.yaml:2: instrument eo-14318: citation: an executive order is printed in the Federal Register: '
        'write citation: as printed there (e.g. 90 FR 35385); if it was not printed there, it is another kind'),
    row("record-citation-without-fr-doc", edit(RECORD, "  number: NSF 25-546\n", "  number: NSF 25-546\n  citation: 90 FR 1\n"),
        'data/record.yaml:53: instrument nsf-25-546-nairr-oc: fr_doc: a Federal Register citation comes with the '
        "document's FR Doc. number: write fr_doc: as printed (e.g. 2025-14212)"),
    row("record-orders-without-section", edit(RECORD, "    section: SUMMARY\n", ""),
        "data/record.yaml:28: instrument ostp-rfi-2025-18737: units[0].section: orders rests on the instrument's "
        'operative text: write section: where the quoted sentence is, as printed (e.g. Sec. 3(b)); if it is only '
        'named, write relation: cites'),
    row("record-orders-on-the-purpose", edit(RECORD, "section: SUMMARY", "section: Section 1. Purpose"),
        "data/record.yaml:31: instrument ostp-rfi-2025-18737: units[0].relation: 'Section 1. Purpose' states the "
        "instrument's purpose, not what it directs: quote its operative text for orders, or write relation: cites (it "
        'names the plan) or related (our judgement)'),
    row("record-cites-without-the-plan", edit(RECORD, "  - unit: II.1.1\n    relation: related", "  - unit: II.1.1\n    relation: cites"),
        'data/record.yaml:15: instrument eo-14318: units[0].evidence: cites rests on a sentence that names the plan: '
        'quote the sentence with "Action Plan" in it, or write relation: related (our judgement)'),
    row("record-executive-order-number", edit(RECORD, "number: EO 14318", "number: Executive Order 14318"),
        "data/record.yaml:3: instrument eo-14318: number: 'Executive Order 14318' is not an executive order's number: "
        'write EO and its five digits, e.g. EO 14318'),
    row("record-relation-in-other-words", edit(RECORD, "relation: orders", "relation: implements"),
        "data/record.yaml:29: instrument ostp-rfi-2025-18737: units[0].relation: 'implements' is not one of: orders, "
        'cites, related; write relation: orders (its operative text directs the step) or cites (it only names the plan)'),
]


# Hostile input (issue 15): URLs, the file system, bounded parsing, reserved and colliding IDs,
# text that `check` once passed and the build then crashed on, and log injection.
PDF = "pdf_url: https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf"
SAFE_URL = "is not a safe URL: it contains"
NOT_A_UNIT = "not a commentary unit: files in the commentary folder are named <ID>.md (e.g. C07.md), with a lower-case .md"
CASE = "IDs are URLs and must be unique regardless of case"
SITE_DIR = "[A-Za-z0-9_~\\-][A-Za-z0-9._~\\-]*(/[A-Za-z0-9_~\\-][A-Za-z0-9._~\\-]*)*/"
PLAN_FIELDS = "title, publisher, published, pdf_url, pdf_page_offset, counts, epigraph, intro, pillars"
CASES += [
    # -- one rule for every URL field --------------------------------------------------------
    row("pdf-url-script-injection", edit(PLAN, PDF, """pdf_url: 'https://x.example/"><script>window.__pwned=1</script><a x="'"""),
        """data/plan.yaml:4: plan: pdf_url: 'https://x.example/"><script>window.__pwned=1</script><a x="' """ + SAFE_URL + """ '"'"""),
    row("pdf-url-with-space", edit(PLAN, PDF, "pdf_url: https://x.example/a b.pdf"),
        "data/plan.yaml:4: plan: pdf_url: 'https://x.example/a b.pdf' " + SAFE_URL + " white space"),
    row("pdf-url-javascript", edit(PLAN, PDF, "pdf_url: javascript:alert(1)"),
        "data/plan.yaml:4: plan: pdf_url: 'javascript:alert(1)' must be an https:// URL"),
    row("pdf-url-no-host", edit(PLAN, PDF, "pdf_url: https:///plan.pdf"),
        "data/plan.yaml:4: plan: pdf_url: 'https:///plan.pdf' is not an https URL with a host name"),
    row("pdf-url-single-quote", edit(PLAN, PDF, """pdf_url: "https://x.example/it's.pdf\""""),
        """data/plan.yaml:4: plan: pdf_url: "https://x.example/it's.pdf" """ + SAFE_URL + """ "'\""""),
    row("pdf-url-angle-bracket", edit(PLAN, PDF, "pdf_url: https://x.example/<b>.pdf"),
        "data/plan.yaml:4: plan: pdf_url: 'https://x.example/<b>.pdf' " + SAFE_URL + " '<'"),
    row("pdf-url-backslash", edit(PLAN, PDF, r"pdf_url: https://x.example\@evil.example/"),
        r"data/plan.yaml:4: plan: pdf_url: 'https://x.example\\@evil.example/' " + SAFE_URL + r" '\\'"),
    row("pdf-url-trailing-newline", edit(PLAN, PDF, 'pdf_url: "https://x.example/plan.pdf\\n"'),
        r"data/plan.yaml:4: plan: pdf_url: 'https://x.example/plan.pdf\n' " + SAFE_URL + " white space"),
    row("pdf-url-control-character", edit(PLAN, PDF, 'pdf_url: "https://x.example/\\x01plan.pdf"'),
        "data/plan.yaml:4: plan: pdf_url: contains an invisible or control character U+0001"),
    row("pdf-url-bad-port", edit(PLAN, PDF, "pdf_url: https://x.example:99999/plan.pdf"),
        "data/plan.yaml:4: plan: pdf_url: 'https://x.example:99999/plan.pdf' is not a URL (Port out of range 0-65535)"),
    row("pdf-url-upper-case-scheme-with-userinfo", edit(PLAN, PDF, "pdf_url: https://user@x.example/plan.pdf"),
        "data/plan.yaml:4: plan: pdf_url: 'https://user@x.example/plan.pdf' is not an https URL with a host name"),
    row("pdf-url-data-scheme", edit(PLAN, PDF, "pdf_url: data:text/html,hi"),
        "data/plan.yaml:4: plan: pdf_url: 'data:text/html,hi' must be an https:// URL"),
    # -- the file system is data -----------------------------------------------------------
    row("content-symlink-to-environ", symlink("content/assets/env.txt", "/proc/self/environ"),
        "content/assets/env.txt: is a symbolic link; commit the file itself (a link may point outside the repository)"),
    row("content-symlink-to-passwd", symlink("content/passwd.md", "/etc/passwd"),
        "content/passwd.md: is a symbolic link; commit the file itself (a link may point outside the repository)"),
    row("data-file-is-a-symlink", symlink(AGENCIES, "../tests-agencies.yaml"),
        "data/agencies.yaml: is a symbolic link; commit the file itself (a link may point outside the repository)"),
    row("data-file-dangling-symlink", symlink(FOOTNOTES, "/nonexistent/footnotes.yaml"),
        "data/footnotes.yaml: is a symbolic link; commit the file itself (a link may point outside the repository)"),
    row("data-file-symlink-to-dev-zero", symlink(GLOSSARY, "/dev/zero"),
        "data/glossary.yaml: is a symbolic link; commit the file itself (a link may point outside the repository)"),
    row("data-file-is-a-fifo", fifo(P2), "data/pillars/II.yaml: is a special file (a FIFO, device or socket), not a regular file"),
    row("fifo-in-content", fifo("content/pipe"), "content/pipe: is a special file (a FIFO, device or socket), not a regular file"),
    row("fifo-in-translations", fifo("data/translations/zh/extra.yaml"),
        "data/translations/zh/extra.yaml: is a special file (a FIFO, device or socket), not a regular file"),
    row("symlink-in-overrides", symlink("overrides/main.html", "/etc/hostname"),
        "overrides/main.html: is a symbolic link; commit the file itself (a link may point outside the repository)"),
    row("commentary-file-is-a-symlink", symlink(C03, "/etc/hostname"),
        "content/commentary/C03.md: is a symbolic link; commit the file itself (a link may point outside the repository)"),
    row("data-folder-symlinked-subfolder", symlink("data/translations/en", "/etc"),
        "data/translations/en: is a symbolic link; commit the file itself (a link may point outside the repository)"),
    row("commentary-markdown-extension", make_file("content/commentary/C34.markdown", C03_FRONT + "x\n"),
        "content/commentary/C34.markdown: " + NOT_A_UNIT),
    row("commentary-upper-case-extension", make_file("content/commentary/C33.MD", C03_FRONT + "x\n"),
        "content/commentary/C33.MD: " + NOT_A_UNIT),
    row("commentary-subfolder", make_file("content/commentary/drafts/C40.md", C03_FRONT + "x\n"),
        "content/commentary/drafts: a folder in the commentary folder: commentary units are files named <ID>.md (e.g. C07.md) directly in it"),
    row("commentary-hidden-file", make_file("content/commentary/.C01.md.swp"),
        "content/commentary/.C01.md.swp: " + NOT_A_UNIT),
    row("commentary-file-name-with-markup", rename(C03, 'content/commentary/C03" onmouseover="window.__pwned=7" x=".md'),
        'content/commentary/C03" onmouseover="window.__pwned=7" x=".md: ' + NOT_A_UNIT),
    row("commentary-id-is-not-its-file-name", rename(C03, "content/commentary/C09.md"),
        "content/commentary/C09.md:2: critique C03: id: is 'C03', but the file is C09.md: a unit's ID equals its file name"),
    row("commentary-index-page", make_file("content/commentary/index.md", "# Commentary\n"),
        "content/commentary/index.md: " + NOT_A_UNIT),
    row("data-file-too-large", edit(GLOSSARY, "- en: grid\n", "- en: grid\n  note: " + "x" * 1_000_100 + "\n"),
        "data/glossary.yaml: is 1000170 bytes, more than the limit of 1000000 bytes"),
    row("commentary-file-too-large", write(C03, C03_FRONT + "风" * 400_000 + "\n"),
        "content/commentary/C03.md: is 1200093 bytes, more than the limit of 1000000 bytes"),
    # -- bounded parsing -------------------------------------------------------------------------
    row("front-matter-alias-bomb", write(C03, "---\n" + laughs() + "id: C03\n---\n电网是风险所在。\n"),
        "content/commentary/C03.md:7: YAML aliases expand to more than 200000 values; write the data out instead of nesting aliases"),
    row("data-file-alias-bomb", write(AGENCIES, laughs()),
        "data/agencies.yaml:6: YAML aliases expand to more than 200000 values; write the data out instead of nesting aliases"),
    row("data-file-nested-300-deep", write(AGENCIES, "[" * 300 + "]" * 300 + "\n"),
        "data/agencies.yaml:1: YAML nesting deeper than 50 levels"),
    row("data-file-nested-100000-deep", write(AGENCIES, "[" * 100_000 + "]" * 100_000 + "\n"),
        "data/agencies.yaml:1: YAML nesting deeper than 50 levels"),
    row("front-matter-nested-300-deep", write(C03, "---\nid: C03\nx: " + "[" * 300 + "]" * 300 + "\n---\n电网是风险所在。\n"),
        "content/commentary/C03.md:3: YAML nesting deeper than 50 levels"),
    row("block-nesting-too-deep", write(GLOSSARY, "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v\n"),
        "data/glossary.yaml:51: YAML nesting deeper than 50 levels"),
    # -- reserved names and case-insensitive uniqueness ----------------------------------------
    row("agency-id-index", add_agency("index"),
        "data/agencies.yaml:10: agency index: id: 'index' is a path the site itself uses; choose another ID"),
    row("agency-id-assets", add_agency("assets"),
        "data/agencies.yaml:10: agency assets: id: 'assets' is a path the site itself uses; choose another ID"),
    row("agency-id-en-upper-case", add_agency("EN"),
        "data/agencies.yaml:10: agency EN: id: 'EN' is a path the site itself uses; choose another ID"),
    row("agency-id-search", add_agency("Search"),
        "data/agencies.yaml:10: agency Search: id: 'Search' is a path the site itself uses; choose another ID"),
    row("agency-id-export", add_agency("export"),
        "data/agencies.yaml:10: agency export: id: 'export' is a path the site itself uses; choose another ID"),
    row("agency-id-pagefind", add_agency("pagefind"),
        "data/agencies.yaml:10: agency pagefind: id: 'pagefind' is a path the site itself uses; choose another ID"),
    row("agency-id-v", add_agency("v"),
        "data/agencies.yaml:10: agency v: id: 'v' is a path the site itself uses; choose another ID"),
    row("agency-ids-differ-only-in-case", add_agency("ftc", "Another Trade Commission"),
        "data/agencies.yaml:10: agency ftc: id: differs only in case from 'FTC' (at data/agencies.yaml:4); " + CASE),
    row("critique-id-commentary", chain(rename(C03, "content/commentary/Commentary.md"), edit("content/commentary/Commentary.md", "id: C03", "id: Commentary")),
        "content/commentary/Commentary.md:1: critique Commentary: id: 'Commentary' is a path the site itself uses; choose another ID"),
    row("critique-ids-differ-only-in-case",
        chain(rename(C02, "content/commentary/CX.md"), edit("content/commentary/CX.md", "id: C02", "id: CX"),
              rename(C03, "content/commentary/Cx.md"), edit("content/commentary/Cx.md", "id: C03", "id: Cx")),
        "content/commentary/Cx.md:1: critique Cx: id: differs only in case from 'CX' (at content/commentary/CX.md:1); " + CASE),
    # -- check = build: unencodable text, whole-value patterns, required files, redirects ----
    row("surrogate-in-a-value", edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: "Stabilize \\ud800 the grid"'),
        "data/pillars/II.yaml:15: action II.1.1: text: contains a lone surrogate U+D800, which is not a character (not valid UTF-8)"),
    row("surrogate-in-a-translation-key", edit(ZH2, "II.1.1:", '"II.1.1\\ud800":'),
        "data/translations/zh/II.yaml:9: II.1.1\\ud800: contains a lone surrogate U+D800, which is not a character (not valid UTF-8)"),
    row("surrogate-in-an-unknown-key", edit(PLAN, "publisher: The White House", '"pub\\udc00lisher": The White House'),
        "data/plan.yaml:2: plan: pub\\udc00lisher: contains a lone surrogate U+DC00, which is not a character (not valid UTF-8)"),
    row("surrogate-in-front-matter", edit(C03, "en: The grid is a risk.", 'en: "The grid \\udfff is a risk."'),
        "content/commentary/C03.md:7: critique C03: en: contains a lone surrogate U+DFFF, which is not a character (not valid UTF-8)"),
    row("surrogate-in-an-agency-key", edit(ZHP, "  FTC: 联邦贸易委员会", '  "FTC\\ud801": 联邦贸易委员会'),
        "data/translations/zh/plan.yaml:14: agencies: FTC\\ud801: contains a lone surrogate U+D801, which is not a character (not valid UTF-8)"),
    row("action-id-ending-in-newline", edit(P1, "- id: I.1.2", '- id: "I.1.2\\n"'),
        "data/pillars/I.yaml:19: action I.1.2\\x0a: id: 'I.1.2\\n' does not match (I|II|III)\\.[0-9]+\\.[0-9]+"),
    row("agency-id-ending-in-newline", edit(AGENCIES, "- id: FTC", '- id: "FTC\\n"'),
        "data/agencies.yaml:4: agency FTC\\x0a: id: 'FTC\\n' does not match [A-Za-z0-9][A-Za-z0-9.\\-]*"),
    row("critique-id-ending-in-newline", edit(C03, "id: C03", 'id: "C03\\n"'),
        "content/commentary/C03.md:2: critique C03\\x0a: id: 'C03\\n' does not match C[0-9A-Za-z\\-]+"),
    row("release-version-ending-in-newline", edit("data/changelog.yaml", "version: 0.0.1", 'version: "0.0.1\\n"'),
        "data/changelog.yaml:1: release 0.0.1\\x0a: version: '0.0.1\\n' does not match [0-9]+\\.[0-9]+\\.[0-9]+"),
    row("changelog-missing", delete("data/changelog.yaml"), "data/changelog.yaml: file is missing"),
    row("changelog-empty", write("data/changelog.yaml", ""), "data/changelog.yaml: file is empty"),
    row("changelog-no-releases", write("data/changelog.yaml", "[]\n"), "data/changelog.yaml:1: release: needs at least 1 item(s)"),
    row("changelog-mapping", write("data/changelog.yaml", "version: 1.0.0\n"), "data/changelog.yaml:1: release: expected a list, got mapping"),
    row("redirects-missing", delete("data/redirects.yaml"), "data/redirects.yaml: file is missing"),
    row("redirect-from-a-page", write("data/redirects.yaml", "plan/I.1/: plan/II.1/\n"),
        "data/redirects.yaml:1: redirect plan/I.1/: old: is still a page; a redirect may only replace a URL that moved away"),
    row("redirect-from-an-english-page", write("data/redirects.yaml", "en/agencies/FTC/: en/agencies/\n"),
        "data/redirects.yaml:1: redirect en/agencies/FTC/: old: is still a page; a redirect may only replace a URL that moved away"),
    row("redirect-absolute-url", write("data/redirects.yaml", "/plan/I.9/: plan/I.1/\n"),
        "data/redirects.yaml:1: redirect /plan/I.9/: old: '/plan/I.9/' does not match " + SITE_DIR),
    row("redirect-to-javascript", write("data/redirects.yaml", "plan/I.9/: 'javascript:alert(1)/'\n"),
        "data/redirects.yaml:1: redirect plan/I.9/: new: 'javascript:alert(1)/' does not match " + SITE_DIR),
    row("redirect-with-a-quote", write("data/redirects.yaml", "plan/I.9/: 'plan/\"x/'\n"),
        "data/redirects.yaml:1: redirect plan/I.9/: new: 'plan/\"x/' does not match " + SITE_DIR),
    row("redirect-up-the-tree", write("data/redirects.yaml", "plan/I.9/: ../../etc/\n"),
        "data/redirects.yaml:1: redirect plan/I.9/: new: '../../etc/' does not match " + SITE_DIR),
    row("redirect-to-itself", write("data/redirects.yaml", "plan/I.9/: plan/I.9/\n"),
        "data/redirects.yaml:1: redirect plan/I.9/: new: leads to itself"),
    row("redirect-chain", write("data/redirects.yaml", "plan/I.9/: plan/I.8/\nplan/I.8/: plan/I.1/\n"),
        "data/redirects.yaml:1: redirect plan/I.9/: new: 'plan/I.8/' is itself redirected; point the redirect at the final URL"),
    row("redirects-as-a-list", write("data/redirects.yaml", "- plan/I.9/\n"),
        "data/redirects.yaml:1: redirect: expected a mapping, got list"),
    row("redirect-to-nothing", write("data/redirects.yaml", "plan/I.9/:\n"),
        "data/redirects.yaml:1: redirect plan/I.9/: new: expected a string, got nothing"),
    row("redirect-duplicate-key", write("data/redirects.yaml", "plan/I.9/: plan/I.1/\nplan/I.9/: plan/I.2/\n"),
        "data/redirects.yaml:2: plan/I.9/: duplicate key in a mapping"),
    # -- safe logs and invisible characters ------------------------------------------------------
    row("annotation-injection-in-a-key",
        edit(ZH2, "II.1.1:\n", '"I.9.9\\n::error file=README.md,line=1::All checks passed\\n":\n  text: 注入。\nII.1.1:\n'),
        "data/translations/zh/II.yaml:9: I.9.9\\x0a::error file=README.md,line=1::All checks passed\\x0a: translates a unit that does not exist"),
    row("annotation-injection-in-a-field-name", edit(P2, "    lead: []\n    agencies: []\n", '    lead: []\n    agencies: []\n    "x\\n::error::ok": 1\n'),
        "data/pillars/II.yaml:18: action II.1.1: x\\x0a::error::ok: unknown field (known: id, printed_page, text, lead, lead_text, agencies, notes)"),
    row("bidi-isolate-in-text", edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: "Stabilize \\u2066the grid\\u2069."'),
        "data/pillars/II.yaml:15: action II.1.1: text: contains an invisible or control character U+2066"),
    row("bidi-override-in-agency-id", edit(AGENCIES, "- id: FTC", '- id: "FTC\\u202e"'),
        "data/agencies.yaml:4: agency FTC\\u202e: id: contains an invisible or control character U+202E"),
    row("c1-control-in-text", edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: "Stabilize \\x85the grid."'),
        "data/pillars/II.yaml:15: action II.1.1: text: contains an invisible or control character U+0085"),
    row("c1-csi-in-title", edit(P2, "title: Build American AI Infrastructure", 'title: "Build \\x9b31m American AI Infrastructure"'),
        "data/pillars/II.yaml:2: pillar II: title: contains an invisible or control character U+009B"),
    row("tag-character-in-text", edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: "Stabilize \\U000E0041the grid."'),
        "data/pillars/II.yaml:15: action II.1.1: text: contains an invisible or control character U+E0041"),
    row("soft-hyphen-in-glossary", edit(GLOSSARY, "- en: grid", '- en: "gr\\u00adid"'),
        "data/glossary.yaml:3: term gr\\xadid: en: contains an invisible or control character U+00AD"),
    row("zero-width-joiner-in-agency-name", edit(AGENCIES, "  name: Federal Trade Commission", '  name: "Federal\\u200d Trade Commission"'),
        "data/agencies.yaml:5: agency FTC: name: contains an invisible or control character U+200D"),
    row("escape-character-in-front-matter", edit(C03, "en: The grid is a risk.", 'en: "\\e[2JThe grid is a risk."'),
        "content/commentary/C03.md:7: critique C03: en: contains an invisible or control character U+001B"),
    row("invisible-character-in-commentary-body", write(C03, C03_FRONT + "电网\u2067是风险所在。\n"),
        "content/commentary/C03.md:9: critique C03: body: contains an invisible or control character U+2067"),
    row("interlinear-annotation-in-claim-quote", edit(C01, "quote: 两大支柱", 'quote: "两大\\ufff9支柱"'),
        "content/commentary/C01.md:10: claim K-plan-pillars: quote: contains an invisible or control character U+FFF9"),
    # -- more wrong shapes, every kind of file ----------------------------------------------------
    row("tab-only-title", edit(P2, "title: Build American AI Infrastructure", 'title: "\\t"'),
        "data/pillars/II.yaml:2: pillar II: title: must not be empty"),
    row("blank-translation", edit(ZH2, "text: 尽可能稳定现有电网。", 'text: "  "'),
        "data/translations/zh/II.yaml:10: II.1.1: text: must not be empty"),
    row("float-printed-page", edit(P2, "printed_page: 14", "printed_page: 14.5"),
        "data/pillars/II.yaml:3: pillar II: printed_page: expected an integer, got number"),
    row("epigraph-pdf-page-zero", edit(PLAN, "  pdf_page: 2", "  pdf_page: 0"),
        "data/plan.yaml:15: plan: epigraph.pdf_page: must be at least 1"),
    row("negative-page-offset", edit(PLAN, "pdf_page_offset: 3", "pdf_page_offset: -3"),
        "data/plan.yaml:5: plan: pdf_page_offset: must be at least 0"),
    row("unknown-count", edit(PLAN, "  actions: 4\n", "  actions: 4\n  footnotes: 2\n"),
        "data/plan.yaml:10: plan: counts.footnotes: unknown field (known: pillars, goals, actions)"),
    row("signatory-unknown-field", edit(PLAN, "  - name: Michael J. Kratsios", "  - nam: Michael J. Kratsios"),
        "data/plan.yaml:23: plan: intro.signatories[0].nam: unknown field (known: name, role)"),
    row("release-version-not-semver", edit("data/changelog.yaml", "version: 0.0.1", "version: '1.0'"),
        "data/changelog.yaml:1: release 1.0: version: '1.0' does not match [0-9]+\\.[0-9]+\\.[0-9]+"),
    row("release-summary-missing-zh", edit("data/changelog.yaml", "    zh: 测试数据发布。\n", ""),
        "data/changelog.yaml:4: release 0.0.1: summary.zh: required field is missing"),
    row("claim-holds-a-string", edit(C01, "expected: 2", 'expected: 2\n    holds: "yes"'),
        "content/commentary/C01.md:14: claim K-plan-pillars: holds: expected true or false, got string"),
    row("critique-position-a-string", edit(C03, "position: 3", "position: three"),
        "content/commentary/C03.md:4: critique C03: position: expected an integer, got string"),
    row("front-matter-unknown-field", edit(C03, "kind: risk", "kind: risk\ntitle: A title"),
        "content/commentary/C03.md:4: critique C03: title: unknown field (known: id, kind, position, paragraph, targets, en, editorial, claims)"),
    row("front-matter-is-a-list", write(C03, "---\n- id: C03\n---\n电网是风险所在。\n"),
        "content/commentary/C03.md:2: critique C03: expected a mapping, got list"),
    row("translation-file-is-a-list", write(ZH2, "- II.1.1\n"), "data/translations/zh/II.yaml:1: expected a mapping, got list"),
    row("glossary-term-missing-zh", edit(GLOSSARY, "  zh: 电网\n", ""),
        "data/glossary.yaml:3: term grid: zh: required field is missing"),
    row("footnote-number-a-string", edit(FOOTNOTES, "- number: 2", "- number: two"),
        "data/footnotes.yaml:3: footnote two: number: expected an integer, got string"),
    row("agency-acronym-too-long", edit(AGENCIES, "  acronym: FTC", "  acronym: " + "F" * 41),
        "data/agencies.yaml:6: agency FTC: acronym: too long (41 characters, at most 40)"),
    row("note-without-text", edit(P1, "      text: {en: A note of ours., zh: 本站的一条注。}\n", ""),
        "data/pillars/I.yaml:25: action I.1.2: notes[0].text: required field is missing"),
    row("note-without-chinese", edit(P1, ", zh: 本站的一条注。}", "}"),
        "data/pillars/I.yaml:26: action I.1.2: notes[0].text.zh: required field is missing"),
    row("note-a-single-string", edit(P1, "      text: {en: A note of ours., zh: 本站的一条注。}\n", "      text: A note of ours.\n"),
        "data/pillars/I.yaml:26: action I.1.2: notes[0].text: expected a mapping, got string"),
    row("python-tag-in-front-matter", edit(C03, "kind: risk", "kind: !!python/object/apply:os.system [id]"),
        "content/commentary/C03.md:3: YAML syntax error: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
]


# -- inert by construction (issue 26): numbers, markers, one-line fields, the character rule,
# anchors, redirects into what the build writes, names a reader cannot tell apart ---------------
NOT_A_MARKER = " is not a footnote marker: write [^N], N a footnote's number in ASCII digits without a leading zero"
BUILT = ', which holds what the build writes (frozen editions, the export, citations); a redirect may not touch it'
AN_ANCHOR = ' is an anchor of the timeline page, where each instrument is #<its ID> (record/#'
RECORD_TITLE = "  title: Accelerating Federal Permitting of Data Center Infrastructure\n"
BIG = "9" * 5000  # past Python's integer-string limit (4,300 digits)
R1 = "- id: eo-14318\n"
CASES += [
    # numbers bounded before Python reads them
    row("big-int-printed-page", edit(P1, "    printed_page: 4\n    text: Review", f"    printed_page: {BIG}\n    text: Review"),
        'data/pillars/I.yaml:20: a number of 5000 digits is too long (at most 18)'),
    row("big-int-commentary-position", edit(C02, "position: 2", f"position: {BIG}"),
        'content/commentary/C02.md:4: a number of 5000 digits is too long (at most 18)'),
    row("big-int-commentary-paragraph", edit(C02, "paragraph: 1", f"paragraph: {BIG}"),
        'content/commentary/C02.md:5: a number of 5000 digits is too long (at most 18)'),
    row("big-int-footnote-number", edit(FOOTNOTES, "- number: 2\n", f"- number: {BIG}\n"),
        'data/footnotes.yaml:3: a number of 5000 digits is too long (at most 18)'),
    row("big-int-pdf-page-offset", edit(PLAN, "pdf_page_offset: 3", f"pdf_page_offset: {BIG}"),
        'data/plan.yaml:5: a number of 5000 digits is too long (at most 18)'),
    row("big-int-count", edit(PLAN, "  actions: 4", f"  actions: {BIG}"),
        'data/plan.yaml:9: a number of 5000 digits is too long (at most 18)'),
    row("big-int-claim-expected", edit(C01, "    expected: 2", f"    expected: {BIG}"),
        'content/commentary/C01.md:13: a number of 5000 digits is too long (at most 18)'),
    row("big-int-negative", edit(P1, "printed_page: 3\nintro:", f"printed_page: -{BIG}\nintro:"),
        'data/pillars/I.yaml:3: a number of 5000 digits is too long (at most 18)'),
    row("big-int-underscored", edit(P1, "printed_page: 3\nintro:", "printed_page: 1_" + "0" * 30 + "\nintro:"),
        'data/pillars/I.yaml:3: a number of 31 digits is too long (at most 18)'),
    row("big-int-pillar-printed-page-19-digits", edit(P1, "printed_page: 3\nintro:", "printed_page: 1234567890123456789\nintro:"),
        'data/pillars/I.yaml:3: a number of 19 digits is too long (at most 18)'),
    # footnote markers
    row("marker-leading-zero", edit(P1, "red tape.[^2]", "red tape.[^02]"),
        "data/pillars/I.yaml:11: goal I.1: intro[0]: '[^02]'" + NOT_A_MARKER),
    row("marker-leading-zero-025", edit(P1, "red tape.[^2]", "red tape.[^025]"),
        "data/pillars/I.yaml:11: goal I.1: intro[0]: '[^025]'" + NOT_A_MARKER),
    row("marker-arabic-indic-digit", edit(P1, "red tape.[^2]", "red tape.[^\u0662]"),
        "data/pillars/I.yaml:11: goal I.1: intro[0]: '[^٢]'" + NOT_A_MARKER),
    row("marker-full-width-digit", edit(P1, "red tape.[^2]", "red tape.[^\uff12]"),
        "data/pillars/I.yaml:11: goal I.1: intro[0]: '[^２]'" + NOT_A_MARKER),
    row("marker-zero", edit(P1, "red tape.[^2]", "red tape.[^0]"),
        "data/pillars/I.yaml:11: goal I.1: intro[0]: '[^0]'" + NOT_A_MARKER),
    row("marker-five-digits", edit(P1, "red tape.[^2]", "red tape.[^12345]"),
        "data/pillars/I.yaml:11: goal I.1: intro[0]: '[^12345]'" + NOT_A_MARKER),
    row("marker-letters", edit(P1, "red tape.[^2]", "red tape.[^note]"),
        "data/pillars/I.yaml:11: goal I.1: intro[0]: '[^note]'" + NOT_A_MARKER),
    row("marker-empty", edit(P1, "red tape.[^2]", "red tape.[^]"),
        "data/pillars/I.yaml:11: goal I.1: intro[0]: '[^]'" + NOT_A_MARKER),
    row("marker-in-translation", edit(ZH1, "束缚。[^2]", "束缚。[^02]"),
        "data/translations/zh/I.yaml:8: I.1: intro[0]: '[^02]'" + NOT_A_MARKER),
    row("marker-in-footnote-text", edit(FOOTNOTES, "October 30, 2023.", "October 30, 2023.[^01]"),
        "data/footnotes.yaml:4: footnote 2: text: '[^01]'" + NOT_A_MARKER),
    row("marker-in-action-text", edit(P1, "launch a Request for Information.", "launch a Request for Information.[^\u0661]"),
        "data/pillars/I.yaml:15: action I.1.1: text: '[^١]'" + NOT_A_MARKER),
    row("marker-in-commentary-en", edit(C02, "critique target.", "critique target.[^3a]"),
        "content/commentary/C02.md:7: critique C02: en: '[^3a]'" + NOT_A_MARKER),
    # one-line fields
    row("newline-in-goal-title", edit(P1, "  title: Remove Red Tape and Onerous Regulation",
                                        '  title: "Remove Red Tape\\nUR  - https://evil.example/\\nER  -"'),
        'data/pillars/I.yaml:8: goal I.1: title: must be one line: it contains a line break'),
    row("newline-in-pillar-title", edit(P1, "title: Accelerate AI Innovation", 'title: "Accelerate\\nAI Innovation"'),
        'data/pillars/I.yaml:2: pillar I: title: must be one line: it contains a line break'),
    row("newline-in-translated-title", edit(ZH1, "  title: 消除繁文缛节和繁重监管", '  title: "消除繁文缛节\\nUR  - https://evil.example/"'),
        'data/translations/zh/I.yaml:6: I.1: title: must be one line: it contains a line break'),
    row("newline-in-agency-name", edit(AGENCIES, "  name: Federal Trade Commission", '  name: "Federal Trade\\nCommission"'),
        'data/agencies.yaml:5: agency FTC: name: must be one line: it contains a line break'),
    row("newline-in-instrument-title", edit(RECORD, RECORD_TITLE, '  title: "Accelerating Federal\\nPermitting"\n'),
        'data/record.yaml:5: instrument eo-14318: title: must be one line: it contains a line break'),
    row("newline-in-instrument-number", edit(RECORD, "  number: EO 14318", '  number: "EO\\n14318"'),
        'data/record.yaml:3: instrument eo-14318: number: must be one line: it contains a line break'),
    row("newline-in-release-summary-en", edit("data/changelog.yaml", "    en: Tiny fixture release.", '    en: "Tiny fixture\\nrelease."'),
        'data/changelog.yaml:4: release 0.0.1: summary.en: must be one line: it contains a line break'),
    row("newline-in-release-summary-zh", edit("data/changelog.yaml", "    zh: 测试数据发布。", '    zh: "测试数据\\n发布。"'),
        'data/changelog.yaml:5: release 0.0.1: summary.zh: must be one line: it contains a line break'),
    row("newline-in-plan-title", edit(PLAN, "title: 'Winning the Race: America’s AI Action Plan'", "title: \"Winning the Race:\\nAmerica’s AI Action Plan\""),
        'data/plan.yaml:1: plan: title: must be one line: it contains a line break'),
    row("newline-in-instrument-title-zh", edit(RECORD, "  title_zh: 加快数据中心基础设施的联邦许可审批", '  title_zh: "加快数据中心\\n基础设施"'),
        'data/record.yaml:6: instrument eo-14318: title_zh: must be one line: it contains a line break'),
    # characters: noncharacters, private use, blank letters, format characters
    row("nonchar-fffe-in-release-summary", edit("data/changelog.yaml", "    en: Tiny fixture release.", '    en: "Tiny fixture\\uFFFE release."'),
        'data/changelog.yaml:4: release 0.0.1: summary.en: contains an invisible or control character U+FFFE'),
    row("nonchar-ffff-in-instrument-title", edit(RECORD, RECORD_TITLE, '  title: "Accelerating\\uFFFF Federal Permitting"\n'),
        'data/record.yaml:5: instrument eo-14318: title: contains an invisible or control character U+FFFF'),
    row("nonchar-fdd0-in-action-text", edit(P1, "launch a Request for Information.", "launch a Request for\ufdd0 Information."),
        'data/pillars/I.yaml:15: action I.1.1: text: contains an invisible or control character U+FDD0'),
    row("nonchar-plane-1-in-note", edit(P1, "{en: A note of ours.,", '{en: "A note\\U0001FFFE of ours.",'),
        'data/pillars/I.yaml:26: action I.1.2: notes[0].text.en: contains an invisible or control character U+1FFFE'),
    row("private-use-e000-in-goal-title", edit(P1, "  title: Remove Red Tape and Onerous Regulation", "  title: Remove Red Tape\ue000 and Onerous Regulation"),
        'data/pillars/I.yaml:8: goal I.1: title: contains an invisible or control character U+E000'),
    row("private-use-plane-15-in-evidence", edit(RECORD, "    evidence: It will be a priority", "    evidence: It will\U000F0001 be a priority"),
        'data/record.yaml:15: instrument eo-14318: units[0].evidence: contains an invisible or control character U+F0001'),
    row("hangul-filler-3164-in-agency-name", edit(AGENCIES, "  name: Federal Trade Commission", "  name: Federal Trade\u3164Commission"),
        'data/agencies.yaml:5: agency FTC: name: contains an invisible or control character U+3164'),
    row("hangul-choseong-filler-in-translation", edit(ZH1, "由白宫科技政策办公室", "由\u115f白宫科技政策办公室"),
        'data/translations/zh/I.yaml:10: I.1.1: text: contains an invisible or control character U+115F'),
    row("hangul-jungseong-filler-in-glossary", edit(GLOSSARY, "  zh: 开放权重", "  zh: 开放\u1160权重"),
        'data/glossary.yaml:2: term open-weight: zh: contains an invisible or control character U+1160'),
    row("halfwidth-hangul-filler-in-commentary-en", edit(C02, "en: The request for information", "en: The request\uffa0for information"),
        'content/commentary/C02.md:7: critique C02: en: contains an invisible or control character U+FFA0'),
    row("braille-blank-in-pillar-intro", edit(P1, "- America must have the most powerful", "- America\u2800must have the most powerful"),
        'data/pillars/I.yaml:5: pillar I: intro[0]: contains an invisible or control character U+2800'),
    row("arabic-number-sign-in-footnote", edit(FOOTNOTES, "October 30, 2023.", "October\u0600 30, 2023."),
        'data/footnotes.yaml:4: footnote 2: text: contains an invisible or control character U+0600'),
    row("musical-format-in-editorial", edit(C02, "  en: Attached to I.1.1", "  en: Attached\U0001D173 to I.1.1"),
        'content/commentary/C02.md:9: critique C02: editorial.en: contains an invisible or control character U+1D173'),
    row("egyptian-format-in-title", edit(P1, "title: Accelerate AI Innovation", "title: Accelerate\U00013430 AI Innovation"),
        'data/pillars/I.yaml:2: pillar I: title: contains an invisible or control character U+13430'),
    row("syriac-abbreviation-mark-in-zh", edit(ZH1, "审查联邦贸易委员会", "审查\u070f联邦贸易委员会"),
        'data/translations/zh/I.yaml:12: I.1.2: text: contains an invisible or control character U+070F'),
    row("tag-character-in-agency-acronym", edit(AGENCIES, "  acronym: FTC", "  acronym: FTC\U000E0041"),
        'data/agencies.yaml:6: agency FTC: acronym: contains an invisible or control character U+E0041'),
    # instrument IDs that are the timeline's anchors
    row("instrument-id-since", edit(RECORD, R1, "- id: since\n"),
        "data/record.yaml:1: instrument since: id: 'since'" + AN_ANCHOR + "since); choose another ID"),
    row("instrument-id-timeline", edit(RECORD, R1, "- id: timeline\n"),
        "data/record.yaml:1: instrument timeline: id: 'timeline'" + AN_ANCHOR + "timeline); choose another ID"),
    row("instrument-id-background", edit(RECORD, R1, "- id: background\n"),
        "data/record.yaml:1: instrument background: id: 'background'" + AN_ANCHOR + "background); choose another ID"),
    row("instrument-id-interface-prefix", edit(RECORD, R1, "- id: ap-search\n"),
        "data/record.yaml:1: instrument ap-search: id: 'ap-search'" + AN_ANCHOR + "ap-search); choose another ID"),
    # redirects
    row("redirect-over-authored-page", write("data/redirects.yaml", "en/about/: en/plan/I.1/\n"),
        'data/redirects.yaml:1: redirect en/about/: old: is still a page; a redirect may only replace a URL that moved away'),
    row("redirect-into-frozen-edition", write("data/redirects.yaml", "old/: v/1.0.0/plan/I.1/\n"),
        "data/redirects.yaml:1: redirect old/: new: 'v/1.0.0/plan/I.1/' lies in v/" + BUILT),
    row("redirect-from-export", write("data/redirects.yaml", "export/units/: plan/I.1/\n"),
        "data/redirects.yaml:1: redirect export/units/: old: 'export/units/' lies in export/" + BUILT),
    row("redirect-into-cite", write("data/redirects.yaml", "old/: cite/\n"),
        "data/redirects.yaml:1: redirect old/: new: 'cite/' lies in cite/" + BUILT),
    row("redirect-into-english-edition", write("data/redirects.yaml", "en/old/: en/v/1.0.0/\n"),
        "data/redirects.yaml:1: redirect en/old/: new: 'en/v/1.0.0/' lies in en/v/" + BUILT),
    row("redirect-from-english-cite", write("data/redirects.yaml", "en/cite/: en/plan/I.1/\n"),
        "data/redirects.yaml:1: redirect en/cite/: old: 'en/cite/' lies in en/cite/" + BUILT),
    row("redirect-over-english-export", write("data/redirects.yaml", "en/export/: en/plan/\n"),
        "data/redirects.yaml:1: redirect en/export/: old: 'en/export/' lies in en/export/" + BUILT),
    # agencies whose names a reader cannot tell apart
    row("agency-name-differs-in-normalisation", edit(AGENCIES, "  name: Department of Commerce", "  name: Office of Science and Technology Poli\uff43y"),
        "data/agencies.yaml:7: agency DOC: name: reads the same as agency OSTP's name (they differ only in Unicode normalisation or case)"),
    row("agency-name-differs-in-case", edit(AGENCIES, "  name: Department of Commerce", "  name: FEDERAL TRADE COMMISSION"),
        "data/agencies.yaml:7: agency DOC: name: reads the same as agency FTC's name (they differ only in Unicode normalisation or case)"),
    row("marker-in-glossary", edit(GLOSSARY, "  zh: 电网", "  zh: 电网[^07]"),
        "data/glossary.yaml:4: term grid: zh: '[^07]'" + NOT_A_MARKER),
    row("nonchar-in-commentary-en", edit(C02, "en: The request for information", "en: The request\ufdef for information"),
        'content/commentary/C02.md:7: critique C02: en: contains an invisible or control character U+FDEF'),
    row("private-use-in-agency-acronym", edit(AGENCIES, "  acronym: FTC", "  acronym: F\ue0ffTC"),
        'data/agencies.yaml:6: agency FTC: acronym: contains an invisible or control character U+E0FF'),
    row("braille-blank-in-glossary", edit(GLOSSARY, "- en: grid", "- en: g\u2800rid"),
        'data/glossary.yaml:3: term g\\u2800rid: en: contains an invisible or control character U+2800'),
    row("hangul-filler-in-instrument-title-zh", edit(RECORD, "  title_zh: 加快数据中心", "  title_zh: 加快\u3164数据中心"),
        'data/record.yaml:6: instrument eo-14318: title_zh: contains an invisible or control character U+3164'),
    row("arabic-pound-mark-above-in-translation", edit(ZH1, "召集利益相关方", "召集\u0890利益相关方"),
        'data/translations/zh/I.yaml:18: I.2.1: text: contains an invisible or control character U+0890'),
    row("shorthand-format-in-footnote", edit(FOOTNOTES, "October 30, 2023.", "October 30,\U0001BCA0 2023."),
        'data/footnotes.yaml:4: footnote 2: text: contains an invisible or control character U+1BCA0'),
    row("private-use-plane-16-in-summary-zh", edit("data/changelog.yaml", "    zh: 测试数据发布。", "    zh: 测试数据\U0010FFFD发布。"),
        'data/changelog.yaml:5: release 0.0.1: summary.zh: contains an invisible or control character U+10FFFD'),
    row("redirect-from-frozen-edition", write("data/redirects.yaml", "v/1.0.0/: plan/I.1/\n"),
        "data/redirects.yaml:1: redirect v/1.0.0/: old: 'v/1.0.0/' lies in v/" + BUILT),
    row("redirect-into-export", write("data/redirects.yaml", "old/: export/\n"),
        "data/redirects.yaml:1: redirect old/: new: 'export/' lies in export/" + BUILT),
    row("instrument-id-interface-element", edit(RECORD, R1, "- id: ap-goto-input\n"),
        "data/record.yaml:1: instrument ap-goto-input: id: 'ap-goto-input'" + AN_ANCHOR + "ap-goto-input); choose another ID"),
]


@pytest.mark.parametrize(("mutate", "expected"), CASES)
def test_bad_input_is_reported_and_check_gives_the_same_answer(tmp_path: Path, mutate: Mutation, expected: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """load_all (what the build runs) reports the expected problem, and `actionplan check` (its code,
    in-process) prints exactly load_all's problems, one per line, never a traceback, and no line a
    CI runner would take for an annotation."""
    root = copy_fixture(tmp_path)
    mutate(root)
    found = problems_of(root)
    assert expected in found, "\n".join(found)
    capsys.readouterr()
    assert cli.main(["check", "--root", str(root), "--no-source"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == found
    assert expected in out.splitlines()
    assert err == f"{len(found)} problem(s).\n"
    assert not any(line.startswith("::") for line in out.splitlines())


def test_one_syntax_error_is_one_message_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A quote left open in record.yaml is reported once, first, at the line that opens it, and what
    only follows from it (the changelog naming instruments the broken file would have held) is not."""
    root = copy_fixture(tmp_path)
    edit(RECORD, "  signed: '2025-07-23'", "  signed: '2025-07-23")(root)
    expected = ("data/record.yaml:8: YAML syntax error: expected <block end>, but found '<scalar>' "
                "(while parsing a block mapping that starts at line 1) (the quote opened on line 8 is not closed)")
    assert problems_of(root) == [expected]
    assert cli.main(["check", "--root", str(root), "--no-source"]) == 1
    assert capsys.readouterr().out.splitlines() == [expected]


@pytest.mark.parametrize(("mutate", "expected"), [
    (edit(AGENCIES, "  name: Federal Trade Commission", "  name: 'Federal Trade Commission"),
     "data/agencies.yaml:5: YAML syntax error: found unexpected end of stream (the quote opened on line 5 is not closed)"),
    (edit(ZH1, "  title: 加速人工智能创新", "  title: '加速人工智能创新"),
     "data/translations/zh/I.yaml:2: YAML syntax error: found unexpected end of stream (the quote opened on line 2 is not closed)"),
    (edit(GLOSSARY, "  zh: 开放权重", "  zh: '开放权重"),
     "data/glossary.yaml:2: YAML syntax error: found unexpected end of stream (the quote opened on line 2 is not closed)"),
], ids=["agencies", "translation", "glossary"])
def test_a_quote_left_open_is_one_problem_at_its_line(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    """Not the end of the file where YAML gives up, and none of what only follows from it (a
    translation file that cannot be read does not make its units 'missing')."""
    root = copy_fixture(tmp_path)
    mutate(root)
    assert problems_of(root) == [expected]


def test_an_unreadable_file_is_listed_before_the_rest(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    edit(AGENCIES, "  name: Federal Trade Commission", "  name: 5")(root)  # sorts before record.yaml
    edit(RECORD, "  signed: '2025-07-23'", "  signed: '2025-07-23")(root)
    found = problems_of(root)
    assert found[0].startswith("data/record.yaml:8: YAML syntax error"), found
    assert found[1:] == ["data/agencies.yaml:5: agency FTC: name: expected a string, got integer"], found


def test_fixture_is_valid(tmp_path: Path) -> None:
    """The catalogue means something only if the unmutated copy loads cleanly."""
    load(copy_fixture(tmp_path))


def test_problems_in_several_files_are_all_reported_at_once(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    edit(P1, "lead: [OSTP]", "lead: [OSPT]")(root)
    edit(C02, "targets: [I.1.1]", "targets: [I.1.9]")(root)
    add_orphan_footnote()(root)
    assert problems_of(root) == [
        "content/commentary/C02.md:6: critique C02: targets: unknown unit 'I.1.9'",
        "data/footnotes.yaml:5: footnote 3: number: is cited by no unit",
        "data/pillars/I.yaml:13: action I.1.1: lead: unknown agency 'OSPT' (not in agencies.yaml)",
    ]


def test_record_problems_are_reported_with_the_others(tmp_path: Path) -> None:
    """The record goes through the same load and validate path: its problems come in the same run."""
    root = copy_fixture(tmp_path)
    edit(P1, "lead: [OSTP]", "lead: [OSPT]")(root)
    edit(RECORD, "unit: II.1.1", "unit: II.1.9")(root)
    edit(RECORD, "citation: 90 FR 8741", "citation: 90 FR")(root)
    assert problems_of(root) == [
        "data/pillars/I.yaml:13: action I.1.1: lead: unknown agency 'OSPT' (not in agencies.yaml)",
        "data/record.yaml:13: instrument eo-14318: units[0].unit: unknown unit 'II.1.9'",
        "data/record.yaml:43: instrument eo-14179: citation: '90 FR' is not a Federal Register citation: volume, FR, first page, "
        "e.g. 90 FR 35385 (an instrument's own number, such as NSF 25-546 or RM26-4-000, goes in number; one not printed "
        "in the Federal Register has no citation: leave the field out)",
    ]


def test_one_broken_pillar_file_does_not_cascade(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    edit(P1, "  title: Remove Red Tape", "\ttitle: Remove Red Tape")(root)
    assert problems_of(root) == ["data/pillars/I.yaml:8: YAML syntax error: found character '\\t' that cannot start any token (indent with spaces, not tabs)"]


def test_one_broken_commentary_unit_does_not_cascade(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    edit(C02, "kind: critique", "kind: rant")(root)
    assert problems_of(root) == [
        "content/commentary/C02.md:3: critique C02: kind: 'rant' is not one of: background, structure, critique, risk, caption",
    ]


def test_problem_paths_follow_the_data_dir(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    chain(edit(P1, A112, ""), edit(ZH1, ZH_A112, ""))(root)  # counts no longer match
    edit(ZH2, "II.1.1:\n  text: 尽可能稳定现有电网。\n", "")(root)  # a missing translation
    (root / "data").rename(root / "plan-data")
    with pytest.raises(DataError) as info:
        load_all(root / "plan-data", root / "content" / "commentary", root)
    files = {p.where.file for p in info.value.problems}
    assert files == {"plan-data/plan.yaml", "plan-data/translations/zh/"}, files


# -- the command line: `actionplan check` and the atomic strict `actionplan build` -------------

CLI_CASES = [
    pytest.param(edit(P1, "lead: [OSTP]", "lead: [OSPT]"),
                 "data/pillars/I.yaml:13: action I.1.1: lead: unknown agency 'OSPT' (not in agencies.yaml)", id="unknown-agency"),
    pytest.param(edit(C02, "targets: [I.1.1]", "targets: [I.1.9]"),
                 "content/commentary/C02.md:6: critique C02: targets: unknown unit 'I.1.9'", id="unknown-target"),
    pytest.param(edit(ZH1, ZH_A112, ""), "data/translations/zh/: I.1.2: text: missing zh translation", id="missing-translation"),
    pytest.param(write_bytes(AGENCIES, lambda b: b"\xef\xbb\xbf" + b),
                 "data/agencies.yaml:1: starts with a byte-order mark; save as UTF-8 without BOM", id="byte-order-mark"),
    pytest.param(edit(RECORD, "https://www.federalregister.gov/", "https://www.federalregister.com/"),
                 "data/record.yaml:44: instrument eo-14179: url: 'www.federalregister.com' is not a government host: the official "
                 "text must be on govinfo.gov, federalregister.gov, whitehouse.gov or an agency's .gov site", id="record-host"),
]


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*ACTIONPLAN, *args], cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(("mutate", "expected"), CLI_CASES)
def test_cli_check_reports_the_problem(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    root = copy_fixture(tmp_path)
    mutate(root)
    result = run_cli(root, "check", "--no-source")
    assert result.returncode == 1, result
    assert expected in result.stdout.splitlines(), result.stdout
    assert result.stderr.strip().endswith("problem(s)."), result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("mutate", "expected"), CLI_CASES)
def test_cli_build_fails_without_writing_a_site(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    root = copy_fixture(tmp_path)
    mutate(root)
    result = run_cli(root, "build", "-d", str(root / "site"))
    assert result.returncode != 0, result
    assert "build failed; site/ left as it was." in result.stderr, result.stderr
    assert expected in result.stderr, result.stderr
    assert not (root / "site").exists()
    assert not list(root.glob(".site*")), "the temporary build folder was left behind"


# -- what the theme prints from the configuration: text without markup, safe URLs (issue 26) -----
MARKUP = ", which the theme prints as it is, as markup; write plain text"
CONFIG_CASES = [
    pytest.param(edit("mkdocs.yml", "site_name: Tiny fixture", "site_name: Tiny <b>fixture</b>"),
                 "mkdocs.yml: site_name: contains '<'" + MARKUP, id="site-name-markup"),
    pytest.param(edit("mkdocs.yml", "site_name: Tiny fixture", "site_name: 'Tiny \"fixture'"),
                 "mkdocs.yml: site_name: contains '\"'" + MARKUP, id="site-name-quote"),
    pytest.param(edit("mkdocs.yml", "site_name: Tiny fixture\n", "site_name: Tiny fixture\nsite_description: 'a `code` description'\n"),
                 "mkdocs.yml: site_description: contains '`'" + MARKUP, id="site-description-backtick"),
    pytest.param(edit("mkdocs.yml", "site_name: Tiny fixture\n", "site_name: Tiny fixture\ncopyright: <script>alert(1)</script>\n"),
                 "mkdocs.yml: copyright: contains '<'" + MARKUP, id="copyright-script"),
    pytest.param(edit("mkdocs.yml", "site_url: https://example.org/tiny/", "site_url: 'https://example.org/tiny/\"onmouseover=\"x'"),
                 "mkdocs.yml: site_url: 'https://example.org/tiny/\"onmouseover=\"x' is not a safe URL: it contains '\"'", id="site-url-quote"),
    pytest.param(edit("mkdocs.yml", "site_name: Tiny fixture\n", "site_name: Tiny fixture\nextra:\n  social:\n  - icon: x\n    link: javascript:alert(1)\n"),
                 "mkdocs.yml: extra.social[0].link: 'javascript:alert(1)' must be an https:// URL", id="social-javascript"),
    pytest.param(edit("mkdocs.yml", "site_name: Tiny fixture\n", "site_name: Tiny fixture\nrepo_url: http://example.org/repo\n"),
                 "mkdocs.yml: repo_url: 'http://example.org/repo' must be an https:// URL", id="repo-url-http"),
    pytest.param(edit("mkdocs.yml", "site_name: Tiny fixture\n", "site_name: Tiny fixture\nextra:\n  alternate:\n  - name: x\n    link: javascript:alert(1)\n"),
                 "mkdocs.yml: extra.alternate[0].link: 'javascript:alert(1)' is not a relative path of the site", id="alternate-javascript"),
    pytest.param(edit("mkdocs.en.yml", "site_name: Tiny fixture (en)", "site_name: Tiny fixture <en>"),
                 "mkdocs.en.yml: site_name: contains '<'" + MARKUP, id="english-site-name-markup"),
]


@pytest.mark.parametrize(("mutate", "expected"), CONFIG_CASES)
def test_check_refuses_configuration_the_theme_would_print_raw(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    root = copy_fixture(tmp_path)
    mutate(root)
    result = run_cli(root, "check", "--no-source")
    assert result.returncode == 1, result
    assert expected in result.stderr.splitlines(), result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("mutate", "expected"), CONFIG_CASES)
def test_the_build_refuses_it_too(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    root = copy_fixture(tmp_path)
    mutate(root)
    result = run_cli(root, "build", "-d", str(root / "site"))
    assert result.returncode != 0 and expected in result.stderr.splitlines(), result.stderr
    assert not (root / "site").exists()


# -- `actionplan check` as a contributor and CI run it: a process, no MkDocs, no tracebacks --------

HOSTILE_CLI = [
    pytest.param(edit(ZH2, "II.1.1:\n", '"I.9.9\\n::error file=README.md,line=1::All checks passed\\n":\n  text: 注入。\nII.1.1:\n'),
                 "data/translations/zh/II.yaml:9: I.9.9\\x0a::error file=README.md,line=1::All checks passed\\x0a: "
                 "translates a unit that does not exist", id="annotation-injection"),
    pytest.param(fifo(P2), "data/pillars/II.yaml: is a special file (a FIFO, device or socket), not a regular file", id="fifo"),
    pytest.param(symlink(GLOSSARY, "/dev/zero"),
                 "data/glossary.yaml: is a symbolic link; commit the file itself (a link may point outside the repository)", id="dev-zero"),
    pytest.param(symlink(FOOTNOTES, "/nonexistent"),
                 "data/footnotes.yaml: is a symbolic link; commit the file itself (a link may point outside the repository)", id="dangling"),
    pytest.param(write(AGENCIES, "[" * 100_000 + "]" * 100_000 + "\n"), "data/agencies.yaml:1: YAML nesting deeper than 50 levels", id="deep"),
    pytest.param(write(C03, "---\n" + laughs() + "id: C03\n---\n电网是风险所在。\n"),
                 "content/commentary/C03.md:7: YAML aliases expand to more than 200000 values; write the data out instead of nesting aliases",
                 id="alias-bomb-in-front-matter"),
    pytest.param(edit(P2, "text: Stabilize the grid of today as much as possible.", 'text: "Stabilize \\ud800 the grid"'),
                 "data/pillars/II.yaml:15: action II.1.1: text: contains a lone surrogate U+D800, which is not a character (not valid UTF-8)",
                 id="surrogate"),
]


@pytest.mark.parametrize(("mutate", "expected"), HOSTILE_CLI)
def test_cli_check_reports_hostile_input_in_one_line(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    root = copy_fixture(tmp_path)
    mutate(root)
    result = run_cli(root, "check", "--no-source")
    assert result.returncode == 1, result
    assert expected in result.stdout.splitlines(), result.stdout
    assert "Traceback" not in result.stderr and result.stderr.strip().endswith("problem(s)."), result.stderr
    assert not any(line.startswith("::") for line in result.stdout.splitlines())


def test_cli_check_needs_no_mkdocs(tmp_path: Path) -> None:
    """`check --root` validates without MkDocs: importing it would fail here."""
    root = copy_fixture(tmp_path)
    code = ("import sys; sys.modules['mkdocs'] = None; from actionplan import cli; "
            f"rc = cli.main(['check', '--root', {str(root)!r}, '--no-source']); "
            "assert not [m for m in sys.modules if m.startswith('mkdocs') and sys.modules[m] is not None]; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 2 pillars, 3 goals, 4 actions, 3 commentary units"), result.stdout


def test_cli_check_fails_loudly_without_the_commentary_source(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    result = run_cli(root, "check")
    assert result.returncode == 1
    assert result.stdout == ""
    line, count = result.stderr.strip().splitlines()
    assert line.startswith(f"{root}/../shared/source/commentary.zh.txt: the official commentary text is missing")
    assert "--no-source" in line and count == "1 problem(s)."


def test_cli_check_reports_the_data_even_without_the_commentary_source(tmp_path: Path) -> None:
    """A missing ../shared does not hide the data's own problems: both are reported, in one run."""
    root = copy_fixture(tmp_path)
    edit(P1, "printed_page: 4\n    text: Review", 'printed_page: "four"\n    text: Review')(root)
    result = run_cli(root, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["data/pillars/I.yaml:20: action I.1.2: printed_page: expected an integer, got string"]
    assert "the official commentary text is missing" in result.stderr and "2 problem(s)." in result.stderr


def test_cli_check_compares_with_the_commentary_source_it_is_given(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    source = tmp_path / "commentary.zh.txt"
    source.write_text("不同的段落。\n页尾\n", encoding="utf-8")
    result = run_cli(root, "check", "--commentary-source", str(source))
    assert result.returncode == 1
    assert any(line.startswith("content/commentary/C01.md") and "differs from the source" in line for line in result.stdout.splitlines()), result.stdout


def test_cli_check_root_and_config_file(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    assert run_cli(tmp_path, "check", "--root", str(root), "--no-source").returncode == 0
    assert run_cli(tmp_path, "-f", str(root / "mkdocs.yml"), "check", "--no-source").returncode == 0
    missing = run_cli(tmp_path, "check", "--root", str(tmp_path / "nowhere"), "--no-source")
    assert missing.returncode == 1 and missing.stderr.strip().endswith("nowhere: not a folder (--root names the project, holding data/ and content/)")


def test_an_unreadable_file_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Root reads any file, so permission is simulated: the open fails as it would for a contributor."""
    root = copy_fixture(tmp_path)
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "agencies.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", deny)
    assert problems_of(root) == ["data/agencies.yaml: cannot be read: Permission denied"]
    assert cli.main(["check", "--root", str(root), "--no-source"]) == 1
    assert capsys.readouterr().out == "data/agencies.yaml: cannot be read: Permission denied\n"


def test_a_full_disk_when_writing_schemas_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    def full(self: Path, *args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", full)
    assert cli.main(["schemas", "-o", str(tmp_path / "schemas")]) == 1
    err = capsys.readouterr().err
    assert err == f"{tmp_path}/schemas/plan.schema.json: cannot write: No space left on device\n"


def test_schemas_into_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "schemas").write_text("", encoding="utf-8")
    result = run_cli(tmp_path, "schemas", "-o", str(tmp_path / "schemas"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{tmp_path}/schemas: cannot write: File exists"


def test_no_printed_problem_can_forge_a_line() -> None:
    """Problem text escapes controls, bidi and invisible characters and surrogates, whatever the data held."""
    from actionplan.problems import Problem, Where

    hostile = "a\n::error::b\r\x1b[2J\u202e\u2066\x85\U000e0041\ud800\u200b"
    text = str(Problem(Where(hostile, 3), hostile, hostile, hostile))
    assert text.isprintable()
    assert text.count("\\x0a") == 4 and "\\u202e" in text and "\\U000e0041" in text and "\\ud800" in text
    text.encode("utf-8")  # no lone surrogate left


def test_the_folders_to_check_can_be_named(tmp_path: Path) -> None:
    """load_all checks content_dir and overrides_dir for links, wherever the caller keeps them."""
    root = copy_fixture(tmp_path)
    theme = root / "theme-overrides"
    theme.mkdir()
    (theme / "main.html").symlink_to("/etc/hostname")
    load(root)  # not a folder load_all was told about
    with pytest.raises(DataError) as info:
        load_all(root / "data", root / "content" / "commentary", root, overrides_dir=theme)
    assert [str(p) for p in info.value.problems] == [
        "theme-overrides/main.html: is a symbolic link; commit the file itself (a link may point outside the repository)"]
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    with pytest.raises(DataError) as info:
        load_all(root / "data", root / "content" / "commentary", root, content_dir=outside)
    assert [str(p) for p in info.value.problems] == [f"{outside}: is a symbolic link or lies outside the repository"]
