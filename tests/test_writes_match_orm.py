"""Every plain-SQL write leaves exactly the rows the same write through SQLModel leaves.

The writes skip the ORM for speed, so how SQLAlchemy stores each value (dates, moments,
booleans, JSON lists) is written out again in store/writes.py. Each case below runs one
write function on two copies of the same store, once through the change the commands use
and once through tests/orm_writes.py (the write done with SQLModel), and compares every
table, the change journal and the old values it keeps included; failing writes must fail
alike, with the same message, and leave nothing behind.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

import orm_writes
from benchmark_scripts import load
from mentornet.errors import MentornetError
from mentornet.store.api import writing
from mentornet.store.reads import Reads
from mentornet.store.schema import TABLES
from mentornet.store.writes import Change

NOW = datetime(2026, 11, 22, 9, 30, 15, 123456, tzinfo=UTC)
DAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    generate = load("generate")
    path = tmp_path_factory.mktemp("writes") / "base.db"
    sizes = generate.Sizes(people=30, touchbases=300, favours=60, parked=40, followups=40,
                           goals=6)
    generate.build_store(path, sizes, seed=generate.SEED)
    return path


JOURNAL_STEPS = ("change_step", "change_value")


def dump(path: Path) -> dict[str, Any]:
    """Every row of every table; what the journal holds of each change as a set of steps
    with their old values (the ORM may flush a change's rows in another order)."""
    conn = sqlite3.connect(path)
    try:
        found: dict[str, Any] = {}
        for table in TABLES:
            if table not in JOURNAL_STEPS:
                found[table] = conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        steps: dict[int, list[tuple]] = {}
        for step_id, change_id, table, row_id, action in conn.execute(
                "SELECT id, change_id, table_name, row_id, action FROM change_step"):
            old = conn.execute("SELECT column_name, value FROM change_value WHERE step_id = ? "
                               "ORDER BY column_name", (step_id,)).fetchall()
            steps.setdefault(change_id, []).append((table, row_id, action, old))
        found["journal"] = {key: sorted(value, key=repr) for key, value in steps.items()}
        return found
    finally:
        conn.close()


COVERED: set[str] = set()


def both(method: str, *args: Any, **kwargs: Any) -> tuple[Callable[[Any], Any],
                                                          Callable[[Any], Any]]:
    COVERED.add(method)
    return (lambda tx: getattr(tx, method)(*args, **kwargs),
            lambda tx: getattr(orm_writes, method)(tx, *args, **kwargs))


def _sync_plan() -> Any:
    from mentornet.domain.sync import Joined, Proposed, SyncPlan

    return SyncPlan(source="mail", since=date(2026, 9, 1), touchbases=[
        Proposed(person_id=2, day=date(2026, 11, 2), channel="email", initiator="me",
                 answered=False, items=("<a@x>",)),
        Proposed(person_id=3, day=date(2026, 11, 3), channel="video", initiator="them",
                 answered=True, items=("<b@x>", "<c@x>"), note="Subject")],
        joined=[Joined(person_id=4, touchbase_id=1, day=date(2026, 11, 4), items=("<d@x>",))],
        answered={2: (1, date(2026, 11, 5))}, sessions={5: date(2026, 12, 30)})


SYNC_PLAN = _sync_plan()
PERSON = {"kind": "formal", "role": "CTO", "org": "Acme", "via": "work", "met_on": DAY,
          "focus": ["leadership", "Café"], "cadence_days": 14, "email": "d@example.com",
          "link": None, "note": "a note 'quoted'"}
# Each case: (name, (the call on a Change, the same call through the ORM)).
CASES: list[tuple[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]]] = [
    ("add a person", both("add_person", name="  New   Person ", force=False,
                          first_meeting=True, **PERSON)),
    ("add without a meeting", both("add_person", name="Quiet One", force=False,
                                   first_meeting=False, **PERSON)),
    ("add with a last contact", both("add_person", name="Old Friend", force=False,
                                     first_meeting=True, last_contact=date(2026, 10, 1),
                                     **PERSON)),
    ("add with no date met", both("add_person", name="Known Long", force=False,
                                  first_meeting=False, last_contact=date(2026, 9, 1),
                                  **{**PERSON, "met_on": None})),
    ("add a namesake", both("add_person", name="namesake", force=False, first_meeting=True,
                            **PERSON)),
    ("add an empty name", both("add_person", name="  ", force=False, first_meeting=True,
                               **PERSON)),
    ("set your profile", both("set_owner", name="Alex Kim", emails=["a@x.example"],
                              sign_off="Thanks,")),
    ("edit fields", both("edit_person", 1, name=" Renamed  Person", status="paused",
                         focus=("a", "b"), cadence_days=None, org=None,
                         next_session=date(2026, 12, 1))),
    ("edit to the same values", both("edit_person", 2, kind="informal")),
    ("note a job change", both("note_job_change", 1, ("PM", "Acme", "VP", None), on=DAY,
                               source="linkedin")),
    ("edit nobody", both("edit_person", 10_000, org="X")),
    ("log with everything", both("log_touchbase", person_id=1, on=DAY, channel="coffee",
                                 initiator="me", answered=True, notes="notes",
                                 topics=["x", "é"], feedback="fb", discussed=["all"],
                                 next_session=date(2026, 12, 24))),
    ("log an unanswered outreach", both("log_touchbase", person_id=3, on=DAY,
                                        channel="email", initiator="me", answered=False,
                                        notes=None, topics=[], feedback=None, discussed=[],
                                        next_session=None)),
    ("log a bad parked id", both("log_touchbase", person_id=1, on=DAY, channel="call",
                                 initiator="them", answered=True, notes=None, topics=[],
                                 feedback=None, discussed=["99999"], next_session=None)),
    ("give", both("add_favour", person_id=4, direction="give", on=DAY, kind="intro",
                  description="an intro")),
    ("got nothing", both("add_favour", person_id=4, direction="got", on=DAY, kind="other",
                         description=" ")),
    ("park for a person", both("park", person_id=5, kind="win", text="a win", on=DAY)),
    ("park for every formal mentor", both("park", person_id=None, kind="question",
                                          text="q?", on=DAY)),
    ("todo add", both("add_followup", person_id=6, text="send it", due=date(2026, 12, 1),
                      today=DAY)),
    ("todo add without a date", both("add_followup", person_id=6, text="later", due=None,
                                     today=DAY)),
    ("goal add", both("add_goal", text="a goal", target=None, focus=["x"],
                      mentor_ids=[1, 2, 1], today=DAY)),
    ("goal add without text", both("add_goal", text="", target=None, focus=[],
                                   mentor_ids=[], today=DAY)),
    ("goal on nobody's goal", both("add_progress", 10_000, "moved", today=DAY)),
    ("insert with an id", both("insert", "touchbase", {
        "id": 50_000, "person_id": 2, "happened_on": DAY, "answered": False,
        "topics": ["t"], "created_at": NOW})),
    ("fill", both("fill", "goal", 1, {"target": DAY, "focus": ["y"]})),
    ("insert many", both("insert_many", "person", [
        {"name": f"Imported {n}", "kind": "contact", "via": "platform", "met_on": DAY,
         "focus": [], "email": f"i{n}@example.com" if n % 2 else None, "created_at": NOW,
         "updated_at": NOW} for n in range(7)] + [
        {"id": 40_000, "name": "With an id", "focus": ["x"], "created_at": NOW,
         "updated_at": NOW}, {"name": "After it", "created_at": NOW, "updated_at": NOW}])),
    ("insert none", both("insert_many", "favour", [])),
    ("insert many sharing the moment", both("insert_many", "touchbase", [
        {"person_id": n, "happened_on": DAY, "topics": ["t", str(n)] if n % 2 else []}
        for n in range(1, 6)], shared={"created_at": NOW, "answered": False})),
    ("fill many", both("fill_many", "goal", {1: {"target": DAY}, 2: {"focus": ["y"]},
                                              3: {"target": DAY, "focus": []}})),
    ("fill many with nobody", both("fill_many", "followup", {1: {"due": DAY},
                                                             10_000: {"due": DAY}},
                                   what="todo")),
    ("edit people", both("edit_people", {
        1: {"role": "CTO", "org": "Acme"}, 2: {"role": "CTO", "org": "Acme"},
        3: {"name": "  Re  Named ", "link": "https://x.example/3"}, 4: {"kind": "informal"},
        5: {"focus": ("a",), "met_on": DAY}})),
    ("edit people, one empty name", both("edit_people", {1: {"org": "X"}, 2: {"name": " "}})),
    ("edit people, one nobody", both("edit_people", {1: {"org": "X"}, 10_000: {"org": "Y"},
                                                     3: {"name": ""}})),
    ("link touch-bases", both("link_touchbases", [3, 1, 2])),
    ("correct a touch-base", both("edit_record", "touch-base", 2, {
        "notes": "corrected", "topics": ["z"], "happened_on": date(2026, 1, 2),
        "answered": False})),
    ("correct a favour to no text", both("edit_record", "favour", 1, {"description": " "})),
    ("correct a missing follow-up", both("edit_record", "follow-up", 10_000, {"text": "x"})),
    ("correct a parked item", both("edit_record", "parked item", 1, {"kind": "idea"})),
    ("delete a touch-base", both("delete_record", "touch-base", 4)),
    ("delete a follow-up", both("delete_record", "follow-up", 1)),
    ("delete a missing favour", both("delete_record", "favour", 10_000)),
    ("fill the identity", both("fill", "database_identity", 1, {"uuid": "abc"})),
    ("add an email", both("add_email", 1, " d2@example.com ")),
    ("add an email they have", both("add_email", 1, "D2@EXAMPLE.com")),
    ("add an email to nobody", both("add_email", 10_000, "x@example.com")),
    ("remove an email they lack", both("remove_email", 1, "nobody@example.com")),
    ("record a sync", both("record_sync", SYNC_PLAN, today=DAY)),
]


