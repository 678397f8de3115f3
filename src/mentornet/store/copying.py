"""`mentornet copy --to`: the whole panel, history and journal included, into another store.

Either engine to either: a SQLite file to a PostgreSQL database, and back. Every table is
read inside one snapshot of the source and written inside one transaction of the target,
with the journal's recording off, so the target ends up with the same rows, ids and undo
history, or (on any failure) with nothing. The same copy makes a PostgreSQL panel's
backup (a SQLite file) and restores one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentornet.errors import BadInput, StoreError
from mentornet.store.engines import columns, quote_name, row_key
from mentornet.store.location import Location, ServerURL
from mentornet.store.postgres.adapter import is_server

BATCH = 2_000  # rows read and written at a time
# Written last and in this order: the journal, then whether it records.
JOURNAL_ORDER = ("change_log", "change_step", "change_value", "undo_state")


@dataclass(frozen=True)
class Copied:
    target: Location
    rows: dict[str, int]  # rows copied, by table

    @property
    def people(self) -> int:
        return self.rows.get("person", 0)


def tables_in_order() -> list[str]:
    """Every table a copy carries, each after those its foreign keys point at, the
    journal last."""
    from mentornet.store.postgres.schema import dependency_order

    data = [name for name in dependency_order() if name not in JOURNAL_ORDER]
    return data + list(JOURNAL_ORDER)


def copy_rows(source: Any, target: Any) -> dict[str, int]:
    """Copy every row of `source` into `target`, whose tables are empty but for the rows
    a new database starts with (replaced here). Runs inside the caller's transaction on
    `target`; the caller holds a snapshot of `source`."""
    target.execute("UPDATE undo_state SET recording = 0")
    for table in reversed(tables_in_order()):
        if table != "undo_state":
            target.execute(f"DELETE FROM {quote_name(table)}")
    counts: dict[str, int] = {}
    for table in tables_in_order():
        names = columns(source, table)
        read_key, write_key = row_key(source, table), row_key(target, table)
        carried = list(names)
        select = [quote_name(name) for name in names]
        insert = list(select)
        if "id" not in names:  # the rowid of a table without an id
            select.insert(0, read_key)
            insert.insert(0, write_key)
            carried.insert(0, read_key)
        if table == "undo_state":
            target.execute("DELETE FROM undo_state")
        statement = (f"INSERT INTO {quote_name(table)} ({', '.join(insert)}) "
                     f"VALUES ({', '.join('?' * len(insert))})")
        order = "id" if "id" in names else read_key
        cursor = source.execute(f"SELECT {', '.join(select)} FROM {quote_name(table)} "
                                f"ORDER BY {order}")
        count = 0
        while rows := cursor.fetchmany(BATCH):
            target.executemany(statement, [_portable(row) for row in rows])
            count += len(rows)
        counts[table] = count
    if is_server(target):
        _continue_counters(target)
    else:
        from mentornet.store.search_index import refresh

        refresh(target)  # the search index of the rows just written
    if not counts.get("undo_state"):
        target.execute("INSERT INTO undo_state (id, recording) VALUES (1, 1)")
    return counts


def _portable(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row as either engine keeps it: bytes (only ever stored by another program) as
    text."""
    if not any(type(value) is bytes for value in row):
        return tuple(row)
    return tuple(value.decode("utf-8", "replace") if type(value) is bytes else value
                 for value in row)


def _continue_counters(conn: Any) -> None:
    """PostgreSQL's id counters moved past the ids copied in, so new rows get new ids."""
    from mentornet.store.postgres.connection import continue_counters
    from mentornet.store.postgres.schema import tables

    continue_counters(conn, tables())


def is_empty(conn: Any) -> bool:
    """Whether a store holds no record and no history (a new one, or one just made)."""
    from mentornet.store.sqlite.journal import JOURNAL_TABLES

    for table in tables_in_order():
        if table in JOURNAL_TABLES and table != "change_log":
            continue
        if table == "database_identity":
            continue
        if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {quote_name(table)})").fetchone()[0]:
            return False
    return True


@contextlib.contextmanager
def _source(location: Location) -> Iterator[Any]:
    """The store at `location`, open for reading inside one snapshot."""
    from mentornet.store.api import Store

    store = Store(location)  # not `with`: a failure writing the copy is the target's
    try:
        with store.snapshot():
            yield store._conn
    finally:
        store.close()


def copy_to(source: Location, target: Location) -> Copied:
    """Copy the store at `source` into `target`: an empty PostgreSQL database, or a
    SQLite file that does not exist yet (or holds an empty panel)."""
    if isinstance(target, ServerURL):
        return _to_server(source, target)
    return copy_to_file(source, target)


def _to_server(source: Location, target: ServerURL, *, replace: bool = False,
               then: Callable[[Any], None] | None = None) -> Copied:
    """Copy into the database at `target` (an empty one, unless `replace`), and run
    `then` on it inside the same transaction."""
    from mentornet.store.engines import immediate
    from mentornet.store.postgres.connection import open_server

    conn = open_server(target, write=True)
    try:
        with _source(source) as read, immediate(conn):
            if not replace and not is_empty(conn):
                raise BadInput(f"{target} already holds a panel, so nothing was copied: "
                               "copy into an empty database")
            counts = copy_rows(read, conn)
            if then is not None:
                then(conn)
    finally:
        conn.close()
    return Copied(target, counts)


def copy_to_file(source: Location, target: Path, *, replace: bool = False) -> Copied:
    """Copy the store at `source` into the SQLite file `target`, put in place only whole;
    a file holding a panel is replaced only with `replace` (a backup over an older one)."""
    from mentornet.store.engines import immediate
    from mentornet.store.sqlite.connection import open_db

    if isinstance(source, Path) and source.exists() and target.exists() \
            and os.path.samefile(source, target):
        raise BadInput(f"{str(target)!r} is the database itself: give another file")
    if target.exists() and not replace:
        conn = open_db(target, write=True)
        try:
            empty = is_empty(conn)
        finally:
            conn.close()
        if not empty:
            raise BadInput(f"{str(target)!r} already holds a panel, so nothing was copied: "
                           "give a new file name")
    folder = target.parent
    try:
        from mentornet.files import make_private_folder

        make_private_folder(folder)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".copy",
                                        dir=folder)
        os.close(handle)
        os.unlink(name)
    except OSError as exc:
        raise StoreError(f"can't write {str(target)!r}: {exc.strerror}") from None
    partial = Path(name)
    try:
        conn = open_db(partial, write=True)
        try:
            with _source(source) as read, immediate(conn):
                counts = copy_rows(read, conn)
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise StoreError(f"the copy {str(target)!r} failed its integrity check, so "
                                 "it was not kept: run `mentornet doctor`")
        finally:
            conn.close()
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise StoreError(f"can't write {str(target)!r}: {exc}") from None
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    from mentornet.store.backup import fsync_dir

    fsync_dir(folder)
    return Copied(target, counts)
