"""Property tests of the data layer: `check` and `load_all` agree on any text, and so do the editor schemas.

Hypothesis writes hostile strings (lone surrogates, C0/C1 controls, bidi and invisible characters,
quotes, angle brackets, white space, non-ASCII digits) into every text and URL field of the tiny
fixture, and into mapping keys. For each example:

* ``load_all`` either loads or raises ``DataError``; nothing else (no traceback);
* ``actionplan check`` (its code, in-process) exits 0 exactly when ``load_all`` loads, and then
  prints exactly ``load_all``'s problems, every line printable (no forged log or CI line);
* an accepted URL is https with a host and no character that could end an HTML attribute.

And for each constrained text type of ``fields``, the JSON Schema that editors get accepts a
value exactly when the check does (the disagreement issue 13 found, e.g. blank strings).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from actionplan import chars, cli, fields
from actionplan.problems import DataError
from actionplan.site import load_all

FIXTURE = Path(__file__).parent / "fixtures" / "tiny"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

HOSTILE = st.sampled_from([
    "\ud800", "\udfff", "\x00", "\x07", "\x1b[2J", "\x85", "\x9b", "\u00ad", "\u061c", "\u200b", "\u200e", "\u202e",
    "\u2066", "\u2069", "\u2028", "\ufeff", "\U000e0041", "\U000e007f", '"', "'", "<", ">", "&", "`", "\\", " ", "\t",
    "\n", "<script>", '"><script>alert(1)</script>', "javascript:", "::error::", "١", "ß", "İ", "x", "https://",
    "https://x.example/", "[^1]", "index", "FTC",
])
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=3)), max_size=5).map("".join)


def _yaml_files() -> dict[str, Any]:
    docs: dict[str, Any] = {}
    for path in sorted((FIXTURE / "data").rglob("*.yaml")):
        docs[path.relative_to(FIXTURE).as_posix()] = yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((FIXTURE / "content" / "commentary").glob("*.md")):
        _, front, _ = path.read_text(encoding="utf-8").split("---\n", 2)
        docs[path.relative_to(FIXTURE).as_posix()] = yaml.safe_load(front)
    return docs


def _string_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _string_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _string_paths(v, (*path, i))]
    return []


DOCS = _yaml_files()
FIELDS = [(file, path) for file, doc in DOCS.items() for path in _string_paths(doc)]
assert any(path == ("pdf_url",) for _, path in FIELDS) and len(FIELDS) > 80


def _set(doc: Any, path: tuple[Any, ...], value: str) -> Any:
    if not path:
        return value
    doc[path[0]] = _set(doc[path[0]], path[1:], value)
    return doc


def _write(root: Path, file: str, doc: Any) -> None:
    # allow_unicode=False: every non-ASCII character is written as an escape, so surrogates reach the loader.
    text = yaml.safe_dump(doc, allow_unicode=False, sort_keys=False, width=10_000)
    path = root / file
    if file.endswith(".md"):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        text = f"---\n{text}---\n{body}"
    path.write_text(text, encoding="utf-8")


def _agree(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    try:
        ix = load_all(root / "data", root / "content" / "commentary", root)
        found: list[str] = []
    except DataError as e:
        ix, found = None, [str(p) for p in e.problems]
    capsys.readouterr()
    rc = cli.main(["check", "--root", str(root), "--no-source"])
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert all(line.isprintable() for line in lines), lines
    if ix is None:
        assert rc == 1 and lines == found
    else:
        assert rc == 0 and lines[0].startswith("ok: ")
        url = ix.plan.pdf_url
        assert url.startswith("https://") and not any(c in url for c in "\"'<> \t\n\\`")
    return found


# The three properties are slow: seconds each (a copied dataset and a check per example).
@pytest.mark.slow
@SETTINGS
@given(field=st.sampled_from(FIELDS), value=TEXT)
@example(field=("data/plan.yaml", ("pdf_url",)), value='https://x.example/"><script>alert(1)</script>')
@example(field=("data/agencies.yaml", (1, "id")), value="FTC\n")
@example(field=("content/commentary/C03.md", ("en",)), value="\ud800")
def test_check_and_load_all_agree_on_any_text(field: tuple[str, tuple[Any, ...]], value: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    file, path = field
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(FIXTURE, root)
        _write(root, file, _set(yaml.safe_load(yaml.safe_dump(DOCS[file])), path, value))
        found = _agree(root, capsys)
        if chars.bad_character(value) or not value.strip():
            assert found, f"{file} {path}: {value!r} was accepted"


@pytest.mark.slow
@SETTINGS
@given(file=st.sampled_from(sorted(f for f, d in DOCS.items() if isinstance(d, dict))), key=TEXT)
@example(file="data/translations/zh/II.yaml", key="I.9.9\n::error file=README.md,line=1::All checks passed\n")
@example(file="data/plan.yaml", key="\udc00")
def test_check_and_load_all_agree_on_any_key(file: str, key: str, capsys: pytest.CaptureFixture[str]) -> None:
    doc = yaml.safe_load(yaml.safe_dump(DOCS[file]))
    if key in doc:
        return
    doc[key] = "value"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(FIXTURE, root)
        _write(root, file, doc)
        assert _agree(root, capsys), f"{file}: the key {key!r} was accepted"


TYPES = {name: getattr(fields, name) for name in
         ("Str", "Title", "Id", "Url", "ActionId", "GoalId", "PillarId", "CritiqueId", "AgencyId", "Version", "Date", "SiteDir")}


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(TYPES)), value=st.one_of(HOSTILE, TEXT, st.from_regex(r"[A-Za-z0-9./:\-]{0,12}", fullmatch=True),
                                                           st.sampled_from(["I.1.2", "I.1.2\n", "I.١.2", "C01", "1.0.0",
                                                                            "2026-01-01", "plan/I.9/", "https://a.example/x"])))
def test_editor_schema_accepts_exactly_what_check_accepts(name: str, value: str) -> None:
    """jsonschema evaluates patterns with Python's ``re``; editors use ECMA-262 without the ``u`` flag,
    where tag characters (U+E0000-E007F) are the UTF-16 pair the schema names. One pattern cannot say
    both, so only for those characters does this Python validator see less than an editor does
    (``test_tag_characters_are_in_the_editor_pattern`` pins the ECMA form)."""
    value = "".join(c for c in value if not 0xE0000 <= ord(c) <= 0xE007F)
    adapter: TypeAdapter[Any] = TypeAdapter(TYPES[name])
    try:
        adapter.validate_python(value)
        checked = True
    except ValidationError:
        checked = False
    try:
        jsonschema.validate(value, adapter.json_schema())
        schema_ok = True
    except jsonschema.ValidationError:
        schema_ok = False
    assert checked == schema_ok, (name, value)


def test_tag_characters_are_in_the_editor_pattern() -> None:
    schema = TypeAdapter(fields.Str).json_schema()
    assert "|\\udb40[\\udc00-\\udfff]" in schema["not"]["pattern"]  # tag characters, as UTF-16 pairs
    # (supplementary characters are UTF-16 pairs to an editor's ECMA-262 regex, not to Python's)
    for ch in ("\ufffe", "\u3164", "\ue000", "\u2800"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(f"tag{ch}", schema)
    with pytest.raises(ValidationError):
        TypeAdapter(fields.Str).validate_python("tag\U000e0041")


def test_the_schema_test_can_fail() -> None:
    """The schemas of before (no blank or invisible-character rule) disagreed with the check."""
    old = {"type": "string", "minLength": 1}
    for value in ("  ", "a\u200b", "\ud800"):
        jsonschema.validate(value, old)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(value, TypeAdapter(fields.Str).json_schema())
