"""vCards (3.0 and 4.0) in and out, read and written with the vobject library.

Phones and mail apps write vCards with many quirks: folded lines, `item1.EMAIL` groups with
`X-ABLabel` labels (Apple), `https\\://` escaped colons (Google), quoted-printable 2.1 cards
(older Android), huge base64 photos. Each card is cut out of the file first, so a broken
card is reported by its number and line, and photos (never imported) are dropped unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentornet.io.plan import Contact, Problem, Problems, decode_text
from mentornet.vocab import KINDS, STATUSES

if TYPE_CHECKING:
    from mentornet.store.reads import Reads

UID_PATTERN = re.compile(r"mentornet-person-(\d+)@(.+)")
_BINARY = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)


# Export -----------------------------------------------------------------------------------

def export_vcards(store: Reads, *, version: str = "3.0") -> str:
    """One card per person, ordered by id, with a UID that stays the same across exports."""
    import vobject

    identity = store.identity()
    cards = []
    for person in sorted(store.people(), key=lambda p: p.id):
        card = vobject.vCard()
        card.add("version").value = version
        uid = card.add("uid")
        uid.value = f"mentornet-person-{person.id}@{identity}"
        if version == "4.0":
            uid.params["VALUE"] = ["text"]
        card.add("fn").value = person.name
        given, _, family = person.name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family if given else "",
                                                 given=given or person.name)
        if person.email:
            email = card.add("email")
            email.value = person.email
            if version == "3.0":
                email.params["TYPE"] = ["INTERNET"]
        if person.org:
            card.add("org").value = [person.org]
        if person.role:
            card.add("title").value = person.role
        if person.link:
            card.add("url").value = person.link
        if person.notes:
            card.add("note").value = person.notes
        if person.focus:
            card.add("categories").value = list(person.focus)
        card.add("x-mentornet-kind").value = person.kind
        card.add("x-mentornet-status").value = person.status
        cards.append(card.serialize())
    return "".join(cards)


# Import -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Card:
    """One card cut out of a file: its text, and the file's line number of each of its lines."""

    number: int
    text: str
    lines: tuple[int, ...]

    @property
    def where(self) -> str:
        return f"card {self.number} at line {self.lines[0]}"


def split_cards(text: str, source: str) -> list[Card]:
    """Each BEGIN:VCARD ... END:VCARD block, photos and other binary data left out."""
    problems = Problems(source)
    cards: list[Card] = []
    current: list[str] | None = None
    numbers: list[int] = []
    start = 0
    skipping = False
    for number, line in enumerate(text.splitlines(), start=1):
        if current is None:
            if _BEGIN.match(line):
                current, numbers, start, skipping = [line], [number], number, False
            elif line.strip():
                problems.add(f"line {number}", "text outside a BEGIN:VCARD … END:VCARD card")
                if problems.count >= 3:
                    break
            continue
        if _BEGIN.match(line):
            problems.add(f"card {len(cards) + 1} at line {start}",
                         f"the card is not closed (no END:VCARD before line {number})")
            current, numbers, start = [line], [number], number
            continue
        if skipping and (line[:1] in (" ", "\t") or not line.strip()):
            continue  # the rest of a photo's base64 data
        skipping = bool(_BINARY.match(line))
        if skipping:
            continue
        current.append(line)
        numbers.append(number)
        if _END.match(line):
            cards.append(Card(number=len(cards) + 1, text="\r\n".join(current) + "\r\n",
                              lines=tuple(numbers)))
            current = None
    if current is not None:
        problems.add(f"card {len(cards) + 1} at line {start}",
                     "the card is cut short: the file ends before its END:VCARD")
    if not cards and not problems.found:
        problems.add("file", "no vCard in the file (no BEGIN:VCARD line)")
    problems.raise_if_any()
    return cards


def parse_vcards(data: bytes, source: str) -> tuple[list[Contact], list[Problem]]:
    """People from vCards: name, emails, organisation, title, link and note."""
    import vobject

    text = decode_text(data, source)
    problems = Problems(source)
    contacts: list[Contact] = []
    skipped: list[Problem] = []
    for card in split_cards(text, source):
        where = card.where
        try:
            contact = _contact(vobject.readOne(card.text, allowQP=True), where)
        except Exception as exc:  # vobject raises many kinds of errors on broken cards
            problems.add(*_reason(exc, card))
            continue
        if contact is None:
            skipped.append(Problem(where, "no name (FN or N)"))
        else:
            contacts.append(contact)
    problems.raise_if_any()
    return contacts, skipped


