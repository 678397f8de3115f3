"""Reads in plain SQL over the tables of models.py, returning domain records.

Reads do not go through SQLModel: importing SQLAlchemy and pydantic costs more than
the whole of an everyday command like `due` or `list`. The schema stays declared once,
in models.py; tests/test_queries.py checks these reads against the ORM's on the same data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from mentornet.domain.names import fold, match_person
from mentornet.domain.news import JobChange
from mentornet.domain.owner import Owner
from mentornet.domain.records import (
    Favour,
    FollowUp,
    Goal,
    ParkedItem,
    Person,
    ProgressNote,
    TouchBase,
)
from mentornet.errors import NotFound
from mentornet.store.engines import beyond_ascii, like_any_case
from mentornet.store.values import (
    _closeness,
    _count,
    _date,
    _day,
    _new,
    _reader,
    _sphere,
    _tags,
    _text,
)
from mentornet.vocab import PHASES


def _in(ids: Iterable[int]) -> str:
    """The ids for `IN (...)`: NULL, which matches nothing, when there are none (PostgreSQL
    refuses an empty list)."""
    return ",".join(str(int(i)) for i in ids) or "NULL"


# The record's fields are the columns read (tests/test_store_schema.py ties them to the
# table), each stored value turned back by the type the record declares.
PERSON_COLUMNS = ", ".join(Person._fields)


_SPECIAL_READERS = {"cadence_days": _count, "closeness": _closeness, "sphere": _sphere}
_PERSON_READERS = tuple(_SPECIAL_READERS.get(name) or _reader(kind)
                        for name, kind in Person.__annotations__.items())


def _person(row: tuple) -> Person:
    return Person._make([value if read is None else read(value)
                         for read, value in zip(_PERSON_READERS, row, strict=True)])


def people(conn: sqlite3.Connection, *, kind: str | None = None,
           status: str | None = None, ids: Iterable[int] | None = None,
           archived: bool = True) -> list[Person]:
    """The panel ordered by name; optionally only one kind, one status, these ids, or all
    three; `archived=False` leaves out the people archived."""
    sql = f"SELECT {PERSON_COLUMNS} FROM person WHERE 1=1"
    args: list[str] = []
    if ids is not None:
        sql += f" AND id IN ({_in(ids)})"
    if not archived:
        sql += " AND status <> 'archived'"
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    if status:
        sql += " AND status = ?"
        args.append(status)
    rows = conn.execute(sql + " ORDER BY lower(name), id", args).fetchall()
    return [_person(row) for row in rows]


def person(conn: sqlite3.Connection, person_id: int) -> Person:
    row = conn.execute(f"SELECT {PERSON_COLUMNS} FROM person WHERE id = ?",
                       (person_id,)).fetchone()
    if row is None:
        raise LookupError(person_id)
    return _person(row)


def names(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """Every person's (id, name), for name matching and shell completion."""
    return [(pid, _text(name))
            for pid, name in conn.execute("SELECT id, name FROM person ORDER BY id")]


def identities(conn: sqlite3.Connection) -> list[Person]:
    """Every person by id with only their name, email and phone, the rest at the record's
    defaults: what the check for people entered twice compares (domain/merging.py)."""
    return [Person(id=pid, name=_text(name), email=_text(email), phone=_text(phone))
            for pid, name, email, phone in conn.execute(
                "SELECT id, name, email, phone FROM person ORDER BY id")]


def anyone(conn: sqlite3.Connection) -> bool:
    """Whether anyone is on the panel."""
    return conn.execute("SELECT 1 FROM person LIMIT 1").fetchone() is not None


