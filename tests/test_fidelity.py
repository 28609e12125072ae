"""data/ against the official text (../shared/source): every word, every footnote, every page.

The layout text is parsed independently of how data/ was made: running headers, page numbers
and footnote blocks are removed, lines joined (a line-end hyphen or dash joins without a space,
as every line-end hyphen in this PDF is a real one: "Open-source", "sub-systems"), bullets
dropped. The data, rendered in reading order, must then match that stream exactly, word for
word and space for space, with footnote markers where the PDF prints them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actionplan.index import Index

HEADER = "AMERICA’S AI ACTION PLAN"
FIRST_BODY_PAGE = 4  # PDF page of "Introduction"


def pages(shared: Path) -> list[list[str]]:
    return [p.split("\n") for p in (shared / "Americas-AI-Action-Plan.layout.txt").read_text().split("\f")]


def split_page(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """(body lines, footnotes) of one page, without the running header and the page number."""
    lines = [ln for ln in lines]
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and re.fullmatch(r"\s*(\d+|[ivx]+)\s*", lines[-1]):
        lines.pop()
    body: list[str] = []
    notes: dict[int, str] = {}
    current: int | None = None
    seen_header = False
    for i, ln in enumerate(lines):
        s = ln.strip()
        if not seen_header and s == HEADER:
            seen_header = True
            continue
        if re.fullmatch(r"\d+", s) and i + 1 < len(lines) and lines[i + 1].startswith(" ") and lines[i + 1].strip():
            current = int(s)
            notes[current] = ""
            continue
        if current is not None:
            if s:
                notes[current] = join(notes[current], s)
            continue
        body.append(ln)
    return body, {k: v.strip() for k, v in notes.items()}


def join(acc: str, line: str) -> str:
    if not acc:
        return line
    if acc.endswith(("-", "—")):
        return acc + line
    return acc + " " + line


def body_stream(shared: Path) -> str:
    out = ""
    for pno, lines in enumerate(pages(shared), 1):
        if pno < FIRST_BODY_PAGE:
            continue
        body, _ = split_page(lines)
        for ln in body:
            s = ln.strip()
            if not s or s == "This page intentionally left blank.":
                continue
            if s.startswith("•"):
                s = s[1:].strip()
                out = out + " "
            out = join(out, s) if out and not out.endswith(" ") else out + s
    return out


def pattern(text: str) -> str:
    """A regex for ``text`` as the layout prints it: any whitespace run for a space, markers as digits."""
    parts: list[str] = []
    pos = 0
    for m in re.finditer(r"((?:\[\^\d+\])+)", text):
        parts.append(words(text[pos : m.start()]))
        nums = re.findall(r"\d+", m.group(1))
        parts.append(r"\s*" + r",\s*".join(nums))
        pos = m.end()
    parts.append(words(text[pos:]))
    return "".join(parts)


def words(text: str) -> str:
    return r"\s+".join(re.escape(w) for w in text.split(" ")) if text else ""


def reading_order(ix: Index) -> list[tuple[str, str]]:
    plan = ix.plan
    out: list[tuple[str, str]] = [("intro", "Introduction")]
    out += [("intro", p) for p in plan.intro.intro]
    out += [("intro", f"{s.name} {s.role}") for s in plan.intro.signatories]
    for p in plan.pillars:
        out.append((p.id, f"Pillar {p.id}: {p.title}"))
        out += [(p.id, t) for t in p.intro]
        for g in p.goals:
            out.append((g.id, g.title))
            out += [(g.id, t) for t in g.intro]
            out.append((g.id, "Recommended Policy Actions"))
            out += [(a.id, a.text) for a in g.actions]
    return out


def test_every_word_of_the_plan_matches_the_official_text(index: Index, shared_source: Path) -> None:
    src = body_stream(shared_source)
    pos = 0
    problems: list[str] = []
    for uid, text in reading_order(index):
        while pos < len(src) and src[pos].isspace():
            pos += 1
        rx = re.compile(pattern(text) + r"(?![\w])")
        m = rx.match(src, pos)
        if m:
            pos = m.end()
            continue
        found = rx.search(src, pos)
        if found:
            problems.append(f"{uid}: source text not in data before it: {src[pos:found.start()][:200]!r}")
            pos = found.end()
        else:
            problems.append(f"{uid}: data differs from the source here: data {text[:120]!r} / source {src[pos:pos + 120]!r}")
    rest = src[pos:].strip()
    if rest:
        problems.append(f"source text after the last unit is not in the data: {rest[:200]!r}")
    assert not problems, "\n".join(problems)


def test_footnotes_match_verbatim(index: Index, shared_source: Path) -> None:
    official: dict[int, str] = {}
    for lines in pages(shared_source)[FIRST_BODY_PAGE - 1 :]:
        official.update(split_page(lines)[1])
    ours = {f.number: f.text for f in index.plan.footnotes}
    assert sorted(official) == list(range(1, 31))
    diffs = [f"footnote {n}: data {ours.get(n)!r} / source {official[n]!r}" for n in official if ours.get(n) != official[n]]
    assert not diffs, "\n".join(diffs)


def test_each_unit_starts_on_its_recorded_page(index: Index, shared_source: Path) -> None:
    all_pages = pages(shared_source)
    wrong = []
    for uid, unit in index.units.items():
        text = unit.title if hasattr(unit, "title") and unit.kind != "intro" else (unit.intro[0] if unit.kind == "intro" else "")
        if unit.kind == "action":
            text = unit.text
        if unit.kind == "intro":
            text = "Introduction"
        head = " ".join(re.sub(r"\[\^\d+\]", " ", text).split()[:5])
        pdf_page = index.plan.pdf_page(unit.printed_page)
        body = " ".join(" ".join(split_page(all_pages[pdf_page - 1])[0]).split())
        if head not in body:
            wrong.append(f"{uid}: {head!r} is not on printed page {unit.printed_page} (PDF page {pdf_page})")
    assert not wrong, "\n".join(wrong)


def test_epigraph_matches(index: Index, shared_source: Path) -> None:
    body = " ".join(" ".join(pages(shared_source)[1]).split())
    ep = index.plan.epigraph
    assert ep.text in body
    assert ep.attribution in body


def test_goal_titles_follow_the_table_of_contents(index: Index, shared_source: Path) -> None:
    toc = " ".join(" ".join(pages(shared_source)[2]).split())
    entries = [re.sub(r"\s*\.{3,}\s*\d+$", "", e).strip() for e in re.split(r"(?<=\d) (?=[A-Z])", toc)]
    titles = [g.title for p in index.plan.pillars for g in p.goals]
    positions = [toc.find(t) for t in titles]
    assert all(p >= 0 for p in positions), [t for t, p in zip(titles, positions, strict=True) if p < 0]
    assert positions == sorted(positions), "goal order differs from the table of contents"
    assert entries  # the TOC was found at all


@pytest.mark.parametrize(("uid", "words_as_printed"), [
    ("I.5.6", "identify surface scalable"),   # a missing word, kept as printed
    ("III.5.4", "the U.S to develop"),        # a missing full stop, kept as printed
    ("I.7.3", "a researchers’ prior funded efforts"),
])
def test_source_oddities_are_kept_and_annotated(index: Index, uid: str, words_as_printed: str) -> None:
    action = index.units[uid]
    assert words_as_printed in action.text
    assert any(n.kind == "as-printed" for n in action.notes)


def test_the_repeated_action_is_kept_twice_and_annotated(index: Index) -> None:
    assert index.units["III.6.4"].text == index.units["III.7.3"].text
    assert any(n.kind == "repeated" and "III.6.4" in n.text.en for n in index.units["III.7.3"].notes)
