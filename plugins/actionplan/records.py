"""Every record of the edition, declared once (pydantic v2).

Each class below is at the same time:

* the check of a data file or front matter (``validate_records`` translates pydantic's errors
  into our ``path:line: record: field: message`` problems, the lines coming from ``yamlsrc``);
* the typed, frozen record the rest of the code reads (``model`` re-exports these classes);
* the editor JSON Schema (``editor_schemas``, written to ``schemas/`` by ``actionplan schemas``);
* and, through the ``*Out`` classes at the end, the schema of ``export/plan.json``
  (``export_schema``), whose fields reuse the same constrained types.

A text field is one ``Text(...)``: its Python check and its JSON Schema are generated from the same
parameters, so an editor underlines exactly what ``check`` refuses (empty or blank strings,
invisible characters, lone surrogates, a pattern that must match the whole value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PrivateAttr,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

MAX_TEXT = 20_000  # far beyond the longest action (~1,000 chars); catches pasted garbage


# -- characters no text of ours may hold ------------------------------------------------------

# C0 controls but tab and newline, DEL, C1 controls, zero-width and bidi marks and embeddings,
# line/paragraph separators, bidi isolates (U+2066-2069), invisible operators, BOM, tag characters.
INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# The same set for JSON Schema (ECMA-262 regexes, no 'u' flag), written as \\u escapes: tag
# characters as their UTF-16 pairs, lone surrogates as the ranges they are.
_INVISIBLE_JSON = "[" + "".join(
    ch if ch == "-" else f"\\u{ord(ch):04x}" for ch in INVISIBLE.replace("\U000e0000-\U000e007f", "")
) + "\\ud800-\\udfff]|\\udb40[\\udc00-\\udc7f]"


def bad_character(text: str) -> str | None:
    """Why ``text`` may not be used, or ``None``: the first invisible, control or unencodable character."""
    m = _SURROGATE.search(text)
    if m:
        return f"contains a lone surrogate U+{ord(m.group()):04X}, which is not a character (not valid UTF-8)"
    m = _INVISIBLE.search(text)
    if m:
        return f"contains an invisible or control character U+{ord(m.group()):04X}"
    return None


def safe(text: str) -> str:
    """``text`` fit for a log or terminal: controls, invisible and bidi characters and surrogates escaped.

    Everything we print from data goes through this, so no key or name can forge a line (a CI
    annotation such as ``::error``) or reorder what a reader sees."""
    if text.isprintable() and not _INVISIBLE.search(text):
        return text
    out = []
    for ch in text:
        if (ch.isprintable() and not _INVISIBLE.match(ch) and not _SURROGATE.match(ch)) or ch == " ":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)


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
    hint: str = ""  # what a value matching ``pattern`` looks like, for the message (e.g. "a citation such as 90 FR 35385")

    def check(self, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("ap_text", "must not be empty")
        if len(value) > self.max_len:
            raise PydanticCustomError("ap_text", f"too long ({len(value)} characters, at most {self.max_len})")
        bad = bad_character(value)
        if bad:
            raise PydanticCustomError("ap_text", bad)
        if self.enum and value not in self.enum:
            raise PydanticCustomError("ap_text", f"{value!r} is not one of: {', '.join(self.enum)}")
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
        out["not"] = {"pattern": _INVISIBLE_JSON}
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


def url_problem(value: str) -> str | None:
    """The one rule for every URL field: parsed, https, with a host, nothing that could end an attribute."""
    bad = _URL_BAD.search(value)
    if bad:
        what = "white space" if bad.group().isspace() else repr(bad.group())
        return f"{value[:60]!r} is not a safe URL: it contains {what}"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises for a malformed port
    except ValueError as e:
        return f"{value[:60]!r} is not a URL ({e})"
    if parts.scheme != "https":
        return f"{value[:60]!r} must be an https:// URL"
    if not parts.hostname or not re.fullmatch(URL_PATTERN, value):
        return f"{value[:60]!r} is not an https URL with a host name"
    return None


ID_RE = r"[A-Za-z0-9][A-Za-z0-9.\-]*"
Str = Annotated[str, Text()]
Title = Annotated[str, Text(max_len=300)]
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
Version = Annotated[str, Text(pattern=r"[0-9]+\.[0-9]+\.[0-9]+", max_len=20)]
Date = Annotated[str, Text(pattern=r"[0-9]{4}-[0-9]{2}-[0-9]{2}", max_len=10)]
SITE_DIR = Text(pattern=r"[A-Za-z0-9_~\-][A-Za-z0-9._~\-]*(/[A-Za-z0-9_~\-][A-Za-z0-9._~\-]*)*/", max_len=300)
SiteDir = Annotated[str, SITE_DIR]
CRITIQUE_KINDS = ("background", "structure", "critique", "risk", "caption")


# -- the record base ---------------------------------------------------------------------------

class Record(BaseModel):
    """A frozen record that remembers the file and line it was read from (``where``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # Messages name a record "<kind> <key>" (e.g. "action I.1.2"), so a contributor reads the record
    # they must open, not a path to it; records without a kind are named by their parent.
    kind_name: ClassVar[str] = ""
    key: ClassVar[str] = "id"
    _file: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_where(cls, data: Any, handler: Callable[[Any], Any], info: ValidationInfo) -> Any:
        obj = handler(data)
        if isinstance(obj, Record):
            obj._file = (info.context or {}).get("file", "")
            obj._line = getattr(data, "line", 0)
            obj._lines = dict(getattr(data, "lines", {}) or {})
        return obj

    @property
    def where(self) -> Where:
        return Where(self._file, self._line)

    @property
    def lines(self) -> dict[str, int]:
        """The line of each field as written."""
        return self._lines


@dataclass(frozen=True)
class Where:
    """A position in a source file; ``line`` is 1-based, 0 when unknown."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


_MARKER = re.compile(r"\[\^(\d+)\]")


def footnote_refs(*texts: str) -> tuple[int, ...]:
    """Footnote numbers cited by ``[^N]`` markers, in order of first appearance."""
    seen: list[int] = []
    for text in texts:
        for m in _MARKER.finditer(text):
            n = int(m.group(1))
            if n not in seen:
                seen.append(n)
    return tuple(seen)


# -- data/pillars/<ID>.yaml ---------------------------------------------------------------------

class Note(Record):
    """Our editorial annotation on a unit, e.g. a typo we keep as printed."""

    kind: Annotated[str, Text(enum=("as-printed", "repeated", "editorial"))]
    text: Str


class Action(Record):
    kind_name: ClassVar[str] = "action"
    kind: ClassVar[str] = "action"
    id: ActionId
    printed_page: Page
    text: Str
    lead: tuple[Id, ...]
    lead_text: Str | None = None
    agencies: tuple[Id, ...]
    notes: tuple[Note, ...] = ()

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(self.text)


class Goal(Record):
    kind_name: ClassVar[str] = "goal"
    kind: ClassVar[str] = "goal"
    id: GoalId
    title: Title
    printed_page: Page
    intro: Annotated[tuple[Str, ...], Field(min_length=1)]
    actions: Annotated[tuple[Action, ...], Field(min_length=1)]
    notes: tuple[Note, ...] = ()

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


class Pillar(Record):
    """pillars/<ID>.yaml: one pillar with its goals and actions"""

    kind_name: ClassVar[str] = "pillar"
    kind: ClassVar[str] = "pillar"
    id: PillarId
    title: Title
    printed_page: Page
    intro: Annotated[tuple[Str, ...], Field(min_length=1)]
    goals: Annotated[tuple[Goal, ...], Field(min_length=1)]

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


# -- data/plan.yaml ----------------------------------------------------------------------------

class Signatory(Record):
    name: Str
    role: Str


class Intro(Record):
    kind: ClassVar[str] = "intro"
    id: Annotated[str, Text(enum=("intro",))]
    title: Title
    printed_page: Page
    intro: Annotated[tuple[Str, ...], Field(min_length=1)]
    signatories: tuple[Signatory, ...] = ()

    @property
    def footnotes(self) -> tuple[int, ...]:
        return footnote_refs(*self.intro)


class Epigraph(Record):
    text: Str
    attribution: Str
    role: Str
    printed_page: Str
    pdf_page: Page


class Counts(Record):
    pillars: Page
    goals: Page
    actions: Page


class PlanFile(Record):
    """plan.yaml: the plan's front matter and introduction"""

    title: Title
    publisher: Title
    published: Annotated[str, Text(pattern=r"[0-9]{4}-[0-9]{2}")]
    pdf_url: Url
    pdf_page_offset: Count
    counts: Counts
    epigraph: Epigraph
    intro: Intro
    pillars: Annotated[tuple[PillarId, ...], Field(min_length=1)]


# -- the other data files ----------------------------------------------------------------------

class Footnote(Record):
    kind_name: ClassVar[str] = "footnote"
    key: ClassVar[str] = "number"
    number: Page
    text: Str


class Agency(Record):
    kind_name: ClassVar[str] = "agency"
    id: AgencyId
    name: Title
    acronym: Annotated[str, Text(max_len=40)] | None = None


class GlossaryTerm(Record):
    kind_name: ClassVar[str] = "term"
    key: ClassVar[str] = "en"
    en: Annotated[str, Text(max_len=200)]
    zh: Annotated[str, Text(max_len=200)]
    note: Str | None = None


class Summary(Record):
    en: Str
    zh: Str


# The ID of a record entry is its URL (record/<ID>/): lower case, digits and hyphens.
InstrumentId = Annotated[str, Text(pattern=r"[a-z0-9][a-z0-9\-]*", max_len=80,
                                   hint="an ID of lower-case letters, digits and hyphens (it is the URL record/<ID>/), e.g. eo-14318")]


class Release(Record):
    kind_name: ClassVar[str] = "release"
    key: ClassVar[str] = "version"
    version: Version
    date: Date
    summary: Summary
    units: tuple[Id, ...]
    # The entries of data/record.yaml this release added or changed: each is an entry of the
    # change feed, dated by the release that published it.
    record: tuple[InstrumentId, ...] = ()

    @property
    def summary_en(self) -> str:
        return self.summary.en

    @property
    def summary_zh(self) -> str:
        return self.summary.zh


class TranslatedSignatory(Record):
    role: Str


class TranslatedUnit(Record):
    title: Title | None = None
    intro: Annotated[tuple[Str, ...], Field(min_length=1)] | None = None
    text: Str | None = None
    role: Str | None = None
    signatories: tuple[TranslatedSignatory, ...] | None = None


class TranslationFile(Record):
    """translations/<lang>/*.yaml: unofficial translations by unit ID"""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, TranslatedUnit] = Field(init=False)  # type: ignore[assignment]
    agencies: dict[str, Title] | None = None


