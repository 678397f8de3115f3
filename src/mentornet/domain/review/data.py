"""The review as JSON-ready data: the same content as the picture, dates as ISO text."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from mentornet.domain.review.composition import Move
from mentornet.domain.review.coverage import FocusCover
from mentornet.domain.review.people import Ref

if TYPE_CHECKING:
    from mentornet.domain.review.panel import Review


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _person_data(ref: Ref) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "kind": ref.kind}


def _move_data(move: Move) -> dict[str, Any]:
    return {**_person_data(move.person), "on": _iso(move.on), "status": move.status}


def _cover_data(cover: FocusCover) -> dict[str, Any]:
    return {"tag": cover.tag, "mentors": [_person_data(m) for m in cover.mentors],
            "candidates": [{**_person_data(c.person), "status": c.status, "role": c.role,
                            "org": c.org} for c in cover.candidates]}


def as_data(found: Review) -> dict[str, Any]:
    """The review as JSON-ready data: the same content as the picture, dates as ISO text."""
    comp, cov, rhythm, pipe = found.composition, found.coverage, found.rhythm, found.pipeline
    return {
        "today": _iso(found.today),
        "composition": {
            "total": comp.total,
            "counts": {kind: dict(by_status) for kind, by_status in comp.counts.items()},
            "quarters": [{"quarter": q.label, "start": _iso(q.start),
                          "joined": [_move_data(m) for m in q.joined],
                          "left": [_move_data(m) for m in q.left]} for q in comp.quarters],
        },
        "coverage": {
            "goals": [{"id": g.goal_id, "text": g.text, "target": _iso(g.target),
                       "has_mentor": g.has_mentor,
                       "mentors": [_person_data(m) for m in g.mentors],
                       "focus": [_cover_data(c) for c in g.focus]} for g in cov.goals],
            "without_mentor": [g.goal_id for g in cov.without_mentor],
            "uncovered": [{"goal": g.goal_id, "tag": c.tag} for g in cov.goals
                          for c in g.uncovered],
            "thin": [_cover_data(c) for c in cov.thin],
            "idle": [{**_person_data(i.person), "focus": list(i.focus)} for i in cov.idle],
        },
        "rhythm": {
            "months": [{"month": _iso(m.month), "touchbases": m.touchbases,
                        "two_way": m.two_way} for m in rhythm.months],
            "calendar": {"from": _iso(rhythm.start), "to": _iso(rhythm.end),
                         "total": rhythm.total,
                         "days": {day.isoformat(): n for day, n in rhythm.days.items()}},
        },
        "balance": [{**_person_data(b.person), "given": b.given, "got": b.got,
                     "touchbases": b.touchbases, "since_gave": b.since_gave,
                     "last_gave": _iso(b.last_gave), "one_sided": b.one_sided}
                    for b in found.balance],
        "unanswered": [{**_person_data(u.person), "outreaches": u.outreaches,
                        "since": _iso(u.since), "last": _iso(u.last), "ease_off": u.ease_off}
                       for u in found.unanswered],
        "pipeline": {
            "prospects": [{**_person_data(p.person), "status": p.status,
                           "met_on": _iso(p.met_on), "days_since_met": p.days_since_met,
                           "band": p.band, "touchbases": p.touchbases, "takeoff": p.takeoff,
                           "last_contact": _iso(p.last_contact)} for p in pipe.prospects],
            "mentees": [{**_person_data(m.person), "status": m.status,
                         "last_met": _iso(m.last_met),
                         "meetings_last_year": m.meetings_last_year,
                         "average_gap_days": m.average_gap_days,
                         "cadence_days": m.cadence_days, "on_rhythm": m.on_rhythm}
                        for m in pipe.mentees],
        },
        "network": _network(found),
        "suggestions": [{"topic": s.topic, "text": s.text} for s in found.suggestions],
    }


def _network(found: Review) -> dict[str, Any] | None:
    if found.network is None:
        return None
    from mentornet.domain.network.data import network_data

    return network_data(found.network)
