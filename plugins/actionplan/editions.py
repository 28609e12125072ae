"""Editions: which edition a build is, and the frozen editions stored on a git branch.

A reader who cites release 1.0.0 must read, years later, exactly what 1.0.0 said. The latest
release lives at the permalinks (the site's root) and is rebuilt on every change; each release is
also built *once*, with ``site_url`` at ``…/v/<version>/``, and stored as a commit on a git branch
(``editions``, as mike keeps its versions on ``gh-pages``) that is only ever added to. Every build
of the site then copies the stored editions, byte for byte, into ``site/v/``.

* ``Editions``: which edition a build makes (the latest, or a release being frozen) and which
  frozen editions exist; a build learns it from ``EDITION_ENV`` and ``PUBLISHED_ENV``, set by
  ``engines.build_into`` for the engine it runs;
* ``published`` / ``copy_into``: which editions the branch holds, and their files into a site;
* ``store``: commit a built edition to the branch (``archive.archive`` builds it).

The branch is read with git's plumbing (``ls-tree``, ``archive``) and written the same way
(``read-tree``, ``add`` into a private index, ``write-tree``, ``commit-tree``, ``update-ref``), so the
working tree, the index and the checked-out branch are never touched.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .fields import is_version, version_key
from .index import Index
from .labels import LABELS
from .problems import DataError, Problem, Where

BRANCH = "editions"
class ArchiveError(Exception):
    """Archiving could not be done; the message says why."""


# How a build learns which edition it is (set by `actionplan archive` and `actionplan build`, read
# here only): the release being frozen, and the releases whose frozen editions are published.
EDITION_ENV = "ACTIONPLAN_EDITION"
PUBLISHED_ENV = "ACTIONPLAN_EDITIONS"


@dataclass(frozen=True)
class Editions:
    """Which edition a build is: ``archived`` is the release being frozen under ``v/<it>/`` (None:
    the latest, at the permalinks); ``published`` are the releases whose frozen editions exist."""

    archived: str | None = None
    published: tuple[str, ...] = field(default=())

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Editions:
        env = dict(os.environ) if env is None else env
        archived = env.get(EDITION_ENV) or None
        published = tuple(v for v in (env.get(PUBLISHED_ENV) or "").split() if is_version(v))
        if archived is not None and not is_version(archived):
            raise DataError([Problem(Where("data/changelog.yaml", 0), "release", "version",
                                     f"{EDITION_ENV}={archived!r} is not a release version x.y.z")])
        return cls(archived, published)

    def edition_url(self, site_url: str) -> str:
        """The ``site_url`` of this edition's build: an archived edition lives under ``v/<version>/``."""
        if not site_url or self.archived is None:
            return site_url
        return site_url.rstrip("/") + "/" + paths.edition_root(self.archived)

    def language_url(self, site_url: str, lang: str) -> str:
        """The ``site_url`` a language's build publishes at: this edition's (``edition_url``) under the
        language's prefix. Both builds name the site's root in their configuration; the theme's
        canonical links and sitemap must name where each build's pages really are."""
        base = self.edition_url(site_url)
        return base.rstrip("/") + "/" + paths.prefix(lang) if base and paths.prefix(lang) else base

    def site_root(self, site_url: str) -> str:
        """The site's root URL: an archived edition's ``site_url`` ends in ``v/<version>/``."""
        if not site_url or self.archived is None:
            return site_url
        base = site_url.rstrip("/") + "/"
        tail = paths.edition_root(self.archived)
        return base[: -len(tail)] if base.endswith(tail) else base


def versions_json(ix: Index, published: tuple[str, ...]) -> list[dict[str, Any]]:
    """The published editions, newest first, in mike's ``versions.json`` format (``version``,
    ``title``, ``aliases``: the newest release is ``latest``), with each release's ``date`` and the
    ``units`` it changed (from the changelog), which an old edition's pages read to tell the reader
    whether the unit they show has changed since."""
    newest = ix.plan.releases[0].version if ix.plan.releases else None
    return [{"version": r.version, "title": f"{r.version} ({r.date})", "aliases": ["latest"] if r.version == newest else [],
             "date": r.date, "units": list(r.units)}
            for r in ix.plan.releases if r.version in published]


