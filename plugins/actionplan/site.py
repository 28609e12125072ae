"""The engine-free core's entry point: the data folder in, a validated index out.

Nothing here imports MkDocs; the MkDocs adapter, ``actionplan check`` and ``actionplan generate``
all start from ``load_all``, so what passes ``check`` passes every build.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .index import Index, build
from .load import load_commentary, load_plan
from .names import check_agency_names
from .problems import DataError, Problem
from .validate import validate_commentary, validate_plan, validate_releases, validate_translations


def load_all(data_dir: Path, commentary_dir: Path, root: Path, *, require_translations: bool = True,
             strict_counts: bool = True, version: str | None = None) -> Index:
    """Load, validate and index everything, raising one ``DataError`` that lists every problem."""
    problems: list[Problem] = []
    plan = load_plan(data_dir, root, problems)
    critiques = load_commentary(commentary_dir, root, problems)
    if plan is not None:
        structural = bool(problems)
        problems += validate_plan(plan, strict_counts=strict_counts and not structural)
        problems += validate_translations(plan, require_translations)
        problems += check_agency_names(plan)
        complete = len(critiques) == len(list(commentary_dir.glob("*.md")))
        problems += validate_commentary(plan, critiques, complete, require_translations)
        problems += validate_releases(plan, critiques, version)
    if problems:
        raise DataError(problems)
    assert plan is not None
    return build(replace(plan, critiques=critiques))
