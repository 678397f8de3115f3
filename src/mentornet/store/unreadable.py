"""Stored values no read can use: dates outside 1900-01-01..2199-12-31 or not dates at all,
lists that are not lists of text, cadences that are not numbers of days, and text columns
holding numbers or bytes.

Another program, or a mentornet from before the limits of dates.py, may have written them.
The reads of queries.py leave the dates, lists and cadences out and show such text as it
is; `doctor` names each, and `show` and the JSON export
show them as they are stored.
"""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple

from mentornet.store.values import _count, _date, _tag_list

# The columns holding dates and lists, by table, and what a row of each is called; the
# person a row is about, for `show`.
DATE_COLUMNS = {
    "person": ("met_on", "snoozed_until", "next_session"),
    "touchbase": ("happened_on",), "favour": ("happened_on",),
    "parked_item": ("parked_on", "discussed_on"),
    "followup": ("created_on", "due", "done_on"),
    "goal": ("created_on", "target", "closed_on"), "goal_progress": ("noted_on",),
}
LIST_COLUMNS = {"person": ("focus",), "touchbase": ("topics",), "goal": ("focus",)}
COUNT_COLUMNS = {"person": ("cadence_days",)}
ROW_NAMES = {"person": "person", "touchbase": "touch-base", "favour": "favour",
             "parked_item": "parked item", "followup": "follow-up", "goal": "goal",
             "goal_progress": "progress note"}
_ABOUT = {"person": "id", "touchbase": "person_id", "favour": "person_id",
          "parked_item": "person_id", "followup": "person_id", "goal": "NULL",
          "goal_progress": "NULL"}

class Unreadable(NamedTuple):
    """A stored value no read can use: not a date from 1900-01-01 to 2199-12-31, not a
    JSON list of text, not a number of days, or not text in a text column. It is shown as
    stored."""

    table: str
    row_id: int
    column: str
    value: object
    person_id: int | None

    def __str__(self) -> str:
        shown = self.value.decode("utf-8", "replace") if isinstance(self.value, bytes) \
            else self.value
        if isinstance(shown, str) and len(shown) > 40:  # enough to find it, not a whole note
            shown = shown[:40] + "…"
        return f"{ROW_NAMES[self.table]} #{self.row_id}: {self.column} is {shown!r}"

def unreadable(conn: sqlite3.Connection, person_id: int | None = None) -> list[Unreadable]:
    """Every stored date, list and cadence that reads leave out (see `_date`), and every
    text column holding a number, bytes or text that is not UTF-8, by table and id; only
    those about `person_id` when given. One query a table."""
    found = []
    for table in DATE_COLUMNS:
        checks: list[tuple[str, Any]] = [(column, _date) for column in DATE_COLUMNS[table]]
        checks += [(column, _tag_list) for column in LIST_COLUMNS.get(table, ())]
        checks += [(column, _count) for column in COUNT_COLUMNS.get(table, ())]
        about = _ABOUT[table]
        if person_id is not None and about == "NULL":
            continue
        where = f"WHERE {about} = {int(person_id)}" if person_id is not None else ""
        # Text is read as bytes here, since the reads show such text with the bad bytes
        # replaced: typeof() tells a number or bytes from text.
        texts = _text_columns(conn, table)
        picked = [column for column, _ in checks] + [
            f"typeof({column}), CASE typeof({column}) WHEN 'text' THEN CAST({column} AS BLOB) "
            f"ELSE {column} END" for column in texts]
        first_text = 2 + len(checks)
        for row in conn.execute(f"SELECT id, {about}, {', '.join(picked)} FROM {table} "
                                f"{where} ORDER BY id"):
            for (column, read), value in zip(checks, row[2:first_text], strict=True):
                if value is not None and read(value) is None:
                    found.append(Unreadable(table, row[0], column, value, row[1]))
            typed = row[first_text:]  # each text column's type, then its value
            for column, kind, raw in zip(texts, typed[::2], typed[1::2], strict=True):
                if kind != "null" and not (kind == "text" and _is_utf8(raw)):
                    found.append(Unreadable(table, row[0], column, raw, row[1]))
    return sorted(found, key=lambda value: (list(DATE_COLUMNS).index(value.table),
                                            value.row_id))


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _text_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns models.py declares as text (VARCHAR), read off the file's own schema;
    none on PostgreSQL, whose text is always UTF-8 and whose numbers are typed."""
    from mentornet.store.postgres.adapter import is_server

    if is_server(conn):
        return []
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
            if str(row[2]).upper() == "VARCHAR"]
