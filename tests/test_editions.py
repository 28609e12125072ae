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


def publish(project: Path, version: str) -> None:
    """Record HEAD as the newest release's commit (make publish), and commit that line."""
    done = cli(project, "publish")
    assert done.returncode == 0, done.stderr
    git(project, "commit", "-qam", f"release {version} published")


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
    publish(project, "1.0.0")
    first = cli(project, "archive")
    assert first.returncode == 0, first.stderr
    assert "archived 1.0.0" in first.stdout
    # 1.0.1: a better translation of I.1.2, and of I.1's second paragraph.
    zh.write_text(zh.read_text(encoding="utf-8").replace(OLD_TEXT, NEW_TEXT).replace("目标引言的第二段。", "目标引言的第二段（改）。"),
                  encoding="utf-8")
    release(project, "1.0.1", "2026-11-05", ["I.1.2", "I.1"])
    git(project, "commit", "-qam", "release 1.0.1")
    publish(project, "1.0.1")
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
    return re.findall(r'<p [^>]*\bid="(p\d+(?:-zh)?)"', html)


@pytest.mark.slow
def test_paragraph_anchors_survive_a_rebuild_and_a_translation_edit(repo: Path) -> None:
    site = repo / "site"
    old, new, again = (page(s, "plan/I.1/") for s in (site / "v" / "1.0.0", site / "v" / "1.0.1", repo / "site2"))
    assert _anchors(old) == _anchors(new) == _anchors(again) == ["p1", "p1-zh", "p2", "p2-zh"]  # paragraph, its translation
    # The anchor names the same official paragraph before and after the translation edit.
    for html in (old, new):
        assert re.search(r'<p [^>]*\bid="p2"[^>]*>A second paragraph of the goal’s introduction\.', html)
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
        assert [a for a in _anchors(html) if not a.endswith("-zh")] == [paths.paragraph(i + 1) for i in range(n)], uid
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
        assert page_.locator(".ap-diff dt").all_inner_texts() == ["译文"]  # only the translation changed, in the reader's words
        assert page_.locator(".ap-diff dt").get_attribute("data-ap-key") == "text.zh"
        # 所有调查 → 开展的全部调查, character by character
        assert page_.locator(".ap-diff del").all_inner_texts() == ["所有"]
        assert page_.locator(".ap-diff ins").all_inner_texts() == ["开展", "全部"]
    finally:
        context.close()
        httpd.shutdown()


