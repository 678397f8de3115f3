"""A thank-you (`mentornet thanks`): for the latest help received, or the last session's
advice, or a favour or touch-base you name, with what came of it when you recorded that.

Pure functions: no database, no clock.
"""

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from mentornet.domain.owner import Owner
from mentornet.domain.records import Favour, Goal, ParkedItem, Person, TouchBase
from mentornet.domain.relationship import MET_CHANNELS
from mentornet.errors import BadInput

OUTCOMES_SHOWN = 3  # what came of it: the first few progress notes and wins after it


class Outcome(NamedTuple):
    """What came of it: a goal's progress note, or a win parked, on or after the help."""

    kind: str  # "progress" or "win"
    id: int
    text: str
    on: date


class Thanks(NamedTuple):
    person: Person
    today: date
    favour: Favour | None  # help received (`got`)...
    touchbase: TouchBase | None  # ...or a session, for its advice or your time
    outcomes: tuple[Outcome, ...]
    owner: Owner | None

    @property
    def on(self) -> date:
        if self.favour is not None:
            return self.favour.happened_on
        assert self.touchbase is not None
        return self.touchbase.happened_on


def build_thanks(*, person: Person, favours: Iterable[Favour],
                 touchbases: Iterable[TouchBase], goals: Iterable[Goal],
                 parked: Iterable[ParkedItem], today: date, for_id: str | None = None,
                 owner: Owner | None = None) -> Thanks:
    """The thank-you to `person`; BadInput when there is nothing to thank them for."""
    got = [f for f in favours if f.person_id == person.id and f.direction == "got"
           and f.happened_on <= today]
    history = [t for t in touchbases if t.person_id == person.id and t.two_way
               and t.happened_on <= today]
    if for_id is not None:
        favour, touchbase = _named(person, for_id, favours, touchbases)
    else:
        favour, touchbase = _latest(person, got, history)
    day = favour.happened_on if favour is not None else touchbase.happened_on  # type: ignore[union-attr]
    return Thanks(person=person, today=today, favour=favour, touchbase=touchbase,
                  outcomes=outcomes_after(person, day, goals, parked, today=today),
                  owner=owner if owner is not None and owner.is_set else None)


def _latest(person: Person, got: list[Favour], history: list[TouchBase]
            ) -> tuple[Favour | None, TouchBase | None]:
    """The newest of: help received, a session's feedback; else the last time you met."""
    favour = max(got, key=lambda f: (f.happened_on, f.id), default=None)
    advice = max((t for t in history if t.feedback and t.feedback.strip()),
                 key=lambda t: (t.happened_on, t.id), default=None)
    if advice is not None and (favour is None or advice.happened_on > favour.happened_on):
        return None, advice
    if favour is not None:
        return favour, None
    met = max((t for t in history if t.channel in MET_CHANNELS),
              key=lambda t: (t.happened_on, t.id), default=None)
    if met is not None:
        return None, met
    raise BadInput(f"nothing to thank {person.name} for yet: record the help first "
                   f"(mentornet got \"{person.name}\" \"Intro to ...\" --kind intro), "
                   "or name a favour or touch-base with --for ID")


def _named(person: Person, for_id: str, favours: Iterable[Favour],
           touchbases: Iterable[TouchBase]) -> tuple[Favour | None, TouchBase | None]:
    """--for ID, got:ID or log:ID: a favour received from them, or a touch-base with them."""
    text = for_id.strip().lstrip("#")
    where, _, number = text.rpartition(":")
    where = where.casefold()
    if where not in ("", "got", "favour", "log", "touchbase") or not number.isdigit():
        raise BadInput(f"--for {for_id!r} is not an id: give the number of a favour or "
                       "touch-base (`mentornet show NAME --json` lists them), e.g. "
                       "--for 12, --for got:12 or --for log:30")
    wanted = int(number)
    favour = next((f for f in favours if f.id == wanted and f.person_id == person.id),
                  None) if where in ("", "got", "favour") else None
    touchbase = next((t for t in touchbases if t.id == wanted and t.person_id == person.id),
                     None) if where in ("", "log", "touchbase") else None
    if favour is not None and touchbase is not None:
        raise BadInput(f"--for {for_id!r} is both a favour and a touch-base with "
                       f"{person.name}: say --for got:{wanted} or --for log:{wanted}")
    if favour is not None:
        if favour.direction != "got":
            raise BadInput(f"--for {for_id!r} is a favour you gave {person.name}: a "
                           "thank-you is for help you received")
        return favour, None
    if touchbase is not None:
        if not touchbase.two_way:
            raise BadInput(f"--for {for_id!r} is an outreach of yours with no reply yet: "
                           "there is nothing to thank them for in it")
        return None, touchbase
    raise BadInput(f"--for {for_id!r}: {person.name} has no favour or touch-base with that "
                   f"id (mentornet show \"{person.name}\" --json lists them)")


def outcomes_after(person: Person, day: date, goals: Iterable[Goal],
                   parked: Iterable[ParkedItem], *, today: date) -> tuple[Outcome, ...]:
    """Progress on the goals they help with, and wins parked for them or for everyone,
    noted on or after `day`: the first few, oldest first."""
    found = [Outcome("progress", n.id, n.note, n.noted_on) for g in goals
             if person.id in g.mentor_ids for n in g.progress if day <= n.noted_on <= today]
    found += [Outcome("win", i.id, i.text, i.parked_on) for i in parked
              if i.kind == "win" and i.person_id in (person.id, None)
              and day <= i.parked_on <= today]
    found.sort(key=lambda o: (o.on, o.kind, o.id))
    return tuple(found[:OUTCOMES_SHOWN])
