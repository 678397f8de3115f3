"""The terms of the urgency score, one function each, and the words of their reasons.

Each term looks at where a relationship stands (domain/relationship.py) and returns the
points it adds, a weight times a factor between 0 and 1, with the reason `due --explain`
prints; it also adds the flags it raises. domain/urgency.py sums them into a verdict.
Pure functions: no database, no clock, no printing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.dates import format_ago, format_interval
from mentornet.domain.news import congratulate, is_news
from mentornet.domain.relationship import (
    TAKEOFF_FOLLOW_UP_DAYS,
    UNANSWERED_STREAK,
    Facts,
    Relationship,
)
from mentornet.domain.rules import Rules

FOLLOW_UP_RAMP_DAYS = 14  # an overdue follow-up weighs fully after two weeks
NEVER_IN_TOUCH_FACTOR = 0.5  # someone you have never been in touch with: due, not stale

# The weights of the terms: a session soon outweighs everything else together.
WEIGHTS = {"contact": 10.0, "stale": 3.0, "takeoff": 6.0, "follow-up": 5.0,
           "session": 100.0, "session-passed": 8.0, "news": 6.0,
           "one-sided": 3.0, "thanks": 4.0}
# Terms the unanswered term takes back: the ones that say "reach out".
REACH_OUT_TERMS = ("contact", "stale", "takeoff", "news", "one-sided")

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


# The terms --------------------------------------------------------------------------------

def contact_terms(facts: Facts, today: date, rules: Rules, cadence: int,
                   flags: set[str], *, reply_by: date | None = None
                   ) -> tuple[list[Term], date]:
    """Time since the last two-way touch-base (or since you met) against the cadence.

    Until `reply_by` (relationship.py: you reached out lately, and wait for the reply)
    nothing is due for it: no nudge to write again the day you wrote."""
    weight = WEIGHTS["contact"]
    full_at = max(2 * rules.due_ratio, rules.stale_ratio)  # the ratio where the factor is 1
    every = f"every {format_interval(cadence)}"
    since = facts.last_two_way or facts.met_on
    if since is None and reply_by is not None and facts.last_touchbase is not None:
        reason = (f"you reached out on {day_words(facts.last_touchbase, today)}: give them "
                  f"until {day_words(reply_by, today)} to reply ({every})")
        return [Term("contact", weight, NEVER_IN_TOUCH_FACTOR, reason)], reply_by
    if since is None:  # never in touch: due now, like a new prospect
        flags.add("due")
        reason = (f"not in touch yet: say hello ({every})" if not facts.touchbase_count else
                  f"no reply yet to your outreach: try another way when it feels right "
                  f"({every})")
        if facts.kind == "informal" and not facts.touchbase_count:
            reason += f"; {command_for('update', facts.name)}"
        return [Term("contact", weight, NEVER_IN_TOUCH_FACTOR, reason)], today
    days = max(0, (today - since).days)
    ratio = days / cadence
    if facts.last_two_way is not None:
        what = f"your last {_CHANNEL_NOUNS.get(facts.last_two_way_channel or '', 'touch-base')}"
        reason = (f"{span_words(days, cadence=cadence)} since {what} ({every})" if days
                  else f"in touch today ({every})")
    else:
        reason = (f"{span_words(days, cadence=cadence)} since you met ({every})" if days
                  else f"met today ({every})")
    next_due = since + timedelta(days=math.ceil(cadence * rules.due_ratio))
    outreach = facts.last_touchbase if facts.unanswered_streak else None
    if ratio >= rules.due_ratio and reply_by is not None and outreach is not None:
        reason += (f"; you reached out on {day_words(outreach, today)}: give them until "
                   f"{day_words(reply_by, today)} to reply")
        return [Term("contact", weight, min(1.0, ratio / full_at), reason)], \
            max(next_due, reply_by)
    if ratio >= rules.due_ratio:
        flags.add("due")
        if outreach is not None and facts.unanswered_streak < UNANSWERED_STREAK:
            reason += (f"; no reply yet to your outreach of {day_words(outreach, today)}: "
                       "try once more, another way")
        elif facts.kind == "informal":
            reason += f"; a short update keeps it warm: {command_for('update', facts.name)}"
    terms = [Term("contact", weight, min(1.0, ratio / full_at), reason)]
    if ratio >= rules.stale_ratio:
        flags.add("stale")
        terms.append(Term("stale", WEIGHTS["stale"], 1.0,
                          "it has been a while: another way back in may work better"
                          if outreach is not None else
                          "it has been a while: a two-line update is a fine way back in"))
    return terms, next_due


def takeoff_term(state: Relationship, today: date,
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
        met = "you met today" if days == 0 else f"you met {span_words(days)} ago"
        if today <= by:
            reason = f"new: {met}; a short follow-up by {day_words(by, today)} sets the tone"
        else:
            reason = f"new: {met}; a short follow-up now still counts"
    else:  # the window closed without a follow-up: it is simply due
        flags.add("due")
        reason = f"you met {span_words(days)} ago and haven't followed up yet: a short note helps"
    if state.facts.kind == "prospect":  # the follow-up to a prospect is a clear ask
        reason += f"; a clear ask: {command_for('ask', state.facts.name)}"
    return [Term("takeoff", WEIGHTS["takeoff"], factor, reason)], by


def follow_up_term(state: Relationship, today: date, flags: set[str]) -> list[Term]:
    """Follow-ups you promised, past their date."""
    late = state.overdue
    if not late:
        return []
    flags.add("followup-overdue")
    oldest = late[0]
    days = (today - oldest.due).days
    factor = min(1.0, 0.5 + 0.5 * days / FOLLOW_UP_RAMP_DAYS)
    text = quoted(oldest.text)
    when = (f"due {day_words(oldest.due, today)}, {format_ago(days)} ago" if days > 1
            else "due yesterday")
    if len(late) == 1:
        reason = f"you promised {text} ({when}): done beats perfect"
    else:
        reason = (f"{len(late)} follow-ups past their date, the oldest {text} ({when}): "
                  "done beats perfect")
    return [Term("follow-up", WEIGHTS["follow-up"], factor, reason)]


def thanks_term(state: Relationship, today: date, flags: set[str]) -> list[Term]:
    """Help received and not yet thanked (domain/relationship.py's `not_yet_thanked`)."""
    day = state.thanks_owed
    if day is None:
        return []
    flags.add("thanks-owed")
    when = "today" if day == today else f"on {day_words(day, today)}"
    reason = (f"they helped you {when} and you haven't thanked them yet: "
              f"{command_for('thanks', state.facts.name)}")
    return [Term("thanks", WEIGHTS["thanks"], 1.0, reason)]


def session_term(state: Relationship, flags: set[str]) -> list[Term]:
    """A session today, tomorrow or the day after goes to the top: prepare."""
    days = state.session_soon
    if days is None:
        return []
    flags.add("session-soon")
    reason = {0: "session today: a quick look at your notes and parked questions",
              1: "session tomorrow: send your recap today (mentornet prep)",
              2: "session in 2 days: time to prepare your recap (mentornet prep)"}[days]
    return [Term("session", WEIGHTS["session"], 1.0 - 0.1 * days, reason)]


def session_passed_term(state: Relationship, today: date, flags: set[str]) -> list[Term]:
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


def news_term(facts: Facts, today: date, flags: set[str]) -> list[Term]:
    """A new role or organisation noticed lately, with no touch-base since (news.py)."""
    if facts.job_news is None or not is_news(facts.job_news, today=today,
                                             last_touchbase=facts.last_touchbase):
        return []
    flags.add("news")
    return [Term("news", WEIGHTS["news"], 1.0, congratulate(facts.name, facts.job_news))]


def one_sided_term(state: Relationship, today: date, contact_factor: float,
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
                  f"({day_words(facts.last_given, today)}): {idea}")
    else:
        reason = f"{format_ago(days)} since you last gave back: {idea}"
    return [Term("one-sided", WEIGHTS["one-sided"], contact_factor, reason)]


def unanswered_term(state: Relationship, terms: list[Term], today: date,
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
        reason = (f"{said}: leave them be for now; around {day_words(state.try_again_on, today)} "
                  "try once more, with one specific ask")
    else:
        reason = (f"{said}: try once more now, with one specific ask rather than a nudge "
                  f"({command_for('ask', state.facts.name)})")
    return [Term("unanswered", -reach_out, 1.0, reason)]


# Words ------------------------------------------------------------------------------------

def headline_of(flags: tuple[str, ...], state: Relationship, today: date) -> str:
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
    if "news" in flags and not {"due", "stale"} & set(flags):
        return "new job"
    if state.easing_off:
        return "pause them?" if state.suggest_pause else "waiting for a reply"
    if "thanks-owed" in flags:
        return "say thank you"
    if "stale" in flags:
        return "stale"
    if "due" in flags:
        return "due"
    return "nothing due"



def command_for(command: str, name: str) -> str:
    """The command line that drafts the note a reason suggests: mentornet ask "Priya N"."""
    return f"mentornet {command} \"{name}\""


def span_words(days: int, *, cadence: int | None = None) -> str:
    """"3 days", "5 weeks", "4 months": how long, in the words of a person.

    Against a cadence in weeks ("every 12 weeks"), under a year reads in weeks too, so
    "9 weeks since..." is not mistaken for being past "2 months".
    """
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if cadence is not None and cadence % 7 == 0 and days < 365:
        return f"{days // 7} weeks"
    return format_ago(days)


def day_words(day: date, today: date) -> str:
    """"Mar 14", with the year when it is not this year's."""
    name = f"{MONTHS[day.month - 1]} {day.day}"
    return name if day.year == today.year else f"{name}, {day.year}"


def quoted(text: str, width: int = 40) -> str:
    first = " ".join(text.split())
    return f"“{first if len(first) <= width else first[: width - 1] + '…'}”"