@pytest.mark.slow
def test_a_fresh_clone_builds_every_release_from_its_commit_as_the_branch_stores_it(repo: Path, tmp_path: Path) -> None:
    """Without the editions branch (a fresh clone that lacks it, make serve, a preview), every
    published release is built from its recorded commit, and gives the stored files (Pagefind aside)."""
    from actionplan.rebuild import differences

    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--no-tags", str(repo), str(clone))
    git(clone, "branch", "-r", "-D", "origin/editions")
    built = cli(clone, "build", "-d", "site")
    assert built.returncode == 0, built.stderr
    for version in ("1.0.0", "1.0.1"):
        assert differences(repo / "site" / "v" / version, clone / "site" / "v" / version) == []
    assert OLD_TEXT in words(clone / "site", "v/1.0.0/plan/I.1.2/") and NEW_TEXT in words(clone / "site", "v/1.0.1/plan/I.1.2/")
    versions = json.loads((clone / "site" / "v" / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == ["1.0.1", "1.0.0"]
    cached = sorted(p.name for p in (clone / ".cache" / "editions").iterdir())
    assert [c.split("-")[0] for c in cached] == ["1.0.0", "1.0.1"]
    again = cli(clone, "build", "-d", "site2")  # from the cache: nothing rebuilt
    assert again.returncode == 0 and sorted(p.name for p in (clone / ".cache" / "editions").iterdir()) == cached
    assert differences(clone / "site" / "v", clone / "site2" / "v") == []


@pytest.mark.slow
def test_archive_verify_rebuilds_the_stored_editions_and_names_what_differs(repo: Path, tmp_path: Path) -> None:
    from actionplan.editions import store

    ok = cli(repo, "archive", "--verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "1.0.0: the stored edition is what its commit builds" in ok.stdout
    tree = tmp_path / "tree"
    shutil.copytree(repo / "site" / "v" / "1.0.0", tree / "v" / "1.0.0")
    (tree / "v" / "1.0.0" / "plan" / "I.1.2" / "index.html").write_text("tampered", encoding="utf-8")
    store(repo, tree, "1.0.0", "tampered")
    bad = cli(repo, "archive", "--verify", "--branch", "tampered")
    assert bad.returncode == 1 and "1.0.0: 1 files differ from a rebuild of its commit: plan/I.1.2/index.html" in bad.stdout


@pytest.mark.slow
def test_every_published_release_is_an_edition_of_the_real_site(site: Path, index) -> None:  # type: ignore[no-untyped-def]
    """Live data, for invariants: each release that records its commit is under v/<version>/, in
    both languages, listed in versions.json, and says which version it is."""
    published = [r.version for r in index.plan.releases if r.commit]
    versions = json.loads((site / "v" / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == published
    for version in published:
        for lang_path in ("", "en/"):
            home = site / "v" / version / lang_path / "index.html"
            assert home.is_file(), home
        assert f"/v/{version}/" in page(site, f"v/{version}/plan/I.1/")  # its canonical address


@pytest.mark.slow
def test_every_this_version_url_printed_in_a_citation_exists(site: Path, index) -> None:  # type: ignore[no-untyped-def]
    """Every exact locator the latest's pages print (the cite panel, every format, the page head)
    is a page of the built site; while the newest release is open (not yet published), none is
    printed for it, since its edition does not exist yet."""
    base = json.loads((site / "export" / "plan.json").read_text(encoding="utf-8"))["site_url"]
    seen = 0
    for f in sorted(site.glob("**/index.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith("v/"):
            continue
        for url in set(re.findall(re.escape(base) + r"v/[0-9.]+/[A-Za-z0-9._~/-]*", f.read_text(encoding="utf-8"))):
            path = url[len(base):].split("#")[0]
            assert (site / path / "index.html").is_file() or (site / path).is_file(), (rel, url)
            seen += 1
    newest = index.plan.releases[0]
    if newest.commit:
        assert seen > 300  # every unit page of both languages
    else:
        assert not any(f"v/{newest.version}/" in f.read_text(encoding="utf-8") for f in site.glob("plan/I.1*/index.html"))


def _first_changed_pair(site: Path, index) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """Live data, chosen not pinned: the two oldest published releases and the first plan unit the
    newer one lists whose translation differs between their editions."""
    older, newer = [r for r in index.plan.releases if r.commit][::-1][:2]

    def text(version: str, uid: str) -> str:
        doc = json.loads((site / "v" / version / "export" / "units" / f"{uid}.json").read_text(encoding="utf-8"))
        return json.dumps(doc.get("text") or doc.get("title"), ensure_ascii=False)

    open_ = {u for r in index.plan.releases if not r.commit for u in r.units}  # changed again since: no edition to compare yet
    uid = next(u for u in newer.units if u in index.units and u != "intro" and u not in open_
               and text(older.version, u) != text(newer.version, u))
    return older.version, newer.version, uid


@pytest.mark.slow
@pytest.mark.browser
def test_in_chromium_the_real_site_compares_two_releases_and_an_old_page_knows_it_is_old(site: Path, server: str, browser, index) -> None:  # type: ignore[no-untyped-def]
    old, new, uid = _first_changed_pair(site, index)
    context = browser.new_context()
    page_ = context.new_page()
    try:
        # The latest page of a changed unit links its newest change.
        page_.goto(server + f"plan/{uid}/")
        changed = next(r.version for r in index.plan.releases if uid in r.units)
        link = page_.locator("a.ap-compare-link")
        assert f"{changed} 版有改动" in link.inner_text()
        page_.goto(server + f"compare/?unit={uid}&from={old}&to={new}")
        page_.locator(".ap-diff").wait_for(timeout=15000)
        keys = page_.locator(".ap-diff dt").evaluate_all("(els) => els.map((e) => e.getAttribute('data-ap-key'))")
        assert "text.zh" in keys, keys
        assert "译文" in page_.locator(".ap-diff dt").all_inner_texts()
        assert page_.locator(".ap-diff ins").count() + page_.locator(".ap-diff del").count() > 0
        # The older edition's page (built by its own commit) learns from v/versions.json that it is old.
        page_.goto(server + f"v/{new}/plan/{uid}/")
        newest = next(r.version for r in index.plan.releases if r.commit)  # the newest edition a reader can open
        if new != newest:
            note = page_.locator(".ap-edition-old")
            note.wait_for(state="visible", timeout=10000)
            assert newest in note.inner_text()
    finally:
        context.close()


def test_each_frozen_edition_holds_its_pdfs_and_the_changelog_links_only_those_it_has(repo: Path) -> None:
    """An edition whose commit has the whole-plan page holds its PDFs (rebuild.edition prints them,
    make archive stores them); the changelog links a release's PDF only from paths.WHOLE_SINCE on,
    the first release with that page, so no link points at a PDF an older edition cannot have."""
    from actionplan.fields import version_key

    for version in ("1.0.0", "1.0.1"):
        for lang in paths.LANGS:
            made = repo / "site" / paths.edition_root(version) / paths.prefix(lang) / paths.WHOLE_PDF
            assert made.is_file() and made.read_bytes().startswith(b"%PDF-"), made
            html = page(repo / "site", paths.site_path(paths.CHANGELOG, lang))
            links = [h for h in re.findall(r'href="([^"]+\.pdf)"', html) if f"v/{version}/" in h]
            assert bool(links) == (version_key(version) >= version_key(paths.WHOLE_SINCE)), (lang, version, links)
