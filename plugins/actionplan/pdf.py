"""The PDF of the annotated edition, one per language, printed from the built whole-plan page
(``paths.WHOLE``) by WeasyPrint: CSS paged media (``content/assets/print.css``) gives it a contents
list with page numbers (``target-counter``), PDF bookmarks (``bookmark-level``), running headers
with the edition and the unit (``string-set``) and page numbers; fonts are embedded (subset),
the CJK font included.

It runs on a built site (``actionplan pdf``, ``make pdf``; ``make archive`` for a release's
edition), not inside ``make build``: printing ~140 units in two languages costs 1.2 to 2 times a
whole build (``bench/pdf_bench.py``). Nothing is fetched from the network: every URL the page names
is read from the built site, or refused.

The page is read with its published address as base URL, so the links inside the PDF (a unit's
permalink, a critique, an agency) point at the published site, not at the build machine's files.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from . import paths

Fetcher = Callable[[str], dict[str, Any]]


class PdfError(Exception):
    """The site cannot be printed (not built, or the whole-plan page is missing)."""


def site_url_of(site: Path) -> str:
    """The address the site was built for (its export names it), with a final slash."""
    export = site / "export" / "plan.json"
    if not export.is_file():
        raise PdfError(f"{export}: not found; build the site first (make build)")
    url = str(json.loads(export.read_text(encoding="utf-8"))["site_url"])
    return url.rstrip("/") + "/"


def local_fetcher(site: Path, site_url: str) -> Fetcher:
    """A WeasyPrint URL fetcher that reads the published address from the built site and
    refuses everything else (another host, a file outside the site, ``..``)."""
    root = site.resolve()

    def fetch(url: str) -> dict[str, Any]:
        if url.startswith(site_url):
            rel = urlsplit(url[len(site_url):]).path
        elif url.startswith("file://"):
            p = Path(unquote(urlsplit(url).path)).resolve()
            if not p.is_relative_to(root):
                raise ValueError(f"not read (outside the site): {url}")
            rel = p.relative_to(root).as_posix()
        else:
            raise ValueError(f"not fetched (nothing is loaded from another host): {url}")
        rel = posixpath.normpath(unquote(rel)) if rel else "."
        if rel.startswith(".."):
            raise ValueError(f"not read (outside the site): {url}")
        target = root / rel
        if target.is_dir():
            target = target / "index.html"
        if not target.resolve().is_relative_to(root) or not target.is_file():
            raise ValueError(f"not in the built site: {url}")
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return {"string": target.read_bytes(), "mime_type": mime, "redirected_url": url}

    return fetch


def whole_page_file(site: Path, lang: str) -> Path:
    """The built whole-plan page of ``lang`` in a built site."""
    page = site / paths.site_path(paths.WHOLE, lang) / "index.html"
    if not page.is_file():
        raise PdfError(f"{page}: not found; build the site first (make build)")
    return page


def pdf_file(site: Path, lang: str) -> Path:
    """Where a language's PDF goes in the built site (``paths.WHOLE_PDF``, in its build)."""
    return site / paths.prefix(lang) / paths.WHOLE_PDF


def render(site: Path, lang: str, out: Path | None = None) -> Path:
    """Print ``lang``'s whole-plan page of the built ``site`` to its PDF; returns the file written."""
    from weasyprint import HTML  # the PDF step's own dependency: imported here, never by a build

    site_url = site_url_of(site)
    page = whole_page_file(site, lang)
    base = site_url + paths.site_path(paths.WHOLE, lang)
    out = out or pdf_file(site, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = HTML(string=page.read_text(encoding="utf-8"), base_url=base, url_fetcher=local_fetcher(site, site_url),
               media_type="print")
    doc.write_pdf(out, uncompressed_pdf=False)
    return out


def render_all(site: Path) -> list[Path]:
    """Both languages' PDFs of a built site."""
    return [render(site, lang) for lang in paths.LANGS]
