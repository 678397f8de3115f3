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
- session-passed: a scheduled session passed and nothing was logged on or after it;
- one-sided: you have taken without giving back; it weighs as much as the contact is due;
- unanswered: your last two or more outreaches got no reply; it takes back all the
  reach-out terms above, and the person waits for a reply instead of being "to update".

The order of `due` is by tier first, then by score: a session soon, an overdue promise or
a passed session; then the takeoffs; then everyone else who is due; then (with --all)
those with nothing due; those waiting for a reply come last.

Where a relationship stands (new, one-sided, easing off...) is decided by
domain/relationship.py; this module turns it into points and words. The functions are
pure: no database, no clock, no printing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.dates import format_ago, format_interval
from mentornet.domain.relationship import (
    SESSION_SOON_DAYS,
    TAKEOFF_FOLLOW_UP_DAYS,
    TAKEOFF_MAX_TOUCHBASES,
    UNANSWERED_STREAK,
    Facts,
    FollowUpFact,
    Relationship,
    facts_from_records,
    relationship,
)
from mentornet.domain.rules import Rules

__all__ = ["ACTION_FLAGS", "FLAGS", "Facts", "FollowUpFact", "Rules", "Term", "Urgency",
           "brief_line", "facts_from_records", "rank", "score"]

# The flag vocabulary of `due --json`, in the order flags are listed.
FLAGS = ("due", "stale", "takeoff", "followup-overdue", "session-soon", "session-passed",
         "one-sided", "unanswered")
# Flags that put a person on the `due` list; one-sided and unanswered only colour it.
# (`_may_be_due` must let through everyone who could get one of them.)
ACTION_FLAGS = frozenset({"due", "stale", "takeoff", "followup-overdue", "session-soon",
                          "session-passed"})
# Flags that rank first whatever the score: a date that will not wait.
FIRST_FLAGS = frozenset({"session-soon", "followup-overdue", "session-passed"})
# Flags that nudge you to reach out: never shown together with an ease-off note.
REACH_OUT_FLAGS = frozenset({"due", "stale", "takeoff"})

FOLLOW_UP_RAMP_DAYS = 14  # an overdue follow-up weighs fully after two weeks
NEVER_IN_TOUCH_FACTOR = 0.5  # someone you have never been in touch with: due, not stale

# The weights of the terms: a session soon outweighs everything else together.
WEIGHTS = {"contact": 10.0, "stale": 3.0, "takeoff": 6.0, "follow-up": 5.0,
           "session": 100.0, "session-passed": 8.0, "one-sided": 3.0}
# Terms the unanswered term takes back: the ones that say "reach out".
REACH_OUT_TERMS = ("contact", "stale", "takeoff", "one-sided")

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CHANNEL_NOUNS = {"meeting": "meeting", "call": "call", "video": "video call",
                  "coffee": "coffee", "message": "message", "email": "email",
                  "event": "chat at an event", "other": "touch-base"}


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
    relationship: Relationship  # where the relationship stands (domain/relationship.py)

    @property
    def listed(self) -> bool:
        """Shown by a plain `due` as someone to update: something is due, not set aside."""
        return self.is_due and self.hidden_because is None

    @property
    def waiting(self) -> bool:
        """Easing off: shown after the list, under "Waiting for a reply"."""
        return self.relationship.easing_off

    @property
    def tier(self) -> int:
        """The ranking's first key: 0 a date that will not wait, 1 a takeoff, 2 due,
        3 nothing due, 4 waiting for a reply."""
        if self.waiting:
            return 4
        if FIRST_FLAGS.intersection(self.flags):
            return 0
        if "takeoff" in self.flags:
            return 1
        return 2 if self.is_due else 3


def score(facts: Facts, *, today: date, rules: Rules | None = None) -> Urgency:
    """The urgency of one person on `today`."""
    rules = rules or Rules()
    cadence = rules.cadence_for(facts.kind, facts.cadence_days)
    state = relationship(facts, today=today, cadence_days=cadence)
    flags: set[str] = set()
    terms: list[Term] = []

    contact, contact_due = _contact_terms(facts, today, rules, cadence, flags)
    contact_is_due = "due" in flags
    terms += contact
    contact_factor = contact[0].factor
    takeoff, takeoff_due = _takeoff_term(state, today, flags)
    terms += takeoff
    terms += _follow_up_term(state, today, flags)
    terms += _session_term(state, flags)
    terms += _session_passed_term(state, today, flags)
    terms += _one_sided_term(state, today, contact_factor, flags)
    terms += _unanswered_term(state, terms, today, flags)

    quiet = "unanswered" in flags  # no reach-out nudge next to an ease-off note
    if quiet:
        flags -= REACH_OUT_FLAGS
    total = sum([term.weight * term.factor for term in terms])
    ordered = tuple([flag for flag in FLAGS if flag in flags])
    is_due = bool(flags & ACTION_FLAGS)
    next_due = contact_due if takeoff_due is None else min(contact_due, takeoff_due)
    if state.easing_off and state.try_again_on is not None:
        next_due = state.try_again_on
    reasons = tuple([term.reason for term in terms
                     if term.factor and (contact_is_due or term.name != "contact")
                     and not (quiet and term.name in REACH_OUT_TERMS)])
    if not is_due and not quiet:
        reasons = (f"all good: next touch-base by {_day(next_due, today)}", *reasons)
    session = facts.next_session if facts.next_session and facts.next_session >= today else None
    return Urgency(
        facts=facts, score=total, flags=ordered, reasons=reasons, terms=tuple(terms),
        headline=_headline(ordered, state, today), cadence_days=cadence,
        last_contact=facts.last_two_way, next_due=next_due, next_session=session,
        is_due=is_due, hidden_because=_hidden_because(facts, today), relationship=state)


