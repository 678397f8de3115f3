"""A keep-warm update (`mentornet update`): what you have been working on since your last
contact with someone, and one light question or one offer to help. Not a session note.

Pure functions: no database, no clock.
"""

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from mentornet.domain.names import tag_key
from mentornet.domain.owner import Owner, in_house
from mentornet.domain.recap import give_get_balance, reciprocation_ideas
from mentornet.domain.records import Favour, FollowUp, Goal, ParkedItem, Person, TouchBase
from mentornet.domain.relationship import Relationship, Together, last_together, relationship_of
from mentornet.domain.rules import Rules

MAX_WORDS = 150  # the body, greeting and sign-off aside
NEWS_KINDS = ("win", "update", "challenge")  # parked kinds that are news, in this order


class Item(NamedTuple):
    """One piece of news: a parked win, update or challenge, or a goal's progress note."""

    kind: str  # "win", "update", "challenge" or "progress"
    id: int  # the parked item's or the progress note's id
    text: str
    on: date
    goal: Goal | None = None  # the goal, for a progress note


class Offer(NamedTuple):
    """The one light question, or the one offer to help (a way to give back)."""

    kind: str  # "question", or a give-back kind: "intro", "feedback", "info"...
    focus: tuple[str, ...]  # their focus areas, for the wording
    org: str | None
    in_house: bool = False  # they work in your organisation


class KeepWarm(NamedTuple):
    person: Person
    today: date
    since: date | None  # the last two-way contact, or --since; None: no contact yet
    together: Together | None  # the last time before today you met (or may have)
    items: tuple[Item, ...]  # all the news, in the order it is told
    offer: Offer
    owner: Owner | None
    since_given: bool = False  # `since` is the day asked for (--since), not the last contact


def build_update(*, person: Person, goals: Iterable[Goal], parked: Iterable[ParkedItem],
                 favours: Iterable[Favour], touchbases: Iterable[TouchBase],
                 followups: Iterable[FollowUp], today: date, since: date | None = None,
                 rules: Rules | None = None, added_on: date | None = None,
                 owner: Owner | None = None) -> KeepWarm:
    """The update for `person` as of `today`: news since `since`, else since the last
    two-way contact with them (everything open when there was none)."""
    history = [t for t in touchbases if t.person_id == person.id]
    theirs = [f for f in favours if f.person_id == person.id]
    rules = rules or Rules()
    state = relationship_of(person, history, theirs, list(followups), today=today,
                            cadence_days=rules.cadence_for(person.kind, person.cadence_days),
                            added_on=added_on)
    start = since if since is not None else state.last_two_way
    items = _parked_news(person, parked, start, today) + _progress(person, goals, start,
                                                                   today)
    order = {"win": 0, "progress": 1, "update": 2, "challenge": 3}
    # wins first, then progress, updates, challenges; the newest of each first, so that
    # what MAX_WORDS leaves out is the oldest news
    items.sort(key=lambda i: (order[i.kind], -i.on.toordinal(), -i.id))
    return KeepWarm(person=person, today=today, since=start,
                    together=last_together(history, before=today), items=tuple(items),
                    offer=_offer(person, theirs, state, owner, today),
                    owner=owner if owner is not None and owner.is_set else None,
                    since_given=since is not None)


def _parked_news(person: Person, parked: Iterable[ParkedItem], since: date | None,
                 today: date) -> list[Item]:
    """Open wins, updates and challenges parked for them or for everyone, since then."""
    return [Item(kind=i.kind, id=i.id, text=i.text, on=i.parked_on) for i in parked
            if i.is_open and i.kind in NEWS_KINDS
            and (i.person_id == person.id or i.person_id is None)
            and (since is None or i.parked_on >= since) and i.parked_on <= today]


def _progress(person: Person, goals: Iterable[Goal], since: date | None,
              today: date) -> list[Item]:
    """Progress noted since then on the goals they help with or that share their focus."""
    theirs = {tag_key(tag) for tag in person.focus}
    found = []
    for goal in goals:
        if person.id not in goal.mentor_ids and not any(tag_key(t) in theirs
                                                         for t in goal.focus):
            continue
        notes = [n for n in goal.progress
                 if (since is None or n.noted_on >= since) and n.noted_on <= today]
        if since is None:
            notes = sorted(notes, key=lambda n: (n.noted_on, n.id))[-1:]
        found += [Item(kind="progress", id=n.id, text=n.note, on=n.noted_on, goal=goal)
                  for n in notes]
    return found


def _offer(person: Person, favours: list[Favour], state: Relationship,
           owner: Owner | None, today: date) -> Offer:
    """An offer to help when the relationship model advises giving back (one-sided, and
    not waiting for a reply): the kind of prep's first idea; else a light question."""
    org = person.org.strip() if person.org and person.org.strip() else None
    if not state.may_give_back:
        return Offer(kind="question", focus=person.focus, org=org)
    balance = give_get_balance(favours, state, today=today)
    ideas = reciprocation_ideas(person, balance, in_house=in_house(owner, person))
    kind = ideas[0].kind if ideas else "info"
    return Offer(kind=kind, focus=person.focus, org=org, in_house=in_house(owner, person))
