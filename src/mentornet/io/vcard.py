"""vCards in (2.1, 3.0 and 4.0, see vcard_read.py) and out (3.0 and 4.0).

Phones and mail apps write vCards with many quirks: folded lines, `item1.EMAIL` groups with
`X-ABLabel` labels (Apple), `https\\://` escaped colons (Google), quoted-printable 2.1 cards
with bare commas and their own character sets (older Android, Outlook), huge base64 photos.
Each card is read on its own, so a broken card is reported by its number and line.

The export is written here, line by line: text escaped as RFC 6350 says, URLs with their
colons unescaped (other readers take `https\\://` literally), long lines folded at 75
bytes. Private notes go into the cards only when asked (`--with-notes`): cards end up on
phones and servers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from mentornet.io import charsets
from mentornet.io.plan import Contact, PeopleFile, ignored_note
from mentornet.io.problems import MalformedFile, Problem, settle_invalid
from mentornet.io.vcard_read import (
    CardError,
    Outside,
    Property,
    RawCard,
    card_charset,
    components,
    decoded,
    read_cards,
    split_list,
    unescape,
)
from mentornet.vocab import KINDS, STATUSES

if TYPE_CHECKING:
    from mentornet.store.reads import Reads

UID_PATTERN = re.compile(r"mentornet-person-(\d+)@(.+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# Export -----------------------------------------------------------------------------------

def export_vcards(store: Reads, *, version: str = "3.0", with_notes: bool = False) -> str:
    """One card per person, ordered by id, with a UID that stays the same across exports."""
    identity = store.identity()
    out: list[str] = []
    addresses = store.emails()
    for person in sorted(store.people(), key=lambda p: p.id):
        lines = ["BEGIN:VCARD", f"VERSION:{version}"]
        uid = f"mentornet-person-{person.id}@{identity}"
        lines.append(f"UID;VALUE=text:{_escape(uid)}" if version == "4.0"
                     else f"UID:{_escape(uid)}")
        lines.append(f"FN:{_escape(person.name)}")
        given, _, family = person.name.rpartition(" ")
        if not given:
            given, family = person.name, ""
        lines.append(f"N:{_escape(family)};{_escape(given)};;;")
        for email in addresses.get(person.id, ()):  # the main one first, as read back
            kind = ";TYPE=INTERNET" if version == "3.0" else ""
            lines.append(f"EMAIL{kind}:{_escape(email)}")
        phone = getattr(person, "phone", None)
        if phone:
            lines.append(f"TEL;VALUE=uri:tel:{_uri(phone).replace(' ', '-')}"
                         if version == "4.0" else f"TEL;TYPE=VOICE:{_escape(phone)}")
        if person.org:
            lines.append(f"ORG:{_escape(person.org)}")
        if person.role:
            lines.append(f"TITLE:{_escape(person.role)}")
        if person.link:
            lines.append(f"URL:{_uri(person.link)}")
        if person.notes and with_notes:
            lines.append(f"NOTE:{_escape(person.notes)}")
        if person.focus:
            lines.append(f"CATEGORIES:{','.join(_escape(tag) for tag in person.focus)}")
        lines.append(f"X-MENTORNET-KIND:{_escape(person.kind)}")
        lines.append(f"X-MENTORNET-STATUS:{_escape(person.status)}")
        lines.append("END:VCARD")
        out.extend(_fold(line) for line in lines)
    return "".join(line + "\r\n" for line in out)


def _escape(text: str) -> str:
    """A text value as RFC 6350 writes it: backslash, newline, comma and semicolon escaped."""
    text = charsets.normalise_newlines(text)
    text = (text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            .replace(";", "\\;"))
    return _CONTROL.sub("", text)


def _uri(text: str) -> str:
    """A URL without escaping its colons (other readers take `https\\://` literally); a
    comma or semicolon, rare in a link, is escaped as vobject and the CardDAV servers read
    it. Line breaks and control characters are left out."""
    text = _CONTROL.sub("", text.strip())
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> str:
    """Fold at 75 bytes of UTF-8, never inside a character (RFC 6350, 3.2)."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


# Import -----------------------------------------------------------------------------------

def parse_vcards(data: bytes, source: str, *, skip_invalid: bool = False) -> PeopleFile:
    """People from vCards: name, emails, phones, organisation, title, link and note."""
    text = _as_latin1(data, source)
    invalid: list[Problem] = []
    contacts: list[Contact] = []
    skipped: list[Problem] = []
    ignored: set[str] = set()
    guessed = False
    try:
        for card in read_cards(text):
            if isinstance(card, Outside):
                invalid.append(Problem(f"line {card.line}",
                                       "text outside a BEGIN:VCARD … END:VCARD card"))
                continue
            ignored |= card.ignored
            try:
                if card.problem is not None:
                    raise card.problem
                contact, was_guessed = _contact(card)
            except CardError as exc:
                where = card.where if exc.line == card.line else (
                    f"card {card.number}, line {exc.line}")
                invalid.append(Problem(where, exc.what))
                continue
            guessed = guessed or was_guessed
            if contact is None:
                skipped.append(Problem(card.where, "no name (FN or N)"))
            else:
                contacts.append(contact)
    except CardError as exc:  # a bound on the whole file
        raise MalformedFile(source, [Problem(f"line {exc.line}", exc.what)]) from None
    if not contacts and not skipped and len(invalid) == sum(
            1 for problem in invalid if problem.what.startswith("text outside")):
        where = invalid[0].where if invalid else "file"
        raise MalformedFile(source, [Problem(where, "no vCard in the file (no BEGIN:VCARD "
                                                    "line starts a card)")])
    settle_invalid(source, invalid, valid=len(contacts) + len(skipped), unit="card",
                   skip_invalid=skip_invalid, skipped=skipped)
    notes = [note for note in (ignored_note(sorted(ignored), "properties"),) if note]
    if guessed:
        notes.append(f"text that declares no character set and is not UTF-8 was read as "
                     f"{charsets.ANSI}; if names look wrong, save the file as UTF-8")
    return PeopleFile(contacts, skipped, notes)