# -- content/commentary/<ID>.md front matter ---------------------------------------------------

class Claim(Record):
    """A figure the commentary states about the plan, checked against the data at build time."""

    kind_name: ClassVar[str] = "claim"
    id: Annotated[str, Text(pattern=ID_RE, max_len=60)]
    quote: Annotated[str, Text(max_len=200)]
    metric: Annotated[str, Text(enum=("pillars", "goals", "actions"))]
    scope: Annotated[str, Text(enum=("plan", "I", "II", "III"))]
    expected: Count
    holds: Bool = True


class Critique(Record):
    """front matter of a commentary unit (content/commentary/<ID>.md); its body is ``text``"""

    kind_name: ClassVar[str] = "critique"
    id: CritiqueId
    kind: Annotated[str, Text(enum=CRITIQUE_KINDS)]
    position: Page
    paragraph: Page
    targets: Annotated[tuple[Id, ...], Field(min_length=1)]
    en: Str | None = None
    editorial: Str | None = None
    claims: tuple[Claim, ...] = ()
    _text: str = PrivateAttr(default="")

    @property
    def text(self) -> str:
        """The commentary's words (the file's body), verbatim."""
        return self._text

    def with_body(self, text: str, body_line: int | None = None) -> Critique:
        """A copy of this unit with ``text`` as its body (which starts at ``body_line``)."""
        copy = self.model_copy()
        copy._text = text
        copy._lines = {**self._lines, "body": self._lines.get("body", 0) if body_line is None else body_line}
        copy._file, copy._line = self._file, self._line
        return copy


