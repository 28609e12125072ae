"""Versioned editions (issue 16): each release frozen under v/<version>/, never rebuilt; paragraph pins.

The end-to-end test works in a throw-away git repository made from the tiny fixture: release
1.0.0, archive it, change a translation, release 1.0.1, archive it, build the site, and read what
a reader who followed each citation would read.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from actionplan import paths
from actionplan.editions import Editions
from actionplan.registry import scan

from .conftest import ROOT, TINY, build_env

OLD_TEXT = "审查联邦贸易委员会（FTC）的所有调查。"
NEW_TEXT = "审查联邦贸易委员会（FTC）开展的全部调查。"
GIT_ID = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actionplan.cli", "-f", str(project / "mkdocs.yml"), *args], cwd=project,
                          env={**build_env(), **GIT_ID}, capture_output=True, text=True, timeout=600)


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, env={**build_env(), **GIT_ID}, capture_output=True, text=True,
                          check=True).stdout


def release(project: Path, version: str, date: str, units: list[str]) -> None:
    log = project / "data" / "changelog.yaml"
    entry = f"- version: {version}\n  date: {date}\n  summary:\n    en: Release {version}.\n    zh: 发布 {version}。\n  units: [{', '.join(units)}]\n"
    log.write_text(entry + log.read_text(encoding="utf-8"), encoding="utf-8")


def tree_hashes(folder: Path) -> dict[str, str]:
    return {f.relative_to(folder).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture as a git project with the theme overrides, a two-paragraph goal intro and a
    first release 1.0.0 (committed), archived; then 1.0.1 (a translation edit), archived."""
    project = tmp_path_factory.mktemp("editions") / "project"
    shutil.copytree(TINY, project)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    cfg = project / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
                   + "extra_javascript:\n  - assets/editions.js\n", encoding="utf-8")
    (project / "content" / "assets").mkdir()
    shutil.copy2(ROOT / "content" / "assets" / "editions.js", project / "content" / "assets" / "editions.js")
    (project / "data" / "changelog.yaml").write_text("", encoding="utf-8")
    release(project, "1.0.0", "2026-11-01", [])
    # A second paragraph in I.1's intro (official text and translation), for the paragraph anchors.
    pillar = project / "data" / "pillars" / "I.yaml"
    pillar.write_text(pillar.read_text(encoding="utf-8").replace(
        "  - To maintain global leadership in AI, America’s private sector must be unencumbered by bureaucratic red tape.[^2]\n",
        "  - To maintain global leadership in AI, America’s private sector must be unencumbered by bureaucratic red tape.[^2]\n"
        "  - A second paragraph of the goal’s introduction.\n"), encoding="utf-8")
    zh = project / "data" / "translations" / "zh" / "I.yaml"
    zh.write_text(zh.read_text(encoding="utf-8").replace(
        "  - 为保持在人工智能领域的全球领导地位，美国私营部门必须摆脱官僚主义繁文缛节的束缚。[^2]\n",
        "  - 为保持在人工智能领域的全球领导地位，美国私营部门必须摆脱官僚主义繁文缛节的束缚。[^2]\n  - 目标引言的第二段。\n"), encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "release 1.0.0")
    first = cli(project, "archive")
    assert first.returncode == 0, first.stderr
    assert "archived 1.0.0" in first.stdout
    # 1.0.1: a better translation of I.1.2, and of I.1's second paragraph.
    zh.write_text(zh.read_text(encoding="utf-8").replace(OLD_TEXT, NEW_TEXT).replace("目标引言的第二段。", "目标引言的第二段（改）。"),
                  encoding="utf-8")
    release(project, "1.0.1", "2026-11-05", ["I.1.2", "I.1"])
    git(project, "commit", "-qam", "release 1.0.1")
    second = cli(project, "archive")
    assert second.returncode == 0, second.stderr
    built = cli(project, "build", "-d", "site")
    assert built.returncode == 0, built.stderr
    return project


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def words(site: Path, path: str) -> str:
    """A page's HTML without the <abbr> tags that explain its acronyms (abbr.py), so texts compare as written."""
    return re.sub(r"</?abbr\b[^>]*>", "", page(site, path))


