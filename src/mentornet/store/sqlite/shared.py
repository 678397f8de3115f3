"""A snapshot that a second process can share (an export made by two processes).

mentornet keeps its files in SQLite's rollback-journal mode (see connection.py). There a
read transaction holds a SHARED lock on the file from its first read to its end, and no
change can commit while any process holds one. So a second process that begins a read
while the first one's lasts sees the very same panel, row for row. In WAL mode, which
another program may have set, changes commit beside readers, and no such promise holds;
nor where file locks may not hold (a sync folder, a network filesystem).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def shared_file(conn: sqlite3.Connection) -> Path | None:
    """The file a second process may open to read what `conn`'s read transaction reads,
    while it lasts; None for an in-memory panel, a file in WAL mode or where locks may
    not hold, or outside a transaction."""
    if not conn.in_transaction:
        return None
    file = conn.execute("PRAGMA database_list").fetchone()[2]
    if not file:
        return None
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return None
    from mentornet.store.filesystem import sync_folder

    if sync_folder(Path(file)) is not None:
        return None
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the lock, held from now
    return Path(file)
