"""Touch-bases per month: the rhythm of a relationship, or of the whole panel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mentornet.domain.records import TouchBase

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class MonthCount:
    month: date  # the first day of the month
    touchbases: int
    two_way: int


def months_back(today: date, count: int = MONTHS_SHOWN) -> list[date]:
    """The first days of the last `count` months, this month included, oldest first."""
    year, month = today.year, today.month
    found = []
    for _ in range(count):
        found.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def monthly_counts(touchbases: Iterable[TouchBase], today: date,
                   months: int = MONTHS_SHOWN) -> tuple[MonthCount, ...]:
    """Touch-bases per month over the last `months` months, oldest first."""
    starts = months_back(today, months)
    first = starts[0]
    # Counted by day, then each day's count added to its month: a panel's year has
    # thousands of touch-bases but only a few hundred days.
    by_day: Counter[date] = Counter()
    two_way_by_day: Counter[date] = Counter()
    for tb in touchbases:
        if first <= tb.happened_on <= today:
            by_day[tb.happened_on] += 1
            two_way_by_day[tb.happened_on] += tb.two_way
    every: Counter[date] = Counter()
    two_way: Counter[date] = Counter()
    for day, count in by_day.items():
        month = day.replace(day=1)
        every[month] += count
        two_way[month] += two_way_by_day[day]
    return tuple(MonthCount(m, every[m], two_way[m]) for m in starts)
