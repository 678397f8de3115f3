"""The change journal behind `undo`: which rows each change wrote, and what they held before.

Every change (one command's transaction) is a `change_log` row. Triggers on each table of
the user's data add, for every row written inside it, a `change_step` (the table, the
rowid, whether the row was inserted, updated or deleted) and, for an update or a delete,
one `change_value` per column holding the old value exactly as it was stored. `undo`
(store/undo.py) builds the reversing statements from that data in code: nothing stored in
the journal is ever run as SQL.

The triggers are made from the schema itself, after every migration and on restore, so a
table or a column added later is journaled without anyone remembering to.
"""

from __future__ import annotations

import sqlite3

from mentornet.store.search_index import INDEX_TABLES

# The journal's own tables: never journaled, never restored by undo.
JOURNAL_TABLES = ("change_log", "change_step", "change_value", "undo_state")
# Tables SQLite keeps for itself (AUTOINCREMENT counters, ANALYZE statistics).
SQLITE_TABLES = ("sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3",
                 "sqlite_stat4")
TRIGGER_PREFIX = "journal_"
ACTIONS = ("insert", "update", "delete")
CHANGE, RESTORE = "change", "restore"  # change_log.kind


def quote_name(name: str) -> str:
    """An SQL identifier for `name`, whatever it holds."""
    return '"' + name.replace('"', '""') + '"'


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def journaled_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table of the user's data: all tables but the journal's, SQLite's own and the
    search index's (store/search_index.py), which follows the data by itself."""
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [name for name in names if name not in JOURNAL_TABLES
            and name not in SQLITE_TABLES and name not in INDEX_TABLES]


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns of `table` that a row holds (generated columns are left out)."""
    return [row[1] for row in conn.execute(f"PRAGMA table_info({quote_name(table)})")]


def rebuild_triggers(conn: sqlite3.Connection) -> None:
    """Drop the journal's triggers and make them again from the schema as it is now."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                "AND substr(name, 1, ?) = ?",
                                (len(TRIGGER_PREFIX), TRIGGER_PREFIX)).fetchall():
        conn.execute(f"DROP TRIGGER {quote_name(name)}")
    for table in journaled_tables(conn):
        for statement in trigger_statements(table, columns(conn, table)):
            conn.execute(statement)


def renew(conn: sqlite3.Connection) -> None:
    """Make the journal whole in a file from elsewhere (a restore): its triggers made
    anew from the schema, and recording on."""
    rebuild_triggers(conn)
    conn.execute("DELETE FROM undo_state")
    conn.execute("INSERT INTO undo_state (id, recording) VALUES (1, 1)")


def recording(conn: sqlite3.Connection) -> bool:
    """Whether the journal records changes (its one state row says so)."""
    return conn.execute("SELECT count(*) = 1 AND min(recording) = 1 FROM undo_state"
                        ).fetchone()[0] == 1


def trigger_statements(table: str, names: list[str]) -> list[str]:
    """The three triggers that journal `table`, whose columns are `names`."""
    statements = []
    for action in ACTIONS:
        row = "new" if action == "insert" else "old"
        body = [f"INSERT INTO change_step (change_id, table_name, row_id, action) "
                f"SELECT max(id), {_text(table)}, {row}.rowid, {_text(action)} "
                f"FROM change_log"]
        if action != "insert":
            # max(id), not last_insert_rowid(): that moves on with each value inserted.
            values = " UNION ALL ".join(
                f"SELECT (SELECT max(id) FROM change_step), {_text(name)}, "
                f"old.{quote_name(name)}" for name in names)
            body.append(f"INSERT INTO change_value (step_id, column_name, value) {values}")
        statements.append(
            f"CREATE TRIGGER {quote_name(f'{TRIGGER_PREFIX}{table}_{action}')} "
            f"AFTER {action.upper()} ON {quote_name(table)} "
            "WHEN (SELECT recording FROM undo_state) = 1 AND EXISTS (SELECT 1 FROM change_log) "
            f"BEGIN {'; '.join(body)}; END")
    return statements


def start_change(conn: sqlite3.Connection, *, description: str, made_at: str) -> int:
    """Open a new change: the rows written from now on in this transaction belong to it.

    `made_at` is the moment as the store keeps it (store/writes.py `stored`)."""
    return int(conn.execute("INSERT INTO change_log (made_at, description, kind) "
                            "VALUES (?, ?, ?) RETURNING id",
                            (made_at, description, CHANGE)).fetchone()[0])


def mark_restore(conn: sqlite3.Connection, *, description: str, kept: str | None,
                 made_at: str) -> None:
    """Record that the file was just restored, and where the file it replaced was kept.

    The mark writes no row of the user's data, so it has nothing to reverse: `undo` stops
    at it and says how to take the restore back.
    """
    conn.execute("INSERT INTO change_log (made_at, description, kind, kept) "
                 "VALUES (?, ?, ?, ?)", (made_at, description, RESTORE, kept))


def trim(conn: sqlite3.Connection, keep: int) -> None:
    """Forget all but the newest `keep` changes."""
    oldest = conn.execute("SELECT id FROM change_log ORDER BY id DESC LIMIT 1 OFFSET ?",
                          (keep,)).fetchone()
    if oldest:
        forget_through(conn, oldest[0])


def forget_through(conn: sqlite3.Connection, change_id: int) -> None:
    """Remove the changes up to and including `change_id` from the journal."""
    conn.execute("DELETE FROM change_value WHERE step_id IN "
                 "(SELECT id FROM change_step WHERE change_id <= ?)", (change_id,))
    conn.execute("DELETE FROM change_step WHERE change_id <= ?", (change_id,))
    conn.execute("DELETE FROM change_log WHERE id <= ?", (change_id,))


def clear(conn: sqlite3.Connection) -> None:
    """Empty the journal (after a migration its data describe the old schema)."""
    conn.execute("DELETE FROM change_value")
    conn.execute("DELETE FROM change_step")
    conn.execute("DELETE FROM change_log")
