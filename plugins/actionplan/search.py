"""Site search: a Pagefind index of the built site, for any engine (no MkDocs here).

``index_site(site_dir)`` runs after each build of the site (both language trees, whichever engine
built them). It writes ``site_dir/pagefind/``: Pagefind's bundle, with one index per ``<html lang>``
(zh, en), and ``ids.zh.json`` / ``ids.en.json``, the small map from every unit's ID (and agency
acronym) to its page in that language, which the search box fetches for the first query that looks
like an ID, to send it straight to its unit.

The pages say what is indexed and how through ``data-pagefind-*`` attributes that the page
templates write (the page body, the weights of its title and subtitle, its ID, kind, pillar and
title as hidden meta, and ``data-pagefind-ignore`` on listings of other units). Markup the templates already mark as not for search is
excluded here, by selector, so the templates need no second marking for it.

Pagefind runs from the ``pagefind[extended]`` wheel (its binary is in the wheel); it reads and
writes local files only. The pages reach it with their Han text already cut into bigram
tokens (``indexed_copy``), so no segmenter's dictionary decides what a query can find.
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
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

BUNDLE = "pagefind"
IDS = "ids.{lang}.json"

# Parts of a page that are not its text: already marked data-search-exclude (crumbs, meta line,
# toggle, cite heading, prev/next), heading permalinks, labels ("Official text (English)"), the
# citation panel, the commentary blocks a unit page quotes (the critique's own page has them),
# Material's edit buttons and the comment badges in listings.
EXCLUDE = (
    "[data-search-exclude]", ".headerlink", ".ap-label", ".ap-unofficial", ".ap-cite", ".ap-critique",
    ".md-content__button", ".ap-badge", ".ap-prevnext", ".ap-source", ".ap-pin",
)

# Chinese matching: character bigrams, as Lucene's CJK analyzer does, so that a query finds its
# text however a segmenter would cut it. In the copy of a page that Pagefind reads (never
# in the page a reader gets) every Han run becomes its bigram tokens, in place: each bigram one
# ASCII word, "zz" + the two code points in hex (a lone character is "zz" + its code point, which
# also makes it a prefix of the bigrams it starts). So the Han text is indexed once, as bigrams
# only (not also as Pagefind's own segmentation: that would add a second set of postings that
# every query downloads), it keeps its element's weight (a title's bigrams weigh as the title),
# and the tokens are what Pagefind stores as the page's text: search.js turns a query's Han runs
# into the same tokens and turns stored tokens back into the characters (each token after the
# first of a run adds its second character) for titles and snippets.
# English pages carry the Chinese translation beside the official text and get the same tokens, so
# Chinese words find them too (Pagefind's English index would otherwise keep each unbroken run as
# one giant word that no query matches); the tokens sort after every English word, so they add
# index chunks that only Chinese queries fetch.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
TOKEN_PREFIX = "zz"
_LANG = re.compile(r"<html[^>]*\blang=\"([a-z]{2})")


def bigram_tokens(text: str) -> list[str]:
    """The bigram tokens of every Han run of ``text`` (a lone character is its own token)."""
    out: list[str] = []
    for run in HAN.findall(text):
        if len(run) == 1:
            out.append(f"{TOKEN_PREFIX}{ord(run):x}")
        out.extend(f"{TOKEN_PREFIX}{ord(a):x}{ord(b):x}" for a, b in itertools.pairwise(run))
    return out


_CJK_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
# Half-width punctuation that Chinese text sets without spaces (the commentary writes "环境,从硬件(芯片"):
# a run keeps no space before what closes or continues (, ) ” and the like) nor after what opens
# or continues (( “ , and the like). A sentence's end (. ! ?) before a run keeps its space ("Usage. 建设").
_TIGHT_AFTER = re.compile(r"[,;:!?.)\]}\"'“”‘’(\[{]")
_TIGHT_BEFORE = re.compile(r"[,;:)\]}\"'“”‘’(\[{]")
_TOKEN_RUN = re.compile(r"\s*\bzz[0-9a-f]{4}(?:[0-9a-f]{4})?\b(?:\s+zz[0-9a-f]{4}(?:[0-9a-f]{4})?\b)*\s*")


def decode_tokens(text: str) -> str:
    """Han text back from its tokens, as search.js shows stored text (the tests hold the two to it).

    A token continues the run before it when its first character is the previous token's second;
    two runs in a row get one space; a run keeps one space on a side where Latin text or the like
    stands (the copy put spaces there), and none beside CJK punctuation, the half-width punctuation
    Chinese text sets tight (``_TIGHT_BEFORE``, ``_TIGHT_AFTER``) or the text's ends."""

    def run(m: re.Match[str]) -> str:
        out, prev = "", None
        for t in m.group(0).split():
            a, b = chr(int(t[2:6], 16)), (chr(int(t[6:10], 16)) if len(t) == 10 else "")
            if prev and b and a == prev:
                out += b
            else:
                out += (" " if out else "") + a + b
            prev = b
        left = m.string[m.start() - 1] if m.start() > 0 else ""
        right = m.string[m.end()] if m.end() < len(m.string) else ""
        before = " " if left and not (_CJK_PUNCT.match(left) or _TIGHT_BEFORE.match(left)) and m.group(0)[0].isspace() else ""
        after = " " if right and not (_CJK_PUNCT.match(right) or _TIGHT_AFTER.match(right)) and m.group(0)[-1].isspace() else ""
        return before + out + after

    return _TOKEN_RUN.sub(run, text)


class _Copy(HTMLParser):
    """A page as Pagefind should read it: the same markup, Han runs in text rewritten by ``han``."""

    def __init__(self, han: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=False)
        self.han = han
        self.out: list[str] = []
        self.raw = False  # inside <script> or <style>: not text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        self.raw = tag in ("script", "style")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        self.raw = False

    def handle_data(self, data: str) -> None:
        self.out.append(data if self.raw else HAN.sub(lambda m: self.han(m.group(0)), data))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def lang_of(page: str) -> str:
    m = _LANG.search(page)
    return m.group(1) if m else "zh"


def indexed_copy(page: str) -> str:
    """``page`` as Pagefind reads it: its Han runs as bigram tokens, in place.

    Only text changes: attributes (the ``data-pagefind-meta`` title, filters) and scripts keep their Han text."""
    parser = _Copy(lambda run: " " + " ".join(bigram_tokens(run)) + " ")
    parser.feed(page)
    parser.close()
    return "".join(parser.out)


def _declared(text: str, kind: str, key: str) -> str:
    """The value a page declares as ``data-pagefind-{kind}="key:value"`` or ``"key[data-v]" data-v="value"``."""
    m = re.search(r'data-pagefind-' + kind + r'="' + key + r'(?::([^"]*)"|\[data-v\]" data-v="([^"]*)")', text)
    return html.unescape(m.group(1) if m.group(1) is not None else m.group(2)).strip() if m else ""


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
        lang = lang_of(text)
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
                dest.write_text(indexed_copy(text), encoding="utf-8")
        cmd = [*pagefind_command(), "--site", str(src), "--output-path", str(out.resolve()),
               "--exclude-selectors", ", ".join(EXCLUDE), "--silent"]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0 or not (out / "pagefind.js").is_file():
        raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stderr[-2000:]}")
    for lang, ids in id_map(site_dir).items():
        (out / IDS.format(lang=lang)).write_text(json.dumps(ids, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                                                 encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    index_site(Path(args[0] if args else "site"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
