"""Every published release as its edition, wherever the site is built.

A release is published once its changelog entry records ``commit`` (``published.py``). Its
edition, ``v/<version>/``, is that commit's own site: the commit's files (``git archive``) built
with the commit's own ``plugins/`` on ``PYTHONPATH`` (the installed plugin for a project that
keeps none in its repository), as ``bench/same_site.py`` builds a commit, dated by the commit
(``SOURCE_DATE_EPOCH``) and addressed at ``<site_url>v/<version>/``.
So a fresh clone, ``make serve`` and CI's preview show every release as the deployed site does,
and what a reader cites is what that release's code made of that release's data.

* ``recorded``: the releases with a recorded commit (read from the changelog file alone);
* ``edition``: a release's built edition, from the cache ``.cache/editions/<version>-<commit>-<url>/``
  (gitignored), built there once;
* ``published`` / ``copy_into``: the editions of a build (the editions branch's, then the recorded
  ones it lacks) and their files into a site. Where the editions branch holds a version, its copy
  is the authority and is used as stored (``verify`` rebuilds and compares).
"""

from __future__ import annotations

import filecmp
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

from . import editions as stored
from . import paths
from .editions import ArchiveError
from .fields import is_version, version_key
from .pdf import render_all
from .published import has_history

CACHE = Path(".cache") / "editions"
SKIP = ("pagefind",)  # Pagefind's index files differ from run to run, whatever their input

# Run by the release's own interpreter path: that commit's build of its edition. A commit that
# knows editions builds one (its version bar, its v/ address); an older one builds its site at the
# edition's address.
DRIVER = """
import os, subprocess, sys
from pathlib import Path
tree, out, version, site_url, older = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5].split()
os.chdir(tree)
import actionplan
# Asked of the package's files, not of imports: a module the commit lacks could be found elsewhere
# (an editable install of the current plugin).
package = Path(actionplan.__file__).parent
if not all((package / m).is_file() for m in ("editions.py", "settings.py", "engines.py")):
    os.environ["SITE_URL"] = site_url.rstrip("/") + "/v/" + version + "/"
    sys.exit(subprocess.call([sys.executable, "-m", "actionplan.cli", "build", "-d", str(out)]))
from actionplan.editions import Editions
from actionplan.engines import build_into
from actionplan.settings import Settings
os.environ["SITE_URL"] = site_url
build_into(Settings.read(tree), out, "mkdocs", work=out.parent / "generated", editions=Editions(version, tuple(older)))
"""


def recorded(changelog: Path) -> list[tuple[str, str]]:
    """(version, commit) of every release whose entry records its commit, newest first ([] when
    the file cannot be read: ``check`` reports that)."""
    try:
        entries = yaml.safe_load(changelog.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError):
        return []
    out = [(str(e["version"]), str(e["commit"])) for e in entries if isinstance(e, dict) and e.get("commit")
           and is_version(str(e.get("version")))] if isinstance(entries, list) else []
    return sorted(out, key=lambda vc: version_key(vc[0]), reverse=True)


def published(root: Path, changelog: Path) -> list[str]:
    """The editions a build of the latest shows: the editions branch's and the recorded releases', newest first
    (the branch's alone in a copy without the history to build the others from)."""
    built = [v for v, _ in recorded(changelog)] if has_history(changelog) else []
    return sorted({*stored.published(root), *built}, key=version_key, reverse=True)


def _older(changelog: Path, version: str) -> tuple[str, ...]:
    return tuple(v for v, _ in recorded(changelog) if version_key(v) < version_key(version))


def edition(root: Path, changelog: Path, version: str, commit: str, site_url: str) -> Path:
    """The folder holding release ``version``'s edition as built from ``commit`` (built now if the
    cache lacks it). ``site_url`` is the site's root; the edition lives at ``v/<version>/`` under it."""
    key = hashlib.sha256(site_url.encode()).hexdigest()[:12]
    cache = root / CACHE / f"{version}-{commit}-{key}"
    if (cache / "site").is_dir():
        return cache / "site"
    when = stored.git(root, "log", "-1", "--format=%ct", commit).strip()
    with tempfile.TemporaryDirectory(prefix="actionplan-release-") as tmp_name:  # outside the repository
        tmp = Path(tmp_name)
        tree, out = tmp / "tree", tmp / "site"
        data = subprocess.run(["git", "archive", "--format=tar", commit], cwd=root, capture_output=True, check=False)
        if data.returncode != 0:
            raise ArchiveError(f"release {version}: git archive {commit[:12]}: {data.stderr.decode(errors='replace').strip()}")
        with tarfile.open(fileobj=io.BytesIO(data.stdout)) as tar:
            tar.extractall(tree, filter="data")
        env = {k: v for k, v in os.environ.items() if k not in (stored.EDITION_ENV, stored.PUBLISHED_ENV)}
        if (tree / "plugins" / "actionplan").is_dir():  # the commit's own plugin, alone (else the one installed)
            env["PYTHONPATH"] = str(tree / "plugins")
        env.update({"SOURCE_DATE_EPOCH": when, "NO_MKDOCS_2_WARNING": "1"})
        done = subprocess.run([sys.executable, "-c", DRIVER, str(tree), str(out), version, site_url,
                               " ".join(_older(changelog, version))], cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0 or not (out / "index.html").is_file():
            said = (done.stdout + done.stderr).strip().splitlines()[-15:]
            raise ArchiveError(f"release {version}: the build of its commit {commit[:12]} failed:\n" + "\n".join(said))
        if (out / paths.WHOLE_PDF).parent.is_dir():  # a release with the whole-plan page: its PDFs, frozen with it
            render_all(out)
        part = cache / "site.part"
        shutil.rmtree(part, ignore_errors=True)
        part.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(out, part)
        part.rename(cache / "site")
    return cache / "site"


def copy_into(root: Path, site: Path, changelog: Path, site_url: str) -> list[str]:
    """Write every edition into ``site/v/``: the editions branch's exactly as stored, then each
    recorded release the branch lacks, built from its commit (cached). Returns their versions."""
    on_branch = stored.copy_into(root, site)
    if not has_history(changelog):  # a copy without the repository's history cannot build from commits
        print(f"editions: {changelog} is not in a git checkout of its own; the editions of recorded releases are left out",
              file=sys.stderr)
        return published(root, changelog)
    for version, commit in recorded(changelog):
        if version not in on_branch:
            shutil.copytree(edition(root, changelog, version, commit, site_url), site / paths.edition_root(version), dirs_exist_ok=True)
    return published(root, changelog)


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ between two editions, Pagefind's index and the PDFs aside (``make archive``
    prints those into the stored copy; a build never makes them)."""
    def files(d: Path) -> dict[str, Path]:
        return {p.relative_to(d).as_posix(): p for p in d.rglob("*")
                if p.is_file() and p.relative_to(d).parts[0] not in SKIP and p.suffix != ".pdf"}
    fa, fb = files(a), files(b)
    return sorted({*(fa.keys() ^ fb.keys()), *(k for k in fa.keys() & fb.keys() if not filecmp.cmp(fa[k], fb[k], shallow=False))})
