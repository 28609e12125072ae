"""Semantic checks across records: identity, order, references, counts, translations, claims.

Pure functions returning every ``Problem``; nothing here knows about MkDocs or HTML.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from . import paths
from .model import Action, Agency, Critique, Instrument, Plan, Translation, Where, footnote_refs
from .problems import Problem
from .records import PLAN_DATE

MARKER = re.compile(r"\[\^(\d+)\]")
LEAD_PHRASE = re.compile(r"\b[Ll]ed by\b")


def _dupes(items: Iterable[tuple[str, Where]], record: str, problems: list[Problem], field: str = "id") -> None:
    seen: dict[str, Where] = {}
    for key, where in items:
        if key in seen:
            what = "ID" if field == "id" else field
            problems.append(Problem(where, f"{record} {key}", field, f"duplicate {what} (first at {seen[key]})"))
        else:
            seen[key] = where


def unit_ids(plan: Plan) -> list[str]:
    """Every citable plan unit ID in reading order."""
    out = ["intro"]
    for p in plan.pillars:
        out.append(p.id)
        for g in p.goals:
            out.append(g.id)
            out.extend(a.id for a in g.actions)
    return out


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
    _dupes(((a.id, a.where) for a in plan.agencies), "agency", problems)
    _dupes(((str(f.number), f.where) for f in plan.footnotes), "footnote", problems, field="number")
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
    for pillar in plan.pillars:
        rec = f"pillar {pillar.id}"
        if in_order and pillar.printed_page < last_page:
            problems.append(Problem(pillar.where, rec, "printed_page", f"{pillar.printed_page} is before the previous unit's page {last_page}"))
        last_page = max(last_page, pillar.printed_page)
        all_ids.append((pillar.id, pillar.where))
        cited += [(n, pillar.where, rec, "title") for n in footnote_refs(pillar.title)]
        cited += [(n, pillar.where, rec, "intro") for n in pillar.footnotes]
        for g_index, goal in enumerate(pillar.goals, 1):
            grec = f"goal {goal.id}"
            want = f"{pillar.id}.{g_index}"
            if goal.id != want:
                problems.append(Problem(goal.where, grec, "id", f"does not match its position: expected {want}"))
            if in_order and goal.printed_page < last_page:
                problems.append(Problem(goal.where, grec, "printed_page", f"{goal.printed_page} is before the previous unit's page {last_page}"))
            last_page = max(last_page, goal.printed_page)
            all_ids.append((goal.id, goal.where))
            cited += [(n, goal.where, grec, "title") for n in footnote_refs(goal.title)]
            cited += [(n, goal.where, grec, "intro") for n in goal.footnotes]
            for a_index, action in enumerate(goal.actions, 1):
                arec = f"action {action.id}"
                want = f"{goal.id}.{a_index}"
                if action.id != want:
                    problems.append(Problem(action.where, arec, "id", f"does not match its position: expected {want}"))
                if in_order and action.printed_page < last_page:
                    problems.append(Problem(action.where, arec, "printed_page", f"{action.printed_page} is before the previous unit's page {last_page}"))
                last_page = max(last_page, action.printed_page)
                all_ids.append((action.id, action.where))
                cited += [(n, action.where, arec, "text") for n in action.footnotes]
                problems += _check_agencies(action, agencies, arec)
    _dupes(all_ids, "unit", problems)

    for n, where, rec, field in cited:
        if n not in footnotes:
            problems.append(Problem(where, rec, field, f"cites footnote [^{n}], which is not in footnotes.yaml"))
    cited_numbers = {c[0] for c in cited}
    for f in plan.footnotes:
        if f.number not in cited_numbers and not plan.missing_pillars:
            problems.append(Problem(f.where, f"footnote {f.number}", "number", "is cited by no unit"))

    if strict_counts and not plan.missing_pillars:
        actual = {
            "pillars": len(plan.pillars),
            "goals": sum(len(p.goals) for p in plan.pillars),
            "actions": sum(len(g.actions) for p in plan.pillars for g in p.goals),
        }
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


def _texts(plan: Plan) -> dict[str, dict[str, object]]:
    """The translatable fields of every unit, keyed as in translation files."""
    out: dict[str, dict[str, object]] = {
        "plan": {"title": plan.title},
        "epigraph": {"text": plan.epigraph.text, "role": plan.epigraph.role},
        "intro": {"title": plan.intro.title, "intro": plan.intro.intro,
                  "signatories": tuple(s.role for s in plan.intro.signatories)},
        "agencies": {a.id: a.name for a in plan.agencies},
    }
    for p in plan.pillars:
        out[p.id] = {"title": p.title, "intro": p.intro}
        for g in p.goals:
            out[g.id] = {"title": g.title, "intro": g.intro}
            for a in g.actions:
                out[a.id] = {"text": a.text}
    return out


def _flat(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _flat(v)]
    return [s for v in value for s in _flat(v)]  # type: ignore[attr-defined]


def validate_translations(plan: Plan, require: bool) -> list[Problem]:
    """Complete, structurally parallel, glossary-consistent translations, per language."""
    problems: list[Problem] = []
    originals = _texts(plan)
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


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def validate_releases(plan: Plan, critiques: tuple[Critique, ...], version: str | None) -> list[Problem]:
    """Releases newest first, each version once, naming only units that exist."""
    problems: list[Problem] = []
    known = set(unit_ids(plan)) | {c.id for c in critiques}
    _dupes(((r.version, r.where) for r in plan.releases), "release", problems)
    for newer, older in zip(plan.releases, plan.releases[1:], strict=False):
        if _version_key(newer.version) <= _version_key(older.version) or newer.date < older.date:
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
                problems.append(Problem(at, f"release {r.version}", f"record[{n}]", f"unknown instrument {iid!r} (not in record.yaml)"))
            elif inst.published > r.date:
                # The feed dates an instrument's entry by the release that published it.
                problems.append(Problem(at, f"release {r.version}", f"record[{n}]",
                                        f"{iid!r} was published on {inst.published}, after this release ({r.date})"))
            if iid in r.record[:n]:
                problems.append(Problem(at, f"release {r.version}", f"record[{n}]", f"{iid!r} listed twice"))
    if version and plan.releases and plan.releases[0].version != version:
        problems.append(Problem(plan.releases[0].where, f"release {plan.releases[0].version}", "version",
                                f"the newest release must be the configured version {version} (mkdocs.yml, plugins.actionplan.version)"))
    return problems


def validate_commentary(plan: Plan, critiques: tuple[Critique, ...], complete: bool = True, require_translations: bool = False) -> list[Problem]:
    """``complete`` is false when a unit's file could not be loaded: positions then have a gap
    that only echoes that failure, so the no-gaps rule waits until the file is fixed."""
    problems: list[Problem] = []
    known = set(unit_ids(plan)) | {"plan"}
    _dupes(((c.id, c.where) for c in critiques), "critique", problems)
    last_paragraph = 0
    last_position = 0
    for i, c in enumerate(critiques, 1):
        rec = f"critique {c.id}"

        def at(field: str, c: Critique = c) -> Where:
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
            got = compute_claim(plan, claim.metric, claim.scope)
            if got is None:
                if claim.scope not in plan.missing_pillars:
                    problems.append(Problem(claim.where, crec, "scope", f"the data has no pillar {claim.scope}"))
                continue
            if (got == claim.expected) != claim.holds:
                state = "holds" if got == claim.expected else "does not hold"
                problems.append(Problem(claim.where, crec, "holds",
                                        f"recorded as {'holding' if claim.holds else 'not holding'}, but it {state}: "
                                        f"the data has {got} {claim.metric} in {claim.scope}, the commentary says {claim.expected}"))
    _dupes(((cl.id, cl.where) for c in critiques for cl in c.claims), "claim", problems)
    return problems


def compute_claim(plan: Plan, metric: str, scope: str) -> int | None:
    pillars = [p for p in plan.pillars if scope in ("plan", p.id)]
    if not pillars:
        return None
    if metric == "pillars":
        return len(pillars)
    if metric == "goals":
        return sum(len(p.goals) for p in pillars)
    return sum(len(g.actions) for p in pillars for g in p.goals)


def counter_of_ids(plan: Plan) -> Counter[str]:
    return Counter(unit_ids(plan))


def validate_commentary_source(critiques: tuple[Critique, ...], source: str) -> list[Problem]:
    """The units, in order, must reproduce the commentary exactly (its last line is page debris).

    Each source line is a paragraph; the units of a paragraph must concatenate to it. The first
    place where they part is reported at the unit where it happens, naming what is missing or
    added, so a contributor sees the sentence, not just that something differs.
    """
    lines = source.rstrip("\n").split("\n")
    paragraphs = lines[:-1]  # the excerpt's last line is web-page debris
    problems: list[Problem] = []
    by_paragraph: dict[int, list[Critique]] = {}
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


# Paths the site itself uses at the top of a language tree, in ``agencies/`` or ``commentary/``, or
# as its own files: an ID equal to one of them (in any case) would replace or shadow that page.
RESERVED = (
    "404", "agencies", "assets", "changelog", "commentary", "coverage", "en", "export", "footnotes", "id", "ids",
    "index", "javascripts", "open-data", "pagefind", "performance", "plan", "record", "search", "sitemap",
    "stylesheets", "units", "v", "zh",
)


def validate_url_names(plan: Plan, critiques: tuple[Critique, ...]) -> list[Problem]:
    """IDs that become URL segments (agencies, commentary units, plan units) may not be a path the
    site uses, and must be unique regardless of case (``FTC`` and ``ftc`` collide on a
    case-insensitive disk and in readers' links)."""
    problems: list[Problem] = []
    groups: list[tuple[str, list[tuple[str, Where]]]] = [
        ("agency", [(a.id, a.where) for a in plan.agencies]),
        ("critique", [(c.id, c.where) for c in critiques]),
        ("unit", [(uid, where) for uid, where in _unit_wheres(plan)]),
    ]
    for record, items in groups:
        seen: dict[str, tuple[str, Where]] = {}
        for ident, where in items:
            folded = ident.casefold()
            if folded in RESERVED or folded.split(".")[0] in ("index",):
                problems.append(Problem(where, f"{record} {ident}", "id",
                                        f"{ident!r} is a path the site itself uses; choose another ID"))
            first = seen.get(folded)
            if first is not None and first[0] != ident:
                problems.append(Problem(where, f"{record} {ident}", "id",
                                        f"differs only in case from {first[0]!r} (at {first[1]}); IDs are URLs and must be unique regardless of case"))
            seen.setdefault(folded, (ident, where))
    return problems


def _unit_wheres(plan: Plan) -> list[tuple[str, Where]]:
    out = [("intro", plan.intro.where)]
    for p in plan.pillars:
        out.append((p.id, p.where))
        for g in p.goals:
            out.append((g.id, g.where))
            out.extend((a.id, a.where) for a in g.actions)
    return out


def page_urls(plan: Plan, critiques: tuple[Critique, ...]) -> set[str]:
    """The site-relative URLs of the pages generated from the data, in every language."""
    out: set[str] = set()
    srcs = [paths.HOME, paths.AGENCIES, paths.FOOTNOTES, paths.COMMENTARY, paths.COVERAGE, paths.IDS, paths.CHANGELOG, paths.RECORD]
    srcs += [paths.instrument(i.id) for i in plan.record]
    srcs += [paths.unit(uid) for uid in unit_ids(plan)]
    srcs += [paths.agency(a.id) for a in plan.agencies]
    srcs += [paths.critique(c.id) for c in critiques]
    for lang in paths.LANGS:
        out.update(paths.site_path(s, lang) for s in srcs)
    return out


def validate_redirects(plan: Plan, critiques: tuple[Critique, ...]) -> list[Problem]:
    """``data/redirects.yaml``: each old URL has moved away (it is no page of ours), and each new URL is final."""
    problems: list[Problem] = []
    pages = page_urls(plan, critiques)
    olds = {r.old for r in plan.redirects}
    for r in plan.redirects:
        rec = f"redirect {r.old}"
        if r.old == r.new:
            problems.append(Problem(r.where, rec, "new", "leads to itself"))
        elif r.old in pages:
            problems.append(Problem(r.where, rec, "old", "is still a page; a redirect may only replace a URL that moved away"))
        if r.new in olds and r.old != r.new:
            problems.append(Problem(r.where, rec, "new", f"{r.new!r} is itself redirected; point the redirect at the final URL"))
    return problems


# -- data/record.yaml ------------------------------------------------------------------------------

PRESIDENT = "President"  # the issuer of presidential documents (executive orders, memoranda)
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


def _date(value: str) -> str | None:
    """``value`` if it is a real calendar date (``2025-02-30`` is not), else ``None``."""
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def validate_record(plan: Plan) -> list[Problem]:
    """``data/record.yaml``: each instrument on a government host, dated in order, on units that exist,
    with evidence of one sentence; IDs unique (they are URLs: ``record/<ID>/``)."""
    problems: list[Problem] = []
    known = set(unit_ids(plan))
    agencies = {a.id for a in plan.agencies}
    _dupes(((i.id, i.where) for i in plan.record), "instrument", problems)
    for inst in plan.record:
        rec = f"instrument {inst.id}"

        def at(field: str, inst: Instrument = inst) -> Where:
            return Where(inst.where.file, inst.lines.get(field, inst.where.line))

        if inst.id in RESERVED:
            problems.append(Problem(at("id"), rec, "id", f"{inst.id!r} is a path the site itself uses; choose another ID"))
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
