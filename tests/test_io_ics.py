"""`export --format ics`: when to touch base and the sessions, as a calendar to subscribe to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest

pytestmark = pytest.mark.both_engines  # see conftest.py

Run = Callable[..., Any]


def _events(mn: Run) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(mn("export", "--format", "ics").stdout)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _day(event: Any) -> date:
    return event.decoded("DTSTART")  # type: ignore[no-any-return]


def test_each_active_person_gets_an_all_day_event_on_the_next_due_date(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal", "--met", "2026-01-05")
    mn("log", "dana", "Coffee", "--on", "2026-11-10")
    (event,) = _events(mn).values()
    assert str(event["SUMMARY"]) == "Touch base with Dana Lee"
    assert _day(event) == date(2026, 12, 8)  # 4 weeks after the last two-way touch-base
    assert event.decoded("DTEND") == date(2026, 12, 9)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert "every 4 weeks" in str(event["DESCRIPTION"])


def test_a_touch_base_already_due_shows_today(mn: Run) -> None:
    mn("add", "Sam Wu", "--met", "2026-01-05")  # informal: every 12 weeks, long overdue
    (event,) = _events(mn).values()
    assert _day(event) == date(2026, 11, 22)
    assert "Due since 2026-" in str(event["DESCRIPTION"])


def test_snoozed_people_show_at_the_end_of_the_snooze(mn: Run) -> None:
    mn("add", "Sam Wu", "--met", "2026-01-05")
    mn("snooze", "sam", "2027-01-10")
    (event,) = _events(mn).values()
    assert _day(event) == date(2027, 1, 10)


def test_scheduled_sessions_are_events_too(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    mn("schedule", "dana", "2026-12-03")
    events = _events(mn)
    sessions = [e for uid, e in events.items() if uid.startswith("mentornet-session-1@")]
    assert [(str(e["SUMMARY"]), _day(e)) for e in sessions] == [
        ("Session with Dana Lee", date(2026, 12, 3))]


def test_paused_people_keep_their_sessions_and_archived_people_are_left_out(mn: Run) -> None:
    mn("add", "Paused Person")
    mn("schedule", "paused", "2026-12-03")
    mn("edit", "paused", "--status", "paused")
    mn("add", "Archived Person")
    mn("schedule", "archived", "2026-12-04")
    mn("edit", "archived", "--status", "archived")
    assert [str(e["SUMMARY"]) for e in _events(mn).values()] == ["Session with Paused Person"]


def test_uids_are_stable_so_a_calendar_updates_instead_of_duplicating(mn: Run) -> None:
    mn("add", "Dana Lee", "--kind", "formal")
    first = _events(mn)
    mn("log", "dana", "Call", "--via", "call")
    second = _events(mn)
    assert set(first) == set(second)
    (uid,) = first
    assert uid.startswith("mentornet-due-1@")
    assert len(uid) == len("mentornet-due-1@") + 36


def test_no_notes_go_into_the_calendar(mn: Run) -> None:
    mn("add", "Dana Lee", "--note", "private: her health")
    mn("log", "dana", "about the divorce", "--feedback", "secret feedback")
    mn("todo", "add", "dana", "secret promise", "--due", "2026-12-01")
    text = mn("export", "--format", "ics").stdout
    assert "private" not in text
    assert "divorce" not in text
    assert "secret" not in text


def test_the_calendar_is_written_to_a_file_privately(mn: Run, tmp_path: Path) -> None:
    mn("add", "Dana Lee")
    target = tmp_path / "mentornet.ics"
    mn("export", "--out", str(target))
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"PRODID:-//mentornet//" in data
    assert target.stat().st_mode & 0o777 == 0o600


def test_each_export_is_a_newer_revision_of_every_event(mn: Run) -> None:
    mn("add", "Sam Wu", "--met", "2026-01-05")
    (first,) = _events(mn).values()
    assert first.decoded("LAST-MODIFIED") == first.decoded("DTSTAMP")
    calendar = icalendar.Calendar.from_ical(mn("export", "--format", "ics",
                                               today="2026-11-23").stdout)
    (later,) = calendar.walk("VEVENT")
    assert int(later["SEQUENCE"]) > int(first["SEQUENCE"]) > 0
    assert later.decoded("LAST-MODIFIED") > first.decoded("LAST-MODIFIED")
    assert _day(later) == date(2026, 11, 23)  # still due: moved to the new today
