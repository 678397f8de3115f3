"""Reading vCard files (2.1, 3.0 and 4.0) as phones, mail apps and address books write them.

A small reader of its own rather than a general vCard library, because it must be lenient
exactly where real files are odd and strict only about what mentornet uses:

- lines are unfolded (a leading space or tab), and quoted-printable values (2.1) continue
  after a soft line break `=`;
- only the properties mentornet reads (READ) are kept and decoded; every other property is
  skipped unread, however malformed (photos, addresses, Lotus Notes' `PROFILE`, `X-` fields,
  an Android address cut over several lines), and its name is listed in the report;
- each value is decoded with its own `CHARSET=`; undeclared 8-bit text takes the card's
  declared charset if it has one, else Windows-1252 (see charsets.py);
- escapes follow the version: `\\n`, `\\,`, `\\;`, `\\\\` (and Apple's `\\:`, Gmail's
  `\\"`); a bare comma is text, except between the parts of a 3.0/4.0 name;
- every card is read on its own, so a broken card is reported with its number and line and
  the others still import (`--skip-invalid`);
- work is bounded: a card count limit, and a size limit on each value mentornet reads.

The whole file is decoded as ISO-8859-1 first, which maps each byte to one character and
never fails, so that lines can be split and matched as text; a value mentornet reads is
turned back into its bytes and decoded with the charset it declares.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from mentornet.io import charsets
from mentornet.io.files import MAX_FIELD_CHARS, MAX_RECORDS, size_text

READ = frozenset({"VERSION", "FN", "N", "EMAIL", "ORG", "TITLE", "ROLE", "URL",
                  "X-SOCIALPROFILE", "NOTE", "UID", "TEL", "CATEGORIES",
                  "X-MENTORNET-KIND", "X-MENTORNET-STATUS"})
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)")
_ESCAPE = re.compile(r"\\([\\nN,;:\"])")


class CardError(Exception):
    """One card that can't be read, and where (its line in the file)."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line = line
        self.what = what


@dataclass
class Property:
    name: str
    params: dict[str, list[str]]
    line: int
    parts: list[str] = field(default_factory=list)  # the raw value, as its folds come
    size: int = 0

    @property
    def value(self) -> str:
        """The raw value, one character per byte (ISO-8859-1)."""
        if len(self.parts) > 1:
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def types(self) -> list[str]:
        return [t.lower() for value in self.params.get("TYPE", []) for t in value.split(",")]

    @property
    def preferred(self) -> bool:
        return "pref" in self.types() or bool(self.params.get("PREF"))


@dataclass
class RawCard:
    """One BEGIN:VCARD ... END:VCARD block: the properties mentornet reads, in order."""

    number: int
    line: int
    properties: list[Property] = field(default_factory=list)
    problem: CardError | None = None
    ignored: set[str] = field(default_factory=set)
    last_read: bool = False  # whether the last property seen is one mentornet reads
    charsets: list[str] = field(default_factory=list)  # every CHARSET= the card declares

    @property
    def where(self) -> str:
        return f"card {self.number} at line {self.line}"

    def version(self) -> str:
        found = next((p.value.strip() for p in self.properties if p.name == "VERSION"), "")
        return found or "3.0"


@dataclass
class Outside:
    """Text between cards that belongs to no card."""

    line: int


def read_cards(text: str) -> Iterator[RawCard | Outside]:
    """Each card of a file (as ISO-8859-1 text), and each stray line outside the cards.

    A BEGIN:VCARD inside a card starts a card of its own (2.1 agents nest them); a card the
    file ends inside is reported as cut short.
    """
    reader = _Reader()
    lines = text.split("\n") if "\n" in text else text.split("\r")  # old Macs: CR alone
    for index, raw in enumerate(lines):
        yield from reader.line(raw[:-1] if raw.endswith("\r") else raw, index + 1)
    for card in reversed(reader.open_cards):
        card.problem = CardError(card.line, "the card is cut short: the file ends before "
                                            "its END:VCARD")
        yield card


