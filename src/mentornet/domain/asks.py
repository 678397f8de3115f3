"""A clear, targeted ask (`mentornet ask`): the topic, why this person, how much time, and
whether it is one question or something ongoing, checked before it is drafted.

A vague ask ("Can you tell me more about product?") leaves the other person nothing to say
yes to: `check_ask` finds what is missing. Pure functions: no database, no clock.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from mentornet.domain.owner import Owner
from mentornet.domain.records import ParkedItem, Person, TouchBase

DEFAULT_MINUTES = 30
EVENT_SOURCES = ("event", "online-event")  # `via` values that mean you met at an event

# Words that name nothing specific on their own: a topic made only of these is vague.
GENERIC_WORDS = frozenset("""
a about advice an and any anything are ask at be can career careers chat could do does
everything experience for general get give good have help how i i'd i'm in industry info
information insight insights interested into is it job jobs know learn life like looking
me more my of on or pick picking please product products question questions quick some
something stuff tech tell thing things thought thoughts tips to want what work would you
your yours brain chat catch up advise guidance mentoring mentor mentorship opportunity
opportunities role roles management pm pms business field space area world journey
path time call coffee meet meeting talk connect network networking interest interests
hear share discuss from with the this that there their they them we us our was were has
had so just very really much all
""".split())
CLEAR_EXAMPLE = ("mentornet ask NAME --topic \"how gaming PM teams are structured\" "
                 "--why \"you moved from e-commerce to gaming\"")


class Check(NamedTuple):
    """One test the ask was put to: `ok`, and what it found, in words."""

    check: str  # "topic", "why", "time", "kind", "timing"
    ok: bool
    message: str


class Ask(NamedTuple):
    """Everything `ask` says, as data."""

    person: Person
    today: date
    topic: str  # --topic as given, or the open questions parked for them, joined by "; "
    questions: tuple[ParkedItem, ...]  # the parked questions the topic came from
    why: str | None  # --why as given; None: their role, organisation and focus say it
    minutes: int
    kind: str  # "once" or "ongoing"
    owner: Owner | None
    met_today_at_event: bool
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def problems(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)


def build_ask(*, person: Person, parked: Iterable[ParkedItem],
              touchbases: Iterable[TouchBase], today: date, topic: str | None,
              why: str | None, minutes: int = DEFAULT_MINUTES, kind: str = "once",
              owner: Owner | None = None) -> Ask:
    """The ask to `person`, checked. Without `topic`, the open questions parked for them."""
    topic = " ".join(topic.split()) if topic else None
    why = " ".join(why.split()) if why else None
    questions: tuple[ParkedItem, ...] = ()
    if topic is None:
        questions = tuple(sorted((i for i in parked if i.is_open and i.kind == "question"
                                  and i.person_id == person.id),
                                 key=lambda i: (i.parked_on, i.id)))
    text = topic if topic is not None else "; ".join(" ".join(q.text.split())
                                                     for q in questions)
    event_today = met_today_at_event(person, touchbases, today=today)
    checks: tuple[Check, ...] = (
        _topic_check(topic, questions, person),
        _why_check(why, person),
        Check("time", True, f"asks for {minutes} minutes"),
        Check("kind", True, "a one-off question" if kind == "once"
              else "asks for something ongoing"),
    )
    if event_today:
        checks += (Check("timing", True, "you met today at an event: send it a couple of "
                                         "hours later, not straight away"),)
    return Ask(person=person, today=today, topic=text, questions=questions, why=why,
               minutes=minutes, kind=kind,
               owner=owner if owner is not None and owner.is_set else None,
               met_today_at_event=event_today, checks=checks)


def is_vague(topic: str) -> bool:
    """A topic that names nothing specific: only words like "product", "career",
    "advice" or "tell me more" (GENERIC_WORDS)."""
    words = re.findall(r"[\w'’]+", topic.casefold().replace("’", "'"))
    return not any(w not in GENERIC_WORDS and not w.isdigit() for w in words)


def met_today_at_event(person: Person, touchbases: Iterable[TouchBase], *,
                       today: date) -> bool:
    """You met them today at an event: added as met today via an event, or a chat at an
    event logged today."""
    if person.met_on == today and (person.via or "").strip().casefold() in EVENT_SOURCES:
        return True
    return any(t.person_id == person.id and t.happened_on == today and t.channel == "event"
               for t in touchbases)


def _topic_check(topic: str | None, questions: Sequence[ParkedItem],
                 person: Person) -> Check:
    first = person.name.split()[0] if person.name.split() else person.name
    if topic is None and not questions:
        return Check("topic", False,
                     f"no topic: say what you would like to learn from {first} with --topic, "
                     f"or park a question first (mentornet park \"{person.name}\" "
                     "\"How do you ...?\")")
    if topic is not None and is_vague(topic):
        return Check("topic", False,
                     f"the topic {topic!r} names nothing specific, so {first} would have "
                     "nothing to say yes to: name the problem or the part of their work "
                     "you want to learn about")
    if topic is None and all(is_vague(q.text) for q in questions):
        return Check("topic", False,
                     f"the questions parked for {first} name nothing specific: give a "
                     "--topic that names the problem or the part of their work you want to "
                     "learn about")
    what = "the topic you gave" if topic is not None else (
        "the question parked for them" if len(questions) == 1
        else f"the {len(questions)} questions parked for them")
    return Check("topic", True, f"names a specific topic: {what}")


def _why_check(why: str | None, person: Person) -> Check:
    if why:
        return Check("why", True, "says why them: the reason you gave")
    known = [x for x in (person.role, person.org) if x and x.strip()] + list(person.focus)
    if known:
        return Check("why", True, "says why them: their role, organisation and focus areas")
    first = person.name.split()[0] if person.name.split() else person.name
    return Check("why", False,
                 f"nothing says why {first}: give --why, or record their role, "
                 f"organisation or focus (mentornet edit \"{person.name}\" --role ...)")
