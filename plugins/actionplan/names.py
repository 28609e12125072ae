"""One body, one name: the translation names each agency as the agency index does.

The agency index (``agencies:`` in ``translations/<lang>/plan.yaml``) gives every agency of
``agencies.yaml`` its one name in that language; agency pages and the lead/named lists show it. A
reader who meets the same body under another name in a unit's translation (人事管理办公室 there,
人事管理局 in the index) cannot tell that they are one body.

The rule checked here is the glossary's, applied to agencies, because it is the one we can check
exactly:

* wherever a paragraph of the original prints an agency's full English name (as in
  ``agencies.yaml``; case-sensitive, whole words, as the glossary matches), the same paragraph of
  the translation must contain the index's name for it. Our translations give the full name
  wherever the original does and keep acronyms in Latin letters, so an acronym (``DOS``, ``OPM``)
  requires nothing;
* a glossary term that is an agency's English name must have the index's name as its rendering,
  so that the two sources of terminology cannot disagree.

What it does not do, on purpose: guess. A list of "known wrong forms" would catch only the slips
we already know of, and searching the translation for any Chinese agency-like name would flag
ordinary words. The check therefore reports a paragraph that lacks the index's name, not which
other name it uses; a name used where the original prints only an acronym, or a name the
original prints in a form other than ``agencies.yaml``'s, is not checked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .model import Agency, Plan, Translation, Where
from .problems import Problem


@functools.cache
def _whole(term: str) -> re.Pattern[str]:
    """``term`` as a whole word, with the glossary's boundaries (a hyphen joins words)."""
    return re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])")


def _originals(plan: Plan) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(unit, field, paragraphs) of every translatable text of the original, except the index."""
    for unit, fields in plan.texts().items():
        if unit == "agencies":  # the agencies' own names: what the mentions are checked against
            continue
        for name, value in fields.items():
            yield unit, name, _paragraphs(value)  # type: ignore[arg-type]


def _paragraphs(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


def check_agency_names(plan: Plan) -> list[Problem]:
    """Every place where a translation names an agency otherwise than its agency index, as
    ``path:line: unit: field: message`` problems (see the module's docstring for the rule)."""
    problems: list[Problem] = []
    for lang, units in plan.translations.items():
        index = units.get("agencies")
        if index is None:
            continue  # a missing index is reported by validate_translations
        names: dict[str, tuple[Agency, str]] = {}
        for a in plan.agencies:
            name = index.fields.get(a.id)
            if isinstance(name, str) and name:
                names[a.id] = (a, name)

        def at_index(aid: str, index: Translation = index) -> Where:
            return Where(index.where.file, index.lines.get(aid, index.where.line))

        if lang == "zh":  # the glossary is the zh translation's
            by_name = {a.name: (a, zh) for a, zh in names.values()}
            for term in plan.glossary:
                hit = by_name.get(term.en)
                if hit and term.zh != hit[1]:
                    agency, zh = hit
                    problems.append(Problem(term.where, f"glossary {term.en!r}", "zh",
                                            f"{term.zh!r} differs from {zh!r}, the agency index's name for {agency.id} ({at_index(agency.id)})"))

        for unit, key, originals in _originals(plan):
            tr = units.get(unit)
            if tr is None or key not in tr.fields:
                continue  # a missing translation is reported by validate_translations
            where = Where(tr.where.file, tr.lines.get(key, tr.where.line))
            for o_text, t_text in zip(originals, _paragraphs(tr.fields[key]), strict=False):
                for agency, name in names.values():
                    # The substring test first: the regex (word boundaries) runs only where the name occurs.
                    if agency.name in o_text and name not in t_text and _whole(agency.name).search(o_text):
                        problems.append(Problem(where, unit, key,
                                                f"agency {agency.id}: {agency.name!r} must be named {name!r} "
                                                f"as in the agency index ({at_index(agency.id)})"))
    return problems
