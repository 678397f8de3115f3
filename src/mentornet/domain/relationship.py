"""Where a relationship stands today: the one model `due`, `prep`, `review`, `show` and the
calendar export all read.

`facts_from_records` (or the store's one-query `panel_facts`, which computes the same in
SQL) sums up a person's records as `Facts`; `relationship` judges them: the last two-way
contact and the last time you met, whether the relationship is new (takeoff), one-sided,
waiting for a reply (easing off), whether a scheduled session passed unlogged, which
promises are overdue and whether help received is not yet thanked. Each of these is
decided here and nowhere else.

The functions are pure: no database, no clock, no printing. Records dated after `today`
are not looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from mentornet.domain.news import JobChange, JobNews
from mentornet.domain.records import Favour, FollowUp, Person, TouchBase

# Channels where you actually met (a meeting, a call...), as opposed to writing.
MET_CHANNELS = ("meeting", "call", "video", "coffee", "event")

TAKEOFF_WINDOW_DAYS = 30  # a relationship is new for 30 days after the first contact...
TAKEOFF_MAX_TOUCHBASES = 2  # ...and while it has at most two touch-bases
TAKEOFF_FOLLOW_UP_DAYS = 14  # follow up within 14 days of the first meeting
# Someone whose first contact is this long before they were added is an existing
# relationship brought in, never a new one.
EXISTING_RELATIONSHIP_DAYS = 30
SESSION_SOON_DAYS = 2  # a session today, tomorrow or the day after
ONE_SIDED_TOUCHBASES = 3  # two-way touch-bases since you last gave back...
ONE_SIDED_DAYS = 180  # ...or this many days, with some contact in them
UNANSWERED_STREAK = 2  # outreaches in a row without a reply: ease off
UNANSWERED_PAUSE = 4  # this many: suggest pausing them
REPLY_WAIT_DAYS = 14  # after one outreach, the days (a cadence at most) to wait for a reply


class FollowUpFact(NamedTuple):
    """An open follow-up with a date: what you promised, and by when."""

    due: date
    text: str


class Facts(NamedTuple):
    """A person's records summed up, as of today (see `facts_from_records`).

    The model's types are NamedTuples rather than dataclasses: every command that judges
    a relationship defines them when it starts, and a NamedTuple costs a fraction of a
    dataclass to define while building as fast.
    """

    person_id: int
    name: str
    kind: str = "informal"
    status: str = "active"
    cadence_days: int | None = None  # None: the default for the kind
    met_on: date | None = None
    snoozed_until: date | None = None
    next_session: date | None = None
    touchbase_count: int = 0  # every touch-base, answered or not
    first_touchbase: date | None = None
    last_touchbase: date | None = None
    first_two_way: date | None = None
    last_two_way: date | None = None  # answered, or initiated by them
    last_two_way_channel: str | None = None
    unanswered_streak: int = 0  # the latest outreaches without a reply, in a row
    last_given: date | None = None
    # two-way touch-bases after the last favour given (or ever), on or after the day added
    two_way_since_given: int = 0
    open_followups: tuple[FollowUpFact, ...] = ()  # open, with a due date; earliest first
    added_on: date | None = None  # the day the person was added to mentornet
    last_met: date | None = None  # the newest two-way meeting, call, video, coffee or event
    last_got: date | None = None  # the newest help received (`got`)
    job_news: JobNews | None = None  # the newest job change noticed (domain/news.py)

    @property
    def first_contact(self) -> date | None:
        """When the relationship started: the met date or the first touch-base."""
        return earlier(self.met_on, self.first_touchbase)



def session_held(session: date | None, *, on: date, answered: bool) -> bool:
    """Whether a touch-base on `on` means the scheduled session took place: it is answered
    and on or after the session's day (logging it then clears the session)."""
    return session is not None and answered and session <= on

def earlier(one: date | None, other: date | None) -> date | None:
    """The earlier of two days, either of which may be unknown."""
    if one is None or other is None:
        return one or other
    return min(one, other)


