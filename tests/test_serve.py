"""``make serve`` (actionplan serve): an edit is rebuilt in the language being read first, then
in the other; no page older than the sources is served unmarked; the pages shown are the ones
``make build`` makes; the last good site is kept when data breaks, the problem shown in both
languages, and it clears once fixed."""

from __future__ import annotations

import filecmp
import json
import os
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from actionplan import preview as pv
from actionplan import preview_site as parts
from actionplan import serve
from tests.conftest import EPOCH, run_build

# A navigation whose titles the configuration gives, as the real site's: the preview's dirty
# builds are right only when a page's edit does not change every page's navigation.
MARK = 'id="__ap_stale"'  # the mark on a page served while its language is being rebuilt
NAV = "nav:\n  - Home: index.md\n  - Pillar I: plan/I/index.md\n"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def state(base: str, page: str) -> dict[str, object]:
    return json.loads(get(f"{base}{serve.STATE.lstrip('/')}?page=/{page}")[1])


@pytest.fixture()
def served(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[pv.Preview, str]]:
    """The tiny site (with a titled navigation) previewed as ``make serve`` does, on a free port;
    no strict rebuild in quiet time (a test says when it wants one)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", EPOCH))
    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + NAV, encoding="utf-8")
    preview = pv.Preview(tiny, "mkdocs", wait=120, verify_after=None)
    preview.start()
    assert preview.error is None, preview.error
    assert [s[:2] for s in preview.steps] == [("zh", "clean"), ("en", "clean"), ("search", "index")]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), serve.handler(preview))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield preview, f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        preview.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow  # the preview builds the tiny site
def test_an_edit_is_shown_in_the_language_being_read_first_then_in_the_other(served: tuple[pv.Preview, str], tiny: Path) -> None:
    preview, base = served
    status, en = get(base + "en/plan/I.1.1/")
    assert status == 200 and "发起信息征询" in en and serve.STATE in en  # the reload script, added by this server only
    assert MARK not in en
    before = len(preview.steps)

    edit(tiny / "data" / "translations" / "zh" / "I.yaml", "发起信息征询", "发起公开征询")
    preview.wait = 0  # answer at once: the page is older than the sources, and says so
    status, marked = get(base + "en/plan/I.1.1/")
    assert status == 200 and "发起信息征询" in marked and MARK in marked
    assert state(base, "en/plan/I.1.1/")["stale"] is True

    preview.wait = 120
    status, en = get(base + "en/plan/I.1.1/")  # waits for the English build
    assert status == 200 and "发起公开征询" in en and "发起信息征询" not in en and MARK not in en
    assert [s[:2] for s in preview.steps[before:before + 1]] == [("en", "dirty")]  # English first, only what changed
    status, zh = get(base + "plan/I.1.1/")  # waits for the Chinese build, if it is not done yet
    assert status == 200 and "发起公开征询" in zh and MARK not in zh
    assert preview.idle(120)
    assert [s[:2] for s in preview.steps[before:]] == [("en", "dirty"), ("zh", "dirty"), ("search", "index")]
    assert state(base, "plan/I.1.1/")["stale"] is False

    # What the preview shows is what `make build` makes (search aside: its own step, indexed last).
    built = tiny.parent / "built"
    result = run_build(tiny, built)
    assert result.returncode == 0, result.stderr[-3000:]
    for lang in parts.LANGS:
        shown = parts.files_of(preview.folder(lang), lang)
        made = parts.files_of(built / parts.PREFIX[lang] if parts.PREFIX[lang] else built, lang)
        assert shown.keys() == made.keys(), lang
        differ = [rel for rel in made if not filecmp.cmp(made[rel], shown[rel], shallow=False)]
        assert differ == [], (lang, differ[:5])


@pytest.mark.slow  # the preview builds the tiny site
def test_a_broken_edit_keeps_the_last_good_site_with_the_problem_in_both_languages(served: tuple[pv.Preview, str], tiny: Path) -> None:
    preview, base = served
    versions = {lang: state(base, page)["version"] for lang, page in (("zh", "plan/I.1.1/"), ("en", "en/plan/I.1.1/"))}
    pillar = tiny / "data" / "pillars" / "I.yaml"
    good = pillar.read_text(encoding="utf-8")
    edit(pillar, "lead: [OSTP]", "lead: [OSPT]")
    status, zh = get(base + "plan/I.1.1/")
    assert status == 200 and "行动 I.1.1" in zh and serve.STATE in zh and MARK not in zh  # the last good site
    status, en = get(base + "en/plan/I.1.1/")
    assert status == 200 and "Action I.1.1" in en and serve.STATE in en and MARK not in en
    for page in ("plan/I.1.1/", "en/plan/I.1.1/"):
        s = state(base, page)
        assert s["stale"] is False and isinstance(s["error"], str), s
        assert re.search(r"data/pillars/I\.yaml:\d+: action I\.1\.1: lead: unknown agency 'OSPT'", s["error"]), s["error"]
        assert s["version"] == versions[parts.part_of("/" + page)]  # nothing new to reload

    pillar.write_text(good, encoding="utf-8")
    status, zh = get(base + "plan/I.1.1/")
    assert status == 200 and "行动 I.1.1" in zh
    assert preview.idle(120)
    for page in ("plan/I.1.1/", "en/plan/I.1.1/"):
        assert state(base, page)["error"] is None


@pytest.mark.slow  # the preview builds the tiny site
def test_no_page_is_left_behind_and_an_authored_page_follows_its_text(served: tuple[pv.Preview, str], tiny: Path) -> None:
    preview, base = served
    about = tiny / "content" / "en" / "about.md"
    status, page = get(base + "en/about/")
    assert status == 200 and "About the tiny fixture" in page
    # Saved with an old modification time (restored from a backup, say): still rebuilt.
    stamp = about.stat()
    edit(about, "About the tiny fixture", "About the small fixture")
    os.utime(about, ns=(stamp.st_atime_ns, stamp.st_mtime_ns - 86_400 * 10**9))
    status, page = get(base + "en/about/")
    assert status == 200 and "About the small fixture" in page
    assert preview.idle(120)
    before = len(preview.steps)
    about.unlink()  # a page removed: its old HTML would outlive a dirty build
    status, _ = get(base + "en/about/")
    assert status == 404
    assert preview.idle(120)
    assert ("en", "clean") in [s[:2] for s in preview.steps[before:]]


@pytest.mark.slow  # the preview builds the tiny site
def test_a_dirty_build_is_checked_by_a_strict_one_in_quiet_time(served: tuple[pv.Preview, str], tiny: Path) -> None:
    preview, base = served
    preview.verify_after = 0.1  # read by the builder thread after the round this edit starts
    edit(tiny / "data" / "translations" / "zh" / "I.yaml", "发起信息征询", "发起公开征询")
    assert "发起公开征询" in get(base + "plan/I.1.1/")[1]
    with preview.cond:
        assert preview.cond.wait_for(lambda: not preview.unverified and not preview.busy, timeout=120)
    assert sorted(s[:2] for s in preview.steps[-2:]) == [("en", "strict"), ("zh", "strict")]
    assert preview.error is None


def test_the_banner_shows_our_problems_only() -> None:
    """A failed build's output, as MkDocs prints it, comes down to the problems `check` would print:
    no log levels, no 'Aborted with a BuildError!', no progress notes."""
    said = ("INFO    -  Cleaning site directory\nINFO    -  Building documentation to directory: /tmp/x\n"
            "ERROR   -  1 problem in the plan data or commentary:\n"
            "  data/record.yaml:15: YAML syntax error: expected <block end>, but found '<scalar>'\n\nAborted with a BuildError!\n")
    assert parts.problems_in(said) == "data/record.yaml:15: YAML syntax error: expected <block end>, but found '<scalar>'"
    engine = "INFO    -  Cleaning site directory\nWARNING -  Doc file 'a.md' contains a link 'b.md'\nAborted with a BuildError!\n"
    assert parts.problems_in(engine) == "WARNING -  Doc file 'a.md' contains a link 'b.md'"


@pytest.mark.parametrize(("path", "words"), [("/plan/I.1/", "上一次构建失败"), ("/en/plan/I.1/", "The last build failed")])
def test_the_preview_speaks_the_page_language(path: str, words: str) -> None:
    """The banner's and the mark's words are the page's language (labels), and a quote in them
    cannot end the script."""
    from actionplan import serve

    handler = object.__new__(serve.Handler)
    handler.path = path
    page = handler._client("<html><body><p>x</p></body></html>", fresh=False)
    assert words in page and page.count("<script>") == 1
    stale = page[page.index('id="__ap_stale"'):page.index("</p>", page.index('id="__ap_stale"'))]
    assert ("正在重新构建" in stale) == (words == "上一次构建失败")
