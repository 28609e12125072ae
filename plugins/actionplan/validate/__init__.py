"""Cross-record rules, one module per input: each returns every ``Problem`` it finds, raises none,
and knows nothing of MkDocs or HTML.

* ``plan``: the pillars, goals and actions (order, counts, footnotes, agencies);
* ``translations``: complete, parallel, glossary-consistent translations;
* ``commentary``: the commentary units, their claims and the releases that name them;
* ``urls``: IDs as URLs, and the redirects of moved ones;
* ``record``: the official instruments of ``data/record.yaml``.

``site.load_all`` runs them all, in that order, over the records ``load`` read.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..problems import Problem, Where


def dupes(items: Iterable[tuple[str, Where]], record: str, problems: list[Problem], field: str = "id") -> None:
    """A problem for each key seen before, naming where it was first."""
    seen: dict[str, Where] = {}
    for key, where in items:
        if key in seen:
            what = "ID" if field == "id" else field
            problems.append(Problem(where, f"{record} {key}", field, f"duplicate {what} (first at {seen[key]})"))
        else:
            seen[key] = where
