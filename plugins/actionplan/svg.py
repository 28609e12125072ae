"""The figures of the home page: the three pillars and their goals, and the record's coverage.

No JavaScript, each pillar and goal a link. The goals figure is HTML laid out by CSS (Jinja,
autoescaped); the record's bars are inline SVG, its text XML-escaped here. Links are directory
URLs, since raw HTML is not rewritten by the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from jinja2 import Environment

from . import paths
from .labels import LABELS


@dataclass(frozen=True)
class Box:
    """A pillar (with its goals) or a goal (with its number of actions), as the figure draws it:
    plain data, titled in the page's language by the page that asks for the figure."""

    id: str
    title: str
    count: int = 0
    goals: tuple[Box, ...] = ()


# The goals figure as HTML: each pillar a column of its goals (one column on a phone), laid out by CSS;
# the pages that show it title it with a heading.
_FIGURE = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(
    '<figure class="ap-figure ap-goals-figure" id="ap-fig-title-{{ lang }}" aria-label="{{ L.figure }}">'
    '<div class="ap-goals">'
    '{% for p in pillars %}'
    '<section class="ap-goals-pillar" aria-label="{{ L.pillar }} {{ p.id }}">'
    '<a class="ap-goals-head" href="{{ p.href }}"><span class="ap-goals-pid">{{ L.pillar }} {{ p.id }}</span> {{ p.title }}</a>'
    '<ol>{% for g in p.goals %}<li><a href="{{ g.href }}"><span class="ap-goals-id">{{ g.id }}</span>'
    '<span class="ap-goals-gtitle">{{ g.title }}</span><span class="ap-goals-n">{{ g.count }}</span></a></li>{% endfor %}</ol>'
    '</section>'
    '{% endfor %}'
    '</div><figcaption>{{ L.figure_caption }}</figcaption></figure>')


def figure(pillars: Sequence[Box], lang: str, src: str) -> str:
    """The pillars and their goals, each a link from the page ``src`` of ``lang``'s build: HTML laid
    out by CSS (assets/actionplan.css), whole titles that wrap rather than a drawing scaled to the
    screen (whose text was 7 px at 1280 px and 3 px at 390 px)."""
    here = paths.site_path(src, lang)

    def href(uid: str) -> str:
        return paths.rel_url(here, paths.site_path(paths.unit(uid), lang))

    view = [{"id": p.id, "title": p.title, "href": href(p.id),
             "goals": [{"id": g.id, "title": g.title, "count": g.count, "href": href(g.id)} for g in p.goals]} for p in pillars]
    return _FIGURE.render(pillars=view, lang=lang, L=LABELS[lang])  # its id: a published anchor


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
