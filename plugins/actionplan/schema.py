"""The shape of every data file, declared once.

The same declarations drive build-time validation (with file/line/record/field messages) and
the JSON Schemas that editors use to underline mistakes as a contributor types, so the two can
never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .model import Where
from .problems import Problem
from .yamlsrc import Map, Seq

MAX_TEXT = 20_000  # far beyond the longest action (~1,000 chars); catches pasted garbage
ID_RE = r"^[A-Za-z0-9][A-Za-z0-9.\-]*$"


@dataclass(frozen=True)
class Str:
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    max_len: int = MAX_TEXT


@dataclass(frozen=True)
class Int:
    minimum: int = 0


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class List:
    item: Any
    min_items: int = 0


@dataclass(frozen=True)
class Obj:
    fields: dict[str, Any]
    required: tuple[str, ...]
    # A mapping whose keys are data (e.g. unit IDs), not field names; ``fields`` still win.
    free_keys: Any = None
    # Records are named "<kind> <key>" in messages (e.g. "action I.1.2"), ``key`` being the field
    # that identifies them, so a contributor reads the record they must open, not a path to it.
    kind: str = ""
    key: str = "id"


NOTE = Obj({"kind": Str(enum=("as-printed", "repeated", "editorial")), "text": Str()}, ("kind", "text"))
ACTION = Obj(
    {
        "id": Str(pattern=r"^(I|II|III)\.\d+\.\d+$"),
        "printed_page": Int(1),
        "text": Str(),
        "lead": List(Str(pattern=ID_RE)),
        "lead_text": Str(),
        "agencies": List(Str(pattern=ID_RE)),
        "notes": List(NOTE),
    },
    ("id", "printed_page", "text", "lead", "agencies"),
    kind="action",
)
GOAL = Obj(
    {
        "id": Str(pattern=r"^(I|II|III)\.\d+$"),
        "title": Str(max_len=300),
        "printed_page": Int(1),
        "intro": List(Str(), 1),
        "actions": List(ACTION, 1),
        "notes": List(NOTE),
    },
    ("id", "title", "printed_page", "intro", "actions"),
    kind="goal",
)
PILLAR = Obj(
    {
        "id": Str(enum=("I", "II", "III")),
        "title": Str(max_len=300),
        "printed_page": Int(1),
        "intro": List(Str(), 1),
        "goals": List(GOAL, 1),
    },
    ("id", "title", "printed_page", "intro", "goals"),
    kind="pillar",
)
PLAN = Obj(
    {
        "title": Str(max_len=300),
        "publisher": Str(max_len=300),
        "published": Str(pattern=r"^\d{4}-\d{2}$"),
        "pdf_url": Str(pattern=r"^https://"),
        "pdf_page_offset": Int(0),
        "counts": Obj({"pillars": Int(1), "goals": Int(1), "actions": Int(1)}, ("pillars", "goals", "actions")),
        "epigraph": Obj(
            {"text": Str(), "attribution": Str(), "role": Str(), "printed_page": Str(), "pdf_page": Int(1)},
            ("text", "attribution", "role", "printed_page", "pdf_page"),
        ),
        "intro": Obj(
            {
                "id": Str(enum=("intro",)),
                "title": Str(max_len=300),
                "printed_page": Int(1),
                "intro": List(Str(), 1),
                "signatories": List(Obj({"name": Str(), "role": Str()}, ("name", "role"))),
            },
            ("id", "title", "printed_page", "intro"),
        ),
        "pillars": List(Str(enum=("I", "II", "III")), 1),
    },
    ("title", "publisher", "published", "pdf_url", "pdf_page_offset", "counts", "epigraph", "intro", "pillars"),
)
FOOTNOTES = List(Obj({"number": Int(1), "text": Str()}, ("number", "text"), kind="footnote", key="number"), 1)
AGENCIES = List(
    Obj({"id": Str(pattern=ID_RE, max_len=40), "name": Str(max_len=300), "acronym": Str(max_len=40)}, ("id", "name"), kind="agency"),
    1,
)
GLOSSARY = List(Obj({"en": Str(max_len=200), "zh": Str(max_len=200), "note": Str()}, ("en", "zh"), kind="term", key="en"), 1)
TRANSLATED_UNIT = Obj(
    {
        "title": Str(max_len=300),
        "intro": List(Str(), 1),
        "text": Str(),
        "role": Str(),
        "signatories": List(Obj({"role": Str()}, ("role",))),
    },
    (),
)
TRANSLATION = Obj({"agencies": Obj({}, (), free_keys=Str(max_len=300))}, (), free_keys=TRANSLATED_UNIT)
CLAIM = Obj(
    {
        "id": Str(pattern=ID_RE, max_len=60),
        "quote": Str(max_len=200),
        "metric": Str(enum=("pillars", "goals", "actions")),
        "scope": Str(pattern=r"^(plan|I|II|III)$"),
        "expected": Int(0),
        "holds": Bool(),
    },
    ("id", "quote", "metric", "scope", "expected"),
    kind="claim",
)
CRITIQUE_KINDS = ("background", "structure", "critique", "risk", "caption")
CRITIQUE = Obj(
    {
        "id": Str(pattern=r"^C[0-9A-Za-z\-]+$", max_len=40),
        "kind": Str(enum=CRITIQUE_KINDS),
        "position": Int(1),
        "paragraph": Int(1),
        "targets": List(Str(pattern=ID_RE), 1),
        "en": Str(),
        "editorial": Str(),
        "claims": List(CLAIM),
    },
    ("id", "kind", "position", "paragraph", "targets"),
    kind="critique",
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def _type_name(value: Any) -> str:
    return {dict: "mapping", Map: "mapping", list: "list", Seq: "list", str: "string", int: "integer",
            bool: "boolean", float: "number", type(None): "nothing"}.get(type(value), type(value).__name__)


def check(value: Any, spec: Any, file: str, line: int, record: str, field: str) -> list[Problem]:
    """Check ``value`` against ``spec``; return every problem, never raise."""
    where = Where(file, line)
    out: list[Problem] = []
    if isinstance(spec, Str):
        if not isinstance(value, str):
            return [Problem(where, record, field, f"expected a string, got {_type_name(value)}")]
        if not value.strip():
            return [Problem(where, record, field, "must not be empty")]
        if len(value) > spec.max_len:
            out.append(Problem(where, record, field, f"too long ({len(value)} characters, at most {spec.max_len})"))
        bad = _CONTROL.search(value)
        if bad:
            out.append(Problem(where, record, field, f"contains an invisible or control character U+{ord(bad.group()):04X}"))
        if spec.enum and value not in spec.enum:
            out.append(Problem(where, record, field, f"{value!r} is not one of: {', '.join(spec.enum)}"))
        if spec.pattern and not re.search(spec.pattern, value):
            out.append(Problem(where, record, field, f"{value[:60]!r} does not match {spec.pattern}"))
        return out
    if isinstance(spec, Int):
        if isinstance(value, bool) or not isinstance(value, int):
            return [Problem(where, record, field, f"expected an integer, got {_type_name(value)}")]
        if value < spec.minimum:
            return [Problem(where, record, field, f"must be at least {spec.minimum}")]
        return []
    if isinstance(spec, Bool):
        if not isinstance(value, bool):
            return [Problem(where, record, field, f"expected true or false, got {_type_name(value)}")]
        return []
    if isinstance(spec, List):
        if not isinstance(value, list):
            return [Problem(where, record, field, f"expected a list, got {_type_name(value)}")]
        if len(value) < spec.min_items:
            return [Problem(where, record, field, f"needs at least {spec.min_items} item(s)")]
        lines = getattr(value, "lines", [line] * len(value))
        for i, item in enumerate(value):
            out += check(item, spec.item, file, lines[i], record, f"{field}[{i}]")
        return out
    if isinstance(spec, Obj):
        if not isinstance(value, dict):
            return [Problem(where, record, field, f"expected a mapping, got {_type_name(value)}")]
        line = getattr(value, "line", line)
        lines = getattr(value, "lines", {})
        rec, base = record, field
        ident = value.get(spec.key)
        if spec.kind and isinstance(ident, str | int) and not isinstance(ident, bool):
            rec, base = f"{spec.kind} {ident}", ""
        for key in spec.required:
            if key not in value:
                out.append(Problem(Where(file, line), rec, _join(base, key), "required field is missing"))
        for key, item in value.items():
            kline = lines.get(key, line)
            if key in spec.fields:
                if rec:
                    out += check(item, spec.fields[key], file, kline, rec, _join(base, key))
                else:  # a top-level section of a keyed file (e.g. "agencies:" in a translation)
                    out += check(item, spec.fields[key], file, kline, str(key), "")
            elif spec.free_keys is not None:
                bad = _CONTROL.search(str(key))
                if bad:
                    out.append(Problem(Where(file, kline), rec or str(key), _join(base, str(key)) if rec else "",
                                       f"contains an invisible or control character U+{ord(bad.group()):04X}"))
                    continue
                if rec:
                    out += check(item, spec.free_keys, file, kline, rec, _join(base, str(key)))
                else:
                    out += check(item, spec.free_keys, file, kline, str(key), "")
            else:
                known = ", ".join(spec.fields)
                out.append(Problem(Where(file, kline), rec, _join(base, key), f"unknown field (known: {known})"))
        return out
    raise TypeError(spec)


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def json_schema(spec: Any, title: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) equivalent of ``spec``, for editors and for publication."""
    out: dict[str, Any]
    if isinstance(spec, Str):
        out = {"type": "string", "minLength": 1, "maxLength": spec.max_len}
        if spec.enum:
            out["enum"] = list(spec.enum)
        if spec.pattern:
            out["pattern"] = spec.pattern
    elif isinstance(spec, Int):
        out = {"type": "integer", "minimum": spec.minimum}
    elif isinstance(spec, Bool):
        out = {"type": "boolean"}
    elif isinstance(spec, List):
        out = {"type": "array", "items": json_schema(spec.item)}
        if spec.min_items:
            out["minItems"] = spec.min_items
    elif isinstance(spec, Obj):
        out = {"type": "object", "properties": {k: json_schema(v) for k, v in spec.fields.items()}}
        if spec.required:
            out["required"] = list(spec.required)
        out["additionalProperties"] = json_schema(spec.free_keys) if spec.free_keys is not None else False
    else:
        raise TypeError(spec)
    if title:
        out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **out}
    return out


CHANGELOG = List(
    Obj(
        {
            "version": Str(pattern=r"^\d+\.\d+\.\d+$", max_len=20),
            "date": Str(pattern=r"^\d{4}-\d{2}-\d{2}$", max_len=10),
            "summary": Obj({"en": Str(), "zh": Str()}, ("en", "zh")),
            "units": List(Str(pattern=ID_RE)),
        },
        ("version", "date", "summary", "units"),
        kind="release", key="version",
    ),
    1,
)

SCHEMAS = {
    "plan": (PLAN, "plan.yaml: the plan's front matter and introduction"),
    "pillar": (PILLAR, "pillars/<ID>.yaml: one pillar with its goals and actions"),
    "footnotes": (FOOTNOTES, "footnotes.yaml: the plan's footnotes, verbatim"),
    "agencies": (AGENCIES, "agencies.yaml: agencies named in the plan"),
    "glossary": (GLOSSARY, "glossary.yaml: one rendering per term"),
    "translation": (TRANSLATION, "translations/<lang>/*.yaml: unofficial translations by unit ID"),
    "changelog": (CHANGELOG, "changelog.yaml: releases, newest first, with the units each changed"),
    "critique": (CRITIQUE, "front matter of a commentary unit (content/commentary/*.md)"),
}