# -- data/redirects.yaml -------------------------------------------------------------------------

class Redirect(Record):
    """A moved URL: ``old`` (a site-relative directory URL, no longer a page) now lives at ``new``."""

    old: SiteDir
    new: SiteDir


# -- data/record.yaml ----------------------------------------------------------------------------

INSTRUMENT_KINDS = ("executive order", "memorandum", "notice", "rule", "report")
RELATIONS = ("implements", "related")
PLAN_DATE = "2025-07-23"  # the plan's release: the record runs from this day (background entries before it)
Citation = Annotated[str, Text(pattern=r"[1-9][0-9]{0,2} FR [1-9][0-9]{0,5}", max_len=20,
                               hint="a Federal Register citation: volume, FR, first page, e.g. 90 FR 35385")]
FrDoc = Annotated[str, Text(pattern=r"[0-9]{4}-[0-9]{5}", max_len=10, hint="an FR document number such as 2025-14212")]
Evidence = Annotated[str, Text(max_len=600)]


class UnitLink(Record):
    """One plan unit an instrument relates to: how (``relation``) and in whose words (``evidence``)."""

    kind_name: ClassVar[str] = ""
    unit: Id
    relation: Annotated[str, Text(enum=RELATIONS)]
    evidence: Evidence


class Instrument(Record):
    """record.yaml: one official instrument (order, memorandum, notice, rule, report) since the plan"""

    kind_name: ClassVar[str] = "instrument"
    id: InstrumentId
    kind: Annotated[str, Text(enum=INSTRUMENT_KINDS)]
    number: Annotated[str, Text(max_len=60)]
    fr_doc: FrDoc | None = None
    title: Title
    title_zh: Title | None = None
    issuer: AgencyId
    signed: Date | None
    published: Date
    citation: Citation
    url: Url
    background: Bool = False
    note: Str | None = None
    units: Annotated[tuple[UnitLink, ...], Field(min_length=1)]


