"""Which record each data file holds, and pydantic's errors as our problems.

``FILES`` names, per kind of file, the record type of its top level; ``validate_records`` checks
a value read by ``yamlsrc`` (which remembers lines) against it and turns every pydantic error into
``path:line: record: field: message``, naming the record a contributor must open ("action I.1.2")
and the field's own line. ``editor_schemas`` writes the same types as JSON Schemas for editors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from .chars import bad_character
from .commentary import CommentaryUnit
from .fields import SITE_DIR, SiteDir, anchored
from .instruments import Instrument
from .problems import Problem, Where
from .provenance import CommentarySource
from .records import Agency, Footnote, GlossaryTerm, Pillar, PlanFile, Redirect, Release, Sourced, TranslatedUnit, TranslationFile

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
    "critique": FileSpec(CommentaryUnit, "critique", "front matter of a commentary unit (content/commentary/<ID>.md)"),
    "commentary": FileSpec(CommentarySource, "commentary source",
                           "commentary.yaml: where the commentary comes from: what is known, and what is not (null)"),
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
            if isinstance(cls, type) and issubclass(cls, Sourced) and cls.kind_name and isinstance(value, Mapping):
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

def clean_schema(schema: Any) -> Any:
    """Drop pydantic's generated per-property titles and defaults: noise in an editor's hover."""
    if isinstance(schema, dict):
        return {k: clean_schema(v) for k, v in schema.items() if k not in ("title", "default") or not isinstance(v, str | type(None))}
    if isinstance(schema, list):
        return [clean_schema(v) for v in schema]
    return schema


def json_schema(spec: FileSpec) -> dict[str, Any]:
    body = clean_schema(spec.adapter.json_schema())
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": spec.title, **body}


def editor_schemas() -> dict[str, dict[str, Any]]:
    """``schemas/<name>.schema.json`` for every kind of data file and for commentary front matter."""
    return {name: json_schema(spec) for name, spec in FILES.items()}
