"""Checks over a built site folder: internal links and anchors, external links, page structure.

A checker of its own (not only MkDocs' warnings) because raw HTML such as the SVG figure and
the redirect pages is invisible to MkDocs' link validation.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from actionplan import paths


@dataclass
class PageInfo:
    ids: Counter[str] = field(default_factory=Counter)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag.attr, url)
    h1: int = 0
    html_lang: str | None = None
    refresh: str | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self.in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.info.html_lang = a.get("lang")
        if tag == "h1":
            self.info.h1 += 1
        if a.get("id"):
            self.info.ids[a["id"] or ""] += 1
        if tag == "a" and a.get("name"):
            self.info.ids[a["name"] or ""] += 0
        for attr in ("href", "src"):
            v = a.get(attr)
            if v is not None and tag in ("a", "link", "script", "img", "iframe", "source", "image", "use"):
                self.info.links.append((f"{tag}.{attr}", v))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            content = a.get("content") or ""
            if "url=" in content:
                self.info.refresh = content.split("url=", 1)[1]


def parse(path: Path) -> PageInfo:
    p = _Parser()
    p.feed(path.read_text(encoding="utf-8"))
    return p.info


# Files that `make pdf` adds to a built site (actionplan pdf): the PDF of the annotated edition in
# each language. A plain `make build` links them without making them (they cost about twice the
# build), so a link to exactly one of these paths is listed as awaiting `make pdf`, not as broken;
# the PDF tests (tests/test_pdf.py) check that `actionplan pdf` writes each of them.
MADE_BY_PDF = tuple(paths.prefix(lang) + paths.WHOLE_PDF for lang in paths.LANGS)


@dataclass
class Report:
    broken: list[str] = field(default_factory=list)
    awaiting_pdf: set[str] = field(default_factory=set)  # links to MADE_BY_PDF files not made yet
    external: set[str] = field(default_factory=set)
    pages: dict[str, PageInfo] = field(default_factory=dict)


def target_file(site: Path, page_rel: str, url: str, root_path: str = "/") -> tuple[Path | None, str]:
    """The file a link from ``page_rel`` reaches; absolute paths are read under ``root_path``
    (the path of site_url, as the 404 page links absolutely)."""
    parts = urlsplit(url)
    base = posixpath.dirname(page_rel)
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(root_path):
            return None, parts.fragment
        base, path = "", path[len(root_path):] or "./"
    rel = posixpath.normpath(posixpath.join(base, path)) if path else page_rel
    if rel.startswith("../"):
        return None, parts.fragment
    candidate = site / rel
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate, parts.fragment


def check(site: Path) -> Report:
    import json

    export = site / "export" / "plan.json"
    root_path = urlsplit(json.loads(export.read_text())["site_url"]).path if export.exists() else "/"
    report = Report()
    htmls = sorted(site.rglob("*.html"))
    for f in htmls:
        report.pages[f.relative_to(site).as_posix()] = parse(f)
    for rel, info in report.pages.items():
        if rel.startswith("v/"):  # an edition is its release's own build, frozen: links into it are checked, not its own
            continue
        urls = list(info.links) + ([("meta.refresh", info.refresh)] if info.refresh else [])
        for where, url in urls:
            if url.startswith(("mailto:", "data:", "javascript:")):
                if url.startswith("javascript:"):
                    report.broken.append(f"{rel}: {where} uses javascript: {url}")
                continue
            scheme = urlsplit(url).scheme
            if scheme or url.startswith("//"):
                report.external.add(url)
                continue
            target, fragment = target_file(site, rel, url, root_path or "/")
            if target is not None and not target.exists() and target.relative_to(site).as_posix() in MADE_BY_PDF:
                report.awaiting_pdf.add(target.relative_to(site).as_posix())
                continue
            if target is None or not target.exists():
                report.broken.append(f"{rel}: {where} → {url}: no such file")
                continue
            if fragment and target.suffix == ".html":
                info_t = report.pages.get(target.relative_to(site).as_posix())
                if info_t is not None and fragment not in info_t.ids:
                    report.broken.append(f"{rel}: {where} → {url}: no anchor #{fragment}")
    return report
