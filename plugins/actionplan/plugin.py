"""MkDocs glue: thin event handlers over the pure modules (load, validate, index, render, export)."""

from __future__ import annotations

import html
import json
import os
import re
import zlib
from pathlib import Path
from typing import Any

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import export, paths, redirect, segcache
from .index import Index
from .problems import DataError
from .render import Renderer
from .site import load_all

log = get_plugin_logger(__name__)


class PackedFile(File):
    """A generated file whose content is held zlib-compressed until MkDocs reads it.

    The plugin makes every page and export file in ``on_files``; MkDocs reads a page's source once
    (and we release it then, see ``on_page_markdown``) and copies a static file once. Held as
    plain text in between, the generated files of a site 100 times the plan were the largest part
    of the build's peak memory; compressed (zlib level 1) they take about a third.
    """

    _packed: bytes | None = None
    _is_text = False

    @property  # type: ignore[override]
    def _content(self) -> str | bytes | None:
        if self._packed is None:
            return None
        raw = zlib.decompress(self._packed)
        return raw.decode("utf-8") if self._is_text else raw

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._is_text = isinstance(value, str)
        data = value.encode("utf-8") if isinstance(value, str) else value
        self._packed = None if data is None else zlib.compress(data, 1)


_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)(?:<a class="headerlink"[^>]*>[^<]*</a>)?</h\1>', re.S)
_ANCHOR = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')


class HtmlPage(Page):
    """A generated page, whose body the plugin wrote as HTML: MkDocs' ``render`` would pass it
    through Python-Markdown, the largest single cost of a build (bench/results).

    The plugin makes one for each generated file in ``on_files`` (``File.page``, which MkDocs
    uses when it builds the navigation and renders pages), with the title the nav gives it.

    It sets what ``Page.render`` sets: the content, the table of contents (read back from the
    headings ``Renderer.heading`` writes) and the ids that links from other pages may target
    (MkDocs' anchor validation). Its own links are checked as MkDocs checks Markdown links, by
    the plugin (``_check_links``).
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        body = self.markdown
        if body is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        tokens = [
            {"level": int(level), "id": html.unescape(hid), "name": " ".join(_TAG.sub("", inner).split()),
             "html": inner, "data-toc-label": "", "children": []}
            for level, hid, inner in _HEADING.findall(body)
        ]
        self.content = body
        self.toc = get_toc(nest_toc_tokens(tokens))  # type: ignore[arg-type]
        self.present_anchor_ids = {html.unescape(a) for a in _ANCHOR.findall(body)}


class ActionPlanConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    """Build the plan pages; off only for benchmarks of the bare toolchain."""
    data_dir = c.Type(str, default="data")
    """Folder of the plan's YAML, relative to mkdocs.yml."""
    commentary_dir = c.Type(str, default="commentary")
    """Folder of commentary units inside docs_dir; its files are sources, not pages."""
    require_translations = c.Type(bool, default=True)
    """A missing translation fails the build instead of silently showing only the original."""
    strict_counts = c.Type(bool, default=True)
    """The data must hold exactly the plan's counts (3/30/103): an accidental deletion fails loudly."""
    version = c.Type(str, default="0.0.0")
    """Dataset and site release, printed in citations and the export."""
    repo_branch = c.Type(str, default="main")
    """Branch that "edit this page" and "view source" links open."""
    pack_above = c.Type(int, default=5000)
    """Hold generated pages compressed in memory when the site has more pages than this (0: always).

    Compression halves the peak memory of a very large build, and costs a few percent of its
    time; below this size memory is no concern and the build does not pay for it."""
    search_cache = c.Type(str, default=".cache/search-segments.json")
    """File (relative to mkdocs.yml) that keeps the search index's Chinese segmentation between
    builds (see segcache.py); empty: off. Not used above ``pack_above`` pages, where the cache's
    memory would count for more than the time it saves."""
    redirects = c.Type(dict, default={})
    """Moved URLs: ``old/url/: new/url/`` (site-relative directory URLs). A published URL is a
    promise; moving a page requires an entry here (the URL registry test enforces it)."""


def _heading_link(config: MkDocsConfig) -> tuple[str, str] | None:
    """The permalink the ``toc`` extension adds to headings, so generated headings match authored ones."""
    if "toc" not in config.markdown_extensions:
        return None
    toc = (config.mdx_configs or {}).get("toc", {})
    mark = toc.get("permalink", False)
    if not mark:
        return None
    return ("¶" if mark is True else str(mark)), str(toc.get("permalink_title", "Permanent link"))


