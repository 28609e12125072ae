"""Every generated page of one language, one module per kind: ``plan``, ``hubs``, ``commentary``, ``record``.

Each page is a function of the language's ``Renderer``: it gathers the view its template receives
and renders it (``Renderer.page``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..render import Renderer
from ..templating import Page
from .commentary import commentary_page, coverage_page, critique_page
from .hubs import agencies_page, agency_page, changelog_page, compare_page, ids_page
from .plan import footnotes_page, home_page, unit_page
from .record import instrument_page, record_page
from .whole import whole_page


def all_pages(r: Renderer) -> Iterator[Page]:
    """Every generated page of ``r``'s language."""
    yield home_page(r)
    yield from (unit_page(r, uid) for uid in r.ix.order)
    yield from (agency_page(r, a.id) for a in r.plan.agencies)
    yield agencies_page(r)
    yield footnotes_page(r)
    yield whole_page(r)
    yield ids_page(r)
    yield changelog_page(r)
    yield compare_page(r)
    yield record_page(r)
    yield from (instrument_page(r, i) for i in r.plan.record)
    if r.plan.critiques:
        yield from (critique_page(r, c) for c in r.plan.critiques)
        yield commentary_page(r)
        yield coverage_page(r)
