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
    every: Counter[date] = Counter()
    two_way: Counter[date] = Counter()
    for tb in touchbases:
        if starts[0] <= tb.happened_on <= today:
            month = tb.happened_on.replace(day=1)
            every[month] += 1
            two_way[month] += tb.two_way
    return tuple(MonthCount(m, every[m], two_way[m]) for m in starts)
