"""A PostgreSQL connection that the store's plain SQL can run on as it runs on SQLite.

The store's reads and writes are written once, in the SQL both engines speak, with
SQLite's placeholders (`?` and `:name`). `PgConnection` offers what the store uses of a
`sqlite3.Connection` (execute, executemany, fetchone, fetchall, iteration, rowcount,
description) over psycopg, turning the placeholders into psycopg's (`%s`, `%(name)s`) and
PostgreSQL's failures into the DB-API classes of `sqlite3` that the store already catches,
their text being PostgreSQL's first line only (its DETAIL lines quote stored values).

This module does not import psycopg: telling the two engines apart (`is_server`) costs a
SQLite command nothing.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any


def is_server(conn: object) -> bool:
    """Whether `conn` is a PostgreSQL connection (else it is SQLite's)."""
    return isinstance(conn, PgConnection)


# What translate changes, in one scan: quoted text or names (kept whole, `%` doubled; one
# left open runs to the end), `?`, a `::` cast (kept), `:name`, and a bare `%`.
_PIECES = re.compile(r"""'(?:[^']|'')*'?|"(?:[^"]|"")*"?|\?|::|:[^\W\d]\w*|%""")


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite's placeholders as psycopg's, outside quoted text and names; `%` doubled."""
    return _PIECES.sub(_translated, sql)


def _translated(match: re.Match[str]) -> str:
    piece = match.group()
    if piece[0] in "'\"":
        return piece.replace("%", "%%")
    if piece == "?":
        return "%s"
    if piece == "%":
        return "%%"
    if piece == "::":
        return piece
    return f"%({piece[1:]})s"


class PgCursor:
    """The rows of one statement, read as from a sqlite3 cursor."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    @property
    def description(self) -> Any:
        return self._cursor.description

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._cursor.description is None:
            return None
        row = self._cursor.fetchone()
        return None if row is None else tuple(row)

    def fetchall(self) -> list[tuple[Any, ...]]:
        if self._cursor.description is None:
            return []
        return [tuple(row) for row in self._cursor.fetchall()]

    def fetchmany(self, size: int) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._cursor.fetchmany(size)]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


class PgConnection:
    """A psycopg connection in autocommit mode: the store says BEGIN and COMMIT itself,
    as it does on SQLite."""

    def __init__(self, raw: Any, shown: str) -> None:
        self._raw = raw
        self.shown = shown  # the URL without its password, for messages
        self.text_factory: Any = str  # set by SQLite-minded code; PostgreSQL sends text

    def execute(self, sql: str, args: Sequence[Any] | Mapping[str, Any] = ()) -> PgCursor:
        with _as_dbapi():
            cursor = self._raw.cursor()
            cursor.execute(translate(sql), _args(args), prepare=False)
            return PgCursor(cursor)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | Mapping[str, Any]]
                    ) -> PgCursor:
        with _as_dbapi():
            cursor = self._raw.cursor()
            cursor.executemany(translate(sql), [_args(row) for row in rows])
            return PgCursor(cursor)

    def close(self) -> None:
        self._raw.close()


def _args(args: Sequence[Any] | Mapping[str, Any]) -> Any:
    if isinstance(args, Mapping):
        return dict(args)
    return tuple(args) if args else None


@contextlib.contextmanager
def _as_dbapi() -> Iterator[None]:
    """PostgreSQL's failures as the DB-API classes the store catches (sqlite3's), with
    only the first line of the server's message: never the values its detail quotes."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise as_sqlite_error(exc) from None


def as_sqlite_error(exc: Exception) -> sqlite3.Error:
    """One of sqlite3's DB-API classes for a psycopg failure, its text the first line."""
    import psycopg

    text = (str(exc).strip().splitlines() or ["the database server failed"])[0]
    if isinstance(exc, psycopg.errors.SerializationFailure | psycopg.errors.LockNotAvailable
                  | psycopg.errors.DeadlockDetected):
        return sqlite3.OperationalError(f"database is locked: {text}")
    if isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(text)
    if isinstance(exc, psycopg.OperationalError):
        return sqlite3.OperationalError(text)
    if isinstance(exc, psycopg.ProgrammingError):
        return sqlite3.OperationalError(text)
    return sqlite3.DatabaseError(text)
