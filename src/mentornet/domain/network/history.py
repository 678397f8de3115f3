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
               spheres: Mapping[int, str | None],
               ties_on: Callable[[Person, list[date]], list[Tie]], today: date,
               now: Sequence[Tie] = ()) -> tuple[QuarterShape, ...]:
    """The last QUARTERS_SHOWN quarters, oldest first. `mentors` are the formal and
    informal mentors of any status; `ties_on(person, days)` measures one tie on each of
    several days, oldest first, and `now` holds today's ties, which the current quarter
    reuses: everyone an active mentor today has one."""
    ends = [(label, min(today, _next_quarter(start) - timedelta(days=1)))
            for label, start in quarters_back(today, QUARTERS_SHOWN)]
    past = [end for _, end in ends if end != today]
    # Each mentor's ties on the last days of the past quarters they were on the panel
    # for, measured together: one walk along each history.
    on: dict[date, list[Person]] = {end: [] for _, end in ends}
    ties: dict[date, list[Tie]] = {end: [] for _, end in ends}
    for person in mentors:
        if person.kind not in MENTOR_KINDS:
            continue
        span = joined_and_left(person, by_person.get(person.id, ()))
        days = [end for end in past if on_panel_on(span, end)]
        for end, tie in zip(days, ties_on(person, days) if days else (), strict=True):
            on[end].append(person)
            ties[end].append(tie)
    today_ties = {tie.person_id: tie for tie in now}
    if today in on:  # the current quarter is today's panel
        on[today] = [p for p in mentors if is_mentor(p)]
        ties[today] = [today_ties[p.id] for p in on[today]]
    shapes = []
    for label, end in ends:
        diversity = diversity_of([spheres.get(p.id) for p in on[end]])
        strength = strength_of(ties[end])
        shapes.append(QuarterShape(label=label, end=end, size=len(on[end]),
                                   diversity=diversity, strength=strength,
                                   kind=kind_of(diversity, strength)))
    return tuple(shapes)


def _next_quarter(start: date) -> date:
    return date(start.year + 1, 1, 1) if start.month == 10 else \
        date(start.year, start.month + 3, 1)
