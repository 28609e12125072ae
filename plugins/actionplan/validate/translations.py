"""Our unofficial translations: every unit translated, field for field, with the glossary's renderings."""

from __future__ import annotations

import re

from ..fields import MARKER
from ..model import Plan, Translation
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
        if require:
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
    return problems


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
