"""Dates and cadences typed on the command line, read against a today passed in."""

import re
from contextlib import suppress
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Literal

from mentornet.errors import BadInput
from mentornet.words import counted

if TYPE_CHECKING:
    from dateutil.parser import parserinfo

Prefer = Literal["past", "future"]


@cache
def _names() -> "parserinfo":
    """dateutil's English month and weekday names (imported on first use: `due` never needs it)."""
    from dateutil.parser import parserinfo

    return parserinfo()


_DAYS_FROM_TODAY = {"yesterday": -1, "today": 0, "tomorrow": 1}
# Patterns are plain strings: `re` compiles each on its first use and caches it, so a
# command that only formats dates never pays for compiling them.
_ISO = r"\d{4}-\d{2}-\d{2}"
_WEEKDAY = r"(?:(?P<which>last|next|this) )?(?P<name>[a-z]+)"
_LAST_NEXT = r"(?P<which>last|next) (?P<unit>week|month|year)"
_COUNTED = r"(?P<ahead>in )?(?P<count>\d+|an?) (?P<unit>day|week|month|year)s?(?P<ago> ago)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?:(?:,? |,)(?P<year>\d{4}))?"
_MONTH_DAY = (f"{_MONTH} {_DAY}{_YEAR}", f"{_DAY} (?:of )?{_MONTH}{_YEAR}")

_INTERVAL_NAMES = {
    "daily": 1,
    "weekly": 7,
    "fortnightly": 14,
    "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
    "annually": 365,
}
_INTERVAL = r"(?:every )?(?P<count>\d{1,4})? ?(?P<unit>[dwmy]|day|week|month|year)s?"
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}  # keyed by the unit's first letter
MAX_INTERVAL_DAYS = 3650
# The dates mentornet keeps: every command can compute with them (a cadence, a calendar, a
# year of history) without leaving what Python's dates can hold.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
RANGE = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


def in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def stored_day(value: object) -> date | None:
    """A date column's value as the date it holds; None when it holds none, or holds
    something that is not a date from FIRST_DAY to LAST_DAY (written by another program,
    or before these limits): such a value is left out of every computation, and
    `mentornet doctor` names it."""
    if not value or not isinstance(value, str):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def parse_date(text: str, *, today: date, prefer: Prefer = "past") -> date:
    """The date `text` names, counted from `today`.

    `prefer` settles bare weekdays and month-days without a year: the nearest such day on or
    before today ("past") or on or after it ("future").
    """
    words = " ".join(text.lower().split())
    for read in _READERS:
        with suppress(ValueError, OverflowError):  # no such day: 2026-02-30, 99999 years ago
            if (found := read(words, today, prefer)) is not None:
                if not in_range(found):
                    raise BadInput(f"the date {_as_read(text, found)} is outside the dates "
                                   f"mentornet keeps, {RANGE}: give a date in that range")
                return found
    if why := _impossible(words):
        raise BadInput(f"there is no date {text.strip()!r}: {why}")
    raise BadInput(
        f"can't read the date {text.strip()!r}: try 2026-03-01, today, yesterday, tuesday, "
        "last friday, 3 days ago, in 2 weeks or mar 3"
    )


def on_side(day: date, *, today: date, side: Prefer, text: str, option: str) -> date:
    """`day` when it lies on `side` of today (today itself is on both), else a clear error.

    What happened (`--on`, `--met`) cannot be after today, and a plan (`--next`,
    `schedule`, `snooze`, `--due`) cannot be before it. For a date written with its year
    the error offers the same month and day on the right side of today, the likeliest
    slip being the year.
    """
    if (side == "past" and day <= today) or (side == "future" and day >= today):
        return day
    which, instead = ("after", "on or before") if side == "past" else ("before", "on or after")
    guess = _same_day_on_side(day, today=today, side=side) if re.search(r"\d{4}", text) else None
    hint = (f"did you mean {guess.isoformat()}?" if guess
            else f"give a day {instead} today")
    raise BadInput(f"{option} {_as_read(text, day)} is {which} today ({today.isoformat()}): "
                   f"{hint}")


def _as_read(text: str, day: date) -> str:
    """The date as typed, quoted, with the day it was read as when that says more:
    "'3 days ago' (2026-11-19)", but "'2026-11-19'" alone."""
    typed = text.strip()
    return repr(typed) if typed == day.isoformat() else f"{typed!r} ({day.isoformat()})"


