"""YAML and front matter -> model records, each remembering its file and line.

Loading never raises for bad input: it returns what it could build plus every problem, so that
``validate`` can add semantic problems and the caller can report them all in one go.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import schema
from .model import (
    Action,
    Agency,
    Claim,
    Critique,
    Epigraph,
    Footnote,
    GlossaryTerm,
    Goal,
    Intro,
    Note,
    Pillar,
    Plan,
    Release,
    Signatory,
    Translation,
    Where,
)
from .problems import Problem
from .yamlsrc import Map, load_yaml_file, parse_yaml, read_text

LANGS = ("zh",)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _notes(raw: Any) -> tuple[Note, ...]:
    return tuple(Note(n["kind"], n["text"]) for n in raw or ())


def _action(raw: Map, file: str) -> Action:
    return Action(
        id=raw["id"], printed_page=raw["printed_page"], text=raw["text"], lead=tuple(raw["lead"]),
        lead_text=raw.get("lead_text"), agencies=tuple(raw["agencies"]), notes=_notes(raw.get("notes")),
        where=Where(file, raw.line),
    )


def _goal(raw: Map, file: str) -> Goal:
    return Goal(
        id=raw["id"], title=raw["title"], printed_page=raw["printed_page"], intro=tuple(raw["intro"]),
        actions=tuple(_action(a, file) for a in raw["actions"]), notes=_notes(raw.get("notes")),
        where=Where(file, raw.line),
    )


def _pillar(raw: Map, file: str) -> Pillar:
    return Pillar(
        id=raw["id"], title=raw["title"], printed_page=raw["printed_page"], intro=tuple(raw["intro"]),
        goals=tuple(_goal(g, file) for g in raw["goals"]), where=Where(file, raw.line),
    )


def _checked(raw: Any, spec: Any, file: str, record: str, problems: list[Problem]) -> bool:
    found = schema.check(raw, spec, file, getattr(raw, "line", 0), record, "")
    problems.extend(found)
    return not found


def load_plan(data_dir: Path, root: Path, problems: list[Problem]) -> Plan | None:
    """Load ``plan.yaml`` and everything it names; ``None`` when the structure is too broken to use."""

    def show(p: Path) -> str:
        return _rel(p, root)

    plan_path = data_dir / "plan.yaml"
    raw_plan = load_yaml_file(plan_path, show(plan_path), problems)
    fn_path, ag_path, gl_path = data_dir / "footnotes.yaml", data_dir / "agencies.yaml", data_dir / "glossary.yaml"
    raw_fn = load_yaml_file(fn_path, show(fn_path), problems)
    raw_ag = load_yaml_file(ag_path, show(ag_path), problems)
    raw_gl = load_yaml_file(gl_path, show(gl_path), problems) if gl_path.exists() else []
    cl_path = data_dir / "changelog.yaml"
    raw_cl = load_yaml_file(cl_path, show(cl_path), problems) if cl_path.exists() else []
    ok = raw_plan is not None and _checked(raw_plan, schema.PLAN, show(plan_path), "plan", problems)
    ok_fn = raw_fn is not None and _checked(raw_fn, schema.FOOTNOTES, show(fn_path), "footnote", problems)
    ok_ag = raw_ag is not None and _checked(raw_ag, schema.AGENCIES, show(ag_path), "agency", problems)
    ok_gl = raw_gl is not None and _checked(raw_gl, schema.GLOSSARY, show(gl_path), "term", problems)
    ok_cl = raw_cl is not None and (not raw_cl or _checked(raw_cl, schema.CHANGELOG, show(cl_path), "release", problems))

    pillars: list[Pillar] = []
    missing: list[str] = []
    if ok:
        for pid in raw_plan["pillars"]:
            path = data_dir / "pillars" / f"{pid}.yaml"
            raw = load_yaml_file(path, show(path), problems)
            if raw is None or not _checked(raw, schema.PILLAR, show(path), "pillar", problems):
                missing.append(pid)
                continue
            if raw["id"] != pid:
                problems.append(Problem(Where(show(path), raw.lines.get("id", raw.line)), f"pillar {raw['id']}", "id",
                                        f"the file pillars/{pid}.yaml must hold pillar {pid}"))
                missing.append(pid)
                continue
            pillars.append(_pillar(raw, show(path)))
    translations, broken = load_translations(data_dir, root, problems)
    if not (ok and ok_fn and ok_ag and ok_gl and ok_cl):
        return None
    fn_file, ag_file, gl_file = show(fn_path), show(ag_path), show(gl_path)
    intro = raw_plan["intro"]
    ep = raw_plan["epigraph"]
    return Plan(
        title=raw_plan["title"], publisher=raw_plan["publisher"], published=raw_plan["published"],
        pdf_url=raw_plan["pdf_url"], pdf_page_offset=raw_plan["pdf_page_offset"], counts=dict(raw_plan["counts"]),
        epigraph=Epigraph(ep["text"], ep["attribution"], ep["role"], ep["printed_page"], ep["pdf_page"]),
        intro=Intro(
            id="intro", title=intro["title"], printed_page=intro["printed_page"], intro=tuple(intro["intro"]),
            signatories=tuple(Signatory(s["name"], s["role"]) for s in intro.get("signatories", ())),
            where=Where(show(plan_path), intro.line),
        ),
        pillars=tuple(pillars),
        footnotes=tuple(Footnote(f["number"], f["text"], Where(fn_file, f.line)) for f in raw_fn),
        agencies=tuple(Agency(a["id"], a["name"], a.get("acronym"), Where(ag_file, a.line)) for a in raw_ag),
        glossary=tuple(GlossaryTerm(t["en"], t["zh"], t.get("note"), Where(gl_file, t.line)) for t in raw_gl),
        translations=translations,
        data_dir=show(data_dir),
        source=Where(show(plan_path), 1),
        lines={**raw_plan.lines, **{f"counts.{k}": v for k, v in raw_plan["counts"].lines.items()}},
        broken_translations=tuple(broken),
        missing_pillars=tuple(missing),
        releases=tuple(
            Release(r["version"], r["date"], r["summary"]["en"], r["summary"]["zh"], tuple(r["units"]), Where(show(cl_path), r.line))
            for r in raw_cl
        ),
    )


def load_translations(data_dir: Path, root: Path, problems: list[Problem]) -> tuple[dict[str, dict[str, Translation]], list[str]]:
    """Merge ``translations/<lang>/*.yaml`` by unit ID; a unit translated twice is a problem.

    Also returns the unit IDs whose entries failed the schema, so that they are not reported a
    second time as missing."""
    out: dict[str, dict[str, Translation]] = {}
    broken: list[str] = []
    base = data_dir / "translations"
    for lang in LANGS:
        units: dict[str, Translation] = {}
        for path in sorted((base / lang).glob("*.yaml")) if (base / lang).is_dir() else []:
            file = _rel(path, root)
            raw = load_yaml_file(path, file, problems)
            if raw is None:
                continue
            if not isinstance(raw, dict):
                _checked(raw, schema.TRANSLATION, file, "", problems)
                continue
            for unit, fields in raw.items():
                line = getattr(raw, "lines", {}).get(unit, 0)
                # Each unit is checked on its own: one bad entry must not hide the file's others.
                one = Map({unit: fields})
                one.line, one.lines = getattr(raw, "line", 0), {unit: line}
                if not _checked(one, schema.TRANSLATION, file, "", problems):
                    broken.append(str(unit))
                    continue
                if unit in units:
                    problems.append(Problem(Where(file, line), unit, "", f"translated twice (also {units[unit].where})"))
                    continue
                clean: dict[str, Any] = {}
                for k, v in fields.items():
                    if k == "signatories":
                        clean[k] = tuple(s["role"] for s in v)
                    elif isinstance(v, list):
                        clean[k] = tuple(v)
                    else:
                        clean[k] = v
                units[unit] = Translation(unit, clean, Where(file, line), dict(getattr(fields, "lines", {})))
        out[lang] = units
    return out, broken


FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n(.*)\Z", re.S)


def load_commentary(directory: Path, root: Path, problems: list[Problem]) -> tuple[Critique, ...]:
    """Each ``*.md`` file in ``directory`` is one commentary unit: front matter + verbatim Chinese."""
    units: list[Critique] = []
    if not directory.is_dir():
        problems.append(Problem(Where(_rel(directory, root)), "", "", "commentary directory is missing"))
        return ()
    for path in sorted(directory.glob("*.md")):
        file = _rel(path, root)
        text = read_text(path, file, problems)
        if text is None:
            continue
        m = FRONT_MATTER.match(text)
        if not m:
            problems.append(Problem(Where(file, 1), f"critique {path.stem}", "", "needs YAML front matter between '---' lines at the top"))
            continue
        found = len(problems)
        raw = parse_yaml(m.group(1), file, problems, line_offset=1)
        if raw is None:
            if len(problems) == found:
                problems.append(Problem(Where(file, 1), f"critique {path.stem}", "", "the front matter is empty"))
            continue
        if not _checked(raw, schema.CRITIQUE, file, f"critique {path.stem}", problems):
            continue
        body = m.group(2).strip("\n")
        if not body.strip():
            problems.append(Problem(Where(file, m.group(1).count("\n") + 3), f"critique {raw['id']}", "body",
                                    "the quoted commentary text is empty"))
            continue
        claims = tuple(
            Claim(c["id"], c["quote"], c["metric"], c["scope"], c["expected"], c.get("holds", True), Where(file, c.line))
            for c in raw.get("claims", ())
        )
        units.append(
            Critique(
                id=raw["id"], kind=raw["kind"], position=raw["position"], paragraph=raw["paragraph"],
                targets=tuple(raw["targets"]), text=body, en=raw.get("en"), editorial=raw.get("editorial"),
                claims=claims, where=Where(file, 1), lines={**raw.lines, "body": m.group(1).count("\n") + 3},
            )
        )
    return tuple(sorted(units, key=lambda c: c.position))
