"""The plain-SQL reads of store/queries.py return exactly what the ORM reads on the same data.

Reads skip SQLModel for speed (issue 6), so the schema is written twice: as SQLModel tables
and as SQL strings. This test keeps the two from drifting. It builds a store with the
benchmark generator (fixed seed, smaller sizes), loads every table through SQLModel
`select()`, and checks each function of queries.py, with each of its filters, against
what the ORM rows say, ordered as each function documents.
"""

from __future__ import annotations

import inspect
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, select

from benchmark_scripts import load
from mentornet import models
from mentornet.domain import records
from mentornet.domain.names import match_person
from mentornet.domain.news import JobChange
from mentornet.errors import MentornetError
from mentornet.store import queries, stored_rows
from mentornet.store.sqlite.connection import open_db

ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    generate = load("generate")
    path = tmp_path_factory.mktemp("orm") / "store.db"
    sizes = generate.Sizes(people=60, touchbases=900, favours=200, parked=60, followups=80,
                           goals=10)
    generate.build_store(path, sizes, seed=generate.SEED)
    return path


@pytest.fixture(scope="module")
def orm(store: Path) -> dict[str, list[Any]]:
    """Every row of every table, as SQLModel objects."""
    engine = create_engine(f"sqlite:///{store}")
    tables = {"person": models.Person, "touchbase": models.TouchBase, "favour": models.Favour,
              "parked": models.ParkedItem, "followup": models.FollowUp, "goal": models.Goal,
              "goal_mentor": models.GoalMentor, "progress": models.GoalProgress}
    with Session(engine) as session:
        rows = {key: list(session.exec(select(model))) for key, model in tables.items()}
        for row_list in rows.values():
            for row in row_list:
                session.expunge(row)
    engine.dispose()
    return rows


@pytest.fixture
def conn(store: Path) -> Iterator[sqlite3.Connection]:
    connection = open_db(store, write=False)
    yield connection
    connection.close()


def record(kind: type, row: Any, **extra: Any) -> Any:
    """The domain record holding an ORM row's values (JSON lists become tuples)."""
    values = {}
    for name in kind._fields:
        if name in extra:
            values[name] = extra[name]
        else:
            value = getattr(row, name)
            values[name] = tuple(value) if isinstance(value, list) else value
    return kind(**values)


def nocase(name: str) -> str:
    """SQLite's NOCASE collation: ASCII letters folded, nothing else."""
    return name.translate(ASCII_LOWER)


def newest_first(rows: list[Any], day: Callable[[Any], date]) -> list[Any]:
    return sorted(rows, key=lambda row: (day(row), row.id), reverse=True)


def orm_people(orm: dict[str, list[Any]]) -> list[records.Person]:
    return [record(records.Person, p) for p in orm["person"]]


def some_ids(orm: dict[str, list[Any]]) -> list[list[int]]:
    """Groups of people to filter by: one busy person, a handful, nobody."""
    ids = sorted(p.id for p in orm["person"])
    busiest = max(ids, key=lambda pid: sum(t.person_id == pid for t in orm["touchbase"]))
    return [[busiest], ids[::7], []]


# The checks, one per function of queries.py -----------------------------------------------


def test_people_match_with_each_filter(conn: sqlite3.Connection,
                                       orm: dict[str, list[Any]]) -> None:
    everyone = orm_people(orm)
    for kind in (None, "formal", "informal", "prospect", "mentee"):
        for status in (None, "active", "paused", "archived"):
            expected = sorted((p for p in everyone if kind in (None, p.kind)
                               and status in (None, p.status)),
                              key=lambda p: (nocase(p.name), p.id))
            assert queries.people(conn, kind=kind, status=status) == expected, (kind, status)
    some = {p.id for p in everyone[::7]}
    assert queries.people(conn, ids=some) == sorted(
        (p for p in everyone if p.id in some), key=lambda p: (nocase(p.name), p.id))
    assert queries.people(conn, ids=()) == []
    assert queries.people(conn, archived=False) == sorted(
        (p for p in everyone if p.status != "archived"), key=lambda p: (nocase(p.name), p.id))


