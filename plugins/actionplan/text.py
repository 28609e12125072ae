"""The one place where contributor text becomes page source (Markdown and HTML).

Templates are rendered with autoescape on and ``md_text`` as the escape of every value
(render.py): text that was not deliberately marked safe *here* reaches the page with HTML and
Markdown syntax neutralised, so no input can inject markup, links, emphasis or script, and a
template that forgets a filter stays safe. Footnote markers and a footnote's bare ``www.``
addresses are the only syntax we give meaning to, and we build their HTML ourselves;
``abbr.py`` then wraps declared acronyms of text made inert here in ``<abbr>`` (tags only).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from markupsafe import Markup

from .cite import ACCESS_CLOSE, ACCESS_OPEN
from .fields import MARKER

_MARKERS = re.compile(rf"{MARKER.pattern}((?:{MARKER.pattern.replace('(', '(?:')})*)")  # a run of markers: one <sup>
_WWW = re.compile(r"\b(www\.[A-Za-z0-9./\-_%~]+[A-Za-z0-9/])")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """Text without footnote markers, for titles, exports and citations."""
    return " ".join(MARKER.sub("", text).split())


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


# Characters that mean something to Python-Markdown (and our extensions: attr_list's braces,
# tables' pipes) wherever they stand in running text. Numeric character references are inert
# to Markdown and read as the character itself in the HTML.
_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]|"}
_MD_SPECIAL.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_MD_TABLE = str.maketrans(_MD_SPECIAL)
# ...and what can open a block at the start of a line, where a template may put a value (alone,
# after "- ", in a table cell): white space (an indented code block, or a way past a rule about the
# first character), a number followed by "." or ")" (an ordered list), and the first character of
# every other block syntax of Markdown and its extensions (# - + = ! ? ~ : / $; the others,
# * _ > < | [ { ` and the quotes, are references wherever they stand). The first character is then
# written as a character reference, which Markdown reads as text whatever follows and whatever
# extensions a configuration enables; tests/test_inert_blocks.py draws values from those syntaxes.
_LINE_START = re.compile(r"^(?:\s|[#\-+=!?~:/$]|\d+(?=[.)](?:\s|$)))")


# What ``inert`` would change: a special character, white space other than a single ASCII space.
_NOT_PLAIN = re.compile(r"""[\\`*_{}\[\]|&<>"']|[^\S ]|  """)


def inert(text: str, line_start: bool = True) -> str:
    """``text`` with HTML escaped (attribute-safe too), Markdown syntax neutralised and runs of
    white space made single spaces; with ``line_start`` (where a value may stand first on a line),
    its first character too, so that it never opens a block (``_LINE_START``)."""
    text = _SPACE.sub(" ", text).translate(_MD_TABLE)
    m = _LINE_START.match(text) if line_start else None
    if m:
        first = m.group(0)
        # "1." stays a number (the dot after it is what a list needs); any other opener is one character
        text = first + f"&#{ord(text[len(first)])};" + text[len(first) + 1:] if first[0].isdigit() else f"&#{ord(first)};" + text[1:]
    return text


def md_text(value: object) -> Markup:
    """Any value as inert inline page text (``inert``).

    This is the templates' autoescape: every ``{{ value }}`` goes through it unless the value
    is ``Markup`` made by one of the functions of this module. It runs some 30,000 times a
    build, mostly on values with nothing to change (numbers, IDs, plain words), which one
    search recognises; the property tests hold it equal to ``inert`` on any text."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _inert_markup(str(value), True)


def _inert_markup(s: str, line_start: bool) -> Markup:
    if _NOT_PLAIN.search(s) is None and (not line_start or _LINE_START.match(s) is None):
        return Markup(s)
    return Markup(inert(s, line_start))


def _around(text: str, found: re.Pattern[str], markup: Callable[[re.Match[str]], str]) -> Markup:
    """``text`` inert, each match of ``found`` replaced by the ``markup`` made of it. The
    segments keep their edge spaces ("regime.[^3] AI"); only the first can start a line."""
    out: list[str] = []
    pos = 0
    for m in found.finditer(text):
        out.append(_inert_markup(text[pos : m.start()], pos == 0))
        out.append(markup(m))
        pos = m.end()
    out.append(_inert_markup(text[pos:], pos == 0))
    return Markup("".join(out))


def md_inline(text: str) -> Markup:
    """Text with ``[^N]`` footnote markers as links to footnote N; everything else inert."""

    def links(m: re.Match[str]) -> str:
        numbers = [int(n) for n in (m.group(1), *MARKER.findall(m.group(2)))]  # parsed once: link = anchor
        return "<sup>" + ", ".join(f'<a href="#fn-{n}" class="ap-fnref">{n}</a>' for n in numbers) + "</sup>"

    return _around(text, _MARKERS, links)


# An English quotation in our Chinese (“…” with Latin letters and no Chinese), and a run of Chinese
# in our English (a quotation of the commentary): each is marked with its own language.
_EN_QUOTE = re.compile(r"“[^“”\u3400-\u9fff]*[A-Za-z][^“”\u3400-\u9fff]*”")
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_ZH_RUN = re.compile(f"[{_CJK}]+(?:[ /·]*[{_CJK}]+)*")


def md_marked(text: str, lang: str) -> Markup:
    """A note of ours in ``lang``, inert, with what it quotes in the other language in a span
    whose ``lang`` says so: on a Chinese page the English quotations (“…”), on an English page
    each run of Chinese characters."""
    other = "en" if lang == "zh" else "zh-Hans"
    return _around(text, _EN_QUOTE if lang == "zh" else _ZH_RUN,
                   lambda m: f'<span lang="{other}">{_inert_markup(m.group(), False)}</span>')


def md_footnote(text: str) -> Markup:
    """A footnote's text, inert, with its bare ``www.`` addresses made into safe https links."""
    return _around(text, _WWW, lambda m: f'<a href="https://{html.escape(m.group(1), quote=True)}" rel="noopener">'
                                         f'{_inert_markup(m.group(1), False)}</a>')


def pre(text: str) -> Markup:
    """Text for the inside of a raw ``<pre>`` block: HTML escaped, its lines kept. Markdown does
    not read inside raw HTML blocks; a blank line would end the block, so none is kept."""
    return Markup("\n".join(html.escape(line, quote=True) for line in str(text).splitlines() if line.strip()))


def cite_pre(text: str) -> Markup:
    """A citation for the inside of a raw ``<pre>`` block (as ``pre``), its access clauses
    (between ``cite.ACCESS_OPEN`` and ``cite.ACCESS_CLOSE``) made empty, hidden spans that carry
    the clause in ``data-ap-accessed``: without script the reader sees no placeholder, and the
    page's script fills in today's date."""
    out: list[str] = []
    rest = str(text)
    while rest:
        before, _, after = rest.partition(ACCESS_OPEN)
        out.append(html.escape(before, quote=True))
        if not _:
            break
        clause, _, rest = after.partition(ACCESS_CLOSE)
        value = html.escape(clause, quote=True).replace("\n", "&#10;")
        out.append(f'<span class="ap-accessed" data-ap-accessed="{value}" hidden></span>')
    return Markup("\n".join(line for line in "".join(out).splitlines() if line.strip()))


SAFE_SCHEMES = ("https", "http")  # http: a preview's site_url (make serve); data URLs must be https (fields.url_problem)


def url(value: str) -> Markup:
    """A URL for ``href``/``src``: an https address or a relative in-site path, attribute-escaped.

    Anything else (``javascript:``, ``data:``, a quote or space that survived validation) is
    refused here, the last line of defence behind the data checks."""
    text = str(value)
    if any(c.isspace() or ord(c) < 32 or c in "\"'<>`\\" for c in text):
        raise ValueError(f"unsafe URL {text!r}")
    scheme = urlsplit(text).scheme
    if scheme and scheme not in SAFE_SCHEMES:
        raise ValueError(f"URL scheme {scheme!r} not allowed: {text!r}")
    if text.startswith("//"):
        raise ValueError(f"protocol-relative URL not allowed: {text!r}")
    return Markup(text.translate({ord("&"): "&amp;", ord("("): "%28", ord(")"): "%29", ord("*"): "%2A", ord("_"): "%5F"}))
