"""Problems found in contributor input, collected rather than raised one at a time.

A contributor fixing a pull request wants every mistake in one run, each pointing at the file,
line, record and field, so nothing here raises on the first problem.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .chars import safe


@dataclass(frozen=True)
class Where:
    """A position in a source file; ``line`` is 1-based, 0 when unknown."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Problem:
    where: Where
    subject: str  # the record the problem is in, as a contributor names it ("action I.1.2")
    field: str
    message: str
    # The file could not be read at all (yamlsrc: missing, too big, not UTF-8, not YAML): what
    # to fix first, so such problems lead the list. Not part of a problem's identity.
    unreadable: bool = dataclasses.field(default=False, compare=False)

    def __str__(self) -> str:
        """``path:line: record: field: message``, with anything unprintable escaped (``chars.safe``):
        no file name, key or value can forge a line of its own in a log or a CI annotation."""
        parts = [str(self.where)]
        if self.subject:
            parts.append(self.subject)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(safe(p) for p in parts)


class DataError(Exception):
    """Raised once, after validation, carrying every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        # A file that cannot be read at all is what to fix first: its problems lead, then the rest
        # in file and line order.
        self.problems = sorted(problems, key=lambda p: (not p.unreadable, p.where.file, p.where.line, p.subject, p.field))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the plan data or commentary:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
