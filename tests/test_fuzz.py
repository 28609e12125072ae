"""Property tests: no dataset, however broken, may crash the loader or the renderer.

Each example copies the tiny fixture, applies a list of generated operations and loads it. The
only acceptable outcomes are a clean load (and then rendering returns pages) or a ``DataError``
whose every problem points at a real file of the copy (or the translations folder), at a line
inside that file. Any other exception is a crash.

Operations are plain tuples so that a failing case can be pinned with ``@example``:

* ``("set", file, path, value)``: replace the value at ``path`` (``()`` = the whole document)
* ``("delete", file, path, None)``: remove a mapping key or list item
* ``("rename", file, path, new_key)``: rename the mapping key at ``path``
* ``("append", file, path, suffix)``: append to the string at ``path``
* ``("move", file, path, index)``: move the list item at ``path`` to ``index`` of its list
* ``("dup", file, path, None)``: duplicate the list item at ``path``
* ``("body", file, None, suffix)``: append to the body of a commentary unit
* ``("insert", file, position, text)`` / ``("cut", file, position, length)`` / ``("bytes", file, position, data)``:
  raw edits of the serialized file (position is a fraction of its length in 1/10,000)

``file`` is relative to the site root; for commentary (``*.md``) paths address the front matter.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from actionplan.pages import all_pages
from actionplan.problems import DataError
from actionplan.render import Renderer
from actionplan.site import load_all

FIXTURE = Path(__file__).parent / "fixtures" / "tiny"
TRANSLATIONS_FOLDER = "data/translations/zh/"

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXPLICIT = settings(phases=[Phase.explicit], deadline=None)


# -- the fixture as data ----------------------------------------------------------------------

def _read_docs() -> dict[str, Any]:
    """Every YAML file and every commentary front matter of the fixture, parsed; bodies apart."""
    docs: dict[str, Any] = {}
    for path in sorted(FIXTURE.rglob("*")):
        rel = path.relative_to(FIXTURE).as_posix()
        if path.suffix == ".yaml" and rel.startswith("data/"):
            docs[rel] = yaml.safe_load(path.read_text(encoding="utf-8"))
        elif path.suffix == ".md" and rel.startswith("content/commentary/"):
            _, front, _ = path.read_text(encoding="utf-8").split("---\n", 2)
            docs[rel] = yaml.safe_load(front)
    return docs


def _bodies() -> dict[str, str]:
    return {
        p.relative_to(FIXTURE).as_posix(): p.read_text(encoding="utf-8").split("---\n", 2)[2]
        for p in sorted((FIXTURE / "content" / "commentary").glob("*.md"))
    }


DOCS = _read_docs()
BODIES = _bodies()
FILES = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*") if p.is_file() and p.name != "mkdocs.yml")


def _walk(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    out = [(path, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _walk(v, (*path, i))
    return out


NODES = [(rel, path, value) for rel, doc in DOCS.items() for path, value in _walk(doc)]
PATHS = [(rel, path) for rel, path, _ in NODES]
INNER = [(rel, path) for rel, path, _ in NODES if path]
KEYS = [(rel, path) for rel, path, _ in NODES if path and isinstance(path[-1], str)]
ITEMS = [(rel, path) for rel, path, _ in NODES if path and isinstance(path[-1], int)]
STRINGS = [(rel, path) for rel, path, value in NODES if isinstance(value, str)]


def _by_key(*names: str) -> list[tuple[str, tuple[Any, ...]]]:
    return [(rel, path) for rel, path, _ in NODES if path and path[-1] in names]


# -- applying operations ----------------------------------------------------------------------

def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        if _has(doc, step):
            doc = doc[step]
        else:
            return None
    return doc


def _has(container: Any, key: Any) -> bool:
    if isinstance(container, dict):
        return key in container
    return isinstance(container, list) and isinstance(key, int) and -len(container) <= key < len(container)


def _apply_structured(docs: dict[str, Any], op: tuple[Any, ...]) -> None:
    kind, rel, path, arg = op
    if rel not in docs:
        return
    if kind == "set" and path == ():
        docs[rel] = arg
        return
    parent = _parent(docs[rel], path)
    key = path[-1] if path else None
    if kind == "set" and isinstance(parent, dict):
        parent[key] = arg  # may add a key, e.g. lead_text to an action without one
        return
    if not path or not _has(parent, key):
        return
    if kind == "set":
        parent[key] = arg
    elif kind == "delete":
        del parent[key]
    elif kind == "rename" and isinstance(parent, dict):
        items = [((arg if k == key else k), v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
    elif kind == "append" and isinstance(parent[key], str):
        parent[key] += arg
    elif kind == "move" and isinstance(parent, list):
        parent.insert(arg % (len(parent) or 1), parent.pop(key))
    elif kind == "dup" and isinstance(parent, list):
        parent.insert(key, parent[key])


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**6)


def materialize(root: Path, ops: list[tuple[Any, ...]]) -> None:
    """Copy the fixture to ``root`` and apply ``ops`` to it."""
    shutil.copytree(FIXTURE, root)
    docs = copy.deepcopy(DOCS)
    touched: set[str] = set()
    for op in ops:
        if op[0] in ("set", "delete", "rename", "append", "move", "dup"):
            _apply_structured(docs, op)
            touched.add(op[1])
    bodies = dict(BODIES)
    for op in ops:
        if op[0] == "body" and op[1] in bodies:
            bodies[op[1]] += op[3]
            touched.add(op[1])
    for rel in sorted(touched & docs.keys()):
        text = _dump(docs[rel])
        if rel.endswith(".md"):
            text = f"---\n{text}---\n{bodies[rel]}"
        (root / rel).write_text(text, encoding="utf-8")
    for op in ops:
        kind, rel, position, arg = op
        if kind not in ("insert", "cut", "bytes"):
            continue
        path = root / rel
        raw = path.read_bytes()
        at = len(raw) * position // 10_000
        if kind == "insert":
            raw = raw[:at] + arg.encode("utf-8", "surrogatepass") + raw[at:]
        elif kind == "cut":
            raw = raw[:at] + raw[at + arg:]
        else:
            raw = raw[:at] + arg + raw[at:]
        path.write_bytes(raw)


def _event(what: str) -> None:
    if currently_in_test_context():
        event(what)


def check(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site-src"
        materialize(root, ops)
        try:
            ix = load_all(root / "data", root / "content" / "commentary", root)
        except DataError as e:
            _event("DataError")
            assert e.problems, "DataError without problems"
            for p in e.problems:
                _assert_points_into(root, p)
            return
        _event("loaded and rendered")
        pages = [p for lang in ("zh", "en") for p in all_pages(Renderer(ix, lang, "https://example.org/", None))]
        assert pages
        assert all(page.src and isinstance(page.content, str) for page in pages)


def _assert_points_into(root: Path, problem: Any) -> None:
    file, line = problem.where.file, problem.where.line
    assert file and not Path(file).is_absolute() and ".." not in Path(file).parts, problem
    if file == TRANSLATIONS_FOLDER:
        assert (root / file).is_dir() or not (root / file).exists(), problem
        return
    assert (root / file).is_file(), f"{problem}: {file} is not a file of the copy"
    raw = (root / file).read_bytes()
    n_lines = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1  # a lone CR ends a line too
    assert 0 <= line <= n_lines + 1, f"{problem}: line {line} is outside the file ({n_lines} lines)"
    prefix = f"{file}:{line}: " if line else f"{file}: "
    assert str(problem).startswith(prefix), problem


# -- strategies: structurally random values ------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["", " ", "I", "I.1", "I.1.1", "OSTP", "[^1]", "Led by", "yes", "~", "2025-07-01"])
    | st.integers(20_001, 20_010).map(lambda n: "x" * n)
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8) | st.integers(0, 9), inner, max_size=3),
    max_leaves=6,
)


def _op(kind: str, targets: list[tuple[str, tuple[Any, ...]]], arg: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.tuples(st.just(kind), st.sampled_from(targets), arg).map(lambda t: (t[0], t[1][0], t[1][1], t[2]))


structural_op = st.one_of(
    _op("set", PATHS, yaml_values),
    _op("delete", INNER, st.none()),
    _op("rename", KEYS, st.text(max_size=12) | st.sampled_from(["id", "text", "titel", "lead_txt", "I.9", "II.1.1\u200b"])),
    _op("dup", ITEMS, st.none()),
)
raw_text = st.text(alphabet=st.sampled_from([*":-[]{}#&*!|>'\"%@`,?~ \n\t.0123I", "\u200b", "\ufeff", "\r", "é", "电"]), max_size=8)
raw_op = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(FILES), st.integers(0, 10_000), raw_text),
    st.tuples(st.just("cut"), st.sampled_from(FILES), st.integers(0, 10_000), st.integers(1, 40)),
    st.tuples(st.just("bytes"), st.sampled_from(FILES), st.integers(0, 10_000), st.binary(min_size=1, max_size=3)),
)


# -- strategies: structurally valid, semantically wrong ------------------------------------

UNIT_IDS = ["intro", "plan", "I", "II", "III", "I.1", "I.2", "I.3", "II.1", "II.2", "I.1.1", "I.1.2", "I.1.3", "I.2.1", "I.2.2", "II.1.1", "II.1.2"]
AGENCY_IDS = ["OSTP", "FTC", "DOC", "NIST", "NSF", "ostp", "DOC-X"]
LEAD_TEXTS = ["Led by the Office of Science and Technology Policy (OSTP)", "Led by DOC through NIST", "Led by DOC", "led by NIST",
              "Review all Federal Trade Commission (FTC)", "Stabilize the grid"]
markers = st.integers(0, 4).map(lambda n: f"[^{n}]")
semantic_op = st.one_of(
    _op("set", _by_key("id"), st.sampled_from(UNIT_IDS + AGENCY_IDS + ["C01", "C02", "C03", "C04", "K-x"])),
    _op("move", ITEMS, st.integers(0, 5)),
    _op("dup", ITEMS, st.none()),
    _op("set", _by_key("lead", "agencies"), st.lists(st.sampled_from(AGENCY_IDS), max_size=3)),
    _op("set", _by_key("lead_text", "lead", "agencies"), st.sampled_from(LEAD_TEXTS)).map(lambda t: (t[0], t[1], (*t[2][:-1], "lead_text"), t[3])),
    _op("delete", _by_key("lead_text"), st.none()),
    _op("append", STRINGS, markers | st.sampled_from([" Led by DOC.", " (FTC)", " grid", " open-weight", " 两大支柱"])),
    _op("set", _by_key("targets", "units"), st.lists(st.sampled_from([*UNIT_IDS, "C01", "X"]), max_size=3)),
    _op("set", _by_key("printed_page", "position", "paragraph", "number", "expected", "pdf_page", "pillars", "goals", "actions",
                       "pdf_page_offset"), st.integers(0, 20)),
    _op("set", _by_key("kind"), st.sampled_from(["background", "structure", "critique", "risk", "caption", "as-printed", "editorial"])),
    _op("set", _by_key("metric", "scope"), st.sampled_from(["pillars", "goals", "actions", "plan", "I", "II", "III"])),
    _op("set", [("content/commentary/C01.md", ("claims", 0, "holds"))], st.booleans()),
    _op("rename", [(rel, path) for rel, path in KEYS if rel.startswith("data/translations/") and len(path) == 1], st.sampled_from(UNIT_IDS)),
    _op("delete", [(rel, path) for rel, path in KEYS if rel.startswith("data/translations/")], st.none()),
)


# -- strategies: odd but valid text, to exercise escaping in the renderer -------------------

PROSE = [(rel, path) for rel, path, value in NODES
         if isinstance(value, str) and not rel.endswith("glossary.yaml")
         and (path[-1] in ("title", "text", "name", "role", "attribution", "en", "editorial") or (len(path) > 1 and path[-2] == "intro"))]
odd_text = st.lists(
    st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"))
    | st.sampled_from([*"*_[]()<>&#|`{}!~^$\\%'\"", "{{ x }}", "{% raw %}", "<script>", "&amp;", "\n\n", "\n---\n", "[^1]", "](x)", "<!--", ":--"]),
    min_size=1, max_size=10,
).map("".join)
prose_op = st.one_of(
    _op("append", PROSE, odd_text),
    st.tuples(st.just("body"), st.sampled_from(sorted(BODIES)), st.none(), odd_text),
)


# -- the properties --------------------------------------------------------------------------

def test_unmutated_fixture_round_trips() -> None:
    """Re-serializing every document must not by itself break the fixture (else every example is noise)."""
    check([("set", rel, (), DOCS[rel]) for rel in DOCS])


# The four fuzzers are slow (seconds each: every example loads and renders a whole dataset); the
# regression examples below stay in the fast tier.
@pytest.mark.slow
@FUZZ
@given(ops=st.lists(structural_op, min_size=1, max_size=3))
def test_random_values_in_fields(ops: list[tuple[Any, ...]]) -> None:
    check(ops)


@pytest.mark.slow
@FUZZ
@given(ops=st.lists(raw_op, min_size=1, max_size=3))
def test_random_edits_of_the_raw_files(ops: list[tuple[Any, ...]]) -> None:
    check(ops)


@pytest.mark.slow
@FUZZ
@given(ops=st.lists(semantic_op, min_size=1, max_size=6))
def test_semantically_wrong_datasets(ops: list[tuple[Any, ...]]) -> None:
    check(ops)


@pytest.mark.slow
@FUZZ
@given(ops=st.lists(prose_op, min_size=1, max_size=6))
def test_odd_but_valid_text_renders(ops: list[tuple[Any, ...]]) -> None:
    check(ops)


# -- crashes the fuzzer found (fixed): kept as explicit regression examples ------------------

@EXPLICIT
@example(ops=[("set", "data/agencies.yaml", (), None)])
@given(ops=st.lists(structural_op, max_size=1))
def test_empty_document_is_a_problem_not_a_crash(ops: list[tuple[Any, ...]]) -> None:
    check(ops)


@EXPLICIT
@example(ops=[("insert", "data/pillars/II.yaml", 5000, "\x07")])
@given(ops=st.lists(raw_op, max_size=1))
def test_non_printable_character_is_a_problem_not_a_crash(ops: list[tuple[Any, ...]]) -> None:
    check(ops)


@EXPLICIT
@example(ops=[("set", "data/translations/zh/plan.yaml", ("intro",), {"signatories": "总统科技助理"})])
@given(ops=st.lists(structural_op, max_size=1))
def test_signatories_as_a_string_is_a_problem_not_a_crash(ops: list[tuple[Any, ...]]) -> None:
    check(ops)
