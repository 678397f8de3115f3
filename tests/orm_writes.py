"""The write functions done with SQLModel: the reference the plain-SQL writes must match.

This is how mentornet wrote before its writes went without the ORM: one SQLModel session
in one BEGIN IMMEDIATE transaction, under one change of the journal. The plain-SQL writes
(store/writes.py) must leave exactly the rows these leave (tests/test_writes_match_orm.py).
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
from mentornet.errors import BadInput, NotFound
from mentornet.store import queries
from mentornet.store.sqlite.connection import open_db
from mentornet.store.writes import trim_journal

MODELS = {"person": models.Person, "touchbase": models.TouchBase, "favour": models.Favour,
          "parked_item": models.ParkedItem, "followup": models.FollowUp, "goal": models.Goal,
          "goal_mentor": models.GoalMentor, "goal_progress": models.GoalProgress,
          "database_identity": models.DatabaseIdentity, "person_email": models.PersonEmail,
          "sync_item": models.SyncItem, "sync_run": models.SyncRun}


@dataclass
class OrmChange:
    session: Session
    conn: sqlite3.Connection
    now: datetime


@contextlib.contextmanager
def orm_writing(path: Path, *, description: str, now: datetime) -> Iterator[OrmChange]:
    conn = open_db(path, write=True)
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with Session(engine, expire_on_commit=False) as session:
            session.connection()
            session.add(models.ChangeLog(made_at=now, description=description))
            session.flush()
            yield OrmChange(session=session, conn=conn, now=now)
            session.flush()
            trim_journal(conn)
            session.commit()
    finally:
        engine.dispose()
        conn.close()


def _get(tx: OrmChange, model: type[Any], item_id: int, what: str) -> Any:
    row = tx.session.get(model, item_id)
    if row is None:
        raise NotFound(f"there is no {what} #{item_id}: see `mentornet {what} list`")
    return row


def insert(tx: OrmChange, table: str, values: dict[str, Any]) -> int:
    row = MODELS[table](**{k: list(v) if isinstance(v, list | tuple) else v
                           for k, v in values.items()})
    tx.session.add(row)
    tx.session.flush()
    return int(getattr(row, "id", 0) or 0)


def insert_many(tx: OrmChange, table: str, rows: Sequence[dict[str, Any]], *,
                shared: dict[str, Any] | None = None) -> int:
    for values in rows:
        insert(tx, table, {**(shared or {}), **values})
    return len(rows)


def fill_many(tx: OrmChange, table: str, values_by_id: dict[int, dict[str, Any]], *,
              what: str | None = None) -> None:
    for row_id, values in values_by_id.items():
        fill(tx, table, row_id, values, what=what)


def fill(tx: OrmChange, table: str, row_id: int, values: dict[str, Any], *,
         what: str | None = None) -> None:
    row = _get(tx, MODELS[table], row_id, what or table)
    for name, value in values.items():
        setattr(row, name, list(value) if isinstance(value, list | tuple) else value)
    tx.session.add(row)


def add_person(tx: OrmChange, *, name: str, kind: str, role: str | None, org: str | None,
               via: str | None, met_on: date | None, focus: Sequence[str],
               cadence_days: int | None, email: str | None, link: str | None, note: str | None,
               force: bool, first_meeting: bool, last_contact: date | None = None) -> int:
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
    assert person.id is not None
    if first_meeting and met_on is not None:
        tx.session.add(models.TouchBase(person_id=person.id, happened_on=met_on,
                                        channel="meeting", initiator="me", answered=True,
                                        notes="First meeting", topics=[],
                                        created_at=tx.now))
    if last_contact is not None and not (first_meeting and last_contact == met_on):
        tx.session.add(models.TouchBase(person_id=person.id, happened_on=last_contact,
                                        channel="other", initiator="me", answered=True,
                                        notes="Last contact before mentornet", topics=[],
                                        created_at=tx.now))
    return person.id


def edit_person(tx: OrmChange, person_id: int, **changes: Any) -> None:
    person = _get(tx, models.Person, person_id, "person")
    if "name" in changes:
        changes["name"] = " ".join(str(changes["name"]).split())
        if not changes["name"]:
            raise BadInput("the new name is empty: give the person's name")
    for key, value in changes.items():
        setattr(person, key, list(value) if key == "focus" else value)
    person.updated_at = tx.now
    tx.session.add(person)


def edit_people(tx: OrmChange, changes_by_id: dict[int, dict[str, Any]]) -> None:
    for person_id, changes in changes_by_id.items():
        edit_person(tx, person_id, **changes)


def set_owner(tx: OrmChange, **changes: Any) -> None:
    from sqlmodel import select

    owner = tx.session.exec(select(models.Owner).order_by(models.Owner.id)).first()
    if owner is None:
        owner = models.Owner(updated_at=tx.now, emails=[])
    for key, value in changes.items():
        setattr(owner, key, list(value) if key == "emails" else value)
    owner.updated_at = tx.now
    tx.session.add(owner)


def log_touchbase(tx: OrmChange, *, person_id: int, on: date, channel: str, initiator: str,
                  answered: bool, notes: str | None, topics: Sequence[str],
                  feedback: str | None, discussed: Sequence[str],
                  next_session: date | None) -> tuple[int, list[int]]:
    touchbase = models.TouchBase(person_id=person_id, happened_on=on, channel=channel,
                                 initiator=initiator, answered=answered, notes=notes,
                                 topics=list(topics), feedback=feedback, created_at=tx.now)
    tx.session.add(touchbase)
    tx.session.flush()
    closed = close_parked(tx, person_id=person_id, which=discussed, on=on)
    person = _get(tx, models.Person, person_id, "person")
    if next_session is not None:
        person.next_session = next_session
    elif person.next_session is not None and person.next_session <= on and answered:
        person.next_session = None
    person.updated_at = tx.now
    tx.session.add(person)
    assert touchbase.id is not None
    return touchbase.id, closed


def close_parked(tx: OrmChange, *, person_id: int, which: Sequence[str],
                 on: date) -> list[int]:
    if not which:
        return []
    tx.session.flush()
    formal = queries.person(tx.conn, person_id).kind == "formal"
    open_items = {item.id: item for item in queries.parked_items(
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
        if row.person_id is None:  # for every formal mentor: stays open for the others
            from sqlmodel import select

            others = tx.session.exec(select(models.Person).where(
                models.Person.kind == "formal", models.Person.status != "archived",
                models.Person.id != person_id).order_by(models.Person.id)).all()
            for other in others:
                tx.session.add(models.ParkedItem(
                    person_id=other.id, kind=row.kind, text=row.text, parked_on=row.parked_on,
                    created_at=tx.now))
                tx.session.flush()
        row.discussed_on, row.discussed_with = on, person_id
        tx.session.add(row)
    return sorted(wanted)


def note_job_change(tx: OrmChange, person_id: int, change: tuple[str | None, ...], *,
                    on: date, source: str) -> int:
    old_role, old_org, new_role, new_org = change
    row = models.JobChange(person_id=person_id, noticed_on=on, old_role=old_role,
                           old_org=old_org, new_role=new_role, new_org=new_org, source=source,
                           created_at=tx.now)
    tx.session.add(row)
    tx.session.flush()
    assert row.id is not None
    return row.id


def add_favour(tx: OrmChange, *, person_id: int, direction: str, on: date, kind: str,
               description: str) -> int:
    if not description.strip():
        raise BadInput("say what the favour was, e.g. \"intro to the ML platform team\"")
    favour = models.Favour(person_id=person_id, direction=direction, happened_on=on,
                           kind=kind, description=description, created_at=tx.now)
    tx.session.add(favour)
    tx.session.flush()
    assert favour.id is not None
    return favour.id


def park(tx: OrmChange, *, person_id: int | None, kind: str, text: str, on: date) -> int:
    if not text.strip():
        raise BadInput("there is nothing to park: give the question, idea, win or "
                       "challenge")
    item = models.ParkedItem(person_id=person_id, kind=kind, text=text, parked_on=on,
                             created_at=tx.now)
    tx.session.add(item)
    tx.session.flush()
    assert item.id is not None
    return item.id


def add_followup(tx: OrmChange, *, person_id: int, text: str, due: date | None,
                 today: date) -> int:
    if not text.strip():
        raise BadInput("the follow-up is empty: say what you promised")
    followup = models.FollowUp(person_id=person_id, text=text, due=due, created_on=today,
                               created_at=tx.now)
    tx.session.add(followup)
    tx.session.flush()
    assert followup.id is not None
    return followup.id


def finish_followup(tx: OrmChange, followup_id: int, *, today: date) -> None:
    followup = _get(tx, models.FollowUp, followup_id, "todo")
    if followup.done_on is not None:
        raise BadInput(f"follow-up #{followup_id} is already done "
                       f"({followup.done_on.isoformat()})")
    followup.done_on = today
    tx.session.add(followup)


def add_goal(tx: OrmChange, *, text: str, target: date | None, focus: Sequence[str],
             mentor_ids: Sequence[int], today: date) -> int:
    if not text.strip():
        raise BadInput("the goal is empty: say what you want to achieve")
    goal = models.Goal(text=text, target=target, focus=list(focus), created_on=today,
                       created_at=tx.now)
    tx.session.add(goal)
    tx.session.flush()
    assert goal.id is not None
    for person_id in dict.fromkeys(mentor_ids):
        tx.session.add(models.GoalMentor(goal_id=goal.id, person_id=person_id))
    return goal.id


def add_progress(tx: OrmChange, goal_id: int, note: str, *, today: date) -> int:
    goal = _get(tx, models.Goal, goal_id, "goal")
    if not note.strip():
        raise BadInput("the progress note is empty: say what moved")
    progress = models.GoalProgress(goal_id=goal.id, noted_on=today, note=note,
                                   created_at=tx.now)
    tx.session.add(progress)
    tx.session.flush()
    assert progress.id is not None
    return progress.id


def edit_goal(tx: OrmChange, goal_id: int, *, add_mentors: Sequence[int] = (),
              remove_mentors: Sequence[int] = (), **changes: Any) -> None:
    goal = _get(tx, models.Goal, goal_id, "goal")
    if "text" in changes and not str(changes["text"]).strip():
        raise BadInput("the goal is empty: say what you want to achieve")
    for key, value in changes.items():
        setattr(goal, key, list(value) if key == "focus" else value)
    tx.session.add(goal)
    tx.session.flush()
    for person_id in dict.fromkeys(remove_mentors):
        link = tx.session.get(models.GoalMentor, (goal_id, person_id))
        if link is not None:
            tx.session.delete(link)
    tx.session.flush()
    for person_id in dict.fromkeys(add_mentors):
        if tx.session.get(models.GoalMentor, (goal_id, person_id)) is None:
            tx.session.add(models.GoalMentor(goal_id=goal_id, person_id=person_id))


def close_goal(tx: OrmChange, goal_id: int, status: str, *, today: date) -> None:
    goal = _get(tx, models.Goal, goal_id, "goal")
    if goal.status != "open":
        raise BadInput(f"goal #{goal_id} is already {goal.status}")
    goal.status, goal.closed_on = status, today
    tx.session.add(goal)


def link_touchbases(tx: OrmChange, touchbase_ids: Sequence[int]) -> None:
    for touchbase_id in touchbase_ids:
        row = _get(tx, models.TouchBase, touchbase_id, "touch-base")
        if row.group_id != touchbase_ids[0]:
            row.group_id = touchbase_ids[0]
            tx.session.add(row)


_RECORDS = {"touch-base": models.TouchBase, "favour": models.Favour,
            "parked item": models.ParkedItem, "follow-up": models.FollowUp}


def edit_record(tx: OrmChange, what: str, row_id: int, changes: dict[str, Any]) -> None:
    from mentornet.store.corrections import find

    find(tx.conn, what, row_id)
    for name in ("description", "text"):
        if name in changes and not str(changes[name]).strip():
            raise BadInput(f"the new text of {what} #{row_id} is empty: say what it is, "
                           f"or delete it")
    row = tx.session.get(_RECORDS[what], row_id)
    for name, value in changes.items():
        value = list(value) if isinstance(value, list | tuple) else value
        if getattr(row, name) != value:
            setattr(row, name, value)
    tx.session.add(row)


def delete_record(tx: OrmChange, what: str, row_id: int) -> None:
    from mentornet.store.corrections import find

    find(tx.conn, what, row_id)
    tx.session.delete(tx.session.get(_RECORDS[what], row_id))


def add_email(tx: OrmChange, person_id: int, email: str) -> bool:
    from sqlmodel import select

    email = email.strip()
    person = _get(tx, models.Person, person_id, "person")
    others = tx.session.exec(select(models.PersonEmail).where(
        models.PersonEmail.person_id == person_id).order_by(models.PersonEmail.id)).all()
    have = [a for a in (person.email, *(o.email for o in others)) if a and a.strip()]
    if email.casefold() in {a.strip().casefold() for a in have}:
        return False
    if not (person.email and person.email.strip()):
        person.email = email
        person.updated_at = tx.now
        tx.session.add(person)
    else:
        tx.session.add(models.PersonEmail(person_id=person_id, email=email, created_at=tx.now))
    tx.session.flush()
    return True


def remove_email(tx: OrmChange, person_id: int, email: str) -> None:
    from sqlmodel import select

    key = email.strip().casefold()
    person = _get(tx, models.Person, person_id, "person")
    others = tx.session.exec(select(models.PersonEmail).where(
        models.PersonEmail.person_id == person_id).order_by(models.PersonEmail.id)).all()
    if person.email and person.email.strip().casefold() == key:
        person.email = others[0].email if others else None
        if others:
            tx.session.delete(others[0])
    else:
        gone = [o for o in others if o.email.strip().casefold() == key]
        if not gone:
            raise NotFound(f"they have no email {email.strip()!r}: see `mentornet show NAME` "
                           "for their addresses")
        for other in gone:
            tx.session.delete(other)
    person.updated_at = tx.now
    tx.session.add(person)
    tx.session.flush()


def record_sync(tx: OrmChange, plan: Any, *, today: date) -> None:
    from sqlmodel import select

    def item(value: str, person_id: int, touchbase_id: int) -> None:
        tx.session.add(models.SyncItem(source=plan.source, item=value, person_id=person_id,
                                       touchbase_id=touchbase_id, created_at=tx.now))
        tx.session.flush()

    for proposed in plan.touchbases:
        touchbase_id, _ = log_touchbase(
            tx, person_id=proposed.person_id, on=proposed.day, channel=proposed.channel,
            initiator=proposed.initiator, answered=proposed.answered, notes=proposed.note,
            topics=(), feedback=None, discussed=(), next_session=None)
        for value in proposed.items:
            item(value, proposed.person_id, touchbase_id)
    for joined in plan.joined:
        for value in joined.items:
            item(value, joined.person_id, joined.touchbase_id)
    for touchbase_id in sorted(plan.answered):
        fill(tx, "touchbase", touchbase_id, {"answered": True}, what="touch-base")
    for person_id, day in sorted(plan.sessions.items()):
        person = _get(tx, models.Person, person_id, "person")
        if day >= today and (person.next_session is None or day < person.next_session):
            edit_person(tx, person_id, next_session=day)
    tx.session.flush()
    run = tx.session.exec(select(models.SyncRun).where(
        models.SyncRun.source == plan.source)).first()
    if run is None:
        run = models.SyncRun(source=plan.source, synced_on=today, synced_at=tx.now)
    else:
        run.synced_on, run.synced_at = today, tx.now
    tx.session.add(run)
