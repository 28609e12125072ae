"""The registry of published URLs: what readers may have cited, so what a build must still serve.

``published-urls.txt`` lists every page URL (with its explicit anchors) and every export file.
A build may add URLs; it may drop or move one only with a redirect that leads to a page that
still has the anchors. The check runs over a built ``site/`` and needs nothing else.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

REGISTRY = "published-urls.txt"


class _Anchors(HTMLParser):
    """Explicit anchors in the page's article (not the theme's own controls), and a meta refresh."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.ids: set[str] = set()
        self.refresh: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh" and "url=" in (a.get("content") or ""):
            self.refresh = (a.get("content") or "").split("url=", 1)[1]
        ident = a.get("id")
        if self.depth and ident and not ident.startswith("__"):
            self.ids.add(ident)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1


def _parse(path: Path) -> _Anchors:
    p = _Anchors()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def scan(site: Path) -> dict[str, set[str]]:
    """URL → anchors for every HTML page, and URL → {} for every export file."""
    out: dict[str, set[str]] = {}
    for f in sorted(site.rglob("*")):
        rel = f.relative_to(site).as_posix()
        if f.is_dir() or rel in ("404.html",) or rel.startswith(("assets/", "search/", "en/search/", "v/")) or f.name.startswith("sitemap"):
            continue
        if f.name == "index.html":
            out[rel[: -len("index.html")]] = _parse(f).ids
        elif rel.startswith("export/"):
            out[rel] = set()
    return out


def dumps(urls: dict[str, set[str]]) -> str:
    head = ("# Every URL this site has published, with the explicit anchors on it. A build may add URLs\n"
            "# (then regenerate: make urls); it may drop or move one only with a redirect (data/redirects.yaml)\n"
            "# to a page that keeps the anchors. Checked by tests.\n")
    lines = [" ".join([url or "/", *sorted(f"#{a}" for a in anchors)]) for url, anchors in sorted(urls.items())]
    return head + "\n".join(lines) + "\n"


def loads(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        url, *anchors = line.split()
        out["" if url == "/" else url] = {a[1:] for a in anchors}
    return out


def _resolve(site: Path, url: str, hops: int = 0) -> tuple[str, _Anchors] | None:
    """Follow meta-refresh redirects from ``url`` to the page that finally serves it."""
    path = site / url / "index.html" if url == "" or url.endswith("/") else site / url
    if not path.exists():
        return None
    if path.suffix != ".html":
        return url, _Anchors()
    page = _parse(path)
    if page.refresh and hops < 5:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path.relative_to(site).as_posix()), page.refresh.split("#")[0]))
        target = "" if target == "." else target + ("/" if page.refresh.endswith("/") else "")
        return _resolve(site, target, hops + 1)
    return url, page


def check(site: Path, registered: dict[str, set[str]]) -> list[str]:
    """Problems: registered URLs (or anchors) the build no longer serves, and URLs not registered."""
    problems = []
    for url, anchors in sorted(registered.items()):
        found = _resolve(site, url)
        if found is None:
            problems.append(f"{url or '/'}: published, but the build no longer serves it (add a redirect in data/redirects.yaml)")
            continue
        final, page = found
        missing = sorted(a for a in anchors if a not in page.ids)
        if missing:
            problems.append(f"{url or '/'}: anchors {', '.join('#' + a for a in missing)} are gone" + (f" (redirected to {final})" if final != url else ""))
    new = sorted(set(scan(site)) - set(registered))
    if new:
        problems.append(f"{len(new)} URL(s) not in {REGISTRY} (run: make urls): {', '.join(new[:10])}" + (" …" if len(new) > 10 else ""))
    return problems


URL_LINE = re.compile(r"^\S+( #\S+)*$")
