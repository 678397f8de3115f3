"""Copies of the database: verified copies through SQLite's online backup API, the daily
backups and their pruning, `backup DEST`, and the files mentornet keeps beside the database."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from mentornet.errors import BadInput, StoreError

KEEP_DAILY = 7  # automatic daily backups kept in the backups folder
BACKUP_FOLDER = "backups"


def backup_copy(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the open database to `dest` (0600), verify the copy, and return its path.

    The copy is written beside `dest` under a temporary name of its own first and renamed
    into place only once `integrity_check` says ok, so a failed backup never replaces a
    good one and two backups made at once cannot mix. `conn` must not be inside a write
    transaction (SQLite's backup would wait for it forever).
    """
    try:
        from mentornet.files import make_private_folder

        make_private_folder(dest.parent)
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


# Daily backups --------------------------------------------------------------------------


def backup_folder(path: Path) -> Path:
    return path.parent / BACKUP_FOLDER


def daily_name(path: Path, day: date) -> str:
    return f"{path.stem}-{day.isoformat()}.db"


def daily_backups(path: Path) -> list[Path]:
    """The automatic backups of the database at `path`, oldest first."""
    pattern = re.compile(re.escape(path.stem) + r"-\d{4}-\d{2}-\d{2}\.db")
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file())


def daily_backup(conn: sqlite3.Connection, path: Path, *, today: date,
                 keep: int = KEEP_DAILY) -> Path | None:
    """Copy the database into the backups folder once a day, keeping the newest `keep`.

    Returns the new backup, or None when today's exists already or there is nothing to
    keep yet (an empty panel).
    """

    dest = backup_folder(path) / daily_name(path, today)
    if dest.exists() or _empty(conn):
        return None
    backup_copy(conn, dest)
    for old in daily_backups(path)[:-keep] if keep > 0 else []:
        if old != dest and _is_backup(old):
            with contextlib.suppress(OSError):
                old.unlink()
    return dest


def _is_backup(path: Path) -> bool:
    """Whether `path`, named like a daily backup, is one: a mentornet database file (not
    a link) that opens. Anything else there was not written by mentornet and stays."""
    if path.is_symlink():
        return False
    try:
        _identify(path)
    except StoreError:
        return False
    return True


def _empty(conn: sqlite3.Connection) -> bool:
    tables = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "person" not in tables:
        return True
    return not conn.execute("SELECT EXISTS (SELECT 1 FROM person) OR EXISTS "
                            "(SELECT 1 FROM goal) OR EXISTS (SELECT 1 FROM parked_item)"
                            ).fetchone()[0]


# Files mentornet keeps ------------------------------------------------------------------


def kept_file(path: Path, db: Path) -> str | None:
    """What `path` is, in words, when it is one of the files mentornet keeps for the
    database at `db` (the database, its journal, a backup it manages), else None.

    Outputs (`--out`, `--svg`, `backup DEST`, `demo --demo-db`) refuse these, even with
    --force: writing there would lose the data or the copy meant to save it.
    """
    real = Path(os.path.realpath(path))
    if _same_file(real, db) or real == Path(os.path.realpath(db)):
        return "your database"
    for home in {db.absolute(), Path(os.path.realpath(db))}:
        if real.parent == Path(os.path.realpath(home.parent)):
            if real.name in {home.name + suffix for suffix in ("-journal", "-wal", "-shm")}:
                return "your database's journal"
            if re.fullmatch(re.escape(home.name) + r"\.(schema-\d+(\.\d+)?|replaced-"
                            r"\d{4}-\d{2}-\d{2}(-\d+)?)\.bak(-journal)?", real.name):
                return "a copy mentornet keeps of your database"
        if real.parent == Path(os.path.realpath(backup_folder(home))) and re.fullmatch(
                re.escape(home.stem) + r"-\d{4}-\d{2}-\d{2}(-manual)?(-\d+)?\.db(-journal)?",
                real.name):
            return "one of mentornet's backups of your database"
    return None


# backup DEST ----------------------------------------------------------------------------


def backup_to(path: Path, dest: Path | None, *, today: date, force: bool = False) -> Path:
    """A verified copy of the database at `path` into `dest` (a file or a folder), or into
    the backups folder when `dest` is None. An existing file is replaced only if it is a
    mentornet database (an older backup), or with `force`; never the database itself, its
    journal or a backup mentornet manages, nor anything but a regular file."""
    from mentornet.store.sqlite.connection import open_db

    if not path.exists():
        raise StoreError(f"there is no database at {str(path)!r} yet: nothing to back up")
    conn = open_db(path, write=False)
    try:
        return backup_copy(conn, backup_dest(path, dest, today=today, force=force))
    finally:
        conn.close()


def backup_dest(path: Path, dest: Path | None, *, today: date, force: bool) -> Path:
    """The file a backup of the database at `path` (or named after it) goes into: `dest`,
    a new file in the folder `dest`, or in the backups folder; BadInput for a file the
    backup must not replace."""
    from mentornet.files import not_a_file

    if dest is None:
        dest = _unused(backup_folder(path) / f"{path.stem}-{today.isoformat()}-manual.db")
    elif dest.is_dir():
        dest = _unused(dest / f"{path.stem}-{today.isoformat()}.db")
    else:
        kept = kept_file(dest, path)
        if kept:
            raise BadInput(f"{str(dest)!r} is {kept}, so nothing was written: give another "
                           "file name or a folder")
        what = not_a_file(dest)
        if what:
            raise BadInput(f"{str(dest)!r} is {what}, so nothing was written: a backup "
                           "goes into a file; give a file name or a folder")
        if dest.exists() and not force:
            try:
                _identify(dest)
            except StoreError:
                raise BadInput(f"{str(dest)!r} already exists and is not a mentornet "
                               "backup, so nothing was written: give another file name or "
                               "a folder, or add --force to replace it") from None
        dest = Path(os.path.realpath(dest))  # a link stays; the file it names is replaced
    return dest


def _unused(candidate: Path) -> Path:
    counter, stem = 1, candidate.stem
    while candidate.exists():
        counter += 1
        candidate = candidate.with_name(f"{stem}-{counter}{candidate.suffix}")
    return candidate


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _open_ro(path: Path) -> sqlite3.Connection:
    from mentornet.store.sqlite.connection import sqlite_uri

    return sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, isolation_level=None,
                           timeout=10)


def _identify(path: Path, *, shown: Path | None = None) -> int:
    """The schema version of a mentornet database file; StoreError if it is not one.
    Messages name `shown` (default `path`)."""
    from mentornet.store.sqlite.connection import APPLICATION_ID, check_file, file_identity

    name = str(shown or path)
    check_file(shown or path)
    try:
        conn = _open_ro(path)
        try:
            app_id, version = file_identity(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        raise StoreError(f"{name!r} is corrupt or not a mentornet database") from None
    if app_id != APPLICATION_ID or version < 1:
        raise StoreError(f"{name!r} is another program's SQLite database, not a mentornet one")
    return version