def rank(panel: Iterable[Facts], *, today: date, rules: Rules | None = None,
         everyone: bool = False) -> list[Urgency]:
    """Those with something due, then those waiting for a reply (everyone with `everyone`).

    Contacts are never ranked: they are not on the panel.
    """
    rules = rules or Rules()
    if everyone:
        chosen = [score(facts, today=today, rules=rules) for facts in panel
                  if facts.kind != "contact"]
    else:  # only those listed: people set aside, or with nothing due, are not scored at all
        chosen = [found for found in (score(facts, today=today, rules=rules) for facts in panel
                                      if facts.kind != "contact"
                                      and _hidden_because(facts, today) is None
                                      and _may_be_due(facts, today, rules))
                  if found.listed or found.waiting]
    return sorted(chosen, key=lambda found: (found.tier, -found.score,
                                             found.next_due or today,
                                             found.facts.name.casefold(), found.facts.person_id))


def _may_be_due(facts: Facts, today: date, rules: Rules) -> bool:
    """False only when `score` would find nothing due and no reply awaited, told cheaply.

    On a large panel most people who are not set aside have nothing due; `rank` scores only
    the others (and still keeps only those `score` finds due or waiting, so a True here is
    never wrong). Each test lets through everyone a term could flag with an action flag.
    """
    since = facts.last_two_way or facts.met_on
    if since is None or facts.touchbase_count <= TAKEOFF_MAX_TOUCHBASES:
        return True  # never in touch (due), or perhaps a new relationship (takeoff)
    if facts.unanswered_streak >= UNANSWERED_STREAK:
        return True  # perhaps waiting for a reply
    cadence = rules.cadence_for(facts.kind, facts.cadence_days)
    if max(0, (today - since).days) / cadence >= min(rules.due_ratio, rules.stale_ratio):
        return True  # due or stale, computed as _contact_terms does
    if any(fu.due < today for fu in facts.open_followups):
        return True  # a follow-up past its date
    return facts.next_session is not None and (facts.next_session - today).days <= \
        SESSION_SOON_DAYS  # a session soon, or one that passed


def brief_line(ranked: list[Urgency], *, shown: int = 3) -> str:
    """One short line for a shell start-up file, or "" when nothing is due.

    People waiting for a reply are not "to update" and are not named.
    """
    listed = [found for found in ranked if found.is_due and not found.waiting]
    if not listed:
        return ""
    names = ", ".join(f"{found.facts.name} ({found.headline})" for found in listed[:shown])
    more = f" and {len(listed) - shown} more" if len(listed) > shown else ""
    return f"{len(listed)} to update: {names}{more}"


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
        reason = (f"{_span(days, cadence=cadence)} since {what} ({every})" if days
                  else f"in touch today ({every})")
    else:
        reason = (f"{_span(days, cadence=cadence)} since you met ({every})" if days
                  else f"met today ({every})")
    terms = [Term("contact", weight, min(1.0, ratio / full_at), reason)]
    if ratio >= rules.due_ratio:
        flags.add("due")
    if ratio >= rules.stale_ratio:
        flags.add("stale")
        terms.append(Term("stale", WEIGHTS["stale"], 1.0,
                          "it has been a while: a two-line update is a fine way back in"))
    return terms, since + timedelta(days=math.ceil(cadence * rules.due_ratio))


def _takeoff_term(state: Relationship, today: date,
                  flags: set[str]) -> tuple[list[Term], date | None]:
    """A new relationship's first follow-up, owed until you make one."""
    first = state.facts.first_contact
    by = state.takeoff_by
    if not (state.takeoff or state.takeoff_missed) or first is None or by is None:
        return [], None
    days = max(0, (today - first).days)
    factor = 0.5 + 0.5 * min(days, TAKEOFF_FOLLOW_UP_DAYS) / TAKEOFF_FOLLOW_UP_DAYS
    if state.takeoff:
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