def resolve(conn: sqlite3.Connection, query: str) -> Person:
    """The person a NAME argument means (see domain/names.py), or a clear error.

    match_person decides among the names that could match, which SQLite picks out without
    handing every name to Python (a fifth of `log` on a panel of 30,000): each rule of
    match_person needs the query, folded, inside the folded name. When the folded query
    is ASCII (`jose`, and `José` or `ｊｏｓｅ` typed) that is a LIKE (which folds ASCII
    letters) on a name in ASCII; a name with other letters may fold into ASCII ("é" into
    "e", "ß" into "ss"), so those are always handed over. When nobody matches, all names
    are, for the suggestions.
    """
    text = fold(query)
    if not text.isascii() or not text or query.strip().startswith("#"):
        return person(conn, match_person(query, names(conn), kinds=_kinds(conn)))
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    candidates = [(pid, _text(name)) for pid, name in conn.execute(
        f"SELECT id, name FROM person WHERE {like_any_case('name', conn)} "
        f"OR {beyond_ascii('name', conn)} ORDER BY id", (pattern,))]
    try:
        return person(conn, match_person(query, candidates, kinds=_kinds(conn)))
    except NotFound:
        return person(conn, match_person(query, names(conn), kinds=_kinds(conn)))


def _kinds(conn: sqlite3.Connection) -> Any:
    """The kinds of these people, for telling namesakes apart in an error."""
    def kinds(ids: list[int]) -> dict[int, str]:
        return {pid: _text(kind) for pid, kind in conn.execute(
            f"SELECT id, kind FROM person WHERE id IN ({_in(ids)})")}
    return kinds


def _two_way(alias: str = "") -> str:
    """The SQL form of `TouchBase.two_way` (domain/records.py): answered, or initiated by
    them. Every query asking it uses this one condition (`due`'s panel query too)."""
    return f"({alias}answered <> 0 OR {alias}initiator = 'them')"


def last_contacts(conn: sqlite3.Connection, person_ids: Iterable[int] | None = None
                  ) -> dict[int, date]:
    """Each person's (or these people's) most recent two-way touch-base.

    A short walk per person along the touch-base index from the newest end, so the cost
    follows the people asked about, not the length of their history.
    """
    where = f"WHERE p.id IN ({_in(person_ids)})" if person_ids is not None else ""
    rows = conn.execute(
        "SELECT p.id, (SELECT u.happened_on FROM touchbase AS u WHERE u.person_id = p.id "
        f"AND {_two_way('u.')} ORDER BY u.happened_on DESC LIMIT 1) "
        f"FROM person AS p {where}")
    return {pid: day for pid, stored in rows if (day := _date(stored)) is not None}


def added_on(conn: sqlite3.Connection, person_ids: Iterable[int] | None = None
             ) -> dict[int, date]:
    """The day each person (or these people) was added: the date part of created_at.

    Where a relationship stands depends on it (domain/relationship.py): an old
    relationship brought in is never new, and one-sided counting starts on that day.
    """
    where = f"WHERE id IN ({_in(person_ids)})" if person_ids is not None else ""
    rows = conn.execute(f"SELECT id, substr(created_at, 1, 10) FROM person {where}")
    return {pid: day for pid, stored in rows if (day := _date(stored)) is not None}