class Relationship(NamedTuple):
    """The judgement on one relationship, as of `today`."""

    facts: Facts
    today: date
    on_panel: bool  # not a mere contact
    last_two_way: date | None
    last_met: date | None
    takeoff: bool  # new, and the first follow-up is still owed (within the window)
    takeoff_missed: bool  # new once, and the window closed without a follow-up
    takeoff_by: date | None  # when the first follow-up is due
    one_sided: bool
    since_given_touchbases: int  # two-way touch-bases counted since you last gave back
    since_given_days: int | None  # days counted since then (or since the start)
    unanswered: int  # the latest outreaches without a reply, in a row
    easing_off: bool  # waiting for a reply: leave them alone for a while
    try_again_on: date | None  # when one specific ask is worth a try (easing off only)
    session_soon: int | None  # days to a session in the next SESSION_SOON_DAYS
    session_passed: date | None  # a scheduled session passed with no two-way touch-base
    overdue: tuple[FollowUpFact, ...]  # promises past their date, oldest first
    thanks_owed: date | None = None  # the day of help received not yet thanked
    reply_awaited: date | None = None  # your one outreach, lately: wait for the reply
    reply_by: date | None = None  # ...until this day, before reaching out again

    @property
    def suggest_pause(self) -> bool:
        return self.easing_off and self.unanswered >= UNANSWERED_PAUSE

    @property
    def may_give_back(self) -> bool:
        """Advice to give back makes sense: one-sided, active, and not waiting for a reply."""
        return self.one_sided and self.facts.status == "active" and not self.easing_off


def relationship(facts: Facts, *, today: date, cadence_days: int) -> Relationship:
    """Where the relationship with one person stands on `today`.

    `cadence_days` is the person's cadence in force (see domain/rules.py): easing off
    suggests trying once more about one cadence after the last outreach.
    """
    on_panel = facts.kind != "contact"
    overdue = tuple(sorted((fu for fu in facts.open_followups if fu.due < today),
                           key=lambda fu: fu.due))
    session_soon = None
    session_passed = None
    if facts.next_session is not None:
        days = (facts.next_session - today).days
        if 0 <= days <= SESSION_SOON_DAYS:
            session_soon = days
        elif days < 0 and (facts.last_two_way is None
                           or facts.last_two_way < facts.next_session):
            session_passed = facts.next_session
    takeoff, missed, by = _takeoff(facts, today, on_panel)
    one_sided, count, days_since = _one_sided(facts, today, on_panel)
    streak = facts.unanswered_streak
    # help received after your unanswered outreaches: they are not ignoring you
    thanks = not_yet_thanked(facts, today=today) if on_panel else None
    easing_off = (on_panel and streak >= UNANSWERED_STREAK and not overdue
                  and session_soon is None and session_passed is None and thanks is None)
    try_again = None
    if easing_off and facts.last_touchbase is not None:
        try_again = facts.last_touchbase + timedelta(days=cadence_days)
    # One outreach with no reply yet: the ball is in their court for a while.
    awaited = reply_by = None
    if on_panel and 0 < streak < UNANSWERED_STREAK and facts.last_touchbase is not None:
        wait = timedelta(days=min(REPLY_WAIT_DAYS, cadence_days))
        if today < facts.last_touchbase + wait:
            awaited, reply_by = facts.last_touchbase, facts.last_touchbase + wait
    return Relationship(
        facts=facts, today=today, on_panel=on_panel, last_two_way=facts.last_two_way,
        last_met=facts.last_met, takeoff=takeoff, takeoff_missed=missed, takeoff_by=by,
        one_sided=one_sided, since_given_touchbases=count, since_given_days=days_since,
        unanswered=streak, easing_off=easing_off, try_again_on=try_again,
        session_soon=session_soon, session_passed=session_passed, overdue=overdue,
        thanks_owed=thanks, reply_awaited=awaited, reply_by=reply_by)


def not_yet_thanked(facts: Facts, *, today: date) -> date | None:
    """The day of the latest help received (`got`) when it is not yet thanked, else None.

    Not yet thanked: no touch-base with them (of any kind, either way, answered or not)
    dated on or after the day of the help. Only records up to `today` count.
    """
    got = facts.last_got
    if got is None or got > today or thanked(got, last_touchbase=facts.last_touchbase):
        return None
    return got


