"""``actionplan check`` (validate in seconds, no build) and ``actionplan build`` (atomic build).

``check`` runs the very same load/validate code as the plugin, so what passes here passes the
build; ``build`` writes into a temporary folder and swaps it in only after a clean strict
build, so a failed build never leaves a half-written ``site/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import DataError


def _plugin_options(config_file: Path) -> tuple[Path, Path, Path, dict[str, object]]:
    from mkdocs.config import load_config

    cfg = load_config(str(config_file))
    plugin = cfg.plugins.get("actionplan")
    if plugin is None:
        raise SystemExit(f"{config_file}: the actionplan plugin is not enabled in 'plugins'")
    root = config_file.parent
    opts = plugin.config  # type: ignore[attr-defined]
    return root, root / opts.data_dir, root / opts.commentary_dir, dict(opts)


def check(config_file: Path, commentary_source: Path | None = None) -> int:
    """Validate everything; with the commentary's source text at hand, also that the units
    reproduce it exactly (the source lives outside the repository, so the build cannot)."""
    from .site import load_all
    from .validate import validate_commentary_source

    root, data_dir, commentary_dir, opts = _plugin_options(config_file)
    try:
        ix = load_all(data_dir, commentary_dir, root, require_translations=bool(opts["require_translations"]),
                      strict_counts=bool(opts["strict_counts"]))
        if commentary_source is not None:
            found = validate_commentary_source(ix.plan.critiques, commentary_source.read_text(encoding="utf-8"))
            if found:
                raise DataError(found)
    except DataError as e:
        for p in e.problems:
            print(p)
        sys.stdout.flush()
        print(f"{len(e.problems)} problem(s).", file=sys.stderr)
        return 1
    plan = ix.plan
    n_goals = sum(len(p.goals) for p in plan.pillars)
    n_actions = sum(len(g.actions) for p in plan.pillars for g in p.goals)
    print(f"ok: {len(plan.pillars)} pillars, {n_goals} goals, {n_actions} actions, "
          f"{len(plan.critiques)} commentary units, {len(plan.agencies)} agencies, {len(plan.footnotes)} footnotes")
    return 0


def build(root: Path, site_dir: Path, engine: str) -> int:
    """Both languages' builds with ``engine``; ``site_dir`` is replaced only when all succeed."""
    from .engines import BuildFailed
    from .engines import build as build_site

    try:
        build_site(root, site_dir, engine)
    except (BuildFailed, DataError) as e:
        print(f"build failed; {site_dir.name}/ left as it was.\n{e}", file=sys.stderr)
        return 1
    print(f"built {site_dir} with {engine}")
    return 0


def generate(root: Path, out: Path) -> int:
    """The edition as plain files, for engines that run no plugins (Zensical)."""
    from .engines import generate as write

    try:
        configs = write(root, out)
    except DataError as e:
        print(e, file=sys.stderr)
        return 1
    print("wrote " + ", ".join(str(c) for c in configs) + "; build each in turn, e.g. " +
          " && ".join(f"zensical build -f {c}" for c in configs))
    return 0


def archive(root: Path, engine: str, ref: str | None, branch: str) -> int:
    """Freeze the newest release as its edition under v/<version>/ on the editions branch."""
    from .editions import ArchiveError
    from .editions import archive as freeze
    from .engines import BuildFailed

    try:
        version, made = freeze(root, engine, ref, branch)
    except (ArchiveError, BuildFailed, DataError) as e:
        print(f"archive failed; the {branch} branch is as it was.\n{e}", file=sys.stderr)
        return 1
    if made:
        print(f"archived {version} as v/{version}/ on branch {branch} (push it: git push origin {branch})")
    else:
        print(f"{version} is archived already on branch {branch}; a published edition is never rebuilt")
    return 0


def serve(root: Path, port: int, engine: str) -> int:
    from .serve import serve as run

    return run(root, port, engine)


def write_schemas(out_dir: Path) -> int:
    """Write the JSON Schemas editors use (schemas/*.schema.json), generated from schema.py."""
    import json

    from .schema import SCHEMAS, json_schema

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (spec, title) in SCHEMAS.items():
        path = out_dir / f"{name}.schema.json"
        path.write_text(json.dumps(json_schema(spec, title), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="actionplan")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="validate data and commentary without building")
    c.add_argument("--commentary-source", type=Path, default=None,
                   help="the commentary's source text (default: ../shared/source/commentary.zh.txt beside the project, if present)")
    b = sub.add_parser("build", help="strict build of both languages, replacing the site folder only on success")
    b.add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    b.add_argument("--engine", choices=("mkdocs", "properdocs", "zensical"), default="mkdocs")
    g = sub.add_parser("generate", help="write the edition's pages and configuration into a folder, for engines that run no plugins")
    g.add_argument("out", type=Path)
    v = sub.add_parser("serve", help="preview both languages with live reload; broken data keeps the last good site and shows why")
    v.add_argument("-p", "--port", type=int, default=8000)
    v.add_argument("--engine", choices=("mkdocs", "properdocs", "zensical"), default="mkdocs")
    a = sub.add_parser("archive", help="freeze the newest release as its edition under v/<version>/ (once; never rebuilt)")
    a.add_argument("--engine", choices=("mkdocs", "properdocs", "zensical"), default="mkdocs")
    a.add_argument("--ref", default=None, help="take data/ and content/commentary/ from this git commit or tag (default: the working tree)")
    a.add_argument("--branch", default="editions", help="the git branch that stores the editions (default: editions)")
    s = sub.add_parser("schemas", help="write the JSON Schemas of the data files (for editors)")
    s.add_argument("-o", "--out", type=Path, default=None, help="default: schemas/ beside mkdocs.yml")
    u = sub.add_parser("urls", help="check a built site against the registry of published URLs, or --write it")
    u.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))
    u.add_argument("--write", action="store_true", help="record the build's URLs as published (after review)")
    args = parser.parse_args(argv)
    if args.command == "schemas":
        return write_schemas(args.out or args.config_file.resolve().parent / "schemas")
    if args.command == "urls":
        return urls(args.site_dir, args.config_file.resolve().parent / "published-urls.txt", args.write)
    if not args.config_file.exists():
        print(f"{args.config_file}: not found", file=sys.stderr)
        return 2
    if args.command == "check":
        source = args.commentary_source
        if source is None:
            default = args.config_file.resolve().parent.parent / "shared" / "source" / "commentary.zh.txt"
            source = default if default.exists() else None
        return check(args.config_file.resolve(), source)
    root = args.config_file.resolve().parent
    if args.command == "generate":
        return generate(root, args.out)
    if args.command == "serve":
        return serve(root, args.port, args.engine)
    if args.command == "archive":
        return archive(root, args.engine, args.ref, args.branch)
    return build(root, args.site_dir, args.engine)


if __name__ == "__main__":
    sys.exit(main())
