"""End-to-end: the real site, built strictly, holds what issue #2, #3 and #5 promise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from actionplan import paths
from actionplan.index import Index

from .sitecheck import check, parse

# slow: every test reads the real site, built once per session (the `site` fixture builds it whole).
pytestmark = pytest.mark.slow

LANGS = ("zh", "en")


def html(site: Path, src: str) -> str:
    return (site / paths.url(src) / "index.html").read_text(encoding="utf-8")


def test_one_page_per_pillar_goal_and_action_in_each_language(site: Path, index: Index) -> None:
    plan = index.plan
    pillars = [p.id for p in plan.pillars]
    goals = [g.id for p in plan.pillars for g in p.goals]
    actions = [a.id for p in plan.pillars for g in p.goals for a in g.actions]
    assert (len(pillars), len(goals), len(actions)) == (3, 30, 103)
    for lang in LANGS:
        prefix = site / paths.prefix(lang) / "plan"
        found = {d.name for d in prefix.iterdir() if (d / "index.html").exists()}
        for uid in ["intro", *pillars, *goals, *actions]:
            assert uid in found, f"{lang}: no page for {uid}"
            page = (prefix / uid / "index.html").read_text(encoding="utf-8")
            assert f"<code>{uid}</code>" in page, f"{lang}: {uid} page does not show its ID"


def test_home_page_counts_come_from_the_data(site: Path) -> None:
    assert "3 大支柱 · 30 项目标 · 103 条推荐政策行动" in html(site, "index.md")
    assert "3 pillars · 30 goals · 103 recommended policy actions" in html(site, "en/index.md")


def test_action_page_shows_verbatim_text_page_footnotes_and_agencies(site: Path, index: Index) -> None:
    page = html(site, "plan/I.1.2.md")
    text = re.sub(r"<[^>]+>", "", page)
    assert "Led by the Office of Management and Budget (OMB) and consistent with Executive Order 14192" in text
    assert 'href="https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf#page=6"' in page
    assert "第 3 页" in text
    assert 'id="fn-4"' in page and "Unleashing Prosperity Through Deregulation,” Federal Register 90 (24) 9065" in text
    assert 'href="../../agencies/OMB/"' in page
    assert "Led by the Office of Management and Budget (OMB)" in text


def test_no_lead_is_invented(site: Path, index: Index) -> None:
    for uid, unit in index.units.items():
        if unit.kind == "action" and not unit.lead:
            assert "原文未写明牵头机构" in html(site, (paths.prefix("zh") + paths.unit(uid))), uid


def test_agency_pages_list_led_and_named_actions(site: Path, index: Index) -> None:
    page = html(site, "agencies/OSTP.md")
    led = re.search(r'id="leads".*?id="named"', page, re.S)
    assert led and 'href="../../plan/I.1.1/"' in led.group(0) and 'href="../../plan/III.7.2/"' in led.group(0)
    named = page[page.index('id="named"'):]
    assert 'href="../../plan/I.3.1/"' in named  # "NIST at DOC, OSTP, and … NSF" names OSTP without "Led by"


def test_navigation_breadcrumbs_parent_children_prev_next(site: Path) -> None:
    page = html(site, "plan/I.1.2.md")
    crumbs = re.search(r'<nav[^>]*class="ap-crumbs".*?</nav>', page, re.S)
    assert crumbs
    assert 'href="../../"' in crumbs.group(0) and 'href="../I/"' in crumbs.group(0) and 'href="../I.1/"' in crumbs.group(0)
    nav = re.search(r'<nav[^>]*class="ap-prevnext".*?</nav>', page, re.S)
    assert nav and 'href="../I.1.1/"' in nav.group(0) and 'href="../I.1.3/"' in nav.group(0)
    goal = html(site, "plan/I.1.md")
    for n in range(1, 6):
        assert f'href="../I.1.{n}/"' in goal


def test_sidebar_stays_lean(site: Path, index: Index) -> None:
    """Page weight must not grow with the site: the menu holds the plan's tree (issue 23) only along
    the reader's path, the top level and the pillar's goals, not 170 units; the action's goal marked."""
    page = html(site, "plan/III.7.3.md")
    menu = page.split('class="md-nav md-nav--primary"', 1)[1].split('class="md-sidebar md-sidebar--secondary"', 1)[0]
    units = set(re.findall(r'href="\.\./([^/"]+)/"', menu)) & set(index.units)
    pillar = next(p for p in index.plan.pillars if p.id == "III")
    assert units == {"intro", "I", "II", "III", *(g.id for g in pillar.goals)}, sorted(units)
    assert re.search(r'<li class="md-nav__item md-nav__item--active">\s*<a href="\.\./III\.7/"', menu)
    assert page.count('class="md-nav__link') < 40


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    report = check(site)
    assert not report.broken, "\n".join(report.broken[:50])
    assert len(report.pages) > 700


