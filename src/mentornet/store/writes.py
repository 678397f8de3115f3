"""The write path: one SQLModel session per command, in one BEGIN IMMEDIATE transaction.

Every write is recorded in the change journal (see migrations.py) under one described
change, so `mentornet undo` can reverse it, whichever process made it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from mentornet import models
from mentornet.domain.records import Person
from mentornet.errors import BadInput, NotFound
from mentornet.store import queries, safety
from mentornet.store.connection import database_error, open_db

KEEP_CHANGES = 200  # how many changes `undo` can walk back through


@dataclass
class Tx:
    """An open write transaction: the ORM session and the same connection for plain reads."""

    session: Session
    conn: sqlite3.Connection
    now: datetime

    def resolve(self, name: str) -> Person:
        return queries.resolve(self.conn, name)


@contextlib.contextmanager
def writing(path: Path | None, *, description: str, now: datetime) -> Iterator[Tx]:
    """Open the store for writing and run the body as one described, undoable change.

    The write lock is taken up front (BEGIN IMMEDIATE) so that concurrent commands queue
    on the busy timeout instead of failing half-way; any error rolls everything back.
    """
    conn = open_db(path, write=True)
    try:  # before the transaction: SQLite can't back up from a connection writing it
        safety.before_write(conn, path, today=now.date())
    except BaseException:
        conn.close()
        raise
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool,
                           hide_parameters=True)

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with Session(engine, expire_on_commit=False) as session:
            session.connection()  # BEGIN IMMEDIATE now, before any read
            session.add(models.ChangeLog(made_at=now, description=description))
            session.flush()
            yield Tx(session=session, conn=conn, now=now)
            session.flush()
            _trim_journal(conn)
            session.commit()
    except sqlite3.Error as exc:
        raise database_error(exc, path) from None
    except Exception as exc:
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.Error):
            raise database_error(orig, path) from None
        raise
    finally:
        engine.dispose()
        conn.close()


def _trim_journal(conn: sqlite3.Connection) -> None:
    oldest = conn.execute("SELECT id FROM change_log ORDER BY id DESC LIMIT 1 OFFSET ?",
                          (KEEP_CHANGES,)).fetchone()
    if oldest:
        conn.execute("DELETE FROM undo_step WHERE change_id <= ?", oldest)
        conn.execute("DELETE FROM change_log WHERE id <= ?", oldest)


def _get(tx: Tx, model: type[Any], item_id: int, what: str) -> Any:
    row = tx.session.get(model, item_id)
    if row is None:
        raise NotFound(f"there is no {what} #{item_id}: see `mentornet {what} list`")
    return row


# People ---------------------------------------------------------------------------------


def add_person(tx: Tx, *, name: str, kind: str, role: str | None, org: str | None,
               via: str | None, met_on: date, focus: Sequence[str], cadence_days: int | None,
               email: str | None, link: str | None, note: str | None, force: bool,
               first_meeting: bool) -> models.Person:
    """Add a person, and the first meeting as a touch-base unless `first_meeting` is false."""
    clean = " ".join(name.split())
    if not clean:
        raise BadInput("the name is empty: give the person's name, e.g. \"Dana Lee\"")
    if not force:
        same = [pid for pid, other in queries.names(tx.conn)
                if other.casefold() == clean.casefold()]
        if same:
            raise BadInput(f"{clean!r} is already on your panel (#{same[0]}): use "
                           "--force to add a second person with the same name")
    person = models.Person(name=clean, kind=kind, role=role, org=org, via=via,
                           met_on=met_on, focus=list(focus), cadence_days=cadence_days,
                           email=email, link=link, notes=note, created_at=tx.now,
                           updated_at=tx.now)
    tx.session.add(person)
    tx.session.flush()
    if first_meeting:
        assert person.id is not None
        tx.session.add(models.TouchBase(person_id=person.id, happened_on=met_on,
                                        channel="meeting", initiator="me", answered=True,
                                        notes="First meeting", topics=[],
                                        created_at=tx.now))
    return person


def edit_person(tx: Tx, person_id: int, **changes: Any) -> models.Person:
    """Change a person's fields; only the keys given are changed. History is kept."""
    person = _get(tx, models.Person, person_id, "person")
    if "name" in changes:
        changes["name"] = " ".join(str(changes["name"]).split())
        if not changes["name"]:
            raise BadInput("the new name is empty: give the person's name")
    for key, value in changes.items():
        setattr(person, key, list(value) if key == "focus" else value)
    person.updated_at = tx.now
    tx.session.add(person)
    return person


# History --------------------------------------------------------------------------------


