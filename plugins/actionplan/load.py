"""YAML and front matter -> model records, each remembering its file and line.

Loading never raises for bad input: it returns what it could build plus every problem, so that
``validate`` can add semantic problems and the caller can report them all in one go.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .chars import bad_character
from .filespec import FILES, INSTRUMENT, REDIRECT, validate_records
from .instruments import Instrument
from .model import CommentaryUnit, Plan, Redirect, Translation, Where
from .problems import Problem
from .records import Agency, Footnote, GlossaryTerm, Pillar, PlanFile, Release
from .yamlsrc import Map, load_yaml_file, parse_yaml, read_text

LANGS = ("zh",)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()


def _checked(raw: Any, name: str, file: str, record: str, problems: list[Problem]) -> Any:
    """The validated record(s) of ``raw`` as ``records.FILES[name]``, or ``None`` (problems appended)."""
    return validate_records(FILES[name], raw, file, getattr(raw, "line", 0), record, problems)


def load_plan(data_dir: Path, root: Path, problems: list[Problem]) -> Plan | None:
    """Load ``plan.yaml`` and everything it names; ``None`` when the structure is too broken to use."""

    def show(p: Path) -> str:
        return _rel(p, root)

    def one(name: str, record: str, path: Path, optional: bool = False) -> tuple[bool, Any]:
        if optional and not path.exists() and not path.is_symlink():
            return True, None
        raw = load_yaml_file(path, show(path), problems)
        if raw is None:
            return False, None
        got = _checked(raw, name, show(path), record, problems)
        return got is not None, got

    plan_path = data_dir / "plan.yaml"
    ok, plan_rec = one("plan", "plan", plan_path)
    ok_fn, footnotes = one("footnotes", "footnote", data_dir / "footnotes.yaml")
    ok_ag, agencies = one("agencies", "agency", data_dir / "agencies.yaml")
    ok_gl, glossary = one("glossary", "term", data_dir / "glossary.yaml", optional=True)
    ok_cl, releases = one("changelog", "release", data_dir / "changelog.yaml")
    ok_cs, commentary_source = one("commentary", "commentary source", data_dir / "commentary.yaml")
    record_path = data_dir / "record.yaml"
    record, record_whole = load_record(record_path, show(record_path), problems)
    redirects_path = data_dir / "redirects.yaml"
    ok_rd, redirects = one_redirects(redirects_path, show(redirects_path), problems)

    pillars: list[Pillar] = []
    missing: list[str] = []
    if ok:
        assert isinstance(plan_rec, PlanFile)
        for pid in plan_rec.pillars:
            path = data_dir / "pillars" / f"{pid}.yaml"
            raw = load_yaml_file(path, show(path), problems)
            pillar = None if raw is None else _checked(raw, "pillar", show(path), "pillar", problems)
            if pillar is None:
                missing.append(pid)
                continue
            if pillar.id != pid:
                problems.append(Problem(Where(show(path), raw.lines.get("id", raw.line)), f"pillar {pillar.id}", "id",
                                        f"the file pillars/{pid}.yaml must hold pillar {pid}"))
                missing.append(pid)
                continue
            pillars.append(pillar)
    translations, broken = load_translations(data_dir, root, problems)
    if not (ok and ok_fn and ok_ag and ok_gl and ok_cl and ok_rd and ok_cs):
        return None
    assert isinstance(plan_rec, PlanFile)
    fns: tuple[Footnote, ...] = footnotes
    ags: tuple[Agency, ...] = agencies
    terms: tuple[GlossaryTerm, ...] = glossary or ()
    rels: tuple[Release, ...] = releases
    instruments: tuple[Instrument, ...] = record
    return Plan(
        title=plan_rec.title, publisher=plan_rec.publisher, published=plan_rec.published,
        pdf_url=plan_rec.pdf_url, pdf_page_offset=plan_rec.pdf_page_offset, counts=dict(plan_rec.counts),
        epigraph=plan_rec.epigraph, intro=plan_rec.intro,
        pillars=tuple(pillars), footnotes=fns, agencies=ags, glossary=terms,
        translations=translations,
        data_dir=show(data_dir),
        source=Where(show(plan_path), 1),
        lines={**plan_rec.lines, **{f"counts.{k}": v for k, v in plan_rec.counts.lines.items()}},
        broken_translations=tuple(broken),
        missing_pillars=tuple(missing),
        record_whole=record_whole,
        releases=rels,
        redirects=redirects,
        record=instruments,
        commentary_source=commentary_source,
    )


def load_record(path: Path, shown: str, problems: list[Problem]) -> tuple[tuple[Instrument, ...], bool]:
    """``data/record.yaml``, each entry checked on its own: one broken entry hides neither the
    others' problems nor the rest of the data's. Also whether all of it was read: where it was not,
    references into it go unchecked, since their problems would only echo the record's own."""
    raw = load_yaml_file(path, shown, problems)
    if raw is None:
        return (), False
    if not isinstance(raw, list) or not raw:
        _checked(raw, "record", shown, "instrument", problems)
        return (), False
    out = []
    for item in raw:
        rec = validate_records(INSTRUMENT, item, shown, getattr(item, "line", 0), "instrument", problems)
        if rec is not None:
            out.append(rec)
    return tuple(out), len(out) == len(raw)


