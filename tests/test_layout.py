"""The plugin package stays a codebase a newcomer can hold in their head: no import cycle, only the
adapter imports MkDocs, and no module grows past what one reading takes in.

Imports are read from the source with ``ast`` (those inside functions too, since a deferred
import is still a dependency), so the graph is the code's, not what one run happened to load.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "actionplan"
ADAPTER = "actionplan.mkdocs_plugin"
MAX_LINES = 310  # "about 300" (DESIGN.md): one screenful of reading per concern


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, name: str, known: set[str]) -> tuple[set[str], set[str]]:
    """(modules of the package that ``path`` imports, top-level external packages it imports)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    internal: set[str] = set()
    external: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                (internal if alias.name in known else external).add(alias.name if alias.name in known else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target in known or target.startswith("actionplan"):
                # "from . import paths" names a module; "from .x import y" depends on x
                subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known]
                internal.update(subs or [target])
            else:
                external.add(target.split(".")[0])
    internal.discard(name)
    return internal & known, external


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    mods = modules()
    known = set(mods)
    deps, ext = {}, {}
    for name, path in mods.items():
        deps[name], ext[name] = imports_of(path, name, known)
    # importing "a.b" first runs the package "a": a module depends on its packages' __init__ too,
    # which matters only where an __init__ imports its own submodules (checked for cycles below)
    return deps, ext


def cycles(deps: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), and self-loops."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(deps.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(deps):
        if v not in index:
            visit(v)
    return found


def test_the_graph_is_read() -> None:
    """The reader sees the imports it must see (so that an empty graph cannot pass the tests below)."""
    deps, ext = graph()
    assert "actionplan.problems" in deps["actionplan.records"]
    assert "actionplan.paths" in deps["actionplan.render"]
    assert "mkdocs" in ext[ADAPTER]
    assert "actionplan.validate.plan" in deps["actionplan.site"]


def test_no_import_cycle() -> None:
    deps, _ = graph()
    assert cycles(deps) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_only_the_adapter_imports_mkdocs() -> None:
    _, ext = graph()
    engines = {"mkdocs", "material", "properdocs", "zensical"}
    assert {m for m, e in ext.items() if e & engines} == {ADAPTER}


@pytest.mark.parametrize("name", sorted(modules()))
def test_each_module_reads_at_once(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name}: {lines} lines; split it by concern (DESIGN.md, Package layout)"
