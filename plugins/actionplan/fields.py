"""The constrained scalar types of the records: what one field may hold.

A text field is one ``Text(...)``: its Python check and its JSON Schema are generated from the same
parameters, so an editor underlines exactly what ``check`` refuses (empty or blank strings,
invisible characters, lone surrogates, a pattern that must match the whole value). URLs have one
rule (``url_problem``), identifiers one pattern each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .chars import INVISIBLE_JSON, MAX_TEXT, bad_character

# A footnote marker: [^N], N a footnote's number in ASCII digits without a leading zero. Every reader
# of markers (validation, the page's link, the anchor it points at) parses them with this one
# pattern, so what passes check links where the build links.
MARKER_NUMBER = r"[1-9][0-9]{0,3}"
MARKER = re.compile(rf"\[\^({MARKER_NUMBER})\]")
_ANY_MARKER = re.compile(r"\[\^([^\]\n]{0,40})\]")


def marker_problem(value: str) -> str | None:
    """Why ``value`` holds something that looks like a footnote marker but is not one, or None."""
    for m in _ANY_MARKER.finditer(value):
        if not re.fullmatch(MARKER_NUMBER, m.group(1)):
            return f"{m.group(0)[:30]!r} is not a footnote marker: write [^N], N a footnote's number in ASCII digits without a leading zero"
    return None

# -- constrained scalar types -----------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """A non-blank string of at most ``max_len`` characters, without invisible characters; with
    ``pattern``, matching it as a whole (``re.fullmatch``); with ``enum``, one of those values;
    with ``url``, an https URL (see ``url_problem``)."""

    pattern: str | None = None
    enum: tuple[str, ...] = ()
    max_len: int = MAX_TEXT
    url: bool = False
    one_line: bool = False  # a title, a number, a summary: a line break would end a RIS tag or a Markdown line
    hint: str = ""  # what a value matching ``pattern`` looks like, for the message (e.g. "a citation such as 90 FR 35385")
    # Values contributors write for an ``enum`` that is not one, each with what to write instead:
    # ("program solicitation", "kind: solicitation"). Pairs, not a dict: the type stays hashable.
    instead: tuple[tuple[str, str], ...] = ()

    def check(self, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("ap_text", "must not be empty")
        if len(value) > self.max_len:
            raise PydanticCustomError("ap_text", f"too long ({len(value)} characters, at most {self.max_len})")
        bad = bad_character(value) or marker_problem(value)
        if bad:
            raise PydanticCustomError("ap_text", bad)
        if self.one_line and "\n" in value:
            raise PydanticCustomError("ap_text", "must be one line: it contains a line break")
        if self.enum and value not in self.enum:
            hint = dict(self.instead).get(value.strip().lower())
            advice = f"; write {hint}" if hint else ""
            raise PydanticCustomError("ap_text", f"{value!r} is not one of: {', '.join(self.enum)}{advice}")
        if self.url:
            bad = url_problem(value)
            if bad:
                raise PydanticCustomError("ap_text", bad)
        if self.pattern and not re.fullmatch(self.pattern, value):
            if self.hint:
                raise PydanticCustomError("ap_text", f"{value[:60]!r} is not {self.hint}")
            raise PydanticCustomError("ap_text", f"{value[:60]!r} does not match {self.pattern}")
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, core_schema.str_schema(strict=True))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        out: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_len}
        if self.enum:
            out["enum"] = list(self.enum)
        elif self.url:
            out["pattern"] = anchored(URL_PATTERN[1:-1])
            out["format"] = "uri"
        elif self.pattern:
            out["pattern"] = anchored(self.pattern)
        else:
            out["pattern"] = r"\S"  # not blank
        out["not"] = {"pattern": INVISIBLE_JSON + ("|\\n" if self.one_line else "")}
        return out


def anchored(pattern: str) -> str:
    """``pattern`` matching a whole value in every JSON Schema validator: ``(?![\\s\\S])`` ends the
    input in ECMA-262 and Python alike, where Python's ``$`` would also match before a final newline."""
    return f"^(?:{pattern})(?![\\s\\S])"


