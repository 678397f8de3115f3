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
import os
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from mentornet.errors import NotFound
from mentornet.store.location import Location, ServerURL
from mentornet.store.postgres.adapter import is_server
from mentornet.store.reads import Reads

if TYPE_CHECKING:
    from mentornet.store.copying import Copied
    from mentornet.store.restore import Restored
    from mentornet.store.safety import Finding
    from mentornet.store.undo import Undone
    from mentornet.store.writes import Change


class Store(Reads):
    """The database at `path` (None: a private in-memory one), open for one command.

    A read of a database that does not exist yet sees an empty panel and creates nothing;
    with `missing`, a read or a write raises NotFound(missing) instead when there is no
    file (a write also when a PostgreSQL database holds no panel yet). `write=True`
    creates the file if need be, checks it, and takes the day's backup with the day's
    first write; it needs `today` and `now`. `mapped` is for a read of most of the file
    (`due`), perhaps by a thread (`panel_facts_ahead`). Warnings for the user (a sync
    folder, a backup that failed) are collected in `warnings`, a list the caller may pass
    in to share across stores.

    A database that does not exist yet is built under a temporary name and put in place
    by the first change that commits: a write that fails creates no file and no folder.
    """

    committed = 0  # changes committed by this process, all stores (for Ctrl-C's message)

    def __init__(self, path: Location | None, *, write: bool = False, mapped: bool = False,
                 today: date | None = None, now: datetime | None = None,
                 warnings: list[str] | None = None, missing: str | None = None) -> None:
        if write and (today is None or now is None):
            raise ValueError("a store opened for writing needs today and now")
        self.path = path
        self.now = now
        self.warnings = warnings if warnings is not None else []
        self._writable = write
        self._saved = False
        self._missed_backup: str | None = None
        self._unborn: tuple[contextlib.ExitStack, Path] | None = None
        if isinstance(path, ServerURL):
            from mentornet.store.postgres.connection import open_server

            with self._errors():
                self._conn = open_server(path, write=write, missing=missing)
            if write and today is not None:
                self._back_up_server(path, today)
            return
        self._open_file(path, write=write, mapped=mapped, today=today, missing=missing)

    def _back_up_server(self, url: ServerURL, today: date) -> None:
        """This machine's daily backup of a shared panel that holds something."""
        from mentornet.store.postgres.copies import backed_up_today, daily_server_backup

        if backed_up_today(url, today):  # most writes: one look at a file name
            return
        from mentornet.store.copying import is_empty

        try:
            with self._errors():
                if not is_empty(self._conn):
                    self._missed_backup = daily_server_backup(url, today=today.isoformat())
        except BaseException:
            self.close()
            raise

    def _open_file(self, path: Path | None, *, write: bool, mapped: bool,
                   today: date | None, missing: str | None) -> None:
        from mentornet.store.sqlite.connection import open_db

        if missing is not None and path is not None and not path.exists():
            raise NotFound(missing)
        file = path
        if write and path is not None and not os.path.lexists(path):
            file = self._start_new(path)
        try:
            with self._errors():
                self._conn = open_db(file, write=write, mapped=mapped)
        except BaseException:
            self._drop_unborn()
            raise
        if mapped and not write:
            self._reads_ahead = []  # its connection may be read by another thread
        if write:
            from mentornet.store.safety import before_write

            assert today is not None
            try:
                with self._errors():
                    self._missed_backup = before_write(self._conn, path, today=today,
                                                       warn=self.warn)
            except BaseException:
                self.close()
                raise

    def _start_new(self, path: Path) -> Path:
        """The file to write a database that does not exist yet into: a temporary one,
        holding the right to create `path` (or `path` itself if another mentornet made
        it while this one waited)."""
        from mentornet.store.sqlite.creation import creating, new_database

        stack = contextlib.ExitStack()
        try:
            with self._errors():
                temporary = stack.enter_context(new_database(path))
                stack.enter_context(creating(path))
        except BaseException:
            stack.close()
            raise
        if os.path.lexists(path):
            stack.close()
            return path
        self._unborn = (stack, temporary)
        return temporary

    def _drop_unborn(self) -> None:
        if self._unborn is not None:
            self._unborn[0].close()  # the temporary file, the lock, the folders made
            self._unborn = None

    def warn(self, text: str) -> None:
        """Queue a warning for the user, once."""
        if text not in self.warnings:
            self.warnings.append(text)

    def close(self) -> None:
        for ahead in self._reads_ahead or ():
            ahead.stop()  # before the connection goes: closed under a query, it crashes
        self._conn.close()
        self._drop_unborn()
        if self._missed_backup is not None:  # told now it is known whether it mattered
            outcome = ("your change is saved" if self._saved
                       else "your change was not saved either")
            self.warn(f"{self._missed_backup}; {outcome}: run `mentornet doctor`")
            self._missed_backup = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):
            raise database_error(exc, self.path) from None

    def _errors(self) -> contextlib.AbstractContextManager[None]:
        return _errors(self.path)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Reads that all see the store as it was at the first of them (an export read a
        batch at a time): a change another command makes meanwhile waits for the end."""
        with self._errors():
            if is_server(self._conn):
                from mentornet.store.postgres.connection import begin_snapshot

                begin_snapshot(self._conn)
            else:
                self._conn.execute("BEGIN")
        self._shareable = not self._writable  # a read's: nothing of its own uncommitted
        try:
            yield self
        finally:
            self._shareable = False
            with self._errors():
                self._conn.execute("COMMIT")

    # Writing --------------------------------------------------------------------------

    @contextlib.contextmanager
    def change(self, description: str) -> Iterator[Change]:
        """One described, undoable change in one BEGIN IMMEDIATE transaction.

        The write lock is taken up front, so that concurrent commands queue on the busy
        timeout instead of failing half-way; any error rolls everything back. The write
        functions are the methods of the Change yielded (store/writes.py); they return
        the ids of the rows they add.
        """
        from mentornet.store.search_index import refresh
        from mentornet.store.writes import begin, trim_journal

        if not self._writable:
            raise ValueError("this store was opened for reading")
        assert self.now is not None
        with self._errors():
            change = begin(self._conn, description=description, now=self.now)
            try:
                yield change
                refresh(self._conn)  # the search index follows what the change wrote
                trim_journal(self._conn)
                if change.given_ids and is_server(self._conn):
                    from mentornet.store.postgres.connection import continue_counters

                    continue_counters(self._conn, change.given_ids)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        if self._unborn is not None:
            self._place_unborn()
        self._saved = True
        Store.committed += 1

    def _place_unborn(self) -> None:
        """Link the new database, its first change committed, to its path."""
        from mentornet.errors import StoreError
        from mentornet.store.sqlite.connection import open_db
        from mentornet.store.sqlite.creation import put_in_place

        assert self._unborn is not None
        assert isinstance(self.path, Path)
        if not put_in_place(self._unborn[1], self.path):
            raise StoreError(f"another program created {str(self.path)!r} at the same "
                             "moment, so this change was not saved: run the command again")
        # Reopened by its own name, so that a later change's journal lies beside it.
        self._conn.close()
        self._drop_unborn()  # the temporary name and the lock; the database stays
        with self._errors():
            self._conn = open_db(self.path, write=True)

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
    def backup(path: Location, dest: Path | None, *, today: date,
               force: bool = False) -> Path:
        """A verified copy of the database into `dest` (a file or a folder), or into the
        backups folder when `dest` is None; returns where it is. An existing file that
        is not a mentornet database is replaced only with `force`. A PostgreSQL
        database's backup is a SQLite file too."""
        with _errors(path):
            if isinstance(path, ServerURL):
                from mentornet.store.postgres.copies import backup_server

                return backup_server(path, dest, today=today, force=force)
            from mentornet.store.backup import backup_to

            return backup_to(path, dest, today=today, force=force)

    @staticmethod
    def copy(source: Location, target: Location) -> Copied:
        """The whole panel, history and journal included, from the store at `source` into
        `target`: an empty PostgreSQL database or a new SQLite file."""
        from mentornet.store.copying import copy_to

        with _errors(target):
            return copy_to(source, target)

    @staticmethod
    def kept_file(path: Path, db: Location) -> str | None:
        """What `path` is when it is the database at `db`, its journal or a backup
        mentornet keeps of it (in words), else None: outputs refuse these."""
        from mentornet.store.backup import kept_file

        if isinstance(db, ServerURL):
            from mentornet.store.postgres.copies import stand_in

            db = stand_in(db)
        return kept_file(path, db)

    @staticmethod
    def restore(path: Location, source: Path, *, today: date, now: datetime) -> Restored:
        """Replace the database with the verified copy `source`, keeping the old one."""
        with _errors(path):
            if isinstance(path, ServerURL):
                from mentornet.store.postgres.copies import restore_server

                return restore_server(path, source, today=today, now=now)
            from mentornet.store.restore import restore

            return restore(path, source, today=today, now=now)

    @staticmethod
    def doctor(path: Location) -> list[Finding]:
        """Findings about the database, in plain words; changes nothing."""
        with _errors(path):
            if isinstance(path, ServerURL):
                from mentornet.store.postgres.doctor import doctor_server

                return doctor_server(path)
            from mentornet.store.safety import doctor

            return doctor(path)

    @staticmethod
    def completion_names(path: Location) -> list[tuple[str, bool]]:
        """Everyone's (name, archived) by name, for shell completion: read-only, never
        creating or upgrading the file; nothing at all when it can't be read."""
        if isinstance(path, ServerURL):
            from mentornet.store.postgres.connection import read_names as server_names

            return server_names(path)
        from mentornet.store.sqlite.connection import read_names

        return read_names(path)

    @staticmethod
    def is_demo(path: Location) -> bool:
        """Whether the file at `path` is a demo database `build_demo` made; for a
        PostgreSQL database, whether it holds a demo or nothing at all."""
        from mentornet.store.demo import is_demo

        if isinstance(path, ServerURL):
            from mentornet.store.demo import is_server_demo

            with _errors(path):
                return is_server_demo(path)
        return is_demo(path)

    @staticmethod
    def build_demo(path: Location, *, today: date, now: datetime,
                   warnings: list[str] | None = None) -> None:
        """A fresh sample panel with a year of history at `path`, built aside and renamed
        over whatever is there (the caller checks it is an earlier demo); into a
        PostgreSQL database, built in a file and copied over what it held."""
        from mentornet.store.demo import build_demo

        if isinstance(path, ServerURL):
            import tempfile

            from mentornet.store.copying import _to_server

            with tempfile.TemporaryDirectory(prefix="mentornet-demo-") as folder:
                built = Path(folder) / "demo.db"
                build_demo(built, today=today, now=now, warnings=warnings)
                with _errors(path):
                    _to_server(built, path, replace=True)
            return
        build_demo(path, today=today, now=now, warnings=warnings)


@contextlib.contextmanager
def _errors(path: Location | None) -> Iterator[None]:
    """The database's failures as messages a user can act on."""
    try:
        yield
    except sqlite3.Error as exc:
        raise database_error(exc, path) from None


def database_error(exc: sqlite3.Error, path: Location | None) -> Exception:
    if isinstance(path, ServerURL):
        from mentornet.store.postgres.connection import server_error

        return server_error(exc, path)
    from mentornet.store.sqlite.connection import database_error as file_error

    return file_error(exc, path)


@contextlib.contextmanager
def writing(path: Path | None, *, description: str, now: datetime,
            warnings: list[str] | None = None) -> Iterator[Change]:
    """A store opened for writing and one change in it, for a script (the benchmark's
    generator, the demo): the day is `now`'s."""
    with Store(path, write=True, today=now.date(), now=now, warnings=warnings) as store, \
            store.change(description) as change:
        yield change
