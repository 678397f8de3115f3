"""Undo the newest change, from the change journal kept in the database (store/sqlite/journal.py).

Because the journal lives in the file, `undo` reverses a change whichever process made it.
The journal holds data only (table, rowid, old values); the reversing statements are built
here, from table and column names the schema itself gives, with every stored value passed
as data. A journal entry naming anything else is refused, so a crafted file's journal can
at most put back rows of its own tables. Plain sqlite3 only: undoing needs no SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from mentornet.errors import NotFound, PastRestore, StoreError
from mentornet.store.engines import columns, immediate, journaled_tables, row_key, typed_integer
from mentornet.store.search_index import refresh
from mentornet.store.sqlite.journal import ACTIONS, CHANGE, RESTORE, quote_name


@dataclass(frozen=True)
class Undone:
    description: str  # what the change was, as the command described it ("log dana")
    made_at: str  # when it was made, as stored
    changes_left: int  # how many earlier changes can still be undone


@dataclass(frozen=True)
class RestoreMark:
    """A restore newer than the change `undo` would reverse."""

    description: str  # "restore FILE"
    made_at: str
    kept: str | None  # where the database the restore replaced was kept


def undo_newest(conn: sqlite3.Connection, *, past_restore: int | None = None) -> Undone:
    """Reverse the newest recorded change in one BEGIN IMMEDIATE transaction.

    Its rows are put back newest first with recording off (so undoing is not itself
    journaled), then the change leaves the journal. Raises NotFound when there is nothing
    left to undo. When a restore was made after that change, raises PastRestore, changing
    nothing, unless `past_restore` is that change's id (the user said yes to it). The
    store (store/api.py) opens `conn` for writing, with the day's backup taken, and turns
    SQLite's errors into messages.
    """
    with immediate(conn):
        newest = conn.execute("SELECT id, description, made_at FROM change_log "
                              "WHERE kind = ? ORDER BY id DESC LIMIT 1", (CHANGE,)).fetchone()
        mark = _restore_after(conn, newest[0] if newest else 0)
        if newest is None:
            raise NotFound(_nothing_left(mark))
        change_id, description, made_at = newest
        if mark is not None and past_restore != change_id:
            raise PastRestore(restore=mark.description, restored_at=mark.made_at,
                              kept=mark.kept, change_id=change_id, description=description,
                              made_at=str(made_at))
        conn.execute("UPDATE undo_state SET recording = 0")
        reverse(conn, change_id)
        conn.execute("UPDATE undo_state SET recording = 1")
        refresh(conn)  # the search index follows the records put back
        left = conn.execute("SELECT count(*) FROM change_log WHERE kind = ?",
                            (CHANGE,)).fetchone()[0]
    return Undone(description=description, made_at=str(made_at), changes_left=int(left))


def _restore_after(conn: sqlite3.Connection, change_id: int) -> RestoreMark | None:
    row = conn.execute("SELECT description, made_at, kept FROM change_log WHERE kind = ? "
                       "AND id > ? ORDER BY id DESC LIMIT 1", (RESTORE, change_id)).fetchone()
    return None if row is None else RestoreMark(str(row[0]), str(row[1]), row[2])


def _nothing_left(mark: RestoreMark | None) -> str:
    if mark is None:
        return ("nothing to undo: no change is recorded (undo walks back through your "
                "recent changes, newest first)")
    back = (f"`mentornet restore {mark.kept}` puts back the database it replaced"
            if mark.kept else "there was no database before it")
    return f"nothing to undo: the last change was a restore (`{mark.description}`); {back}"


def reverse(conn: sqlite3.Connection, change_id: int) -> None:
    """Put back every row the change wrote, newest first, and drop it from the journal.

    Runs inside the caller's transaction with recording off. A change holding a step
    mentornet cannot have written is refused whole (journal.foreign_steps).
    """
    if foreign_steps(conn, change_id):
        raise StoreError(f"the change journal holds an entry mentornet did not write (change "
                         f"#{change_id}), so nothing was undone: run `mentornet doctor`")
    known: dict[str, list[str]] = {}
    steps = conn.execute("SELECT id, table_name, row_id, action FROM change_step "
                         "WHERE change_id = ? ORDER BY id DESC", (change_id,)).fetchall()
    for step_id, table, row_id, action in steps:
        if table not in known:
            known[table] = columns(conn, table)
        _reverse_step(conn, step_id, table, row_id, action, known[table],
                      row_key(conn, table))
    conn.execute("DELETE FROM change_value WHERE step_id IN "
                 "(SELECT id FROM change_step WHERE change_id = ?)", (change_id,))
    conn.execute("DELETE FROM change_step WHERE change_id = ?", (change_id,))
    conn.execute("DELETE FROM change_log WHERE id = ?", (change_id,))


def _reverse_step(conn: sqlite3.Connection, step_id: int, table: str, row_id: int,
                  action: str, names: list[str], key: str) -> None:
    """`key` names the row: SQLite's rowid, or on PostgreSQL the id (the rowid column of
    a table without one)."""
    name = quote_name(table)
    if action == "insert":
        conn.execute(f"DELETE FROM {name} WHERE {key} = ?", (row_id,))
        return
    # Each old value is read inside the database, so it goes back with its exact type and
    # bytes (PostgreSQL's journal keeps text: a number column casts it back).
    numbers = _number_columns(conn, table)
    old = {column: _cast("(SELECT value FROM change_value WHERE step_id = :step AND "
                         "column_name = '" + column.replace("'", "''") + "')",
                         column in numbers) for column in names}
    if action == "update":
        assignments = ", ".join(f"{quote_name(c)} = {old[c]}" for c in names)
        conn.execute(f"UPDATE {name} SET {assignments} WHERE {key} = :row",
                     {"step": step_id, "row": row_id})
    else:
        targets = [quote_name(c) for c in names]
        values = [old[c] for c in names]
        if key not in names:
            targets.insert(0, key)
            values.insert(0, _cast(":row", bool(numbers)))
        conn.execute(f"INSERT INTO {name} ({', '.join(targets)}) SELECT {', '.join(values)}",
                     {"step": step_id, "row": row_id})


def _number_columns(conn: sqlite3.Connection, table: str) -> frozenset[str]:
    """The integer columns of `table` on PostgreSQL, whose journaled text is cast back;
    none on SQLite, whose journal keeps each value's own type."""
    from mentornet.store.postgres.adapter import is_server

    if not is_server(conn):
        return frozenset()
    from mentornet.store.postgres.schema import number_columns

    return number_columns(table)


