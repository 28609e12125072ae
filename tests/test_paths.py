"""paths: source paths, site paths and the links between them (relpath replaces posixpath.relpath)."""

from __future__ import annotations

import posixpath
from itertools import product

from actionplan import paths

SOURCES = [f(x) for f, x in ((paths.unit, "plan"), (paths.unit, "I"), (paths.unit, "I.3.5"), (paths.agency, "DOC"),
                             (paths.critique, "C19"))] + \
          [paths.HOME, paths.AGENCIES, paths.FOOTNOTES, paths.COMMENTARY, paths.COVERAGE, paths.IDS, paths.CHANGELOG]


def test_relpath_matches_the_standard_library() -> None:
    dirs = sorted({posixpath.dirname(s) for s in SOURCES} | {"", ".", "en/plan/deeper"})
    targets = SOURCES + [paths.url(s).rstrip("/") for s in SOURCES]
    for target, start in product(targets, dirs):
        assert paths.relpath(target, start) == posixpath.relpath(target or ".", start or "."), (target, start)


def test_markdown_links_between_page_sources() -> None:
    assert paths.rel_md("plan/I.md", "index.md") == "../index.md"
    assert paths.rel_md("index.md", "plan/I.md") == "plan/I.md"
    assert paths.rel_md("plan/I.md", "plan/I.1.md") == "I.1.md"
    assert paths.rel_md("commentary/C19.md", "agencies/DOC.md") == "../agencies/DOC.md"
    for a, b in product(SOURCES, SOURCES):
        assert paths.rel_md(a, b) == posixpath.relpath(b, posixpath.dirname(a) or "."), (a, b)


def test_site_paths_carry_the_language_prefix() -> None:
    assert paths.site_path("plan/I.3.5.md", "zh") == "plan/I.3.5/"
    assert paths.site_path("plan/I.3.5.md", "en") == "en/plan/I.3.5/"
    assert paths.site_path("index.md", "en") == "en/"
    assert paths.site_path("agencies/index.md", "zh") == "agencies/"


def test_urls_across_the_two_builds() -> None:
    """Raw links into the other language's build are directory URLs relative to the page."""
    assert paths.rel_url("plan/I.1/", "en/plan/I.1/") == "../../en/plan/I.1/"
    assert paths.rel_url("en/plan/I.1/", "plan/I.1/") == "../../../plan/I.1/"
    assert paths.rel_url("", "en/") == "en/"
    assert paths.rel_url("en/", "") == "../"
    assert paths.rel_url("plan/I/", "plan/I/") == "./"
