"""IDs are URLs: none may shadow a path of the site, or differ from another only in case; and the
redirects of ``data/redirects.yaml`` replace only URLs that moved away."""

from __future__ import annotations

from .. import paths
from ..model import CommentaryUnit, Plan, Where
from ..problems import Problem

# Paths the site itself uses at the top of a language tree, in ``agencies/`` or ``commentary/``, or
# as its own files: an ID equal to one of them (in any case) would replace or shadow that page.
RESERVED = (
    "404", "agencies", "assets", "changelog", "commentary", "coverage", "en", "export", "footnotes", "id", "ids",
    "index", "javascripts", "open-data", "pagefind", "performance", "plan", "record", "search", "sitemap",
    "stylesheets", "units", "v", "whole", "zh",
)


def validate_url_names(plan: Plan, critiques: tuple[CommentaryUnit, ...]) -> list[Problem]:
    """IDs that become URL segments (agencies, commentary units, plan units) may not be a path the
    site uses, and must be unique regardless of case (``FTC`` and ``ftc`` collide on a
    case-insensitive disk and in readers' links)."""
    problems: list[Problem] = []
    groups: list[tuple[str, list[tuple[str, Where]]]] = [
        ("agency", [(a.id, a.where) for a in plan.agencies]),
        ("critique", [(c.id, c.where) for c in critiques]),
        ("unit", [(uid, where) for uid, where in [(u.id, u.where) for u in plan.units()]]),
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


def page_urls(plan: Plan, critiques: tuple[CommentaryUnit, ...]) -> set[str]:
    """The site-relative URLs of the pages generated from the data, in every language."""
    out: set[str] = set()
    srcs = [paths.HOME, paths.AGENCIES, paths.FOOTNOTES, paths.COMMENTARY, paths.COVERAGE, paths.IDS, paths.CHANGELOG, paths.RECORD, paths.WHOLE]
    srcs += [paths.instrument(i.id) for i in plan.record]
    srcs += [paths.unit(uid) for uid in plan.unit_ids()]
    srcs += [paths.agency(a.id) for a in plan.agencies]
    srcs += [paths.critique(c.id) for c in critiques]
    for lang in paths.LANGS:
        out.update(paths.site_path(s, lang) for s in srcs)
    return out


# Folders of files the build writes itself, in each language: frozen editions, the export, citations.
_BUILT = tuple(paths.prefix(lang) + folder for lang in paths.LANGS for folder in (paths.EDITIONS, "export/", "cite/"))


def validate_redirects(plan: Plan, critiques: tuple[CommentaryUnit, ...], authored: frozenset[str] = frozenset()) -> list[Problem]:
    """``data/redirects.yaml``: each old URL has moved away (it is no page of ours, generated or
    ``authored``), each new URL is final, and neither lies in a folder the build writes (``_BUILT``)."""
    problems: list[Problem] = []
    pages = page_urls(plan, critiques) | authored
    olds = {r.old for r in plan.redirects}
    for r in plan.redirects:
        rec = f"redirect {r.old}"
        for field, url in (("old", r.old), ("new", r.new)):
            inside = next((b for b in _BUILT if url.startswith(b)), None)
            if inside:
                problems.append(Problem(r.where, rec, field, f"{url!r} lies in {inside}, which holds what the build writes "
                                                             "(frozen editions, the export, citations); a redirect may not touch it"))
        if r.old == r.new:
            problems.append(Problem(r.where, rec, "new", "leads to itself"))
        elif r.old in pages:
            problems.append(Problem(r.where, rec, "old", "is still a page; a redirect may only replace a URL that moved away"))
        if r.new in olds and r.old != r.new:
            problems.append(Problem(r.where, rec, "new", f"{r.new!r} is itself redirected; point the redirect at the final URL"))
    return problems
