"""``actionplan release x.y.z``: open the next release in ``data/changelog.yaml``.

The version lives in one place, the newest entry of the changelog (the build, the citations and
the export all read it from there). A release adds that entry, dated today, with ``units``
(and ``record``, the entries of the record it adds or changes) filled in from ``git diff``
against the commit the previous release recorded when it was published (``commit``, never a
tag): each changed line of ``data/`` or of the
commentary is mapped to the unit whose record holds it, using the file:line positions the loader
records. Then it runs ``check``. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from bisect import bisect_right
from pathlib import Path

import yaml

from .chars import bad_character
from .fields import version_key
from .index import Index
from .records import Release

PLACEHOLDER_EN = "TODO: say what changed, for readers."
PLACEHOLDER_ZH = "TODO：为读者说明本次修改。"
VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# A hunk header of `git diff -U0`: the old side (start, count), then the new side.
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", re.M)


class ReleaseError(Exception):
    """A user error: printed as one line, never a traceback."""


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def previous_ref(root: Path, newest: Release) -> str:
    """The commit the previous release recorded when it was published (never a tag, which a clone
    may not have): the next release names what changed since exactly that tree."""
    if newest.commit is None:
        raise ReleaseError(f"{newest.where}: release {newest.version}: commit: none recorded, so it is not published yet; "
                           f"extend it (add to its units by hand) instead of opening another, or publish it first "
                           f"(make publish) once it is merged")
    found = subprocess.run(["git", "-C", str(root), "rev-parse", "-q", "--verify", f"{newest.commit}^{{commit}}"],
                           capture_output=True, text=True)
    if found.returncode != 0:
        raise ReleaseError(f"{newest.where}: release {newest.version}: commit: {newest.commit} is not in this repository "
                           "(a shallow clone? run git fetch --unshallow)")
    return newest.commit


def changed_lines(root: Path, ref: str, folders: list[str]) -> dict[str, list[int]]:
    """File (relative to ``root``) → changed lines, on the working tree's side of ``git diff ref``.
    A deletion counts as the line before it (``-U0`` places a pure deletion after that line), so
    lines cut from the end of a record count for that record; a file that git does not track
    yet, as all its lines."""
    out: dict[str, list[int]] = {}
    diff = _git(root, "diff", "-U0", "--no-color", "--no-ext-diff", "--relative", ref, "--", *folders)
    for chunk in re.split(r"^diff --git ", diff, flags=re.M)[1:]:
        m = re.search(r"^\+\+\+ (?:b/(.*)|/dev/null)$", chunk, re.M)
        if not m or m.group(1) is None:
            # A deleted file: its units are gone, and validation refuses a changelog that names them.
            continue
        lines = out.setdefault(m.group(1), [])
        for h in HUNK.finditer(chunk):
            start, count = int(h.group(3)), int(h.group(4) or "1")
            lines.extend(range(start, start + count) if count else [max(start, 1)])
    for f in _git(root, "ls-files", "--others", "--exclude-standard", "--", *folders).splitlines():
        out[f] = list(range(1, len((root / f).read_text(encoding="utf-8").splitlines()) + 2))
    return out


def _targets(text: str) -> set[str]:
    """The ``targets`` of a commentary file's front matter (empty if it does not parse)."""
    m = re.match(r"---\n(.*?)\n---", text, re.S)
    try:
        front = yaml.safe_load(m.group(1)) if m else None
    except yaml.YAMLError:
        return set()
    targets = front.get("targets") if isinstance(front, dict) else None
    return {str(t) for t in targets} if isinstance(targets, list) else set()


_OLD_ENTRY = re.compile(r"^-\s+id:\s*['\"]?([^'\"\s#]+)", re.M)


