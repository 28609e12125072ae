"""The machine-readable export: a contract other tools rely on (``export/plan.json`` and CSV).

Text fields carry both languages as ``{"en": …, "zh": …}`` (plan) or ``{"zh": …, "en": …}``
(commentary), original first. URLs are relative to the site root exactly as MkDocs writes them.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from . import paths, provenance
from .export_models import EXPORT_SCHEMA_VERSION, export_schema
from .fields import CRITIQUE_KINDS
from .index import Index
from .model import Plan


def _both(plan: Plan, uid: str, field: str, original: Any) -> dict[str, Any]:
    t = plan.translations.get("zh", {}).get(uid)
    zh = t.fields.get(field) if t else None
    return {"en": list(original) if isinstance(original, tuple) else original,
            "zh": list(zh) if isinstance(zh, tuple) else zh}


def build(ix: Index, site_url: str, version: str) -> dict[str, Any]:
    plan = ix.plan
    lang = paths.DEFAULT_LANG

    def url(uid: str) -> str:
        return paths.site_path(paths.unit(uid), lang)

    def unit_fields(uid: str, printed_page: int) -> dict[str, Any]:
        return {"id": uid, "url": url(uid), "url_en": paths.site_path(paths.unit(uid), "en"),
                "printed_page": printed_page, "pdf_page": plan.pdf_page(printed_page)}

    source = provenance.required(plan.commentary_source, "export/plan.json")
    out: dict[str, Any] = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "dataset_version": version,
        "title": plan.title,
        "publisher": plan.publisher,
        "published": plan.published,
        "source_pdf": plan.pdf_url,
        "site_url": site_url,
        "licence": "Plan text: U.S. Government work (public domain, 17 U.S.C. § 105). "
                   "Our translations, annotations and data structure: CC BY 4.0. "
                   f"Commentary: {' '.join(source.use.en.split())} Source: as reposted by {source.ours.outlet.en}, {source.ours.url}.",
        "commentary_source": source.model_dump(),
        "intro": {**unit_fields("intro", plan.intro.printed_page), "title": _both(plan, "intro", "title", plan.intro.title),
                  "intro": _both(plan, "intro", "intro", plan.intro.intro), "footnotes": list(plan.intro.footnotes)},
        "pillars": [],
    }
    for p in plan.pillars:
        pj = {**unit_fields(p.id, p.printed_page), "title": _both(plan, p.id, "title", p.title),
              "intro": _both(plan, p.id, "intro", p.intro), "footnotes": list(p.footnotes), "goals": []}
        for g in p.goals:
            gj = {**unit_fields(g.id, g.printed_page), "title": _both(plan, g.id, "title", g.title),
                  "intro": _both(plan, g.id, "intro", g.intro), "footnotes": list(g.footnotes), "actions": []}
            for a in g.actions:
                gj["actions"].append({
                    **unit_fields(a.id, a.printed_page), "text": _both(plan, a.id, "text", a.text),
                    "lead": list(a.lead), "lead_text": a.lead_text, "agencies": list(a.agencies),
                    "footnotes": list(a.footnotes), "notes": [{"kind": n.kind, "text": n.text.model_dump()} for n in a.notes],
                })
            pj["goals"].append(gj)
        out["pillars"].append(pj)
    zh_ag = plan.translations.get("zh", {}).get("agencies")
    out["agencies"] = [
        {"id": a.id, "name": {"en": a.name, "zh": zh_ag.fields.get(a.id) if zh_ag else None}, "acronym": a.acronym,
         "url": paths.site_path(paths.agency(a.id), lang), "leads": ix.leads.get(a.id, []), "named_in": ix.names.get(a.id, [])}
        for a in plan.agencies
    ]
    out["footnotes"] = [{"number": f.number, "text": f.text, "cited_by": ix.cited_by.get(f.number, [])} for f in plan.footnotes]
    out["critiques"] = [
        {"id": c.id, "kind": c.kind, "text": {"zh": c.text, "en": c.en}, "targets": list(c.targets),
         "url": paths.site_path(paths.critique(c.id), lang), "url_en": paths.site_path(paths.critique(c.id), "en"),
         "position": c.position, "paragraph": c.paragraph,
         "editorial": c.editorial.model_dump() if c.editorial else None}
        for c in plan.critiques
    ]
    out["claims"] = [
        {"id": k.id, "critique": c.id, "quote": k.quote, "metric": k.metric, "scope": k.scope,
         "expected": k.expected, "computed": plan.count(k.metric, k.scope),
         "holds": plan.count(k.metric, k.scope) == k.expected}
        for c in plan.critiques for k in c.claims
    ]
    out["record"] = [
        {"id": i.id, "kind": i.kind, "number": i.number, "fr_doc": i.fr_doc, "title": {"en": i.title, "zh": i.title_zh},
         "issuer": i.issuer, "signed": i.signed, "published": i.published, "citation": i.citation,
         "reference": {"type": i.reference[0], "value": i.reference[1]} if i.reference else None, "source_url": i.url,
         "background": i.background, "note": i.note.model_dump() if i.note else None,
         "url": paths.site_path(paths.instrument(i.id), lang), "url_en": paths.site_path(paths.instrument(i.id), "en"),
         "units": [{"unit": u.unit, "relation": u.relation, "evidence": u.evidence, "section": u.section} for u in i.units]}
        for i in ix.instruments.values()  # newest first
    ]
    return out


def units(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One JSON document per unit (``export/units/<ID>.json``), cut from the whole export."""
    out: dict[str, dict[str, Any]] = {"intro": {"kind": "intro", **doc["intro"]}}
    for p in doc["pillars"]:
        out[p["id"]] = {"kind": "pillar", **{k: v for k, v in p.items() if k != "goals"},
                        "goals": [g["id"] for g in p["goals"]]}
        for g in p["goals"]:
            out[g["id"]] = {"kind": "goal", "pillar": p["id"], **{k: v for k, v in g.items() if k != "actions"},
                            "actions": [a["id"] for a in g["actions"]]}
            for a in g["actions"]:
                out[a["id"]] = {"kind": "action", "goal": g["id"], "pillar": p["id"], **a}
    for c in doc["critiques"]:  # each carries the commentary's provenance
        out[c["id"]] = {"kind": "critique", **c, "commentary_source": doc["commentary_source"]}
    for uid, u in out.items():
        u["critiques"] = [c["id"] for c in doc["critiques"] if uid in c["targets"]] if u["kind"] != "critique" else []
        # The official instruments related to the unit, newest first (a critique's are its targets').
        u["record"] = [{"id": i["id"], "title": i["title"]["en"], "published": i["published"], "citation": i["citation"],
                        "source_url": i["source_url"], "relation": link["relation"], "evidence": link["evidence"]}
                       for i in doc.get("record", []) for link in i["units"] if link["unit"] == uid] if u["kind"] != "critique" else []
    return out


