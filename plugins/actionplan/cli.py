"""The ``actionplan`` command: check, build, generate, serve, archive, release, publish, pdf, schemas and urls.

``check`` runs the very same load/validate code as the plugin, with the same settings (read from ``mkdocs.yml``,
``settings.Settings``), so what passes here passes the build; ``build`` writes into a temporary folder and swaps
it in only after a clean strict build, so a failed build never leaves a half-written ``site/``. Each command
imports what it needs when it runs, so that ``check`` answers without loading the templating and build machinery.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import DataError

SOURCE = Path("..") / "shared" / "source" / "commentary.zh.txt"


def _fail(*lines: str) -> int:
    """A user error: a line per problem, each naming its path, on standard error, and a non-zero
    exit; what a line holds is escaped, so no value can forge a line of its own."""
    from .chars import safe

    for line in lines:
        print(safe(line), file=sys.stderr)
    return 1


def _not_loaded(e: Exception) -> int:
    """The settings or the data could not be read, so a command that changes the data (release,
    publish) does not start: the problems, each on its line, and a non-zero exit."""
    from .settings import SettingsError

    if isinstance(e, SettingsError):
        return _fail(*e.lines)
    print(f"fix these first (make check):\n{e}", file=sys.stderr)
    return 1


def check(root: Path, commentary_source: Path | None = None) -> int:
    """Validate everything in ``root`` (``data/``, ``content/commentary/``) without MkDocs; with the
    commentary's source text (``None``: skipped, as ``--no-source`` asks), also that the units
    reproduce it exactly (the source lives outside the repository, so the build cannot)."""
    from .chars import safe
    from .settings import Settings, SettingsError
    from .site import load
    from .validate.commentary import validate_commentary_source

    if not root.is_dir():
        return _fail(f"{root}: not a folder (--root names the project, holding data/ and content/)")
    source_text, unread = None, None
    if commentary_source is not None:
        try:
            source_text = commentary_source.read_text(encoding="utf-8")
        except FileNotFoundError:
            unread = (f"{commentary_source}: the official commentary text is missing; check compares the commentary "
                      "units with it. Put the official sources in ../shared/source/ beside the project, or pass "
                      "--no-source to skip the comparison")
        except (OSError, UnicodeError) as e:
            unread = f"{commentary_source}: cannot be read: {getattr(e, 'strerror', None) or e}"
    found: list[str] = []
    try:
        ix = load(Settings.read(root))
        if source_text is not None:
            found = [str(p) for p in validate_commentary_source(ix.plan.critiques, source_text)]
    except DataError as e:  # the data's own problems are reported even when the source is missing
        found = [str(p) for p in e.problems]
    except SettingsError as e:
        return _fail(*e.lines)
    if found or unread:
        for line in found:
            print(line)
        sys.stdout.flush()
        if unread:
            print(safe(unread), file=sys.stderr)
        print(f"{len(found) + bool(unread)} problem(s).", file=sys.stderr)
        return 1
    plan = ix.plan
    n = plan.counts_found()
    print(safe(f"ok: {n['pillars']} pillars, {n['goals']} goals, {n['actions']} actions, "
               f"{len(plan.critiques)} commentary units, {len(plan.agencies)} agencies, {len(plan.footnotes)} footnotes"
               f" (version {plan.version})"))
    return 0


def build(root: Path, site_dir: Path, engine: str) -> int:
    """Both languages' builds with ``engine``; ``site_dir`` is replaced only when all succeed."""
    from .engines import BuildFailed
    from .engines import build as build_site
    from .settings import Settings, SettingsError

    try:
        build_site(Settings.read(root), site_dir, engine)
    except (BuildFailed, DataError, SettingsError) as e:
        print(f"build failed; {site_dir.name}/ left as it was.\n{e}", file=sys.stderr)
        return 1
    print(f"built {site_dir} with {engine}")
    return 0


def pdf(site_dir: Path) -> int:
    """The PDF of the annotated edition in each language, printed from a built site's whole-plan page."""
    from .pdf import PdfError, render_all

    try:
        written = render_all(site_dir)
    except PdfError as e:
        return _fail(str(e))
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


def generate(root: Path, out: Path) -> int:
    """The edition as plain files, for engines that run no plugins (Zensical)."""
    from .engines import generate as write
    from .settings import Settings, SettingsError

    try:
        configs = write(Settings.read(root), out)
    except (DataError, SettingsError) as e:
        print(e, file=sys.stderr)
        return 1
    print("wrote " + ", ".join(str(c) for c in configs) + "; build each in turn, e.g. " +
          " && ".join(f"zensical build -f {c}" for c in configs))
    return 0


