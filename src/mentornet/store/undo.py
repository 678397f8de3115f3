"""Undo the newest change, from the change journal kept in the database (see migrations.py).

Because the journal lives in the file, `undo` reverses a change whichever process made it.
Plain sqlite3 only: undoing needs no SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from mentornet.errors import NotFound


@dataclass(frozen=True)
class Undone:
    description: str  # what the change was, as the command described it ("log dana")
    made_at: str  # when it was made, as stored
    changes_left: int  # how many earlier changes can still be undone


def undo_newest(conn: sqlite3.Connection) -> Undone:
    """Reverse the newest recorded change in one BEGIN IMMEDIATE transaction.

    Its reversing statements run newest first with recording off (so undoing is not
    itself journaled), then the change leaves the journal. Raises NotFound when there is
    nothing left to undo. The store (store/api.py) opens `conn` for writing, with the
    day's backup taken, and turns SQLite's errors into messages.
    """
    from mentornet.store.connection import immediate

    with immediate(conn):
        newest = conn.execute("SELECT id, description, made_at FROM change_log "
                              "ORDER BY id DESC LIMIT 1").fetchone()
        if newest is None:
            raise NotFound("nothing to undo: no change is recorded (undo walks back "
                           "through your recent changes, newest first)")
        change_id, description, made_at = newest
        conn.execute("UPDATE undo_state SET recording = 0")
        steps = conn.execute("SELECT statement FROM undo_step WHERE change_id = ? "
                             "ORDER BY id DESC", (change_id,)).fetchall()
        for (statement,) in steps:
            conn.execute(statement)
        conn.execute("DELETE FROM undo_step WHERE change_id = ?", (change_id,))
        conn.execute("DELETE FROM change_log WHERE id = ?", (change_id,))
        conn.execute("UPDATE undo_state SET recording = 1")
        left = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    return Undone(description=description, made_at=str(made_at), changes_left=int(left))
