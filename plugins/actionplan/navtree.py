"""The plan's tree in the site's navigation: each pillar a section of its goals.

The configuration's nav names each pillar's page (``支柱 I: plan/I/index.md``). The MkDocs adapter
(and ``actionplan generate``, for engines that run no plugins) grows that entry into a section whose
first page is the pillar's, followed by its goals' pages. The theme's documented navigation
features do the rest: ``navigation.indexes`` makes a section's title the link to its first page
(which is why a pillar's source is an ``index.md``, ``paths.unit``), the reader's pillar is
expanded and its page marked, each section folds, and ``navigation.prune`` keeps only the reader's
pillar's goals in each page's HTML. Each entry is titled as its page is. An action page is not in the navigation (170
entries would be); the MkDocs adapter marks its goal as the theme marks the current page's path.
"""

from __future__ import annotations

from typing import Any

from . import paths, text
from .render import Renderer

Nav = list[Any]  # the configuration's nav: page paths, and {title: page path or nav}


def tree(r: Renderer) -> dict[str, Nav]:
    """Each pillar's page source → the entries of its section, each titled as its page is (escaped
    as the page's front matter title is, ``Renderer.front``): a dirty build of the preview reads
    only the pages that changed, and the others' titles must not depend on their sources."""

    def entry(uid: str) -> dict[str, str]:
        return {text.attr(r.page_title(uid)): paths.unit(uid)}

    return {paths.unit(p.id): [entry(p.id), *(entry(g.id) for g in p.goals)] for p in r.plan.pillars}


def goal_of(uid: str) -> str | None:
    """The goal an action belongs to (``I.3.5`` → ``I.3``), for the navigation to mark."""
    return uid.rsplit(".", 1)[0] if uid.count(".") == 2 else None


def grow(nav: Nav, pillars: dict[str, Nav]) -> Nav:
    """``nav`` with each entry that names a pillar's page (``{title: page}``) grown into its section."""
    out: Nav = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, str) and value in pillars:
                item = {title: pillars[value]}
        out.append(item)
    return out
