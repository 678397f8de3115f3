"""The fixed words of the data model: kinds, statuses, channels, favour and parked kinds."""

from __future__ import annotations

from mentornet.errors import BadInput

# A contact is someone in your network who is not (yet) on your panel: imported people
# start as contacts; `due` never lists them.
KINDS = ("formal", "informal", "prospect", "mentee", "contact")
PANEL_KINDS = ("formal", "informal", "prospect", "mentee")
# Each kind as a sentence names one person of it: "Added Dana Lee as a formal mentor."
A_KIND = {"formal": "a formal mentor", "informal": "an informal mentor",
          "prospect": "a prospect", "mentee": "a mentee", "contact": "a contact"}
STATUSES = ("active", "paused", "archived")
# "other": a contact of an unknown kind, such as the last contact given to `add`.
CHANNELS = ("meeting", "call", "video", "coffee", "message", "email", "event", "other")
INITIATORS = ("me", "them")
FAVOUR_KINDS = ("intro", "feedback", "perspective", "evangelise", "mentoring", "info",
                "referral", "other")
FAVOUR_DIRECTIONS = ("give", "got")
PARKED_KINDS = ("question", "idea", "win", "challenge", "update")
GOAL_STATUSES = ("open", "done", "dropped")
# How you met someone: these are suggestions; any other text is kept as written.
VIA_SOURCES = ("work", "manager", "skip-level", "colleague", "friends-family", "alumni",
               "online-event", "event", "platform", "referral", "other")

# The social systems a person of your network comes from (Higgins & Kram, 2001): where
# they know you from. `platform`: a mentoring platform or an online event.
SPHERES = ("employer", "former-employer", "school", "industry", "community", "platform",
           "friends-family")
# Your career phase (`mentornet me --phase`): what each calls for is in
# domain/network/phases.py.
PHASES = ("early-career", "new-team", "new-domain", "changing-roles", "toward-management",
          "senior")
CLOSENESS = range(1, 6)  # how close you feel to someone, 1 (distant) to 5 (very close)


def choose(value: str, allowed: tuple[str, ...], *, what: str) -> str:
    """Return `value` normalised to one of `allowed`, or raise a clear BadInput.

    A unique prefix is accepted (`inf` for `informal`), case-insensitively.
    """
    text = value.strip().lower()
    if text in allowed:
        return text
    matches = [word for word in allowed if text and word.startswith(text)]
    if len(matches) == 1:
        return matches[0]
    raise BadInput(f"unknown {what} {value!r}: use one of {', '.join(allowed)}")
