"""Our unofficial translations: every unit translated, field for field, with the glossary's renderings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import abbr
from ..fields import MARKER
from ..model import Action, Plan, Translation
from ..problems import Problem, Where


def _flat(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _flat(v)]
    return [s for v in value for s in _flat(v)]  # type: ignore[attr-defined]


def validate_translations(plan: Plan, require: bool) -> list[Problem]:
    """Complete, structurally parallel, glossary-consistent translations, per language."""
    problems: list[Problem] = []
    originals = plan.texts()
    for lang, units in plan.translations.items():
        for unit, tr in units.items():
            if unit not in originals:
                if unit.split(".")[0] not in plan.missing_pillars:
                    problems.append(Problem(tr.where, unit, "", "translates a unit that does not exist"))
                continue
            problems += _compare(originals[unit], tr, lang)
        if require and f"{lang}:*" not in plan.broken_translations:  # an unreadable file is reported; its units are not "missing"
            for unit, fields in originals.items():
                found = units.get(unit)
                if unit in plan.broken_translations or unit.split(".")[0] in plan.missing_pillars:
                    continue
                for key in fields:
                    if found is None or key not in found.fields:
                        problems.append(Problem(Where(f"{plan.data_dir}/translations/{lang}/"), unit, key, f"missing {lang} translation"))
                        if found is None:
                            break
        problems += _glossary(plan, units, originals, lang)
    return problems + validate_acronyms(plan)


def _compare(original: dict[str, object], tr: Translation, lang: str) -> list[Problem]:
    out: list[Problem] = []
    for key, value in tr.fields.items():
        if key not in original:
            where = Where(tr.where.file, tr.lines.get(key, tr.where.line))
            what = "no such agency in agencies.yaml" if tr.unit == "agencies" else "the original has no such field"
            out.append(Problem(where, tr.unit, key, what))
            continue
        orig = original[key]
        if isinstance(orig, tuple) != isinstance(value, tuple) or (isinstance(orig, tuple) and len(orig) != len(value)):
            n = len(orig) if isinstance(orig, tuple) else 1
            what = "item(s)" if key == "signatories" else "paragraph(s)"
            out.append(Problem(tr.where, tr.unit, key, f"must have {n} {what} like the original"))
            continue
        pairs = zip(orig, value, strict=True) if isinstance(orig, tuple) else [(orig, value)]
        for o, t in pairs:
            o_marks, t_marks = MARKER.findall(str(o)), MARKER.findall(str(t))
            if o_marks == t_marks:
                continue
            if set(o_marks) - set(t_marks):
                out.append(Problem(tr.where, tr.unit, key, f"footnote markers {o_marks} of the original must appear in the translation"))
            else:
                out.append(Problem(tr.where, tr.unit, key, f"footnote markers {t_marks} do not match the original's {o_marks}"))
    return out


def _glossary(plan: Plan, units: dict[str, Translation], originals: dict[str, dict[str, object]], lang: str) -> list[Problem]:
    if lang != "zh":
        return []
    out: list[Problem] = []
    for term in plan.glossary:
        rx = re.compile(r"(?<![\w-])" + re.escape(term.en) + r"(?![\w-])")
        for unit, tr in units.items():
            orig = originals.get(unit)
            if orig is None:
                continue
            for key, value in tr.fields.items():
                o = orig.get(key)
                if o is None or isinstance(o, dict):
                    continue
                o_list, t_list = _flat(o), _flat(value)
                for o_text, t_text in zip(o_list, t_list, strict=False):
                    # The substring test first: the regex (word boundaries) runs only where the term occurs.
                    if term.en in o_text and term.zh not in t_text and rx.search(o_text):
                        out.append(Problem(tr.where, unit, key, f"glossary: {term.en!r} must be rendered {term.zh!r}"))
    return out


# -- acronyms ---------------------------------------------------------------------------------
# A bracket that quotes a name in Latin letters after its Chinese rendering: 人工智能劳动力研究中心
# （AI Workforce Research Hub）. An acronym inside one is part of the quoted name, not a mention.
_QUOTED = re.compile(r"（[^（）\u3400-\u9fff\uf900-\ufaff]*）")


def validate_acronyms(plan: Plan) -> list[Problem]:
    """Each acronym declared once (agencies.yaml or the glossary), and the Chinese translation of
    every unit page naming each acronym in full at its first mention: 商务部（DOC）."""
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for e, record, at in abbr.declared(plan):
        if e.acronym in first:
            problems.append(Problem(at, record, "acronym", f"{e.acronym!r} is declared already ({first[e.acronym]}): one acronym, one meaning"))
        else:
            first[e.acronym] = f"{record}, {at}"
    table = abbr.table(plan)
    rx = abbr.mentions(table)
    units = plan.translations.get("zh", {})
    for unit in plan.units():
        tr = units.get(unit.id)
        if tr is None:
            continue  # reported as missing
        seen: set[str] = set()
        for key, n, para in _page_text(tr, isinstance(unit, Action)):
            quoted = [m.span() for m in _QUOTED.finditer(para)]
            for m in rx.finditer(para):
                acronym = m.group(1)
                # inside a quoted name, longer than the mention: （NIST AI Consortium）, not （NIST）
                if acronym in seen or any(a < m.start() and m.end() < b and b - a - 2 > len(m.group(0)) for a, b in quoted):
                    continue
                seen.add(acronym)
                name = table[acronym].zh
                if not (para[: m.start()].endswith(name + "（") and para[m.end():].startswith("）")):
                    where = Where(tr.where.file, tr.lines.get(key, tr.where.line))
                    in_para = f" (paragraph {n})" if n else ""
                    problems.append(Problem(where, unit.id, key,
                                            f"acronym {acronym!r}: its first mention on the page{in_para} is bare; write {name}（{acronym}）"))
    return problems


def _page_text(tr: Translation, action: bool) -> Iterator[tuple[str, int, str]]:
    """(field, paragraph number or 0, text) of a unit page's translated text, in the page's order:
    an action's text; a pillar's, goal's or the introduction's title, then its paragraphs."""
    for key in ("text",) if action else ("title", "intro"):
        value = tr.fields.get(key)
        if isinstance(value, str):
            yield key, 0, value
        elif isinstance(value, tuple):
            for n, para in enumerate(value, 1):
                yield key, n, para