def _same_day_on_side(day: date, *, today: date, side: Prefer) -> date | None:
    step = -1 if side == "past" else 1
    for year in range(today.year, today.year + 9 * step, step):  # feb 29 recurs within 8
        with suppress(ValueError):
            found = day.replace(year=year)
            if (found <= today) if side == "past" else (found >= today):
                return found if in_range(found) else None
    return None


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def _impossible(words: str) -> str | None:
    """Why a date written with its numbers names no day: "February has 28 days in 2026"."""
    import calendar

    year: int | None
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", words):
        year, month, day = (int(part) for part in match.groups())
    elif match := next(filter(None, (re.fullmatch(p, words) for p in _MONTH_DAY)), None):
        month = _names().month(match["month"]) or 0
        if not month:
            return None
        year, day = (int(match["year"]) if match["year"] else None), int(match["day"])
    else:
        return None
    if not 1 <= month <= 12:
        return f"there is no month {month}: months run from 01 to 12"
    name = _MONTH_NAMES[month - 1]
    if year is None:
        most = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        return f"{name} has at most {most} days" if day > most or day < 1 else None
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    return f"{name} has {days} days in {year}"


def parse_interval(text: str) -> int:
    """The cadence `text` names, in days: `2w`, `6 weeks`, `every 2 weeks`, `monthly`, `90d`."""
    words = " ".join(text.lower().split())
    days = _INTERVAL_NAMES.get(words)
    if days is None and (match := re.fullmatch(_INTERVAL, words)):
        days = int(match["count"] or 1) * _UNIT_DAYS[match["unit"][0]]
    if days is None or not 0 < days <= MAX_INTERVAL_DAYS:
        raise BadInput(
            f"can't read the interval {text.strip()!r}: try 2w, 6 weeks, monthly, quarterly "
            f"or 90d (at most {MAX_INTERVAL_DAYS // 365} years)"
        )
    return days


def format_interval(days: int) -> str:
    """A cadence as people say it: `1 week`, `6 weeks`, `30 days`."""
    return counted(days // 7, "week") if days % 7 == 0 else counted(days, "day")


def format_ago(days: int) -> str:
    """How long ago, roughly, for "5 weeks since your last coffee"; negative days are ahead."""
    if days < 0:
        return f"in {counted(-days, 'day')}"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return counted(days, "day")
    if days < 63:
        return counted(days // 7, "week")
    if days < 730:
        return counted(days // 30, "month")
    return counted(days // 365, "year")


def _iso(words: str, today: date, prefer: Prefer) -> date | None:
    return date.fromisoformat(words) if re.fullmatch(_ISO, words) else None


def _named_day(words: str, today: date, prefer: Prefer) -> date | None:
    offset = _DAYS_FROM_TODAY.get(words)
    return None if offset is None else today + timedelta(days=offset)


def _weekday(words: str, today: date, prefer: Prefer) -> date | None:
    """`tue`, `friday` (by `prefer`), `last friday`, `next friday`, `this friday`."""
    match = re.fullmatch(_WEEKDAY, words)
    wanted = None if match is None else _names().weekday(match["name"])
    if match is None or wanted is None:
        return None
    ahead = (wanted - today.weekday()) % 7  # 0 when today is that day
    behind = (today.weekday() - wanted) % 7
    offset = {
        "past": -behind,
        "future": ahead,
        "last": -(behind or 7),
        "next": ahead or 7,
        "this": wanted - today.weekday(),  # the same Monday-to-Sunday week
    }[match["which"] or prefer]
    return today + timedelta(days=offset)


def _relative(words: str, today: date, prefer: Prefer) -> date | None:
    """`3 days ago`, `a week ago`, `in 2 months`, `last week`, `next year`."""
    if match := re.fullmatch(_LAST_NEXT, words):
        count = -1 if match["which"] == "last" else 1
    elif (match := re.fullmatch(_COUNTED, words)) and bool(match["ahead"]) != bool(match["ago"]):
        count = 1 if match["count"] in ("a", "an") else int(match["count"])
        count = -count if match["ago"] else count
    else:
        return None
    from dateutil.relativedelta import relativedelta

    delta = {
        "day": relativedelta(days=count),
        "week": relativedelta(weeks=count),
        "month": relativedelta(months=count),  # mar 31 + 1 month is apr 30
        "year": relativedelta(years=count),
    }[match["unit"]]
    return today + delta


def _month_day(words: str, today: date, prefer: Prefer) -> date | None:
    """`mar 3`, `3 march`, `March 3rd`, `3rd of march`; exact with a year: `mar 3, 2025`."""
    match = next(filter(None, (re.fullmatch(pattern, words) for pattern in _MONTH_DAY)), None)
    month = None if match is None else _names().month(match["month"])
    if match is None or month is None:
        return None
    day = int(match["day"])
    if match["year"]:
        return date(int(match["year"]), month, day)
    step = -1 if prefer == "past" else 1
    for year in range(today.year, today.year + 9 * step, step):  # feb 29 recurs within 8 years
        with suppress(ValueError):
            found = date(year, month, day)
            if (found <= today) if prefer == "past" else (found >= today):
                return found
    return None


_READERS = (_iso, _named_day, _weekday, _relative, _month_day)
