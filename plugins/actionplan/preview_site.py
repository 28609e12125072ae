"""What the preview (``make serve``) serves, part by part: the parts of the site (each language,
the search index, the stored editions), the folders that hold them, copied with unchanged files
hard-linked so that a folder shown is never written again, and what changed in the sources.
``preview.Preview`` builds them; ``serve`` answers requests from them.
"""

from __future__ import annotations

import contextlib
import filecmp
import itertools
import os
import re
import shutil
import signal
import subprocess
import threading
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

from . import paths
from .fields import is_version
from .search import BUNDLE
from .settings import CONFIGS

WATCHED = ("data", "content", "overrides", "plugins/actionplan", "mkdocs.yml", "mkdocs.en.yml")
DATA = ("data", "content")  # what a dirty build follows; a change anywhere else builds from scratch
LANGS: tuple[str, ...] = tuple(CONFIGS)
ROOT_LANG = next(lang for lang, (_, sub) in CONFIGS.items() if not sub)
SEARCH = "search"
EDITIONS = "editions"
# The parts of the site, each shown from a folder of its own: URL prefix (the first segment).
PREFIX: dict[str, str] = {**{lang: sub for lang, (_, sub) in CONFIGS.items()}, SEARCH: BUNDLE, EDITIONS: paths.EDITIONS.strip("/")}
INCREMENTAL = ("mkdocs", "properdocs")  # the engines that run our plugin, and have --dirty
DIRTY_NOTICE = "'dirty' build is being performed"

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(root: Path) -> Fingerprint:
    """What the watched sources look like now: every file with its size and modification time."""
    out: list[tuple[str, int, int]] = []
    for name in WATCHED:
        p = root / name
        files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts) if p.is_dir() else []
        for f in files:
            try:
                st = f.stat()
            except OSError:  # removed while we looked
                continue
            out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)


def part_of(url_path: str) -> str:
    """Which part of the site a URL path is in: a language, the search index, or the stored
    editions (``v/<version>/``; ``v/versions.json`` beside them is the root language's build's)."""
    first, _, rest = unquote(url_path.split("?", 1)[0].split("#", 1)[0]).lstrip("/").partition("/")
    if first == PREFIX[EDITIONS]:
        return EDITIONS if is_version(rest.partition("/")[0]) else ROOT_LANG
    return next((part for part, prefix in PREFIX.items() if prefix and first == prefix), ROOT_LANG)


_OURS = re.compile(r"^\s*(\S[^:\n]*:[0-9]*: .+|\S+\.(?:ya?ml|md): .+)$")


def problems_in(said: str) -> str:
    """What a failed build's output says to a contributor: our problems alone
    (``path:line: record: field: message``, as ``check`` prints them) where it holds any; else the
    engine's own words without its progress notes (INFO records and the lists under them) and the
    closing 'Aborted with a BuildError!'."""
    ours = [m.group(1) for m in map(_OURS.match, said.splitlines()) if m and not m.group(1).startswith(("INFO", "WARNING", "ERROR"))]
    if ours:
        return "\n".join(ours)
    kept: list[str] = []
    info = False
    for line in said.splitlines():
        if line.startswith(("INFO", "DEBUG")) or DIRTY_NOTICE in line:
            info = True
            continue
        if info and line.startswith("  - "):
            continue
        info = False
        if not line.startswith("Aborted with a BuildError"):
            kept.append(line)
    return "\n".join(kept).strip()


class Step(NamedTuple):
    """A build step that was shown: the part (a language, ``search``, or ``all``), how it was built
    (``dirty``, ``clean``, ``strict`` in quiet time, ``index``), and its seconds from start to shown."""

    part: str
    how: str
    seconds: float


class Stopped(Exception):
    """The sources changed while a build step ran: its result is outdated."""


def files_of(folder: Path | None, part: str | None = None) -> dict[str, Path]:
    """Every file under ``folder`` by its path relative to it; with ``part``, ``folder`` holds
    that part of the site, and its subfolders that are other parts' are left out."""
    out: dict[str, Path] = {}
    if folder is None or not folder.is_dir():
        return out
    for top, dirs, names in os.walk(folder):
        here = Path(top)
        rel = here.relative_to(folder).as_posix()
        if part is not None:
            url = "/".join(x for x in (PREFIX[part], "" if rel == "." else rel) if x)
            dirs[:] = [d for d in dirs if part_of(f"/{url}/{d}/".replace("//", "/")) == part]
        for name in names:
            out[name if rel == "." else f"{rel}/{name}"] = here / name
    return out


