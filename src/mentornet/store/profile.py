"""Load everything `show` needs about one person, in a handful of plain-SQL reads."""

from __future__ import annotations

import sqlite3

from mentornet.config import cadence_for
from mentornet.domain.profile import Profile
from mentornet.store import queries


def load_profile(conn: sqlite3.Connection, name: str) -> Profile:
    person = queries.resolve(conn, name)
    general = person.kind == "formal"  # items parked for every formal mentor
    return Profile(
        person=person,
        cadence_days=cadence_for(person.kind, person.cadence_days),
        touchbases=tuple(queries.touchbases(conn, [person.id])),
        favours=tuple(queries.favours(conn, [person.id])),
        parked=tuple(queries.parked_items(conn, [person.id], general=general,
                                          open_only=True)),
        followups=tuple(queries.followups(conn, [person.id])),
        goals=tuple(queries.goals(conn, mentor_id=person.id)),
    )
