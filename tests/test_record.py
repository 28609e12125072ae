"""The record since July 2025 (issue 18): the data's invariants, the rules' edge cases, and the built
pages, exports and figure (real data for invariants only; formats are pinned by the golden files of
the tiny fixture and by the bad-input catalogue)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from actionplan import paths
from actionplan.index import Index
from actionplan.instruments import KINDS, PLAN_DATE
from actionplan.labels import LABELS
from actionplan.validate.record import gov_host_problem, sentences_in

from .conftest import ROOT

RAW = yaml.safe_load((ROOT / "data" / "record.yaml").read_text(encoding="utf-8"))
ALLOWED = ("govinfo.gov", "federalregister.gov", "whitehouse.gov")


# -- the rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "n"), [
    ("But excessive State regulation thwarts this imperative.", 1),
    ("how the previous administration's Strategic Plan (2023 Update) can be rewritten", 1),  # a fragment is one
    ("The U.S. Department of Education (Department) announces one priority.", 1),
    ("Under Sec. 4 of the order, OSTP acts.", 1),
    ("Donald J. Trump signed it.", 1),
    ("Datasets--the world's largest--to train models, e.g. foundation models.", 1),
    ("One sentence. Another one.", 2),
    ("Is it? Yes.", 2),
    ("It said “stop.” Then it went on.", 2),
    ("First. Second. 3 more.", 3),
])
def test_sentences_are_counted_as_a_reader_counts_them(text: str, n: int) -> None:
    assert sentences_in(text) == n


@pytest.mark.parametrize("url", [
    "https://www.govinfo.gov/content/pkg/FR-2025-07-28/html/2025-14212.htm",
    "https://www.federalregister.gov/documents/2025/07/28/2025-14212/x",
    "https://www.whitehouse.gov/presidential-actions/x/",
    "https://www.ostp.gov/x", "https://WWW.NIST.GOV/x",
])
def test_government_hosts_are_allowed(url: str) -> None:
    assert gov_host_problem(url) is None


@pytest.mark.parametrize("url", [
    "https://govinfo.gov.example.com/x", "https://www.federalregister.com/x", "https://example.org/govinfo.gov/x",
    "https://lexbuild.dev/x", "https://www.govinfo.gov.evil/x", "https://gov/x",
])
def test_other_hosts_are_refused(url: str) -> None:
    assert gov_host_problem(url) is not None


# -- the real data's invariants -----------------------------------------------------------------

def test_every_url_is_on_an_allowed_government_host() -> None:
    for e in RAW:
        host = urlsplit(e["url"]).hostname or ""
        assert urlsplit(e["url"]).scheme == "https", e["id"]
        # govinfo.gov, federalregister.gov, whitehouse.gov, or an agency's own .gov site
        assert any(host == h or host.endswith("." + h) for h in ALLOWED) or host.endswith(".gov"), e["id"]


def test_every_quotation_is_non_empty_and_at_most_one_sentence() -> None:
    for e in RAW:
        assert e["units"], e["id"]
        for u in e["units"]:
            text = " ".join(u["evidence"].split())
            assert text, e["id"]
            assert sentences_in(text) == 1, (e["id"], u["unit"])


def test_every_unit_referenced_exists_and_relations_are_the_three(index: Index) -> None:
    known = set(index.plan.unit_ids())
    for e in RAW:
        for u in e["units"]:
            assert u["unit"] in known, (e["id"], u["unit"])
            assert u["relation"] in ("orders", "cites", "related")
            if u["relation"] == "orders":  # rests on operative text, whose place is given
                assert u.get("section"), (e["id"], u["unit"])


def test_dates_are_ordered() -> None:
    for e in RAW:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["published"]), e["id"]
        if e.get("signed"):
            assert e["published"] >= e["signed"], e["id"]
        first = e.get("signed") or e["published"]
        if e.get("background"):
            assert first < PLAN_DATE, e["id"]
        else:
            assert first >= PLAN_DATE and e["published"] >= PLAN_DATE, e["id"]


def test_citations_and_govinfo_urls_agree() -> None:
    for e in RAW:
        if KINDS[e["kind"]].fr:  # printed in the Federal Register: cited there, with its document number
            assert e.get("citation") and e.get("fr_doc"), e["id"]
        if e.get("citation") is None:
            assert not KINDS[e["kind"]].fr and "govinfo.gov" not in e["url"], e["id"]
            continue
        assert re.fullmatch(r"[1-9]\d{0,2} FR [1-9]\d{0,5}", e["citation"]), e["id"]
        m = re.search(r"/FR-(\d{4}-\d{2}-\d{2})/html/(\d{4}-\d{5})\.htm$", e["url"])
        if m:
            assert m.group(1) == e["published"] and m.group(2) == e.get("fr_doc", m.group(2)), e["id"]


def test_the_index_lists_each_units_instruments_newest_first(index: Index) -> None:
    for uid, items in index.record_of.items():
        dates = [i.published for i, _ in items]
        assert dates == sorted(dates, reverse=True), uid
    assert sum(len(v) for v in index.record_of.values()) == sum(len(e["units"]) for e in RAW)


# -- the built site -------------------------------------------------------------------------------

def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _section(page: str, anchor: str) -> str:
    """The HTML from the heading with id ``anchor`` to the next h2."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start:end if end > 0 else len(page)]


