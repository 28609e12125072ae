"""The MkDocs adapter: the edition's generated pages and files, handed to MkDocs (or ProperDocs).

Everything the edition is comes from the engine-free core (``site.load_all`` and
``site.edition``); this module only speaks MkDocs' documented plugin API: a typed ``Config``,
``on_config``, ``on_files``, ``on_nav``, ``on_page_context`` and ``on_post_page``, ``File.generated``, ``Files.append`` / ``Files.remove``,
``File.edit_uri`` and ``PluginError``. MkDocs then renders the generated pages like authored
ones (Markdown, table of contents, anchors, link validation). For ``make serve`` the generated
texts are handed over as files that change only with their text (``pagecache``), so that MkDocs'
``build --dirty`` renders only the pages an edit changed. Each language is its own build
(``mkdocs.yml`` for Chinese, ``mkdocs.en.yml`` for English, which inherits it); ``lang`` tells
the plugin which one it is in.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext

from . import hreflang, navtree, pagecache, paths
from .editions import Editions, theme_extra
from .pages.hubs import not_found
from .problems import DataError
from .settings import Settings, SettingsError, config_problems
from .site import language_build, load, source_base

log = get_plugin_logger(__name__)


def _for_url_filter(link: str, page: Page) -> str:
    """The value of an ``extra.alternate`` link that the theme's ``url`` filter (MkDocs'
    ``normalize_url``) prints as ``link``, a URL relative to ``page``.

    The filter reads a relative value as relative to the build's root, and keeps its leading
    ``../`` only in front of the rest made relative to the page, so the counterpart in the
    other build (``../../../plan/I.1/`` from ``en/plan/I.1/``) is given as the ups followed by
    the page's own URL and the rest. The result is checked; a value the filter would not print
    as ``link`` leaves the configured link in place (``None``)."""
    rest = link
    ups = 0
    while rest.startswith("../"):
        rest, ups = rest[3:], ups + 1
    value = "../" * ups + page.url + ("" if rest == "./" else rest)
    return value if normalize_url(value, page) in (link, link.rstrip("/") + "/") else ""


class ActionPlanConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    """Generate the edition's pages; off only to build the authored pages alone."""
    lang = c.Choice(paths.LANGS, default=paths.DEFAULT_LANG)
    """The language this build publishes (``zh`` at the site root, ``en`` under ``en/``)."""
    # The options of ``settings.Settings``, with its defaults (documented there), relative to mkdocs.yml.
    data_dir = c.Type(str, default=Settings.data_dir)
    commentary_dir = c.Type(str, default=Settings.commentary_dir)
    assets_dir = c.Type(str, default=Settings.assets_dir)
    require_translations = c.Type(bool, default=Settings.require_translations)
    strict_counts = c.Type(bool, default=Settings.strict_counts)


