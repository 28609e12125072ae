"""Jinja, set up once: the template environment, its filters and its on-disk cache of compiled templates.

Templates are rendered with autoescape on, and the escape of every printed value is
``text.md_text`` (the environment's ``finalize``): a value reaches the page inert, for HTML and for
Markdown alike, unless ``text.py`` made it ``Markup``. A rendered page is a ``Page``: its path in
the language's docs folder, its source (front matter over Markdown) and the data file it came from.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from . import text
from .problems import Where


@dataclass(frozen=True)
class Page:
    """A page source: ``src`` is its path in the language's docs folder (``plan/I.1.md``)."""

    src: str
    content: str
    source: Where  # the data file (and line) that "edit this page" opens


# How the templates are compiled. Jinja's bytecode cache checks an entry against its template's
# source only, so everything else that shapes the compiled code (these options, the Jinja
# release, whether values are finalized) goes into the cache files' names: change any of it and
# the old entries are simply never read again.
_OPTIONS: dict[str, Any] = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    # attr_list's "{#id}" would open a Jinja comment: comments are "{## … ##}" instead.
    "comment_start_string": "{##",
    "comment_end_string": "##}",
}
_COMPILED_BY = hashlib.sha256(repr((jinja2.__version__, sorted(_OPTIONS.items()), "finalize=md_text")).encode()).hexdigest()[:16]
TEMPLATE_CACHE_PREFIX = "actionplan-templates-"


class _Bytecode(jinja2.FileSystemBytecodeCache):
    """Jinja's documented on-disk cache of compiled templates, in the user's private temp folder
    (created 0700 and checked to be the user's own by Jinja).

    Compiling our templates costs about as much as rendering every page of a language, and each
    build is a new process. An entry is found by the template's name and the way it is compiled
    (``_COMPILED_BY``, in the file name) and checked against its source, so a changed template,
    option or Jinja release is never served stale; a cache that cannot be written only costs the
    compile again."""

    def __init__(self) -> None:
        super().__init__(pattern=f"{TEMPLATE_CACHE_PREFIX}{_COMPILED_BY}-%s.cache")

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode() -> _Bytecode | None:
    try:
        return _Bytecode()
    except (OSError, RuntimeError):  # no private temp folder to be had: compile every time
        return None


def clear_template_cache() -> int:
    """Remove our compiled templates from the cache (the benchmark's cold builds); how many."""
    cache = _bytecode()
    if cache is None:
        return 0
    gone = 0
    for f in Path(cache.directory).glob(f"{TEMPLATE_CACHE_PREFIX}*.cache"):
        with contextlib.suppress(OSError):
            f.unlink()
            gone += 1
    return gone


@jinja2.pass_context
def _abbr(ctx: jinja2.runtime.Context, value: object) -> object:
    """``value|abbr``: inert text with the page's acronyms explained (``abbr.PageAbbreviations``,
    the ``abbrs`` of the render's context); plain ``md_text`` where a page has none."""
    marker = ctx.get("abbrs")
    return marker.mark(value) if marker is not None else text.md_text(value)


@functools.cache
def environment() -> jinja2.Environment:
    """One template environment per process: both renderers of a build share its compiled templates."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("actionplan", "templates"),
        bytecode_cache=_bytecode(),
        undefined=jinja2.StrictUndefined,
        **_OPTIONS,
    )
    # Autoescape, our way: every printed value is made inert for HTML *and* Markdown
    # (text.md_text) unless it is Markup already. Jinja escapes with markupsafe only what
    # `finalize` hands back unmarked, and md_text hands back Markup, so nothing is escaped twice.
    env.finalize = text.md_text
    env.filters["inline"] = text.md_inline
    env.filters["fn"] = text.md_footnote
    env.filters["marked"] = text.md_marked
    env.filters["pre"] = text.pre
    env.filters["cite_pre"] = text.cite_pre
    env.filters["url"] = text.url
    env.filters["excerpt"] = text.excerpt
    env.filters["abbr"] = _abbr
    return env
