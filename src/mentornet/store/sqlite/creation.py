"""Making a new database file: built and migrated beside its place, then put there whole."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from mentornet.errors import StoreError
from mentornet.store.sqlite.connection import _connect as connect
from mentornet.store.sqlite.connection import _migrate as migrate
from mentornet.store.sqlite.connection import database_error


@contextlib.contextmanager
def new_database(path: Path) -> Iterator[Path]:
    """A new, migrated database meant for `path`, under a temporary name beside it.

    The body may write into it, then `put_in_place` links it to `path`. On leaving, the
    temporary file goes, and so do the folders made for it unless the database is in
    place by then: a first write that fails leaves no file or folder behind.
    """
    from mentornet.files import make_private_folder

    try:
        made = make_private_folder(path.parent)
    except OSError as exc:
        raise StoreError(f"can't create the folder {str(path.parent)!r}: "
                         f"{exc.strerror}") from None
    temporary = ""
    try:
        try:
            import tempfile  # only when a database is created

            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new",
                                                 dir=path.parent)  # mode 0600
            os.close(handle)
            conn = connect(temporary, read_only=False)
            try:
                migrate(conn, path=None)
            finally:
                conn.close()
        except OSError as exc:
            raise StoreError(f"can't create the database {str(path)!r}: "
                             f"{exc.strerror}") from None
        except sqlite3.Error as exc:
            raise database_error(exc, path) from None
        yield Path(temporary)
    finally:
        for leftover in (temporary, temporary + "-journal"):
            with contextlib.suppress(OSError):
                if leftover and leftover != "-journal":
                    os.unlink(leftover)
        if not os.path.lexists(path):
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if still empty


@contextlib.contextmanager
def creating(path: Path) -> Iterator[None]:
    """Hold the right to create the database at `path`: first commands on a new database
    take turns, so each finds it made, or makes it, in full.

    The lock is a file beside `path` (folder already made), removed on leaving. One who
    waited on a lock file that has since been removed takes a fresh one.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): creations are then not serialised
        yield
        return
    lock = path.with_name(f".{path.name}.creating")
    while True:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            if os.path.samestat(os.fstat(handle), os.stat(lock)):
                break
        except FileNotFoundError:
            pass
        os.close(handle)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(handle)


def put_in_place(temporary: Path, path: Path) -> bool:
    """Link the complete database `temporary` to `path`, durably; False if `path`
    appeared meanwhile (another mentornet made it first), which is then left alone."""
    from mentornet.store.backup import fsync_dir

    try:
        with open(temporary, "rb") as new:
            os.fsync(new.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError:  # a filesystem without hard links
            if os.path.lexists(path):
                return False
            os.replace(temporary, path)
        fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(f"can't create the database {str(path)!r}: {exc.strerror}") from None
    return True
