"""Which kinds of help your panel gave you in the last year: Kram's career and psychosocial
functions of mentoring, read from the favours you got and the topics you talked about.

Kram (1985) separates career help (sponsorship, coaching, exposure and visibility,
challenging assignments), which helps you advance, from psychosocial help (role modelling,
acceptance, counselling, friendship), which helps you grow in confidence and identity.
mentornet does not ask which is which: a favour you got (`got --kind`) counts by its
kind, as FAVOUR_HELP says, and a touch-base counts for each of its topics (`log --topic`)
containing one of the words in TOPIC_HELP. Only the last 12 months count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mentornet.domain.names import tag_key
from mentornet.domain.records import Favour

CAREER = ("sponsorship", "coaching", "exposure", "challenging assignments")
PSYCHOSOCIAL = ("role modelling", "acceptance", "counselling", "friendship")
HELP_KINDS = {"career": CAREER, "psychosocial": PSYCHOSOCIAL}
HELP_WINDOW_DAYS = 365  # "in the last year"

# A favour received, by its kind (vocab.FAVOUR_KINDS), and the help it is.
FAVOUR_HELP = {
    "referral": "sponsorship",  # they put their name behind you
    "evangelise": "sponsorship",  # they spoke up for you
    "intro": "exposure",  # they opened a door to people you did not know
    "feedback": "coaching",
    "mentoring": "coaching",
    "info": "coaching",
    "perspective": "counselling",  # a view on what you face, to think it through
}
# A word in a touch-base topic, and the help it is.
TOPIC_HELP = {
    "sponsor": "sponsorship", "promotion": "sponsorship", "advoca": "sponsorship",
    "coach": "coaching", "skill": "coaching", "feedback": "coaching", "learn": "coaching",
    "visib": "exposure", "exposure": "exposure", "network": "exposure", "intro": "exposure",
    "stretch": "challenging assignments", "assignment": "challenging assignments",
    "challeng": "challenging assignments", "project": "challenging assignments",
    "role model": "role modelling", "leadership style": "role modelling",
    "values": "role modelling", "how they": "role modelling",
    "confidence": "acceptance", "imposter": "acceptance", "impostor": "acceptance",
    "recognition": "acceptance", "belong": "acceptance",
    "counsel": "counselling", "stress": "counselling", "burnout": "counselling",
    "work-life": "counselling", "balance": "counselling", "conflict": "counselling",
    "doubt": "counselling", "decision": "counselling",
    "friend": "friendship", "personal": "friendship", "family": "friendship",
    "life": "friendship",
}


@dataclass(frozen=True)
class HelpSeen:
    """Which kinds of help someone gave you in the window, and which nobody did."""

    seen: dict[str, int]  # help -> times (favours and topics) in the last year
    missing: dict[str, tuple[str, ...]]  # "career"/"psychosocial" -> the kinds nobody gave


def help_of_topic(topic: str) -> str | None:
    """The kind of help a touch-base topic is about, if any."""
    key = tag_key(topic)
    return next((help for word, help in TOPIC_HELP.items() if word in key), None)


def help_seen(favours: Iterable[Favour], topics: Iterable[tuple[date, Iterable[str]]], *,
              today: date) -> HelpSeen:
    """The help received in the last year: `favours` (only those you got count) and each
    two-way touch-base's (day, topics)."""
    since = today - timedelta(days=HELP_WINDOW_DAYS)
    seen: dict[str, int] = {}
    for fav in favours:
        help = FAVOUR_HELP.get(fav.kind)
        if fav.direction == "got" and help and since < fav.happened_on <= today:
            seen[help] = seen.get(help, 0) + 1
    known: dict[str, str | None] = {}  # topics repeat: each is read once
    for day, words in topics:
        if since < day <= today:
            for topic in words:
                if topic not in known:
                    known[topic] = help_of_topic(topic)
                if (help := known[topic]) is not None:
                    seen[help] = seen.get(help, 0) + 1
    missing = {group: tuple(kind for kind in kinds if kind not in seen)
               for group, kinds in HELP_KINDS.items()}
    return HelpSeen(seen=seen, missing=missing)
