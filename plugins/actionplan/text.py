"""The one place where contributor text becomes HTML.

Every string from data or commentary passes through these functions before it reaches a page:
HTML is escaped, so no input can inject markup, links or script. Footnote markers and a
footnote's bare ``www.`` addresses are the only syntax we give meaning to, and we build their
HTML ourselves.
"""

from __future__ import annotations

import html
import re

_MARKER = re.compile(r"\[\^(\d+)\]((?:\[\^\d+\])*)")
_WWW = re.compile(r"\b(www\.[A-Za-z0-9./\-_%~]+[A-Za-z0-9/])")
_SPACE = re.compile(r"\s+")


def html_text(text: str) -> str:
    """Plain text as HTML, its runs of white space (YAML line breaks) made single spaces."""
    return html.escape(_SPACE.sub(" ", text), quote=False)


def inline_html(text: str, fn_href: str = "#fn-{n}") -> str:
    """Escape ``text`` and turn ``[^N]`` markers into superscript links to footnote N."""
    out: list[str] = []
    pos = 0
    for m in _MARKER.finditer(text):
        out.append(html_text(text[pos : m.start()]))  # segments keep their edge spaces: "regime.[^3] AI"
        numbers = [m.group(1), *re.findall(r"\d+", m.group(2))]
        links = ", ".join(
            f'<a href="{fn_href.format(n=n)}" class="ap-fnref">{n}</a>' for n in numbers
        )
        out.append(f"<sup>{links}</sup>")
        pos = m.end()
    out.append(html_text(text[pos:]))
    return "".join(out)


def plain(text: str) -> str:
    """Text without footnote markers, for titles, exports and citations."""
    return " ".join(re.sub(r"\[\^\d+\]", "", text).split())


def footnote_html(text: str) -> str:
    """A footnote's text, escaped, with its bare ``www.`` addresses made into safe https links."""
    out: list[str] = []
    pos = 0
    for m in _WWW.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        address = m.group(1)
        out.append(f'<a href="https://{html.escape(address, quote=True)}" rel="noopener">{html.escape(address, quote=False)}</a>')
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def attr(text: str) -> str:
    """Text for an HTML attribute value (front matter and page HTML), on one line."""
    return html.escape(" ".join(text.split()), quote=True)



def excerpt(text: str, limit: int) -> str:
    """The first ``limit`` characters of plain text, cut at a word where the language has words."""
    flat = plain(text)
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(",;:，、；") + "…"
