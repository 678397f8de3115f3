"""Character sets of imported text: declared ones honoured, undeclared 8-bit text read as ANSI.

Files mentornet writes are UTF-8, but older tools write the computer's "ANSI" code page
(Windows-1252 on Western Windows, the default of Outlook's vCards and CSV files), vCard 2.1
cards declare theirs per property (`N;CHARSET=SHIFT_JIS:...`), and some programs write
UTF-16 with a byte order mark. Text that is not UTF-8 and says nothing about itself is read
as Windows-1252 (ISO-8859-1 for the few bytes Windows-1252 leaves undefined), and the report
says so, since a wrong guess would show as odd letters.
"""

from __future__ import annotations

import codecs

ANSI = "Windows-1252"
_ALIASES = {"ansi": "cp1252", "x-sjis": "shift_jis", "sjis": "shift_jis",
            "shift-jis": "shift_jis", "windows-31j": "cp932"}


def codec(name: str) -> str | None:
    """Python's codec for a CHARSET= value, or None when it names no known character set."""
    plain = name.strip().strip('"').lower()
    try:
        return codecs.lookup(_ALIASES.get(plain, plain)).name
    except LookupError:
        return None


def is_utf8(name: str | None) -> bool:
    return name in ("utf-8", "utf-8-sig")


def decode_ansi(data: bytes) -> str:
    """Undeclared 8-bit text: Windows-1252, falling back to ISO-8859-1 (which never fails)."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_declared(data: bytes, declared: str | None, fallback: str | None) -> tuple[str, bool]:
    """(text, whether it had to be guessed): the declared charset, else UTF-8, else fallback.

    Raises UnicodeDecodeError when bytes are not valid in the charset they declare.
    """
    if declared is not None:
        return data.decode(declared), False
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    if fallback is not None:
        try:
            return data.decode(fallback), False
        except UnicodeDecodeError:
            pass
    return decode_ansi(data), True


def normalise_newlines(text: str) -> str:
    """CR LF and lone CR (Outlook's notes, old Macs) as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
