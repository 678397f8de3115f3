"""Verified copies of the database through SQLite's online backup API."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from mentornet.errors import StoreError


def backup_copy(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the open database to `dest` (0600), verify the copy, and return its path.

    The copy is written beside `dest` under a temporary name of its own first and renamed
    into place only once `integrity_check` says ok, so a failed backup never replaces a
    good one and two backups made at once cannot mix. `conn` must not be inside a write
    transaction (SQLite's backup would wait for it forever).
    """
    try:
        dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial",
                                        dir=dest.parent)  # mode 0600
        os.close(handle)
    except OSError as exc:
        raise StoreError(f"can't write the backup {str(dest)!r}: {exc.strerror}") from None
    partial = Path(name)
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
        with open(partial, "rb") as copy:
            os.fsync(copy.fileno())
        os.replace(partial, dest)
        fsync_dir(dest.parent)
    except OSError as exc:
        raise StoreError(f"can't write the backup {str(dest)!r}: {exc.strerror}") from None
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return dest


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform can open a directory)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Keep a verified copy of a database as it was before upgrading from `version`."""
    dest = path.with_name(f"{path.name}.schema-{version}.bak")
    counter = 1
    while dest.exists():
        counter += 1
        dest = path.with_name(f"{path.name}.schema-{version}.{counter}.bak")
    return backup_copy(conn, dest)