def _stateful_cases(base: Path) -> list[tuple[str, tuple[Callable[[Any], Any],
                                                         Callable[[Any], Any]]]]:
    """Cases whose ids come from the data: an open and a done follow-up, an open and a
    closed goal, an open parked item of a person."""
    conn = sqlite3.connect(base)
    try:
        open_todo = conn.execute("SELECT id FROM followup WHERE done_on IS NULL").fetchone()[0]
        done_todo = conn.execute("SELECT id FROM followup WHERE done_on IS NOT NULL"
                                 ).fetchone()[0]
        open_goal = conn.execute("SELECT id FROM goal WHERE status = 'open'").fetchone()[0]
        closed_goal = conn.execute("SELECT id FROM goal WHERE status <> 'open'").fetchone()[0]
        item, pid = conn.execute("SELECT id, person_id FROM parked_item WHERE discussed_on "
                                 "IS NULL AND person_id IS NOT NULL").fetchone()
        namesake = conn.execute("SELECT name FROM person WHERE id = 7").fetchone()[0]
    finally:
        conn.close()
    return [
        ("todo done", both("finish_followup", open_todo, today=DAY)),
        ("todo done twice", both("finish_followup", done_todo, today=DAY)),
        ("goal progress", both("add_progress", open_goal, "moved", today=DAY)),
        ("goal edit", both("edit_goal", open_goal, text="A new text", target=DAY,
                           focus=("pricing",), add_mentors=(1, 2), remove_mentors=(3,))),
        ("goal edit an empty text", both("edit_goal", open_goal, text=" ")),
        ("goal edit nothing", both("edit_goal", 10_000, text="x")),
        ("goal done", both("close_goal", open_goal, "done", today=DAY)),
        ("goal drop a closed goal", both("close_goal", closed_goal, "dropped", today=DAY)),
        ("close a parked item", both("close_parked", person_id=pid, which=[f"#{item}"],
                                     on=DAY)),
        ("add a namesake of someone", both("add_person", name=namesake.upper(), force=False,
                                           first_meeting=True, **PERSON)),
        ("add a namesake with --force", both("add_person", name=namesake, force=True,
                                             first_meeting=True, **PERSON)),
    ]


