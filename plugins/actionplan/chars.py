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

# The one rule for what a published text may hold, as ranges of code points it may NOT: C0 controls
# but tab and newline, DEL, C1 controls; every format character (Unicode category Cf: zero-width
# and bidi marks, embeddings and isolates, invisible operators, the BOM, tag characters, the Arabic,
# Syriac, Egyptian and musical format signs); what renders as nothing but is a letter (the Hangul
# fillers, the braille blank, the Mongolian vowel separator); line and paragraph separators;
# private-use characters (they mean nothing outside one font, and our own citation markup uses
# some); and the noncharacters, which XML forbids (U+FFFE, U+FFFF and the rest).
# tests/test_check_properties.py holds the Cf, Co and noncharacter parts equal to Unicode's own tables.
_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x890, 0x891), (0x8E2, 0x8E2), (0x115F, 0x1160), (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x206F),
    (0x2800, 0x2800), (0x3164, 0x3164), (0xE000, 0xF8FF), (0xFDD0, 0xFDEF), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF9, 0xFFFB),
    (0xFFFE, 0xFFFF), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF), (0xF0000, 0x10FFFF),
    *((p * 0x10000 + 0xFFFE, p * 0x10000 + 0xFFFF) for p in range(1, 15)),
)
INVISIBLE = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in _RANGES)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _utf16(a: int, b: int) -> list[str]:
    """The range a..b of supplementary code points as ECMA-262 patterns over UTF-16 surrogate pairs."""
    out = []
    while a <= b:
        hi, lo = 0xD800 + ((a - 0x10000) >> 10), 0xDC00 + ((a - 0x10000) & 0x3FF)
        end = min(b, a | 0x3FF)  # the last code point with the same high surrogate
        out.append(f"\\u{hi:04x}[\\u{lo:04x}-\\u{0xDC00 + ((end - 0x10000) & 0x3FF):04x}]")
        a = end + 1
    return out


# The same set for JSON Schema (ECMA-262 regexes, no 'u' flag): the basic plane as \\u ranges, lone
# surrogates as the ranges they are, supplementary characters as their UTF-16 pairs.
INVISIBLE_JSON = "|".join([
    "[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in _RANGES if b <= 0xFFFF) + "\\ud800-\\udfff]",
    *(p for a, b in _RANGES if a > 0xFFFF for p in _utf16(a, b)),
])


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
