"""The one way into the store: `Store`, opened for a command and always closed.

    with Store(path) as store:                        # reads
        people = store.people(kind="formal")
    with Store(path, write=True, today=today, now=now) as store:
        with store.change("log dana") as change:      # one transaction, one undo step
            touchbase_id, closed = change.log_touchbase(...)

What lies below (SQLite, its PRAGMAs, the journal's SQL, files and backups) stays below:
the CLI, the importers and the demo see records, ids, warnings and MentornetErrors only.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from mentornet.errors import NotFound
from mentornet.store.reads import Reads

if TYPE_CHECKING:
    from mentornet.store.restore import Restored
    from mentornet.store.safety import Finding
    from mentornet.store.undo import Undone
    from mentornet.store.writes import Change


class Store(Reads):
    """The database at `path` (None: a private in-memory one), open for one command.

    A read of a database that does not exist yet sees an empty panel and creates nothing.
    `write=True` creates the file if need be (unless `missing` gives the NotFound message
    to raise instead), checks it, and takes the day's backup with the day's first write;
    it needs `today` and `now`. `mapped` is for a read of most of the file (`due`).
    Warnings for the user (a sync folder, a backup that failed) are collected in
    `warnings`, a list the caller may pass in to share across stores.
    """

    def __init__(self, path: Path | None, *, write: bool = False, mapped: bool = False,
                 today: date | None = None, now: datetime | None = None,
                 warnings: list[str] | None = None, missing: str | None = None) -> None:
        from mentornet.store.connection import open_db

        if write and (today is None or now is None):
            raise ValueError("a store opened for writing needs today and now")
        if write and missing is not None and path is not None and not path.exists():
            raise NotFound(missing)
        self.path = path
        self.now = now
        self.warnings = warnings if warnings is not None else []
        self._writable = write
        with self._errors():
            self._conn = open_db(path, write=write, mapped=mapped)
        if write:
            from mentornet.store.safety import before_write

            assert today is not None
            try:
                with self._errors():
                    before_write(self._conn, path, today=today, warn=self.warn)
            except BaseException:
                self._conn.close()
                raise

    def warn(self, text: str) -> None:
        """Queue a warning for the user, once."""
        if text not in self.warnings:
            self.warnings.append(text)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):
            from mentornet.store.connection import database_error

            raise database_error(exc, self.path) from None

    def _errors(self) -> contextlib.AbstractContextManager[None]:
        return _errors(self.path)

    # Writing --------------------------------------------------------------------------

    @contextlib.contextmanager
    def change(self, description: str) -> Iterator[Change]:
        """One described, undoable change in one BEGIN IMMEDIATE transaction.

        The write lock is taken up front, so that concurrent commands queue on the busy
        timeout instead of failing half-way; any error rolls everything back. The write
        functions are the methods of the Change yielded (store/writes.py); they return
        the ids of the rows they add.
        """
        from mentornet.store.writes import begin, trim_journal

        if not self._writable:
            raise ValueError("this store was opened for reading")
        assert self.now is not None
        with self._errors():
            change = begin(self._conn, description=description, now=self.now)
            try:
                yield change
                trim_journal(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def undo(self, *, past_restore: int | None = None) -> Undone:
        """Reverse the newest recorded change; NotFound when there is none.

        PastRestore, changing nothing, when a restore was made after it, unless
        `past_restore` is that change's id (store/undo.py).
        """
        from mentornet.store.undo import undo_newest

        if not self._writable:
            raise ValueError("this store was opened for reading")
        with self._errors():
            return undo_newest(self._conn, past_restore=past_restore)

    # The file as a whole --------------------------------------------------------------

    @staticmethod
    def backup(path: Path, dest: Path | None, *, today: date) -> Path:
        """A verified copy of the database into `dest` (a file or a folder), or into the
        backups folder when `dest` is None; returns where it is."""
        from mentornet.store.safety import backup_to

        with _errors(path):
            return backup_to(path, dest, today=today)

    @staticmethod
    def restore(path: Path, source: Path, *, today: date, now: datetime) -> Restored:
        """Replace the database with the verified copy `source`, keeping the old one."""
        from mentornet.store.restore import restore

        with _errors(path):
            return restore(path, source, today=today, now=now)

    @staticmethod
    def doctor(path: Path) -> list[Finding]:
        """Findings about the database file, in plain words; changes nothing."""
        from mentornet.store.safety import doctor

        with _errors(path):
            return doctor(path)

    @staticmethod
    def completion_names(path: Path) -> list[tuple[str, bool]]:
        """Everyone's (name, archived) by name, for shell completion: read-only, never
        creating or upgrading the file; nothing at all when it can't be read."""
        from mentornet.store.connection import read_names

        return read_names(path)

    @staticmethod
    def build_demo(path: Path, *, today: date, now: datetime,
                   warnings: list[str] | None = None) -> None:
        """A fresh sample panel with a year of history at `path`."""
        from mentornet.store.demo import build_demo

        build_demo(path, today=today, now=now, warnings=warnings)


@contextlib.contextmanager
def _errors(path: Path | None) -> Iterator[None]:
    """SQLite's failures as messages a user can act on."""
    try:
        yield
    except sqlite3.Error as exc:
        from mentornet.store.connection import database_error

        raise database_error(exc, path) from None


@contextlib.contextmanager
def writing(path: Path | None, *, description: str, now: datetime,
            warnings: list[str] | None = None) -> Iterator[Change]:
    """A store opened for writing and one change in it, for a script (the benchmark's
    generator, the demo): the day is `now`'s."""
    with Store(path, write=True, today=now.date(), now=now, warnings=warnings) as store, \
            store.change(description) as change:
        yield change
