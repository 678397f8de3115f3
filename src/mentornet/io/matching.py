"""Recognising people: by id, email, phone, profile link, then exact name.

One index serves every import (CSV, LinkedIn, vCard and JSON), so that a person is
recognised the same way whatever the file. Namesakes stay apart: a record whose name
matches but whose email or profile link differs is someone else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

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
    text = link.strip().lower()
    if "://" in text:
        text = _SCHEME.sub("", text)
    if text.startswith("www."):
        text = text[4:]
    if "?" in text or "#" in text:
        text = _QUERY.split(text, maxsplit=1)[0]
    return text.rstrip("/")


def phone_key(phone: str) -> str:
    """A phone number's digits: "+1 (555) 010-0100" and "1 555 0100100" are one number."""
    digits = "".join(char for char in phone if char.isdigit())
    return digits if len(digits) >= 7 else ""  # shorter: an extension, tells nobody apart


class Keys(NamedTuple):
    """What a record is recognised by, worked out once: addresses in lower case, phone
    digits, its link_key and its name_key."""

    emails: frozenset[str]
    phones: tuple[str, ...]
    link: str
    name: str


def keys_of(*, name: str, emails: Iterable[str], link: str | None,
            phones: Iterable[str] = ()) -> Keys:
    addresses = frozenset(address for address in (e.strip().casefold() for e in emails)
                          if address) if emails else _NO_EMAILS
    digits = tuple(found for found in map(phone_key, phones) if found) if phones else ()
    return Keys(addresses, digits, link_key(link) if link else "", name_key(name))


_NO_EMAILS: frozenset[str] = frozenset()


class PeopleIndex:
    """Find a person by id, email, phone, link or exact name (case and spacing aside).

    Each way is a dictionary from the key to the people who have it, so matching a file of
    thousands against a panel of thousands takes a few look-ups per record, not a scan.
    For names, the people of a name who have no email (or no link) yet are kept apart
    too: a record that reaches the name with an email no one has can only be someone of
    that name without one (anyone else is a namesake), and likewise for links.
    """

    def __init__(self, people: Iterable[Person],
                 emails: Mapping[int, Iterable[str]] | None = None) -> None:
        """`emails`: every address of each person (store.emails()); else the main one."""
        self.ids: set[int] = set()
        self.by_email: dict[str, list[int]] = {}
        self.by_phone: dict[str, list[int]] = {}
        self.by_link: dict[str, list[int]] = {}
        self.by_name: dict[str, dict[int, None]] = {}
        self.no_email: dict[str, dict[int, None]] = {}  # name: its people without an email
        self.no_link: dict[str, dict[int, None]] = {}  # name: its people without a link
        self.known: dict[int, tuple[set[str], set[str], set[str]]] = {}  # emails, links, names
        for person in people:
            self.ids.add(person.id)
            addresses = emails.get(person.id, ()) if emails is not None else ()
            self.add(person.id, name=person.name, emails=[person.email or "", *addresses],
                     link=person.link, phones=[person.phone or ""])

    def add(self, key: int, *, name: str, emails: Iterable[str], link: str | None,
            phones: Iterable[str] = ()) -> None:
        self.add_keys(key, keys_of(name=name, emails=emails, link=link, phones=phones))

    def add_keys(self, key: int, keys: Keys) -> None:
        known = self.known.get(key)
        if known is None:
            known = self.known[key] = (set(), set(), set())
        emails_known, links_known, names = known
        for address in keys.emails:
            _push(self.by_email, address, key)
        for digits in keys.phones:
            _push(self.by_phone, digits, key)
        if keys.link:
            _push(self.by_link, keys.link, key)
        if keys.emails and not emails_known:
            for other in names:
                self.no_email[other].pop(key, None)
        emails_known.update(keys.emails)
        if keys.link and not links_known:
            for other in names:
                self.no_link[other].pop(key, None)
        if keys.link:
            links_known.add(keys.link)
        if keys.name not in names:
            names.add(keys.name)
            self.by_name.setdefault(keys.name, {})[key] = None
            if not emails_known:
                self.no_email.setdefault(keys.name, {})[key] = None
            if not links_known:
                self.no_link.setdefault(keys.name, {})[key] = None

    def match(self, *, person_id: int | None, emails: Iterable[str], link: str | None,
              name: str, by_name: bool = True, taken: set[int] | None = None,
              phones: Iterable[str] = ()) -> tuple[int | None, str | None, int]:
        """(key, how, how many share the name): key None when nothing matches.

        A name matches when one person has it; with `taken` (the people other records of
        the same file already matched), the first of several who is not taken yet. People
        of the same name whose email or profile link differs are namesakes, not a match.
        """
        return self.match_keys(keys_of(name=name, emails=emails, link=link, phones=phones),
                               person_id=person_id, by_name=by_name, taken=taken)

    def match_keys(self, keys: Keys, *, person_id: int | None = None, by_name: bool = True,
                   taken: set[int] | None = None) -> tuple[int | None, str | None, int]:
        """`match` for keys worked out already (see keys_of)."""
        if person_id is not None and person_id in self.ids:
            return person_id, "id", 0
        for address in keys.emails:
            found = self.by_email.get(address)
            if found:
                return _first(found, taken), "email", 0
        for digits in keys.phones:
            found = self.by_phone.get(digits)
            if found:
                return _first(found, taken), "phone", 0
        if keys.link:
            found = self.by_link.get(keys.link)
            if found:
                return _first(found, taken), "link", 0
        named = self._same_name(keys) if by_name else _NOBODY
        if taken is not None:
            free = [key for key in named if key not in taken]
            return (free[0], "name", len(named)) if free else (None, None, len(named))
        if len(named) == 1:
            return named[0], "name", 1
        return None, None, len(named)

    def _same_name(self, keys: Keys) -> list[int]:
        """The people of the record's name who are not namesakes of it, in the order they
        came. Its emails and link matched nobody: whoever has an email (or a link) is
        someone else, when the record has one too."""
        if keys.emails and keys.link:  # both dictionaries keep the order people came in
            one, other = sorted((self.no_email.get(keys.name, _NO_ONE),
                                 self.no_link.get(keys.name, _NO_ONE)), key=len)
            return [key for key in one if key in other] if one else []
        if keys.emails:
            return list(self.no_email.get(keys.name, _NO_ONE))
        if keys.link:
            return list(self.no_link.get(keys.name, _NO_ONE))
        return list(self.by_name.get(keys.name, _NO_ONE))


def _first(found: list[int], taken: set[int] | None) -> int:
    """The first of the people an address, phone or link points at whom no other record of
    the file matched already, else the first: two records of one address in a file pair
    up with two people of it, in order, so that importing the file again matches each
    record to the same person."""
    for key in found:
        if taken is None or key not in taken:
            return key
    return found[0]


_NO_ONE: dict[int, None] = {}
_NOBODY: list[int] = []


def _push(index: dict[str, list[int]], key: str, value: int) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


