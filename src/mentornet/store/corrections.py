"""Correcting the record: edit or delete one touch-base, favour, parked item or follow-up.

The methods belong to a `Change` (store/writes.py), so each correction is one described,
undoable change like any other write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from mentornet.errors import BadInput, NotFound
from mentornet.store import queries
from mentornet.store.change_part import ChangePart

# What each correctable record is called, the table it lives in, and where its id is shown.
RECORDS = {
    "touch-base": ("touchbase", "`mentornet show NAME` lists the ids of a person's history"),
    "favour": ("favour", "`mentornet show NAME` lists the ids of a person's favours"),
    "parked item": ("parked_item", "`mentornet park list` lists them with their ids"),
    "follow-up": ("followup", "`mentornet todo list --all` lists them with their ids"),
}


def find(conn: sqlite3.Connection, what: str, row_id: int) -> Any:
    """The record `what` (a key of RECORDS) with this id; NotFound saying where ids are."""
    table, where = RECORDS[what]
    if not 0 < row_id < 2 ** 63:  # beyond SQLite's integers no record can have it
        raise NotFound(f"there is no {what} #{row_id}: {where}")
    row = conn.execute(f"SELECT person_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise NotFound(f"there is no {what} #{row_id}: {where}")
    person = row[0]
    if table == "touchbase":
        found: list[Any] = queries.touchbases(conn, [person])
    elif table == "favour":
        found = queries.favours(conn, [person])
    elif table == "followup":
        found = queries.followups(conn, [person])
    else:
        found = [item for item in queries.parked_items(conn, None if person is None else [person])
                 if item.person_id == person]
    for record in found:
        if record.id == row_id:
            return record
    raise BadInput(f"{what} #{row_id} holds a date that can't be read: see `mentornet doctor`")


class Corrections(ChangePart):
    """Edits and deletions of single records, by id (mixed into `Change`)."""

    def edit_record(self, what: str, row_id: int, changes: Mapping[str, Any]) -> None:
        """Set the fields given of one record; a text that must say something stays so."""
        find(self._conn, what, row_id)
        for name in ("description", "text"):
            if name in changes and not str(changes[name]).strip():
                raise BadInput(f"the new text of {what} #{row_id} is empty: say what it is, "
                               f"or delete it")
        table = RECORDS[what][0]
        self.fill(table, row_id, {name: list(value) if name == "topics" else value
                                  for name, value in changes.items()}, what=what)

    def delete_record(self, what: str, row_id: int) -> None:
        """Remove one record (`undo` puts it back)."""
        find(self._conn, what, row_id)
        self._conn.execute(f"DELETE FROM {RECORDS[what][0]} WHERE id = ?", (row_id,))
