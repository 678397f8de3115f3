"""Give and get per person, and outreaches that got no reply."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from mentornet.domain.records import Favour, Person, TouchBase
from mentornet.domain.relationship import Relationship, waiting_for_reply
from mentornet.domain.review.people import Ref, ref_of


@dataclass(frozen=True)
class Balance:
    person: Ref
    given: int
    got: int
    touchbases: int
    since_gave: int  # two-way touch-bases since you last gave anything back (or ever)
    last_gave: date | None
    one_sided: bool


@dataclass(frozen=True)
class Unanswered:
    """Your latest outreaches to someone that got no reply, newest run only."""

    person: Ref
    outreaches: int
    since: date
    last: date
    ease_off: bool  # waiting for a reply, as domain/relationship.py judges it


def balances(people: Sequence[Person], by_person: Mapping[int, Sequence[TouchBase]],
             favours_of: Mapping[int, Sequence[Favour]],
             states: Mapping[int, Relationship]) -> tuple[Balance, ...]:
    """Give and get per person still on the panel, the one-sided relationships first.

    One-sided is judged by domain/relationship.py, the rule `due` and `prep` follow.
    """
    found = []
    for person in people:
        history = by_person.get(person.id, ())
        favours = favours_of.get(person.id, ())
        if person.status == "archived" or not (history or favours):
            continue
        state = states[person.id]
        gave = [fav.happened_on for fav in favours if fav.direction == "give"]
        found.append(Balance(person=ref_of(person), given=len(gave),
                             got=sum(fav.direction == "got" for fav in favours),
                             touchbases=len(history),
                             since_gave=state.since_given_touchbases,
                             last_gave=max(gave, default=None), one_sided=state.one_sided))
    return tuple(sorted(found, key=lambda b: (not b.one_sided, -(b.got - b.given),
                                              -b.since_gave, b.person.name.casefold())))


def unanswered_outreach(people: Sequence[Person],
                        by_person: Mapping[int, Sequence[TouchBase]],
                        states: Mapping[int, Relationship], *,
                        today: date) -> tuple[Unanswered, ...]:
    """People whose latest outreaches got no reply, most unanswered first (the rule is
    relationship.waiting_for_reply)."""
    found = []
    for person in people:
        if person.status == "archived":
            continue
        run = [tb.happened_on for tb in waiting_for_reply(by_person.get(person.id, ()),
                                                          today=today)]
        if run:
            found.append(Unanswered(ref_of(person), len(run), since=run[-1], last=run[0],
                                    ease_off=states[person.id].easing_off))
    return tuple(sorted(found, key=lambda u: (-u.outreaches, u.last, u.person.name.casefold())))

