"""Gather what a search reads: each record's folded texts, from the FTS5 index or the
records themselves, and then the few records shown.

The index only narrows the records down and hands back their folded texts;
`domain.search` decides which match and in what order, by the same rule however the
texts were gathered. A record the index has not caught up with (a row another program
wrote, noted in `search_stale`) is read from its table instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from mentornet.dates import stored_day
from mentornet.domain.search import Document, Record
from mentornet.store import search_index
from mentornet.store.search_index import SEARCHED, Searched
from mentornet.store.values import _text

# Each searched table's alias, its record's day, and whose it is (for --person): a goal's
# and its progress notes' are its mentors'.
_ALIAS = {"person": "p"}
_DAY = {"person": "coalesce(p.met_on, substr(p.created_at, 1, 10))", "touchbase": "t.happened_on",
        "favour": "t.happened_on", "parked_item": "t.parked_on", "followup": "t.created_on",
        "goal": "t.created_on", "goal_progress": "t.noted_on"}
_WHOSE = {"person": "p.id = :who", "touchbase": "t.person_id = :who",
          "favour": "t.person_id = :who", "parked_item": "t.person_id = :who",
          "followup": "t.person_id = :who",
          "goal": "t.id IN (SELECT goal_id FROM goal_mentor WHERE person_id = :who)",
          "goal_progress": "t.goal_id IN (SELECT goal_id FROM goal_mentor "
                           "WHERE person_id = :who)"}
# What a record shows besides its texts: the person, and a detail naming its kind.
_RECORD = {
    "person": ("p.id, p.name, ''", ""),
    "touchbase": ("p.id, p.name, ''", "JOIN person p ON p.id = t.person_id"),
    "favour": ("p.id, p.name, t.direction", "JOIN person p ON p.id = t.person_id"),
    "parked_item": ("p.id, p.name, t.kind", "LEFT JOIN person p ON p.id = t.person_id"),
    "followup": ("p.id, p.name, ''", "JOIN person p ON p.id = t.person_id"),
    "goal": ("NULL, NULL, ''", ""),
    "goal_progress": ("NULL, NULL, t.goal_id", ""),
}


def uses_index(conn: sqlite3.Connection) -> bool:
    """Whether this file has the FTS5 index (made where SQLite has FTS5)."""
    return search_index.has_index(conn)


def documents(conn: sqlite3.Connection, wanted: list[str], *, person_id: int | None,
              since: date | None, scan: bool = False) -> list[Document]:
    """The folded texts of the records that may match the folded words `wanted`, of
    `person_id` and on or after `since` when given: those the index finds, or (with
    `scan`, or without the index) every record."""
    if not wanted:
        return []
    if scan or not uses_index(conn):
        return _read_all(conn, person_id=person_id, since=since)
    try:
        held = _from_index(conn, wanted, person_id=person_id, since=since)
    except sqlite3.OperationalError:  # "no such module: fts5": this SQLite lacks it
        return _read_all(conn, person_id=person_id, since=since)
    live: dict[str, set[int]] = {table: set(ids)
                                 for table, ids in search_index.stale(conn).items()}
    found: list[Document] = []
    add = found.append
    by_code, slots = search_index.BY_CODE, search_index.SLOTS
    for rowid, words, day in held:  # the hot loop: 10,000s of rows for a common word
        if day is None:  # the record is gone, or not of that person or since that day
            continue
        searched = by_code[rowid % slots]
        record_id = rowid // slots
        texts = tuple(words.split("\n")) if isinstance(words, str) else ()
        if len(texts) != len(searched.columns) or record_id in live.get(searched.table, ()):
            live.setdefault(searched.table, set()).add(record_id)  # read it from its table
        else:
            add(Document(searched.table, record_id, day if isinstance(day, str) else "",
                         searched.columns, texts))
    for searched in SEARCHED:
        if live.get(searched.table):
            found.extend(_read(conn, searched, live[searched.table], person_id=person_id,
                               since=since))
    return found


def _read_all(conn: sqlite3.Connection, *, person_id: int | None,
              since: date | None) -> list[Document]:
    found: list[Document] = []
    for searched in SEARCHED:
        found.extend(_read(conn, searched, None, person_id=person_id, since=since))
    return found


def _from_index(conn: sqlite3.Connection, wanted: list[str], *, person_id: int | None,
                since: date | None) -> list[tuple[int, str, object]]:
    """(rowid, words, day) of each record the index finds for `wanted`: one pass over the
    index's matches, each looking its record's day up by id (NULL when the record is gone,
    is not of `person_id`, or is from before `since`)."""
    args: dict[str, object] = {"query": " ".join(f'"{word}"*' for word in wanted)}
    cases = []
    for searched in SEARCHED:
        alias = _ALIAS.get(searched.table, "t")
        where, more = _where(searched, None, person_id=person_id, since=since)
        args.update(more)
        narrowed = where.replace(" WHERE ", " AND ", 1)
        cases.append(f"WHEN {searched.code} THEN (SELECT {_DAY[searched.table]} FROM "
                     f"{searched.table} {alias} WHERE {alias}.id = s.rowid / "
                     f"{search_index.SLOTS}{narrowed})")
    return conn.execute(
        f"SELECT s.rowid, s.words, CASE s.rowid % {search_index.SLOTS} {' '.join(cases)} END "
        f"FROM {search_index.INDEX} AS s WHERE {search_index.INDEX} MATCH :query",
        args).fetchall()


def _where(searched: Searched, ids: Iterable[int] | None, *, person_id: int | None,
           since: date | None) -> tuple[str, dict[str, object]]:
    alias = _ALIAS.get(searched.table, "t")
    clauses: list[str] = []
    args: dict[str, object] = {}
    if ids is not None:
        clauses.append(f"{alias}.id IN ({','.join(str(int(i)) for i in ids)})")
    if person_id is not None:
        clauses.append(_WHOSE[searched.table])
        args["who"] = person_id
    if since is not None:
        clauses.append(f"{_DAY[searched.table]} >= :since")
        args["since"] = since.isoformat()
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), args


def _read(conn: sqlite3.Connection, searched: Searched, ids: Iterable[int] | None, *,
          person_id: int | None, since: date | None) -> list[Document]:
    """The documents of records read from their table: as the index would hold them."""
    alias = _ALIAS.get(searched.table, "t")
    where, args = _where(searched, ids, person_id=person_id, since=since)
    columns = ", ".join(f"{alias}.{column}" for column in searched.columns)
    found = []
    for row in conn.execute(f"SELECT {alias}.id, {_DAY[searched.table]}, {columns} "
                            f"FROM {searched.table} {alias}{where}", args):
        texts = search_index.fields(searched, search_index.words(searched, row[2:]))
        assert texts is not None
        found.append(Document(searched.table, row[0], _day(row[1]), searched.columns, texts))
    return found


def _day(value: object) -> str:
    return value if isinstance(value, str) else ""


def records(conn: sqlite3.Connection, keys: Iterable[tuple[str, int]]
            ) -> dict[tuple[str, int], Record]:
    """The records of these (table, id) keys, with their people and texts, to show."""
    by_table: dict[str, list[int]] = {}
    for table, record_id in keys:
        by_table.setdefault(table, []).append(record_id)
    mentors = _goal_mentors(conn) if {"goal", "goal_progress"} & by_table.keys() else {}
    found: dict[tuple[str, int], Record] = {}
    for table, ids in by_table.items():
        searched = search_index.BY_TABLE[table]
        alias = _ALIAS.get(table, "t")
        shown, joined = _RECORD[table]
        columns = ", ".join(f"{alias}.{column}" for column in searched.columns)
        for row in conn.execute(
                f"SELECT {alias}.id, {_DAY[table]}, {shown}, {columns} FROM {table} {alias} "
                f"{joined} WHERE {alias}.id IN ({','.join(str(int(i)) for i in ids)})"):
            record_id, day, pid, name, detail = row[:5]
            people: tuple[tuple[int, str], ...] = ()
            if pid is not None:
                people = ((pid, _text(name)),)
            elif table == "goal":
                people = tuple(mentors.get(record_id, ()))
            elif table == "goal_progress" and isinstance(detail, int):
                people = tuple(mentors.get(detail, ()))
            found[(table, record_id)] = Record(
                kind=_kind(table, detail), id=record_id, on=stored_day(day), people=people,
                texts=tuple(search_index.texts(searched, row[5:])))
    return found


def _goal_mentors(conn: sqlite3.Connection) -> dict[int, list[tuple[int, str]]]:
    mentors: dict[int, list[tuple[int, str]]] = {}
    for goal_id, pid, name in conn.execute(
            "SELECT m.goal_id, p.id, p.name FROM goal_mentor m JOIN person p "
            "ON p.id = m.person_id ORDER BY m.goal_id, p.name"):
        mentors.setdefault(goal_id, []).append((pid, _text(name)))
    return mentors


def _kind(table: str, detail: object) -> str:
    if table == "favour":
        return "favour given" if detail == "give" else "favour received"
    if table == "parked_item":
        return f"parked {_text(detail) or 'item'}"
    return {"person": "person", "touchbase": "touch-base", "followup": "follow-up",
            "goal": "goal", "goal_progress": "goal progress"}[table]
