"""Each page's language alternates, written as a sitemap in the page's own folder.

The theme (Material's language selector, ``extra.alternate``) prints a page's alternates as
``<link rel="alternate" hreflang>`` and its script fetches ``sitemap.xml`` beneath every such
link, reading each as a language's root. The MkDocs adapter points the alternates at this page's
counterparts (so that the head names them, as search engines read hreflang), and the change feed
is an alternate of every page too: without a sitemap in each of those folders every page view
made failed requests. So each page's folder holds the sitemap of that page, in the sitemap
protocol with its hreflang alternates (the form search engines and the theme's script read), and
the export folder one of the feeds it holds. Relative to ``site``, the edition's root URL.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from . import paths

NAME = "sitemap.xml"
_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def folder(url: str) -> str:
    """The path of the sitemap beside a page (``plan/I.1/`` → ``plan/I.1/sitemap.xml``), in its build."""
    return url + NAME


def page_sitemap(site: str, url: str, lang: str) -> str:
    """The sitemap of the page of ``lang`` at ``url`` (a directory URL within its build): the page
    alone (a sitemap lists only what lies beneath its folder), naming itself and its counterparts
    (hreflang, with the default language as x-default)."""
    root = site.rstrip("/") + "/"
    where = {x: root + paths.prefix(x) + url for x in paths.LANGS}
    links = [*where.items(), ("x-default", where[paths.DEFAULT_LANG])]
    alternates = "".join(f'    <xhtml:link rel="alternate" hreflang={quoteattr(x)} href={quoteattr(href)}/>\n'
                         for x, href in links)
    return _HEAD + f"  <url>\n    <loc>{escape(where[lang])}</loc>\n{alternates}  </url>\n</urlset>\n"


def files_sitemap(site: str, files: list[str]) -> str:
    """A sitemap of ``files`` (paths relative to the site's root): the export folder's feeds."""
    root = site.rstrip("/") + "/"
    return _HEAD + "".join(f"  <url><loc>{escape(root + f)}</loc></url>\n" for f in files) + "</urlset>\n"