@pytest.mark.slow
def test_each_edition_shows_its_own_text(repo: Path) -> None:
    site = repo / "site"
    old, new, latest = (words(site, p) for p in ("v/1.0.0/plan/I.1.2/", "v/1.0.1/plan/I.1.2/", "plan/I.1.2/"))
    assert OLD_TEXT in old and NEW_TEXT not in old
    assert NEW_TEXT in new and OLD_TEXT not in new
    assert NEW_TEXT in latest
    # The English build of each edition is frozen too.
    assert OLD_TEXT in words(site, "v/1.0.0/en/plan/I.1.2/") and NEW_TEXT in words(site, "v/1.0.1/en/plan/I.1.2/")


@pytest.mark.slow
def test_each_edition_cites_its_own_version(repo: Path) -> None:
    site = repo / "site"
    for version in ("1.0.0", "1.0.1"):
        html = page(site, f"v/{version}/plan/I.1.2/")
        assert f"ET  - {version}" in html and f"{version}版" in html  # RIS and GB/T name the release
        assert f"https://example.org/tiny/v/{version}/plan/I.1.2/" in html  # this version's exact locator
        assert 'class="ap-permalink" href="https://example.org/tiny/plan/I.1.2/"' in html  # the permalink stays the root's
        assert f'<link rel="canonical" href="https://example.org/tiny/v/{version}/plan/I.1.2/">' in html
    latest = page(site, "plan/I.1.2/")
    assert "ET  - 1.0.1" in latest
    assert re.search(r'ap-this-version">[^<]*<a href="https://example\.org/tiny/v/1\.0\.1/plan/I\.1\.2/">', latest)
    assert paths.versioned(paths.site_path(paths.unit("I.1.2"), "en"), "1.0.1") == "v/1.0.1/en/plan/I.1.2/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("class") and a.get("href"):
            self.links.setdefault(str(a["class"]), str(a["href"]))