def _run(path: Path, call: Callable[[Any], Any], *, orm: bool) -> tuple[Any, Any]:
    """(what the write returned, the error it raised as (type, message))."""
    opened = orm_writes.orm_writing if orm else writing
    try:
        with opened(path, description="case", now=NOW) as tx:
            return call(tx), None
    except MentornetError as exc:
        return None, (type(exc).__name__, str(exc))


def test_every_write_function_is_covered(base: Path) -> None:
    assert len(_stateful_cases(base)) == STATEFUL_CASES
    from mentornet.store.corrections import Corrections

    reads = set(dir(Reads))
    writes = {name for name, value in [*vars(Change).items(), *vars(Corrections).items()]
              if callable(value) and not name.startswith("_") and name not in reads}
    assert writes - {"value"} <= COVERED, "a write was added: compare it with the ORM here"


STATEFUL_CASES = 11  # how many _stateful_cases gives (checked below)


@pytest.mark.parametrize("index", range(len(CASES) + STATEFUL_CASES))
def test_a_write_leaves_the_rows_the_orm_leaves(base: Path, tmp_path: Path,
                                                index: int) -> None:
    cases = CASES + _stateful_cases(base)
    name, (fast, orm) = cases[index]
    fast_db, orm_db = tmp_path / "fast.db", tmp_path / "orm.db"
    shutil.copyfile(base, fast_db)
    shutil.copyfile(base, orm_db)
    fast_result = _run(fast_db, fast, orm=False)
    orm_result = _run(orm_db, orm, orm=True)
    assert fast_result == orm_result, name
    assert dump(fast_db) == dump(orm_db), name
