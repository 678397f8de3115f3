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
FIRST = -(2 ** 63)  # below every id: `after=FIRST` reads from a table's first row


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

    names = _checked(table, columns if columns is not None else TABLES[table])
    if "id" not in TABLES[table]:  # goal_mentor: a few rows a goal
        cursor = conn.execute(f"SELECT {', '.join(names)} FROM {table} "
                              "ORDER BY goal_id, person_id")
        while chunk := cursor.fetchmany(batch):
            yield from chunk
        return
    # A batch at a time from where the last ended (a seek on the primary key), each read
    # whole, so that the text of a long table is decoded the quick way (see
    # fetch_strict_first) and the connection is free between batches.
    key = names.index("id") if "id" in names else len(names)
    listed = names if "id" in names else [*names, "id"]
    last: int = FIRST
    while chunk := rows_after(conn, table, listed, after=last, size=batch):
        last = chunk[-1][key]
        yield from chunk if key < len(names) else (row[:key] for row in chunk)


def rows_after(conn: sqlite3.Connection, table: str, columns: Iterable[str], *,
               after: int, size: int) -> list[tuple[Any, ...]]:
    """The values of `columns` of the first `size` rows with ids above `after`, by id, as
    stored (a table with ids: not goal_mentor)."""
    from mentornet.store.sqlite.connection import fetch_strict_first

    names = _checked(table, columns)
    return fetch_strict_first(conn, f"SELECT {', '.join(names)} FROM {table} WHERE id > ? "
                              f"ORDER BY id LIMIT {int(size)}", (after,))


def id_after(conn: sqlite3.Connection, table: str, *, after: int, n: int) -> int | None:
    """The id of the `n`-th row after id `after` (the last of the batch `rows_after` would
    read), found along the primary key without reading the rows; None when fewer follow."""
    _checked(table, ["id"])
    found = conn.execute(f"SELECT id FROM {table} WHERE id > ? ORDER BY id "
                         f"LIMIT 1 OFFSET {int(n) - 1}", (after,)).fetchone()
    return None if found is None else int(found[0])


def span(conn: sqlite3.Connection, table: str) -> tuple[int | None, int | None]:
    """A table's lowest and highest ids (None, None when it is empty): two seeks."""
    _checked(table, ["id"])
    low = conn.execute(f"SELECT min(id) FROM {table}").fetchone()[0]
    high = conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
    return low, high


def _checked(table: str, columns: Iterable[str]) -> list[str]:
    """The column names, each one of the table's (a KeyError for a table not ours)."""
    from mentornet.store.schema import TABLES

    names = list(columns)
    unknown = set(names) - set(TABLES[table])
    if unknown:
        raise ValueError(f"{table} has no column {sorted(unknown)[0]!r}")
    return names
