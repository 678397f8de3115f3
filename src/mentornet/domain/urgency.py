"""Who needs an update, and why: the urgency score, its flags and its reasons.

In the spirit of Taskwarrior's urgency, the score is a sum of terms, each a weight times a
factor between 0 and 1, so that `due --explain` can print the sum as a receipt:

- contact: grows with the days since the last two-way touch-base, against the cadence
  (full at twice the due point); a person never in touch counts as due;
- stale: a step once the person is stale (1.5x the cadence by default);
- takeoff: a new relationship's first follow-up, owed until you make it (14 days after
  you first met; flagged `takeoff` for the first 30 days, `due` after that);
- follow-up: a follow-up you promised is past its date;
- session: a session within the next 2 days puts the person at the top;
- one-sided: you have taken without giving back; it weighs as much as the contact is due;
- unanswered: the last outreaches got no reply; it takes back part of the terms above
  (half for two, all for four or more), so the person sinks and gets an "ease off" note.

The functions here are pure: no database, no clock, no printing. `today` is a parameter and
records dated after it are not looked at.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.dates import format_ago, format_interval
from mentornet.domain.records import Favour, FollowUp, Person, TouchBase
from mentornet.domain.rules import Rules

# The flag vocabulary of `due --json`, in the order flags are listed.
FLAGS = ("due", "stale", "takeoff", "followup-overdue", "session-soon", "one-sided",
         "unanswered")
# Flags that put a person on the `due` list; one-sided and unanswered only colour it.
# (`_may_be_due` must let through everyone who could get one of them.)
ACTION_FLAGS = frozenset({"due", "stale", "takeoff", "followup-overdue", "session-soon"})

TAKEOFF_WINDOW_DAYS = 30  # a relationship is new for 30 days after the first contact...
TAKEOFF_MAX_TOUCHBASES = 2  # ...and while it has at most two touch-bases
TAKEOFF_FOLLOW_UP_DAYS = 14  # follow up within 14 days of the first meeting
SESSION_SOON_DAYS = 2  # a session today, tomorrow or the day after
ONE_SIDED_TOUCHBASES = 3  # two-way touch-bases since you last gave back...
ONE_SIDED_DAYS = 180  # ...or this many days, with some contact in them
UNANSWERED_STREAK = 2  # outreaches in a row without a reply
FOLLOW_UP_RAMP_DAYS = 14  # an overdue follow-up weighs fully after two weeks
NEVER_IN_TOUCH_FACTOR = 0.5  # someone you have never been in touch with: due, not stale

# The weights of the terms: a session soon outweighs everything else together.
WEIGHTS = {"contact": 10.0, "stale": 3.0, "takeoff": 6.0, "follow-up": 5.0,
           "session": 100.0, "one-sided": 3.0}
# Terms the unanswered term takes back a part of: the ones that say "reach out".
REACH_OUT_TERMS = ("contact", "stale", "takeoff", "one-sided")

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The values below are built once per person on every `due`: plain slotted dataclasses,
# treated as read-only, build five times faster than frozen ones (which set each field
# through object.__setattr__), and that shows on a panel of thousands.
_CHANNEL_NOUNS = {"meeting": "meeting", "call": "call", "video": "video call",
                  "coffee": "coffee", "message": "message", "email": "email",
                  "event": "chat at an event"}


@dataclass(slots=True)
class FollowUpFact:
    """An open follow-up with a date: what you promised, and by when."""

    due: date
    text: str


@dataclass(slots=True)
class Facts:
    """What scoring needs to know about one person, as of today (see `facts_from_records`)."""

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
    two_way_since_given: int = 0  # two-way touch-bases after the last favour given (or ever)
    open_followups: tuple[FollowUpFact, ...] = ()  # open, with a due date; earliest first

    @property
    def first_contact(self) -> date | None:
        """When the relationship started: the met date or the first touch-base."""
        return _earlier(self.met_on, self.first_touchbase)


def _earlier(one: date | None, other: date | None) -> date | None:
    """The earlier of two days, either of which may be unknown."""
    if one is None or other is None:
        return one or other
    return min(one, other)


@dataclass(slots=True)
class Term:
    """One line of the receipt: weight x factor = points, and why."""

    name: str
    weight: float
    factor: float
    reason: str

    @property
    def points(self) -> float:
        return self.weight * self.factor


@dataclass(slots=True)
class Urgency:
    """The verdict on one person."""

    facts: Facts
    score: float
    flags: tuple[str, ...]
    reasons: tuple[str, ...]
    terms: tuple[Term, ...]
    headline: str  # what is due, in a few words: "session tomorrow", "stale"
    cadence_days: int
    last_contact: date | None  # the last two-way touch-base
    next_due: date | None
    next_session: date | None  # the session date when it is today or later
    is_due: bool  # something is due (an action flag)
    hidden_because: str | None  # paused, archived or snoozed: left out unless --all

    @property
    def listed(self) -> bool:
        """Shown by a plain `due`: something is due and the person is not set aside."""
        return self.is_due and self.hidden_because is None


def score(facts: Facts, *, today: date, rules: Rules | None = None) -> Urgency:
    """The urgency of one person on `today`."""
    rules = rules or Rules()
    cadence = rules.cadence_for(facts.kind, facts.cadence_days)
    flags: set[str] = set()
    terms: list[Term] = []

    contact, contact_due = _contact_terms(facts, today, rules, cadence, flags)
    contact_is_due = "due" in flags
    terms += contact
    contact_factor = contact[0].factor
    takeoff, takeoff_due = _takeoff_term(facts, today, flags)
    terms += takeoff
    terms += _follow_up_term(facts, today, flags)
    terms += _session_term(facts, today, flags)
    terms += _one_sided_term(facts, today, contact_factor, flags)
    terms += _unanswered_term(facts, terms, flags)

    total = sum([term.weight * term.factor for term in terms])
    ordered = tuple([flag for flag in FLAGS if flag in flags])
    is_due = bool(flags & ACTION_FLAGS)
    next_due = contact_due if takeoff_due is None else min(contact_due, takeoff_due)
    reasons = tuple([term.reason for term in terms
                     if term.factor and (contact_is_due or term.name != "contact")])
    if not is_due:
        reasons = (f"all good: next touch-base by {_day(next_due, today)}", *reasons)
    session = facts.next_session if facts.next_session and facts.next_session >= today else None
    return Urgency(
        facts=facts, score=total, flags=ordered, reasons=reasons, terms=tuple(terms),
        headline=_headline(ordered, terms, facts, today), cadence_days=cadence,
        last_contact=facts.last_two_way, next_due=next_due, next_session=session,
        is_due=is_due, hidden_because=_hidden_because(facts, today))


def rank(panel: Iterable[Facts], *, today: date, rules: Rules | None = None,
         everyone: bool = False) -> list[Urgency]:
    """Those with something due (everyone with `everyone`), most urgent first."""
    rules = rules or Rules()
    if everyone:
        chosen = [score(facts, today=today, rules=rules) for facts in panel]
    else:  # only those listed: people set aside, or with nothing due, are not scored at all
        chosen = [found for found in (score(facts, today=today, rules=rules) for facts in panel
                                      if _hidden_because(facts, today) is None
                                      and _may_be_due(facts, today, rules))
                  if found.listed]
    return sorted(chosen, key=lambda found: (-found.score, found.next_due or today,
                                             found.facts.name.casefold(), found.facts.person_id))


def _may_be_due(facts: Facts, today: date, rules: Rules) -> bool:
    """False only when `score` would find nothing due, told with a few comparisons.

    On a large panel most people who are not set aside have nothing due; `rank` scores only
    the others (and still keeps only those `score` finds due, so a True here is never
    wrong). Each test lets through everyone a term could flag with an action flag.
    """
    since = facts.last_two_way or facts.met_on
    if since is None or facts.touchbase_count <= TAKEOFF_MAX_TOUCHBASES:
        return True  # never in touch (due), or perhaps a new relationship (takeoff)
    cadence = rules.cadence_for(facts.kind, facts.cadence_days)
    if max(0, (today - since).days) / cadence >= min(rules.due_ratio, rules.stale_ratio):
        return True  # due or stale, computed as _contact_terms does
    if any(fu.due < today for fu in facts.open_followups):
        return True  # a follow-up past its date
    return (facts.next_session is not None
            and 0 <= (facts.next_session - today).days <= SESSION_SOON_DAYS)


def brief_line(ranked: list[Urgency], *, shown: int = 3) -> str:
    """One short line for a shell start-up file, or "" when nothing is due."""
    listed = [found for found in ranked if found.is_due]
    if not listed:
        return ""
    names = ", ".join(f"{found.facts.name} ({found.headline})" for found in listed[:shown])
    more = f" and {len(listed) - shown} more" if len(listed) > shown else ""
    return f"{len(listed)} to update: {names}{more}"


def facts_from_records(person: Person, touchbases: Iterable[TouchBase],
                       favours: Iterable[Favour], followups: Iterable[FollowUp], *,
                       today: date) -> Facts:
    """The facts about `person` from their records (the store computes the same in SQL)."""
    history = sorted((tb for tb in touchbases
                      if tb.person_id == person.id and tb.happened_on <= today),
                     key=lambda tb: (tb.happened_on, tb.id))
    two_way = [tb for tb in history if tb.two_way]
    given = [fav.happened_on for fav in favours if fav.person_id == person.id
             and fav.direction == "give" and fav.happened_on <= today]
    last_given = max(given) if given else None
    streak = 0
    for tb in reversed(history):
        if tb.two_way:
            break
        streak += 1
    owed = sorted((fu for fu in followups
                   if fu.person_id == person.id and fu.is_open and fu.due is not None),
                  key=lambda fu: (fu.due or today, fu.id))
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
                                if last_given is None or tb.happened_on > last_given),
        open_followups=tuple(FollowUpFact(due=fu.due, text=fu.text)
                             for fu in owed if fu.due is not None))


# The terms --------------------------------------------------------------------------------

def _contact_terms(facts: Facts, today: date, rules: Rules, cadence: int,
                   flags: set[str]) -> tuple[list[Term], date]:
    """Time since the last two-way touch-base (or since you met) against the cadence."""
    weight = WEIGHTS["contact"]
    full_at = max(2 * rules.due_ratio, rules.stale_ratio)  # the ratio where the factor is 1
    every = f"every {format_interval(cadence)}"
    since = facts.last_two_way or facts.met_on
    if since is None:  # never in touch: due now, like a new prospect
        flags.add("due")
        reason = (f"not in touch yet: say hello ({every})" if not facts.touchbase_count else
                  f"no reply yet to your outreach: try another way when it feels right "
                  f"({every})")
        return [Term("contact", weight, NEVER_IN_TOUCH_FACTOR, reason)], today
    days = max(0, (today - since).days)
    ratio = days / cadence
    if facts.last_two_way is not None:
        what = f"your last {_CHANNEL_NOUNS.get(facts.last_two_way_channel or '', 'touch-base')}"
        reason = f"{_span(days)} since {what} ({every})" if days else f"in touch today ({every})"
    else:
        reason = f"{_span(days)} since you met ({every})" if days else f"met today ({every})"
    terms = [Term("contact", weight, min(1.0, ratio / full_at), reason)]
    if ratio >= rules.due_ratio:
        flags.add("due")
    if ratio >= rules.stale_ratio:
        flags.add("stale")
        terms.append(Term("stale", WEIGHTS["stale"], 1.0,
                          "it has been a while: a two-line update is a fine way back in"))
    return terms, since + timedelta(days=math.ceil(cadence * rules.due_ratio))


def _takeoff_term(facts: Facts, today: date, flags: set[str]) -> tuple[list[Term], date | None]:
    """A new relationship's first follow-up, owed until you make one."""
    first = facts.first_contact
    followed_up = (facts.last_touchbase is not None and first is not None
                   and facts.last_touchbase > first)
    if first is None or followed_up or facts.touchbase_count > TAKEOFF_MAX_TOUCHBASES:
        return [], None
    days = max(0, (today - first).days)
    by = first + timedelta(days=TAKEOFF_FOLLOW_UP_DAYS)
    factor = 0.5 + 0.5 * min(days, TAKEOFF_FOLLOW_UP_DAYS) / TAKEOFF_FOLLOW_UP_DAYS
    if days <= TAKEOFF_WINDOW_DAYS:
        flags.add("takeoff")
        met = "you met today" if days == 0 else f"you met {_span(days)} ago"
        if today <= by:
            reason = f"new: {met}; a short follow-up by {_day(by, today)} sets the tone"
        else:
            reason = f"new: {met}; a short follow-up now still counts"
    else:  # the window closed without a follow-up: it is simply due
        flags.add("due")
        reason = f"you met {_span(days)} ago and haven't followed up yet: a short note helps"
    return [Term("takeoff", WEIGHTS["takeoff"], factor, reason)], by


