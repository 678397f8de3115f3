"""`mentornet restore FILE`: a verified, checked copy of a backup put in place of the database.

The file it replaces is kept beside it; neither file is changed when the backup is refused.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from mentornet.errors import BadInput, StoreError
from mentornet.store.backup import _identify, _open_ro, _same_file, _unused
from mentornet.store.safety import _integrity


@dataclass(frozen=True)
class Restored:
    source: Path
    version: int
    kept: Path | None  # where the database that was replaced now lies


def restore(path: Path, source: Path, *, today: date, now: datetime) -> Restored:
    """Replace the database at `path` with the verified copy `source`, keeping the old one.

    The source must be a mentornet database of a schema version this build knows, laid
    out exactly as mentornet makes it (see store/layout.py), and pass `integrity_check`;
    otherwise both files are left as they are. A copy of it is made beside the database,
    upgraded, its journal made whole (triggers made anew, recording on) and marked as
    restored (so `undo` can tell), and only then put in place. A sound current database
    is overwritten through SQLite's backup API (one transaction: a crash leaves the old
    one); a damaged or foreign one is moved aside and the copy renamed into place.
    """
    if _same_file(source, path):
        raise BadInput(f"{str(source)!r} is the database itself: give a backup file")
    src, version = checked_backup(source)
    try:
        from mentornet.files import make_private_folder

        make_private_folder(path.parent)
        kept = (_unused(path.with_name(f"{path.name}.replaced-{today.isoformat()}.bak"))
                if path.exists() else None)
        prepared, copy = _prepare(src, path, f"restore {source.absolute()}", kept, now)
        try:
            _put_in_place(prepared, copy, path, kept)
        finally:
            prepared.close()
            _remove(copy)
        return Restored(source, version, kept)
    except OSError as exc:
        raise StoreError(f"can't restore into {str(path)!r}: {exc.strerror}") from None
    except sqlite3.Error as exc:
        from mentornet.store.sqlite.connection import database_error

        raise database_error(exc, path) from None
    finally:
        src.close()


def checked_backup(source: Path) -> tuple[sqlite3.Connection, int]:
    """The backup file `source`, open read-only, and its schema version, once it is known
    to be a whole mentornet database this build can read; else a clear error."""
    from mentornet.store.layout import describe
    from mentornet.store.sqlite.connection import LATEST_VERSION, schema_problems

    if not source.is_file():
        raise BadInput(f"there is no file {str(source)!r} to restore from")
    version = _identify(source)
    if version > LATEST_VERSION:
        raise StoreError(f"{str(source)!r} was written by a newer mentornet (schema "
                         f"{version}, this one knows {LATEST_VERSION}): upgrade mentornet")
    src = _open_ro(source)
    try:
        problems = _integrity(src)
        strange = [] if problems else schema_problems(src, version)
    except sqlite3.Error:
        src.close()
        raise StoreError(f"{str(source)!r} is corrupt: choose another backup") from None
    if problems:
        src.close()
        raise StoreError(f"{str(source)!r} is damaged ({problems[0]}): choose another backup")
    if strange:
        src.close()
        raise StoreError(f"{str(source)!r} is not laid out as mentornet makes its databases "
                         f"(schema version {version}: it has {describe(strange)}), so "
                         "nothing was restored: choose another backup")
    return src, version


def _prepare(src: sqlite3.Connection, path: Path, description: str, kept: Path | None,
             now: datetime) -> tuple[sqlite3.Connection, Path]:
    """A verified copy of `src` beside `path`, upgraded, its journal made whole and the
    restore marked in it; returned open, with its path."""
    from mentornet.store.backup import backup_copy
    from mentornet.store.engines import immediate
    from mentornet.store.sqlite.connection import open_copy
    from mentornet.store.sqlite.journal import mark_restore, renew
    from mentornet.store.writes import stored

    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".restore",
                                    dir=path.parent)
    os.close(handle)
    os.unlink(name)
    copy = backup_copy(src, Path(name))  # verified, fsynced, 0600
    try:
        conn = open_copy(copy)
        try:
            with immediate(conn):
                renew(conn)
                mark_restore(conn, description=description,
                             kept=str(kept) if kept else None, made_at=stored(now))
        except BaseException:
            conn.close()
            raise
    except BaseException:
        _remove(copy)
        raise
    return conn, copy


def _remove(copy: Path) -> None:
    for leftover in (copy, copy.with_name(copy.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _put_in_place(prepared: sqlite3.Connection, copy: Path, path: Path,
                  kept: Path | None) -> None:
    from mentornet.store.backup import backup_copy, fsync_dir

    if kept is None:
        prepared.close()
        os.replace(copy, path)
        fsync_dir(path.parent)
        return
    current = _sound(path)
    if current is not None:
        try:
            backup_copy(current, kept)
            prepared.backup(current)  # one write transaction on the live file
        finally:
            current.close()
        path.chmod(0o600)
        return
    # The current file is damaged or foreign: keep its bytes (and any journal of an
    # unfinished write) aside, then put the verified copy in its place.
    shutil.copyfile(path, kept)
    kept.chmod(0o600)
    journal = path.with_name(path.name + "-journal")
    if journal.exists():
        os.replace(journal, kept.with_name(kept.name + "-journal"))
    prepared.close()
    os.replace(copy, path)
    fsync_dir(path.parent)


def _sound(path: Path) -> sqlite3.Connection | None:
    """A writable connection to the current database if it is an SQLite file that passes
    quick_check, else None."""
    from mentornet.store.sqlite.connection import SQLITE_HEADER

    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        conn = sqlite3.connect(path, isolation_level=None, timeout=10)
        if conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok":
            return conn
        conn.close()
    except sqlite3.Error:
        return None
    return None
