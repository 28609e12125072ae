"""PROTOTYPE ONLY: add the ``data-pagefind-*`` attributes to today's built HTML.

Delete this module once the page templates carry the attributes themselves (the list is in
``search.py``'s docstring). ``search.index_site`` calls it only when no page of the site has
``data-pagefind-body``, so a site whose templates carry the attributes never goes through here.

It rewrites known, fixed markup of our own templates with regular expressions; it is not a
general HTML rewriter and it is not meant to survive a change of those templates.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_UNIT = re.compile(r"^(?:en/)?plan/(intro|I{1,3}(?:\.\d+){0,2})/index\.html$")
_CRITIQUE = re.compile(r"^(?:en/)?commentary/(C\d+)/index\.html$")
_AGENCY = re.compile(r"^(?:en/)?agencies/([^/]+)/index\.html$")
_PAGES = re.compile(r"^(?:en/)?(plan/footnotes|open-data)/index\.html$")

ARTICLE = '<article class="md-content__inner md-typeset">'


def kind_of(uid: str) -> str:
    if uid == "intro":
        return "intro"
    return ("pillar", "goal", "action")[uid.count(".")]


def _span(attr: str, value: str) -> str:
    return f'<span hidden {attr}="{html.escape(value, quote=True)}"></span>'


def _meta(key: str, value: str) -> str:
    return f'<span hidden data-pagefind-meta="{key}[data-v]" data-v="{html.escape(value, quote=True)}"></span>'


def _ignore_list_after(page: str, h2_id: str) -> str:
    """``data-pagefind-ignore`` on the list that follows ``<h2 id=h2_id>`` (a listing of other units)."""
    rx = re.compile(r'(<h2 id="' + h2_id + r'"[^>]*>.*?</h2>\s*)<(ul|ol)>', re.S)
    return rx.sub(lambda m: f"{m.group(1)}<{m.group(2)} data-pagefind-ignore>", page, count=1)


def _h1_text(page: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    if not m:
        return ""
    inner = re.sub(r'<span class="ap-id">.*?</span>', "", m.group(1))
    inner = re.sub(r'<a class="headerlink".*?</a>', "", inner)
    return html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()


def _start_of_text(page: str, rel: str, n: int = 60) -> str:
    """The start of the unit's text in the page's language (the title of a unit that has none)."""
    want = "en" if rel.startswith("en/") else "zh-Hans"
    m = re.search(r'<section class="ap-(?:orig|trans)" lang="' + want + r'">(.*?)</section>', page, re.S)
    if not m:
        return ""
    body = re.sub(r'<p class="ap-label">.*?</p>', "", m.group(1), flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())
    text = re.sub(r"\[\^?\d+\]", "", text)
    return text if len(text) <= n else text[:n].rstrip() + "…"


def annotate_page(rel: str, page: str) -> str | None:
    """The page with its attributes, or None when the page is not indexed for search."""
    if ARTICLE not in page:
        return None
    extra: list[str] = []
    if m := _UNIT.match(rel):
        uid = m.group(1)
        kind = kind_of(uid)
        extra = [_meta("uid", uid), _span("data-pagefind-filter", f"kind:{kind}")]
        if uid != "intro":
            extra.append(_span("data-pagefind-filter", f"pillar:{uid.split('.')[0]}"))
        if title := _h1_text(page) or _start_of_text(page, rel):
            extra.append(_meta("title", title))
        for h2 in ("lead", "agencies", "children"):
            page = _ignore_list_after(page, h2)
    elif m := _CRITIQUE.match(rel):
        uid = m.group(1)
        extra = [_meta("uid", uid), _span("data-pagefind-filter", "kind:commentary"), _meta("title", _start_of_text(page, rel))]
        page = _ignore_list_after(page, "targets")
    elif m := _AGENCY.match(rel):
        uid = m.group(1)
        extra = [_meta("uid", uid), _span("data-pagefind-filter", "kind:agency"), _meta("title", _h1_text(page))]
        page = _ignore_list_after(page, "leads")
        page = _ignore_list_after(page, "named")
    elif _PAGES.match(rel):
        extra = [_span("data-pagefind-filter", "kind:page")]
    else:
        return None
    page = page.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
    page = re.sub(r"<h1 ", '<h1 data-pagefind-weight="10" ', page, count=1)
    page = page.replace('<p class="ap-subtitle"', '<p class="ap-subtitle" data-pagefind-weight="7"', 1)
    page = re.sub(r"(</h1>)", lambda m: m.group(1) + "".join(extra), page, count=1)
    return page


def annotate(site_dir: Path) -> int:
    """Annotate every page of ``site_dir`` in place; returns the number of pages marked for the index."""
    n = 0
    for f in sorted(site_dir.rglob("index.html")):
        rel = f.relative_to(site_dir).as_posix()
        out = annotate_page(rel, f.read_text(encoding="utf-8"))
        if out is not None:
            f.write_text(out, encoding="utf-8")
            n += 1
    return n