def _as_latin1(data: bytes, source: str) -> str:
    """The file as one character per byte (see vcard_read.py); UTF-16 turned into UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = charsets.decode_text(data, source).encode("utf-8")
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    else:
        charsets.check_binary(data, source)
    return data.decode("latin-1")


_VALUE_NAME_PARTS = ("prefix", "given", "additional", "family", "suffix")


def _contact(card: RawCard) -> tuple[Contact | None, bool]:
    """The person a card describes, and whether any of its text had to be guessed (ANSI)."""
    version = card.version()
    values = _Values(card)
    first = values.first

    name = " ".join(unescape(first("FN")).split())
    if not name:
        for _, text in values.get("N"):
            parts = components(text)
            if version != "2.1":
                parts = [" ".join(split_list(part)) for part in parts]
            # vCard's order is family;given;additional;prefix;suffix
            order = (3, 1, 2, 0, 4)
            name = " ".join(" ".join(unescape(parts[i]) for i in order if i < len(parts))
                            .split())
            if name:
                break
    if not name:
        return None, values.guessed
    emails = _listed(list(values.get("EMAIL")), prefix="mailto:")
    phones = _listed(list(values.get("TEL")), prefix="tel:")
    fields: dict[str, Any] = {}
    if emails:
        fields["email"] = emails[0]
    if phones:
        fields["phone"] = phones[0]
    org = next((" ".join(unescape(part).split()) for _, text in values.get("ORG")
                for part in components(text) if unescape(part).strip()), "")
    if org:
        fields["org"] = org
    role = " ".join(unescape(first("TITLE") or first("ROLE")).split())
    if role:
        fields["role"] = role
    links = [" ".join(unescape(text).split()) for prop, text in
             _preferred([*values.get("URL"), *values.get("X-SOCIALPROFILE")])
             if text.strip()]
    if links:
        fields["link"] = next((link for link in links if "linkedin.com" in link.lower()),
                              links[0])
    note = unescape(first("NOTE"))
    if note.strip():
        fields["notes"] = note
    uid = UID_PATTERN.fullmatch(unescape(first("UID")).strip())
    defaults: dict[str, Any] = {}  # the kind of a new person: see plan.NEW_PERSON
    if uid:  # a card mentornet wrote: its kind, status and focus come back too
        kind = unescape(first("X-MENTORNET-KIND")).strip()
        status = unescape(first("X-MENTORNET-STATUS")).strip()
        if kind in KINDS:
            defaults["kind"] = kind
        if status in STATUSES:
            defaults["status"] = status
        marks = ",;" if version == "2.1" else ","
        tags = [unescape(tag).strip().lower() for _, text in values.get("CATEGORIES")
                for tag in split_list(text, marks) if unescape(tag).strip()]
        if tags:
            fields["focus"] = list(dict.fromkeys(tags))
    # An address book is often older than the panel: a card only fills empty fields.
    return Contact(where=card.where, name=name, fields=fields, defaults=defaults,
                   emails=emails, phones=phones, person_id=int(uid[1]) if uid else None,
                   database=uid[2] if uid else None), values.guessed


class _Values:
    """A card's values, each decoded when it is first used: a value mentornet does not
    use (a second ORG, a NOTE after the first) can't refuse the card however broken."""

    def __init__(self, card: RawCard) -> None:
        self.fallback = card_charset(card)
        self.guessed = False  # whether any text used had to be read as ANSI
        self.props: dict[str, list[Property]] = {}
        for prop in card.properties:
            self.props.setdefault(prop.name, []).append(prop)
        self.texts: dict[int, str] = {}

    def get(self, name: str) -> Iterator[tuple[Property, str]]:
        """(property, text) for each value of a property, decoded as it is reached."""
        for prop in self.props.get(name, []):
            key = id(prop)
            if key not in self.texts:
                self.texts[key], was_guessed = decoded(prop, self.fallback)
                self.guessed = self.guessed or was_guessed
            yield prop, self.texts[key]

    def first(self, name: str) -> str:
        """The first value of a property that is not blank, or ""."""
        return next((text for _, text in self.get(name) if text.strip()), "")


def _preferred(found: list[tuple[Property, str]]) -> list[tuple[Property, str]]:
    """Values marked preferred first (TYPE=pref in 2.1 and 3.0, PREF=1 in 4.0)."""
    return sorted(found, key=lambda item: 0 if item[0].preferred else 1)


def _listed(found: list[tuple[Property, str]], *, prefix: str) -> tuple[str, ...]:
    """Each distinct address or number, preferred first, without a mailto:/tel: prefix."""
    out: dict[str, None] = {}
    for _, text in _preferred(found):
        value = " ".join(unescape(text).split())
        if value.lower().startswith(prefix):
            value = value[len(prefix):].strip()
        if value:
            out[value] = None
    return tuple(out)
