"""The one place that maps a unit to its page source path and URL.

Each language is its own build with its own docs folder (Chinese at the site root, English
under ``en/``), so a page's *source path* is the same in both languages (``plan/I.1.md``) and
its *site URL* carries the language's prefix (``en/plan/I.1/``). Pages link to each other
with relative ``.md`` paths (``rel_md``), which the engine checks and turns into URLs.

Published URLs are a promise to every reader who cited one, so no other module builds a path
by hand; changing anything here must come with a redirect (see the URL registry test).
"""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


HOME = "index.md"
AGENCIES = "agencies/index.md"
FOOTNOTES = "plan/footnotes.md"
COMMENTARY = "commentary/index.md"
COVERAGE = "commentary/coverage.md"
IDS = "ids.md"
CHANGELOG = "changelog.md"
FEED = "export/changes.atom"  # the Atom feed of releases, in English (the root build's export; published)
FEED_ZH = "export/changes.zh.atom"  # the same feed in Chinese


def feed(lang: str) -> str:
    """The change feed in ``lang`` (a file of the root build): each language's pages link their own."""
    return FEED_ZH if lang == "zh" else FEED
CITE_EXTS = ("ris", "bib", "csl.json")  # a unit's downloadable citation, in each language's build
# The whole plan on one page (every unit in order), and the PDF of the annotated edition made from
# it (``actionplan pdf``, ``make pdf``): a file of each language's build, beside the page.
WHOLE = "plan/whole.md"
WHOLE_PDF = "plan/whole/annotated-edition.pdf"
# The first release with the whole-plan page, and so the first whose edition holds its PDFs.
WHOLE_SINCE = "1.3.0"


def whole_pdf_name(lang: str, version: str) -> str:
    """The PDF's file name when a reader saves it: the edition, the language and the version."""
    return f"ai-action-plan-annotated-{lang}-{version}.pdf"


RECORD = "record/index.md"  # the timeline of official instruments since the plan
# The timeline's own anchors (templates/record.md.j2), beside one per instrument (#<its ID>): an
# instrument may not take one of them, nor the ap- prefix of our interface's elements.
RECORD_ANCHORS = ("timeline", "since", "background")


def unit(uid: str) -> str:
    """Source path of a plan unit's page; ``plan`` (the plan as a whole) is the home page.

    A pillar's page is the index page of its folder (``plan/I/index.md``, URL ``plan/I/`` as
    ever): the navigation's pillar sections open on it (navtree.py)."""
    if uid == "plan":
        return HOME
    if uid != "intro" and "." not in uid:
        return f"plan/{uid}/index.md"
    return f"plan/{uid}.md"


def agency(aid: str) -> str:
    return f"agencies/{aid}.md"


def critique(cid: str) -> str:
    return f"commentary/{cid}.md"


def cite_file(uid: str, ext: str) -> str:
    """A unit's downloadable citation in one language's build (``cite/I.3.5.ris``)."""
    return f"cite/{uid}.{ext}"


def instrument(iid: str) -> str:
    """Source path of an official instrument's page (data/record.yaml)."""
    return f"record/{iid}.md"


def site_path(src: str, lang: str) -> str:
    """The URL of a page of ``lang``, relative to the site root (``en/plan/I.1/``)."""
    return prefix(lang) + url(src)


def url(src: str) -> str:
    """The directory URL MkDocs gives ``src`` with ``use_directory_urls`` (which we require)."""
    if not src.endswith(".md"):
        return src  # a file, not a page: its URL is its path
    base = src[: -len(".md")]
    if base == "index" or base.endswith("/index"):
        return base[: -len("index")]
    return base + "/"


def relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for this module's paths, which are relative and normalised already.

    The standard function makes both paths absolute (an ``os.getcwd()`` each) before comparing:
    thousands of links per build made that a visible share of the plugin's time.
    """
    p = path.split("/") if path not in ("", ".") else []
    s = start.split("/") if start not in ("", ".") else []
    i = 0
    while i < len(p) and i < len(s) and p[i] == s[i]:
        i += 1
    return "/".join([".."] * (len(s) - i) + p[i:]) or "."


def rel_md(from_src: str, to_src: str) -> str:
    """A link between page sources, as Markdown links them: the engine checks it and makes it a URL."""
    return relpath(to_src, from_src.rpartition("/")[0])


def rel_url(from_site_path: str, to_site_path: str) -> str:
    """A relative URL between two site paths (``site_path``), for raw HTML that no engine
    rewrites: links into the other language's build, and inside the SVG figure."""
    out = relpath(to_site_path.rstrip("/"), from_site_path.rstrip("/"))
    return (out + "/") if out != "." else "./"


# -- versioned editions ------------------------------------------------------------------------
# Every release is also published once, frozen, under v/<version>/ (both languages, as the site
# root is: v/1.0.0/plan/I.1/, v/1.0.0/en/plan/I.1/); today's URLs stay the permalinks of the
# latest release. VERSIONS is the list of published editions, in mike's versions.json format.
EDITIONS = "v/"
VERSIONS = "v/versions.json"
COMPARE = "compare.md"


def edition_root(version: str) -> str:
    """The site path of a release's frozen edition (``v/1.0.0/``)."""
    return f"{EDITIONS}{version}/"


def versioned(site_path: str, version: str) -> str:
    """A page's site path in the frozen edition of ``version``: ``versioned("en/plan/I.1/", "1.0.0")``
    is ``v/1.0.0/en/plan/I.1/``. The exact locator of what a reader cited; the permalink is ``site_path``."""
    return edition_root(version) + site_path


def to_site_root(lang: str, archived: bool) -> str:
    """From a build's own root up to the site's root (where ``v/`` lives): ``../`` per folder."""
    depth = prefix(lang).count("/") + (edition_root("x").count("/") if archived else 0)
    return "../" * depth


def paragraph(n: int) -> str:
    """The anchor of the ``n``-th paragraph (from 1) of a unit's official text: ``p2``."""
    return f"p{n}"


