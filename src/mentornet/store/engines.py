"""What the store asks of its engine, answered by SQLite's side or PostgreSQL's.

The store's reads, writes and undo are one code, in the SQL both engines speak. The few
things each engine does its own way are asked here, by the connection at hand: taking
the write lock, the columns and tables the journal covers, how a row is named (SQLite's
rowid, PostgreSQL's id), the panel query behind `due`, and names in other scripts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from mentornet.store.postgres.adapter import is_server


def take_write_lock(conn: Any) -> None:
    """Begin a write transaction holding the write lock from its start."""
    if is_server(conn):
        from mentornet.store.postgres.connection import take_write_lock as lock
    else:
        from mentornet.store.sqlite.connection import take_write_lock as lock
    lock(conn)


@contextlib.contextmanager
def immediate(conn: Any) -> Iterator[Any]:
    """A write transaction that holds the write lock from its start; rolled back on error."""
    take_write_lock(conn)
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def columns(conn: Any, table: str) -> list[str]:
    """The columns of `table` a journal entry holds, in order (a row's key aside)."""
    if is_server(conn):
        from mentornet.store.postgres.schema import ROWID

        # From pg_catalog: information_schema's view took 25 ms as a session's first
        # query and 2-3 ms a table after it (a backup or copy asks for every table).
        return [name for (name,) in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(quote_ident(?)) "
            "AND attnum > 0 AND NOT attisdropped ORDER BY attnum", (table,))
            if name != ROWID]
    from mentornet.store.sqlite.journal import columns as sqlite_columns

    return sqlite_columns(conn, table)


def journaled_tables(conn: Any) -> list[str]:
    """Every table of the user's data."""
    if is_server(conn):
        from mentornet.store.postgres.schema import journaled_tables as server_tables

        return server_tables()
    from mentornet.store.sqlite.journal import journaled_tables as sqlite_tables

    return sqlite_tables(conn)


def row_key(conn: Any, table: str) -> str:
    """The column the journal names a row of `table` by."""
    if is_server(conn):
        from mentornet.store.postgres.schema import key

        return key(table)
    return "rowid"


def foreign_keys(conn: Any, table: str) -> list[tuple[str, str]]:
    """(column, table it points at) of each foreign key of `table`."""
    if is_server(conn):
        from mentornet.store.postgres.schema import reference

        conn = reference()
    return [(str(row[3]), str(row[2]))
            for row in conn.execute(f"PRAGMA foreign_key_list({quote_name(table)})")]


def like_any_case(column: str, conn: Any) -> str:
    """An SQL condition: `column` matches the pattern given as `?` (`\\` escapes), ASCII
    letters in either case: SQLite's LIKE, PostgreSQL's ILIKE (its LIKE tells case apart)."""
    return f"{column} {'ILIKE' if is_server(conn) else 'LIKE'} ? ESCAPE '\\'"


def beyond_ascii(column: str, conn: Any) -> str:
    """An SQL condition: `column` holds a character outside printable ASCII."""
    if is_server(conn):
        return f"{column} ~ '[^ -~]'"
    return f"{column} GLOB '*[^ -~]*'"


def typed_integer(column: str, conn: Any) -> str:
    """An SQL condition: `column` holds an integer (PostgreSQL's columns are typed)."""
    if is_server(conn):
        return f"{column} IS NOT NULL"
    return f"typeof({column}) = 'integer'"


def quote_name(name: str) -> str:
    """An SQL identifier for `name`, whatever it holds."""
    return '"' + name.replace('"', '""') + '"'
