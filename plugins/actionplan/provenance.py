"""data/commentary.yaml: where the commentary we annotate comes from, declared once.

What is known (the reposts we found, their addresses, which one our text is, where our excerpt
starts and ends) and what is not (title, author, first publication: ``null`` until someone
establishes them; never guessed). Every page, citation and export that shows the commentary takes
its provenance from here (``Plan.commentary_source``), and a build without it is refused.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from .cite import Source
from .fields import Bilingual, Bool, Date, Str, Text, Title, Url
from .problems import DataError, Problem, Where
from .records import Sourced


class Repost(Sourced):
    """One copy of the article we found published."""

    kind_name: ClassVar[str] = ""
    outlet: Bilingual  # the site's name in each language, e.g. {en: NetEase News, zh: 网易新闻}
    url: Url
    script: Annotated[str, Text(enum=("simplified", "traditional"))]
    recorded: Date  # the day this repost was recorded here (see ``recorded_note``)
    ours: Bool = False  # our text is this repost's text
    about: Bilingual  # what this copy holds, compared with our excerpt


class FirstPublication(Sourced):
    """The article's original publication, once established: where, when, at which address."""

    kind_name: ClassVar[str] = ""
    outlet: Bilingual
    date: Date | None
    url: Url | None


class CommentarySource(Sourced):
    """commentary.yaml: the commentary's provenance: what is known, and what is not (``null``)"""

    kind_name: ClassVar[str] = "commentary source"
    key: ClassVar[str] = "title"
    # Not established: written ``null`` on purpose (each is required, so the file says so).
    title: Title | None
    author: Str | None
    first_published: FirstPublication | None
    reposts: Annotated[tuple[Repost, ...], Field(min_length=1)]
    recorded_note: Bilingual  # what the repost's ``recorded`` date means
    excerpt: Bilingual  # where our text starts and ends in the repost it is taken from
    use: Bilingual  # how this edition uses the text (the licence line)

    @property
    def ours(self) -> Repost:
        """The repost our text is taken from (the first marked ``ours``, else the first)."""
        return next((r for r in self.reposts if r.ours), self.reposts[0])

    def unknown(self) -> tuple[str, ...]:
        """The fields not established, by name."""
        return tuple(f for f in ("title", "author", "first_published") if getattr(self, f) is None)


def cite_source(cs: CommentarySource, lang: str, labels: dict[str, str]) -> Source:
    """What a commentary unit's citation says of its source, in ``lang``: the author (``None``
    while not established), the repost our text is taken from, and what is not established."""
    unknown = labels["src_sep"].join(labels[f"src_{f}"] for f in cs.unknown())
    return Source(cs.author, cs.ours.outlet.of(lang), cs.ours.url, labels["src_unknown"].format(fields=unknown) if unknown else "")


def required(cs: CommentarySource | None, what: str) -> CommentarySource:
    """The commentary's provenance, for ``what`` (a page or export that shows the commentary):
    without it, the commentary would be shown with no word of where it comes from, so it is refused."""
    if cs is None:
        raise DataError([Problem(Where("data/commentary.yaml"), what, "commentary source",
                                 "the commentary's provenance is missing: every page and export of the commentary names it")])
    return cs
