"""Published releases, decided from the repository itself: a release is published once its entry
in ``data/changelog.yaml`` records ``commit``, the commit whose tree is that release.

* ``frozen_problems``: a published entry must read, field for field, as it did at its commit
  (``check`` and every build refuse a published release that was extended afterwards), that
  commit must be in the repository, and no release older than a published one may lack its own;
* ``publish``: record the newest release's commit (``actionplan publish``), once its entry and
  its data are committed.

The changelog at a commit is read with ``git show``; outside a git work tree (a copy of the files)
nothing can be compared, and nothing is reported. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, Where
from .records import Release

FIELDS = ("version", "date", "summary", "units", "record")


class PublishError(Exception):
    """``publish`` could not record the commit; the message says why and what to do."""


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as e:  # no git at all
        return subprocess.CompletedProcess(args, 127, "", str(e))


def in_git(folder: Path) -> bool:
    return folder.is_dir() and _git(folder, "rev-parse", "--is-inside-work-tree").stdout.strip() == "true"


def has_history(changelog: Path) -> bool:
    """Whether git tracks ``changelog``: a checkout has the history releases are recorded in; a copy
    of the project (a download, or a copy inside another checkout) has none of its own."""
    return in_git(changelog.parent) and _git(changelog.parent, "ls-files", "--error-unmatch", changelog.name).returncode == 0


def entry_at(changelog: Path, commit: str, version: str) -> dict[str, Any] | None:
    """The release ``version`` as ``changelog`` gave it at ``commit`` (None: not there)."""
    shown = _git(changelog.parent, "show", f"{commit}:./{changelog.name}")
    try:
        entries = yaml.safe_load(shown.stdout) if shown.returncode == 0 else None
    except yaml.YAMLError:
        return None
    for e in entries if isinstance(entries, list) else []:
        if isinstance(e, dict) and str(e.get("version")) == version:
            return e
    return None


def _fields(r: Release | dict[str, Any]) -> dict[str, Any]:
    """The fields a reader sees of a release, from the record or from a raw YAML entry."""
    if isinstance(r, Release):
        return {"version": r.version, "date": r.date, "summary": {"en": r.summary.en, "zh": r.summary.zh},
                "units": list(r.units), "record": list(r.record)}
    raw = r.get("summary")
    summary: dict[Any, Any] = raw if isinstance(raw, dict) else {}
    return {"version": str(r.get("version")), "date": str(r.get("date")),
            "summary": {k: str(v) for k, v in summary.items()},
            "units": [str(u) for u in r.get("units") or []], "record": [str(u) for u in r.get("record") or []]}


def frozen_problems(releases: tuple[Release, ...], changelog: Path) -> list[Problem]:
    """Every way the changelog extends or misrecords a published release (none without the history
    they are recorded in: see ``has_history``)."""
    if not releases or not has_history(changelog):
        return []
    problems: list[Problem] = []
    published_newer: str | None = None
    for r in releases:
        subject = f"release {r.version}"

        def at(field: str, r: Release = r) -> Where:
            return Where(r.where.file, r.lines.get(field, r.where.line))

        if r.commit is None:
            if published_newer:
                problems.append(Problem(at("version"), subject, "commit",
                                        f"missing, though the newer release {published_newer} is published: record the commit "
                                        "whose tree is this release"))
            continue
        published_newer = published_newer or r.version
        if _git(changelog.parent, "cat-file", "-e", f"{r.commit}^{{commit}}").returncode != 0:
            problems.append(Problem(at("commit"), subject, "commit",
                                    f"{r.commit} is not a commit of this repository (a shallow clone? run git fetch --unshallow)"))
            continue
        then = entry_at(changelog, r.commit, r.version)
        if then is None:
            problems.append(Problem(at("commit"), subject, "commit",
                                    f"the changelog at {r.commit[:12]} has no release {r.version}: record the commit whose tree is this release"))
            continue
        old, now = _fields(then), _fields(r)
        for f in FIELDS:
            if old[f] != now[f]:
                problems.append(Problem(at(f), subject, f,
                                        f"release {r.version} was published at commit {r.commit[:12]} and is frozen, but this differs "
                                        f"from its entry there; restore it and put the change in a new release "
                                        f"(make release VERSION=x.y.z)"))
    return problems


def publish(root: Path, changelog: Path, newest: Release, ref: str = "HEAD") -> tuple[str, int]:
    """Record ``ref`` as the commit of ``newest`` (the changelog's newest release) in ``changelog``.
    ``ref``'s changelog must hold the entry as it is now, and the data and commentary in the work
    tree must be ``ref``'s: the recorded commit is then exactly the release. Returns the commit and
    the line written."""
    if newest.commit is not None:
        raise PublishError(f"{newest.where}: release {newest.version}: commit: published already at {newest.commit}; "
                           "open a new release for further changes (make release VERSION=x.y.z)")
    if not in_git(root):
        raise PublishError(f"{root}: not a git work tree; a release is published at a commit")
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise PublishError(f"{ref}: not a commit of this repository")
    commit = found.stdout.strip()
    then = entry_at(changelog, commit, newest.version)
    if then is None or _fields(then) != _fields(newest):
        raise PublishError(f"{newest.where}: release {newest.version}: the entry differs at {commit[:12]} ({ref}): commit it first")
    folders = [str(changelog.parent), str(root / "content")]
    if _git(root, "diff", "--quiet", commit, "--", *folders).returncode != 0 or \
            _git(root, "ls-files", "--others", "--exclude-standard", "--", *folders).stdout.strip():
        raise PublishError(f"data/ or content/ differ from {commit[:12]} ({ref}): commit or set aside those changes first, "
                           "so that the recorded commit is exactly the release")
    lines = changelog.read_text(encoding="utf-8").splitlines(keepends=True)
    start = newest.where.line - 1
    if not (0 <= start < len(lines)) or not re.match(r"-\s+version:", lines[start]):
        raise PublishError(f"{newest.where}: release {newest.version}: expected '- version:' on this line")
    lines.insert(start + 1, f"  commit: {commit}\n")
    changelog.write_text("".join(lines), encoding="utf-8")
    return commit, start + 2
