"""`mentornet sync calendar`: past events become touch-bases, the next one a session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync_files import DANA, ME, SAM, calendar, event

pytestmark = pytest.mark.both_engines  # see conftest.py

# Today is 2026-11-22 (conftest); the default window starts 90 days before, 2026-08-24.
ZOOM = "LOCATION:https://acme.zoom.us/j/123456"


@pytest.fixture
def panel(mn) -> None:
    mn("me", "--email", ME)
    mn("add", "Dana Lee", "--kind", "formal", "--email", DANA, "--met", "2025-01-10",
       "--no-meeting")
    mn("add", "Sam Wu", "--email", SAM, "--met", "2025-01-10", "--no-meeting")


def _show(mn, name: str) -> dict:
    return json.loads(mn("show", name, "--json").stdout)


def _brief(mn, name: str) -> list[tuple[str, str, str, bool]]:
    return [(t["happened_on"], t["channel"], t["initiator"], t["answered"])
            for t in reversed(_show(mn, name)["touchbases"])]


def test_a_past_event_is_a_two_way_touch_base_video_with_a_conference_link(
        mn, panel: None, tmp_path: Path) -> None:
    ics = calendar(tmp_path / "cal.ics",
                   event("a", "2026-11-02", organizer=ME, attendees={DANA: "ACCEPTED"}),
                   event("b", "2026-11-09", organizer=DANA, attendees={ME: "ACCEPTED"},
                         extra=ZOOM),
                   event("c", "2026-11-10", attendees={SAM: "NEEDS-ACTION"},
                         extra="X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij"))
    result = mn("sync", "calendar", str(ics))
    assert "Recorded 3 touch-bases" in result.stdout
    assert _brief(mn, "dana") == [("2026-11-02", "meeting", "me", True),
                                  ("2026-11-09", "video", "them", True)]
    assert _brief(mn, "sam") == [("2026-11-10", "video", "me", True)]


def test_the_next_event_becomes_the_next_session_when_sooner(mn, panel: None,
                                                            tmp_path: Path) -> None:
    mn("schedule", "dana", "2026-12-20")
    mn("schedule", "sam", "2026-11-25")
    ics = calendar(tmp_path / "cal.ics",
                   event("a", "2026-12-01", attendees={DANA: "ACCEPTED"}),
                   event("b", "2026-12-08", attendees={DANA: "ACCEPTED"}),
                   event("c", "2026-12-01", attendees={SAM: "ACCEPTED"}))
    result = mn("sync", "calendar", str(ics))
    assert "next session: Tue 01 Dec 2026" in result.stdout
    assert _show(mn, "dana")["next_session"] == "2026-12-01"
    assert _show(mn, "sam")["next_session"] == "2026-11-25"  # sooner already
    assert _show(mn, "dana")["touchbases"] == []  # upcoming events are no touch-bases


@pytest.mark.parametrize(("the_event", "reason"), [
    (event("big", "2026-11-02", attendees={DANA: "ACCEPTED", **{
        f"p{n}@crowd.example": "ACCEPTED" for n in range(8)}}),
     "events with more than 8 attendees: 1"),
    (event("allday", "2026-11-02", attendees={DANA: "ACCEPTED"}, all_day=True),
     "all-day events: 1"),
    (event("off", "2026-11-02", attendees={DANA: "ACCEPTED"}, extra="STATUS:CANCELLED"),
     "cancelled events: 1"),
    (event("no", "2026-11-02", attendees={DANA: "DECLINED", ME: "ACCEPTED"}),
     "events they declined: 1"),
    (event("mine", "2026-11-02", attendees={DANA: "ACCEPTED", ME: "DECLINED"}),
     "events you declined: 1"),
])
def test_skipped_events(mn, panel: None, tmp_path: Path, the_event: str, reason: str) -> None:
    result = mn("sync", "calendar", str(calendar(tmp_path / "cal.ics", the_event)))
    assert "Recorded 0 touch-bases" in result.stdout
    assert reason in result.stdout
    assert _show(mn, "dana")["touchbases"] == []


def test_max_people_sets_how_big_an_event_may_be(mn, panel: None, tmp_path: Path) -> None:
    ics = calendar(tmp_path / "cal.ics", event("trio", "2026-11-02", attendees={
        DANA: "ACCEPTED", SAM: "ACCEPTED", ME: "ACCEPTED"}))
    mn("sync", "calendar", str(ics), "--max-people", "2")
    assert _show(mn, "dana")["touchbases"] == []
    mn("sync", "calendar", str(ics), "--since", "2026-11-01")
    assert len(_show(mn, "dana")["touchbases"]) == 1
    assert len(_show(mn, "sam")["touchbases"]) == 1


def test_recurring_events_are_expanded_within_the_window(mn, panel: None,
                                                         tmp_path: Path) -> None:
    weekly = event("weekly", "2026-08-03", attendees={DANA: "ACCEPTED"},
                   extra="RRULE:FREQ=WEEKLY;UNTIL=20261231T000000Z")
    moved = ("BEGIN:VEVENT\r\nUID:weekly\r\nRECURRENCE-ID:20261102T100000Z\r\n"
             "DTSTAMP:20260101T000000Z\r\nDTSTART:20261103T140000Z\r\n"
             "DTEND:20261103T150000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:" + DANA + "\r\n"
             "END:VEVENT")
    cancelled = ("BEGIN:VEVENT\r\nUID:weekly\r\nRECURRENCE-ID:20261109T100000Z\r\n"
                 "DTSTAMP:20260101T000000Z\r\nDTSTART:20261109T100000Z\r\n"
                 "DTEND:20261109T110000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT")
    ics = calendar(tmp_path / "cal.ics", weekly, moved, cancelled)
    mn("sync", "calendar", str(ics), "--since", "2026-10-20")
    days = [t["happened_on"] for t in reversed(_show(mn, "dana")["touchbases"])]
    assert days == ["2026-10-26", "2026-11-03", "2026-11-16"]
    assert _show(mn, "dana")["next_session"] == "2026-11-23"
    again = mn("sync", "calendar", str(ics), "--since", "2026-10-20")
    assert "Recorded 0 touch-bases" in again.stdout  # each occurrence has its own source


def test_a_second_sync_adds_nothing_and_a_hand_logged_meeting_is_not_duplicated(
        mn, panel: None, tmp_path: Path) -> None:
    mn("log", "dana", "Coffee at the offsite", "--on", "2026-11-02", "--via", "coffee")
    ics = calendar(tmp_path / "cal.ics",
                   event("a", "2026-11-02", attendees={DANA: "ACCEPTED"}),
                   event("b", "2026-11-09", attendees={DANA: "ACCEPTED"}))
    result = mn("sync", "calendar", str(ics))
    assert "Recorded 1 touch-base" in result.stdout
    assert "already logged" in result.stdout
    once = mn("export").stdout
    mn("sync", "calendar", str(ics), "--since", "2026-10-01")
    assert json.loads(mn("export").stdout)["touchbases"] == json.loads(once)["touchbases"]
    assert _brief(mn, "dana") == [("2026-11-02", "coffee", "me", True),
                                  ("2026-11-09", "meeting", "me", True)]


def test_a_folder_is_searched_for_ics_files_and_an_event_in_two_counts_once(
        mn, panel: None, tmp_path: Path) -> None:
    one = event("a", "2026-11-02", attendees={DANA: "ACCEPTED"})
    calendar(tmp_path / "cals" / "work" / "a.ics", one)
    calendar(tmp_path / "cals" / "copy" / "a.ics", one)
    calendar(tmp_path / "cals" / "home" / "b.ICS", event("b", "2026-11-05",
                                                         attendees={SAM: "ACCEPTED"}))
    (tmp_path / "cals" / "notes.txt").write_text("not a calendar", encoding="utf-8")
    mn("sync", "calendar", str(tmp_path / "cals"))
    assert len(_show(mn, "dana")["touchbases"]) == 1
    assert len(_show(mn, "sam")["touchbases"]) == 1


def test_dry_run_writes_nothing_and_undo_takes_a_sync_back(mn, panel: None, tmp_path: Path,
                                                           db_path: Path) -> None:
    ics = calendar(tmp_path / "cal.ics", event("a", "2026-11-02", attendees={DANA: "ACCEPTED"}),
                   event("b", "2026-12-02", attendees={SAM: "ACCEPTED"}))
    before = db_path.read_bytes()
    result = mn("sync", "calendar", str(ics), "--dry-run")
    assert "Would record 1 touch-base" in result.stdout
    assert "next session: Wed 02 Dec 2026" in result.stdout
    assert db_path.read_bytes() == before
    exported = mn("export").stdout
    mn("sync", "calendar", str(ics))
    assert "Undid `sync calendar`" in mn("undo").stdout
    assert mn("export").stdout == exported


def test_a_file_that_is_no_calendar_stops_the_sync_unless_skip_invalid(
        mn, panel: None, tmp_path: Path) -> None:
    good = calendar(tmp_path / "good.ics", event("a", "2026-11-02",
                                                 attendees={DANA: "ACCEPTED"}))
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\r\nthis is: broken\r\n", encoding="utf-8")
    result = mn("sync", "calendar", str(good), str(bad), ok=False)
    assert result.exit_code == 1
    assert str(bad) in result.output
    assert "Traceback" not in result.output
    assert _show(mn, "dana")["touchbases"] == []
    result = mn("sync", "calendar", str(good), str(bad), "--skip-invalid")
    assert f"skipped (--skip-invalid): {bad}" in result.stdout
    assert len(_show(mn, "dana")["touchbases"]) == 1


def test_unknown_attendees_are_counted_and_nobody_is_created(mn, panel: None,
                                                             tmp_path: Path) -> None:
    ics = calendar(tmp_path / "cal.ics",
                   event("a", "2026-11-02", attendees={"ana@x.example": "ACCEPTED"}),
                   event("b", "2026-11-03", attendees={"ana@x.example": "ACCEPTED"}))
    result = mn("sync", "calendar", str(ics), "--suggest")
    assert "1 address belongs to nobody in mentornet" in result.stdout
    assert "   2  ana@x.example" in result.stdout
    assert len(json.loads(mn("list", "--json").stdout)) == 2


def test_a_session_held_by_the_calendar_gives_way_to_the_next_one(mn, panel: None,
                                                                 tmp_path: Path) -> None:
    mn("schedule", "dana", "2026-11-16", today="2026-11-10")
    mn("schedule", "sam", "2026-11-17", today="2026-11-10")
    ics = calendar(tmp_path / "cal.ics",
                   event("a", "2026-11-16", attendees={DANA: "ACCEPTED"}),
                   event("b", "2026-12-01", attendees={DANA: "ACCEPTED"}),
                   event("c", "2026-12-02", attendees={SAM: "ACCEPTED"}))
    result = mn("sync", "calendar", str(ics))
    assert "next session: Tue 01 Dec 2026" in result.stdout
    assert _show(mn, "dana")["next_session"] == "2026-12-01"
    # Sam's session of the 17th has nothing in the calendar: due still asks about it
    assert _show(mn, "sam")["next_session"] == "2026-11-17"
    assert "Wed 02 Dec 2026" not in result.stdout
