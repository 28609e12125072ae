"""The engine-free core's entry point: the data folder in, a validated index out.

Nothing here imports MkDocs; the MkDocs adapter, ``actionplan check`` and ``actionplan generate``
all start from ``load_all``, so what passes ``check`` passes every build. That includes the file
system: links, special files and stray files in the folders a build reads or publishes are
problems here, not surprises in the built site.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from . import cite, export, feed, hreflang, navtree, paths, redirect
from .editions import Editions, versions_json
from .index import Index, build
from .load import commentary_files, load_commentary, load_plan
from .names import check_agency_names
from .pages import all_pages
from .pages.hubs import short_links
from .problems import DataError, Problem, Where
from .published import frozen_problems
from .render import Renderer
from .settings import Settings
from .templating import Page
from .validate.commentary import validate_commentary, validate_releases
from .validate.plan import validate_plan
from .validate.record import validate_record
from .validate.translations import validate_translations
from .validate.urls import validate_redirects, validate_url_names


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_tree(folder: Path, root: Path, problems: list[Problem]) -> None:
    """Every entry under ``folder`` must be a regular file or a folder inside ``root``: a symbolic
    link may publish a file of the build machine (``/proc/self/environ``), and a FIFO or device
    hangs the build. Nothing is followed or opened."""
    if not folder.exists() and not folder.is_symlink():
        return
    try:
        real_root = root.resolve()
        if not folder.resolve().is_relative_to(real_root) or folder.is_symlink():
            problems.append(Problem(Where(_shown(folder, root)), "", "", "is a symbolic link or lies outside the repository"))
            return
    except (OSError, RuntimeError) as e:
        problems.append(Problem(Where(_shown(folder, root)), "", "", f"cannot be read: {e}"))
        return

    def walk_error(e: OSError) -> None:
        problems.append(Problem(Where(_shown(Path(e.filename or folder), root)), "", "", f"cannot be read: {e.strerror or e}"))

    for top, dirs, files in os.walk(folder, onerror=walk_error):
        for name in sorted(dirs + files):
            path = Path(top) / name
            try:
                mode = path.lstat().st_mode
            except OSError as e:
                problems.append(Problem(Where(_shown(path, root)), "", "", f"cannot be read: {e.strerror or e}"))
                continue
            if stat.S_ISLNK(mode):
                problems.append(Problem(Where(_shown(path, root)), "", "",
                                        "is a symbolic link; commit the file itself (a link may point outside the repository)"))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(Problem(Where(_shown(path, root)), "", "",
                                        "is a special file (a FIFO, device or socket), not a regular file"))


def load_all(data_dir: Path, commentary_dir: Path, root: Path, *, require_translations: bool = True,
             strict_counts: bool = True, content_dir: Path | None = None,
             overrides_dir: Path | None = None) -> Index:
    """Load, validate and index everything, raising one ``DataError`` that lists every problem.

    ``content_dir`` (default: the commentary folder's parent) and ``overrides_dir`` (default:
    ``root/overrides``) are checked for links and special files, since a build publishes them.
    The edition's version lives in one place, the newest release in ``data/changelog.yaml``
    (``plan.version``), so that ``check`` and every build read the same one."""
    problems: list[Problem] = []
    for folder in (data_dir, content_dir or commentary_dir.parent, overrides_dir or root / "overrides"):
        check_tree(folder, root, problems)
    plan = load_plan(data_dir, root, problems)
    critiques = load_commentary(commentary_dir, root, problems)
    if plan is not None:
        structural = bool(problems)
        problems += validate_plan(plan, strict_counts=strict_counts and not structural)
        problems += validate_translations(plan, require_translations)
        problems += check_agency_names(plan)
        claimed = commentary_files(commentary_dir, root, [])[1] if commentary_dir.is_dir() else 0
        complete = len(critiques) == claimed
        problems += validate_commentary(plan, critiques, complete, require_translations)
        problems += validate_releases(plan, critiques)
        problems += frozen_problems(plan.releases, data_dir / "changelog.yaml")
        problems += validate_url_names(plan, critiques)
        problems += validate_redirects(plan, critiques, authored_pages(content_dir or commentary_dir.parent, commentary_dir))
        problems += validate_record(plan)
    if problems:
        raise DataError(list(dict.fromkeys(problems)))
    assert plan is not None
    return build(replace(plan, critiques=critiques))


def load(settings: Settings) -> Index:
    """``load_all`` with the project's settings: what every entry point calls."""
    return load_all(settings.data, settings.commentary, settings.root,
                    require_translations=settings.require_translations, strict_counts=settings.strict_counts)


def authored_pages(content: Path, commentary: Path) -> frozenset[str]:
    """The site paths of the pages a person wrote (``content/open-data.md`` is ``open-data/``,
    ``content/en/open-data.md`` is ``en/open-data/``), which no redirect may replace."""
    if not content.is_dir():
        return frozenset()
    out = set()
    for f in content.rglob("*.md"):
        if f.resolve().is_relative_to(commentary.resolve()) or f.is_symlink():
            continue
        rel = f.relative_to(content).with_suffix("").as_posix()
        out.add(rel[: -len("index")] if rel == "index" or rel.endswith("/index") else rel + "/")
    return frozenset(out)


