"""Static redirect pages: the short-ID resolver (``id/i.3.5/`` → ``plan/I.3.5/``) and moved URLs.

A static host cannot rewrite URLs, so every accepted spelling of an ID is a tiny HTML page
that forwards (meta refresh, plus a plain link for readers and robots without it).
"""

from __future__ import annotations

import html
import posixpath


def id_variants(uid: str) -> list[str]:
    """Spellings a reader may type for ``uid``: as printed, lower case, dashes, slashes."""
    forms = {uid, uid.lower(), uid.replace(".", "-"), uid.lower().replace(".", "-")}
    if "." in uid:
        forms |= {uid.replace(".", "/"), uid.lower().replace(".", "/")}
    return sorted(forms)


def page_path(url_path: str) -> str:
    """The file that serves a directory URL such as ``id/I.3.5/``."""
    url_path = url_path.lstrip("/")
    if not url_path or url_path.endswith("/"):
        return url_path + "index.html"
    return url_path


def redirect_html(from_url: str, to_url: str, label: str, canonical: str) -> str:
    """A redirect page at ``from_url`` (site-relative directory URL) pointing at ``to_url``."""
    here = posixpath.dirname(page_path(from_url))
    rel = posixpath.relpath(to_url.rstrip("/") or ".", here or ".")
    rel = rel + "/" if to_url.endswith("/") and rel != "." else ("./" if rel == "." else rel)
    e_rel, e_can, e_label = html.escape(rel, quote=True), html.escape(canonical, quote=True), html.escape(label)
    return (
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{e_label}</title><link rel=\"canonical\" href=\"{e_can}\"><meta name=\"robots\" content=\"noindex\">"
        f"<meta http-equiv=\"refresh\" content=\"0; url={e_rel}\"></head>"
        f"<body><p><a href=\"{e_rel}\">{e_label}</a></p></body></html>\n"
    )

