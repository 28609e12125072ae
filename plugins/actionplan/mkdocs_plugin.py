"""The MkDocs adapter: the edition's generated pages and files, handed to MkDocs (or ProperDocs).

Everything the edition is comes from the engine-free core (``site.load_all`` and
``site.edition``); this module only speaks MkDocs' documented plugin API: a typed ``Config``,
``on_config`` and ``on_files``, ``File.generated``, ``Files.append`` / ``Files.remove``,
``File.edit_uri`` and ``PluginError``. MkDocs then renders the generated pages like authored
ones (Markdown, table of contents, anchors, link validation). Each language is its own build
(``mkdocs.yml`` for Chinese, ``mkdocs.en.yml`` for English, which inherits it); ``lang`` tells
the plugin which one it is in.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import paths
from .problems import DataError
from .site import Editions, edition, load_all, source_base, theme_extra

log = get_plugin_logger(__name__)


class ActionPlanConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    """Generate the edition's pages; off only to build the authored pages alone."""
    lang = c.Choice(paths.LANGS, default=paths.DEFAULT_LANG)
    """The language this build publishes (``zh`` at the site root, ``en`` under ``en/``)."""
    data_dir = c.Type(str, default="data")
    """Folder of the plan's YAML, relative to mkdocs.yml."""
    commentary_dir = c.Type(str, default="content/commentary")
    """Folder of the commentary units, relative to mkdocs.yml. Its files are data: where it lies
    inside docs_dir, they are taken out of the build, and the plugin renders their pages."""
    assets_dir = c.Type(str, default="content/assets")
    """The shared CSS and script (relative to mkdocs.yml), copied into the builds whose docs_dir
    does not hold it, so that every language's site is whole."""
    require_translations = c.Type(bool, default=True)
    """A missing translation fails the build instead of silently showing only the original."""
    strict_counts = c.Type(bool, default=True)
    """The data must hold exactly the plan's counts (3/30/103): an accidental deletion fails loudly."""


class ActionPlanPlugin(BasePlugin[ActionPlanConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False
    base_url = ""  # the site_url of this edition's root: the site's root, or an archived edition's
    editions = Editions()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Refuse configurations that would publish broken citations."""
        if not self.config.enabled:
            return config
        if not config.site_url:
            log.warning("site_url is not set: permalinks and citations would point nowhere (set site_url in mkdocs.yml)")
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
            config.site_url = self.base_url
        if config.site_url and self.config.lang != paths.DEFAULT_LANG:
            # Both builds name the site's root in site_url; this one publishes under its prefix,
            # and the theme's canonical links and sitemap must say so.
            config.site_url = config.site_url.rstrip("/") + "/" + paths.prefix(self.config.lang)
        data_dir = self._root(config) / self.config.data_dir
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
        root = self._root(config)
        try:
            ix = load_all(root / self.config.data_dir, root / self.config.commentary_dir, root,
                          require_translations=self.config.require_translations, strict_counts=self.config.strict_counts)
        except DataError as e:
            raise PluginError(str(e)) from None
        docs = Path(config.docs_dir).resolve()
        docs_rel = os.path.relpath(docs, root).replace(os.sep, "/")
        commentary = (root / self.config.commentary_dir).resolve()
        for f in list(files):
            path = Path(f.abs_src_path).resolve() if f.abs_src_path else None
            if path is not None and path.is_relative_to(commentary):
                files.remove(f)  # commentary units are data; their pages are generated
            elif f.is_documentation_page():
                f.edit_uri = f"{docs_rel}/{f.src_uri}"  # edit_uri points at the repository root
        repo_blob = source_base(config.edit_uri, config.repo_url)
        assets = root / self.config.assets_dir
        # The theme's version bar (overrides/main.html) reads the edition from config.extra; its
        # version comes from the changelog, known only now that the data is loaded.
        config.extra["edition"] = theme_extra(ix, self.config.lang, self.editions)
        built = edition(ix, self.config.lang, self.base_url, repo_blob,
                        assets=None if assets.resolve().is_relative_to(docs) else assets, redirects=getattr(ix.plan, "redirects", ()),
                        editions=self.editions)
        for page in built.pages:
            if files.get_file_from_path(page.src) is not None:
                log.info(f"{page.src}: an authored page exists, it wins over the generated one")
                continue
            f = File.generated(config, page.src, content=page.content)
            f.edit_uri = page.source.file
            files.append(f)
        for out in built.outputs:
            if out.src is not None:
                files.append(File.generated(config, out.path, abs_src_path=str(out.src)))
            else:
                files.append(File.generated(config, out.path, content=out.content or ""))
        return files

    @staticmethod
    def _root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent
