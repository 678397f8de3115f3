"""Make user text safe to print: no Rich markup, no terminal control sequences."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls (ESC included) except tab and newline, DEL, and the bidirectional
# overrides and isolates that can reorder what a terminal shows (the "Trojan Source" set).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if ord(char) < 0x20 or char == "\x7f":
        return chr(0x2400 + ord(char)) if ord(char) < 0x20 else "\u2421"
    return f"<U+{ord(char):04X}>"


def plain(text: str | None) -> str:
    """Text with control characters shown as visible symbols (for plain output)."""
    return _UNSAFE.sub(_visible, text or "")


def safe(text: str | None) -> str:
    """Text fit to embed in Rich markup: controls made visible, markup escaped."""
    from rich.markup import escape

    return escape(plain(text))


def one_line(text: str | None, width: int = 80) -> str:
    """The first line of a text, shortened to `width` characters (for tables)."""
    first = plain(text).strip().splitlines()[0] if (text or "").strip() else ""
    first = unicodedata.normalize("NFC", first)
    return first if len(first) <= width else first[: width - 1] + "…"
