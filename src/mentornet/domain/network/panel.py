"""The network measured on a day, all parts together: what `review` shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from mentornet.domain.network.checks import Dormant, PhaseCheck, check_phase, dormant_tie
from mentornet.domain.network.help import HelpSeen, help_seen
from mentornet.domain.network.history import QuarterShape, by_quarter
from mentornet.domain.network.phases import Phase, phase_line
from mentornet.domain.network.shape import (
    KIND_WORDS,
    Diversity,
    Outsider,
    Strength,
    diversity_of,
    kind_of,
    move_for,
    strength_of,
)
from mentornet.domain.network.spheres import Sphere, sphere_of
from mentornet.domain.network.ties import History, Tie, tie_of
from mentornet.domain.owner import Owner
from mentornet.domain.records import Favour, Goal, Person, TouchBase
from mentornet.domain.relationship import Relationship
from mentornet.domain.review.people import MENTOR_KINDS, Ref, is_mentor, ref_of
from mentornet.domain.rules import Rules


@dataclass(frozen=True)
class Network:
    size: int  # active formal and informal mentors
    mentors: tuple[Ref, ...]
    spheres: Mapping[int, Sphere]  # by person id: every active mentor's sphere
    ties: tuple[Tie, ...]  # the active mentors' ties, strongest first
    diversity: Diversity
    strength: Strength
    kind: str | None  # receptive, traditional, opportunistic, entrepreneurial
    move: str  # the one move that would most improve it
    help: HelpSeen
    phase: PhaseCheck | None  # None: no phase set (`mentornet me --phase`)
    dormant: Dormant | None
    by_quarter: tuple[QuarterShape, ...]

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind or "", "No active mentors yet.")


def network_of(people: Sequence[Person], by_person: Mapping[int, Sequence[TouchBase]],
               favours_of: Mapping[int, Sequence[Favour]], states: Mapping[int, Relationship],
               *, owner: Owner | None, goals: Sequence[Goal],
               topics: Mapping[int, Sequence[tuple[date, tuple[str, ...]]]], today: date,
               rules: Rules, added: Mapping[int, date] | None = None,
               outsiders: Sequence[Person] = ()) -> Network:
    """The network on `today`. `people` are the panel (no contacts), `by_person` their
    touch-bases oldest first and `favours_of` their favours, up to today; `states` today's
    relationship of each; `topics` each person's two-way touch-bases of the last year as
    (day, topics); `goals` the open goals; `outsiders` contacts who might widen the panel.

    The work per person is bounded: their records sorted once, then one tie per quarter
    shown, each a few binary searches (ties.History.ties_on).
    """
    added = added or {}
    cadence = {p.id: rules.cadence_for(p.kind, p.cadence_days) for p in people}
    histories = {p.id: History(p, by_person.get(p.id, ()), favours_of.get(p.id, ()),
                               added_on=added.get(p.id))
                 for p in people if p.kind in MENTOR_KINDS}

    def tie_on(person: Person, day: date) -> Tie:
        history = histories[person.id]
        taking = (states[person.id].one_sided if day == today and person.id in states
                  else history.one_sided_on(day))
        return tie_of(history, taking=taking, cadence_days=cadence[person.id], today=day)

    def ties_on(person: Person, days: list[date]) -> list[Tie]:
        return histories[person.id].ties_on(days, cadence_days=cadence[person.id])

    mentors = [p for p in people if is_mentor(p)]
    spheres = {p.id: sphere_of(p, owner) for p in people if p.kind in MENTOR_KINDS}
    sphere_names = {pid: sphere.name for pid, sphere in spheres.items()}
    ties = [tie_on(p, today) for p in mentors]
    diversity = diversity_of([sphere_names[p.id] for p in mentors])
    strength = strength_of(ties)
    kind = kind_of(diversity, strength)
    mentor_ids = {p.id for p in mentors}
    # Only a narrow panel's move names someone from elsewhere (shape.move_for).
    wider = [Outsider(p.name, p.kind, sphere.name) for p in (*people, *outsiders)
             if p.id not in mentor_ids and p.status == "active"
             and p.kind in ("prospect", "contact")
             and (sphere := sphere_of(p, owner)).name is not None] \
        if kind in ("traditional", "receptive") else []
    names = {p.id: p.name for p in people}
    move = move_for(kind, diversity, ties, names, wider)
    on_panel = {p.id for p in people}
    seen = help_seen([fav for pid in on_panel for fav in favours_of.get(pid, ())],
                     [entry for pid in on_panel for entry in topics.get(pid, ())],
                     today=today)
    line = phase_line(owner.phase if owner is not None else None)
    recent = {pid: [topic for _, words in entries for topic in words]
              for pid, entries in topics.items()}
    check = (check_phase(line, people, sphere_names, recent, cadence)
             if line is not None else None)
    dormant = dormant_tie(people, states, [tag for goal in goals for tag in goal.focus],
                          line, today=today,
                          two_way_counts={pid: len(h.two_way) for pid, h in histories.items()})
    history = by_quarter([p for p in people if p.kind in MENTOR_KINDS], by_person,
                         sphere_names, ties_on, today, ties)
    return Network(size=len(mentors), mentors=tuple(ref_of(p) for p in mentors),
                   spheres={pid: spheres[pid] for pid in mentor_ids}, ties=tuple(
                       sorted(ties, key=lambda t: (-t.strength, t.person_id))),
                   diversity=diversity, strength=strength, kind=kind, move=move, help=seen,
                   phase=check, dormant=dormant, by_quarter=history)


__all__ = ["KIND_WORDS", "Diversity", "Dormant", "HelpSeen", "Network", "Outsider", "Phase",
           "PhaseCheck", "QuarterShape", "Sphere", "Strength", "Tie", "by_quarter",
           "check_phase", "diversity_of", "dormant_tie", "help_seen", "kind_of", "move_for",
           "network_of", "phase_line", "sphere_of", "strength_of", "tie_of"]
