"""Calendars read for `sync calendar`: each event's day, people, status and whether it
carries a video link, with recurring events expanded by `recurring-ical-events`.

Only what the rules need is kept of an event: its UID and RECURRENCE-ID, its day, the
organiser's and attendees' addresses with their PARTSTAT, its STATUS, and whether a
conference link appears in it. Descriptions are looked at for a link, never kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

_VIDEO = re.compile(r"zoom\.us/|meet\.google\.com/|teams\.microsoft\.com/|teams\.live\.com/"
                    r"|webex\.com/|whereby\.com/|meet\.jit\.si/|gotomeet|bluejeans\.com/"
                    r"|chime\.aws/|facetime\.apple\.com/", re.IGNORECASE)
_VIDEO_PROPERTIES = ("CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
                     "X-MICROSOFT-ONLINEMEETINGCONFLINK", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK")


class CalendarEvent(NamedTuple):
    """One occurrence of an event."""

    uid: str
    recurrence: str  # its RECURRENCE-ID (UTC, ISO), "" for an event that does not recur
    day: date
    all_day: bool
    cancelled: bool
    organizer: str  # lower case, "" when none
    attendees: tuple[tuple[str, str], ...]  # (address in lower case, PARTSTAT in capitals)
    video: bool

    @property
    def item(self) -> str:
        """The source id a touch-base keeps: the UID, plus the RECURRENCE-ID if any."""
        return f"{self.uid} {self.recurrence}" if self.recurrence else self.uid

    @property
    def addresses(self) -> set[str]:
        return {self.organizer, *(a for a, _ in self.attendees)} - {""}


class Unreadable(Exception):
    """A calendar file or folder that can't be read: `where` and why."""

    def __init__(self, where: str, why: str) -> None:
        super().__init__(f"{where}: {why}")
        self.where = where
        self.why = why


def calendar_files(path: Path) -> list[Path]:
    """An .ics file, or every .ics file below a folder, in order."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise Unreadable(str(path), "no such file or folder")
    found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".ics" and p.is_file())
    if not found:
        raise Unreadable(str(path), "a folder that holds no .ics file")
    return found


def read_events(path: Path, *, start: date, end: date,
                relevant: Callable[[set[str]], bool]) -> Iterator[CalendarEvent]:
    """The events of one .ics file from `start` to `end` (exclusive).

    A recurring event is expanded only when `relevant` says its addresses matter (someone
    on the panel is invited); otherwise it is given once, on its first day, so that its
    addresses are still counted.
    """
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(path.read_bytes(), multiple=True)
    except OSError as exc:
        raise Unreadable(str(path), (exc.strerror or str(exc)).lower()) from None
    except Exception as exc:  # icalendar raises ValueError, KeyError... on a bad file
        raise Unreadable(str(path), f"not an iCalendar file ({_short(exc)})") from None
    if not calendars:
        raise Unreadable(str(path), "not an iCalendar file (no VCALENDAR in it)")
    for calendar in calendars:
        yield from _events(calendar, start=start, end=end, relevant=relevant)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:80] + "...") if len(text) > 80 else (text or type(exc).__name__)


def _events(calendar: Any, *, start: date, end: date,
            relevant: Callable[[set[str]], bool]) -> Iterator[CalendarEvent]:
    by_uid: dict[str, list[Any]] = {}
    for component in calendar.walk("VEVENT"):
        by_uid.setdefault(str(component.get("UID", "")), []).append(component)
    timezones: list[Any] | None = None  # found once, for the series that are expanded
    for uid, components in by_uid.items():
        recurring = any(c.get("RRULE") is not None or c.get("RDATE") is not None
                        for c in components)
        if not recurring:
            for component in components:
                event = _occurrence(uid, component, start=start, end=end, relevant=relevant)
                if event is not None:
                    yield event
            continue
        if not relevant(set().union(*(_addresses(c) for c in components))):
            first = _occurrence(uid, components[0], start=start, end=end,
                                relevant=relevant, recurrence="")
            if first is not None:
                yield first
            continue
        if timezones is None:
            timezones = list(calendar.walk("VTIMEZONE"))
        yield from _expanded(timezones, uid, components, start=start, end=end,
                             relevant=relevant)


def _expanded(timezones: list[Any], uid: str, components: list[Any], *, start: date,
              end: date, relevant: Callable[[set[str]], bool]) -> Iterator[CalendarEvent]:
    import icalendar
    import recurring_ical_events

    alone = icalendar.Calendar()
    for timezone in timezones:
        alone.add_component(timezone)
    for component in components:
        alone.add_component(component)
    for component in recurring_ical_events.of(alone).between(start, end):
        event = _occurrence(uid, component, start=start, end=end, relevant=relevant)
        if event is not None:
            yield event


def _recurrence_id(component: Any) -> str:
    value = component.get("RECURRENCE-ID")
    if value is None:
        return ""
    return _moment(getattr(value, "dt", value))


def _moment(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y%m%dT%H%M%S") + ("Z" if value.tzinfo is not None else "")
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    return str(value)


def _occurrence(uid: str, component: Any, *, start: date, end: date,
                relevant: Callable[[set[str]], bool],
                recurrence: str | None = None) -> CalendarEvent | None:
    """The event as the rules see it; None when it has no start or starts outside the
    window. Whether it carries a video link is looked for only when `relevant`."""
    started = component.get("DTSTART")
    value = getattr(started, "dt", None)
    if not isinstance(value, date):
        return None  # no start: no day to record
    all_day = not isinstance(value, datetime)
    day = value.date() if isinstance(value, datetime) else value
    if not start <= day < end:
        return None
    attendees = tuple((_address(a), str(getattr(a, "params", {}).get("PARTSTAT", "NEEDS-ACTION"))
                       .upper()) for a in _listed(component.get("ATTENDEE")))
    attendees = tuple((a, p) for a, p in attendees if a)
    organizer = _address(component.get("ORGANIZER"))
    addresses = {organizer, *(a for a, _ in attendees)} - {""}
    return CalendarEvent(
        uid=uid, recurrence=_recurrence_id(component) if recurrence is None else recurrence,
        day=day, all_day=all_day,
        cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
        organizer=organizer, attendees=attendees,
        video=relevant(addresses) and _has_video(component))


def _listed(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    return value if isinstance(value, list) else (value,)


def _address(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    return text.strip().casefold() if "@" in text else ""


def _addresses(component: Any) -> set[str]:
    found = {_address(a) for a in _listed(component.get("ATTENDEE"))}
    found.add(_address(component.get("ORGANIZER")))
    return found - {""}


def _has_video(component: Any) -> bool:
    if any(component.get(name) is not None for name in _VIDEO_PROPERTIES):
        return True
    return any(_VIDEO.search(str(component.get(name, "")))
               for name in ("LOCATION", "URL", "DESCRIPTION"))
