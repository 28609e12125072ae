"""The commentary: units in the source's order, attached to units that exist, claims that hold, and
the releases of the changelog."""

from __future__ import annotations

from ..fields import version_key
from ..model import CommentaryUnit, Plan
from ..problems import Problem, Where
from . import dupes


def validate_releases(plan: Plan, critiques: tuple[CommentaryUnit, ...]) -> list[Problem]:
    """Releases newest first, each version once, naming only units that exist."""
    problems: list[Problem] = []
    known = set(plan.unit_ids()) | {c.id for c in critiques}
    dupes(((r.version, r.where) for r in plan.releases), "release", problems)
    for newer, older in zip(plan.releases, plan.releases[1:], strict=False):
        if version_key(newer.version) <= version_key(older.version) or newer.date < older.date:
            problems.append(Problem(older.where, f"release {older.version}", "version", f"releases must be newest first (after {newer.version})"))
    instruments = {i.id: i for i in plan.record}
    for r in plan.releases:
        for u in r.units:
            if u not in known and u.split(".")[0] not in plan.missing_pillars:
                problems.append(Problem(r.where, f"release {r.version}", "units", f"unknown unit {u!r}"))
        at = Where(r.where.file, r.lines.get("record", r.where.line))
        for n, iid in enumerate(r.record):
            inst = instruments.get(iid)
            if inst is None:
                if plan.record_whole:
                    problems.append(Problem(at, f"release {r.version}", f"record[{n}]", f"unknown instrument {iid!r} (not in record.yaml)"))
            elif inst.published > r.date:
                # The feed dates an instrument's entry by the release that published it.
                problems.append(Problem(at, f"release {r.version}", f"record[{n}]",
                                        f"{iid!r} was published on {inst.published}, after this release ({r.date})"))
            if iid in r.record[:n]:
                problems.append(Problem(at, f"release {r.version}", f"record[{n}]", f"{iid!r} listed twice"))
    return problems


def validate_commentary(plan: Plan, critiques: tuple[CommentaryUnit, ...], complete: bool = True, require_translations: bool = False) -> list[Problem]:
    """``complete`` is false when a unit's file could not be loaded: positions then have a gap
    that only echoes that failure, so the no-gaps rule waits until the file is fixed."""
    problems: list[Problem] = []
    known = set(plan.unit_ids()) | {"plan"}
    dupes(((c.id, c.where) for c in critiques), "critique", problems)
    last_paragraph = 0
    last_position = 0
    for i, c in enumerate(critiques, 1):
        rec = f"critique {c.id}"

        def at(field: str, c: CommentaryUnit = c) -> Where:
            return Where(c.where.file, c.lines.get(field, c.where.line))

        if complete and c.position != i:
            problems.append(Problem(at("position"), rec, "position", f"expected {i}: positions run 1, 2, 3 … without gaps"))
        elif c.position == last_position:
            problems.append(Problem(at("position"), rec, "position", f"{c.position} is used twice"))
        last_position = c.position
        if c.paragraph < last_paragraph:
            problems.append(Problem(at("paragraph"), rec, "paragraph", f"goes back from paragraph {last_paragraph}"))
        last_paragraph = max(last_paragraph, c.paragraph)
        if require_translations and not c.en:
            problems.append(Problem(c.where, rec, "en", "missing en translation (our unofficial English translation of the unit)"))
        seen: set[str] = set()
        for t in c.targets:
            if t not in known and t.split(".")[0] not in plan.missing_pillars:
                problems.append(Problem(at("targets"), rec, "targets", f"unknown unit {t!r}"))
            if t in seen:
                problems.append(Problem(at("targets"), rec, "targets", f"{t!r} listed twice"))
            seen.add(t)
        for claim in c.claims:
            crec = f"claim {claim.id}"
            if claim.quote not in c.text:
                problems.append(Problem(claim.where, crec, "quote", "is not a verbatim part of the unit's text"))
            if plan.missing_pillars and claim.scope in ("plan", *plan.missing_pillars):
                continue  # the count would only echo the pillar file that failed to load
            got = plan.count(claim.metric, claim.scope)
            if got is None:
                if claim.scope not in plan.missing_pillars:
                    problems.append(Problem(claim.where, crec, "scope", f"the data has no pillar {claim.scope}"))
                continue
            if (got == claim.expected) != claim.holds:
                state = "holds" if got == claim.expected else "does not hold"
                problems.append(Problem(claim.where, crec, "holds",
                                        f"recorded as {'holding' if claim.holds else 'not holding'}, but it {state}: "
                                        f"the data has {got} {claim.metric} in {claim.scope}, the commentary says {claim.expected}"))
    dupes(((cl.id, cl.where) for c in critiques for cl in c.claims), "claim", problems)
    return problems


def validate_commentary_source(critiques: tuple[CommentaryUnit, ...], source: str) -> list[Problem]:
    """The units, in order, must reproduce the commentary exactly (its last line is page debris).

    Each source line is a paragraph; the units of a paragraph must concatenate to it. The first
    place where they part is reported at the unit where it happens, naming what is missing or
    added, so a contributor sees the sentence, not just that something differs.
    """
    lines = source.rstrip("\n").split("\n")
    paragraphs = lines[:-1]  # the excerpt's last line is web-page debris
    problems: list[Problem] = []
    by_paragraph: dict[int, list[CommentaryUnit]] = {}
    for c in critiques:
        by_paragraph.setdefault(c.paragraph, []).append(c)
    for number, text in enumerate(paragraphs, 1):
        units = by_paragraph.get(number, [])
        if not units:
            problems.append(Problem(Where("content/commentary/"), f"paragraph {number}", "", f"no unit quotes it: {text[:40]!r}…"))
            continue
        pos = 0
        for c in units:
            body = Where(c.where.file, c.lines.get("body", 1))
            if text.startswith(c.text, pos):
                pos += len(c.text)
                continue
            found = text.find(c.text, pos)
            if found > pos:
                problems.append(Problem(body, f"critique {c.id}", "body", f"the source text before this unit is in no unit: {text[pos:found][:60]!r}"))
                pos = found + len(c.text)
            else:
                common = 0
                while pos + common < len(text) and common < len(c.text) and text[pos + common] == c.text[common]:
                    common += 1
                problems.append(Problem(body, f"critique {c.id}", "body",
                                        f"differs from the source after {c.text[:common][-20:]!r}: source has {text[pos + common:pos + common + 30]!r}, "
                                        f"the unit {c.text[common:common + 30]!r}"))
                break
        else:
            if pos < len(text):
                problems.append(Problem(Where(units[-1].where.file, units[-1].lines.get("body", 1)), f"critique {units[-1].id}", "body",
                                        f"the rest of paragraph {number} is in no unit: {text[pos:][:60]!r}"))
    for number in sorted(set(by_paragraph) - set(range(1, len(paragraphs) + 1))):
        c = by_paragraph[number][0]
        problems.append(Problem(c.where, f"critique {c.id}", "paragraph", f"the source has no paragraph {number}"))
    return problems