class _Reader:
    """Joins physical lines into properties, keeping only those mentornet reads."""

    def __init__(self) -> None:
        self.open_cards: list[RawCard] = []
        self.number = 0
        self.head: str | None = None  # a line whose NAME;params: part is still folded
        self.head_line = 0
        self.current: Property | None = None  # a property mentornet reads, being joined
        self.skipping = False  # the folded rest of a property mentornet does not read
        self.qp_open = False  # a quoted-printable value ended with a soft break `=`

    def line(self, line: str, lineno: int) -> Iterator[RawCard | Outside]:
        card = self.open_cards[-1] if self.open_cards else None
        if card is None:
            upper = line.rstrip().upper()
            if upper == "BEGIN:VCARD":
                self._begin(lineno)
            elif upper.strip():
                yield Outside(lineno)
            return
        if self.qp_open and self.current is not None:
            self._extend(card, line)
            return
        if line[:1] in (" ", "\t"):
            if self.head is not None:
                self.head += line[1:]
                if len(self.head) > _MAX_HEAD:
                    self.head = None
                    self._not_a_property(card, self.head_line)
                elif _head_ends(self.head):
                    yield from self._property(card, self.head, self.head_line)
            elif self.current is not None:
                self._extend(card, line[1:])
            return  # or the rest of a property mentornet does not read
        if self.head is not None:  # a name and parameters that never reached their colon
            self.head = None
            self._not_a_property(card, self.head_line)
        self.current, self.skipping = None, False
        if not line.strip() or line.startswith("#"):
            return
        if _head_ends(line):
            yield from self._property(card, line, lineno)
        elif _NAME.fullmatch(line.split(";", 1)[0]) and ";" in line:
            self.head, self.head_line = line, lineno  # folded inside its parameters
        else:
            self._not_a_property(card, lineno)

    def _begin(self, lineno: int) -> None:
        self.number += 1
        if self.number > MAX_RECORDS:
            raise CardError(lineno, f"the file has more than {MAX_RECORDS:,} cards: "
                                    "mentornet reads at most that many from one file")
        self.open_cards.append(RawCard(number=self.number, line=lineno))

    def _not_a_property(self, card: RawCard, lineno: int) -> None:
        # The unfolded rest of a value some writers break without indenting (2.1 photos,
        # Android addresses): harmless after a property mentornet does not read; after
        # one it reads, the card can't be trusted.
        if card.last_read and card.problem is None:
            card.problem = CardError(lineno, "not a vCard property (NAME:value): is a long "
                                             "line folded wrongly?")

    def _property(self, card: RawCard, line: str, lineno: int) -> Iterator[RawCard]:
        self.head = None
        name, params, value = _split(line)
        if name is None:
            self._not_a_property(card, lineno)
            return
        upper = name.upper()
        if upper == "BEGIN" and value.strip().upper() == "VCARD":
            self._begin(lineno)
            return
        if upper == "END":
            if value.strip().upper() == "VCARD":
                yield self.open_cards.pop()
            return
        card.charsets.extend(params.get("CHARSET", []))
        card.last_read = upper in READ
        if not card.last_read:
            if value.strip():
                card.ignored.add(upper)
            self.skipping = True
            return
        prop = Property(upper, params, lineno)
        card.properties.append(prop)
        self.current = prop
        self._extend(card, value)

    def _extend(self, card: RawCard, more: str) -> None:
        prop = self.current
        assert prop is not None
        if prop.size + len(more) > MAX_FIELD_CHARS:
            if card.problem is None:
                card.problem = _too_long(prop)
            self.current, self.qp_open = None, False
            return
        self.qp_open = _is_qp(prop.params) and more.endswith("=")
        if self.qp_open:
            more = more[:-1]  # a soft line break
        prop.parts.append(more)
        prop.size += len(more)


_MAX_HEAD = 4096  # characters of a property's name and parameters


def _head_ends(line: str) -> bool:
    """Whether a line's NAME;params part is complete: a colon outside quotes."""
    colon = line.find(":")
    if colon < 0:
        return False
    if '"' not in line[:colon]:
        return True
    quoted = False
    for char in line[:_MAX_HEAD]:
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return True
    return False


