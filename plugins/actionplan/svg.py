"""The figure the commentary refers to: the three pillars and their goals, drawn from the data.

Plain inline SVG: no JavaScript, prints crisply, each pillar and goal is a link. Text is
XML-escaped here; its links are directory URLs, since raw HTML is not rewritten by the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from . import paths
from .labels import LABELS
from .text import excerpt


@dataclass(frozen=True)
class Box:
    """A pillar (with its goals) or a goal (with its number of actions), as the figure draws it:
    plain data, titled in the page's language by the page that asks for the figure."""

    id: str
    title: str
    count: int = 0
    goals: tuple[Box, ...] = ()

COL_W, ROW_H, HEAD_H, GAP, PAD = 316, 30, 64, 12, 8


def figure(pillars: Sequence[Box], lang: str, src: str) -> str:
    """The pillars and their goals, each a link from the page ``src`` of ``lang``'s build."""
    here = paths.site_path(src, lang)
    rows = max((len(p.goals) for p in pillars), default=0)
    width = len(pillars) * COL_W + (len(pillars) - 1) * GAP
    height = HEAD_H + rows * ROW_H + PAD
    L = LABELS[lang]
    out = [
        f'<figure class="ap-figure"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="group" aria-labelledby="ap-fig-title-{lang}" class="ap-svg">',
        f'<title id="ap-fig-title-{lang}">{escape(L["figure"])}</title>',
    ]
    limit = 22 if lang == "zh" else 34
    for i, p in enumerate(pillars):
        x = i * (COL_W + GAP)
        href = escape(paths.rel_url(here, paths.site_path(paths.unit(p.id), lang)))
        title = escape(excerpt(p.title, 40))
        out.append(
            f'<a href="{href}"><rect class="ap-fig-pillar" x="{x}" y="0" width="{COL_W}" height="{HEAD_H - 6}" rx="6"/>'
            f'<text x="{x + 10}" y="24" class="ap-fig-ptitle">{escape(L["pillar"])} {p.id}</text>'
            f'<text x="{x + 10}" y="46" class="ap-fig-psub">{title}</text></a>'
        )
        for j, g in enumerate(p.goals):
            y = HEAD_H + j * ROW_H
            href = escape(paths.rel_url(here, paths.site_path(paths.unit(g.id), lang)))
            gtitle = escape(excerpt(g.title, limit))
            n = g.count
            out.append(
                f'<a href="{href}"><rect class="ap-fig-goal" x="{x}" y="{y}" width="{COL_W}" height="{ROW_H - 4}" rx="4"/>'
                f'<text x="{x + 8}" y="{y + 18}" class="ap-fig-gid">{g.id}</text>'
                f'<text x="{x + 52}" y="{y + 18}" class="ap-fig-gtitle">{gtitle}</text>'
                f'<text x="{x + COL_W - 8}" y="{y + 18}" text-anchor="end" class="ap-fig-count">{n}</text></a>'
            )
    out.append("</svg>")
    out.append(f"<figcaption>{escape(L['figure_caption'])}</figcaption></figure>")
    return "".join(out)


BAR_W, BAR_ROW, BAR_LABEL = 520, 84, 150
# One bar per relation, in instruments.RELATIONS order: the class that colours it, the label that names it.
RELATION_BARS = (("orders", "ap-fig-orders", "col_orders"), ("cites", "ap-fig-cites", "col_cites"), ("related", "ap-fig-rel", "col_related"))


def record_figure(rows: Sequence[Mapping[str, object]], lang: str, src: str) -> str:
    """Coverage of the record, per pillar: of its actions, how many have an instrument of each
    relation (orders, cites, related); bars to scale, each pillar a link."""
    here = paths.site_path(src, lang)
    L = LABELS[lang]
    peak = max([int(str(x["actions"])) for x in rows] + [1])
    width = BAR_LABEL + BAR_W + 60
    height = len(rows) * BAR_ROW + 24 * len(RELATION_BARS) + 12
    out = [
        f'<figure class="ap-figure ap-record-figure"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="group" aria-labelledby="ap-rfig-title-{lang}" class="ap-svg ap-svg-record">',
        f'<title id="ap-rfig-title-{lang}">{escape(L["record_figure"])}</title>',
    ]
    for n, row in enumerate(rows):
        y = n * BAR_ROW + 6
        total = int(str(row["actions"]))
        href = escape(paths.rel_url(here, paths.site_path(paths.unit(str(row["id"])), lang)))
        scale = BAR_W / peak
        out.append(f'<a href="{href}"><text x="0" y="{y + 22}" class="ap-rfig-label">{escape(L["pillar"])} {escape(str(row["id"]))}</text>'
                   f'<text x="0" y="{y + 40}" class="ap-fig-count">{escape(L["col_actions"])} {total}</text></a>')
        for k, (rel, cls, key) in enumerate(RELATION_BARS):
            count = int(str(row[rel]))
            by = y + 6 + k * 24
            out.append(f'<rect class="ap-fig-track" x="{BAR_LABEL}" y="{by}" width="{total * scale:.1f}" height="18" rx="3"/>'
                       f'<rect class="{cls}" x="{BAR_LABEL}" y="{by}" width="{count * scale:.1f}" height="18" rx="3">'
                       f'<title>{escape(L[key])}: {count}</title></rect>'
                       f'<text x="{BAR_LABEL + total * scale + 6:.1f}" y="{by + 14}" class="ap-fig-count">{count}</text>')
    ly = len(rows) * BAR_ROW + 16
    for k, (_rel, cls, key) in enumerate(RELATION_BARS):
        out.append(f'<rect class="{cls}" x="{BAR_LABEL}" y="{ly - 11 + 18 * k}" width="14" height="12"/>'
                   f'<text x="{BAR_LABEL + 20}" y="{ly + 18 * k}" class="ap-fig-count">{escape(L[key])}</text>')
    out.append("</svg>")
    out.append(f"<figcaption>{escape(L['record_figure_caption'])}</figcaption></figure>")
    return "".join(out)
