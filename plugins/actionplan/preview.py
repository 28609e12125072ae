"""The builds behind ``make serve``: an edit reaches the page being read in a fraction of a full
build, and no page older than the sources is served without saying so.

Where a full build's time goes (``make build``, measured 2026-12-01 on 2 shared cores, CPU
seconds): each language's MkDocs build about 5 s, of which starting Python and MkDocs is about
0.6 s, our plugin's load, validation and rendering of the page sources about 0.6 s, and
Markdown and the theme's templates for its ~230 pages the rest; then Pagefind's index of both
languages about 5 s; the stored editions' copy 0.02 s. Rebuilding all of it on every edit, as
the preview used to, made an edit cost as much as ``make build``. So:

1. **Only the pages an edit changed.** Each language builds into its own folder, kept between
   builds. The plugin writes its generated page sources into a folder, each only when its text
   changed (``pagecache``), so MkDocs' documented ``build --dirty`` renders just the pages whose
   source changed: a one-word translation edit renders one or a few pages per language, and the
   build takes about 1 s of CPU instead of 5 (mostly starting Python and MkDocs, and our plugin's
   load of the data, which every build needs). A dirty
   build cannot be ``--strict`` (MkDocs' own notice that it is dirty is a warning), so any other
   warning fails it here, as strict would. A clean build instead when the dirty one cannot be
   right: anything but ``data/`` or ``content/`` changed (configuration, theme overrides, the
   plugin's code), or the build's manifest changed (a page added or removed, whose old HTML a
   dirty build would leave; the navigation's titles; the version bar).
2. **The language being read first.** The reader's last request says which language that is
   (``/en/…`` is English); it is built and shown first, then the other language, then the
   search index, each shown as soon as it is built.
3. **Never silently stale.** A request looks at the sources before it is answered; while the
   part of the site it asks for (a language, or ``/pagefind/``) is older than the sources, it
   waits for that part's build, at most ``wait`` seconds, after which the page is served marked
   as being rebuilt. An edit stops the build step in flight (its work is outdated) and the next
   round starts again with the language being read.
4. **Checked as ``make build`` checks.** A dirty build checks the links of the pages it rendered
   only; once the sources have been quiet for ``verify_after`` seconds, each language built dirty
   is built once more from scratch, strictly, and that build becomes the one shown.

What the server shows of each part is a folder of its own that is never written again: a copy
of a successful build, whose unchanged files are hard links to the copy shown before. A failed
or interrupted build therefore never touches what is served; the last good site stays up with
the problem shown (``serve.py``). MkDocs is only ever run as a command here, as ``engines`` runs
it. Zensical runs no plugins and has no dirty build: with it, every change is a whole build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from . import editions, pagecache, rebuild
from .editions import Editions
from .engines import BuildFailed, build_into, engine_env
from .preview_site import (
    DATA,
    DIRTY_NOTICE,
    EDITIONS,
    INCREMENTAL,
    LANGS,
    PREFIX,
    SEARCH,
    Fingerprint,
    Shown,
    Step,
    Stopped,
    discard_since,
    files_of,
    fingerprint,
    problems_in,
    stop_process,
)
from .problems import DataError
from .search import BUNDLE
from .settings import CONFIGS, Settings, SettingsError, read_config


class Preview(Shown):
    """The builds behind what the server shows (``Shown``): rounds after each change, the
    language being read first, and the strict rebuild in quiet time."""

    def __init__(self, root: Path, engine: str = "mkdocs", *, wait: float = 30.0, verify_after: float | None = 3.0) -> None:
        super().__init__(Path(tempfile.mkdtemp(prefix="actionplan-serve-")), wait)
        self.root = root.resolve()
        self.engine = engine
        self.verify_after = verify_after  # None: no strict rebuild in quiet time
        self.incremental = engine in INCREMENTAL
        self.wake = threading.Event()
        self.seen: Fingerprint = ()
        self.clean: set[str] = set(LANGS)  # the languages whose next build is from scratch
        self.manifests: dict[str, str | None] = dict.fromkeys(LANGS)
        self.steps: list[Step] = []  # every build step shown, in order (what the tests and the benchmark read)
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        # The latest edition, told the frozen ones the editions branch holds (shown under v/), as
        # ``make build`` tells the engine; MkDocs' banner forced off, since any warning fails a dirty build.
        try:
            self.changelog = Settings.read(self.root).data / "changelog.yaml"
        except SettingsError:  # shown by the first build
            self.changelog = self.root / "data" / "changelog.yaml"
        self.env = {**engine_env(Editions(None, tuple(rebuild.published(self.root, self.changelog)))),
                    "NO_MKDOCS_2_WARNING": "1", pagecache.ENV: str(self.work / "pages")}

    # -- what the server asks ------------------------------------------------------------

    def notice(self) -> bool:
        """Look at the sources; if they changed, every part is stale, the build step in flight
        stops and a new round starts. True if they changed."""
        now = fingerprint(self.root)
        with self.cond:
            if now == self.seen:
                return False
            data = tuple(str(self.root / d) + os.sep for d in DATA)
            if any(not path.startswith(data) for path, _, _ in set(now) ^ set(self.seen)):
                self.clean.update(LANGS)  # the configuration, theme or plugin: every page, from scratch
            self.seen = now
            self.generation += 1
            self.stale = {*LANGS, SEARCH}
            proc = self._proc
            self.cond.notify_all()
        self.wake.set()
        stop_process(proc)
        return True

    def start(self) -> None:
        """The first build (every part, from scratch), then the builder thread."""
        self.notice()
        self.wake.clear()  # this first round is the one that notice asked for
        if self.incremental:
            stored = self.work / "editions"
            try:
                site_url = str(read_config(self.root / CONFIGS["zh"][0]).get("site_url") or "")
                if rebuild.copy_into(self.root, stored, self.changelog, site_url):
                    self._show({EDITIONS: stored / PREFIX[EDITIONS]}, self.generation)
            except editions.ArchiveError as e:
                print(f"stored editions not shown: {e}", flush=True)
        self._round()
        self._thread = threading.Thread(target=self._run, name="actionplan-preview", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self.cond:
            self._stopping = True
            proc = self._proc
        self.wake.set()
        stop_process(proc)
        if self._thread is not None:
            self._thread.join(timeout=30)
        shutil.rmtree(self.work, ignore_errors=True)

    def _run(self) -> None:
        while not self._stopping:
            quiet = self.verify_after if self.unverified and self.verify_after is not None else None
            if self.wake.wait(timeout=quiet):
                self.wake.clear()
                if not self._stopping:
                    self._round()
            else:
                self._verify()

    @contextlib.contextmanager
    def _building(self, gen: int) -> Iterator[None]:
        """A build step of round ``gen``: busy while it runs; a change that stopped it ends it
        quietly, and a failure shows its problem over the last good site."""
        self._busy(True)
        try:
            yield
        except Stopped:
            pass
        except (BuildFailed, DataError, SettingsError) as e:
            self._fail(gen, str(e))
        finally:
            self._busy(False)

    def _round(self) -> None:
        """Build what the last change made stale: the language being read, the other, search."""
        with self.cond:
            gen, order = self.generation, [self.viewed, *(lang for lang in LANGS if lang != self.viewed)]
        with self._building(gen):
            if not self.incremental:
                self._whole(gen)
                return
            for lang in order:
                self._language(lang, gen)
            self._index(gen)

    def _verify(self) -> None:
        """Quiet time: each language built dirty, built again from scratch (strictly) and shown."""
        with self.cond:
            gen, order = self.generation, sorted(self.unverified, key=lambda lang: lang != self.viewed)
        with self._building(gen):
            for lang in order:
                began = time.perf_counter()
                target = self.work / "strict" / lang
                shutil.rmtree(target, ignore_errors=True)
                self._engine(lang, target, dirty=False, gen=gen)
                built = self.work / "build" / lang
                old = built.with_name(f"{lang}.old")
                shutil.rmtree(old, ignore_errors=True)
                built.rename(old)
                target.rename(built)
                shutil.rmtree(old, ignore_errors=True)
                self.manifests[lang] = pagecache.read_manifest(self.work / "pages" / lang)
                changed = self._show({lang: built}, gen)
                self.steps.append(Step(lang, "strict", time.perf_counter() - began))
                if changed:
                    print(f"{lang}: the strict build differs from the incremental one in {changed} files; shown", flush=True)
                with self.cond:
                    self.unverified.discard(lang)

    def _language(self, lang: str, gen: int) -> None:
        """Build one language into its kept folder, dirty when that can be right, and show it."""
        began = time.perf_counter()
        target = self.work / "build" / lang
        with self.cond:
            clean = lang in self.clean or not target.is_dir()
        self._engine(lang, target, dirty=not clean, gen=gen)
        manifest = pagecache.read_manifest(self.work / "pages" / lang)
        if not clean and manifest != self.manifests[lang]:
            clean = True  # a page added or removed, or what every page shows: from scratch
            self._engine(lang, target, dirty=False, gen=gen)
            manifest = pagecache.read_manifest(self.work / "pages" / lang)
        self.manifests[lang] = manifest
        with self.cond:
            self.clean.discard(lang)
            (self.unverified.discard if clean else self.unverified.add)(lang)
        self._show({lang: target}, gen)
        self.steps.append(Step(lang, "clean" if clean else "dirty", time.perf_counter() - began))

    def _engine(self, lang: str, target: Path, *, dirty: bool, gen: int) -> None:
        """One build of ``lang``'s configuration into ``target``, as a process that a change stops."""
        config = self.root / CONFIGS[lang][0]
        cmd = [sys.executable, "-m", self.engine, "build", "-f", str(config), "-d", str(target),
               *(("--dirty", "--no-strict") if dirty else ("--strict",))]
        started = time.time_ns()
        said, code = self._process(cmd, gen, on_stop=lambda: discard_since(target, started))
        problems = [line for line in said.splitlines() if line.startswith("WARNING") and DIRTY_NOTICE not in line]
        if code != 0:
            discard_since(target, started)
        if problems:
            # The warned-about pages are not rendered again by the next dirty build, which would
            # then pass: the next build of this language is from scratch, and checks them.
            with self.cond:
                self.clean.add(lang)
        if code != 0 or problems:
            raise BuildFailed(f"{self.engine} build -f {config.name} failed:\n{problems_in(said)}")

    def _process(self, cmd: list[str], gen: int, on_stop: Callable[[], None] | None = None) -> tuple[str, int]:
        """Run ``cmd`` to its end (its output and exit status), or raise Stopped when the
        sources changed meanwhile (the change stops it; ``on_stop`` then cleans up after it)."""
        # A session of its own: stopping it stops what it started too (Pagefind's binary).
        proc = subprocess.Popen(cmd, cwd=self.root, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        with self.cond:
            self._proc = proc
            if self.generation != gen or self._stopping:
                stop_process(proc)
        out, _ = proc.communicate()
        with self.cond:
            self._proc = None
            current = self.generation == gen and not self._stopping
        if not current:
            if proc.returncode != 0 and on_stop is not None:
                on_stop()
            raise Stopped
        return out.decode("utf-8", errors="replace"), proc.returncode

    def _index(self, gen: int) -> None:
        """Pagefind's index of the languages as shown (a copy of their pages, as ``make build`` indexes them)."""
        began = time.perf_counter()
        scratch = self.work / f"index-{next(self._serial)}"
        try:
            for lang in LANGS:
                shown = self.folder(lang)
                for rel, path in files_of(shown, lang).items():
                    if rel.endswith(".html"):
                        dest = scratch / PREFIX[lang] / rel
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        os.link(path, dest)
            said, code = self._process([sys.executable, "-m", "actionplan.search", str(scratch)], gen)
            if code != 0:
                raise BuildFailed(f"search index: {said.strip()[-2000:]}")
            self._show({SEARCH: scratch / BUNDLE}, gen)
            self.steps.append(Step(SEARCH, "index", time.perf_counter() - began))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _whole(self, gen: int) -> None:
        """An engine without dirty builds: the whole edition, as ``make build`` makes it."""
        began = time.perf_counter()
        target = self.work / f"whole-{next(self._serial)}"
        try:
            build_into(Settings.read(self.root), target, self.engine, work=self.work / "generated")
            if self.generation == gen:
                self._show({part: target / PREFIX[part] for part in PREFIX}, gen)
                self.steps.append(Step("all", "clean", time.perf_counter() - began))
        finally:
            shutil.rmtree(target, ignore_errors=True)