def _too_long(prop: Property) -> CardError:
    return CardError(prop.line, f"the {prop.name} on line {prop.line} is longer than "
                                f"{size_text(MAX_FIELD_CHARS)}, the most mentornet reads "
                                "from one value")


def _is_qp(params: dict[str, list[str]]) -> bool:
    return any(v.upper() == "QUOTED-PRINTABLE" for v in params.get("ENCODING", []))


def _split(line: str) -> tuple[str | None, dict[str, list[str]], str]:
    """(name, params, value) of `[group.]NAME[;param...]:value`, or None as the name."""
    match = _NAME.match(line)
    if match is None or match.end() >= len(line) or line[match.end()] not in ";:":
        return None, {}, ""
    name = match[2]
    params: dict[str, list[str]] = {}
    at = match.end()
    while line[at] == ";":
        start, quoted = at + 1, False
        at = start
        while at < len(line) and (quoted or line[at] not in ";:"):
            if line[at] == '"':
                quoted = not quoted
            at += 1
        if at >= len(line):
            return None, {}, ""
        _param(params, line[start:at])
    return name, params, line[at + 1:]


def _param(params: dict[str, list[str]], text: str) -> None:
    key, equals, value = text.partition("=")
    key = key.strip().upper()
    if not equals:  # 2.1's bare parameters: ;HOME;PREF;QUOTED-PRINTABLE
        if key in _BARE_ENCODINGS:
            params.setdefault("ENCODING", []).append(key)
        elif key.startswith("CHARSET"):
            return
        elif key:
            params.setdefault("TYPE", []).append(key)
        return
    params.setdefault(key, []).append(value.strip().strip('"'))


# Values -------------------------------------------------------------------------------------

def card_charset(card: RawCard) -> str | None:
    """The first 8-bit charset a card declares: the likely charset of its undeclared text."""
    for name in card.charsets:
        found = charsets.codec(name)
        if found is not None and not charsets.is_utf8(found):
            return found
    return None


def decoded(prop: Property, fallback: str | None) -> tuple[str, bool]:
    """(text, guessed): the value's bytes unencoded (QP, base64) in their charset.

    Raises CardError when the value is not in the encoding or charset it declares.
    """
    data = prop.value.encode("latin-1")
    encoding = [e.upper() for e in prop.params.get("ENCODING", [])]
    try:
        if "QUOTED-PRINTABLE" in encoding:
            data = binascii.a2b_qp(data)
        elif "B" in encoding or "BASE64" in encoding:
            data = binascii.a2b_base64(data)
    except (binascii.Error, ValueError):
        raise CardError(prop.line, f"the {prop.name} on line {prop.line} is not valid "
                                   f"{encoding[0].lower()}") from None
    names = prop.params.get("CHARSET", [])
    declared = charsets.codec(names[0]) if names else None
    try:
        text, guessed = charsets.decode_declared(data, declared, fallback)
    except UnicodeDecodeError as exc:
        raise CardError(prop.line, f"the {prop.name} on line {prop.line} is not valid "
                                   f"{names[0]} text, as its CHARSET says (byte "
                                   f"0x{data[exc.start]:02X})") from None
    return charsets.normalise_newlines(text), guessed


def unescape(text: str) -> str:
    r"""A text value with its escapes undone: \n, \, \; \\, Apple's \: and Gmail's \"."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], text)


def components(text: str) -> list[str]:
    """The parts of a structured value (N, ORG), split at semicolons that are not escaped."""
    parts, start, at = [], 0, 0
    while at < len(text):
        if text[at] == "\\":
            at += 2
            continue
        if text[at] == ";":
            parts.append(text[start:at])
            start = at + 1
        at += 1
    parts.append(text[start:])
    return parts


def split_list(text: str, marks: str = ",") -> list[str]:
    """The values of a list (CATEGORIES, parts of a 3.0 name), split at unescaped marks."""
    parts, start, at = [], 0, 0
    while at < len(text):
        if text[at] == "\\":
            at += 2
            continue
        if text[at] in marks:
            parts.append(text[start:at])
            start = at + 1
        at += 1
    parts.append(text[start:])
    return parts
