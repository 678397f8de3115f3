"""Plain, immutable records of the panel, as the domain functions see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    kind: str = "informal"
    status: str = "active"
    role: str | None = None
    org: str | None = None
    seniority: str | None = None
    via: str | None = None
    met_on: date | None = None
    focus: tuple[str, ...] = ()
    cadence_days: int | None = None  # None: the default for the kind
    email: str | None = None
    link: str | None = None
    notes: str | None = None
    snoozed_until: date | None = None
    next_session: date | None = None


@dataclass(frozen=True)
class TouchBase:
    id: int
    person_id: int
    happened_on: date
    channel: str = "meeting"
    initiator: str = "me"  # "me" or "them"
    answered: bool = True  # False: an outreach with no reply yet
    notes: str | None = None
    topics: tuple[str, ...] = ()
    feedback: str | None = None

    @property
    def two_way(self) -> bool:
        """A real contact: answered, or started by them."""
        return self.answered or self.initiator == "them"


@dataclass(frozen=True)
class Favour:
    id: int
    person_id: int
    direction: str  # "give" or "got"
    happened_on: date
    kind: str = "other"
    description: str = ""


@dataclass(frozen=True)
class ParkedItem:
    id: int
    person_id: int | None  # None: for every formal mentor
    kind: str
    text: str
    parked_on: date
    discussed_on: date | None = None
    discussed_with: int | None = None

    @property
    def is_open(self) -> bool:
        return self.discussed_on is None


@dataclass(frozen=True)
class FollowUp:
    id: int
    person_id: int
    text: str
    created_on: date
    due: date | None = None
    done_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.done_on is None


@dataclass(frozen=True)
class ProgressNote:
    id: int
    goal_id: int
    noted_on: date
    note: str


@dataclass(frozen=True)
class Goal:
    id: int
    text: str
    created_on: date
    target: date | None = None
    focus: tuple[str, ...] = ()
    status: str = "open"
    closed_on: date | None = None
    mentor_ids: tuple[int, ...] = ()
    progress: tuple[ProgressNote, ...] = field(default=())