def owner(conn: sqlite3.Connection) -> Owner | None:
    """Your own profile (`mentornet me`), or None when it was never set."""
    row = conn.execute("SELECT name, org, role, emails, sign_off, phase, situation "
                       "FROM owner ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    name, org, role, emails, sign_off, phase, situation = row
    phase = _text(phase)
    return Owner(name=_text(name), org=_text(org), role=_text(role), emails=_tags(emails),
                 sign_off=_text(sign_off), phase=phase if phase in PHASES else None,
                 situation=_text(situation))


def topics_since(conn: sqlite3.Connection, since: date) -> list[tuple[int, date, tuple[str, ...]]]:
    """(person id, day, topics) of each two-way touch-base after `since` with topics,
    oldest first: what `review` reads of the last year's conversations (never notes)."""
    rows = conn.execute("SELECT person_id, happened_on, topics FROM touchbase "
                        "WHERE happened_on > ? AND topics <> '[]' "
                        f"AND {_two_way()} ORDER BY happened_on, id",
                        (since.isoformat(),))
    return [(pid, day, found) for pid, stored, tags in rows
            if (day := _day(stored)) is not None and (found := _tags(tags))]


def touchbases(conn: sqlite3.Connection, person_ids: Iterable[int] | None = None, *,
               texts: bool = True) -> list[TouchBase]:
    """Touch-bases, newest first; `texts=False` leaves their notes, topics and feedback
    unread (None and empty), for a read that only dates and counts them (`review`)."""
    where = f"WHERE person_id IN ({_in(person_ids)})" if person_ids is not None else ""
    if not texts:  # a long read of short texts: decoded the quick way
        from mentornet.store.sqlite.connection import fetch_strict_first

        found = fetch_strict_first(conn, "SELECT id, person_id, happened_on, channel, "
                                   f"initiator, answered, group_id FROM touchbase {where} "
                                   "ORDER BY happened_on DESC, id DESC")
        return [_new(TouchBase, (i, p, on, c if type(c) is str else _text(c),
                                 by if type(by) is str else _text(by), bool(a), None, (), None,
                                 g))
                for i, p, d, c, by, a, g in found if (on := _day(d)) is not None]
    rows = conn.execute(
        "SELECT id, person_id, happened_on, channel, initiator, answered, notes, topics, "
        f"feedback, group_id FROM touchbase {where} ORDER BY happened_on DESC, id DESC")
    return [TouchBase(id=i, person_id=p, happened_on=on, channel=_text(c),
                      initiator=_text(by), answered=bool(a), notes=_text(n), topics=_tags(t),
                      feedback=_text(f), group_id=g)
            for i, p, d, c, by, a, n, t, f, g in rows if (on := _day(d)) is not None]


def touchbase_days(conn: sqlite3.Connection) -> list[TouchBase]:
    """Every touch-base, by person and oldest first (person id, day, id), read from the
    touch-base index alone (ix_touchbase_person_date_reply holds each one's person, day,
    id, answer and initiator), never from the table: a third of the cost of `touchbases`,
    for `review`, which only dates and counts them and tells the two-way ones. Their
    channel is left unread (""), and so are their notes, topics, feedback and group."""
    from mentornet.store.sqlite.connection import fetch_strict_first

    found = fetch_strict_first(conn, "SELECT id, person_id, happened_on, initiator, answered "
                               "FROM touchbase ORDER BY person_id, happened_on, id")
    return [_new(TouchBase, (i, p, on, "", by if type(by) is str else _text(by), bool(a),
                             None, (), None, None))
            for i, p, d, by, a in found if (on := _day(d)) is not None]


def groups(conn: sqlite3.Connection, group_ids: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
    """The (touch-base id, person id) of each conversation with several people, by group."""
    found: dict[int, list[tuple[int, int]]] = {}
    wanted = _in(set(group_ids))
    if wanted:
        for group, touchbase_id, person_id in conn.execute(
                f"SELECT group_id, id, person_id FROM touchbase WHERE group_id IN ({wanted}) "
                "ORDER BY id"):
            found.setdefault(group, []).append((touchbase_id, person_id))
    return found


def favours(conn: sqlite3.Connection, person_ids: Iterable[int] | None = None, *,
            texts: bool = True) -> list[Favour]:
    """Favours given and received, newest first; `texts=False` leaves their descriptions
    unread (""), for a read that only dates, counts and sorts them by kind (`review`)."""
    where = f"WHERE person_id IN ({_in(person_ids)})" if person_ids is not None else ""
    from mentornet.store.sqlite.connection import fetch_strict_first

    described = "description" if texts else "''"
    rows = fetch_strict_first(conn, "SELECT id, person_id, direction, happened_on, kind, "
                              f"{described} FROM favour {where} "
                              "ORDER BY happened_on DESC, id DESC")
    return [_new(Favour, (i, p, d if type(d) is str else _text(d), day,
                          k if type(k) is str else _text(k), t if type(t) is str else _text(t)))
            for i, p, d, on, k, t in rows if (day := _day(on)) is not None]


def job_changes(conn: sqlite3.Connection, person_ids: Iterable[int] | None = None
                ) -> list[JobChange]:
    """Job changes imports noticed, newest first."""
    where = f"WHERE person_id IN ({_in(person_ids)})" if person_ids is not None else ""
    rows = conn.execute("SELECT id, person_id, noticed_on, old_role, old_org, new_role, "
                        f"new_org, source FROM job_change {where} "
                        "ORDER BY noticed_on DESC, id DESC")
    return [JobChange(i, p, day, _text(a), _text(b), _text(c), _text(d), _text(s))
            for i, p, on, a, b, c, d, s in rows if (day := _date(on)) is not None]


def parked_items(conn: sqlite3.Connection, person_ids: Iterable[int] | None = None, *,
                 general: bool = False, open_only: bool = False) -> list[ParkedItem]:
    """Parked items in the order parked; `general` adds those parked for every formal mentor."""
    clauses = []
    if person_ids is not None:
        ours = f"person_id IN ({_in(person_ids)})"
        clauses.append(f"({ours} OR person_id IS NULL)" if general else ours)
    if open_only:
        clauses.append("discussed_on IS NULL")
    where = "WHERE " + " AND ".join(clauses) if clauses else ""
    rows = conn.execute("SELECT id, person_id, kind, text, parked_on, discussed_on, "
                        f"discussed_with FROM parked_item {where} ORDER BY parked_on, id")
    return [ParkedItem(id=i, person_id=p, kind=_text(k), text=_text(t), parked_on=day,
                       discussed_on=_date(done), discussed_with=w)
            for i, p, k, t, on, done, w in rows if (day := _date(on)) is not None]


def followups(conn: sqlite3.Connection, person_ids: Iterable[int] | None = None, *,
              open_only: bool = False) -> list[FollowUp]:
    """Follow-ups, open ones first by due date, then by when they were made."""
    clauses = []
    if person_ids is not None:
        clauses.append(f"person_id IN ({_in(person_ids)})")
    if open_only:
        clauses.append("done_on IS NULL")
    where = "WHERE " + " AND ".join(clauses) if clauses else ""
    rows = conn.execute(
        "SELECT id, person_id, text, created_on, due, done_on FROM followup "
        f"{where} ORDER BY done_on IS NOT NULL, due IS NULL, due, created_on, id")
    return [FollowUp(id=i, person_id=p, text=_text(t), created_on=day,
                     due=_date(due), done_on=_date(done)) for i, p, t, made, due, done in rows
            if (day := _date(made)) is not None]


def goals(conn: sqlite3.Connection, *, status: str | None = None,
          mentor_id: int | None = None) -> list[Goal]:
    """Goals by target date, each with its mentors and progress notes (newest first)."""
    clauses: list[str] = []
    args: list[object] = []
    if status:
        clauses.append("status = ?")
        args.append(status)
    if mentor_id is not None:
        clauses.append("id IN (SELECT goal_id FROM goal_mentor WHERE person_id = ?)")
        args.append(mentor_id)
    where = "WHERE " + " AND ".join(clauses) if clauses else ""
    rows = conn.execute("SELECT id, text, created_on, target, focus, status, closed_on "
                        f"FROM goal {where} ORDER BY target IS NULL, target, id",
                        args).fetchall()
    ids = _in(row[0] for row in rows)
    mentors: dict[int, list[int]] = {}
    progress: dict[int, list[ProgressNote]] = {}
    if ids:
        for goal_id, pid in conn.execute("SELECT goal_id, person_id FROM goal_mentor "
                                         f"WHERE goal_id IN ({ids}) ORDER BY person_id"):
            mentors.setdefault(goal_id, []).append(pid)
        for nid, goal_id, on, note in conn.execute(
                "SELECT id, goal_id, noted_on, note FROM goal_progress "
                f"WHERE goal_id IN ({ids}) ORDER BY noted_on DESC, id DESC"):
            if (day := _date(on)) is not None:
                progress.setdefault(goal_id, []).append(
                    ProgressNote(id=nid, goal_id=goal_id, noted_on=day, note=_text(note)))
    return [Goal(id=i, text=_text(t), created_on=day, target=_date(target),
                 focus=_tags(focus), status=_text(s), closed_on=_date(closed),
                 mentor_ids=tuple(mentors.get(i, ())), progress=tuple(progress.get(i, ())))
            for i, t, made, target, focus, s, closed in rows
            if (day := _date(made)) is not None]


def database_identity(conn: sqlite3.Connection) -> str:
    """This database's random identity (see migrations.py), carried by every export."""
    row = conn.execute("SELECT uuid FROM database_identity WHERE id = 1").fetchone()
    return str(row[0]) if row else ""


def is_empty(conn: sqlite3.Connection) -> bool:
    """No people, no goals and no parked items (so no rows at all)."""
    return not any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
                   for table in ("person", "goal", "parked_item"))
