"""What a YAML syntax error tells a contributor: PyYAML's problem with the context that makes it
readable, and the line that must be fixed, which is not always the line PyYAML names (a quote left
open is noticed only where the quoted text runs into later lines)."""

from __future__ import annotations

import re

import yaml

_QUOTED = re.compile(r"""^\s*(?:-\s+)?(?:[^'"#]+?:\s+)?(['"])(.*)$""")


def unclosed_quote(text: str, problem_line: int, start: int) -> int | None:
    """The first line (0-based) from ``start`` to ``problem_line`` whose value opens a quote that the
    line does not close: YAML notices the slip only where the quoted text runs into later lines, so
    the line a contributor must fix is that one, not the one reported."""
    lines = text.split("\n")
    for n in range(max(start, 0), min(problem_line, len(lines) - 1) + 1):
        m = _QUOTED.match(lines[n])
        if m:
            quote, rest = m.groups()
            closes = rest.replace("''", "").count("'") if quote == "'" else re.sub(r"\\.", "", rest).count('"')
            if not closes:
                return n
    return None


def describe(e: yaml.MarkedYAMLError, line_offset: int) -> str:
    """PyYAML's problem, with the context that makes it readable and a hint for the usual slip."""
    problem = e.problem or ""
    context = e.context or ""
    if problem.startswith("but ") and context:
        text = f"{context}, {problem}"
    elif context.startswith("while parsing") and e.context_mark is not None:
        text = f"{problem} ({context} that starts at line {e.context_mark.line + 1 + line_offset})"
    else:
        text = problem or context
    if "'\\t'" in text or "\t" in text:
        text += " (indent with spaces, not tabs)"
    return text
