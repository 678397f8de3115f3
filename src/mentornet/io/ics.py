"""A calendar (iCalendar) of when to touch base with each active person, and of sessions.

Written with the icalendar library: all-day events with stable UIDs
(`mentornet-due-<person id>@<database identity>`, `mentornet-session-...`), so a calendar
app that subscribes to the file, or imports it again, updates the events instead of
duplicating them. The due dates are the ones `mentornet due` works with (domain/urgency.py).
Notes never go into the calendar: only names, dates and cadences.

The events are computed afresh by every export (a due date already passed moves to the day
of the export), so each export is a new revision of every event: LAST-MODIFIED is the
moment of the export, and SEQUENCE counts the minutes from 2000-01-01 to it, so it grows
with every later export and a calendar app that re-imports the file takes the new dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentornet.domain.rules import Rules
    from mentornet.store.reads import Reads

PRODID = "-//mentornet//mentornet//EN"
SEQUENCE_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def export_ics(store: Reads, *, today: date, now: datetime,
               rules: Rules | None = None) -> str:
    """The next due date of each active person and each scheduled session, as all-day events.

    Contacts are not on the panel and get no event. Someone waiting for a reply gets
    "Try once more" on the day `due` suggests (domain/relationship.py).

    A touch-base already due is placed on `today`, so that it shows where you look, not
    weeks ago; a snooze moves it to the end of the snooze.
    """
    from icalendar import Calendar, Event

    from mentornet.dates import format_interval
    from mentornet.domain.urgency import score

    identity = store.identity()
    stamp = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    stamp = stamp.replace(microsecond=0)
    sequence = max(0, int((stamp - SEQUENCE_EPOCH).total_seconds() // 60))
    events: list[tuple[date, str, str, str]] = []  # (day, uid, summary, description)
    for facts in store.panel_facts(today=today):
        if facts.status == "archived":
            continue
        if facts.status == "active":
            found = score(facts, today=today, rules=rules)
            due = found.next_due or today
            lines = [f"{facts.kind.capitalize()}, every {format_interval(found.cadence_days)}."]
            summary = f"Touch base with {facts.name}"
            if found.waiting:  # easing off: one specific ask, about a cadence after the last
                summary = f"Try once more with {facts.name}"
                lines.append(f"Your last {facts.unanswered_streak} outreaches got no reply: "
                             "one specific ask, not a nudge.")
            lines.append(f"Last two-way touch-base: {facts.last_two_way.isoformat()}."
                         if facts.last_two_way else "No two-way touch-base yet.")
            if due < today:
                lines.append(f"Due since {due.isoformat()}.")
            day = max(due, today)
            if facts.snoozed_until is not None and facts.snoozed_until > day:
                day = facts.snoozed_until
                lines.append(f"Snoozed until {day.isoformat()}.")
            events.append((day, f"mentornet-due-{facts.person_id}@{identity}",
                           summary, " ".join(lines)))
        if facts.next_session is not None:
            events.append((facts.next_session,
                           f"mentornet-session-{facts.person_id}@{identity}",
                           f"Session with {facts.name}",
                           f"Prepare the day before: mentornet prep \"#{facts.person_id}\""))
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
        event.add("last-modified", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
