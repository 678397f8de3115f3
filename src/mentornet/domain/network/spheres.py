"""Which social system each person comes from (their sphere): as you set it, or guessed.

Higgins & Kram (2001) measure the diversity of a developmental network by the number of
social systems its people come from: your employer, former employers, school, your
industry and professional communities, family and friends. `add/edit --sphere` sets a
person's sphere; until then it is guessed, on every read, from what is already known,
so a guess follows a change of organisation and is never stored as if you had said it.
"""

from __future__ import annotations

from typing import NamedTuple

from mentornet.domain.owner import Owner, in_house
from mentornet.domain.records import Person
from mentornet.vocab import SPHERES

# How you met (`--via`) and the sphere it points to. The work words point to your employer
# only when the person is there still (see `guess`): otherwise to a former employer.
VIA_SPHERES = {
    "alumni": "school", "school": "school", "university": "school", "class": "school",
    "platform": "platform", "online-event": "platform",
    "friends-family": "friends-family", "friend": "friends-family", "family": "friends-family",
    "event": "industry", "conference": "industry", "referral": "industry",
    "meetup": "community", "community": "community", "volunteering": "community",
}
WORK_VIA = ("work", "manager", "skip-level", "colleague")


class Sphere(NamedTuple):
    """A person's sphere, and where it comes from."""

    name: str | None  # one of SPHERES; None: nothing is known to guess from
    guessed: bool  # True: not set by you
    reason: str  # why, in a few words: "set by you", "same organisation as yours"...


def sphere_of(person: Person, owner: Owner | None) -> Sphere:
    """The person's sphere as you set it, else guessed from their organisation and `via`."""
    if person.sphere in SPHERES:
        return Sphere(person.sphere, False, "set by you")
    return guess(person, owner)


def guess(person: Person, owner: Owner | None) -> Sphere:
    """The sphere what is known points to: the same organisation as `me --org` is your
    employer; `via` alumni is school; `via` platform or online-event is a platform;
    `via` work (a manager, a colleague) elsewhere now is a former employer; an event or a
    referral is your industry; a known organisation of their own is your industry too."""
    if in_house(owner, person):
        return Sphere("employer", True, "guessed: same organisation as yours")
    via = " ".join((person.via or "").split()).casefold()
    if via in WORK_VIA:
        if owner is not None and owner.org and person.org:
            return Sphere("former-employer", True, f"guessed: met via {via}, now elsewhere")
        return Sphere("employer", True, f"guessed: met via {via}")
    if via in VIA_SPHERES:
        return Sphere(VIA_SPHERES[via], True, f"guessed: met via {via}")
    if person.org:
        return Sphere("industry", True, "guessed: works at another organisation")
    return Sphere(None, True, "unknown: set it with --sphere")
