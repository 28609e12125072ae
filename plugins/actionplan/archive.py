"""``actionplan archive``: freeze the newest release as its edition, ``v/<version>/``, once.

The edition is built with ``site_url`` at its frozen address (``Editions.archived``) and stored on
the editions branch (``editions.store``); a version the branch holds already is refused, never
rebuilt, since readers cite what it says.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from . import paths
from .editions import BRANCH, ArchiveError, Editions, git, published, store
from .engines import build_into
from .pdf import render_all
from .settings import CONFIGS, Settings, read_config
from .site import load


def _project_at(root: Path, ref: str, out: Path) -> Path:
    """The project as it is now, with the data and commentary of ``ref``: an edition is its
    release's text, rendered by today's toolchain on the day it is frozen."""
    files = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
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
    root = root.resolve()
    with tempfile.TemporaryDirectory(prefix="actionplan-edition-") as tmp_name:
        tmp = Path(tmp_name)
        project = root if ref is None else _project_at(root, ref, tmp / "project")
        settings = Settings.read(project)
        cfg = read_config(project / CONFIGS[paths.DEFAULT_LANG][0])
        ix = load(settings)
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
        # The build puts site_url under v/<version>/ itself (editions.Editions.edition_url).
        build_into(settings, target, engine, work=tmp / "generated", editions=Editions(version, tuple(have)))
        # The PDF of the annotated edition in each language, frozen with it (pdf.py).
        render_all(target)
        store(root, tree, version, branch)
        return version, True


