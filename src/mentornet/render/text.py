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


def inert_json(text: str) -> str:
    """JSON text with C1 controls and bidi overrides written as \\uXXXX escapes.

    json.dumps(ensure_ascii=False) escapes C0 controls but leaves these raw: valid JSON, yet
    a terminal acts on them. They only occur inside strings, so the escapes are exact.
    """
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def safe(text: str | None) -> str:
    """Text fit to embed in Rich markup: controls made visible, markup escaped."""
    from rich.markup import escape

    return escape(plain(text))


def clipped(text: str | None, limit: int = 2000) -> str:
    """Text cut to `limit` characters for a terminal page, saying how much was left out."""
    text = text or ""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters in `show --json`)"


def one_line(text: str | None, width: int = 80) -> str:
    """The first line of a text, shortened to `width` characters (for tables)."""
    head = (text or "")[: width * 4]  # enough for the first line; a long note stays cheap
    first = plain(head).strip().splitlines()[0] if head.strip() else ""
    first = unicodedata.normalize("NFC", first)
    return first if len(first) <= width else first[: width - 1] + "…"
