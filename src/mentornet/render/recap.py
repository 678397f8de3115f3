"""The recap as Markdown (a note to send, then private notes) and as JSON-ready data."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from mentornet.dates import format_ago
from mentornet.domain.recap import FollowUpState, GoalUpdate, Private, Recap
from mentornet.domain.records import ParkedItem, TouchBase
from mentornet.render.text import markdown, plain
from mentornet.words import counted

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FAVOUR_WORDS = {"intro": "an intro", "feedback": "feedback", "perspective": "a perspective",
                "evangelise": "evangelising", "mentoring": "mentoring", "info": "some info",
                "referral": "a referral", "other": "a favour"}
JSON_KEYS = ("person", "since", "goals", "wins", "challenges", "followups", "topics",
             "thanks", "private")
# How the note's first sentence begins, whatever the recap holds: how `prep --out` knows
# a file it wrote before (files.py), and may replace it.
OPENINGS = ("Ahead of our ", "It has been a while",
            "A quick note on what I have been working on", "I wanted to say hello")


# Markdown -------------------------------------------------------------------------------


def to_markdown(recap: Recap, *, send_only: bool = False) -> str:
    """The recap as Markdown: the note to send; then, unless `send_only`, private notes.

    Empty sections are left out. User text has control characters made visible and its
    Markdown and HTML escaped, so a name or note can't add a link, an image or a tag.
    """
    note = _send_ahead(recap)
    if send_only:
        return note
    person = recap.person
    about = ", ".join(_text(x) for x in (_kind_label(person.kind), person.role, person.org)
                      if x)
    title = f"# Prep: {_text(person.name)}" + (f" ({about})" if about else "")
    if person.next_session and person.next_session >= recap.today:
        title += f", session {_when(person.next_session, recap.today)}"
    parts = [title, "## 1. Send-ahead recap", note]
    private = _private(recap)
    parts += ["## 2. Private notes (for you only)", private or "Nothing to note yet.\n"]
    return "\n\n".join(p.rstrip("\n") for p in parts) + "\n"


def _send_ahead(recap: Recap) -> str:
    """The note to send: a pre-session note for sessions (formal mentors, mentees, or a
    session scheduled), a catch-up note otherwise. "Since we last met" only ever refers to
    the last time you actually met (a meeting, call, video, coffee or event), or "since we
    were last in touch" to a later contact that may have been one (relationship.py's
    `last_together`)."""
    person, today, owner = recap.person, recap.today, recap.owner
    first = _text(person.name).split()[0] if person.name.split() else _text(person.name)
    session = _session(recap)
    together = recap.together
    met = together.day if together is not None else None
    # "Since we last met" only when you surely met then; else you were at least in touch.
    last_time = "we last met" if together is None or together.met else "we were last in touch"
    since_met = f" since {last_time} on {_day(met, today)}" if met else ""
    if recap.has_sessions:
        ahead = (f"Ahead of our session {_when(session, today)}" if session
                 else "Ahead of our next session" if met else "Ahead of our first session")
        subject = (f"{'Notes' if recap.for_mentee else 'An update'} ahead of our session"
                   + (f" {_when(session, today)}" if session else ""))
    else:
        ahead = ""
        subject = "Catching up: what I have been working on"
    sections = _mentee_sections(recap) if recap.for_mentee else _mentor_sections(recap)
    if not sections:  # nothing to report: the note says hello, and promises no news
        if not recap.has_sessions:
            subject = "Catching up"
        intro = (f"{ahead}, a quick hello: I'm looking forward to it." if recap.has_sessions
                 else f"I wanted to say hello: {last_time} on {_day(met, today)}." if met
                 else "I wanted to say hello and keep in touch.")
    elif recap.for_mentee:
        intro = f"{ahead}, a few notes from my side{since_met}."
    elif not recap.has_sessions:
        intro = (f"It has been a while{since_met}: here is what I have been working on."
                 if met else "A quick note on what I have been working on lately.")
    else:
        intro = (f"{ahead}, here is a quick update on what has changed{since_met}." if met
                 else f"{ahead}, here is where I am and what I'd like to focus on.")
    blocks = [f"Subject: {subject}"] if owner is not None else []
    blocks += [f"Hi {first},", intro, *sections]
    if recap.thanks:
        helps = "; ".join(_text(f.description) or FAVOUR_WORDS.get(f.kind, "your help")
                          for f in recap.thanks)
        when = f"since {last_time}" if met else "so far"
        blocks.append(f"Thank you, too, for your help {when} ({helps}): "
                      "it made a real difference.")
    closing = (f"See you {_when(session, today)}," if session
               else "See you soon," if recap.has_sessions else "All the best,")
    if owner is not None and owner.sign_off:
        closing = _text(owner.sign_off)
    if owner is not None and owner.name:
        closing += f"\n{_text(owner.name)}"
    blocks.append(closing)
    return "\n\n".join(blocks) + "\n"


PARK_HINT = ("Nothing is parked for {name} yet: park a question, win or update first, e.g. "
             "mentornet park \"{name}\" \"How do I ...?\"")
PROFILE_HINT = ("Sign your recaps with your name: mentornet me --name \"YOUR NAME\" "
                "--sign-off \"Thanks,\"")


def hints(recap: Recap) -> list[str]:
    """What would make the draft better: park something first; set your profile."""
    found = []
    if recap.is_empty:
        found.append(PARK_HINT.format(name=plain(recap.person.name)))
    if recap.owner is None:
        found.append(PROFILE_HINT)
    return found


def _mentor_sections(recap: Recap) -> list[str]:
    goals_with_news = [u for u in recap.goals if u.progress or u.goal.status != "open"]
    quiet = [u for u in recap.goals if not u.progress and u.goal.status == "open"]
    goal_lines = [_goal_line(u, recap.today) for u in goals_with_news]
    if quiet:
        still = "; ".join(_text(u.goal.text) for u in quiet)
        goal_lines.append(f"- Still working on: {still}." if goal_lines
                          else f"- Working on: {still}.")
    advice = [f"- {_indent(_text(recap.advice))}"] if recap.advice else []
    return [s for s in (
        _section("Your advice last time", advice),
        _section("What changed" if not advice else "What I did since", _items(recap.updates)),
        _section("Progress on my goals", goal_lines),
        _section("Wins", _items(recap.wins)),
        _section("Challenges", _items(recap.challenges)),
        _section("What I promised last time" if recap.since else "What I promised",
                 [_followup_line(s, recap.today) for s in recap.followups]),
        _section("What I'd like to focus on", _topics(recap.topics)),
    ) if s]


def _mentee_sections(recap: Recap) -> list[str]:
    goal_lines = [_goal_line(u, recap.today) for u in recap.goals]
    if not goal_lines and recap.person.focus:
        focus = ", ".join(_text(t) for t in recap.person.focus)
        goal_lines = [f"- What you're working on: {focus}."]
    asked = [f"- {_text(t)}" for t in recap.asked]
    return [s for s in (
        _section("Last time you asked about", asked),
        _section("Your goals", goal_lines),
        _section("What I promised you",
                 [_followup_line(s, recap.today) for s in recap.followups]),
        _section("News from my side", _items(recap.updates)),
        _section("Wins to celebrate", _items(recap.wins)),
        _section("Challenges to talk through", _items(recap.challenges)),
        _section("Topics for this session", _topics(recap.topics)),
    ) if s]


def _private(recap: Recap) -> str:
    private: Private = recap.private
    today = recap.today
    sessions = [_session_line(t, today) for t in private.sessions]
    balance = _balance_lines(recap)
    signals = _sensitivity_lines(private.unanswered, today, _session(recap))
    related = []
    for rel in private.related:
        items = [f"follow-up #{f.id} \"{_text(f.text)}\""
                 + (f" (due {_day(f.due, today)})" if f.due else "") for f in rel.followups]
        items += [f"parked {i.kind} #{i.id} \"{_text(i.text)}\"" for i in rel.parked]
        why = "; ".join(_text(g) for g in rel.goals)
        related.append(f"- {_text(rel.person.name)} (also on: {why}): " + "; ".join(items))
    return "\n\n".join(s for s in (
        _section("Last sessions", sessions),
        _section("Give and get", balance),
        _section("Be sensitive", signals),
        _section("Related open items", related),
        "\n".join(f"Tip: {hint}" for hint in hints(recap)),
    ) if s)


def _balance_lines(recap: Recap) -> list[str]:
    b = recap.private.balance
    today = recap.today
    if not b.given and not b.received and not b.one_sided:
        return []
    lines = []
    if b.given:
        lines.append(f"- You have given {counted(b.given, 'favour')} and received "
                     f"{b.received}.")
    elif recap.for_mentee:
        lines.append(f"- You have received {counted(b.received, 'favour')}.")
    elif b.received:
        lines.append(f"- You have received {counted(b.received, 'favour')} and not given "
                     "anything back yet.")
    else:
        lines.append("- No favours either way yet.")
    if b.last_given is not None:
        what = _text(b.last_given.description) or FAVOUR_WORDS.get(b.last_given.kind, "")
        ago = format_ago((today - b.last_given.happened_on).days)
        ago = ago if ago in ("today", "yesterday") else f"{ago} ago"
        lines.append(f"- You last gave back on {_day(b.last_given.happened_on, today)} "
                     f"({ago}): {b.last_given.kind}, {what}; "
                     f"{counted(b.touchbases_since_given, 'touch-base')} since.")
    if b.one_sided and recap.private.easing_off:
        lines.append("- It has been one-sided, but they have not answered lately: give them "
                     "room before giving back.")
    elif b.one_sided:
        lines.append("- It has been one-sided lately: a good moment to give back. Ideas:")
        lines += [f"  - {_text(idea.text)} ({idea.kind})." for idea in recap.private.ideas]
        if b.kinds_given:
            lines.append(f"  - So far you have given: {', '.join(b.kinds_given)}.")
    return lines


def _sensitivity_lines(unanswered: tuple[TouchBase, ...], today: date,
                       session: date | None = None) -> list[str]:
    if not unanswered:
        return []
    oldest = unanswered[-1].happened_on
    if len(unanswered) == 1:
        return [f"- Your {unanswered[0].channel} on {_day(oldest, today)} has no reply yet: "
                "give it time before nudging."]
    advice = ("check the session still suits them rather than pushing" if session
              else "a short, no-pressure note later works better than another nudge")
    return [f"- Your last {len(unanswered)} outreaches since {_day(oldest, today)} got no "
            f"reply. Few people say no outright: ease off; {advice}."]


def _session_line(t: TouchBase, today: date) -> str:
    line = f"- {_day(t.happened_on, today)} ({t.channel})"
    if t.notes:
        line += f": {_indent(_text(t.notes))}"
    if t.topics:
        line += "\n  - Topics: " + ", ".join(_text(x) for x in t.topics)
    if t.feedback:
        line += f"\n  - Feedback: {_indent(_text(t.feedback), 4)}"
    return line


def _goal_line(update: GoalUpdate, today: date) -> str:
    goal = update.goal
    line = f"- {_text(goal.text)}"
    if goal.status == "done":
        line += ": done!"
    elif goal.status == "dropped":
        line += ": I've decided to drop this one."
    elif goal.target:
        line += f" (by {_day(goal.target, today)})"
    notes = [f"  - {_indent(_text(n.note), 4)}" for n in update.progress]
    return "\n".join([line + (":" if notes and goal.status == "open" else ""), *notes])


def _followup_line(state: FollowUpState, today: date) -> str:
    f = state.followup
    text = _indent(_text(f.text))
    due = f" by {_day(f.due, today)}" if f.due else ""
    words = {
        "done": "done.",
        "overdue": f"not done yet (it was due {_day(f.due, today) if f.due else ''}); "
                   "I'm on it.",
        "due-soon": f"on its way{due}.",
        "open": f"still open{due}.",
    }[state.state]
    return f"- {text}: {words}"


def _topics(items: Iterable[ParkedItem]) -> list[str]:
    lines = []
    for n, item in enumerate(items, 1):
        text = _indent(_text(item.text), 3)
        lines.append(f"{n}. " + (f"An idea I'd love your view on: {text}"
                                 if item.kind == "idea" else text))
    return lines


def _items(items: Iterable[ParkedItem]) -> list[str]:
    return [f"- {_indent(_text(i.text))}" for i in items]


def _section(title: str, lines: list[str]) -> str:
    return f"**{title}**\n\n" + "\n".join(lines) if lines else ""


def _indent(text: str, width: int = 2) -> str:
    """Continuation lines indented so a multi-line text stays in its list item."""
    return ("\n" + " " * width).join(line.rstrip() for line in text.splitlines())


def _text(text: str | None) -> str:
    """Stored text as it goes into the note: tags, links and emphasis shown as text."""
    return markdown(text).strip()


def _session(recap: Recap) -> date | None:
    """The coming session, if one is scheduled today or later."""
    coming = recap.person.next_session
    return coming if coming and coming >= recap.today else None


def _kind_label(kind: str) -> str:
    return {"formal": "formal mentor", "informal": "informal mentor"}.get(kind, kind)


def _day(d: date | None, today: date) -> str:
    if d is None:
        return ""
    text = f"{d.day} {MONTHS[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def _when(d: date | None, today: date) -> str:
    """When a coming session is, as said in a note: today, tomorrow, on Thursday, on 3 May."""
    if d is None:
        return ""
    days = (d - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if 1 < days < 7:
        return f"on {WEEKDAYS[d.weekday()]}"
    return f"on {_day(d, today)}"


# JSON -----------------------------------------------------------------------------------


def to_json(recap: Recap, *, send_only: bool = False) -> dict[str, Any]:
    """The recap as data with exactly the keys of JSON_KEYS; `private` is null if send_only."""
    p = recap.person
    data: dict[str, Any] = {
        "person": {"id": p.id, "name": p.name, "kind": p.kind, "role": p.role, "org": p.org,
                   "next_session": p.next_session},
        "since": recap.since,
        "goals": [{"id": u.goal.id, "text": u.goal.text, "target": u.goal.target,
                   "status": u.goal.status,
                   "progress": [{"on": n.noted_on, "note": n.note} for n in u.progress]}
                  for u in recap.goals],
        "wins": [_parked(i) for i in recap.wins],
        "challenges": [_parked(i) for i in recap.challenges],
        "followups": [{"id": s.followup.id, "text": s.followup.text, "due": s.followup.due,
                       "done_on": s.followup.done_on, "state": s.state}
                      for s in recap.followups],
        "topics": ([{"id": None, "kind": "asked", "text": t, "parked_on": recap.since}
                    for t in recap.asked]
                   + [_parked(i) for i in sorted((*recap.updates, *recap.topics),
                                                 key=lambda i: (i.parked_on, i.id))]),
        "thanks": [{"id": f.id, "kind": f.kind, "description": f.description,
                    "on": f.happened_on} for f in recap.thanks],
        "private": None if send_only else _private_json(recap),
    }
    assert tuple(data) == JSON_KEYS
    return data


def _parked(item: ParkedItem) -> dict[str, Any]:
    return {"id": item.id, "kind": item.kind, "text": item.text, "parked_on": item.parked_on,
            "general": item.person_id is None}


def _private_json(recap: Recap) -> dict[str, Any]:
    private, today = recap.private, recap.today
    b = private.balance
    return {
        "sessions": [{"on": t.happened_on, "channel": t.channel, "notes": t.notes,
                      "topics": list(t.topics), "feedback": t.feedback}
                     for t in private.sessions],
        "balance": {"given": b.given, "received": b.received,
                    "last_given_on": b.last_given.happened_on if b.last_given else None,
                    "last_given": b.last_given.description if b.last_given else None,
                    "touchbases_since_given": b.touchbases_since_given,
                    "one_sided": b.one_sided, "kinds_given": list(b.kinds_given)},
        "reciprocate": [{"kind": i.kind, "idea": i.text} for i in private.ideas],
        "sensitivity": [line.removeprefix("- ")
                        for line in _sensitivity_lines(private.unanswered, today,
                                                       _session(recap))],
        "unanswered": [t.happened_on for t in private.unanswered],
        "easing_off": private.easing_off,
        "hints": hints(recap),
        "related": [{"id": r.person.id, "name": r.person.name, "why": list(r.goals),
                     "followups": [{"id": f.id, "text": f.text, "due": f.due}
                                   for f in r.followups],
                     "parked": [_parked(i) for i in r.parked]} for r in private.related],
    }
