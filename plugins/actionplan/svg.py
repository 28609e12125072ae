"""The figure the commentary refers to: the three pillars and their goals, drawn from the data.

Plain inline SVG: no JavaScript, prints crisply, each pillar and goal is a link. Text is
XML-escaped here; its links are directory URLs, since raw HTML is not rewritten by the engine.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from . import paths
from .labels import LABELS
from .text import excerpt

if TYPE_CHECKING:
    from .render import Renderer

COL_W, ROW_H, HEAD_H, GAP, PAD = 316, 30, 64, 12, 8


def figure(r: Renderer, src: str) -> str:
    lang = r.lang
    here = paths.site_path(src, lang)
    pillars = r.plan.pillars
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
        title = escape(excerpt(r.title(p.id), 40))
        out.append(
            f'<a href="{href}"><rect class="ap-fig-pillar" x="{x}" y="0" width="{COL_W}" height="{HEAD_H - 6}" rx="6"/>'
            f'<text x="{x + 10}" y="24" class="ap-fig-ptitle">{escape(L["pillar"])} {p.id}</text>'
            f'<text x="{x + 10}" y="46" class="ap-fig-psub">{title}</text></a>'
        )
        for j, g in enumerate(p.goals):
            y = HEAD_H + j * ROW_H
            href = escape(paths.rel_url(here, paths.site_path(paths.unit(g.id), lang)))
            gtitle = escape(excerpt(r.title(g.id), limit))
            n = len(g.actions)
            out.append(
                f'<a href="{href}"><rect class="ap-fig-goal" x="{x}" y="{y}" width="{COL_W}" height="{ROW_H - 4}" rx="4"/>'
                f'<text x="{x + 8}" y="{y + 18}" class="ap-fig-gid">{g.id}</text>'
                f'<text x="{x + 52}" y="{y + 18}" class="ap-fig-gtitle">{gtitle}</text>'
                f'<text x="{x + COL_W - 8}" y="{y + 18}" text-anchor="end" class="ap-fig-count">{n}</text></a>'
            )
    out.append("</svg>")
    caption = (
        "每格为一项目标：编号、标题与推荐政策行动条数；由数据生成。"
        if lang == "zh"
        else "Each box is a goal: its ID, title and number of recommended policy actions; drawn from the data."
    )
    out.append(f"<figcaption>{escape(caption)}</figcaption></figure>")
    return "".join(out)
