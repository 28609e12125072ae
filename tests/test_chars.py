"""The character rule (``chars``) covers what Unicode itself calls invisible or meaningless, and the
export writers keep every value inside its format: a CSV cell never starts a formula, a RIS or
BibTeX field stays one field, the feed holds only XML characters (issue 26)."""

from __future__ import annotations

import csv
import io
import unicodedata
from xml.etree import ElementTree as ET

import bibtexparser
import pytest
import rispy
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan import cite, export, feed
from actionplan.chars import bad_character


def test_every_format_private_use_and_noncharacter_is_refused() -> None:
    missed = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        meaningless = (unicodedata.category(c) in ("Cf", "Co", "Cc") and c not in "\t\n") or (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF
        if meaningless and bad_character(c) is None:
            missed.append(f"U+{cp:04X}")
    assert missed == []


@pytest.mark.parametrize("ch", ["\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\ue000", "\ufffe", "\uffff", "\U0010fffd"])
def test_blank_letters_and_private_use_are_refused(ch: str) -> None:
    assert bad_character(f"a{ch}b") == f"contains an invisible or control character U+{ord(ch):04X}"


@pytest.mark.parametrize("ok", ["中文，标点。", "Émigré — “quoted”", "emoji 🙂", "tab\tand\nnewline", "ﬁ ligature"])
def test_ordinary_text_passes(ok: str) -> None:
    assert bad_character(ok) is None


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=2, max_size=2))
def test_no_csv_cell_starts_a_formula(values: list[str]) -> None:
    doc = {"site_url": "https://example.org/", "record": [], "pillars": [{"id": "I", "goals": [{"id": "I.1", "actions": [{
        "id": "I.1.1", "printed_page": 1, "pdf_page": 4, "url": "plan/I.1.1/", "url_en": "en/plan/I.1.1/", "lead": [values[0]],
        "agencies": [], "footnotes": [], "text": {"en": values[0], "zh": values[1]}}]}]}]}
    rows = list(csv.reader(io.StringIO(export.actions_csv(doc).lstrip("\ufeff"), newline="")))
    assert len(rows) == 2
    for value in rows[1]:
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def _citation(title: str) -> cite.Citation:
    site = cite.Site("Editors", "编辑组", "Title", "标题", "1.0.0")
    return cite.citation_of(site, "I.1", "en", title, "https://example.org/plan/I.1/", "2026-01-02",
                            versioned_url="https://example.org/v/1.0.0/plan/I.1/")


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_ris_and_bibtex_keep_a_title_one_field(title: str) -> None:
    title = title.strip() or "x"
    entries = rispy.loads(cite.ris(_citation(title)))
    assert len(entries) == 1 and entries[0]["urls"] == ["https://example.org/v/1.0.0/plan/I.1/"]
    assert entries[0]["title"] == " ".join(title.split())
    library = bibtexparser.parse_string(cite.bibtex(_citation(title)))
    assert len(library.entries) == 1 and not library.failed_blocks
    assert set(library.entries[0].fields_dict) == {"author", "title", "howpublished", "year", "version", "url", "note"}


def test_bibtex_escapes_what_latex_reads() -> None:
    entry = cite.bibtex(_citation("50% & $5 #1 a_b ~x^y {z} \\w"))
    assert r"50\% \& \$5 \#1 a\_b \textasciitilde{}x\textasciicircum{}y \{z\} \textbackslash{}w" in entry


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_the_feed_writer_keeps_to_xml_characters(value: str) -> None:
    """Whatever a value holds, the feed's writer (feed.xml_text, used for every text and attribute
    of both feeds) gives what a strict XML parser reads back."""
    root = ET.Element("summary", {"title": feed.xml_text(value)})
    root.text = feed.xml_text(value)
    parsed = ET.fromstring(ET.tostring(root, encoding="unicode").encode())
    written = feed.xml_text(value).replace("\r\n", "\n").replace("\r", "\n")  # XML reads every line end as \n
    assert (parsed.text or "") == written
