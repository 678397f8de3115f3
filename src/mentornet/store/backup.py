"""Verified copies of the database through SQLite's online backup API."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from mentornet.errors import StoreError


def backup_copy(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the open database to `dest` (0600), verify the copy, and return its path.

    The copy is written beside `dest` first and renamed into place only once
    `integrity_check` says ok, so a failed backup never replaces a good one.
    """
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        target = sqlite3.connect(partial)
        try:
            conn.backup(target)
            verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if verdict != "ok":
            raise StoreError(f"the backup {str(dest)!r} failed its integrity check: "
                             "run `mentornet doctor` on the database")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    return dest


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Keep a verified copy of a database as it was before upgrading from `version`."""
    dest = path.with_name(f"{path.name}.schema-{version}.bak")
    counter = 1
    while dest.exists():
        counter += 1
        dest = path.with_name(f"{path.name}.schema-{version}.{counter}.bak")
    return backup_copy(conn, dest)
