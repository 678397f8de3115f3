"""Plain, immutable records of the panel, as the domain functions see them.

The records are `NamedTuple`s rather than frozen dataclasses because every command pays
for defining them when it starts: a frozen dataclass generates and compiles six methods
at import, about 1 ms per class here, where a NamedTuple costs a tenth of that. They are
just as immutable and keyword-constructible. Being tuples, a record equals any tuple of
the same values, whatever its type: compare ids, not whole records. `as_dict` is
their JSON shape. Modules defining NamedTuples do without `from __future__ import
annotations`: NamedTuple would compile each string annotation into a ForwardRef.
"""

from datetime import date
from typing import Any, NamedTuple


class Person(NamedTuple):
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
    phone: str | None = None
    sphere: str | None = None  # as you set it; None: guessed (domain/network/spheres.py)
    closeness: int | None = None  # 1 to 5, as you rate it


class TouchBase(NamedTuple):
    id: int
    person_id: int
    happened_on: date
    channel: str = "meeting"
    initiator: str = "me"  # "me" or "them"
    answered: bool = True  # False: an outreach with no reply yet
    notes: str | None = None
    topics: tuple[str, ...] = ()
    feedback: str | None = None
    group_id: int | None = None  # shared by the touch-bases of one conversation

    @property
    def two_way(self) -> bool:
        """A real contact: answered, or started by them."""
        return self.answered or self.initiator == "them"


class Favour(NamedTuple):
    id: int
    person_id: int
    direction: str  # "give" or "got"
    happened_on: date
    kind: str = "other"
    description: str = ""


class ParkedItem(NamedTuple):
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


class FollowUp(NamedTuple):
    id: int
    person_id: int
    text: str
    created_on: date
    due: date | None = None
    done_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.done_on is None


class ProgressNote(NamedTuple):
    id: int
    goal_id: int
    noted_on: date
    note: str


class Goal(NamedTuple):
    id: int
    text: str
    created_on: date
    target: date | None = None
    focus: tuple[str, ...] = ()
    status: str = "open"
    closed_on: date | None = None
    mentor_ids: tuple[int, ...] = ()
    progress: tuple[ProgressNote, ...] = ()


def as_dict(record: NamedTuple) -> dict[str, Any]:
    """The record's fields by name, nested records (a goal's progress notes) included.

    A record inside is a tuple too, and JSON would write it as a list: it becomes a dict.
    """
    data = record._asdict()
    for name, value in data.items():
        if hasattr(value, "_asdict"):
            data[name] = as_dict(value)
        elif isinstance(value, tuple) and value and hasattr(value[0], "_asdict"):
            data[name] = [as_dict(item) for item in value]
    return data