def record_changes(ix: Index, root: Path, ref: str, data_dir: Path) -> tuple[list[str], set[str]]:
    """The entries of ``data/record.yaml`` changed since ``ref``, in the file's order, and the units
    the changed or deleted entries related to in ``ref`` (a unit an entry dropped, or an entry
    that is gone, changed that unit's "Since the plan").

    Each entry runs from its own line to the next one's. Lines are read on both sides of the
    diff: an added or changed line is mapped to the entry that now holds it, a removed one to the
    entry that held it in ``ref``'s file, so cutting a whole entry changes neither neighbour."""
    record_file = (data_dir / "record.yaml").resolve()
    rel = record_file.relative_to(root.resolve()).as_posix()
    new_starts = sorted((i.where.line, i.id) for i in ix.plan.record)
    if _git(root, "ls-files", "--others", "--exclude-standard", "--", rel).strip():
        return [i.id for i in ix.plan.record], set()
    old = subprocess.run(["git", "-C", str(root), "show", f"{ref}:./{rel}"], capture_output=True, text=True)
    old_text = old.stdout if old.returncode == 0 else ""
    old_starts = [(old_text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _OLD_ENTRY.finditer(old_text)]

    def holder(starts: list[tuple[int, str]], line: int) -> str | None:
        k = bisect_right([s[0] for s in starts], line) - 1
        return starts[k][1] if k >= 0 else None

    touched: set[str] = set()
    diff = _git(root, "diff", "-U0", "--no-color", "--no-ext-diff", "--relative", ref, "--", rel)
    for h in HUNK.finditer(diff):
        a, b, c, d = int(h.group(1)), int(h.group(2) or "1"), int(h.group(3)), int(h.group(4) or "1")
        touched.update(x for x in (holder(old_starts, line) for line in range(a, a + b)) if x)
        touched.update(x for x in (holder(new_starts, line) for line in range(c, c + d)) if x)
    before_units: set[str] = set()  # what the touched entries related to in ref: a unit dropped from an entry changed too
    if touched and old_text:
        try:
            before = yaml.safe_load(old_text)
        except yaml.YAMLError:
            before = None
        for entry in before if isinstance(before, list) else []:
            if isinstance(entry, dict) and entry.get("id") in touched and isinstance(entry.get("units"), list):
                before_units.update(str(u["unit"]) for u in entry["units"] if isinstance(u, dict) and u.get("unit"))
    return [i.id for i in ix.plan.record if i.id in touched], before_units


def changed_units(ix: Index, root: Path, ref: str, data_dir: Path, commentary_dir: Path,
                  record: tuple[list[str], set[str]] | None = None) -> list[str]:
    """The units whose records hold a changed line, in reading order, then the commentary units.

    A record runs from its own line to the next record's in the same file: a pillar, goal or
    action in ``data/pillars/``, a translation entry, a key of ``plan.yaml`` (``intro`` is a
    unit); a changed footnote changes every unit that cites it; a commentary file is its unit,
    and a change to its ``targets`` also changes the units it gained or lost; a changed entry of
    the record changes the units it relates to (their "Since the plan"; ``record``: what
    ``record_changes`` found, if the caller has it already); a change to ``commentary.yaml`` (the
    commentary's provenance) changes every commentary unit."""
    plan = ix.plan
    known = set(plan.unit_ids())
    starts: dict[str, list[tuple[int, str | None]]] = {}

    def mark(file: str, line: int, unit: str | None) -> None:
        starts.setdefault(file, []).append((line, unit))

    plan_file = plan.source.file
    for key, line in plan.lines.items():
        if "." not in key:
            mark(plan_file, line, "intro" if key == "intro" else None)
    for u in plan.units():
        if u.id != "intro":  # the introduction lives in plan.yaml, marked by its keys above
            mark(u.where.file, u.where.line, u.id)
    for entries in plan.translations.values():
        for uid, t in entries.items():
            mark(t.where.file, t.where.line, uid if uid in known else None)
    footnote_of: dict[tuple[str, int], int] = {}
    for f in plan.footnotes:
        mark(f.where.file, f.where.line, None)
        footnote_of[(f.where.file, f.where.line)] = f.number
    for c in plan.critiques:
        mark(c.where.file, 1, c.id)

    folders = [p.resolve().relative_to(root.resolve()).as_posix() for p in (data_dir, commentary_dir)]
    changed = changed_lines(root, ref, folders)
    found: set[str] = set()
    crit_files = {c.where.file: c for c in plan.critiques}
    for file, lines in changed.items():
        if file in crit_files:
            c = crit_files[file]
            found.add(c.id)
            old = subprocess.run(["git", "-C", str(root), "show", f"{ref}:./{file}"], capture_output=True, text=True)
            before = _targets(old.stdout) if old.returncode == 0 else set()
            found |= before ^ set(c.targets)
            continue
        records = sorted(starts.get(file, []))
        if not records:
            continue
        lines_only = [r[0] for r in records]
        for line in lines:
            i = bisect_right(lines_only, line) - 1
            if i < 0:
                continue
            start, unit = records[i]
            if unit is not None:
                found.add(unit)
            elif (file, start) in footnote_of:
                found.update(ix.cited_by.get(footnote_of[(file, start)], []))
    source = plan.commentary_source  # the commentary's provenance shows on every critique page and in its citations
    if source is not None and source.where.file in changed:
        found.update(c.id for c in plan.critiques)
    changed_entries, lost = record if record is not None else record_changes(ix, root, ref, data_dir)
    for iid in changed_entries:
        found.update(link.unit for link in ix.instruments[iid].units)
    found.update(u for u in lost if u in known)
    order = plan.unit_ids() + [c.id for c in plan.critiques]
    return [u for u in order if u in found and u != "plan"]


def entry(version: str, date: str, units: list[str], en: str, zh: str, record: list[str] | None = None) -> str:
    """The changelog entry as YAML text, in the file's own style (summaries as folded blocks)."""
    return (f"- version: {version}\n  date: {date}\n  summary:\n    en: >-\n      {en}\n    zh: >-\n      {zh}\n"
            f"  units: [{', '.join(units)}]\n" + (f"  record: [{', '.join(record)}]\n" if record else ""))


def release(root: Path, data_dir: Path, commentary_dir: Path, version: str, ix: Index,
            date: str | None = None, en: str | None = None, zh: str | None = None) -> tuple[Path, int, list[str], list[str]]:
    """Write the new entry at the top of the changelog; returns the file, the entry's line, its
    units and its entries of the record."""
    if not VERSION.match(version):
        raise ReleaseError(f"version {version!r}: expected x.y.z (three numbers, no leading zeros)")
    changelog = data_dir / "changelog.yaml"
    releases = ix.plan.releases
    if not releases:
        raise ReleaseError(f"{changelog}: no release yet; write the first one by hand")
    newest = releases[0]
    if version_key(version) <= version_key(newest.version):
        raise ReleaseError(f"version {version} must be above the newest release, {newest.version}")
    date = date or dt.date.today().isoformat()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date) or date < newest.date:
        raise ReleaseError(f"date {date}: expected YYYY-MM-DD, not before {newest.version}'s {newest.date}")
    ref = previous_ref(root, newest)
    changes = record_changes(ix, root, ref, data_dir)
    units = changed_units(ix, root, ref, data_dir, commentary_dir, changes)
    record = changes[0]
    for flag, text in (("--en", en), ("--zh", zh)):
        why = None if text is None else ("is empty" if not text.strip() else bad_character(text)
                                         or ("must be one line: it contains a line break" if "\n" in text else None))
        if why:  # refused before anything is written, in the words check would use
            raise ReleaseError(f"{flag}: the summary {why}")
    lines = changelog.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("- "))
    lines.insert(at, entry(version, date, units, en or PLACEHOLDER_EN, zh or PLACEHOLDER_ZH, record))
    changelog.write_text("".join(lines), encoding="utf-8")
    return changelog, at + 1, units, record
