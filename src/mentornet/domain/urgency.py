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
- thanks: help received (`got`) and not yet thanked (flag `thanks-owed`);
- unanswered: your last two or more outreaches got no reply; it takes back all the
  reach-out terms above, and the person waits for a reply instead of being "to update".

The order of `due` is by tier first, then by score: a session soon, an overdue promise or
a passed session; then the takeoffs; then everyone else who is due; then (with --all)
those with nothing due; those waiting for a reply come last.

Where a relationship stands (new, one-sided, easing off...) is decided by
domain/relationship.py; this module sums the terms of domain/urgency_terms.py (one
function each, with the words of its reason) into a verdict and ranks the verdicts. The
functions are pure: no database, no clock, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mentornet.domain.news import is_news
from mentornet.domain.relationship import (
    SESSION_SOON_DAYS,
    TAKEOFF_MAX_TOUCHBASES,
    UNANSWERED_STREAK,
    Facts,
    FollowUpFact,
    Relationship,
    facts_from_records,
    not_yet_thanked,
    relationship,
)
from mentornet.domain.rules import Rules
from mentornet.domain.urgency_terms import (
    MONTHS,
    REACH_OUT_TERMS,
    Term,
    contact_terms,
    day_words,
    follow_up_term,
    headline_of,
    news_term,
    one_sided_term,
    session_passed_term,
    session_term,
    takeoff_term,
    thanks_term,
    unanswered_term,
)

__all__ = ["ACTION_FLAGS", "FLAGS", "MONTHS", "Facts", "FollowUpFact", "Rules", "Term",
           "Urgency", "brief_line", "facts_from_records", "rank", "score"]

# The flag vocabulary of `due --json`, in the order flags are listed.
FLAGS = ("due", "stale", "takeoff", "followup-overdue", "session-soon", "session-passed",
         "thanks-owed", "news", "one-sided", "unanswered")
# Flags that put a person on the `due` list; one-sided and unanswered only colour it.
# (`_may_be_due` must let through everyone who could get one of them.)
ACTION_FLAGS = frozenset({"due", "stale", "takeoff", "followup-overdue", "session-soon",
                          "session-passed", "thanks-owed", "news"})
# Flags that rank first whatever the score: a date that will not wait.
FIRST_FLAGS = frozenset({"session-soon", "followup-overdue", "session-passed"})
# Flags that nudge you to reach out: never shown together with an ease-off note.
REACH_OUT_FLAGS = frozenset({"due", "stale", "takeoff", "news"})


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

    contact, contact_due = contact_terms(facts, today, rules, cadence, flags,
                                         reply_by=state.reply_by)
    contact_is_due = "due" in flags
    terms += contact
    contact_factor = contact[0].factor
    takeoff, takeoff_due = takeoff_term(state, today, flags)
    terms += takeoff
    terms += follow_up_term(state, today, flags)
    terms += session_term(state, flags)
    terms += session_passed_term(state, today, flags)
    terms += news_term(facts, today, flags)
    terms += one_sided_term(state, today, contact_factor, flags)
    terms += thanks_term(state, today, flags)
    terms += unanswered_term(state, terms, today, flags)

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
    if not is_due and not quiet and state.reply_awaited is not None:
        reasons = (f"waiting for a reply to your outreach of "
                   f"{day_words(state.reply_awaited, today)}: nothing due before "
                   f"{day_words(next_due, today)}", *reasons)
    elif not is_due and not quiet:
        reasons = (f"all good: next touch-base by {day_words(next_due, today)}", *reasons)
    session = facts.next_session if facts.next_session and facts.next_session >= today else None
    return Urgency(
        facts=facts, score=total, flags=ordered, reasons=reasons, terms=tuple(terms),
        headline=headline_of(ordered, state, today), cadence_days=cadence,
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
        return True  # due or stale, computed as contact_terms does
    if any(fu.due < today for fu in facts.open_followups):
        return True  # a follow-up past its date
    if facts.last_got is not None and not_yet_thanked(facts, today=today) is not None:
        return True  # help received, not yet thanked
    if is_news(facts.job_news, today=today, last_touchbase=facts.last_touchbase):
        return True  # a new job, noticed lately
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


def _hidden_because(facts: Facts, today: date) -> str | None:
    if facts.status != "active":
        return facts.status
    if facts.snoozed_until is not None and facts.snoozed_until > today:
        return f"snoozed until {facts.snoozed_until.isoformat()}"
    return None
