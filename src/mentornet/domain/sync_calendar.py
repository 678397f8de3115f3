"""`sync calendar`'s rules: which events were touch-bases, and which is the next session.

- A past event with a panel person as attendee or organiser is a two-way touch-base on
  its day: `video` when it carries a conference link, else `meeting`.
- The next upcoming event with them becomes their next session when it is sooner than
  the one recorded.
- Skipped: events with more than --max-people attendees, all-day events, cancelled
  events, and, for each person, the events they (or you) declined.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from mentornet.domain.relationship import session_held
from mentornet.domain.sync import (
    Joined,
    People,
    Proposed,
    SyncPlan,
    SyncState,
    existing_touchbase,
    sooner_session,
)

if TYPE_CHECKING:
    from mentornet.io.calendar_read import CalendarEvent


def plan_calendar(events: Iterable[CalendarEvent], *, people: People, state: SyncState,
                  since: date, today: date, max_people: int) -> SyncPlan:
    """The touch-bases the past events from `since` make, and the next sessions the
    upcoming ones set."""
    plan = SyncPlan(source="calendar", since=since)
    done: set[str] = set()  # the same occurrence in two files counts once
    upcoming: dict[int, date] = {}
    for event in events:
        if event.item in done:
            continue
        done.add(event.item)
        plan.read += 1
        if event.day < since:
            continue
        if event.all_day:
            plan.skipped["all-day events"] += 1
            continue
        if event.cancelled:
            plan.skipped["cancelled events"] += 1
            continue
        if len(event.attendees) > max_people:
            plan.skipped[f"events with more than {max_people} attendees"] += 1
            continue
        status = dict(event.attendees)
        if any(status.get(address) == "DECLINED" for address in people.mine):
            plan.skipped["events you declined"] += 1
            continue
        for address in sorted(event.addresses - people.mine):
            person_id = people.who(address, plan)
            if person_id is None:
                continue
            if status.get(address) == "DECLINED":
                plan.skipped["events they declined"] += 1
                continue
            if event.day >= today:
                if person_id not in upcoming or event.day < upcoming[person_id]:
                    upcoming[person_id] = event.day
                continue
            _past(plan, state, event, person_id, by_them=event.organizer == address)
    for person_id, day in sorted(upcoming.items()):
        recorded = people.sessions.get(person_id)
        if any(session_held(recorded, on=p.day, answered=p.answered)
               for p in plan.touchbases if p.person_id == person_id):
            recorded = None  # recording the past events closes it (as `log` does)
        if sooner_session(day, recorded, today=today):
            plan.sessions[person_id] = day
    return plan


def _past(plan: SyncPlan, state: SyncState, event: CalendarEvent, person_id: int, *,
          by_them: bool) -> None:
    items = (event.item,)
    if (event.item, person_id) in state.seen:
        plan.skipped["synced before"] += 1
        return
    existing = existing_touchbase(state, person_id, event.day, items)
    if existing is not None:
        plan.joined.append(Joined(person_id=person_id, touchbase_id=existing, day=event.day,
                                  items=items))
        return
    plan.touchbases.append(Proposed(
        person_id=person_id, day=event.day, channel="video" if event.video else "meeting",
        initiator="them" if by_them else "me", answered=True, items=items))
