"""Building the edition with an engine, and the folder of pages for engines that run no plugins.

The edition is two builds (``mkdocs.yml``: Chinese at the site root; ``mkdocs.en.yml``: English
under ``en/``). Each engine is run through its own command line, the interface it documents:

* ``mkdocs`` and ``properdocs`` build from the project itself, our plugin and all;
* ``zensical`` runs no plugins, so ``generate`` first writes the very pages the plugin would
  have made into a folder, with configuration files that name it, and Zensical builds those.

``build`` writes into a temporary folder next to the site and swaps it in only when every
step succeeded, so a failed or interrupted build never leaves a half-written site.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import yaml

from . import editions as stored
from . import navtree, rebuild
from .editions import EDITION_ENV, PUBLISHED_ENV, Editions, theme_extra
from .pages.hubs import not_found
from .search import index_site
from .settings import CONFIGS, PLUGIN, Settings, read_config
from .site import language_build, load, source_base

ENGINES = ("mkdocs", "properdocs", "zensical")


_running: list[subprocess.Popen[str]] = []  # the engine processes of this build, stopped with it


class BuildFailed(Exception):
    """A build step failed; the message says which, and what the engine said."""


def _command(engine: str) -> list[str]:
    """The engine's command line, from the environment this package runs in."""
    here = Path(sys.executable).parent
    if engine in ("mkdocs", "properdocs"):
        return [sys.executable, "-m", engine]
    exe = here / engine
    return [str(exe if exe.exists() else shutil.which(engine) or engine)]


def engine_env(editions: Editions) -> dict[str, str]:
    """The engine's environment: ours, with the edition it builds (read by the plugin, ``Editions.from_env``)."""
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs' and Material's banners, not build output
    env[EDITION_ENV] = editions.archived or ""
    env[PUBLISHED_ENV] = " ".join(editions.published)
    return env