# -- the files, and how each is checked --------------------------------------------------------

def _list(item: Any, title: str) -> Any:
    return Annotated[tuple[item, ...], Field(min_length=1, title=title)]


@dataclass(frozen=True)
class FileSpec:
    """What one kind of file holds: its type, the record name for its top level, its title."""

    type: Any
    record: str
    title: str
    adapter: TypeAdapter[Any] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "adapter", TypeAdapter(self.type))


FILES: dict[str, FileSpec] = {
    "plan": FileSpec(PlanFile, "plan", "plan.yaml: the plan's front matter and introduction"),
    "pillar": FileSpec(Pillar, "pillar", "pillars/<ID>.yaml: one pillar with its goals and actions"),
    "footnotes": FileSpec(_list(Footnote, "footnotes"), "footnote", "footnotes.yaml: the plan's footnotes, verbatim"),
    "agencies": FileSpec(_list(Agency, "agencies"), "agency", "agencies.yaml: agencies named in the plan"),
    "glossary": FileSpec(_list(GlossaryTerm, "glossary"), "term", "glossary.yaml: one rendering per term"),
    "translation": FileSpec(TranslationFile, "", "translations/<lang>/*.yaml: unofficial translations by unit ID"),
    "changelog": FileSpec(_list(Release, "changelog"), "release",
                          "changelog.yaml: releases, newest first, with the units each changed"),
    "critique": FileSpec(Critique, "critique", "front matter of a commentary unit (content/commentary/<ID>.md)"),
    "record": FileSpec(_list(Instrument, "record"), "instrument",
                       "record.yaml: official instruments since the plan, each with the units it relates to"),
    "redirects": FileSpec(Annotated[dict[str, SiteDir], Field(json_schema_extra={
        "propertyNames": {"pattern": anchored(SITE_DIR.pattern or ""), "maxLength": SITE_DIR.max_len}})], "redirect",
                          "redirects.yaml: moved URLs, old site-relative directory URL -> new ('{}' for none)"),
}


