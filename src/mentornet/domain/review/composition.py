"""Who is on the panel by kind and status, and who joined and left each quarter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.domain.records import Person, TouchBase
from mentornet.domain.review.people import Ref, ref_of
from mentornet.vocab import PANEL_KINDS as KINDS
from mentornet.vocab import STATUSES

QUARTERS_SHOWN = 8  # two years of joiners and leavers


@dataclass(frozen=True)
class Move:
    """Someone who joined the panel, or went quiet (archived or paused), on a date."""

    person: Ref
    on: date
    status: str  # the person's status now


@dataclass(frozen=True)
class Quarter:
    label: str  # "2026-Q1"
    start: date
    joined: tuple[Move, ...]
    left: tuple[Move, ...]


@dataclass(frozen=True)
class Composition:
    counts: Mapping[str, Mapping[str, int]]  # kind -> status -> people
    quarters: tuple[Quarter, ...]  # the last QUARTERS_SHOWN, oldest first

    @property
    def total(self) -> int:
        return sum(sum(by_status.values()) for by_status in self.counts.values())

    def count(self, *, kind: str | None = None, status: str | None = None) -> int:
        return sum(n for k, by_status in self.counts.items() if kind in (None, k)
                   for s, n in by_status.items() if status in (None, s))


def quarter_of(day: date) -> tuple[str, date]:
    """The quarter's label and first day: `2026-Q1`, 2026-01-01."""
    index = (day.month - 1) // 3
    return f"{day.year}-Q{index + 1}", date(day.year, index * 3 + 1, 1)


def quarters_back(today: date, count: int) -> list[tuple[str, date]]:
    _, start = quarter_of(today)
    found = []
    for _ in range(count):
        found.append(quarter_of(start))
        start = quarter_of(start - timedelta(days=1))[1]
    return found[::-1]


def joined_and_left(person: Person,
                    history: Sequence[TouchBase]) -> tuple[date | None, date | None]:
    """When the person joined the panel, and when they went quiet (None: active now).

    There is no history of status changes: a person joined when you met them (`met_on`,
    else their first touch-base, oldest first in `history`) and, if archived or paused
    now, went quiet on their last touch-base (else when you met them).
    """
    first = min(filter(None, (person.met_on, history[0].happened_on if history else None)),
                default=None)
    if person.status == "active":
        return first, None
    return first, history[-1].happened_on if history else first


def on_panel_on(span: tuple[date | None, date | None], day: date) -> bool:
    """Whether a person was on the panel at the end of `day`, from their `span`: when
    they joined and went quiet, as `joined_and_left` gives them."""
    first, last = span
    return first is not None and first <= day and (last is None or last > day)


def compose(people: Sequence[Person], by_person: Mapping[int, Sequence[TouchBase]],
            today: date) -> Composition:
    """Who is on the panel by kind and status, and who joined and left in each quarter
    (see `joined_and_left`): a person left in the quarter they went quiet."""
    counts = {kind: dict.fromkeys(STATUSES, 0) for kind in KINDS}
    joined: dict[date, list[Move]] = defaultdict(list)
    left: dict[date, list[Move]] = defaultdict(list)
    for person in people:
        if person.kind not in counts:
            counts[person.kind] = dict.fromkeys(STATUSES, 0)
        counts[person.kind][person.status] = counts[person.kind].get(person.status, 0) + 1
        first, last = joined_and_left(person, by_person.get(person.id, ()))
        if first is not None and first <= today:
            joined[quarter_of(first)[1]].append(Move(ref_of(person), first, person.status))
        if last is not None:
            left[quarter_of(last)[1]].append(Move(ref_of(person), last, person.status))
    quarters = tuple(
        Quarter(label=label, start=start,
                joined=tuple(sorted(joined[start], key=lambda m: (m.on, m.person.name))),
                left=tuple(sorted(left[start], key=lambda m: (m.on, m.person.name))))
        for label, start in quarters_back(today, QUARTERS_SHOWN))
    return Composition(counts=counts, quarters=quarters)
