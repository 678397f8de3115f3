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

from mentornet.io.problems import MalformedFile, Problem

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


# Decoding a whole file ------------------------------------------------------------------

_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive, not a text file: unzip it and import the file inside "
                    "(for LinkedIn, Connections.csv)"),
    (b"SQLite format 3\x00", "an SQLite database, not an export: to bring back a backup, "
                             "use `mentornet restore`"),
    (b"%PDF", "a PDF document, not a text file"),
    (b"\x89PNG", "a PNG image, not a text file"),
    (b"\xff\xd8\xff", "a JPEG image, not a text file"),
)


def decode_text(data: bytes, source: str, *, hint: str = "") -> str:
    """The text of an imported file: UTF-8 (with or without a BOM) or UTF-16 with a BOM.

    Binary files and bytes that are not UTF-8 are reported with the line they are on,
    rather than guessed at: a wrong guess would import garbled names.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise MalformedFile(source, [Problem(
                f"byte {exc.start + 1}", "the file starts as UTF-16 but is not valid UTF-16: "
                "save it again as UTF-8")]) from None
    check_binary(data, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_of(data, exc.start)
        raise MalformedFile(source, [Problem(
            f"line {line}", f"byte {exc.start + 1} (0x{data[exc.start]:02X}) is not UTF-8 text: "
            f"save the file as UTF-8{hint} and import again")]) from None
    return text


def check_binary(data: bytes, source: str) -> None:
    """Refuse archives, databases, pictures and other files that are not text."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise MalformedFile(source, [Problem("byte 1", f"this is {what}")])
    offset = data.find(b"\x00")
    if offset >= 0:
        raise MalformedFile(source, [Problem(
            f"line {line_of(data, offset)}",
            f"a NUL byte at byte {offset + 1}: this looks like a binary file, not text")])


def line_of(data: bytes, offset: int) -> int:
    """The line number (from 1) of a byte offset."""
    return data.count(b"\n", 0, offset) + 1