def one_redirects(path: Path, shown: str, problems: list[Problem]) -> tuple[bool, tuple[Redirect, ...]]:
    """``data/redirects.yaml``: a mapping of moved URLs (``{}`` for none), each made a ``Redirect``."""
    found = len(problems)
    raw = load_yaml_file(path, shown, problems, empty_ok=True)
    if raw is None:
        return len(problems) == found, ()
    if not isinstance(raw, Map):
        _checked(raw, "redirects", shown, "redirect", problems)
        return False, ()
    out = []
    for old, new in raw.items():
        line = raw.lines.get(old, raw.line) if isinstance(raw, Map) else 0
        one = Map({"old": old, "new": new})
        one.line, one.lines = line, {"old": line, "new": line}
        rec = validate_records(REDIRECT, one, shown, line, f"redirect {old}", problems)
        if rec is not None:
            out.append(rec)
    return len(out) == len(raw), tuple(out)


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
            if raw is None:  # unreadable: which units it holds is unknown, so none is "missing"
                broken.append(f"{lang}:*")
                continue
            if not isinstance(raw, dict):
                _checked(raw, "translation", file, "", problems)
                continue
            for unit, fields in raw.items():
                line = getattr(raw, "lines", {}).get(unit, 0)
                bad = bad_character(unit)
                if bad:
                    problems.append(Problem(Where(file, line), unit, "", bad))
                    broken.append(unit)
                    continue
                # Each unit is checked on its own: one bad entry must not hide the file's others.
                one = Map({unit: fields})
                one.line, one.lines = getattr(raw, "line", 0), {unit: line}
                if _checked(one, "translation", file, "", problems) is None:
                    broken.append(str(unit))
                    continue
                if unit == "agencies" and isinstance(fields, Map):
                    bad_keys = [(k, bad_character(k)) for k in fields if bad_character(k)]
                    for k, why in bad_keys:
                        problems.append(Problem(Where(file, fields.lines.get(k, line)), unit, k, str(why)))
                    if bad_keys:
                        broken.append(unit)
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
UNIT_FILE = re.compile(r"C[0-9A-Za-z\-]+\.md")


def commentary_files(directory: Path, root: Path, problems: list[Problem]) -> tuple[list[Path], int]:
    """The unit files of the commentary folder, and how many entries claim to be units.

    Only ``<ID>.md`` files directly in the folder are units: anything else there (``C34.markdown``,
    ``C33.MD``, a subfolder, a hidden file) would be published raw or silently ignored, so it is a
    problem."""
    files: list[Path] = []
    claimed = 0
    try:
        entries = sorted(directory.iterdir())
    except OSError as e:
        problems.append(Problem(Where(_rel(directory, root)), "", "", f"cannot be read: {e.strerror or e}"))
        return [], 0
    for path in entries:
        name = path.name
        shown = _rel(path, root) if not path.is_symlink() else _rel(path.parent, root) + "/" + name
        if UNIT_FILE.fullmatch(name):
            claimed += 1
            files.append(path)  # read_text reports a link, a folder or a special file by that name
        elif path.is_dir() and not path.is_symlink():
            problems.append(Problem(Where(shown), "", "", "a folder in the commentary folder: commentary units are "
                                    "files named <ID>.md (e.g. C07.md) directly in it"))
        else:
            problems.append(Problem(Where(shown), "", "", "not a commentary unit: files in the commentary folder are "
                                    "named <ID>.md (e.g. C07.md), with a lower-case .md"))
    return files, claimed


def load_commentary(directory: Path, root: Path, problems: list[Problem]) -> tuple[CommentaryUnit, ...]:
    """Each ``<ID>.md`` file in ``directory`` is one commentary unit: front matter + verbatim Chinese."""
    units: list[CommentaryUnit] = []
    if not directory.is_dir() or directory.is_symlink():
        problems.append(Problem(Where(_rel(directory, root)), "", "", "commentary directory is missing"))
        return ()
    for path in commentary_files(directory, root, problems)[0]:
        file = _rel(path, root) if not path.is_symlink() else _rel(path.parent, root) + "/" + path.name
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
        unit = _checked(raw, "critique", file, f"critique {path.stem}", problems)
        if unit is None:
            continue
        assert isinstance(unit, CommentaryUnit)
        if unit.id != path.stem:
            problems.append(Problem(Where(file, raw.lines.get("id", raw.line)), f"critique {unit.id}", "id",
                                    f"is {unit.id!r}, but the file is {path.name}: a unit's ID equals its file name"))
        body = m.group(2).strip("\n")
        if not body.strip():
            problems.append(Problem(Where(file, m.group(1).count("\n") + 3), f"critique {unit.id}", "body",
                                    "the quoted commentary text is empty"))
            continue
        bad = bad_character(body)
        if bad:
            problems.append(Problem(Where(file, m.group(1).count("\n") + 3), f"critique {unit.id}", "body", bad))
            continue
        unit._line = 1  # the unit is the whole file
        units.append(unit.with_body(body, m.group(1).count("\n") + 3))
    return tuple(sorted(units, key=lambda c: c.position))
