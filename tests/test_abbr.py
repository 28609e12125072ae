"""Acronyms explained where they are read (#28): the ``<abbr>`` markup (abbr.py) and the Chinese
first-mention rule (validate/translations.py).

The markup may add tags and nothing else: stripped of them, a marked text is exactly the inert text
it was, so the official English stays verbatim on the page.
"""

from __future__ import annotations

import html
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from actionplan import abbr, text
from actionplan.load import load_plan
from actionplan.model import Action
from actionplan.pages.plan import unit_page
from actionplan.problems import DataError, Problem
from actionplan.render import Renderer
from actionplan.site import load_all
from actionplan.validate.translations import validate_acronyms

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).parent / "fixtures" / "tiny"
E = abbr.Expansion
TABLE = {
    "DOC": E("DOC", "Department of Commerce", "商务部"),
    "DOD": E("DOD", "Department of Defense", "国防部"),
    "AI": E("AI", "artificial intelligence", "人工智能"),
    "AI-ISAC": E("AI-ISAC", "AI Information Sharing and Analysis Center", "人工智能信息共享与分析中心"),
    "LLM": E("LLM", "large language model", "大语言模型"),
    "R&D": E("R&D", "research and development", "研究与开发", ours=True),
    "Q": E("Q", 'a "quoted" <b>name</b> & more', "‘引号’ & <i>"),
}


def marker(lang: str = "en") -> abbr.PageAbbreviations:
    return abbr.Abbreviations(TABLE, lang).page()


class Abbrs(HTMLParser):
    """The ``<abbr>`` elements of a fragment as a parser reads them: (attributes, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert self._open is None or tag != "abbr", "nested abbr"
        if tag == "abbr":
            self._open, self._text = dict(attrs), ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "abbr" and self._open is not None:
            self.found.append((self._open, self._text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text += data


def abbrs(markup: str) -> list[tuple[dict[str, str | None], str]]:
    p = Abbrs()
    p.feed(markup)
    p.close()
    return p.found


def test_whole_words_case_sensitive_longest_first() -> None:
    out = marker().mark("DOC, DOCX, doc, ODOC, DOD-led, the AI-ISAC, AI-related, LLMs, 由DOC牵头, R&D, PermitAI, DOC2")
    assert [t for _, t in abbrs(out)] == ["DOC", "DOD", "AI-ISAC", "AI", "LLMs", "DOC", "R&D"]


def test_title_names_both_languages_page_language_first() -> None:
    en = abbrs(marker("en").mark("DOC"))[0][0]
    zh = abbrs(marker("zh").mark("DOC"))[0][0]
    assert en["title"] == "Department of Commerce · 商务部"
    assert zh["title"] == "商务部 · Department of Commerce"


def test_title_is_escaped_never_markup() -> None:
    out = marker().mark("Q")
    [(attrs, t)] = abbrs(out)
    assert t == "Q"
    assert attrs["title"] == 'a "quoted" <b>name</b> & more · ‘引号’ & <i>'
    assert "<b>" not in out and "<i>" not in out


def test_first_mention_is_a_tab_stop_later_ones_focusable_only() -> None:
    m = marker()
    first = abbrs(m.mark("DOC and DOD"))
    later = abbrs(m.mark("DOC again, and AI"))
    assert [a["tabindex"] for a, _ in first] == ["0", "0"]
    assert [(a["tabindex"], t) for a, t in later] == [("-1", "DOC"), ("0", "AI")]
    assert m.count == 4


def test_tags_and_character_references_are_left_alone() -> None:
    out = marker().mark(Markup('<a href="#DOC" title="DOC">DOC</a> <b class="DOC">DOC</b> &#39;AI&#39;'))
    assert out.startswith('<a href="#DOC" title="DOC">DOC</a> <b class="DOC"><abbr ')  # never inside a link
    assert [t for _, t in abbrs(out)] == ["DOC", "AI"]


def test_values_are_made_inert_first() -> None:
    out = marker().mark("<script>DOC</script> *AI*")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert abbr.unmarked(out) == "<script>DOC</script> &#42;AI&#42;".replace("&#42;", "*")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TABLE, "DOCX", "-", " ", "由", "s", "&", "<", "'", "*", "[^1]", "x", "AI-", "’"]), max_size=30))
@pytest.mark.slow
def test_marking_changes_no_word(parts: list[str]) -> None:
    """Whatever the text, stripping the tags gives back the inert text exactly."""
    s = "".join(parts)
    for value in (s, text.md_inline(s)):
        marked = marker().mark(value)
        assert abbr.unmarked(marked) == abbr.unmarked(text.md_text(value))


@pytest.fixture(scope="module")
def live():  # type: ignore[no-untyped-def]
    return load_all(ROOT / "data", ROOT / "content" / "commentary", ROOT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_acronym_of_every_unit_page_is_explained_and_the_words_are_kept(live, lang: str) -> None:  # type: ignore[no-untyped-def]
    """On every unit page, each declared acronym of the unit's texts is inside an <abbr>, and the
    official English, stripped of the tags, is word for word the data's."""
    r = Renderer(live, lang, "https://example.org/", None)
    rx = abbr.mentions(abbr.table(live.plan))
    wrapped = 0
    for u in live.plan.units():
        lines = unit_page(r, u.id).content.split("\n---\n", 1)[1].splitlines()  # the body, not the front matter
        plain = [abbr.unmarked(line) for line in lines]
        texts = [u.text] if isinstance(u, Action) else list(u.intro)
        for t in texts:
            want = html.unescape(str(text.md_inline(t)))
            [line] = [lines[i] for i, p in enumerate(plain) if want in p][:1]  # the paragraph, words unchanged
            mentions = [m.group(0) for m in rx.finditer(t)]
            assert [w for _, w in abbrs(line)][: len(mentions)] == mentions, u.id
            wrapped += len(mentions)
    assert wrapped > 400  # 476 in the official English when this was written


def test_live_translation_has_no_bare_first_mention() -> None:
    problems: list[Problem] = []
    plan = load_plan(ROOT / "data", ROOT, problems)
    assert plan is not None and not problems
    assert validate_acronyms(plan) == []


def edited(tmp_path: Path, rel: str, old: str, new: str) -> list[str]:
    root = tmp_path / "site"
    shutil.copytree(TINY, root)
    path = root / rel
    src = path.read_text(encoding="utf-8")
    assert src.count(old) == 1
    path.write_text(src.replace(old, new), encoding="utf-8")
    try:
        load_all(root / "data", root / "content" / "commentary", root)
    except DataError as e:
        return [str(p) for p in e.problems]
    return []


def test_an_english_name_quoted_after_its_chinese_one_is_not_a_mention(tmp_path: Path) -> None:
    assert edited(tmp_path, "data/translations/zh/I.yaml", "人工智能模型可免费获取。",
                  "人工智能模型可通过标准局联盟（NIST AI Consortium）免费获取。") == []


def test_a_goal_page_counts_its_paragraphs(tmp_path: Path) -> None:
    assert edited(tmp_path, "data/translations/zh/I.yaml", "人工智能模型可免费获取。", "人工智能模型可经DOC免费获取。") == [
        "data/translations/zh/I.yaml:15: I.2: intro: acronym 'DOC': its first mention on the page (paragraph 1) is bare; write 商务部（DOC）"]


def test_later_mentions_may_be_bare(tmp_path: Path) -> None:
    assert edited(tmp_path, "data/translations/zh/I.yaml", "召集利益相关方。", "召集DOC与NIST的利益相关方。") == []
