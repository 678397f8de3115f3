"""Dates as spreadsheets and exports write them, with the day-month order decided per file.

ISO dates (2024-05-30), LinkedIn's "30 May 2024" (also 30-May-2024), and numeric dates as a
spreadsheet re-saves them: 30.05.2024 (German Excel), 5/30/2024 (US Excel), 30/05/2024
(British). Whether 5/6/2024 is the 5th of June or the 6th of May is decided once for the
whole file, from the other dates in it: one date with a day above 12 settles it. When no
date settles it, dots are read day-first (the countries that write them do) and slashes
month-first, and the report says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    start=1)}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")


@dataclass(frozen=True)
class DayOrder:
    """How a file's numeric dates read: day first or month first, and why."""

    day_first: bool
    note: str | None = None  # what the report says about it, when it was not obvious
    conflict: str | None = None  # a date that contradicts the order the file settled on
    _seen: dict[str, date | None] = field(default_factory=dict, compare=False, repr=False)

    def parse(self, text: str) -> date | None:
        """A date in any of the accepted forms, from 1900-01-01 to 2199-12-31 (the dates
        mentornet keeps, see dates.py), or None."""
        if text in self._seen:  # a big file has each date many times over
            return self._seen[text]
        from mentornet.dates import in_range

        day = self._read(text)
        found = self._seen[text] = day if day is None or in_range(day) else None
        return found

    def _read(self, text: str) -> date | None:
        value = text.strip()
        try:
            match = _ISO.fullmatch(value)
            if match:
                return date(int(match[1]), int(match[2]), int(match[3]))
            match = _NAMED.fullmatch(value)
            if match:
                month = MONTHS.get(match[2].lower())
                return date(int(match[3]), month, int(match[1])) if month else None
            match = _NUMERIC.fullmatch(value)
            if match:
                first, second, year = int(match[1]), int(match[3]), _year(match[4])
                day, month = (first, second) if self.day_first else (second, first)
                return date(year, month, day)
        except ValueError:
            return None
        return None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 4:
        return year
    return 2000 + year if year < 70 else 1900 + year


def day_order(samples: Iterable[tuple[str, str]]) -> DayOrder:
    """The order of a file's numeric dates, from (where, text) samples of every date cell."""
    day_first_at = month_first_at = None
    separators: set[str] = set()
    example = None
    for where, text in samples:
        match = _NUMERIC.fullmatch(text.strip())
        if not match:
            continue
        first, second = int(match[1]), int(match[3])
        separators.add(match[2])
        if first > 12 and second <= 12 and day_first_at is None:
            day_first_at = (where, text.strip())
        elif second > 12 and first <= 12 and month_first_at is None:
            month_first_at = (where, text.strip())
        elif first <= 12 and second <= 12 and first != second and example is None:
            example = text.strip()
    if day_first_at and month_first_at:
        return DayOrder(True, conflict=(
            f"{month_first_at[1]!r} ({month_first_at[0]}) is month-first but "
            f"{day_first_at[1]!r} ({day_first_at[0]}) is day-first: the file mixes the two; "
            "write its dates as YYYY-MM-DD"))
    if day_first_at or month_first_at:
        return DayOrder(bool(day_first_at))
    if example is None:
        return DayOrder(True)
    day_first = separators == {"."} or separators == {"-"}
    how = "day-first" if day_first else "month-first"
    reading = DayOrder(day_first).parse(example)
    shown = f"{reading:%d %B %Y}" if reading else example
    return DayOrder(day_first, note=(
        f"dates such as {example} were read {how} (as {shown}): no date in the file has a "
        "day above 12 to tell; if that is wrong, write the dates as YYYY-MM-DD"))
