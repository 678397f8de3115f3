"""Tables read as stored, for export, backup and copy: each row's values as the store
keeps them (JSON and dates as text, timestamps as written), not domain records."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

STAMPED = {("person", "created_at"), ("person", "updated_at"), ("touchbase", "created_at"),
           ("favour", "created_at"), ("parked_item", "created_at"),
           ("followup", "created_at"), ("goal", "created_at"),
           ("goal_progress", "created_at")}


def stamps(conn: sqlite3.Connection, table: str, column: str = "created_at"
           ) -> dict[int, Any]:
    """Each row's timestamp as stored, by id (the records leave timestamps out)."""
    if (table, column) not in STAMPED:
        raise ValueError(f"no timestamp {table}.{column}")
    return dict(conn.execute(f"SELECT id, {column} FROM {table}"))


def rows(conn: sqlite3.Connection, table: str, *, columns: Iterable[str] | None = None,
         batch: int = 1000) -> Iterator[tuple[Any, ...]]:
    """Every row of a table, ordered by id, as stored (JSON and dates as text): the values
    of `columns` (default: all, in the table's order), fetched a batch at a time so that
    a long table is never held in memory whole."""
    from mentornet.store.schema import TABLES

    names = list(columns if columns is not None else TABLES[table])
    unknown = set(names) - set(TABLES[table])  # KeyError for a table that is not ours
    if unknown:
        raise ValueError(f"{table} has no column {sorted(unknown)[0]!r}")
    if "id" not in TABLES[table]:  # goal_mentor: a few rows a goal
        cursor = conn.execute(f"SELECT {', '.join(names)} FROM {table} "
                              "ORDER BY goal_id, person_id")
        while chunk := cursor.fetchmany(batch):
            yield from chunk
        return
    from mentornet.store.sqlite.connection import fetch_strict_first

    # A batch at a time from where the last ended (a seek on the primary key), each read
    # whole, so that the text of a long table is decoded the quick way (see
    # fetch_strict_first) and the connection is free between batches.
    key = names.index("id") if "id" in names else len(names)
    listed = ", ".join(names if "id" in names else [*names, "id"])
    sql = f"SELECT {listed} FROM {table} WHERE id > ? ORDER BY id LIMIT {int(batch)}"
    last: object = -(2 ** 63)
    while chunk := fetch_strict_first(conn, sql, (last,)):
        last = chunk[-1][key]
        yield from chunk if key < len(names) else (row[:key] for row in chunk)