def _follow_up_term(facts: Facts, today: date, flags: set[str]) -> list[Term]:
    """Follow-ups you promised, past their date."""
    late = [fu for fu in facts.open_followups if fu.due < today]
    if not late:
        return []
    flags.add("followup-overdue")
    oldest = min(late, key=lambda fu: fu.due)
    days = (today - oldest.due).days
    factor = min(1.0, 0.5 + 0.5 * days / FOLLOW_UP_RAMP_DAYS)
    text = _quote(oldest.text)
    when = f"due {_day(oldest.due, today)}, {format_ago(days)} ago" if days > 1 else "due yesterday"
    if len(late) == 1:
        reason = f"you promised {text} ({when}): done beats perfect"
    else:
        reason = (f"{len(late)} follow-ups past their date, the oldest {text} ({when}): "
                  "done beats perfect")
    return [Term("follow-up", WEIGHTS["follow-up"], factor, reason)]


def _session_term(facts: Facts, today: date, flags: set[str]) -> list[Term]:
    """A session today, tomorrow or the day after goes to the top: prepare."""
    if facts.next_session is None:
        return []
    days = (facts.next_session - today).days
    if not 0 <= days <= SESSION_SOON_DAYS:
        return []
    flags.add("session-soon")
    reason = {0: "session today: a quick look at your notes and parked questions",
              1: "session tomorrow: send your recap today (mentornet prep)",
              2: "session in 2 days: time to prepare your recap (mentornet prep)"}[days]
    return [Term("session", WEIGHTS["session"], 1.0 - 0.1 * days, reason)]