def _text(fragment: str) -> str:
    """The words of an HTML fragment; an acronym's <abbr> (abbr.py) is inline, so it adds no space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</?abbr\b[^>]*>", "", fragment))).split())


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_every_action_and_goal_page_has_its_since_the_plan_section(site: Path, index: Index, lang: str) -> None:
    L = LABELS[lang]
    for uid in index.order:
        if uid == "intro":
            continue
        since = _section(_html(site, paths.site_path(paths.unit(uid), lang)), "since")
        words = _text(since)
        items = index.record_of.get(uid, [])
        if not items:
            assert L["no_record"] in words, uid
            continue
        assert L["no_record"] not in words, uid
        # Every relation shown is defined beside it, and the record says what it leaves out.
        for rel in ("orders", "cites", "related"):
            assert _text(L[f"rel_def_{rel}"]) in words, (uid, rel)
        assert _text(L["record_absence"].format(n=len(index.instruments))) in words, uid
        positions = []
        for inst, link in items:
            assert " ".join(link.evidence.split()) in words, (uid, inst.id)  # the evidence, verbatim
            assert f'href="{html.escape(inst.url)}"' in since, (uid, inst.id)  # the official text
            assert all(ref in words for ref in (inst.number, inst.citation) if ref), (uid, inst.id)  # its own identifiers
            assert inst.published in words and " ".join(inst.title.split()) in words
            assert L[f"rel_{link.relation}"] in words
            if link.section:
                assert _text(L["evidence_in"].format(section=link.section)) in words, (uid, inst.id)
            positions.append(words.index(" ".join(inst.title.split())))
        assert positions == sorted(positions), f"{uid}: not newest first"


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_no_status_the_sources_do_not_state(site: Path, index: Index, lang: str) -> None:
    """Our words around the instruments state no status; the quotations are the instruments' own."""
    for uid in index.record_of:
        since = _section(_html(site, paths.site_path(paths.unit(uid), lang)), "since")
        ours = re.sub(r'<blockquote class="ap-evidence".*?</blockquote>', " ", since, flags=re.S)
        words = _text(ours).lower()
        for inst, _ in index.record_of[uid]:
            words = words.replace(" ".join(inst.title.split()).lower(), " ")
        for word in ("done", "completed", "complete", "fulfilled", "已完成", "完成", "落实完毕"):
            assert word not in words, (uid, word)


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_each_instrument_has_a_page_listing_its_units_with_the_evidence(site: Path, index: Index, lang: str) -> None:
    L = LABELS[lang]
    for inst in index.instruments.values():
        page = _html(site, paths.site_path(paths.instrument(inst.id), lang))
        words = _text(page)
        assert " ".join(inst.title.split()) in words
        ref = inst.reference  # typed: an FR citation, a solicitation or docket number, or none (then said so)
        if ref is None:
            assert L["no_reference"] in words, inst.id
        else:
            assert f"{L['idtype_' + ref[0]]}{L['label_sep']}{ref[1]}".replace(" ", "") in words.replace(" ", ""), inst.id
        assert all(x in words for x in (inst.number, inst.citation, inst.fr_doc) if x), inst.id
        assert f'href="{html.escape(inst.url)}"' in page
        if lang == "zh" and inst.title_zh:
            assert inst.title_zh in words and L["title_unofficial"] in words
        elif lang == "zh":
            assert L["title_original"] in words
        units = _text(_section(page, "units"))
        for link in inst.units:
            assert " ".join(link.evidence.split()) in units, (inst.id, link.unit)
            assert f'href="../../plan/{link.unit}/"' in _section(page, "units"), (inst.id, link.unit)


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_the_timeline_runs_from_the_plan_to_the_newest_entry_and_can_be_filtered(site: Path, index: Index, lang: str) -> None:
    L = LABELS[lang]
    page = _html(site, paths.site_path(paths.RECORD, lang))
    since = [i for i in index.instruments.values() if not i.background]
    newest = max(i.published for i in since)
    assert f"{PLAN_DATE} – {newest}" in _text(page)
    items = [(a["id"], a["data-pillar"], a["data-agency"], a["data-kind"], a["data-relation"])
             for a in _tags(page, "div") if a.get("class") == "ap-tl-item"]
    assert sorted(x[0] for x in items) == sorted(index.instruments)
    order = [index.instruments[x[0]] for x in items]
    after = [i.published for i in order if not i.background]
    assert after == sorted(after), "oldest first"
    assert all(i.background for i in order[len(after):]), "background entries come after the timeline"
    for ident, pillars, agency, kind, relations in items:
        inst = index.instruments[ident]
        assert agency == inst.issuer and kind == inst.kind
        assert set(relations.split()) == {link.relation for link in inst.units}
        assert set(pillars.split()) == {link.unit.split(".")[0] for link in inst.units if link.unit != "intro"}
    form = re.search(r'<form class="ap-tl-filter" hidden.*?</form>', page, re.S)
    assert form, "the filter is hidden until the script shows it: without JS every entry is shown"
    for name in ("pillar", "agency", "relation", "kind"):
        assert f'<select name="{name}">' in form.group(0)
    # The relations are defined on the timeline, and it says how many instruments and which sources.
    words = _text(page)
    for rel in ("orders", "cites", "related"):
        assert _text(L[f"rel_def_{rel}"]) in words, rel
    scope = _text(L["record_scope"].split("{n}")[0])
    assert scope in words and f"{len(index.instruments)}" in words.split(scope, 1)[1][:6]
    # New entries reach readers through the change feed: the timeline links it.
    feeds = [a["href"] for a in _tags(page, "a") if a.get("type") == "application/atom+xml"]
    here = paths.site_path(paths.RECORD, lang)
    assert feeds and all(urljoin(here, f) == paths.feed(lang) and (site / paths.feed(lang)).is_file() for f in feeds)


