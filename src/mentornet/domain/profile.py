"""One person's page: who they are, their history, the give and get, what is open."""

from datetime import date
from typing import Any, NamedTuple

from mentornet.domain.records import (
    Favour,
    FollowUp,
    Goal,
    ParkedItem,
    Person,
    TouchBase,
    as_dict,
)


class Profile(NamedTuple):
    """One person and everything recorded with them (a NamedTuple, like the records)."""

    person: Person
    cadence_days: int
    touchbases: tuple[TouchBase, ...]  # newest first
    favours: tuple[Favour, ...]  # newest first
    parked: tuple[ParkedItem, ...]  # open items, theirs and the general ones, as parked
    followups: tuple[FollowUp, ...]  # open first
    goals: tuple[Goal, ...]  # goals they help with

    @property
    def last_contact(self) -> date | None:
        """The most recent two-way touch-base (an unanswered outreach is not contact)."""
        return next((t.happened_on for t in self.touchbases if t.two_way), None)

    @property
    def given(self) -> int:
        return sum(f.direction == "give" for f in self.favours)

    @property
    def received(self) -> int:
        return sum(f.direction == "got" for f in self.favours)

    def as_json(self) -> dict[str, Any]:
        """The person's fields plus their lists, newest first where dated."""
        data = as_dict(self.person)
        data.update(
            cadence_days=self.cadence_days,
            last_contact=self.last_contact,
            touchbases=[as_dict(t) for t in self.touchbases],
            favours=[as_dict(f) for f in self.favours],
            parked=[as_dict(p) for p in reversed(self.parked)],
            followups=[as_dict(f) for f in self.followups],
            goals=[as_dict(g) for g in self.goals],
        )
        return data