def thanked(help_on: date, *, last_touchbase: date | None) -> bool:
    """Whether help received on `help_on` is thanked: a touch-base with them (of any kind,
    either way, answered or not) is dated on or after it. `due` and `prep` both ask this."""
    return last_touchbase is not None and last_touchbase >= help_on


def _takeoff(facts: Facts, today: date, on_panel: bool) -> tuple[bool, bool, date | None]:
    """(in takeoff, takeoff missed, the follow-up date): a new relationship's first follow-up.

    Owed until you make one. Never for a contact, nor for an existing relationship brought
    in (first contact over 30 days before the person was added), nor before you have met or
    heard back: an outreach of yours with no reply starts no relationship to follow up.
    """
    first = facts.first_contact
    if first is None or not on_panel or (facts.met_on is None and facts.first_two_way is None):
        return False, False, None
    if facts.added_on is not None and \
            (facts.added_on - first).days > EXISTING_RELATIONSHIP_DAYS:
        return False, False, None
    followed_up = facts.last_touchbase is not None and facts.last_touchbase > first
    if followed_up or facts.touchbase_count > TAKEOFF_MAX_TOUCHBASES:
        return False, False, None
    by = first + timedelta(days=TAKEOFF_FOLLOW_UP_DAYS)
    if (today - first).days <= TAKEOFF_WINDOW_DAYS:
        return True, False, by
    return False, True, by


def _one_sided(facts: Facts, today: date, on_panel: bool) -> tuple[bool, int, int | None]:
    """(one-sided, touch-bases counted, days counted): taking without giving back."""
    return one_sided_by(kind=facts.kind, count=facts.two_way_since_given,
                        met_on=facts.met_on, first_two_way=facts.first_two_way,
                        last_given=facts.last_given, added_on=facts.added_on, today=today,
                        on_panel=on_panel)


def one_sided_by(*, kind: str, count: int, met_on: date | None, first_two_way: date | None,
                 last_given: date | None, added_on: date | None, today: date,
                 on_panel: bool) -> tuple[bool, int, int | None]:
    """(one-sided, touch-bases counted, days counted) from the facts it is judged by:
    `count` is the two-way touch-bases since you last gave (Facts.two_way_since_given).

    Never for a mentee or a contact. Counting starts when you last gave back, or at the
    first contact, and never before the day the person was added: nothing is known about
    favours before that.
    """
    start = earlier(met_on, first_two_way)
    since = max(last_given, start) if last_given and start else start
    if since is not None and added_on is not None:
        since = max(since, added_on)
    days = (today - since).days if since is not None else None
    if kind == "mentee" or not on_panel or count == 0 or days is None:
        return False, count, days
    return count >= ONE_SIDED_TOUCHBASES or days >= ONE_SIDED_DAYS, count, days


def one_sided(facts: Facts, *, today: date) -> bool:
    """Whether the relationship is one-sided on `today`: the judgement `relationship`
    makes, alone, for a reader that needs only it on many days (review's tie strength)."""
    return _one_sided(facts, today, facts.kind != "contact")[0]


def last_met(touchbases: Iterable[TouchBase], *, before: date) -> date | None:
    """The newest day before `before` you actually met: a two-way meeting, call, video,
    coffee or event (a message or an email is not meeting)."""
    return max((tb.happened_on for tb in touchbases
                if tb.two_way and tb.channel in MET_CHANNELS and tb.happened_on < before),
               default=None)


class Together(NamedTuple):
    """The last time before a day you were together: the day, and whether you surely met."""

    day: date
    met: bool


def last_together(touchbases: Iterable[TouchBase], *, before: date) -> Together | None:
    """The newest day before `before` you met (see `last_met`), or were in touch in a way
    that may have been a meeting, whichever is newer: a two-way touch-base of no known
    kind ("other", such as the last contact recorded by `add --last-contact`). What a note
    calls "since we last met", or, when it is not sure, "since we were last in touch"."""
    met = last_met(touchbases, before=before)
    maybe = max((tb.happened_on for tb in touchbases
                 if tb.two_way and tb.channel == "other" and tb.happened_on < before),
                default=None)
    if maybe is not None and (met is None or maybe > met):
        return Together(maybe, met=False)
    return Together(met, met=True) if met is not None else None


