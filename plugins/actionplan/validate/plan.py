"""The plan's own data: unique IDs, reading order, the printed counts, footnotes and agencies."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from ..model import Action, Agency, Goal, Pillar, Plan, footnote_refs
from ..problems import Problem, Where
from . import dupes

LEAD_PHRASE = re.compile(r"\b[Ll]ed by\b")


@functools.cache
def _word(term: str) -> re.Pattern[str]:
    """``term`` as a whole word. Cached without bound: one pattern per agency name, and past the
    ``re`` module's own cache (512) every check compiled its pattern again."""
    return re.compile(r"(?<![\w])" + re.escape(term) + r"(?![\w])")


def _mentions(text: str, name: str, acronym: str | None, aid: str) -> bool:
    candidates = [name, aid] + ([acronym] if acronym else [])
    return any(_word(c).search(text) for c in candidates)


def validate_plan(plan: Plan, strict_counts: bool = True) -> list[Problem]:
    problems: list[Problem] = []
    agencies = {a.id: a for a in plan.agencies}
    footnotes = {f.number: f for f in plan.footnotes}
    dupes(((a.id, a.where) for a in plan.agencies), "agency", problems)
    # Two names a reader cannot tell apart are one agency entered twice (one may be composed é, the
    # other e and a combining accent): compared as Unicode's compatibility form, case aside.
    seen: dict[str, str] = {}
    for a in plan.agencies:
        key = unicodedata.normalize("NFKC", a.name).casefold()
        if key in seen and seen[key] != a.id:
            problems.append(Problem(a.where, f"agency {a.id}", "name", f"reads the same as agency {seen[key]}'s name "
                                                                      "(they differ only in Unicode normalisation or case)"))
        seen.setdefault(key, a.id)
    dupes(((str(f.number), f.where) for f in plan.footnotes), "footnote", problems, field="number")
    for i, f in enumerate(plan.footnotes, 1):
        if f.number != i:  # numbering is the plan's own, 1..N in print order
            problems.append(Problem(f.where, f"footnote {f.number}", "number", f"out of order: expected {i}"))
            break

    roman = ["I", "II", "III"]
    all_ids: list[tuple[str, Where]] = []
    cited: list[tuple[int, Where, str, str]] = []  # (footnote, where, record, field)
    last_page = plan.intro.printed_page
    cited += [(n, plan.intro.where, "intro", "intro") for n in footnote_refs(*plan.intro.intro)]
    ids = [p.id for p in plan.pillars]
    in_order = ids == sorted(ids, key=roman.index)
    if not in_order:  # page order below would only echo this one slip
        problems.append(Problem(Where(plan.source.file, plan.lines.get("pillars", 0)), "plan", "pillars",
                                f"must list the pillars in the plan's order (I, II, III), not {', '.join(ids)}"))
    def visit(unit: Pillar | Goal | Action, rec: str, want: str | None, refs: list[tuple[str, Iterable[int]]]) -> None:
        """One unit, in reading order: its ID against its position, its printed page against the
        previous unit's, and the footnotes it cites."""
        nonlocal last_page
        if want is not None and unit.id != want:
            problems.append(Problem(unit.where, rec, "id", f"does not match its position: expected {want}"))
        if in_order and unit.printed_page < last_page:
            problems.append(Problem(unit.where, rec, "printed_page", f"{unit.printed_page} is before the previous unit's page {last_page}"))
        last_page = max(last_page, unit.printed_page)
        all_ids.append((unit.id, unit.where))
        cited.extend((n, unit.where, rec, field) for field, numbers in refs for n in numbers)

    for pillar in plan.pillars:
        visit(pillar, f"pillar {pillar.id}", None, [("title", footnote_refs(pillar.title)), ("intro", pillar.footnotes)])
        for g_index, goal in enumerate(pillar.goals, 1):
            visit(goal, f"goal {goal.id}", f"{pillar.id}.{g_index}", [("title", footnote_refs(goal.title)), ("intro", goal.footnotes)])
            for a_index, action in enumerate(goal.actions, 1):
                arec = f"action {action.id}"
                visit(action, arec, f"{goal.id}.{a_index}", [("text", action.footnotes)])
                problems += _check_agencies(action, agencies, arec)
    dupes(all_ids, "unit", problems)

    for n, where, rec, field in cited:
        if n not in footnotes:
            problems.append(Problem(where, rec, field, f"cites footnote [^{n}], which is not in footnotes.yaml"))
    cited_numbers = {c[0] for c in cited}
    for f in plan.footnotes:
        if f.number not in cited_numbers and not plan.missing_pillars:
            problems.append(Problem(f.where, f"footnote {f.number}", "number", "is cited by no unit"))

    if strict_counts and not plan.missing_pillars:
        actual = plan.counts_found()
        for what, official in plan.counts.items():
            if actual.get(what) != official:
                problems.append(Problem(Where(plan.source.file, plan.lines.get(f"counts.{what}", 0)), "plan", f"counts.{what}",
                                        f"the official plan has {official} {what}, the data has {actual.get(what)}"))
    return problems


def _check_agencies(action: Action, agencies: dict[str, Agency], rec: str) -> list[Problem]:
    out: list[Problem] = []
    w = action.where
    for field in ("lead", "agencies"):
        seen: set[str] = set()
        for aid in getattr(action, field):
            if aid in seen:
                out.append(Problem(w, rec, field, f"{aid!r} listed twice"))
            seen.add(aid)
            agency = agencies.get(aid)
            if agency is None:
                out.append(Problem(w, rec, field, f"unknown agency {aid!r} (not in agencies.yaml)"))
            elif not _mentions(action.text, agency.name, agency.acronym, aid):
                out.append(Problem(w, rec, field, f"{aid!r} is not named in the action's text"))
    both = set(action.lead) & set(action.agencies)
    if both:
        out.append(Problem(w, rec, "agencies", f"{', '.join(sorted(both))} already listed under lead"))
    says_led = bool(LEAD_PHRASE.search(action.text))
    if action.lead and not action.lead_text:
        out.append(Problem(w, rec, "lead_text", "required when lead is set: the 'Led by …' words as printed"))
    if action.lead_text:
        if action.lead_text not in action.text:
            out.append(Problem(w, rec, "lead_text", "is not a verbatim part of the action's text"))
        elif not LEAD_PHRASE.match(action.lead_text):
            out.append(Problem(w, rec, "lead_text", "must start from the printed words 'Led by' / 'led by'"))
        for aid in action.lead:
            agency = agencies.get(aid)
            if agency and not _mentions(action.lead_text, agency.name, agency.acronym, aid):
                out.append(Problem(w, rec, "lead", f"{aid!r} is not named in lead_text"))
    if says_led and not action.lead:
        out.append(Problem(w, rec, "lead", "the text says 'led by' but no lead agency is recorded"))
    if not says_led and action.lead:
        out.append(Problem(w, rec, "lead", "only an agency the text introduces with 'Led by' / 'led by' is a lead"))
    return out
