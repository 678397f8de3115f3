"""You, the owner of the panel (`mentornet me`): how recaps sign off, and who is in-house.

Not to be confused with domain/profile.py, which is one person of the panel's page (`show`).
"""

from typing import Any, NamedTuple

from mentornet.domain.orgs import same_organisation
from mentornet.domain.records import Person


class Owner(NamedTuple):
    """Your own profile; every field may be empty (a NamedTuple, like the records)."""

    name: str | None = None
    org: str | None = None
    role: str | None = None
    emails: tuple[str, ...] = ()
    sign_off: str | None = None
    phase: str | None = None  # one of vocab.PHASES
    situation: str | None = None  # a free note on where you stand

    @property
    def is_set(self) -> bool:
        """Something recaps use is set (the phase and situation are not theirs)."""
        return any((self.name, self.org, self.role, self.emails, self.sign_off))

    @property
    def is_empty(self) -> bool:
        return not (self.is_set or self.phase or self.situation)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "org": self.org, "role": self.role,
                "emails": list(self.emails), "sign_off": self.sign_off,
                "phase": self.phase, "situation": self.situation}


def in_house(owner: Owner | None, person: Person) -> bool:
    """The person works in your own organisation (by name, or by your emails' domain)."""
    if owner is None:
        return False
    if owner.org and person.org and same_organisation(owner.org, person.org):
        return True
    if person.email and "@" in person.email:
        domain = person.email.rsplit("@", 1)[1].casefold()
        return any(email.rsplit("@", 1)[-1].casefold() == domain
                   for email in owner.emails if "@" in email)
    return False
