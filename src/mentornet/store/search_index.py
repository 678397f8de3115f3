"""The full-text index behind `search`: which texts it holds, and how it is kept in step.

Each searchable record (a person, a touch-base, a favour, ...) is one row of the FTS5 table
`search_index`, holding the record's texts folded by `domain.names.fold`, the one rule
for comparing text (so `jose` finds José, `zoe` an NFD Zoë, a full-width name its plain
spelling). The fold is Python, so SQL alone cannot write the index: instead, triggers on
the searched tables, plain SQL that any connection runs, note each row written in
`search_stale`, and `refresh` (run by every change and every undo before it commits)
folds those rows into the index. A row written by another program stays noted until the
next change, and `search` reads such rows from their tables directly.

Neither the index nor its note is the user's data: the change journal leaves them out
(store/sqlite/journal.py), and `undo` puts back the records, whose triggers renew the index.
Where SQLite has no FTS5 the index is not made and `search` reads every record instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from mentornet.domain.names import fold
from mentornet.store.postgres.adapter import is_server


class Searched(NamedTuple):
    table: str
    code: int  # the index's rowid is the record's id * SLOTS + code
    columns: tuple[str, ...]  # the texts searched, in the order records show them
    lists: tuple[str, ...] = ()  # those of them stored as a JSON list of texts


SLOTS = 8
SEARCHED: tuple[Searched, ...] = (
    Searched("person", 1, ("name", "org", "role", "notes")),
    Searched("touchbase", 2, ("notes", "topics", "feedback"), lists=("topics",)),
    Searched("favour", 3, ("description",)),
    Searched("parked_item", 4, ("text",)),
    Searched("followup", 5, ("text",)),
    Searched("goal", 6, ("text",)),
    Searched("goal_progress", 7, ("note",)),
)
BY_TABLE = {searched.table: searched for searched in SEARCHED}
BY_CODE = {searched.code: searched for searched in SEARCHED}

INDEX = "search_index"
STALE = "search_stale"
TRIGGER_PREFIX = "search_"
# The index's own tables: the FTS5 table and those SQLite keeps for it, and the note.
INDEX_TABLES = (INDEX, f"{INDEX}_data", f"{INDEX}_idx", f"{INDEX}_content",
                f"{INDEX}_docsize", f"{INDEX}_config", STALE)
CREATE_INDEX = (f"CREATE VIRTUAL TABLE {INDEX} USING fts5(words, "
                "tokenize = 'unicode61 remove_diacritics 0')")


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite has FTS5 (a build without it gets the plain scan)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.mentornet_fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.mentornet_fts5_probe")
    return True


def has_index(conn: sqlite3.Connection) -> bool:
    """Whether this file holds the FTS5 index (a file made without FTS5 does not, nor
    does a PostgreSQL database)."""
    if is_server(conn):
        return False
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (INDEX,)).fetchone()[0] == 1


def create(conn: sqlite3.Connection) -> None:
    """Make the index (where FTS5 exists), its note and its triggers, and fill it from
    every record already stored. Part of a migration step."""
    conn.execute(f"""CREATE TABLE {STALE} (
        table_name VARCHAR NOT NULL, row_id INTEGER NOT NULL,
        PRIMARY KEY (table_name, row_id)) WITHOUT ROWID""")
    if fts5_available(conn):
        conn.execute(CREATE_INDEX)
    for searched in SEARCHED:
        for statement in trigger_statements(searched):
            conn.execute(statement)
        conn.execute(f"INSERT INTO {STALE} (table_name, row_id) "
                     f"SELECT '{searched.table}', id FROM {searched.table}")
    refresh(conn)


def renew_triggers(conn: sqlite3.Connection) -> None:
    """Make the index's triggers again (after every migration step, as the journal's are),
    so that a later step that rebuilds a table, which drops its triggers, keeps them."""
    if not conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                        "name = ?", (STALE,)).fetchone()[0]:
        return  # a version before the index
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                "AND substr(name, 1, ?) = ?",
                                (len(TRIGGER_PREFIX), TRIGGER_PREFIX)).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    for searched in SEARCHED:
        for statement in trigger_statements(searched):
            conn.execute(statement)


def trigger_statements(searched: Searched) -> list[str]:
    """The triggers noting each row of `searched` written (an update only of its texts)."""
    table = searched.table
    note = f"INSERT OR IGNORE INTO {STALE} (table_name, row_id) VALUES"
    return [
        f"CREATE TRIGGER {TRIGGER_PREFIX}{table}_insert AFTER INSERT ON {table} "
        f"BEGIN {note} ('{table}', new.id); END",
        f"CREATE TRIGGER {TRIGGER_PREFIX}{table}_update AFTER UPDATE OF "
        f"{', '.join(('id', *searched.columns))} ON {table} "
        f"BEGIN {note} ('{table}', old.id), ('{table}', new.id); END",
        f"CREATE TRIGGER {TRIGGER_PREFIX}{table}_delete AFTER DELETE ON {table} "
        f"BEGIN {note} ('{table}', old.id); END",
    ]


def texts(searched: Searched, values: Iterable[object]) -> list[tuple[str, str]]:
    """A record's stored values as (column, text) pairs, a JSON list giving one per item."""
    found: list[tuple[str, str]] = []
    for column, value in zip(searched.columns, values, strict=True):
        if column in searched.lists:
            found.extend((column, item) for item in _items(value))
        elif value is not None and value != "":
            found.append((column, _as_text(value)))
    return found


