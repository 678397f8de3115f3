"""Open the database once per command: check it is ours, set the pragmas, migrate."""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path
from typing import Any

from mentornet.errors import StoreError
from mentornet.migrations import LATEST_VERSION, MIGRATIONS, apply_step

APPLICATION_ID = 0x4D4E4554  # "MNET" in the database header
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# The most of the file a mapped read maps; the pages it touches count as the process's
# resident memory, as in the OS cache they share.
READ_MMAP_BYTES = 256 * 1024 * 1024


def open_db(path: Path | None, *, write: bool, mapped: bool = False) -> sqlite3.Connection:
    """Return a connection to the mentornet database at `path`, ready for use.

    Reads of a database that does not exist yet see an empty, in-memory panel; the file is
    created (directory 0700, file 0600) on the first write only. A file that is not a
    mentornet database, is corrupt or comes from a newer mentornet is refused untouched.
    `path=None` opens a private in-memory database (tests and dry runs).

    `mapped` is for a read of most of the file (`due`'s panel query, read ahead by a
    thread of its own: the connection may be used from it): SQLite then maps the
    file into memory instead of copying each page out of the OS cache, which halved that
    query on the large benchmark store. The price is how failures show: an I/O error, or
    the file cut short by a program other than SQLite, under a mapping kills the process
    (SIGBUS) where a plain read reports an error. So only reads map, and never a file in
    a sync folder or on a network filesystem, where that is likeliest; SQLite itself
    notices another mentornet's changes and maps anew.
    """
    if path is None or (not write and not path.exists()):
        conn = _connect(":memory:", read_only=False, threads=mapped)
        _migrate(conn, path=None)
        return conn
    if path.exists():
        check_file(path)
    else:
        _create(path)
    # A journal left by a write that was interrupted (a crash, kill -9, power loss) must be
    # rolled back before the file can be read, and a read-only connection can't do that.
    conn = _connect(str(path), read_only=not write and not hot_journal(path), threads=mapped)
    try:
        if mapped and not write:
            from mentornet.store.filesystem import sync_folder

            if sync_folder(path) is None:
                conn.execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")
        conn.execute("BEGIN")  # the version and the schema read from one snapshot
        try:
            version = _check_identity(conn, path)
            check_schema(conn, version, path)
        finally:
            conn.execute("ROLLBACK")
        if write and not hot_journal(path):
            check_length(path)
        if version < LATEST_VERSION:
            if not write:  # an upgrade is a write: reopen for it
                conn.close()
                conn = _connect(str(path), read_only=False, threads=mapped)
            check_sound(conn, path)  # the whole file, once, before it is upgraded
            _migrate(conn, path=path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise database_error(exc, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def open_copy(path: Path) -> sqlite3.Connection:
    """A writable connection to a copy being prepared (a restore's), upgraded to the latest
    schema. No backup is taken first: the file it was copied from stays as it was."""
    conn = _connect(str(path), read_only=False)
    try:
        _migrate(conn, path=None)
    except BaseException:
        conn.close()
        raise
    return conn


def check_file(path: Path) -> None:
    """Refuse, without changing a byte, a file that cannot be a SQLite database."""
    from mentornet.files import not_a_file

    kind = not_a_file(path)
    if kind:
        inside = f", e.g. {str(path / 'mentornet.db')!r}" if kind == "a folder" else ""
        raise StoreError(f"the database path {str(path)!r} is {kind}, not a file: "
                         f"give a file path with --db or MENTORNET_DB{inside}")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"can't read the database {str(path)!r}: {exc.strerror}") from None
    if header != SQLITE_HEADER:
        what = "an empty file" if not header else "not an SQLite database"
        raise StoreError(f"{str(path)!r} is {what}, not a mentornet database: "
                         "move it aside or choose another path with --db")


def hot_journal(path: Path) -> bool:
    """Whether a rollback journal with content lies beside the database."""
    try:
        return path.with_name(path.name + "-journal").stat().st_size > 0
    except OSError:
        return False


def _create(path: Path) -> None:
    """Make a new, migrated database at `path` atomically.

    It is built under a temporary name beside `path` and linked into place only once
    complete, so a crash never leaves an empty or half-made file that later runs refuse,
    and two first commands racing each other both end up with the same database.
    """
    from mentornet.store.sqlite.creation import new_database, put_in_place  # only when creating

    with new_database(path) as temporary:
        put_in_place(temporary, path)  # False: another mentornet made it; use that one


LENIENT_TEXT = functools.partial(str, encoding="utf-8", errors="replace")


def fetch_strict_first(conn: sqlite3.Connection, sql: str,
                       args: tuple[object, ...] | dict[str, object] = ()
                       ) -> list[tuple[Any, ...]]:
    """All rows of a query, their text decoded by Python's own `str` (a long read of text
    columns, as an export, is a third quicker than through the lenient factory): the same
    rows, unless some text is not UTF-8, and then the query is read again leniently."""
    conn.text_factory = str
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError:  # text that is not UTF-8 (or a real error, raised below)
        pass
    finally:
        conn.text_factory = LENIENT_TEXT
    return conn.execute(sql, args).fetchall()


def _connect(target: str, *, read_only: bool, threads: bool = False) -> sqlite3.Connection:
    """`threads`: a thread other than the one opening it may use it, as a read ahead's
    does (store/sqlite/ahead.py), one thread at a time."""
    if target == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=not threads)
    else:
        uri = sqlite_uri(target, mode="ro" if read_only else "rw")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=not threads)
    # Text another program stored as bytes that are not UTF-8 reads with the bad bytes
    # replaced, instead of failing the whole read (and quoting the text in the error);
    # `doctor` names such values (store/unreadable.py). A C-level callable: about 0.15 µs
    # more per text value read.
    conn.text_factory = LENIENT_TEXT
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Triggers and views may call only functions without side effects (defence in depth:
    # check_schema already refuses any trigger or view mentornet did not make).
    conn.execute("PRAGMA trusted_schema = OFF")
    if not read_only:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
    return conn


def sqlite_uri(path: str | Path, *, mode: str) -> str:
    """The SQLite URI of a file path: every byte that is not plain ASCII, and `%`, `?`,
    `#` and spaces, percent-encoded, so `a%41b` stays `a%41b` and `x?mode=rw` a name."""
    from urllib.parse import quote

    absolute = os.path.abspath(path)
    return f"file://{quote(absolute, safe='/')}?mode={mode}"


def file_identity(conn: sqlite3.Connection) -> tuple[int, int]:
    """The application id in the file's header (APPLICATION_ID when mentornet made it) and
    its schema version."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    return int(app_id), int(version)


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Return the schema version after checking the file belongs to mentornet."""
    app_id, version = file_identity(conn)
    if app_id != APPLICATION_ID:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != 0 or tables:
            raise StoreError(f"{str(path)!r} is another program's SQLite database, "
                             "not mentornet's: choose another path with --db")
    if version > LATEST_VERSION:
        raise StoreError(f"{str(path)!r} was written by a newer mentornet (schema "
                         f"{version}, this one knows {LATEST_VERSION}): upgrade mentornet")
    return int(version)


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """How the schema of `conn` differs from what the migrations build for `version`."""
    from mentornet.store.layout import differences

    return differences(conn, MIGRATIONS[:version])


def check_schema(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """Refuse a file whose schema is not exactly mentornet's for its version.

    Its triggers would run on every write and its views stand in for tables, so a file
    with anything extra (or missing) is not used at all, and left as it is.
    """
    from mentornet.store.layout import describe

    problems = schema_problems(conn, version)
    if problems:
        raise StoreError(f"{str(path)!r} is not laid out as mentornet makes its databases "
                         f"(schema version {version}: it has {describe(problems)}), so it "
                         "was not used: run `mentornet doctor`, or `mentornet restore` a "
                         "backup")


def check_sound(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse to write into a damaged file: a write there could spread the damage.

    `quick_check` reads every page, so its cost grows with the file (350 ms at 30,000
    people): it runs where that is paid once, with the day's first write (before the
    daily backup), before a migration, and in `doctor`. Every write checks the header
    and the file's length instead (`check_length`).
    """
    verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if verdict != "ok":
        raise damaged(path)


def damaged(path: Path) -> StoreError:
    return StoreError(f"{str(path)!r} is damaged (SQLite's check failed), so nothing was "
                      "written: run `mentornet doctor`, then `mentornet restore` a backup")


def check_length(path: Path) -> None:
    """A check of bounded cost before every write: the file is as long as its header says.

    SQLite's header records the number of pages (valid when its "version valid for"
    field matches the change counter); a file cut short, as by a copy that stopped
    half-way, is shorter. The application id and the schema version are checked by
    `_check_identity`; the whole file only by `check_sound`.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
            length = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise StoreError(f"can't read the database {str(path)!r}: {exc.strerror}") from None
    if len(header) < 100:
        raise damaged(path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter, valid_for = header[24:28], header[92:96]
    if page_size < 512 or page_size & (page_size - 1):
        raise damaged(path)
    if counter == valid_for and length < pages * page_size:
        raise damaged(path)


def take_write_lock(conn: sqlite3.Connection) -> None:
    """Begin a write transaction holding the write lock from its start (SQLite's BEGIN
    IMMEDIATE), so that two commands take turns instead of failing halfway."""
    conn.execute("BEGIN IMMEDIATE")


def _migrate(conn: sqlite3.Connection, *, path: Path | None) -> None:
    """Apply each pending step in its own transaction together with its version bump.

    The version is read again under the write lock before each step, so two commands
    upgrading the same file at once apply every step exactly once. Foreign keys are off
    while the steps run, as SQLite's table rebuild requires (so dropping a table cascades
    nothing), and checked before each step commits: a step that would leave a record
    pointing at nothing fails whole.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= LATEST_VERSION:
        return
    if version and path is not None:
        from mentornet.store.backup import backup_before_migration

        backup_before_migration(conn, path, version)
    from mentornet.store.engines import immediate

    conn.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or it is ignored
    try:
        while True:
            with immediate(conn):
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version >= LATEST_VERSION:
                    return
                number = version + 1
                orphans = _orphans(conn)
                apply_step(conn, number, MIGRATIONS[version])
                if not _orphans(conn) <= orphans:
                    raise sqlite3.IntegrityError(f"schema step {number} would leave records "
                                                 "pointing at nothing")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {number}")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _orphans(conn: sqlite3.Connection) -> set[tuple]:
    return {tuple(row) for row in conn.execute("PRAGMA foreign_key_check")}


def database_error(exc: sqlite3.Error, path: Path | None) -> StoreError:
    """Turn an SQLite failure into a message a user can act on (never with SQL parameters)."""
    text = str(exc).lower()
    where = repr(str(path)) if path else "the database"
    folder_locked = (path is not None and path.exists()
                     and not os.access(path.parent, os.W_OK))
    if folder_locked and ("readonly" in text or "read-only" in text or "unable to open" in text):
        return StoreError(f"can't write to {where}: its folder is read-only, and SQLite "
                          "needs to make a journal file beside it; check the folder's "
                          "permissions")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"can't write to {where}: it is read-only; check its permissions")
    if "full" in text:
        return StoreError(f"can't write to {where}: the disk is full; nothing was changed")
    if "locked" in text or "busy" in text:
        return StoreError(f"{where} is busy: another mentornet is writing; try again")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"{where} is corrupt or not a mentornet database: run "
                          "`mentornet doctor`, or `mentornet restore` a backup")
    if "unable to open" in text:
        return StoreError(f"can't open {where}: check that the folder exists and is readable")
    if "could not decode" in text:  # SQLite's message quotes the stored text: never shown
        return StoreError(f"{where} holds text that is not UTF-8: run `mentornet doctor`")
    return StoreError(f"database error on {where}: {exc}")


def read_names(path: Path) -> list[tuple[str, bool]]:
    """Everyone's (name, archived), read-only, for shell completion: it never creates,
    checks or upgrades the file, and gives nothing when the file can't be read."""
    try:
        if not path.is_file():
            return []
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=1)
        try:
            rows = conn.execute("SELECT name, status = 'archived' FROM person "
                                "ORDER BY name COLLATE NOCASE, id").fetchall()
        finally:
            conn.close()
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [(str(name), bool(archived)) for name, archived in rows]