def _one_sided_term(facts: Facts, today: date, contact_factor: float,
                    flags: set[str]) -> list[Term]:
    """Taking without giving back (not for mentees): weighs as much as the contact is due."""
    if facts.kind == "mentee" or facts.two_way_since_given == 0:
        return []
    # since you last gave, or since the start (as `prep` counts it), whichever is later
    start = _earlier(facts.met_on, facts.first_two_way)
    assert start is not None  # there are two-way touch-bases
    since = max(facts.last_given, start) if facts.last_given else start
    days = (today - since).days
    many = facts.two_way_since_given >= ONE_SIDED_TOUCHBASES
    if not (many or days >= ONE_SIDED_DAYS):
        return []
    flags.add("one-sided")
    idea = "a good moment for an intro, feedback or a useful article"
    count = facts.two_way_since_given
    if facts.last_given is None:
        what = (f"{count} touch-bases" if many else f"{format_ago(days)} since you met")
        reason = f"{what}, nothing given back yet: {idea}"
    elif many:
        reason = (f"{count} touch-bases since you last gave back "
                  f"({_day(facts.last_given, today)}): {idea}")
    else:
        reason = f"{format_ago(days)} since you last gave back: {idea}"
    return [Term("one-sided", WEIGHTS["one-sided"], contact_factor, reason)]