def test_external_links_are_listed_not_fetched(site: Path) -> None:
    from .conftest import ARTIFACTS

    report = check(site)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    listing = ARTIFACTS / "external-links.txt"
    listing.write_text("\n".join(sorted(report.external)) + "\n")
    assert len(listing.read_text().splitlines()) == len(report.external)
    assert any(u.startswith("https://www.whitehouse.gov/") for u in report.external)
    assert any(u.startswith("https://www.govinfo.gov/") for u in report.external)


def test_nothing_loads_from_other_hosts(site: Path) -> None:
    """Fonts, scripts, styles and images are local: readers in mainland China reach no CDN."""
    offenders = []
    for rel, info in check(site).pages.items():
        for where, url in info.links:
            if where in ("link.href", "script.src", "img.src", "iframe.src", "source.src") and re.match(r"^(https?:)?//", url):
                if where == "link.href" and ("canonical" in url or url.startswith(("https://ai-action-plan",))):
                    continue
                offenders.append(f"{rel}: {where} {url}")
    assert not offenders, "\n".join(offenders[:20])
    css = "".join(p.read_text() for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_pages_have_one_h1_unique_ids_and_a_language(site: Path) -> None:
    bad = []
    for rel, info in check(site).pages.items():
        if info.refresh or rel.startswith(paths.EDITIONS):  # redirect pages; each edition is its release's own build
            continue
        dup = [i for i, n in info.ids.items() if n > 1]
        if info.h1 != 1 or dup:
            bad.append(f"{rel}: h1={info.h1} duplicate ids={dup}")
        want = "en" if rel.startswith("en/") else "zh"
        if rel != "404.html" and info.html_lang != want:
            bad.append(f"{rel}: html lang={info.html_lang}, want {want}")
    assert not bad, "\n".join(bad[:30])


def test_no_markdown_escapes_leak_into_text(site: Path) -> None:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.skip = 0
            self.bad: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.skip += tag in ("script", "style", "pre", "code")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style", "pre", "code")

        def handle_data(self, data: str) -> None:
            if not self.skip and re.search(r"\\[\\`*_{}\[\]()#+\-.!|]", data):
                self.bad.append(data.strip()[:80])
            if not self.skip and re.search(r"\]\([^)\s]*\.md(#[^)]*)?\)", data):  # a Markdown link left unconverted
                self.bad.append(data.strip()[:80])

    bad = []
    for f in site.rglob("*.html"):
        t = Text()
        t.feed(f.read_text(encoding="utf-8"))
        bad += [f"{f.relative_to(site)}: {b}" for b in t.bad]
    assert not bad, "\n".join(bad[:20])


def test_edit_links_open_the_source_file(site: Path) -> None:
    from .conftest import ROOT

    cases = {
        "plan/I.md": "data/pillars/I.yaml", "plan/II.3.md": "data/pillars/II.yaml", "plan/III.7.3.md": "data/pillars/III.yaml",
        "agencies/DOC.md": "data/agencies.yaml", "commentary/C19.md": "content/commentary/C19.md",
        "open-data.md": "content/open-data.md",
    }
    for src, file in cases.items():
        page = html(site, src)
        m = re.search(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">', page)
        assert m, f"{src}: no edit link"
        assert m.group(1).endswith("/edit/main/" + file), (src, m.group(1))
        assert (ROOT / file).is_file(), file


def test_export_contract(site: Path, index: Index) -> None:
    doc = json.loads((site / "export" / "plan.json").read_text())
    schema = json.loads((site / "export" / "plan.schema.json").read_text())
    jsonschema.validate(doc, schema)
    a = doc["pillars"][0]["goals"][0]["actions"][0]
    assert a["id"] == "I.1.1" and a["url"] == "plan/I.1.1/" and a["printed_page"] == 3 and a["lead"] == ["OSTP"]
    assert a["text"]["en"].startswith("Led by the Office of Science and Technology Policy (OSTP)")
    assert a["text"]["zh"].startswith("由白宫科技政策办公室（OSTP）牵头")
    assert [f["number"] for f in doc["footnotes"]] == list(range(1, 31))
    assert {ag["id"] for ag in doc["agencies"]} >= {"OSTP", "DOC", "NIST", "CAISI"}
    for p in doc["pillars"]:
        assert (site / p["url"] / "index.html").exists()
        for g in p["goals"]:
            assert (site / g["url"] / "index.html").exists()
            for act in g["actions"]:
                assert (site / act["url"] / "index.html").exists()
    assert len(doc["critiques"]) == len(index.plan.critiques) and all(c["targets"] for c in doc["critiques"])
    assert all(c["holds"] for c in doc["claims"]) and len(doc["claims"]) >= 5
    csv_lines = (site / "export" / "actions.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(csv_lines) >= 104 and csv_lines[0].startswith("id,pillar,goal")


def test_per_unit_json_matches_the_export(site: Path) -> None:
    doc = json.loads((site / "export" / "plan.json").read_text())
    actions = {a["id"]: a for p in doc["pillars"] for g in p["goals"] for a in g["actions"]}
    for uid, a in actions.items():
        unit = json.loads((site / "export" / "units" / f"{uid}.json").read_text())
        assert {k: unit[k] for k in a} == a, uid
    c = json.loads((site / "export" / "units" / "C19.json").read_text())
    assert c["text"] == next(x for x in doc["critiques"] if x["id"] == "C19")["text"]


@pytest.mark.parametrize(("form", "page"), [*((f, "plan/I.3.5") for f in ["I.3.5", "i.3.5", "I-3-5", "i-3-5", "I/3/5", "i/3/5"]),
                                            ("C05", "commentary/C05"), ("c05", "commentary/C05"),  # commentary units
                                            ("DOC", "agencies/DOC"), ("doc", "agencies/DOC")])  # and agencies (issue 23)
def test_short_id_resolver(site: Path, form: str, page: str) -> None:
    info = parse(site / "id" / form / "index.html")
    assert info.refresh is not None
    from .sitecheck import target_file

    target, _ = target_file(site, f"id/{form}/index.html", info.refresh)
    assert target == site / page / "index.html"


def test_citation_metadata_in_every_unit_head(site: Path, index: Index) -> None:
    for uid in ["I", "I.3", "I.3.5", "III.7.3"]:
        page = html(site, (paths.prefix("en") + paths.unit(uid)))
        meta = dict(re.findall(r'<meta name="([A-Za-z_.]+)" content="([^"]*)"', page))
        assert meta["citation_public_url"].endswith(f"/en/plan/{uid}/")
        assert meta["citation_title"].startswith(("Recommended Policy Action", "Goal", "Pillar")) and uid in meta["citation_title"]
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", meta["citation_publication_date"])
        assert meta["DC.identifier"] == meta["citation_public_url"]
        assert meta["DC.language"] == "en"
        assert f'<link rel="canonical" href="{meta["citation_public_url"]}">' in page
