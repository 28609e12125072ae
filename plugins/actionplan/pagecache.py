"""Page sources kept on disk between builds, for the preview's incremental (``--dirty``) builds.

MkDocs' documented ``build --dirty`` rebuilds a page only when its source file is newer than the
page it built last time; a page generated from a string has no such file and is always rebuilt.
So when the preview asks for it (the environment variable ``ACTIONPLAN_PAGE_CACHE`` names a
folder), the plugin writes each generated page source and file into that folder, **only when its
text changed**, and hands MkDocs the file (``File.generated(..., abs_src_path=...)``) instead
of the string: a one-word edit then rewrites the few sources whose text it changes, and a dirty
build renders those pages alone. The files MkDocs reads from the project itself (authored pages,
assets) are followed by their text too (``forget_changed``): a modification time can mislead (a
file restored with its old time, or saved while a build was reading it).

A page's HTML also depends on what is not in its source: the configuration and theme (the
preview rebuilds from scratch when those change), the set of files (links, and pages removed
leave their old HTML behind), ``config.extra`` (the version bar) and the navigation, which every
page shows (with the titles of the pages in it, taken from their sources where the configuration
gives none). The plugin writes those into ``manifest.json`` beside the sources on every build;
when it differs from the last one, the preview rebuilds that language from scratch.

Nothing here imports MkDocs: the plugin and the preview server both use it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

ENV = "ACTIONPLAN_PAGE_CACHE"
MANIFEST = "manifest.json"
SOURCES = "sources.json"


def folder(lang: str) -> Path | None:
    """This language's cache folder, if the preview asked for one; None in every other build."""
    base = os.environ.get(ENV)
    return Path(base) / lang if base else None


def keep(cache: Path, rel: str, content: str) -> Path:
    """The file ``cache/rel`` holding ``content``, written only if it does not hold it already
    (so that its modification time says when its text last changed)."""
    path = cache / rel
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return path
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def forget_changed(cache: Path, site_dir: str, sources: dict[str, tuple[str, str]]) -> None:
    """``sources``: each file MkDocs reads from the project, by its output path, as (source,
    output in ``site_dir``). Where a source's text changed since the last build into
    ``site_dir``, remove its output, which a dirty build then makes again, whatever the source's
    modification time; then remember the texts (per site folder: the preview has two)."""
    record = cache / SOURCES
    try:
        known: dict[str, dict[str, str]] = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    before = known.get(site_dir, {})
    now: dict[str, str] = {}
    for key, (src, out) in sources.items():
        try:
            now[key] = hashlib.sha256(Path(src).read_bytes()).hexdigest()
        except OSError:
            continue
        if before.get(key) != now[key]:
            Path(out).unlink(missing_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    # Written after the removals: a build stopped in between leaves no output it should have removed.
    record.write_text(json.dumps({**known, site_dir: now}, sort_keys=True), encoding="utf-8")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_manifest(cache: Path, files: dict[str, str], extra: Any, nav: list[tuple[str | None, str, str | None]]) -> None:
    """What every page of the build depends on besides its own source: each file's output path
    with its edit link (``files``), the theme's ``extra`` settings, and the navigation's pages
    in order, each with its configured title, or else the digest of its source."""
    body = json.dumps({"files": files, "extra": extra, "nav": nav}, ensure_ascii=False, sort_keys=True, default=str)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / MANIFEST).write_text(body, encoding="utf-8")


def read_manifest(cache: Path) -> str | None:
    try:
        return (cache / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return None
