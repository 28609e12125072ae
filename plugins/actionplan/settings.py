"""The one object holding the project's paths and the plugin's options: ``Settings``.

Every entry point receives one: the MkDocs adapter makes it from its configured options
(``Settings.from_options``), and ``check``, ``generate``, ``build``, ``serve``, ``release`` and
``archive`` read the same options from the project's ``mkdocs.yml`` (``Settings.read``). So the
folders a build reads are the folders ``check`` checks, whatever ``mkdocs.yml`` says, and each
default is written once, here.

The configuration files are read as MkDocs reads them for what we use of them: ``INHERIT``
merged in, and the one tag we use, ``!ENV [NAME, default]``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from .chars import bad_character
from .fields import url_problem

PLUGIN = "actionplan"
# Per language: its configuration file and the folder of the site it builds into (relative to the root).
CONFIGS = {"zh": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en")}


_KIND = {str: "a folder name (text)", bool: "true or false"}


class SettingsError(Exception):
    """The configuration cannot give settings: one line per problem, each naming the file and the
    option (values in them are quoted with repr, so none holds a line break of its own)."""

    @property
    def lines(self) -> list[str]:
        return str(self).split("\n")


@dataclass(frozen=True)
class Settings:
    """Where the project's inputs are, and how strictly they are checked."""

    root: Path
    """The project folder, holding mkdocs.yml; every path below is relative to it."""
    data_dir: str = "data"
    """Folder of the plan's YAML."""
    commentary_dir: str = "content/commentary"
    """Folder of the commentary units. Its files are data: where it lies inside docs_dir, they are
    taken out of the build, and their pages are generated."""
    assets_dir: str = "content/assets"
    """The shared CSS and script, copied into the builds whose docs_dir does not hold it, so that
    every language's site is whole."""
    require_translations: bool = True
    """A missing translation fails the build instead of silently showing only the original."""
    strict_counts: bool = True
    """The data must hold exactly the plan's counts (3/30/103): an accidental deletion fails loudly."""

    @property
    def data(self) -> Path:
        return self.root / self.data_dir

    @property
    def commentary(self) -> Path:
        return self.root / self.commentary_dir

    @property
    def assets(self) -> Path:
        return self.root / self.assets_dir

    def assets_outside(self, docs: Path) -> Path | None:
        """The assets folder where a build must copy it in (it lies outside ``docs``), else None."""
        return None if self.assets.resolve().is_relative_to(docs.resolve()) else self.assets

    @classmethod
    def from_options(cls, root: Path, options: Mapping[str, Any]) -> Settings:
        """Settings from the plugin's options as configured (unknown keys are the adapter's own)."""
        known = {f.name for f in fields(cls)} - {"root"}
        values = {k: v for k, v in options.items() if k in known}
        wrong = [f"plugins.{PLUGIN}.{key}: expected {_KIND[type(getattr(cls, key))]}, got {value!r}"
                 for key, value in values.items() if type(value) is not type(getattr(cls, key))]
        if wrong:
            raise SettingsError("\n".join(wrong))
        return cls(root=root.resolve(), **values)

    @classmethod
    def read(cls, root: Path, config: str = CONFIGS["zh"][0]) -> Settings:
        """Settings from the plugin's options in ``root/config``; the defaults where the project
        has no such file (a bare data folder, as ``check --root`` may be given)."""
        path = root / config
        if not path.is_file():
            return cls(root=root.resolve())
        known = [n for n, _ in CONFIGS.values()]
        names = [n for n in known if n == config or (root / n).is_file()] + ([] if config in known else [config])
        cfgs: dict[str, dict[str, Any]] = {}
        for name in names:  # each read once
            try:
                cfgs[name] = read_config(root / name)
            except (OSError, yaml.YAMLError) as e:
                raise SettingsError(f"{name}: cannot be read: {' '.join(str(e).split())}") from None
        # What the theme prints from each language's configuration is checked here too, so that
        # check refuses what the build would publish; every problem is listed, each naming its file.
        wrong = [f"{name}: {line}" for name in names for line in config_problems(cfgs[name])]
        try:
            settings = cls.from_options(root, plugin_options(cfgs[config]))
        except SettingsError as e:
            wrong += [f"{config}: {line}" for line in e.lines]
        if wrong:
            raise SettingsError("\n".join(wrong))
        return settings


# -- the configuration files ---------------------------------------------------------------

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


def plugin_options(cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Our plugin's options in a configuration; an error if the plugin is not listed."""
    for item in cfg.get("plugins", []) or []:
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
        if item == PLUGIN:
            return {}
    raise SettingsError(f"plugins: the {PLUGIN} plugin is not listed")


# -- what the theme prints ------------------------------------------------------------------

_MARKUP = '<>"`'  # what would be markup where the theme prints a value raw (its header, <title>, <meta>)
_RELATIVE = re.compile(r"[A-Za-z0-9._~/-]*")


def _text_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected text, got {type(value).__name__}"
    markup = next((c for c in _MARKUP if c in value), None)
    return bad_character(value) or (f"contains {markup!r}, which the theme prints as it is, as markup; write plain text" if markup else None)


def config_problems(cfg: Mapping[str, Any]) -> list[str]:
    """The values of a configuration that the theme prints into every page, checked as data is:
    plain text without markup, and safe URLs (https, but site_url's http preview)."""
    out: list[str] = []
    for key in ("site_name", "site_description", "copyright"):
        if cfg.get(key) is not None:
            why = _text_problem(cfg[key])
            if why:
                out.append(f"{key}: {why}")
    for key, http in (("site_url", True), ("repo_url", False), ("edit_uri", False)):
        value = cfg.get(key)
        if value:
            why = url_problem(value, http) if isinstance(value, str) else f"expected a URL, got {type(value).__name__}"
            if why:
                out.append(f"{key}: {why}")
    extra = cfg.get("extra") or {}
    for i, item in enumerate(extra.get("social") or [] if isinstance(extra, Mapping) else []):
        link = item.get("link") if isinstance(item, Mapping) else None
        why = url_problem(link) if isinstance(link, str) else "expected a link"
        if why:
            out.append(f"extra.social[{i}].link: {why}")
        if isinstance(item, Mapping) and item.get("name") is not None and _text_problem(item["name"]):
            out.append(f"extra.social[{i}].name: {_text_problem(item['name'])}")
    for i, item in enumerate(extra.get("alternate") or [] if isinstance(extra, Mapping) else []):
        link = item.get("link") if isinstance(item, Mapping) else None
        if not isinstance(link, str) or not _RELATIVE.fullmatch(link) or link.startswith("//"):
            out.append(f"extra.alternate[{i}].link: {str(link)[:60]!r} is not a relative path of the site")
    return out
