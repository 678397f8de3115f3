"""A sparkline of one person's touch-bases per month, for `show` (and review's helpers)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text

from mentornet.domain.records import TouchBase
from mentornet.domain.rhythm import monthly_counts

SPARKS = "▁▂▃▄▅▆▇█"
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")


def rhythm_sparkline(touchbases: Iterable[TouchBase], today: date, *,
                     months: int = 12) -> Text:
    """One person's touch-bases per month as a sparkline, for `show`: `·▂█··▄ 7 in 12 months`."""
    counts = monthly_counts(touchbases, today, months)
    top = max((m.touchbases for m in counts), default=0)
    line = Text()
    for m in counts:
        if not m.touchbases:
            line.append("·", style="dim")
        else:
            index = max(0, min(len(SPARKS) - 1, round(len(SPARKS) * m.touchbases / top) - 1))
            line.append(SPARKS[index], style="green")
    total = sum(m.touchbases for m in counts)
    first, last = counts[0].month, counts[-1].month
    line.append(f"  {total} touch-base{'s' if total != 1 else ''} in {months} months "
                f"({MONTH_ABBR[first.month - 1]} {first.year} to "
                f"{MONTH_ABBR[last.month - 1]} {last.year})", style="dim")
    return line
