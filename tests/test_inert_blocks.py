"""No value opens or closes a Markdown block, whatever it begins with (issue 26, DESIGN "inert by construction").

Values are drawn from the block syntax of Markdown and of every extension the site's configuration
enables (and of common ones it does not enable yet), behind any leading white space, tab or line
break, followed by arbitrary text. Each is escaped as the templates escape it (``text.md_text``),
put where a template may put a value (alone on a line, after a list marker, in a table cell, after a
heading), rendered by Python-Markdown with the configuration's own extensions, and the HTML's
block structure is asserted exactly: the value stays inline text of the block the template made,
and its text comes through unchanged but for white space.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.settings import read_config
from actionplan.text import md_inline, md_text

ROOT = Path(__file__).resolve().parent.parent

OPENERS = [
    # Markdown itself
    "#", "# x", "###### x", "-", "- x", "+ x", "* x", "1. x", "1) x", "10. x", "> x", ">", "---", "***", "___", "- - -",
    "===", "=", "    code", "\tcode", "[x]: https://example.org", "[^1]: note", "<div>", "<!-- x -->", "<script>", "&#35; x",
    # tables, attr_list, md_in_html, toc, admonition (enabled)
    "| a | b |", "|---|---|", "a | b", "{: .x }", "{#id}", "[TOC]", "!!! danger x", "!!! ap-search", '!!! note "t"',
    # extensions a configuration may enable later
    "``` x", "~~~", "??? note", "???+ note", "=== \"tab\"", "/// note", ": definition", "*[HTML]: Hyper Text", "::: x",
    "--8<-- \"file\"", "$$", "- [ ] task",
]
LEADS = ["", " ", "  ", "   ", "    ", "\t", " \t", "\n", " \n ", "\r\n", "\u3000"]
REST = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


def _md() -> markdown.Markdown:
    cfg = read_config(ROOT / "mkdocs.yml")
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for item in cfg.get("markdown_extensions", []):
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=configs)


MD = _md()


BLOCK = {"p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
         "blockquote", "hr", "div", "dl", "dt", "dd", "details", "summary", "script", "style", "nav", "section"}


class Blocks(HTMLParser):
    """The block structure of rendered HTML (block-level tags in order; inline ones such as the
    footnote references ``md_inline`` makes, or a heading's permalink, are the template's or ours) and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(source: str) -> Blocks:
    MD.reset()
    parsed = Blocks()
    parsed.feed(MD.convert(source))
    return parsed


def words(text: str) -> str:
    return " ".join(text.split())


# Where a template puts a value, and the block structure the template means.
CONTEXTS = [
    ("{v}\n", ["p"]),
    ("before\n\n{v}\n\nafter\n", ["p", "p", "p"]),
    ("- {v}\n- next\n", ["ul", "li", "li"]),
    ("1. {v}\n", ["ol", "li"]),
    ("| head |\n| --- |\n| {v} |\n", ["table", "thead", "tr", "th", "tbody", "tr", "td"]),
    ("## Title\n\n{v}\n", ["h2", "p"]),
]


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(LEADS), st.sampled_from(OPENERS), REST, st.sampled_from(CONTEXTS))
def test_no_value_opens_a_block(lead: str, opener: str, rest: str, context: tuple[str, list[str]]) -> None:
    value = lead + opener + rest
    if not value.strip():
        return
    template, structure = context
    for escaped in (md_text(value), md_inline(value)):
        out = render(template.format(v=escaped))
        assert out.tags == structure, (value, str(escaped), MD.convert(template.format(v=escaped)))
    # and the words come through as they were (md_inline's footnote markers aside)
    assert words(value) in words("".join(render(template.format(v=md_text(value))).text))


def test_the_test_sees_a_block() -> None:
    """Unescaped, the same values do open blocks: the assertions above can fail."""
    assert render("!!! danger x\n").tags != ["p"]
    assert render(" - x\n").tags != ["p"]
    assert render("---\n").tags != ["p"]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=500))
def test_deep_list_markers_stay_text(n: int) -> None:
    """A kilobyte of nested list markers is one paragraph, not a recursion past Python's limit."""
    value = " " + "- " * n + "x"
    assert render(f"{md_text(value)}\n").tags == ["p"]
