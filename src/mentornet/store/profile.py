"""Load everything `show` needs about one person, in a handful of plain-SQL reads."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from mentornet.domain.profile import Profile
from mentornet.store import queries

if TYPE_CHECKING:
    from mentornet.domain.rules import Rules


def load_profile(conn: sqlite3.Connection, name: str, *, rules: Rules) -> Profile:
    """`rules` give the cadence of a person who has none of their own."""
    person = queries.resolve(conn, name)
    general = person.kind == "formal"  # items parked for every formal mentor
    return Profile(
        person=person,
        cadence_days=rules.cadence_for(person.kind, person.cadence_days),
        touchbases=tuple(queries.touchbases(conn, [person.id])),
        favours=tuple(queries.favours(conn, [person.id])),
        parked=tuple(queries.parked_items(conn, [person.id], general=general,
                                          open_only=True)),
        followups=tuple(queries.followups(conn, [person.id])),
        goals=tuple(queries.goals(conn, mentor_id=person.id)),
    )
