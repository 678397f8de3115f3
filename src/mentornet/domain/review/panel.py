"""The whole panel reviewed on a day: each part of the review, then the suggestions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING

from mentornet.domain.records import Favour, FollowUp, Goal, Person, TouchBase
from mentornet.domain.relationship import Facts, Relationship, relationship, relationship_of
from mentornet.domain.review.balance import Balance, Unanswered, balances, unanswered_outreach
from mentornet.domain.review.composition import Composition, compose
from mentornet.domain.review.coverage import Coverage, cover
from mentornet.domain.review.pipeline import Pipeline, pipeline_of
from mentornet.domain.review.rhythm import Rhythm, rhythm_of
from mentornet.domain.review.suggestions import Suggestion, suggest
from mentornet.domain.rules import Rules

if TYPE_CHECKING:
    from mentornet.domain.network.panel import Network
    from mentornet.domain.owner import Owner

_day_then_id = attrgetter("happened_on", "id")


@dataclass(frozen=True)
class Review:
    today: date
    composition: Composition
    coverage: Coverage
    rhythm: Rhythm
    balance: tuple[Balance, ...]  # one-sided first
    unanswered: tuple[Unanswered, ...]  # most outreaches first
    pipeline: Pipeline
    suggestions: tuple[Suggestion, ...]
    states: Mapping[int, Relationship] = field(default_factory=dict)  # by person id
    network: Network | None = None  # your developmental network (domain/network/)


def review(*, people: Sequence[Person], touchbases: Iterable[TouchBase],
           favours: Iterable[Favour], goals: Iterable[Goal], today: date,
           rules: Rules | None = None, followups: Iterable[FollowUp] = (),
           added: Mapping[int, date] | None = None,
           facts: Iterable[Facts] | None = None, owner: Owner | None = None,
           topics: Iterable[tuple[int, date, tuple[str, ...]]] = ()) -> Review:
    """The whole panel reviewed on `today`; touch-bases and favours after today are ignored.

    Contacts (kind contact) are not on the panel: they count nowhere, and are only put
    forward as candidates for a focus nobody covers (or to widen the network). `added`
    holds the day each person was added to mentornet (store.added_on), which where a
    relationship stands depends on. `owner` is you (`mentornet me`: your organisation and
    phase), `topics` the (person id, day, topics) of two-way touch-bases of the last year
    (store.topics_since), which the network's help and phase check read.
    `touchbases` are only dated and counted here (store.touchbase_days): their channel is
    read only for someone without `facts`, whose relationship comes from their records.
    `facts`, when given, are each person's facts as of `today` as the store computes them
    (store.panel_facts): the same as those of their records, read more quickly.
    """
    added = added or {}
    rules = rules or Rules()
    everyone = list(people)
    people = [person for person in everyone if person.kind != "contact"]
    given = [fav for fav in favours if fav.happened_on <= today]
    by_person: dict[int, list[TouchBase]] = defaultdict(list)
    for tb in touchbases:
        if tb.happened_on <= today:
            by_person[tb.person_id].append(tb)
    for history in by_person.values():  # already in order when read by person (quick)
        history.sort(key=_day_then_id)
    favours_of: dict[int, list[Favour]] = defaultdict(list)
    for fav in sorted(given, key=_day_then_id):
        favours_of[fav.person_id].append(fav)
    open_goals = sorted((goal for goal in goals if goal.status == "open"),
                        key=lambda goal: (goal.target is None, goal.target or today, goal.id))
    followups_of: dict[int, list[FollowUp]] = defaultdict(list)
    for fu in followups:
        followups_of[fu.person_id].append(fu)
    known = {found.person_id: found for found in facts or ()}
    states = {person.id: relationship(
        known[person.id], today=today,
        cadence_days=rules.cadence_for(person.kind, person.cadence_days))
        if person.id in known else relationship_of(
        person, by_person.get(person.id, ()), favours_of.get(person.id, ()),
        followups_of.get(person.id, ()), today=today,
        cadence_days=rules.cadence_for(person.kind, person.cadence_days),
        added_on=added.get(person.id))
        for person in people}

    composition = compose(people, by_person, today)
    coverage = cover(people, open_goals, candidates_from=everyone)
    rhythm = rhythm_of([tb for pid in states for tb in by_person.get(pid, ())], today)
    balance = balances(people, by_person, favours_of, states)
    unanswered = unanswered_outreach(people, by_person, states, today=today)
    pipeline = pipeline_of(people, by_person, today, rules, states)
    from mentornet.domain.network.panel import network_of

    year_ago = today - timedelta(days=365)
    topics_of: dict[int, list[tuple[date, tuple[str, ...]]]] = defaultdict(list)
    for pid, day, words in topics:
        if year_ago < day <= today and pid in states:
            topics_of[pid].append((day, words))
    network = network_of(people, by_person, favours_of, states, owner=owner,
                         goals=open_goals, topics=topics_of, today=today, rules=rules,
                         added=added,
                         outsiders=[p for p in everyone if p.kind == "contact"])
    found = Review(today=today, composition=composition, coverage=coverage, rhythm=rhythm,
                   balance=balance, unanswered=unanswered, pipeline=pipeline, suggestions=(),
                   states=states, network=network)
    return replace(found, suggestions=suggest(found, people))
