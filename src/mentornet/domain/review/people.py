"""How the review names a person, and who counts as a mentor on the panel."""

from __future__ import annotations

from dataclasses import dataclass

from mentornet.domain.records import Person

MENTOR_KINDS = ("formal", "informal")


@dataclass(frozen=True)
class Ref:
    """A person named in the review."""

    id: int
    name: str
    kind: str


def ref_of(person: Person) -> Ref:
    return Ref(id=person.id, name=person.name, kind=person.kind)


def is_mentor(person: Person) -> bool:
    return person.kind in MENTOR_KINDS and person.status == "active"
