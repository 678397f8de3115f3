"""The notes `ask`, `update` and `thanks` draft, as Markdown and as JSON-ready data.

Like prep's recap (render/recap.py), user text has control characters made visible and its
Markdown and HTML escaped, so a name or a note can't add a link, an image or a tag.
Each note starts with a `Subject:` line and ends with your sign-off and name (`me`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from mentornet.domain.asks import Ask
from mentornet.domain.keep_warm import MAX_WORDS, Item, KeepWarm, Offer
from mentornet.domain.owner import Owner
from mentornet.domain.records import Person
from mentornet.domain.thanks import Thanks
from mentornet.render.recap import _day, _indent, _text

ASK_KEYS = ("person", "subject", "topic", "why", "time_minutes", "kind", "text", "checks")
UPDATE_KEYS = ("person", "since", "subject", "items", "offer", "text")
THANKS_KEYS = ("person", "for", "subject", "text")
DEFAULT_SIGN_OFF = "All the best,"
SUBJECT_TOPIC_CHARS = 50  # a longer topic is not repeated in the subject
PROFILE_HINT = ("Say who you are and sign your notes: mentornet me --name \"YOUR NAME\" "
                "--role ROLE --org ORGANISATION --sign-off \"Thanks,\"")
# How you met, by `via` (free text is "through ..."), for the ask's opening line.
_AT_EVENT = {"event": "at the event", "online-event": "at the online event"}
_MET_WORDS = {"alumni": "through our alumni network", "work": "through work",
              "colleague": "through work", "manager": "through work",
              "skip-level": "through work", "friends-family": "through friends",
              "referral": "through a mutual contact"}
# A favour received, as thanked for when it has no description.
_THANKED_FOR = {"intro": "the intro", "feedback": "your feedback",
                "perspective": "your perspective", "evangelise": "spreading the word",
                "mentoring": "your mentoring", "info": "the information you shared",
                "referral": "the referral", "other": "your help"}
_CHANNEL_WORDS = {"meeting": "the meeting", "call": "the call", "video": "the call",
                  "coffee": "the coffee", "event": "the chat", "message": "your message",
                  "email": "your email", "other": "your time"}


def first_name(person: Person) -> str:
    name = _text(person.name)
    return name.split()[0] if name.split() else name


def _close(owner: Owner | None) -> str:
    closing = _text(owner.sign_off) if owner is not None and owner.sign_off else \
        DEFAULT_SIGN_OFF
    if owner is not None and owner.name:
        closing += f"\n{_text(owner.name)}"
    return closing


def _note(subject: str, person: Person, body: list[str], owner: Owner | None) -> str:
    blocks = [f"Subject: {_text(subject)}", f"Hi {first_name(person)},", *body,
              _close(owner)]
    return "\n\n".join(blocks) + "\n"


def hints(owner: Owner | None) -> list[str]:
    return [] if owner is not None else [PROFILE_HINT]


def _person_json(p: Person) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "kind": p.kind, "role": p.role, "org": p.org}


# ask --------------------------------------------------------------------------------------


def ask_subject(ask: Ask) -> str:
    call = _minutes(ask.minutes)
    if ask.questions:
        return f"A question, and {call} of your time?" if len(ask.questions) == 1 \
            else f"A few questions, and {call} of your time?"
    if len(ask.topic) <= SUBJECT_TOPIC_CHARS and not ask.topic.endswith("?"):
        return f"{call[0].upper()}{call[1:]} on {ask.topic}?"
    return f"A question, and {call} of your time?"


def ask_markdown(ask: Ask) -> str:
    """The ask as a note: who you are and where you met, the topic, why them, the time
    asked, one-off or ongoing."""
    person, owner, today = ask.person, ask.owner, ask.today
    opening = " ".join(x for x in (_who_i_am(owner), _met_line(person, today)) if x)
    body = [opening] if opening else []
    if ask.questions and len(ask.questions) > 1:
        body.append("I have a few questions I'd love your view on:\n\n"
                    + "\n".join(f"- {_indent(_text(q.text))}" for q in ask.questions))
    elif ask.questions:
        body.append(f"I have a question I'd love your view on: {_text(ask.questions[0].text)}")
    elif ask.topic.endswith("?"):
        body.append(f"I have a question I'd love your view on: {_text(ask.topic)}")
    else:
        body.append(f"I'd love to learn more about {_text(ask.topic).rstrip('.')}.")
    body.append(_why_line(ask))
    call = "an hour-long" if ask.minutes == 60 else f"a {ask.minutes}-minute"
    time_line = f"Would you mind if I scheduled {call} call with you?"
    if ask.kind == "once":
        one = "call" if len(ask.questions) > 1 else "question"
        time_line += f" It's a one-off {one}, not an ongoing commitment."
    else:
        time_line += (" I'd love for it to become an ongoing conversation if that suits "
                      "you, but one call would already help a lot.")
    body.append(time_line)
    body.append("No worries at all if now isn't a good time.")
    return _note(ask_subject(ask), person, body, owner)


def _met_line(person: Person, today: date) -> str:
    """Where you met, from their `via` and `met`: "It was good to meet you at the event on
    13 November", "We met through work on 2 March", "We connected online on 5 June"."""
    via = (person.via or "").strip()
    key = via.casefold()
    when = "today" if person.met_on == today else (
        f"on {_day(person.met_on, today)}" if person.met_on is not None else "")
    if key in _AT_EVENT:
        return f"It was good to meet you {_AT_EVENT[key]}{' ' + when if when else ''}."
    if key == "platform":
        return f"We connected online{' ' + when if when else ''}."
    how = _MET_WORDS.get(key, f"through {_text(via)}" if via and key != "other" else "")
    if person.met_on == today:
        return f"It was good to meet you{' ' + how if how else ''} today."
    words = " ".join(x for x in (how, when) if x)
    return f"We met {words}." if words else ""


