"""Frozen editions: every release is published once, under ``v/<version>/``, and never rebuilt.

A reader who cites release 1.0.0 must read, years later, exactly what 1.0.0 said. The latest
release lives at the permalinks (the site's root) and is rebuilt on every change; each release is
also built *once*, with ``site_url`` at ``…/v/<version>/``, and stored as a commit on a git branch
(``editions``, as mike keeps its versions on ``gh-pages``) that is only ever added to. Every build
of the site then copies the stored editions, byte for byte, into ``site/v/``.

* ``archive`` (``actionplan archive``): build the newest release of the changelog as its frozen
  edition and commit it to the branch; a version already there is refused, never rebuilt.
* ``published`` / ``copy_into``: which editions the branch holds, and their files into a site.

The branch is read with git's plumbing (``ls-tree``, ``archive``) and written the same way
(``read-tree``, ``add`` into a private index, ``write-tree``, ``commit-tree``, ``update-ref``), so the
working tree, the index and the checked-out branch are never touched.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import paths

BRANCH = "editions"
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


class ArchiveError(Exception):
    """Archiving could not be done; the message says why."""


def _git(root: Path, *args: str, env: dict[str, str] | None = None, binary: bool = False) -> str:
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


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


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
    names = _git(root, "ls-tree", "--name-only", f"{commit}:{paths.EDITIONS.rstrip('/')}").split() if _has_editions(root, commit) else []
    return sorted((n for n in names if _VERSION.match(n)), key=_key, reverse=True)


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


@contextmanager
def environ(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _project_at(root: Path, ref: str, out: Path) -> Path:
    """The project as it is now, with the data and commentary of ``ref``: an edition is its
    release's text, rendered by today's toolchain on the day it is frozen."""
    files = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, files):
        src = root / name
        if src.is_file():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, out / name)
    for folder in ("data", "content/commentary"):
        shutil.rmtree(out / folder, ignore_errors=True)
    data = subprocess.run(["git", "archive", "--format=tar", ref, "data", "content/commentary"], cwd=root, capture_output=True, check=False)
    if data.returncode != 0:
        raise ArchiveError(f"git archive {ref}: {data.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(data.stdout)) as tar:
        tar.extractall(out, filter="data")
    return out


def archive(root: Path, engine: str = "mkdocs", ref: str | None = None, branch: str = BRANCH) -> tuple[str, bool]:
    """Freeze the newest release of the changelog (at ``ref``'s data, or the working tree's) as
    ``v/<version>/`` on ``branch``. Returns (version, whether it was archived now): a version the
    branch holds already is left as it is, since a published edition is never rebuilt."""
    from .engines import build_into, read_config
    from .site import EDITION_ENV, PUBLISHED_ENV, load_all

    root = root.resolve()
    with tempfile.TemporaryDirectory(prefix="actionplan-edition-") as tmp_name:
        tmp = Path(tmp_name)
        project = root if ref is None else _project_at(root, ref, tmp / "project")
        cfg = read_config(project / "mkdocs.yml")
        ix = load_all(project / "data", project / "content" / "commentary", project)
        if not ix.plan.releases:
            raise ArchiveError("data/changelog.yaml has no release to archive")
        version = ix.plan.releases[0].version
        have = published(root, branch)
        if version in have:
            return version, False
        if not cfg.get("site_url"):
            raise ArchiveError("site_url is not set: a frozen edition must know its address (set SITE_URL)")
        tree = tmp / "tree"
        target = tree / paths.edition_root(version)
        # The build puts site_url under v/<version>/ itself (site.Editions.edition_url).
        with environ(**{EDITION_ENV: version, PUBLISHED_ENV: " ".join(have)}):
            build_into(project, target, engine, work=tmp / "generated")
        _commit(root, tree, version, branch)
        return version, True


def _identity(root: Path) -> dict[str, str]:
    """A committer for the edition's commit where git has none configured (a CI runner, a test)."""
    configured = subprocess.run(["git", "config", "user.email"], cwd=root, capture_output=True, check=False).returncode == 0
    if configured or "GIT_COMMITTER_EMAIL" in os.environ:
        return {}
    who = {"NAME": "actionplan archive", "EMAIL": "actionplan-archive@localhost"}
    return {f"GIT_{role}_{k}": v for role in ("AUTHOR", "COMMITTER") for k, v in who.items()}


def _commit(root: Path, tree: Path, version: str, branch: str) -> None:
    parent = _ref(root, branch)
    local = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"], cwd=root,
                           capture_output=True, text=True, check=False).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="actionplan-index-") as idx:
        env = {"GIT_INDEX_FILE": str(Path(idx) / "index")}
        if parent:
            _git(root, "read-tree", parent, env=env)
        _git(root, f"--work-tree={tree}", "add", "--force", "--", paths.edition_root(version).rstrip("/"), env=env)
        sha = _git(root, "write-tree", env=env).strip()
    message = f"edition {version}: the release frozen at {paths.edition_root(version)} (never rebuilt)"
    commit = _git(root, "commit-tree", sha, *(["-p", parent] if parent else []), "-m", message, env=_identity(root)).strip()
    _git(root, "update-ref", f"refs/heads/{branch}", commit, local)
