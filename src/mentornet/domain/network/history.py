"""The network's shape quarter by quarter for the last two years, so you see it evolve.

Each quarter is measured on its last day (today, for the current one) with the same
rules as today's: who was an active mentor then (review.composition's `on_panel_on`:
joined by then and not yet gone quiet), their tie strength on that day, and their
spheres. Spheres have no history: each person's sphere now stands for every quarter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.domain.network.shape import Diversity, Strength, diversity_of, kind_of, strength_of
from mentornet.domain.network.ties import Tie
from mentornet.domain.records import Person, TouchBase
from mentornet.domain.review.composition import (
    QUARTERS_SHOWN,
    joined_and_left,
    on_panel_on,
    quarters_back,
)
from mentornet.domain.review.people import MENTOR_KINDS, is_mentor


@dataclass(frozen=True)
class QuarterShape:
    label: str  # "2026-Q1"
    end: date  # the day it is measured on
    size: int
    diversity: Diversity
    strength: Strength
    kind: str | None


def by_quarter(mentors: Sequence[Person], by_person: Mapping[int, Sequence[TouchBase]],
               spheres: Mapping[int, str | None], tie_on: Callable[[Person, date], Tie],
               today: date, now: Sequence[Tie] = ()) -> tuple[QuarterShape, ...]:
    """The last QUARTERS_SHOWN quarters, oldest first. `mentors` are the formal and
    informal mentors of any status; `tie_on(person, day)` measures one tie on a day, and
    `now` holds today's ties, which the current quarter reuses."""
    today_ties = {tie.person_id: tie for tie in now}
    spans = {p.id: joined_and_left(p, by_person.get(p.id, ())) for p in mentors
             if p.kind in MENTOR_KINDS}
    shapes = []
    for label, start in quarters_back(today, QUARTERS_SHOWN):
        end = min(today, _next_quarter(start) - timedelta(days=1))
        if end == today:  # the current quarter is today's panel
            on = [p for p in mentors if is_mentor(p)]
            ties = [today_ties.get(p.id) or tie_on(p, end) for p in on]
        else:
            on = [p for p in mentors if p.id in spans and on_panel_on(spans[p.id], end)]
            ties = [tie_on(p, end) for p in on]
        diversity = diversity_of([spheres.get(p.id) for p in on])
        strength = strength_of(ties)
        shapes.append(QuarterShape(label=label, end=end, size=len(on), diversity=diversity,
                                   strength=strength, kind=kind_of(diversity, strength)))
    return tuple(shapes)


def _next_quarter(start: date) -> date:
    return date(start.year + 1, 1, 1) if start.month == 10 else \
        date(start.year, start.month + 3, 1)
