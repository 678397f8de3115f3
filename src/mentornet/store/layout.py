"""Whether a file's schema is exactly the one mentornet's migrations build for its version.

A database file can come from anywhere (a backup kept in a synced folder or on a USB disk
that others can write), and its schema is code: a trigger runs on every later write, a
view can stand in for a table. So a file is trusted only when every table, column, index,
trigger and view in `sqlite_master` is one the migrations make for the version the file
claims, and nothing is missing. The comparison reads the definitions as SQLite stores
them, ignoring only how they are spelled (case, quotes, spaces).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mentornet.store.sqlite.journal import SQLITE_TABLES

if TYPE_CHECKING:
    from mentornet.migrations import Migration

Objects = dict[tuple[str, str], tuple[str, str]]  # (type, name) -> (table, definition)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A token of SQL, and a word character (compiled on first use: 4 ms at import)."""
    return (re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|\s+|.""",
                       re.DOTALL),
            re.compile(r"[A-Za-z0-9_$\x80-\U0010ffff]"))


def normalized(sql: str | None) -> str:
    """A definition with the spelling SQLite ignores taken out: case, quotes and spaces."""
    if sql is None:
        return ""
    token_pattern, word_pattern = _patterns()
    out: list[str] = []
    spaced = False
    for token in token_pattern.findall(sql):
        if token.isspace():
            spaced = True
            continue
        if token[0] == "'":
            word = token  # a string literal means what it says, case included
        elif token[0] == "[":
            word = token[1:-1].lower()
        elif token[0] in "\"`":
            word = token[1:-1].replace(token[0] * 2, token[0]).lower()
        else:
            word = token.lower()
        # A space matters only between two word characters.
        if spaced and out and word_pattern.match(out[-1][-1:]) and word_pattern.match(word[:1]):
            out.append(" ")
        out.append(word)
        spaced = False
    return "".join(out)


Raw = frozenset[tuple[str, str, str, str | None]]


def _raw(conn: sqlite3.Connection) -> Raw:
    return frozenset((str(kind), str(name), str(table), sql) for kind, name, table, sql
                     in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def objects(raw: Raw) -> Objects:
    """The schema objects in `raw` but those SQLite makes for itself, as compared."""
    found: Objects = {}
    for kind, name, table, sql in raw:
        if kind == "table" and name in SQLITE_TABLES:
            continue  # AUTOINCREMENT counters, ANALYZE statistics
        if kind == "index" and sql is None and name.startswith("sqlite_autoindex_"):
            continue  # made by SQLite from a table's own UNIQUE or PRIMARY KEY
        found[(kind, name.lower())] = (table.lower(), normalized(sql))
    return found


@lru_cache(maxsize=4)
def expected(steps: tuple[Migration, ...]) -> Raw:
    """The schema objects an empty database has after `steps`, applied as files are."""
    from mentornet.migrations import apply_step

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for number, step in enumerate(steps, start=1):
            conn.execute("BEGIN")
            apply_step(conn, number, step)
            conn.execute("COMMIT")
        return _raw(conn)
    finally:
        conn.close()


# The digest of each version's schema as the migrations build it. Building it takes
# 10-20 ms (each table rebuild makes SQLite read the schema again), too much for every
# command, so a file whose schema has the digest of its version is known without it. Only
# a shortcut: a version missing here is built and compared in full. When a migration
# step is added, tests/test_layout.py says which line to add.
DIGESTS: dict[int, str] = {
    1: "2edf97f4c424d92205ee6a0ca17086a029d6bd839ae095081296a16c765de2f0",
    2: "93c53a18743adbc9e8da29ecb079f8445b9429890e68791cda0681f13d5e966b",
    3: "84ab3a1158272197b40a5a4db4374964e0e34b4f6449f717014021d8248e737a",
    4: "37e5164a1cad67e6da08405be8426051806a57e307dbba885400f761da731639",
    5: "365035a61b6269103cbfd7171521540839569a665e62f14c2a2992f4a8519ad5",
    6: "7ccae375132730e1fd096bfec565eb82bf6ade7871162ca91def54ccfca5c972",
    7: "6122feb9b623b71f5765ae5a801ec51e63105a820cfa4daf29731c9c795047f3",
    8: "1c1fabd6492105fa41b8f961a496f6404aaebe0abe66433e12482f5829d40b93",
    9: "20af246e904011580f485d127cc1b9f218559192e729b97fd96d669e4450e746",
    10: "785474286a5f8bedb1e1e76d4398e29ad6301ef467727a4b6c593cf1477a6f89",
    11: "57278df81268bd5b0e4795add29fb4f23a1583ec2229a4c89f490d6598642790",
}


def digest(raw: Raw) -> str:
    """A fingerprint of a schema: its objects' every field, in a fixed order (SHA-256, so
    no crafted schema can share the digest of mentornet's)."""
    return str(_sha256()(repr(sorted(raw, key=repr)).encode()).hexdigest())


def _sha256() -> Any:
    """CPython's own SHA-256: hashlib loads OpenSSL, 2-5 ms on every command."""
    import importlib

    for name in ("_sha2", "_sha256"):  # Python 3.12 on, and 3.11
        with contextlib.suppress(ImportError, AttributeError):
            return importlib.import_module(name).sha256
    import hashlib

    return hashlib.sha256


def _known(raw: Raw, steps: Sequence[Migration]) -> bool:
    from mentornet.migrations import MIGRATIONS

    want = DIGESTS.get(len(steps))
    return (want is not None and tuple(steps) == MIGRATIONS[:len(steps)]
            and digest(raw) == want)


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def differences(conn: sqlite3.Connection, steps: Sequence[Migration]) -> list[str]:
    """How the schema of `conn` differs from what `steps` build, in words; [] if it is theirs.

    A file the migrations made holds their very text, so that is compared first; only
    when it differs are the definitions compared for what they mean.
    """
    found_raw = _raw(conn)
    if _known(found_raw, steps):
        return []
    raw = expected(tuple(steps))
    if found_raw == raw:
        return []
    want, have = objects(raw), objects(found_raw)
    if _fts_as_made(have):
        want, have = _without_fts(want), _without_fts(have)
    found: list[str] = []
    for key in sorted(have.keys() - want.keys()):
        found.append(f"{_a(key[0])} {key[1]!r} that mentornet does not make")
    for key in sorted(want.keys() - have.keys()):
        found.append(f"no {key[0]} {key[1]!r}")
    for key in sorted(want.keys() & have.keys()):
        if want[key] != have[key]:
            found.append(f"{_a(key[0])} {key[1]!r} unlike mentornet's")
    return found


def _fts_as_made(have: Objects) -> bool:
    """Whether the file's search index, if it has one, is the one mentornet makes.

    A file has or lacks the index's FTS5 tables as the SQLite that made it had FTS5 or
    not (search then reads the records themselves), so those alone may differ; an index
    of any other definition is compared like everything else, and so told apart.
    """
    from mentornet.store.search_index import CREATE_INDEX, INDEX

    index = have.get(("table", INDEX))
    return index is None or index == (INDEX, normalized(CREATE_INDEX))


def _without_fts(found: Objects) -> Objects:
    from mentornet.store.search_index import INDEX_TABLES, STALE

    return {key: value for key, value in found.items()
            if not (key[0] == "table" and key[1] in INDEX_TABLES and key[1] != STALE)}


def describe(found: list[str], *, limit: int = 3) -> str:
    """The first few differences as one phrase: "a trigger 'x' ...; no table 'person'"."""
    more = len(found) - limit
    text = "; ".join(found[:limit])
    return text + (f"; and {more} more" if more > 0 else "")