REDIRECT = FileSpec(Redirect, "redirect", "one moved URL")
INSTRUMENT = FileSpec(Instrument, "instrument", "one entry of record.yaml")


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list | tuple):
        return "list"
    return {str: "string", int: "integer", float: "number", type(None): "nothing"}.get(type(value), type(value).__name__)


_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda e: "required field is missing",
    "extra_forbidden": lambda e: "unknown field",  # completed with the known fields below
    "string_type": lambda e: f"expected a string, got {_type_name(e['input'])}",
    "int_type": lambda e: f"expected an integer, got {_type_name(e['input'])}",
    "int_from_float": lambda e: f"expected an integer, got {_type_name(e['input'])}",
    "bool_type": lambda e: f"expected true or false, got {_type_name(e['input'])}",
    "tuple_type": lambda e: f"expected a list, got {_type_name(e['input'])}",
    "list_type": lambda e: f"expected a list, got {_type_name(e['input'])}",
    "model_type": lambda e: f"expected a mapping, got {_type_name(e['input'])}",
    "model_attributes_type": lambda e: f"expected a mapping, got {_type_name(e['input'])}",
    "dict_type": lambda e: f"expected a mapping, got {_type_name(e['input'])}",
    "too_short": lambda e: f"needs at least {e['ctx']['min_length']} item(s)",
    "greater_than_equal": lambda e: f"must be at least {e['ctx']['ge']}",
}