def copy_tree(src: Path, dest: Path, before: Path | None, part: str | None = None) -> int:
    """Copy ``src`` (of ``part``: see ``_files``) into the new folder ``dest``, each file the same
    as in ``before`` (the copy shown now) hard-linked to it instead; returns how many files
    differ from ``before``."""
    old = files_of(before, part)
    new = files_of(src, part)
    changed = len(old.keys() - new.keys())
    for rel, path in new.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        prev = old.get(rel)
        if prev is not None:
            a, b = path.stat(), prev.stat()
            if a.st_size == b.st_size and (a.st_mtime_ns == b.st_mtime_ns or filecmp.cmp(path, prev, shallow=False)):
                try:
                    os.link(prev, target)
                    continue
                except OSError:
                    pass
        shutil.copy2(path, target)  # with its modification time: unchanged next time, it is linked
        changed += prev is None or not filecmp.cmp(path, prev, shallow=False)
    return changed


def stop_process(proc: subprocess.Popen[bytes] | None) -> None:
    """Stop a build step's process and every process it started."""
    if proc is not None and proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)




def discard_since(target: Path, started: int) -> None:
    """After a build that was stopped or crashed: remove what it wrote (a file cut short
    would look newer than its source to the next dirty build), so that it is built again."""
    limit = started - 2_000_000_000  # file times lag the clock a little: a margin, rebuilt harmlessly
    for path in files_of(target).values():
        try:
            if path.stat().st_mtime_ns >= limit:
                path.unlink()
        except OSError:
            pass


class Shown:
    """What the server shows: per part of the site, its folder and version; the parts older than
    the sources (``stale``); the last build's problem (``error``); the language being read."""

    def __init__(self, work: Path, wait: float) -> None:
        self.work = work
        self.wait = wait
        self.cond = threading.Condition()
        self.shown: dict[str, Path | None] = dict.fromkeys(PREFIX)
        self.versions: dict[str, int] = dict.fromkeys(PREFIX, 0)
        self.error: str | None = None
        self.stale: set[str] = set()
        self.viewed = ROOT_LANG
        self.busy = False
        self.generation = 0
        self.unverified: set[str] = set()  # languages built dirty since their last strict build
        self._serial = itertools.count(1)
        self._retired: list[Path] = []

    def view(self, part: str) -> None:
        """A reader is looking at ``part``: a language, built first on the next change."""
        if part in LANGS:
            with self.cond:
                self.viewed = part


    def fresh(self, part: str) -> bool:
        """Wait (at most ``wait`` seconds) until ``part`` is built from the sources as they are."""
        with self.cond:
            return self.cond.wait_for(lambda: part not in self.stale, timeout=self.wait)


    def folder(self, part: str) -> Path | None:
        with self.cond:
            return self.shown[part]


    def state(self, page: str = "/") -> dict[str, Any]:
        """What a page's script polls: its part's version (a new one: reload), the problem, and
        whether its part is being rebuilt; ``pending``, ``busy`` and ``unverified`` (the languages
        whose strict check is still to come) say what else is to come."""
        part = part_of(page)
        with self.cond:
            return {"version": self.versions[part], "error": self.error, "stale": part in self.stale,
                    "pending": sorted(self.stale), "busy": self.busy, "unverified": sorted(self.unverified)}


    def idle(self, timeout: float) -> bool:
        """Wait until nothing is stale or being built (tests, the benchmark)."""
        with self.cond:
            return self.cond.wait_for(lambda: not self.stale and not self.busy, timeout=timeout)

    # -- running -------------------------------------------------------------------------


    def _busy(self, busy: bool) -> None:
        with self.cond:
            self.busy = busy
            self.cond.notify_all()


    def _show(self, parts: dict[str, Path], gen: int) -> int:
        """Show each part's build: a new folder (a copy, unchanged files linked to the one shown
        now), swapped in; a part whose files all stay the same keeps its version. Returns how
        many files changed."""
        made: dict[str, tuple[Path, int]] = {}
        for part, src in parts.items():
            dest = self.work / "shown" / f"{part}-{next(self._serial)}"
            dest.mkdir(parents=True)
            made[part] = dest, copy_tree(src, dest, self.folder(part), part)
        with self.cond:
            retired, self._retired = self._retired, []
            for part, (dest, changed) in made.items():
                old, self.shown[part] = self.shown[part], dest
                if old is not None:
                    self._retired.append(old)
                if changed or old is None:
                    self.versions[part] += 1
                if self.generation == gen:
                    self.stale.discard(part)
                    if part in LANGS:
                        self.error = None
            self.cond.notify_all()
        for old in retired:  # shown until the swap before this one: no request reads them any more
            shutil.rmtree(old, ignore_errors=True)
        return sum(changed for _, changed in made.values())


    def _fail(self, gen: int, message: str) -> None:
        """The last good site stays; every part of it shows ``message`` (no longer 'being rebuilt')."""
        with self.cond:
            if self.generation != gen:
                return
            self.error = message
            self.stale.clear()
            self.unverified.clear()  # nothing to check again while a problem shows; the next edit builds
            self.cond.notify_all()
        print(f"build failed; still serving the last good site.\n{message}", flush=True)
