"""The commentary's records: the front matter of ``content/commentary/<ID>.md``, one commentary unit
each (a critique, or the background, structure, risk or caption around it), with the claims it
makes about the plan's numbers."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, PrivateAttr

from .fields import CRITIQUE_KINDS, ID_RE, Bilingual, Bool, Count, CritiqueId, Id, Page, Str, Text
from .records import Sourced


class Claim(Sourced):
    """A figure the commentary states about the plan, checked against the data at build time."""

    kind_name: ClassVar[str] = "claim"
    id: Annotated[str, Text(pattern=ID_RE, max_len=60)]
    quote: Annotated[str, Text(max_len=200)]
    metric: Annotated[str, Text(enum=("pillars", "goals", "actions"))]
    scope: Annotated[str, Text(enum=("plan", "I", "II", "III"))]
    expected: Count
    holds: Bool = True


class CommentaryUnit(Sourced):
    """front matter of a commentary unit (content/commentary/<ID>.md); its body is ``text``"""

    kind_name: ClassVar[str] = "critique"
    id: CritiqueId
    kind: Annotated[str, Text(enum=CRITIQUE_KINDS)]
    position: Page
    paragraph: Page
    targets: Annotated[tuple[Id, ...], Field(min_length=1)]
    en: Str | None = None
    editorial: Bilingual | None = None
    claims: tuple[Claim, ...] = ()
    _text: str = PrivateAttr(default="")

    @property
    def text(self) -> str:
        """The commentary's words (the file's body), verbatim."""
        return self._text

    def with_body(self, text: str, body_line: int | None = None) -> CommentaryUnit:
        """A copy of this unit with ``text`` as its body (which starts at ``body_line``)."""
        copy = self.model_copy()
        copy._text = text
        copy._lines = {**self._lines, "body": self._lines.get("body", 0) if body_line is None else body_line}
        copy._file, copy._line = self._file, self._line
        return copy


