"""A calendar (iCalendar) of when to touch base with each active person, and of sessions.

Written with the icalendar library: all-day events with stable UIDs
(`mentornet-due-<person id>@<database identity>`, `mentornet-session-...`), so a calendar
app that subscribes to the file, or imports it again, updates the events instead of
duplicating them. Notes never go into the calendar: only names, dates and cadences.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

from mentornet.config import cadence_for
from mentornet.domain.records import Person
from mentornet.io.plan import database_identity

PRODID = "-//mentornet//mentornet//EN"


def next_due(person: Person, last_contact: date | None) -> date | None:
    """When to touch base next: the cadence after the last two-way contact (or meeting).

    A snooze pushes the date to the end of the snooze. None when there was never any contact.
    """
    start = last_contact or person.met_on
    if start is None:
        return None
    due = start + timedelta(days=cadence_for(person.kind, person.cadence_days))
    if person.snoozed_until is not None and person.snoozed_until > due:
        due = person.snoozed_until
    return due


def export_ics(conn: sqlite3.Connection, *, today: date, now: datetime) -> str:
    """The next due date of each active person and each scheduled session, as all-day events.

    An overdue touch-base is placed on `today`, so that it shows where you look, not weeks ago.
    """
    from icalendar import Calendar, Event

    from mentornet.store import queries

    identity = database_identity(conn)
    last = queries.last_contacts(conn)
    stamp = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    events: list[tuple[date, str, str, str]] = []  # (day, uid, summary, description)
    for person in queries.people(conn):
        if person.status == "archived":
            continue
        if person.status == "active":
            due = next_due(person, last.get(person.id))
            if due is not None:
                cadence = cadence_for(person.kind, person.cadence_days)
                contact = last.get(person.id)
                lines = [f"Every {cadence} days ({person.kind})."]
                lines.append(f"Last two-way touch-base: {contact.isoformat()}." if contact
                             else "No two-way touch-base yet.")
                if due < today:
                    lines.append(f"Due since {due.isoformat()}.")
                events.append((max(due, today), f"mentornet-due-{person.id}@{identity}",
                               f"Touch base with {person.name}", " ".join(lines)))
        if person.next_session is not None:
            events.append((person.next_session, f"mentornet-session-{person.id}@{identity}",
                           f"Session with {person.name}",
                           f"Prepare the day before: mentornet prep \"#{person.id}\""))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "mentornet")
    for day, uid, summary, description in sorted(events, key=lambda e: (e[0], e[1])):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