def log_touchbase(tx: Tx, *, person_id: int, on: date, channel: str, initiator: str,
                  answered: bool, notes: str | None, topics: Sequence[str],
                  feedback: str | None, discussed: Sequence[str],
                  next_session: date | None) -> tuple[models.TouchBase, list[int]]:
    """Record a touch-base; close the parked items discussed; set the next session."""
    touchbase = models.TouchBase(person_id=person_id, happened_on=on, channel=channel,
                                 initiator=initiator, answered=answered, notes=notes,
                                 topics=list(topics), feedback=feedback, created_at=tx.now)
    tx.session.add(touchbase)
    closed = close_parked(tx, person_id=person_id, which=discussed, on=on)
    person = _get(tx, models.Person, person_id, "person")
    if next_session is not None:
        person.next_session = next_session
    elif person.next_session is not None and person.next_session <= on and answered:
        person.next_session = None  # the session scheduled for then has happened
    person.updated_at = tx.now
    tx.session.add(person)
    return touchbase, closed


def close_parked(tx: Tx, *, person_id: int, which: Sequence[str], on: date) -> list[int]:
    """Mark parked items discussed: ids, or `all` for everything open with this person."""
    if not which:
        return []
    formal = queries.person(tx.conn, person_id).kind == "formal"
    open_items = {item.id: item for item in queries.parked_items(  # general ones: formal only
        tx.conn, [person_id], general=formal, open_only=True)}
    wanted: set[int] = set()
    for token in which:
        text = token.strip().lstrip("#").lower()
        if text == "all":
            wanted.update(open_items)
        elif text.isdigit() and int(text) in open_items:
            wanted.add(int(text))
        else:
            raise NotFound(f"no open parked item {token!r} for this person: "
                           "see `mentornet show NAME` for the ids")
    for item_id in sorted(wanted):
        row = _get(tx, models.ParkedItem, item_id, "parked item")
        row.discussed_on, row.discussed_with = on, person_id
        tx.session.add(row)
    return sorted(wanted)


def add_favour(tx: Tx, *, person_id: int, direction: str, on: date, kind: str,
               description: str) -> models.Favour:
    if not description.strip():
        raise BadInput("say what the favour was, e.g. \"intro to the ML platform team\"")
    favour = models.Favour(person_id=person_id, direction=direction, happened_on=on,
                           kind=kind, description=description, created_at=tx.now)
    tx.session.add(favour)
    return favour


def park(tx: Tx, *, person_id: int | None, kind: str, text: str,
         on: date) -> models.ParkedItem:
    if not text.strip():
        raise BadInput("there is nothing to park: give the question, idea, win or challenge")
    item = models.ParkedItem(person_id=person_id, kind=kind, text=text, parked_on=on,
                             created_at=tx.now)
    tx.session.add(item)
    return item


# Follow-ups and goals -------------------------------------------------------------------


def add_followup(tx: Tx, *, person_id: int, text: str, due: date | None,
                 today: date) -> models.FollowUp:
    if not text.strip():
        raise BadInput("the follow-up is empty: say what you promised")
    followup = models.FollowUp(person_id=person_id, text=text, due=due, created_on=today,
                               created_at=tx.now)
    tx.session.add(followup)
    return followup


def finish_followup(tx: Tx, followup_id: int, *, today: date) -> models.FollowUp:
    followup = _get(tx, models.FollowUp, followup_id, "todo")
    if followup.done_on is not None:
        raise BadInput(f"follow-up #{followup_id} is already done "
                       f"({followup.done_on.isoformat()})")
    followup.done_on = today
    tx.session.add(followup)
    return followup


def add_goal(tx: Tx, *, text: str, target: date | None, focus: Sequence[str],
             mentor_ids: Sequence[int], today: date) -> models.Goal:
    if not text.strip():
        raise BadInput("the goal is empty: say what you want to achieve")
    goal = models.Goal(text=text, target=target, focus=list(focus), created_on=today,
                       created_at=tx.now)
    tx.session.add(goal)
    tx.session.flush()
    assert goal.id is not None
    for person_id in dict.fromkeys(mentor_ids):
        tx.session.add(models.GoalMentor(goal_id=goal.id, person_id=person_id))
    return goal


def add_progress(tx: Tx, goal_id: int, note: str, *, today: date) -> models.GoalProgress:
    goal = _get(tx, models.Goal, goal_id, "goal")
    if not note.strip():
        raise BadInput("the progress note is empty: say what moved")
    progress = models.GoalProgress(goal_id=goal.id, noted_on=today, note=note,
                                   created_at=tx.now)
    tx.session.add(progress)
    return progress


def close_goal(tx: Tx, goal_id: int, status: str, *, today: date) -> models.Goal:
    goal = _get(tx, models.Goal, goal_id, "goal")
    if goal.status != "open":
        raise BadInput(f"goal #{goal_id} is already {goal.status}")
    goal.status, goal.closed_on = status, today
    tx.session.add(goal)
    return goal

