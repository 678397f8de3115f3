"""Open goals' focus areas against the active mentors' focus: gaps, thin spots, idle mentors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mentornet.domain.names import tag_key
from mentornet.domain.records import Goal, Person
from mentornet.domain.review.people import Ref, is_mentor, ref_of


@dataclass(frozen=True)
class Candidate:
    """Someone outside the active mentors whose focus matches a need."""

    person: Ref
    status: str
    role: str | None
    org: str | None


@dataclass(frozen=True)
class FocusCover:
    tag: str
    mentors: tuple[Ref, ...]  # active mentors with this focus
    candidates: tuple[Candidate, ...] = ()  # only when no mentor covers it


@dataclass(frozen=True)
class GoalCoverage:
    goal_id: int
    text: str
    target: date | None
    focus: tuple[FocusCover, ...]
    mentors: tuple[Ref, ...]  # active mentors helping with this goal

    @property
    def uncovered(self) -> tuple[FocusCover, ...]:
        return tuple(cover for cover in self.focus if not cover.mentors)

    @property
    def has_mentor(self) -> bool:
        """Someone helps with it, or at least one of its focus areas is covered."""
        return bool(self.mentors) or any(cover.mentors for cover in self.focus)


@dataclass(frozen=True)
class IdleMentor:
    """An active mentor whose focus no open goal needs and who helps with none."""

    person: Ref
    focus: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    goals: tuple[GoalCoverage, ...]  # open goals, by target date
    thin: tuple[FocusCover, ...]  # focus areas needed by goals and covered by one person only
    idle: tuple[IdleMentor, ...]

    @property
    def without_mentor(self) -> tuple[GoalCoverage, ...]:
        return tuple(goal for goal in self.goals if not goal.has_mentor)


_CANDIDATE_ORDER = {("prospect", "active"): 0, ("informal", "paused"): 1,
                    ("formal", "paused"): 1, ("prospect", "paused"): 2, ("contact", "active"): 3}


def _matches(person: Person, tag: str) -> bool:
    """A candidate for a focus tag: their focus, or failing that their role or organisation."""
    if tag in {tag_key(t) for t in person.focus}:
        return True
    return person.kind == "contact" and any(
        tag in tag_key(text) for text in (person.role, person.org) if text)


def cover(people: Sequence[Person], open_goals: Sequence[Goal], *,
          candidates_from: Sequence[Person] | None = None) -> Coverage:
    """Each open goal's focus areas against the focus areas of the active mentors.

    A goal's linked people (`goal add/edit --mentor`) of any kind, while active, help
    with it. Candidates for an uncovered focus come from `candidates_from` (contacts too).
    """
    mentors = [person for person in people if is_mentor(person)]
    helpers = {person.id for person in people if person.status == "active"}
    by_id = {person.id: person for person in people}
    covering: dict[str, list[Ref]] = defaultdict(list)
    for mentor in mentors:
        for tag in dict.fromkeys(tag_key(t) for t in mentor.focus):
            covering[tag].append(ref_of(mentor))
    outsiders = sorted(
        (p for p in (people if candidates_from is None else candidates_from)
         if p.kind != "mentee" and not is_mentor(p)),
        key=lambda p: (_CANDIDATE_ORDER.get((p.kind, p.status), 4), p.name.casefold(), p.id))

    def candidates(tag: str) -> tuple[Candidate, ...]:
        return tuple(Candidate(ref_of(p), p.status, p.role, p.org) for p in outsiders
                     if _matches(p, tag))

    goals = []
    needed: dict[str, str] = {}  # normalised tag -> the spelling of the first goal needing it
    for goal in open_goals:
        focus = []
        for tag in dict.fromkeys(goal.focus):
            key = tag_key(tag)
            needed.setdefault(key, tag)
            # an active mentor with the focus, or someone linked to this goal who has it
            who = tuple(covering.get(key, ())) or tuple(
                ref_of(by_id[i]) for i in goal.mentor_ids
                if i in helpers and key in {tag_key(t) for t in by_id[i].focus})
            focus.append(FocusCover(tag=tag, mentors=who,
                                    candidates=() if who else candidates(key)))
        helping = tuple(ref_of(by_id[i]) for i in goal.mentor_ids if i in helpers)
        goals.append(GoalCoverage(goal_id=goal.id, text=goal.text, target=goal.target,
                                  focus=tuple(focus), mentors=helping))
    thin = tuple(FocusCover(tag=tag, mentors=tuple(covering[key]))
                 for key, tag in needed.items() if len(covering.get(key, ())) == 1)
    helping_ids = {i for goal in open_goals for i in goal.mentor_ids}
    idle = tuple(IdleMentor(ref_of(m), m.focus) for m in mentors
                 if m.focus and m.id not in helping_ids
                 and not {tag_key(t) for t in m.focus} & needed.keys())
    return Coverage(goals=tuple(goals), thin=thin, idle=idle)