def test_person_matches_and_a_missing_id_raises(conn: sqlite3.Connection,
                                                orm: dict[str, list[Any]]) -> None:
    for p in orm_people(orm):
        assert queries.person(conn, p.id) == p
    with pytest.raises(LookupError):
        queries.person(conn, max(p.id for p in orm["person"]) + 1)


def test_names_match(conn: sqlite3.Connection, orm: dict[str, list[Any]]) -> None:
    assert queries.names(conn) == sorted((p.id, p.name) for p in orm["person"])


def test_identities_match(conn: sqlite3.Connection, orm: dict[str, list[Any]]) -> None:
    assert queries.identities(conn) == [
        records.Person(id=p.id, name=p.name, email=p.email, phone=p.phone)
        for p in sorted(orm["person"], key=lambda p: p.id)]
    assert any(p.email for p in orm["person"])  # the data has addresses to read


def test_resolve_finds_the_person_the_orm_data_names(conn: sqlite3.Connection,
                                                     orm: dict[str, list[Any]]) -> None:
    everyone = {p.id: p for p in orm_people(orm)}
    pairs = [(p.id, p.name) for p in orm["person"]]
    for p in list(everyone.values())[::5]:
        for query in (p.name, p.name.upper(), f"#{p.id}"):
            assert queries.resolve(conn, query) == everyone[match_person(query, pairs)]
    # Words, prefixes, several people, nobody, and text LIKE would read as a pattern:
    # the same person, or the same error, as match_person over every name.
    words = sorted({word for _, name in pairs for word in name.split()})
    kind_of = {p.id: p.kind for p in orm["person"]}

    def kinds(ids: list[int]) -> dict[int, str]:
        return {pid: kind_of[pid] for pid in ids}

    for query in [*words[::3], *(w[:2] for w in words[::4]), "a", "zz", "%", "_", "\\",
                  "nobody at all", "#0", "#x", "  "]:
        try:
            expected: Any = everyone[match_person(query, pairs, kinds=kinds)]
        except MentornetError as exc:
            expected = (type(exc), str(exc))
        try:
            got: Any = queries.resolve(conn, query)
        except MentornetError as exc:
            got = (type(exc), str(exc))
        assert got == expected, query


def test_resolve_finds_names_that_fold_into_the_query() -> None:
    conn = open_db(None, write=True)
    conn.execute("INSERT INTO person (name, kind, status, focus, created_at, updated_at) "
                 "VALUES ('Anna Straße', 'formal', 'active', '[]', 'x', 'x'), "
                 "('Bo Strasser', 'formal', 'active', '[]', 'x', 'x')")
    # "ß" folds into "ss": the whole word "strasse" is Anna's, where Bo's only starts so.
    assert queries.resolve(conn, "strasse").name == "Anna Straße"
    assert queries.resolve(conn, "STRASSER").name == "Bo Strasser"
    conn.close()


def test_added_on_matches_the_day_of_created_at(conn: sqlite3.Connection,
                                                orm: dict[str, list[Any]]) -> None:
    expected = {p.id: p.created_at.date() for p in orm["person"]}
    assert queries.added_on(conn) == expected
    some = sorted(expected)[:3]
    assert queries.added_on(conn, some) == {pid: expected[pid] for pid in some}


def test_owner_is_none_until_set_and_then_reads_back(tmp_path: Path) -> None:
    from mentornet.domain.owner import Owner
    from mentornet.store.api import writing

    path = tmp_path / "me.db"
    conn = open_db(path, write=True)
    assert queries.owner(conn) is None
    conn.close()
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    with writing(path, description="me", now=now) as change:
        change.set_owner(name="Alex", emails=["a@x.example"], sign_off="Best,")
    conn = open_db(path, write=False)
    assert queries.owner(conn) == Owner(name="Alex", emails=("a@x.example",), sign_off="Best,")
    conn.close()


def test_last_contacts_match(conn: sqlite3.Connection, orm: dict[str, list[Any]]) -> None:
    expected: dict[int, date] = {}
    for t in orm["touchbase"]:
        if t.answered or t.initiator == "them":
            expected[t.person_id] = max(expected.get(t.person_id, t.happened_on),
                                        t.happened_on)
    assert queries.last_contacts(conn) == expected
    for ids in some_ids(orm):
        assert queries.last_contacts(conn, ids) == {
            pid: day for pid, day in expected.items() if pid in ids}


