"""Open a PostgreSQL database for one command: reach the server, check the database is
mentornet's, make the schema in an empty one."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from typing import Any, cast

from mentornet.errors import StoreError
from mentornet.store.location import ServerURL
from mentornet.store.postgres.adapter import PgConnection
from mentornet.store.postgres.driver import driver
from mentornet.store.postgres.schema import MARKER

CONNECT_TIMEOUT_S = 5  # an unreachable server: how long a command waits before saying so
LOCK_TIMEOUT_MS = 60_000  # how long a write waits for another machine's to finish
# The key of the advisory lock every write transaction holds: writes take turns, as on
# SQLite, so a read-then-write inside a change sees no other write land in between.
WRITE_LOCK = 0x4D4E4554  # "MNET"


def connect(url: ServerURL) -> PgConnection:
    """A connection to the server, or a StoreError saying what went wrong (without the
    password)."""
    psycopg = driver()
    # The session's settings travel with the connection request, which saves a round trip
    # each. A URL's own connect_timeout wins (libpq reads it from the URL), and so do its
    # own options or PGOPTIONS: the lock's wait is then set once connected.
    params: dict[str, Any] = {"client_encoding": "UTF8"}
    if "connect_timeout=" not in url.url:
        params["connect_timeout"] = CONNECT_TIMEOUT_S
    own_options = "options=" in url.url or "PGOPTIONS" in os.environ
    if not own_options:
        params["options"] = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
    try:
        raw = psycopg.connect(url.url, autocommit=True, application_name="mentornet",
                              **params)
    except psycopg.Error as exc:
        raise unreachable(exc, url) from None
    conn = PgConnection(raw, str(url))
    if own_options:
        conn.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
    return conn


def unreachable(exc: Exception, url: ServerURL) -> StoreError:
    reason = (str(exc).strip().splitlines() or ["no answer"])[0]
    reason = url.hide(reason)
    return StoreError(f"can't reach the PostgreSQL database {url}: {reason}; nothing was "
                      "read or changed: check the server is running and the URL, or use a "
                      "local file with --db PATH")


def open_server(url: ServerURL, *, write: bool, missing: str | None = None
                ) -> sqlite3.Connection:
    """The database at `url`, checked and (for a write, when empty) given mentornet's
    schema. A read of an empty database sees an empty panel and makes nothing; a write
    with `missing` raises NotFound(missing) there instead.

    The store's modules are typed against sqlite3.Connection, whose methods they use
    PgConnection offers: the connection is handed to them as one."""
    from mentornet.errors import NotFound

    conn = connect(url)
    try:
        version = schema_version(conn, url)
        if version is None:
            if write and missing is not None:
                raise NotFound(missing)
            if not write:
                conn.close()
                from mentornet.store.sqlite.connection import open_db

                return open_db(None, write=False)
            create_schema(conn, url)
    except BaseException:
        conn.close()
        raise
    return cast(sqlite3.Connection, conn)


def schema_version(conn: PgConnection, url: ServerURL) -> int | None:
    """The version mentornet's marker holds; None for an empty database. Refuses another
    program's database, or one a newer mentornet wrote."""
    from mentornet.migrations import LATEST_VERSION

    marker: Any = conn.execute("SELECT to_regclass(?)", (MARKER,)).fetchone()
    if marker[0] is None:
        tables = table_names(conn)
        if tables:
            raise StoreError(f"{url} holds another program's tables, not mentornet's "
                             f"({len(tables)} of them), so it was not used or changed: "
                             "give mentornet a database of its own")
        return None
    row: Any = conn.execute(f"SELECT version, made_by FROM {MARKER}").fetchone()
    if row is None or row[1] != "mentornet":
        raise StoreError(f"{url} has a {MARKER} table mentornet did not write, so it was "
                         "not used: give mentornet a database of its own")
    version = int(row[0])
    if version > LATEST_VERSION:
        raise StoreError(f"{url} was written by a newer mentornet (schema {version}, this "
                         f"one knows {LATEST_VERSION}): upgrade mentornet")
    if version < LATEST_VERSION:
        upgrade(conn, url, version)
    return LATEST_VERSION


def table_names(conn: PgConnection) -> set[str]:
    """The tables (and views) of the schema a command works in, from pg_catalog (a
    fraction of the time information_schema takes)."""
    return {name for (name,) in conn.execute(
        "SELECT relname FROM pg_catalog.pg_class WHERE relkind IN ('r', 'p', 'v', 'm', 'f') "
        "AND relnamespace = (SELECT oid FROM pg_catalog.pg_namespace "
        "WHERE nspname = current_schema())")}