def _unanswered_term(facts: Facts, terms: list[Term], flags: set[str]) -> list[Term]:
    """Outreach without a reply: take back part of the reach-out terms, and ease off."""
    streak = facts.unanswered_streak
    if streak < UNANSWERED_STREAK:
        return []
    flags.add("unanswered")
    reach_out = sum(term.points for term in terms if term.name in REACH_OUT_TERMS)
    reason = (f"your last {streak} outreaches got no reply: ease off for now; "
              "a specific ask later works better than a nudge")
    return [Term("unanswered", -reach_out if reach_out else 0.0, min(1.0, streak / 4), reason)]


# Words ------------------------------------------------------------------------------------

def _headline(flags: tuple[str, ...], terms: list[Term], facts: Facts, today: date) -> str:
    """What is due, in a few words, for the table and the --brief line."""
    if "session-soon" in flags and facts.next_session is not None:
        days = (facts.next_session - today).days
        return {0: "session today", 1: "session tomorrow"}.get(days, f"session in {days} days")
    if "followup-overdue" in flags:
        return "follow-up overdue"
    if "takeoff" in flags:
        return "follow up after the first meeting"
    if "unanswered" in flags and "due" in flags:
        return "no reply yet: ease off"
    if "stale" in flags:
        return "stale"
    if "due" in flags:
        return "due"
    return "nothing due"


def _hidden_because(facts: Facts, today: date) -> str | None:
    if facts.status != "active":
        return facts.status
    if facts.snoozed_until is not None and facts.snoozed_until > today:
        return f"snoozed until {facts.snoozed_until.isoformat()}"
    return None


def _span(days: int) -> str:
    """"3 days", "5 weeks", "4 months": how long, in the words of a person."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    return format_ago(days)


def _day(day: date, today: date) -> str:
    """"Mar 14", with the year when it is not this year's."""
    name = f"{MONTHS[day.month - 1]} {day.day}"
    return name if day.year == today.year else f"{name}, {day.year}"


def _quote(text: str, width: int = 40) -> str:
    first = " ".join(text.split())
    return f"“{first if len(first) <= width else first[: width - 1] + '…'}”"
