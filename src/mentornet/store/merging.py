"""Merging two records of one person: every row that points at the other moves to the kept
one, which takes the other's fields where its own are empty (domain/merging.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from mentornet.errors import BadInput
from mentornet.store.engines import columns as table_columns
from mentornet.store.engines import foreign_keys, journaled_tables, quote_name
from mentornet.store.schema import TABLES

if TYPE_CHECKING:
    from mentornet.domain.merging import Merged
    from mentornet.domain.records import Person


class Merge(NamedTuple):
    keep: Person
    other: Person
    merged: Merged
    moved: dict[str, int]  # rows moved, by table
    twins: list[int]  # OTHER's touch-bases of a conversation KEEP has too: dropped, not moved


def person_columns(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every (table, column) that holds a person's id: the foreign keys to person, and
    any column named person_id (a table may keep one without a foreign key)."""
    found: list[tuple[str, str]] = []
    for table in journaled_tables(conn):
        if table == "person":
            continue
        columns = {column for column, target in foreign_keys(conn, table)
                   if target == "person"}
        columns |= {column for column in table_columns(conn, table) if column == "person_id"}
        found += [(table, column) for column in sorted(columns)]
    return found


def _not_twice(table: str, column: str) -> str:
    """The condition that moving a row's `column` to the kept person breaks no unique key
    of `table` (a goal both were linked to, a synced item both were matched to); such a
    row is left, then deleted with the other person."""
    from mentornet.store.postgres.schema import unique_keys

    clashes = [" AND ".join(f"x.{quote_name(c)} = {quote_name(table)}.{quote_name(c)}"
                            for c in key if c != column) or "1 = 1"
               for key in unique_keys(table) if column in key]
    if not clashes:
        return "AND ? IS NOT NULL"  # the kept id, unused: one statement shape for all
    return " ".join(f"AND NOT EXISTS (SELECT 1 FROM {quote_name(table)} AS x WHERE "
                    f"x.{quote_name(column)} = ? AND {clash})" for clash in clashes[:1])


def plan_merge(conn: sqlite3.Connection, keep: Person, other: Person) -> Merge:
    """What merging `other` into `keep` would do; writes nothing."""
    from mentornet.domain.merging import merged

    if keep.id == other.id:
        raise BadInput(f"{keep.name!r} (#{keep.id}) is the same person twice: give two "
                       "different people, the one to keep first")
    moved: dict[str, int] = {}
    twins = _twins(conn, keep.id, other.id)
    for table, column in person_columns(conn):
        count, = conn.execute(f"SELECT count(*) FROM {quote_name(table)} "
                              f"WHERE {quote_name(column)} = ?", (other.id,)).fetchone()
        if count:
            moved[table] = moved.get(table, 0) + count
    if twins:
        moved["touchbase"] -= len(twins)
        if not moved["touchbase"]:
            del moved["touchbase"]
    return Merge(keep=keep, other=other, merged=merged(keep, other), moved=moved, twins=twins)


def _twins(conn: sqlite3.Connection, keep: int, other: int) -> list[int]:
    """OTHER's touch-bases that are one of KEEP's conversations seen twice: the same group
    touch-base (`log "A, B"` with both records), or the same event or message a sync found
    for each record's address. Moved over, they would count the conversation twice."""
    grouped = conn.execute(
        "SELECT o.id FROM touchbase o JOIN touchbase k ON k.group_id = o.group_id "
        "WHERE o.person_id = ? AND k.person_id = ?", (other, keep))
    synced = conn.execute(
        "SELECT o.touchbase_id FROM sync_item o JOIN sync_item k "
        "ON k.source = o.source AND k.item = o.item "
        "WHERE o.person_id = ? AND k.person_id = ? AND o.touchbase_id IS NOT NULL "
        "AND k.touchbase_id IS NOT NULL AND o.touchbase_id <> k.touchbase_id", (other, keep))
    return sorted({row[0] for row in (*grouped, *synced)})


class Merging:
    """`merge_people`, mixed into `Change`."""

    _conn: sqlite3.Connection

    if TYPE_CHECKING:
        def edit_person(self, person_id: int, **changes: Any) -> None: ...
        def insert(self, table: str, values: Mapping[str, Any]) -> int: ...
        def add_email(self, person_id: int, email: str) -> bool: ...
        now: Any

    def merge_people(self, keep: Person, other: Person) -> Merge:
        """Merge `other` into `keep` and remove `other`; returns what was done."""
        plan = plan_merge(self._conn, keep, other)
        for twin in plan.twins:
            self._conn.execute("DELETE FROM touchbase WHERE id = ?", (twin,))
        for table, column in person_columns(self._conn):
            table_, column_ = quote_name(table), quote_name(column)
            # A link the kept person already has (the same goal, say) is not made twice.
            self._conn.execute(f"UPDATE {table_} SET {column_} = ? WHERE {column_} = ? "
                               + _not_twice(table, column), (keep.id, other.id, keep.id))
            self._conn.execute(f"DELETE FROM {table_} WHERE {column_} = ?", (other.id,))
        changes = dict(plan.merged.changes)
        emails = list(plan.merged.emails)
        if emails and "person_email" not in TABLES:
            # Where a person has one email, the other's is kept in the notes.
            line = "Email also: " + ", ".join(emails) + "."
            changes["notes"] = "\n\n".join(n for n in (changes.get("notes", keep.notes), line)
                                           if n)
            emails = []
        from mentornet.store.addresses import repeated

        for row_id in repeated(self._conn, keep.id):  # an address both had, moved over
            self._conn.execute("DELETE FROM person_email WHERE id = ?", (row_id,))
        for address in emails:  # once each, whatever the kept person already has
            self.add_email(keep.id, address)
        self._conn.execute("DELETE FROM person WHERE id = ?", (other.id,))
        if changes:
            self.edit_person(keep.id, **changes)
        return plan