def archive(root: Path, branch: str, check: bool) -> int:
    """Store every published release's edition on the editions branch (once), or ``--verify`` them."""
    from .archive import archive as freeze
    from .archive import verify
    from .editions import ArchiveError
    from .settings import SettingsError

    try:
        if check:
            found = verify(root, branch)
            for version, differ in found.items():
                print(f"{version}: " + (f"{len(differ)} files differ from a rebuild of its commit: " + ", ".join(differ[:10])
                                        if differ else "the stored edition is what its commit builds"))
            return 1 if any(found.values()) else 0
        made, had = freeze(root, branch)
    except (ArchiveError, DataError, SettingsError) as e:
        print(f"archive failed; the {branch} branch is as it was.\n{e}", file=sys.stderr)
        return 1
    for version in made:
        print(f"archived {version} as v/{version}/ on branch {branch}, built from its recorded commit (push it: git push origin {branch})")
    if had:
        print(f"{', '.join(had)}: archived already on branch {branch}; a published edition is never rebuilt")
    if not made and not had:
        print("no published release yet (make publish records a release's commit)")
    return 0


def serve(root: Path, port: int, engine: str) -> int:
    from .serve import serve as run

    return run(root, port, engine)


def write_schemas(out_dir: Path) -> int:
    """Write the JSON Schemas editors use (schemas/*.schema.json), generated from the record declarations (filespec.FILES)."""
    import json

    from .filespec import editor_schemas

    path = out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, body in editor_schemas().items():
            path = out_dir / f"{name}.schema.json"
            path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {path}")
    except OSError as e:
        return _fail(f"{path}: cannot write: {e.strerror or e}")
    return 0


def urls(site_dir: Path, registry_file: Path, write: bool) -> int:
    from . import registry

    if write:
        old = registry.loads(registry_file.read_text(encoding="utf-8")) if registry_file.exists() else {}
        dropped = [p for p in registry.check(site_dir, old) if "not in" not in p]
        if dropped:
            print("refusing to write: published URLs would be lost:\n" + "\n".join(dropped), file=sys.stderr)
            return 1
        merged = {**old, **registry.scan(site_dir)}
        registry_file.write_text(registry.dumps(merged), encoding="utf-8")
        print(f"wrote {registry_file} ({len(merged)} URLs)")
        return 0
    problems = registry.check(site_dir, registry.loads(registry_file.read_text(encoding="utf-8")))
    for p in problems:
        print(p)
    return 1 if problems else 0


def release(root: Path, version: str, date: str | None, en: str | None, zh: str | None,
            commentary_source: Path | None) -> int:
    """Open release ``version`` in the changelog (units from ``git diff``), then run ``check``."""
    from .release import PLACEHOLDER_EN, ReleaseError
    from .release import release as write
    from .settings import Settings, SettingsError
    from .site import load

    try:
        settings = Settings.read(root)
        ix = load(settings)
        changelog, line, units, record = write(root, settings.data, settings.commentary, version, ix, date, en, zh)
    except (SettingsError, DataError) as e:
        return _not_loaded(e)
    except ReleaseError as e:
        print(f"release: {e}", file=sys.stderr)
        return 1
    shown = changelog.resolve().relative_to(root).as_posix()
    print(f"{shown}:{line}: release {version}: units: {', '.join(units) or '(none changed)'}")
    if record:
        print(f"{shown}:{line}: release {version}: record: {', '.join(record)} (each an entry of the change feed)")
    if en is None or zh is None:
        print(f"{shown}:{line}: release {version}: summary: write it for readers (it still says {PLACEHOLDER_EN!r})")
    return check(root, commentary_source)