def _as_text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _items(value: object) -> list[str]:
    import json

    if value is None or value == "" or value == "[]":
        return []
    try:
        items = json.loads(value) if isinstance(value, str | bytes) else None
    except ValueError:
        return [_as_text(value)]
    if isinstance(items, list):
        return [str(item) for item in items if item is not None and item != ""]
    return [_as_text(value)]


LIST_SEPARATOR = " | "  # between the items of a list in the index (no word of its own)


def words(searched: Searched, values: Iterable[object]) -> str:
    """A record's texts as the index holds them: one line per column, folded (a list's
    items on one line), an empty line for an empty column."""
    lines = []
    for column, value in zip(searched.columns, values, strict=True):
        if column in searched.lists:
            lines.append(fold(LIST_SEPARATOR.join(_items(value))))
        else:
            lines.append("" if value is None else fold(_as_text(value)))
    return "\n".join(lines)


def fields(searched: Searched, held: object) -> tuple[str, ...] | None:
    """Each column's folded text, from what the index holds for a record of `searched`;
    None when it is not in the shape `words` writes."""
    if not isinstance(held, str):
        return None
    lines = tuple(held.split("\n"))
    return lines if len(lines) == len(searched.columns) else None


def refresh(conn: sqlite3.Connection) -> None:
    """Fold the rows noted since the last refresh into the index, inside the caller's
    transaction, and forget the note. Without the index, only the note is cleared; a
    PostgreSQL database has neither (its `search` reads every record)."""
    if is_server(conn):
        return
    stale = conn.execute(f"SELECT table_name, row_id FROM {STALE}").fetchall()
    if not stale:
        return
    if has_index(conn):
        by_table: dict[str, list[int]] = {}
        for table, row_id in stale:
            if table in BY_TABLE and isinstance(row_id, int):
                by_table.setdefault(table, []).append(row_id)
        for table, ids in by_table.items():
            _reindex(conn, BY_TABLE[table], ids)
    conn.execute(f"DELETE FROM {STALE}")


def _reindex(conn: sqlite3.Connection, searched: Searched, ids: list[int]) -> None:
    step = 500
    for start in range(0, len(ids), step):
        chunk = ids[start:start + step]
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM {INDEX} WHERE rowid IN ({marks})",
                     [row_id * SLOTS + searched.code for row_id in chunk])
        rows = conn.execute(f"SELECT id, {', '.join(searched.columns)} FROM {searched.table} "
                            f"WHERE id IN ({marks})", chunk).fetchall()
        conn.executemany(f"INSERT INTO {INDEX} (rowid, words) VALUES (?, ?)",
                         [(row[0] * SLOTS + searched.code, words(searched, row[1:]))
                          for row in rows])


def stale(conn: sqlite3.Connection) -> dict[str, set[int]]:
    """The rows written since the last refresh (by another program), by table."""
    found: dict[str, set[int]] = {}
    for table, row_id in conn.execute(f"SELECT table_name, row_id FROM {STALE}"):
        if table in BY_TABLE and isinstance(row_id, int):
            found.setdefault(table, set()).add(row_id)
    return found
