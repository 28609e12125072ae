"""``actionplan archive``: store every published release's edition on the editions branch, once.

A release is published when its changelog entry records its commit (``published.py``); its
edition is built from that commit (``rebuild.edition``, the commit's own code and data) and stored
on the editions branch (``editions.store``), which is then the authority: a version the branch
holds is never rebuilt, and ``verify`` checks that a rebuild from the recorded commit still gives
the stored files (Pagefind's index and the PDFs aside: a build does not print them, ``pdf.py`` does).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from . import paths, rebuild
from .editions import BRANCH, ArchiveError, copy_into, published, store
from .settings import CONFIGS, Settings, read_config


def _site_url(root: Path) -> str:
    site_url = str(read_config(root / CONFIGS[paths.DEFAULT_LANG][0]).get("site_url") or "")
    if not site_url:
        raise ArchiveError("site_url is not set: a frozen edition must know its address (set SITE_URL)")
    return site_url


def archive(root: Path, branch: str = BRANCH) -> tuple[list[str], list[str]]:
    """Store each published release the branch lacks, oldest first. Returns (the versions stored
    now, the versions the branch held already)."""
    root = root.resolve()
    changelog = Settings.read(root).data / "changelog.yaml"
    have = published(root, branch)
    missing = [(v, c) for v, c in reversed(rebuild.recorded(changelog)) if v not in have]
    if not missing:
        return [], have
    site_url = _site_url(root)
    for version, commit in missing:
        built = rebuild.edition(root, changelog, version, commit, site_url)
        with tempfile.TemporaryDirectory(prefix="actionplan-edition-") as tmp:
            tree = Path(tmp)
            shutil.copytree(built, tree / paths.edition_root(version))  # its PDFs included (rebuild.edition)
            store(root, tree, version, branch)
    return [v for v, _ in missing], have


def verify(root: Path, branch: str = BRANCH) -> dict[str, list[str]]:
    """Rebuild each stored edition of a published release from its recorded commit and compare:
    version → the files that differ (none: the stored copy is what its commit builds)."""
    root = root.resolve()
    changelog = Settings.read(root).data / "changelog.yaml"
    have = published(root, branch)
    site_url = _site_url(root)
    out: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="actionplan-verify-") as tmp:
        copy_into(root, Path(tmp), branch)
        for version, commit in rebuild.recorded(changelog):
            if version in have:
                out[version] = rebuild.differences(Path(tmp) / paths.edition_root(version),
                                                   rebuild.edition(root, changelog, version, commit, site_url))
    return out
