"""People's email addresses: the main one (person.email) and the others (person_email)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from mentornet.errors import NotFound
from mentornet.store.change_part import ChangePart


def address_key(email: str) -> str:
    """An address as compared: "Dana@Acme.example " is dana@acme.example."""
    return email.strip().casefold()


def emails(conn: sqlite3.Connection, person_ids: Iterable[int] | None = None
           ) -> dict[int, tuple[str, ...]]:
    """Every address of each person (of these people), the main one first, then the
    others in the order they were added; people with none are left out."""
    where = ""
    if person_ids is not None:
        where = " AND id IN (" + ",".join(str(int(i)) for i in person_ids) + ")"
    found: dict[int, list[str]] = {}
    for person_id, email in conn.execute(
            f"SELECT id, email FROM person WHERE email IS NOT NULL{where}"):
        if isinstance(email, str) and email.strip():
            found.setdefault(person_id, []).append(email)
    extra = where.replace("AND id", "AND person_id")
    for person_id, email in conn.execute(
            f"SELECT person_id, email FROM person_email WHERE 1=1{extra} ORDER BY id"):
        if isinstance(email, str) and email.strip():
            found.setdefault(person_id, []).append(email)
    return {pid: tuple(dict.fromkeys(addresses)) for pid, addresses in found.items()}


def owners_of(conn: sqlite3.Connection) -> dict[str, list[int]]:
    """Who has each address (compared as `address_key`): every person holding it."""
    by_address: dict[str, list[int]] = {}
    for person_id, addresses in emails(conn).items():
        for address in addresses:
            holders = by_address.setdefault(address_key(address), [])
            if person_id not in holders:
                holders.append(person_id)
    return by_address


def repeated(conn: sqlite3.Connection, person_id: int) -> list[int]:
    """The ids of a person's other addresses that repeat their main one or an earlier one
    (case aside), as a merge leaves them."""
    main = conn.execute("SELECT email FROM person WHERE id = ?", (person_id,)).fetchone()
    seen = {address_key(main[0])} if main and isinstance(main[0], str) else set()
    found = []
    for row_id, email in conn.execute("SELECT id, email FROM person_email WHERE person_id = ? "
                                      "ORDER BY id", (person_id,)):
        key = address_key(email) if isinstance(email, str) else ""
        if key in seen:
            found.append(int(row_id))
        seen.add(key)
    return found


class AddressWrites(ChangePart):
    """Adding and taking away a person's addresses, mixed into `Change` (writes.py)."""

    def add_email(self, person_id: int, email: str) -> bool:
        """Give a person another email address: the main one if they have none. False
        when they already have it (case aside)."""
        email = email.strip()
        have = emails(self._conn, [person_id]).get(person_id, ())
        if address_key(email) in {address_key(a) for a in have}:
            return False
        main = self.value("person", person_id, "email", what="person")
        if not (isinstance(main, str) and main.strip()):
            self.fill("person", person_id, {"email": email, "updated_at": self.now},
                      what="person")
        else:
            self.insert("person_email", {"person_id": person_id, "email": email,
                                         "created_at": self.now})
        return True

    def remove_email(self, person_id: int, email: str) -> None:
        """Take an address from a person; when it was the main one, their next address
        (if any) becomes the main one. NotFound when they do not have it."""
        key = address_key(email)
        main = self.value("person", person_id, "email", what="person")
        others = self._conn.execute("SELECT id, email FROM person_email WHERE person_id = ? "
                                    "ORDER BY id", (person_id,)).fetchall()
        if isinstance(main, str) and address_key(main) == key:
            new_main = others[0][1] if others else None
            if others:
                self._conn.execute("DELETE FROM person_email WHERE id = ?", (others[0][0],))
            self.fill("person", person_id, {"email": new_main, "updated_at": self.now},
                      what="person")
            return
        gone = [row_id for row_id, other in others
                if isinstance(other, str) and address_key(other) == key]
        if not gone:
            raise NotFound(f"they have no email {email.strip()!r}: see `mentornet show NAME` "
                           "for their addresses")
        for row_id in gone:
            self._conn.execute("DELETE FROM person_email WHERE id = ?", (row_id,))
        self.fill("person", person_id, {"updated_at": self.now}, what="person")
