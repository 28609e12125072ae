"""Escaping by default (issues 13 and 15): whatever text a field holds, the page the engine makes
from it carries no executable markup.

Hypothesis puts random strings (quotes, angle brackets, Markdown and attr_list syntax, controls,
bidi characters, surrogates filtered out by the loader) into every text field of the tiny fixture
that reaches a page; each page source is rendered by Python-Markdown with the site's own
extensions, as the engine does, and the HTML is parsed (not grepped) for script, event handlers,
dangerous URLs and attributes smuggled in through attr_list.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan import paths
from actionplan.pages import all_pages
from actionplan.render import Renderer
from actionplan.site import load_all

from .conftest import ROOT, TINY

SITE_CONFIG = yaml.safe_load((ROOT / "mkdocs.en.yml").read_text(encoding="utf-8"))
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in SITE_CONFIG["markdown_extensions"]]
CONFIGS = {next(iter(e)): next(iter(e.values())) for e in SITE_CONFIG["markdown_extensions"] if isinstance(e, dict)}
OURS = {"id", "class", "lang", "translate", "href", "title", "hreflang", "type", "role", "aria-label", "aria-pressed", "aria-current", "value",
        "hidden", "for", "name", "autocomplete", "spellcheck", "datetime", "rel", "style", "xmlns", "viewbox", "x", "y", "width",
        "height", "rx", "text-anchor", "aria-labelledby", "markdown", "checked", "download", "tabindex"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")

PIECES = [*list("<>\"'&/=;:()[]{}#*_`!|\\ \n\tjs"), "\u202e", "\u2066", "\x85", "脚本", "<script>alert(1)</script>",
          "{: onclick=x }", "](javascript:x)", "<img src=x onerror=y>", "[a](javascript:b)", "{#x .y onmouseover=z}", "- ", "1. ",
          "# ", "<!--", "-->", "&lt;", "&#106;avascript:", "<a href='javascript:q'>", "`", "***", "<div markdown=\"1\">"]
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "img", "form", "input", "button", "svg", "style") and tag not in ALLOWED_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            elif name not in OURS and not name.startswith(("data-", "aria-")):
                self.found.append(f"<{tag} {name}=…> (an attribute no template writes)")
            if name in ("href", "src", "action", "formaction", "xlink:href") and v.startswith(DANGEROUS_SCHEMES):
                self.found.append(f"<{tag} {name}={v[:30]}>")


# Tags our own templates write (the copy buttons, the ID form, the figure): allowed where we put them.
ALLOWED_TAGS = {"button", "form", "input", "svg"}


def poison(raw: dict[str, Any], value: str) -> None:
    """Put ``value`` into every text of a pillar file: titles, intros, action texts, notes."""
    for goal in raw.get("goals", []):
        goal["title"] = f"Goal {value}"
        goal["intro"] = [f"Intro {value}"]
        for action in goal.get("actions", []):
            action["text"] = f"Do {value}"


def pages_for(root: Path) -> list[tuple[str, str]]:
    ix = load_all(root / "data", root / "content" / "commentary", root)
    return [(paths.prefix(lang) + p.src, p.content) for lang in paths.LANGS
            for p in all_pages(Renderer(ix, lang, "https://example.org/", "https://example.org/repo/blob/main/"))]


def html_of(source: str) -> str:
    body = source.split("\n---\n", 1)[1]  # the front matter is the engine's, read as YAML
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=CONFIGS)


@pytest.mark.slow  # seconds: each example copies the tiny fixture and renders every page
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=HOSTILE)
def test_no_text_becomes_markup(tmp_path_factory: Any, value: str) -> None:
    import shutil

    from actionplan.problems import DataError

    root = tmp_path_factory.mktemp("prop") / "tiny"
    shutil.copytree(TINY, root)
    pillar = root / "data" / "pillars" / "II.yaml"
    raw = yaml.safe_load(pillar.read_text(encoding="utf-8"))
    poison(raw, value)
    pillar.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    commentary = root / "content" / "commentary" / "C03.md"
    text = commentary.read_text(encoding="utf-8")
    commentary.write_text(text.rstrip("\n") + value.replace("\n", " ") + "\n", encoding="utf-8")
    try:
        pages = pages_for(root)
    except DataError:
        return  # refused by the checks, with a message: nothing is published
    for src, source in pages:
        audit = Audit()
        audit.feed(html_of(source))
        assert not audit.found, (src, value, audit.found[:5])


@settings(max_examples=400, deadline=None)
@given(st.one_of(HOSTILE, st.text(max_size=40)))
def test_md_text_shortcut_changes_nothing(value: str) -> None:
    """md_text skips the escape for values with nothing to change; on any text it must give
    exactly what the full escape (text.inert) gives."""
    from actionplan.text import inert, md_text

    assert str(md_text(value)) == inert(value)


def test_compiled_templates_are_cached_and_give_the_same_pages(tmp_path: Path, monkeypatch: Any) -> None:
    """The first render compiles the templates into Jinja's cache (a private folder in the temp
    directory), the next reads them back; the pages are the same either way, and the benchmark's
    clear_template_cache empties it."""
    import tempfile

    from actionplan import templating

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ix = load_all(TINY / "data", TINY / "content" / "commentary", TINY)

    def pages() -> dict[str, str]:
        templating.environment.cache_clear()  # a new process, as each build is
        return {p.src: p.content for p in all_pages(Renderer(ix, "en", "https://example.org/", None))}

    try:
        cold = pages()
        cached = sorted(tmp_path.rglob(f"{templating.TEMPLATE_CACHE_PREFIX}*.cache"))
        assert len(cached) >= 10  # one per template the pages use
        stamps = [f.stat().st_mtime_ns for f in cached]
        assert pages() == cold
        assert [f.stat().st_mtime_ns for f in cached] == stamps  # read, not written again
        assert templating.clear_template_cache() == len(cached) and not list(tmp_path.rglob("*.cache"))
    finally:
        templating.environment.cache_clear()