def _who_i_am(owner: Owner | None) -> str:
    if owner is None or not (owner.name or owner.role or owner.org):
        return ""
    role = f", {_text(owner.role)}" if owner.role else ""
    org = f" at {_text(owner.org)}" if owner.org else ""
    if owner.name:
        return f"I'm {_text(owner.name)}{role}{org}."
    return f"I work{' as ' + _text(owner.role) if owner.role else ''}{org}."


def _why_line(ask: Ask) -> str:
    if ask.why:
        why = re.sub(r"^because\s+", "", _text(ask.why), flags=re.IGNORECASE)
        return f"I'm asking you because {why.rstrip('.')}."
    p = ask.person
    focus = " and ".join(_text(t) for t in p.focus[:2])
    parts = "your work" + (f" on {focus}" if focus else "")
    if p.role and p.role.strip():
        parts += f" as {_text(p.role)}"
    if p.org and p.org.strip():
        parts += f" at {_text(p.org)}"
    return f"I'm asking you because of {parts}."


def _minutes(minutes: int) -> str:
    return "an hour" if minutes == 60 else f"{minutes} minutes"


def ask_json(ask: Ask, text: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "person": _person_json(ask.person),
        "subject": ask_subject(ask),
        "topic": ask.topic,
        "why": ask.why,
        "time_minutes": ask.minutes,
        "kind": ask.kind,
        "text": text,
        "checks": [{"check": c.check, "ok": c.ok, "message": c.message} for c in ask.checks],
    }
    assert tuple(data) == ASK_KEYS
    return data


# update -----------------------------------------------------------------------------------


def update_subject(update: KeepWarm) -> str:
    return "A quick update from me"


def update_parts(update: KeepWarm) -> tuple[list[str], tuple[Item, ...]]:
    """The body's blocks, and the items they tell: as many as fit in MAX_WORDS."""
    today, together = update.today, update.together
    met = together.day if together is not None else None
    if update.since_given and update.since is not None:
        intro = (f"Here is a quick update on what I have been working on since "
                 f"{_day(update.since, today)}.")
    elif together is not None:
        last_time = "we last met" if together.met else "we were last in touch"
        intro = (f"Since {last_time} on {_day(together.day, today)}, here is a quick update "
                 "on what I have been working on.")
    elif update.since is not None:
        intro = (f"Since we were last in touch on {_day(update.since, today)}, here is a "
                 "quick update on what I have been working on.")
    else:
        intro = "A quick update on what I have been working on lately."
    offer = offer_line(update.offer, update.person)
    budget = MAX_WORDS - _words(intro) - _words(offer)
    lines: list[str] = []
    told: list[Item] = []
    for item in update.items:
        line = f"- {_indent(_item_text(item))}"
        if _words(line) > budget:
            if not lines and budget > 10:  # one long item: its start, then an ellipsis
                lines.append(_clip(line, budget))
                told.append(item)
            break
        lines.append(line)
        told.append(item)
        budget -= _words(line)
    if not lines:
        intro = ("Nothing big to report, but I wanted to say hello and keep in touch."
                 if met is not None or update.since is not None else
                 "I wanted to say hello and keep in touch.")
    body = [intro] + (["\n".join(lines)] if lines else []) + [offer]
    return body, tuple(told)


def update_markdown(update: KeepWarm) -> str:
    body, _ = update_parts(update)
    return _note(update_subject(update), update.person, body, update.owner)


def _item_text(item: Item) -> str:
    text = _text(item.text)
    if item.kind == "progress" and item.goal is not None:
        return f"Progress on “{_text(item.goal.text)}”: {text}"
    if item.kind == "challenge":
        return f"A challenge I'm working through: {text}"
    return text