class ActionPlanPlugin(BasePlugin[ActionPlanConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False
    base_url = ""  # the site_url of this edition's root: the site's root, or an archived edition's
    editions = Editions()
    settings: Settings
    marked: Page | None = None  # the goal marked in the navigation while an action's page renders

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Refuse configurations that would publish broken citations."""
        if not self.config.enabled:
            return config
        if not config.site_url:
            log.warning("site_url is not set: permalinks and citations would point nowhere (set site_url in mkdocs.yml)")
        wrong = config_problems(config)
        if wrong:
            raise PluginError("\n".join(f"{Path(config.config_file_path).name}: {line}" for line in wrong))
        if not config.use_directory_urls:
            raise PluginError("actionplan: use_directory_urls must stay true; published URLs are directory URLs")
        try:
            self.editions = Editions.from_env()
        except DataError as e:
            raise PluginError(str(e)) from None
        # An archived edition's site_url is its frozen address (…/v/1.0.0/): its pages' canonical
        # links and sitemap name it, while permalinks and citations name the site's root (site.edition).
        self.base_url = self.editions.edition_url(config.site_url or "")
        if config.site_url:
            config.site_url = self.editions.language_url(config.site_url, self.config.lang)
        self.settings = self._settings(config)
        data_dir = self.settings.data
        if not data_dir.is_dir():
            raise PluginError(f"actionplan: data_dir {self.config.data_dir!r} is not a folder next to mkdocs.yml ({data_dir})")
        return config

    # Priority 50: before other plugins' on_files (search, redirects and the like), so that they
    # see the generated pages like any authored page.
    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages and files; an authored page at the same path wins."""
        if not self.config.enabled:
            return files
        settings = self.settings
        root = settings.root
        try:
            ix = load(settings)
        except DataError as e:
            raise PluginError(str(e)) from None
        docs = Path(config.docs_dir).resolve()
        docs_rel = os.path.relpath(docs, root).replace(os.sep, "/")
        commentary = settings.commentary.resolve()
        for f in list(files):
            path = Path(f.abs_src_path).resolve() if f.abs_src_path else None
            if path is not None and path.is_relative_to(commentary):
                files.remove(f)  # commentary units are data; their pages are generated
            elif f.is_documentation_page():
                f.edit_uri = f"{docs_rel}/{f.src_uri}"  # edit_uri points at the repository root
        repo_blob = source_base(config.edit_uri, config.repo_url)
        # The theme's version bar (overrides/main.html) reads the edition from config.extra; its
        # version comes from the changelog, known only now that the data is loaded.
        config.extra["edition"] = theme_extra(ix, self.config.lang, self.editions)
        config.extra["notfound"] = not_found(ix)  # the 404 page's words and IDs (overrides/404.html)
        built = language_build(ix, self.config.lang, self.base_url, repo_blob, assets=settings.assets_outside(docs), editions=self.editions)
        if config.nav:  # the plan's tree under each pillar's entry (MkDocs reads the nav after on_files)
            config.nav = navtree.grow(config.nav, built.tree)
        # The preview's incremental builds (pagecache): each generated text as a file, rewritten
        # only when it changed, so that MkDocs' --dirty rebuilds the pages an edit changed alone.
        cache = pagecache.folder(self.config.lang)
        made = {out.path for out in built.outputs}  # an authored page at a generated one's path has its folder sitemap
        for f in [f for f in files if f.is_documentation_page() and f.url and hreflang.folder(f.url) not in made]:
            # An authored page's alternates, as the core gives each generated page's (hreflang.py).
            files.append(File.generated(config, hreflang.folder(f.url), content=hreflang.page_sitemap(self.base_url, f.url, self.config.lang)))
        for page in built.pages:
            if files.get_file_from_path(page.src) is not None:
                log.info(f"{page.src}: an authored page exists, it wins over the generated one")
                continue
            if cache is None:
                f = File.generated(config, page.src, content=page.content)
            else:
                f = File.generated(config, page.src, abs_src_path=str(pagecache.keep(cache, page.src, page.content)))
            f.edit_uri = page.source.file
            files.append(f)
        for out in built.outputs:
            if out.src is not None:
                files.append(File.generated(config, out.path, abs_src_path=str(out.src)))
            elif cache is None:
                files.append(File.generated(config, out.path, content=out.content or ""))
            else:
                files.append(File.generated(config, out.path, abs_src_path=str(pagecache.keep(cache, out.path, out.content or ""))))
        if cache is not None:
            pagecache.forget_changed(cache, config.site_dir, {f.dest_uri: (f.abs_src_path, f.abs_dest_path) for f in files
                                             if f.abs_src_path and Path(f.abs_src_path).resolve().is_relative_to(root)})
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """For the preview's dirty builds (pagecache): what every page shows besides its own source.

        Every page shows the navigation: a title the configuration gives is part of it; any other
        is read from the page's source (here, before the pages are read, ``Page.title`` is only
        the former), so that source stands in for it."""
        cache = pagecache.folder(self.config.lang)
        if cache is not None and self.config.enabled:
            pages = [(p.title, p.file.src_uri, None if p.title is not None else pagecache.digest(p.file.content_string)) for p in nav.pages]
            pagecache.write_manifest(cache, {f.dest_uri: f.edit_uri or "" for f in files}, config.extra, pages)
        return nav

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        """Point the theme's language alternates at this page's counterparts, for this page only.

        Material prints ``extra.alternate`` (its documented language selector) as the page's
        ``<link rel="alternate" hreflang>`` pair and as the selector's links; as configured they
        name the language roots, which on any other page would contradict the page's own
        counterparts. The page's front matter (``head.switch``) gives them; this page's template
        context gets a copy of the configuration carrying them, and the configuration itself is
        left as it is."""
        meta = page.meta if isinstance(page.meta, dict) else {}
        self._mark_goal(meta, nav)
        head = meta.get("head")
        switch = head.get("switch") if isinstance(head, dict) else None
        other = meta.get("alternate")
        if switch is None and isinstance(other, str) and page.url is not None:
            # An authored page names its counterpart in front matter (``alternate: en/open-data/``).
            here = paths.prefix(self.config.lang) + page.url
            switch = [{"lang": self.config.lang, "link": "./"},
                      *({"lang": x, "link": paths.rel_url(here, other)} for x in paths.LANGS if x != self.config.lang)]
        alternates = config.extra.get("alternate")
        if not self.config.enabled or not isinstance(switch, list) or not isinstance(alternates, list):
            return context
        links = {s.get("lang"): _for_url_filter(str(s.get("link")), page) for s in switch if isinstance(s, dict)}
        per_page = copy.copy(config)
        per_page["extra"] = {**config.extra, "alternate": [
            {**alt, "link": links.get(alt.get("lang")) or alt.get("link")} if isinstance(alt, dict) else alt for alt in alternates]}
        context["config"] = per_page
        return context

    def _mark_goal(self, meta: dict[str, object], nav: Navigation) -> None:
        """An action's page is not in the navigation: its goal's is marked active for this page alone
        (``Page.active``, which marks its section too, as MkDocs marks the current page), so that the
        theme opens the reader's pillar and marks their goal; ``on_post_page`` clears it."""
        goal = navtree.goal_of(str(meta.get("unit", ""))) if self.config.enabled and meta.get("kind") == "action" else None
        src = paths.unit(goal) if goal else None
        self.marked = next((p for p in nav.pages if p.file.src_uri == src), None) if src else None
        if self.marked is not None:
            self.marked.active = True

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Clear the goal marked for an action's page (``_mark_goal``)."""
        if self.marked is not None:
            self.marked.active = False
            self.marked = None
        return output

    def _settings(self, config: MkDocsConfig) -> Settings:
        """The project's settings from this plugin's options (paths relative to mkdocs.yml)."""
        try:
            return Settings.from_options(Path(config.config_file_path).resolve().parent, dict(self.config))
        except SettingsError as e:
            raise PluginError(str(e)) from None