def theme_extra(ix: Index, lang: str, editions: Editions) -> dict[str, Any]:
    """What the theme's version bar needs (``config.extra.edition``): this edition's version, the
    way up to the site's root, the language's prefix, the published editions and the words."""
    version = ix.plan.releases[0].version if ix.plan.releases else "0.0.0"
    published = sorted({*editions.published, *([editions.archived] if editions.archived else [])},
                       key=version_key, reverse=True)
    L = LABELS[lang]
    return {"version": version, "archived": editions.archived is not None, "root": paths.to_site_root(lang, editions.archived is not None),
            "prefix": paths.prefix(lang), "published": published, "versions_json": paths.VERSIONS,
            "editions": paths.EDITIONS, "changelog": paths.url(paths.CHANGELOG),
            "words": {k: L[k] for k in ("edition_version", "edition_latest", "edition_is_latest", "edition_old",
                                        "edition_changed", "edition_unchanged", "edition_versions", "edition_all")}}



def git(root: Path, *args: str, env: dict[str, str] | None = None, binary: bool = False) -> str:
    result = subprocess.run(["git", *args], cwd=root, env={**os.environ, **(env or {})}, capture_output=True, check=False)
    if result.returncode != 0:
        raise ArchiveError(f"git {' '.join(args)}: {result.stderr.decode(errors='replace').strip()}")
    return "" if binary else result.stdout.decode()


def _ref(root: Path, branch: str) -> str | None:
    """The branch's commit: the local branch, else the remote's (a fresh clone has only that)."""
    for name in (f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
        found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", name + "^{commit}"], cwd=root,
                               capture_output=True, text=True, check=False)
        if found.returncode == 0:
            return found.stdout.strip()
    return None


def published(root: Path, branch: str = BRANCH) -> list[str]:
    """The versions whose frozen editions the branch holds, newest first ([] without a branch or git)."""
    try:
        if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True, check=False).returncode:
            return []
    except OSError:  # no git at all: no stored editions
        return []
    commit = _ref(root, branch)
    if commit is None:
        return []
    names = git(root, "ls-tree", "--name-only", f"{commit}:{paths.EDITIONS.rstrip('/')}").split() if _has_editions(root, commit) else []
    return sorted((n for n in names if is_version(n)), key=version_key, reverse=True)


def _has_editions(root: Path, commit: str) -> bool:
    probe = subprocess.run(["git", "cat-file", "-e", f"{commit}:{paths.EDITIONS.rstrip('/')}"], cwd=root, capture_output=True, check=False)
    return probe.returncode == 0


def copy_into(root: Path, site: Path, branch: str = BRANCH) -> list[str]:
    """Write every stored edition into ``site/v/``, exactly as stored; returns their versions."""
    versions = published(root, branch)
    if not versions:
        return []
    commit = _ref(root, branch)
    assert commit is not None
    data = subprocess.run(["git", "archive", "--format=tar", commit, paths.EDITIONS.rstrip("/")], cwd=root,
                          capture_output=True, check=False)
    if data.returncode != 0:
        raise ArchiveError(f"git archive {branch}: {data.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(data.stdout)) as tar:
        tar.extractall(site, filter="data")
    return versions


def _identity(root: Path) -> dict[str, str]:
    """A committer for the edition's commit where git has none configured (a CI runner, a test)."""
    configured = subprocess.run(["git", "config", "user.email"], cwd=root, capture_output=True, check=False).returncode == 0
    if configured or "GIT_COMMITTER_EMAIL" in os.environ:
        return {}
    who = {"NAME": "actionplan archive", "EMAIL": "actionplan-archive@localhost"}
    return {f"GIT_{role}_{k}": v for role in ("AUTHOR", "COMMITTER") for k, v in who.items()}


def store(root: Path, tree: Path, version: str, branch: str) -> None:
    """Commit ``tree``'s ``v/<version>/`` to ``branch`` as the frozen edition of ``version``."""
    parent = _ref(root, branch)
    local = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"], cwd=root,
                           capture_output=True, text=True, check=False).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="actionplan-index-") as idx:
        env = {"GIT_INDEX_FILE": str(Path(idx) / "index")}
        if parent:
            git(root, "read-tree", parent, env=env)
        git(root, f"--work-tree={tree}", "add", "--force", "--", paths.edition_root(version).rstrip("/"), env=env)
        sha = git(root, "write-tree", env=env).strip()
    message = f"edition {version}: the release frozen at {paths.edition_root(version)} (never rebuilt)"
    commit = git(root, "commit-tree", sha, *(["-p", parent] if parent else []), "-m", message, env=_identity(root)).strip()
    git(root, "update-ref", f"refs/heads/{branch}", commit, local)
