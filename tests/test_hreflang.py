"""Each page's language alternates, and a sitemap wherever the theme's script looks for one (issue 23:
every page made a failed request for ``sitemap.xml`` beneath each of its ``<link rel="alternate">``)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from actionplan import hreflang

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize(("lang", "loc"), [("zh", "https://example.org/a&b/plan/I.1/"), ("en", "https://example.org/a&b/en/plan/I.1/")])
def test_a_page_sitemap_names_the_page_and_its_alternates(lang: str, loc: str) -> None:
    root = ET.fromstring(hreflang.page_sitemap("https://example.org/a&b", "plan/I.1/", lang))
    urls = root.findall(f"{SM}url")
    assert [u.findtext(f"{SM}loc") for u in urls] == [loc]  # the page alone: a sitemap lists what is beneath it
    links = {x.get("hreflang"): x.get("href") for x in urls[0].findall(f"{XHTML}link") if x.get("rel") == "alternate"}
    assert links == {"zh": "https://example.org/a&b/plan/I.1/", "en": "https://example.org/a&b/en/plan/I.1/",
                     "x-default": "https://example.org/a&b/plan/I.1/"}
    assert hreflang.folder("plan/I.1/") == "plan/I.1/sitemap.xml"


def test_a_folder_sitemap_lists_its_files() -> None:
    root = ET.fromstring(hreflang.files_sitemap("https://example.org/", ["export/changes.atom", "export/changes.zh.atom"]))
    assert [u.findtext(f"{SM}loc") for u in root.findall(f"{SM}url")] == [
        "https://example.org/export/changes.atom", "https://example.org/export/changes.zh.atom"]


@pytest.mark.slow
def test_every_alternate_of_every_page_has_a_sitemap_beneath_it(site: Path) -> None:
    """What the theme's script fetches (``sitemap.xml`` beneath each ``<link rel="alternate">``) exists,
    for every page of both languages; the archived editions under v/ are frozen and left out."""
    missing: dict[str, str] = {}
    pages = [p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("v/")]
    assert len(pages) > 400
    for page in pages:
        url = "/" + page.relative_to(site).parent.as_posix().removesuffix(".") + "/"
        url = url.replace("//", "/")
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # a short link or a moved URL: it forwards at once
        for href in re.findall(r'<link rel="alternate"[^>]*?href="([^"]+)"', text):
            target = urlsplit(urljoin(urljoin(url, href), "sitemap.xml")).path
            if not (site / target.lstrip("/")).is_file():
                missing[url] = target
    assert not missing, dict(list(missing.items())[:10])
