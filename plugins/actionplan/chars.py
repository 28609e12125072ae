"""What a published text may contain: one rule for every text field, and ``safe`` for logs.

A text of ours must not hide anything from its reader or from a reviewer of its diff: no control,
invisible, bidi or tag characters and no lone surrogates. ``fields.Text`` applies the rule to every
text field of the data (and its JSON Schema, ``INVISIBLE_JSON``, to what editors underline);
``safe`` escapes such characters wherever we print a value to a terminal or a log.
"""

from __future__ import annotations

import re

MAX_TEXT = 20_000  # far beyond the longest action (~1,000 chars); catches pasted garbage


# -- characters no text of ours may hold ------------------------------------------------------

# C0 controls but tab and newline, DEL, C1 controls, zero-width and bidi marks and embeddings,
# line/paragraph separators, bidi isolates (U+2066-2069), invisible operators, BOM, tag characters.
INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# The same set for JSON Schema (ECMA-262 regexes, no 'u' flag), written as \\u escapes: tag
# characters as their UTF-16 pairs, lone surrogates as the ranges they are.
INVISIBLE_JSON = "[" + "".join(
    ch if ch == "-" else f"\\u{ord(ch):04x}" for ch in INVISIBLE.replace("\U000e0000-\U000e007f", "")
) + "\\ud800-\\udfff]|\\udb40[\\udc00-\\udc7f]"


def bad_character(text: str) -> str | None:
    """Why ``text`` may not be used, or ``None``: the first invisible, control or unencodable character."""
    m = _SURROGATE.search(text)
    if m:
        return f"contains a lone surrogate U+{ord(m.group()):04X}, which is not a character (not valid UTF-8)"
    m = _INVISIBLE.search(text)
    if m:
        return f"contains an invisible or control character U+{ord(m.group()):04X}"
    return None


def safe(text: str) -> str:
    """``text`` fit for a log or terminal: controls, invisible and bidi characters and surrogates escaped.

    Everything we print from data goes through this, so no key or name can forge a line (a CI
    annotation such as ``::error``) or reorder what a reader sees."""
    if text.isprintable() and not _INVISIBLE.search(text):
        return text
    out = []
    for ch in text:
        if (ch.isprintable() and not _INVISIBLE.match(ch) and not _SURROGATE.match(ch)) or ch == " ":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)