CSV_FIELDS = ("id", "pillar", "goal", "printed_page", "pdf_page", "url", "url_en", "lead", "agencies", "footnotes",
              "text_en", "text_zh")


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): such a cell is written
# with a leading apostrophe, which spreadsheets show as text and never evaluate.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula; numbers stay numbers."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def actions_csv(doc: dict[str, Any]) -> str:
    """``export/actions.csv``: one row per action, as spreadsheets open it (a UTF-8 byte-order
    mark, so that Excel reads the Chinese as UTF-8, and CRLF line ends, RFC 4180), its URLs absolute."""
    site = doc["site_url"].rstrip("/") + "/" if doc.get("site_url") else ""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_FIELDS)
    for p in doc["pillars"]:
        for g in p["goals"]:
            for a in g["actions"]:
                w.writerow(map(cell, [a["id"], p["id"], g["id"], a["printed_page"], a["pdf_page"], site + a["url"], site + a["url_en"],
                                      ";".join(a["lead"]), ";".join(a["agencies"]), ";".join(map(str, a["footnotes"])), a["text"]["en"],
                                      a["text"]["zh"] or ""]))
    return buf.getvalue()


def datapackage(doc: dict[str, Any]) -> dict[str, Any]:
    """``export/datapackage.json``: a Frictionless Data Package describing ``actions.csv``."""
    integer = {"type": "integer", "constraints": {"required": True, "minimum": 1}}
    described: dict[str, tuple[dict[str, Any], str]] = {
        "id": ({"type": "string", "constraints": {"required": True, "unique": True, "pattern": r"(I|II|III)\.\d+\.\d+"}},
               "The action's ID (pillar.goal.action), as in its URL"),
        "pillar": ({"type": "string", "constraints": {"required": True, "enum": ["I", "II", "III"]}}, "Its pillar"),
        "goal": ({"type": "string", "constraints": {"required": True}}, "Its goal"),
        "printed_page": (integer, "The page number printed in the official PDF"),
        "pdf_page": (integer, "The page of the PDF file"),
        "url": ({"type": "string", "format": "uri", "constraints": {"required": True}}, "Its page (Chinese edition)"),
        "url_en": ({"type": "string", "format": "uri", "constraints": {"required": True}}, "Its page (English edition)"),
        "lead": ({"type": "string"}, "IDs of the lead agencies, separated by ';'"),
        "agencies": ({"type": "string"}, "IDs of the other agencies named, separated by ';'"),
        "footnotes": ({"type": "string"}, "Numbers of its footnotes, separated by ';'"),
        "text_en": ({"type": "string", "constraints": {"required": True}}, "The official text, verbatim"),
        "text_zh": ({"type": "string"}, "Our unofficial Chinese translation"),
    }
    return {
        "name": "americas-ai-action-plan-annotated",
        "title": "America’s AI Action Plan, annotated: recommended policy actions",
        "version": doc["dataset_version"],
        "homepage": doc.get("site_url") or None,
        "sources": [{"title": doc["title"], "path": doc["source_pdf"]}],
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (translations, notes, structure)",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [{
            "name": "actions", "path": "actions.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "header": True},
            "schema": {"fields": [{"name": n, "description": described[n][1], **described[n][0]} for n in CSV_FIELDS],
                       "primaryKey": ["id"]},
        }],
    }


