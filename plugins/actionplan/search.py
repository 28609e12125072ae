"""Site search: a Pagefind index of the built site, for any engine (no MkDocs here).

``index_site(site_dir)`` runs after each build of the site (both language trees, whichever engine
built them). It writes ``site_dir/pagefind/``: Pagefind's bundle, with one index per ``<html lang>``
(zh, en), and ``ids.json``, the small map from every unit's ID (and agency acronym) to its page in
each language, which the search box uses to send an ID query straight to its unit.

The pages say what is indexed and how through ``data-pagefind-*`` attributes that the page
templates write (the page body, the weights of its title and subtitle, its ID, kind, pillar and
title as hidden meta, and ``data-pagefind-ignore`` on listings of other units). Markup the templates already mark as not for search is
excluded here, by selector, so the templates need no second marking for it.

Pagefind runs from the ``pagefind[extended]`` wheel (its binary is in the wheel; the extended
build segments Chinese with its own dictionary); it reads and writes local files only.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

BUNDLE = "pagefind"
IDS = "ids.json"

# Parts of a page that are not its text: already marked data-search-exclude (crumbs, meta line,
# toggle, cite heading, prev/next), heading permalinks, labels ("Official text (English)"), the
# citation panel, the commentary blocks a unit page quotes (the critique's own page has them),
# Material's edit buttons and the comment badges in listings.
EXCLUDE = (
    "[data-search-exclude]", ".headerlink", ".ap-label", ".ap-unofficial", ".ap-cite", ".ap-critique",
    ".md-content__button", ".ap-badge", ".ap-prevnext", ".ap-source", ".ap-pin",
)

# Chinese matching: character bigrams beside Pagefind's own segmentation, as Lucene's CJK analyzer
# does, so that a query finds its text however a segmenter cut it. Each bigram is indexed as one
# ASCII token ("zz" + the two code points in hex) in the copy of the page that Pagefind reads, never
# in the page a reader gets; search.js turns the Han runs of a query into the same tokens.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
TOKEN_PREFIX = "zz"
_EXCLUDE_CLASSES = {"headerlink", "ap-label", "ap-unofficial", "ap-cite", "ap-critique", "md-content__button", "ap-badge",
                    "ap-prevnext", "ap-source", "ap-pin"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def bigram_tokens(text: str) -> list[str]:
    """The bigram tokens of every Han run of ``text`` (a lone character is its own token)."""
    out: list[str] = []
    for run in HAN.findall(text):
        if len(run) == 1:
            out.append(f"{TOKEN_PREFIX}{ord(run):x}")
        out.extend(f"{TOKEN_PREFIX}{ord(a):x}{ord(b):x}" for a, b in itertools.pairwise(run))
    return out


class _Text(HTMLParser):
    """The indexed text of a page, by weight: the ``data-pagefind-body`` element less what is excluded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, int]] = []  # tag, inside body, weight
        self.parts: dict[int, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        a = dict(attrs)
        body, weight = self.stack[-1][1:] if self.stack else (False, 1)
        skip = body is None
        classes = set((a.get("class") or "").split())
        if "data-pagefind-body" in a:
            body = True
        if body and ("data-pagefind-ignore" in a or "data-search-exclude" in a or classes & _EXCLUDE_CLASSES or "hidden" in a
                     or tag in ("script", "style", "svg", "form")):
            skip = True
        if (w := a.get("data-pagefind-weight")) and w.replace(".", "", 1).isdigit():
            weight = round(float(w))
        elif tag == "h1":
            weight = max(weight, 7)
        self.stack.append((tag, None if skip else body, weight))  # type: ignore[arg-type]

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1]:
            self.parts.setdefault(self.stack[-1][2], []).append(data)


def with_bigrams(page: str) -> str:
    """``page`` with a block of bigram tokens per weight at the start of its ``data-pagefind-body``
    element (inside it: the element's end is not found by searching for its closing tag, since the
    body is a ``div`` among the theme's ``div``s)."""
    parser = _Text()
    parser.feed(page)
    blocks = []
    for weight, parts in sorted(parser.parts.items(), reverse=True):
        tokens = bigram_tokens(" ".join(parts))
        if tokens:
            blocks.append(f'<div data-pagefind-weight="{weight}">{" ".join(tokens)}</div>')
    if not blocks:
        return page
    m = re.search(r"<\w+\b[^>]*\bdata-pagefind-body\b[^>]*>", page)
    if not m:
        return page
    return page[: m.end()] + "".join(blocks) + page[m.end():]


def _declared(text: str, kind: str, key: str) -> str:
    """The value a page declares as ``data-pagefind-{kind}="key:value"`` or ``"key[data-v]" data-v="value"``."""
    m = re.search(r'data-pagefind-' + kind + r'="' + key + r'(?::([^"]*)"|\[data-v\]" data-v="([^"]*)")', text)
    return html.unescape(m.group(1) if m.group(1) is not None else m.group(2)).strip() if m else ""


_LANG = re.compile(r"<html[^>]*\blang=\"([a-z]{2})")


def pagefind_command() -> list[str]:
    """The Pagefind binary from the installed wheel (``python -m pagefind`` picks the extended one)."""
    return [sys.executable, "-m", "pagefind"]


def _has_attributes(site_dir: Path) -> bool:
    return any("data-pagefind-body" in f.read_text(encoding="utf-8") for f in site_dir.rglob("index.html"))


def id_map(site_dir: Path) -> dict[str, dict[str, list[str]]]:
    """``{lang: {ID: [url relative to the site root, title, kind]}}`` for every page that declares a ``uid``."""
    out: dict[str, dict[str, list[str]]] = {}
    for f in sorted(site_dir.rglob("index.html")):
        text = f.read_text(encoding="utf-8")
        if "data-pagefind-body" not in text or not (uid := _declared(text, "meta", "uid")):
            continue
        lang_m = _LANG.search(text)
        lang = lang_m.group(1) if lang_m else "zh"
        url = f.parent.relative_to(site_dir).as_posix() + "/"
        out.setdefault(lang, {})[uid] = [url, _declared(text, "meta", "title"), _declared(text, "filter", "kind") or "page"]
    return out


def index_site(site_dir: Path) -> None:
    """Index the built site at ``site_dir`` into ``site_dir/pagefind/`` (replaced as a whole)."""
    site_dir = Path(site_dir)
    if not _has_attributes(site_dir):
        raise RuntimeError(f"{site_dir}: no page carries data-pagefind-body; nothing to index")
    out = site_dir / BUNDLE
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="pagefind-src-") as tmp:
        src = Path(tmp)
        for f in site_dir.rglob("*.html"):
            text = f.read_text(encoding="utf-8")
            if "data-pagefind-body" in text:
                dest = src / f.relative_to(site_dir)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(with_bigrams(text), encoding="utf-8")
        cmd = [*pagefind_command(), "--site", str(src), "--output-path", str(out.resolve()),
               "--exclude-selectors", ", ".join(EXCLUDE), "--silent"]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0 or not (out / "pagefind.js").is_file():
        raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stderr[-2000:]}")
    ids = id_map(site_dir)
    (out / IDS).write_text(json.dumps(ids, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    index_site(Path(args[0] if args else "site"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
