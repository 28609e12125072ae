"""The one place that maps a unit to its page source path and URL.

Published URLs are a promise to every reader who cited one, so no other module builds a path
by hand; changing anything here must come with a redirect (see the URL registry test).
"""

from __future__ import annotations

import posixpath

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def home(lang: str) -> str:
    return f"{prefix(lang)}index.md"


def unit(uid: str, lang: str) -> str:
    """Source path of a plan unit's page; ``plan`` (the plan as a whole) is the home page."""
    if uid == "plan":
        return home(lang)
    return f"{prefix(lang)}plan/{uid}.md"


def agency(aid: str, lang: str) -> str:
    return f"{prefix(lang)}agencies/{aid}.md"


def agencies(lang: str) -> str:
    return f"{prefix(lang)}agencies/index.md"


def footnotes(lang: str) -> str:
    return f"{prefix(lang)}plan/footnotes.md"


def critique(cid: str, lang: str) -> str:
    return f"{prefix(lang)}commentary/{cid}.md"


def commentary(lang: str) -> str:
    return f"{prefix(lang)}commentary/index.md"


def coverage(lang: str) -> str:
    return f"{prefix(lang)}commentary/coverage.md"


def ids(lang: str) -> str:
    return f"{prefix(lang)}ids.md"


def changelog(lang: str) -> str:
    return f"{prefix(lang)}changelog.md"


def url(src: str) -> str:
    """The directory URL MkDocs gives ``src`` with ``use_directory_urls`` (which we require)."""
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


def rel_url(from_src: str, to_src: str) -> str:
    """A relative URL between built pages: generated pages are HTML, which MkDocs does not rewrite."""
    here = url(from_src)
    target = url(to_src)
    out = relpath(target.rstrip("/"), here.rstrip("/"))
    return (out + "/") if out != "." else "./"


def resolve_href(page_url: str, href: str) -> tuple[str, str] | None:
    """The site URL and fragment a relative ``href`` on the page at ``page_url`` points to.

    None for links that leave the site (a scheme, or ``//host``); ``("", …)`` is the home page.
    """
    if href.startswith("//") or ":" in href.split("/", 1)[0].split("#", 1)[0]:
        return None
    path, _, fragment = href.partition("#")
    if not path:
        return page_url, fragment
    resolved = posixpath.normpath(posixpath.join(page_url, path))
    if resolved == ".":
        return "", fragment
    return resolved + ("/" if path.endswith("/") else ""), fragment