def units_schema() -> dict[str, Any]:
    """JSON Schema of ``export/units/<ID>.json``: every unit names its kind, its pages in both
    languages, the commentary units attached to it and its citation as CSL-JSON in both languages."""
    name = {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["literal"], "additionalProperties": False,
        "properties": {"literal": {"type": "string", "minLength": 1, "not": {"pattern": ","}}}}}
    # An author, or (a commentary unit, whose author is not established) our editors and a note naming the repost.
    csl_item = {"type": "object", "required": ["id", "type", "title", "container-title", "issued", "URL", "version"],
                "anyOf": [{"required": ["author"]}, {"required": ["editor", "note"]}],
                "properties": {"type": {"const": "webpage"}, "title": {"type": "string", "minLength": 1},
                               "author": name, "editor": name, "note": {"type": "string", "minLength": 1},
                               "URL": {"type": "string", "pattern": "^https?://"},
                               "issued": {"type": "object", "required": ["date-parts"]}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "America's AI Action Plan, annotated: export/units/<ID>.json",
        "type": "object",
        "required": ["kind", "id", "url", "url_en", "critiques", "csl"],
        # A commentary unit names where the commentary comes from (``null``: not established).
        "if": {"properties": {"kind": {"enum": list(CRITIQUE_KINDS)}}},
        "then": {"required": ["commentary_source"]},
        "properties": {
            "commentary_source": {"type": "object", "required": ["title", "author", "first_published", "reposts"]},
            # A commentary unit's kind is its own (background, structure, critique, risk, caption).
            "kind": {"enum": ["intro", "pillar", "goal", "action", "background", "structure", "critique", "risk", "caption"]},
            "id": {"type": "string", "pattern": r"^(intro|(I|II|III)(\.\d+){0,2}|C\d+)$"},
            "url": {"type": "string", "pattern": "^[^/].*/$"},
            "url_en": {"type": "string", "pattern": "^en/.*/$"},
            "critiques": {"type": "array", "items": {"type": "string", "pattern": r"^C\d+$"}},
            "csl": {"type": "object", "required": ["zh", "en"], "additionalProperties": False,
                    "properties": {"zh": csl_item, "en": csl_item}},
        },
    }


def record_csv(doc: dict[str, Any]) -> str:
    """``export/record.csv``: one row per instrument and unit it relates to, newest first."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "kind", "number", "fr_doc", "title", "title_zh", "issuer", "signed", "published", "citation",
                "reference_type", "reference", "source_url", "background", "unit", "relation", "evidence", "section"])
    for i in doc["record"]:
        for link in i["units"]:
            ref = i["reference"] or {"type": "", "value": ""}
            w.writerow(map(cell, [i["id"], i["kind"], i["number"] or "", i["fr_doc"] or "", i["title"]["en"], i["title"]["zh"] or "",
                                  i["issuer"], i["signed"] or "", i["published"], i["citation"] or "", ref["type"], ref["value"],
                                  i["source_url"], "true" if i["background"] else "false",
                                  link["unit"], link["relation"], link["evidence"], link["section"] or ""]))
    return buf.getvalue()


def dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def schema() -> dict[str, Any]:
    """JSON Schema of ``export/plan.json``, published beside it and checked by the tests; derived
    from the export's declaration in ``export_models`` (``PlanOut``), whose fields share the data's types."""
    return export_schema()
