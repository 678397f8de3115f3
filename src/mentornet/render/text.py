"""Make user text safe to print: no Rich markup, no terminal control sequences.

Every message that quotes stored or imported text reaches the terminal through `plain`:
`say` for messages, `emit` for whole documents (exports, recaps), `safe` inside Rich
markup. A terminal then shows escape sequences (OSC 52 clipboard writes, OSC 8 links, CSI,
C1 controls) and bidirectional overrides as visible symbols instead of acting on them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# C0 and C1 controls (ESC included) except tab and newline, DEL, and the bidirectional
# marks, embeddings, overrides and isolates that can reorder what a terminal shows (the
# "Trojan Source" set), plus the line and paragraph separators some terminals break on.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")
# What Markdown (and the HTML it becomes) could act on in pasted text: tags, entities,
# links and images, emphasis and code spans.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&~|])")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-])", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if ord(char) < 0x20 or char == "\x7f":
        return chr(0x2400 + ord(char)) if ord(char) < 0x20 else "\u2421"
    return f"<U+{ord(char):04X}>"


def plain(text: str | None) -> str:
    """Text with control characters shown as visible symbols (for plain output)."""
    return _UNSAFE.sub(_visible, text or "")


def has_controls(text: str) -> bool:
    """Whether `plain` would change `text` (a newline or tab counts too)."""
    return bool(_UNSAFE.search(text)) or "\n" in text or "\t" in text


def say(message: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a message that may quote stored or imported text, neutralised."""
    import typer

    typer.echo(plain(message), err=err, nl=nl)


def emit(text: str | Iterable[str]) -> None:
    """Write a whole document (an export, a recap), or its pieces in turn, to standard
    output.

    To a file or a pipe it goes byte for byte, as UTF-8; to a terminal, line endings are
    made plain and control characters visible, as for any message (a piece ending in
    the CR of a CRLF is rare and shows as ␍).
    """
    import typer

    terminal = typer.get_text_stream("stdout").isatty()
    for piece in [text] if isinstance(text, str) else text:
        if terminal:
            typer.echo(plain(piece.replace("\r\n", "\n")), nl=False)
        else:
            typer.echo(piece.encode("utf-8"), nl=False)


def markdown(text: str | None) -> str:
    """Pasted text for a Markdown note: visible controls, and markup shown as text.

    HTML tags, entities, links, images and emphasis are backslash-escaped, and a line that
    would start a heading, quote or list does not.
    """
    escaped = _MARKDOWN.sub(r"\\\1", plain(text))
    escaped = _BLOCK_START.sub(r"\1\\\2", escaped)
    return _NUMBERED.sub(r"\1\\\2", escaped)


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