@pytest.mark.slow
def test_an_old_edition_links_the_latest_and_learns_of_newer_ones(repo: Path) -> None:
    site = repo / "site"
    for lang_path in ("plan/I.1.2/", "en/plan/I.1.2/"):
        html = page(site, "v/1.0.0/" + lang_path)
        p = _Links()
        p.feed(html)
        href = p.links["ap-edition-latest"]
        target = (site / "v/1.0.0" / lang_path / href).resolve()
        assert target == (site / lang_path).resolve(), href  # the same unit, in the latest edition
        assert 'data-ap-archived="true"' in html and 'data-ap-edition="1.0.0"' in html
        versions_url = re.search(r'data-ap-versions="([^"]+)"', html)
        assert versions_url and (site / "v/1.0.0" / lang_path / versions_url.group(1)).resolve() == (site / "v/versions.json").resolve()
    # What the old pages read (mike's versions.json, with each release's units): 1.0.1 is newer and changed I.1.2.
    versions = json.loads((site / "v" / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == ["1.0.1", "1.0.0"]
    assert versions[0]["aliases"] == ["latest"] and versions[1]["aliases"] == []
    assert set(versions[0]) >= {"version", "title", "aliases"} and "I.1.2" in versions[0]["units"]
    # The latest edition says it is the latest, and lists both frozen editions.
    latest = page(site, "plan/I.1.2/")
    assert 'data-ap-archived="false"' in latest and "v/1.0.0/plan/I.1.2/" in latest and "v/1.0.1/plan/I.1.2/" in latest


@pytest.mark.slow
def test_a_published_edition_is_never_rebuilt(repo: Path) -> None:
    site = repo / "site"
    before = tree_hashes(site / "v" / "1.0.0")
    branch = git(repo, "rev-parse", "editions").strip()
    # Archiving again changes nothing, even after the data moved on.
    zh = repo / "data" / "translations" / "zh" / "I.yaml"
    zh.write_text(zh.read_text(encoding="utf-8").replace(NEW_TEXT, "审查联邦贸易委员会（FTC）的一切调查。"), encoding="utf-8")
    again = cli(repo, "archive")
    assert again.returncode == 0 and "archived already" in again.stdout
    assert git(repo, "rev-parse", "editions").strip() == branch
    rebuilt = cli(repo, "build", "-d", "site2")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert tree_hashes(repo / "site2" / "v" / "1.0.0") == before
    assert OLD_TEXT in words(repo / "site2", "v/1.0.0/plan/I.1.2/")
    assert "一切调查" in words(repo / "site2", "plan/I.1.2/")
    # The stored files are exactly the published ones.
    stored = git(repo, "show", "editions:v/1.0.0/plan/I.1.2/index.html")
    assert stored == page(site, "v/1.0.0/plan/I.1.2/")


@pytest.mark.slow
def test_the_changelog_links_each_edition_and_the_diffs(repo: Path) -> None:
    html = page(repo / "site", "changelog/")
    assert 'href="../v/1.0.1/"' in html and 'href="../v/1.0.0/"' in html
    assert 'href="../compare/?unit=I.1.2&amp;from=1.0.0&amp;to=1.0.1"' in html
    for version, text in (("1.0.0", OLD_TEXT), ("1.0.1", NEW_TEXT)):  # what the compare page reads
        unit = json.loads((repo / "site" / "v" / version / "export" / "units" / "I.1.2.json").read_text(encoding="utf-8"))
        assert unit["text"]["zh"] == text


def _anchors(html: str) -> list[str]:
    return re.findall(r'<p id="(p\d+(?:-zh)?)">', html)


@pytest.mark.slow
def test_paragraph_anchors_survive_a_rebuild_and_a_translation_edit(repo: Path) -> None:
    site = repo / "site"
    old, new, again = (page(s, "plan/I.1/") for s in (site / "v" / "1.0.0", site / "v" / "1.0.1", repo / "site2"))
    assert _anchors(old) == _anchors(new) == _anchors(again) == ["p1", "p2", "p1-zh", "p2-zh"]
    # The anchor names the same official paragraph before and after the translation edit.
    for html in (old, new):
        assert re.search(r'<p id="p2">A second paragraph of the goal’s introduction\.', html)
    assert "目标引言的第二段。" in old and "目标引言的第二段（改）。" in new
    assert 'class="ap-pin" href="#p2"' in new and 'aria-label="链接到本段: 目标 I.1 ¶2"' in new
    assert scan(site / "v" / "1.0.1")["plan/I.1/"] >= {"p1", "p2", "p1-zh", "p2-zh", "fn-2"}


def test_editions_from_the_environment() -> None:
    e = Editions.from_env({"ACTIONPLAN_EDITION": "1.2.3", "ACTIONPLAN_EDITIONS": "1.0.0 bogus 1.1.0"})
    assert e.archived == "1.2.3" and e.published == ("1.0.0", "1.1.0")
    assert e.edition_url("https://example.org/x") == "https://example.org/x/v/1.2.3/"
    assert e.site_root("https://example.org/x/v/1.2.3/") == "https://example.org/x/"
    assert Editions.from_env({}).site_root("https://example.org/x/") == "https://example.org/x/"
    with pytest.raises(Exception, match="not a release version"):
        Editions.from_env({"ACTIONPLAN_EDITION": "../../etc"})


@pytest.mark.slow
def test_every_intro_paragraph_and_footnote_of_the_real_site_has_its_pin(site: Path, index) -> None:  # type: ignore[no-untyped-def]
    from actionplan.model import Action

    for uid, unit in index.units.items():
        if isinstance(unit, Action):
            continue
        html = page(site, paths.url(paths.unit(uid)))
        n = len(unit.intro)
        assert _anchors(html)[:n] == [paths.paragraph(i + 1) for i in range(n)], uid
        for i in range(1, n + 1):
            assert f'class="ap-pin" href="#p{i}"' in html, (uid, i)
    notes = page(site, "plan/footnotes/")
    for f in index.plan.footnotes:
        assert f'id="fn-{f.number}"' in notes and f'class="ap-pin" href="#fn-{f.number}"' in notes


@pytest.mark.slow
@pytest.mark.browser
def test_in_a_browser_an_old_page_says_a_newer_version_exists_and_the_diff_shows(repo: Path, browser) -> None:  # type: ignore[no-untyped-def]
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(repo / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    context = browser.new_context()
    page_ = context.new_page()
    try:
        page_.goto(base + "v/1.0.0/en/plan/I.1.2/")
        old = page_.locator(".ap-edition-old")
        old.wait_for(state="visible", timeout=10000)
        assert "This is an old version, 1.0.0; the latest is 1.0.1." in old.inner_text()
        assert "This unit has changed since." in old.inner_text()
        page_.locator(".ap-edition-latest").click()
        assert page_.url == base + "en/plan/I.1.2/"
        page_.goto(base + "v/1.0.0/plan/I.1.1/")  # unchanged in 1.0.1
        page_.locator(".ap-edition-old").wait_for(state="visible", timeout=10000)
        assert "本单元此后没有改动。" in page_.locator(".ap-edition-old").inner_text()
        page_.goto(base + "plan/I.1.2/")  # the latest says nothing of the kind
        page_.locator(".ap-versions li[data-ap-v]").first.wait_for(state="attached", timeout=10000)
        assert page_.locator(".ap-edition-old").count() == 0
        page_.goto(base + "changelog/")
        page_.locator(".ap-diffs a", has_text="I.1.2").click()
        page_.locator(".ap-diff").wait_for(timeout=10000)
        assert page_.locator(".ap-diff dt").all_inner_texts() == ["text.zh"]  # only the translation changed
        # 所有调查 → 开展的全部调查, character by character
        assert page_.locator(".ap-diff del").all_inner_texts() == ["所有"]
        assert page_.locator(".ap-diff ins").all_inner_texts() == ["开展", "全部"]
    finally:
        context.close()
        httpd.shutdown()


@pytest.mark.slow
def test_an_older_release_can_be_backfilled_from_its_commit(repo: Path) -> None:
    made = cli(repo, "archive", "--ref", "HEAD~1", "--branch", "backfill")
    assert made.returncode == 0, made.stderr
    assert "archived 1.0.0" in made.stdout
    stored = git(repo, "show", "backfill:v/1.0.0/plan/I.1.2/index.html")
    assert OLD_TEXT in stored and NEW_TEXT not in stored
    assert git(repo, "ls-tree", "--name-only", "backfill", "v/").split() == ["v/1.0.0"]


def test_each_frozen_edition_holds_its_pdfs_and_the_changelog_links_them(repo: Path) -> None:
    """make archive prints the annotated edition's PDFs into the edition it freezes (pdf.py), and
    the changelog links each release's frozen PDF: links that resolve in the built site."""
    from .sitecheck import target_file

    for version in ("1.0.0", "1.0.1"):
        for lang in paths.LANGS:
            made = repo / "site" / paths.edition_root(version) / paths.prefix(lang) / paths.WHOLE_PDF
            assert made.is_file() and made.read_bytes().startswith(b"%PDF-"), made
            changelog = paths.site_path(paths.CHANGELOG, lang)
            html = page(repo / "site", changelog)
            links = [h for h in re.findall(r'href="([^"]+\.pdf)"', html) if f"v/{version}/" in h]
            assert links, (lang, version)
            assert target_file(repo / "site", changelog + "index.html", links[0])[0] == made
