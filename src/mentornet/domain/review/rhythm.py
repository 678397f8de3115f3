"""The panel's rhythm: touch-bases per month, and per day over a year's calendar."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.domain.records import TouchBase
from mentornet.domain.rhythm import MonthCount, monthly_counts, months_back


@dataclass(frozen=True)
class Rhythm:
    months: tuple[MonthCount, ...]  # the last MONTHS_SHOWN months, oldest first
    start: date  # the first day of the calendar: a Monday about a year ago
    end: date  # today
    days: Mapping[date, int]  # touch-bases per day, only the days that have some

    @property
    def total(self) -> int:
        return sum(self.days.values())

    def count_on(self, day: date) -> int:
        return self.days.get(day, 0)


def calendar_start(today: date) -> date:
    """The Monday that starts a year-long calendar ending today (53 weeks at most)."""
    start = today - timedelta(days=364)
    return start - timedelta(days=start.weekday())


def rhythm_of(touchbases: Iterable[TouchBase], today: date) -> Rhythm:
    """Touch-bases per month for a bar chart, and per day for a calendar heat-map."""
    start = calendar_start(today)
    # The calendar and the months each cover about a year: the rest is never counted.
    first = min(start, months_back(today)[0])
    recent = [tb for tb in touchbases if first <= tb.happened_on <= today]
    days = Counter(tb.happened_on for tb in recent if start <= tb.happened_on)
    return Rhythm(months=monthly_counts(recent, today), start=start, end=today,
                  days=dict(sorted(days.items())))

