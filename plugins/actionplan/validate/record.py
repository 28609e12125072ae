"""``data/record.yaml``: official instruments on government hosts, dated, cited and quoted as printed."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from .. import paths
from ..instruments import KINDS, PLAN_DATE
from ..model import PRESIDENT, Instrument, Plan
from ..problems import Problem, Where
from . import dupes
from .urls import RESERVED

# Official texts live on government hosts only: govinfo.gov, federalregister.gov, whitehouse.gov and
# the agencies' own sites, all of which are .gov domains (which only U.S. governments can register).
GOV_HOSTS = ("govinfo.gov", "federalregister.gov", "whitehouse.gov")
_GOVINFO_FR = re.compile(r"/content/pkg/FR-(\d{4}-\d{2}-\d{2})/(?:html|pdf)/(\d{4}-\d{5})\.(?:htm|pdf)")
# A sentence ends at . ! or ? (closing quotes and brackets after it), then space and a capital or digit.
_SENTENCE_END = re.compile(r"([A-Za-z.]*)[.!?][\"'’”)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
ABBREVIATIONS = frozenset({
    "U.S", "Sec", "No", "Nos", "e.g", "i.e", "etc", "Mr", "Ms", "Mrs", "Dr", "Jr", "St", "Inc", "Co", "Corp", "Ltd",
    "p", "pp", "Vol", "a.m", "p.m", "U.S.C", "Fed", "Reg", "Stat", "Pub", "L", "Ch", "Pt", "Art", "Exec", "Gen",
})


def gov_host_problem(url: str) -> str | None:
    """Why ``url`` (already a safe https URL) is not on a government host, or ``None``."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host.endswith(".gov"):  # GOV_HOSTS and every agency's site
        return None
    return (f"{host!r} is not a government host: the official text must be on govinfo.gov, federalregister.gov, "
            "whitehouse.gov or an agency's .gov site")


def sentences_in(text: str) -> int:
    """How many sentences ``text`` holds (a fragment counts as one); abbreviations and initials do not end one."""
    count = 1
    for m in _SENTENCE_END.finditer(text.strip()):
        word = m.group(1).rstrip(".")
        if word in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
            continue
        count += 1
    return count


# Where an instrument states why, not what it directs: a relation `orders` cannot rest on these.
_PREAMBLE = re.compile(r"(?i)\b(purpose|policy|background|preamble|whereas|findings)\b")


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def kind_problems(inst: Instrument, at: Callable[[str], Where]) -> list[Problem]:
    """What ``inst``'s kind requires of it (``instruments.KINDS``), each problem saying what to write."""
    rec, k, out = f"instrument {inst.id}", KINDS[inst.kind], []
    if k.fr:
        for field, example in (("citation", "90 FR 35385"), ("fr_doc", "2025-14212")):
            if getattr(inst, field) is None:
                out.append(Problem(at("kind"), rec, field, f"{_a(inst.kind)} {inst.kind} is printed in the Federal Register: write {field}: as "
                                   f"printed there (e.g. {example}); if it was not printed there, it is another kind"))
    elif inst.citation and not inst.fr_doc:
        out.append(Problem(at("citation"), rec, "fr_doc", "a Federal Register citation comes with the document's FR Doc. number: "
                           "write fr_doc: as printed (e.g. 2025-14212)"))
    if k.number_type and inst.number is None:
        out.append(Problem(at("kind"), rec, "number", f"{_a(inst.kind)} {inst.kind} has its own {k.number_type}: write number: as printed "
                           f"(e.g. {k.example})"))
    if inst.kind == "executive order" and inst.number and not re.fullmatch(r"EO [1-9][0-9]{4}", inst.number):
        out.append(Problem(at("number"), rec, "number", f"{inst.number!r} is not an executive order's number: write EO and its "
                           "five digits, e.g. EO 14318"))
    for n, link in enumerate(inst.units):
        if link.relation == "cites" and "action plan" not in link.evidence.lower():
            out.append(Problem(Where(inst.where.file, link.lines.get("evidence", link.where.line or inst.where.line)), rec,
                               f"units[{n}].evidence", "cites rests on a sentence that names the plan: quote the sentence with "
                               "\"Action Plan\" in it, or write relation: related (our judgement)"))
        if link.relation != "orders":
            continue
        lw = Where(inst.where.file, link.lines.get("section", link.where.line or inst.where.line))
        if link.section is None:
            out.append(Problem(lw, rec, f"units[{n}].section", "orders rests on the instrument's operative text: write section: "
                               "where the quoted sentence is, as printed (e.g. Sec. 3(b)); if it is only named, write relation: cites"))
        elif _PREAMBLE.search(link.section) or (inst.kind == "executive order" and re.fullmatch(r"Sec\. 1\.?", link.section)):
            out.append(Problem(lw, rec, f"units[{n}].relation", f"{link.section!r} states the instrument's purpose, not what it "
                               "directs: quote its operative text for orders, or write relation: cites (it names the plan) "
                               "or related (our judgement)"))
    return out