def _tags(page: str, name: str) -> list[dict[str, str]]:
    """The attributes of every ``name`` element, as an HTML parser reads them (any attribute order)."""
    from html.parser import HTMLParser

    found: list[dict[str, str]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == name:
                found.append({k: v or "" for k, v in attrs})

    Tags().feed(page)
    return found


def _coverage(index: Index) -> dict[str, tuple[int, int, int, int]]:
    out = {}
    for p in index.plan.pillars:
        actions = [a.id for g in p.goals for a in g.actions]
        raw: dict[str, list[str]] = {}  # from the YAML, independently of the index
        for e in RAW:
            if e.get("background"):
                continue
            for u in e["units"]:
                raw.setdefault(u["unit"], []).append(u["relation"])
        out[p.id] = (len(actions), *(sum(1 for a in actions if rel in raw.get(a, [])) for rel in ("orders", "cites", "related")))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_coverage_on_the_home_page_and_in_its_figure(site: Path, index: Index, lang: str) -> None:
    L = LABELS[lang]
    page = _html(site, paths.site_path(paths.HOME, lang))
    section = _section(page, "record")
    table = _text(section.split("<figure")[0])
    counts = _coverage(index)
    for pid, (n, orders, cites, rel) in counts.items():
        assert f"{L['pillar']} {pid} {n} {orders} {cites} {rel}" in table, (pid, table)
    assert sum(v[0] for v in counts.values()) == 103
    svg = re.search(r'<svg[^>]*aria-labelledby="ap-rfig-title-[a-z]+"[^>]*>.*?</svg>', section, re.S)
    assert svg and L["record_figure"] in svg.group(0)
    for pid, (_, orders, cites, rel) in counts.items():
        bars = svg.group(0).split(f"{L['pillar']} {pid}<")[1]
        assert f"{L['col_orders']}: {orders}<" in bars and f"{L['col_cites']}: {cites}<" in bars
        assert f"{L['col_related']}: {rel}<" in bars
    # The relations are defined where the chart shows them.
    after = section.split("</figure>")[1]
    for rel in ("orders", "cites", "related"):
        assert _text(L[f"rel_def_{rel}"]) in _text(after), rel


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_a_critique_page_sets_its_targets_instruments_beside_it(site: Path, index: Index, lang: str) -> None:
    seen = 0
    for c in index.critiques.values():
        page = _html(site, paths.site_path(paths.critique(c.id), lang))
        targets = [t for t in c.targets if index.record_of.get(t)]
        assert ('id="record"' in page) == bool(targets), c.id
        for t in targets:
            seen += 1
            for inst, link in index.record_of[t]:
                assert " ".join(link.evidence.split()) in _text(_section(page, "record")), (c.id, inst.id)
    assert seen or not any(index.record_of.get(t) for c in index.critiques.values() for t in c.targets)


@pytest.mark.slow
def test_the_export_carries_the_record(site: Path, index: Index) -> None:
    doc = json.loads((site / "export" / "plan.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in doc["record"]] == list(index.instruments)
    for r in doc["record"]:
        inst = index.instruments[r["id"]]
        assert r["source_url"] == inst.url and r["citation"] == inst.citation and r["title"]["en"] == inst.title
        assert r["url"] == paths.site_path(paths.instrument(inst.id), "zh")
    for uid in index.order:
        unit = json.loads((site / "export" / "units" / f"{uid}.json").read_text(encoding="utf-8"))
        assert [(x["id"], x["relation"], x["evidence"]) for x in unit["record"]] == \
            [(i.id, link.relation, link.evidence) for i, link in index.record_of.get(uid, [])]
    rows = list(csv.DictReader(io.StringIO((site / "export" / "record.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(i.units) for i in index.instruments.values())
    assert {(r["id"], r["unit"], r["evidence"]) for r in rows} == \
        {(i.id, link.unit, link.evidence) for i in index.instruments.values() for link in i.units}


def test_the_contributing_worked_examples_are_real_entries_in_both_languages() -> None:
    """CONTRIBUTING's examples (zh and en) are entries of data/record.yaml, word for word, so they are
    valid; one of them is an instrument without a Federal Register citation (issue 27)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = []
    for anchor in ("zh-record", "en-record"):
        part = text.split(f'<a id="{anchor}"></a>', 1)[1].split("<a id=", 1)[0]
        examples.append(re.findall(r"```yaml\n(.*?)```", part, re.S))
    assert examples[0] == examples[1] and len(examples[0]) == 2
    entries = [yaml.safe_load(block)[0] for block in examples[0]]
    assert all(e in RAW for e in entries)
    assert any("citation" not in e and not KINDS[e["kind"]].fr for e in entries)


@pytest.mark.slow
@pytest.mark.parametrize("lang", paths.LANGS)
def test_each_agency_page_lists_the_instruments_it_issued(site: Path, index: Index, lang: str) -> None:
    """Issue 27: an agency's page lists what it issued (and nothing else), each with the units it relates to."""
    L = LABELS[lang]
    issued: dict[str, list[str]] = {}
    for inst in index.instruments.values():
        issued.setdefault(inst.issuer, []).append(inst.id)
    assert any(len(v) > 1 for a, v in issued.items() if a != "President"), "the record has an agency with several instruments"
    for aid in index.agencies:
        page = _html(site, paths.site_path(paths.agency(aid), lang))
        section = _section(page, "instruments")
        linked = {m.split("/")[-2] for m in re.findall(r'href="([^"]*record/[^"]+/)"', section)}
        assert linked == set(issued.get(aid, [])), aid
        words = _text(section)
        if not issued.get(aid):
            assert L["none"] in words, aid
        for iid in issued.get(aid, []):
            for link in index.instruments[iid].units:
                assert link.unit in words and L[f"rel_{link.relation}"] in words, (aid, iid, link.unit)
        assert _text(L["record_absence"].format(n=len(index.instruments))) in _text(page), aid