def run_engine(engine: str, config: Path, site_dir: Path | None, cwd: Path, editions: Editions | None = None) -> None:
    """One strict build of ``config`` (into ``site_dir``; None: the config's own ``site_dir``,
    which is how Zensical is told, since it resolves that setting beside the config file)."""
    cmd = [*_command(engine), "build", "-f", str(config), "--strict"]
    if site_dir is not None:
        cmd += ["-d", str(site_dir)]
    proc = subprocess.Popen(cmd, cwd=cwd, env=engine_env(editions or Editions()), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _running.append(proc)
    try:
        out, err = proc.communicate()
    finally:
        _running.remove(proc)
    said = out + err
    if proc.returncode != 0:
        raise BuildFailed(f"{engine} build -f {config.name} failed:\n{said.strip()}")


# -- generate ------------------------------------------------------------------------------

def generate(settings: Settings, out: Path, editions: Editions | None = None) -> list[Path]:
    """Write the edition as plain files into ``out``: one docs folder and one configuration
    per language (``out/mkdocs.yml`` for the site root, ``out/mkdocs.en.yml``), with the authored
    pages, the generated pages and files, and a copy of the theme overrides. Returns the
    configuration files, in the order they must be built (the root first: it cleans its site).
    """
    root = settings.root
    editions = editions or Editions()
    out.mkdir(parents=True, exist_ok=True)
    configs: list[Path] = []
    ix = load(settings)
    for lang, (name, sub) in CONFIGS.items():
        cfg = read_config(root / name)
        docs = (root / cfg.get("docs_dir", "docs")).resolve()
        target = out / lang
        if target.exists():
            shutil.rmtree(target)
        excluded = [(docs / line.strip().strip("/")).resolve() for line in str(cfg.get("exclude_docs") or "").splitlines() if line.strip()]
        excluded.append(settings.commentary.resolve())
        for f in sorted(docs.rglob("*")):
            if f.is_file() and not any(f.resolve().is_relative_to(x) for x in excluded):
                dest = target / f.relative_to(docs)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)
        repo_blob = source_base(cfg.get("edit_uri"), cfg.get("repo_url"))
        site_url = str(cfg.get("site_url") or "")
        built = language_build(ix, lang, editions.edition_url(site_url), repo_blob, assets=settings.assets_outside(docs), editions=editions)
        cfg["extra"] = {**(cfg.get("extra") or {}), "edition": theme_extra(ix, lang, editions), "notfound": not_found(ix)}
        if cfg.get("nav"):
            cfg["nav"] = navtree.grow(cfg["nav"], built.tree)
        for page in built.pages:
            dest = target / page.src
            if not dest.exists():  # an authored page wins over a generated one
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(page.content, encoding="utf-8")
        for o in built.outputs:
            dest = target / o.path
            dest.parent.mkdir(parents=True, exist_ok=True)
            if o.src is not None:
                shutil.copyfile(o.src, dest)
            else:
                dest.write_text(o.content or "", encoding="utf-8")
        cfg["plugins"] = [p for p in cfg.get("plugins", []) if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
        # Search is the edition's own (Pagefind, run after the build): an engine's built-in
        # search, on by default where it exists, is turned off by its documented setting.
        cfg["plugins"].append({"search": {"enabled": False}})
        cfg["docs_dir"] = lang
        cfg["site_dir"] = f"site/{sub}" if sub else "site"
        cfg.pop("watch", None)
        cfg.pop("exclude_docs", None)
        # Generated pages have no source in this folder to edit; their data lives in the project.
        cfg["edit_uri"] = ""
        theme = cfg.get("theme") or {}
        if isinstance(theme, dict) and theme.get("custom_dir"):
            custom = root / theme["custom_dir"]
            shutil.copytree(custom, out / "overrides", dirs_exist_ok=True)
            theme["custom_dir"] = "overrides"
        if site_url:
            cfg["site_url"] = editions.language_url(site_url, lang)
        config_file = out / name
        config_file.write_text("# Written by `actionplan generate`: the edition's pages for engines that run no plugins.\n"
                               + yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs.append(config_file)
    return configs


# -- build ---------------------------------------------------------------------------------

@contextmanager
def _cleaned_on_term(path: Path) -> Iterator[None]:
    """Remove ``path`` if the build is stopped by SIGTERM (or SIGINT), then stop as asked."""
    def stop(signum: int, frame: FrameType | None) -> None:
        for proc in list(_running):  # an engine still writing would recreate the folder
            proc.terminate()
            proc.wait()
        shutil.rmtree(path, ignore_errors=True)
        raise SystemExit(128 + signum)

    old = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def build_into(settings: Settings, site: Path, engine: str = "mkdocs", work: Path | None = None,
               editions: Editions | None = None) -> None:
    """Build the edition with ``engine`` into the (empty or absent) folder ``site``, then its
    search index (Pagefind, over the HTML of both builds, so search is the same on every engine).

    ``editions`` says which edition this is; by default the latest, with every published release's
    edition under ``v/`` (``rebuild``; ``actionplan archive`` passes the release it freezes)."""
    if engine not in ENGINES:
        raise BuildFailed(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    root = settings.root
    latest = editions is None or editions.archived is None
    changelog = settings.data / "changelog.yaml"
    if editions is None:
        editions = Editions(None, tuple(rebuild.published(root, changelog)))
    _build_engine(settings, site, engine, work, editions)
    try:
        index_site(site)
    except RuntimeError as e:
        raise BuildFailed(f"search index: {e}") from None
    if latest:
        # After indexing: each edition carries its own search index, and the latest's search
        # finds only the latest. Every published release: the editions branch's as stored, the
        # others built from their recorded commits (cached, so a build pays for each once).
        try:
            rebuild.copy_into(root, site, changelog, str(read_config(root / CONFIGS["zh"][0]).get("site_url") or ""))
        except stored.ArchiveError as e:
            raise BuildFailed(f"editions: {e}") from None


def _build_engine(settings: Settings, site: Path, engine: str, work: Path | None, editions: Editions) -> None:
    if engine == "zensical":
        gen = work or site.with_name(site.name + ".generated")
        for config in generate(settings, gen, editions):  # the root's build first: each build empties its site_dir
            run_engine(engine, config, None, gen, editions)
        shutil.rmtree(site, ignore_errors=True)
        (gen / "site").rename(site)
    else:
        for name, sub in CONFIGS.values():
            run_engine(engine, settings.root / name, site / sub if sub else site, settings.root, editions)


def build(settings: Settings, site_dir: Path, engine: str = "mkdocs") -> None:
    """Strict build into a sibling temp folder; ``site_dir`` is replaced only on success."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    with _cleaned_on_term(tmp):
        try:
            build_into(settings, tmp / "site", engine, work=tmp / "generated")
            old = site_dir.with_name(f".{site_dir.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            if site_dir.exists():
                site_dir.rename(old)
            (tmp / "site").rename(site_dir)
            if old.exists():
                shutil.rmtree(old, ignore_errors=True)
                if old.exists():  # e.g. a read-only site/ folder: the new site is in place, but say so
                    raise BuildFailed(f"built {site_dir}, but could not remove the previous site at {old}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