def _cast(value: str, number: bool) -> str:
    return f"CAST({value} AS BIGINT)" if number else value


def foreign_steps(conn: sqlite3.Connection, change_id: int | None = None) -> int:
    """How many journal steps (of one change, or of all) mentornet cannot have written.

    A step must name a journaled table, one of the three actions and an integer row id;
    an update or a delete must hold exactly one old value for each column of its table.
    `undo` refuses a change holding any other (doctor counts them): so a planted entry
    cannot make undo touch anything but rows of the user's own tables.
    """
    scope, args = ("AND s.change_id = ?", [change_id]) if change_id is not None else ("", [])
    tables = journaled_tables(conn)
    integer = typed_integer("s.row_id", conn)
    found = conn.execute(
        f"SELECT count(*) FROM change_step s WHERE (s.table_name NOT IN "
        f"({', '.join('?' * len(tables))}) OR s.action NOT IN ({', '.join('?' * len(ACTIONS))})"
        f" OR NOT {integer}) {scope}", [*tables, *ACTIONS, *args]).fetchone()[0]
    for table in tables:  # the steps counted above are left out here
        names = columns(conn, table)
        found += conn.execute(
            f"SELECT count(*) FROM change_step s WHERE s.table_name = ? AND s.action IN "
            f"('update', 'delete') AND {integer} {scope} AND ("
            f"(SELECT count(*) FROM change_value v WHERE v.step_id = s.id) != ? OR "
            f"(SELECT count(*) FROM change_value v WHERE v.step_id = s.id AND v.column_name "
            f"IN ({', '.join('?' * len(names))})) != ?)",
            [table, *args, len(names), *names, len(names)]).fetchone()[0]
    return int(found)
