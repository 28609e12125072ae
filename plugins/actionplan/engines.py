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
from typing import Any

import yaml

from . import paths
from .search import index_site
from .site import Editions, edition, load_all, source_base, theme_extra

ENGINES = ("mkdocs", "properdocs", "zensical")
# (configuration file, the site folder it builds into, relative to the site root), per language.
CONFIGS = {"zh": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en")}
PLUGIN = "actionplan"


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


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs' and Material's banners, not build output
    return env


def run_engine(engine: str, config: Path, site_dir: Path | None, cwd: Path) -> None:
    """One strict build of ``config`` (into ``site_dir``; None: the config's own ``site_dir``,
    which is how Zensical is told, since it resolves that setting beside the config file)."""
    cmd = [*_command(engine), "build", "-f", str(config), "--strict"]
    if site_dir is not None:
        cmd += ["-d", str(site_dir)]
    proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _running.append(proc)
    try:
        out, err = proc.communicate()
    finally:
        _running.remove(proc)
    said = out + err
    if proc.returncode != 0:
        raise BuildFailed(f"{engine} build -f {config.name} failed:\n{said.strip()}")


# -- generate ------------------------------------------------------------------------------

class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the one tag we use, ``!ENV [NAME, default]``."""


def _env_tag(loader: _ConfigLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *keys, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[k] for k in keys if k in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(path: Path) -> dict[str, Any]:
    """A configuration file with its ``INHERIT`` merged in (mappings merged, the rest replaced)."""
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        return _merge(read_config(path.parent / parent), data)
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _plugin_options(cfg: dict[str, Any]) -> dict[str, Any]:
    for item in cfg.get("plugins", []):
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
        if item == PLUGIN:
            return {}
    raise BuildFailed(f"{PLUGIN}: the plugin is not listed in the configuration's 'plugins'")


def generate(root: Path, out: Path) -> list[Path]:
    """Write the edition as plain files into ``out``: one docs folder and one configuration
    per language (``out/mkdocs.yml`` for the site root, ``out/mkdocs.en.yml``), with the authored
    pages, the generated pages and files, and a copy of the theme overrides. Returns the
    configuration files, in the order they must be built (the root first: it cleans its site).
    """
    root = root.resolve()
    out.mkdir(parents=True, exist_ok=True)
    configs: list[Path] = []
    ix = None
    editions = Editions.from_env()
    for lang, (name, sub) in CONFIGS.items():
        cfg = read_config(root / name)
        opts = _plugin_options(cfg)
        if ix is None:
            ix = load_all(root / opts.get("data_dir", "data"), root / opts.get("commentary_dir", "content/commentary"), root,
                          require_translations=opts.get("require_translations", True), strict_counts=opts.get("strict_counts", True))
        docs = (root / cfg.get("docs_dir", "docs")).resolve()
        target = out / lang
        if target.exists():
            shutil.rmtree(target)
        excluded = [(docs / line.strip().strip("/")).resolve() for line in str(cfg.get("exclude_docs") or "").splitlines() if line.strip()]
        excluded.append((root / opts.get("commentary_dir", "content/commentary")).resolve())
        for f in sorted(docs.rglob("*")):
            if f.is_file() and not any(f.resolve().is_relative_to(x) for x in excluded):
                dest = target / f.relative_to(docs)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)
        repo_blob = source_base(cfg.get("edit_uri"), cfg.get("repo_url"))
        assets = root / opts.get("assets_dir", "content/assets")
        if cfg.get("site_url"):
            cfg["site_url"] = editions.edition_url(str(cfg["site_url"]))
        built = edition(ix, lang, str(cfg.get("site_url") or ""), repo_blob,
                        assets=None if assets.resolve().is_relative_to(docs) else assets,
                        editions=editions)
        cfg["extra"] = {**(cfg.get("extra") or {}), "edition": theme_extra(ix, lang, editions)}
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
        if sub and cfg.get("site_url"):
            cfg["site_url"] = str(cfg["site_url"]).rstrip("/") + "/" + paths.prefix(lang)
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


def build_into(root: Path, site: Path, engine: str = "mkdocs", work: Path | None = None) -> None:
    """Build the edition with ``engine`` into the (empty or absent) folder ``site``, then its
    search index (Pagefind, over the HTML of both builds, so search is the same on every engine)."""
    if engine not in ENGINES:
        raise BuildFailed(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    from . import editions
    from .site import EDITION_ENV, PUBLISHED_ENV

    latest = not os.environ.get(EDITION_ENV)  # not a frozen edition being made by `actionplan archive`
    stored = editions.published(root) if latest else []
    with editions.environ(**({PUBLISHED_ENV: " ".join(stored)} if latest else {})):
        _build_engine(root, site, engine, work)
    try:
        index_site(site)
    except RuntimeError as e:
        raise BuildFailed(f"search index: {e}") from None
    if latest:
        # After indexing: each stored edition carries its own search index, and the latest's
        # search finds only the latest.
        try:
            editions.copy_into(root, site)
        except editions.ArchiveError as e:
            raise BuildFailed(f"stored editions: {e}") from None


def _build_engine(root: Path, site: Path, engine: str, work: Path | None) -> None:
    if engine == "zensical":
        gen = work or site.with_name(site.name + ".generated")
        for config in generate(root, gen):  # the root's build first: each build empties its site_dir
            run_engine(engine, config, None, gen)
        shutil.rmtree(site, ignore_errors=True)
        (gen / "site").rename(site)
    else:
        for name, sub in CONFIGS.values():
            run_engine(engine, root / name, site / sub if sub else site, root)


def build(root: Path, site_dir: Path, engine: str = "mkdocs") -> None:
    """Strict build into a sibling temp folder; ``site_dir`` is replaced only on success."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    with _cleaned_on_term(tmp):
        try:
            build_into(root, tmp / "site", engine, work=tmp / "generated")
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