# A URL: https, a host, and nothing a quote, space, angle bracket or backslash could break out of.
# (Written without escapes that ECMA-262's unicode mode refuses, such as \" and \-, so that every
# JSON Schema tool reads the published schema.)
URL_PATTERN = r"""^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][^\s"'<>\\`{}|^]*)?$"""
_URL_BAD = re.compile(r"[\s\"'<>\\`{}|^]")


def url_problem(value: str, http: bool = False) -> str | None:
    """The one rule for every URL field: parsed, https, with a host, nothing that could end an attribute.
    With ``http``, an http URL too (only a preview's site_url: make serve's http://127.0.0.1:8000/)."""
    bad = _URL_BAD.search(value)
    if bad:
        what = "white space" if bad.group().isspace() else repr(bad.group())
        return f"{value[:60]!r} is not a safe URL: it contains {what}"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises for a malformed port
    except ValueError as e:
        return f"{value[:60]!r} is not a URL ({e})"
    if parts.scheme != "https" and not (http and parts.scheme == "http"):
        return f"{value[:60]!r} must be an https:// URL"
    if not parts.hostname or not re.fullmatch(URL_PATTERN, "https" + value[len(parts.scheme):]):
        return f"{value[:60]!r} is not an {parts.scheme} URL with a host name"
    return None


ID_RE = r"[A-Za-z0-9][A-Za-z0-9.\-]*"
Str = Annotated[str, Text()]
Title = Annotated[str, Text(max_len=300, one_line=True)]
Line = Annotated[str, Text(max_len=2000, one_line=True)]
Id = Annotated[str, Text(pattern=ID_RE)]
Url = Annotated[str, Text(url=True, max_len=2000)]
Page = Annotated[int, Field(strict=True, ge=1)]
Count = Annotated[int, Field(strict=True, ge=0)]
Bool = Annotated[bool, Field(strict=True)]
ActionId = Annotated[str, Text(pattern=r"(I|II|III)\.[0-9]+\.[0-9]+")]
GoalId = Annotated[str, Text(pattern=r"(I|II|III)\.[0-9]+")]
PillarId = Annotated[str, Text(enum=("I", "II", "III"))]
CritiqueId = Annotated[str, Text(pattern=r"C[0-9A-Za-z\-]+", max_len=40)]
AgencyId = Annotated[str, Text(pattern=ID_RE, max_len=40)]
VERSION_RE = r"[0-9]+\.[0-9]+\.[0-9]+"
Version = Annotated[str, Text(pattern=VERSION_RE, max_len=20)]
Date = Annotated[str, Text(pattern=r"[0-9]{4}-[0-9]{2}-[0-9]{2}", max_len=10)]
# A git commit, written in full (an abbreviation may become ambiguous as the history grows).
Commit = Annotated[str, Text(pattern=r"[0-9a-f]{40}", max_len=40)]
SITE_DIR = Text(pattern=r"[A-Za-z0-9_~\-][A-Za-z0-9._~\-]*(/[A-Za-z0-9_~\-][A-Za-z0-9._~\-]*)*/", max_len=300)
SiteDir = Annotated[str, SITE_DIR]
CRITIQUE_KINDS = ("background", "structure", "critique", "risk", "caption")


class Bilingual(BaseModel):
    """A note of ours, declared once with both languages: ``en`` (as we wrote it) and ``zh`` (our
    Chinese; where we wrote the note in English first, our translation of it). Pages show the
    page language's version (``of``); the export gives both."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    en: Str
    zh: Str

    def of(self, lang: str) -> str:
        """The note in ``lang`` (Chinese for ``zh``, English otherwise)."""
        return self.zh if lang == "zh" else self.en


def is_version(value: str) -> bool:
    """A release version as the changelog writes it: x.y.z, ASCII digits."""
    return re.fullmatch(VERSION_RE, value) is not None


def version_key(version: str) -> tuple[int, ...]:
    """A release version in the order of releases (1.10.0 after 1.9.0)."""
    return tuple(int(x) for x in version.split("."))
