"""What `sync` reads from the store before planning, and how a plan is recorded."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import TYPE_CHECKING

from mentornet.dates import stored_day
from mentornet.domain.sync import People, SyncPlan, SyncState
from mentornet.store.addresses import owners_of

if TYPE_CHECKING:
    from mentornet.store.writes import Change


def sync_people(conn: sqlite3.Connection, mine: frozenset[str]) -> People:
    """Who is who by address, for a sync: everyone's addresses, the panel, your own."""
    panel: set[int] = set()
    sessions: dict[int, date | None] = {}
    for person_id, kind, session in conn.execute("SELECT id, kind, next_session FROM person"):
        if kind != "contact":
            panel.add(person_id)
            sessions[person_id] = stored_day(session)
    return People(owners=owners_of(conn), panel=frozenset(panel), mine=mine,
                  sessions=sessions)


def sync_state(conn: sqlite3.Connection, source: str) -> SyncState:
    """What a sync of `source` must not record again, and what it may answer."""
    seen: dict[tuple[str, int], int | None] = {}
    for item, person_id, touchbase_id in conn.execute(
            "SELECT s.item, s.person_id, t.id FROM sync_item s "
            "LEFT JOIN touchbase t ON t.id = s.touchbase_id WHERE s.source = ?", (source,)):
        seen[(str(item), int(person_id))] = touchbase_id  # None: since deleted
    synced = {row[0] for row in conn.execute(
        "SELECT DISTINCT touchbase_id FROM sync_item WHERE touchbase_id IS NOT NULL")}
    hand_logged: dict[tuple[int, date], int] = {}
    open_outreaches: dict[int, list[tuple[int, date]]] = {}
    for touchbase_id, person_id, stored, initiator, answered in conn.execute(
            "SELECT id, person_id, happened_on, initiator, answered FROM touchbase "
            "ORDER BY happened_on, id"):
        day = stored_day(stored)
        if day is None:
            continue
        if touchbase_id not in synced:
            hand_logged.setdefault((person_id, day), touchbase_id)
        if initiator == "me" and not answered:
            open_outreaches.setdefault(person_id, []).append((touchbase_id, day))
    return SyncState(seen=seen, hand_logged=hand_logged, open_outreaches=open_outreaches,
                     last_sync=last_syncs(conn).get(source, (None, None))[0])


def last_syncs(conn: sqlite3.Connection) -> dict[str, tuple[date | None, str]]:
    """Each source's last sync: its day, and the moment as stored."""
    return {str(source): (stored_day(day), str(at)) for source, day, at in conn.execute(
        "SELECT source, synced_on, synced_at FROM sync_run ORDER BY source")}


def record_sync(change: Change, conn: sqlite3.Connection, plan: SyncPlan, *, today: date,
                now: datetime) -> None:
    """Write a plan inside its one change: the touch-bases with the items they come from,
    the items that joined a touch-base already there, the outreaches now answered, the
    next sessions, and the day of this sync."""
    for proposed in plan.touchbases:
        touchbase_id, _ = change.log_touchbase(
            person_id=proposed.person_id, on=proposed.day, channel=proposed.channel,
            initiator=proposed.initiator, answered=proposed.answered, notes=proposed.note,
            topics=(), feedback=None, discussed=(), next_session=None)
        for item in proposed.items:
            _item(change, plan.source, item, proposed.person_id, touchbase_id, now)
    for joined in plan.joined:
        for item in joined.items:
            _item(change, plan.source, item, joined.person_id, joined.touchbase_id, now)
    for touchbase_id in sorted(plan.answered):
        change.fill("touchbase", touchbase_id, {"answered": True}, what="touch-base")
    for person_id, day in sorted(plan.sessions.items()):
        from mentornet.domain.sync import sooner_session

        recorded = stored_day(change.value("person", person_id, "next_session",
                                           what="person"))
        if sooner_session(day, recorded, today=today):  # as it stands after the touch-bases
            change.edit_person(person_id, next_session=day)
    row = conn.execute("SELECT id FROM sync_run WHERE source = ?",
                               (plan.source,)).fetchone()
    if row is None:
        change.insert("sync_run", {"source": plan.source, "synced_on": today,
                                   "synced_at": now})
    else:
        change.fill("sync_run", row[0], {"synced_on": today, "synced_at": now})


def _item(change: Change, source: str, item: str, person_id: int, touchbase_id: int,
          now: datetime) -> None:
    change.insert("sync_item", {"source": source, "item": item, "person_id": person_id,
                                "touchbase_id": touchbase_id, "created_at": now})
