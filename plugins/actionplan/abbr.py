"""Acronyms explained where they are read: ``<abbr>`` around every declared acronym of a page's text.

A reader who arrives at a unit page from a citation has not read the unit that defined ``OMB``.
Every acronym the data declares (an agency's ``acronym`` in ``agencies.yaml``, a glossary term's
``acronym`` in ``glossary.yaml``) is therefore marked wherever it stands in a unit's text, with its
full name in the page's language and in the other one::

    <abbr title="管理和预算办公室 · Office of Management and Budget" tabindex="0">OMB</abbr>

Markup only: the words between the tags are the input's, unchanged (strip the tags and the text is
what it was), so the official English stays verbatim. The theme's documented ``content.tooltips``
shows the title on hover and on focus; ``tabindex`` makes an abbreviation focusable, by keyboard
and by tap. Only the first mention of each acronym on a page is a stop of the Tab key
(``tabindex="0"``); later ones are focusable by tap or click but not by Tab (``tabindex="-1"``),
so a page that says "AI" forty times does not cost a keyboard reader forty key presses. Screen
readers read the title (and the tooltip, which the theme ties to the element with
``aria-describedby`` while it is shown) as the element's description.

Why a module of its own, beside ``text.py``: ``text.py`` makes contributor text inert and knows no
data; the table of acronyms comes from the plan. This module only ever adds tags to text that
``text.py`` has already made inert (``Markup``), and builds each title with ``text.attr`` (HTML
escaping), never by pasting data into markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from . import text
from .model import Plan
from .problems import Where

# Where a mention may start and end: not inside a longer Latin word or number. A hyphen is a
# boundary ("DOD-led", "CHIPS-funded"), and Chinese characters are too ("由OMB牵头"), which
# ``\b`` would not allow. A plural "s" belongs to the mention ("LLMs").
BEFORE = r"(?<![A-Za-z0-9])"
AFTER = r"s?(?![A-Za-z0-9])"


@dataclass(frozen=True)
class Expansion:
    """An acronym and its full name in each language (``ours``: the plan prints only the acronym)."""

    acronym: str
    en: str
    zh: str
    ours: bool = False

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def declared(plan: Plan) -> Iterator[tuple[Expansion, str, Where]]:
    """Every acronym the data declares, with its record (``agency <ID>``, ``term <en>``) and where
    that stands: the agencies that print one, named as the agency index names them, then the glossary's."""
    index = plan.translations.get("zh", {}).get("agencies")
    for a in plan.agencies:
        zh = index.fields.get(a.id) if index else None
        if a.acronym:
            yield Expansion(a.acronym, a.name, zh if isinstance(zh, str) else a.name), f"agency {a.id}", a.where
    for t in plan.glossary:
        if t.acronym:
            yield Expansion(t.acronym, t.en, t.zh, t.ours), f"term {t.en}", t.where


def table(plan: Plan) -> dict[str, Expansion]:
    """Acronym → its expansion (the first declaration wins; validation reports a second)."""
    out: dict[str, Expansion] = {}
    for e, _, _ in declared(plan):
        out.setdefault(e.acronym, e)
    return out


def _alternatives(names: Iterable[str]) -> str:
    """A regex alternation of ``names``, the longest first (``AI-ISAC`` before ``AI``); one that
    matches nothing where there are none."""
    return "|".join(re.escape(a) for a in sorted(names, key=lambda a: (-len(a), a))) or r"(?!x)x"


def mentions(acronyms: Mapping[str, object] | list[str]) -> re.Pattern[str]:
    """Whole-word, case-sensitive mentions of ``acronyms`` in plain text, the longest first
    (``AI-ISAC`` before ``AI``); group 1 is the acronym."""
    return re.compile(BEFORE + "(" + _alternatives(acronyms) + ")" + AFTER)


def title(e: Expansion, lang: str) -> str:
    """The explanation: the full name in ``lang`` first, then in the other language."""
    first, second = (e.zh, e.en) if lang == "zh" else (e.en, e.zh)
    return first if first == second else f"{first} · {second}"


class Abbreviations:
    """The declared acronyms of one language's build, ready to mark page text."""

    def __init__(self, expansions: Mapping[str, Expansion], lang: str) -> None:
        self.lang = lang
        # The acronyms as inert text writes them ("R&D" becomes "R&amp;D"), mapped back to the acronym.
        self._escaped = {str(text.md_text(a)): a for a in expansions}
        self.titles = {a: text.attr(title(e, lang)) for a, e in expansions.items()}
        alternatives = _alternatives(self._escaped)
        # A link (an <abbr> inside one would be a focusable element inside another), a tag or a
        # character reference is skipped whole; anything else may be a mention.
        self._rx = re.compile(r"(<a\b[^>]*>.*?</a>|<[^>]*>|&#?[A-Za-z0-9]+;)|" + BEFORE + "(" + alternatives + ")" + AFTER, re.S)

    @classmethod
    def of(cls, plan: Plan, lang: str) -> Abbreviations:
        return cls(table(plan), lang)

    def page(self) -> PageAbbreviations:
        """A marker for one page: it remembers which acronyms the page has explained already."""
        return PageAbbreviations(self)


@dataclass
class PageAbbreviations:
    """Marks the acronyms of one page, in the order its template prints them (see ``mark``)."""

    table: Abbreviations
    seen: set[str] = field(default_factory=set)
    count: int = 0

    def mark(self, value: object) -> Markup:
        """``value`` made inert (``text.md_text``, unless it is ``Markup`` already) with every
        declared acronym outside a tag wrapped in ``<abbr>``; the first mention of each on the
        page is a Tab stop, later ones are focusable without being one."""
        safe = text.md_text(value)
        rx = self.table._rx

        def wrap(m: re.Match[str]) -> str:
            if m.group(1):
                return m.group(0)
            acronym = self.table._escaped[m.group(2)]
            tab = "-1" if acronym in self.seen else "0"
            self.seen.add(acronym)
            self.count += 1
            return f'<abbr title="{self.table.titles[acronym]}" tabindex="{tab}">{m.group(0)}</abbr>'

        return Markup(rx.sub(wrap, str(safe)))


def unmarked(markup: str) -> str:
    """Page text with our ``<abbr>`` tags removed and character references read (for tests and
    checks: the words must be exactly the input's)."""
    return html.unescape(re.sub(r"</?abbr\b[^>]*>", "", markup))