def publish(root: Path, ref: str) -> int:
    """Record ``ref`` as the newest release's commit: from then on that release is frozen."""
    from .published import PublishError
    from .published import publish as record
    from .settings import Settings, SettingsError
    from .site import load

    try:
        settings = Settings.read(root)
        ix = load(settings)
        if not ix.plan.releases:
            return _fail(f"{settings.data / 'changelog.yaml'}: no release to publish")
        newest = ix.plan.releases[0]
        commit, line = record(root, settings.data / "changelog.yaml", newest, ref)
    except (SettingsError, DataError) as e:
        return _not_loaded(e)
    except PublishError as e:
        return _fail(f"publish: {e}")
    print(f"{newest.where.file}:{line}: release {newest.version}: commit: {commit}; commit this line "
          f"(git commit -m 'release {newest.version} published at {commit[:12]}'): from now on {newest.version} is frozen")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="actionplan")
    parser.add_argument("-f", "--config-file", type=Path, default=None,
                        help="mkdocs.yml (default: ./mkdocs.yml); for check, its folder is the --root")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="validate data and commentary without building (no MkDocs needed)")
    c.add_argument("--root", type=Path, default=None,
                   help="the project folder: data in ROOT/data, commentary in ROOT/content/commentary (default: .)")
    c.add_argument("--commentary-source", type=Path, default=None,
                   help="the commentary's source text (default: ROOT/../shared/source/commentary.zh.txt; it must exist)")
    c.add_argument("--no-source", action="store_true", help="skip the comparison with the commentary's source text")
    b = sub.add_parser("build", help="strict build of both languages, replacing the site folder only on success")
    b.add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    b.add_argument("--engine", choices=("mkdocs", "properdocs", "zensical"), default="mkdocs")
    d = sub.add_parser("pdf", help="print the whole plan of a built site to a PDF in each language (WeasyPrint; after build)")
    d.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))
    g = sub.add_parser("generate", help="write the edition's pages and configuration into a folder, for engines that run no plugins")
    g.add_argument("out", type=Path)
    v = sub.add_parser("serve", help="preview both languages with live reload; broken data keeps the last good site and shows why")
    v.add_argument("-p", "--port", type=int, default=8000)
    v.add_argument("--engine", choices=("mkdocs", "properdocs", "zensical"), default="mkdocs")
    a = sub.add_parser("archive", help="store every published release's edition, built from its commit, on the editions branch (once)")
    a.add_argument("--branch", default="editions", help="the git branch that stores the editions (default: editions)")
    a.add_argument("--verify", action="store_true", help="rebuild each stored edition from its commit and compare (Pagefind aside)")
    s = sub.add_parser("schemas", help="write the JSON Schemas of the data files (for editors)")
    s.add_argument("-o", "--out", type=Path, default=None, help="default: schemas/ beside mkdocs.yml")
    u = sub.add_parser("urls", help="check a built site against the registry of published URLs, or --write it")
    u.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))
    u.add_argument("--write", action="store_true", help="record the build's URLs as published (after review)")
    r = sub.add_parser("release", help="open release x.y.z in data/changelog.yaml with the units changed since the last one, then check")
    r.add_argument("version", help="the new version, x.y.z")
    r.add_argument("--no-source", action="store_true", help="skip check's comparison with the commentary's source text")
    r.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")
    r.add_argument("--en", default=None, help="the English summary (one line; default: a placeholder to edit)")
    r.add_argument("--zh", default=None, help="the Chinese summary (one line; default: a placeholder to edit)")
    p = sub.add_parser("publish", help="record the commit of the newest release (its tree is the release): from then on it is frozen")
    p.add_argument("--ref", default="HEAD", help="the commit whose tree is the release (default: HEAD)")
    args = parser.parse_args(argv)
    config_file: Path = args.config_file or Path("mkdocs.yml")
    if args.command in ("check", "release"):
        root = (getattr(args, "root", None) or (config_file.parent if args.config_file else Path("."))).resolve()
        source = None if getattr(args, "no_source", False) else (getattr(args, "commentary_source", None) or root / SOURCE)
        if args.command == "release":
            return release(root, args.version, args.date, args.en, args.zh, source)
        return check(root, source)
    here = config_file.resolve().parent
    simple = {"schemas": lambda: write_schemas(args.out or here / "schemas"), "publish": lambda: publish(here, args.ref),
              "pdf": lambda: pdf(args.site_dir), "urls": lambda: urls(args.site_dir, here / "published-urls.txt", args.write)}
    if args.command in simple:
        return simple[args.command]()
    if not config_file.exists():
        print(f"{config_file}: not found", file=sys.stderr)
        return 2
    on_site = {"generate": lambda: generate(here, args.out), "serve": lambda: serve(here, args.port, args.engine),
               "archive": lambda: archive(here, args.branch, args.verify)}
    return on_site.get(args.command, lambda: build(here, args.site_dir, args.engine))()


if __name__ == "__main__":
    sys.exit(main())