def _nav_paths(nav: Any) -> list[str]:
    """Every page path named in a MkDocs ``nav`` setting."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_paths(v)]
    return []


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, whichever name mkdocs.yml lists it under (None if it is not used)."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def _nav_titles(nav: Any) -> dict[str, str]:
    """The titles a MkDocs ``nav`` setting gives its pages (``- Title: path.md``), by path."""
    out: dict[str, str] = {}
    if isinstance(nav, list):
        for item in nav:
            out.update(_nav_titles(item))
    elif isinstance(nav, dict):
        for title, value in nav.items():
            if isinstance(value, str):
                out[value] = str(title)
            else:
                out.update(_nav_titles(value))
    return out


def _is_generated(src: str) -> bool:
    """Whether ``src`` is a page path that only this plugin produces (for any language)."""
    for lang in paths.LANGS:
        rest = src[len(paths.prefix(lang)):] if src.startswith(paths.prefix(lang)) else None
        if rest is not None and (rest.startswith(("plan/", "agencies/", "commentary/")) or rest in ("index.md", "ids.md", "changelog.md")):
            return True
    return False


_JSON_SEPARATORS = (",", ":")


def write_search_indexes(site_dir: Path, head: dict[str, Any], docs: list[dict[str, Any]]) -> None:
    """Write one search index per language tree: ``head`` (Material's ``config``) and its documents.

    The documents are moved out of ``docs`` (emptied) and each tree is written a document at a
    time and dropped in turn. At 100 times the plan the documents are over 100 MB of JSON; the
    index as one string (and its bytes) is what set the build's peak memory.
    """
    trees: dict[str, list[dict[str, Any]]] = {lang: [] for lang in paths.LANGS}
    others = [(lang, paths.prefix(lang)) for lang in paths.LANGS if lang != paths.DEFAULT_LANG]
    for doc in docs:
        location = doc["location"]
        lang, prefix = next(((lang, prefix) for lang, prefix in others if location.startswith(prefix)), (paths.DEFAULT_LANG, ""))
        doc["location"] = location[len(prefix):]
        trees[lang].append(doc)
    docs.clear()
    opening = json.dumps(head, ensure_ascii=False, separators=_JSON_SEPARATORS)[:-1] + ("," if head else "") + '"docs":['
    for lang in list(trees):
        out = site_dir / paths.prefix(lang) / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as f:
            f.write(opening)
            for i, doc in enumerate(trees.pop(lang)):
                f.write(("," if i else "") + json.dumps(doc, ensure_ascii=False, separators=_JSON_SEPARATORS, default=str))
            f.write("]}")


def split_search_index(site_dir: Path) -> None:
    """Split Material's ``search/search_index.json`` into one index per language tree.

    Used when Material's search plugin kept its entries to itself (``mkdocs serve --dirty``);
    otherwise the plugin takes the entries before Material writes them (``on_post_build``).
    """
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.exists():
        return
    data = json.loads(index_file.read_bytes())
    docs = data.pop("docs")
    write_search_indexes(site_dir, data, docs)


class ActionPlanPlugin(BasePlugin[ActionPlanConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.index: Index | None = None
        self._static: list[File] = []  # generated non-page files, their content released once copied
        self._packed: dict[str, bytes] = {}  # src_uri: a generated page's HTML, compressed until rendered
        self._pack = False  # see the pack_above option
        self.generated: set[str] = set()
        self._search_docs: tuple[dict[str, Any], list[dict[str, Any]]] | None = None  # see on_post_build
        self._segments: segcache.SegmentCache | None = None  # see the search_cache option
        self._by_url: dict[str, File] | None = None  # every file of the build by URL, for _check_links

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Refuse configurations that would publish broken citations or duplicate pages."""
        names = [n for n in config.plugins if n.split(" #")[0] == "actionplan"]
        if len(names) > 1:
            raise PluginError(f"actionplan: listed {len(names)} times in mkdocs.yml plugins; list it once")
        if not self.config.enabled:
            generated = [p for p in _nav_paths(config.nav) if _is_generated(p)]
            if generated:
                raise PluginError(f"actionplan: enabled is false, but nav lists pages only the plugin generates: {', '.join(generated[:5])}"
                                  + (" …" if len(generated) > 5 else "") + " (enable the plugin or drop them from nav)")
            return config
        if not config.site_url:
            log.warning("site_url is not set: permalinks and citations would point nowhere (set site_url in mkdocs.yml)")
        if not config.use_directory_urls:
            raise PluginError("actionplan: use_directory_urls must stay true; published URLs are directory URLs")
        root = Path(config.config_file_path).parent
        data_dir = root / self.config.data_dir
        if not data_dir.is_dir():
            raise PluginError(f"actionplan: data_dir {self.config.data_dir!r} is not a folder next to mkdocs.yml ({data_dir})")
        return config

    # Priority 50: before other plugins' on_files (e.g. search, redirects), so that they see our
    # generated pages like any authored page.
    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir)
        try:
            ix = load_all(root / self.config.data_dir, docs / self.config.commentary_dir, root,
                          require_translations=self.config.require_translations, strict_counts=self.config.strict_counts,
                          version=self.config.version)
        except DataError as e:
            raise PluginError(str(e)) from None
        self.index = ix
        docs_rel = os.path.relpath(docs, root).replace(os.sep, "/")
        branch = self.config.repo_branch
        repo_blob = f"{config.repo_url.rstrip('/')}/blob/{branch}/" if config.repo_url else None
        # Authored files: "edit this page" opens them under docs_dir (edit_uri points at the repo root).
        commentary_prefix = self.config.commentary_dir.strip("/") + "/"
        for f in list(files):
            if f.src_uri.startswith(commentary_prefix) and f.src_uri.endswith(".md"):
                files.remove(f)  # commentary units are data; we render their pages
            elif f.is_documentation_page():
                f.edit_uri = f"{docs_rel}/{f.src_uri}"
        renderer = Renderer(ix, config.site_url or "", repo_blob, heading_link=_heading_link(config))
        self.generated = set()
        self._packed = {}
        self._pack = len(paths.LANGS) * (len(ix.order) + len(ix.plan.agencies) + len(ix.plan.critiques)) > self.config.pack_above
        self._cache_segmentation(config, root)
        self._by_url = None
        nav_titles = _nav_titles(config.nav)
        for page in renderer.all_pages(paths.LANGS):
            if files.get_file_from_path(page.src) is not None:
                log.info(f"{page.src}: an authored page exists, it wins over the generated one")
                continue
            f = self._make(config, page.src, content=page.content)
            f.edit_uri = page.source.file
            files.append(f)
            HtmlPage(nav_titles.get(page.src), f, config)  # becomes f.page: MkDocs renders it, and nav uses it
            self.generated.add(page.src)
        doc = export.build(ix, config.site_url or "", ix.plan.version)
        static = [self._make(config, "export/plan.json", content=export.dumps(doc)),
                  self._make(config, "export/actions.csv", content=export.actions_csv(doc))]
        static += [self._make(config, f"export/units/{uid}.json", content=export.dumps(unit)) for uid, unit in export.units(doc).items()]
        static.append(self._make(config, "export/plan.schema.json", content=export.dumps(export.schema())))
        for f in static:
            files.append(f)
        self._static = static + self._redirects(files, config, ix)
        return files

    # Priority -100: after every other plugin has seen the page's Markdown.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str | None:
        """Release a generated page's source once MkDocs has read it into ``page.markdown``.

        MkDocs keeps every page in memory until the build ends; a generated file would also keep
        its whole source, a second copy of all the Markdown (about 0.5 GB at 100 times the plan).
        """
        if page.file.src_uri in self.generated:
            page.file.content_bytes = b""
        return None

    # Priority -100: after every other plugin has seen the page's HTML.
    @event_priority(-100)
    def on_page_content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str | None:
        """Drop a generated page's Markdown; above ``pack_above`` pages, hold its HTML compressed.

        MkDocs converts every page before it renders any, and keeps the Markdown and the HTML of
        all of them in memory meanwhile: hundreds of megabytes at 100 times the plan. Nothing
        reads a page's Markdown after its conversion, nor its HTML before the page's own turn to
        be rendered (``on_page_context`` puts it back, before the search plugin reads it).
        Packing costs under a millisecond per page (bench/results: about 5 % of a 100× build).
        """
        if page.file.src_uri not in self.generated:
            return None
        self._check_links(page, html, files)
        page.markdown = ""
        if not self._pack:
            return None
        self._packed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    # Priority 100: before the search plugin (and any other) reads the page's HTML.
    @event_priority(100)
    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        """Unpack the page's HTML (see ``on_page_content``); release the export and redirect files,
        which MkDocs has copied to site_dir before it renders the first page."""
        packed = self._packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
        for f in self._static:
            f.content_bytes = b""
        self._static = []
        return context

    # Priority -100: after every other plugin (search) has used the page's HTML, and it is written.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str | None:
        """Release a generated page's HTML once written: MkDocs would keep all of it to the end."""
        if page.file.src_uri in self.generated:
            page.content = None
        return None

    # Priority 100: before the search plugin writes its index.
    @event_priority(100)
    def _take_search_entries(self, *, config: MkDocsConfig) -> None:
        """Take Material's search entries, so that it writes an empty index and we write ours.

        Material writes one index for the whole build, as one JSON string and its bytes; we
        would read that file back to split it. At 100 times the plan that set the build's
        peak memory. Under ``mkdocs serve --dirty`` Material keeps its entries for the next
        rebuild, so they are left to it and the written file is split instead.
        """
        self._search_docs = None
        if not self.config.enabled:
            return
        search = _search_plugin(config)
        index = getattr(search, "search_index", None)
        if index is None or getattr(search, "is_dirty", True) or not isinstance(getattr(index, "entries", None), list):
            return
        docs, index.entries = index.entries, []
        head = json.loads(index.generate_search_index(None))  # Material's "config", with no documents
        head.pop("docs", None)
        self._search_docs = (head, docs)

    # Priority -100: after the search plugin's on_post_build has written its (empty) index.
    @event_priority(-100)
    def _write_search_indexes(self, *, config: MkDocsConfig) -> None:
        """One search index per language, so results link to pages in the reader's language;
        and the segmentation cache saved for the next build.

        Each language tree's pages point their search at their own index through the ``base``
        of the page config (overrides/main.html).
        """
        if not self.config.enabled:
            return
        segments, self._segments = self._segments, None
        if segments is not None:
            segments.save()
            log.debug(f"search segmentation: {segments.hits} from {self.config.search_cache}, {segments.misses} by jieba")
        taken, self._search_docs = self._search_docs, None
        if taken is not None:
            write_search_indexes(Path(config.site_dir), *taken)
        else:
            split_search_index(Path(config.site_dir))

    on_post_build = CombinedEvent(_take_search_entries, _write_search_indexes)

    def _check_links(self, page: Any, body: str, files: Files) -> None:
        """Hold a generated page's links to what MkDocs checks in Markdown: a link to a page or file
        that is not in the build is a warning (so ``--strict`` fails), and links to anchors go to
        MkDocs' own anchor validation, which runs once every page is rendered."""
        if self._by_url is None:
            self._by_url = {("" if f.url == "./" else f.url): f for f in files}  # MkDocs' home page URL is "./"
        missing: list[str] = []
        anchors: dict[File, dict[str, str]] = {}
        for href in _HREF.findall(body):
            href = html.unescape(href)
            target = paths.resolve_href("" if page.url == "./" else page.url, href)
            if target is None:
                continue
            url, fragment = target
            f = page.file if url == page.url else self._by_url.get(url)
            if f is None:
                missing.append(href)
            elif fragment:
                anchors.setdefault(f, {})[fragment] = href
        if missing:
            log.warning(f"{page.file.src_uri}: generated page links to what the build does not have: {', '.join(missing[:5])}"
                        + (" …" if len(missing) > 5 else ""))
        page.links_to_anchors = anchors

    def _cache_segmentation(self, config: MkDocsConfig, root: Path) -> None:
        """Answer Material's Chinese segmentation from the ``search_cache`` file where the text is unchanged."""
        self._segments = None
        if not self.config.search_cache or self._pack:
            return
        search = _search_plugin(config)
        index = getattr(search, "search_index", None)
        if index is None or not callable(getattr(index, "_segment_chinese", None)):
            return
        cache = segcache.SegmentCache(root / self.config.search_cache, segcache.stamp(getattr(search, "config", None)))
        if cache.problem:
            log.info(f"search_cache {self.config.search_cache}: {cache.problem}; segmenting afresh")
        index._segment_chinese = cache.wrap(index._segment_chinese)
        self._segments = cache

    def _make(self, config: MkDocsConfig, src_uri: str, content: str) -> File:
        return (PackedFile if self._pack else File).generated(config, src_uri, content=content)

    def _redirects(self, files: Files, config: MkDocsConfig, ix: Index) -> list[File]:
        """The short-ID resolver pages and the configured moved-URL redirects (added to ``files``, and returned)."""
        added: list[File] = []
        site = (config.site_url or "").rstrip("/") + "/"
        targets = [(uid, paths.url(paths.unit(uid, paths.DEFAULT_LANG))) for uid in ix.order]
        targets += [(cid, paths.url(paths.critique(cid, paths.DEFAULT_LANG))) for cid in ix.critiques]
        for uid, target in targets:
            # On a case-insensitive file system "id/I.1/" and "id/i.1/" share a file; both
            # forward to the same page, so whichever is written last is right.
            for form in redirect.id_variants(uid):
                src = f"id/{form}/"
                added.append(self._make(config, redirect.page_path(src), content=redirect.redirect_html(src, target, uid, site + target)))
                files.append(added[-1])
        for old, new in ((r.old, r.new) for r in ix.plan.redirects):
            if not (isinstance(old, str) and isinstance(new, str) and redirect.URL_RE.match(old) and redirect.URL_RE.match(new)):
                raise PluginError(f"actionplan: redirects: {old!r}: {new!r}: both must be site-relative directory URLs ending in '/'")
            if any(f.url == old or f.dest_uri == redirect.page_path(old) for f in files):
                raise PluginError(f"actionplan: redirects: {old!r} is still a page; a redirect may only replace a URL that moved away")
            added.append(self._make(config, redirect.page_path(old), content=redirect.redirect_html(old, new, new, site + new)))
            files.append(added[-1])
        return added
