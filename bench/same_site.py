"""Is the built site byte-identical at two commits? The proof a restructuring changed no output.

    .venv/bin/python bench/same_site.py BASE [OTHER]

builds the edition at the commit ``BASE`` and at ``OTHER`` (default: the working tree, as it is
now, uncommitted changes included) with the same interpreter, the same ``SOURCE_DATE_EPOCH``
and the same ``SITE_URL``, then compares every file of the two sites byte for byte and prints
each one that differs, is missing or is extra. ``pagefind/`` is left out: Pagefind's own index
files are not stable from one run to the next, whatever their input. With ``--engine zensical``
it compares the folders ``actionplan generate`` writes instead (the pages every engine builds).

Each commit is checked out into a temporary worktree and built with its own ``plugins/`` first on
``PYTHONPATH``, so the code being built is that commit's, not the installed package. Exits 0 when
the sites are identical, 1 when they differ. While restructuring, ``--keep DIR`` saves BASE's
build, and a folder given as BASE is compared as it is, so the base is built once.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = ("pagefind",)


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] not in SKIP}


def build_at(ref: str | None, into: Path, engine: str) -> Path:
    """Build ``ref`` (None: the working tree) into ``into``; returns the site (or generated) folder."""
    if ref is None:
        tree = ROOT
    else:
        tree = into / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(tree), ref],
                       check=True, capture_output=True, text=True)
        shared = ROOT.parent / "shared"  # the tests' official sources sit beside the project
        if shared.exists() and not (tree.parent / "shared").exists():
            (tree.parent / "shared").symlink_to(shared)
    env = {**os.environ, "PYTHONPATH": str(tree / "plugins"), "SOURCE_DATE_EPOCH": "1753315200",
           "SITE_URL": "https://example.org/edition/", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ACTIONPLAN_EDITION", None)
    out = into / ("generated" if engine == "zensical" else "site")
    cmd = [sys.executable, "-m", "actionplan.cli"]
    cmd += ["generate", str(out)] if engine == "zensical" else ["build", "-d", str(out)]
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the build at {ref or 'the working tree'} failed:\n{done.stdout}{done.stderr}")
    return out


def compare(a: Path, b: Path) -> list[str]:
    fa, fb = _files(a), _files(b)
    diffs = [f"only in BASE:  {p}" for p in sorted(fa.keys() - fb.keys())]
    diffs += [f"only in OTHER: {p}" for p in sorted(fb.keys() - fa.keys())]
    diffs += [f"differs:       {p}" for p in sorted(fa.keys() & fb.keys()) if not filecmp.cmp(fa[p], fb[p], shallow=False)]
    return diffs


def digest(site: Path) -> str:
    h = hashlib.sha256()
    for rel, p in _files(site).items():
        h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base", help="a commit (hash, branch or tag), or a folder saved by --keep")
    ap.add_argument("other", nargs="?", help="another commit (default: the working tree)")
    ap.add_argument("--keep", type=Path, default=None, help="also copy BASE's build here, to pass as BASE next time")
    ap.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-site-") as tmp:
        trees = []
        try:
            sites = []
            for name, ref in (("base", args.base), ("other", args.other)):
                if ref is not None and Path(ref).is_dir():  # a site built earlier (--keep), as it is
                    sites.append(Path(ref))
                    continue
                where = Path(tmp) / name
                where.mkdir()
                if ref is not None:
                    trees.append(where / "tree")
                sites.append(build_at(ref, where, args.engine))
            if args.keep:
                shutil.rmtree(args.keep, ignore_errors=True)
                shutil.copytree(sites[0], args.keep)
            diffs = compare(*sites)
            n = len(_files(sites[0]))
            print(f"BASE  {args.base}: {n} files, sha256 {digest(sites[0])}")
            print(f"OTHER {args.other or 'working tree'}: {len(_files(sites[1]))} files, sha256 {digest(sites[1])}")
        finally:
            for t in trees:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(t)], capture_output=True)
    for d in diffs:
        print(d)
    print("identical (pagefind/ excluded)" if not diffs else f"{len(diffs)} files differ")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