@dataclass(frozen=True)
class Output:
    """A file of a language's build that is not a page: ``path`` is relative to that build's
    site folder; the bytes are either ``content`` or the file at ``src``."""

    path: str
    content: str | None = None
    src: Path | None = None


@dataclass(frozen=True)
class LanguageBuild:
    """Everything one language's build adds to the authored pages."""

    lang: str
    pages: list[Page]
    outputs: list[Output]
    tree: dict[str, navtree.Nav]  # each pillar's navigation section (navtree.py)


def language_build(ix: Index, lang: str, site_url: str, repo_blob: str | None, assets: Path | None = None,
            editions: Editions | None = None) -> LanguageBuild:
    """The generated pages and files of ``lang``'s build.

    The default language's build (the site root) carries the export, the short-ID resolver and
    the root's redirects; every other language's build gets a copy of the shared ``assets``
    folder (its CSS and script), since each build is a site of its own.
    """
    editions = editions or Editions()
    published = (*editions.published, *([editions.archived] if editions.archived else []))
    renderer = Renderer(ix, lang, editions.site_root(site_url), repo_blob, published)
    pages = list(all_pages(renderer))
    outputs: list[Output] = []
    cited = [(uid, paths.unit(uid)) for uid in ix.order] + [(cid, paths.critique(cid)) for cid in ix.critiques]
    for uid, src in cited:  # each unit's downloadable citation, in this language
        rec = renderer.cite_record(uid, src)
        outputs += [Output(paths.cite_file(uid, "ris"), cite.ris(rec) + "\n"), Output(paths.cite_file(uid, "bib"), cite.bibtex(rec) + "\n"),
                    Output(paths.cite_file(uid, "csl.json"), export.dumps([cite.csl(rec)]))]
    site = site_url.rstrip("/") + "/" if site_url else ""
    prefix = paths.prefix(lang)
    if lang == paths.DEFAULT_LANG:
        doc = export.build(ix, site_url, ix.plan.version)
        outputs += [Output("export/plan.json", export.dumps(doc)), Output("export/actions.csv", export.actions_csv(doc)),
                    Output("export/record.csv", export.record_csv(doc))]
        en = Renderer(ix, "en", site_url, repo_blob)
        units = export.units(doc)
        for uid, src in cited:
            units[uid]["csl"] = {"zh": cite.csl(renderer.cite_record(uid, src)), "en": cite.csl(en.cite_record(uid, src))}
        outputs += [Output(f"export/units/{uid}.json", export.dumps(unit)) for uid, unit in units.items()]
        outputs.append(Output("export/plan.schema.json", export.dumps(export.schema())))
        outputs.append(Output("export/units.schema.json", export.dumps(export.units_schema())))
        outputs.append(Output("export/datapackage.json", export.dumps(export.datapackage(doc))))
        outputs += [Output(paths.feed(x.lang), feed.feed(ix, x)) for x in (en, Renderer(ix, "zh", site_url, repo_blob))]  # one per language
        feeds = [paths.feed(x) for x in paths.LANGS]  # every page's head links them: the theme looks beside them
        outputs.append(Output(hreflang.folder(feeds[0].rpartition("/")[0] + "/"), hreflang.files_sitemap(site, feeds)))
        if editions.archived is None:  # the list of frozen editions lives beside them, kept current by the latest build
            outputs.append(Output(paths.VERSIONS, export.dumps(versions_json(ix, editions.published))))
        for uid, target in short_links(ix).items():  # units, commentary units and agencies
            # On a case-insensitive file system "id/I.1/" and "id/i.1/" share a file; both
            # forward to the same page, so whichever is written last is right.
            for form in redirect.id_variants(uid):
                src = f"id/{form}/"
                outputs.append(Output(redirect.page_path(src), redirect.redirect_html(src, target, uid, site + target)))
    elif assets is not None and assets.is_dir():
        outputs += [Output(f"{assets.name}/{f.relative_to(assets).as_posix()}", src=f)
                    for f in sorted(assets.rglob("*")) if f.is_file()]
    for old, new in ((r.old, r.new) for r in ix.plan.redirects):
        if old.startswith(prefix) and (prefix or not any(old.startswith(paths.prefix(x)) for x in paths.LANGS if x != lang)):
            here, there = old[len(prefix):], new[len(prefix):] if new.startswith(prefix) else new
            outputs.append(Output(redirect.page_path(here), redirect.redirect_html(here, there, there, site + new)))
    # Each page's alternates, where the theme's script looks for them (hreflang.py).
    outputs += [Output(hreflang.folder(paths.url(p.src)), hreflang.page_sitemap(site, paths.url(p.src), lang))
                for p in pages if paths.url(p.src)]  # the root has the engine's sitemap of the whole build
    return LanguageBuild(lang, pages, outputs, navtree.tree(renderer))


def source_base(edit_uri: str | None, repo_url: str | None) -> str | None:
    """Where "view source" links point (``…/blob/<branch>/``), from the configuration's edit link:
    an absolute ``edit_uri`` (``…/edit/<branch>/``), or one relative to ``repo_url``."""
    if not edit_uri:
        return None
    full = edit_uri if "://" in edit_uri else (f"{repo_url.rstrip('/')}/{edit_uri.lstrip('/')}" if repo_url else "")
    if "/edit/" not in full:
        return None
    return full.replace("/edit/", "/blob/", 1).rstrip("/") + "/"