def upgrade(conn: PgConnection, url: ServerURL, version: int) -> None:
    """Bring a database made by an earlier mentornet up to the latest schema.

    PostgreSQL databases are made at schema 11, the first that PostgreSQL stores;
    a later step of migrations.py needs its PostgreSQL form here as well."""
    from mentornet.migrations import LATEST_VERSION

    raise StoreError(f"{url} is at schema {version}, and this mentornet can't upgrade a "
                     f"PostgreSQL database to {LATEST_VERSION}: `mentornet copy` it into "
                     "a file with the mentornet that made it, then `copy --to` it back")


def create_schema(conn: PgConnection, url: ServerURL) -> None:
    """Make mentornet's tables in an empty database, in one transaction; a second
    mentornet doing the same at the same moment waits, then finds them made."""
    import uuid

    from mentornet.migrations import LATEST_VERSION
    from mentornet.store.postgres.schema import create_statements

    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        if MARKER in table_names(conn):
            conn.execute("ROLLBACK")
            return
        for statement in create_statements(LATEST_VERSION):
            conn.execute(statement)
        conn.execute("INSERT INTO undo_state (id, recording) VALUES (1, 1)")
        conn.execute("INSERT INTO database_identity (id, uuid) VALUES (1, ?)",
                     (str(uuid.uuid4()),))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def server_error(exc: sqlite3.Error, url: ServerURL) -> StoreError:
    """A failure of the server (already as the DB-API classes, store/postgres/adapter.py)
    as a message a user can act on."""
    text = url.hide(str(exc))
    if "locked" in text or "lock timeout" in text:
        return StoreError(f"{url} is busy: another mentornet has been writing for a minute; "
                          "nothing was changed: try again")
    lost = ("server closed the connection", "terminating connection", "connection is lost",
            "consuming input failed", "the connection is closed", "no connection")
    if any(words in text for words in lost):
        return StoreError(f"lost the connection to {url}: the change was not saved (the "
                          "server keeps nothing of it): try again when it is back")
    if "nul (0x00)" in text.lower():
        return StoreError(f"{url} can't store text holding a NUL character (\\u0000, which "
                          "PostgreSQL refuses), so nothing was written: remove it from what "
                          "you gave, or keep this panel in a file")
    if "read-only" in text or "permission denied" in text:
        return StoreError(f"can't write to {url}: {text}; ask for write access to the "
                          "database, or use a local file with --db PATH")
    return StoreError(f"database error on {url}: {text}")


def continue_counters(conn: Any, tables: Iterable[str]) -> None:
    """Move the id counters of `tables` past the ids rows were given (a restore keeps the
    file's ids), so the next row added gets an id of its own. SQLite does this by itself."""
    from mentornet.store.postgres.schema import key, quote

    for table in sorted(tables):
        column = key(table)
        row = conn.execute("SELECT pg_get_serial_sequence(?, ?)",
                           (quote(table), column)).fetchone()
        sequence = str(row[0])  # its name, schema-qualified and quoted as needed
        # Only ever forward, and only past ids in use: an empty table keeps its first id.
        conn.execute(f"SELECT setval(?, top.m) FROM (SELECT max({quote(column)}) AS m FROM "
                     f"{quote(table)}) AS top, {sequence} AS s WHERE top.m IS NOT NULL AND "
                     "top.m > CASE WHEN s.is_called THEN s.last_value ELSE s.last_value - 1 END",
                     (sequence,))


def take_write_lock(conn: Any) -> None:
    """Begin a write transaction that holds the panel's write lock from its start: two
    commands, on any machines, take turns instead of failing halfway."""
    conn.execute(f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})")  # one round trip


def begin_snapshot(conn: Any) -> None:
    """Reads that all see the database as it was at the first of them."""
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")


def read_names(url: ServerURL) -> list[tuple[str, bool]]:
    """Everyone's (name, archived) for shell completion; nothing when it can't be read."""
    try:
        conn = connect(url)
        try:
            if schema_version(conn, url) is None:
                return []
            rows = conn.execute("SELECT name, status = 'archived' FROM person "
                                "ORDER BY lower(name), id").fetchall()
        finally:
            conn.close()
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [(str(name), bool(archived)) for name, archived in rows]
