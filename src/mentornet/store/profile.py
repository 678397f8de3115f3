"""Load everything `show` needs about one person, in a handful of plain-SQL reads."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from mentornet.domain.profile import Profile
from mentornet.store import queries
from mentornet.store.addresses import emails

if TYPE_CHECKING:
    from mentornet.domain.records import TouchBase
    from mentornet.domain.rules import Rules


def _together(conn: sqlite3.Connection, person_id: int,
              touchbases: tuple[TouchBase, ...]) -> dict[int, tuple[str, ...]]:
    """Who else was there, by touch-base, for those of a conversation with several."""
    groups = queries.groups(conn, (t.group_id for t in touchbases if t.group_id is not None))
    others = {pid for members in groups.values() for _, pid in members if pid != person_id}
    names = {p.id: p.name for p in queries.people(conn, ids=others)} if others else {}
    return {t.id: tuple(names[pid] for tid, pid in groups.get(t.group_id, [])
                        if tid != t.id and pid != person_id and pid in names)
            for t in touchbases if t.group_id is not None}


def load_profile(conn: sqlite3.Connection, name: str, *, rules: Rules,
                 today: date) -> Profile:
    """`rules` give the cadence of a person who has none of their own."""
    from mentornet.domain.network.spheres import sphere_of
    from mentornet.domain.relationship import relationship_of

    person = queries.resolve(conn, name)
    general = person.kind == "formal"  # items parked for every formal mentor
    cadence = rules.cadence_for(person.kind, person.cadence_days)
    # Records dated after today are not looked at, as in `due`: `show` as of that day.
    touchbases = tuple(tb for tb in queries.touchbases(conn, [person.id])
                       if tb.happened_on <= today)
    favours = tuple(f for f in queries.favours(conn, [person.id]) if f.happened_on <= today)
    followups = tuple(queries.followups(conn, [person.id]))
    added_on = queries.added_on(conn, [person.id]).get(person.id)
    standing = relationship_of(person, touchbases, favours, followups, today=today,
                               cadence_days=cadence, added_on=added_on)
    tie = None
    if person.kind != "contact":
        from mentornet.domain.network.ties import History, tie_of

        tie = tie_of(History(person, list(touchbases), favours, added_on=added_on),
                     taking=standing.one_sided, cadence_days=cadence, today=today)
    return Profile(
        together=_together(conn, person.id, touchbases),
        person=person,
        cadence_days=cadence,
        touchbases=touchbases,
        favours=favours,
        parked=tuple(queries.parked_items(conn, [person.id], general=general,
                                          open_only=True)),
        followups=followups,
        goals=tuple(queries.goals(conn, mentor_id=person.id)),
        standing=standing,
        sphere=sphere_of(person, queries.owner(conn)),
        job_changes=tuple(queries.job_changes(conn, [person.id])),
        emails=emails(conn, [person.id]).get(person.id, ()),
        tie=tie,
    )