def test_touchbases_match_for_everyone_and_for_some(conn: sqlite3.Connection,
                                                   orm: dict[str, list[Any]]) -> None:
    every = newest_first([record(records.TouchBase, t) for t in orm["touchbase"]],
                         lambda t: t.happened_on)
    assert queries.touchbases(conn) == every
    for ids in some_ids(orm):
        assert queries.touchbases(conn, ids) == [t for t in every if t.person_id in ids]
    untexted = [t._replace(notes=None, topics=(), feedback=None) for t in every]
    assert queries.touchbases(conn, texts=False) == untexted
    assert any(t.notes for t in every)  # the data does have texts to leave out


def test_touchbase_days_match_by_person_oldest_first(conn: sqlite3.Connection,
                                                     orm: dict[str, list[Any]]) -> None:
    every = sorted((record(records.TouchBase, t) for t in orm["touchbase"]),
                   key=lambda t: (t.person_id, t.happened_on, t.id))
    assert queries.touchbase_days(conn) == [
        t._replace(channel="", notes=None, topics=(), feedback=None, group_id=None)
        for t in every]
    assert len({t.person_id for t in every}) > 1
    assert any(not t.two_way for t in every)


def test_topics_since_match(conn: sqlite3.Connection, orm: dict[str, list[Any]]) -> None:
    days = sorted({t.happened_on for t in orm["touchbase"]})
    for since in (days[0] - timedelta(days=1), days[len(days) // 2], days[-1]):
        expected = [(t.person_id, t.happened_on, tuple(t.topics))
                    for t in sorted(orm["touchbase"], key=lambda t: (t.happened_on, t.id))
                    if t.happened_on > since and t.topics
                    and (t.answered or t.initiator == "them")]
        assert queries.topics_since(conn, since) == expected
    assert queries.topics_since(conn, days[0] - timedelta(days=1))  # the data has topics


def test_favours_match_for_everyone_and_for_some(conn: sqlite3.Connection,
                                                 orm: dict[str, list[Any]]) -> None:
    every = newest_first([record(records.Favour, f) for f in orm["favour"]],
                         lambda f: f.happened_on)
    assert queries.favours(conn) == every
    for ids in some_ids(orm):
        assert queries.favours(conn, ids) == [f for f in every if f.person_id in ids]
    assert queries.favours(conn, texts=False) == [f._replace(description="") for f in every]
    assert any(f.description for f in every)  # the data does have texts to leave out


def test_parked_items_match_with_each_filter(conn: sqlite3.Connection,
                                             orm: dict[str, list[Any]]) -> None:
    every = sorted((record(records.ParkedItem, i) for i in orm["parked"]),
                   key=lambda i: (i.parked_on, i.id))
    assert any(i.person_id is None for i in every)  # the data covers general items
    assert any(i.is_open for i in every)
    for ids in [None, *some_ids(orm)]:
        for general in (False, True):
            for open_only in (False, True):
                expected = [i for i in every
                            if (ids is None or i.person_id in ids
                                or (general and i.person_id is None))
                            and (i.is_open or not open_only)]
                got = queries.parked_items(conn, ids, general=general, open_only=open_only)
                assert got == expected, (ids, general, open_only)


def test_followups_match_with_each_filter(conn: sqlite3.Connection,
                                          orm: dict[str, list[Any]]) -> None:
    # Open first; then with a due date, by due date; then by when they were made.
    every = sorted((record(records.FollowUp, f) for f in orm["followup"]),
                   key=lambda f: (f.done_on is not None, f.due is None, f.due or date.min,
                                  f.created_on, f.id))
    assert any(f.is_open for f in every)
    for ids in [None, *some_ids(orm)]:
        for open_only in (False, True):
            expected = [f for f in every if (ids is None or f.person_id in ids)
                        and (f.is_open or not open_only)]
            assert queries.followups(conn, ids, open_only=open_only) == expected, ids


def test_goals_match_with_mentors_and_progress(conn: sqlite3.Connection,
                                               orm: dict[str, list[Any]]) -> None:
    mentors: dict[int, list[int]] = {}
    for link in orm["goal_mentor"]:
        mentors.setdefault(link.goal_id, []).append(link.person_id)
    progress: dict[int, list[records.ProgressNote]] = {}
    for note in newest_first(orm["progress"], lambda n: n.noted_on):
        progress.setdefault(note.goal_id, []).append(record(records.ProgressNote, note))
    every = sorted((record(records.Goal, g, mentor_ids=tuple(sorted(mentors.get(g.id, []))),
                           progress=tuple(progress.get(g.id, [])))
                    for g in orm["goal"]),
                   key=lambda g: (g.target is None, g.target or date.min, g.id))
    assert any(g.progress for g in every)
    mentor_ids = sorted({pid for ids in mentors.values() for pid in ids})
    for status in (None, "open", "done", "dropped"):
        for mentor in (None, *mentor_ids[:4], 10**6):
            expected = [g for g in every if status in (None, g.status)
                        and (mentor is None or mentor in g.mentor_ids)]
            assert queries.goals(conn, status=status, mentor_id=mentor) == expected, (
                status, mentor)


def test_anyone_identity_and_emptiness_match(conn: sqlite3.Connection,
                                             orm: dict[str, list[Any]]) -> None:
    assert queries.anyone(conn) is bool(orm["person"])
    assert queries.is_empty(conn) is False
    engine = create_engine(f"sqlite:///{conn.execute('PRAGMA database_list').fetchone()[2]}")
    with Session(engine) as session:
        identity = session.get(models.DatabaseIdentity, 1)
        assert identity is not None
        assert queries.database_identity(conn) == identity.uuid
    engine.dispose()
    empty = open_db(None, write=True)
    assert not queries.anyone(empty)
    assert queries.is_empty(empty)
    empty.close()


def _as_stored(value: Any) -> Any:
    """An ORM value as SQLite holds it (SQLAlchemy's formats)."""
    from mentornet.store.writes import stored

    return stored(value)


def test_stamps_and_rows_match(conn: sqlite3.Connection, orm: dict[str, list[Any]]) -> None:
    tables = {"person": "person", "touchbase": "touchbase", "favour": "favour",
              "parked_item": "parked", "followup": "followup", "goal": "goal",
              "goal_mentor": "goal_mentor", "goal_progress": "progress"}
    for table, key in tables.items():
        orm_rows = sorted(orm[key], key=lambda r: (r.goal_id, r.person_id)
                          if table == "goal_mentor" else r.id)
        names = list(type(orm_rows[0]).model_fields)
        expected = [tuple(_as_stored(getattr(r, name)) for name in names) for r in orm_rows]
        assert list(stored_rows.rows(conn, table, batch=7)) == expected, table
        assert list(stored_rows.rows(conn, table, columns=names[::-1])) == [
            row[::-1] for row in expected], table
        if table != "goal_mentor":
            assert stored_rows.stamps(conn, table) == {r.id: _as_stored(r.created_at)
                                                   for r in orm_rows}
    assert stored_rows.stamps(conn, "person", "updated_at") == {
        p.id: _as_stored(p.updated_at) for p in orm["person"]}
    with pytest.raises(ValueError, match="no timestamp"):
        stored_rows.stamps(conn, "person", "name")
    with pytest.raises(ValueError, match="no column"):
        list(stored_rows.rows(conn, "person", columns=["name", "nonsense"]))


def test_rows_after_an_id_match(conn: sqlite3.Connection, orm: dict[str, list[Any]]) -> None:
    # The batches an export walks: the rows after an id, the id a batch ends on, and the
    # table's first and last ids, each against the ORM's rows.
    from mentornet.store.stored_rows import FIRST

    for table, key in {"touchbase": "touchbase", "person": "person", "goal": "goal"}.items():
        orm_rows = sorted(orm[key], key=lambda r: r.id)
        ids = [r.id for r in orm_rows]
        names = list(type(orm_rows[0]).model_fields)
        expected = [tuple(_as_stored(getattr(r, name)) for name in names) for r in orm_rows]
        assert stored_rows.span(conn, table) == (ids[0], ids[-1])
        for after in (FIRST, ids[0], ids[len(ids) // 2], ids[-1]):
            later = [row for row, i in zip(expected, ids, strict=True) if i > after]
            for size in (1, 3, len(ids) + 1):
                assert stored_rows.rows_after(conn, table, names, after=after,
                                              size=size) == later[:size], (table, after)
                assert stored_rows.id_after(conn, table, after=after, n=size) == (
                    later[size - 1][names.index("id")] if len(later) >= size else None)
    with pytest.raises(ValueError, match="no column"):
        stored_rows.rows_after(conn, "person", ["nonsense"], after=FIRST, size=1)
    empty = sqlite3.connect(":memory:")
    empty.execute("CREATE TABLE favour (id INTEGER PRIMARY KEY)")
    assert stored_rows.span(empty, "favour") == (None, None)
    assert stored_rows.id_after(empty, "favour", after=FIRST, n=1) is None
    empty.close()


def test_groups_match_the_touch_bases_sharing_a_group(tmp_path: Path) -> None:
    from mentornet.store.api import writing

    path = tmp_path / "groups.db"
    with writing(path, description="groups", now=datetime(2026, 11, 22, tzinfo=UTC)) as tx:
        people = [tx.add_person(name=name, kind="informal", role=None, org=None, via=None,
                                met_on=None, focus=[], cadence_days=None, email=None,
                                link=None, note=None, force=False, first_meeting=False)
                  for name in ("A", "B", "C")]
        ids = [tx.log_touchbase(person_id=pid, on=date(2026, 11, 1), channel="meeting",
                                initiator="me", answered=True, notes=None, topics=[],
                                feedback=None, discussed=[], next_session=None)[0]
               for pid in people]
        tx.link_touchbases(ids[:2])
    engine = create_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        rows = list(session.exec(select(models.TouchBase)))
        expected: dict[int, list[tuple[int, int]]] = {}
        for row in sorted(rows, key=lambda row: row.id or 0):
            if row.group_id is not None:
                expected.setdefault(row.group_id, []).append((row.id or 0, row.person_id))
    engine.dispose()
    conn = open_db(path, write=False)
    try:
        assert queries.groups(conn, [ids[0], ids[2], 999]) == expected
        assert expected == {ids[0]: [(ids[0], people[0]), (ids[1], people[1])]}
        assert queries.groups(conn, []) == {}
    finally:
        conn.close()


def test_job_changes_match_newest_first_for_everyone_and_for_some(tmp_path: Path) -> None:
    from mentornet.store.api import writing

    path = tmp_path / "jobs.db"
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    with writing(path, description="jobs", now=now) as change:
        dana = change.insert("person", {"name": "Dana", "created_at": now, "updated_at": now})
        sam = change.insert("person", {"name": "Sam", "created_at": now, "updated_at": now})
        for pid, day, new in ((dana, date(2026, 3, 1), "VP"), (sam, date(2026, 5, 1), "CPO"),
                              (dana, date(2026, 6, 1), "CEO")):
            change.note_job_change(pid, ("PM", "Acme", new, None), on=day, source="linkedin")
    engine = create_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        rows = list(session.exec(select(models.JobChange)))
    engine.dispose()
    every = [JobChange(r.id, r.person_id, r.noticed_on, r.old_role, r.old_org, r.new_role,
                       r.new_org, r.source) for r in newest_first(rows, lambda r: r.noticed_on)]
    conn = open_db(path, write=False)
    assert queries.job_changes(conn) == every
    assert [j.new_role for j in queries.job_changes(conn, [dana])] == ["CEO", "VP"]
    assert queries.job_changes(conn, []) == []
    conn.close()


CHECKED = {"people", "person", "names", "identities", "resolve", "last_contacts", "added_on",
           "owner", "groups", "job_changes", "touchbases", "favours", "parked_items", "followups",
           "goals", "anyone", "database_identity", "is_empty", "topics_since",
           "touchbase_days"}
STORED_CHECKED = {"stamps", "rows", "rows_after", "id_after", "span"}


@pytest.mark.parametrize(("module", "checked"), [(queries, CHECKED),
                                                 (stored_rows, STORED_CHECKED)])
def test_every_read_of_queries_py_is_checked_here(module: ModuleType, checked: set[str]) -> None:
    public = {name for name, value in vars(module).items()
              if inspect.isfunction(value) and value.__module__ == module.__name__
              and not name.startswith("_")}
    assert public == checked, f"a read was added to {module.__name__}: check it here"
