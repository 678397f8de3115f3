"""A long read run on the second core, while the command goes on with what it has.

Python's sqlite3 lets go of the interpreter while SQLite works, but takes it back for
every row it hands over; a thread fetching row by row beside a busy main thread gets
little done. So each query of a read ahead comes back as one value: SQLite builds the
rows into one JSON document (`json_group_array`) in a single step, the interpreter free
the whole time, and the main thread turns it into rows with the C-coded `json.loads`.
`due` reads its panel this way, a slice of ids at a time: the first slice's people are
scored while SQLite reads the next (store/sqlite/panel.py).

The rows are those the query returns itself, the same values in the same order, unless
a document can't be built: a BLOB (JSON has none) or text that is not UTF-8. Then that
query is read the plain way, in the same thread.

The connection is used by the thread alone until the last document is in, and all the
queries read one snapshot: the thread begins a transaction before the first and ends it
after the last (or reads in the caller's, if one is open). `stop` interrupts and waits
for the thread; the store calls it before it closes the connection (closing it under a
running query would crash the process).
"""

from __future__ import annotations

import json
import queue
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any

from mentornet.store.sqlite.connection import LENIENT_TEXT, fetch_strict_first

Query = tuple[str, dict[str, object]]


def as_document(sql: str, width: int) -> str:
    """`sql`, whose rows have `width` columns, as a query of one value: those rows as a
    JSON array of arrays. SQLite writes a REAL in JSON with 15 significant digits, fewer
    than Python keeps: only for a query that reads no REAL it shows."""
    columns = ", ".join(f"c{i}" for i in range(width))
    return (f"WITH found({columns}) AS ({sql}) "
            f"SELECT json_group_array(json_array({columns})) FROM found")


class ReadAhead:
    """The rows of each of `queries` (each of `width` columns, ordered by the first), read
    in order by a thread of their own; `results()` gives them, query by query, as they
    come."""

    def __init__(self, conn: sqlite3.Connection, queries: Sequence[Query], width: int) -> None:
        self._conn = conn
        self._queries = list(queries)
        self._width = width
        self._found: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._stopping = False
        self._thread = threading.Thread(target=self._read, name="mentornet-read-ahead",
                                        daemon=True)
        self._thread.start()

    def _read(self) -> None:
        own = not self._conn.in_transaction  # else the caller's snapshot is read
        try:
            if own:
                self._conn.execute("BEGIN")
            try:
                for sql, args in self._queries:
                    if self._stopping:
                        return
                    self._found.put(("rows", self._rows(sql, args)))
            finally:
                if own:
                    self._conn.execute("ROLLBACK")  # a read: nothing to keep
        except BaseException as exc:  # handed to the main thread, raised there
            self._found.put(("error", exc))

    def _rows(self, sql: str, args: dict[str, object]) -> Any:
        document = as_document(sql, self._width)
        self._conn.text_factory = str
        try:
            text = self._conn.execute(document, args).fetchone()[0]
        except sqlite3.OperationalError:  # a BLOB or text that is not UTF-8: the plain way
            if self._stopping:
                raise
            return fetch_strict_first(self._conn, sql, args)
        finally:
            self._conn.text_factory = LENIENT_TEXT
        return text

    def results(self) -> Iterator[list[Any]]:
        """Each query's rows (lists or tuples of column values), in the queries' order."""
        try:
            for _ in self._queries:
                what, found = self._found.get()
                if what == "error":
                    raise found
                if isinstance(found, str):
                    found = json.loads(found)
                    found.sort(key=itemgetter(0))  # in the query's order, as it gave them
                yield found
            self._thread.join()  # its transaction ended: the connection is the caller's
        finally:
            self.stop()  # when the caller stops early

    def stop(self) -> None:
        """Interrupt the read if it still runs, and wait for its thread to end."""
        if self._thread.is_alive():
            self._stopping = True
            self._conn.interrupt()
            self._thread.join()
