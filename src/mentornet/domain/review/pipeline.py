"""Prospects by how long ago you met them, mentees by how often you meet them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.domain.records import Person, TouchBase
from mentornet.domain.relationship import (
    EXISTING_RELATIONSHIP_DAYS,
    TAKEOFF_FOLLOW_UP_DAYS,
    Relationship,
)
from mentornet.domain.review.people import Ref, ref_of
from mentornet.domain.rules import Rules

TAKEOFF_DAYS = TAKEOFF_FOLLOW_UP_DAYS


@dataclass(frozen=True)
class Prospect:
    person: Ref
    status: str
    met_on: date | None
    days_since_met: int | None
    band: str  # "under a month", "1-3 months", "3-12 months", "over a year", "unknown"
    touchbases: int
    takeoff: str  # "done", "pending", "missed", "existing", "no contact"
    last_contact: date | None


@dataclass(frozen=True)
class Mentee:
    person: Ref
    status: str
    last_met: date | None
    meetings_last_year: int
    average_gap_days: int | None  # between meetings in the last year
    cadence_days: int
    on_rhythm: bool


@dataclass(frozen=True)
class Pipeline:
    prospects: tuple[Prospect, ...]  # newest first
    mentees: tuple[Mentee, ...]


def _band(days: int | None) -> str:
    if days is None:
        return "unknown"
    if days < 31:
        return "under a month"
    if days < 91:
        return "1-3 months"
    if days < 365:
        return "3-12 months"
    return "over a year"


def takeoff(person: Person, history: Sequence[TouchBase], today: date,
            state: Relationship | None = None) -> tuple[date | None, str]:
    """When you first met, and whether a second touch-base followed within 14 days.

    "pending" is the takeoff `due` flags (domain/relationship.py); "existing": a
    relationship you already had when you added them, which has no takeoff.
    """
    contacts = [tb.happened_on for tb in history]
    if person.met_on is not None and person.met_on <= today and (
            not contacts or person.met_on < contacts[0]):
        contacts.insert(0, person.met_on)
    if not contacts:
        return None, "no contact"
    first = contacts[0]
    added = state.facts.added_on if state is not None else None
    if added is not None and (added - first).days > EXISTING_RELATIONSHIP_DAYS:
        return first, "existing"
    if len(contacts) >= 2 and (contacts[1] - first).days <= TAKEOFF_DAYS:
        return first, "done"
    if state is not None:  # still within the 14 days of the follow-up due has flagged
        pending = state.takeoff and state.takeoff_by is not None and today <= state.takeoff_by
        return first, "pending" if pending else "missed"
    if state is None and len(contacts) < 2 and (today - first).days <= TAKEOFF_DAYS:
        return first, "pending"
    return first, "missed"


def pipeline_of(people: Sequence[Person], by_person: Mapping[int, Sequence[TouchBase]],
                today: date, rules: Rules,
                states: Mapping[int, Relationship] | None = None) -> Pipeline:
    """Prospects by how long ago you met them, and mentees by how often you meet them."""
    prospects = []
    mentees = []
    year_ago = today - timedelta(days=365)
    for person in people:
        if person.status == "archived" or person.kind not in ("prospect", "mentee"):
            continue
        history = by_person.get(person.id, ())
        two_way = [tb.happened_on for tb in history if tb.two_way]
        if person.kind == "prospect":
            first, state = takeoff(person, history, today,
                                   states.get(person.id) if states else None)
            days = None if first is None else (today - first).days
            prospects.append(Prospect(
                person=ref_of(person), status=person.status, met_on=first, days_since_met=days,
                band=_band(days), touchbases=len(history), takeoff=state,
                last_contact=two_way[-1] if two_way else None))
        elif person.kind == "mentee":
            recent = [day for day in two_way if day > year_ago]
            gaps = [(b - a).days for a, b in zip(recent, recent[1:], strict=False)]
            cadence = rules.cadence_for(person.kind, person.cadence_days)
            last = two_way[-1] if two_way else None
            mentees.append(Mentee(
                person=ref_of(person), status=person.status, last_met=last,
                meetings_last_year=len(recent),
                average_gap_days=round(sum(gaps) / len(gaps)) if gaps else None,
                cadence_days=cadence,
                on_rhythm=last is not None and (today - last).days <= cadence))
    prospects.sort(key=lambda p: (p.met_on is None, -(p.met_on or today).toordinal(),
                                  p.person.name.casefold()))
    mentees.sort(key=lambda m: (m.on_rhythm, m.last_met or date.min, m.person.name.casefold()))
    return Pipeline(prospects=tuple(prospects), mentees=tuple(mentees))

