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
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

PLUGIN = "actionplan"
# Per language: its configuration file and the folder of the site it builds into (relative to the root).
CONFIGS = {"zh": ("mkdocs.yml", ""), "en": ("mkdocs.en.yml", "en")}


_KIND = {str: "a folder name (text)", bool: "true or false"}


class SettingsError(Exception):
    """The configuration cannot give settings; the message names the file and the option."""


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
        try:
            return cls.from_options(root, plugin_options(read_config(path)))
        except (OSError, yaml.YAMLError) as e:
            raise SettingsError(f"{config}: cannot be read: {e}") from None
        except SettingsError as e:  # each problem on its own line, naming the file
            raise SettingsError("\n".join(f"{config}: {line}" for line in str(e).splitlines())) from None


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