def offer_line(offer: Offer, person: Person) -> str:
    """One light question, or one offer to help: never both, never more than one."""
    focus = " and ".join(_text(t) for t in offer.focus[:2])
    org = _text(offer.org) if offer.org else None
    if offer.kind == "question":
        return (f"How are things going with {focus} on your side?" if focus
                else "How are things going on your side?")
    if offer.in_house:
        return {"mentoring": "If someone on your team could use a mentor, I'd be glad "
                             "to help.",
                "info": "I'd be happy to share what my team has learned"
                        + (f" about {focus}" if focus else "") + " with yours.",
                }.get(offer.kind, "If there is anything I can do for your team, "
                                  "just say the word.")
    return {
        "intro": (f"If it would help, I'd be glad to introduce you to someone I know who "
                  f"works on {focus}." if focus else
                  "If it would help, I'd be glad to introduce you to someone in my network."),
        "feedback": (f"If it's useful, I'd be happy to try {org}'s product and send you "
                     "candid feedback." if org else
                     "If it's useful, I'd be happy to give candid feedback on anything "
                     "you are building or writing."),
        "perspective": (f"If an outside view on {focus} would help, I'm happy to share how "
                        "we do it where I work." if focus else
                        "If an outside view would help with anything, I'm happy to share "
                        "how we do it where I work."),
        "evangelise": (f"If {org} is hiring or launching something, send it my way and "
                       "I'll share it." if org else
                       "If you are hiring or launching something, send it my way and "
                       "I'll share it."),
        "mentoring": (f"If someone junior at {org} could use a mentor, I'd be glad to help."
                      if org else "If someone on your team could use a mentor, I'd be "
                                  "glad to help."),
        "info": (f"If I come across a good read on {focus}, I'll send it your way." if focus
                 else "If I come across something useful for your work, I'll send it "
                      "your way."),
    }.get(offer.kind, "If there is anything I can do for you, just say the word.")


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’.-]\w+)*", text))


def _clip(line: str, budget: int) -> str:
    words = line.split(" ")
    kept: list[str] = []
    for word in words:
        if _words(" ".join([*kept, word])) > budget:
            break
        kept.append(word)
    return " ".join(kept).rstrip(",;:") + "…"


def body_words(update: KeepWarm) -> int:
    """The words of the body: what MAX_WORDS caps."""
    body, _ = update_parts(update)
    return sum(_words(b) for b in body)


def update_json(update: KeepWarm, text: str) -> dict[str, Any]:
    _, told = update_parts(update)
    offer = update.offer
    data: dict[str, Any] = {
        "person": _person_json(update.person),
        "since": update.since,
        "subject": update_subject(update),
        "items": [{"kind": i.kind, "id": i.id, "text": i.text, "on": i.on,
                   "goal": ({"id": i.goal.id, "text": i.goal.text} if i.goal else None)}
                  for i in told],
        "offer": {"kind": offer.kind, "text": offer_line(offer, update.person)},
        "text": text,
    }
    assert tuple(data) == UPDATE_KEYS
    return data


# thanks -----------------------------------------------------------------------------------


def thanks_subject(thanks: Thanks) -> str:
    if thanks.favour is not None:
        kind = thanks.favour.kind
        return f"Thank you for the {kind}" if kind in ("intro", "referral") \
            else "Thank you for your help"
    if thanks.touchbase is not None and thanks.touchbase.feedback:
        return "Thank you for your advice"
    return "Thank you for your time"


def thanks_markdown(thanks: Thanks) -> str:
    """The thank-you: what for, quoted as recorded, and what came of it when recorded."""
    today = thanks.today
    day = _day(thanks.on, today)
    favour, touchbase = thanks.favour, thanks.touchbase
    if favour is not None:
        what = _text(favour.description)
        body = [f"Thank you for your help on {day}: {_indent(what).rstrip('.')}." if what
                else f"Thank you for {_THANKED_FOR.get(favour.kind, 'your help')} on {day}."]
    else:
        assert touchbase is not None
        where = _CHANNEL_WORDS.get(touchbase.channel, "your time")
        if touchbase.feedback and touchbase.feedback.strip():
            body = [f"Thank you for {where} on {day}, and for your advice: "
                    f"{_indent(_text(touchbase.feedback)).rstrip('.')}."]
        else:
            body = [f"Thank you for {where} on {day}: I really appreciated your time."]
    if thanks.outcomes:
        body.append("Here is what has happened since:\n\n" + "\n".join(
            f"- {_indent(_text(o.text))}" for o in thanks.outcomes))
        body.append("Your help made a real difference.")
    else:
        body.append("I really appreciate it.")
    return _note(thanks_subject(thanks), thanks.person, body, thanks.owner)


def thanks_json(thanks: Thanks, text: str) -> dict[str, Any]:
    if thanks.favour is not None:
        f = thanks.favour
        what: dict[str, Any] = {"type": "favour", "id": f.id, "on": f.happened_on,
                                "kind": f.kind, "text": f.description}
    else:
        t = thanks.touchbase
        assert t is not None
        what = {"type": "touchbase", "id": t.id, "on": t.happened_on, "kind": t.channel,
                "text": t.feedback}
    data: dict[str, Any] = {
        "person": _person_json(thanks.person),
        "for": {**what, "outcomes": [{"kind": o.kind, "id": o.id, "text": o.text,
                                      "on": o.on} for o in thanks.outcomes]},
        "subject": thanks_subject(thanks),
        "text": text,
    }
    assert tuple(data) == THANKS_KEYS
    return data