def _reason(exc: Exception, card: Card) -> tuple[str, str]:
    """Where in the file and what went wrong, without quoting the card's text (notes)."""
    at = getattr(exc, "lineNumber", None)
    where = card.where
    if isinstance(at, int) and card.lines:
        where = f"card {card.number}, line {card.lines[min(max(at, 1), len(card.lines)) - 1]}"
    message = str(getattr(exc, "msg", "") or exc)
    if message.startswith("Failed to parse line"):
        return where, "not a vCard property (NAME:value); is a long line folded wrongly?"
    if "closed" in message:
        return where, "the card's BEGIN and END don't match"
    if isinstance(exc, ValueError) and message.startswith("a V"):
        return where, message  # our own: another kind of component
    return where, f"a value can't be decoded ({type(exc).__name__})"


def _values(card: Any, name: str) -> list[Any]:
    return [line for line in card.getChildren() if line.name == name.upper()]


def _text(card: Any, name: str) -> str:
    for line in _values(card, name):
        value = line.value
        if isinstance(value, list):
            value = next((part for part in value if isinstance(part, str) and part.strip()), "")
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _preferred(lines: list[Any]) -> list[Any]:
    """Lines marked preferred first (TYPE=pref in 3.0, PREF=1 in 4.0)."""
    def rank(line: Any) -> int:
        types = [str(t).lower() for t in line.params.get("TYPE", [])]
        return 0 if "pref" in types or line.params.get("PREF") else 1
    return sorted(lines, key=rank)


def _unescape(value: str) -> str:
    """Backslash escapes some apps put in URLs (Google writes https\\://)."""
    return re.sub(r"\\(.)", r"\1", value)


def _contact(card: Any, where: str) -> Contact | None:
    if card.name != "VCARD":
        raise ValueError(f"a {card.name} component, not a vCard")
    name = " ".join(_text(card, "FN").split())
    if not name:
        for line in _values(card, "N"):
            parts = line.value
            pieces = [getattr(parts, key, "") for key in ("prefix", "given", "additional",
                                                           "family", "suffix")]
            name = " ".join(" ".join(p if isinstance(p, str) else " ".join(p)
                                     for p in pieces).split())
    if not name:
        return None
    emails = tuple(dict.fromkeys(
        " ".join(str(line.value).split()) for line in _preferred(_values(card, "EMAIL"))
        if str(line.value).strip()))
    fields: dict[str, Any] = {}
    if emails:
        fields["email"] = emails[0]
    org = " ".join(_text(card, "ORG").split())
    if org:
        fields["org"] = org
    role = " ".join((_text(card, "TITLE") or _text(card, "ROLE")).split())
    if role:
        fields["role"] = role
    links = [_unescape(str(line.value).strip())
             for line in _preferred(_values(card, "URL") + _values(card, "X-SOCIALPROFILE"))
             if str(line.value).strip()]
    if links:
        fields["link"] = next((link for link in links if "linkedin.com" in link.lower()),
                              links[0])
    note = _text(card, "NOTE")
    if note.strip():
        fields["notes"] = note
    uid = UID_PATTERN.fullmatch(_text(card, "UID").strip())
    defaults: dict[str, Any] = {"kind": "prospect"}
    if uid:  # a card mentornet wrote: its kind, status and focus come back too
        kind, status = _text(card, "X-MENTORNET-KIND"), _text(card, "X-MENTORNET-STATUS")
        if kind in KINDS:
            defaults["kind"] = kind
        if status in STATUSES:
            defaults["status"] = status
        tags = [str(tag).strip().lower() for line in _values(card, "CATEGORIES")
                for tag in (line.value if isinstance(line.value, list) else [line.value])
                if str(tag).strip()]
        if tags:
            fields["focus"] = list(dict.fromkeys(tags))
    # An address book is often older than the panel: a card only fills empty fields.
    return Contact(where=where, name=name, fields=fields, defaults=defaults,
                   emails=emails, person_id=int(uid[1]) if uid else None,
                   database=uid[2] if uid else None)