def waiting_for_reply(history: Iterable[TouchBase], *, today: date
                      ) -> tuple[TouchBase, ...]:
    """Your latest outreaches with no reply: the touch-bases of `history` (oldest first,
    one person's) after its newest two-way one, up to `today`, newest first. The one rule
    behind `due`'s unanswered streak (the store's panel query counts the same), the
    recap's "waiting for a reply" and review's unanswered outreach."""
    # Walked from the newest end, so the cost is the streak's, not the whole history's.
    ordered = history if isinstance(history, Sequence) else list(history)
    waiting: list[TouchBase] = []
    for touchbase in reversed(ordered):
        if touchbase.happened_on > today:
            continue
        if touchbase.two_way:
            break
        waiting.append(touchbase)
    return tuple(waiting)


def facts_from_records(person: Person, touchbases: Iterable[TouchBase],
                       favours: Iterable[Favour], followups: Iterable[FollowUp], *,
                       today: date, added_on: date | None = None,
                       job_changes: Iterable[JobChange] = ()) -> Facts:
    """The facts about `person` from their records (the store computes the same in SQL).

    The records may cover other people too: only this person's are read. `added_on` is
    the day the person was added to mentornet (store.added_on), when known.
    """
    changes = sorted((jc for jc in job_changes
                      if jc.person_id == person.id and jc.noticed_on <= today),
                     key=lambda jc: (jc.noticed_on, jc.id))
    news = (JobNews(changes[-1].noticed_on, changes[-1].new_role, changes[-1].new_org)
            if changes else None)
    history = sorted((tb for tb in touchbases
                      if tb.person_id == person.id and tb.happened_on <= today),
                     key=lambda tb: (tb.happened_on, tb.id))
    two_way = [tb for tb in history if tb.two_way]
    given = [fav.happened_on for fav in favours if fav.person_id == person.id
             and fav.direction == "give" and fav.happened_on <= today]
    last_given = max(given) if given else None
    got = [fav.happened_on for fav in favours if fav.person_id == person.id
           and fav.direction == "got" and fav.happened_on <= today]
    streak = len(waiting_for_reply(history, today=today))
    owed = sorted((fu for fu in followups
                   if fu.person_id == person.id and fu.is_open and fu.due is not None),
                  key=lambda fu: (fu.due or today, fu.id))
    added = added_on
    return Facts(
        person_id=person.id, name=person.name, kind=person.kind, status=person.status,
        cadence_days=person.cadence_days, met_on=person.met_on,
        snoozed_until=person.snoozed_until, next_session=person.next_session,
        touchbase_count=len(history),
        first_touchbase=history[0].happened_on if history else None,
        last_touchbase=history[-1].happened_on if history else None,
        first_two_way=two_way[0].happened_on if two_way else None,
        last_two_way=two_way[-1].happened_on if two_way else None,
        last_two_way_channel=two_way[-1].channel if two_way else None,
        unanswered_streak=streak, last_given=last_given,
        two_way_since_given=sum(1 for tb in two_way
                                if (last_given is None or tb.happened_on > last_given)
                                and (added is None or tb.happened_on >= added)),
        open_followups=tuple(FollowUpFact(due=fu.due, text=fu.text)
                             for fu in owed if fu.due is not None),
        added_on=added, last_met=last_met(history, before=today + timedelta(days=1)),
        last_got=max(got) if got else None,
        job_news=news)


def relationship_of(person: Person, touchbases: Iterable[TouchBase],
                    favours: Iterable[Favour], followups: Iterable[FollowUp], *,
                    today: date, cadence_days: int,
                    added_on: date | None = None) -> Relationship:
    """`relationship` straight from a person's records: what prep, review and show call."""
    facts = facts_from_records(person, touchbases, favours, followups, today=today,
                               added_on=added_on)
    return relationship(facts, today=today, cadence_days=cadence_days)
