"""Your career phase (`mentornet me --phase`) and the kind of mentor each one calls for.

The one table of what each phase needs, each line with its reason. `review` checks the
panel against the line of your phase (see domain/network/shape.py): is there an active
mentor whose focus, or whose touch-bases of the last year, are about what it calls for,
from the sphere it calls for?
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from mentornet.domain.names import tag_key
from mentornet.vocab import PHASES


class Phase(NamedTuple):
    name: str  # one of vocab.PHASES
    you_are: str  # "You are {you_are}": "changing roles"
    calls_for: str  # the mentor this phase needs, in words
    reason: str  # why, in plain words
    words: tuple[str, ...]  # a focus tag or topic containing one shows the help is there
    spheres: tuple[str, ...] = ()  # the mentor comes from one of these (empty: anywhere)
    formal_monthly: bool = False  # the mentor is a formal one, meeting about monthly
    gap: str = ""  # what the review says when nobody fits
    who: str = ""  # who would fit


PHASE_TABLE: dict[str, Phase] = {phase.name: phase for phase in (
    Phase("early-career", "early in your career",
          "someone in your organisation who helps you navigate it and build communication "
          "and relationship skills",
          "Early on, much of what decides how you progress is unwritten: how the "
          "organisation works and how to communicate and build relationships in it. "
          "Someone inside who knows it can show you.",
          ("communicat", "relationship", "navigat", "organisation", "organization",
           "influence", "stakeholder", "politic", "presenting", "writing"),
          spheres=("employer",),
          gap="nobody in your organisation on your panel helps you navigate it or build "
              "communication and relationship skills",
          who="a senior colleague outside your reporting line would"),
    Phase("new-team", "new to a team",
          "someone who helps you acclimate to the team",
          "In a new team the quickest way in is someone who already knows its people, "
          "habits and history.",
          ("team", "onboard", "culture", "acclimat", "people", "ramp"),
          spheres=("employer",),
          gap="nobody on your panel helps you find your way in the new team",
          who="someone who has worked in or next to the team for a while would"),
    Phase("new-domain", "new to a product or domain",
          "someone who knows the product or domain you joined",
          "A new product or domain has its own words and judgement; someone who has worked "
          "in it for years saves months of learning alone.",
          ("domain", "product", "technical", "industry", "market", "customer", "ramp"),
          spheres=("employer", "industry", "former-employer", "community"),
          gap="nobody on your panel helps you learn the new domain",
          who="someone who has worked in that domain for years would"),
    Phase("changing-roles", "changing roles",
          "someone who helps you define what you want from the next role (your selection "
          "criteria)",
          "Before looking for the next role it pays to know what you want from it, and "
          "someone who has hired for such roles knows what matters and what to ask.",
          ("career", "next role", "job", "role change", "interview", "hiring", "selection",
           "criteria", "negotiat", "transition"),
          gap="nobody on your panel has helped you define what you want from the next role",
          who="someone who has hired for it would"),
    Phase("toward-management", "moving toward management",
          "a formal mentor a level or two above you, meeting about monthly around a 6 to "
          "18 month goal",
          "Moving into management is a change of job, not just a promotion: a formal mentor "
          "who has made the move, with a regular rhythm and a goal, gives it structure.",
          ("lead", "manag", "people", "team", "hiring", "delegat", "coaching"),
          formal_monthly=True,
          gap="no formal mentor on your panel meets you about monthly around leadership",
          who="someone a level or two above, meeting monthly around a 6 to 18 month goal, "
              "would"),
    Phase("senior", "later in your career",
          "someone outside your organisation who helps you see broader opportunities and "
          "prioritise for impact",
          "Later in a career the question is less how to do the job than which work to take "
          "on; someone from outside sees opportunities and trade-offs you no longer see "
          "from inside.",
          ("strateg", "impact", "priorit", "opportunit", "board", "vision", "portfolio",
           "influence"),
          spheres=("former-employer", "school", "industry", "community", "platform",
                   "friends-family"),
          gap="nobody outside your organisation on your panel helps you see broader "
              "opportunities and prioritise for impact",
          who="a peer or a senior leader in your industry would"),
)}

# The about-monthly rhythm `toward-management` asks of a formal mentor: every five weeks
# at most, a month with some slack.
MONTHLY_CADENCE_DAYS = 35

if set(PHASE_TABLE) != set(PHASES):  # the vocabulary and the table are one list
    raise RuntimeError("every phase in vocab.PHASES needs a line in PHASE_TABLE")


def phase_line(name: str | None) -> Phase | None:
    """The table's line for a phase; None for no phase (or one no longer known)."""
    return PHASE_TABLE.get(name or "")


def fits(phase: Phase, texts: Iterable[str]) -> bool:
    """Whether any of `texts` (focus tags, topics) is about what the phase calls for."""
    return any(word in tag_key(text) for text in texts for word in phase.words)
