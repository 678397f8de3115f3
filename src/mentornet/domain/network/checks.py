"""Two checks of the panel against where you are: does someone on it give what your phase
calls for (phases.py), and which quiet former mentor is worth reconnecting with?"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from mentornet.domain.names import tag_key
from mentornet.domain.network.phases import MONTHLY_CADENCE_DAYS, Phase, fits
from mentornet.domain.records import Person
from mentornet.domain.relationship import Relationship
from mentornet.domain.review.people import MENTOR_KINDS, Ref, is_mentor, ref_of

# A tie is dormant after a year without a two-way contact. Levin, Walter & Murnighan
# (2011) had executives reconnect with contacts quiet for three years or more and found
# the advice as useful as their current ties' and newer to them; a personal panel forgets
# people sooner, so a year is already long enough to suggest one.
DORMANT_DAYS = 365


@dataclass(frozen=True)
class PhaseCheck:
    phase: Phase
    mentors: tuple[Ref, ...]  # active mentors who give what the phase calls for

    @property
    def ok(self) -> bool:
        return bool(self.mentors)

    @property
    def text(self) -> str:
        p = self.phase
        if self.ok:
            return (f"You are {p.you_are}: {_names(self.mentors)} "
                    f"{'gives' if len(self.mentors) == 1 else 'give'} what it calls for, "
                    f"{p.calls_for}.")
        return f"You are {p.you_are}: {p.gap}; {p.who}."


def _names(refs: Sequence[Ref]) -> str:
    names = [ref.name for ref in refs[:3]] + ([f"{len(refs) - 3} more"] if len(refs) > 3
                                              else [])
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def check_phase(phase: Phase, people: Sequence[Person], spheres: Mapping[int, str | None],
                topics: Mapping[int, Iterable[str]], cadence: Mapping[int, int]) -> PhaseCheck:
    """The active mentors who give what `phase` calls for: from one of its spheres (when
    it names some), formal and meeting about monthly (when it asks for that), with a focus
    tag or a topic of the last year about it (phases.fits)."""
    found = []
    for person in people:
        if not is_mentor(person):
            continue
        if phase.spheres and spheres.get(person.id) not in phase.spheres:
            continue
        if phase.formal_monthly and (person.kind != "formal"
                                     or cadence.get(person.id, 0) > MONTHLY_CADENCE_DAYS):
            continue
        if fits(phase, person.focus) or fits(phase, topics.get(person.id, ())):
            found.append(ref_of(person))
    return PhaseCheck(phase=phase, mentors=tuple(found))


@dataclass(frozen=True)
class Dormant:
    """A quiet former mentor whose focus fits a current goal or your phase."""

    person: Ref
    status: str
    last_two_way: date
    quiet_days: int
    fits: tuple[str, ...]  # their focus tags that an open goal needs
    fits_phase: bool  # their focus is about what your phase calls for

    @property
    def text(self) -> str:
        why = (f"their focus ({', '.join(self.fits)}) fits a current goal" if self.fits
               else "their focus fits what your phase calls for")
        quiet = f"{self.quiet_days // 30} months" if self.quiet_days < 730 else \
            f"{self.quiet_days // 365} years"
        state = f", {self.status}" if self.status != "active" else ""
        return (f"Reconnect with {self.person.name}{state}: quiet for {quiet}, and {why}. "
                "A short note saying what you are working on now is enough.")


def dormant_tie(people: Sequence[Person], states: Mapping[int, Relationship],
                goal_focus: Iterable[str], phase: Phase | None, *, today: date,
                two_way_counts: Mapping[int, int]) -> Dormant | None:
    """One dormant tie worth reconnecting with, or None: a formal or informal mentor who
    is paused, archived, or a year quiet, with a two-way contact once, whom you are not
    waiting on for a reply (the relationship model's easing off), and whose focus fits an
    open goal or the phase. The best fit first, then the longest shared history."""
    wanted = {tag_key(tag) for tag in goal_focus}
    best: tuple[tuple[int, int, date], Dormant] | None = None
    for person in people:
        state = states.get(person.id)
        if person.kind not in MENTOR_KINDS or state is None or state.easing_off:
            continue
        last = state.last_two_way
        if last is None:
            continue
        quiet = (today - last).days
        if person.status == "active" and quiet < DORMANT_DAYS:
            continue
        tags = tuple(tag for tag in person.focus if tag_key(tag) in wanted)
        on_phase = phase is not None and fits(phase, person.focus)
        if not tags and not on_phase:
            continue
        rank = (len(tags) + on_phase, two_way_counts.get(person.id, 0), last)
        if best is None or rank > best[0]:
            best = (rank, Dormant(person=ref_of(person), status=person.status,
                                  last_two_way=last, quiet_days=quiet, fits=tags,
                                  fits_phase=on_phase))
    return best[1] if best is not None else None