def _date(value: str) -> str | None:
    """``value`` if it is a real calendar date (``2025-02-30`` is not), else ``None``."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def validate_record(plan: Plan) -> list[Problem]:
    """``data/record.yaml``: each instrument on a government host, dated in order, on units that exist,
    with evidence of one sentence; IDs unique (they are URLs: ``record/<ID>/``)."""
    problems: list[Problem] = []
    known = set(plan.unit_ids())
    agencies = {a.id for a in plan.agencies}
    dupes(((i.id, i.where) for i in plan.record), "instrument", problems)
    for inst in plan.record:
        rec = f"instrument {inst.id}"

        def at(field: str, inst: Instrument = inst) -> Where:
            return Where(inst.where.file, inst.lines.get(field, inst.where.line))

        if inst.id in RESERVED:
            problems.append(Problem(at("id"), rec, "id", f"{inst.id!r} is a path the site itself uses; choose another ID"))
        elif inst.id in paths.RECORD_ANCHORS or inst.id.startswith("ap-"):
            problems.append(Problem(at("id"), rec, "id", f"{inst.id!r} is an anchor of the timeline page, where each instrument is "
                                                       f"#<its ID> (record/#{inst.id}); choose another ID"))
        bad = gov_host_problem(inst.url)
        if bad:
            problems.append(Problem(at("url"), rec, "url", bad))
        m = _GOVINFO_FR.fullmatch(urlsplit(inst.url).path) if "govinfo.gov" in inst.url else None
        if m and m.group(1) != inst.published:
            problems.append(Problem(at("url"), rec, "url", f"is the Federal Register of {m.group(1)}, but published is {inst.published}"))
        if m and inst.fr_doc and m.group(2) != inst.fr_doc:
            problems.append(Problem(at("url"), rec, "url", f"is FR Doc {m.group(2)}, but fr_doc is {inst.fr_doc}"))
        if inst.issuer != PRESIDENT and inst.issuer not in agencies:
            problems.append(Problem(at("issuer"), rec, "issuer",
                                    f"unknown issuer {inst.issuer!r}: an agency ID from agencies.yaml, or {PRESIDENT!r}"))
        problems.extend(kind_problems(inst, at))
        dates_ok = True
        for field in ("signed", "published"):
            value = getattr(inst, field)
            if value is not None and _date(value) is None:
                problems.append(Problem(at(field), rec, field, f"{value!r} is not a calendar date (YYYY-MM-DD)"))
                dates_ok = False
        if dates_ok:
            if inst.signed and inst.published < inst.signed:
                problems.append(Problem(at("published"), rec, "published", f"{inst.published} is before the date signed, {inst.signed}"))
            first = inst.signed or inst.published
            if not inst.background and (first < PLAN_DATE or inst.published < PLAN_DATE):
                field = "signed" if inst.signed and inst.signed < PLAN_DATE else "published"
                problems.append(Problem(at(field), rec, field, f"{getattr(inst, field)} is before the plan ({PLAN_DATE}): "
                                        "an instrument from before the plan is marked background: true"))
            if inst.background and first >= PLAN_DATE:
                problems.append(Problem(at("background"), rec, "background",
                                        f"only an instrument from before the plan ({PLAN_DATE}) is background; this one is of {first}"))
        seen: set[str] = set()
        for n, link in enumerate(inst.units):
            lw = Where(inst.where.file, link.where.line or inst.where.line)
            if link.unit not in known and link.unit.split(".")[0] not in plan.missing_pillars:
                problems.append(Problem(lw, rec, f"units[{n}].unit", f"unknown unit {link.unit!r}"))
            if link.unit in seen:
                problems.append(Problem(lw, rec, f"units[{n}].unit", f"{link.unit!r} listed twice"))
            seen.add(link.unit)
            found = sentences_in(link.evidence)
            if found > 1:
                problems.append(Problem(Where(inst.where.file, link.lines.get("evidence", lw.line)), rec, f"units[{n}].evidence",
                                        f"holds {found} sentences: quote at most one sentence of the instrument, verbatim"))
    return problems
