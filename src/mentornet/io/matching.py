"""Recognising people: by id, email, phone, profile link, then exact name.

One index serves every import (CSV, LinkedIn, vCard and JSON), so that a person is
recognised the same way whatever the file. Namesakes stay apart: a record whose name
matches but whose email or profile link differs is someone else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mentornet.domain.names import clean_name as clean_name  # the store's, re-exported
from mentornet.domain.names import fold
from mentornet.domain.records import Person


def name_key(name: str) -> str:
    """Names are the same person's when they fold alike (case, accents, width)."""
    return fold(name)


_SCHEME = re.compile(r"^[a-z]+://")
_QUERY = re.compile(r"[?#]")


def link_key(link: str) -> str:
    """A profile link without scheme, www, query or trailing slash, in lower case."""
    text = _SCHEME.sub("", link.strip().lower())
    if text.startswith("www."):
        text = text[4:]
    return _QUERY.split(text, maxsplit=1)[0].rstrip("/")


def phone_key(phone: str) -> str:
    """A phone number's digits: "+1 (555) 010-0100" and "1 555 0100100" are one number."""
    digits = "".join(char for char in phone if char.isdigit())
    return digits if len(digits) >= 7 else ""  # shorter: an extension, tells nobody apart


class PeopleIndex:
    """Find a person by id, email, phone, link or exact name (case and spacing aside)."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.ids: set[int] = set()
        self.by_email: dict[str, list[int]] = {}
        self.by_phone: dict[str, list[int]] = {}
        self.by_link: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.known: dict[int, tuple[set[str], set[str]]] = {}  # key: (emails, links)
        for person in people:
            self.ids.add(person.id)
            self.add(person.id, name=person.name, emails=[person.email or ""],
                     link=person.link, phones=[person.phone or ""])

    def add(self, key: int, *, name: str, emails: Iterable[str], link: str | None,
            phones: Iterable[str] = ()) -> None:
        emails_known, links_known = self.known.setdefault(key, (set(), set()))
        for email in emails:
            address = email.strip().casefold()
            if address:
                _push(self.by_email, address, key)
                emails_known.add(address)
        for phone in phones:
            digits = phone_key(phone)
            if digits:
                _push(self.by_phone, digits, key)
        profile = link_key(link) if link else ""
        if profile:
            _push(self.by_link, profile, key)
            links_known.add(profile)
        _push(self.by_name, name_key(name), key)

    def namesake(self, key: int, *, emails: set[str], link: str) -> bool:
        """Whether a record of the same name is someone else: its email or link differs.

        `emails` are the record's addresses in lower case, `link` its link_key.
        """
        emails_known, links_known = self.known.get(key, _NOTHING)
        if emails and emails_known and emails.isdisjoint(emails_known):
            return True
        return bool(link and links_known and link not in links_known)

    def match(self, *, person_id: int | None, emails: Iterable[str], link: str | None,
              name: str, by_name: bool = True, taken: set[int] | None = None,
              phones: Iterable[str] = ()) -> tuple[int | None, str | None, int]:
        """(key, how, how many share the name): key None when nothing matches.

        A name matches when one person has it; with `taken` (the people other records of
        the same file already matched), the first of several who is not taken yet. People
        of the same name whose email or profile link differs are namesakes, not a match.
        """
        if person_id is not None and person_id in self.ids:
            return person_id, "id", 0
        addresses = {email.strip().casefold() for email in emails if email.strip()}
        for email in addresses:
            found = self.by_email.get(email)
            if found:
                return found[0], "email", 0
        for phone in phones:
            digits = phone_key(phone)
            found = self.by_phone.get(digits) if digits else None
            if found:
                return found[0], "phone", 0
        profile = link_key(link) if link else ""
        if profile and self.by_link.get(profile):
            return self.by_link[profile][0], "link", 0
        named = self.by_name.get(name_key(name), []) if by_name else []
        named = [key for key in named
                 if not self.namesake(key, emails=addresses, link=profile)]
        if taken is not None:
            free = [key for key in named if key not in taken]
            return (free[0], "name", len(named)) if free else (None, None, len(named))
        if len(named) == 1:
            return named[0], "name", 1
        return None, None, len(named)


_NOTHING: tuple[set[str], set[str]] = (set(), set())


def _push(index: dict[str, list[int]], key: str, value: int) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