def _follow_up_term(state: Relationship, today: date, flags: set[str]) -> list[Term]:
    """Follow-ups you promised, past their date."""
    late = state.overdue
    if not late:
        return []
    flags.add("followup-overdue")
    oldest = late[0]
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


def _session_term(state: Relationship, flags: set[str]) -> list[Term]:
    """A session today, tomorrow or the day after goes to the top: prepare."""
    days = state.session_soon
    if days is None:
        return []
    flags.add("session-soon")
    reason = {0: "session today: a quick look at your notes and parked questions",
              1: "session tomorrow: send your recap today (mentornet prep)",
              2: "session in 2 days: time to prepare your recap (mentornet prep)"}[days]
    return [Term("session", WEIGHTS["session"], 1.0 - 0.1 * days, reason)]


def _session_passed_term(state: Relationship, today: date, flags: set[str]) -> list[Term]:
    """A scheduled session passed with no two-way touch-base on or after it: close the loop."""
    day = state.session_passed
    if day is None:
        return []
    flags.add("session-passed")
    first = state.facts.name.split()[0] if state.facts.name.split() else state.facts.name
    when = f"{day.day} {MONTHS[day.month - 1]}" + ("" if day.year == today.year
                                                     else f" {day.year}")
    reason = (f"Did your session with {first} on {when} happen? Log it, and send a "
              "thank-you")
    return [Term("session-passed", WEIGHTS["session-passed"], 1.0, reason)]


def _one_sided_term(state: Relationship, today: date, contact_factor: float,
                    flags: set[str]) -> list[Term]:
    """Taking without giving back (not for mentees): weighs as much as the contact is due."""
    if not state.one_sided:
        return []
    flags.add("one-sided")
    facts = state.facts
    idea = "a good moment for an intro, feedback or a useful article"
    count = state.since_given_touchbases
    days = state.since_given_days or 0
    if facts.last_given is None:
        what = (f"{count} touch-bases" if count >= 3 else f"{format_ago(days)} since you met")
        reason = f"{what}, nothing given back yet: {idea}"
    elif count >= 3:
        reason = (f"{count} touch-bases since you last gave back "
                  f"({_day(facts.last_given, today)}): {idea}")
    else:
        reason = f"{format_ago(days)} since you last gave back: {idea}"
    return [Term("one-sided", WEIGHTS["one-sided"], contact_factor, reason)]


def _unanswered_term(state: Relationship, terms: list[Term], today: date,
                     flags: set[str]) -> list[Term]:
    """Outreach without a reply: take back the reach-out terms, and leave them be."""
    streak = state.unanswered
    if streak < UNANSWERED_STREAK:
        return []
    flags.add("unanswered")
    reach_out = sum(term.points for term in terms if term.name in REACH_OUT_TERMS)
    said = f"your last {streak} outreaches got no reply"
    if not state.easing_off:
        reason = f"{said}: no nudges, just what is due above"
    elif state.suggest_pause:
        name = state.facts.name
        reason = (f"{said}: let it rest; pause them with "
                  f"mentornet edit \"{name}\" --status paused")
    elif state.try_again_on is not None and state.try_again_on > today:
        reason = (f"{said}: leave them be for now; around {_day(state.try_again_on, today)} "
                  "try once more, with one specific ask")
    else:
        reason = f"{said}: try once more now, with one specific ask rather than a nudge"
    return [Term("unanswered", -reach_out, 1.0, reason)]


# Words ------------------------------------------------------------------------------------

def _headline(flags: tuple[str, ...], state: Relationship, today: date) -> str:
    """What is due, in a few words, for the table and the --brief line."""
    if "session-soon" in flags and state.session_soon is not None:
        days = state.session_soon
        return {0: "session today", 1: "session tomorrow"}.get(days, f"session in {days} days")
    if "followup-overdue" in flags:
        return "follow-up overdue"
    if "session-passed" in flags:
        return "session passed: log it"
    if "takeoff" in flags:
        return "follow up after the first meeting"
    if state.easing_off:
        return "pause them?" if state.suggest_pause else "waiting for a reply"
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


def _span(days: int, *, cadence: int | None = None) -> str:
    """"3 days", "5 weeks", "4 months": how long, in the words of a person.

    Against a cadence in weeks ("every 12 weeks"), under a year reads in weeks too, so
    "9 weeks since..." is not mistaken for being past "2 months".
    """
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if cadence is not None and cadence % 7 == 0 and days < 365:
        return f"{days // 7} weeks"
    return format_ago(days)


def _day(day: date, today: date) -> str:
    """"Mar 14", with the year when it is not this year's."""
    name = f"{MONTHS[day.month - 1]} {day.day}"
    return name if day.year == today.year else f"{name}, {day.year}"


def _quote(text: str, width: int = 40) -> str:
    first = " ".join(text.split())
    return f"“{first if len(first) <= width else first[: width - 1] + '…'}”"
