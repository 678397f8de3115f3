"""The pre-session recap: what to send a mentor ahead of a session, and notes for yourself."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from mentornet.domain.names import tag_key
from mentornet.domain.owner import Owner, in_house
from mentornet.domain.records import (
    Favour,
    FollowUp,
    Goal,
    ParkedItem,
    Person,
    ProgressNote,
    TouchBase,
)
from mentornet.domain.relationship import (
    Relationship,
    Together,
    last_together,
    relationship_of,
    thanked,
)
from mentornet.domain.rules import Rules

LAST_SESSIONS_SHOWN = 3
PROGRESS_SHOWN_FIRST_TIME = 3  # no previous session: only the latest progress notes
IDEAS_SHOWN = 3

# Ways to give back, in the order the product suggests them.
GIVE_BACK_KINDS = ("intro", "feedback", "perspective", "evangelise", "mentoring", "info")


# The recap's parts are NamedTuples, like the records (see domain/records.py): `prep`
# defines them on every run, and a NamedTuple costs a tenth of a frozen dataclass to define.
class GoalUpdate(NamedTuple):
    """A goal the person helps with and the progress noted on it since the last session."""

    goal: Goal
    progress: tuple[ProgressNote, ...]


class FollowUpState(NamedTuple):
    """A follow-up you promised and where it stands today."""

    followup: FollowUp
    state: str  # "done", "overdue", "due-soon" (within a week), "open"


class Balance(NamedTuple):
    """The give/get balance with one person."""

    given: int
    received: int
    last_given: Favour | None
    touchbases_since_given: int  # two-way touch-bases after the last favour given back
    days_since_given: int | None  # None: never given
    one_sided: bool
    kinds_given: tuple[str, ...]  # the kinds of favour you gave them, most frequent first


class Idea(NamedTuple):
    """A concrete way to give back, drawn from what you know of the person."""

    kind: str
    text: str


class Related(NamedTuple):
    """Open items with someone else who works on the same goals."""

    person: Person
    goals: tuple[str, ...]  # the shared goals' texts, or "focus: TAG"
    followups: tuple[FollowUp, ...]
    parked: tuple[ParkedItem, ...]


class Private(NamedTuple):
    """The part for you only: never sent."""

    sessions: tuple[TouchBase, ...]  # the last sessions with notes, topics or feedback
    balance: Balance
    ideas: tuple[Idea, ...]  # only when giving back is the advice (one-sided, not waiting)
    unanswered: tuple[TouchBase, ...]  # your latest outreaches with no reply, newest first
    related: tuple[Related, ...]
    easing_off: bool = False  # waiting for a reply (domain/relationship.py)


class Recap(NamedTuple):
    """Everything `prep` says about one person, as data."""

    person: Person
    today: date
    last_session: TouchBase | None  # None: the first session ever
    updates: tuple[ParkedItem, ...]
    goals: tuple[GoalUpdate, ...]
    wins: tuple[ParkedItem, ...]
    challenges: tuple[ParkedItem, ...]
    followups: tuple[FollowUpState, ...]
    topics: tuple[ParkedItem, ...]  # questions and ideas, in the order parked
    asked: tuple[str, ...]  # a mentee: the topics they brought last time
    thanks: tuple[Favour, ...]
    private: Private
    state: Relationship | None = None  # where the relationship stands (relationship.py)
    owner: Owner | None = None  # you (`mentornet me`), when your profile is set

    @property
    def has_sessions(self) -> bool:
        """A formal mentor or a mentee, or a session is scheduled: a pre-session note.
        Informal mentors and prospects otherwise get a catch-up note."""
        return self.person.kind in ("formal", "mentee") or self.person.next_session is not None

    @property
    def advice(self) -> str | None:
        """The feedback you logged at the last session, to say what you did with it."""
        return self.last_session.feedback if self.last_session is not None else None

    @property
    def is_empty(self) -> bool:
        """Nothing parked, nothing progressed, nothing promised: a draft with no news."""
        return not (self.updates or self.wins or self.challenges or self.topics
                    or self.followups or self.asked or self.thanks or self.advice
                    or any(u.progress or u.goal.status != "open" for u in self.goals))

    together: Together | None = None  # the last time before today you met (or may have)

    @property
    def since(self) -> date | None:
        return self.last_session.happened_on if self.last_session else None

    @property
    def for_mentee(self) -> bool:
        return self.person.kind == "mentee"


def build_recap(*, person: Person, goals: Iterable[Goal], parked: Iterable[ParkedItem],
                followups: Iterable[FollowUp], favours: Iterable[Favour],
                touchbases: Iterable[TouchBase], others: Iterable[Person] = (),
                today: date, rules: Rules | None = None,
                added_on: date | None = None, owner: Owner | None = None) -> Recap:
    """The recap for a session with `person`, as of `today`.

    `goals`, `parked` and `followups` may cover the whole panel: the goals this person
    helps with, their items and the items parked for every formal mentor are picked here,
    and other people's open items feed "related". `favours` and `touchbases` are this
    person's; `others` are other people of the panel, and need only be those with an open
    follow-up or parked item ("related" names no one else).
    """
    history = sorted((t for t in touchbases if t.person_id == person.id),
                     key=lambda t: (t.happened_on, t.id), reverse=True)
    last = last_session(history, today=today)
    since = last.happened_on if last else None
    newest = max((t.happened_on for t in history if t.happened_on <= today), default=None)
    parked = list(parked)
    followups = list(followups)
    theirs = [f for f in favours if f.person_id == person.id]

    items = open_items_for(person, parked)
    mine = [g for g in goals if person.id in g.mentor_ids]
    rules = rules or Rules()
    state = relationship_of(person, history, theirs, followups, today=today,
                            cadence_days=rules.cadence_for(person.kind, person.cadence_days),
                            added_on=added_on)
    balance = give_get_balance(theirs, state, today=today)
    return Recap(
        person=person,
        today=today,
        last_session=last,
        updates=tuple(i for i in items if i.kind == "update"),
        goals=goal_updates(mine, since=since),
        wins=tuple(i for i in items if i.kind == "win"),
        challenges=tuple(i for i in items if i.kind == "challenge"),
        followups=followup_states([f for f in followups if f.person_id == person.id],
                                  since=since, today=today),
        topics=tuple(i for i in items if i.kind in ("question", "idea")),
        asked=last.topics if last and person.kind == "mentee" else (),
        thanks=tuple(sorted((f for f in theirs if f.direction == "got"
                             and f.happened_on <= today
                             and not thanked(f.happened_on, last_touchbase=newest)),
                            key=lambda f: (f.happened_on, f.id))),
        private=Private(
            sessions=last_sessions(history, today=today),
            balance=balance,
            ideas=(reciprocation_ideas(person, balance, in_house=in_house(owner, person))
                   if state.may_give_back else ()),
            unanswered=unanswered_outreach(history, today=today),
            related=related_items(person, mine, others, parked, followups),
            easing_off=state.easing_off,
        ),
        state=state,
        owner=owner if owner is not None and owner.is_set else None,
        together=last_together(history, before=today),
    )


def last_session(history: Sequence[TouchBase], *, today: date) -> TouchBase | None:
    """The most recent two-way touch-base before today, or None before the first session."""
    earlier = [t for t in history if t.two_way and t.happened_on < today]
    return max(earlier, key=lambda t: (t.happened_on, t.id), default=None)


def open_items_for(person: Person, parked: Iterable[ParkedItem]) -> list[ParkedItem]:
    """Open items parked for this person, and for a formal mentor the general ones too.

    Open items are listed however long ago they were parked: an item is parked until it
    is discussed (`log NAME --discussed`), so nothing parked is silently dropped.
    """
    formal = person.kind == "formal"
    chosen = [i for i in parked if i.is_open
              and (i.person_id == person.id or (i.person_id is None and formal))]
    return sorted(chosen, key=lambda i: (i.parked_on, i.id))


def goal_updates(goals: Iterable[Goal], *, since: date | None) -> tuple[GoalUpdate, ...]:
    """Open goals, and those closed since the last session, with the progress since then."""
    chosen = []
    for goal in goals:
        if goal.status != "open" and not (
                goal.closed_on and (since is None or goal.closed_on >= since)):
            continue
        notes = sorted(goal.progress, key=lambda n: (n.noted_on, n.id))
        if since is None:
            notes = notes[-PROGRESS_SHOWN_FIRST_TIME:]
        else:
            notes = [n for n in notes if n.noted_on >= since]
        chosen.append(GoalUpdate(goal=goal, progress=tuple(notes)))
    chosen.sort(key=lambda u: (u.goal.target is None, u.goal.target or date.max, u.goal.id))
    return tuple(chosen)


def followup_states(followups: Iterable[FollowUp], *, since: date | None,
                    today: date) -> tuple[FollowUpState, ...]:
    """Open follow-ups, and those done since the last session (shown once, then dropped).

    A follow-up done on or after the last session's date is reported as done in this
    recap; after the next session it no longer appears.
    """
    states = []
    for followup in followups:
        if followup.done_on is not None:
            if since is None or followup.done_on >= since:
                states.append(FollowUpState(followup, "done"))
        elif followup.due is not None and followup.due < today:
            states.append(FollowUpState(followup, "overdue"))
        elif followup.due is not None and (followup.due - today).days <= 7:
            states.append(FollowUpState(followup, "due-soon"))
        else:
            states.append(FollowUpState(followup, "open"))
    states.sort(key=lambda s: (s.followup.created_on, s.followup.id))
    return tuple(states)


def last_sessions(history: Sequence[TouchBase], *, today: date) -> tuple[TouchBase, ...]:
    """The latest two-way touch-bases that left notes, topics or feedback, newest first."""
    noted = [t for t in history if t.two_way and t.happened_on <= today
             and (t.notes or t.feedback or t.topics)]
    return tuple(noted[:LAST_SESSIONS_SHOWN])


def give_get_balance(favours: Sequence[Favour], state: Relationship, *,
                     today: date) -> Balance:
    """What you gave and got; one-sided as domain/relationship.py judges it."""
    given = [f for f in favours if f.direction == "give" and f.happened_on <= today]
    received = [f for f in favours if f.direction == "got" and f.happened_on <= today]
    last_given = max(given, key=lambda f: (f.happened_on, f.id), default=None)
    counts: dict[str, int] = {}
    for favour in given:
        counts[favour.kind] = counts.get(favour.kind, 0) + 1
    kinds = tuple(sorted(counts, key=lambda k: (-counts[k], k)))
    return Balance(given=len(given), received=len(received), last_given=last_given,
                   touchbases_since_given=state.since_given_touchbases,
                   days_since_given=state.since_given_days if last_given else None,
                   one_sided=state.one_sided, kinds_given=kinds)


def reciprocation_ideas(person: Person, balance: Balance, *,
                        in_house: bool = False) -> tuple[Idea, ...]:
    """Concrete ways to give back, the kinds you have not given them yet first.

    Someone in your own organisation (`in_house`) gets in-house ideas: their product is
    yours, and "how it is done where you work" is how it is done where they work.
    """
    first = person.name.split()[0] if person.name.split() else person.name
    org = person.org.strip() if person.org and person.org.strip() else None
    focus = " and ".join(person.focus[:2]) if person.focus else None
    texts = _in_house_ideas(first, focus) if in_house else {
        "intro": (f"Introduce {first} to someone in your network who works on {focus}"
                  if focus else f"Introduce {first} to someone they would enjoy meeting"
                  + (f" outside {org}" if org else "")),
        "feedback": (f"Try {org}'s product and send {first} candid, specific feedback"
                     if org else f"Offer candid feedback on something {first} is "
                                 "building or writing"),
        "perspective": (f"Offer an outside perspective on {focus}: how it is done where "
                        "you work" if focus else f"Offer an outside perspective on a "
                                                 f"problem {first}'s team is facing"),
        "evangelise": (f"Recommend {org}'s product where it fits, or share their launch "
                       "and hiring posts" if org else f"Share or recommend {first}'s work "
                                                      "where it fits"),
        "mentoring": (f"Offer to mentor someone junior at {org}" if org
                      else f"Offer to mentor someone on {first}'s team"),
        "info": (f"Pass on an article, talk or event about {focus}" if focus
                 else f"Pass on something useful you read that fits {first}'s work"),
    }
    fresh = [k for k in GIVE_BACK_KINDS if k not in balance.kinds_given]
    if in_house:  # mentoring someone on their team, sharing, crediting come first
        order = ("mentoring", "info", "evangelise", "feedback", "intro", "perspective")
        fresh = [k for k in order if k not in balance.kinds_given]
        again = [k for k in order if k in balance.kinds_given]
        return tuple(Idea(kind=k, text=texts[k]) for k in (fresh + again)[:IDEAS_SHOWN])
    again = [k for k in GIVE_BACK_KINDS if k in balance.kinds_given]
    return tuple(Idea(kind=k, text=texts[k]) for k in (fresh + again)[:IDEAS_SHOWN])


def _in_house_ideas(first: str, focus: str | None) -> dict[str, str]:
    """Ways to give back to someone in your own organisation."""
    return {
        "mentoring": f"Offer to mentor someone on {first}'s team",
        "info": f"Share what your team learned{' about ' + focus if focus else ''} with "
                f"{first}'s team: a short write-up or a lunch-and-learn",
        "evangelise": f"Credit {first}'s work in front of others: a shout-out in a team "
                      "meeting or a review",
        "feedback": f"Offer candid, specific feedback on a plan or doc {first} is working on",
        "intro": f"Introduce {first} to someone in another team who works on "
                 f"{focus or 'something close to theirs'}",
        "perspective": f"Offer your team's view on {focus or 'a problem they face'}: what it "
                       "looks like from where you sit",
    }


def unanswered_outreach(history: Sequence[TouchBase], *, today: date
                        ) -> tuple[TouchBase, ...]:
    """Your outreaches since the last two-way contact that got no reply, newest first
    (`history` newest first; the rule is relationship.waiting_for_reply)."""
    from mentornet.domain.relationship import waiting_for_reply

    return waiting_for_reply(reversed(history), today=today)


def related_items(person: Person, goals: Sequence[Goal], others: Iterable[Person],
                  parked: Iterable[ParkedItem], followups: Iterable[FollowUp]
                  ) -> tuple[Related, ...]:
    """Open items with other people who help with the same goals or share their focus."""
    open_goals = [g for g in goals if g.status == "open"]
    if not open_goals:
        return ()
    parked = [i for i in parked if i.is_open and i.person_id is not None]
    followups = [f for f in followups if f.is_open]
    found = []
    for other in sorted(others, key=lambda p: (p.name.casefold(), p.id)):
        if other.id == person.id or other.status == "archived":
            continue
        reasons = [g.text for g in open_goals if other.id in g.mentor_ids]
        if not reasons:
            theirs = {tag_key(tag) for tag in other.focus}
            shared = dict.fromkeys(tag for g in open_goals for tag in g.focus
                                   if tag_key(tag) in theirs)
            reasons = [f"focus: {tag}" for tag in sorted(shared, key=tag_key)]
        if not reasons:
            continue
        theirs_f = tuple(f for f in followups if f.person_id == other.id)
        theirs_p = tuple(i for i in parked if i.person_id == other.id)
        if theirs_f or theirs_p:
            found.append(Related(person=other, goals=tuple(reasons), followups=theirs_f,
                                 parked=theirs_p))
    return tuple(found)
