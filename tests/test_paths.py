"""paths.relpath replaces posixpath.relpath for speed; it must give the very same links."""

from __future__ import annotations

import posixpath
from itertools import product

from actionplan import paths

SOURCES = [f(x, lang) for lang in paths.LANGS for f, x in ((paths.unit, "plan"), (paths.unit, "I"), (paths.unit, "I.3.5"),
                                                            (paths.agency, "DOC"), (paths.critique, "C19"))] + \
          [f(lang) for lang in paths.LANGS for f in (paths.home, paths.agencies, paths.footnotes, paths.commentary, paths.coverage,
                                                     paths.ids, paths.changelog)]


def test_relpath_matches_the_standard_library() -> None:
    dirs = sorted({posixpath.dirname(s) for s in SOURCES} | {"", ".", "en/plan/deeper"})
    targets = SOURCES + [paths.url(s).rstrip("/") for s in SOURCES]
    for target, start in product(targets, dirs):
        assert paths.relpath(target, start) == posixpath.relpath(target or ".", start or "."), (target, start)


def test_links_between_pages() -> None:
    assert paths.rel_url("plan/I.md", "index.md") == "../../"
    assert paths.rel_url("index.md", "plan/I.md") == "plan/I/"
    assert paths.rel_url("plan/I.md", "plan/I.md") == "./"
    for a, b in product(SOURCES, SOURCES):  # the old definition, kept here as the reference
        here, target = paths.url(a), paths.url(b)
        old = posixpath.relpath(target or ".", here.rstrip("/") or ".")
        assert paths.rel_url(a, b) == ((old + "/") if old != "." else "./"), (a, b)


def test_resolve_href_finds_the_url_a_link_points_to() -> None:
    r = paths.resolve_href
    assert r("plan/I.1.1/", "../../agencies/OSTP/") == ("agencies/OSTP/", "")
    assert r("plan/I.1.1/", "../../") == ("", "")
    assert r("plan/I.1.1/", "#fn-3") == ("plan/I.1.1/", "fn-3")
    assert r("", "plan/I/#children") == ("plan/I/", "children")
    assert r("en/plan/I/", "../../../export/plan.json") == ("export/plan.json", "")
    assert r("en/plan/I/", "../../export/plan.json") == ("en/export/plan.json", "")
    assert r("", "../outside/") == ("../outside/", "")  # no such URL: the caller reports it
    for away in ("https://www.whitehouse.gov/x.pdf#page=6", "mailto:a@b.c", "//cdn.example/x.js"):
        assert r("plan/I/", away) is None
