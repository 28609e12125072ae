"""The engine-free core's entry point: the data folder in, a validated index out.

Nothing here imports MkDocs; the MkDocs adapter, ``actionplan check`` and ``actionplan generate``
all start from ``load_all``, so what passes ``check`` passes every build.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import cite, export, paths, redirect
from .index import Index, build
from .load import load_commentary, load_plan
from .names import check_agency_names
from .problems import DataError, Problem
from .render import Page, Renderer
from .validate import validate_commentary, validate_plan, validate_releases, validate_translations


def load_all(data_dir: Path, commentary_dir: Path, root: Path, *, require_translations: bool = True,
             strict_counts: bool = True, version: str | None = None) -> Index:
    """Load, validate and index everything, raising one ``DataError`` that lists every problem."""
    problems: list[Problem] = []
    plan = load_plan(data_dir, root, problems)
    critiques = load_commentary(commentary_dir, root, problems)
    if plan is not None:
        structural = bool(problems)
        problems += validate_plan(plan, strict_counts=strict_counts and not structural)
        problems += validate_translations(plan, require_translations)
        problems += check_agency_names(plan)
        complete = len(critiques) == len(list(commentary_dir.glob("*.md")))
        problems += validate_commentary(plan, critiques, complete, require_translations)
        problems += validate_releases(plan, critiques, version)
    if problems:
        raise DataError(problems)
    assert plan is not None
    return build(replace(plan, critiques=critiques))


@dataclass(frozen=True)
class Output:
    """A file of a language's build that is not a page: ``path`` is relative to that build's
    site folder; the bytes are either ``content`` or the file at ``src``."""

    path: str
    content: str | None = None
    src: Path | None = None


@dataclass(frozen=True)
class Edition:
    """Everything one language's build adds to the authored pages."""

    lang: str
    pages: list[Page]
    outputs: list[Output]


def edition(ix: Index, lang: str, site_url: str, repo_blob: str | None, assets: Path | None = None,
            redirects: tuple[tuple[str, str], ...] = ()) -> Edition:
    """The generated pages and files of ``lang``'s build.

    The default language's build (the site root) carries the export, the short-ID resolver and
    the root's redirects; every other language's build gets a copy of the shared ``assets``
    folder (its CSS and script), since each build is a site of its own.
    """
    renderer = Renderer(ix, lang, site_url, repo_blob)
    pages = list(renderer.all_pages())
    outputs: list[Output] = []
    cited = [(uid, paths.unit(uid)) for uid in ix.order] + [(cid, paths.critique(cid)) for cid in ix.critiques]
    for uid, src in cited:  # each unit's downloadable citation, in this language
        rec = renderer.record(uid, src)
        outputs += [Output(paths.cite_file(uid, "ris"), cite.ris(rec) + "\n"), Output(paths.cite_file(uid, "bib"), cite.bibtex(rec) + "\n"),
                    Output(paths.cite_file(uid, "csl.json"), export.dumps([cite.csl(rec)]))]
    site = site_url.rstrip("/") + "/" if site_url else ""
    prefix = paths.prefix(lang)
    if lang == paths.DEFAULT_LANG:
        doc = export.build(ix, site_url, ix.plan.releases[0].version if ix.plan.releases else "0.0.0")
        outputs += [Output("export/plan.json", export.dumps(doc)), Output("export/actions.csv", export.actions_csv(doc))]
        en = Renderer(ix, "en", site_url, repo_blob)
        units = export.units(doc)
        for uid, src in cited:
            units[uid]["csl"] = {"zh": cite.csl(renderer.record(uid, src)), "en": cite.csl(en.record(uid, src))}
        outputs += [Output(f"export/units/{uid}.json", export.dumps(unit)) for uid, unit in units.items()]
        outputs.append(Output("export/plan.schema.json", export.dumps(export.schema())))
        outputs.append(Output("export/units.schema.json", export.dumps(export.units_schema())))
        outputs.append(Output("export/datapackage.json", export.dumps(export.datapackage(doc))))
        outputs.append(Output(paths.FEED, _feed(ix, en)))
        targets = [(uid, paths.url(paths.unit(uid))) for uid in ix.order]
        targets += [(cid, paths.url(paths.critique(cid))) for cid in ix.critiques]
        for uid, target in targets:
            # On a case-insensitive file system "id/I.1/" and "id/i.1/" share a file; both
            # forward to the same page, so whichever is written last is right.
            for form in redirect.id_variants(uid):
                src = f"id/{form}/"
                outputs.append(Output(redirect.page_path(src), redirect.redirect_html(src, target, uid, site + target)))
    elif assets is not None and assets.is_dir():
        outputs += [Output(f"{assets.name}/{f.relative_to(assets).as_posix()}", src=f)
                    for f in sorted(assets.rglob("*")) if f.is_file()]
    for old, new in redirects:
        if old.startswith(prefix) and (prefix or not any(old.startswith(paths.prefix(x)) for x in paths.LANGS if x != lang)):
            here, there = old[len(prefix):], new[len(prefix):] if new.startswith(prefix) else new
            outputs.append(Output(redirect.page_path(here), redirect.redirect_html(here, there, there, site + new)))
    return Edition(lang, pages, outputs)


def _feed(ix: Index, en: Renderer) -> str:
    """The Atom feed of releases, in English (the plan's language), each changed unit an entry."""
    changelog = en.permalink(paths.CHANGELOG)
    releases = [{"version": r.version, "date": r.date, "summary": " ".join(r.summary_en.split()),
                 "url": f"{changelog}#v{r.version.replace('.', '-')}",
                 "units": [{"id": u, "title": en.cite_title(u),
                            "url": en.permalink(paths.critique(u) if u in ix.critiques else paths.unit(u))} for u in r.units]}
                for r in ix.plan.releases]
    return export.feed(releases, feed_url=en.permalink(paths.FEED, paths.DEFAULT_LANG), changelog_url=changelog,
                       title=f"{en.site.title_en}: changes", author=en.site.editors_en)


def source_base(edit_uri: str | None, repo_url: str | None) -> str | None:
    """Where "view source" links point (``…/blob/<branch>/``), from the configuration's edit link:
    an absolute ``edit_uri`` (``…/edit/<branch>/``), or one relative to ``repo_url``."""
    if not edit_uri:
        return None
    full = edit_uri if "://" in edit_uri else (f"{repo_url.rstrip('/')}/{edit_uri.lstrip('/')}" if repo_url else "")
    if "/edit/" not in full:
        return None
    return full.replace("/edit/", "/blob/", 1).rstrip("/") + "/"