def _unwrap(tp: Any) -> Any:
    """The record class (or container) inside ``Annotated``/``Optional`` wrappers."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin is Union or str(origin) == "<class 'types.UnionType'>":
            args = [a for a in get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def _child(tp: Any, step: str | int) -> Any:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if isinstance(step, str) and step in tp.model_fields:
            return tp.model_fields[step].annotation
        extra = tp.__annotations__.get("__pydantic_extra__") if tp is TranslationFile else None
        return TranslatedUnit if extra else None
    origin = get_origin(tp)
    if origin in (tuple, list):
        return get_args(tp)[0]
    if origin is dict:
        return get_args(tp)[1]
    return None


def _join(base: str, step: str | int) -> str:
    if isinstance(step, int):
        return f"{base}[{step}]"
    return f"{base}.{step}" if base else step


def _bad_keys(raw: Any, loc: tuple[str | int, ...]) -> list[dict[str, Any]]:
    """Mapping keys holding an invisible or unencodable character, as pydantic-style errors."""
    out: list[dict[str, Any]] = []
    if isinstance(raw, Mapping):
        for key, value in raw.items():
            why = bad_character(str(key))
            if why:
                out.append({"type": "ap_key", "loc": (*loc, str(key)), "msg": why})
            else:
                out += _bad_keys(value, (*loc, str(key)))
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            out += _bad_keys(value, (*loc, i))
    return out


def validate_records(spec: FileSpec, raw: Any, file: str, line: int, record: str, problems: list[Any]) -> Any:
    """Validate ``raw`` (from ``yamlsrc``, with lines) as ``spec``; the record on success, else ``None``
    with every problem appended as ``path:line: record: field: message``."""
    from .problems import Problem

    errors: list[dict[str, Any]] = _bad_keys(raw, ())
    if not errors:  # pydantic cannot even read a key holding a lone surrogate
        try:
            return spec.adapter.validate_python(raw, context={"file": file})
        except ValidationError as err:
            errors = [dict(e) for e in err.errors(include_url=False)]
    # A list with a broken item is also "too short" to pydantic: one slip, one problem.
    locs = [tuple(e["loc"]) for e in errors]
    errors = [e for e in errors if not (e["type"] == "too_short" and any(
        len(other) > len(e["loc"]) and other[: len(e["loc"])] == tuple(e["loc"]) for other in locs))]
    seen: set[tuple[Any, ...]] = set()
    for e in errors:
        known = ""
        value, tp, rec, base, at = raw, spec.type, record, "", getattr(raw, "line", line) or line
        steps = [s for s in e["loc"] if isinstance(s, str | int)]
        for i, step in enumerate(steps):
            last = i == len(steps) - 1
            cls = _unwrap(tp)
            if isinstance(value, Mapping) and isinstance(step, str):
                at = getattr(value, "lines", {}).get(step, getattr(value, "line", at) or at)
            elif isinstance(value, Sequence) and isinstance(step, int):
                lines = getattr(value, "lines", None)
                at = lines[step] if lines and step < len(lines) else at
            if isinstance(cls, type) and issubclass(cls, Record) and cls.kind_name and isinstance(value, Mapping):
                ident = value.get(cls.key)
                if isinstance(ident, str | int) and not isinstance(ident, bool):
                    rec, base = f"{cls.kind_name} {ident}", ""
            if not rec:  # a top-level section of a keyed file (e.g. "agencies:" in a translation)
                rec, base = str(step), ""
            else:
                base = _join(base, step)
            if last and e["type"] == "extra_forbidden" and isinstance(cls, type) and issubclass(cls, BaseModel):
                known = ", ".join(cls.model_fields)
            nxt = value.get(step) if isinstance(value, Mapping) else (
                value[step] if isinstance(value, Sequence) and isinstance(step, int) and step < len(value) else None)
            value, tp = nxt, _child(tp, step)
        if e["type"] in _MESSAGES:
            message = _MESSAGES[e["type"]](e)
            if e["type"] == "extra_forbidden":
                message += f" (known: {known})"
        else:
            message = str(e["msg"])
        key = (at, rec, base, message)
        if key not in seen:
            seen.add(key)
            problems.append(Problem(Where(file, at), rec, base, message))
    return None


# -- JSON Schemas -------------------------------------------------------------------------------

def _clean(schema: Any) -> Any:
    """Drop pydantic's generated per-property titles and defaults: noise in an editor's hover."""
    if isinstance(schema, dict):
        return {k: _clean(v) for k, v in schema.items() if k not in ("title", "default") or not isinstance(v, str | type(None))}
    if isinstance(schema, list):
        return [_clean(v) for v in schema]
    return schema


def json_schema(spec: FileSpec) -> dict[str, Any]:
    body = _clean(spec.adapter.json_schema())
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": spec.title, **body}


def editor_schemas() -> dict[str, dict[str, Any]]:
    """``schemas/<name>.schema.json`` for every kind of data file and for commentary front matter."""
    return {name: json_schema(spec) for name, spec in FILES.items()}


# -- export/plan.json ---------------------------------------------------------------------------

class Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


PageUrl = Annotated[str, Field(pattern=r"^(?:[^/].*/)?$")]
AnyText = str  # exported text may hold what the sources hold; its constraints are the input's


class TextEn(Out):
    en: AnyText
    zh: str | None


class TextZh(Out):
    zh: AnyText
    en: str | None


class ParasEn(Out):
    en: Annotated[tuple[AnyText, ...], Field(min_length=1)]
    zh: tuple[str, ...] | None


class UnitOut(Out):
    url: PageUrl
    url_en: PageUrl
    printed_page: Page
    pdf_page: Page
    footnotes: tuple[Page, ...]


class NoteOut(Out):
    kind: Annotated[str, Text(enum=("as-printed", "repeated", "editorial"))]
    text: AnyText


class ActionOut(UnitOut):
    id: ActionId
    text: TextEn
    lead: tuple[AgencyId, ...]
    lead_text: str | None
    agencies: tuple[AgencyId, ...]
    notes: tuple[NoteOut, ...]


class GoalOut(UnitOut):
    id: GoalId
    title: TextEn
    intro: ParasEn
    actions: Annotated[tuple[ActionOut, ...], Field(min_length=1)]


class PillarOut(UnitOut):
    id: PillarId
    title: TextEn
    intro: ParasEn
    goals: Annotated[tuple[GoalOut, ...], Field(min_length=1)]


class IntroOut(UnitOut):
    id: Literal["intro"]
    title: TextEn
    intro: ParasEn


class AgencyOut(Out):
    id: AgencyId
    name: TextEn
    acronym: str | None
    url: PageUrl
    leads: tuple[str, ...]
    named_in: tuple[str, ...]


class FootnoteOut(Out):
    number: Page
    text: AnyText
    cited_by: tuple[str, ...]


class CritiqueOut(Out):
    id: CritiqueId
    kind: Annotated[str, Text(enum=CRITIQUE_KINDS)]
    text: TextZh
    targets: Annotated[tuple[str, ...], Field(min_length=1)]
    url: PageUrl
    url_en: PageUrl
    position: Page
    paragraph: Page
    editorial: str | None


class ClaimOut(Out):
    id: str
    critique: CritiqueId
    quote: str
    metric: Annotated[str, Text(enum=("pillars", "goals", "actions"))]
    scope: str
    expected: int
    computed: int | None
    holds: bool


class RecordUnitOut(Out):
    unit: str
    relation: Annotated[str, Text(enum=RELATIONS)]
    evidence: AnyText


class RecordOut(Out):
    """One entry of data/record.yaml: an official instrument and the plan units it relates to."""

    id: InstrumentId
    kind: Annotated[str, Text(enum=INSTRUMENT_KINDS)]
    number: str
    fr_doc: str | None
    title: TextEn
    issuer: AgencyId
    signed: str | None
    published: str
    citation: str
    source_url: Url
    background: bool
    note: str | None
    url: PageUrl
    url_en: PageUrl
    units: Annotated[tuple[RecordUnitOut, ...], Field(min_length=1)]


EXPORT_SCHEMA_VERSION = "1.0"


class PlanOut(Out):
    """America's AI Action Plan, annotated: export/plan.json"""

    model_config = ConfigDict(extra="forbid", frozen=True, title="America's AI Action Plan, annotated: export/plan.json")
    schema_version: Literal["1.0"]
    dataset_version: Version
    title: str
    publisher: str
    published: str
    source_pdf: Url
    site_url: str
    licence: str
    intro: IntroOut
    pillars: Annotated[tuple[PillarOut, ...], Field(min_length=1)]
    agencies: tuple[AgencyOut, ...]
    footnotes: tuple[FootnoteOut, ...]
    critiques: tuple[CritiqueOut, ...]
    claims: tuple[ClaimOut, ...]
    record: tuple[RecordOut, ...]


def export_schema() -> dict[str, Any]:
    """JSON Schema of ``export/plan.json`` (published beside it as ``export/plan.schema.json``)."""
    body = _clean(PlanOut.model_json_schema())
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "America's AI Action Plan, annotated: export/plan.json", **body}


__all__ = [
    "FILES",
    "Action",
    "Agency",
    "Claim",
    "Critique",
    "Epigraph",
    "Footnote",
    "GlossaryTerm",
    "Goal",
    "Instrument",
    "Intro",
    "Note",
    "Pillar",
    "PlanFile",
    "Redirect",
    "Release",
    "Signatory",
    "TranslationFile",
    "UnitLink",
    "Where",
    "bad_character",
    "editor_schemas",
    "export_schema",
    "footnote_refs",
    "json_schema",
    "safe",
    "url_problem",
    "validate_records",
]
